// Package charter models a constitution as structured, versioned text.
//
// A Charter (for example the Constitution of the Republic of Kazakhstan) has
// Versions ("1995 as amended 2022", "Draft of 2026-02-12"). Each version holds
// one Document per language (kk, ru, en), aligned by unit ID. A Document is a
// tree of Units: preamble, sections, articles, paragraphs (numbered and
// unnumbered), points and notes.
//
// # Unit IDs
//
// Every unit has a stable ID in the Akoma Ntoso eId style, derived only from
// numbers and kinds, never from sections, so an article keeps its ID when the
// sections around it change:
//
//	preamble                     the preamble
//	sec_N                        section N, in arabic digits even when written in roman numerals
//	art_N                        article N as written ("art_83-1")
//	art_N__para_M                numbered paragraph M ("art_8__para_3-1")
//	art_N__para_uK               the K-th unnumbered paragraph of the article
//	P__point_K                   point K) under paragraph P ("art_44__para_u1__point_3-1")
//	art_N__note_K                the K-th note of the article
//
// Numbers are kept as written without trailing punctuation: "83-1" for
// "Article 83-1", "3-1" for "3-1.", "1" for "1)", "IX" for "Section IX".
//
// # Footnotes
//
// Editorial footnotes ("Footnote." and "Footnote:" lines of official
// publications) are annotations of their article, or of their section when
// they stand between a section's title and its first article (the Kazakhstan
// text notes there that a section's title was amended). They are kept in
// Unit.Footnotes, never in normative text, and are left out of diffs and of
// the version hash.
//
// # Version hash
//
// See Hash for the canonical serialization that the content hash covers.
package charter

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the structural kind of a unit.
type Kind string

const (
	KindPreamble  Kind = "preamble"
	KindSection   Kind = "section"
	KindArticle   Kind = "article"
	KindParagraph Kind = "paragraph" // numbered when Number != "", unnumbered otherwise
	KindPoint     Kind = "point"
	KindNote      Kind = "note"
)

// UnitID is a unit's eId, e.g. "art_5__para_2".
type UnitID string

// Lang is a language code of a text: "kk", "ru" or "en".
type Lang string

// Languages are the languages a version may carry, in the order the platform
// shows them (Kazakh first, as Kazakhstan's e-government does).
var Languages = []Lang{"kk", "ru", "en"}

// ParseLang returns the Lang for s, or an error naming the accepted codes.
func ParseLang(s string) (Lang, error) {
	for _, l := range Languages {
		if string(l) == strings.ToLower(strings.TrimSpace(s)) {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown language %q: want kk, ru or en", s)
}

// Unit is one node of a charter text.
//
// Text is the unit's own normative text, without its number and without the
// text of its children: a paragraph that introduces points holds only its
// lead-in, and each point holds its own text. Lines inside a text (the
// preamble is often laid out in lines) are separated by "\n".
type Unit struct {
	ID        UnitID   `json:"id"`
	Kind      Kind     `json:"kind"`
	Number    string   `json:"number,omitempty"`    // as written, without trailing punctuation
	Heading   string   `json:"heading,omitempty"`   // a section's or article's title
	Text      string   `json:"text,omitempty"`      // own normative text
	Footnotes []string `json:"footnotes,omitempty"` // editorial annotations, not normative
	Children  []*Unit  `json:"children,omitempty"`
}

// Document is the text of one version in one language.
type Document struct {
	Title string  `json:"title,omitempty"` // e.g. "Constitution of the Republic of Kazakhstan"; not normative
	Lang  Lang    `json:"lang"`
	Units []*Unit `json:"units"` // top level: preamble, sections (holding articles), or articles
}

// Walk calls fn for every unit in document order (a unit before its
// children). It stops early when fn returns false.
func (d *Document) Walk(fn func(u *Unit, parent *Unit) bool) {
	var walk func(us []*Unit, parent *Unit) bool
	walk = func(us []*Unit, parent *Unit) bool {
		for _, u := range us {
			if !fn(u, parent) || !walk(u.Children, u) {
				return false
			}
		}
		return true
	}
	walk(d.Units, nil)
}

// Find returns the unit with the ID, or nil.
func (d *Document) Find(id UnitID) *Unit {
	var found *Unit
	d.Walk(func(u, _ *Unit) bool {
		if u.ID == id {
			found = u
			return false
		}
		return true
	})
	return found
}

// Articles returns the articles in document order.
func (d *Document) Articles() []*Unit {
	var out []*Unit
	d.Walk(func(u, _ *Unit) bool {
		if u.Kind == KindArticle {
			out = append(out, u)
		}
		return true
	})
	return out
}

// Stats counts the units of a document by kind, as `charter import --json` reports them.
type Stats struct {
	Sections       int      `json:"sections"`
	Articles       int      `json:"articles"`
	Paragraphs     int      `json:"paragraphs"` // numbered and unnumbered
	Points         int      `json:"points"`
	Notes          int      `json:"notes"`
	ArticleNumbers []string `json:"article_numbers"`
}

// Stats returns the document's unit counts.
func (d *Document) Stats() Stats {
	s := Stats{ArticleNumbers: []string{}}
	d.Walk(func(u, _ *Unit) bool {
		switch u.Kind {
		case KindSection:
			s.Sections++
		case KindArticle:
			s.Articles++
			s.ArticleNumbers = append(s.ArticleNumbers, u.Number)
		case KindParagraph:
			s.Paragraphs++
		case KindPoint:
			s.Points++
		case KindNote:
			s.Notes++
		}
		return true
	})
	return s
}

// AssignIDs sets the ID of every unit from its kind, its number and its
// position, following the rules in the package documentation. Parsers call it
// once the tree is built; amendments call it after changing the tree.
func (d *Document) AssignIDs() {
	for _, u := range d.Units {
		assignIDs(u, "")
	}
}

func assignIDs(u *Unit, parent UnitID) {
	switch u.Kind {
	case KindPreamble:
		u.ID = "preamble"
	case KindSection:
		u.ID = UnitID("sec_" + ArabicNumber(u.Number))
	case KindArticle:
		u.ID = UnitID("art_" + u.Number)
	}
	unnumbered, notes := 0, 0
	for _, c := range u.Children {
		switch c.Kind {
		case KindParagraph:
			if c.Number == "" {
				unnumbered++
				c.ID = UnitID(fmt.Sprintf("%s__para_u%d", u.ID, unnumbered))
			} else {
				c.ID = UnitID(fmt.Sprintf("%s__para_%s", u.ID, c.Number))
			}
		case KindPoint:
			c.ID = UnitID(fmt.Sprintf("%s__point_%s", u.ID, c.Number))
		case KindNote:
			notes++
			c.ID = UnitID(fmt.Sprintf("%s__note_%d", u.ID, notes))
		}
		assignIDs(c, u.ID)
	}
}

// ArabicNumber returns a section number in arabic digits: "IX" becomes "9",
// "9" stays "9". A number that is neither is returned unchanged.
func ArabicNumber(n string) string {
	if _, err := strconv.Atoi(n); err == nil {
		return n
	}
	if v, ok := romanValue(n); ok {
		return strconv.Itoa(v)
	}
	return n
}

func romanValue(s string) (int, bool) {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	s = strings.ToUpper(s)
	if s == "" {
		return 0, false
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0, false
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return total, true
}

// CompareNumbers orders two unit numbers as written: "3" < "3-1" < "3-2" < "4".
// Section numbers may be roman. It returns -1, 0 or +1; ok is false when
// either number is not of the form N or N-M... with arabic (or roman) parts.
func CompareNumbers(a, b string) (cmp int, ok bool) {
	pa, oka := numberParts(a)
	pb, okb := numberParts(b)
	if !oka || !okb {
		return 0, false
	}
	for i := 0; i < len(pa) && i < len(pb); i++ {
		switch {
		case pa[i] < pb[i]:
			return -1, true
		case pa[i] > pb[i]:
			return 1, true
		}
	}
	switch {
	case len(pa) < len(pb):
		return -1, true
	case len(pa) > len(pb):
		return 1, true
	}
	return 0, true
}

func numberParts(n string) ([]int, bool) {
	if n == "" {
		return nil, false
	}
	var parts []int
	for _, p := range strings.Split(n, "-") {
		v, err := strconv.Atoi(p)
		if err != nil {
			r, ok := romanValue(p)
			if !ok {
				return nil, false
			}
			v = r
		}
		parts = append(parts, v)
	}
	return parts, true
}

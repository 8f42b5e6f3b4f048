package charter

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"atazan"
)

// AKNNamespace is the XML namespace of Akoma Ntoso 3.0.
const AKNNamespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

// aknCountry is the FRBRcountry of every charter atazan exports: the
// platform carries the constitutional reform of Kazakhstan.
const aknCountry = "kz"

// aknLanguages maps a text's language to the ISO 639-2 code that FRBRlanguage uses.
var aknLanguages = map[Lang]string{"kk": "kaz", "ru": "rus", "en": "eng"}

// ExportAKN writes the document as Akoma Ntoso 3.0 that Parse reads back to the same hash.
//
// The file is one <akomaNtoso> element in the AKN 3.0 namespace holding an
// <act name="constitution">:
//
//   - <meta> holds <identification source="#atazan"> with the three FRBR
//     levels. The Work is the charter (FRBRuri /akn/kz/act/constitution/SLUG,
//     FRBRname the charter title, and FRBRalias name="versionHash" with
//     m.Hash when set). The Expression is this text of the version in its
//     language (FRBRuri /akn/kz/act/constitution/SLUG/LANG@DATE, with
//     FRBRalias name="version" holding the version label and FRBRalias
//     name="hash" holding the document's own content hash, d.Hash(); LANG is
//     ISO 639-2: kaz, rus, eng). The Manifestation is this XML file.
//   - <meta><notes source="#atazan"> holds the editorial footnotes, one
//     <note class="footnote" placementBase="EID"> each, where EID is the eId
//     of the annotated unit: footnotes stay out of the body, so they never
//     read as normative text.
//   - <preface> holds the title as <p class="title"><docTitle>.
//   - <preamble eId="preamble"> holds one <p> per line of the preamble.
//   - <body> holds <section>, <article>, <paragraph> and <point> elements,
//     and notes as <hcontainer name="note">, nested as in the document, each
//     with its unit ID as eId, <num> holding the number as written (no
//     punctuation), <heading> when the unit has one, and its text as
//     <content> with one <p> per line, or as <intro> when children follow.
//
// m.Charter must be a valid slug and m.Date must be set.
func ExportAKN(d *Document, m Meta) ([]byte, error) {
	if err := ValidSlug(m.Charter); err != nil {
		return nil, err
	}
	if m.Date.IsZero() {
		return nil, atazan.FieldErrorf("date", "an Akoma Ntoso export needs the version's date")
	}
	lang, ok := aknLanguages[d.Lang]
	if !ok {
		return nil, atazan.FieldErrorf("lang", "unknown language %q: want kk, ru or en", d.Lang)
	}
	date := m.Date.UTC().Format("2006-01-02")
	work := "/akn/" + aknCountry + "/act/constitution/" + m.Charter
	expr := work + "/" + lang + "@" + date
	author := aknRef{Href: "#atazan"}

	doc := aknRoot{Act: aknAct{Name: "constitution"}}
	id := &doc.Act.Meta.Identification
	id.Source = "#atazan"
	id.Work = aknFRBR{
		This: aknValue{work + "/!main"}, URI: aknValue{work},
		Date: aknDate{date, "version"}, Author: author, Country: &aknValue{aknCountry},
	}
	if m.CharterTitle != "" {
		id.Work.Name = &aknValue{m.CharterTitle}
	}
	if m.Hash != "" {
		id.Work.Alias = append(id.Work.Alias, aknAlias{"versionHash", m.Hash})
	}
	id.Expression = aknFRBR{
		This: aknValue{expr + "/!main"}, URI: aknValue{expr},
		Date: aknDate{date, "version"}, Author: author, Language: &aknLang{lang},
	}
	if m.Version != "" {
		id.Expression.Alias = append(id.Expression.Alias, aknAlias{"version", m.Version})
	}
	id.Expression.Alias = append(id.Expression.Alias, aknAlias{"hash", d.Hash()})
	id.Manifestation = aknFRBR{
		This: aknValue{expr + "/!main.xml"}, URI: aknValue{expr + ".akn"},
		Date: aknDate{date, "version"}, Author: author,
	}
	doc.Act.Meta.References = aknReferences{Source: "#atazan", Org: aknTLC{EID: "atazan", Href: "/ontology/organization/atazan", ShowAs: "atazan"}}

	if d.Title != "" {
		doc.Act.Preface = &aknPreface{P: aknTitleP{Class: "title", DocTitle: d.Title}}
	}
	var notes []aknNote
	for _, u := range d.Units {
		if u.Kind == KindPreamble {
			doc.Act.Preamble = &aknBlock{EID: string(u.ID), P: aknParas(u.Text)}
			continue
		}
		doc.Act.Body.Units = append(doc.Act.Body.Units, aknUnitOf(u))
	}
	d.Walk(func(u, _ *Unit) bool {
		for i, f := range u.Footnotes {
			notes = append(notes, aknNote{
				EID: fmt.Sprintf("%s__fn_%d", u.ID, i+1), Class: "footnote", Marker: strconv.Itoa(i + 1),
				Placement: "bottom", PlacementBase: string(u.ID), P: aknParas(f),
			})
		}
		return true
	})
	if len(notes) > 0 {
		doc.Act.Meta.Notes = &aknNotes{Source: "#atazan", Notes: notes}
	}

	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("write Akoma Ntoso for %s: %w", m.Charter, err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Element names of the body, by unit kind; notes are hcontainers named "note".
var aknElements = map[Kind]string{KindSection: "section", KindArticle: "article", KindParagraph: "paragraph", KindPoint: "point", KindNote: "hcontainer"}

func aknUnitOf(u *Unit) aknUnit {
	a := aknUnit{XMLName: xml.Name{Local: aknElements[u.Kind]}, EID: string(u.ID)}
	if u.Kind == KindNote {
		a.Name = "note"
	}
	if u.Number != "" {
		a.Num = &u.Number
	}
	if u.Heading != "" {
		a.Heading = &u.Heading
	}
	if len(u.Children) > 0 {
		if u.Text != "" {
			a.Intro = &aknBlock{P: aknParas(u.Text)}
		}
		for _, c := range u.Children {
			a.Units = append(a.Units, aknUnitOf(c))
		}
	} else {
		a.Content = &aknBlock{P: aknParas(u.Text)}
	}
	return a
}

func aknParas(text string) []string {
	if text == "" {
		return []string{""}
	}
	return strings.Split(text, "\n")
}

type aknRoot struct {
	XMLName xml.Name `xml:"http://docs.oasis-open.org/legaldocml/ns/akn/3.0 akomaNtoso"`
	Act     aknAct   `xml:"act"`
}

type aknAct struct {
	Name     string      `xml:"name,attr"`
	Meta     aknMeta     `xml:"meta"`
	Preface  *aknPreface `xml:"preface"`
	Preamble *aknBlock   `xml:"preamble"`
	Body     aknBody     `xml:"body"`
}

type aknMeta struct {
	Identification aknIdentification `xml:"identification"`
	References     aknReferences     `xml:"references"`
	Notes          *aknNotes         `xml:"notes"`
}

type aknIdentification struct {
	Source        string  `xml:"source,attr"`
	Work          aknFRBR `xml:"FRBRWork"`
	Expression    aknFRBR `xml:"FRBRExpression"`
	Manifestation aknFRBR `xml:"FRBRManifestation"`
}

// aknFRBR is one FRBR level; the field order is the order AKN 3.0 requires.
type aknFRBR struct {
	This     aknValue   `xml:"FRBRthis"`
	URI      aknValue   `xml:"FRBRuri"`
	Alias    []aknAlias `xml:"FRBRalias"`
	Date     aknDate    `xml:"FRBRdate"`
	Author   aknRef     `xml:"FRBRauthor"`
	Country  *aknValue  `xml:"FRBRcountry"`
	Name     *aknValue  `xml:"FRBRname"`
	Language *aknLang   `xml:"FRBRlanguage"`
}

type aknValue struct {
	Value string `xml:"value,attr"`
}

type aknAlias struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type aknDate struct {
	Date string `xml:"date,attr"`
	Name string `xml:"name,attr"`
}

type aknRef struct {
	Href string `xml:"href,attr"`
}

type aknLang struct {
	Language string `xml:"language,attr"`
}

type aknReferences struct {
	Source string `xml:"source,attr"`
	Org    aknTLC `xml:"TLCOrganization"`
}

type aknTLC struct {
	EID    string `xml:"eId,attr"`
	Href   string `xml:"href,attr"`
	ShowAs string `xml:"showAs,attr"`
}

type aknNotes struct {
	Source string    `xml:"source,attr"`
	Notes  []aknNote `xml:"note"`
}

type aknNote struct {
	EID           string   `xml:"eId,attr"`
	Class         string   `xml:"class,attr"`
	Marker        string   `xml:"marker,attr"`
	Placement     string   `xml:"placement,attr"`
	PlacementBase string   `xml:"placementBase,attr"`
	P             []string `xml:"p"`
}

type aknPreface struct {
	P aknTitleP `xml:"p"`
}

type aknTitleP struct {
	Class    string `xml:"class,attr"`
	DocTitle string `xml:"docTitle"`
}

type aknBlock struct {
	EID string   `xml:"eId,attr,omitempty"`
	P   []string `xml:"p"`
}

type aknBody struct {
	Units []aknUnit
}

type aknUnit struct {
	XMLName xml.Name
	EID     string    `xml:"eId,attr"`
	Name    string    `xml:"name,attr,omitempty"`
	Num     *string   `xml:"num"`
	Heading *string   `xml:"heading"`
	Intro   *aknBlock `xml:"intro"`
	Units   []aknUnit
	Content *aknBlock `xml:"content"`
}

// aknTextElements hold text; the text of elements inside them (inline
// markup such as <i>) counts as theirs.
var aknTextElements = map[string]bool{"p": true, "num": true, "heading": true, "docTitle": true}

// xnode is an element read from an Akoma Ntoso file, with its line.
type xnode struct {
	name string
	attr map[string]string
	kids []*xnode
	text strings.Builder // character data, with that of inline descendants of text elements
	line int
}

// readXML decodes a whole XML file into a tree, checking that it is
// well-formed and that every element is in the AKN 3.0 namespace.
func readXML(data []byte) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *xnode
	var stack []*xnode
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, atazan.LineErrorf(se.Line, "the file is not well-formed XML: %s", se.Msg)
			}
			line, _ := dec.InputPos()
			return nil, atazan.LineErrorf(line, "the file is not readable XML: %v", err)
		}
		line, _ := dec.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != AKNNamespace {
				return nil, atazan.LineErrorf(line, "element <%s> is in namespace %q: an Akoma Ntoso 3.0 file uses %q", t.Name.Local, t.Name.Space, AKNNamespace)
			}
			n := &xnode{name: t.Name.Local, attr: map[string]string{}, line: line}
			for _, a := range t.Attr {
				if a.Name.Space == "" {
					n.attr[a.Name.Local] = a.Value
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, atazan.LineErrorf(line, "a second root element <%s> follows <akomaNtoso>", t.Name.Local)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && aknTextElements[stack[len(stack)-1].name] {
				stack[len(stack)-1].text.WriteString(n.text.String())
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, atazan.Errorf(atazan.EInvalid, "the file holds no XML element")
	}
	return root, nil
}

func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// parseAKN reads Akoma Ntoso as ExportAKN writes it. The eIds in the file
// must be the IDs that the units' kinds and numbers give, and the content
// hash declared in the Expression (when present) must match the text read.
func parseAKN(data []byte, lang Lang) (*Document, error) {
	root, err := readXML(data)
	if err != nil {
		return nil, err
	}
	if root.name != "akomaNtoso" {
		return nil, atazan.LineErrorf(root.line, "the root element is <%s>: an Akoma Ntoso file starts with <akomaNtoso>", root.name)
	}
	act := root.child("act")
	if act == nil {
		return nil, atazan.LineErrorf(root.line, "<akomaNtoso> holds no <act>")
	}
	d := &Document{}
	fileIDs := map[*Unit]*xnode{}
	byEID := map[string]*Unit{}
	var declaredHash *xnode
	var notes *xnode
	for _, k := range act.kids {
		switch k.name {
		case "meta":
			if id := k.child("identification"); id != nil {
				if expr := id.child("FRBRExpression"); expr != nil {
					for _, e := range expr.kids {
						switch {
						case e.name == "FRBRalias" && e.attr["name"] == "hash":
							declaredHash = e
						case e.name == "FRBRlanguage":
							if want := aknLanguages[lang]; e.attr["language"] != want {
								return nil, atazan.LineErrorf(e.line, "the text's language is %q but %q (%s) was asked for", e.attr["language"], want, lang)
							}
						}
					}
				}
			}
			notes = k.child("notes")
		case "preface":
			for _, p := range k.kids {
				if t := p.child("docTitle"); t != nil {
					d.Title = clean(t.text.String())
				}
			}
		case "preamble":
			u := &Unit{Kind: KindPreamble, Text: aknText(k)}
			d.Units = append(d.Units, u)
			fileIDs[u] = k
		case "body":
			for _, b := range k.kids {
				u, err := aknReadUnit(b, fileIDs)
				if err != nil {
					return nil, err
				}
				if u.Kind != KindSection && u.Kind != KindArticle {
					return nil, atazan.LineErrorf(b.line, "<%s> stands directly in <body>: the body holds sections and articles", b.name)
				}
				d.Units = append(d.Units, u)
			}
		}
	}
	d.AssignIDs()
	var err2 error
	d.Walk(func(u, _ *Unit) bool {
		n := fileIDs[u]
		if string(u.ID) != n.attr["eId"] {
			err2 = atazan.LineErrorf(n.line, "<%s> has eId %q but its kind and number give %q", n.name, n.attr["eId"], u.ID)
			return false
		}
		if prev, ok := byEID[string(u.ID)]; ok {
			err2 = atazan.LineErrorf(n.line, "eId %q appears twice: first at line %d", u.ID, fileIDs[prev].line)
			return false
		}
		byEID[string(u.ID)] = u
		return true
	})
	if err2 != nil {
		return nil, err2
	}
	if err := checkNumbering(d, func(u *Unit) int { return fileIDs[u].line }); err != nil {
		return nil, err
	}
	if notes != nil {
		for _, n := range notes.kids {
			if n.name != "note" {
				continue
			}
			u := byEID[n.attr["placementBase"]]
			if u == nil {
				return nil, atazan.LineErrorf(n.line, "footnote %q refers to unit %q, which the body does not hold", n.attr["eId"], n.attr["placementBase"])
			}
			u.Footnotes = append(u.Footnotes, aknText(n))
		}
	}
	if declaredHash != nil {
		if h := d.Hash(); declaredHash.attr["value"] != h {
			return nil, atazan.LineErrorf(declaredHash.line, "the file declares the content hash %s but its text hashes to %s: the text was changed after export (remove this FRBRalias to import an edited text)", declaredHash.attr["value"], h)
		}
	}
	return d, nil
}

var aknKinds = map[string]Kind{"section": KindSection, "article": KindArticle, "paragraph": KindParagraph, "point": KindPoint}

// aknReadUnit reads one body element and its descendants.
func aknReadUnit(n *xnode, fileIDs map[*Unit]*xnode) (*Unit, error) {
	kind, ok := aknKinds[n.name]
	if n.name == "hcontainer" && n.attr["name"] == "note" {
		kind, ok = KindNote, true
	}
	if !ok {
		return nil, atazan.LineErrorf(n.line, "unexpected element <%s> in the body: want section, article, paragraph, point or hcontainer name=\"note\"", n.name)
	}
	if _, ok := n.attr["eId"]; !ok {
		return nil, atazan.LineErrorf(n.line, "<%s> has no eId", n.name)
	}
	u := &Unit{Kind: kind}
	fileIDs[u] = n
	var lines []string
	for _, k := range n.kids {
		switch k.name {
		case "num":
			u.Number = strings.TrimSpace(k.text.String())
		case "heading":
			u.Heading = clean(k.text.String())
		case "intro", "content":
			if t := aknText(k); t != "" {
				lines = append(lines, t)
			}
		default:
			c, err := aknReadUnit(k, fileIDs)
			if err != nil {
				return nil, err
			}
			u.Children = append(u.Children, c)
		}
	}
	u.Text = strings.Join(lines, "\n")
	if (kind == KindSection || kind == KindArticle || kind == KindPoint) && u.Number == "" {
		return nil, atazan.LineErrorf(n.line, "<%s eId=%q> has no <num>", n.name, n.attr["eId"])
	}
	if _, ok := CompareNumbers(u.Number, u.Number); u.Number != "" && !ok {
		return nil, atazan.LineErrorf(n.line, "<%s eId=%q> has number %q: want arabic (or, for sections, roman) numbers such as 5, 83-1 or IX, without punctuation", n.name, n.attr["eId"], u.Number)
	}
	return u, nil
}

// aknText returns the text of the <p> children of n, one line each.
func aknText(n *xnode) string {
	var lines []string
	for _, p := range n.kids {
		if p.name == "p" {
			lines = append(lines, p.text.String())
		}
	}
	return clean(strings.Join(lines, "\n"))
}

// checkNumbering applies the numbering rules of the text format to a tree
// read whole: section and article numbers increase through the document,
// numbered paragraphs within their article and points within their parent.
func checkNumbering(d *Document, lineOf func(*Unit) int) error {
	last := map[Kind]string{}
	var err error
	d.Walk(func(u, _ *Unit) bool {
		if (u.Kind == KindSection || u.Kind == KindArticle) && last[u.Kind] != "" {
			if c, _ := CompareNumbers(u.Number, last[u.Kind]); c <= 0 {
				err = atazan.LineErrorf(lineOf(u), "%s %s comes after %s %s: numbers must increase", u.Kind, u.Number, u.Kind, last[u.Kind])
				return false
			}
		}
		if u.Kind == KindSection || u.Kind == KindArticle {
			last[u.Kind] = u.Number
		}
		lastChild := map[Kind]string{}
		for _, c := range u.Children {
			if (c.Kind != KindParagraph && c.Kind != KindPoint) || c.Number == "" {
				continue
			}
			if p := lastChild[c.Kind]; p != "" {
				if cmp, _ := CompareNumbers(c.Number, p); cmp <= 0 {
					err = atazan.LineErrorf(lineOf(c), "%s %s comes after %s %s in %s: numbers must increase", c.Kind, c.Number, c.Kind, p, u.ID)
					return false
				}
			}
			lastChild[c.Kind] = c.Number
		}
		return true
	})
	return err
}

package charter

import (
	"fmt"
	"sort"
)

// Mismatch is one structural difference between parallel texts.
type Mismatch struct {
	Unit    UnitID `json:"unit"`
	Message string `json:"message"`
}

// CompareStructure checks that a parallel text has the same units, in the
// same order, with the same kinds and numbers, as the primary text, and
// returns every mismatch (none when they align).
//
// Units are matched by ID. The mismatches come in the primary text's order
// (missing units; units whose kind, number or parent differ; units out of
// order), followed by the units only the other text has, in its order.
// Headings, texts and footnotes are not compared: they are in different
// languages. Out of order are the fewest units whose removal leaves both
// texts in the same order (those outside a longest common ordering).
func CompareStructure(primary, other *Document) []Mismatch {
	type info struct {
		u      *Unit
		parent UnitID
		pos    int
	}
	index := func(d *Document) ([]info, map[UnitID]info) {
		var list []info
		byID := map[UnitID]info{}
		d.Walk(func(u, parent *Unit) bool {
			in := info{u: u, pos: len(list)}
			if parent != nil {
				in.parent = parent.ID
			}
			list = append(list, in)
			if _, dup := byID[u.ID]; !dup {
				byID[u.ID] = in
			}
			return true
		})
		return list, byID
	}
	pList, pByID := index(primary)
	oList, oByID := index(other)

	// Positions in the other text of the shared units, in primary order.
	var shared []int
	for _, p := range pList {
		if o, ok := oByID[p.u.ID]; ok {
			shared = append(shared, o.pos)
		}
	}
	inOrder := longestIncreasing(shared)

	var out []Mismatch
	add := func(id UnitID, format string, args ...any) {
		out = append(out, Mismatch{Unit: id, Message: fmt.Sprintf(format, args...)})
	}
	k := 0
	for _, p := range pList {
		u := p.u
		o, ok := oByID[u.ID]
		if !ok {
			add(u.ID, "%s is missing from the %s text", label(u), other.Lang)
			continue
		}
		if o.u.Kind != u.Kind {
			add(u.ID, "%s is a %s in the %s text", label(u), o.u.Kind, other.Lang)
		}
		if o.u.Number != u.Number {
			add(u.ID, "%s is numbered %q in the %s text", label(u), o.u.Number, other.Lang)
		}
		if o.parent != p.parent {
			add(u.ID, "%s stands under %s in the %s text, under %s in the %s text", label(u), orTop(o.parent), other.Lang, orTop(p.parent), primary.Lang)
		}
		if !inOrder[k] {
			add(u.ID, "%s is out of order in the %s text", label(u), other.Lang)
		}
		k++
	}
	for _, o := range oList {
		if _, ok := pByID[o.u.ID]; !ok {
			add(o.u.ID, "%s of the %s text has no counterpart in the %s text", label(o.u), other.Lang, primary.Lang)
		}
	}
	return out
}

func orTop(id UnitID) string {
	if id == "" {
		return "the top level"
	}
	return string(id)
}

// label names a unit for people: "Article 5", "paragraph 3-1 (art_2__para_3-1)".
func label(u *Unit) string {
	switch u.Kind {
	case KindPreamble:
		return "the preamble"
	case KindSection:
		return fmt.Sprintf("Section %s (%s)", u.Number, u.ID)
	case KindArticle:
		return "Article " + u.Number
	}
	return fmt.Sprintf("%s %s", u.Kind, u.ID)
}

// longestIncreasing marks the elements of a that belong to one longest
// strictly increasing subsequence (O(n log n)).
func longestIncreasing(a []int) []bool {
	tails := []int{} // tails[l] = index in a of the smallest tail of an increasing run of length l+1
	prev := make([]int, len(a))
	for i, v := range a {
		l := sort.Search(len(tails), func(j int) bool { return a[tails[j]] >= v })
		if l > 0 {
			prev[i] = tails[l-1]
		} else {
			prev[i] = -1
		}
		if l == len(tails) {
			tails = append(tails, i)
		} else {
			tails[l] = i
		}
	}
	keep := make([]bool, len(a))
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	return keep
}

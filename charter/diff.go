package charter

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ChangeKind says how a unit differs between two versions.
type ChangeKind string

const (
	ChangeChanged    ChangeKind = "changed"
	ChangeAdded      ChangeKind = "added"
	ChangeRemoved    ChangeKind = "removed"
	ChangeRenumbered ChangeKind = "renumbered"
)

// Change is one unit whose normative text differs between two versions.
// Old and New are the unit's normative wording as displayed (heading and text;
// empty for the side where the unit does not exist). A renumbered unit has
// OldUnit set to its ID in the older version.
type Change struct {
	Unit    UnitID     `json:"unit"`
	OldUnit UnitID     `json:"old_unit,omitempty"`
	Kind    Kind       `json:"kind"`
	Change  ChangeKind `json:"change"`
	Old     string     `json:"old"`
	New     string     `json:"new"`
	Redline []Segment  `json:"redline,omitempty"`
}

// Compare returns the units whose normative text differs between from and
// to, in document order of to (removed units at the position they had in from).
// Footnotes are ignored.
//
// Units are matched by ID. A unit's normative wording is its kind, number,
// heading and text, compared as Canonical serializes them (NFC, white space
// folded), so two documents with the same Hash have no changes, and a unit
// whose footnotes alone changed is not listed. Then:
//
//   - a unit only in to is ChangeAdded (Old empty);
//   - a unit only in from is ChangeRemoved (New empty, Kind from from);
//   - a unit in both with different wording is ChangeChanged, with Redline
//     set to Redline(Old, New);
//   - a removed unit and an added unit of the same kind whose heading and text
//     are identical and not both empty become one ChangeRenumbered, with Unit
//     the new ID and OldUnit the old one (article 5 that became article 6).
//     Pairing takes added units in document order of to, each paired with the
//     first unpaired removed unit of from with that wording; a unit whose
//     wording also changed stays removed and added.
//
// A container whose own wording is empty (an article without a heading, a
// section whose title did not change) is listed only when it is added or
// removed, never because its children changed.
//
// Old and New are the displayed wording: the heading and the text as stored,
// joined with "\n" when both are present.
//
// Order: the changes follow to. A removed unit is placed right after the
// last unit before it in from that still exists in to (by ID or as a
// renumbered unit), after that unit's new descendants unless the removed unit
// is itself one of them; removed units sharing a place keep the order of from.
// The result is deterministic.
//
// IDs are expected to be unique, as AssignIDs makes them; a repeated ID is
// matched by its first occurrence, and later occurrences count as added or
// removed. A nil document is an empty one.
func Compare(from, to *Document) []Change {
	fe, te := flatten(from), flatten(to)
	fromIdx := firstIndex(fe)
	toIdx := firstIndex(te)

	// fm[i] is the index in te of the unit fe[i] became, or -1 if removed;
	// tm[j] is the index in fe of the unit te[j] was, or -1 if added.
	fm, tm := make([]int, len(fe)), make([]int, len(te))
	for i := range fm {
		fm[i] = -1
	}
	for j, t := range te {
		tm[j] = -1
		if toIdx[t.u.ID] != j {
			continue
		}
		if i, ok := fromIdx[t.u.ID]; ok {
			fm[i], tm[j] = j, i
		}
	}

	// Pair removed and added units with the same kind and wording.
	renumbered := make([]bool, len(te))
	pool := map[wording][]int{}
	for i := range fe {
		f := &fe[i]
		if fm[i] == -1 {
			if w := f.pairKey(); !w.empty() {
				pool[w] = append(pool[w], i)
			}
		}
	}
	for j := range te {
		t := &te[j]
		if tm[j] != -1 || len(pool) == 0 {
			continue
		}
		w := t.pairKey()
		if q := pool[w]; len(q) > 0 && !w.empty() {
			i := q[0]
			pool[w] = q[1:]
			fm[i], tm[j], renumbered[j] = j, i, true
		}
	}

	// removedAt[g] lists the removed units shown just before te[g]
	// (g == len(te): at the end).
	removedAt := make([][]int, len(te)+1)
	for i := range fe {
		if fm[i] == -1 {
			g := removedGap(fe, te, fm, i)
			removedAt[g] = append(removedAt[g], i)
		}
	}

	var changes []Change
	emitRemoved := func(g int) {
		for _, i := range removedAt[g] {
			f := fe[i]
			changes = append(changes, Change{Unit: f.u.ID, Kind: f.u.Kind, Change: ChangeRemoved, Old: f.u.Wording()})
		}
	}
	for j := range te {
		t := &te[j]
		emitRemoved(j)
		i := tm[j]
		switch {
		case i == -1:
			changes = append(changes, Change{Unit: t.u.ID, Kind: t.u.Kind, Change: ChangeAdded, New: t.u.Wording()})
		case renumbered[j]:
			changes = append(changes, Change{Unit: t.u.ID, OldUnit: fe[i].u.ID, Kind: t.u.Kind, Change: ChangeRenumbered,
				Old: fe[i].u.Wording(), New: t.u.Wording()})
		case !sameWording(&fe[i], t):
			old, new := fe[i].u.Wording(), t.u.Wording()
			changes = append(changes, Change{Unit: t.u.ID, Kind: t.u.Kind, Change: ChangeChanged,
				Old: old, New: new, Redline: Redline(old, new)})
		}
	}
	emitRemoved(len(te))
	return changes
}

// wording is a unit's normative wording in canonical form.
type wording struct {
	kind          Kind
	heading, text string
}

func (w wording) empty() bool { return w.heading == "" && w.text == "" }

// entry is a unit in document order with its parent's index (-1 at top
// level). Its canonical wording is computed only when needed.
type entry struct {
	u      *Unit
	parent int
	w      *wording
}

func (e *entry) wording() wording {
	if e.w == nil {
		e.w = &wording{kind: e.u.Kind, heading: nfc(e.u.Heading), text: nfc(normalizedText(e.u.Text))}
	}
	return *e.w
}

// sameWording reports whether two units have the same normative wording:
// kind, number, heading and text as Canonical writes them.
func sameWording(a, b *entry) bool {
	ua, ub := a.u, b.u
	if ua.Kind != ub.Kind {
		return false
	}
	if ua.Number != ub.Number && nfc(ua.Number) != nfc(ub.Number) {
		return false
	}
	if ua.Heading == ub.Heading && ua.Text == ub.Text {
		return true
	}
	return a.wording() == b.wording()
}

// pairKey is what pairs a removed unit with an added one as renumbered: its
// wording, or, for a container without wording of its own (an article
// without a heading), the wording and numbers of everything inside it, so
// that an article moved to another number with the same text pairs too.
func (e *entry) pairKey() wording {
	w := e.wording()
	if !w.empty() || len(e.u.Children) == 0 {
		return w
	}
	var b strings.Builder
	b.WriteString("\x00contents\x00")
	var walk func(us []*Unit)
	walk = func(us []*Unit) {
		for _, u := range us {
			fmt.Fprintf(&b, "%s\x1f%s\x1f%s\x1f%s\x1e", u.Kind, u.Number, nfc(u.Heading), nfc(normalizedText(u.Text)))
			walk(u.Children)
		}
	}
	walk(e.u.Children)
	return wording{kind: w.kind, text: b.String()}
}

func flatten(d *Document) []entry {
	if d == nil {
		return nil
	}
	var out []entry
	var walk func(us []*Unit, parent int)
	walk = func(us []*Unit, parent int) {
		for _, u := range us {
			if u == nil {
				continue
			}
			out = append(out, entry{u: u, parent: parent})
			walk(u.Children, len(out)-1)
		}
	}
	walk(d.Units, -1)
	return out
}

// normalizedText is NormalizeText(s), without allocating when s is already
// normalized, as parsers store it.
func normalizedText(s string) string {
	prevSpace := true // at the start of a line
	for i, r := range s {
		switch {
		case r == '\n':
			if prevSpace || i == len(s)-1 {
				return NormalizeText(s) // blank line, trailing space or final line break
			}
			prevSpace = true
		case r == ' ':
			if prevSpace || i == len(s)-1 {
				return NormalizeText(s)
			}
			prevSpace = true
		case unicode.IsSpace(r):
			return NormalizeText(s)
		default:
			prevSpace = false
		}
	}
	return s
}

func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

func firstIndex(es []entry) map[UnitID]int {
	m := make(map[UnitID]int, len(es))
	for i, e := range es {
		if _, ok := m[e.u.ID]; !ok {
			m[e.u.ID] = i
		}
	}
	return m
}

// removedGap returns the index in te before which the removed unit fe[i] is
// shown (len(te) for the end), following the order documented in Compare.
func removedGap(fe, te []entry, fm []int, i int) int {
	k := i - 1
	for k >= 0 && fm[k] == -1 {
		k--
	}
	if k < 0 {
		return 0
	}
	a := fm[k] // the anchor in te
	// The removed unit's ancestors, as units of te.
	own := map[int]bool{}
	for p := fe[i].parent; p >= 0; p = fe[p].parent {
		if fm[p] != -1 {
			own[fm[p]] = true
		}
	}
	// top is the highest ancestor-or-self of the anchor that is not an
	// ancestor of the removed unit: its descendants come first.
	top := -1
	for p := a; p >= 0 && !own[p]; p = te[p].parent {
		top = p
	}
	g := a + 1
	if top == -1 {
		return g
	}
	for g < len(te) && descends(te, g, top) {
		g++
	}
	return g
}

// descends reports whether te[g] is a strict descendant of te[top].
func descends(te []entry, g, top int) bool {
	for p := te[g].parent; p >= 0; p = te[p].parent {
		if p == top {
			return true
		}
	}
	return false
}

// Wording is the wording shown for a unit (in diffs, comparative and
// consolidated tables): heading and text joined with "\n" when both are present.
func (u *Unit) Wording() string {
	switch {
	case u.Heading == "":
		return u.Text
	case u.Text == "":
		return u.Heading
	}
	return u.Heading + "\n" + u.Text
}

// WriteDiffText writes the changes as a redline for terminals and plain-text
// mail. Two lines name the versions ("--- " then the current version, "+++ "
// then the new one: charter, label, hash). Each change then has a header line
//
//	~ art_5__para_2 (changed)
//	+ art_7 (added)
//	- art_3 (removed)
//	> art_5 → art_6 (renumbered)
//
// followed by its wording indented by four spaces, with deleted words
// written [-like this-] and inserted words {+like this+} (the whole wording
// of an added or removed unit is one mark). Marks are not escaped: a wording
// that itself contains "[-" or "{+" is written as it is. With no changes,
// one line says so.
func WriteDiffText(w io.Writer, m1, m2 Meta, changes []Change) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "--- %s\n+++ %s\n", textVersion(m1), textVersion(m2))
	if len(changes) == 0 {
		bw.WriteString("No differences in normative text.\n")
	}
	for _, c := range changes {
		switch c.Change {
		case ChangeChanged:
			fmt.Fprintf(bw, "~ %s (changed)\n", c.Unit)
		case ChangeAdded:
			fmt.Fprintf(bw, "+ %s (added)\n", c.Unit)
		case ChangeRemoved:
			fmt.Fprintf(bw, "- %s (removed)\n", c.Unit)
		case ChangeRenumbered:
			fmt.Fprintf(bw, "> %s → %s (renumbered)\n", c.OldUnit, c.Unit)
		default:
			fmt.Fprintf(bw, "? %s (%s)\n", c.Unit, c.Change)
		}
		var b strings.Builder
		for _, s := range changeRedline(c) {
			switch s.Op {
			case SegDelete:
				b.WriteString("[-" + s.Text + "-]")
			case SegInsert:
				b.WriteString("{+" + s.Text + "+}")
			default:
				b.WriteString(s.Text)
			}
		}
		if b.Len() > 0 {
			for _, line := range strings.Split(b.String(), "\n") {
				bw.WriteString("    " + line + "\n")
			}
		}
	}
	return bw.Flush()
}

func textVersion(m Meta) string {
	var parts []string
	for _, s := range []string{m.Charter, m.Version, m.Hash} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return "(unnamed version)"
	}
	return strings.Join(parts, " ")
}

// changeRedline returns c.Redline, or computes it from Old and New when it
// is not set (added, removed and renumbered units carry none).
func changeRedline(c Change) []Segment {
	if c.Redline != nil {
		return c.Redline
	}
	return Redline(c.Old, c.New)
}

// WriteDiffHTML writes the changes as a standalone HTML page that prints on
// A4: a title naming the charter and both versions with their hashes, then
// one section per change, headed by the unit's label (see Table) and the
// kind of change, holding its redline with <del> and <ins> marks that screen
// readers also announce. The page is in English (lang="en").
func WriteDiffHTML(w io.Writer, m1, m2 Meta, changes []Change) error {
	p := newPage("Changes", m1, m2)
	for i, r := range Table(changes) {
		p.Rows = append(p.Rows, rowView{Label: r.Label, Unit: string(r.Unit), Change: string(r.Change), Current: changeRedline(changes[i])})
	}
	return pageTemplates.ExecuteTemplate(w, "diff", p)
}

package amend

import (
	"fmt"

	"atazan"
	"atazan/charter"
)

// Apply applies the amendments, in order, to a copy of doc and returns the
// copy. doc is never changed. On error the result is nil; the error names the
// op at fault in Field ("ops[i]") and, when several amendments are given,
// the amendment in its message ("amendment 2 (title): ...").
func Apply(doc *charter.Document, as ...*Amendment) (*charter.Document, error) {
	s := newState(doc)
	for n, a := range as {
		if _, err := s.amend(a); err != nil {
			if len(as) > 1 {
				err = prefix(err, fmt.Sprintf("amendment %d (%q): ", n+1, a.Title))
			}
			return nil, err
		}
	}
	return s.doc, nil
}

// Preview returns the changes the amendment makes to the working draft, as
// charter.Compare lists them: each changed unit with its word-level redline.
// Render them with charter.WriteDiffText, charter.WriteDiffHTML or
// charter.Table.
func Preview(draft *charter.Document, a *Amendment) ([]charter.Change, error) {
	next, err := Apply(draft, a)
	if err != nil {
		return nil, err
	}
	return charter.Compare(draft, next), nil
}

func prefix(err error, p string) error {
	if e, ok := err.(*atazan.Error); ok {
		c := *e
		c.Message = p + c.Message
		return &c
	}
	return err
}

// state is a copy of a base document being amended. It remembers which unit
// of the copy was which unit of the base (origin) and which op inserted a
// unit (born), so that conflicts and rebasing can speak of units of the base
// whatever their IDs have become.
type state struct {
	doc    *charter.Document
	origin map[*charter.Unit]charter.UnitID // unit → its ID in the base
	born   map[*charter.Unit]int            // inserted unit → the op that inserted it
	gone   map[charter.UnitID]int           // ID at deletion → the op that deleted it, for messages
}

// newState copies base; every unit of the copy has its base ID as origin.
func newState(base *charter.Document) *state {
	s := &state{origin: map[*charter.Unit]charter.UnitID{}}
	s.doc = copyDoc(base, func(old, new *charter.Unit) { s.origin[new] = old.ID })
	return s
}

// fork copies s's document, keeping origins but not births: the copy starts
// a new amendment on the text s has reached.
func (s *state) fork() *state {
	f := &state{origin: map[*charter.Unit]charter.UnitID{}}
	f.doc = copyDoc(s.doc, func(old, new *charter.Unit) {
		if id, ok := s.origin[old]; ok {
			f.origin[new] = id
		}
	})
	return f
}

func copyDoc(d *charter.Document, pair func(old, new *charter.Unit)) *charter.Document {
	c := *d
	c.Units = copyUnits(d.Units, pair)
	return &c
}

func copyUnits(us []*charter.Unit, pair func(old, new *charter.Unit)) []*charter.Unit {
	if us == nil {
		return nil
	}
	out := make([]*charter.Unit, len(us))
	for i, u := range us {
		c := *u
		c.Footnotes = append([]string(nil), u.Footnotes...)
		if u.Footnotes == nil {
			c.Footnotes = nil
		}
		c.Children = copyUnits(u.Children, pair)
		pair(u, &c)
		out[i] = &c
	}
	return out
}

// ident is a unit's identity while amending: a unit of the base (base != "")
// or the unit that op born inserted.
type ident struct {
	base charter.UnitID
	born int
}

func (s *state) ident(u *charter.Unit) ident {
	if id, ok := s.origin[u]; ok {
		return ident{base: id, born: -1}
	}
	if k, ok := s.born[u]; ok {
		return ident{born: k}
	}
	return ident{born: -1}
}

// find returns the unit with the identity, or nil.
func (s *state) find(id ident) *charter.Unit {
	var found *charter.Unit
	s.doc.Walk(func(u, _ *charter.Unit) bool {
		if s.ident(u) == id {
			found = u
			return false
		}
		return true
	})
	return found
}

// footprint is what an amendment did to the units of its base text, by
// their base IDs, each with the first op that did it.
type footprint struct {
	edited  map[charter.UnitID]int // wording replaced (text or heading)
	deleted map[charter.UnitID]int // removed, alone or with an ancestor
	anchors map[charter.UnitID]int // a new unit was inserted next to or into it
	places  map[place]int          // where new units were inserted
	added   map[charter.UnitID]int // IDs of the numbered units it inserted, in the result
	targets []ident                // per op: the unit it named
	removed [][]charter.UnitID     // per op: the base units a delete removed
}

// place is where an insertion went: next to or into an anchor.
type place struct {
	anchor ident
	action Action
}

func newFootprint(n int) *footprint {
	return &footprint{
		edited: map[charter.UnitID]int{}, deleted: map[charter.UnitID]int{},
		anchors: map[charter.UnitID]int{}, places: map[place]int{}, added: map[charter.UnitID]int{},
		targets: make([]ident, n), removed: make([][]charter.UnitID, n),
	}
}

func mark(m map[charter.UnitID]int, id charter.UnitID, k int) {
	if _, ok := m[id]; !ok && id != "" {
		m[id] = k
	}
}

// amend applies one amendment to s and returns its footprint.
func (s *state) amend(a *Amendment) (*footprint, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if a.Lang != "" && s.doc.Lang != "" && a.Lang != s.doc.Lang {
		return nil, atazan.FieldErrorf("lang", "the amendment is written for the %s text, not the %s text", a.Lang, s.doc.Lang)
	}
	s.born, s.gone = map[*charter.Unit]int{}, map[charter.UnitID]int{}
	fp := newFootprint(len(a.Ops))
	for k, op := range a.Ops {
		if err := s.apply(k, op, fp); err != nil {
			return nil, opError(k, err)
		}
	}
	for u, k := range s.born {
		if u.Number != "" {
			mark(fp.added, u.ID, k)
		}
	}
	return fp, nil
}

// locate returns the unit with the ID, its parent (nil at the top level) and
// its index among its siblings.
func (s *state) locate(id charter.UnitID) (u, parent *charter.Unit, i int) {
	i = -1
	s.doc.Walk(func(x, p *charter.Unit) bool {
		if x.ID == id {
			u, parent = x, p
			return false
		}
		return true
	})
	if u != nil {
		for j, x := range s.children(parent) {
			if x == u {
				i = j
			}
		}
	}
	return u, parent, i
}

// children returns the units inside parent (the top level for nil).
func (s *state) children(parent *charter.Unit) []*charter.Unit {
	if parent == nil {
		return s.doc.Units
	}
	return parent.Children
}

func (s *state) setChildren(parent *charter.Unit, us []*charter.Unit) {
	if parent == nil {
		s.doc.Units = us
	} else {
		parent.Children = us
	}
}

// apply applies op k, recording what it did in fp. When it fails, the text
// is as it was.
func (s *state) apply(k int, op Op, fp *footprint) error {
	u, parent, i := s.locate(op.Unit)
	if u == nil {
		if j, ok := s.gone[op.Unit]; ok {
			return atazan.Errorf(atazan.ENotFound, "unit %s was deleted by ops[%d]", op.Unit, j)
		}
		return atazan.Errorf(atazan.ENotFound, "the text has no unit %s", op.Unit)
	}
	id := s.ident(u)
	fp.targets[k] = id
	switch op.Op {
	case Replace:
		switch u.Kind {
		case charter.KindPreamble, charter.KindParagraph, charter.KindPoint, charter.KindNote:
		default:
			return invalid("%s is a %s, which has no text of its own: replace its paragraphs, or change its heading with a heading op", u.ID, u.Kind)
		}
		u.Text = clean(op.Text)
		mark(fp.edited, id.base, k)
	case Heading:
		if u.Kind != charter.KindSection && u.Kind != charter.KindArticle {
			return invalid("%s is a %s, which has no heading: only articles and sections have one", u.ID, u.Kind)
		}
		u.Heading = clean(op.Text)
		mark(fp.edited, id.base, k)
	case Delete:
		sib := s.children(parent)
		s.setChildren(parent, append(sib[:i:i], sib[i+1:]...))
		walkUnit(u, func(x *charter.Unit) {
			s.gone[x.ID] = k
			if b, ok := s.origin[x]; ok {
				mark(fp.deleted, b, k)
				fp.removed[k] = append(fp.removed[k], b)
			}
		})
	default:
		if err := s.insert(k, op, u, parent, i); err != nil {
			return err
		}
		mark(fp.anchors, id.base, k)
		if _, ok := fp.places[place{id, op.Op}]; !ok {
			fp.places[place{id, op.Op}] = k
		}
	}
	s.doc.AssignIDs()
	return nil
}

func walkUnit(u *charter.Unit, fn func(*charter.Unit)) {
	fn(u)
	for _, c := range u.Children {
		walkUnit(c, fn)
	}
}

// holds says which kinds a container holds ("" is the top level).
var holds = map[charter.Kind][]charter.Kind{
	"":                    {charter.KindArticle},
	charter.KindSection:   {charter.KindArticle},
	charter.KindArticle:   {charter.KindParagraph, charter.KindPoint, charter.KindNote},
	charter.KindParagraph: {charter.KindPoint},
}

// insert puts the new unit of op next to anchor (at index i of parent's
// children) or into it, then checks that the text is still one the importer
// could have read.
func (s *state) insert(k int, op Op, anchor, parent *charter.Unit, i int) error {
	nu := &charter.Unit{Kind: op.Kind, Number: op.Number, Heading: clean(op.Heading)}
	if op.Kind == charter.KindArticle {
		if t := clean(op.Text); t != "" {
			nu.Children = []*charter.Unit{{Kind: charter.KindParagraph, Text: t}}
		}
	} else {
		nu.Text = clean(op.Text)
	}
	at := i + 1
	switch op.Op {
	case InsertBefore:
		at = i
	case InsertInto:
		parent, at = anchor, len(anchor.Children)
	}
	var ck charter.Kind
	where := "at the top level of the text"
	if parent != nil {
		ck, where = parent.Kind, "in "+string(parent.ID)
	}
	allowed := false
	for _, x := range holds[ck] {
		allowed = allowed || x == op.Kind
	}
	if !allowed || (parent != nil && parent.Kind == charter.KindPreamble) {
		return invalid("a %s cannot stand %s", op.Kind, where)
	}
	old := s.children(parent)
	sib := append(old[:at:at], append([]*charter.Unit{nu}, old[at:]...)...)
	s.setChildren(parent, sib)
	if err := checkPlace(s.doc, parent, sib, at); err != nil {
		s.setChildren(parent, old)
		return err
	}
	s.born[nu] = k
	for _, c := range nu.Children {
		s.born[c] = k
	}
	return nil
}

// checkPlace checks the unit at index at of sib (the children of parent)
// against the rules of an imported text.
func checkPlace(doc *charter.Document, parent *charter.Unit, sib []*charter.Unit, at int) error {
	nu := sib[at]
	switch nu.Kind {
	case charter.KindArticle:
		if parent == nil {
			for _, x := range sib[:at] {
				if x.Kind == charter.KindSection {
					return invalid("Article %s would stand at the top level after a section: an article after a section belongs in a section (insert it into the section, or after its last article)", nu.Number)
				}
			}
			if at == 0 && len(sib) > 1 && sib[1].Kind == charter.KindPreamble {
				return invalid("Article %s would stand before the preamble", nu.Number)
			}
		}
		return checkSequence(doc.Articles(), nu, "Article %s", "in the text")
	case charter.KindParagraph:
		for _, x := range sib[at+1:] {
			if x.Kind == charter.KindPoint {
				return invalid("a paragraph would stand before point %s) of %s, which would then belong to the paragraph: points stand directly in an article only before its first paragraph", x.Number, parent.ID)
			}
		}
		if nu.Number == "" {
			return nil
		}
		return checkSequence(numbered(sib, charter.KindParagraph), nu, "paragraph %s.", "in "+string(parent.ID))
	case charter.KindPoint:
		if parent.Kind == charter.KindArticle {
			for _, x := range sib[:at] {
				if x.Kind == charter.KindParagraph {
					return invalid("point %s) would stand in %s after a paragraph, where it would belong to that paragraph: insert it into the paragraph", nu.Number, parent.ID)
				}
			}
		}
		return checkSequence(numbered(sib, charter.KindPoint), nu, "point %s)", "in "+string(parent.ID))
	}
	return nil
}

// numbered returns the units of the kind with a number, in order.
func numbered(us []*charter.Unit, kind charter.Kind) []*charter.Unit {
	var out []*charter.Unit
	for _, u := range us {
		if u.Kind == kind && u.Number != "" {
			out = append(out, u)
		}
	}
	return out
}

// checkSequence checks that nu's number is unique in seq (EConflict) and
// lies between the numbers of its neighbours there (EInvalid).
func checkSequence(seq []*charter.Unit, nu *charter.Unit, name, where string) error {
	at := -1
	for j, x := range seq {
		if x == nu {
			at = j
			continue
		}
		if c, _ := charter.CompareNumbers(x.Number, nu.Number); c == 0 {
			return atazan.Errorf(atazan.EConflict, "%s exists already %s", fmt.Sprintf(name, x.Number), where)
		}
	}
	if at > 0 {
		if c, _ := charter.CompareNumbers(seq[at-1].Number, nu.Number); c >= 0 {
			return invalid("%s would come after %s: numbers must increase %s", fmt.Sprintf(name, nu.Number), fmt.Sprintf(name, seq[at-1].Number), where)
		}
	}
	if at >= 0 && at+1 < len(seq) {
		if c, _ := charter.CompareNumbers(nu.Number, seq[at+1].Number); c >= 0 {
			return invalid("%s would come before %s: numbers must increase %s", fmt.Sprintf(name, nu.Number), fmt.Sprintf(name, seq[at+1].Number), where)
		}
	}
	return nil
}

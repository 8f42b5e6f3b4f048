package amend

import (
	"fmt"
	"sort"

	"atazan/charter"
)

// ConflictKind says why two amendments on one agenda clash.
type ConflictKind string

// The kinds of conflict.
const (
	// ConflictSameUnit: both amendments change the wording of the same unit,
	// both delete it, or both insert a unit with the same number (the same ID).
	ConflictSameUnit ConflictKind = "same_unit"
	// ConflictDeleted: one amendment deletes a unit (or an ancestor of it)
	// that the other changes, or next to or into which the other inserts.
	ConflictDeleted ConflictKind = "deleted"
	// ConflictSamePlace: both insert new units at the same place (next to, or
	// into, the same unit), so their order depends on which is adopted first.
	ConflictSamePlace ConflictKind = "same_place"
)

// Conflict is a clash between amendments A and B (indexes in the agenda,
// A < B) at a unit of the working draft.
type Conflict struct {
	A, B   int            `json:"-"`
	Kind   ConflictKind   `json:"kind"`
	Unit   charter.UnitID `json:"unit"` // the unit's ID in the working draft (for two insertions of one number: the new unit's ID)
	OpA    int            `json:"op_a"` // index of A's op at fault
	OpB    int            `json:"op_b"`
	Reason string         `json:"reason"`
}

// Conflicts lists the clashes between the amendments of one agenda, all
// drafted on the working draft:
//
//   - (same_unit) two amendments change the same unit's text or heading, both
//     delete it, or both insert a unit with the same number in the same place
//     (the same new ID);
//   - (deleted) one deletes a unit that the other changes, deletes too by
//     deleting an ancestor, or inserts next to or into; a unit deleted with
//     its section or article counts as deleted, so deleting Article 4 clashes
//     with a change of art_4__para_1, and deleting sec_3 with a change of any
//     of its articles;
//   - (same_place) two amendments insert next to (on the same side) or into
//     the same unit.
//
// Units are compared as units of the draft, whatever IDs they have after an
// amendment's earlier ops. Amendments that clash with none change
// different units; what the list cannot see (two new numbers inserted at
// different places that end up out of order) Rebase flags once one of them
// is adopted. The list is ordered by A, B, OpA, OpB,
// Kind and Unit. An amendment that does not apply to the draft is an error naming it.
func Conflicts(draft *charter.Document, as []*Amendment) ([]Conflict, error) {
	fps := make([]*footprint, len(as))
	for n, a := range as {
		fp, err := newState(draft).amend(a)
		if err != nil {
			return nil, prefix(err, fmt.Sprintf("amendment %d (%q): ", n+1, a.Title))
		}
		fps[n] = fp
	}
	var out []Conflict
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			out = append(out, conflicts(i, j, fps[i], fps[j])...)
		}
	}
	sort.SliceStable(out, func(x, y int) bool {
		a, b := out[x], out[y]
		if a.A != b.A {
			return a.A < b.A
		}
		if a.B != b.B {
			return a.B < b.B
		}
		if a.OpA != b.OpA {
			return a.OpA < b.OpA
		}
		if a.OpB != b.OpB {
			return a.OpB < b.OpB
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Unit < b.Unit
	})
	return out, nil
}

func conflicts(i, j int, a, b *footprint) []Conflict {
	var out []Conflict
	add := func(kind ConflictKind, id charter.UnitID, ka, kb int, format string) {
		out = append(out, Conflict{A: i, B: j, Kind: kind, Unit: id, OpA: ka, OpB: kb, Reason: fmt.Sprintf(format, id)})
	}
	for id, ka := range a.edited {
		if kb, ok := b.edited[id]; ok {
			add(ConflictSameUnit, id, ka, kb, "both amendments change %s")
		}
	}
	for id, ka := range a.deleted {
		if kb, ok := b.deleted[id]; ok {
			add(ConflictSameUnit, id, ka, kb, "both amendments delete %s")
		}
	}
	for _, d := range []struct {
		del, other *footprint
		swap       bool
	}{{a, b, false}, {b, a, true}} {
		for id, kd := range d.del.deleted {
			ko, verb := -1, ""
			if k, ok := d.other.edited[id]; ok {
				ko, verb = k, "changes"
			} else if k, ok := d.other.anchors[id]; ok {
				ko, verb = k, "inserts a unit next to or into"
			}
			if ko < 0 {
				continue
			}
			reason := "one amendment deletes %s, which the other " + verb
			if d.swap {
				add(ConflictDeleted, id, ko, kd, reason)
			} else {
				add(ConflictDeleted, id, kd, ko, reason)
			}
		}
	}
	for id, ka := range a.added {
		if kb, ok := b.added[id]; ok {
			add(ConflictSameUnit, id, ka, kb, "both amendments insert %s")
		}
	}
	for p, ka := range a.places {
		if kb, ok := b.places[p]; ok && p.anchor.base != "" {
			side := map[Action]string{InsertAfter: "after", InsertBefore: "before", InsertInto: "into"}[p.action]
			add(ConflictSamePlace, p.anchor.base, ka, kb, "both amendments insert units "+side+" %s: their order depends on which is adopted first")
		}
	}
	return out
}

// Rebased is an amendment carried over to the text that an adopted
// amendment produced.
type Rebased struct {
	// Amendment holds the ops that still apply, naming units by their IDs in
	// the new text. When Redraft is empty it is the whole amendment, ready to
	// apply to the new text.
	Amendment *Amendment
	// Redraft lists the ops that no longer apply, with the reason: the
	// amendment must be redrafted before it can be put to the vote.
	Redraft []Redraft
}

// Redraft is an op that a rebase could not carry over.
type Redraft struct {
	Op     int            `json:"op"`   // index in the original amendment
	Unit   charter.UnitID `json:"unit"` // the unit it named
	Reason string         `json:"reason"`
}

// OK reports whether every op was carried over.
func (r Rebased) OK() bool { return len(r.Redraft) == 0 }

// Rebase carries amendment a, drafted on base, over to the text that
// adopting the amendment adopted on base produced (Apply(base, adopted)).
//
// Each op of a is kept, with its unit named by its ID in the new text
// (which may differ: deleting an unnumbered paragraph renumbers those after
// it), when the unit it names still exists and the adopted amendment did not
// change it. It is flagged for redrafting when:
//
//   - its unit (or an ancestor) was deleted by the adopted amendment;
//   - it replaces, changes the heading of or deletes a unit whose text or
//     heading the adopted amendment changed;
//   - it deletes a unit inside which the adopted amendment changed a unit
//     or inserted one (the deletion would remove adopted text);
//   - it names a unit an earlier flagged op of a would have inserted;
//   - it no longer applies to the new text (for instance, the adopted
//     amendment inserted a unit with the same number).
//
// To rebase over several adopted amendments, rebase over each in turn,
// with base the text before it. It is an error when adopted does not apply
// to base or a does not apply to base.
func Rebase(base *charter.Document, adopted, a *Amendment) (Rebased, error) {
	after := newState(base)
	done, err := after.amend(adopted)
	if err != nil {
		return Rebased{}, prefix(err, "the adopted amendment: ")
	}
	mine, err := newState(base).amend(a)
	if err != nil {
		return Rebased{}, err
	}
	// touched: base units inside which the adopted amendment changed or inserted something.
	touched := map[charter.UnitID]bool{}
	for id := range done.edited {
		touched[id] = true
	}
	for id := range done.anchors {
		touched[id] = true
	}

	s := after.fork()
	s.born, s.gone = map[*charter.Unit]int{}, map[charter.UnitID]int{}
	fp := newFootprint(len(a.Ops))
	out := &Amendment{Title: a.Title, Note: a.Note, Clusters: a.Clusters, Lang: a.Lang}
	var redraft []Redraft
	skipped := map[int]bool{}
	for k, op := range a.Ops {
		t := mine.targets[k]
		flag := func(format string, args ...any) {
			redraft = append(redraft, Redraft{Op: k, Unit: op.Unit, Reason: fmt.Sprintf(format, args...)})
			skipped[k] = true
		}
		if t.base == "" && skipped[t.born] {
			flag("%s was to be inserted by ops[%d], which must be redrafted", op.Unit, t.born)
			continue
		}
		if t.base != "" {
			if j, ok := done.deleted[t.base]; ok {
				flag("%s was deleted by the adopted amendment (its ops[%d])", t.base, j)
				continue
			}
			if j, ok := done.edited[t.base]; ok && (op.Op == Replace || op.Op == Heading || op.Op == Delete) {
				flag("%s was changed by the adopted amendment (its ops[%d])", t.base, j)
				continue
			}
		}
		if op.Op == Delete {
			if id, ok := firstTouched(mine.removed[k], touched); ok {
				flag("deleting %s would remove %s, which the adopted amendment changed or inserted into", t.base, id)
				continue
			}
		}
		u := s.find(t)
		if u == nil {
			flag("%s is no longer in the text", op.Unit)
			continue
		}
		op.Unit = u.ID
		if err := s.apply(k, op, fp); err != nil { // apply changes nothing when it fails
			flag("no longer applies to the new text: %v", err)
			continue
		}
		out.Ops = append(out.Ops, op)
	}
	return Rebased{Amendment: out, Redraft: redraft}, nil
}

func firstTouched(ids []charter.UnitID, touched map[charter.UnitID]bool) (charter.UnitID, bool) {
	for _, id := range ids {
		if touched[id] {
			return id, true
		}
	}
	return "", false
}

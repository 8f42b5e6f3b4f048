package amend

import (
	"testing"

	"atazan/charter"
)

// TestTouches checks, on real articles, that every unit an amendment changes
// (as Preview lists the changes) is one it touches, and that it touches no
// unit the comparison leaves alone.
func TestTouches(t *testing.T) {
	base := importText(t, kazakhstanText(t))
	cases := []string{
		`[{"op":"replace","unit":"art_5__para_2","text":"Public associations shall be equal before the law."}]`,
		`[{"op":"replace","unit":"art_44__para_u1","text":"The President of the Republic shall:"}]`,
		`[{"op":"replace","unit":"art_44__para_u1__point_15","text":"exercise the right of pardon;"}]`,
		`[{"op":"replace","unit":"art_4__note_1","text":"Decisions of the Constitutional Council stay in force."}]`,
		`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","heading":"Land","text":"Land belongs to the people."}]`,
		`[{"op":"insert_before","unit":"art_40","kind":"article","number":"39-1"}]`,
		`[{"op":"insert_after","unit":"art_44__para_u1__point_3","kind":"point","number":"3-1","text":"appoint the Ombudsman;"}]`,
		`[{"op":"insert_into","unit":"art_7__para_2","kind":"point","number":"1","text":"in courts;"}]`,
		`[{"op":"insert_into","unit":"art_7","kind":"paragraph","number":"4","text":"Sign languages are protected."}]`,
		`[{"op":"insert_after","unit":"art_2__para_3-1","kind":"paragraph","number":"3-2","text":"Almaty is a city of republican significance."}]`,
		`[{"op":"insert_into","unit":"art_5","kind":"note","text":"See the law on public associations."}]`,
		`[{"op":"delete","unit":"art_4__note_1"}]`,
		`[{"op":"delete","unit":"art_44__para_u1__point_8"}]`,
		`[{"op":"delete","unit":"art_8"}]`,
		`[{"op":"heading","unit":"sec_3","text":"The Head of State"},{"op":"heading","unit":"art_7","text":"Languages"}]`,
	}
	for _, ops := range cases {
		a := amendment(t, ops)
		changes, err := Preview(base, a)
		if err != nil {
			t.Fatalf("%s: %v", ops, err)
		}
		if len(changes) == 0 {
			t.Fatalf("%s: no changes", ops)
		}
		changed := map[charter.UnitID]bool{}
		for _, c := range changes {
			changed[c.Unit] = true
			if !a.Touches(c.Unit) {
				t.Errorf("%s: does not touch %s (%s)", ops, c.Unit, c.Change)
			}
		}
		// An inserted note or unnumbered paragraph is matched by its parent,
		// so it may also name its siblings.
		if k := a.Ops[0].Kind; k == charter.KindNote || k == charter.KindParagraph && a.Ops[0].Number == "" {
			continue
		}
		base.Walk(func(u, _ *charter.Unit) bool {
			if !changed[u.ID] && a.Touches(u.ID) {
				t.Errorf("%s: touches %s, which it leaves alone", ops, u.ID)
			}
			return true
		})
	}
}

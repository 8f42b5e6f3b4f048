package amend

import (
	"fmt"
	"strings"
	"testing"

	"atazan"
)

func TestConflicts(t *testing.T) {
	draft := importText(t, kazakhstanText(t))
	cases := []struct {
		name string
		ops  []string // one amendment's ops each
		want []string // "A B kind unit opA opB"
	}{
		{"different units", []string{
			`[{"op":"replace","unit":"art_5__para_1","text":"x"}]`,
			`[{"op":"replace","unit":"art_5__para_2","text":"y"}]`,
		}, nil},
		{"lead-in and its point are different units", []string{
			`[{"op":"replace","unit":"art_44__para_u1","text":"x"}]`,
			`[{"op":"replace","unit":"art_44__para_u1__point_2","text":"y"}]`,
		}, nil},
		{"same unit", []string{
			`[{"op":"replace","unit":"art_1__para_1","text":"z"},{"op":"replace","unit":"art_5__para_2","text":"x"}]`,
			`[{"op":"replace","unit":"art_5__para_2","text":"y"}]`,
		}, []string{"0 1 same_unit art_5__para_2 1 0"}},
		{"same heading", []string{
			`[{"op":"heading","unit":"sec_3","text":"x"}]`,
			`[{"op":"heading","unit":"sec_3","text":"y"}]`,
		}, []string{"0 1 same_unit sec_3 0 0"}},
		{"both delete", []string{
			`[{"op":"delete","unit":"art_4__note_1"}]`,
			`[{"op":"delete","unit":"art_4__note_1"}]`,
		}, []string{"0 1 same_unit art_4__note_1 0 0"}},
		{"delete an article, change its paragraph", []string{
			`[{"op":"delete","unit":"art_4"}]`,
			`[{"op":"replace","unit":"art_4__para_2","text":"y"}]`,
		}, []string{"0 1 deleted art_4__para_2 0 0"}},
		{"change a point, delete its paragraph", []string{
			`[{"op":"replace","unit":"art_44__para_u1__point_7","text":"y"}]`,
			`[{"op":"delete","unit":"art_44__para_u1"}]`,
		}, []string{"0 1 deleted art_44__para_u1__point_7 0 0"}},
		{"delete a section, change an article in it", []string{
			`[{"op":"heading","unit":"art_7","text":"Languages"}]`,
			`[{"op":"delete","unit":"sec_1"}]`,
		}, []string{"0 1 deleted art_7 0 0"}},
		{"delete a paragraph, insert a point into it", []string{
			`[{"op":"delete","unit":"art_7__para_2"}]`,
			`[{"op":"insert_into","unit":"art_7__para_2","kind":"point","number":"1","text":"y"}]`,
		}, []string{"0 1 deleted art_7__para_2 0 0"}},
		{"same number inserted at the same place", []string{
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1"}]`,
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1"}]`,
		}, []string{"0 1 same_place art_6 0 0", "0 1 same_unit art_6-1 0 0"}},
		{"same number inserted at other places", []string{
			`[{"op":"insert_after","unit":"art_2__para_3-1","kind":"paragraph","number":"3-2","text":"x"}]`,
			`[{"op":"insert_before","unit":"art_2__para_4","kind":"paragraph","number":"3-2","text":"y"}]`,
		}, []string{"0 1 same_unit art_2__para_3-2 0 0"}},
		{"different numbers at the same place", []string{
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1"}]`,
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-2"}]`,
		}, []string{"0 1 same_place art_6 0 0"}},
		{"renumbered units are compared as units of the draft", []string{
			`[{"op":"delete","unit":"art_71__para_u1"},{"op":"replace","unit":"art_71__para_u1","text":"x"}]`,
			`[{"op":"replace","unit":"art_71__para_u1","text":"y"}]`,
			`[{"op":"replace","unit":"art_71__para_u2","text":"z"}]`,
		}, []string{"0 1 deleted art_71__para_u1 0 0", "0 2 same_unit art_71__para_u2 1 0"}},
		{"three amendments", []string{
			`[{"op":"replace","unit":"art_3__para_1","text":"x"}]`,
			`[{"op":"replace","unit":"art_3__para_2","text":"y"}]`,
			`[{"op":"delete","unit":"art_3"}]`,
		}, []string{"0 2 deleted art_3__para_1 0 0", "1 2 deleted art_3__para_2 0 0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var as []*Amendment
			for _, ops := range c.ops {
				as = append(as, amendment(t, ops))
			}
			cs, err := Conflicts(draft, as)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, x := range cs {
				got = append(got, fmt.Sprintf("%d %d %s %s %d %d", x.A, x.B, x.Kind, x.Unit, x.OpA, x.OpB))
				if !strings.Contains(x.Reason, string(x.Unit)) {
					t.Errorf("reason %q does not name %s", x.Reason, x.Unit)
				}
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("conflicts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestConflictsNotApplying(t *testing.T) {
	draft := importText(t, kazakhstanText(t))
	_, err := Conflicts(draft, []*Amendment{
		amendment(t, `[{"op":"replace","unit":"art_5__para_1","text":"x"}]`),
		amendment(t, `[{"op":"replace","unit":"art_500","text":"y"}]`),
	})
	if e, ok := err.(*atazan.Error); !ok || e.Code != atazan.ENotFound || e.Field != "ops[0]" || !strings.HasPrefix(e.Message, "amendment 2") {
		t.Errorf("err = %#v", err)
	}
}

func TestRebase(t *testing.T) {
	base := importText(t, kazakhstanText(t))
	cases := []struct {
		name     string
		adopted  string
		ops      string
		rebased  string   // the ops carried over, as JSON; "" for the same as ops
		redrafts []string // "op unit: part of the reason"
	}{
		{"other units still apply",
			`[{"op":"replace","unit":"art_5__para_2","text":"x"}]`,
			`[{"op":"replace","unit":"art_5__para_3","text":"y"},{"op":"delete","unit":"art_5__para_4"}]`,
			"", nil},
		{"IDs follow the adopted renumbering",
			`[{"op":"delete","unit":"art_71__para_u1"}]`,
			`[{"op":"replace","unit":"art_71__para_u2","text":"y"},{"op":"insert_after","unit":"art_71__para_u2","kind":"paragraph","text":"z"},{"op":"replace","unit":"art_71__para_u3","text":"w"}]`,
			`[{"op":"replace","unit":"art_71__para_u1","text":"y"},{"op":"insert_after","unit":"art_71__para_u1","kind":"paragraph","text":"z"},{"op":"replace","unit":"art_71__para_u2","text":"w"}]`,
			nil},
		{"unit changed by the adopted amendment",
			`[{"op":"replace","unit":"art_5__para_2","text":"x"}]`,
			`[{"op":"replace","unit":"art_5__para_2","text":"y"},{"op":"replace","unit":"art_5__para_3","text":"z"}]`,
			`[{"op":"replace","unit":"art_5__para_3","text":"z"}]`,
			[]string{"0 art_5__para_2: was changed by the adopted amendment (its ops[0])"}},
		{"unit deleted with its article",
			`[{"op":"delete","unit":"art_4"}]`,
			`[{"op":"replace","unit":"art_4__para_2","text":"y"}]`,
			`[]`,
			[]string{"0 art_4__para_2: art_4__para_2 was deleted by the adopted amendment"}},
		{"inserting next to a deleted unit",
			`[{"op":"delete","unit":"art_44__para_u1__point_8"}]`,
			`[{"op":"insert_after","unit":"art_44__para_u1__point_8","kind":"point","number":"8-1","text":"y"}]`,
			`[]`,
			[]string{"0 art_44__para_u1__point_8: was deleted"}},
		{"deleting what the adopted amendment changed inside",
			`[{"op":"replace","unit":"art_44__para_u1__point_7","text":"x"}]`,
			`[{"op":"delete","unit":"art_44__para_u1"}]`,
			`[]`,
			[]string{"0 art_44__para_u1: would remove art_44__para_u1__point_7"}},
		{"deleting where the adopted amendment inserted",
			`[{"op":"insert_into","unit":"art_7__para_2","kind":"point","number":"1","text":"x"}]`,
			`[{"op":"delete","unit":"art_7"}]`,
			`[]`,
			[]string{"0 art_7: would remove art_7__para_2"}},
		{"a heading change does not stop an insertion next to it",
			`[{"op":"heading","unit":"art_6","text":"Property"}]`,
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1"}]`,
			"", nil},
		{"same number adopted first",
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","text":"x"}]`,
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","text":"y"},{"op":"replace","unit":"art_6-1__para_u1","text":"z"},{"op":"replace","unit":"art_6__para_1","text":"w"}]`,
			`[{"op":"replace","unit":"art_6__para_1","text":"w"}]`,
			[]string{"0 art_6: no longer applies to the new text: Article 6-1 exists already", "1 art_6-1__para_u1: was to be inserted by ops[0]"}},
		{"numbers out of order after the adopted insertion",
			`[{"op":"insert_after","unit":"art_2__para_3-1","kind":"paragraph","number":"3-2","text":"x"}]`,
			`[{"op":"insert_after","unit":"art_2__para_3-1","kind":"paragraph","number":"3-3","text":"y"}]`,
			`[]`,
			[]string{"0 art_2__para_3-1: no longer applies to the new text: paragraph 3-3. would come before paragraph 3-2."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			adopted, a := amendment(t, c.adopted), amendment(t, c.ops)
			r, err := Rebase(base, adopted, a)
			if err != nil {
				t.Fatal(err)
			}
			want := a.Ops
			if c.rebased != "" {
				want = nil
				if err := jsonUnmarshalOps(c.rebased, &want); err != nil {
					t.Fatal(err)
				}
			}
			if fmt.Sprint(r.Amendment.Ops) != fmt.Sprint(want) {
				t.Errorf("rebased ops:\n%v\nwant:\n%v", r.Amendment.Ops, want)
			}
			var got []string
			for _, x := range r.Redraft {
				got = append(got, fmt.Sprintf("%d %s: %s", x.Op, x.Unit, x.Reason))
			}
			if len(got) != len(c.redrafts) {
				t.Fatalf("redraft:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.redrafts, "\n"))
			}
			for i := range got {
				op, reason, _ := strings.Cut(c.redrafts[i], ": ")
				if !strings.HasPrefix(got[i], op+": ") || !strings.Contains(got[i], reason) {
					t.Errorf("redraft %d = %q, want %q", i, got[i], c.redrafts[i])
				}
			}
			if r.OK() != (len(c.redrafts) == 0) {
				t.Errorf("OK() = %v", r.OK())
			}
			// What was carried over applies to the new text.
			next, err := Apply(base, adopted)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Amendment.Ops) > 0 {
				if _, err := Apply(next, r.Amendment); err != nil {
					t.Errorf("the rebased amendment does not apply to the new text: %v", err)
				}
			}
		})
	}
}

// TestRebaseCommutes: when two amendments do not conflict, adopting one and
// then the other rebased gives the text of adopting them in the other order.
func TestRebaseCommutes(t *testing.T) {
	base := importText(t, kazakhstanText(t))
	a := amendment(t, `[{"op":"delete","unit":"art_71__para_u1"},{"op":"replace","unit":"art_5__para_1","text":"x"}]`)
	b := amendment(t, `[{"op":"replace","unit":"art_71__para_u2","text":"y"},{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","text":"z"}]`)
	if cs, err := Conflicts(base, []*Amendment{a, b}); err != nil || len(cs) != 0 {
		t.Fatalf("conflicts = %v, %v", cs, err)
	}
	rb, err := Rebase(base, a, b)
	if err != nil || !rb.OK() {
		t.Fatalf("rebase b: %+v, %v", rb, err)
	}
	ra, err := Rebase(base, b, a)
	if err != nil || !ra.OK() {
		t.Fatalf("rebase a: %+v, %v", ra, err)
	}
	ab, err := Apply(base, a, rb.Amendment)
	if err != nil {
		t.Fatal(err)
	}
	ba, err := Apply(base, b, ra.Amendment)
	if err != nil {
		t.Fatal(err)
	}
	if ab.Hash() != ba.Hash() {
		t.Fatal(firstDifference(ab.Canonical(), ba.Canonical()))
	}
	if ab.Find("art_71__para_u1").Text != "y" {
		t.Errorf("art_71__para_u1 = %q, want the text b wrote for the paragraph it named u2", ab.Find("art_71__para_u1").Text)
	}
}

func TestRebaseErrors(t *testing.T) {
	base := importText(t, "Title\nArticle 1\n1. One.\n")
	good := amendment(t, `[{"op":"replace","unit":"art_1__para_1","text":"x"}]`)
	bad := amendment(t, `[{"op":"replace","unit":"art_2","text":"x"}]`)
	if _, err := Rebase(base, bad, good); atazan.ErrorCode(err) != atazan.ENotFound || !strings.Contains(err.Error(), "adopted") {
		t.Errorf("err = %v", err)
	}
	if _, err := Rebase(base, good, bad); atazan.ErrorCode(err) != atazan.ENotFound {
		t.Errorf("err = %v", err)
	}
}

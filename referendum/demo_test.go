package referendum

import (
	"reflect"
	"testing"
)

func TestGenerateDemo(t *testing.T) {
	s, revs := GenerateDemo(1)
	home := 0
	for _, r := range s.Regions {
		if !r.Abroad {
			home++
		}
	}
	if home != 20 || len(s.Regions) != 21 || len(s.Precincts) != 10_466 || len(revs) != len(s.Precincts) {
		t.Fatalf("%d home regions, %d regions, %d precincts, %d protocols", home, len(s.Regions), len(s.Precincts), len(revs))
	}
	tl := NewTally(s)
	warned := 0
	for _, r := range revs {
		vs, err := tl.Apply(r)
		if err != nil {
			t.Fatalf("precinct %s: %v", s.Name(r.Precinct), err)
		}
		if len(vs) > 0 {
			if RuleNames(vs)[0] != "boxes_eq_issued" || len(vs) != 1 {
				t.Errorf("precinct %s: %v", s.Name(r.Precinct), vs)
			}
			warned++
		}
	}
	n := tl.Nation()
	for f, want := range map[Field]int64{Registered: Demo2026Registered, InBoxes: Demo2026Participants, Yes: Demo2026Yes,
		No: Demo2026No, Both: Demo2026Both, Invalid: Demo2026Invalid} {
		if n.Sum[f] != want {
			t.Errorf("%s: %d, want %d", f, n.Sum[f], want)
		}
	}
	if n.Covered != Demo2026Registered || s.Registered() != Demo2026Registered {
		t.Errorf("covered %d", n.Covered)
	}
	if warned == 0 || warned > len(revs)/20 {
		t.Errorf("%d precincts with issued ≠ in_boxes; want a few", warned)
	}
	// Regions vary, and the national result is the published one.
	lo, hi := 1.0, 0.0
	for _, r := range tl.HomeRegions() {
		share := float64(r.Sum[InBoxes]) / float64(r.Sum[Registered])
		lo, hi = min(lo, share), max(hi, share)
	}
	if hi-lo < 0.1 {
		t.Errorf("regional turnout from %.3f to %.3f; want variation", lo, hi)
	}
	res := tl.Decide(mustRules(t, "kz-constitutional"))
	if !res.Valid || !res.Adopted || res.Regions != 20 || res.RegionsYes != 20 || res.PrecinctsReported != 10_466 {
		t.Errorf("%+v", res)
	}
	// The same seed gives the same demo; another seed another.
	_, again := GenerateDemo(1)
	_, other := GenerateDemo(2)
	if !reflect.DeepEqual(again, revs) || reflect.DeepEqual(other, revs) {
		t.Error("the demo does not depend on its seed alone")
	}
}

func TestApportion(t *testing.T) {
	for _, tc := range []struct {
		total         int64
		weights, caps []int64
		want          []int64
	}{
		{10, []int64{1, 1, 1}, nil, []int64{4, 3, 3}},
		{10, []int64{1, 2, 7}, nil, []int64{1, 2, 7}},
		{10, []int64{1, 1, 8}, []int64{5, 5, 4}, []int64{3, 3, 4}},
		{6, []int64{0, 0, 0}, []int64{1, 5, 5}, []int64{1, 3, 2}},
		{0, []int64{1, 2}, nil, []int64{0, 0}},
	} {
		if got := apportion(tc.total, tc.weights, tc.caps); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("apportion(%d, %v, %v) = %v, want %v", tc.total, tc.weights, tc.caps, got, tc.want)
		}
	}
}

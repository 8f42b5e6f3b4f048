package referendum

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"atazan"
)

// smallStructure has 3 regions (one abroad) of 2 districts of 5 precincts.
func smallStructure(t testing.TB) *Structure {
	s := NewStructure()
	for r := range 3 {
		for d := range 2 {
			for p := range 5 {
				if _, err := s.AddPrecinct(fmt.Sprint("r", r), fmt.Sprint("d", d), fmt.Sprint(p+1), 1000, r == 2); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return s
}

// randomProtocol returns a protocol that passes every error rule; with
// bad set it breaks boxes_sum.
func randomProtocol(rng *rand.Rand, bad bool) Protocol {
	var p Protocol
	reg := int64(500 + rng.IntN(1500))
	in := reg * int64(40+rng.IntN(50)) / 100
	yes := in * int64(50+rng.IntN(45)) / 100
	inv := int64(rng.IntN(10))
	both := int64(rng.IntN(5))
	if inv+both > in-yes {
		inv, both = 0, 0
	}
	no := in - yes - inv - both
	if bad {
		no++
	}
	issued := in + int64(rng.IntN(3))
	cancelled := int64(rng.IntN(100))
	for f, v := range map[Field]int64{Registered: reg, Received: issued + cancelled, Issued: issued, Cancelled: cancelled,
		InBoxes: in, Invalid: inv, Yes: yes, No: no, Both: both} {
		p.Set(f, v)
	}
	return p
}

func TestTallyRevisions(t *testing.T) {
	s := smallStructure(t)
	tl := NewTally(s)
	p1 := randomProtocol(rand.New(rand.NewPCG(1, 1)), false)
	if _, err := tl.Apply(Revision{Precinct: 0, Number: 1, Protocol: p1}); err != nil {
		t.Fatal(err)
	}
	if n := tl.Nation(); n.Sum[Yes] != p1.Values[Yes] || n.Precincts != 1 || n.Covered != 1000 {
		t.Fatalf("after one: %+v", n)
	}
	p2 := p1
	p2.Set(Yes, p1.Values[Yes]-10)
	p2.Set(No, p1.Values[No]+10)
	for _, tc := range []struct {
		rev  Revision
		code string
	}{
		{Revision{Precinct: 0, Number: 2, Protocol: p2}, atazan.EInvalid},                            // no reason
		{Revision{Precinct: 0, Number: 1, Reason: "again", Protocol: p2}, atazan.EConflict},          // not after 1
		{Revision{Precinct: 0, Number: 0, Protocol: p2}, atazan.EInvalid},                            // below 1
		{Revision{Precinct: 99, Number: 1, Protocol: p2}, atazan.ENotFound},                          // no such precinct
		{Revision{Precinct: 0, Number: 2, Reason: "recount", Protocol: Protocol{}}, atazan.EInvalid}, // rejected: required
	} {
		if _, err := tl.Apply(tc.rev); atazan.ErrorCode(err) != tc.code {
			t.Errorf("%+v: %v, want %s", tc.rev, err, tc.code)
		}
	}
	if n := tl.Nation(); n.Sum[Yes] != p1.Values[Yes] {
		t.Fatal("a refused revision changed the totals")
	}
	if _, err := tl.Apply(Revision{Precinct: 0, Number: 3, Reason: "recount ordered by the territorial commission", Protocol: p2}); err != nil {
		t.Fatal(err)
	}
	if n := tl.Nation(); n.Sum[Yes] != p2.Values[Yes] || n.Sum[No] != p2.Values[No] || n.Precincts != 1 {
		t.Fatalf("the correction did not replace the first protocol: %+v", n)
	}
	if num, _ := tl.Counted(0); num != 3 {
		t.Errorf("counted revision %d", num)
	}
}

func TestTallyIncrementalEqualsRecompute(t *testing.T) {
	s := smallStructure(t)
	tl := NewTally(s)
	rng := rand.New(rand.NewPCG(7, 42))
	next := make([]int, len(s.Precincts))
	rejected := 0
	for range 2000 {
		p := PrecinctID(rng.IntN(len(s.Precincts)))
		next[p]++
		bad := rng.IntN(5) == 0
		_, err := tl.Apply(Revision{Precinct: p, Number: next[p], Reason: "correction", Protocol: randomProtocol(rng, bad)})
		if bad != (err != nil) {
			t.Fatalf("bad=%v err=%v", bad, err)
		}
		if bad {
			rejected++
		}
	}
	if rejected == 0 {
		t.Fatal("no revision was rejected; the test proves less than it claims")
	}
	if err := tl.Audit(); err != nil {
		t.Fatal(err)
	}
	sums := tl.Recompute()
	var regionSum Totals
	for _, r := range sums.Regions {
		for f := range NumFields {
			regionSum.Sum[f] += r.Sum[f]
		}
		regionSum.Precincts += r.Precincts
		regionSum.Covered += r.Covered
	}
	if regionSum != sums.Nation || sums.Nation.Precincts != int64(len(s.Precincts)) {
		t.Errorf("regions do not add up to the nation: %+v vs %+v", regionSum, sums.Nation)
	}
	if len(tl.HomeRegions()) != 2 {
		t.Errorf("home regions: %d", len(tl.HomeRegions()))
	}
	// The audit notices a running total that went astray.
	tl.regions[1].Sum[Yes]++
	if err := tl.Audit(); atazan.ErrorCode(err) != atazan.EInternal {
		t.Errorf("audit of a damaged tally: %v", err)
	}
}

func TestTallyGrowsWithStructure(t *testing.T) {
	s := smallStructure(t)
	tl := NewTally(s)
	id, err := s.AddPrecinct("r9", "d1", "1", 700, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tl.Apply(Revision{Precinct: id, Number: 1, Protocol: randomProtocol(rand.New(rand.NewPCG(3, 3)), false)}); err != nil {
		t.Fatal(err)
	}
	if tl.Region(s.Precincts[id].Region).Covered != 700 || tl.Audit() != nil {
		t.Error("the new precinct is not counted in its region")
	}
}

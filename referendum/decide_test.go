package referendum

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// totals builds national or regional totals from protocol-like figures.
func totals(registered, participants, yes, no, both, invalid int64) Totals {
	var t Totals
	t.Sum[Registered] = registered
	t.Sum[InBoxes] = participants
	t.Sum[Yes] = yes
	t.Sum[No] = no
	t.Sum[Both] = both
	t.Sum[Invalid] = invalid
	return t
}

// split divides national totals into n regions as evenly as integers allow,
// the remainder going to the first region; every region keeps the national
// shares, so every region is carried exactly when the nation is.
func split(t Totals, n int) []Totals {
	rs := make([]Totals, n)
	for f := range NumFields {
		q, r := t.Sum[f]/int64(n), t.Sum[f]%int64(n)
		for i := range rs {
			rs[i].Sum[f] = q
		}
		rs[0].Sum[f] += r
	}
	return rs
}

// regionsCarried returns n regions of 1,000 registered voters and 600
// participants each, of which k vote 310 yes (carried) and the rest 290 yes.
func regionsCarried(k, n int) (Totals, []Totals) {
	var nat Totals
	rs := make([]Totals, n)
	for i := range rs {
		yes := int64(290)
		if i < k {
			yes = 310
		}
		rs[i] = totals(1000, 600, yes, 600-yes, 0, 0)
		for f := range NumFields {
			nat.Sum[f] += rs[i].Sum[f]
		}
	}
	return nat, rs
}

func mustRules(t *testing.T, spec string) RuleSet {
	t.Helper()
	rs, err := LookupRules(spec)
	if err != nil {
		t.Fatalf("LookupRules(%q): %v", spec, err)
	}
	return rs
}

// The published results of Kazakhstan's referendums, as national totals
// split into 20 regions of the same shares.
var (
	kz2026 = totals(12_482_613, 9_127_192, 7_954_667, 898_099, 127_868, 146_558)
	kz2022 = totals(11_734_642, 7_985_769, 6_163_516, 1_490_470, 125_859, 205_924)
)

func TestDecidePublished(t *testing.T) {
	kz := mustRules(t, "kz-constitutional")
	for _, tc := range []struct {
		name           string
		t              Totals
		regions        []Totals
		valid, adopted bool
		regionsYes     int
	}{
		{"2026", kz2026, split(kz2026, 20), true, true, 20},
		{"2022", kz2022, split(kz2022, 20), true, true, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.t.Sum[Invalid] + tc.t.Sum[Yes] + tc.t.Sum[No] + tc.t.Sum[Both]; got != tc.t.Participants() {
				t.Fatalf("published figures do not add up: %d != %d", got, tc.t.Participants())
			}
			r := Decide(tc.t, tc.regions, kz)
			if r.Valid != tc.valid || r.Adopted != tc.adopted || r.Regions != 20 || r.RegionsYes != tc.regionsYes {
				t.Errorf("got valid=%v adopted=%v regions=%d/%d", r.Valid, r.Adopted, r.RegionsYes, r.Regions)
			}
		})
	}
	r := Decide(kz2026, split(kz2026, 20), kz)
	if fmt.Sprintf("%.4f %.4f", r.Turnout, r.YesShare) != "0.7312 0.8715" {
		t.Errorf("2026 shares: turnout %.4f, yes %.4f", r.Turnout, r.YesShare)
	}
}

func TestDecideBoundaries(t *testing.T) {
	kz := mustRules(t, "kz-constitutional")
	simple := mustRules(t, "simple-majority")
	nat14, reg14 := regionsCarried(14, 20)
	nat13, reg13 := regionsCarried(13, 20)
	nat2, reg2 := regionsCarried(2, 3) // 3·2 ≥ 2·3
	nat1, reg1 := regionsCarried(1, 2) // 3·1 < 2·2
	for _, tc := range []struct {
		name           string
		t              Totals
		regions        []Totals
		rs             RuleSet
		valid, adopted bool
	}{
		{"turnout exactly half", totals(1000, 500, 400, 100, 0, 0), nil, simple, false, false},
		{"turnout one over half", totals(1000, 501, 400, 101, 0, 0), nil, simple, true, true},
		{"turnout exactly half, odd registered", totals(1001, 500, 400, 100, 0, 0), nil, simple, false, false},
		{"yes exactly half", totals(1000, 600, 300, 300, 0, 0), nil, simple, true, false},
		{"yes one over half", totals(1000, 600, 301, 299, 0, 0), nil, simple, true, true},
		{"invalid and both weigh against", totals(1000, 600, 300, 200, 50, 50), nil, simple, true, false},
		{"14 of 20 regions", nat14, reg14, kz, true, true},
		{"13 of 20 regions", nat13, reg13, kz, true, false},
		{"13 of 20 regions, simple majority", nat13, reg13, simple, true, true},
		{"2 of 3 regions", nat2, reg2, kz, true, true},
		{"1 of 2 regions", nat1, reg1, kz, true, false},
		{"no region results", totals(1000, 600, 400, 200, 0, 0), nil, kz, true, false},
		{"nothing registered", totals(0, 0, 0, 0, 0, 0), nil, simple, false, false},
		{"quorum off, low turnout", totals(1000, 100, 60, 40, 0, 0), nil, mustRules(t, "simple-majority,turnout=off"), true, true},
		{"quorum 1/3, 40% turnout", totals(1000, 400, 300, 100, 0, 0), nil, mustRules(t, "simple-majority,turnout=1/3"), true, true},
		{"quorum 1/3, exactly a third", totals(999, 333, 300, 33, 0, 0), nil, mustRules(t, "simple-majority,turnout=1/3"), false, false},
		{"quorum at least 1/3, exactly a third", totals(999, 333, 300, 33, 0, 0), nil, mustRules(t, "simple-majority,turnout>=1/3"), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Decide(tc.t, tc.regions, tc.rs)
			if r.Valid != tc.valid || r.Adopted != tc.adopted {
				t.Errorf("valid=%v adopted=%v, want %v %v (%+v)", r.Valid, r.Adopted, tc.valid, tc.adopted, r)
			}
		})
	}
	// A region without results does not count among the n.
	reg := append(append([]Totals{}, reg13...), Totals{}, Totals{})
	if r := Decide(nat13, reg, kz); r.Regions != 20 || r.RegionsYes != 13 {
		t.Errorf("empty regions counted: %d of %d", r.RegionsYes, r.Regions)
	}
}

func TestResultJSON(t *testing.T) {
	b, err := json.Marshal(Decide(kz2026, split(kz2026, 20), mustRules(t, "")))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"registered", "participants", "yes", "no", "both", "invalid", "turnout", "yes_share", "valid", "adopted", "regions", "regions_yes", "precincts_reported"}
	if len(m) != len(want) {
		t.Errorf("fields: %s", b)
	}
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("no field %q in %s", k, b)
		}
	}
}

func TestLookupRules(t *testing.T) {
	for _, tc := range []struct{ spec, canon, err string }{
		{"", "kz-constitutional", ""},
		{"kz-constitutional", "kz-constitutional", ""},
		{"simple-majority", "simple-majority", ""},
		{"simple-majority,turnout=off", "simple-majority,turnout=off", ""},
		{"kz-constitutional, turnout=1/3", "kz-constitutional,turnout=1/3", ""},
		{"kz-constitutional,turnout>=1/2", "kz-constitutional,turnout>=1/2", ""},
		{"kz-constitutional,regions>=3/4,turnout=1/2", "kz-constitutional,regions>=3/4", ""},
		{"simple-majority,regional=1/2,regions>=2/3", "simple-majority,regional=1/2,regions>=2/3", ""},
		{"majoritarian", "", "unknown rule set"},
		{"kz-constitutional,quorum=1/2", "", "unknown option"},
		{"kz-constitutional,turnout", "", "key=value"},
		{"kz-constitutional,turnout=0.5", "", "not off or a fraction"},
		{"kz-constitutional,turnout=3/2", "", "not off or a fraction"},
		{"kz-constitutional,turnout=1/0", "", "not off or a fraction"},
		{"kz-constitutional,turnout>=off", "", "write off with ="},
		{"kz-constitutional,majority=off", "", "cannot be off"},
		{"kz-constitutional,turnout=1/3,turnout=1/4", "", "twice"},
	} {
		rs, err := LookupRules(tc.spec)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "rules: ") {
				t.Errorf("%q: error %v, want one containing %q", tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.spec, err)
			continue
		}
		if rs.String() != tc.canon {
			t.Errorf("%q: canonical %q, want %q", tc.spec, rs.String(), tc.canon)
		}
		again, err := LookupRules(rs.String())
		if err != nil || again != rs {
			t.Errorf("%q: does not round-trip: %+v, %v", tc.spec, again, err)
		}
	}
	kz := mustRules(t, "kz-constitutional")
	if got := kz.Describe(); got != "turnout more than 1/2 of registered voters; yes more than 1/2 of participants nationally; yes more than 1/2 of participants in at least 2/3 of the regions with results" {
		t.Errorf("Describe: %s", got)
	}
}

func ExampleDecide() {
	rs, _ := LookupRules("kz-constitutional")
	region := func(registered, participants, yes, no, both, invalid int64) Totals {
		var t Totals
		t.Sum[Registered], t.Sum[InBoxes] = registered, participants
		t.Sum[Yes], t.Sum[No], t.Sum[Both], t.Sum[Invalid] = yes, no, both, invalid
		return t
	}
	// Three regions; two carried (yes from more than half of their participants).
	regions := []Totals{
		region(1000, 700, 500, 150, 20, 30),
		region(2000, 1500, 900, 500, 40, 60),
		region(1500, 800, 300, 450, 10, 40),
	}
	var nation Totals
	for _, r := range regions {
		for f := range NumFields {
			nation.Sum[f] += r.Sum[f]
		}
	}
	r := Decide(nation, regions, rs)
	fmt.Printf("turnout %.1f%%, yes %.1f%%\n", 100*r.Turnout, 100*r.YesShare)
	fmt.Printf("valid %v, carried %d of %d regions, adopted %v\n", r.Valid, r.RegionsYes, r.Regions, r.Adopted)
	// Output:
	// turnout 66.7%, yes 56.7%
	// valid true, carried 2 of 3 regions, adopted true
}

package forensics

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"atazan"
)

func TestValidate(t *testing.T) {
	ok := Station{ID: "a", Registered: 100, Participants: 60, Valid: 58, Yes: 40, No: 18}
	for _, c := range []struct {
		name  string
		edit  func(*Station)
		field string
	}{
		{"valid", func(*Station) {}, ""},
		{"participants over registered is allowed", func(s *Station) { s.Participants, s.Valid = 120, 120; s.Yes = 100; s.No = 20 }, ""},
		{"no ID", func(s *Station) { s.ID = "" }, "stations[1]"},
		{"duplicate ID", func(s *Station) { s.ID = "a" }, "stations[1]"},
		{"negative", func(s *Station) { s.No = -1 }, "stations[1]"},
		{"votes over valid", func(s *Station) { s.Yes = 50 }, "stations[1]"},
		{"valid over participants", func(s *Station) { s.Valid = 61 }, "stations[1]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := ok
			s.ID = "b"
			c.edit(&s)
			err := Validate([]Station{ok, s})
			if c.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			e, isErr := err.(*atazan.Error)
			if !isErr || e.Code != atazan.EInvalid || e.Field != c.field {
				t.Fatalf("error %#v, want EInvalid on %s", err, c.field)
			}
		})
	}
}

// integerByRational is IsIntegerPercent by exact rational arithmetic, an
// independent oracle.
func integerByRational(a, b int64) bool {
	x := new(big.Rat).SetFrac64(100*a, b)
	fl := new(big.Int).Quo(x.Num(), x.Denom()) // a, b >= 0: the floor
	lo := new(big.Rat).Sub(x, new(big.Rat).SetInt(fl))
	hi := new(big.Rat).Sub(big.NewRat(1, 1), lo)
	tol := big.NewRat(5, 100)
	return lo.Cmp(tol) <= 0 || hi.Cmp(tol) <= 0
}

func TestIsIntegerPercent(t *testing.T) {
	for _, c := range []struct {
		a, b int64
		want bool
	}{
		{1700, 2000, true},  // 85.00%
		{1701, 2000, true},  // 85.05%: on the boundary, inclusive
		{1702, 2000, false}, // 85.10%
		{1699, 2000, true},  // 84.95%
		{1698, 2000, false}, // 84.90%
		{1, 3, false},       // 33.33…%
		{2, 3, false},       // 66.66…%
		{0, 7, true},        // 0%
		{7, 7, true},        // 100%
		{8, 7, false},       // 114.28…%
		{5, 0, false},       // no denominator
		{1, 2001, true},     // 0.0499…%
		{2, 2001, false},    // 0.0999…%
		{40000001, 80000000, true},
		{40040001, 80000000, false}, // 50.0500…%: 64-bit path
	} {
		if got := IsIntegerPercent(c.a, c.b); got != c.want {
			t.Errorf("IsIntegerPercent(%d, %d) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		b := 1 + r.Int64N(5000)
		if r.IntN(10) == 0 {
			b = 1 + r.Int64N(1<<40)
		}
		a := r.Int64N(b + 1)
		if got, want := IsIntegerPercent(a, b), integerByRational(a, b); got != want {
			t.Fatalf("IsIntegerPercent(%d, %d) = %v, rational arithmetic says %v", a, b, got, want)
		}
	}
}

// handMade stations, with the percentages worked out by hand.
var handMade = []Station{
	{ID: "s1", Region: "North", Registered: 2000, Participants: 1700, Valid: 1690, Yes: 1352, No: 338}, // 85.00%, 79.53%
	{ID: "s2", Region: "North", Registered: 1000, Participants: 613, Valid: 613, Yes: 429, No: 184},    // 61.3%, 69.98%
	{ID: "s3", Region: "South", Registered: 500, Participants: 480, Valid: 480, Yes: 456, No: 24},      // 96.00%, 95.00%
	{ID: "s4", Region: "South", Registered: 1501, Participants: 1000, Valid: 1000, Yes: 777, No: 223},  // 66.62%, 77.70%
	{ID: "s5", Region: "South", Registered: 90, Participants: 45, Valid: 45, Yes: 45, No: 0},           // too small for the integer test
	{ID: "s6", Region: "East", Registered: 1200, Participants: 1140, Valid: 1139, Yes: 1000, No: 139},  // 95.00%, 87.72%
	{ID: "s7", Region: "East", Registered: 0, Participants: 0, Valid: 0, Yes: 0, No: 0},                // no voters
}

func TestIntegerObserved(t *testing.T) {
	res, intT, intY := RunIntegerTest(handMade, 0, 50, 1, 0)
	if res.Stations != 5 || res.MinRegistered != DefaultMinRegistered || res.Simulations != 50 {
		t.Fatalf("tested %d stations (min %d, %d simulations), want 5 (100, 50)", res.Stations, res.MinRegistered, res.Simulations)
	}
	if want := []string{"s1", "s3", "s6"}; !slices.Equal(intT, want) {
		t.Errorf("integer turnout at %v, want %v", intT, want)
	}
	if want := []string{"s2", "s3"}; !slices.Equal(intY, want) {
		t.Errorf("integer yes share at %v, want %v", intY, want)
	}
	if res.Turnout.Observed != 3 || res.YesShare.Observed != 2 || res.Either.Observed != 4 {
		t.Errorf("observed %d, %d, %d, want 3, 2, 4", res.Turnout.Observed, res.YesShare.Observed, res.Either.Observed)
	}
}

// synthetic returns n stations whose counts are drawn voter by voter, a
// generator independent of the package's sampler.
func synthetic(r *rand.Rand, n int) []Station {
	out := make([]Station, n)
	for i := range out {
		reg := 100 + r.Int64N(2400)
		t := 0.3 + 0.6*r.Float64()
		y := 0.5 + 0.45*r.Float64()
		var p, yes int64
		for range reg {
			if r.Float64() < t {
				p++
				if r.Float64() < y {
					yes++
				}
			}
		}
		out[i] = Station{ID: "u" + itoa(i), Region: "R" + itoa(i%7), Registered: reg, Participants: p, Valid: p, Yes: yes, No: p - yes}
	}
	return out
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestIntegerExpectationHonest(t *testing.T) {
	st := synthetic(rand.New(rand.NewPCG(11, 12)), 4000)
	res, _, _ := RunIntegerTest(st, 0, 400, 7, 0)
	for name, c := range map[string]IntegerCount{"turnout": res.Turnout, "yes share": res.YesShare, "either": res.Either} {
		// an honest count lies within a few standard deviations of the
		// expectation, and below the 99.9th percentile but rarely
		if c.SD <= 0 || math.Abs(c.Excess) > 4*c.SD {
			t.Errorf("honest %s: observed %d, expected %.1f ± %.1f", name, c.Observed, c.Expected, c.SD)
		}
		if c.P999 < c.Expected || c.AtLeast <= 0 || c.AtLeast >= 1 {
			t.Errorf("honest %s: %+v", name, c)
		}
	}
}

func TestIntegerExpectationHeaped(t *testing.T) {
	st := synthetic(rand.New(rand.NewPCG(13, 14)), 4000)
	// one station in ten reports a turnout rounded to a whole percent
	for i := 0; i < len(st); i += 10 {
		s := &st[i]
		p := int64(math.Round(math.Round(100*float64(s.Participants)/float64(s.Registered)) * float64(s.Registered) / 100))
		s.Yes = min(s.Yes, p)
		s.Participants, s.Valid, s.No = p, p, p-s.Yes
	}
	res, _, _ := RunIntegerTest(st, 0, 400, 7, 0)
	if c := res.Turnout; float64(c.Observed) <= c.P999 || c.AtLeast != 0 || c.Excess < 250 {
		t.Errorf("heaped turnout: %+v, want an excess of about 360 above the 99.9th percentile", c)
	}
	if c := res.YesShare; math.Abs(c.Excess) > 4*c.SD {
		t.Errorf("yes shares were not heaped: %+v", c)
	}
}

func TestIntegerWorkersDoNotMatter(t *testing.T) {
	st := synthetic(rand.New(rand.NewPCG(15, 16)), 700)
	a, _, _ := RunIntegerTest(st, 0, 37, 3, 1)
	b, _, _ := RunIntegerTest(st, 0, 37, 3, 5)
	c, _, _ := RunIntegerTest(st, 0, 37, 4, 2)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("1 worker: %+v\n5 workers: %+v", a, b)
	}
	if reflect.DeepEqual(a.Turnout, c.Turnout) {
		t.Errorf("seeds 3 and 4 gave the same simulations")
	}
}

func TestPercentile(t *testing.T) {
	for _, c := range []struct {
		v    []int
		q    float64
		want float64
	}{
		{[]int{5}, 0.999, 5},
		{[]int{1, 2, 3, 4}, 0.5, 2.5},
		{[]int{4, 3, 2, 1}, 1, 4},
		{[]int{10, 0}, 0.25, 2.5},
		{nil, 0.5, 0},
	} {
		if got := percentile(c.v, c.q); got != c.want {
			t.Errorf("percentile(%v, %g) = %g, want %g", c.v, c.q, got, c.want)
		}
	}
}

func TestAnalyzeHandMade(t *testing.T) {
	s, err := Analyze(handMade, Options{Simulations: 20, Control: []ControlWarning{{StationID: "s4", Rule: "issued >= in boxes"}, {StationID: "s3", Rule: "issued >= in boxes"}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Totals.Stations != 7 || s.Totals.Registered != 6291 || s.Totals.Yes != 4059 {
		t.Errorf("totals %+v", s.Totals)
	}
	if names := []string{s.Regions[0].Region, s.Regions[1].Region, s.Regions[2].Region}; len(s.Regions) != 3 || !slices.Equal(names, []string{"East", "North", "South"}) {
		t.Errorf("regions %v", s.Regions)
	}
	if r := s.Regions[1]; r.Stations != 2 || r.Participants != 2313 || math.Abs(r.YesShare-1781.0/2313) > 1e-15 {
		t.Errorf("North: %+v", r)
	}
	f := s.Flags
	if !slices.Equal(f.HighTurnout, []string{"s3", "s6"}) {
		t.Errorf("high turnout %v, want s3 (96%%) and s6 (95.00%%)", f.HighTurnout)
	}
	want := []StationFlags{
		{ID: "s3", Region: "South", Reasons: []string{"high_turnout", "integer_turnout", "integer_yes_share", "control: issued >= in boxes"}},
		{ID: "s6", Region: "East", Reasons: []string{"high_turnout", "integer_turnout"}},
		{ID: "s1", Region: "North", Reasons: []string{"integer_turnout"}},
		{ID: "s2", Region: "North", Reasons: []string{"integer_yes_share"}},
		{ID: "s4", Region: "South", Reasons: []string{"control: issued >= in boxes"}},
	}
	if !reflect.DeepEqual(f.Stations, want) {
		t.Errorf("flags by station\n got %+v\nwant %+v", f.Stations, want)
	}
	// the fingerprint: s1 at turnout 85%, yes 79.5% → cell [85][79]
	if s.Fingerprint.Stations != 6 || s.Fingerprint.Cells[85][79] != 1 || s.Fingerprint.Cells[96][95] != 1 || s.Fingerprint.Total != 6 {
		t.Errorf("fingerprint: %d stations, total %g", s.Fingerprint.Stations, s.Fingerprint.Total)
	}
	if h := s.TurnoutHistogram; h.Stations != 6 || h.Counts[850] != 1 || h.Counts[613] != 1 || h.Counts[666] != 1 {
		t.Errorf("turnout histogram: %d stations", h.Stations)
	}
	if d := s.LastDigits; len(d) != 3 || d[0].Count != "yes" || d[0].N != 6 || d[1].N != 5 || d[2].N != 6 {
		t.Errorf("last digits: %+v", d)
	}
	if _, err := json.Marshal(s); err != nil {
		t.Errorf("the summary does not encode: %v", err)
	}
}

func TestAnalyzeWeightAndEdges(t *testing.T) {
	st := []Station{
		{ID: "full", Registered: 100, Participants: 100, Valid: 100, Yes: 100},
		{ID: "over", Registered: 100, Participants: 104, Valid: 104, Yes: 52, No: 52},
	}
	s, err := Analyze(st, Options{Weight: WeightParticipants, Simulations: 5})
	if err != nil {
		t.Fatal(err)
	}
	if s.Fingerprint.Cells[99][99] != 100 || s.Fingerprint.Cells[99][50] != 104 || s.Fingerprint.Total != 204 {
		t.Errorf("participant-weighted cells: [99][99] %g, [99][50] %g", s.Fingerprint.Cells[99][99], s.Fingerprint.Cells[99][50])
	}
	if h := s.TurnoutHistogram; h.Counts[999] != 2 || h.Over100 != 1 {
		t.Errorf("100%% and 104%% should both be in the last bin, one over 100: %d, %d", h.Counts[999], h.Over100)
	}
	if !slices.Equal(s.Flags.HighTurnout, []string{"full", "over"}) {
		t.Errorf("high turnout %v", s.Flags.HighTurnout)
	}
	// a full station at 100% is an integer percentage in every simulation too
	if c := s.Integer.Turnout; c.Observed != 2 || c.Expected < 1 {
		t.Errorf("integer turnout %+v", c)
	}
}

func TestAnalyzeRejects(t *testing.T) {
	st := []Station{{ID: "a", Registered: 10, Participants: 5, Valid: 5, Yes: 5}}
	for _, c := range []struct {
		name  string
		opt   Options
		field string
	}{
		{"weight", Options{Weight: "votes"}, "weight"},
		{"unknown station", Options{Control: []ControlWarning{{StationID: "b", Rule: "x"}}}, "control[0]"},
		{"no rule", Options{Control: []ControlWarning{{StationID: "a", Rule: " "}}}, "control[0]"},
		{"negative", Options{Simulations: -1}, ""},
	} {
		_, err := Analyze(st, c.opt)
		e, ok := err.(*atazan.Error)
		if !ok || e.Code != atazan.EInvalid || e.Field != c.field {
			t.Errorf("%s: error %#v, want EInvalid on %q", c.name, err, c.field)
		}
	}
	if _, err := Analyze([]Station{{ID: ""}}, Options{}); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("a station without ID: %v", err)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	s, err := Analyze(nil, Options{Simulations: 3})
	if err != nil {
		t.Fatal(err)
	}
	if s.Integer.Stations != 0 || s.Integer.Either.Expected != 0 || s.Totals.Stations != 0 {
		t.Errorf("empty: %+v", s.Integer)
	}
	if _, err := json.Marshal(s); err != nil {
		t.Errorf("the empty summary does not encode: %v", err)
	}
}

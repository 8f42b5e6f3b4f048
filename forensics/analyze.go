package forensics

import (
	"fmt"
	"slices"
	"strings"

	"atazan"
)

// Weight says what one cell of the fingerprint counts.
type Weight string

const (
	// WeightStations counts polling stations, as Klimek et al. (2012) do.
	WeightStations Weight = "stations"
	// WeightParticipants counts ballots found in the boxes, so that a large
	// station weighs as much as the people who voted there.
	WeightParticipants Weight = "participants"
)

// DefaultHighTurnout is the turnout, in percent, from which a station is
// flagged.
const DefaultHighTurnout = 95

// Options sets the parameters of Analyze. The zero value takes the
// documented defaults.
type Options struct {
	// Weight of the fingerprint's cells; "" means WeightStations.
	Weight Weight
	// Simulations of the integer-percentage test; 0 means DefaultSimulations.
	Simulations int
	// Seed of the integer-percentage test's simulations; every seed,
	// 0 included, is used as given, so a run can be repeated exactly.
	Seed uint64
	// MinRegistered: stations with fewer registered voters are left out of
	// the integer-percentage test; 0 means DefaultMinRegistered.
	MinRegistered int64
	// HighTurnout is the turnout in percent from which a station is
	// flagged; 0 means DefaultHighTurnout.
	HighTurnout float64
	// Workers is the number of goroutines of the simulations; 0 means
	// GOMAXPROCS. It does not change the result.
	Workers int
	// Control holds the control-relation warnings of the stations' protocols,
	// which the caller computed (the referendum's own rules); Analyze lists
	// them among the flags. Each must name a station that is analyzed.
	Control []ControlWarning
}

// ControlWarning says that a station's protocol breaks a control relation.
type ControlWarning struct {
	StationID string `json:"station_id"`
	Rule      string `json:"rule"` // the rule's name, e.g. "issued >= in boxes"
}

// Summary is the outcome of Analyze. It encodes to JSON as is.
type Summary struct {
	Totals            Totals      `json:"totals"`
	Fingerprint       Fingerprint `json:"fingerprint"`
	TurnoutHistogram  Histogram   `json:"turnout_histogram"`
	YesShareHistogram Histogram   `json:"yes_share_histogram"`
	Integer           IntegerTest `json:"integer_percentages"`
	LastDigits        []DigitTest `json:"last_digits"` // yes, no, participants
	Regions           []Totals    `json:"regions"`     // by region name
	Flags             Flags       `json:"flags"`
}

// Totals adds up stations: all of them (Summary.Totals) or one region's.
type Totals struct {
	Region       string `json:"region,omitempty"`
	Stations     int    `json:"stations"`
	Registered   int64  `json:"registered"`
	Participants int64  `json:"participants"`
	Valid        int64  `json:"valid"`
	Yes          int64  `json:"yes"`
	No           int64  `json:"no"`
	// Turnout is Participants/Registered, YesShare Yes/Participants and
	// YesShareValid Yes/Valid; each is 0 when its denominator is.
	Turnout       float64 `json:"turnout"`
	YesShare      float64 `json:"yes_share"`
	YesShareValid float64 `json:"yes_share_valid"`
}

func (t *Totals) add(s Station) {
	t.Stations++
	t.Registered += s.Registered
	t.Participants += s.Participants
	t.Valid += s.Valid
	t.Yes += s.Yes
	t.No += s.No
}

func (t *Totals) finish() {
	t.Turnout = ratio(t.Participants, t.Registered)
	t.YesShare = ratio(t.Yes, t.Participants)
	t.YesShareValid = ratio(t.Yes, t.Valid)
}

func ratio(a, b int64) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Flags lists the stations that deserve a second look. Each list is in
// input order.
type Flags struct {
	HighTurnoutPercent float64          `json:"high_turnout_percent"`
	HighTurnout        []string         `json:"high_turnout"`      // turnout >= HighTurnoutPercent
	IntegerTurnout     []string         `json:"integer_turnout"`   // among the stations of the integer test
	IntegerYesShare    []string         `json:"integer_yes_share"` // likewise
	Control            []ControlWarning `json:"control"`           // as passed in Options.Control
	// Stations gathers the flags by station: most reasons first, then by ID.
	Stations []StationFlags `json:"stations"`
}

// StationFlags names one flagged station and its reasons: "high_turnout",
// "integer_turnout", "integer_yes_share" and "control: " + rule.
type StationFlags struct {
	ID      string   `json:"id"`
	Region  string   `json:"region"`
	Reasons []string `json:"reasons"`
}

// Analyze validates the stations (see Validate) and the options, then runs
// every method. Its errors are EInvalid *atazan.Error values.
func Analyze(stations []Station, opt Options) (Summary, error) {
	if err := Validate(stations); err != nil {
		return Summary{}, err
	}
	if opt.Weight == "" {
		opt.Weight = WeightStations
	}
	if opt.Weight != WeightStations && opt.Weight != WeightParticipants {
		return Summary{}, atazan.FieldErrorf("weight", "the fingerprint's weight is %q; it must be %q or %q", opt.Weight, WeightStations, WeightParticipants)
	}
	if opt.Simulations < 0 || opt.MinRegistered < 0 || opt.HighTurnout < 0 || opt.Workers < 0 {
		return Summary{}, atazan.Errorf(atazan.EInvalid, "the simulations, the minimum of registered voters, the high turnout and the workers must not be negative")
	}
	if opt.HighTurnout == 0 {
		opt.HighTurnout = DefaultHighTurnout
	}
	index := make(map[string]int, len(stations))
	for i, s := range stations {
		index[s.ID] = i
	}
	for i, w := range opt.Control {
		if _, ok := index[w.StationID]; !ok {
			return Summary{}, atazan.FieldErrorf(fmt.Sprintf("control[%d]", i), "no station has the ID %q", w.StationID)
		}
		if strings.TrimSpace(w.Rule) == "" {
			return Summary{}, atazan.FieldErrorf(fmt.Sprintf("control[%d]", i), "the warning on station %q names no rule", w.StationID)
		}
	}

	sum := Summary{Regions: []Totals{}}
	regions := map[string]*Totals{}
	yes := make([]int64, len(stations))
	no := make([]int64, len(stations))
	participants := make([]int64, len(stations))
	for i, s := range stations {
		sum.Totals.add(s)
		r := regions[s.Region]
		if r == nil {
			r = &Totals{Region: s.Region}
			regions[s.Region] = r
		}
		r.add(s)
		yes[i], no[i], participants[i] = s.Yes, s.No, s.Participants
	}
	sum.Totals.finish()
	for _, r := range regions {
		r.finish()
		sum.Regions = append(sum.Regions, *r)
	}
	slices.SortFunc(sum.Regions, func(a, b Totals) int { return strings.Compare(a.Region, b.Region) })

	sum.Fingerprint = NewFingerprint(stations, opt.Weight)
	sum.TurnoutHistogram = TurnoutHistogram(stations)
	sum.YesShareHistogram = YesShareHistogram(stations)
	var intT, intY []string
	sum.Integer, intT, intY = RunIntegerTest(stations, opt.MinRegistered, opt.Simulations, opt.Seed, opt.Workers)
	sum.LastDigits = []DigitTest{
		LastDigitTest("yes", yes),
		LastDigitTest("no", no),
		LastDigitTest("participants", participants),
	}
	sum.Flags = newFlags(stations, index, opt, intT, intY)
	return sum, nil
}

func newFlags(stations []Station, index map[string]int, opt Options, intT, intY []string) Flags {
	f := Flags{
		HighTurnoutPercent: opt.HighTurnout,
		HighTurnout:        []string{},
		IntegerTurnout:     intT,
		IntegerYesShare:    intY,
		Control:            slices.Clone(opt.Control),
		Stations:           []StationFlags{},
	}
	if f.IntegerTurnout == nil {
		f.IntegerTurnout = []string{}
	}
	if f.IntegerYesShare == nil {
		f.IntegerYesShare = []string{}
	}
	if f.Control == nil {
		f.Control = []ControlWarning{}
	}
	reasons := map[string][]string{}
	for _, s := range stations {
		if s.Registered > 0 && float64(s.Participants)*100 >= opt.HighTurnout*float64(s.Registered) {
			f.HighTurnout = append(f.HighTurnout, s.ID)
			reasons[s.ID] = append(reasons[s.ID], "high_turnout")
		}
	}
	for _, id := range intT {
		reasons[id] = append(reasons[id], "integer_turnout")
	}
	for _, id := range intY {
		reasons[id] = append(reasons[id], "integer_yes_share")
	}
	for _, w := range opt.Control {
		reasons[w.StationID] = append(reasons[w.StationID], "control: "+w.Rule)
	}
	for id, rs := range reasons {
		f.Stations = append(f.Stations, StationFlags{ID: id, Region: stations[index[id]].Region, Reasons: rs})
	}
	slices.SortFunc(f.Stations, func(a, b StationFlags) int {
		if len(a.Reasons) != len(b.Reasons) {
			return len(b.Reasons) - len(a.Reasons)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return f
}

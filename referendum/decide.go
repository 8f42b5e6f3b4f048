package referendum

// Totals are the sums of the counted protocols of an area (a district, a
// region or the nation): one sum per protocol field, how many precincts
// reported, and how many voters those precincts have in the territorial
// structure (which may differ from the sum of their protocols' registered
// field, since lists change until the vote).
type Totals struct {
	Sum       [NumFields]int64 // per field; a field not reported adds 0
	Precincts int64            // precincts whose protocol is counted
	Covered   int64            // registered voters (per the structure) of those precincts
}

// Registered returns the voters on the lists of the counted precincts.
func (t Totals) Registered() int64 { return t.Sum[Registered] }

// Participants returns the ballots found in the boxes, valid and invalid.
func (t Totals) Participants() int64 { return t.Sum[InBoxes] }

// add adds p's values (sign +1) or subtracts them (sign -1).
func (t *Totals) add(p *Protocol, covered int64, sign int64) {
	for f := range NumFields {
		t.Sum[f] += sign * p.Values[f]
	}
	t.Precincts += sign
	t.Covered += sign * covered
}

// Result is the outcome of a referendum, or of its count so far. Its JSON
// field names are stable (the API and the public log use them). Turnout
// and YesShare are fractions for display (0.731 is 73.1%); Valid and
// Adopted are decided in integers.
type Result struct {
	Registered        int64   `json:"registered"`
	Participants      int64   `json:"participants"`
	Yes               int64   `json:"yes"`
	No                int64   `json:"no"`
	Both              int64   `json:"both"`
	Invalid           int64   `json:"invalid"`
	Turnout           float64 `json:"turnout"`   // participants / registered
	YesShare          float64 `json:"yes_share"` // yes / participants
	Valid             bool    `json:"valid"`
	Adopted           bool    `json:"adopted"`
	Regions           int     `json:"regions"`     // regions with results (n)
	RegionsYes        int     `json:"regions_yes"` // regions carried (k)
	PrecinctsReported int64   `json:"precincts_reported"`
}

// hasResults reports whether a region's totals count among the regions
// with results: a precinct of it reported, or, for totals built without
// precinct counts, some ballots were found in its boxes.
func (t Totals) hasResults() bool { return t.Precincts > 0 || t.Sum[InBoxes] > 0 }

// Decide applies the rule set rs to the national totals t and the totals
// of the regions. The caller passes the regions that the regional rule
// counts (for Kazakhstan: the 17 regions, the cities of republican
// significance and the capital; not precincts abroad, which count
// nationally only). A region counts among the n regions with results when
// it has results (a precinct reported, or ballots in its boxes); it is
// carried when rs.Regional passes for its yes votes out of its
// participants; the regional condition holds when rs.Regions passes for k
// carried out of n, and fails when no region has results.
//
// The referendum is valid when rs.Turnout passes for participants out of
// registered voters; the question is adopted when it is valid, rs.National
// passes for yes out of participants, and the regional condition (unless
// rs.Regional is off) holds. Participants are in_boxes: every ballot found
// in the boxes, valid or invalid. Decide uses integer arithmetic only.
func Decide(t Totals, regions []Totals, rs RuleSet) Result {
	res := Result{
		Registered:        t.Sum[Registered],
		Participants:      t.Sum[InBoxes],
		Yes:               t.Sum[Yes],
		No:                t.Sum[No],
		Both:              t.Sum[Both],
		Invalid:           t.Sum[Invalid],
		PrecinctsReported: t.Precincts,
	}
	if res.Registered > 0 {
		res.Turnout = float64(res.Participants) / float64(res.Registered)
	}
	if res.Participants > 0 {
		res.YesShare = float64(res.Yes) / float64(res.Participants)
	}
	for _, r := range regions {
		if !r.hasResults() {
			continue
		}
		res.Regions++
		if rs.Regional.Passes(r.Sum[Yes], r.Sum[InBoxes]) {
			res.RegionsYes++
		}
	}
	res.Valid = res.Registered > 0 && rs.Turnout.Passes(res.Participants, res.Registered)
	res.Adopted = res.Valid && res.Participants > 0 && rs.National.Passes(res.Yes, res.Participants)
	if !rs.Regional.Off {
		res.Adopted = res.Adopted && res.Regions > 0 && rs.Regions.Passes(int64(res.RegionsYes), int64(res.Regions))
	}
	return res
}

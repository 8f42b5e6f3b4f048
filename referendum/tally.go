package referendum

import (
	"strings"

	"atazan"
)

// Revision is one submission of a precinct's protocol. The first is
// revision 1; a commission that corrects its protocol submits revision 2,
// 3, … with the reason for the correction (a recount, a typing error
// found by the territorial commission, a court's decision). A revision is
// accepted when it fails no control relation of severity Error; the latest
// accepted revision of a precinct is the one counted, and a rejected
// revision leaves the one counted before it in place.
type Revision struct {
	Precinct PrecinctID
	Number   int    // 1 for the first protocol, then 2, 3, …
	Reason   string // required for a correction (Number > 1); at most 1,000 characters
	Protocol Protocol
}

// maxReasonChars is the longest reason for a correction.
const maxReasonChars = 1000

// checkRevision checks a revision's number and reason against the number
// of the revision counted so far (0 when none).
func checkRevision(rev *Revision, counted int) error {
	if rev.Number < 1 {
		return atazan.FieldErrorf("revision", "a revision number starts at 1 (got %d)", rev.Number)
	}
	reason := strings.TrimSpace(rev.Reason)
	if rev.Number > 1 && reason == "" {
		return atazan.FieldErrorf("reason", "revision %d corrects the protocol and must say why", rev.Number)
	}
	if len([]rune(reason)) > maxReasonChars {
		return atazan.FieldErrorf("reason", "the reason is longer than %d characters", maxReasonChars)
	}
	if rev.Number <= counted {
		return atazan.Errorf(atazan.EConflict, "revision %d is not after revision %d, which is already counted", rev.Number, counted)
	}
	return nil
}

// counted is what the tally holds for one precinct.
type counted struct {
	number   int // revision number; 0 when nothing is counted
	protocol Protocol
}

// Tally adds up the counted protocols of a structure's precincts: per
// district, per region and for the nation, with the precincts reported and
// the registered voters (per the structure) they cover. Apply changes it in
// constant time; Recompute adds everything up again, for audit.
//
// A Tally is not safe for concurrent use: one goroutine applies revisions
// (as they are accepted in order), others read copies it hands out.
type Tally struct {
	s         *Structure
	precincts []counted
	districts []Totals
	regions   []Totals
	nation    Totals
}

// NewTally returns an empty tally over s. Precincts added to s later are
// taken in when a revision for them is applied.
func NewTally(s *Structure) *Tally {
	t := &Tally{s: s}
	t.grow()
	return t
}

// grow extends the tally to precincts, districts and regions added to the structure.
func (t *Tally) grow() {
	t.precincts = extend(t.precincts, len(t.s.Precincts))
	t.districts = extend(t.districts, len(t.s.Districts))
	t.regions = extend(t.regions, len(t.s.Regions))
}

// extend returns s lengthened with zero values to n elements.
func extend[T any](s []T, n int) []T {
	if n <= len(s) {
		return s
	}
	return append(s, make([]T, n-len(s))...)
}

// Apply checks a revision and, when it is accepted, counts it in place of
// the precinct's previously counted revision: the old values are
// subtracted from the precinct's district, region and the nation, and the
// new ones added, in constant time. It returns the revision's violations
// (warnings when accepted) and an error when it is not counted:
//
//   - ENotFound: the precinct is not in the structure;
//   - EInvalid with Field "revision" or "reason": a number below 1, or a
//     correction without a reason;
//   - EConflict: the number is not after the counted revision's;
//   - EInvalid naming the rules: the protocol fails a control relation of
//     severity Error (the violations say which); the precinct's previously
//     counted revision, if any, stays counted.
func (t *Tally) Apply(rev Revision) ([]Violation, error) {
	if int(rev.Precinct) >= len(t.precincts) {
		t.grow()
	}
	if rev.Precinct < 0 || int(rev.Precinct) >= len(t.precincts) {
		return nil, atazan.Errorf(atazan.ENotFound, "precinct %d is not in the territorial structure", rev.Precinct)
	}
	c := &t.precincts[rev.Precinct]
	vs, err := CheckRevision(rev, c.number, t.s.Name(rev.Precinct))
	if err != nil {
		return vs, err
	}
	p := t.s.Precincts[rev.Precinct]
	if c.number > 0 {
		t.count(p, &c.protocol, -1)
	}
	c.number, c.protocol = rev.Number, rev.Protocol
	t.count(p, &c.protocol, +1)
	return vs, nil
}

// CheckRevision decides whether a revision of a precinct's protocol is
// accepted, given the number of the revision counted for the precinct so
// far (0 when none); name is the precinct's "region / district / precinct"
// for the message. It returns the revision's violations and, when it is not
// accepted, the error Apply documents (EInvalid naming "revision" or
// "reason", EConflict, or EInvalid naming the rules broken). A store that
// keeps its totals in a database calls it, and adds Delta to its totals.
func CheckRevision(rev Revision, counted int, name string) ([]Violation, error) {
	if err := checkRevision(&rev, counted); err != nil {
		return nil, err
	}
	vs := Check(rev.Protocol)
	if Rejects(vs) {
		return vs, atazan.FieldErrorf("protocol", "the protocol of precinct %s is rejected: %s",
			name, strings.Join(RuleNames(errorsOnly(vs)), ", "))
	}
	return vs, nil
}

// Delta is the change to an area's totals when a precinct with covered
// registered voters has its counted protocol old (nil when none was
// counted) replaced by new: new added, old subtracted.
func Delta(old, new *Protocol, covered int64) Totals {
	var d Totals
	if old != nil {
		d.add(old, covered, -1)
	}
	d.add(new, covered, +1)
	return d
}

// Plus returns the totals with d added, field by field.
func (t Totals) Plus(d Totals) Totals {
	for f := range NumFields {
		t.Sum[f] += d.Sum[f]
	}
	t.Precincts += d.Precincts
	t.Covered += d.Covered
	return t
}

func errorsOnly(vs []Violation) []Violation {
	var out []Violation
	for _, v := range vs {
		if v.Severity == Error {
			out = append(out, v)
		}
	}
	return out
}

func (t *Tally) count(p Precinct, pr *Protocol, sign int64) {
	t.districts[p.District].add(pr, p.Registered, sign)
	t.regions[p.Region].add(pr, p.Registered, sign)
	t.nation.add(pr, p.Registered, sign)
}

// Nation returns the national totals.
func (t *Tally) Nation() Totals { return t.nation }

// Region returns a region's totals.
func (t *Tally) Region(r RegionID) Totals {
	if int(r) >= len(t.regions) {
		return Totals{}
	}
	return t.regions[r]
}

// District returns a district's totals.
func (t *Tally) District(d DistrictID) Totals {
	if int(d) >= len(t.districts) {
		return Totals{}
	}
	return t.districts[d]
}

// Counted returns the revision number and protocol counted for a precinct;
// number 0 when none is.
func (t *Tally) Counted(p PrecinctID) (number int, protocol Protocol) {
	if int(p) >= len(t.precincts) {
		return 0, Protocol{}
	}
	c := t.precincts[p]
	return c.number, c.protocol
}

// HomeRegions returns the totals of the regions that are not abroad, in
// the structure's order: the regions the regional rule counts.
func (t *Tally) HomeRegions() []Totals {
	t.grow()
	var rs []Totals
	for i, r := range t.s.Regions {
		if !r.Abroad {
			rs = append(rs, t.regions[i])
		}
	}
	return rs
}

// Decide decides the referendum on the tally so far: Decide with the
// national totals and the home regions.
func (t *Tally) Decide(rs RuleSet) Result {
	return Decide(t.nation, t.HomeRegions(), rs)
}

// Sums are the totals of a whole tally: per district, per region (both
// indexed by the structure's IDs) and for the nation.
type Sums struct {
	Districts []Totals
	Regions   []Totals
	Nation    Totals
}

// Recompute adds up the counted protocols from scratch, without the
// running totals, so that an audit can compare the two (Audit).
func (t *Tally) Recompute() Sums {
	t.grow()
	s := Sums{Districts: make([]Totals, len(t.s.Districts)), Regions: make([]Totals, len(t.s.Regions))}
	for i := range t.precincts {
		c := &t.precincts[i]
		if c.number == 0 {
			continue
		}
		p := t.s.Precincts[i]
		s.Districts[p.District].add(&c.protocol, p.Registered, 1)
		s.Regions[p.Region].add(&c.protocol, p.Registered, 1)
		s.Nation.add(&c.protocol, p.Registered, 1)
	}
	return s
}

// Audit recomputes the tally and returns an EInternal error naming the
// first area whose running totals differ from the recomputed ones.
func (t *Tally) Audit() error {
	s := t.Recompute()
	if s.Nation != t.nation {
		return atazan.Errorf(atazan.EInternal, "national totals %+v differ from the recomputed %+v", t.nation, s.Nation)
	}
	for i := range s.Regions {
		if s.Regions[i] != t.regions[i] {
			return atazan.Errorf(atazan.EInternal, "totals of region %s differ from the recomputed ones", t.s.Regions[i].Code)
		}
	}
	for i := range s.Districts {
		if s.Districts[i] != t.districts[i] {
			return atazan.Errorf(atazan.EInternal, "totals of district %s differ from the recomputed ones", t.s.Districts[i].Code)
		}
	}
	return nil
}

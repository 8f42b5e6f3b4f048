package commission

import (
	"atazan"
)

// QuorumRule is how many members must be present for the commission to
// meet and vote.
type QuorumRule string

// The quorum rules; see the package documentation.
const (
	QuorumMoreThanHalf QuorumRule = "more_than_half" // present*2 > members (default)
	QuorumTwoThirds    QuorumRule = "two_thirds"     // present*3 >= members*2
)

// Majority is the share of votes for that adopts.
type Majority string

// The majorities; see the package documentation.
const (
	MajorityPresent          Majority = "present"            // more than half of the members present (default)
	MajorityAll              Majority = "all"                // more than half of all members
	MajorityTwoThirdsPresent Majority = "two_thirds_present" // at least two thirds of the members present
	MajorityTwoThirdsAll     Majority = "two_thirds_all"     // at least two thirds of all members
)

// Rules are a commission's rules of procedure. The zero value holds the
// defaults: a quorum of more than half of the members, adoption by more than
// half of the members present, and the agenda set by the chair and the
// secretary.
type Rules struct {
	Quorum   QuorumRule `json:"quorum,omitempty"`
	Majority Majority   `json:"majority,omitempty"`
	// Agenda lists the positions whose holders may put items on the agenda;
	// empty means chair and secretary.
	Agenda []Position `json:"agenda,omitempty"`
}

// Validate checks that the rules name known rules and positions.
func (r Rules) Validate() error {
	switch r.Quorum {
	case "", QuorumMoreThanHalf, QuorumTwoThirds:
	default:
		return atazan.FieldErrorf("quorum", "unknown quorum rule %q: want more_than_half or two_thirds", r.Quorum)
	}
	switch r.Majority {
	case "", MajorityPresent, MajorityAll, MajorityTwoThirdsPresent, MajorityTwoThirdsAll:
	default:
		return atazan.FieldErrorf("majority", "unknown majority %q: want present, all, two_thirds_present or two_thirds_all", r.Majority)
	}
	for _, p := range r.Agenda {
		if q, err := ParsePosition(string(p)); err != nil || q != p {
			return atazan.FieldErrorf("agenda", "unknown position %q: want chair, deputy_chair, secretary or member", p)
		}
	}
	return nil
}

// SetsAgenda reports whether a holder of the position may put items on the agenda.
func (r Rules) SetsAgenda(p Position) bool {
	agenda := r.Agenda
	if len(agenda) == 0 {
		agenda = []Position{Chair, Secretary}
	}
	for _, x := range agenda {
		if x == p {
			return true
		}
	}
	return false
}

// moreThanHalf is the least whole number above half of n.
func moreThanHalf(n int) int { return n/2 + 1 }

// twoThirds is the least whole number at least two thirds of n.
func twoThirds(n int) int { return (2*n + 2) / 3 }

// QuorumNeeded returns how many of the members must be present for a quorum.
func QuorumNeeded(r Rules, members int) int {
	if r.Quorum == QuorumTwoThirds {
		return twoThirds(members)
	}
	return moreThanHalf(members)
}

// Quorum reports whether present of members make a quorum under the rules.
func Quorum(r Rules, members, present int) bool {
	return present >= QuorumNeeded(r, members) && present <= members && present > 0
}

// Needed returns how many votes for adopt, given the members and those
// present: never fewer than one.
func Needed(r Rules, members, present int) int {
	var n int
	switch r.Majority {
	case MajorityAll:
		n = moreThanHalf(members)
	case MajorityTwoThirdsPresent:
		n = twoThirds(present)
	case MajorityTwoThirdsAll:
		n = twoThirds(members)
	default:
		n = moreThanHalf(present)
	}
	return max(n, 1)
}

// Tally counts the votes of one vote.
type Tally struct {
	For     int `json:"for"`
	Against int `json:"against"`
	Abstain int `json:"abstain"`
}

// Votes is the number of votes cast.
func (t Tally) Votes() int { return t.For + t.Against + t.Abstain }

// Outcome decides a vote: adopted when those present make a quorum and the
// votes for reach needed (see Needed). Abstentions count as present, never
// as for. err is an EInvalid error when the counts cannot be: a negative
// count, more votes than members present, more present than members.
func Outcome(r Rules, t Tally, members, present int) (adopted bool, needed int, err error) {
	switch {
	case t.For < 0 || t.Against < 0 || t.Abstain < 0 || present < 0 || members < 0:
		return false, 0, atazan.Errorf(atazan.EInvalid, "counts of votes and members cannot be negative")
	case present > members:
		return false, 0, atazan.Errorf(atazan.EInvalid, "%d present is more than the %d members", present, members)
	case t.Votes() > present:
		return false, 0, atazan.Errorf(atazan.EInvalid, "%d votes cast is more than the %d members present", t.Votes(), present)
	}
	needed = Needed(r, members, present)
	return Quorum(r, members, present) && t.For >= needed, needed, nil
}

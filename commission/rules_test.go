package commission

import (
	"fmt"
	"testing"

	"atazan"
)

func TestQuorum(t *testing.T) {
	cases := []struct {
		rule             QuorumRule
		members, present int
		want             bool
	}{
		{"", 130, 65, false}, // exactly half is not more than half
		{"", 130, 66, true},
		{"", 131, 65, false},
		{"", 131, 66, true},
		{"", 1, 1, true},
		{"", 1, 0, false},
		{"", 2, 1, false},
		{"", 0, 0, false},
		{QuorumMoreThanHalf, 130, 66, true},
		{QuorumTwoThirds, 130, 86, false}, // 258 < 260
		{QuorumTwoThirds, 130, 87, true},  // 261 >= 260
		{QuorumTwoThirds, 129, 86, true},  // exactly two thirds
		{QuorumTwoThirds, 129, 85, false},
		{QuorumTwoThirds, 3, 2, true},
		{QuorumTwoThirds, 3, 1, false},
		{"", 130, 131, false}, // more present than members cannot be
	}
	for _, c := range cases {
		if got := Quorum(Rules{Quorum: c.rule}, c.members, c.present); got != c.want {
			t.Errorf("Quorum(%q, %d members, %d present) = %v, want %v", c.rule, c.members, c.present, got, c.want)
		}
	}
}

func TestOutcome(t *testing.T) {
	cases := []struct {
		majority         Majority
		tally            Tally
		members, present int
		adopted          bool
		needed           int
	}{
		// More than half of those present (the default).
		{"", Tally{50, 50, 0}, 130, 100, false, 51}, // a tie is not adopted
		{"", Tally{51, 49, 0}, 130, 100, true, 51},
		{"", Tally{50, 40, 10}, 130, 100, false, 51}, // abstentions count as present, not for
		{"", Tally{51, 10, 39}, 130, 100, true, 51},
		{"", Tally{34, 33, 0}, 130, 67, true, 34}, // 67 present: more than 33.5
		{"", Tally{33, 33, 1}, 130, 67, false, 34},
		{"", Tally{66, 0, 0}, 130, 66, true, 34},   // votes for, with a bare quorum
		{"", Tally{65, 0, 0}, 130, 65, false, 33},  // no quorum: exactly half present
		{"", Tally{40, 0, 0}, 130, 100, false, 51}, // 60 present did not vote: not for
		// More than half of all members.
		{MajorityAll, Tally{65, 0, 0}, 130, 100, false, 66}, // exactly half of all
		{MajorityAll, Tally{66, 34, 0}, 130, 100, true, 66},
		{MajorityAll, Tally{66, 0, 0}, 131, 66, true, 66},
		{MajorityAll, Tally{65, 0, 0}, 131, 66, false, 66},
		// At least two thirds of those present.
		{MajorityTwoThirdsPresent, Tally{66, 33, 0}, 130, 99, true, 66}, // exactly two thirds
		{MajorityTwoThirdsPresent, Tally{65, 34, 0}, 130, 99, false, 66},
		{MajorityTwoThirdsPresent, Tally{67, 33, 0}, 130, 100, true, 67},  // 201 >= 200
		{MajorityTwoThirdsPresent, Tally{66, 0, 34}, 130, 100, false, 67}, // 198 < 200, abstentions count
		// At least two thirds of all members.
		{MajorityTwoThirdsAll, Tally{86, 0, 0}, 130, 130, false, 87},
		{MajorityTwoThirdsAll, Tally{87, 43, 0}, 130, 130, true, 87},
		{MajorityTwoThirdsAll, Tally{86, 0, 0}, 129, 100, true, 86}, // exactly two thirds of 129
		{MajorityTwoThirdsAll, Tally{85, 0, 0}, 129, 100, false, 86},
		// Small numbers.
		{"", Tally{1, 0, 0}, 1, 1, true, 1},
		{"", Tally{0, 0, 1}, 1, 1, false, 1},
		{MajorityTwoThirdsPresent, Tally{0, 0, 0}, 1, 1, false, 1}, // never fewer than one vote for
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %+v %d/%d", c.majority, c.tally, c.present, c.members), func(t *testing.T) {
			adopted, needed, err := Outcome(Rules{Majority: c.majority}, c.tally, c.members, c.present)
			if err != nil {
				t.Fatal(err)
			}
			if adopted != c.adopted || needed != c.needed {
				t.Errorf("Outcome = %v, needs %d; want %v, needs %d", adopted, needed, c.adopted, c.needed)
			}
		})
	}
}

func TestOutcomeImpossibleCounts(t *testing.T) {
	cases := []struct {
		tally            Tally
		members, present int
	}{
		{Tally{-1, 0, 0}, 10, 5},
		{Tally{3, 2, 1}, 10, 5},
		{Tally{1, 0, 0}, 10, 11},
		{Tally{1, 0, 0}, -1, 0},
	}
	for _, c := range cases {
		adopted, _, err := Outcome(Rules{}, c.tally, c.members, c.present)
		if atazan.ErrorCode(err) != atazan.EInvalid || adopted {
			t.Errorf("Outcome(%+v, %d, %d) = %v, %v; want an invalid error", c.tally, c.members, c.present, adopted, err)
		}
	}
}

func TestRulesValidate(t *testing.T) {
	good := []Rules{{}, {Quorum: QuorumTwoThirds, Majority: MajorityTwoThirdsAll, Agenda: []Position{Chair, DeputyChair, Ordinary}}}
	for _, r := range good {
		if err := r.Validate(); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
	bad := map[string]Rules{
		"quorum":   {Quorum: "half"},
		"majority": {Majority: "simple"},
		"agenda":   {Agenda: []Position{"Chair"}},
	}
	for field, r := range bad {
		if e, ok := r.Validate().(*atazan.Error); !ok || e.Field != field {
			t.Errorf("%+v: err = %v, want one naming %s", r, r.Validate(), field)
		}
	}
	if r := (Rules{}); !r.SetsAgenda(Chair) || !r.SetsAgenda(Secretary) || r.SetsAgenda(DeputyChair) || r.SetsAgenda(Ordinary) {
		t.Error("the default agenda is not chair and secretary")
	}
	if r := (Rules{Agenda: []Position{Ordinary}}); r.SetsAgenda(Chair) || !r.SetsAgenda(Ordinary) {
		t.Error("an explicit agenda list is not followed")
	}
}

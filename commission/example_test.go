package commission_test

import (
	"fmt"
	"strings"
	"time"

	"atazan/commission"
)

func ExampleOutcome() {
	rules := commission.Rules{} // defaults: quorum and majority of more than half
	for _, t := range []commission.Tally{{For: 50, Against: 50}, {For: 51, Against: 49}, {For: 50, Against: 40, Abstain: 10}} {
		adopted, needed, _ := commission.Outcome(rules, t, 130, 100)
		fmt.Printf("%+v: adopted %v (needs %d)\n", t, adopted, needed)
	}
	adopted, needed, _ := commission.Outcome(commission.Rules{Majority: commission.MajorityTwoThirdsAll}, commission.Tally{For: 87}, 130, 120)
	fmt.Printf("two thirds of all 130: adopted %v (needs %d)\n", adopted, needed)
	// Output:
	// {For:50 Against:50 Abstain:0}: adopted false (needs 51)
	// {For:51 Against:49 Abstain:0}: adopted true (needs 51)
	// {For:50 Against:40 Abstain:10}: adopted false (needs 51)
	// two thirds of all 130: adopted true (needs 87)
}

func ExampleQuorum() {
	fmt.Println(commission.Quorum(commission.Rules{}, 130, 65), commission.Quorum(commission.Rules{}, 130, 66))
	// Output: false true
}

func ExampleMeeting() {
	members, err := commission.ParseMembers(strings.NewReader(`name,email,position,from,to
Aigerim Sarsenova,chair@example.kz,chair,2026-01-15,
Dana Ospan,secretary@example.kz,secretary,2026-01-15,
Ivan Petrov,petrov@example.kz,member,2026-01-15,
Erlan Nurov,nurov@example.kz,member,2026-01-15,
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := commission.NewMeeting(commission.Rules{}, members, time.Date(2026, 2, 12, 0, 0, 0, 0, time.UTC))
	m.AddItem("secretary@example.kz", "Amendment 12: Article 5", "am-12")
	for _, id := range []string{"chair@example.kz", "secretary@example.kz", "petrov@example.kz"} {
		m.Arrive(id)
	}
	m.Open("chair@example.kz")
	m.OpenItem("chair@example.kz", 0)
	fmt.Println(m.OpenVote("petrov@example.kz", ""))
	m.OpenVote("chair@example.kz", "")
	m.Vote("chair@example.kz", commission.For)
	m.Vote("petrov@example.kz", commission.Against)
	m.Vote("petrov@example.kz", commission.For) // changed before the close
	m.Vote("secretary@example.kz", commission.Abstain)
	m.Leave("secretary@example.kz") // the abstention stands
	r, _ := m.CloseVote("chair@example.kz")
	fmt.Printf("%+v: %d of %d present, needs %d, adopted %v\n", r.Tally, r.Present, r.Members, r.Needed, r.Adopted)
	// Output:
	// only the presiding member (the chair, or a deputy chair when the chair is absent) may open a vote; chair@example.kz presides now
	// {For:2 Against:0 Abstain:1}: 3 of 4 present, needs 2, adopted true
}

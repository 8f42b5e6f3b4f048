package commission

import (
	"fmt"
	"strings"
	"testing"

	"atazan"
)

// roster is a commission of n members serving on 2026-02-12 (n >= 4): chair
// c@, deputy chair d@, secretary s@, and members m4@ to mN@; x@ served until
// the day before and is no longer a member.
func roster(n int) []Member {
	from := day("2026-01-01")
	ms := []Member{
		{Name: "Chair", Email: "c@example.kz", Position: Chair, From: from},
		{Name: "Deputy", Email: "d@example.kz", Position: DeputyChair, From: from},
		{Name: "Secretary", Email: "s@example.kz", Position: Secretary, From: from},
		{Name: "Former", Email: "x@example.kz", Position: Ordinary, From: from, To: day("2026-02-11")},
	}
	for i := 4; i <= n; i++ {
		ms = append(ms, Member{Name: fmt.Sprint("Member ", i), Email: fmt.Sprintf("m%d@example.kz", i), Position: Ordinary, From: from})
	}
	return ms
}

func member(i int) string { return fmt.Sprintf("m%d@example.kz", i) }

const (
	chair  = "c@example.kz"
	deputy = "d@example.kz"
	secr   = "s@example.kz"
)

// sitting returns an open meeting of n members with the chair, the deputy,
// the secretary and members 4..present present, and one open item.
func sitting(t *testing.T, r Rules, n, present int) *Meeting {
	t.Helper()
	m, err := NewMeeting(r, roster(n), day("2026-02-12"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{chair, deputy, secr} {
		must(t, m.Arrive(id))
	}
	for i := 4; i <= present; i++ {
		must(t, m.Arrive(member(i)))
	}
	must(t, m.Open(chair))
	setter := secr
	if !r.SetsAgenda(Secretary) {
		setter = member(4)
	}
	_, err = m.AddItem(setter, "Amendment 12: Article 5", "am-12")
	must(t, err)
	must(t, m.OpenItem(chair, 0))
	return m
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, err error, code, message string) {
	t.Helper()
	e, ok := err.(*atazan.Error)
	if !ok || e.Code != code || !strings.Contains(e.Message, message) {
		t.Errorf("err = %v, want %s ...%q...", err, code, message)
	}
}

func TestMeetingCourse(t *testing.T) {
	m, err := NewMeeting(Rules{}, roster(10), day("2026-02-12"))
	must(t, err)
	if m.Members() != 10 {
		t.Fatalf("members = %d, want 10 (a former member does not count)", m.Members())
	}
	if m.Status != Scheduled {
		t.Fatalf("status = %s", m.Status)
	}
	// The secretary prepares the agenda before the meeting.
	n, err := m.AddItem(secr, " Amendment  12 ", "am-12")
	must(t, err)
	if n != 0 || m.Agenda[0].Title != "Amendment 12" || m.Agenda[0].Status != ItemPending {
		t.Fatalf("agenda = %+v", m.Agenda[0])
	}
	must(t, m.Arrive(chair))
	must(t, m.Arrive(member(4)))
	must(t, m.Arrive(member(5)))
	must(t, m.Arrive(member(6)))
	must(t, m.Arrive(member(7)))
	wantErr(t, m.Open(chair), atazan.EConflict, "no quorum: 5 of 10 members present, 6 needed")
	must(t, m.Arrive(member(8)))
	must(t, m.Open(chair))
	must(t, m.OpenItem(chair, 0))
	must(t, m.OpenVote(chair, ""))
	must(t, m.Vote(member(4), For))
	must(t, m.Vote(member(5), Against))
	must(t, m.Vote(member(5), For)) // a member may change the vote until it closes
	must(t, m.Vote(member(6), Abstain))
	must(t, m.Vote(chair, For))
	must(t, m.Vote(member(7), For))
	r, err := m.CloseVote(chair)
	must(t, err)
	want := Result{Question: "Amendment 12", Tally: Tally{4, 0, 1}, Members: 10, Present: 6, Quorum: true, Needed: 4, Adopted: true}
	r.Ballots = nil
	if fmt.Sprint(r) != fmt.Sprint(want) {
		t.Errorf("result = %+v, want %+v", r, want)
	}
	if got := m.Agenda[0].Results[0].Ballots; got[member(5)] != For || len(got) != 5 {
		t.Errorf("ballots = %v", got)
	}
	wantErr(t, m.Vote(member(4), Against), atazan.EConflict, "no vote is open")
	must(t, m.CloseItem(chair))
	if m.Agenda[0].Status != ItemDone {
		t.Errorf("item status = %s", m.Agenda[0].Status)
	}
	wantErr(t, m.OpenItem(chair, 0), atazan.EConflict, "is done")
	must(t, m.Close(chair))
	if m.Status != Closed {
		t.Errorf("status = %s", m.Status)
	}
	wantErr(t, m.Arrive(member(8)), atazan.EConflict, "closed")
	_, err = m.AddItem(chair, "Late", "")
	wantErr(t, err, atazan.EConflict, "closed")
}

func TestMeetingForbidden(t *testing.T) {
	m := sitting(t, Rules{}, 10, 7)
	must(t, m.OpenVote(chair, "Adopt amendment 12"))
	wantErr(t, m.Vote("outsider@example.kz", For), atazan.EForbidden, "not a member")
	wantErr(t, m.Vote("x@example.kz", For), atazan.EForbidden, "not a member of the commission serving on 2026-02-12")
	wantErr(t, m.Arrive("x@example.kz"), atazan.EForbidden, "not a member")
	for name, act := range map[string]func(string) error{
		"close a vote":  func(a string) error { _, err := m.CloseVote(a); return err },
		"close an item": m.CloseItem,
		"open a vote":   func(a string) error { return m.OpenVote(a, "q") },
	} {
		for _, actor := range []string{deputy, secr, member(4), "outsider@example.kz"} {
			err := act(actor)
			if atazan.ErrorCode(err) != atazan.EForbidden {
				t.Errorf("%s by %s: err = %v, want forbidden", name, actor, err)
			}
		}
	}
	if e := m.CloseItem(deputy); !strings.Contains(e.Error(), "only the presiding member (the chair, or a deputy chair when the chair is absent) may close an item; c@example.kz presides now") {
		t.Errorf("err = %v, want the rule named", e)
	}
	// Agenda: chair and secretary by default, not the deputy or a member.
	_, err := m.AddItem(deputy, "x", "")
	wantErr(t, err, atazan.EForbidden, "a deputy_chair may not put items on the agenda: the rules of procedure allow chair and secretary")
	_, err = m.AddItem(member(4), "x", "")
	wantErr(t, err, atazan.EForbidden, "may not put items")
	_, err = m.AddItem(chair, "x", "")
	must(t, err)
	// Rules that let every member set the agenda.
	m2 := sitting(t, Rules{Agenda: []Position{Ordinary}}, 10, 7)
	_, err = m2.AddItem(member(4), "x", "")
	must(t, err)
	_, err = m2.AddItem(secr, "x", "")
	wantErr(t, err, atazan.EForbidden, "allow member")
}

func TestMeetingDeputyPresides(t *testing.T) {
	m := sitting(t, Rules{}, 10, 7)
	wantErr(t, m.OpenVote(deputy, ""), atazan.EForbidden, "c@example.kz presides")
	must(t, m.Leave(chair))
	if m.Presiding() != deputy {
		t.Fatalf("presiding = %q, want the deputy", m.Presiding())
	}
	must(t, m.OpenVote(deputy, ""))
	wantErr(t, m.Vote(chair, For), atazan.EConflict, "not present")
	must(t, m.Arrive(chair)) // the chair returns and presides again
	wantErr(t, m.CloseItem(deputy), atazan.EForbidden, "c@example.kz presides")
	must(t, m.Leave(deputy))
	must(t, m.Leave(chair))
	wantErr(t, m.CloseItem(secr), atazan.EForbidden, "no one presides")
}

func TestMeetingStates(t *testing.T) {
	m, err := NewMeeting(Rules{}, roster(5), day("2026-02-12"))
	must(t, err)
	_, err = m.AddItem(chair, "Item", "")
	must(t, err)
	wantErr(t, m.OpenItem(chair, 0), atazan.EForbidden, "no one presides")
	for _, id := range []string{chair, deputy, secr} {
		must(t, m.Arrive(id))
	}
	wantErr(t, m.Arrive(chair), atazan.EConflict, "already present")
	wantErr(t, m.Leave(member(4)), atazan.EConflict, "not present")
	wantErr(t, m.OpenItem(chair, 0), atazan.EConflict, "scheduled, not open")
	wantErr(t, m.Close(chair), atazan.EConflict, "scheduled, not open")
	must(t, m.Open(chair))
	wantErr(t, m.Open(chair), atazan.EConflict, "open, not scheduled")
	wantErr(t, m.OpenVote(chair, ""), atazan.EConflict, "no item is open")
	wantErr(t, m.CloseItem(chair), atazan.EConflict, "no item is open")
	wantErr(t, m.OpenItem(chair, 1), atazan.ENotFound, "no item 1")
	wantErr(t, m.Vote(member(4), For), atazan.EConflict, "no vote is open")
	must(t, m.OpenItem(chair, 0))
	_, err = m.AddItem(chair, "Second", "")
	must(t, err)
	wantErr(t, m.OpenItem(chair, 1), atazan.EConflict, "is open: close it first")
	_, err = m.CloseVote(chair)
	wantErr(t, err, atazan.EConflict, "no vote is open")
	must(t, m.OpenVote(chair, "First question"))
	wantErr(t, m.OpenVote(chair, ""), atazan.EConflict, `a vote on "First question" is open`)
	wantErr(t, m.CloseItem(chair), atazan.EConflict, "is open: close it first")
	wantErr(t, m.Close(chair), atazan.EConflict, "is open: close it first")
	wantErr(t, m.Vote(chair, "yes"), atazan.EInvalid, "unknown choice")
	must(t, m.Leave(secr)) // 2 of 5 present: no quorum to open another vote
	_, err = m.CloseVote(chair)
	must(t, err)
	wantErr(t, m.OpenVote(chair, ""), atazan.EConflict, "no quorum: 2 of 5")
	if _, err := NewMeeting(Rules{}, roster(5), day("2025-01-01")); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("a meeting before any term: err = %v", err)
	}
	if _, err := NewMeeting(Rules{Majority: "most"}, roster(5), day("2026-02-12")); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("unknown rules: err = %v", err)
	}
}

// TestVoteLeaving: a member who leaves during a vote keeps the recorded vote
// and counts as present at the close; one who leaves without voting does not.
func TestVoteLeaving(t *testing.T) {
	votes := func(m *Meeting, c Choice, ids ...string) {
		for _, id := range ids {
			must(t, m.Vote(id, c))
		}
	}
	leave := func(m *Meeting, ids ...string) {
		for _, id := range ids {
			must(t, m.Leave(id))
		}
	}
	cases := []struct {
		name    string
		rules   Rules
		n, pres int // members, present at the start (chair, deputy, secretary, members 4..pres)
		steps   func(m *Meeting)
		want    Result
	}{
		{"leaving after voting: the vote stands and counts as present", Rules{}, 10, 7, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4))
			votes(m, Against, member(5))
			leave(m, member(4))
		}, Result{Tally: Tally{4, 1, 0}, Members: 10, Present: 7, Quorum: true, Needed: 4, Adopted: true}},
		{"leaving without voting lowers the count", Rules{}, 10, 10, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4))
			votes(m, Against, member(5))
			leave(m, member(6), member(7), member(8))
		}, Result{Tally: Tally{4, 1, 0}, Members: 10, Present: 7, Quorum: true, Needed: 4, Adopted: true}},
		{"the same votes with everyone staying do not adopt", Rules{}, 10, 10, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4))
			votes(m, Against, member(5))
		}, Result{Tally: Tally{4, 1, 0}, Members: 10, Present: 10, Quorum: true, Needed: 6, Adopted: false}},
		{"leaving without voting can break the quorum", Rules{}, 10, 6, func(m *Meeting) {
			votes(m, For, chair, deputy, secr)
			leave(m, member(5))
		}, Result{Tally: Tally{3, 0, 0}, Members: 10, Present: 5, Quorum: false, Needed: 3, Adopted: false}},
		{"leaving, returning and changing the vote", Rules{}, 10, 6, func(m *Meeting) {
			votes(m, Against, member(4))
			leave(m, member(4))
			wantErr(t, m.Vote(member(4), For), atazan.EConflict, "not present")
			must(t, m.Arrive(member(4)))
			votes(m, For, chair, deputy, secr, member(4))
		}, Result{Tally: Tally{4, 0, 0}, Members: 10, Present: 6, Quorum: true, Needed: 4, Adopted: true}},
		{"abstentions count as present, not for", Rules{}, 10, 10, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4), member(5))
			votes(m, Abstain, member(6), member(7), member(8), member(9), member(10))
		}, Result{Tally: Tally{5, 0, 5}, Members: 10, Present: 10, Quorum: true, Needed: 6, Adopted: false}},
		{"exactly half present: no quorum at the close", Rules{}, 10, 7, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4))
			leave(m, member(5), member(6), member(7))
		}, Result{Tally: Tally{4, 0, 0}, Members: 10, Present: 4, Quorum: false, Needed: 3, Adopted: false}},
		{"two thirds of all: exactly two thirds adopts", Rules{Majority: MajorityTwoThirdsAll}, 9, 9, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4), member(5), member(6))
			votes(m, Against, member(7))
		}, Result{Tally: Tally{6, 1, 0}, Members: 9, Present: 9, Quorum: true, Needed: 6, Adopted: true}},
		{"two thirds of all: one short", Rules{Majority: MajorityTwoThirdsAll}, 9, 9, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4), member(5))
		}, Result{Tally: Tally{5, 0, 0}, Members: 9, Present: 9, Quorum: true, Needed: 6, Adopted: false}},
		{"two thirds of those present: leavers without a vote lower the bar", Rules{Majority: MajorityTwoThirdsPresent}, 10, 10, func(m *Meeting) {
			votes(m, For, chair, deputy, secr, member(4))
			votes(m, Against, member(5), member(6))
			leave(m, member(7), member(8), member(9), member(10))
		}, Result{Tally: Tally{4, 2, 0}, Members: 10, Present: 6, Quorum: true, Needed: 4, Adopted: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := sitting(t, c.rules, c.n, c.pres)
			must(t, m.OpenVote(chair, "Q"))
			c.steps(m)
			r, err := m.CloseVote(chair)
			must(t, err)
			if r.Tally.Votes() != len(r.Ballots) {
				t.Errorf("tally %+v does not count the ballots %v", r.Tally, r.Ballots)
			}
			r.Ballots, r.Question = nil, ""
			if fmt.Sprint(r) != fmt.Sprint(c.want) {
				t.Errorf("result = %+v\nwant     %+v", r, c.want)
			}
		})
	}
}

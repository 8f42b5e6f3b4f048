package storetest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"atazan"
	"atazan/amend"
	"atazan/charter"
	"atazan/commission"
	"atazan/identity"
	"atazan/ledger"
	"atazan/store"
)

// RunCommission runs the commission part of the suite.
func RunCommission(t *testing.T, open Opener) {
	t.Run("Meeting", func(t *testing.T) { testCommissionMeeting(t, open) })
	t.Run("ApplyAmendments", func(t *testing.T) { testApplyAmendments(t, open) })
	t.Run("ConcurrentVotes", func(t *testing.T) { testConcurrentVotes(t, open) })
}

// testConcurrentVotes: every present member votes twice at once, with two
// different choices, while others vote too. Each member's ballot counts once
// (the last one stored), in the running tally, the result and the log.
func testConcurrentVotes(t *testing.T, open Opener) {
	s := open(t)
	f := NewCommissionFixture(t, s)
	slug := f.Commission.Slug
	a, err := s.SubmitAmendment(ctx(), slug, []byte(`{"title":"Dignity","ops":[{"op":"replace","unit":"art_1__para_1","text":"Dignity is inviolable."}]}`), f.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.ScheduleMeeting(ctx(), slug, store.NewMeeting{Title: "Sitting", Date: "2026-03-10"}, f.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}
	members := append([]identity.Account{f.Chair, f.Deputy, f.Secretary}, f.Others...)
	steps := []struct {
		who identity.Account
		a   store.MeetingAction
	}{{f.Chair, store.MeetingAction{Kind: store.ActAddItem, Amendment: a.ID}}}
	for _, who := range members {
		steps = append(steps, struct {
			who identity.Account
			a   store.MeetingAction
		}{who, store.MeetingAction{Kind: store.ActArrive}})
	}
	for _, k := range []string{store.ActOpen, store.ActOpenItem, store.ActOpenVote} {
		steps = append(steps, struct {
			who identity.Account
			a   store.MeetingAction
		}{f.Chair, store.MeetingAction{Kind: k}})
	}
	for _, st := range steps {
		if _, err := s.Act(ctx(), m.ID, st.a, st.who.ID); err != nil {
			t.Fatalf("%s: %v", st.a.Kind, err)
		}
	}
	errs := make(chan error, 2*len(members))
	for _, who := range members {
		for _, c := range []commission.Choice{commission.For, commission.Against} {
			go func() {
				_, err := s.Act(ctx(), m.ID, store.MeetingAction{Kind: store.ActVote, Choice: c}, who.ID)
				errs <- err
			}()
		}
	}
	for range 2 * len(members) {
		if err := <-errs; err != nil {
			t.Errorf("vote: %v", err)
		}
	}
	v, err := s.Meeting(ctx(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if tl := v.Vote.Tally; tl.For+tl.Against+tl.Abstain != len(members) || len(v.Vote.Ballots) != len(members) {
		t.Errorf("running tally %+v with %d ballots, want %d voters", tl, len(v.Vote.Ballots), len(members))
	}
	v, err = s.Act(ctx(), m.ID, store.MeetingAction{Kind: store.ActCloseVote}, f.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := v.Agenda[0].Votes[0].Result
	if r.Tally.For+r.Tally.Against != len(members) || r.Present != len(members) || len(r.Ballots) != len(members) {
		t.Errorf("result = %+v", r)
	}
	// The log's replay recomputes the same outcome from the individual votes.
	st := replayAll(t, s)
	ms := st.Commissions[slug].Meetings[ledger.IDSubject(m.ID)]
	if len(ms.Votes) != 1 || ms.Votes[0].Result.For != int64(r.Tally.For) || ms.Votes[0].Result.Against != int64(r.Tally.Against) || ms.Votes[0].Result.Adopted != r.Adopted {
		t.Errorf("replayed vote = %+v, want %+v", ms.Votes, r)
	}
}

// CommissionFixture is a commission of seven members on the sample text
// (version "2020" of "altyndala"), with its members' accounts: Chair,
// Deputy, Secretary, then four ordinary members.
type CommissionFixture struct {
	Commission store.Commission
	Chair      identity.Account
	Deputy     identity.Account
	Secretary  identity.Account
	Others     []identity.Account
	Outsider   identity.Account // an account that is not a member
}

// NewCommissionFixture sets up the commission "const-2026" in s.
func NewCommissionFixture(t testing.TB, s *store.Store) CommissionFixture {
	t.Helper()
	s.Now = func() time.Time { return time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC) }
	if _, err := s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("en", "a")}); err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCommission(ctx(), store.NewCommission{Slug: "const-2026", Title: "Constitutional Commission", Charter: "altyndala", Base: "2020"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var f CommissionFixture
	f.Commission = c
	var ms []commission.Member
	var accs []identity.Account
	positions := []commission.Position{commission.Chair, commission.DeputyChair, commission.Secretary,
		commission.Ordinary, commission.Ordinary, commission.Ordinary, commission.Ordinary}
	for i, p := range positions {
		a := newAccount(t, s, 100+i)
		accs = append(accs, a)
		ms = append(ms, commission.Member{Name: fmt.Sprintf("Member %d", i+1), Email: a.Email, Position: p, From: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)})
	}
	if _, err := s.AddMembers(ctx(), c.Slug, ms, nil, 0); err != nil {
		t.Fatal(err)
	}
	for i := range accs {
		if accs[i], err = s.Account(ctx(), accs[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	f.Chair, f.Deputy, f.Secretary, f.Others = accs[0], accs[1], accs[2], accs[3:]
	f.Outsider = newAccount(t, s, 200)
	return f
}

func testCommissionMeeting(t *testing.T, open Opener) {
	s := open(t)
	f := NewCommissionFixture(t, s)
	slug := f.Commission.Slug
	if !f.Chair.HasRole(identity.RoleCommissionChair) || !f.Others[0].HasRole(identity.RoleCommissionMember) {
		t.Errorf("roles: chair %v, member %v", f.Chair.Roles, f.Others[0].Roles)
	}
	if _, err := s.AddMembers(ctx(), slug, []commission.Member{{Name: "Again", Email: f.Others[0].Email, Position: commission.Ordinary, From: time.Now()}}, nil, 0); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("adding a member twice: %v", err)
	}

	// Amendments: A and B edit the same paragraph; C another one.
	amA := `{"title":"Democratic and social","ops":[{"op":"replace","unit":"art_1__para_1","text":"Altyndala is a democratic and social state."}]}`
	amB := `{"title":"Secular","ops":[{"op":"replace","unit":"art_1__para_1","text":"Altyndala is a secular state."}]}`
	amC := `{"title":"Dignity","ops":[{"op":"insert_after","unit":"art_2__para_u1","kind":"paragraph","text":"Human dignity is inviolable."}]}`
	if _, err := s.SubmitAmendment(ctx(), slug, []byte(amA), f.Others[0].ID); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("an ordinary member submits an amendment: %v", err)
	}
	if _, err := s.SubmitAmendment(ctx(), slug, []byte(amA), f.Outsider.ID); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("a non-member submits an amendment: %v", err)
	}
	bad := `{"title":"Missing","ops":[{"op":"replace","unit":"art_1__para_1","text":"x"},{"op":"delete","unit":"art_99"}]}`
	if _, err := s.SubmitAmendment(ctx(), slug, []byte(bad), f.Secretary.ID); atazan.ErrorCode(err) != atazan.ENotFound || !strings.Contains(fmt.Sprint(err.(*atazan.Error).Field), "ops[1]") {
		t.Errorf("an amendment naming a missing unit: %v", err)
	}
	a, err := s.SubmitAmendment(ctx(), slug, []byte(amA), f.Secretary.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SubmitAmendment(ctx(), slug, []byte(amB), f.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}
	cAm, err := s.SubmitAmendment(ctx(), slug, []byte(amC), f.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := s.ScheduleMeeting(ctx(), slug, store.NewMeeting{Title: "First sitting", Date: "2026-03-10", StreamURL: "http://example.kz"}, f.Chair.ID); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("a stream address over plain http: %v", err)
	}
	if _, err := s.ScheduleMeeting(ctx(), slug, store.NewMeeting{Title: "First sitting", Date: "2026-03-10"}, f.Others[1].ID); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("an ordinary member schedules a meeting: %v", err)
	}
	m, err := s.ScheduleMeeting(ctx(), slug, store.NewMeeting{Title: "First sitting", Date: "2026-03-10", StreamURL: "https://stream.example.kz/embed/1",
		Documents: []store.Document{{Title: "Agenda", URL: "https://example.kz/agenda.pdf"}}}, f.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != commission.Scheduled || len(m.Members) != 7 || m.QuorumNeeded != 4 {
		t.Fatalf("scheduled meeting = %+v", m)
	}
	act := func(who identity.Account, a store.MeetingAction) (store.MeetingView, error) {
		return s.Act(ctx(), m.ID, a, who.ID)
	}
	must := func(who identity.Account, a store.MeetingAction) store.MeetingView {
		t.Helper()
		v, err := act(who, a)
		if err != nil {
			t.Fatalf("%s by %s: %v", a.Kind, who.Name, err)
		}
		return v
	}
	refuse := func(code string, who identity.Account, a store.MeetingAction) {
		t.Helper()
		v, err := act(who, a)
		if atazan.ErrorCode(err) != code {
			t.Errorf("%s by %s: err %v (view %+v), want %s", a.Kind, who.Name, err, v.Status, code)
		}
	}
	must(f.Secretary, store.MeetingAction{Kind: store.ActAddItem, Amendment: a.ID})
	must(f.Chair, store.MeetingAction{Kind: store.ActAddItem, Amendment: b.ID})
	must(f.Chair, store.MeetingAction{Kind: store.ActAddItem, Amendment: cAm.ID})
	refuse(atazan.EForbidden, f.Others[0], store.MeetingAction{Kind: store.ActAddItem, Title: "Any other business"})
	refuse(atazan.EForbidden, f.Outsider, store.MeetingAction{Kind: store.ActArrive})
	must(f.Chair, store.MeetingAction{Kind: store.ActArrive})
	must(f.Others[0], store.MeetingAction{Kind: store.ActArrive})
	must(f.Others[1], store.MeetingAction{Kind: store.ActArrive})
	refuse(atazan.EConflict, f.Chair, store.MeetingAction{Kind: store.ActOpen}) // 3 of 7: no quorum
	must(f.Others[2], store.MeetingAction{Kind: store.ActArrive})
	refuse(atazan.EForbidden, f.Others[0], store.MeetingAction{Kind: store.ActOpen})
	v := must(f.Chair, store.MeetingAction{Kind: store.ActOpen})
	if v.Status != commission.Open || !v.Quorum || v.Present != 4 || v.Presiding != "Member 1" {
		t.Errorf("opened meeting = %+v", v)
	}
	refuse(atazan.EConflict, f.Others[0], store.MeetingAction{Kind: store.ActVote, Choice: commission.For}) // no vote open
	must(f.Chair, store.MeetingAction{Kind: store.ActOpenItem, Item: 0})
	refuse(atazan.EForbidden, f.Others[0], store.MeetingAction{Kind: store.ActOpenVote})
	must(f.Chair, store.MeetingAction{Kind: store.ActOpenVote})
	must(f.Others[0], store.MeetingAction{Kind: store.ActVote, Choice: commission.Against})
	must(f.Others[0], store.MeetingAction{Kind: store.ActVote, Choice: commission.For}) // changes the vote
	must(f.Others[1], store.MeetingAction{Kind: store.ActVote, Choice: commission.For})
	must(f.Chair, store.MeetingAction{Kind: store.ActVote, Choice: commission.For})
	refuse(atazan.EConflict, f.Others[3], store.MeetingAction{Kind: store.ActVote, Choice: commission.For}) // not present
	refuse(atazan.EForbidden, f.Outsider, store.MeetingAction{Kind: store.ActVote, Choice: commission.For})
	refuse(atazan.EInvalid, f.Others[2], store.MeetingAction{Kind: store.ActVote, Choice: "maybe"})
	v = must(f.Others[2], store.MeetingAction{Kind: store.ActVote, Choice: commission.Abstain})
	if v.Vote == nil || v.Vote.Tally != (commission.Tally{For: 3, Abstain: 1}) || len(v.Vote.Ballots) != 4 {
		t.Errorf("running tally = %+v", v.Vote)
	}
	refuse(atazan.EForbidden, f.Others[1], store.MeetingAction{Kind: store.ActCloseVote})
	before := v.DraftHash
	v = must(f.Chair, store.MeetingAction{Kind: store.ActCloseVote})
	r := v.Agenda[0].Votes[0]
	if r.Result == nil || !r.Result.Adopted || r.Result.Needed != 3 || r.Result.Present != 4 || r.Applied == "" || v.DraftHash == before || v.DraftHash != r.Applied {
		t.Errorf("closed vote = %+v, draft %s → %s", r, before, v.DraftHash)
	}
	refuse(atazan.EConflict, f.Others[0], store.MeetingAction{Kind: store.ActVote, Choice: commission.Against}) // closed
	draft, err := s.WorkingDraft(ctx(), slug)
	if err != nil {
		t.Fatal(err)
	}
	if draft.Hash() != v.DraftHash || !strings.Contains(fmt.Sprint(draft.Units[1].Children[0].Children[0].Text), "democratic and social") {
		t.Errorf("working draft %s, text %q", draft.Hash(), draft.Units[1].Children[0].Children[0].Text)
	}
	as, err := s.Amendments(ctx(), slug)
	if err != nil {
		t.Fatal(err)
	}
	if as[0].Status != store.AmendmentAdopted || as[1].Status != store.AmendmentRedraft || len(as[1].Redraft) == 0 || as[2].Status != store.AmendmentSubmitted {
		t.Errorf("statuses after the adoption: %s %s %s (%v)", as[0].Status, as[1].Status, as[2].Status, as[1].Redraft)
	}
	must(f.Chair, store.MeetingAction{Kind: store.ActCloseItem})
	must(f.Chair, store.MeetingAction{Kind: store.ActOpenItem, Item: 1})
	refuse(atazan.EConflict, f.Chair, store.MeetingAction{Kind: store.ActOpenVote}) // B must be redrafted
	must(f.Chair, store.MeetingAction{Kind: store.ActCloseItem})
	must(f.Chair, store.MeetingAction{Kind: store.ActOpenItem, Item: 2})
	must(f.Chair, store.MeetingAction{Kind: store.ActOpenVote, Question: "Adopt the dignity clause?"})
	must(f.Others[0], store.MeetingAction{Kind: store.ActVote, Choice: commission.For})
	must(f.Others[1], store.MeetingAction{Kind: store.ActVote, Choice: commission.Against})
	must(f.Others[1], store.MeetingAction{Kind: store.ActLeave}) // the recorded vote stands
	v = must(f.Chair, store.MeetingAction{Kind: store.ActCloseVote})
	r = v.Agenda[2].Votes[0]
	if r.Result.Adopted || r.Result.Present != 4 || r.Result.Tally != (commission.Tally{For: 1, Against: 1}) {
		t.Errorf("second vote = %+v", r.Result)
	}
	refuse(atazan.EConflict, f.Chair, store.MeetingAction{Kind: store.ActClose}) // item open
	must(f.Chair, store.MeetingAction{Kind: store.ActCloseItem})
	refuse(atazan.EForbidden, f.Deputy, store.MeetingAction{Kind: store.ActClose})
	v = must(f.Chair, store.MeetingAction{Kind: store.ActClose})
	if v.Status != commission.Closed || !v.Minutes {
		t.Errorf("closed meeting = %+v", v)
	}
	md, html, err := s.MeetingMinutes(ctx(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Member 4: for", "Member 5: against", "**adopted**", "**not adopted**", v.DraftHash, "Member 2 (deputy_chair): absent"} {
		if !strings.Contains(md, want) {
			t.Errorf("minutes lack %q:\n%s", want, md)
		}
	}
	if !strings.Contains(html, "<td>Member 4</td><td>for</td>") {
		t.Errorf("HTML minutes:\n%s", html)
	}
	// The view read back equals the view the last action returned.
	again, err := s.Meeting(ctx(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if j1, j2 := mustJSON(t, again), mustJSON(t, v); j1 != j2 {
		t.Errorf("meeting read back:\n%s\nwant\n%s", j1, j2)
	}

	// Each amendment with the last vote on it: A adopted, B never voted, C not adopted.
	fates, err := s.AmendmentFates(ctx(), slug)
	if err != nil {
		t.Fatal(err)
	}
	if len(fates) != 3 || fates[0].Vote == nil || !fates[0].Vote.Result.Adopted || fates[0].Meeting.ID != m.ID ||
		fates[1].Vote != nil || fates[2].Vote == nil || fates[2].Vote.Result.Adopted || fates[2].Vote.Result.Tally.Against != 1 {
		t.Errorf("amendment fates = %+v", fates)
	}
	if _, err := s.AmendmentFates(ctx(), "no-such"); atazan.ErrorCode(err) != atazan.ENotFound {
		t.Errorf("fates of a missing commission: %v", err)
	}

	// Publishing the working draft.
	if _, err := s.PublishDraft(ctx(), slug, "Draft of 2026-03-10", f.Secretary.ID); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("the secretary publishes the draft: %v", err)
	}
	pub, err := s.PublishDraft(ctx(), slug, "Draft of 2026-03-10", f.Chair.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pub.Status != charter.StatusPublished || pub.Parent != "2020" || pub.Hash != v.DraftHash {
		t.Errorf("published draft = %+v", pub)
	}
	// The comparative table of the published draft: the changed paragraph
	// shows A (adopted) and B (to redraft), which both edit it; C changed nothing.
	base, err := s.Version(ctx(), "altyndala", "2020")
	if err != nil {
		t.Fatal(err)
	}
	fromDoc, _ := s.Document(ctx(), "altyndala", "2020", base.Lang)
	toDoc, _ := s.Document(ctx(), "altyndala", pub.Label, base.Lang)
	changes := charter.Compare(fromDoc, toDoc)
	out, err := s.TableOutcome(ctx(), "altyndala", base, pub, changes)
	if err != nil || len(out) != len(changes) || len(changes) != 1 || changes[0].Unit != "art_1__para_1" {
		t.Fatalf("table outcome = %+v, %v (changes %+v)", out, err, changes)
	}
	if as := out[0].Amendments; len(as) != 2 || as[0].Amendment.ID != a.ID || as[0].Vote == nil || !as[0].Vote.Result.Adopted ||
		as[1].Amendment.ID != b.ID || as[1].Vote != nil || len(out[0].Clusters) != 0 {
		t.Errorf("row outcome = %+v", out[0])
	}
	// A version the commission did not make has no outcome.
	if out, err := s.TableOutcome(ctx(), "altyndala", base, base, changes); err != nil || out != nil {
		t.Errorf("outcome of a version no commission made: %+v, %v", out, err)
	}

	st := replayAll(t, s)
	cs := st.Commissions[slug]
	if cs == nil || len(cs.Members) != 7 || len(cs.Meetings) != 1 {
		t.Fatalf("replayed commission = %+v", cs)
	}
	ms := cs.Meetings[ledger.IDSubject(m.ID)]
	if len(ms.Votes) != 2 || !ms.Votes[0].Result.Adopted || ms.Minutes == nil {
		t.Errorf("replayed meeting = %+v", ms)
	}
	d := st.Drafts[ledger.DraftKey{Charter: "altyndala", Draft: ledger.CommissionDraft(slug)}]
	if d == nil || len(d.Steps) != 1 || len(d.Published) != 1 || d.Hash != pub.Hash {
		t.Errorf("replayed draft = %+v", d)
	}
}

func testApplyAmendments(t *testing.T, open Opener) {
	s := open(t)
	if _, err := s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("en", "a")}); err != nil {
		t.Fatal(err)
	}
	a1, err := amend.Parse([]byte(`{"title":"One","ops":[{"op":"replace","unit":"art_1__para_2","text":"All power belongs to the people."}]}`))
	if err != nil {
		t.Fatal(err)
	}
	a2, err := amend.Parse([]byte(`{"title":"Two","ops":[{"op":"delete","unit":"art_2__para_u2"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	bad, _ := amend.Parse([]byte(`{"title":"Bad","ops":[{"op":"delete","unit":"art_9"}]}`))
	size, _ := s.LogSize(ctx())
	if _, err := s.ApplyAmendments(ctx(), "altyndala", "2020", "2026", []*amend.Amendment{a1, bad}, 0); atazan.ErrorCode(err) != atazan.ENotFound {
		t.Errorf("a failing amendment: %v", err)
	}
	if n, _ := s.LogSize(ctx()); n != size {
		t.Errorf("a failed apply logged %d records", n-size)
	}
	if _, err := s.Version(ctx(), "altyndala", "2026"); atazan.ErrorCode(err) != atazan.ENotFound {
		t.Errorf("a failed apply made a version: %v", err)
	}
	v, err := s.ApplyAmendments(ctx(), "altyndala", "2020", "2026", []*amend.Amendment{a1, a2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := amend.Apply(SampleDocument("en", "a"), a1, a2)
	if v.Parent != "2020" || v.Hash != want.Hash() || v.Status != charter.StatusDraft {
		t.Errorf("applied version = %+v, want hash %s", v, want.Hash())
	}
	got, err := s.Document(ctx(), "altyndala", "2026", "en")
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash() != want.Hash() {
		t.Errorf("stored text hash %s, want %s", got.Hash(), want.Hash())
	}
	st := replayAll(t, s)
	if d := st.Drafts[ledger.DraftKey{Charter: "altyndala", Draft: "2026"}]; d == nil || len(d.Steps) != 2 || len(d.Published) != 1 {
		t.Errorf("replayed draft = %+v", d)
	}
	docs := func(ch, version, lang string) (*charter.Document, error) {
		return s.Document(ctx(), ch, version, charter.Lang(lang))
	}
	if ds := ledger.CheckDrafts(st, docs); len(ds) != 0 {
		t.Errorf("re-applying the logged amendments: %v", ds)
	}
	// A base text other than the one the amendments were applied to is caught.
	other := func(ch, version, lang string) (*charter.Document, error) {
		return SampleDocument("en", "b"), nil
	}
	if ds := ledger.CheckDrafts(st, other); len(ds) == 0 {
		t.Error("re-applying the amendments to another text found nothing")
	}
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

package storetest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
	"atazan/store"
)

// RunConsultation runs the consultation part of the suite.
func RunConsultation(t *testing.T, open Opener) {
	t.Run("Accounts", func(t *testing.T) { testAccounts(t, open) })
	t.Run("Proposals", func(t *testing.T) { testProposals(t, open) })
	t.Run("ConcurrentSupports", func(t *testing.T) { testConcurrentSupports(t, open) })
	t.Run("Moderation", func(t *testing.T) { testModeration(t, open) })
	t.Run("Import", func(t *testing.T) { testImport(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
}

func newAccount(t testing.TB, s *store.Store, n int, roles ...identity.Role) identity.Account {
	t.Helper()
	a, _, err := s.CreateAccount(ctx(), store.NewAccount{Name: fmt.Sprintf("Citizen %d", n), Email: fmt.Sprintf("c%d@example.kz", n),
		IINHash: fmt.Sprintf("iin-%d", n), Region: "astana", PasswordHash: "x", Verification: "self-declared", Roles: roles})
	if err != nil {
		t.Fatalf("account %d: %v", n, err)
	}
	return a
}

// consultation imports the sample version and opens a consultation on it
// from 1 to 31 March 2026 (Asia/Almaty), with the store's clock inside.
func consultation(t testing.TB, s *store.Store) consult.Consultation {
	t.Helper()
	s.Now = func() time.Time { return time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC) }
	if _, err := s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "draft", Doc: SampleDocument("en", "a")}); err != nil {
		t.Fatal(err)
	}
	c, _, err := s.OpenConsultation(ctx(), consult.OpenRequest{Charter: "altyndala", Version: "draft", From: "2026-03-01", To: "2026-03-31"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func submission(c consult.Consultation, text string) consult.Submission {
	return consult.Submission{Consultation: c.ID, Unit: "art_1__para_1", Kind: consult.KindAmend, Text: text, Rationale: "Because the state must serve people."}
}

// replayAll replays the whole log and fails on any refused record.
func replayAll(t testing.TB, s *store.Store) *ledger.State {
	t.Helper()
	n, err := s.LogSize(ctx())
	if err != nil {
		t.Fatal(err)
	}
	recs, err := s.LogRecords(ctx(), 0, n)
	if err != nil {
		t.Fatal(err)
	}
	st, ds := ledger.ReplayRecords(recs)
	for _, d := range ds {
		t.Errorf("replay: %s", d)
	}
	return st
}

func testAccounts(t *testing.T, open Opener) {
	s := open(t)
	a := newAccount(t, s, 1)
	if len(a.Roles) != 1 || a.Roles[0] != identity.RoleCitizen || a.Region != "astana" {
		t.Errorf("account = %+v", a)
	}
	_, _, err := s.CreateAccount(ctx(), store.NewAccount{Name: "X", Email: "other@example.kz", IINHash: "iin-1", Region: "abai", PasswordHash: "x", Verification: "self-declared"})
	if e, ok := err.(*atazan.Error); !ok || e.Code != atazan.EConflict || e.Field != "iin" {
		t.Errorf("second account with one IIN: %v", err)
	}
	_, _, err = s.CreateAccount(ctx(), store.NewAccount{Name: "X", Email: "c1@example.kz", IINHash: "iin-2", Region: "abai", PasswordHash: "x", Verification: "self-declared"})
	if e, ok := err.(*atazan.Error); !ok || e.Code != atazan.EConflict || e.Field != "email" {
		t.Errorf("second account with one e-mail: %v", err)
	}
	m := newAccount(t, s, 2, identity.RoleModerator, identity.RoleCitizen)
	if len(m.Roles) != 2 {
		t.Errorf("moderator roles = %v", m.Roles)
	}
	if _, err := s.SetRoles(ctx(), a.ID, []identity.Role{identity.RoleSecretariat}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DisableAccount(ctx(), a.ID, 0); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Account(ctx(), a.ID); !got.Disabled || len(got.Roles) != 1 || got.Roles[0] != identity.RoleSecretariat {
		t.Errorf("after roles and disable: %+v", got)
	}
	// Sessions: private, by token hash, ended by disabling.
	if err := s.CreateSession(ctx(), "hash-1", m.ID, "session", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, err := s.SessionAccount(ctx(), "hash-1", "session"); err != nil || got.ID != m.ID {
		t.Errorf("session: %+v, %v", got, err)
	}
	if _, err := s.SessionAccount(ctx(), "hash-1", "api"); atazan.ErrorCode(err) != atazan.EUnauthorized {
		t.Errorf("a session used as an API token: %v", err)
	}
	st := replayAll(t, s)
	if len(st.Accounts) != 2 {
		t.Errorf("the log has %d accounts, want 2", len(st.Accounts))
	}
	// No personal data in the log.
	n, _ := s.LogSize(ctx())
	recs, _ := s.LogRecords(ctx(), 0, n)
	for i, r := range recs {
		for _, secret := range []string{"Citizen", "example.kz", "iin-"} {
			if strings.Contains(string(r), secret) {
				t.Errorf("record %d holds personal data %q: %s", i, secret, r)
			}
		}
	}
}

func testProposals(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	alice := newAccount(t, s, 1)
	p, created, err := s.SubmitProposal(ctx(), submission(c, "Altyndala is a democratic and social state."), alice.ID, "web")
	if err != nil || !created || p.ID == 0 || p.LogIndex <= 0 || p.Status != consult.StatusSubmitted || p.Lang != "en" || p.Region != "astana" {
		t.Fatalf("submit: %+v, %v, %v", p, created, err)
	}
	again, created, err := s.SubmitProposal(ctx(), submission(c, "Altyndala is a  democratic and social state."), alice.ID, "web")
	if err != nil || created || again.ID != p.ID {
		t.Errorf("the same text again: %d created=%v %v; want the first, %d", again.ID, created, err, p.ID)
	}
	bad := submission(c, "x")
	bad.Unit = "art_77"
	if _, _, err := s.SubmitProposal(ctx(), bad, alice.ID, "web"); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("unknown unit: %v", err)
	}
	long := submission(c, strings.Repeat("a", consult.MaxTextChars+1))
	if _, _, err := s.SubmitProposal(ctx(), long, alice.ID, "web"); atazan.ErrorCode(err) != atazan.EInvalid || !strings.Contains(err.Error(), "5,000") {
		t.Errorf("oversize text: %v", err)
	}
	s.Now = func() time.Time { return time.Date(2026, 3, 31, 19, 30, 0, 0, time.UTC) } // 1 April 00:30 in Almaty
	if _, _, err := s.SubmitProposal(ctx(), submission(c, "Too late."), alice.ID, "web"); atazan.ErrorCode(err) != atazan.EConflict || !strings.Contains(err.Error(), "31 March 2026") {
		t.Errorf("after the last day: %v", err)
	}
	if _, _, _, err := s.Support(ctx(), p.ID, alice.ID, false); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("support after the last day: %v", err)
	}
	if _, err := s.AddComment(ctx(), consult.CommentRequest{Proposal: p.ID, Text: "Late."}, alice.ID); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("comment after the last day: %v", err)
	}
	s.Now = func() time.Time { return time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC) }
	list, total, err := s.Proposals(ctx(), store.ProposalQuery{Consultation: c.ID})
	if err != nil || total != 1 || len(list) != 1 {
		t.Errorf("list: %d of %d, %v", len(list), total, err)
	}
	counts, _ := s.UnitCounts(ctx(), c.ID)
	if counts["art_1__para_1"] != 1 {
		t.Errorf("unit counts = %v", counts)
	}
	// Comments: one reply level.
	cm, err := s.AddComment(ctx(), consult.CommentRequest{Proposal: p.ID, Stance: consult.StanceFor, Text: "Agreed."}, alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	reply, err := s.AddComment(ctx(), consult.CommentRequest{Proposal: p.ID, Parent: &cm.ID, Stance: consult.StanceAgainst, Text: "No."}, alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddComment(ctx(), consult.CommentRequest{Proposal: p.ID, Parent: &reply.ID, Text: "Deeper."}, alice.ID); err == nil {
		t.Errorf("a reply to a reply was accepted")
	}
	var exported []consult.Proposal
	if err := s.ExportProposals(ctx(), c.ID, func(p consult.Proposal) error { exported = append(exported, p); return nil }); err != nil || len(exported) != 1 || exported[0].Comments != 2 {
		t.Errorf("export: %+v, %v", exported, err)
	}
	st := replayAll(t, s)
	lp := st.Proposals[fmt.Sprint(p.ID)]
	if lp.Text != ledger.Commit(p.Text) || lp.Text != p.TextCommit {
		t.Errorf("the log's commitment %s is not the text's %s", lp.Text, p.TextCommit)
	}
}

// testConcurrentSupports gives and withdraws supports from many goroutines:
// the count stays exact and equals the log's.
func testConcurrentSupports(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	author := newAccount(t, s, 0)
	p, _, err := s.SubmitProposal(ctx(), submission(c, "Everyone has the right to a clean environment."), author.ID, "web")
	if err != nil {
		t.Fatal(err)
	}
	const n = 24
	accounts := make([]identity.Account, n)
	for i := range accounts {
		accounts[i] = newAccount(t, s, i+1)
	}
	var wg sync.WaitGroup
	for i, a := range accounts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2 { // the second support changes nothing
				if _, _, _, err := s.Support(ctx(), p.ID, a.ID, false); err != nil {
					t.Error(err)
				}
			}
			if i%3 == 0 {
				if _, changed, _, err := s.Support(ctx(), p.ID, a.ID, true); err != nil || !changed {
					t.Errorf("withdraw: %v %v", changed, err)
				}
			}
		}()
	}
	wg.Wait()
	got, err := s.Proposal(ctx(), p.ID)
	want := n - (n+2)/3
	if err != nil || got.Supports != want {
		t.Fatalf("supports = %d, %v; want %d", got.Supports, err, want)
	}
	st := replayAll(t, s)
	if lp := st.Proposals[fmt.Sprint(p.ID)]; lp.Supports() != want || lp.LastIndex != got.LastLogIndex {
		t.Errorf("the log says %d supports (last record %d), the store %d (last %d)", lp.Supports(), lp.LastIndex, want, got.LastLogIndex)
	}
}

func testModeration(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	alice := newAccount(t, s, 1)
	bob := newAccount(t, s, 2)
	mod := newAccount(t, s, 3, identity.RoleModerator)
	mod2 := newAccount(t, s, 4, identity.RoleModerator)
	p, _, err := s.SubmitProposal(ctx(), submission(c, "Call me at +7 701 000 00 00."), alice.ID, "web")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Report(ctx(), consult.Report{Target: consult.TargetProposal, ID: int64(p.ID), Note: "phone number"}, bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Report(ctx(), consult.Report{Target: consult.TargetProposal, ID: int64(p.ID)}, bob.ID); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("second report by the same reader: %v", err)
	}
	cm, err := s.AddComment(ctx(), consult.CommentRequest{Proposal: p.ID, Stance: consult.StanceAgainst, Text: "Not here."}, bob.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Comment(ctx(), cm.ID); err != nil || got.Proposal != p.ID || got.Text != "Not here." || got.Stance != consult.StanceAgainst {
		t.Errorf("Comment(%d) = %+v, %v", cm.ID, got, err)
	}
	if _, err := s.Comment(ctx(), cm.ID+100); atazan.ErrorCode(err) != atazan.ENotFound {
		t.Errorf("Comment of a missing ID: %v", err)
	}
	q, err := s.ModerationQueue(ctx(), 10)
	if err != nil || len(q) != 1 || q[0].Reports != 1 {
		t.Fatalf("queue = %+v, %v", q, err)
	}
	if _, err := s.Moderate(ctx(), consult.EventHide, consult.TargetProposal, int64(p.ID), consult.ReasonPersonalData, "A phone number.", mod.ID); err != nil {
		t.Fatal(err)
	}
	hidden, _ := s.Proposal(ctx(), p.ID)
	if hidden.Status != consult.StatusHidden || hidden.Text != "" || hidden.TextCommit != p.TextCommit || hidden.HiddenReason != consult.ReasonPersonalData {
		t.Errorf("hidden proposal = %+v", hidden)
	}
	if _, _, _, err := s.Support(ctx(), p.ID, bob.ID, false); err == nil {
		t.Errorf("a hidden proposal gained a support")
	}
	if notes, _ := s.Notices(ctx(), alice.ID); len(notes) != 1 {
		t.Errorf("the author was not told: %v", notes)
	}
	if _, err := s.RequestReview(ctx(), consult.ReviewRequest{Target: consult.TargetProposal, ID: int64(p.ID), Note: "I removed nothing private."}, bob.ID); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("review asked by another: %v", err)
	}
	if _, err := s.RequestReview(ctx(), consult.ReviewRequest{Target: consult.TargetProposal, ID: int64(p.ID), Note: "Please look again."}, alice.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RequestReview(ctx(), consult.ReviewRequest{Target: consult.TargetProposal, ID: int64(p.ID), Note: "Again."}, alice.ID); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("second review request: %v", err)
	}
	if _, err := s.Moderate(ctx(), consult.EventUphold, consult.TargetProposal, int64(p.ID), "", "It is a phone number.", mod.ID); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("the moderator who hid it decided the review: %v", err)
	}
	if _, err := s.Moderate(ctx(), consult.EventUphold, consult.TargetProposal, int64(p.ID), "", "It is a phone number.", mod2.ID); err != nil {
		t.Fatal(err)
	}
	h, _ := s.ModerationHistory(ctx(), consult.TargetProposal, int64(p.ID))
	if len(h) != 3 || h[0].Action != "hide" || h[1].Action != "review_requested" || h[2].Action != "uphold" {
		t.Errorf("history = %+v", h)
	}
	counts, _ := s.StatusCounts(ctx(), c.ID)
	if tally := consult.Count(counts); tally.Total != 1 || tally.HiddenByModeration != 1 {
		t.Errorf("hidden proposals must still count: %+v", tally)
	}
	st := replayAll(t, s)
	if lp := st.Proposals[fmt.Sprint(p.ID)]; !lp.Hidden || !lp.ReviewRequested {
		t.Errorf("the log's proposal = %+v", lp)
	}
}

func testImport(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	rows := []consult.ImportRow{
		{Line: 2, Channel: consult.ChannelLetter, SourceRef: "L-1", Received: consult.Date{Y: 2026, M: 3, D: 2}, Region: "abai", Unit: "art_2", Kind: consult.KindAmend, Text: "Letter one.", Lang: "en"},
		{Line: 3, Channel: consult.ChannelEmail, SourceRef: "E-1", Received: consult.Date{Y: 2026, M: 3, D: 3}, Region: "astana", Kind: consult.KindComment, Text: "E-mail one.", Lang: "en"},
	}
	res, err := s.ImportProposals(ctx(), c.ID, rows)
	if err != nil || res.Imported != 2 || res.Skipped != 0 || res.LastLogIndex != res.FirstLogIndex+1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	res, err = s.ImportProposals(ctx(), c.ID, rows)
	if err != nil || res.Imported != 0 || res.Skipped != 2 {
		t.Errorf("re-import: %+v, %v", res, err)
	}
	list, total, _ := s.Proposals(ctx(), store.ProposalQuery{Consultation: c.ID, Sort: "newest"})
	if total != 2 || list[0].Channel != consult.ChannelEmail || list[1].Author != string(ledger.Operator) {
		t.Errorf("imported: %+v", list)
	}
	replayAll(t, s)
}

func testSearch(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	texts := []string{
		"The President is elected for one term of seven years.",
		"Президент избирается на один срок в семь лет.",
		"Президент жеті жыл мерзімге бір рет сайланады.",
		"Everyone has the right to a clean environment.",
	}
	for i, text := range texts {
		a := newAccount(t, s, i+1)
		if _, _, err := s.SubmitProposal(ctx(), submission(c, text), a.ID, "web"); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		q    string
		want int
	}{
		{"president", 1}, {"PRESIDENT seven", 1}, {"президент", 2}, {"ПРЕЗИДЕНТ избирается", 1}, {"жыл", 1},
		{"environment", 1}, {"nothing-here", 0}, {`"term" (`, 1},
	} {
		hits, total, err := s.SearchProposals(ctx(), c.ID, tc.q, 10, 0)
		if err != nil || total != tc.want || len(hits) != tc.want {
			t.Errorf("search %q: %d hits of %d, %v; want %d", tc.q, len(hits), total, err, tc.want)
			continue
		}
		for _, h := range hits {
			if !strings.Contains(h.Snippet, store.MarkStart) || !strings.Contains(h.Snippet, store.MarkEnd) {
				t.Errorf("search %q: snippet %q has no highlighted match", tc.q, h.Snippet)
			}
		}
	}
	if _, _, err := s.SearchProposals(ctx(), c.ID, "  !!  ", 10, 0); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("empty search: %v", err)
	}
}

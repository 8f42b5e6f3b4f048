package demo_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"atazan/commission"
	"atazan/consolidate"
	"atazan/consult"

	"atazan/charter"
	"atazan/demo"
	"atazan/ledger"
	"atazan/store"
	"atazan/store/storetest"
)

// The demo loads into a fresh database, twice without harm, and its draft
// differs from the current version in real changes.
func TestLoad(t *testing.T) {
	s := storetest.SQLite()(t)
	ctx := context.Background()
	logf := func(string, ...any) {}
	if err := demo.Load(ctx, s, logf); err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, s, logf); err != nil {
		t.Fatalf("second load: %v", err)
	}
	vs, err := s.Versions(ctx, demo.Charter)
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions: %+v, %v", vs, err)
	}
	cur, draft := vs[0], vs[1]
	if cur.Status != charter.StatusPublished || draft.Status != charter.StatusDraft || draft.Parent != demo.Current {
		t.Errorf("current %s, draft %s with parent %q", cur.Status, draft.Status, draft.Parent)
	}
	for _, v := range vs {
		if len(v.Texts) != 3 || v.Lang != "kk" {
			t.Errorf("%s: texts %+v, primary %s; want kk, ru, en with kk primary", v.Label, v.Texts, v.Lang)
		}
		if v.Stats.Articles < 25 || v.Stats.Sections < 4 || v.Stats.Points == 0 {
			t.Errorf("%s: stats %+v", v.Label, v.Stats)
		}
	}
	for _, lang := range charter.Languages {
		a, _ := s.Document(ctx, demo.Charter, demo.Current, lang)
		b, _ := s.Document(ctx, demo.Charter, demo.Draft, lang)
		changes := charter.Compare(a, b)
		kinds := map[charter.ChangeKind]int{}
		for _, c := range changes {
			kinds[c.Change]++
		}
		if kinds[charter.ChangeChanged] < 5 || kinds[charter.ChangeAdded] < 2 || kinds[charter.ChangeRemoved] < 1 {
			t.Errorf("%s: draft changes %v, want several changed, added and removed units", lang, kinds)
		}
	}
}

// The demo consultation loads, is open, and every change is on the log.
func TestLoadConsultation(t *testing.T) {
	s := storetest.SQLite()(t)
	ctx := context.Background()
	logf := func(string, ...any) {}
	if err := demo.Load(ctx, s, logf); err != nil {
		t.Fatal(err)
	}
	size := demo.Size{Citizens: 40, Proposals: 120, Supports: 200, Comments: 40}
	if err := demo.LoadConsultation(ctx, s, size, logf); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Consultations(ctx, demo.Charter, demo.Draft)
	if err != nil || len(cs) != 1 || !cs[0].IsOpen(time.Now()) {
		t.Fatalf("consultations: %+v, %v", cs, err)
	}
	list, total, err := s.Proposals(ctx, store.ProposalQuery{Consultation: cs[0].ID, Sort: "supported", Limit: 5})
	if err != nil || total < size.Proposals*9/10 || list[0].Supports == 0 {
		t.Errorf("proposals: %d, top supports %d, %v", total, list[0].Supports, err)
	}
	// The secretariat decided the largest clusters and published the table.
	clusters, err := s.Clusters(ctx, store.ClusterQuery{Consultation: cs[0].ID, Limit: 10})
	if err != nil || len(clusters) < 5 || clusters[0].Decision != consolidate.Accepted || clusters[0].Reason == "" || clusters[4].Decision != "" {
		t.Errorf("clusters: %+v, %v", clusters, err)
	}
	if tables, err := s.PublishedTables(ctx, cs[0].ID); err != nil || len(tables) != 1 {
		t.Errorf("published tables: %+v, %v", tables, err)
	}
	checkCommission(t, s, cs[0])
	// A second load changes nothing.
	before, _ := s.LogSize(ctx)
	if err := demo.LoadConsultation(ctx, s, size, logf); err != nil {
		t.Fatal(err)
	}
	n, _ := s.LogSize(ctx)
	if n != before {
		t.Errorf("a second load appended %d log records", n-before)
	}
	recs, _ := s.LogRecords(ctx, 0, n)
	if _, ds := ledger.ReplayRecords(recs); len(ds) > 0 {
		t.Errorf("the demo's log does not replay: %v", ds[0])
	}
}

// checkCommission checks the demo commission: fifteen members who can sign
// in, amendments answering decided clusters, a closed meeting with one vote
// adopted and one not and its minutes, and a meeting scheduled for today.
func checkCommission(t *testing.T, s *store.Store, c consult.Consultation) {
	t.Helper()
	ctx := context.Background()
	com, err := s.Commission(ctx, demo.Commission)
	if err != nil || com.Base != demo.Draft || com.Applied != 1 {
		t.Fatalf("commission = %+v, %v", com, err)
	}
	ms, err := s.Members(ctx, demo.Commission)
	if err != nil || len(ms) != 15 || ms[0].Position != commission.Chair {
		t.Errorf("members = %+v, %v", ms, err)
	}
	for _, email := range []string{"chair@demo.atazan.kz", "member1@demo.atazan.kz", "member12@demo.atazan.kz"} {
		if _, _, err := s.Credentials(ctx, email); err != nil {
			t.Errorf("no account %s: %v", email, err)
		}
	}
	fates, err := s.AmendmentFates(ctx, demo.Commission)
	if err != nil || len(fates) != 3 {
		t.Fatalf("amendments = %+v, %v", fates, err)
	}
	for i, f := range fates {
		if len(f.Amendment.Body.Clusters) != 1 {
			t.Fatalf("amendment %d answers %v", i+1, f.Amendment.Body.Clusters)
		}
		id, _ := strconv.ParseInt(f.Amendment.Body.Clusters[0], 10, 64)
		cl, err := s.Cluster(ctx, consolidate.ClusterID(id))
		if err != nil || cl.Decision == consolidate.Pending || cl.Consultation != c.ID || cl.Unit != f.Amendment.Body.Ops[0].Unit {
			t.Errorf("amendment %d answers cluster %+v, %v", i+1, cl, err)
		}
	}
	if f := fates[0]; f.Amendment.Status != store.AmendmentAdopted || f.Vote == nil || !f.Vote.Result.Adopted || f.Vote.Result.Present != 12 {
		t.Errorf("first amendment = %s, vote %+v", f.Amendment.Status, f.Vote)
	}
	if f := fates[1]; f.Amendment.Status != store.AmendmentRejected || f.Vote == nil || f.Vote.Result.Adopted {
		t.Errorf("second amendment = %s, vote %+v", f.Amendment.Status, f.Vote)
	}
	if f := fates[2]; f.Amendment.Status != store.AmendmentSubmitted || f.Vote != nil {
		t.Errorf("third amendment = %s, vote %+v", f.Amendment.Status, f.Vote)
	}
	meetings, err := s.Meetings(ctx, demo.Commission)
	if err != nil || len(meetings) != 2 {
		t.Fatalf("meetings = %+v, %v", meetings, err)
	}
	closed, next := meetings[0], meetings[1]
	if closed.Status != commission.Closed || !closed.Minutes || next.Status != commission.Scheduled || len(next.Agenda) == 0 {
		t.Errorf("meetings: %s (minutes %v), %s with %d items", closed.Status, closed.Minutes, next.Status, len(next.Agenda))
	}
	if next.Date != time.Now().In(almaty()).Format(time.DateOnly) || len(next.Members) != 15 || next.Present != 7 || next.QuorumNeeded != 8 {
		t.Errorf("the meeting to try is on %s with %d members, %d present, quorum %d", next.Date, len(next.Members), next.Present, next.QuorumNeeded)
	}
	if md, _, err := s.MeetingMinutes(ctx, closed.ID); err != nil || md == "" {
		t.Errorf("minutes: %v", err)
	}
}

func almaty() *time.Location {
	loc, err := time.LoadLocation(consult.DefaultTimeZone)
	if err != nil {
		return time.FixedZone("UTC+5", 5*3600)
	}
	return loc
}

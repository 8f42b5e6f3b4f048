package demo_test

import (
	"atazan/consolidate"
	"context"
	"testing"
	"time"

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
	// A second load changes nothing.
	if err := demo.LoadConsultation(ctx, s, size, logf); err != nil {
		t.Fatal(err)
	}
	n, _ := s.LogSize(ctx)
	recs, _ := s.LogRecords(ctx, 0, n)
	if _, ds := ledger.ReplayRecords(recs); len(ds) > 0 {
		t.Errorf("the demo's log does not replay: %v", ds[0])
	}
}

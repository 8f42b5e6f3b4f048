package demo_test

import (
	"context"
	"testing"

	"atazan/demo"
	"atazan/ledger"
	"atazan/referendum"
	"atazan/store/storetest"
)

// The demo referendum reproduces the published national figures of 2026,
// is adopted under the rule of the Constitution and declared, twice
// without harm, and its log replays to the same count.
func TestLoadReferendum(t *testing.T) {
	s := storetest.SQLite()(t)
	ctx := context.Background()
	logf := func(string, ...any) {}
	if err := demo.Load(ctx, s, logf); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := demo.LoadReferendum(ctx, s, t.Logf); err != nil {
			t.Fatal(err)
		}
	}
	r, err := s.ReferendumBySlug(ctx, demo.ReferendumSlug)
	if err != nil || r.Declared == nil || r.Declared.InForceFrom == "" || r.Precincts != 10_466 {
		t.Fatalf("referendum %+v, %v", r, err)
	}
	res := r.Declared.Result
	if res.Registered != referendum.Demo2026Registered || res.Participants != referendum.Demo2026Participants || res.Yes != referendum.Demo2026Yes ||
		res.No != referendum.Demo2026No || res.Both != referendum.Demo2026Both || res.Invalid != referendum.Demo2026Invalid ||
		!res.Valid || !res.Adopted || res.Regions != 20 || res.PrecinctsReported != 10_466 {
		t.Errorf("declared %+v", res)
	}
	if err := s.AuditTotals(ctx, r.ID); err != nil {
		t.Error(err)
	}
	if tr, err := s.ReferendumBySlug(ctx, demo.TrainingSlug); err != nil || tr.Declared != nil || tr.Precincts != 10_466 {
		t.Errorf("training count %+v, %v", tr, err)
	}
	n, _ := s.LogSize(ctx)
	recs, err := s.LogRecords(ctx, 0, n)
	if err != nil {
		t.Fatal(err)
	}
	st, ds := ledger.ReplayRecords(recs)
	if len(ds) > 0 {
		t.Fatalf("replay: %v", ds[0])
	}
	if rs := st.Referendums[demo.ReferendumSlug]; rs == nil || rs.Declared == nil || rs.Tally.Decide(rs.Rules) != res {
		t.Errorf("the replayed referendum differs")
	}
}

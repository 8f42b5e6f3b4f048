package storetest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"atazan"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
	"atazan/store"
)

// RunClusters runs the systematization part of the suite.
// second, when not nil, opens another Store on the database of a store, as
// another process would.
func RunClusters(t *testing.T, open Opener, second func(t testing.TB, s *store.Store) *store.Store) {
	t.Run("LiveAssignment", func(t *testing.T) { testLiveAssignment(t, open) })
	t.Run("Actions", func(t *testing.T) { testClusterActions(t, open) })
	t.Run("Campaign", func(t *testing.T) { testCampaign(t, open) })
	t.Run("Rebuild", func(t *testing.T) { testRebuild(t, open) })
	t.Run("RandomActions", func(t *testing.T) { testRandomActions(t, open) })
	if second != nil {
		t.Run("TwoProcesses", func(t *testing.T) { testTwoProcesses(t, open, second) })
	}
}

// Texts of three ideas, each written twice with small changes, on one unit.
var ideaTexts = [][]string{
	{"Set the term of the President at one seven-year term without the right of re-election, so that power changes hands regularly.",
		"Set the term of the President at one seven year term without the right of re-election so that power changes hands regularly!"},
	{"Elect akims of districts and cities directly by the residents, by secret ballot, for four years, and let them be recalled by referendum.",
		"Elect akims of districts and cities directly by the residents by secret ballot for four years and let them be recalled by a referendum."},
	{"Guarantee free medical care in state clinics to every citizen, including medicines on the list approved by the Government each year.",
		"Guarantee free medical care in state clinics to every citizen including the medicines on the list approved by the Government every year."},
}

func submitAs(t testing.TB, s *store.Store, c consult.Consultation, who identity.Account, text string) consult.Proposal {
	t.Helper()
	p, _, err := s.SubmitProposal(ctx(), submission(c, text), who.ID, "web")
	if err != nil {
		t.Fatalf("submit %.30q: %v", text, err)
	}
	return p
}

// checkMembership compares every proposal's cluster in the store with the
// log's replay: each proposal is in exactly one cluster, the same in both.
func checkMembership(t *testing.T, s *store.Store, ps []consult.Proposal) *ledger.State {
	t.Helper()
	st := replayAll(t, s)
	for _, p := range ps {
		c, err := s.ProposalCluster(ctx(), p.ID)
		if err != nil {
			t.Fatalf("cluster of %d: %v", p.ID, err)
		}
		lp := st.Proposals[fmt.Sprint(p.ID)]
		if lp.Cluster != fmt.Sprint(c.ID) {
			t.Errorf("proposal %d: the store says cluster %d, the log %s", p.ID, c.ID, lp.Cluster)
		}
		n := 0
		for _, lc := range st.Clusters {
			if lc.Members[fmt.Sprint(p.ID)] {
				n++
			}
		}
		if n != 1 {
			t.Errorf("proposal %d is in %d clusters of the log", p.ID, n)
		}
	}
	return st
}

func testLiveAssignment(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	var ps []consult.Proposal
	for i, idea := range ideaTexts {
		for j, text := range idea {
			ps = append(ps, submitAs(t, s, c, newAccount(t, s, 10*i+j+1), text))
		}
	}
	ids := map[consolidate.ClusterID]int{}
	for i, p := range ps {
		cl, err := s.ProposalCluster(ctx(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids[cl.ID]++
		if i%2 == 1 {
			first, _ := s.ProposalCluster(ctx(), ps[i-1].ID)
			if first.ID != cl.ID {
				t.Errorf("the second wording of idea %d went to cluster %d, the first to %d", i/2, cl.ID, first.ID)
			}
		}
	}
	if len(ids) != 3 {
		t.Errorf("3 ideas made %d clusters: %v", len(ids), ids)
	}
	list, err := s.Clusters(ctx(), store.ClusterQuery{Consultation: c.ID, Article: "art_1"})
	if err != nil || len(list) != 3 || list[0].Size != 2 || list[0].Text != ideaTexts[0][0] || list[0].Representative != ps[0].ID {
		t.Errorf("clusters of article 1 = %+v, %v", list, err)
	}
	if other, _ := s.Clusters(ctx(), store.ClusterQuery{Consultation: c.ID, Article: "art_2"}); len(other) != 0 {
		t.Errorf("article 2 has clusters: %+v", other)
	}
	checkMembership(t, s, ps)

	// Concurrent submissions of one text all land in one cluster.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var more []consult.Proposal
	for i := range 12 {
		who := newAccount(t, s, 100+i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, _, err := s.SubmitProposal(ctx(), submission(c, ideaTexts[1][i%2]+" ."), who.ID, "web")
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			more = append(more, p)
			mu.Unlock()
		}()
	}
	wg.Wait()
	want, _ := s.ProposalCluster(ctx(), ps[2].ID)
	for _, p := range more {
		if got, _ := s.ProposalCluster(ctx(), p.ID); got.ID != want.ID {
			t.Errorf("concurrent copy %d joined cluster %d, want %d", p.ID, got.ID, want.ID)
		}
	}
	checkMembership(t, s, append(ps, more...))
}

func testClusterActions(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	sec := newAccount(t, s, 90, identity.RoleSecretariat)
	var ps []consult.Proposal
	for i, idea := range ideaTexts {
		for j, text := range idea {
			ps = append(ps, submitAs(t, s, c, newAccount(t, s, 10*i+j+1), text))
		}
	}
	cl := func(p consult.Proposal) consolidate.ClusterID {
		t.Helper()
		x, err := s.ProposalCluster(ctx(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	a, b, d := cl(ps[0]), cl(ps[2]), cl(ps[4])

	// Merge b into a; b is kept, marked merged.
	if _, err := s.MergeClusters(ctx(), a, []consolidate.ClusterID{b}, sec.ID); err != nil {
		t.Fatal(err)
	}
	if cl(ps[2]) != a || cl(ps[3]) != a {
		t.Errorf("after merging, b's proposals are in %d and %d, want %d", cl(ps[2]), cl(ps[3]), a)
	}
	if _, err := s.MergeClusters(ctx(), a, []consolidate.ClusterID{b}, sec.ID); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("merging a merged cluster again: %v", err)
	}
	if _, err := s.DecideCluster(ctx(), b, consolidate.Accepted, "Merged clusters take no decision.", sec.ID); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("a decision on a merged cluster: %v", err)
	}
	// Split the second idea back off.
	n, _, err := s.SplitCluster(ctx(), a, []consult.ProposalID{ps[2].ID, ps[3].ID}, sec.ID)
	if err != nil || cl(ps[2]) != n || cl(ps[3]) != n || cl(ps[0]) != a {
		t.Fatalf("split: %d, %v", n, err)
	}
	if _, _, err := s.SplitCluster(ctx(), a, []consult.ProposalID{ps[0].ID, ps[1].ID}, sec.ID); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("splitting every proposal off: %v", err)
	}
	// Move one proposal; moving it where it is fails.
	if _, err := s.MoveProposal(ctx(), ps[5].ID, a, sec.ID); err != nil || cl(ps[5]) != a {
		t.Errorf("move: %v, now in %d", err, cl(ps[5]))
	}
	if _, err := s.MoveProposal(ctx(), ps[5].ID, a, sec.ID); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("a move to the same cluster: %v", err)
	}
	// Decide, group, link; a decision without a reason changes nothing.
	if _, err := s.DecideCluster(ctx(), d, consolidate.Rejected, "  ", sec.ID); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("a decision without a reason: %v", err)
	}
	if _, err := s.DecideCluster(ctx(), d, consolidate.Partly, "Free care stays; the list is a matter for the Government.", sec.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssignWorkingGroup(ctx(), d, "Social rights", sec.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkAmendment(ctx(), d, "A-12", sec.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Cluster(ctx(), d)
	if err != nil || got.Decision != consolidate.Partly || got.WorkingGroup != "Social rights" || got.Amendment != "A-12" || got.Size != 1 {
		t.Errorf("cluster d = %+v, %v", got, err)
	}
	// The author of the decided proposal is told.
	notices, err := s.Notices(ctx(), identity.AccountID(ps[4].AuthorAccount))
	if err != nil || len(notices) == 0 || !strings.Contains(notices[0], "partly taken into account") || !strings.Contains(notices[0], fmt.Sprint(ps[4].ID)) {
		t.Errorf("notices of the author = %q, %v", notices, err)
	}
	view, err := s.ClusterDetail(ctx(), a)
	if err != nil || len(view.Members) != 3 || view.Breakdown.Regions[0] != (consolidate.Count{Key: "astana", N: 3}) || len(view.Breakdown.Days) != 1 {
		t.Errorf("detail of a = %+v, %v", view, err)
	}
	st := checkMembership(t, s, ps)
	if lc := st.Clusters[fmt.Sprint(d)]; lc.Decision != "partly" || lc.Group != "Social rights" || lc.Amendment != "A-12" {
		t.Errorf("the log's cluster d = %+v", lc)
	}

	// The consolidated table, published: its hash is the log's, and the
	// log's replay computes the same counts and decisions.
	tab, err := s.ConsolidatedTable(ctx(), c.ID)
	if err != nil || len(tab.Rows) != 1 || tab.Rows[0].Proposals != 6 || tab.Rows[0].Clusters != 3 || tab.Rows[0].Decided != 1 {
		t.Fatalf("table = %+v, %v", tab, err)
	}
	pt, err := s.PublishTable(ctx(), c.ID, sec.ID)
	if err != nil || pt.Number != 1 {
		t.Fatalf("publish: %+v, %v", pt, err)
	}
	body, err := s.PublishedTableBody(ctx(), c.ID, 1)
	if err != nil || !strings.Contains(string(body), `"decision":"partly"`) {
		t.Fatalf("published body: %.200s, %v", body, err)
	}
	st = replayAll(t, s)
	ts := st.Tables[fmt.Sprint(c.ID)+"/1"]
	if ts.Commit != pt.Commit || ts.Units["art_1__para_1"].Proposals != 6 || ts.Units["art_1__para_1"].Clusters[fmt.Sprint(d)].Decision != "partly" {
		t.Errorf("the log's table = %+v, published %s", ts, pt.Commit)
	}
}

func testCampaign(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	s.CampaignRule = consolidate.CampaignRule{MinSize: 5, MinAccounts: 4, Window: time.Hour}
	base := s.Now()
	var last consult.Proposal
	for i := range 5 {
		s.Now = func() time.Time { return base.Add(time.Duration(i) * 10 * time.Minute) }
		last = submitAs(t, s, c, newAccount(t, s, i+1), ideaTexts[0][0])
		cl, _ := s.ProposalCluster(ctx(), last.ID)
		if cl.Campaign != (i == 4) {
			t.Errorf("after %d copies in %d minutes the campaign flag is %v", i+1, i*10, cl.Campaign)
		}
	}
	// A slow trickle of the same idea is no campaign.
	for i := range 5 {
		s.Now = func() time.Time { return base.Add(time.Duration(i) * 2 * time.Hour) }
		last = submitAs(t, s, c, newAccount(t, s, 50+i), ideaTexts[1][i%2]+strings.Repeat(" again", i))
	}
	if cl, _ := s.ProposalCluster(ctx(), last.ID); cl.Campaign || cl.Size != 5 {
		t.Errorf("a slow cluster: %+v", cl)
	}
}

func testRebuild(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	sec := newAccount(t, s, 90, identity.RoleSecretariat)
	var ps []consult.Proposal
	for i, idea := range ideaTexts {
		for j, text := range idea {
			ps = append(ps, submitAs(t, s, c, newAccount(t, s, 10*i+j+1), text))
		}
	}
	before := map[consult.ProposalID]consolidate.ClusterID{}
	for _, p := range ps {
		x, _ := s.ProposalCluster(ctx(), p.ID)
		before[p.ID] = x.ID
	}
	// A rebuild of clusters that are already right changes nothing.
	res, err := s.Recluster(ctx(), c.ID, 0)
	if err != nil || res.Changed != 0 || res.Proposals != 6 || res.FirstLogIndex != -1 {
		t.Errorf("rebuild of right clusters: %+v, %v", res, err)
	}
	// The secretariat moves one proposal by hand and splits another off:
	// the rebuild keeps both where they were put.
	if _, err := s.MoveProposal(ctx(), ps[1].ID, before[ps[2].ID], sec.ID); err != nil {
		t.Fatal(err)
	}
	res, err = s.Recluster(ctx(), c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if x, _ := s.ProposalCluster(ctx(), ps[1].ID); x.ID != before[ps[2].ID] {
		t.Errorf("the rebuild undid the secretariat's move: %d in %d", ps[1].ID, x.ID)
	}
	checkMembership(t, s, ps)
	var sizes []int
	list, _ := s.Clusters(ctx(), store.ClusterQuery{Consultation: c.ID})
	for _, x := range list {
		sizes = append(sizes, x.Size)
	}
	sort.Ints(sizes)
	if fmt.Sprint(sizes) != "[1 2 3]" {
		t.Errorf("cluster sizes after the move and a rebuild = %v, want [1 2 3]", sizes)
	}
}

// testRandomActions applies a seeded random sequence of merges, splits and
// moves, valid and invalid, and checks after each that every proposal is in
// exactly one cluster, that the clusters' sizes add up, and that the log's
// replay agrees with the store.
func testRandomActions(t *testing.T, open Opener) {
	s := open(t)
	c := consultation(t, s)
	sec := newAccount(t, s, 90, identity.RoleSecretariat)
	var ps []consult.Proposal
	for i := range 12 {
		idea := ideaTexts[i%3]
		ps = append(ps, submitAs(t, s, c, newAccount(t, s, i+1), idea[i%2]+strings.Repeat(" Indeed.", i/3)))
	}
	rng := rand.New(rand.NewPCG(2026, 5))
	live := func() []consolidate.ClusterID {
		list, err := s.Clusters(ctx(), store.ClusterQuery{Consultation: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		var ids []consolidate.ClusterID
		for _, x := range list {
			ids = append(ids, x.ID)
		}
		return ids
	}
	applied := 0
	for step := range 40 {
		ids := live()
		pick := func() consolidate.ClusterID { return ids[rng.IntN(len(ids))] }
		var err error
		switch rng.IntN(3) {
		case 0:
			_, err = s.MergeClusters(ctx(), pick(), []consolidate.ClusterID{pick()}, sec.ID)
		case 1:
			from := pick()
			view, verr := s.ClusterDetail(ctx(), from)
			if verr != nil {
				t.Fatal(verr)
			}
			var chosen []consult.ProposalID
			for _, m := range view.Members {
				if rng.IntN(2) == 0 {
					chosen = append(chosen, m.ID)
				}
			}
			_, _, err = s.SplitCluster(ctx(), from, chosen, sec.ID)
		case 2:
			_, err = s.MoveProposal(ctx(), ps[rng.IntN(len(ps))].ID, pick(), sec.ID)
		}
		if err == nil {
			applied++
		} else if code := atazan.ErrorCode(err); code != atazan.EInvalid && code != atazan.EConflict {
			t.Fatalf("step %d: %v", step, err)
		}
		total := 0
		for _, id := range live() {
			x, err := s.Cluster(ctx(), id)
			if err != nil {
				t.Fatal(err)
			}
			total += x.Size
		}
		if total != len(ps) {
			t.Fatalf("step %d: the live clusters hold %d proposals, want %d", step, total, len(ps))
		}
	}
	if applied < 10 {
		t.Errorf("only %d of 40 random actions were allowed: the test exercises too little", applied)
	}
	checkMembership(t, s, ps)
}

// testTwoProcesses: a proposal stored by another process (another Store on
// the same database) is found by this one's live index, once it notices the
// gap in proposal numbers.
func testTwoProcesses(t *testing.T, open Opener, second func(t testing.TB, s *store.Store) *store.Store) {
	a := open(t)
	c := consultation(t, a)
	b := second(t, a)
	b.Now = a.Now
	// Both processes have built their index of the unit.
	first := submitAs(t, a, c, newAccount(t, a, 1), ideaTexts[2][0])
	submitAs(t, b, c, newAccount(t, b, 2), ideaTexts[0][0])
	// a stores a copy of idea 1; b, whose index has not seen it, gets another.
	orig := submitAs(t, a, c, newAccount(t, a, 3), ideaTexts[1][0])
	copy := submitAs(t, b, c, newAccount(t, b, 4), ideaTexts[1][1])
	x, _ := a.ProposalCluster(ctx(), orig.ID)
	y, _ := a.ProposalCluster(ctx(), copy.ID)
	if x.ID != y.ID {
		t.Errorf("a copy stored through another process went to cluster %d, the original's is %d", y.ID, x.ID)
	}
	checkMembership(t, a, []consult.Proposal{first, orig, copy})
}

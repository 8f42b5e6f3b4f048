package cluster

import (
	"fmt"
	"testing"

	"atazan/gen"
)

// pairStats counts, over all pairs of proposals, the pairs put together by
// the clustering (pred) and by the ground truth (truth).
type pairStats struct{ tp, predPairs, truePairs int64 }

func (s pairStats) precision() float64 { return float64(s.tp) / float64(max(s.predPairs, 1)) }
func (s pairStats) recall() float64    { return float64(s.tp) / float64(max(s.truePairs, 1)) }

// pairwise compares a clustering with the ground truth, where two
// proposals belong together iff they share the root of their Origin chain.
func pairwise(ps []gen.Proposal, rep []int) pairStats {
	root := make([]int, len(ps))
	for i, p := range ps {
		r := p.Origin
		for ps[r].Origin != r { // Origin is already the root in gen; follow it anyway
			r = ps[r].Origin
		}
		root[i] = r
	}
	pairs := func(keys []int) int64 {
		n := map[int]int64{}
		for _, k := range keys {
			n[k]++
		}
		var s int64
		for _, c := range n {
			s += c * (c - 1) / 2
		}
		return s
	}
	both := map[[2]int]int64{}
	for i := range ps {
		both[[2]int{rep[i], root[i]}]++
	}
	var tp int64
	for _, c := range both {
		tp += c * (c - 1) / 2
	}
	return pairStats{tp: tp, predPairs: pairs(rep), truePairs: pairs(root)}
}

func docsOf(ps []gen.Proposal) []Doc {
	docs := make([]Doc, len(ps))
	for i, p := range ps {
		docs[i] = Doc{ID: fmt.Sprint(p.Index), Text: p.Text}
	}
	return docs
}

// TestQuality measures pairwise precision and recall on 20,000 generated
// proposals with a fixed seed. Targets (issue 5): precision ≥ 0.95 and
// recall ≥ 0.90 at the default threshold.
func TestQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("quality test takes a few seconds")
	}
	ps := labelled(t, 20000)
	docs := docsOf(ps)
	for _, th := range []float64{0.2, DefaultThreshold, 0.4, 0.5, 0.6} {
		s := pairwise(ps, Cluster(docs, Options{Threshold: th}))
		t.Logf("threshold %.2f: precision %.4f recall %.4f (pairs: %d predicted, %d true)", th, s.precision(), s.recall(), s.predPairs, s.truePairs)
		if th == DefaultThreshold {
			if s.precision() < 0.95 || s.recall() < 0.90 {
				t.Errorf("at the default threshold precision %.4f, recall %.4f; want ≥ 0.95 and ≥ 0.90", s.precision(), s.recall())
			}
		}
	}
}

// organic restricts a comparison to the proposals outside campaigns, whose
// 3,000 members otherwise make up most of the true pairs.
func organic(ps []gen.Proposal, rep []int) pairStats {
	var sub []gen.Proposal
	var subRep []int
	pos := map[int]int{}
	for i, p := range ps {
		if p.Campaign < 0 {
			pos[p.Index] = len(sub)
			sub = append(sub, p)
			subRep = append(subRep, rep[i])
		}
	}
	for i := range sub {
		sub[i].Index = i
		sub[i].Origin = pos[sub[i].Origin] // origins of organic copies are organic
	}
	return pairwise(sub, subRep)
}

func TestQualityOrganic(t *testing.T) {
	if testing.Short() {
		t.Skip("quality test takes a few seconds")
	}
	ps := labelled(t, 20000)
	s := organic(ps, Cluster(docsOf(ps), Options{}))
	t.Logf("outside campaigns: precision %.4f recall %.4f (pairs: %d predicted, %d true)", s.precision(), s.recall(), s.predPairs, s.truePairs)
	if s.precision() < 0.95 || s.recall() < 0.90 {
		t.Errorf("outside campaigns precision %.4f, recall %.4f; want ≥ 0.95 and ≥ 0.90", s.precision(), s.recall())
	}
}

// TestIndexQuality builds an Index from the first half of the set and adds
// the second half one by one.
func TestIndexQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("quality test takes a few seconds")
	}
	ps := labelled(t, 20000)
	docs := docsOf(ps)
	half := len(docs) / 2
	x := NewIndex(docs[:half], Options{})
	rep := make([]int, len(docs))
	for i := range half {
		rep[i] = int(x.cluster[i])
	}
	byID := map[string]int{}
	for i, d := range docs {
		byID[d.ID] = i
	}
	for i := half; i < len(docs); i++ {
		rep[i] = byID[x.Add(docs[i].ID, docs[i].Text)]
	}
	s := pairwise(ps, rep)
	o := organic(ps, rep)
	t.Logf("index, half added live: precision %.4f recall %.4f; outside campaigns %.4f / %.4f", s.precision(), s.recall(), o.precision(), o.recall())
	if s.precision() < 0.95 || s.recall() < 0.90 {
		t.Errorf("index precision %.4f, recall %.4f; want ≥ 0.95 and ≥ 0.90", s.precision(), s.recall())
	}
}

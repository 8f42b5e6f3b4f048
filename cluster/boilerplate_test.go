package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFrequentShingles compares the two-step count with a plain count of
// every shingle, on sets where many shingles share a counter.
func TestFrequentShingles(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 3000
	sh := make([][]uint64, n)
	use := make([]bool, n)
	copies := newUnionFind(n)
	for i := range sh {
		use[i] = r.IntN(10) > 0
		for range 1 + r.IntN(40) {
			x := uint64(r.IntN(5000)) // frequent shingles
			if r.IntN(3) == 0 {
				x = r.Uint64() // rare ones
			}
			sh[i] = append(sh[i], x)
		}
		slices.Sort(sh[i])
		sh[i] = slices.Compact(sh[i])
		if i > 0 && r.IntN(3) == 0 {
			copies.union(int32(r.IntN(i)), int32(i))
		}
	}
	all := map[uint64]int32{}
	forEachGroup(copies, use, sh, func(s []uint64) {
		for _, x := range s {
			all[x]++
		}
	})
	for _, limit := range []int32{0, 3, 5, 20} {
		got := frequentShingles(copies, use, sh, limit)
		for x, c := range all {
			if c > limit && got[x] != c {
				t.Fatalf("limit %d: shingle %x counted %d, want %d", limit, x, got[x], c)
			}
		}
		for x, c := range got {
			if c != all[x] {
				t.Fatalf("limit %d: shingle %x counted %d, want %d", limit, x, c, all[x])
			}
		}
	}
	// Groups count their distinct shingles once.
	groups := 0
	forEachGroup(copies, use, sh, func([]uint64) { groups++ })
	if groups == 0 || groups >= n {
		t.Errorf("%d groups of %d texts", groups, n)
	}
}

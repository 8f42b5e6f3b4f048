package cluster

import (
	"math/rand/v2"
	"testing"
)

// TestJoinBucket checks the group-wise comparison of a bucket against the
// plain one, all pairs in order, on random buckets and pass relations.
func TestJoinBucket(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var j joiner
	for trial := range 2000 {
		n := 2 + r.IntN(30)
		density := r.Float64() * 0.3
		edge := map[[2]int32]bool{}
		pass := func(a, b int32) bool {
			if a > b {
				a, b = b, a
			}
			return edge[[2]int32{a, b}]
		}
		for a := range int32(n) {
			for b := a + 1; b < int32(n); b++ {
				edge[[2]int32{a, b}] = r.Float64() < density
			}
		}
		got, want := newUnionFind(n), newUnionFind(n)
		for range r.IntN(n) { // clusters from earlier bands
			a, b := int32(r.IntN(n)), int32(r.IntN(n))
			got.union(a, b)
			want.union(a, b)
		}
		var bucket []keyed
		for _, i := range r.Perm(n) {
			if r.IntN(4) > 0 {
				bucket = append(bucket, keyed{i: int32(i)})
			}
		}
		if len(bucket) < 2 {
			continue
		}
		j.join(bucket, got, pass)
		for x := range bucket {
			for y := x + 1; y < len(bucket); y++ {
				a, b := bucket[x].i, bucket[y].i
				if want.find(a) != want.find(b) && pass(a, b) {
					want.union(a, b)
				}
			}
		}
		for i := range int32(n) {
			if got.find(i) != want.find(i) {
				t.Fatalf("trial %d: item %d in cluster %d, want %d", trial, i, got.find(i), want.find(i))
			}
		}
	}
}

func TestSimilarity(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		var a, b signature
		for i := range a {
			a[i] = uint16(r.Uint32())
			b[i] = a[i]
			if r.IntN(3) == 0 {
				b[i] = uint16(r.Uint32()) // sometimes equal by chance, as in a real signature
			}
			if r.IntN(5) == 0 {
				b[i] ^= 1 << r.IntN(16)
			}
		}
		want := 0
		for i := range a {
			if a[i] == b[i] {
				want++
			}
		}
		if got := similarity(&a, &b); got != float64(want)/numHashes {
			t.Fatalf("similarity %v, want %d/%d", got, want, numHashes)
		}
	}
}

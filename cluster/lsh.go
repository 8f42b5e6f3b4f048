package cluster

import (
	"cmp"
	"slices"
	"sync"
)

// banding is how LSH cuts a signature: bands of rows positions each.
type banding struct{ bands, rows int }

// mainBanding serves the second pass and the Index; copyBanding, with
// longer bands, the first pass, which looks only for near-verbatim copies
// (CopyThreshold 0.7): a pair shares a band with probability 0.93 at
// similarity 0.7, 0.995 at 0.8, and 0.28 at 0.5, against 0.87 for
// mainBanding, so far fewer pairs of merely related texts are compared.
var (
	mainBanding = banding{bands, rows}
	copyBanding = banding{21, 6}
)

func bandKey(s *signature, b int) uint64 { return mainBanding.key(s, b) }

func (bd banding) key(s *signature, b int) uint64 {
	h := uint64(b) * 0x9e3779b97f4a7c15
	for r := range bd.rows {
		h = mix64(h ^ uint64(s[b*bd.rows+r]))
	}
	return h
}

// keyed is one item's bucket key in one band.
type keyed struct {
	key uint64
	i   int32
}

// bandBuckets returns the items of use, keyed by their band-b key and
// sorted by key, items of one key in increasing order. It sorts by the low
// 32 bits of the key (two stable radix passes), then splits the rare runs
// whose low halves agree but whose keys differ.
func bandBuckets(sigs []signature, items []int32, bd banding, b int, buf, tmp []keyed) []keyed {
	buf, tmp = buf[:0], tmp[:len(items)]
	for _, i := range items {
		buf = append(buf, keyed{bd.key(&sigs[i], b), i})
	}
	for shift := uint(0); shift < 32; shift += 16 {
		var count [1 << 16]int32
		for _, e := range buf {
			count[e.key>>shift&0xffff]++
		}
		var sum int32
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, e := range buf {
			d := e.key >> shift & 0xffff
			tmp[count[d]] = e
			count[d]++
		}
		buf, tmp = tmp, buf
	}
	for lo := 0; lo < len(buf); {
		hi := lo + 1
		for hi < len(buf) && uint32(buf[hi].key) == uint32(buf[lo].key) {
			hi++
		}
		if hi-lo > 1 {
			slices.SortStableFunc(buf[lo:hi], func(x, y keyed) int { return cmp.Compare(x.key, y.key) })
		}
		lo = hi
	}
	return buf
}

// lshCluster unions the items whose signatures agree on at least one band
// and whose estimated similarity is at least threshold (and for which also,
// when set, holds). Only the items with use[i] set take part.
//
// The result is the connected components of the pairs that pass the test
// among the pairs that share a bucket, except that a bucket compares two
// sets of texts already joined through at most compareCap members each. Buckets are built per band on all cores; a bucket's members
// are compared group by group (see joinBucket), so a campaign of thousands
// of copies in one bucket costs about one check per member.
func lshCluster(sigs []signature, use []bool, bd banding, threshold float64, uf unionFind, also func(a, b int32) bool) {
	var items []int32
	for i := range sigs {
		if use[i] {
			items = append(items, int32(i))
		}
	}
	if len(items) < 2 {
		return
	}
	pass := func(a, b int32) bool {
		return similarity(&sigs[a], &sigs[b]) >= threshold && (also == nil || also(a, b))
	}
	// Producers sort the bands; this goroutine unions, band by band in
	// order. Each producer holds at most one band, so memory stays at
	// workers+1 band buffers.
	workers := min(max(1, numWorkers()-1), bd.bands)
	results := make([]chan []keyed, bd.bands)
	for b := range results {
		results[b] = make(chan []keyed)
	}
	free := make(chan []keyed, workers+1)
	for range workers + 1 {
		free <- make([]keyed, 0, len(items))
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			tmp := make([]keyed, len(items))
			for b := w; b < bd.bands; b += workers {
				results[b] <- bandBuckets(sigs, items, bd, b, <-free, tmp)
			}
		})
	}
	var j joiner
	for b := range bd.bands {
		buf := <-results[b]
		for lo := 0; lo < len(buf); {
			hi := lo + 1
			for hi < len(buf) && buf[hi].key == buf[lo].key {
				hi++
			}
			if hi-lo > 1 {
				j.join(buf[lo:hi], uf, pass)
			}
			lo = hi
		}
		free <- buf
	}
	wg.Wait()
}

// joiner compares the members of one bucket, keeping its buffers between
// buckets.
type joiner struct {
	byRoot []keyed // members keyed by their current root
	comps  [][]int32
}

// join unions the members of one bucket: the connected components of the
// pairs for which pass holds, skipping the pairs already in one cluster.
// Members already in one cluster form a group; each group is compared with
// the components formed so far, member by member, until one pair passes.
func (j *joiner) join(bucket []keyed, uf unionFind, pass func(a, b int32) bool) {
	if len(bucket) == 2 {
		a, b := bucket[0].i, bucket[1].i
		if uf.find(a) != uf.find(b) && pass(a, b) {
			uf.union(a, b)
		}
		return
	}
	j.byRoot = j.byRoot[:0]
	for _, e := range bucket {
		j.byRoot = append(j.byRoot, keyed{uint64(uf.find(e.i)), e.i})
	}
	slices.SortStableFunc(j.byRoot, func(x, y keyed) int { return cmp.Compare(x.key, y.key) })
	if j.byRoot[0].key == j.byRoot[len(j.byRoot)-1].key {
		return // one cluster already
	}
	j.comps = j.comps[:0]
	for lo := 0; lo < len(j.byRoot); {
		hi := lo + 1
		for hi < len(j.byRoot) && j.byRoot[hi].key == j.byRoot[lo].key {
			hi++
		}
		group := make([]int32, 0, hi-lo)
		for _, e := range j.byRoot[lo:hi] {
			group = append(group, e.i)
		}
		lo = hi
		joined := -1
		for c := 0; c < len(j.comps); c++ {
			if !anyPass(j.comps[c], group, pass) {
				continue
			}
			uf.union(j.comps[c][0], group[0])
			if joined < 0 {
				joined = c
				j.comps[c] = append(j.comps[c], group...)
				continue
			}
			j.comps[joined] = append(j.comps[joined], j.comps[c]...)
			last := len(j.comps) - 1
			j.comps[c] = j.comps[last]
			j.comps = j.comps[:last]
			if joined == last {
				joined = c
			}
			c--
		}
		if joined < 0 {
			j.comps = append(j.comps, group)
		}
	}
}

// compareCap bounds the members of each side that anyPass compares, so a
// campaign of thousands of copies that a text does not join costs a fixed
// number of comparisons, not one per copy (the Index does the same with
// bucketCap).
const compareCap = 32

// anyPass reports whether pass holds for a pair of xs and ys, among the
// first compareCap of each.
func anyPass(xs, ys []int32, pass func(a, b int32) bool) bool {
	for _, x := range xs[:min(len(xs), compareCap)] {
		for _, y := range ys[:min(len(ys), compareCap)] {
			if pass(x, y) {
				return true
			}
		}
	}
	return false
}

package cluster

import (
	"math/bits"
	"slices"
)

// forEachGroup calls f with the distinct shingles of each copy group (the
// sets of copies), over the members with use set.
func forEachGroup(copies unionFind, use []bool, sh [][]uint64, f func(shingles []uint64)) {
	n := len(copies)
	// Members grouped by root: a counting sort of the indices.
	start := make([]int32, n+1)
	for i := range n {
		start[copies.find(int32(i))+1]++
	}
	for r := range n {
		start[r+1] += start[r]
	}
	members := make([]int32, n)
	next := slices.Clone(start[:n])
	for i := range n {
		r := copies.find(int32(i))
		members[next[r]] = int32(i)
		next[r]++
	}
	var buf []uint64
	for r := range n {
		g := members[start[r]:start[r+1]]
		switch len(g) {
		case 0:
			continue
		case 1:
			if use[g[0]] {
				f(sh[g[0]]) // already distinct
			}
			continue
		}
		buf = buf[:0]
		for _, i := range g {
			if use[i] {
				buf = append(buf, sh[i]...)
			}
		}
		slices.Sort(buf)
		f(slices.Compact(buf))
	}
}

// frequentShingles returns the document frequency, by copy group, of every
// shingle found in more than limit groups (and of a few others). A first
// count goes to a table of counters indexed by the shingle's low bits,
// where shingles may share a counter, so it can only overcount; the exact
// count is then taken only for the shingles whose counter is over the
// limit. This needs far less memory than a count of every shingle.
func frequentShingles(copies unionFind, use []bool, sh [][]uint64, limit int32) map[uint64]int32 {
	total := 0
	for i, s := range sh {
		if use[i] {
			total += len(s)
		}
	}
	size := 1 << min(max(bits.Len(uint(total))-1, 10), 25) // about one counter for one or two shingles
	counters := make([]int32, size)
	mask := uint64(size - 1)
	forEachGroup(copies, use, sh, func(s []uint64) {
		for _, x := range s {
			counters[x&mask]++
		}
	})
	df := make(map[uint64]int32)
	forEachGroup(copies, use, sh, func(s []uint64) {
		for _, x := range s {
			if counters[x&mask] > limit {
				df[x]++
			}
		}
	})
	return df
}

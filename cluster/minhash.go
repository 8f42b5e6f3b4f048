package cluster

import (
	"hash/fnv"
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// MinHash and LSH parameters. A pair of texts with shingle Jaccard
// similarity s shares at least one band with probability 1-(1-s^rows)^bands:
// 0.47 at s=0.3, 0.87 at s=0.4, 0.99 at s=0.5.
const (
	numHashes = 128
	bands     = 32
	rows      = numHashes / bands
	shingleK  = 3
)

// hashSeeds are the per-function seeds of the MinHash family, fixed so that
// signatures are comparable across runs.
var hashSeeds = func() (s [numHashes][2]uint64) {
	x := uint64(0x6174617a616e)
	for i := range s {
		x = mix64(x + uint64(i))
		s[i][0] = x | 1
		x = mix64(x)
		s[i][1] = x
	}
	return s
}()

// mix64 is splitmix64's finaliser.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return mix64(h.Sum64())
}

// shingles returns the distinct hashes of the k-token windows of toks,
// sorted; a text shorter than k tokens is represented by its single tokens.
func shingles(toks []token) []uint64 {
	var out []uint64
	if len(toks) < shingleK {
		out = make([]uint64, len(toks))
		for i, t := range toks {
			out[i] = t.hash
		}
	} else {
		out = make([]uint64, 0, len(toks)-shingleK+1)
		for i := 0; i+shingleK <= len(toks); i++ {
			out = append(out, mix64(toks[i].hash^bits.RotateLeft64(toks[i+1].hash, 21)^bits.RotateLeft64(toks[i+2].hash, 42)))
		}
	}
	slices.Sort(out)
	return slices.Clip(slices.Compact(out))
}

// signature is a MinHash signature: for each hash function, the low 16
// bits of the least 32-bit hash over the set (the zero-length set has all
// ones). Two sets agree at a position when they share the least element,
// or by chance with probability 2^-16, which the estimates can neglect;
// 16 bits halve the memory of 32.
type signature [numHashes]uint16

func sign(sh []uint64) signature {
	var s signature
	for i := range s {
		mul, xor := hashSeeds[i][0], hashSeeds[i][1]
		m := ^uint32(0)
		for _, x := range sh {
			h := uint32((x ^ xor) * mul >> 32) // multiply-shift on a mixed key
			m = min(m, h)
		}
		s[i] = uint16(m)
	}
	return s
}

// similarity estimates the Jaccard similarity of the sets behind a and b:
// the share of positions where the signatures agree. It compares four
// positions at a time: the lanes of a^b that are zero.
func similarity(a, b *signature) float64 {
	const low15 = 0x7fff7fff7fff7fff
	n := 0
	for i := 0; i < numHashes; i += 4 {
		x := uint64(a[i]^b[i]) | uint64(a[i+1]^b[i+1])<<16 | uint64(a[i+2]^b[i+2])<<32 | uint64(a[i+3]^b[i+3])<<48
		// A lane's top bit ends up set iff the lane is zero.
		z := ^((x&low15 + low15) | x | low15)
		n += bits.OnesCount64(z)
	}
	return float64(n) / numHashes
}

// bandKeys returns the LSH bucket key of each band of s.
func bandKeys(s *signature) [bands]uint64 {
	var k [bands]uint64
	for b := range k {
		k[b] = bandKey(s, b)
	}
	return k
}

// unionFind is a disjoint-set forest whose roots are the smallest index of
// their set, so the root of a cluster is its earliest member.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(x int32) int32 {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u unionFind) union(a, b int32) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	u[b] = a
}

// parallel runs f(i) for i in [0,n) on all cores.
func parallel(n int, f func(w, i int)) {
	workers := numWorkers()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(w, i)
			}
		}()
	}
	wg.Wait()
}

func numWorkers() int { return runtime.GOMAXPROCS(0) }

package forensics

import (
	"math"
)

// exactMean is the mean below which binomial draws are exact. With
// q = min(p, 1−p), a draw with n·q below it is made by inversion (a
// sequential search of the cumulative distribution from 0, about n·q
// steps, over a table when n is fixed); from it on, by a normal
// approximation with a Cornish–Fisher skewness correction, rounded to the
// nearest integer:
//
//	k = round(n·q + σ·z + (1−2q)·(z²−1)/6),  σ = √(n·q·(1−q)),  z ~ N(0, 1)
//
// clamped to [0, n]. Its error on the probability of any set of counts is
// of order 1/(n·q·(1−q)); the tests (binomial_test.go) bound its total
// variation distance to the exact distribution at the noise level of a
// million draws, and its frequency of integer percentages against the exact
// probability. The choice trades BTPE's exactness for speed: one normal
// deviate per draw.
const exactMean = 20

// binomial draws from Binomial(n, p). It returns 0 for n <= 0 or p <= 0
// and n for p >= 1.
func binomial(r *rng, n int64, p float64) int64 {
	b := newShareBinomial(p)
	return b.draw(r, n)
}

// shareBinomial draws from Binomial(n, p) for one p and any n.
type shareBinomial struct {
	p, q  float64 // q = min(p, 1−p)
	flip  bool    // q = 1−p: draws count the failures
	c     float64 // (1−2q)/6, the skewness correction
	logq1 float64 // log(1−q)
	ratio float64 // q/(1−q)
}

func newShareBinomial(p float64) shareBinomial {
	b := shareBinomial{p: p, q: p}
	if p > 0.5 {
		b.q, b.flip = 1-p, true
	}
	if b.q > 0 {
		b.c = (1 - 2*b.q) / 6
		b.logq1 = math.Log1p(-b.q)
		b.ratio = b.q / (1 - b.q)
	}
	return b
}

func (b *shareBinomial) draw(r *rng, n int64) int64 {
	return b.drawWith(r, n, -1)
}

// drawWith is draw with f0 = (1−q)^n given, or computed when negative.
func (b *shareBinomial) drawWith(r *rng, n int64, f0 float64) int64 {
	if n <= 0 || b.p <= 0 {
		return 0
	}
	if b.p >= 1 {
		return n
	}
	mean := float64(n) * b.q
	var k int64
	if mean < exactMean {
		if f0 < 0 {
			f0 = math.Exp(float64(n) * b.logq1)
		}
		k = b.inversion(r, n, f0)
	} else {
		k = normalDraw(r, n, mean, math.Sqrt(mean*(1-b.q)), b.c)
	}
	if b.flip {
		k = n - k
	}
	return k
}

// reciprocals holds 1/k for small k, so that the inversion multiplies.
var reciprocals = func() (t [256]float64) {
	for k := 1; k < len(t); k++ {
		t[k] = 1 / float64(k)
	}
	return t
}()

// inversion draws from Binomial(n, q) by inversion from 0; f0 = (1−q)^n.
func (b *shareBinomial) inversion(r *rng, n int64, f0 float64) int64 {
	for {
		u := r.Float64()
		f := f0
		for k := int64(0); k <= n; k++ {
			if u < f {
				return k
			}
			u -= f
			if k+1 < int64(len(reciprocals)) {
				f *= b.ratio * float64(n-k) * reciprocals[k+1]
			} else {
				f *= b.ratio * float64(n-k) / float64(k+1)
			}
			if f == 0 {
				break // rounding left u above the total: draw again
			}
		}
	}
}

// normalDraw is the corrected normal approximation documented at exactMean.
func normalDraw(r *rng, n int64, mean, sd, c float64) int64 {
	z := r.NormFloat64()
	k := int64(math.Floor(mean + sd*z + c*(z*z-1) + 0.5))
	if k < 0 {
		return 0
	}
	if k > n {
		return n
	}
	return k
}

// fixedBinomial draws from Binomial(n, p) for one n and one p, with what
// can be computed once computed once: in the exact regime, the cumulative
// distribution itself.
type fixedBinomial struct {
	share shareBinomial
	n     int64
	mean  float64
	sd    float64
	cdf   []float64 // exact regime: P(K <= k) for k < len(cdf)
	guide []int32   // guide[j]: the smallest k with cdf[k] > j/len(guide)
}

func newFixedBinomial(n int64, p float64) fixedBinomial {
	return newFixedBinomialIn(&arena{}, n, p)
}

// newFixedBinomialIn is newFixedBinomial with its tables taken from a.
func newFixedBinomialIn(a *arena, n int64, p float64) fixedBinomial {
	b := fixedBinomial{share: newShareBinomial(p), n: n}
	q := b.share.q
	if n <= 0 || q <= 0 {
		return b
	}
	b.mean = float64(n) * q
	b.sd = math.Sqrt(b.mean * (1 - q))
	if b.mean >= exactMean {
		return b
	}
	var cdf [256]float64 // a mean below 20 ends far below 256 terms
	f := math.Exp(float64(n) * b.share.logq1)
	sum, size := 0.0, 0
	for k := int64(0); k <= n && size < len(cdf); k++ {
		sum += f
		cdf[size] = sum
		size++
		if sum >= 1 || (k > int64(b.mean) && f < 1e-17) {
			break
		}
		f *= b.share.ratio * float64(n-k) / float64(k+1)
	}
	b.cdf = take(&a.f, size)
	copy(b.cdf, cdf[:size])
	// the guide table of Chen and Asau (1974): the search starts where
	// u's share of the table says, about one comparison a draw
	b.guide = take(&a.i, size)
	k := 0
	for j := range b.guide {
		for k < size-1 && b.cdf[k] <= float64(j)/float64(size) {
			k++
		}
		b.guide[j] = int32(k)
	}
	return b
}

// arena hands out the simulation's small tables from a few large blocks,
// sparing the allocator and the collector a hundred thousand small ones.
type arena struct {
	f []float64
	i []int32
	b []bool
}

const arenaBlock = 1 << 16

// take cuts n items from the front of *block, starting a new block when
// it is too short.
func take[T any](block *[]T, n int) []T {
	if n > len(*block) {
		*block = make([]T, max(n, arenaBlock))
	}
	s := (*block)[:n:n]
	*block = (*block)[n:]
	return s
}

func (b *fixedBinomial) draw(r *rng) int64 {
	s := &b.share
	if b.n <= 0 || s.p <= 0 {
		return 0
	}
	if s.p >= 1 {
		return b.n
	}
	var k int64
	if b.cdf != nil {
		u := r.Float64()
		k = -1
		for i := int(b.guide[int(u*float64(len(b.guide)))]); i < len(b.cdf); i++ {
			if u < b.cdf[i] {
				k = int64(i)
				break
			}
		}
		if k < 0 { // u beyond the table's last 1e-17: search from 0
			k = s.inversion(r, b.n, b.cdf[0])
		}
	} else {
		k = normalDraw(r, b.n, b.mean, b.sd, s.c)
	}
	if s.flip {
		k = b.n - k
	}
	return k
}

package forensics

import (
	"math"
	"math/rand/v2"
)

// exactMean is the mean below which binomial draws are exact. With
// q = min(p, 1−p), a draw with n·q below it is made by inversion (a
// sequential search of the cumulative distribution from 0, about n·q steps);
// from it on, by a normal approximation with a Cornish–Fisher skewness
// correction, rounded to the nearest integer:
//
//	k = round(n·q + σ·(z + γ·(z²−1)/6)),  σ = √(n·q·(1−q)),  γ = (1−2q)/σ
//
// clamped to [0, n]. Its error on the probability of any set of counts is
// of order 1/(n·q·(1−q)), which the tests bound on the integer-percentage
// windows themselves (binomial_test.go). The choice trades BTPE's exactness
// for speed: one normal deviate per draw.
const exactMean = 30

// binomial draws from Binomial(n, p). It returns 0 for n <= 0 or p <= 0
// and n for p >= 1.
func binomial(r *rand.Rand, n int64, p float64) int64 {
	if n <= 0 || p <= 0 {
		return 0
	}
	if p >= 1 {
		return n
	}
	q, flip := p, false
	if q > 0.5 {
		q, flip = 1-q, true
	}
	mean := float64(n) * q
	var k int64
	if mean < exactMean {
		k = binomialInversion(r, n, q)
	} else {
		k = binomialNormal(r, n, mean, q)
	}
	if flip {
		k = n - k
	}
	return k
}

// binomialInversion draws from Binomial(n, q) with q <= 0.5 and n·q small,
// by inversion from 0.
func binomialInversion(r *rand.Rand, n int64, q float64) int64 {
	ratio := q / (1 - q)
	f0 := math.Exp(float64(n) * math.Log1p(-q))
	for {
		u := r.Float64()
		f := f0
		for k := int64(0); k <= n; k++ {
			if u < f {
				return k
			}
			u -= f
			f *= ratio * float64(n-k) / float64(k+1)
			if f == 0 {
				break // rounding left u above the total: draw again
			}
		}
	}
}

// binomialNormal draws from Binomial(n, q) with q <= 0.5 and mean = n·q
// large, by the corrected normal approximation documented at exactMean.
func binomialNormal(r *rand.Rand, n int64, mean, q float64) int64 {
	sd := math.Sqrt(mean * (1 - q))
	g := (1 - 2*q) / sd
	z := r.NormFloat64()
	x := mean + sd*(z+g*(z*z-1)/6)
	k := int64(math.Floor(x + 0.5))
	if k < 0 {
		return 0
	}
	if k > n {
		return n
	}
	return k
}

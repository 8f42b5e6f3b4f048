package forensics

import (
	"math"
	"testing"
)

// binomialPMF returns the exact Binomial(n, p) probabilities, computed in
// logarithms.
func binomialPMF(n int64, p float64) []float64 {
	pmf := make([]float64, n+1)
	ln, _ := math.Lgamma(float64(n) + 1)
	for k := int64(0); k <= n; k++ {
		lk, _ := math.Lgamma(float64(k) + 1)
		lnk, _ := math.Lgamma(float64(n-k) + 1)
		lp := ln - lk - lnk
		if k > 0 {
			lp += float64(k) * math.Log(p)
		}
		if n-k > 0 {
			lp += float64(n-k) * math.Log1p(-p)
		}
		pmf[k] = math.Exp(lp)
	}
	return pmf
}

func TestBinomialMoments(t *testing.T) {
	r := newRNG(1, 2)
	for _, c := range []struct {
		n int64
		p float64
	}{{0, 0.5}, {1, 0.5}, {10, 0.3}, {100, 0.02}, {59, 0.5}, {61, 0.5}, {1000, 0.7}, {2500, 0.95}, {100000, 0.001}} {
		const draws = 200000
		var sum, sum2 float64
		for range draws {
			k := binomial(r, c.n, c.p)
			if k < 0 || k > c.n {
				t.Fatalf("Binomial(%d, %g) drew %d", c.n, c.p, k)
			}
			sum += float64(k)
			sum2 += float64(k) * float64(k)
		}
		mean := sum / draws
		variance := sum2/draws - mean*mean
		wantMean := float64(c.n) * c.p
		wantVar := wantMean * (1 - c.p)
		// the sample mean's standard error is sqrt(var/draws); allow 5 of them
		if tol := 5*math.Sqrt(wantVar/draws) + 1e-9; math.Abs(mean-wantMean) > tol {
			t.Errorf("Binomial(%d, %g): mean %g, want %g ± %g", c.n, c.p, mean, wantMean, tol)
		}
		if wantVar > 0 && math.Abs(variance-wantVar) > 0.03*wantVar {
			t.Errorf("Binomial(%d, %g): variance %g, want %g ± 3%%", c.n, c.p, variance, wantVar)
		}
	}
}

// TestBinomialIntegerWindows checks the approximation where it matters: the
// probability that a drawn count lands within 0.05 percentage points of an
// integer percentage, against the exact binomial probability.
func TestBinomialIntegerWindows(t *testing.T) {
	r := newRNG(3, 4)
	for _, c := range []struct {
		n int64
		p float64
	}{{60, 0.5}, {120, 0.7}, {333, 0.81}, {850, 0.78}, {1500, 0.62}, {2277, 0.845}, {4000, 0.97}, {25, 0.5}} {
		pmf := binomialPMF(c.n, c.p)
		var exact float64
		for k, pk := range pmf {
			if IsIntegerPercent(int64(k), c.n) {
				exact += pk
			}
		}
		const draws = 1000000
		hits := 0
		for range draws {
			if IsIntegerPercent(binomial(r, c.n, c.p), c.n) {
				hits++
			}
		}
		got := float64(hits) / draws
		se := math.Sqrt(exact * (1 - exact) / draws)
		if math.Abs(got-exact) > 5*se+1e-4 {
			t.Errorf("Binomial(%d, %g): integer-percentage frequency %.5f, exact probability %.5f (se %.5f)", c.n, c.p, got, exact, se)
		}
	}
}

// TestBinomialDistance bounds the total variation distance between the
// drawn counts and the exact binomial distribution, at the switch from
// exact draws to the approximation (n·q = 20) and above it.
func TestBinomialDistance(t *testing.T) {
	r := newRNG(5, 6)
	for _, c := range []struct {
		n     int64
		p     float64
		bound float64
	}{{39, 0.5, 0.005}, {40, 0.5, 0.005}, {200, 0.1, 0.005}, {150, 0.2, 0.005}, {100, 0.7, 0.005}, {1000, 0.78, 0.005}, {400, 0.93, 0.005}, {300, 0.97, 0.005}, {2000, 0.995, 0.005}, {120, 0.02, 0.005}} {
		pmf := binomialPMF(c.n, c.p)
		const draws = 1000000
		fixed := newFixedBinomial(c.n, c.p)
		for _, sampler := range []struct {
			name string
			draw func() int64
		}{
			{"any n", func() int64 { return binomial(r, c.n, c.p) }},
			{"fixed n", func() int64 { return fixed.draw(r) }},
		} {
			freq := make([]float64, c.n+1)
			for range draws {
				freq[sampler.draw()]++
			}
			var tv float64
			for k := range pmf {
				tv += math.Abs(freq[k]/draws - pmf[k])
			}
			tv /= 2
			t.Logf("Binomial(%d, %g), %s: total variation distance %.4f", c.n, c.p, sampler.name, tv)
			if tv > c.bound {
				t.Errorf("Binomial(%d, %g), %s: total variation distance %.4f > %g", c.n, c.p, sampler.name, tv, c.bound)
			}
		}
	}
}

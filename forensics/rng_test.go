package forensics

import (
	"math"
	"slices"
	"testing"
)

// TestNormal compares the ziggurat's deviates with the normal distribution
// by the Kolmogorov–Smirnov distance, and checks the far tail.
func TestNormal(t *testing.T) {
	r := newRNG(17, 18)
	const n = 1000000
	z := make([]float64, n)
	tail := 0
	for i := range z {
		z[i] = r.NormFloat64()
		if math.Abs(z[i]) > zigR {
			tail++
		}
	}
	slices.Sort(z)
	d := 0.0
	for i, x := range z {
		c := 0.5 * math.Erfc(-x/math.Sqrt2)
		d = math.Max(d, math.Max(math.Abs(c-float64(i)/n), math.Abs(c-float64(i+1)/n)))
	}
	// the 0.1% critical value of the KS distance is 1.95/√n
	if d > 1.95/math.Sqrt(n) {
		t.Errorf("Kolmogorov–Smirnov distance %.5f > %.5f", d, 1.95/math.Sqrt(n))
	}
	// P(|Z| > 3.4426) = 5.76e-4: 576 expected, sd 24
	if tail < 576-5*24 || tail > 576+5*24 {
		t.Errorf("%d deviates beyond ±%g, want about 576", tail, zigR)
	}
}

func TestUniform(t *testing.T) {
	r := newRNG(19, 20)
	var bins [10]int
	for range 1000000 {
		u := r.Float64()
		if u < 0 || u >= 1 {
			t.Fatalf("Float64 returned %g", u)
		}
		bins[int(u*10)]++
	}
	for i, b := range bins {
		if b < 100000-5*300 || b > 100000+5*300 {
			t.Errorf("bin %d holds %d of a million, want about 100,000", i, b)
		}
	}
}

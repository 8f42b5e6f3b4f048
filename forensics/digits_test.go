package forensics

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestGammaClosedForms(t *testing.T) {
	// Q(1, x) = e^−x; P(1/2, x) = erf(√x); Q(2, x) = (1+x)e^−x.
	for _, x := range []float64{0.001, 0.1, 0.5, 1, 1.5, 2, 3.7, 10, 30, 80} {
		check := func(name string, got, want float64) {
			t.Helper()
			if math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("%s(x=%g) = %.17g, want %.17g", name, x, got, want)
			}
		}
		check("Q(1)", gammaQ(1, x), math.Exp(-x))
		check("P(1/2)", gammaP(0.5, x), math.Erf(math.Sqrt(x)))
		check("Q(1/2)", gammaQ(0.5, x), math.Erfc(math.Sqrt(x)))
		check("Q(2)", gammaQ(2, x), (1+x)*math.Exp(-x))
		if s := gammaP(3.3, x) + gammaQ(3.3, x); math.Abs(s-1) > 1e-14 {
			t.Errorf("P+Q at a=3.3, x=%g is %.17g", x, s)
		}
	}
}

func TestChiSquareSurvival(t *testing.T) {
	// Critical values of the χ² distribution (standard tables, e.g. NIST/SEMATECH
	// e-Handbook §1.3.6.7.4), to the 3 decimals the tables give.
	for _, c := range []struct {
		x  float64
		df int
		p  float64
	}{
		{3.841, 1, 0.05}, {6.635, 1, 0.01}, {10.828, 1, 0.001},
		{14.684, 9, 0.10}, {16.919, 9, 0.05}, {21.666, 9, 0.01}, {27.877, 9, 0.001},
		{8.343, 9, 0.50}, {2.088, 9, 0.99},
		{18.307, 10, 0.05}, {124.342, 100, 0.05},
	} {
		got := ChiSquareSurvival(c.x, c.df)
		if math.Abs(got-c.p)/c.p > 1e-3 {
			t.Errorf("ChiSquareSurvival(%g, %d) = %.6f, want %g", c.x, c.df, got, c.p)
		}
	}
	if got := ChiSquareSurvival(0, 9); got != 1 {
		t.Errorf("ChiSquareSurvival(0, 9) = %g, want 1", got)
	}
	if got := ChiSquareSurvival(1, 0); !math.IsNaN(got) {
		t.Errorf("ChiSquareSurvival(1, 0) = %g, want NaN", got)
	}
}

func TestLastDigitTest(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	uniform := make([]int64, 20000)
	for i := range uniform {
		uniform[i] = 10 + r.Int64N(5000)
	}
	u := LastDigitTest("yes", uniform)
	if u.N != len(uniform) || u.DF != 9 {
		t.Fatalf("uniform: N %d DF %d", u.N, u.DF)
	}
	if u.P < 0.001 {
		t.Errorf("uniform digits: p = %g (χ² %g), want no significance at 0.001", u.P, u.ChiSquare)
	}

	// heaped: one count in ten rounded to a multiple of 5
	heaped := append([]int64(nil), uniform...)
	for i := 0; i < len(heaped); i += 10 {
		heaped[i] -= heaped[i] % 5
	}
	h := LastDigitTest("yes", heaped)
	if h.P > 1e-6 {
		t.Errorf("heaped digits: p = %g (χ² %g), want < 1e-6", h.P, h.ChiSquare)
	}
	if h.Share0+h.Share5 < 0.25 {
		t.Errorf("heaped digits: shares of 0 and 5 are %g and %g, want them raised", h.Share0, h.Share5)
	}

	// hand-made: counts below 10 are left out; the statistic by hand
	d := LastDigitTest("no", []int64{3, 9, 10, 20, 30, 41, 55})
	if d.N != 5 || d.Digits != [10]int{3, 1, 0, 0, 0, 1, 0, 0, 0, 0} {
		t.Fatalf("hand-made: N %d digits %v", d.N, d.Digits)
	}
	// e = 0.5: (3−.5)²/.5 + 2·(1−.5)²/.5 + 7·(.5)²/.5 = 12.5 + 1 + 3.5 = 17
	if math.Abs(d.ChiSquare-17) > 1e-12 || d.Share0 != 0.6 || d.Share5 != 0.2 {
		t.Errorf("hand-made: χ² %g share0 %g share5 %g, want 17, 0.6, 0.2", d.ChiSquare, d.Share0, d.Share5)
	}
	if e := LastDigitTest("no", []int64{1, 2}); e.N != 0 || e.P != 1 || e.ChiSquare != 0 {
		t.Errorf("no counts: %+v", e)
	}
}

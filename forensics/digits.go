package forensics

import "math"

// DigitMin is the smallest count whose last digit is tested. Counts below
// 10 are left out, as Beber and Scacco (2012) do: their last digit is the
// whole count, which is not uniform.
const DigitMin = 10

// DigitTest is the last digit test on one kind of count (Beber and Scacco,
// Political Analysis 20(2), 2012): when counts are written down honestly,
// their last digits are close to uniform over 0–9; people who invent numbers
// favour some digits (often 0 and 5) and avoid others.
type DigitTest struct {
	Count     string  `json:"count"`      // which count: "yes", "no" or "participants"
	N         int     `json:"n"`          // counts tested (those >= DigitMin)
	Digits    [10]int `json:"digits"`     // how many counts end in each digit
	ChiSquare float64 `json:"chi_square"` // Σ (observed − N/10)² / (N/10); 0 when N is 0
	DF        int     `json:"df"`         // degrees of freedom: 9
	P         float64 `json:"p"`          // P(χ²₉ >= ChiSquare); 1 when N is 0
	Share0    float64 `json:"share_0"`    // share of counts ending in 0 (expected 0.1)
	Share5    float64 `json:"share_5"`    // share of counts ending in 5 (expected 0.1)
}

// LastDigitTest runs the last digit test on counts, leaving out those below
// DigitMin. name is recorded as the test's Count.
func LastDigitTest(name string, counts []int64) DigitTest {
	d := DigitTest{Count: name, DF: 9, P: 1}
	for _, c := range counts {
		if c < DigitMin {
			continue
		}
		d.Digits[c%10]++
		d.N++
	}
	if d.N == 0 {
		return d
	}
	e := float64(d.N) / 10
	for _, o := range d.Digits {
		d.ChiSquare += (float64(o) - e) * (float64(o) - e) / e
	}
	d.P = ChiSquareSurvival(d.ChiSquare, d.DF)
	d.Share0 = float64(d.Digits[0]) / float64(d.N)
	d.Share5 = float64(d.Digits[5]) / float64(d.N)
	return d
}

// ChiSquareSurvival returns P(X >= x) for X with the χ² distribution with
// df degrees of freedom: the regularized upper incomplete gamma function
// Q(df/2, x/2). It returns 1 for x <= 0 and NaN for df <= 0.
func ChiSquareSurvival(x float64, df int) float64 {
	if df <= 0 {
		return math.NaN()
	}
	if x <= 0 {
		return 1
	}
	return gammaQ(float64(df)/2, x/2)
}

// gammaP and gammaQ are the regularized lower and upper incomplete gamma
// functions P(a, x) and Q(a, x) = 1 − P(a, x), for a > 0 and x >= 0: the
// power series for x < a+1, Lentz's continued fraction otherwise, each to
// double precision (Press et al., Numerical Recipes, 3rd ed., §6.2).
func gammaP(a, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x < a+1 {
		return gammaSeries(a, x)
	}
	return 1 - gammaFraction(a, x)
}

func gammaQ(a, x float64) float64 {
	if x <= 0 {
		return 1
	}
	if x < a+1 {
		return 1 - gammaSeries(a, x)
	}
	return gammaFraction(a, x)
}

// gammaPrefix returns x^a·e^(−x)/Γ(a), computed in logarithms.
func gammaPrefix(a, x float64) float64 {
	lg, _ := math.Lgamma(a)
	return math.Exp(a*math.Log(x) - x - lg)
}

func gammaSeries(a, x float64) float64 {
	ap, term := a, 1/a
	sum := term
	for range 1000 {
		ap++
		term *= x / ap
		sum += term
		if math.Abs(term) < math.Abs(sum)*1e-16 {
			break
		}
	}
	return sum * gammaPrefix(a, x)
}

func gammaFraction(a, x float64) float64 {
	const tiny = 1e-300
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i <= 1000; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-16 {
			break
		}
	}
	return h * gammaPrefix(a, x)
}

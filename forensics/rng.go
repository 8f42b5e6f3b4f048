package forensics

import (
	"math"
	"math/rand/v2"
)

// rng is the simulations' generator: PCG (math/rand/v2) called directly,
// so that its uniform and normal deviates inline into the draws.
type rng struct{ pcg rand.PCG }

func newRNG(seed, stream uint64) *rng {
	r := &rng{}
	r.pcg.Seed(seed, stream)
	return r
}

// Float64 returns a uniform deviate in [0, 1).
func (r *rng) Float64() float64 {
	return float64(r.pcg.Uint64()>>11) * 0x1p-53
}

// Zigzag tables of the normal distribution, 128 layers (Marsaglia and Tsang,
// "The ziggurat method for generating random variables", Journal of
// Statistical Software 5(8), 2000), computed as their zigset does.
const zigR = 3.442619855899

var zigK, zigW, zigF = func() (k [128]uint32, w, f [128]float64) {
	const m1 = 1 << 31
	const v = 9.91256303526217e-3
	dn, tn := zigR, zigR
	q := v / math.Exp(-0.5*dn*dn)
	k[0] = uint32(dn / q * m1)
	k[1] = 0
	w[0] = q / m1
	w[127] = dn / m1
	f[0] = 1
	f[127] = math.Exp(-0.5 * dn * dn)
	for i := 126; i >= 1; i-- {
		dn = math.Sqrt(-2 * math.Log(v/dn+math.Exp(-0.5*dn*dn)))
		k[i+1] = uint32(dn / tn * m1)
		tn = dn
		f[i] = math.Exp(-0.5 * dn * dn)
		w[i] = dn / m1
	}
	return k, w, f
}()

// NormFloat64 returns a standard normal deviate by the ziggurat method.
func (r *rng) NormFloat64() float64 {
	for {
		u := r.pcg.Uint64()
		j := int32(u >> 32) // the value and its sign
		i := u & 0x7f       // the layer, from bits j does not use
		x := float64(j) * zigW[i]
		a := uint32(j)
		if j < 0 {
			a = uint32(-j)
		}
		if a < zigK[i] {
			return x // about 99% of the draws
		}
		if i == 0 { // the tail beyond zigR
			for {
				x = -math.Log(r.Float64()) / zigR
				y := -math.Log(r.Float64())
				if y+y >= x*x {
					break
				}
			}
			if j > 0 {
				return zigR + x
			}
			return -zigR - x
		}
		if zigF[i]+r.Float64()*(zigF[i-1]-zigF[i]) < math.Exp(-0.5*x*x) {
			return x
		}
	}
}

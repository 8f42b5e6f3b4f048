package forensics

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Defaults of the integer-percentage test.
const (
	DefaultMinRegistered = 100  // stations with fewer registered voters are left out
	DefaultSimulations   = 1000 // Monte Carlo simulations
)

// IntegerTest is the integer-percentage test of Kobak, Shpilkin and
// Pshenichnikov (Annals of Applied Statistics 10(1), 2016). People who
// invent a protocol tend to aim at round percentages, so a station whose
// turnout or yes share lies within 0.05 percentage points of an integer
// (IsIntegerPercent) is counted, and the count is compared with what chance
// gives: in each simulation, every station draws
//
//	participants ~ Binomial(Registered, Participants/Registered)
//	yes          ~ Binomial(participants, Yes/Participants)
//
// and the stations are counted again by the same rule. Only stations with
// at least MinRegistered registered voters take part (the paper's "at least
// 100 voters": voters on the list; at small stations integer percentages are
// common by chance). A turnout over 100% is drawn as 100%.
type IntegerTest struct {
	MinRegistered int64  `json:"min_registered"`
	Simulations   int    `json:"simulations"`
	Seed          uint64 `json:"seed"`
	Stations      int    `json:"stations"` // stations tested

	Turnout  IntegerCount `json:"turnout"`   // integer turnout
	YesShare IntegerCount `json:"yes_share"` // integer yes share
	Either   IntegerCount `json:"either"`    // integer turnout or yes share (each station once)
}

// IntegerCount compares an observed count of stations with its simulated
// distribution.
type IntegerCount struct {
	Observed int     `json:"observed"`
	Expected float64 `json:"expected"` // mean of the simulated counts
	SD       float64 `json:"sd"`       // standard deviation of the simulated counts
	Excess   float64 `json:"excess"`   // Observed − Expected
	P999     float64 `json:"p999"`     // 99.9th percentile of the simulated counts
	// AtLeast is the share of simulations whose count reached Observed, a
	// Monte Carlo p-value; 0 means that none did (read: below 1/Simulations).
	AtLeast float64 `json:"at_least"`
}

// integerStation is what the simulation needs of a station.
type integerStation struct {
	registered int64
	turnout    float64 // capped at 1
	yes        float64 // Yes/Participants, 0 when Participants is 0
}

// RunIntegerTest runs the integer-percentage test. simulations <= 0 takes
// DefaultSimulations and minRegistered <= 0 DefaultMinRegistered. workers is
// the number of goroutines (<= 0: GOMAXPROCS); simulation i draws from its
// own generator, PCG(seed, i), so the result does not depend on workers.
// It also returns the IDs of the tested stations at an integer turnout and
// at an integer yes share, in input order.
func RunIntegerTest(stations []Station, minRegistered int64, simulations int, seed uint64, workers int) (IntegerTest, []string, []string) {
	if minRegistered <= 0 {
		minRegistered = DefaultMinRegistered
	}
	if simulations <= 0 {
		simulations = DefaultSimulations
	}
	res := IntegerTest{MinRegistered: minRegistered, Simulations: simulations, Seed: seed}
	var in []integerStation
	var intTurnout, intYes []string
	obsT, obsY, obsE := 0, 0, 0
	for _, s := range stations {
		if s.Registered < minRegistered {
			continue
		}
		t := float64(s.Participants) / float64(s.Registered)
		if t > 1 {
			t = 1
		}
		y := 0.0
		if s.Participants > 0 {
			y = float64(s.Yes) / float64(s.Participants)
		}
		in = append(in, integerStation{registered: s.Registered, turnout: t, yes: y})
		ht := IsIntegerPercent(s.Participants, s.Registered)
		hy := IsIntegerPercent(s.Yes, s.Participants)
		if ht {
			obsT++
			intTurnout = append(intTurnout, s.ID)
		}
		if hy {
			obsY++
			intYes = append(intYes, s.ID)
		}
		if ht || hy {
			obsE++
		}
	}
	res.Stations = len(in)

	simT := make([]int, simulations)
	simY := make([]int, simulations)
	simE := make([]int, simulations)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, simulations)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= simulations {
					return
				}
				simT[i], simY[i], simE[i] = simulateIntegers(in, rand.New(rand.NewPCG(seed, uint64(i))))
			}
		})
	}
	wg.Wait()

	res.Turnout = integerCount(obsT, simT)
	res.YesShare = integerCount(obsY, simY)
	res.Either = integerCount(obsE, simE)
	return res, intTurnout, intYes
}

// simulateIntegers runs one simulation and returns the counts of stations
// at an integer turnout, at an integer yes share, and at either.
func simulateIntegers(in []integerStation, r *rand.Rand) (nt, ny, ne int) {
	for _, s := range in {
		p := binomial(r, s.registered, s.turnout)
		ht := IsIntegerPercent(p, s.registered)
		hy := false
		if p > 0 {
			hy = IsIntegerPercent(binomial(r, p, s.yes), p)
		}
		if ht {
			nt++
		}
		if hy {
			ny++
		}
		if ht || hy {
			ne++
		}
	}
	return nt, ny, ne
}

func integerCount(observed int, sims []int) IntegerCount {
	c := IntegerCount{Observed: observed}
	n := float64(len(sims))
	var sum, sum2 float64
	reached := 0
	for _, v := range sims {
		sum += float64(v)
		sum2 += float64(v) * float64(v)
		if v >= observed {
			reached++
		}
	}
	c.Expected = sum / n
	c.SD = math.Sqrt(math.Max(0, sum2/n-c.Expected*c.Expected))
	c.Excess = float64(observed) - c.Expected
	c.AtLeast = float64(reached) / n
	c.P999 = percentile(sims, 0.999)
	return c
}

// percentile returns the q-quantile of v by linear interpolation between
// the order statistics (the definition R and NumPy use by default): with
// v sorted, h = (len−1)·q, and the result lies between v[⌊h⌋] and v[⌈h⌉].
func percentile(v []int, q float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	h := float64(len(s)-1) * q
	lo := int(math.Floor(h))
	hi := min(lo+1, len(s)-1)
	return float64(s[lo]) + (h-float64(lo))*float64(s[hi]-s[lo])
}

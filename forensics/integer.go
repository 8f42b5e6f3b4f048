package forensics

import (
	"math"
	"runtime"
	"slices"
	"sync"
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
	turnout    fixedBinomial // Binomial(Registered, turnout capped at 1)
	yes        shareBinomial // Binomial(·, Yes/Participants), p = 0 when Participants is 0
	// hits[j] says whether participants = hitsFrom + j is an integer
	// percentage of registered, for the counts within 9 standard deviations
	// of the mean; the others are computed when drawn.
	hitsFrom int64
	hits     []bool
	// yesF0[j] = (1−q)^(hitsFrom+j) for the yes draw, when its exact
	// regime can be reached within that range; nil otherwise.
	yesF0 []float64
}

func newIntegerStation(a *arena, s Station) integerStation {
	t := min(float64(s.Participants)/float64(s.Registered), 1)
	y := 0.0
	if s.Participants > 0 {
		y = float64(s.Yes) / float64(s.Participants)
	}
	in := integerStation{registered: s.Registered, turnout: newFixedBinomialIn(a, s.Registered, t), yes: newShareBinomial(y)}
	mean := float64(s.Registered) * t
	sd := math.Sqrt(mean * (1 - t))
	lo := max(int64(math.Floor(mean-9*sd))-1, 0)
	hi := min(int64(math.Ceil(mean+9*sd))+1, s.Registered)
	in.hitsFrom = lo
	in.hits = take(&a.b, int(hi-lo+1))
	for j := range in.hits {
		in.hits[j] = IsIntegerPercent(lo+int64(j), s.Registered)
	}
	if y := &in.yes; y.q > 0 && float64(lo)*y.q < exactMean {
		in.yesF0 = take(&a.f, len(in.hits))
		f := math.Exp(float64(lo) * y.logq1)
		for j := range in.yesF0 {
			in.yesF0[j] = f
			f *= 1 - y.q
		}
	}
	return in
}

// turnoutHit reports whether p participants make an integer percentage.
func (s *integerStation) turnoutHit(p int64) bool {
	if j := p - s.hitsFrom; j >= 0 && j < int64(len(s.hits)) {
		return s.hits[j]
	}
	return IsIntegerPercent(p, s.registered)
}

// RunIntegerTest runs the integer-percentage test. simulations <= 0 takes
// DefaultSimulations and minRegistered <= 0 DefaultMinRegistered. workers is
// the number of goroutines (<= 0: GOMAXPROCS); simulation i draws from its
// own generator, PCG(seed, i), so the result does not depend on workers.
// It also returns the IDs of the tested stations at an integer turnout and
// at an integer yes share, in input order. The stations must be valid (see
// Validate).
func RunIntegerTest(stations []Station, minRegistered int64, simulations int, seed uint64, workers int) (IntegerTest, []string, []string) {
	if minRegistered <= 0 {
		minRegistered = DefaultMinRegistered
	}
	if simulations <= 0 {
		simulations = DefaultSimulations
	}
	res := IntegerTest{MinRegistered: minRegistered, Simulations: simulations, Seed: seed}
	in := make([]integerStation, 0, len(stations))
	a := &arena{}
	var intTurnout, intYes []string
	obsT, obsY, obsE := 0, 0, 0
	for _, s := range stations {
		if s.Registered < minRegistered {
			continue
		}
		in = append(in, newIntegerStation(a, s))
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
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*simulations/workers, (w+1)*simulations/workers
		wg.Go(func() { simulateRange(in, seed, lo, hi, simT, simY, simE) })
	}
	wg.Wait()

	res.Turnout = integerCount(obsT, simT)
	res.YesShare = integerCount(obsY, simY)
	res.Either = integerCount(obsE, simE)
	return res, intTurnout, intYes
}

// simulationBlock is the number of stations that all the simulations of a
// worker go through before the next ones: their data stay in the
// processor's cache.
const simulationBlock = 256

// simulateRange runs simulations lo to hi−1 and stores their counts. Each
// simulation i draws from its own generator, PCG(seed, i), and visits the
// stations in input order, so its counts do not depend on how the
// simulations are shared among workers.
func simulateRange(in []integerStation, seed uint64, lo, hi int, simT, simY, simE []int) {
	rngs := make([]*rng, hi-lo)
	for i := range rngs {
		rngs[i] = newRNG(seed, uint64(lo+i))
	}
	for start := 0; start < len(in); start += simulationBlock {
		block := in[start:min(start+simulationBlock, len(in))]
		for i, r := range rngs {
			nt, ny, ne := simulateIntegers(block, r)
			simT[lo+i] += nt
			simY[lo+i] += ny
			simE[lo+i] += ne
		}
	}
}

// simulateIntegers draws every station once and returns the counts of
// stations at an integer turnout, at an integer yes share, and at either.
func simulateIntegers(in []integerStation, r *rng) (nt, ny, ne int) {
	for i := range in {
		s := &in[i]
		p := s.turnout.draw(r)
		ht := s.turnoutHit(p)
		hy := false
		if p > 0 {
			f0 := -1.0
			if j := p - s.hitsFrom; s.yesF0 != nil && j >= 0 && j < int64(len(s.yesF0)) {
				f0 = s.yesF0[j]
			}
			hy = IsIntegerPercent(s.yes.drawWith(r, p, f0), p)
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

package referendum

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"atazan/identity"
)

// The national figures of Kazakhstan's constitutional referendum of 2026
// that GenerateDemo reproduces exactly.
const (
	Demo2026Registered   = 12_482_613
	Demo2026Participants = 9_127_192
	Demo2026Yes          = 7_954_667
	Demo2026No           = 898_099
	Demo2026Both         = 127_868
	Demo2026Invalid      = 146_558
)

// demoRegion is a region's shape in the demo: registered voters (a weight,
// in thousands), precincts, turnout and the share of yes among participants.
type demoRegion struct {
	code      string
	voters    int64
	precincts int
	turnout   float64
	yes       float64
}

// demoRegions are Kazakhstan's 17 regions and 3 cities of republican
// significance (codes as identity.DefaultRegions has them), with weights
// that resemble their electorates and precinct networks (rural regions
// have more, smaller precincts), and the precincts abroad.
var demoRegions = []demoRegion{
	{"abai", 430, 560, 0.76, 0.87},
	{"akmola", 560, 620, 0.74, 0.85},
	{"aktobe", 620, 560, 0.75, 0.88},
	{"almaty-region", 960, 620, 0.78, 0.89},
	{"atyrau", 420, 400, 0.77, 0.90},
	{"east-kazakhstan", 520, 560, 0.72, 0.84},
	{"jambyl", 720, 560, 0.80, 0.91},
	{"jetisu", 460, 520, 0.77, 0.89},
	{"karaganda", 820, 720, 0.71, 0.83},
	{"kostanay", 600, 620, 0.70, 0.82},
	{"kyzylorda", 500, 400, 0.83, 0.92},
	{"mangystau", 450, 300, 0.69, 0.86},
	{"north-kazakhstan", 380, 500, 0.73, 0.81},
	{"pavlodar", 540, 560, 0.71, 0.83},
	{"turkistan", 1250, 900, 0.82, 0.92},
	{"ulytau", 150, 180, 0.76, 0.86},
	{"west-kazakhstan", 460, 480, 0.72, 0.84},
	{"astana", 920, 420, 0.68, 0.86},
	{"almaty", 1450, 560, 0.60, 0.82},
	{"shymkent", 720, 360, 0.79, 0.90},
}

// demoAbroad is the region of the precincts at embassies and consulates.
var demoAbroad = demoRegion{"abroad", 25, 66, 0.55, 0.85}

// precinctsPerDistrict is about how many precincts a territorial commission has.
const precinctsPerDistrict = 45

// GenerateDemo returns a territorial structure and first protocols for a
// demonstration of the count: Kazakhstan's 20 regions (17 regions and the
// cities Astana, Almaty and Shymkent, with the codes of
// identity.DefaultRegions) with 10,400 precincts in districts of about 45,
// and 66 precincts abroad in the region "abroad". The protocols (revision
// 1, in structure order) pass every control relation of severity Error;
// their sums are exactly the 2026 national figures (Demo2026*), with
// in_boxes the participants; turnout and the yes share vary from region to
// region and precinct to precinct; issued equals in_boxes except at about
// one precinct in fifty, where a voter or two left with a ballot (a
// boxes_eq_issued warning). The same seed gives the same demo.
func GenerateDemo(seed uint64) (*Structure, []Revision) {
	rng := rand.New(rand.NewPCG(seed, 0x6b7a2026))
	regions := append(slices.Clone(demoRegions), demoAbroad)
	known := identity.DefaultRegions()

	// Registered voters: regions by weight, precincts by a random size.
	s := NewStructure()
	regionW := make([]int64, len(regions))
	for i, r := range regions {
		regionW[i] = r.voters
	}
	regionVoters := apportion(Demo2026Registered, regionW, nil)
	var turnoutW []int64
	var regionOf []int
	for i, r := range regions {
		if r.code != "abroad" {
			if _, err := known.Match(r.code); err != nil {
				panic("referendum: demo region " + r.code + " is not one identity knows")
			}
		}
		sizes := make([]int64, r.precincts)
		for j := range sizes {
			// Log-normal sizes, most between a third of the region's mean and three times it.
			sizes[j] = int64(1000 * math.Exp(rng.NormFloat64()*0.6))
		}
		voters := apportion(regionVoters[i], sizes, nil)
		for j, v := range voters {
			district := fmt.Sprintf("%s-%02d", r.code, j/precinctsPerDistrict+1)
			if r.code == "abroad" {
				district = "abroad"
			}
			if _, err := s.AddPrecinct(r.code, district, fmt.Sprint(j+1), v, r.code == "abroad"); err != nil {
				panic("referendum: demo structure: " + err.Error())
			}
			noise := 0.85 + 0.3*rng.Float64()
			turnoutW = append(turnoutW, int64(float64(v)*r.turnout*noise*1000))
			regionOf = append(regionOf, i)
		}
	}

	n := len(s.Precincts)
	registered := make([]int64, n)
	for i, p := range s.Precincts {
		registered[i] = p.Registered
	}
	// Participants, at most the precinct's voters.
	in := apportion(Demo2026Participants, turnoutW, registered)
	// Yes, then no and both out of what remains; invalid is the rest, so
	// that every precinct's in_boxes = invalid + yes + no + both.
	w := make([]int64, n)
	for i := range w {
		w[i] = int64(float64(in[i]) * regions[regionOf[i]].yes * (0.92 + 0.16*rng.Float64()) * 1000)
	}
	yes := apportion(Demo2026Yes, w, in)
	rest := make([]int64, n)
	for i := range rest {
		rest[i] = in[i] - yes[i]
		w[i] = rest[i] * int64(700+rng.IntN(200))
	}
	no := apportion(Demo2026No, w, rest)
	for i := range rest {
		rest[i] -= no[i]
		w[i] = rest[i] * int64(400+rng.IntN(200))
	}
	both := apportion(Demo2026Both, w, rest)

	revs := make([]Revision, n)
	for i := range revs {
		var p Protocol
		issued := in[i]
		if rng.IntN(50) == 0 && issued+2 <= registered[i] {
			issued += int64(1 + rng.IntN(2))
		}
		cancelled := int64(5 + rng.IntN(120))
		p.Set(Registered, registered[i])
		p.Set(Received, issued+cancelled)
		p.Set(Issued, issued)
		p.Set(Cancelled, cancelled)
		p.Set(InBoxes, in[i])
		p.Set(Yes, yes[i])
		p.Set(No, no[i])
		p.Set(Both, both[i])
		p.Set(Invalid, in[i]-yes[i]-no[i]-both[i])
		revs[i] = Revision{Precinct: PrecinctID(i), Number: 1, Protocol: p}
	}
	return s, revs
}

// apportion divides total into shares proportional to weights by the
// largest remainder method, each share at most caps[i] when caps is not
// nil; what a capped share cannot take goes to the others in proportion.
// It panics when the caps cannot hold total (a fault of the demo's figures).
func apportion(total int64, weights, caps []int64) []int64 {
	n := len(weights)
	out := make([]int64, n)
	open := make([]int, 0, n) // shares that may still grow
	for i := range n {
		if caps == nil || caps[i] > 0 {
			open = append(open, i)
		}
	}
	for total > 0 {
		if len(open) == 0 {
			panic("referendum: apportion: the caps cannot hold the total")
		}
		var sum int64
		for _, i := range open {
			sum += weights[i]
		}
		uniform := sum == 0 // no weight left: equal shares
		if uniform {
			sum = int64(len(open))
		}
		type rem struct {
			i int
			r int64
		}
		rems := make([]rem, len(open))
		given := int64(0)
		for k, i := range open {
			// total·w ≤ 1.3e7 · 3e9 fits in an int64.
			q := total
			if !uniform {
				q *= weights[i]
			}
			out[i] += q / sum
			given += q / sum
			rems[k] = rem{i, q % sum}
		}
		slices.SortStableFunc(rems, func(a, b rem) int {
			switch {
			case a.r > b.r:
				return -1
			case a.r < b.r:
				return 1
			}
			return 0
		})
		for k := int64(0); k < total-given; k++ {
			out[rems[k].i]++
		}
		total = 0
		if caps == nil {
			break
		}
		still := open[:0]
		for _, i := range open {
			if out[i] > caps[i] {
				total += out[i] - caps[i]
				out[i] = caps[i]
			} else if out[i] < caps[i] {
				still = append(still, i)
			}
		}
		open = still
	}
	return out
}

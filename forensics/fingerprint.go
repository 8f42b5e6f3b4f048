package forensics

// FingerprintBins is the number of bins on each axis of the fingerprint:
// one percentage point each.
const FingerprintBins = 100

// Fingerprint is the two-dimensional histogram of turnout against yes share
// over the stations (Klimek, Yegorov, Hanel and Thurner, PNAS 109(41), 2012).
// Honest results form one compact, roughly elliptic cloud; ballot stuffing
// smears it toward the top right corner (high turnout, high yes share), and
// a second cluster near 100%/100% is the pattern the authors call extreme
// fraud. Klimek et al. count valid votes in both ratios; here both are
// over the ballots in the boxes (see the package doc), which moves a
// station by its share of invalid ballots.
type Fingerprint struct {
	Weight Weight `json:"weight"`
	Bins   int    `json:"bins"` // per axis; bin i covers [i, i+1) percent, the last one [99, 100]
	// Cells[i][j] is the weight of the stations whose turnout lies in bin
	// i and yes share in bin j. A turnout over 100% is put in the last bin.
	Cells    [][]float64 `json:"cells"`
	Total    float64     `json:"total"`    // the sum of Cells
	Stations int         `json:"stations"` // stations placed: Registered > 0 and Participants > 0
}

// NewFingerprint builds the fingerprint of the stations with Registered > 0
// and Participants > 0.
func NewFingerprint(stations []Station, w Weight) Fingerprint {
	f := Fingerprint{Weight: w, Bins: FingerprintBins, Cells: make([][]float64, FingerprintBins)}
	for i := range f.Cells {
		f.Cells[i] = make([]float64, FingerprintBins)
	}
	for _, s := range stations {
		if s.Registered <= 0 || s.Participants <= 0 {
			continue
		}
		i := bin(s.Participants, s.Registered, FingerprintBins)
		j := bin(s.Yes, s.Participants, FingerprintBins)
		v := 1.0
		if w == WeightParticipants {
			v = float64(s.Participants)
		}
		f.Cells[i][j] += v
		f.Total += v
		f.Stations++
	}
	return f
}

// bin returns ⌊bins·a/b⌋ computed in integers, capped at bins−1 so that
// 100% (and above) falls in the last bin. b must be positive.
func bin(a, b int64, bins int) int {
	i := a * int64(bins) / b
	if i >= int64(bins) {
		return bins - 1
	}
	if i < 0 {
		return 0
	}
	return int(i)
}

// HistogramBins is the number of bins of the turnout and yes-share
// histograms: 0.1 percentage point each, fine enough to show spikes at
// integer percentages.
const HistogramBins = 1000

// Histogram counts stations by a percentage.
type Histogram struct {
	Quantity string `json:"quantity"` // "turnout" or "yes share"
	// Counts[i] is the number of stations whose percentage lies in
	// [i/10, (i+1)/10); the last bin also holds exactly 100%, and the values
	// above 100%, which are counted in Over100 too.
	Counts   []int `json:"counts"`
	Stations int   `json:"stations"` // stations counted (positive denominator)
	Over100  int   `json:"over_100"`
}

// TurnoutHistogram counts the stations with Registered > 0 by turnout.
func TurnoutHistogram(stations []Station) Histogram {
	h := Histogram{Quantity: "turnout", Counts: make([]int, HistogramBins)}
	for _, s := range stations {
		h.add(s.Participants, s.Registered)
	}
	return h
}

// YesShareHistogram counts the stations with Participants > 0 by yes share.
func YesShareHistogram(stations []Station) Histogram {
	h := Histogram{Quantity: "yes share", Counts: make([]int, HistogramBins)}
	for _, s := range stations {
		h.add(s.Yes, s.Participants)
	}
	return h
}

func (h *Histogram) add(a, b int64) {
	if b <= 0 {
		return
	}
	h.Counts[bin(a, b, HistogramBins)]++
	h.Stations++
	if a > b {
		h.Over100++
	}
}

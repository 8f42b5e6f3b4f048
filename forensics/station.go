package forensics

import (
	"fmt"

	"atazan"
)

// Station is the protocol of one polling station, as the observers read it.
type Station struct {
	ID     string `json:"id"`     // unique among the stations analyzed; not empty
	Region string `json:"region"` // the region the station belongs to; may be empty

	// Registered is the number of voters on the station's list when the
	// vote closed.
	Registered int64 `json:"registered"`
	// Participants is the number of ballots found in the station's boxes
	// (stationary and mobile), valid and invalid. It is the numerator of
	// the turnout and the denominator of the yes share. It may exceed
	// Registered (a protocol that breaks a control relation); such a
	// turnout counts as over 100% and the Monte Carlo caps it at 100%.
	Participants int64 `json:"participants"`
	// Valid is the number of valid ballots among the Participants.
	Valid int64 `json:"valid"`
	// Yes and No are the votes for each answer.
	Yes int64 `json:"yes"`
	No  int64 `json:"no"`
}

// Turnout returns Participants/Registered, and false when Registered is 0.
func (s Station) Turnout() (float64, bool) {
	if s.Registered <= 0 {
		return 0, false
	}
	return float64(s.Participants) / float64(s.Registered), true
}

// YesShare returns Yes/Participants, and false when Participants is 0.
func (s Station) YesShare() (float64, bool) {
	if s.Participants <= 0 {
		return 0, false
	}
	return float64(s.Yes) / float64(s.Participants), true
}

// Validate checks the stations: every ID is present and unique, every count
// is non-negative, and Yes + No <= Valid <= Participants. It returns an
// EInvalid *atazan.Error whose Field names the first station at fault, as
// "stations[i]". Participants above Registered is not an error here: that
// is a control relation for the caller to report.
func Validate(stations []Station) error {
	seen := make(map[string]int, len(stations))
	for i, s := range stations {
		field := fmt.Sprintf("stations[%d]", i)
		if s.ID == "" {
			return atazan.FieldErrorf(field, "the station has no ID")
		}
		if j, ok := seen[s.ID]; ok {
			return atazan.FieldErrorf(field, "station ID %q is also the ID of stations[%d]", s.ID, j)
		}
		seen[s.ID] = i
		if s.Registered < 0 || s.Participants < 0 || s.Valid < 0 || s.Yes < 0 || s.No < 0 {
			return atazan.FieldErrorf(field, "station %q has a negative count", s.ID)
		}
		if s.Yes+s.No > s.Valid {
			return atazan.FieldErrorf(field, "station %q has %d yes and %d no votes but only %d valid ballots", s.ID, s.Yes, s.No, s.Valid)
		}
		if s.Valid > s.Participants {
			return atazan.FieldErrorf(field, "station %q has %d valid ballots but only %d ballots in its boxes", s.ID, s.Valid, s.Participants)
		}
	}
	return nil
}

// IsIntegerPercent reports whether 100·a/b lies within 0.05 percentage
// points (inclusive) of an integer, computed exactly in integers. It is
// false when b <= 0. For example 1700/2000 (85.00%) and 1701/2000 (85.05%)
// are, 1702/2000 (85.10%) is not.
func IsIntegerPercent(a, b int64) bool {
	if b <= 0 {
		return false
	}
	if a >= 0 && a <= 1<<25 && b <= 1<<32-1 {
		// the same in 32 bits, whose division is faster
		r, b := uint32(100*a)%uint32(b), uint32(b)
		return 20*uint64(min(r, b-r)) <= uint64(b)
	}
	r := (100 * a) % b
	if r < 0 {
		r += b
	}
	if b-r < r {
		r = b - r
	}
	// distance in percentage points is r/b; within 0.05 means 20·r <= b.
	return 20*r <= b
}

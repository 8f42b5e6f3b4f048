package consolidate

import (
	"cmp"
	"slices"
	"time"
)

// Count is one bar of a breakdown.
type Count struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

// Breakdown shows where a cluster's proposals came from and when.
type Breakdown struct {
	Regions []Count `json:"regions"` // by the author's region, largest first
	Langs   []Count `json:"langs"`   // by language, largest first
	Days    []Count `json:"days"`    // arrivals per day (YYYY-MM-DD in loc), in date order, days without arrivals included
}

// Break counts arrivals by region, language and day in loc.
func Break(arrivals []Arrival, loc *time.Location) Breakdown {
	regions, langs, days := map[string]int{}, map[string]int{}, map[string]int{}
	var first, last time.Time
	for i, a := range arrivals {
		regions[a.Region]++
		langs[string(a.Lang)]++
		d := a.At.In(loc)
		day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
		days[day.Format(time.DateOnly)]++
		if i == 0 || day.Before(first) {
			first = day
		}
		if i == 0 || day.After(last) {
			last = day
		}
	}
	b := Breakdown{Regions: largest(regions), Langs: largest(langs)}
	if len(arrivals) > 0 {
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			k := d.Format(time.DateOnly)
			b.Days = append(b.Days, Count{k, days[k]})
		}
	}
	return b
}

func largest(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Key, b.Key))
	})
	return out
}

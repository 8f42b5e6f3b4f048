package ledger

import (
	"encoding/json"
	"fmt"
	"net/url"

	"atazan/referendum"
)

// servedResults is what the audit reads of <base>/api/v1/referendums/{slug}/results.
type servedResults struct {
	referendum.Result
	Declared     bool  `json:"declared"`
	LastLogIndex int64 `json:"last_log_index"`
}

// servedArea is one region or district of <base>/api/v1/referendums/{slug}/regions (…/districts).
type servedArea struct {
	Num       int              `json:"num"`
	Code      string           `json:"code"`
	Sums      map[string]int64 `json:"sums"`
	Precincts int64            `json:"precincts"`
	Covered   int64            `json:"covered"`
}

// compareReferendums checks every referendum the log describes against
// what the server publishes. The replay has counted every logged protocol
// again (checking each against the control relations) and, for a declared
// result, checked the declaration against the rule set; here the result,
// and the totals of every region and district, that the server serves must
// equal the replay's recomputation. When the server's count changed after
// the checkpoint (its last_log_index is at or past the checkpoint's size)
// a difference is pending.
func compareReferendums(f *fetcher, rep *Report, state *State, cp Checkpoint) error {
	for slug, r := range state.Referendums {
		base := "/api/v1/referendums/" + url.PathEscape(slug)
		body, found, err := f.get(base+"/results", 1<<20)
		if err != nil {
			return err
		}
		if !found {
			rep.add(r.Created, "referendum %s is in the log but the server does not publish its results", slug)
			continue
		}
		var served servedResults
		if err := json.Unmarshal(body, &served); err != nil {
			rep.add(r.Created, "referendum %s: results do not parse: %v", slug, err)
			continue
		}
		pending := served.LastLogIndex >= cp.Size
		want := r.Tally.Decide(r.Rules)
		got := served.Result
		got.Turnout, got.YesShare = want.Turnout, want.YesShare // shares follow from the counts
		if got != want || served.Declared != (r.Declared != nil) {
			if pending {
				rep.Pending = append(rep.Pending, fmt.Sprintf("referendum %s: protocols accepted after the checkpoint", slug))
				continue
			}
			rep.add(r.LastIndex, "referendum %s: the server publishes %+v (declared %t), the logged protocols give %+v (declared %t)",
				slug, served.Result, served.Declared, want, r.Declared != nil)
			continue
		}
		if pending {
			continue
		}
		for _, level := range []string{"regions", "districts"} {
			body, found, err := f.get(base+"/"+level, 64<<20)
			if err != nil {
				return err
			}
			if !found {
				rep.add(r.LastIndex, "referendum %s: the server does not publish the totals of its %s", slug, level)
				continue
			}
			var areas []servedArea
			if err := json.Unmarshal(body, &areas); err != nil {
				rep.add(r.LastIndex, "referendum %s: %s do not parse: %v", slug, level, err)
				continue
			}
			n := len(r.Structure.Regions)
			if level == "districts" {
				n = len(r.Structure.Districts)
			}
			if len(areas) != n {
				rep.add(r.LastIndex, "referendum %s: the server publishes %d %s, the log has %d", slug, len(areas), level, n)
				continue
			}
			for _, a := range areas {
				var t referendum.Totals
				var code string
				switch {
				case a.Num < 0 || a.Num >= n:
					rep.add(r.LastIndex, "referendum %s: %s number %d is not in the log", slug, level, a.Num)
					continue
				case level == "regions":
					t, code = r.Tally.Region(referendum.RegionID(a.Num)), r.Structure.Regions[a.Num].Code
				default:
					t, code = r.Tally.District(referendum.DistrictID(a.Num)), r.Structure.Districts[a.Num].Code
				}
				ok := a.Code == code && a.Precincts == t.Precincts && a.Covered == t.Covered && len(a.Sums) == int(referendum.NumFields)
				for f := range referendum.NumFields {
					ok = ok && a.Sums[f.String()] == t.Sum[f]
				}
				if !ok {
					rep.add(r.LastIndex, "referendum %s: the totals of %s %d (%s) differ from the logged protocols' sums", slug, level, a.Num, code)
				}
			}
		}
	}
	return nil
}

package ledger

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// TableTopWordings is how many proposed wordings (the largest clusters) a
// row of a consolidated table shows.
const TableTopWordings = 5

// maxTableSize bounds a published consolidated table the audit reads.
const maxTableSize = 256 << 20

// publishedTable is what the audit reads of a published consolidated table.
type publishedTable struct {
	Rows []struct {
		Unit      string `json:"unit"`
		Proposals int    `json:"proposals"`
		Clusters  int    `json:"clusters"`
		Decided   int    `json:"decided"`
		Entries   []struct {
			Cluster  int64  `json:"cluster"`
			Count    int    `json:"count"`
			Supports int    `json:"supports"`
			Decision string `json:"decision"`
			Reason   string `json:"reason"`
		} `json:"entries"`
	} `json:"rows"`
}

// compareTables checks every consolidated table the log says was published:
// the file served must hash to the logged SHA-256, and its per-unit counts,
// its clusters' counts and supports, and their decisions and reasons must be
// what replaying the log up to the publication computes.
func compareTables(f *fetcher, rep *Report, state *State) error {
	for _, key := range slices.Sorted(maps.Keys(state.Tables)) {
		ts := state.Tables[key]
		path := fmt.Sprintf("/api/v1/consultations/%s/consolidated/%s.json", ts.Consultation, ts.Number)
		body, found, err := f.get(path, maxTableSize)
		if err != nil {
			return err
		}
		if !found {
			rep.add(ts.Index, "consolidated table %s is logged but %s is not served", key, path)
			continue
		}
		sum := sha256.Sum256(body)
		if got := "sha256:" + hex.EncodeToString(sum[:]); got != ts.Commit {
			rep.add(ts.Index, "consolidated table %s served hashes to %s, the log holds %s", key, got, ts.Commit)
			continue
		}
		var t publishedTable
		if err := json.Unmarshal(body, &t); err != nil {
			rep.add(ts.Index, "consolidated table %s does not parse: %v", key, err)
			continue
		}
		for _, d := range diffTable(t, ts) {
			rep.add(ts.Index, "consolidated table %s: %s", key, d)
		}
	}
	return nil
}

// diffTable lists how a published table differs from the log's snapshot.
func diffTable(t publishedTable, ts TableState) []string {
	var diffs []string
	seen := map[string]bool{}
	for _, r := range t.Rows {
		seen[r.Unit] = true
		u, ok := ts.Units[r.Unit]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("unit %q has %d proposals in the table and none in the log", r.Unit, r.Proposals))
			continue
		}
		decided := 0
		for _, c := range u.Clusters {
			if c.Decision != "" {
				decided++
			}
		}
		if r.Proposals != u.Proposals || r.Clusters != len(u.Clusters) || r.Decided != decided {
			diffs = append(diffs, fmt.Sprintf("unit %q: %d proposals in %d clusters, %d decided in the table; %d in %d, %d decided in the log",
				r.Unit, r.Proposals, r.Clusters, r.Decided, u.Proposals, len(u.Clusters), decided))
		}
		// The entries must be the log's largest clusters, in order.
		ids := slices.Collect(maps.Keys(u.Clusters))
		slices.SortFunc(ids, func(a, b string) int {
			ca, cb := u.Clusters[a], u.Clusters[b]
			return cmp.Or(cmp.Compare(cb.Count, ca.Count), cmp.Compare(cb.Supports, ca.Supports), cmp.Compare(len(a), len(b)), strings.Compare(a, b))
		})
		ids = ids[:min(len(ids), TableTopWordings)]
		if len(r.Entries) != len(ids) {
			diffs = append(diffs, fmt.Sprintf("unit %q shows %d wordings; the log's state gives %d", r.Unit, len(r.Entries), len(ids)))
		}
		for i, e := range r.Entries {
			id := fmt.Sprint(e.Cluster)
			c, ok := u.Clusters[id]
			switch {
			case !ok:
				diffs = append(diffs, fmt.Sprintf("unit %q shows cluster %s, which the log has not there", r.Unit, id))
			case c.Count != e.Count || c.Supports != e.Supports:
				diffs = append(diffs, fmt.Sprintf("cluster %s: %d proposals, %d supports in the table; %d, %d in the log", id, e.Count, e.Supports, c.Count, c.Supports))
			case c.Decision != e.Decision || c.Reason != e.Reason:
				diffs = append(diffs, fmt.Sprintf("cluster %s: decision %q (%q) in the table, %q (%q) in the log", id, e.Decision, e.Reason, c.Decision, c.Reason))
			case i < len(ids) && ids[i] != id:
				diffs = append(diffs, fmt.Sprintf("unit %q: wording %d is cluster %s in the table, %s in the log's order", r.Unit, i+1, id, ids[i]))
			}
		}
	}
	for _, u := range slices.Sorted(maps.Keys(ts.Units)) {
		if !seen[u] {
			diffs = append(diffs, fmt.Sprintf("unit %q has %d proposals in the log and is missing from the table", u, ts.Units[u].Proposals))
		}
	}
	return diffs
}

package ledger

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
)

// exportedProposal is what the audit reads of each line of the server's
// open-data export (/api/v1/export/proposals.jsonl).
type exportedProposal struct {
	ID           int64  `json:"id"`
	Consultation int64  `json:"consultation"`
	Author       string `json:"author"`
	Unit         string `json:"unit"`
	Kind         string `json:"kind"`
	Text         string `json:"text"`
	Rationale    string `json:"rationale"`
	TextCommit   string `json:"text_commit"`
	Status       string `json:"status"`
	Supports     int    `json:"supports"`
	LastLogIndex *int64 `json:"last_log_index"`
}

// compareProposals checks the server's open data against the proposals the
// log describes: the same proposals, each with its author's pseudonym, unit,
// kind, text commitment, number of supports and moderation state; and every
// text the server publishes must be the text the log committed to. A
// proposal whose last change came after the checkpoint is pending.
func compareProposals(f *fetcher, rep *Report, state *State, cp Checkpoint) error {
	if len(state.Proposals) == 0 {
		return nil
	}
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, f.base+"/api/v1/export/proposals.jsonl", nil)
	if err != nil {
		return fmt.Errorf("audit: %v", err)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return fmt.Errorf("audit: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		rep.add(-1, "the log holds %d proposals but the server does not publish its open data (%s)", len(state.Proposals), resp.Status)
		return nil
	}
	seen := make(map[string]bool, len(state.Proposals))
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var p exportedProposal
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			rep.add(-1, "open data line %d does not parse: %v", line, err)
			continue
		}
		id := strconv.FormatInt(p.ID, 10)
		seen[id] = true
		lp, ok := state.Proposals[id]
		pending := p.LastLogIndex != nil && *p.LastLogIndex >= cp.Size
		if !ok {
			if pending {
				rep.Pending = append(rep.Pending, fmt.Sprintf("proposal %s: submitted after the checkpoint", id))
			} else {
				rep.add(-1, "proposal %s is published but no record submitted it", id)
			}
			continue
		}
		var diffs []string
		diff := func(field string, server, log any) {
			if server != log {
				diffs = append(diffs, fmt.Sprintf("%s %v on the server, %v in the log", field, server, log))
			}
		}
		diff("consultation", strconv.FormatInt(p.Consultation, 10), lp.Consultation)
		diff("author", p.Author, string(lp.Author))
		diff("unit", p.Unit, lp.Unit)
		diff("kind", p.Kind, lp.Kind)
		diff("text commitment", p.TextCommit, lp.Text)
		diff("supports", p.Supports, lp.Supports())
		diff("hidden", p.Status == "hidden", lp.Hidden)
		if p.Text != "" && Commit(p.Text) != lp.Text {
			diffs = append(diffs, "the text published is not the text the log committed to")
		}
		switch {
		case len(diffs) > 0 && pending:
			rep.Pending = append(rep.Pending, fmt.Sprintf("proposal %s: changed after the checkpoint", id))
		case len(diffs) > 0:
			rep.add(lp.LastIndex, "proposal %s: %s", id, joinDiffs(diffs))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("audit: reading the open data: %v", err)
	}
	var missing []string
	for id := range state.Proposals {
		if !seen[id] {
			missing = append(missing, id)
		}
	}
	slices.Sort(missing)
	for _, id := range missing {
		rep.add(state.Proposals[id].CreatedIndex, "proposal %s is in the log but missing from the server's open data", id)
	}
	return nil
}

func joinDiffs(d []string) string {
	out := ""
	for i, s := range d {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}

package ledger

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDiffTable(t *testing.T) {
	ts := TableState{Units: map[string]UnitSnapshot{
		"art_1": {Proposals: 7, Clusters: map[string]ClusterSnapshot{
			"9":  {Count: 4, Supports: 1, Decision: "accepted", Reason: "Done."},
			"10": {Count: 2, Supports: 5},
			"11": {Count: 1},
		}},
	}}
	good := `{"rows":[{"unit":"art_1","proposals":7,"clusters":3,"decided":1,"entries":[
		{"cluster":9,"count":4,"supports":1,"decision":"accepted","reason":"Done."},
		{"cluster":10,"count":2,"supports":5,"decision":""},
		{"cluster":11,"count":1,"supports":0,"decision":""}]}]}`
	tests := []struct {
		name, from, to, want string
	}{
		{"honest", "", "", ""},
		{"a count changed", `"cluster":10,"count":2`, `"cluster":10,"count":3`, "cluster 10: 3 proposals"},
		{"a decision changed", `"reason":"Done."`, `"reason":"Done, mostly."`, `decision "accepted" ("Done, mostly.")`},
		{"order swapped", `{"cluster":9,"count":4,"supports":1,"decision":"accepted","reason":"Done."},
		{"cluster":10,"count":2,"supports":5,"decision":""}`, `{"cluster":10,"count":2,"supports":5,"decision":""},
		{"cluster":9,"count":4,"supports":1,"decision":"accepted","reason":"Done."}`, "wording 1 is cluster 10"},
		{"a unit's total changed", `"proposals":7`, `"proposals":6`, "6 proposals in 3 clusters"},
		{"a unit dropped", `"unit":"art_1"`, `"unit":"art_2"`, `unit "art_1" has 7 proposals in the log and is missing`},
	}
	for _, tt := range tests {
		body := good
		if tt.from != "" {
			if !strings.Contains(body, tt.from) {
				t.Fatalf("%s: %q not in the table", tt.name, tt.from)
			}
			body = strings.Replace(body, tt.from, tt.to, 1)
		}
		var pt publishedTable
		if err := json.Unmarshal([]byte(body), &pt); err != nil {
			t.Fatal(err)
		}
		diffs := strings.Join(diffTable(pt, ts), "\n")
		if tt.want == "" && diffs != "" || tt.want != "" && !strings.Contains(diffs, tt.want) {
			t.Errorf("%s: differences %q, want %q", tt.name, diffs, tt.want)
		}
	}
}

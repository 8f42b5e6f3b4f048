package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReferendumRussia2020 imports the 96,765 real protocols of 2020
// through the command line: none is rejected, the 8,690 stations whose
// ballots in the boxes differ from the ballots issued are flagged, and the
// results equal the published sums.
func TestReferendumRussia2020(t *testing.T) {
	file := filepath.Join("..", "..", "..", "shared", "data", "precincts", "russia-2020-constitutional-vote.csv.zip")
	if _, err := os.Stat(file); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data missing under CI: %v", err)
		}
		t.Skipf("shared data missing (%v): skipping", err)
	}
	db := tempDB(t)
	mustRun(t, "charter", "import", "--db", db, "--charter", "kz", "--version", "1995", "--file", kazakhstanFile(t), "--lang", "en")
	var created struct{ ID int64 }
	json.Unmarshal([]byte(mustRun(t, "referendum", "create", "--db", db, "--name", "ru-2020", "--charter", "kz", "--version", "1995",
		"--rules", "simple-majority", "--date", "2020-07-01", "--json")), &created)
	if created.ID != 1 {
		t.Fatalf("created %+v", created)
	}
	out := mustRun(t, "referendum", "protocols", "import", "--db", db, "--referendum", "1", "--file", file,
		"--map", filepath.Join("..", "..", "referendum", "testdata", "russia-2020.mapping.json"), "--create-structure", "--json")
	var imp map[string]any
	if err := json.Unmarshal([]byte(out), &imp); err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for k := range imp {
		keys = append(keys, k)
	}
	if len(imp) != 6 || imp["accepted"] != 96_765.0 || imp["rejected"] != 0.0 || imp["warnings"] != 8_690.0 ||
		imp["first_log_index"] != 2.0 || imp["last_log_index"].(float64) < 96_765 {
		t.Errorf("import: %s (members %v)", out, keys)
	}
	if rj, ok := imp["rejections"].([]any); !ok || len(rj) != 0 {
		t.Errorf("rejections %v", imp["rejections"])
	}
	var res map[string]any
	json.Unmarshal([]byte(mustRun(t, "referendum", "results", "--db", db, "--referendum", "ru-2020", "--json")), &res)
	want := map[string]any{"registered": 107_999_611.0, "participants": 73_024_006.0, "yes": 57_071_119.0, "no": 15_347_937.0,
		"both": 0.0, "invalid": 604_950.0, "valid": true, "adopted": true, "regions": 87.0, "regions_yes": 87.0, "precincts_reported": 96_765.0}
	for k, v := range want {
		if res[k] != v {
			t.Errorf("%s = %v, published %v", k, res[k], v)
		}
	}
	if len(res) != 13 || res["turnout"].(float64) < 0.676 || res["yes_share"].(float64) < 0.78 {
		t.Errorf("results %v", res)
	}
	// A second import of the same protocols is refused as a whole, naming the line.
	code, _, errs := run(t, "referendum", "protocols", "import", "--db", db, "--referendum", "1", "--file", file,
		"--map", filepath.Join("..", "..", "referendum", "testdata", "russia-2020.mapping.json"), "--json")
	if code != 1 || !strings.Contains(errs, "line 2:") {
		t.Errorf("second import: exit %d, %s", code, errs)
	}
	// The observers' statistics: summary.json and the charts.
	dir := filepath.Join(t.TempDir(), "forensics")
	mustRun(t, "referendum", "forensics", "--db", db, "--referendum", "1", "--out", dir, "--simulations", "20")
	var sum struct {
		Totals struct{ Stations int }
		Flags  struct{ Control []any }
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil || json.Unmarshal(b, &sum) != nil || sum.Totals.Stations != 96_765 || len(sum.Flags.Control) != 8_690 {
		t.Errorf("summary.json: %d stations, %d control warnings (%v)", sum.Totals.Stations, len(sum.Flags.Control), err)
	}
	for _, chart := range []string{"fingerprint.svg", "scatter.svg", "regions.svg"} {
		if _, err := os.Stat(filepath.Join(dir, chart)); err != nil {
			t.Error(err)
		}
	}
	mustRun(t, "referendum", "declare", "--db", db, "--referendum", "1")
	if code, _, errs := run(t, "referendum", "declare", "--db", db, "--referendum", "1"); code != 1 || !strings.Contains(errs, "declared") {
		t.Errorf("declared twice: exit %d, %s", code, errs)
	}
}

// TestReferendumCommands runs the referendum's commands on a small
// structure: create, structure import, an officer's assignment, a protocol
// file against the structure, results.
func TestReferendumCommands(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	mustRun(t, "charter", "import", "--db", db, "--charter", "kz", "--version", "1995", "--file", kazakhstanFile(t), "--lang", "en")
	if code, _, errs := run(t, "referendum", "create", "--db", db, "--name", "2026", "--charter", "kz", "--version", "1995", "--rules", "majority-of-all"); code != 1 || !strings.Contains(errs, "unknown rule set") {
		t.Errorf("unknown rules: exit %d, %s", code, errs)
	}
	mustRun(t, "referendum", "create", "--db", db, "--name", "2026", "--charter", "kz", "--version", "1995", "--date", "2026-03-15")
	structure := filepath.Join(dir, "structure.csv")
	os.WriteFile(structure, []byte("region,district,precinct,registered\nastana,esil,1,1000\nastana,esil,2,900\nabai,semey,1,800\n"), 0o644)
	mustRun(t, "referendum", "structure", "import", "--db", db, "--referendum", "2026", "--file", structure)
	mustRun(t, "user", "add", "--db", db, "--name", "Officer", "--email", "officer@example.kz", "--role", "referendum_officer")
	if out := mustRun(t, "referendum", "officer", "--db", db, "--referendum", "2026", "--email", "officer@example.kz", "--precinct", "astana/esil/2", "--json"); !strings.Contains(out, `"precinct": 1`) {
		t.Errorf("officer: %s", out)
	}
	if code, _, errs := run(t, "referendum", "officer", "--db", db, "--referendum", "2026", "--email", "officer@example.kz", "--precinct", "astana/esil/9"); code != 1 || !strings.Contains(errs, "not in the territorial structure") {
		t.Errorf("officer of an unknown precinct: exit %d, %s", code, errs)
	}
	protocols := filepath.Join(dir, "protocols.csv")
	os.WriteFile(protocols, []byte("Region,TIK,UIK,Voters,Boxes,Invalid,Yes,No\nastana,esil,1,1000,600,0,500,100\nastana,esil,2,900,500,0,300,100\nabai,semey,1,800,700,0,600,100\n"), 0o644)
	mapping := filepath.Join(dir, "map.json")
	os.WriteFile(mapping, []byte(`{"region":"Region","district":"TIK","precinct":"UIK","registered":"Voters","in_boxes":"Boxes","invalid":"Invalid","yes":"Yes","no":"No"}`), 0o644)
	out := mustRun(t, "referendum", "protocols", "import", "--db", db, "--referendum", "2026", "--file", protocols, "--map", mapping, "--json")
	if !strings.Contains(out, `"accepted": 2`) || !strings.Contains(out, `"rejections": [
    {
      "line": 3,
      "precinct": "astana / esil / 2",
      "rules": [
        "boxes_sum"
      ]
    }
  ]`) {
		t.Errorf("import: %s", out)
	}
	out = mustRun(t, "referendum", "results", "--db", db, "--referendum", "2026")
	if !strings.Contains(out, "2 precincts reported") || !strings.Contains(out, "regions with a yes majority: 2 of 2") {
		t.Errorf("results:\n%s", out)
	}
}

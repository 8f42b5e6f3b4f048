package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"atazan/demo"
	"atazan/store"
)

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAmendmentApplyKazakhstan applies two amendments to the 1995
// Constitution from the command line: the new version's diff shows exactly
// the ops' effects, and an amendment with a bad op names it and creates
// nothing.
func TestAmendmentApplyKazakhstan(t *testing.T) {
	src := kazakhstanFile(t)
	db := tempDB(t)
	mustRun(t, "charter", "import", "--db", db, "--charter", "kz", "--version", "1995", "--lang", "en", "--file", src)
	a := writeFile(t, "a.json", `{"title":"Associations and land","ops":[
		{"op":"replace","unit":"art_5__para_2","text":"Public associations shall be equal before the law."},
		{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","heading":"Land","text":"Land belongs to the people."}]}`)
	b := writeFile(t, "b.json", `{"title":"Presidential powers","ops":[
		{"op":"delete","unit":"art_44__para_u1__point_8"},
		{"op":"heading","unit":"art_7","text":"Languages"}]}`)
	out := mustRun(t, "amendment", "apply", "--db", db, "--charter", "kz", "--version", "1995", "--new-version", "Draft A+B",
		"--file", a, "--file", b, "--json")
	var got struct {
		Version  string `json:"version"`
		Hash     string `json:"hash"`
		LogIndex *int64 `json:"log_index"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Version != "Draft A+B" || !strings.HasPrefix(got.Hash, "sha256:") || got.LogIndex == nil || *got.LogIndex < 1 {
		t.Fatalf("apply --json = %s (%v)", out, err)
	}

	var diff struct {
		ToHash  string `json:"to_hash"`
		Changes []struct {
			Unit, Change, Old, New string
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "charter", "diff", "--db", db, "--charter", "kz", "1995", "Draft A+B", "--format", "json")), &diff); err != nil {
		t.Fatal(err)
	}
	if diff.ToHash != got.Hash {
		t.Errorf("diff's hash %s, apply's %s", diff.ToHash, got.Hash)
	}
	var units []string
	byUnit := map[string]int{}
	for i, c := range diff.Changes {
		units = append(units, c.Change+" "+c.Unit)
		byUnit[c.Unit] = i
	}
	sort.Strings(units)
	want := []string{"added art_6-1", "added art_6-1__para_u1", "changed art_5__para_2", "changed art_7", "removed art_44__para_u1__point_8"}
	if strings.Join(units, "|") != strings.Join(want, "|") {
		t.Fatalf("changes = %q\nwant %q", units, want)
	}
	if c := diff.Changes[byUnit["art_5__para_2"]]; !strings.Contains(c.Old, "Illegal") ||
		!strings.Contains(c.New, "Public associations shall be equal before the law.") || strings.Contains(c.New, "Illegal") {
		t.Errorf("art_5__para_2: %q → %q", c.Old, c.New)
	}
	if c := diff.Changes[byUnit["art_6-1__para_u1"]]; c.Old != "" || !strings.Contains(c.New, "Land belongs to the people.") {
		t.Errorf("art_6-1__para_u1: %q → %q", c.Old, c.New)
	}
	if c := diff.Changes[byUnit["art_7"]]; !strings.Contains(c.New, "Languages") {
		t.Errorf("art_7: %q → %q", c.Old, c.New)
	}
	if c := diff.Changes[byUnit["art_44__para_u1__point_8"]]; c.Old == "" || c.New != "" {
		t.Errorf("art_44__para_u1__point_8: %q → %q", c.Old, c.New)
	}

	// An amendment whose second op names a unit the text lacks: named, and nothing stored.
	bad := writeFile(t, "bad.json", `{"title":"Missing","ops":[
		{"op":"replace","unit":"art_5__para_1","text":"x"},
		{"op":"delete","unit":"art_999"}]}`)
	code, stdout, stderr := run(t, "amendment", "apply", "--db", db, "--charter", "kz", "--version", "1995", "--new-version", "Bad",
		"--file", a, "--file", bad, "--json")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "ops[1]") || !strings.Contains(stderr, "art_999") {
		t.Errorf("a bad op: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := run(t, "charter", "diff", "--db", db, "--charter", "kz", "1995", "Bad"); code != 1 || !strings.Contains(stderr, "Bad") {
		t.Errorf("the refused amendment made a version: exit %d, %s", code, stderr)
	}
	// The same label can still be taken: nothing of the failed attempt remains.
	mustRun(t, "amendment", "apply", "--db", db, "--charter", "kz", "--version", "1995", "--new-version", "Bad", "--file", a)
}

// TestCommissionMembersImport appoints members from CSV: a list with a bad
// line is refused whole, naming the line; a good one is appointed.
func TestCommissionMembersImport(t *testing.T) {
	src := kazakhstanFile(t)
	db := tempDB(t)
	mustRun(t, "charter", "import", "--db", db, "--charter", "kz", "--version", "1995", "--lang", "en", "--file", src)
	mustRun(t, "commission", "create", "--db", db, "--charter", "kz", "--version", "1995", "--title", "Constitutional Commission", "c2026")
	bad := writeFile(t, "bad.csv", "name,email,position,from,to\n"+
		"Aigerim Sarsenova,a.sarsenova@example.kz,chair,2026-01-15,\n"+
		"Ivan Petrov,i.petrov@example.kz,member,2026-01-15,2026-06-30\n"+
		"Dana Omarova,d.omarova@example.kz,president,2026-01-15,\n")
	code, stdout, stderr := run(t, "commission", "members", "import", "--db", db, "--commission", "c2026", "--file", bad)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "line 4") || !strings.Contains(stderr, "president") {
		t.Errorf("a bad line: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	good := writeFile(t, "good.csv", "name,email,position,from,to\n"+
		"Aigerim Sarsenova,a.sarsenova@example.kz,chair,2026-01-15,\n"+
		"Ivan Petrov,i.petrov@example.kz,member,2026-01-15,2026-06-30\n")
	var got struct {
		Members []struct {
			Name, Position, Password string
			LogIndex                 int64 `json:"log_index"`
		} `json:"members"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "commission", "members", "import", "--db", db, "--commission", "c2026", "--file", good)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Members) != 2 || got.Members[0].Position != "chair" || got.Members[0].Password == "" || got.Members[1].LogIndex <= got.Members[0].LogIndex {
		t.Errorf("members = %+v", got.Members)
	}
}

// TestCharterTableOutcome: the comparative table of the demo commission's
// published draft says, on the row its adopted amendment changed, which
// cluster of proposals the change answers and how the commission voted.
func TestCharterTableOutcome(t *testing.T) {
	db := tempDB(t)
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	logf := func(string, ...any) {}
	if err := demo.Load(ctx, s, logf); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadConsultation(ctx, s, demo.Size{Citizens: 40, Proposals: 120, Supports: 100, Comments: 10}, logf); err != nil {
		t.Fatal(err)
	}
	fates, err := s.AmendmentFates(ctx, demo.Commission)
	if err != nil || len(fates) == 0 || fates[0].Amendment.Status != store.AmendmentAdopted {
		t.Fatalf("demo amendments: %+v, %v", fates, err)
	}
	adopted := fates[0].Amendment
	s.Close()

	plain := mustRun(t, "charter", "table", "--db", db, "--charter", demo.Charter, demo.Current, demo.Draft, "--format", "csv")
	if head, _, _ := strings.Cut(plain, "\n"); head != "unit,label,change,current,new" {
		t.Errorf("a table with no consultation on FROM: header %q", head)
	}

	mustRun(t, "commission", "publish", "--db", db, "--commission", demo.Commission, "Commission draft")
	recs, err := csv.NewReader(strings.NewReader(mustRun(t, "charter", "table", "--db", db, "--charter", demo.Charter,
		demo.Draft, "Commission draft", "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "unit,label,change,current,new,sources,decisions" || len(recs) != 2 {
		t.Fatalf("header %q, %d records: %q", got, len(recs), recs)
	}
	row := recs[1]
	if row[0] != string(adopted.Body.Ops[0].Unit) ||
		!strings.Contains(row[5], fmt.Sprintf("cluster %s of consultation 1:", adopted.Body.Clusters[0])) ||
		!strings.Contains(row[6], fmt.Sprintf("amendment %d %q: adopted; vote at \"First sitting\" (meeting 1): for 9, against 2, abstain 1, adopted", adopted.ID, adopted.Title)) {
		t.Errorf("row %q", row)
	}
	md := mustRun(t, "charter", "table", "--db", db, "--charter", demo.Charter, demo.Draft, "Commission draft")
	if !strings.Contains(md, "| Proposals | Decision |") {
		t.Errorf("Markdown:\n%s", md)
	}
}

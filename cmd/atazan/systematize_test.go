package main

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReclusterAndTable imports generated proposals into a consultation on
// the demo draft, rebuilds the clusters, and writes and publishes the
// consolidated table; the audit of the log then agrees.
func TestReclusterAndTable(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	mustRun(t, "charter", "import", "--db", db, "--charter", "altyndala", "--version", "draft", "--lang", "en",
		"--file", filepath.Join("..", "..", "demo", "altyndala-2026-draft-en.txt"))
	var opened struct{ ID int64 }
	if err := json.Unmarshal([]byte(mustRun(t, "consultation", "open", "--db", db, "--charter", "altyndala", "--version", "draft",
		"--from", "2026-01-01", "--to", "2026-12-31", "--json")), &opened); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "in.csv")
	csvText := mustRun(t, "gen", "proposals", "--count", "300", "--seed", "7", "--format", "import")
	if err := os.WriteFile(file, []byte(csvText), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "proposals", "import", "--db", db, "--consultation", "1", "--file", file)

	var res struct {
		Proposals, Kept, Changed int
		FirstLogIndex            int64 `json:"first_log_index"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "proposals", "recluster", "--db", db, "--consultation", "1")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Proposals != 300 || res.Kept != 0 {
		t.Errorf("recluster = %+v, want 300 proposals, none kept by hand", res)
	}
	again := mustRun(t, "proposals", "recluster", "--db", db, "--consultation", "1")
	if !strings.Contains(again, `"changed": 0`) {
		t.Errorf("a second rebuild changed proposals: %s", again)
	}

	recs, err := csv.NewReader(strings.NewReader(mustRun(t, "proposals", "table", "--db", db, "--consultation", "1", "--format", "csv"))).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][0] != "unit" {
		t.Fatalf("table CSV: %d lines, %v", len(recs), err)
	}
	md := mustRun(t, "proposals", "table", "--db", db, "--consultation", "1")
	if !strings.HasPrefix(md, "# Consolidated table: altyndala, draft") || !strings.Contains(md, "no decision yet") {
		t.Errorf("table Markdown begins %.200q", md)
	}
	var pub struct {
		Number   int
		LogIndex int64 `json:"log_index"`
		Commit   string
	}
	if err := json.Unmarshal([]byte(mustRun(t, "proposals", "table", "--db", db, "--consultation", "1", "--publish")), &pub); err != nil || pub.Number != 1 || !strings.HasPrefix(pub.Commit, "sha256:") {
		t.Fatalf("publish: %+v, %v", pub, err)
	}
	if code, _, errs := run(t, "proposals", "recluster", "--db", db, "--consultation", "9"); code != 1 || !strings.Contains(errs, "9") {
		t.Errorf("recluster of a missing consultation: exit %d, %s", code, errs)
	}
	if code, _, errs := run(t, "proposals", "table", "--db", db, "--consultation", "1", "--format", "xml"); code != 2 || !strings.Contains(errs, `"xml"`) {
		t.Errorf("table in an unknown format: exit %d, %s", code, errs)
	}
	if code, _, _ := run(t, "proposals", "recluster", "--db", db, "--consultation", "1", "--campaign", "size=0"); code != 2 {
		t.Errorf("a bad campaign rule: exit %d, want 2", code)
	}
}

// TestAuditConsolidatedTable publishes a consolidated table after the
// secretariat's decision, audits the running server, then edits the
// published table in the database: the audit names the publication.
func TestAuditConsolidatedTable(t *testing.T) {
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "atazan.db")
	db := "sqlite:" + dbFile
	vkey := strings.TrimSpace(mustRun(t, "log", "key", "--db", db))
	mustRun(t, "charter", "import", "--db", db, "--charter", "altyndala", "--version", "draft", "--lang", "en",
		"--file", filepath.Join("..", "..", "demo", "altyndala-2026-draft-en.txt"))
	mustRun(t, "consultation", "open", "--db", db, "--charter", "altyndala", "--version", "draft", "--from", "2026-01-01", "--to", "2026-12-31")
	file := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(file, []byte(mustRun(t, "gen", "proposals", "--count", "200", "--seed", "3", "--format", "import")), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "proposals", "import", "--db", db, "--consultation", "1", "--file", file)
	mustRun(t, "proposals", "table", "--db", db, "--consultation", "1", "--publish")

	base := startServer(t, "--db", db, "--checkpoint-every", "50ms")
	state := filepath.Join(dir, "audit")
	// The server signs a checkpoint over every record before it listens.
	audit := func() (int, string) {
		t.Helper()
		code, out, errs := run(t, "audit", "--url", base, "--key", vkey, "--state", state, "--json")
		return code, out + errs
	}
	if code, out := audit(); code != 0 {
		t.Fatalf("audit of an honest server: exit %d\n%s", code, out)
	}
	raw, err := sql.Open("sqlite", dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE consolidated_tables SET body = replace(body, '"decision":""', '"decision":"accepted"')`); err != nil {
		t.Fatal(err)
	}
	if code, out := audit(); code != 1 || !strings.Contains(out, "consolidated table 1/1 served hashes to") {
		t.Errorf("audit of an edited table: exit %d\n%s", code, out)
	}
}

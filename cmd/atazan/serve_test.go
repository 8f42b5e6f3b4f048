package main

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"atazan/ledger"
)

// TestMain lets a test run the atazan command in a separate process: the
// test binary re-executes itself with ATAZAN_RUN_MAIN=1.
func TestMain(m *testing.M) {
	if os.Getenv("ATAZAN_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// runProcess runs atazan as a separate process and returns its exit status and output.
func runProcess(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ATAZAN_RUN_MAIN=1")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// startServer runs "atazan serve" in-process on a free port until the test ends.
func startServer(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var errb strings.Builder
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &syncWriter{w: &errb}, Ready: func(a string) { ready <- a }}
	go func() { done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d before listening", code)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d on shutdown", code)
		}
	})
	return "http://" + addr
}

// syncWriter serializes writes from the server's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The server signs a checkpoint over records that another process appends,
// an auditor verifies the whole log and state, and tampering with the
// database is caught by both the auditor and "log verify".
func TestServeSignsOtherProcessesRecordsAndAuditCatchesTampering(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "atazan.db")
	vkey := strings.TrimSpace(mustRun(t, "log", "key", "--db", db))
	base := startServer(t, "--db", db, "--checkpoint-every", "100ms")

	if code, body := get(t, base+"/healthz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Fatalf("/healthz: %d %q", code, body)
	}
	_, body := get(t, base+"/log/checkpoint")
	cp, err := ledger.OpenCheckpoint([]byte(body), vkey)
	if err != nil || cp.Size != 0 {
		t.Fatalf("first checkpoint: %+v, %v", cp, err)
	}

	// Another process imports a text while the server runs.
	if code, _, errs := runProcess(t, "charter", "import", "--db", db, "--charter", "kz", "--version", "1995",
		"--lang", "en", "--file", kazakhstanFile(t)); code != 0 {
		t.Fatalf("import in another process: exit %d: %s", code, errs)
	}
	deadline := time.Now().Add(10 * time.Second)
	for cp.Size != 1 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		_, body = get(t, base+"/log/checkpoint")
		if cp, err = ledger.OpenCheckpoint([]byte(body), vkey); err != nil {
			t.Fatal(err)
		}
	}
	if cp.Size != 1 {
		t.Fatalf("the server did not sign the other process's record: checkpoint size %d", cp.Size)
	}

	state := filepath.Join(dir, "audit")
	if code, out, errs := run(t, "audit", "--url", base, "--key", vkey, "--state", state); code != 0 {
		t.Fatalf("audit of an honest server: exit %d\n%s%s", code, out, errs)
	}
	_, otherKey, err := ledger.GenerateKey("atazan.local/log")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "audit", "--url", base, "--key", otherKey, "--state", state); code != 1 || !strings.Contains(errs, "DISCREPANCY") {
		t.Errorf("audit with a wrong key: exit %d, %s", code, errs)
	}
	if code, out, _ := run(t, "log", "verify", "--db", db); code != 0 {
		t.Fatalf("log verify of an honest database: exit %d\n%s", code, out)
	}

	// Tamper with the stored record: change one byte of its payload.
	raw, err := sql.Open("sqlite", filepath.Join(dir, "atazan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE log_records SET data = replace(data, '"lang":"en"', '"lang":"kk"') WHERE idx = 0`); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "audit", "--url", base, "--key", vkey, "--state", state)
	if code != 1 || !strings.Contains(errs, "record 0") {
		t.Errorf("audit of a tampered record: exit %d, want 1 naming record 0:\n%s", code, errs)
	}
	code, _, errs = run(t, "log", "verify", "--db", db)
	if code != 1 || !strings.Contains(errs, "record 0") {
		t.Errorf("log verify of a tampered record: exit %d, want 1 naming record 0:\n%s", code, errs)
	}

	// Tamper with the published wording instead: the log is intact, the text is not.
	if _, err := raw.Exec(`UPDATE log_records SET data = replace(data, '"lang":"kk"', '"lang":"en"') WHERE idx = 0`); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "log", "verify", "--db", db); code != 0 {
		t.Fatalf("log verify after restoring the record: exit %d\n%s", code, errs)
	}
	if _, err := raw.Exec(`UPDATE units SET body = 'Words the log never saw.' WHERE eid = 'art_5__para_1'`); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "log", "verify", "--db", db)
	if code != 1 || !strings.Contains(errs, "the stored en text hashes to") {
		t.Errorf("log verify of tampered wording: exit %d\n%s", code, errs)
	}
	// A server started on the tampered database serves the tampered wording
	// (the first one still has the text in its cache).
	base2 := startServer(t, "--db", db, "--checkpoint-every", "100ms")
	code, _, errs = run(t, "audit", "--url", base2, "--key", vkey, "--state", state)
	if code != 1 || !strings.Contains(errs, "the en text served hashes to") {
		t.Errorf("audit of tampered wording: exit %d\n%s", code, errs)
	}

	// A truncated log is named, not an internal error.
	if _, err := raw.Exec(`DELETE FROM log_records WHERE idx = 0`); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "log", "verify", "--db", db)
	if code != 1 || !strings.Contains(errs, "record 0: record is missing") {
		t.Errorf("log verify of a truncated log: exit %d\n%s", code, errs)
	}
}

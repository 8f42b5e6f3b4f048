package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
)

// The signing key is made by the first command that opens a database, kept
// with mode 0600 beside it, and never silently replaced.
func TestLogKey(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "atazan.db")
	vkey := strings.TrimSpace(mustRun(t, "log", "key", "--db", db, "--log-origin", "kz.example/log"))
	if _, err := note.NewVerifier(vkey); err != nil || !strings.HasPrefix(vkey, "kz.example/log+") {
		t.Fatalf("log key printed %q: %v", vkey, err)
	}
	st, err := os.Stat(filepath.Join(dir, "log.key"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v; want 0600", err, st.Mode())
	}
	// The origin is fixed when the key is made.
	if again := strings.TrimSpace(mustRun(t, "log", "key", "--db", db, "--log-origin", "other/log")); again != vkey {
		t.Errorf("second run printed %q, want %q", again, vkey)
	}
	// A key given with --log-key that is not this database's is refused.
	other := t.TempDir()
	mustRun(t, "log", "key", "--db", "sqlite:"+filepath.Join(other, "atazan.db"))
	if code, _, errs := run(t, "log", "key", "--db", db, "--log-key", filepath.Join(other, "log.key")); code != 1 || !strings.Contains(errs, "does not belong to this database") {
		t.Errorf("foreign key: exit %d, %q", code, errs)
	}
	// A lost key is reported, not replaced.
	os.Rename(filepath.Join(dir, "log.key"), filepath.Join(dir, "log.key.bak"))
	if code, _, errs := run(t, "charter", "list", "--db", db); code != 1 || !strings.Contains(errs, "missing") {
		t.Errorf("lost key: exit %d, %q", code, errs)
	}
	// The verifier key, which the database keeps, still prints, with a warning.
	if code, out, errs := run(t, "log", "key", "--db", db); code != 0 || strings.TrimSpace(out) != vkey || !strings.Contains(errs, "missing") {
		t.Errorf("log key without the signing key: exit %d, %q, %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "log.key")); err == nil {
		t.Errorf("a new key was made in place of the lost one")
	}
	if got := strings.TrimSpace(mustRun(t, "log", "key", "--db", db, "--log-key", filepath.Join(dir, "log.key.bak"))); got != vkey {
		t.Errorf("restored key gives %q, want %q", got, vkey)
	}
}

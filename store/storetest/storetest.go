// Package storetest is the suite every atazan store must pass: SQLite always,
// PostgreSQL when ATAZAN_TEST_POSTGRES holds a DSN. Each test opens a fresh,
// isolated database through the open function it is given.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"atazan/store"
)

// Opener opens a fresh, empty store for one test and closes it at the test's end.
type Opener func(t testing.TB) *store.Store

// SQLite returns an Opener of SQLite databases in the test's temporary directory.
func SQLite() Opener {
	return func(t testing.TB) *store.Store {
		t.Helper()
		return OpenDSN(t, "sqlite:"+filepath.Join(t.TempDir(), "atazan.db"))
	}
}

// OpenDSN opens a store and closes it when the test ends.
func OpenDSN(t testing.TB, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresDSN returns the DSN in ATAZAN_TEST_POSTGRES. When it is empty the
// test is skipped, except under CI (CI=true), where a missing PostgreSQL fails.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("ATAZAN_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ATAZAN_TEST_POSTGRES is empty under CI: the PostgreSQL tests must run")
		}
		t.Skip("ATAZAN_TEST_POSTGRES is empty: skipping PostgreSQL tests")
	}
	return dsn
}

// Postgres returns an Opener that gives each test its own PostgreSQL schema
// in the database of ATAZAN_TEST_POSTGRES, dropped when the test ends.
func Postgres() Opener {
	return func(t testing.TB) *store.Store {
		t.Helper()
		return OpenDSN(t, FreshPostgresSchema(t, PostgresDSN(t)))
	}
}

// FreshPostgresSchema creates an empty schema, returns a DSN whose
// search_path selects it, and drops the schema when the test ends.
func FreshPostgresSchema(t testing.TB, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	var b [6]byte
	rand.Read(b[:])
	schema := "atazan_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres at %s does not answer: %v", dsn, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("ATAZAN_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"atazan/charter"
	"atazan/store"
	"atazan/store/storetest"
)

func TestSQLite(t *testing.T) { storetest.Run(t, storetest.SQLite()) }

func TestPostgres(t *testing.T) { storetest.Run(t, storetest.Postgres()) }

func TestParseDSN(t *testing.T) {
	for _, tc := range []struct {
		dsn     string
		dialect store.Dialect
		conn    string
		bad     bool
	}{
		{"sqlite:./atazan-data/atazan.db", store.SQLite, "./atazan-data/atazan.db", false},
		{"sqlite:/var/lib/atazan.db", store.SQLite, "/var/lib/atazan.db", false},
		{"postgres://u@127.0.0.1:5432/test", store.Postgres, "postgres://u@127.0.0.1:5432/test", false},
		{"postgresql://127.0.0.1/test", store.Postgres, "postgresql://127.0.0.1/test", false},
		{"sqlite:", "", "", true},
		{"mysql://x", "", "", true},
		{"atazan.db", "", "", true},
	} {
		d, c, err := store.ParseDSN(tc.dsn)
		if (err != nil) != tc.bad || d != tc.dialect || c != tc.conn {
			t.Errorf("ParseDSN(%q) = %q, %q, %v", tc.dsn, d, c, err)
		}
	}
}

// A database migrated by a newer binary is refused with a clear error.
func testNewerSchemaRefused(t *testing.T, dsn string) {
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ExecForTest(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = store.Open(context.Background(), dsn)
	if err == nil || !strings.Contains(err.Error(), "newer than this atazan binary") {
		t.Fatalf("open of a newer database: %v", err)
	}
}

func TestNewerSchemaRefusedSQLite(t *testing.T) {
	testNewerSchemaRefused(t, "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
}

func TestNewerSchemaRefusedPostgres(t *testing.T) {
	testNewerSchemaRefused(t, storetest.FreshPostgresSchema(t, storetest.PostgresDSN(t)))
}

func TestReopenKeepsData(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "a.db")
	s := storetest.OpenDSN(t, dsn)
	doc := storetest.SampleDocument("en", "a")
	if _, err := s.ImportVersion(context.Background(), importReq(doc)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2 := storetest.OpenDSN(t, dsn)
	v, err := s2.Version(context.Background(), "altyndala", "2020")
	if err != nil || v.Hash != doc.Hash() {
		t.Fatalf("after reopen: %+v, %v", v, err)
	}
}

func importReq(doc *charter.Document) charter.ImportRequest {
	return charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: doc}
}

func TestConsultationSQLite(t *testing.T) { storetest.RunConsultation(t, storetest.SQLite()) }

func TestConsultationPostgres(t *testing.T) { storetest.RunConsultation(t, storetest.Postgres()) }

func TestCommissionSQLite(t *testing.T)   { storetest.RunCommission(t, storetest.SQLite()) }
func TestCommissionPostgres(t *testing.T) { storetest.RunCommission(t, storetest.Postgres()) }

func TestReferendumSQLite(t *testing.T) { storetest.RunReferendum(t, storetest.SQLite()) }

func TestReferendumPostgres(t *testing.T) { storetest.RunReferendum(t, storetest.Postgres()) }

func TestClustersSQLite(t *testing.T) {
	storetest.RunClusters(t, storetest.SQLite(), func(t testing.TB, s *store.Store) *store.Store {
		return storetest.OpenDSN(t, "sqlite:"+s.Path())
	})
}

func TestClustersPostgres(t *testing.T) { storetest.RunClusters(t, storetest.Postgres(), nil) }

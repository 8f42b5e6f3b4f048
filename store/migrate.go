package store

import (
	"atazan"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationFiles embed.FS

// migration is one versioned schema change, named NNNN_description.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrations() ([]migration, error) {
	dir := path.Join("migrations", string(s.dialect))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s/%s: name must be NNNN_description.sql", dir, e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations of %s: want version %d, found %s", s.dialect, i+1, m.name)
		}
	}
	return ms, nil
}

// SchemaVersion is the newest schema this binary knows for the store's dialect.
func (s *Store) SchemaVersion() int {
	ms, _ := s.migrations()
	return len(ms)
}

// migrate applies every pending migration, each in its own transaction with
// its row in schema_migrations, and refuses a database whose schema is newer
// than this binary. With PostgreSQL, an advisory lock keeps two processes
// starting at once from migrating twice.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := s.migrations()
	if err != nil {
		return err
	}
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`
	if _, err := s.write.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return s.update(ctx, func(tx *Tx) error {
		if s.dialect == Postgres {
			// The key is an arbitrary constant that names atazan's migrations.
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(7261827364)`); err != nil {
				return fmt.Errorf("migrate: lock: %w", err)
			}
		}
		var current int
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
			return fmt.Errorf("migrate: read schema version: %w", err)
		}
		if current > len(ms) {
			return atazan.Errorf(atazan.EConflict, "database schema version %d is newer than this atazan binary supports (%d): use a newer atazan", current, len(ms))
		}
		for _, m := range ms[current:] {
			if _, err := tx.exec(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.version, m.name, micros(tx.now)); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		return nil
	})
}

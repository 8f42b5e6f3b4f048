// Package store persists everything atazan knows in one of two databases:
// SQLite, embedded and the default (a city, a pilot, a laptop), and
// PostgreSQL, for national scale.
//
// Both are served by the same code: queries are written once with "?"
// placeholders and rebound for PostgreSQL, and every rule lives in the domain
// packages (charter, …), never here. What differs per dialect is only the
// schema, in versioned migrations under migrations/sqlite and
// migrations/postgres, and the connection set-up.
//
// Every state change runs in one transaction through Store.write. With
// SQLite, writes go through a single connection (one writer path), the
// database runs in WAL mode with synchronous=FULL, so an acknowledged write
// survives a crash, and readers use their own pool, so concurrent requests
// never fail with "database is locked".
package store

import (
	"atazan/consolidate"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// Dialect names a database engine.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is an open database. It is safe for concurrent use.
type Store struct {
	dialect Dialect
	path    string  // SQLite file path; "" for PostgreSQL
	read    *sql.DB // queries
	write   *sql.DB // transactions that change state; one connection with SQLite
	docs    docCache
	live    liveClusters // the live clustering's indexes (cluster.go)
	group   *groupWriter // SQLite's single writer; nil with PostgreSQL
	refs    structures   // referendums' territorial structures (referendum.go)

	pseudonymKey atomic.Pointer[[]byte] // the key of account pseudonyms, once read
	stmts        stmtCache

	// Now returns the current time; tests may replace it.
	Now func() time.Time

	// CampaignRule flags clusters as campaigns; Open sets the default.
	CampaignRule consolidate.CampaignRule
}

// DefaultDSN is the embedded database used when --db is not given.
const DefaultDSN = "sqlite:./atazan-data/atazan.db"

// ParseDSN splits a data source name into its dialect and the driver's
// connection string: "sqlite:PATH" or "postgres://…" / "postgresql://…".
func ParseDSN(dsn string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		p := strings.TrimPrefix(dsn, "sqlite:")
		p = strings.TrimPrefix(p, "//")
		if p == "" {
			return "", "", fmt.Errorf("database %q: sqlite: needs a file path, e.g. sqlite:./atazan-data/atazan.db", dsn)
		}
		return SQLite, p, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return Postgres, dsn, nil
	}
	return "", "", fmt.Errorf("database %q: want sqlite:PATH or postgres://…", dsn)
}

// Open connects to the database named by dsn, creating an SQLite file (and
// its directory) when needed, and applies pending migrations. A database
// whose schema is newer than this binary is refused.
func Open(ctx context.Context, dsn string) (*Store, error) {
	dialect, conn, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{dialect: dialect, Now: func() time.Time { return time.Now().UTC() }, CampaignRule: consolidate.DefaultCampaignRule}
	switch dialect {
	case SQLite:
		if err := os.MkdirAll(filepath.Dir(conn), 0o750); err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		s.path = conn
		// busy_timeout covers the moments a reader meets a checkpoint; WAL lets
		// readers run beside the single writer; _txlock=immediate takes the
		// write lock at BEGIN, so a transaction never fails half-way on upgrade.
		q := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_txlock=immediate"
		if s.write, err = sql.Open("sqlite", "file:"+conn+q); err != nil {
			return nil, err
		}
		// One writer: every change goes through the group writer (commit.go),
		// one transaction at a time. The second connection only prepares
		// statements for the cache (Tx.stmt) while the first is in a transaction.
		s.write.SetMaxOpenConns(2)
		s.write.SetConnMaxIdleTime(0)
		if s.read, err = sql.Open("sqlite", "file:"+conn+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=query_only(1)"); err != nil {
			s.write.Close()
			return nil, err
		}
		s.read.SetMaxOpenConns(8)
	case Postgres:
		if s.write, err = sql.Open("pgx", conn); err != nil {
			return nil, err
		}
		s.read = s.write
		s.write.SetMaxOpenConns(16)
	}
	if err := s.write.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open database %s: %w", redact(dsn), err)
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if dialect == SQLite {
		s.startGroupWriter()
	}
	return s, nil
}

// redact hides a password in a PostgreSQL URL for error messages.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.Index(dsn[i+3:], "@"); at >= 0 {
			cred := dsn[i+3 : i+3+at]
			if c := strings.Index(cred, ":"); c >= 0 {
				return dsn[:i+3] + cred[:c] + ":***" + dsn[i+3+at:]
			}
		}
	}
	return dsn
}

// Dialect reports the database engine.
func (s *Store) Dialect() Dialect { return s.dialect }

// Path returns the SQLite file path, or "" for PostgreSQL.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	if s.group != nil {
		s.group.close()
		s.group = nil
	}
	s.stmts.close()
	var errs []error
	if s.read != nil && s.read != s.write {
		errs = append(errs, s.read.Close())
	}
	if s.write != nil {
		errs = append(errs, s.write.Close())
	}
	return errors.Join(errs...)
}

// rebind rewrites "?" placeholders as "$1", "$2"… for PostgreSQL. Queries in
// this package never contain a literal question mark.
func (s *Store) rebind(q string) string {
	if s.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tx is one transaction of a state change.
type Tx struct {
	s     *Store
	tx    *sql.Tx
	now   time.Time
	write bool // a transaction of the write pool

	touched []unitKey // live cluster indexes this transaction changed: dropped if it fails
}

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, t.s.rebind(q), args...)
}

func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, t.s.rebind(q), args...)
}

func (t *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, t.s.rebind(q), args...)
}

// stmt returns q prepared once on the connection pool of the transaction and
// bound to it, or nil when q is not worth keeping (the cache is full: many
// distinct multi-row statements). Parsing SQL is a fifth of the work of a
// small change with SQLite; prepared statements skip it.
//
// Only SQLite's write transactions use it: they run one at a time (the group
// writer), so the write pool's second connection is free to prepare. A read
// transaction could not prepare while every reader holds a connection, and
// pgx keeps its own statement cache per connection.
func (t *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if !t.write || t.s.dialect != SQLite {
		return nil
	}
	c := &t.s.stmts
	db := t.s.write
	key := stmtKey{db: db, q: q}
	c.mu.Lock()
	st, ok := c.m[key]
	c.mu.Unlock()
	if !ok {
		if len(c.m) >= maxStmts {
			return nil
		}
		var err error
		if st, err = db.PrepareContext(ctx, t.s.rebind(q)); err != nil {
			return nil // the unprepared path reports the error
		}
		c.mu.Lock()
		if old, ok := c.m[key]; ok {
			st.Close()
			st = old
		} else {
			if c.m == nil {
				c.m = map[stmtKey]*sql.Stmt{}
			}
			c.m[key] = st
		}
		c.mu.Unlock()
	}
	return t.tx.StmtContext(ctx, st)
}

// readStmt returns a query prepared once on the read pool, for the hottest
// reads, which run outside any transaction: the statement takes a connection
// of its own when it runs, so it never waits for one a caller holds.
func (s *Store) readStmt(ctx context.Context, q string) queryRower {
	key := stmtKey{db: s.read, q: q}
	c := &s.stmts
	c.mu.Lock()
	st, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return st
	}
	st, err := s.read.PrepareContext(ctx, s.rebind(q))
	if err != nil {
		return unprepared{s.read, s.rebind(q)}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[key]; ok {
		st.Close()
		return old
	}
	if c.m == nil {
		c.m = map[stmtKey]*sql.Stmt{}
	}
	c.m[key] = st
	return st
}

// queryRower is a prepared statement, or a query that could not be prepared.
type queryRower interface {
	QueryRowContext(ctx context.Context, args ...any) *sql.Row
	QueryContext(ctx context.Context, args ...any) (*sql.Rows, error)
}

type unprepared struct {
	db *sql.DB
	q  string
}

func (u unprepared) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	return u.db.QueryRowContext(ctx, u.q, args...)
}

func (u unprepared) QueryContext(ctx context.Context, args ...any) (*sql.Rows, error) {
	return u.db.QueryContext(ctx, u.q, args...)
}

// maxStmts bounds the prepared statements kept per store.
const maxStmts = 512

type stmtKey struct {
	db *sql.DB
	q  string
}

type stmtCache struct {
	mu sync.Mutex
	m  map[stmtKey]*sql.Stmt
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// update runs fn in one write transaction and commits it when fn returns nil.
// All of a state change, and later its public log record, happens inside fn.
//
// With SQLite, changes go through the group writer (see commit.go).
func (s *Store) update(ctx context.Context, fn func(*Tx) error) error {
	if s.group != nil {
		c := change{ctx: ctx, fn: fn, done: make(chan error, 1)}
		select {
		case s.group.queue <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
		return <-c.done
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	t := &Tx{s: s, tx: tx, now: s.Now(), write: true}
	if err := fn(t); err != nil {
		tx.Rollback()
		s.live.drop(t.touched)
		return err
	}
	if err := tx.Commit(); err != nil {
		s.live.drop(t.touched)
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// view runs fn in a read-only snapshot.
func (s *Store) view(ctx context.Context, fn func(*Tx) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(&Tx{s: s, tx: tx, now: s.Now()})
}

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

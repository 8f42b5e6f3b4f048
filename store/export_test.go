package store

import (
	"context"
	"database/sql"
)

// ExecForTest runs a statement on the write connection, for tests that set up states no command can reach.
func (s *Store) ExecForTest(q string, args ...any) (sql.Result, error) {
	return s.write.ExecContext(context.Background(), s.rebind(q), args...)
}

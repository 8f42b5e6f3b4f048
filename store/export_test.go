package store

import (
	"context"
	"database/sql"

	"atazan/ledger"
)

// ExecForTest runs a statement on the write connection, for tests that set up states no command can reach.
func (s *Store) ExecForTest(q string, args ...any) (sql.Result, error) {
	return s.write.ExecContext(context.Background(), s.rebind(q), args...)
}

// InsertRecordsWithoutTree stores encoded records in one transaction without
// the Merkle tree: the baseline of BenchmarkAppend.
func InsertRecordsWithoutTree(s *Store, first int64, recs []ledger.Record) error {
	ctx := context.Background()
	return s.update(ctx, func(tx *Tx) error {
		args := make([]any, 0, 3*len(recs))
		for i, r := range recs {
			data, err := r.Encode()
			if err != nil {
				return err
			}
			args = append(args, first+int64(i), string(r.Kind), data)
		}
		return tx.insertRows(ctx, `INSERT INTO log_records (idx, kind, data) VALUES `, 3, args)
	})
}

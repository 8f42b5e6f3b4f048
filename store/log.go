package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"atazan"
	"atazan/ledger"
)

// appendRecord appends rec to the public log inside the transaction of the
// change it records, and returns its index. The record, its tree hashes and
// the change commit together or not at all.
func (t *Tx) appendRecord(ctx context.Context, rec ledger.Record) (int64, error) {
	first, err := t.appendRecords(ctx, []ledger.Record{rec})
	return first, err
}

// appendRecords appends records with consecutive indexes and returns the
// first. The tree hashes of a batch are computed in memory, reading only the
// stored hashes that lie before the batch, and written with few statements.
func (t *Tx) appendRecords(ctx context.Context, recs []ledger.Record) (int64, error) {
	datas := make([][]byte, len(recs))
	for i, rec := range recs {
		if rec.Time.IsZero() {
			rec.Time = t.now
		}
		data, err := rec.Encode()
		if err != nil {
			return 0, fmt.Errorf("log record %s: %w", rec.Kind, err)
		}
		datas[i] = data
	}
	var end int64
	if err := t.queryRow(ctx, `UPDATE log_head SET size = size + ? WHERE id = 1 RETURNING size`, len(recs)).Scan(&end); err != nil {
		return 0, fmt.Errorf("log append: %w", err)
	}
	start := end - int64(len(recs))
	base := tlog.StoredHashIndex(0, start) // stored hashes from here on are new
	var fresh []tlog.Hash
	stored := t.hashReader(ctx)
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		var old []int64
		for i, x := range indexes {
			if x >= base {
				out[i] = fresh[x-base]
			} else {
				old = append(old, x)
			}
		}
		if len(old) > 0 {
			hs, err := stored.ReadHashes(old)
			if err != nil {
				return nil, err
			}
			j := 0
			for i, x := range indexes {
				if x < base {
					out[i] = hs[j]
					j++
				}
			}
		}
		return out, nil
	})
	for i, data := range datas {
		hs, err := tlog.StoredHashes(start+int64(i), data, reader)
		if err != nil {
			return 0, fmt.Errorf("log append %d: %w", start+int64(i), err)
		}
		fresh = append(fresh, hs...)
	}
	recArgs := make([]any, 0, 3*len(recs))
	for i, data := range datas {
		recArgs = append(recArgs, start+int64(i), string(recs[i].Kind), data)
	}
	if err := t.insertRows(ctx, `INSERT INTO log_records (idx, kind, data) VALUES `, 3, recArgs); err != nil {
		return 0, fmt.Errorf("log append %d: %w", start, err)
	}
	hashArgs := make([]any, 0, 2*len(fresh))
	for i := range fresh {
		hashArgs = append(hashArgs, base+int64(i), fresh[i][:])
	}
	if err := t.insertRows(ctx, `INSERT INTO log_hashes (idx, hash) VALUES `, 2, hashArgs); err != nil {
		return 0, fmt.Errorf("log append %d hashes: %w", start, err)
	}
	return start, nil
}

// insertRows runs a multi-row INSERT, cols values per row, at most 500 rows a statement.
func (t *Tx) insertRows(ctx context.Context, prefix string, cols int, args []any) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	const maxRows = 500
	for start := 0; start < len(args); start += maxRows * cols {
		chunk := args[start:min(start+maxRows*cols, len(args))]
		var q strings.Builder
		q.WriteString(prefix)
		for i := 0; i < len(chunk)/cols; i++ {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(row)
		}
		if _, err := t.exec(ctx, q.String(), chunk...); err != nil {
			return err
		}
	}
	return nil
}

type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// readHashes reads stored hashes by tlog stored-hash index, in the order asked.
func readHashes(ctx context.Context, s *Store, db queryer, indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	if len(indexes) == 0 {
		return out, nil
	}
	pos := make(map[int64][]int, len(indexes))
	const batch = 500
	for start := 0; start < len(indexes); start += batch {
		chunk := indexes[start:min(start+batch, len(indexes))]
		var q strings.Builder
		q.WriteString(`SELECT idx, hash FROM log_hashes WHERE idx IN (`)
		args := make([]any, len(chunk))
		for i, x := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("?")
			args[i] = x
			pos[x] = append(pos[x], start+i)
		}
		q.WriteString(")")
		rows, err := db.QueryContext(ctx, s.rebind(q.String()), args...)
		if err != nil {
			return nil, fmt.Errorf("read log hashes: %w", err)
		}
		for rows.Next() {
			var idx int64
			var h []byte
			if err := rows.Scan(&idx, &h); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read log hashes: %w", err)
			}
			if len(h) != tlog.HashSize {
				rows.Close()
				return nil, fmt.Errorf("log hash %d has %d bytes, want %d", idx, len(h), tlog.HashSize)
			}
			for _, p := range pos[idx] {
				copy(out[p][:], h)
			}
			delete(pos, idx)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, ps := range pos {
		if len(ps) > 0 {
			return nil, fmt.Errorf("log hash %d is missing", indexes[ps[0]])
		}
	}
	return out, nil
}

func (t *Tx) hashReader(ctx context.Context) tlog.HashReader {
	return tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		return readHashes(ctx, t.s, t.tx, indexes)
	})
}

// HashReader reads the log's stored hashes outside any transaction.
func (s *Store) HashReader(ctx context.Context) tlog.HashReader {
	return tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		return readHashes(ctx, s, s.read, indexes)
	})
}

// LogSize returns the number of records in the public log.
func (s *Store) LogSize(ctx context.Context) (int64, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, `SELECT size FROM log_head WHERE id = 1`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("read log size: %w", err)
	}
	return n, nil
}

// LogTree returns the size and root hash of the log as stored now.
func (s *Store) LogTree(ctx context.Context) (tlog.Tree, error) {
	var tree tlog.Tree
	err := s.view(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT size FROM log_head WHERE id = 1`).Scan(&tree.N); err != nil {
			return fmt.Errorf("read log size: %w", err)
		}
		h, err := tlog.TreeHash(tree.N, tx.hashReader(ctx))
		tree.Hash = h
		return err
	})
	return tree, err
}

// LogRecords returns the encoded records with indexes in [from, to).
func (s *Store) LogRecords(ctx context.Context, from, to int64) ([][]byte, error) {
	if from < 0 || to < from {
		return nil, atazan.Errorf(atazan.EInvalid, "bad record range [%d, %d)", from, to)
	}
	rows, err := s.read.QueryContext(ctx, s.rebind(`SELECT idx, data FROM log_records WHERE idx >= ? AND idx < ? ORDER BY idx`), from, to)
	if err != nil {
		return nil, fmt.Errorf("read log records: %w", err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var idx int64
		var data []byte
		if err := rows.Scan(&idx, &data); err != nil {
			return nil, fmt.Errorf("read log records: %w", err)
		}
		if idx != from+int64(len(out)) {
			return nil, fmt.Errorf("log record %d is missing", from+int64(len(out)))
		}
		out = append(out, data)
	}
	return out, rows.Err()
}

// SaveCheckpoint stores a signed checkpoint of the given tree size.
func (s *Store) SaveCheckpoint(ctx context.Context, size int64, note []byte) error {
	return s.update(ctx, func(tx *Tx) error {
		q := `INSERT INTO log_checkpoints (size, note, created_at) VALUES (?, ?, ?) ON CONFLICT (size) DO NOTHING`
		_, err := tx.exec(ctx, q, size, note, micros(tx.now))
		return err
	})
}

// LatestCheckpoint returns the signed checkpoint of the largest size, or
// ENotFound when none has been signed yet.
func (s *Store) LatestCheckpoint(ctx context.Context) ([]byte, error) {
	var note []byte
	err := s.read.QueryRowContext(ctx, `SELECT note FROM log_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, atazan.Errorf(atazan.ENotFound, "no checkpoint has been signed yet")
	}
	return note, err
}

// LookupSecret returns the named server secret and whether it exists.
func (s *Store) LookupSecret(ctx context.Context, name string) ([]byte, bool, error) {
	var v []byte
	err := s.read.QueryRowContext(ctx, s.rebind(`SELECT value FROM secrets WHERE name = ?`), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return v, err == nil, err
}

// SetSecretOnce stores a value under name unless one exists, and returns the stored value.
func (s *Store) SetSecretOnce(ctx context.Context, name string, value []byte) ([]byte, error) {
	var v []byte
	err := s.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		v = value
		_, err = tx.exec(ctx, `INSERT INTO secrets (name, value) VALUES (?, ?)`, name, v)
		return err
	})
	return v, err
}

// pseudonymKey names the secret that keys account pseudonyms in the public log.
const pseudonymKey = "account-pseudonym-key"

// actor returns the public log's name for an account: its pseudonym, or the
// operator for "" (the command line).
func (t *Tx) actor(ctx context.Context, account string) (ledger.Actor, error) {
	if account == "" {
		return ledger.Operator, nil
	}
	if key := t.s.pseudonymKey.Load(); key != nil {
		return ledger.Pseudonym(*key, account), nil
	}
	var key []byte
	if err := t.queryRow(ctx, `SELECT value FROM secrets WHERE name = ?`, pseudonymKey).Scan(&key); err != nil {
		if !errors.Is(err, sql.ErrNoRows) {
			return "", err
		}
		key = make([]byte, 32)
		rand.Read(key)
		if _, err := t.exec(ctx, `INSERT INTO secrets (name, value) VALUES (?, ?)`, pseudonymKey, key); err != nil {
			return "", err
		}
		// Made in this transaction: cache it only once it is surely committed.
		return ledger.Pseudonym(key, account), nil
	}
	t.s.pseudonymKey.Store(&key) // read from the database: committed, never changes
	return ledger.Pseudonym(key, account), nil
}

// pseudonym returns an account's pseudonym outside any write.
func (s *Store) pseudonym(ctx context.Context, account int64) (ledger.Actor, error) {
	if key := s.pseudonymKey.Load(); key != nil {
		return ledger.Pseudonym(*key, fmt.Sprint(account)), nil
	}
	var a ledger.Actor
	err := s.update(ctx, func(tx *Tx) error {
		var err error
		a, err = tx.actor(ctx, fmt.Sprint(account))
		return err
	})
	return a, err
}

// AppendRecords appends records in one transaction, outside any change of
// stored state, and returns the first and last index. It exists to measure
// and test the log itself (atazan bench log, the log tests): every change of
// the platform's state appends its own record through Tx.appendRecord in the
// transaction of the change, never through this method.
func (s *Store) AppendRecords(ctx context.Context, recs []ledger.Record) (first, last int64, err error) {
	if len(recs) == 0 {
		return 0, -1, atazan.Errorf(atazan.EInvalid, "no records to append")
	}
	err = s.update(ctx, func(tx *Tx) error {
		var err error
		first, err = tx.appendRecords(ctx, recs)
		return err
	})
	return first, first + int64(len(recs)) - 1, err
}

// LogRecordsTolerant returns the first n records, and the indexes of those
// missing (a damaged database), instead of failing on the first gap: for
// verifiers that must name every discrepancy.
func (s *Store) LogRecordsTolerant(ctx context.Context, n int64) ([][]byte, []int64, error) {
	rows, err := s.read.QueryContext(ctx, s.rebind(`SELECT idx, data FROM log_records WHERE idx >= 0 AND idx < ? ORDER BY idx`), n)
	if err != nil {
		return nil, nil, fmt.Errorf("read log records: %w", err)
	}
	defer rows.Close()
	out := make([][]byte, n)
	for rows.Next() {
		var idx int64
		var data []byte
		if err := rows.Scan(&idx, &data); err != nil {
			return nil, nil, fmt.Errorf("read log records: %w", err)
		}
		out[idx] = data
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var missing []int64
	for i, d := range out {
		if d == nil {
			missing = append(missing, int64(i))
		}
	}
	return out, missing, nil
}

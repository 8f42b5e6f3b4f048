package ledger

import (
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// A Discrepancy is something in a log, or in what a server publishes, that
// contradicts the log's rules or its signed checkpoint.
type Discrepancy struct {
	Index int64  `json:"index"` // the record at fault, or -1 when no one record is
	What  string `json:"what"`  // plain language
}

func (d Discrepancy) String() string {
	if d.Index < 0 {
		return d.What
	}
	return fmt.Sprintf("record %d: %s", d.Index, d.What)
}

// VerifyRecords checks the records of a log against its stored hashes and a
// checkpoint, the way a database-side verifier or an auditor does:
//
//   - there are exactly cp.Size records (a nil record counts as missing);
//   - every record decodes (Decode: canonical, version 1);
//   - the leaf hash of every record equals the level-0 hash the log stores
//     for its index (hashes.ReadHashes of tlog.StoredHashIndex(0, i));
//   - the stored hashes give the checkpoint's root (tlog.TreeHash);
//   - the root recomputed from the records alone is the checkpoint's root.
//
// hashes is typically tlog.TileHashReader over the log's tiles, which also
// proves every hash it returns against the checkpoint, or the stored hashes
// of a database. Recomputing the root from the records keeps 2·Size hashes
// in memory (64 MB per million records).
func VerifyRecords(records [][]byte, hashes tlog.HashReader, cp Checkpoint) []Discrepancy {
	_, ds := verifyRecords(records, hashes, cp)
	return ds
}

// verifyRecords is VerifyRecords that also returns the decoded records (the
// zero Record where a record is missing or does not decode).
func verifyRecords(records [][]byte, hashes tlog.HashReader, cp Checkpoint) ([]Record, []Discrepancy) {
	var ds []Discrepancy
	add := func(i int64, format string, args ...any) {
		ds = append(ds, Discrepancy{Index: i, What: fmt.Sprintf(format, args...)})
	}
	if int64(len(records)) != cp.Size {
		add(-1, "the log serves %d records, its checkpoint says %d", len(records), cp.Size)
	}
	n := min(int64(len(records)), cp.Size)
	decoded := make([]Record, n)
	leaves := make([]tlog.Hash, n)
	complete := int64(len(records)) == cp.Size
	for i := range n {
		if records[i] == nil {
			add(i, "record is missing")
			complete = false
			continue
		}
		r, err := Decode(records[i])
		if err != nil {
			add(i, "record does not decode: %v", err)
		} else {
			decoded[i] = r
		}
		leaves[i] = tlog.RecordHash(records[i])
	}

	// The stored leaf hashes, a tile's worth at a time.
	indexes := make([]int64, 0, tileWidth)
	for lo := int64(0); lo < n; lo += tileWidth {
		hi := min(lo+tileWidth, n)
		indexes = indexes[:0]
		for i := lo; i < hi; i++ {
			indexes = append(indexes, tlog.StoredHashIndex(0, i))
		}
		stored, err := hashes.ReadHashes(indexes)
		if err == nil && len(stored) != len(indexes) {
			err = fmt.Errorf("%d hashes for %d indexes", len(stored), len(indexes))
		}
		if err != nil {
			add(lo, "the stored hashes of records %d to %d do not verify against the checkpoint: %v", lo, hi-1, err)
			continue
		}
		for i := lo; i < hi; i++ {
			if records[i] != nil && stored[i-lo] != leaves[i] {
				add(i, "leaf hash %v of the record differs from the log's stored hash %v", leaves[i], stored[i-lo])
			}
		}
	}
	if cp.Size > 0 {
		if root, err := tlog.TreeHash(cp.Size, hashes); err != nil {
			add(-1, "the stored hashes do not give a tree hash for size %d: %v", cp.Size, err)
		} else if root != cp.Hash {
			add(-1, "the stored hashes give root %v, the checkpoint says %v", root, cp.Hash)
		}
	}

	// The root from the records alone, with nothing taken from the log.
	if complete && cp.Size > 0 {
		own := make(memHashes, 0, tlog.StoredHashCount(cp.Size))
		for i, h := range leaves {
			s, err := tlog.StoredHashesForRecordHash(int64(i), h, own)
			if err != nil {
				add(-1, "recomputing the tree: %v", err)
				return decoded, ds
			}
			own = append(own, s...)
		}
		if root, err := tlog.TreeHash(cp.Size, own); err != nil || root != cp.Hash {
			add(-1, "the root recomputed from the records is %v, the checkpoint says %v", root, cp.Hash)
		}
	}
	return decoded, ds
}

// ReplayRecords decodes and replays records from the empty state. Records
// that do not decode are reported and skipped, as are records that Replay
// refuses.
func ReplayRecords(records [][]byte) (*State, []Discrepancy) {
	var ds []Discrepancy
	s := new(State)
	for i, b := range records {
		r, err := Decode(b)
		if err != nil {
			ds = append(ds, Discrepancy{Index: int64(i), What: fmt.Sprintf("record does not decode: %v", err)})
			continue
		}
		if err := Replay(s, int64(i), r); err != nil {
			ds = append(ds, replayDiscrepancy(int64(i), err))
		}
	}
	return s, ds
}

// replayDiscrepancy reports a record that Replay refused.
func replayDiscrepancy(i int64, err error) Discrepancy {
	return Discrepancy{Index: i, What: "not allowed: " + strings.TrimPrefix(err.Error(), fmt.Sprintf("record %d ", i))}
}

// memHashes is a tree's stored hashes in memory, in tlog's storage order.
type memHashes []tlog.Hash

func (m memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("stored hash %d not in memory (%d held)", x, len(m))
		}
		out[i] = m[x]
	}
	return out, nil
}

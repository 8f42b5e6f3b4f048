package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// syntheticHashes answers every stored-hash index with SHA-256 of the
// index: a log of any size without storing it. The hashes are not those of
// a real tree (a proof from them does not verify), but tlog.ProveRecord's
// work (which indexes it asks for, how it combines them) is the same as on a
// real log, and that work is what BenchmarkInclusionProof10M measures. A
// real 10M-record log holds StoredHashCount(10M) ≈ 20M hashes, 640 MB.
type syntheticHashes struct{}

func (syntheticHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	var b [8]byte
	for i, x := range indexes {
		binary.BigEndian.PutUint64(b[:], uint64(x))
		out[i] = sha256.Sum256(b[:])
	}
	return out, nil
}

func BenchmarkInclusionProof10M(b *testing.B) {
	const size = 10_000_000
	b.ReportAllocs()
	i := int64(0)
	for b.Loop() {
		if _, err := tlog.ProveRecord(size, i, syntheticHashes{}); err != nil {
			b.Fatal(err)
		}
		i = (i + 7_654_321) % size
	}
}

// BenchmarkAuditMillion verifies a million distinct records against their
// stored hashes and checkpoint, as VerifyRecords does in an audit: decode
// every record, hash it, compare with the stored leaf hash, compute the
// tree hash from the stored hashes and again from the records alone.
// (Fetching the records over HTTP is not included.)
func BenchmarkAuditMillion(b *testing.B) {
	const n = 1_000_000
	l := &testLog{records: make([][]byte, 0, n), hashes: make(memHashes, 0, tlog.StoredHashCount(n))}
	for i := range n {
		l.append(b, testRecord(b, i))
	}
	cp := l.checkpoint(b, n)
	b.ReportAllocs()
	for b.Loop() {
		if ds := VerifyRecords(l.records, l.hashes, cp); len(ds) != 0 {
			b.Fatal(ds[0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/record")
}

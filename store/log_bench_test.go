package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"atazan/ledger"
	"atazan/store"
	"atazan/store/storetest"
)

func benchRecords(n int) []ledger.Record {
	recs := make([]ledger.Record, n)
	t0 := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	for i := range recs {
		r, err := ledger.VersionCreated{
			CharterTitle: "Constitution of the Republic of Altyndala", Lang: "kk",
			Hash: fmt.Sprintf("sha256:%064x", i), Title: "Altyndala Respublikasynyn Konstitutsiiasy",
		}.Record(t0.Add(time.Duration(i)*time.Microsecond), ledger.Operator, "altyndala", fmt.Sprintf("v%d", i))
		if err != nil {
			panic(err)
		}
		recs[i] = r
	}
	return recs
}

// BenchmarkAppend measures durable appends to the public log in batches of
// 1,000 records per transaction; ns/op is per record. The "nolog" variant
// stores the same encoded records in the same table without the Merkle tree
// (no log_head update, no stored hashes): the ratio of the two is the cost of
// the tree.
func BenchmarkAppend(b *testing.B) {
	for _, db := range []struct {
		name string
		open storetest.Opener
	}{{"sqlite", storetest.SQLite()}, {"postgres", storetest.Postgres()}} {
		for _, withLog := range []bool{true, false} {
			name := db.name + "/log"
			if !withLog {
				name = db.name + "/nolog"
			}
			b.Run(name, func(b *testing.B) {
				s := db.open(b)
				const batch = 1000
				recs := benchRecords(batch)
				b.ResetTimer()
				next := int64(0)
				for done := 0; done < b.N; done += batch {
					n := min(batch, b.N-done)
					if withLog {
						if _, _, err := s.AppendRecords(context.Background(), recs[:n]); err != nil {
							b.Fatal(err)
						}
					} else {
						if err := store.InsertRecordsWithoutTree(s, next, recs[:n]); err != nil {
							b.Fatal(err)
						}
						next += int64(n)
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}

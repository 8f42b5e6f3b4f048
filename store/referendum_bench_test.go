package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"atazan"
	"atazan/identity"
	"atazan/referendum"
	"atazan/store"
	"atazan/store/storetest"
)

// russia2020 is the protocol file of the 2020 all-Russian vote (96,765
// polling stations) and its mapping, relative to this package.
var (
	russia2020        = filepath.Join("..", "..", "shared", "data", "precincts", "russia-2020-constitutional-vote.csv.zip")
	russia2020Mapping = filepath.Join("..", "referendum", "testdata", "russia-2020.mapping.json")
)

var demoDate = atazan.Date{Y: 2026, M: 3, D: 15}

func sharedOrSkip(tb testing.TB, path string) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal(err)
		}
		tb.Skip(err)
	}
}

// importRussia2020 imports the whole file into a fresh referendum of s.
func importRussia2020(tb testing.TB, s *store.Store, slug string) (store.Referendum, *store.ProtocolImport) {
	tb.Helper()
	ctx := context.Background()
	m, err := referendum.LoadMapping(russia2020Mapping)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := s.CreateReferendum(ctx, referendum.Referendum{Slug: slug, Charter: "altyndala", Version: "draft", Rules: "simple-majority",
		Questions: map[string]string{"kk": "?", "ru": "?", "en": "?"}, Date: demoDate}, 0)
	if err != nil {
		tb.Fatal(err)
	}
	f, err := referendum.OpenProtocolFile(russia2020)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	res, err := s.ImportProtocols(ctx, r.ID, f, m, store.ProtocolImportOptions{CreateStructure: true})
	if err != nil {
		tb.Fatal(err)
	}
	return r, res
}

// BenchmarkImportRussia2020 imports, validates, logs (one record per
// protocol, appended in batches) and aggregates the 96,765 real protocols
// of 2020 from their zip archive into a fresh referendum, with the
// structure built from the file: the whole import, durable.
func BenchmarkImportRussia2020(b *testing.B) {
	sharedOrSkip(b, russia2020)
	for _, db := range []struct {
		name string
		open storetest.Opener
	}{{"sqlite", storetest.SQLite()}, {"postgres", storetest.Postgres()}} {
		b.Run(db.name, func(b *testing.B) {
			s := db.open(b)
			storetest.NewReferendum(b, s, "")
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, res := importRussia2020(b, s, fmt.Sprintf("ru-%d", i)); res.Accepted != 96_765 {
					b.Fatal(res.Accepted)
				}
			}
			b.ReportMetric(96_765, "protocols/op")
		})
	}
}

// BenchmarkNationalTotalsAfterProtocol stores one correction of a
// precinct's protocol (checked, logged, its district's, region's and the
// nation's running totals updated, committed durably) in a referendum
// holding the 96,765 real protocols, then reads the national totals and
// decides: what a results page does after each new protocol.
func BenchmarkNationalTotalsAfterProtocol(b *testing.B) {
	sharedOrSkip(b, russia2020)
	s := storetest.SQLite()(b)
	storetest.NewReferendum(b, s, "")
	r, _ := importRussia2020(b, s, "ru")
	ctx := context.Background()
	revs, err := s.PrecinctRevisions(ctx, r.ID, 123)
	if err != nil || len(revs) != 1 {
		b.Fatal(err)
	}
	p := revs[0].Revision
	if _, err := s.Results(ctx, r.ID); err != nil { // the structure is read once, then kept
		b.Fatal(err)
	}
	b.Run("submit+read", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			p.Number++
			p.Reason = "recount"
			p.Protocol.Values[referendum.Invalid] += int64(i % 2)
			p.Protocol.Values[referendum.Yes] -= int64(i % 2)
			if _, _, err := s.SubmitProtocol(ctx, r.ID, p, identity.Account{}); err != nil {
				b.Fatal(err)
			}
			res, err := s.Results(ctx, r.ID)
			if err != nil || res.PrecinctsReported != 96_765 {
				b.Fatal(res, err)
			}
		}
	})
	// The read alone: the national totals and the decision, as a page or the API gets them.
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if res, err := s.Results(ctx, r.ID); err != nil || res.PrecinctsReported != 96_765 {
				b.Fatal(res, err)
			}
		}
	})
}

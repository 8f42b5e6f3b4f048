package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"atazan/charter"
	"atazan/consult"
	"atazan/identity"
	"atazan/store"
	"atazan/store/storetest"
)

// BenchmarkSubmitProposal measures proposals submitted concurrently by many
// citizens (32 at a time), each a durable change with its log record.
func BenchmarkSubmitProposal(b *testing.B) {
	for _, db := range []struct {
		name string
		open storetest.Opener
	}{{"sqlite", storetest.SQLite()}, {"postgres", storetest.Postgres()}} {
		b.Run(db.name, func(b *testing.B) {
			s := db.open(b)
			ctx := context.Background()
			s.Now = func() time.Time { return time.Date(2026, 3, 10, 6, 0, 0, 0, time.UTC) }
			if _, err := s.ImportVersion(ctx, charter.ImportRequest{Charter: "altyndala", Version: "draft", Doc: storetest.SampleDocument("en", "a")}); err != nil {
				b.Fatal(err)
			}
			c, _, err := s.OpenConsultation(ctx, consult.OpenRequest{Charter: "altyndala", Version: "draft", From: "2026-03-01", To: "2026-03-31"}, 0)
			if err != nil {
				b.Fatal(err)
			}
			const citizens = 64
			ids := make([]identity.AccountID, citizens)
			for i := range ids {
				a, _, err := s.CreateAccount(ctx, store.NewAccount{Name: "C", Email: fmt.Sprintf("c%d@x.kz", i), IINHash: fmt.Sprint(i), Region: "abai", PasswordHash: "x", Verification: "self-declared"})
				if err != nil {
					b.Fatal(err)
				}
				ids[i] = a.ID
			}
			var n atomic.Int64
			b.SetParallelism(16) // 32 goroutines on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					_, created, err := s.SubmitProposal(ctx, consult.Submission{Consultation: c.ID, Unit: "art_1__para_1", Kind: consult.KindAmend,
						Text: fmt.Sprintf("Altyndala is a democratic state, version %d.", i), Rationale: "Because it must be said."}, ids[i%citizens], "web")
					if err != nil || !created {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "proposals/s")
		})
	}
}

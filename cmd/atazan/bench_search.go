package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"atazan/charter"
	"atazan/consult"
	"atazan/demo"
	"atazan/gen"
	"atazan/identity"
)

func benchSearchCommand() *command {
	return &command{
		name:    "bench search",
		summary: "measure full-text search over a consultation of many proposals",
		nargs:   0,
		help: `Fills a fresh database (a temporary SQLite file unless --db names an empty
one) with --proposals generated proposals on the demo draft, imported in
batches, then runs --queries searches of one to three words taken from the
generated texts and reports latency percentiles. Prints one JSON object on
standard output.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			sf.db = ""
			n := fs.Int("proposals", 100000, "proposals to generate")
			queries := fs.Int("queries", 500, "searches to run")
			batch := fs.Int("batch", 2000, "proposals imported per transaction")
			return func(ctx context.Context, m *Main, _ []string) error {
				if sf.db == "" {
					dir, err := os.MkdirTemp("", "atazan-bench-")
					if err != nil {
						return err
					}
					defer os.RemoveAll(dir)
					sf.db = "sqlite:" + filepath.Join(dir, "atazan.db")
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				if err := demo.Load(ctx, s, func(string, ...any) {}); err != nil {
					return err
				}
				today := time.Now()
				c, _, err := s.OpenConsultation(ctx, consult.OpenRequest{Charter: demo.Charter, Version: demo.Draft,
					From: today.AddDate(0, 0, -1).Format(time.DateOnly), To: today.AddDate(0, 0, 30).Format(time.DateOnly)}, 0)
				if err != nil {
					return err
				}
				_, doc, err := s.ConsultationDocument(ctx, c.ID)
				if err != nil {
					return err
				}
				var units []charter.UnitID
				doc.Walk(func(u, _ *charter.Unit) bool {
					if u.Kind == charter.KindParagraph || u.Kind == charter.KindPoint {
						units = append(units, u.ID)
					}
					return true
				})
				g, err := gen.New(gen.Config{Seed: 7, Proposals: *n, Units: units, Regions: identity.DefaultRegions().Codes()})
				if err != nil {
					return err
				}
				t0 := time.Now()
				var words []string
				rows := make([]consult.ImportRow, 0, *batch)
				flush := func() error {
					if len(rows) == 0 {
						return nil
					}
					_, err := s.ImportProposals(ctx, c.ID, rows)
					rows = rows[:0]
					return err
				}
				for p, ok := g.Next(); ok; p, ok = g.Next() {
					rows = append(rows, consult.ImportRow{Channel: consult.ChannelPortal, SourceRef: "B-" + strconv.Itoa(p.Index),
						Received: consult.DateOf(today), Region: p.Region, Unit: p.Unit, Kind: consult.Kind(p.Kind),
						Text: consult.NormalizeText(p.Text), Rationale: consult.NormalizeText(p.Rationale), Lang: p.Lang})
					if p.Index%97 == 0 {
						for _, w := range strings.Fields(p.Text) {
							if w = strings.Trim(w, ".,;:«»\"()!?"); len([]rune(w)) >= 5 {
								words = append(words, w)
							}
						}
					}
					if len(rows) == *batch {
						if err := flush(); err != nil {
							return err
						}
					}
					if (p.Index+1)%100000 == 0 {
						fmt.Fprintf(m.Stderr, "imported %d proposals (%.0f/s)\n", p.Index+1, float64(p.Index+1)/time.Since(t0).Seconds())
					}
				}
				if err := flush(); err != nil {
					return err
				}
				loadSecs := time.Since(t0).Seconds()
				var lat []time.Duration
				hitsTotal := 0
				for i := range *queries {
					k := 1 + i%3
					var q []string
					for j := range k {
						q = append(q, words[(i*7919+j*104729)%len(words)])
					}
					t1 := time.Now()
					hits, total, err := s.SearchProposals(ctx, c.ID, strings.Join(q, " "), 20, 0)
					lat = append(lat, time.Since(t1))
					if err != nil {
						return err
					}
					hitsTotal += len(hits)
					_ = total
				}
				slices.Sort(lat)
				pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
				return writeJSON(m.Stdout, map[string]any{
					"dialect": string(s.Dialect()), "proposals": *n, "load_seconds": round3(loadSecs),
					"queries": *queries, "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": pct(1),
					"mean_hits": float64(hitsTotal) / float64(*queries),
				})
			}
		},
	}
}

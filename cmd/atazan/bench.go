package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"atazan/ledger"
	"atazan/web"
)

func benchLogCommand() *command {
	return &command{
		name:    "bench log",
		summary: "measure the public log: durable appends, inclusion proofs, a full audit",
		nargs:   0,
		help: `Builds a log of --records records in a fresh database (a temporary SQLite file
unless --db names one, which must be empty), then measures:
  - durable appends in batches of --batch records per transaction;
  - inclusion proofs against the signed checkpoint, their hashes read from the
    database (--proofs proofs at random indexes; the time of tlog.ProveRecord,
    each proof then checked with tlog.CheckRecord);
  - the same records read without their proof (the baseline of the proofs);
  - every entry bundle fetched without any check (the baseline of the audit);
  - a full audit over HTTP on loopback: checkpoint, every entry bundle and
    tile, every record hashed to the root, replay (the comparison with the
    JSON API is left out: it costs one request per object and is measured by
    the ordinary audit).
Prints one JSON object with the numbers on standard output; progress goes to
standard error.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			fs.Lookup("db").DefValue = ""
			sf.db = ""
			n := fs.Int64("records", 100000, "records to append")
			batch := fs.Int("batch", 1000, "records per transaction")
			proofs := fs.Int("proofs", 1000, "inclusion proofs to make")
			audit := fs.Bool("audit", true, "also measure a full audit over HTTP")
			return func(ctx context.Context, m *Main, _ []string) error {
				if sf.db == "" {
					dir, err := os.MkdirTemp("", "atazan-bench-")
					if err != nil {
						return err
					}
					defer os.RemoveAll(dir)
					sf.db = "sqlite:" + filepath.Join(dir, "atazan.db")
				}
				s, k, err := sf.open(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				if size, err := s.LogSize(ctx); err != nil || size != 0 {
					return fmt.Errorf("bench log needs an empty database (this one holds %d records): %v", size, err)
				}

				// 1. Durable appends.
				t0 := time.Now()
				recs := make([]ledger.Record, 0, *batch)
				for done := int64(0); done < *n; {
					recs = recs[:0]
					for i := 0; i < *batch && done+int64(i) < *n; i++ {
						idx := done + int64(i)
						r, err := ledger.VersionCreated{CharterTitle: "Constitution of the Republic of Altyndala", Lang: "kk",
							Hash: fmt.Sprintf("sha256:%064x", idx), Title: "Altyndala"}.Record(time.Now(), ledger.Operator, "bench", fmt.Sprintf("v%d", idx))
						if err != nil {
							return err
						}
						recs = append(recs, r)
					}
					if _, _, err := s.AppendRecords(ctx, recs); err != nil {
						return err
					}
					done += int64(len(recs))
					if done%(100*int64(*batch)) == 0 {
						fmt.Fprintf(m.Stderr, "appended %d records (%.0f/s)\n", done, float64(done)/time.Since(t0).Seconds())
					}
				}
				appendSecs := time.Since(t0).Seconds()

				// 2. A checkpoint, then inclusion proofs read from the database.
				cpr := &ledger.Checkpointer{Source: s, SignerKey: k.skey}
				cp, _, err := cpr.SignIfGrown(ctx)
				if err != nil {
					return err
				}
				hr := s.HashReader(ctx)
				var proving, reading time.Duration
				for range *proofs {
					i := rand.Int64N(cp.Size)
					t1 := time.Now()
					p, err := tlog.ProveRecord(cp.Size, i, hr)
					proving += time.Since(t1)
					if err != nil {
						return err
					}
					t1 = time.Now()
					data, err := s.LogRecords(ctx, i, i+1) // the baseline: the record alone
					reading += time.Since(t1)
					if err != nil {
						return err
					}
					if err := tlog.CheckRecord(p, cp.Size, cp.Hash, i, tlog.RecordHash(data[0])); err != nil {
						return fmt.Errorf("proof of record %d: %w", i, err)
					}
				}
				proofSecs := proving.Seconds() / float64(*proofs)

				out := map[string]any{
					"dialect":         string(s.Dialect()),
					"records":         cp.Size,
					"batch":           *batch,
					"append_seconds":  round3(appendSecs),
					"appends_per_sec": int64(float64(cp.Size) / appendSecs),
					"proof_micros":    round3(proofSecs * 1e6),
					"read_micros":     round3(reading.Seconds() / float64(*proofs) * 1e6),
				}
				if !*audit {
					return writeJSON(m.Stdout, out)
				}

				// 3. A full audit over HTTP on loopback.
				srv, err := web.New(web.Config{Log: s, LogVerifierKey: k.vkey}, s, nil)
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					return err
				}
				sctx, stop := context.WithCancel(ctx)
				defer stop()
				go srv.Serve(sctx, ln)
				base := "http://" + ln.Addr().String()
				// The baseline: fetching every entry bundle, checking nothing.
				t3 := time.Now()
				for n := int64(0); n*256 < cp.Size; n++ {
					w := min(256, cp.Size-n*256)
					resp, err := http.Get(base + ledger.LogPrefix + "/" + ledger.TilePath(tlog.Tile{H: ledger.TileHeight, L: -1, N: n, W: int(w)}))
					if err != nil {
						return err
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						return fmt.Errorf("entry bundle %d: %s", n, resp.Status)
					}
				}
				out["fetch_seconds"] = round3(time.Since(t3).Seconds())
				fmt.Fprintf(m.Stderr, "auditing %d records over %s\n", cp.Size, base)
				t2 := time.Now()
				rep, err := (&ledger.Auditor{BaseURL: base, VerifierKey: k.vkey, SkipCompare: true}).Run(ctx)
				if err != nil {
					return err
				}
				auditSecs := time.Since(t2).Seconds()
				if !rep.OK() {
					return fmt.Errorf("the audit found %d discrepancies, first: %s", len(rep.Discrepancies), rep.Discrepancies[0])
				}
				out["audit_seconds"] = round3(auditSecs)
				out["audit_records_sec"] = int64(float64(cp.Size) / auditSecs)
				return writeJSON(m.Stdout, out)
			}
		},
	}
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

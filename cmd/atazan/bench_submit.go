package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"atazan/charter"
	"atazan/gen"
	"atazan/identity"
	"atazan/ledger"
)

func benchSubmitCommand() *command {
	return &command{
		name:    "bench submit",
		summary: "load generator: register citizens and submit proposals over HTTP",
		nargs:   0,
		help: `Registers --citizens citizens through POST /api/v1/accounts, takes an API
token for each, then submits --proposals generated proposals through
POST /api/v1/proposals with --concurrency requests in flight, and reports
throughput and latency percentiles. Afterwards it checks that three counts
agree exactly: the new proposals the server holds (GET /api/v1/consultations/ID),
the new proposal records in its public log (read through /api/v1/log/records)
and the acknowledgements it received.

The server's rate limits must allow the load: start it with, for example,
"atazan serve --rate-limits=off" (or raised --rate-register/--rate-submit).
Prints one JSON object on standard output; progress goes to standard error.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			base := fs.String("url", "http://localhost:8080", "the server's base URL")
			citizens := fs.Int("citizens", 200, "citizens to register")
			proposals := fs.Int("proposals", 10000, "proposals to submit")
			conc := fs.Int("concurrency", 32, "requests in flight")
			cid := fs.Int64("consultation", 0, "consultation ID (default: the newest open one)")
			seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "random seed (accounts and texts)")
			return func(ctx context.Context, m *Main, _ []string) error {
				b := &loadRun{base: strings.TrimSuffix(*base, "/"), client: &http.Client{Timeout: time.Minute,
					Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}}, seed: *seed}
				return b.run(ctx, m, *citizens, *proposals, *conc, *cid)
			}
		},
	}
}

type loadRun struct {
	base   string
	client *http.Client
	seed   uint64
}

// call sends a JSON request and decodes a JSON answer; it returns the status.
func (b *loadRun) call(ctx context.Context, method, path, token string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, b.base+path, body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(data))
	}
	if out != nil {
		return resp.StatusCode, json.Unmarshal(data, out)
	}
	return resp.StatusCode, nil
}

type consultationInfo struct {
	ID        int64  `json:"id"`
	Charter   string `json:"charter"`
	Version   string `json:"version"`
	Open      bool   `json:"open"`
	Proposals struct {
		Total int `json:"total"`
	} `json:"proposals"`
}

// proposalRecords counts the proposal.submitted records of a consultation in
// the public log from record from on, and returns the log's size.
func (b *loadRun) proposalRecords(ctx context.Context, cid int64, from int64) (count int, size int64, err error) {
	for {
		var page struct {
			To, Size int64
			Records  []struct {
				Data string `json:"data"`
			}
		}
		if _, err := b.call(ctx, "GET", fmt.Sprintf("/api/v1/log/records?from=%d&to=%d", from, from+1000), "", nil, &page); err != nil {
			return 0, 0, err
		}
		for _, r := range page.Records {
			rec, err := ledger.Decode([]byte(r.Data))
			if err != nil {
				return 0, 0, err
			}
			if rec.Kind == ledger.KindProposalSubmitted && rec.Subject["consultation"] == fmt.Sprint(cid) {
				count++
			}
		}
		if page.To >= page.Size || len(page.Records) == 0 {
			return count, page.Size, nil
		}
		from = page.To
	}
}

func (b *loadRun) run(ctx context.Context, m *Main, nCitizens, nProposals, conc int, cid int64) error {
	// The consultation and the units it offers.
	var c consultationInfo
	if cid == 0 {
		var list struct{ Consultations []consultationInfo }
		if _, err := b.call(ctx, "GET", "/api/v1/consultations", "", nil, &list); err != nil {
			return err
		}
		for _, x := range list.Consultations {
			if x.Open && x.ID > cid {
				cid = x.ID
			}
		}
		if cid == 0 {
			return fmt.Errorf("the server has no open consultation: open one with \"atazan consultation open\"")
		}
	}
	if _, err := b.call(ctx, "GET", fmt.Sprintf("/api/v1/consultations/%d", cid), "", nil, &c); err != nil {
		return err
	}
	var text struct{ Units []*charter.Unit }
	if _, err := b.call(ctx, "GET", "/api/v1/charters/"+url.PathEscape(c.Charter)+"/versions/"+url.PathEscape(c.Version)+"/units", "", nil, &text); err != nil {
		return err
	}
	var units []charter.UnitID
	(&charter.Document{Units: text.Units}).Walk(func(u, _ *charter.Unit) bool {
		if u.Kind == charter.KindParagraph || u.Kind == charter.KindPoint {
			units = append(units, u.ID)
		}
		return true
	})
	before := c.Proposals.Total
	var head struct{ Size int64 }
	if _, err := b.call(ctx, "GET", "/api/v1/log/records?from=0&to=0", "", nil, &head); err != nil {
		return err
	}
	logFrom := head.Size

	// Citizens: register, then take a token.
	rng := rand.New(rand.NewPCG(b.seed, 7))
	run := rng.Uint32()
	regions := identity.DefaultRegions().Codes()
	tokens := make([]string, nCitizens)
	t0 := time.Now()
	err := forEach(ctx, nCitizens, conc, func(i int) error {
		iin := benchIIN(run, i)
		email := fmt.Sprintf("bench-%08x-%d@example.kz", run, i)
		pw := fmt.Sprintf("bench-password-%08x", run)
		if _, err := b.call(ctx, "POST", "/api/v1/accounts", "", map[string]string{"name": fmt.Sprintf("Bench %d", i), "iin": string(iin),
			"region": regions[i%len(regions)], "email": email, "password": pw}, nil); err != nil {
			return err
		}
		var tok struct{ Token string }
		if _, err := b.call(ctx, "POST", "/api/v1/tokens", "", map[string]string{"login": email, "password": pw}, &tok); err != nil {
			return err
		}
		tokens[i] = tok.Token
		return nil
	})
	if err != nil {
		return fmt.Errorf("registering citizens: %w", err)
	}
	fmt.Fprintf(m.Stderr, "registered %d citizens in %.1f s\n", nCitizens, time.Since(t0).Seconds())

	// Proposals.
	g, err := gen.New(gen.Config{Seed: b.seed, Proposals: nProposals, Citizens: nCitizens, Campaigns: -1, Units: units, Regions: regions})
	if err != nil {
		return err
	}
	props := g.All()
	lat := make([]time.Duration, len(props))
	var created, repeated, failed atomic.Int64
	var firstErr sync.Once
	var errText string
	t1 := time.Now()
	err = forEach(ctx, len(props), conc, func(i int) error {
		p := props[i]
		start := time.Now()
		var ack struct {
			ID       int64 `json:"id"`
			LogIndex int64 `json:"log_index"`
		}
		status, err := b.call(ctx, "POST", "/api/v1/proposals", tokens[p.Author], map[string]any{"consultation": cid, "unit": p.Unit,
			"kind": p.Kind, "text": p.Text, "rationale": p.Rationale}, &ack)
		lat[i] = time.Since(start)
		switch {
		case err != nil:
			failed.Add(1)
			firstErr.Do(func() { errText = err.Error() })
		case status == http.StatusCreated:
			created.Add(1)
		default:
			repeated.Add(1)
		}
		return nil
	})
	elapsed := time.Since(t1)
	if err != nil {
		return err
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }

	// The three counts.
	if _, err := b.call(ctx, "GET", fmt.Sprintf("/api/v1/consultations/%d", cid), "", nil, &c); err != nil {
		return err
	}
	logged, _, err := b.proposalRecords(ctx, cid, logFrom)
	if err != nil {
		return err
	}
	stored := c.Proposals.Total - before
	out := map[string]any{
		"consultation": cid, "citizens": nCitizens, "proposals": len(props), "concurrency": conc,
		"accepted": created.Load(), "repeats": repeated.Load(), "failed": failed.Load(),
		"seconds": round3(elapsed.Seconds()), "accepted_per_sec": round3(float64(created.Load()) / elapsed.Seconds()),
		"p50_ms": pct(.5), "p90_ms": pct(.9), "p99_ms": pct(.99), "max_ms": pct(1),
		"stored": stored, "logged": logged, "counts_agree": int64(stored) == created.Load() && int64(logged) == created.Load(),
	}
	if errText != "" {
		out["first_error"] = errText
	}
	if err := writeJSON(m.Stdout, out); err != nil {
		return err
	}
	if !(int64(stored) == created.Load() && int64(logged) == created.Load()) {
		return fmt.Errorf("the counts disagree: %d acknowledged, %d stored, %d logged", created.Load(), stored, logged)
	}
	return nil
}

// forEach runs fn for 0..n-1 with conc goroutines; it stops at the first error.
func forEach(ctx context.Context, n, conc int, fn func(i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					cancel(err)
				}
			}
		}()
	}
loop:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break loop
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// benchIIN returns a valid national ID number for citizen i of a run.
func benchIIN(run uint32, i int) identity.IIN {
	birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int((run+uint32(i)*7)%18000))
	for serial := int(run>>8+uint32(i)) % 10000; ; serial = (serial + 1) % 10000 {
		prefix := fmt.Sprintf("%s%d%04d", birth.Format("060102"), 3+i%2, serial)
		for d := range 10 {
			if n, err := identity.ParseIIN(fmt.Sprintf("%s%d", prefix, d)); err == nil {
				return n
			}
		}
	}
}

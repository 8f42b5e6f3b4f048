package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"atazan/charter"
	"atazan/commission"
	"atazan/demo"
	"atazan/identity"
	"atazan/store"
)

func benchMeetingCommand() *command {
	return &command{
		name:    "bench meeting",
		summary: "measure the live meeting page's delivery to many viewers",
		nargs:   0,
		help: `Sets up a commission of --members members on the demo charter in a temporary
SQLite database, serves it on 127.0.0.1, opens --viewers server-sent event
streams of one meeting's live page (GET /api/v1/meetings/{id}/events), then
runs the meeting over the JSON API: arrivals, opening, an item, a vote with
--votes votes cast, the close. For every event and every viewer it records
the time from the request that caused the change to the viewer's receipt of
the event, and prints the percentiles as one JSON object. Raise the limit of
open files (ulimit -n) above twice the viewers.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			viewers := fs.Int("viewers", 10000, "simultaneous viewers")
			members := fs.Int("members", 130, "members of the commission")
			votes := fs.Int("votes", 60, "votes cast in the vote")
			gap := fs.Duration("gap", 20*time.Millisecond, "pause between two actions")
			return func(ctx context.Context, m *Main, _ []string) error {
				return benchMeeting(ctx, m, *viewers, *members, *votes, *gap)
			}
		},
	}
}

func benchMeeting(ctx context.Context, m *Main, viewers, members, votes int, gap time.Duration) error {
	if votes > members-1 {
		votes = members - 1
	}
	dir, err := os.MkdirTemp("", "atazan-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, "sqlite:"+filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	doc, err := demo.Document(demo.Draft, "en")
	if err != nil {
		return err
	}
	if _, err := s.ImportVersion(ctx, charter.ImportRequest{Charter: "demo", Version: "draft", Doc: doc}); err != nil {
		return err
	}
	if _, err := s.CreateCommission(ctx, store.NewCommission{Slug: "bench", Title: "Commission", Charter: "demo", Base: "draft"}, 0); err != nil {
		return err
	}
	hash, err := identity.HashPassword("bench password 1")
	if err != nil {
		return err
	}
	var ms []commission.Member
	for i := 0; i < members; i++ {
		pos := commission.Ordinary
		if i == 0 {
			pos = commission.Chair
		}
		ms = append(ms, commission.Member{Name: fmt.Sprintf("Member %d", i), Email: fmt.Sprintf("m%d@example.kz", i), Position: pos, From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	if _, err := s.AddMembers(ctx, "bench", ms, func(cm commission.Member) (store.NewAccount, error) {
		return store.NewAccount{Name: cm.Name, Email: cm.Email, Region: "astana", PasswordHash: hash, Verification: "self-declared"}, nil
	}, 0); err != nil {
		return err
	}
	mv, err := s.ScheduleMeeting(ctx, "bench", store.NewMeeting{Title: "Sitting", Date: time.Now().UTC().Format(commission.DateLayout)}, 0)
	if err != nil {
		return err
	}
	// The server runs as a separate process, as it would in production: the
	// viewers' connections and the server's then count against two limits of
	// open files, not one.
	s.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	child := exec.CommandContext(ctx, exe, "serve", "--db", "sqlite:"+filepath.Join(dir, "bench.db"), "--addr", addr, "--rate-limits", "off")
	child.Env = append(os.Environ(), "ATAZAN_RUN_MAIN=1") // a test binary runs main
	child.Stderr = io.Discard
	if err := child.Start(); err != nil {
		return err
	}
	defer func() {
		child.Process.Signal(syscall.SIGTERM)
		child.Wait()
	}()
	base := "http://" + addr
	for i := 0; ; i++ {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			break
		}
		if i == 200 {
			return fmt.Errorf("the server did not start on %s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	post := func(path, token, body string) ([]byte, error) {
		req, _ := http.NewRequestWithContext(ctx, "POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 300 {
			return nil, fmt.Errorf("POST %s: %d %s", path, res.StatusCode, b)
		}
		return b, nil
	}
	tokens := make([]string, members)
	for i := range tokens {
		b, err := post("/api/v1/tokens", "", fmt.Sprintf(`{"login":"m%d@example.kz","password":"bench password 1"}`, i))
		if err != nil {
			return err
		}
		var t struct{ Token string }
		json.Unmarshal(b, &t)
		tokens[i] = t.Token
	}
	fmt.Fprintf(m.Stderr, "bench meeting: %d members, opening %d viewers\n", members, viewers)

	// The viewers: each its own connection, recording when each event arrives.
	type receipt struct {
		id int
		at time.Time
	}
	got := make([][]receipt, viewers)
	var ready, failed, firstBytes atomic.Int64 // firstBytes: what the first viewer read
	var wg sync.WaitGroup
	vctx, vstop := context.WithCancel(ctx)
	defer vstop()
	tr := &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: -1, DisableCompression: true}
	vclient := &http.Client{Transport: tr}
	for i := 0; i < viewers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(vctx, "GET", fmt.Sprintf("%s/api/v1/meetings/%d/events", base, mv.ID), nil)
			res, err := vclient.Do(req)
			if err != nil {
				failed.Add(1)
				ready.Add(1)
				return
			}
			defer res.Body.Close()
			r := bufio.NewReaderSize(res.Body, 64<<10)
			first := true
			for {
				line, err := r.ReadSlice('\n')
				if err != nil {
					return
				}
				if i == 0 {
					firstBytes.Add(int64(len(line)))
				}
				if id, ok := bytes.CutPrefix(line, []byte("id: ")); ok {
					n, _ := strconv.Atoi(string(bytes.TrimSpace(id)))
					got[i] = append(got[i], receipt{n, time.Now()})
					if first {
						first = false
						ready.Add(1)
					}
				}
			}
		}(i)
	}
	for ready.Load() < int64(viewers) {
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Fprintf(m.Stderr, "bench meeting: %d viewers connected (%d failed); running the meeting\n", viewers-int(failed.Load()), failed.Load())

	sent := map[int]time.Time{}
	act := func(who int, body string) error {
		t0 := time.Now()
		b, err := post(fmt.Sprintf("/api/v1/meetings/%d/actions", mv.ID), tokens[who], body)
		if err != nil {
			return err
		}
		var v store.MeetingView
		json.Unmarshal(b, &v)
		sent[v.Events] = t0
		time.Sleep(gap)
		return nil
	}
	quorum := commission.QuorumNeeded(commission.Rules{}, members)
	for i := 0; i < max(quorum, votes+1); i++ {
		if err := act(i, `{"action":"arrive"}`); err != nil {
			return err
		}
	}
	if err := act(0, `{"action":"add_item","title":"Question"}`); err != nil {
		return err
	}
	for _, a := range []string{`{"action":"open"}`, `{"action":"open_item","item":0}`, `{"action":"open_vote"}`} {
		if err := act(0, a); err != nil {
			return err
		}
	}
	for i := 1; i <= votes; i++ {
		if err := act(i, `{"action":"vote","choice":"for"}`); err != nil {
			return err
		}
	}
	if err := act(0, `{"action":"close_vote"}`); err != nil {
		return err
	}
	time.Sleep(2 * time.Second) // let the last event reach everyone
	vstop()
	wg.Wait()

	// A viewer sees change k when it receives event k or any later one
	// (each event is the whole state, so a later one includes change k):
	// the latency of change k is from the request that caused it to the
	// first such receipt. Exact counts the events received as such.
	var lat []time.Duration
	missed, exact := 0, 0
	ids := slices.Sorted(maps.Keys(sent))
	for _, rs := range got {
		seen := map[int]bool{}
		for _, r := range rs {
			if _, ok := sent[r.id]; ok && !seen[r.id] {
				seen[r.id] = true
				exact++
			}
		}
		j := 0
		for _, k := range ids {
			for j < len(rs) && rs[j].id < k {
				j++
			}
			if j == len(rs) {
				missed++
				continue
			}
			lat = append(lat, rs[j].at.Sub(sent[k]))
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	within := 0
	for _, d := range lat {
		if d <= time.Second {
			within++
		}
	}
	return writeJSON(m.Stdout, map[string]any{
		"viewers": viewers, "failed_connections": failed.Load(), "events": len(sent), "changes_seen": len(lat),
		"events_received_as_such": exact, "changes_not_seen": missed, "within_1s": within, "bytes_per_event": firstBytes.Load() / int64(max(1, len(got[0]))),
		"latency_ms": map[string]float64{"p50": pct(0.50), "p90": pct(0.90), "p99": pct(0.99), "p999": pct(0.999), "max": pct(1)},
	})
}

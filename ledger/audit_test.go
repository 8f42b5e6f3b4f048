package ledger

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"atazan/charter"
)

// testServer serves a testLog at a size as an atazan server does: the
// signed checkpoint and tiles under /log, and the charter versions of the
// replayed state under /api/v1. Its hooks let a test make it misbehave.
type testServer struct {
	t *testing.T
	*httptest.Server

	mu      sync.Mutex
	log     *testLog
	size    int64
	skey    string
	mangle  func(path string, body []byte) []byte     // changes any /log response
	version func(v map[string]any)                    // changes any version JSON
	units   func(*charter.Document) *charter.Document // changes any text served

	state    *State // cache of the replayed state of stateOf's first stateLen records
	stateOf  *testLog
	stateLen int
}

func newTestServer(t *testing.T, l *testLog, size int64) *testServer {
	s := &testServer{t: t, log: l, size: size, skey: testSKey}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /log/checkpoint", s.checkpoint)
	mux.HandleFunc("GET /log/tile/", s.tile)
	mux.HandleFunc("GET /api/v1/charters/{charter}/versions/{label}", s.versionJSON)
	mux.HandleFunc("GET /api/v1/charters/{charter}/versions/{label}/units", s.unitsJSON)
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) set(l *testLog, size int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log, s.size = l, size
}

func (s *testServer) write(w http.ResponseWriter, path string, body []byte) {
	if s.mangle != nil {
		body = s.mangle(path, body)
	}
	if body == nil {
		http.NotFound(w, nil)
		return
	}
	w.Write(body)
}

func (s *testServer) checkpoint(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg, err := SignCheckpoint(s.log.checkpoint(s.t, s.size), s.skey)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	s.write(w, "checkpoint", msg)
}

func (s *testServer) tile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := strings.TrimPrefix(r.URL.Path, "/log/")
	t, err := ParseTilePath(path)
	if err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	data, found := s.log.tile(s.size, t)
	if !found {
		http.NotFound(w, r)
		return
	}
	s.write(w, path, data)
}

func (s *testServer) versionJSON(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The server's state is the log's, at the full length of its records
	// (which may be past the checkpoint); records that break a rule are
	// skipped, as a server would never have applied them.
	if s.state == nil || s.stateOf != s.log || s.stateLen != len(s.log.records) {
		s.state, _ = ReplayRecords(s.log.records)
		s.stateOf, s.stateLen = s.log, len(s.log.records)
	}
	state := s.state
	v, ok := state.Versions[VersionKey{r.PathValue("charter"), r.PathValue("label")}]
	if !ok {
		http.NotFound(w, r)
		return
	}
	texts := []map[string]string{{"lang": v.Lang, "hash": v.Hash, "title": "t"}}
	for lang, hash := range v.Texts {
		if lang != v.Lang {
			texts = append(texts, map[string]string{"lang": lang, "hash": hash})
		}
	}
	obj := map[string]any{
		"charter": v.Charter, "label": v.Label, "parent": v.Parent, "status": v.Status,
		"lang": v.Lang, "hash": v.Hash, "texts": texts, "log_index": v.LastIndex,
		"created_at": "2026-11-29T00:00:00Z", "stats": map[string]int{"units": 3},
	}
	if s.version != nil {
		s.version(obj)
	}
	json.NewEncoder(w).Encode(obj)
}

// unitsJSON serves a version's text in ?lang= as the platform does.
func (s *testServer) unitsJSON(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == nil || s.stateOf != s.log || s.stateLen != len(s.log.records) {
		s.state, _ = ReplayRecords(s.log.records)
		s.stateOf, s.stateLen = s.log, len(s.log.records)
	}
	v, ok := s.state.Versions[VersionKey{r.PathValue("charter"), r.PathValue("label")}]
	d, found := testDocs.Load(v.Texts[r.URL.Query().Get("lang")])
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	doc := d.(*charter.Document)
	if s.units != nil {
		doc = s.units(doc)
	}
	json.NewEncoder(w).Encode(map[string]any{"charter": v.Charter, "version": v.Label, "lang": doc.Lang, "units": doc.Units})
}

func newLog(t testing.TB, n int) *testLog {
	l := new(testLog)
	for i := range n {
		l.append(t, testRecord(t, i))
	}
	return l
}

func audit(t *testing.T, s *testServer, stateDir string) *Report {
	t.Helper()
	a := &Auditor{BaseURL: s.URL, VerifierKey: testVKey, StateDir: stateDir}
	rep, err := a.Run(context.Background())
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	return rep
}

// wantDiscrepancy fails unless rep holds a discrepancy at index (or any
// index, if index is -2) whose text contains what.
func wantDiscrepancy(t *testing.T, rep *Report, index int64, what string) {
	t.Helper()
	for _, d := range rep.Discrepancies {
		if (index == -2 || d.Index == index) && strings.Contains(d.What, what) {
			return
		}
	}
	t.Errorf("no discrepancy at %d containing %q; got %v", index, what, rep.Discrepancies)
}

func wantOK(t *testing.T, rep *Report) {
	t.Helper()
	if !rep.OK() {
		t.Fatalf("discrepancies: %v", rep.Discrepancies)
	}
}

// TestAuditGrowingLog audits a log as it grows across tile boundaries,
// keeping the state directory, so that each audit proves consistency with
// the last.
func TestAuditGrowingLog(t *testing.T) {
	l := newLog(t, 513)
	s := newTestServer(t, l, 1)
	dir := t.TempDir()
	for _, size := range []int64{1, 2, 255, 256, 257, 511, 512, 513} {
		s.set(l, size)
		rep := audit(t, s, dir)
		wantOK(t, rep)
		if rep.Records != size || rep.Checkpoint.Size != size {
			t.Errorf("size %d: report %d records, checkpoint %d", size, rep.Records, rep.Checkpoint.Size)
		}
		if size > 1 && (rep.Previous == nil || rep.Previous.Size >= size) {
			t.Errorf("size %d: previous checkpoint %+v", size, rep.Previous)
		}
	}
	saved := filepath.Join(dir, "atazan.example.kz%2Flog", "checkpoint")
	fi, err := os.Stat(saved)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("saved checkpoint mode %v", fi.Mode())
	}
	msg, _ := os.ReadFile(saved)
	if cp, err := OpenCheckpoint(msg, testVKey); err != nil || cp.Size != 513 {
		t.Errorf("saved checkpoint %+v, %v", cp, err)
	}
}

// TestAuditPending: records past the checkpoint change the server's objects
// before a checkpoint covers them; those objects are pending.
func TestAuditPending(t *testing.T) {
	l := newLog(t, 8) // v2 published by record 8, past a checkpoint of size 7... not yet
	s := newTestServer(t, l, 7)
	l.append(t, testRecord(t, 8)) // publishes v2 after the checkpoint
	rep := audit(t, s, "")
	wantOK(t, rep)
	if len(rep.Pending) != 1 || !strings.Contains(rep.Pending[0], "version kz/v2") || !strings.Contains(rep.Pending[0], "record 8") {
		t.Errorf("pending %q", rep.Pending)
	}
}

func TestAuditCatches(t *testing.T) {
	const size = 300
	for _, tt := range []struct {
		name    string
		mangle  func(path string, body []byte) []byte
		version func(map[string]any)
		units   func(*charter.Document) *charter.Document
		index   int64
		want    string
	}{
		{
			name: "changed record",
			mangle: func(path string, body []byte) []byte {
				if path == "tile/entries/001.p/44" {
					// Record 257 publishes v85; make it publish with another time.
					return []byte(strings.Replace(string(body), "00.257000Z", "00.258000Z", 1))
				}
				return body
			},
			index: 257, want: "differs from the log's stored hash",
		},
		{
			name: "malformed bundle",
			mangle: func(path string, body []byte) []byte {
				if path == "tile/entries/000" {
					return []byte(strings.Replace(string(body), `"v":1}`, `"v":01}`, 1))
				}
				return body
			},
			index: -2, want: "entry bundle tile/entries/000",
		},
		{
			name: "flipped stored hash",
			mangle: func(path string, body []byte) []byte {
				if path == "tile/0/000" {
					body = append([]byte(nil), body...)
					body[100] ^= 1
				}
				return body
			},
			index: 0, want: "do not verify against the checkpoint",
		},
		{
			name: "truncated bundle",
			mangle: func(path string, body []byte) []byte {
				if path == "tile/entries/001.p/44" {
					entries, _ := DecodeBundle(body)
					b, _ := EncodeBundle(entries[:40])
					return b
				}
				return body
			},
			index: 296, want: "holds 40 records, the checkpoint needs 44",
		},
		{
			name: "missing bundle",
			mangle: func(path string, body []byte) []byte {
				if path == "tile/entries/000" {
					return nil
				}
				return body
			},
			index: 0, want: "is not served",
		},
		{
			name:    "server state differs",
			version: func(v map[string]any) { v["status"] = "draft" },
			index:   2, want: `version kz/v0: status "draft" on the server, "published" in the log`,
		},
		{
			name:    "server text differs",
			version: func(v map[string]any) { v["texts"] = v["texts"].([]map[string]string)[:1] },
			index:   -2, want: `kk text "" on the server`,
		},
		{
			name:    "server log index differs",
			version: func(v map[string]any) { v["log_index"] = int64(1) },
			index:   -2, want: "the server says record 1 changed it last",
		},
		{
			name: "served wording differs",
			units: func(d *charter.Document) *charter.Document {
				c := *d
				c.Units = []*charter.Unit{{ID: "art_1", Kind: charter.KindArticle, Number: "1", Children: []*charter.Unit{
					{ID: "art_1__para_1", Kind: charter.KindParagraph, Number: "1", Text: "Words the log never saw."}}}}
				return &c
			},
			index: -2, want: "text served hashes to",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, newLog(t, size), size)
			s.mangle, s.version, s.units = tt.mangle, tt.version, tt.units
			dir := t.TempDir()
			rep := audit(t, s, dir)
			wantDiscrepancy(t, rep, tt.index, tt.want)
			if _, err := os.Stat(filepath.Join(dir, "atazan.example.kz%2Flog", "checkpoint")); err == nil {
				t.Error("checkpoint saved despite a discrepancy")
			}
		})
	}
}

// TestAuditReplayRule: a log whose records hash right but break a rule.
func TestAuditReplayRule(t *testing.T) {
	l := newLog(t, 3)
	l.append(t, testRecord(t, 2)) // v0 published a second time
	s := newTestServer(t, l, 3)
	wantOK(t, audit(t, s, ""))
	s.set(l, 4)
	rep := audit(t, s, "")
	wantDiscrepancy(t, rep, 3, "not allowed: (charter.version.published): version kz/v0 is already published")
}

func TestAuditFork(t *testing.T) {
	a, b := newLog(t, 300), newLog(t, 290)
	for i := 290; i < 300; i++ { // the same prefix, another extension: other times
		b.append(t, []byte(strings.Replace(string(testRecord(t, i)), "T00:00:00.", "T00:00:01.", 1)))
	}
	for _, tt := range []struct {
		name          string
		first, second int64
		want          string
	}{
		{"same size", 300, 300, "fork: the checkpoint of size 300 has root"},
		{"longer", 295, 300, "fork: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, a, tt.first)
			dir := t.TempDir()
			wantOK(t, audit(t, s, dir))
			s.set(b, tt.second)
			rep := audit(t, s, dir)
			wantDiscrepancy(t, rep, -1, tt.want)
			// The fork's own records are fine: only consistency fails.
			if len(rep.Discrepancies) != 1 {
				t.Errorf("discrepancies %v", rep.Discrepancies)
			}
			// The saved checkpoint stays the first one.
			rep = audit(t, s, dir)
			if rep.Previous == nil || rep.Previous.Size != tt.first {
				t.Errorf("saved checkpoint replaced: %+v", rep.Previous)
			}
		})
	}
}

// TestAuditNonCanonicalRecord: a record that the log hashes and stores, but
// that is not canonical, is caught by Decode alone.
func TestAuditNonCanonicalRecord(t *testing.T) {
	l := new(testLog)
	for i := range 10 {
		r := testRecord(t, i)
		if i == 5 {
			r = []byte(strings.Replace(string(r), `"v":1}`, `"v": 1}`, 1))
		}
		l.append(t, r)
	}
	rep := audit(t, newTestServer(t, l, 10), "")
	wantDiscrepancy(t, rep, 5, "record does not decode: record: record is not in canonical form")
}

func TestAuditRollback(t *testing.T) {
	l := newLog(t, 300)
	s := newTestServer(t, l, 300)
	dir := t.TempDir()
	wantOK(t, audit(t, s, dir))
	s.set(l, 299)
	rep := audit(t, s, dir)
	wantDiscrepancy(t, rep, -1, "rollback: the checkpoint has 299 records, fewer than the 300")
}

func TestAuditWrongKey(t *testing.T) {
	l := newLog(t, 10)
	s := newTestServer(t, l, 10)
	other, _, err := GenerateKey(testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	s.skey = other
	rep := audit(t, s, "")
	wantDiscrepancy(t, rep, -1, "checkpoint is not signed by the expected key")
	if rep.Records != 0 {
		t.Errorf("audit went on after a bad checkpoint: %d records", rep.Records)
	}
}

func TestAuditServerError(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer s.Close()
	a := &Auditor{BaseURL: s.URL, VerifierKey: testVKey}
	if _, err := a.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("Run against a failing server: %v", err)
	}
}

func TestVerifyRecordsRecomputesRoot(t *testing.T) {
	// The stored hashes may come from a database that agrees with the
	// checkpoint while the records table was edited; only the root from the
	// records catches an edit that also changed the stored leaf hash.
	l := newLog(t, 20)
	cp := l.checkpoint(t, 20)
	if ds := VerifyRecords(l.records, l.hashes, cp); len(ds) != 0 {
		t.Fatal(ds)
	}
	records := append([][]byte(nil), l.records...)
	records[5] = testRecord(t, 4)
	hashes := append(memHashes(nil), l.hashes...)
	hashes[tlog.StoredHashIndex(0, 5)] = tlog.RecordHash(records[5])
	ds := VerifyRecords(records, hashes, cp)
	found := false
	for _, d := range ds {
		found = found || strings.Contains(d.What, "the root recomputed from the records")
	}
	if !found {
		t.Errorf("VerifyRecords: %v", ds)
	}
}

package ledger

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"atazan/charter"
)

// LogPrefix is the path, under a server's base URL, of its C2SP tlog-tiles
// log: <base>/log/checkpoint, <base>/log/tile/….
const LogPrefix = "/log"

// An Auditor checks a running atazan server against its public log. It
// needs nothing but the server's URL and the log's verifier key, obtained
// from somewhere other than the server itself (the operator's publications).
type Auditor struct {
	BaseURL     string       // e.g. "https://atazan.example.kz", without a trailing /log
	VerifierKey string       // the log's signed-note verifier key, "<origin>+<hash>+<key>"
	StateDir    string       // where the last good checkpoint is kept, per origin; "" keeps none
	Client      *http.Client // nil: a client with a one-minute timeout per request

	// SkipCompare leaves out step 5 (the server's JSON API against the
	// replayed state), for measuring the log's own checks alone.
	SkipCompare bool
}

// Report is the result of an audit.
type Report struct {
	Checkpoint    Checkpoint    `json:"checkpoint"`         // the server's checkpoint, once its signature verified
	Previous      *Checkpoint   `json:"previous,omitempty"` // the checkpoint saved by the last good audit, if any
	Records       int64         `json:"records"`            // records checked
	Discrepancies []Discrepancy `json:"discrepancies"`      // empty when everything holds
	Pending       []string      `json:"pending"`            // objects changed after the checkpoint, not yet checkable
}

// OK reports whether the audit found no discrepancy.
func (r *Report) OK() bool { return len(r.Discrepancies) == 0 }

func (r *Report) add(i int64, format string, args ...any) {
	r.Discrepancies = append(r.Discrepancies, Discrepancy{Index: i, What: fmt.Sprintf(format, args...)})
}

// Run audits the server, in this order:
//
//  1. It fetches <base>/log/checkpoint and verifies its signature with the
//     verifier key. A checkpoint that does not verify ends the audit.
//  2. If StateDir holds a checkpoint of the same origin from an earlier
//     audit, it proves that the log only grew since: the same size must have
//     the same root; a larger size needs a consistency proof, computed from
//     the server's tiles (tlog.ProveTree, tlog.CheckTree); a smaller size is
//     a rollback.
//  3. It fetches every entry bundle and checks, with VerifyRecords, that
//     each record decodes and hashes to the stored level-0 hash, and that
//     the hashes and the records each give the checkpoint's root.
//  4. It replays the records (Replay) into the public state.
//  5. For every charter version of that state it fetches
//     <base>/api/v1/charters/{charter}/versions/{label} and compares charter,
//     label, parent, status, lang, hash and texts, and recomputes the hash of
//     every text from the units served. It reads the open data of proposals
//     (<base>/api/v1/export/proposals.jsonl) and compares each proposal's
//     author pseudonym, unit, kind, text commitment, supports and moderation
//     state with the log's, and every published text with its commitment. An object that differs
//     and whose "log_index" (the index of the last record that changed it)
//     is at or past the checkpoint's size changed after the checkpoint: it is
//     pending, not a discrepancy.
//
// Things the server got wrong are Discrepancies in the report; an error means
// the audit could not be done (network, a server error, the state directory).
// When there is no discrepancy, the server's checkpoint is saved in StateDir
// (file <StateDir>/<escaped origin>/checkpoint, mode 0600, replaced
// atomically) for the next audit.
func (a *Auditor) Run(ctx context.Context) (*Report, error) {
	if a.BaseURL == "" {
		return nil, errors.New("audit: no server URL")
	}
	f := &fetcher{ctx: ctx, client: a.Client, base: strings.TrimSuffix(a.BaseURL, "/")}
	if f.client == nil {
		f.client = &http.Client{Timeout: time.Minute}
	}
	rep := &Report{Discrepancies: []Discrepancy{}, Pending: []string{}}

	// 1. The checkpoint.
	msg, found, err := f.get(LogPrefix+"/checkpoint", maxCheckpointSize)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("audit: the server has no %s/checkpoint", LogPrefix)
	}
	cp, err := OpenCheckpoint(msg, a.VerifierKey)
	if err != nil {
		rep.add(-1, "checkpoint: %v", err)
		return rep, nil
	}
	rep.Checkpoint = cp
	tr := &tileReader{f: f, tiles: make(map[tlog.Tile][]byte)}
	thr := tlog.TileHashReader(tlog.Tree{N: cp.Size, Hash: cp.Hash}, tr)

	// 2. Consistency with the last good audit.
	var savePath string
	if a.StateDir != "" {
		savePath = filepath.Join(a.StateDir, escapeOrigin(cp.Origin), "checkpoint")
		old, err := os.ReadFile(savePath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("audit: %v", err)
		default:
			prev, err := OpenCheckpoint(old, a.VerifierKey)
			if err != nil {
				return nil, fmt.Errorf("audit: saved checkpoint %s: %v", savePath, err)
			}
			rep.Previous = &prev
			checkConsistency(rep, prev, cp, thr)
			if tr.err != nil {
				return nil, tr.err
			}
		}
	}

	// 3. The records against the tree.
	records := make([][]byte, cp.Size)
	for n := int64(0); n*tileWidth < cp.Size; n++ {
		start := n * tileWidth
		t := tlog.Tile{H: TileHeight, L: -1, N: n, W: int(min(tileWidth, cp.Size-start))}
		path := TilePath(t)
		data, found, err := f.get(LogPrefix+"/"+path, tileWidth*(2+MaxRecordSize))
		if err != nil {
			return nil, err
		}
		if !found {
			rep.add(start, "entry bundle %s is not served", path)
			continue
		}
		entries, err := DecodeBundle(data)
		if err != nil {
			rep.add(start, "entry bundle %s: %v", path, err)
			continue
		}
		if len(entries) != t.W {
			rep.add(start+int64(min(len(entries), t.W)), "entry bundle %s holds %d records, the checkpoint needs %d", path, len(entries), t.W)
		}
		copy(records[start:start+int64(t.W)], entries)
	}
	decoded, ds := verifyRecords(records, thr, cp)
	if tr.err != nil {
		return nil, tr.err
	}
	rep.Discrepancies = append(rep.Discrepancies, ds...)
	rep.Records = cp.Size

	// 4. Replay.
	state := new(State)
	for i, r := range decoded {
		if r.V == 0 { // missing or not decoded: already reported
			continue
		}
		if err := Replay(state, int64(i), r); err != nil {
			rep.Discrepancies = append(rep.Discrepancies, replayDiscrepancy(int64(i), err))
		}
	}

	// 5. The server's JSON API against the state.
	if !a.SkipCompare {
		if err := compareVersions(f, rep, state, cp); err != nil {
			return nil, err
		}
		if err := compareProposals(f, rep, state, cp); err != nil {
			return nil, err
		}
		if err := compareTables(f, rep, state); err != nil {
			return nil, err
		}
		if err := compareReferendums(f, rep, state, cp); err != nil {
			return nil, err
		}
		if err := compareDrafts(f, rep, state); err != nil {
			return nil, err
		}
	}

	if rep.OK() && savePath != "" {
		if err := writeFileAtomic(savePath, msg); err != nil {
			return nil, fmt.Errorf("audit: saving the checkpoint: %v", err)
		}
	}
	return rep, nil
}

// checkConsistency reports unless the tree of cp extends the tree of prev.
func checkConsistency(rep *Report, prev, cp Checkpoint, thr tlog.HashReader) {
	switch {
	case cp.Size < prev.Size:
		rep.add(-1, "rollback: the checkpoint has %d records, fewer than the %d of the checkpoint saved by the last audit", cp.Size, prev.Size)
	case cp.Size == prev.Size:
		if cp.Hash != prev.Hash {
			rep.add(-1, "fork: the checkpoint of size %d has root %v, the saved checkpoint of the same size has %v", cp.Size, cp.Hash, prev.Hash)
		}
	case prev.Size == 0:
		// Every tree extends the empty tree.
	default:
		proof, err := tlog.ProveTree(cp.Size, prev.Size, thr)
		if err != nil {
			rep.add(-1, "fork: cannot prove size %d consistent with the saved size %d from the served tiles: %v", cp.Size, prev.Size, err)
			return
		}
		if err := tlog.CheckTree(proof, cp.Size, cp.Hash, prev.Size, prev.Hash); err != nil {
			rep.add(-1, "fork: the tree of size %d does not extend the saved tree of size %d: %v", cp.Size, prev.Size, err)
		}
	}
}

// apiVersion is the part of the server's JSON for a charter version that
// the log determines, and log_index.
type apiVersion struct {
	Charter string `json:"charter"`
	Label   string `json:"label"`
	Parent  string `json:"parent"`
	Status  string `json:"status"`
	Lang    string `json:"lang"`
	Hash    string `json:"hash"`
	Texts   []struct {
		Lang string `json:"lang"`
		Hash string `json:"hash"`
	} `json:"texts"`
	LogIndex *int64 `json:"log_index"`
}

func compareVersions(f *fetcher, rep *Report, state *State, cp Checkpoint) error {
	keys := make([]VersionKey, 0, len(state.Versions))
	for k := range state.Versions {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b VersionKey) int {
		return strings.Compare(a.Charter+"\x00"+a.Version, b.Charter+"\x00"+b.Version)
	})
	for _, k := range keys {
		v := state.Versions[k]
		name := k.Charter + "/" + k.Version
		path := "/api/v1/charters/" + url.PathEscape(k.Charter) + "/versions/" + url.PathEscape(k.Version)
		data, found, err := f.get(path, 1<<20)
		if err != nil {
			return err
		}
		if !found {
			rep.add(v.LastIndex, "version %s is in the log but the server does not publish it", name)
			continue
		}
		var got apiVersion
		if err := json.Unmarshal(data, &got); err != nil {
			rep.add(v.LastIndex, "version %s: the server's JSON does not parse: %v", name, err)
			continue
		}
		var diffs []string
		diff := func(field, server, log string) {
			if server != log {
				diffs = append(diffs, fmt.Sprintf("%s %q on the server, %q in the log", field, server, log))
			}
		}
		diff("charter", got.Charter, v.Charter)
		diff("label", got.Label, v.Label)
		diff("parent", got.Parent, v.Parent)
		diff("status", got.Status, v.Status)
		diff("lang", got.Lang, v.Lang)
		diff("hash", got.Hash, v.Hash)
		serverTexts := make(map[string]string)
		for _, t := range got.Texts {
			if _, dup := serverTexts[t.Lang]; dup {
				diffs = append(diffs, fmt.Sprintf("two %s texts on the server", t.Lang))
			}
			serverTexts[t.Lang] = t.Hash
		}
		for _, lang := range sortedKeys(serverTexts, v.Texts) {
			diff(lang+" text", serverTexts[lang], v.Texts[lang])
		}
		// The text the server publishes must be the text the log names:
		// recompute each text's hash from the units served.
		for _, lang := range sortedKeys(v.Texts, nil) {
			data, found, err := f.get(path+"/units?lang="+url.QueryEscape(lang), 64<<20)
			if err != nil {
				return err
			}
			var doc charter.Document
			switch {
			case !found:
				diffs = append(diffs, fmt.Sprintf("the %s text is not served", lang))
			case json.Unmarshal(data, &doc) != nil:
				diffs = append(diffs, fmt.Sprintf("the %s text's JSON does not parse", lang))
			default:
				if h := doc.Hash(); h != v.Texts[lang] {
					diffs = append(diffs, fmt.Sprintf("the %s text served hashes to %s, the log says %s", lang, h, v.Texts[lang]))
				}
			}
		}
		switch {
		case got.LogIndex != nil && *got.LogIndex >= cp.Size:
			if len(diffs) > 0 {
				rep.Pending = append(rep.Pending, fmt.Sprintf("version %s: changed by record %d, after the checkpoint (size %d): %s",
					name, *got.LogIndex, cp.Size, strings.Join(diffs, "; ")))
			}
		case len(diffs) > 0:
			rep.add(v.LastIndex, "version %s: %s", name, strings.Join(diffs, "; "))
		case got.LogIndex != nil && *got.LogIndex != v.LastIndex:
			rep.add(v.LastIndex, "version %s: the server says record %d changed it last, the log says record %d", name, *got.LogIndex, v.LastIndex)
		}
	}
	return nil
}

// sortedKeys returns the keys of a and b, sorted, once each.
func sortedKeys(a, b map[string]string) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// fetcher GETs paths under a base URL.
type fetcher struct {
	ctx    context.Context
	client *http.Client
	base   string
}

// get returns the body at path, found false on 404, and an error on any
// other failure or on a body over max bytes.
func (f *fetcher) get(path string, max int64) (body []byte, found bool, err error) {
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, f.base+path, nil)
	if err != nil {
		return nil, false, fmt.Errorf("audit: %v", err)
	}
	req.Header.Set("User-Agent", "atazan-audit")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, false, fmt.Errorf("audit: %v", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, false, nil
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("audit: GET %s: %s", req.URL, resp.Status)
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, false, fmt.Errorf("audit: GET %s: %v", req.URL, err)
	}
	if int64(len(body)) > max {
		return nil, false, fmt.Errorf("audit: GET %s: response over %d bytes", req.URL, max)
	}
	return body, true, nil
}

// tileReader is a tlog.TileReader over a server's tiles. It keeps fetched
// tiles in memory only; tlog.TileHashReader proves them against the
// checkpoint each time it uses them. A failure to fetch (other than a
// missing tile, which is the server's fault) is kept in err, so that the
// audit can tell it from a tile that does not verify.
type tileReader struct {
	f     *fetcher
	tiles map[tlog.Tile][]byte
	err   error
}

func (r *tileReader) Height() int { return TileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		if data, ok := r.tiles[t]; ok {
			out[i] = data
			continue
		}
		path := TilePath(t)
		data, found, err := r.f.get(LogPrefix+"/"+path, tileWidth*tlog.HashSize)
		if err != nil {
			if r.err == nil {
				r.err = err
			}
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("tile %s is not served", path)
		}
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("tile %s has %d bytes, want %d", path, len(data), t.W*tlog.HashSize)
		}
		r.tiles[t] = data
		out[i] = data
	}
	return out, nil
}

func (r *tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

// escapeOrigin turns an origin into one file name.
func escapeOrigin(origin string) string {
	s := url.PathEscape(origin)
	if strings.HasPrefix(s, ".") {
		s = "%2E" + s[1:]
	}
	return s
}

// writeFileAtomic replaces path with data (mode 0600), so that a crash
// leaves the old file or the new one, never a mixture.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".checkpoint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

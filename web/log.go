package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"atazan"
	"atazan/ledger"
)

// LogStore is the public log as the server reads it: records, stored hashes
// and signed checkpoints, all in the platform's database.
type LogStore interface {
	LogSize(ctx context.Context) (int64, error)
	LogRecords(ctx context.Context, from, to int64) ([][]byte, error)
	HashReader(ctx context.Context) tlog.HashReader
	LatestCheckpoint(ctx context.Context) ([]byte, error)
}

// maxRecordsPage is the most records one /api/v1/log/records answer holds.
const maxRecordsPage = 1000

// latestCheckpoint returns the latest signed checkpoint and its parsed body.
func (s *Server) latestCheckpoint(ctx context.Context) ([]byte, ledger.Checkpoint, error) {
	msg, err := s.cfg.Log.LatestCheckpoint(ctx)
	if err != nil {
		return nil, ledger.Checkpoint{}, err
	}
	cp, err := ledger.OpenCheckpoint(msg, s.cfg.LogVerifierKey)
	if err != nil {
		return nil, ledger.Checkpoint{}, fmt.Errorf("latest checkpoint does not verify with the server's own key: %w", err)
	}
	return msg, cp, nil
}

// logCheckpoint serves the latest signed checkpoint (C2SP tlog-checkpoint).
func (s *Server) logCheckpoint(w http.ResponseWriter, r *http.Request) {
	msg, err := s.cfg.Log.LatestCheckpoint(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(msg)
}

// logKey serves the verifier key of the checkpoints.
func (s *Server) logKey(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, s.cfg.LogVerifierKey)
}

// logTile serves hash tiles and entry bundles in the C2SP tlog-tiles layout:
// /log/tile/<L>/<N>[.p/<W>] and /log/tile/entries/<N>[.p/<W>]. Only tiles
// within the latest signed checkpoint are served; full tiles never change.
func (s *Server) logTile(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	tile, err := ledger.ParseTilePath(strings.TrimPrefix(r.URL.Path, ledger.LogPrefix+"/"))
	if err != nil {
		s.fail(w, r, atazan.Errorf(atazan.ENotFound, "%v", err))
		return
	}
	_, cp, err := s.latestCheckpoint(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The tile covers entries [start, end) of the log at its level.
	width := int64(1) << (uint(tile.H) * uint(max(tile.L, 0)))
	end := (tile.N*(1<<uint(tile.H)) + int64(tile.W)) * width
	if end > cp.Size {
		s.fail(w, r, atazan.Errorf(atazan.ENotFound, "tile %s lies beyond the latest checkpoint (%d records)", r.URL.Path, cp.Size))
		return
	}
	var data []byte
	if tile.L == -1 {
		start := tile.N << uint(tile.H)
		recs, err := s.cfg.Log.LogRecords(ctx, start, start+int64(tile.W))
		if err == nil {
			data, err = ledger.EncodeBundle(recs)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
	} else {
		if data, err = ledger.ReadTile(tile, s.cfg.Log.HashReader(ctx)); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if tile.W == 1<<uint(tile.H) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Write(data)
}

type apiRecord struct {
	Index    int64           `json:"index"`
	LeafHash string          `json:"leaf_hash"` // base64, RFC 6962 leaf hash of Data's UTF-8 bytes
	Data     string          `json:"data"`      // the record exactly as logged (canonical JSON)
	Record   json.RawMessage `json:"record"`    // the same record, as a JSON object for reading
}

type apiRecordsResponse struct {
	From    int64       `json:"from"`
	To      int64       `json:"to"`
	Size    int64       `json:"size"` // records in the log now
	Records []apiRecord `json:"records"`
}

func queryInt(r *http.Request, name string, def int64) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, &atazan.Error{Code: atazan.EInvalid, Field: name, Message: fmt.Sprintf("%s must be a record index (0 or more), not %q", name, v)}
	}
	return n, nil
}

func toAPIRecords(from int64, recs [][]byte) []apiRecord {
	out := make([]apiRecord, len(recs))
	for i, data := range recs {
		h := tlog.RecordHash(data)
		out[i] = apiRecord{Index: from + int64(i), LeafHash: h.String(), Data: string(data), Record: json.RawMessage(data)}
	}
	return out
}

// apiLogRecords lists records [from, to), at most maxRecordsPage of them.
func (s *Server) apiLogRecords(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	size, err := s.cfg.Log.LogSize(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from, err := queryInt(r, "from", max(0, size-20))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to, err := queryInt(r, "to", min(size, from+maxRecordsPage))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to = min(to, size, from+maxRecordsPage)
	if from > to {
		s.fail(w, r, &atazan.Error{Code: atazan.EInvalid, Field: "from", Message: fmt.Sprintf("from (%d) is after to (%d) or the log's size (%d)", from, to, size)})
		return
	}
	recs, err := s.cfg.Log.LogRecords(ctx, from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeAPI(w, apiRecordsResponse{From: from, To: to, Size: size, Records: toAPIRecords(from, recs)})
}

type apiRecordProof struct {
	apiRecord
	// Pending is true when the record is newer than the latest checkpoint:
	// its proof comes with the next checkpoint.
	Pending    bool     `json:"pending"`
	Checkpoint string   `json:"checkpoint,omitempty"` // the signed checkpoint the proof is against
	TreeSize   int64    `json:"tree_size,omitempty"`
	RootHash   string   `json:"root_hash,omitempty"`
	Proof      []string `json:"inclusion_proof"` // base64 hashes, as tlog.ProveRecord gives them
}

// recordProof returns a record with its inclusion proof against the latest checkpoint.
func (s *Server) recordProof(ctx context.Context, index int64) (apiRecordProof, error) {
	recs, err := s.cfg.Log.LogRecords(ctx, index, index+1)
	if err != nil {
		return apiRecordProof{}, err
	}
	if len(recs) == 0 {
		return apiRecordProof{}, atazan.Errorf(atazan.ENotFound, "record %d does not exist", index)
	}
	out := apiRecordProof{apiRecord: toAPIRecords(index, recs)[0], Proof: []string{}}
	msg, cp, err := s.latestCheckpoint(ctx)
	if err != nil {
		if atazan.ErrorCode(err) == atazan.ENotFound {
			out.Pending = true
			return out, nil
		}
		return out, err
	}
	out.Checkpoint, out.TreeSize, out.RootHash = string(msg), cp.Size, cp.Hash.String()
	if index >= cp.Size {
		out.Pending = true
		return out, nil
	}
	p, err := tlog.ProveRecord(cp.Size, index, s.cfg.Log.HashReader(ctx))
	if err != nil {
		return out, err
	}
	for _, h := range p {
		out.Proof = append(out.Proof, h.String())
	}
	return out, nil
}

func (s *Server) apiLogRecord(w http.ResponseWriter, r *http.Request) {
	index, err := strconv.ParseInt(r.PathValue("index"), 10, 64)
	if err != nil || index < 0 {
		s.fail(w, r, &atazan.Error{Code: atazan.EInvalid, Field: "index", Message: fmt.Sprintf("%q is not a record index", r.PathValue("index"))})
		return
	}
	p, err := s.recordProof(r.Context(), index)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeAPI(w, p)
}

type apiConsistency struct {
	Old     int64    `json:"old"`
	New     int64    `json:"new"`
	OldRoot string   `json:"old_root"`
	NewRoot string   `json:"new_root"`
	Proof   []string `json:"consistency_proof"` // base64 hashes, as tlog.ProveTree gives them
}

// apiLogConsistency proves that the log of size old is a prefix of the log
// of size new (default: the latest checkpoint's size).
func (s *Server) apiLogConsistency(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, cp, err := s.latestCheckpoint(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	old, err := queryInt(r, "old", 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	nw, err := queryInt(r, "new", cp.Size)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if old < 1 || old > nw || nw > cp.Size {
		s.fail(w, r, &atazan.Error{Code: atazan.EInvalid, Field: "old", Message: fmt.Sprintf("want 1 ≤ old ≤ new ≤ %d (the latest checkpoint), got old=%d new=%d", cp.Size, old, nw)})
		return
	}
	hr := s.cfg.Log.HashReader(ctx)
	p, err := tlog.ProveTree(nw, old, hr)
	if err == nil {
		var oldRoot, newRoot tlog.Hash
		if oldRoot, err = tlog.TreeHash(old, hr); err == nil {
			if newRoot, err = tlog.TreeHash(nw, hr); err == nil {
				out := apiConsistency{Old: old, New: nw, OldRoot: oldRoot.String(), NewRoot: newRoot.String(), Proof: []string{}}
				for _, h := range p {
					out.Proof = append(out.Proof, h.String())
				}
				writeAPI(w, out)
				return
			}
		}
	}
	s.fail(w, r, err)
}

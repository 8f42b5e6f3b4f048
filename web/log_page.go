package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"atazan"
	"atazan/ledger"
)

// logPage shows the latest checkpoint, the recent records, one record with
// its inclusion proof, and the audit command to copy.
type logPage struct {
	page
	HasCheckpoint  bool
	Origin         string
	TreeSize       int64
	RootHash       string
	CheckpointText string
	Records        []logRow // newest first
	LookupIndex    string
	LookupError    string
	Lookup         *apiRecordProof
	LookupRow      logRow
	VerifierKey    string
	AuditCommand   string
}

type logRow struct {
	Index   int64
	Href    string
	Kind    string
	Time    string
	Subject string
	Actor   string
}

func logHref(lang any, index int64) string {
	return fmt.Sprintf("/%s/log?index=%d#record", lang, index)
}

func (s *Server) logRow(lang any, index int64, data []byte) logRow {
	row := logRow{Index: index, Href: logHref(lang, index)}
	rec, err := ledger.Decode(data)
	if err != nil {
		row.Kind = "?"
		return row
	}
	row.Kind, row.Time, row.Actor = string(rec.Kind), rec.Time.UTC().Format("2006-01-02 15:04:05"), string(rec.Actor)
	keys := make([]string, 0, len(rec.Subject))
	for k := range rec.Subject {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+rec.Subject[k])
	}
	row.Subject = strings.Join(parts, ", ")
	return row
}

func (s *Server) logPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := logPage{VerifierKey: s.cfg.LogVerifierKey}
	p.page = s.newPage(r, lang, "")
	p.Title = p.T.LogTitle
	msg, cp, err := s.latestCheckpoint(ctx)
	switch {
	case err == nil:
		p.HasCheckpoint, p.Origin, p.TreeSize, p.RootHash, p.CheckpointText = true, cp.Origin, cp.Size, cp.Hash.String(), string(msg)
	case atazan.ErrorCode(err) != atazan.ENotFound:
		s.fail(w, r, err)
		return
	}
	size, err := s.cfg.Log.LogSize(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from := max(0, size-20)
	recs, err := s.cfg.Log.LogRecords(ctx, from, size)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := len(recs) - 1; i >= 0; i-- {
		p.Records = append(p.Records, s.logRow(lang, from+int64(i), recs[i]))
	}
	if q := r.URL.Query().Get("index"); q != "" {
		p.LookupIndex = q
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil || n < 0 {
			p.LookupError = (&atazan.Error{Code: atazan.EInvalid, Field: "index", Message: fmt.Sprintf("%q is not a record number", q)}).Error()
		} else if proof, err := s.recordProof(ctx, n); err != nil {
			if atazan.ErrorCode(err) == atazan.EInternal {
				s.fail(w, r, err)
				return
			}
			p.LookupError = atazan.ErrorMessage(err)
		} else {
			p.Lookup = &proof
			p.LookupRow = s.logRow(lang, n, proof.Record)
		}
	}
	base := strings.TrimSuffix(s.cfg.PublicURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	p.AuditCommand = fmt.Sprintf("atazan audit --url %s --key '%s' --state ./atazan-audit", base, s.cfg.LogVerifierKey)
	status := http.StatusOK
	if p.LookupError != "" {
		status = http.StatusBadRequest
		if strings.Contains(p.LookupError, "does not exist") {
			status = http.StatusNotFound
		}
	}
	s.render(w, r, status, "log", &p)
}

package web

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"

	"atazan"
	"atazan/forensics"
	"atazan/store"
)

// The observers' statistics (package forensics) over a referendum's
// counted protocols: a page with the numbers, summary.json and the charts.
// An analysis runs Monte Carlo simulations, so it is kept and served again
// until a record changes the count.

// forensicsSeed is the seed of the served analyses, so that anyone can
// repeat them with "atazan referendum forensics --seed 2026".
const forensicsSeed = 2026

type analysis struct {
	summary forensics.Summary
	charts  map[string][]byte
}

type analysisKey struct {
	store ReferendumStore
	slug  string
	last  int64 // the last record that changed the count
}

// analyses keeps the latest analysis of each referendum.
var analyses = struct {
	sync.Mutex
	m map[analysisKey]*analysis
}{m: map[analysisKey]*analysis{}}

func (s *Server) analysis(ctx context.Context, rs ReferendumStore, ref store.Referendum) (*analysis, error) {
	last, err := rs.ReferendumLastLogIndex(ctx, ref.ID)
	if err != nil {
		return nil, err
	}
	key := analysisKey{rs, ref.Slug, last}
	analyses.Lock()
	a := analyses.m[key]
	analyses.Unlock()
	if a != nil {
		return a, nil
	}
	stations, warnings, err := rs.ForensicsStations(ctx, ref.ID)
	if err != nil {
		return nil, err
	}
	if len(stations) == 0 {
		return nil, atazan.Errorf(atazan.ENotFound, "no precinct of referendum %s has reported yet", ref.Slug)
	}
	sum, err := forensics.Analyze(stations, forensics.Options{Seed: forensicsSeed, Control: warnings})
	if err != nil {
		return nil, err
	}
	a = &analysis{summary: sum, charts: map[string][]byte{}}
	for _, c := range forensics.Charts(sum, stations) {
		a.charts[c.Name] = c.SVG
	}
	analyses.Lock()
	for k := range analyses.m {
		if k.store == rs && k.slug == ref.Slug {
			delete(analyses.m, k)
		}
	}
	analyses.m[key] = a
	analyses.Unlock()
	return a, nil
}

type forensicsPage struct {
	refPage
	S        forensics.Summary
	Stations int
	Charts   []string
	Flagged  []forensics.StationFlags // the first flagged stations
	Seed     int
}

func (s *Server) forensicsPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.analysis(r.Context(), rs, ref)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &forensicsPage{refPage: s.refPage(r, lang, ref, refTexts[lang].Forensics), S: a.summary, Stations: a.summary.Totals.Stations,
		Charts: []string{"fingerprint.svg", "turnout.svg", "yes-share.svg", "regions.svg", "scatter.svg"}, Seed: forensicsSeed}
	p.Flagged = a.summary.Flags.Stations[:min(50, len(a.summary.Flags.Stations))]
	s.renderRef(w, r, http.StatusOK, "referendum_forensics", p)
}

func (s *Server) apiReferendumForensics(w http.ResponseWriter, r *http.Request) {
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.analysis(r.Context(), rs, ref)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	file := r.PathValue("file")
	if file == forensics.SummaryFile {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(a.summary)
		return
	}
	svg, ok := a.charts[file]
	if !ok {
		s.fail(w, r, atazan.Errorf(atazan.ENotFound, "there is no %q; there are summary.json and the charts", file))
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write(svg)
}

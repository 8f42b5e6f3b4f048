package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"atazan"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/i18n"
	"atazan/identity"
	"atazan/store"
)

// The consolidated table: the comparative table of the version under
// consultation extended with what citizens proposed and what became of it.
// The table as it stands now is public, and so is every published table,
// frozen and numbered, whose JSON is served byte for byte at
// /api/v1/consultations/{id}/consolidated/{n}.json: the public log holds its
// SHA-256, so anyone can check the copy they read.

func consolidatedHref(l i18n.Lang, id consult.ConsultationID) string {
	return consultationHref(l, id) + "/consolidated"
}

func consolidatedAPI(id consult.ConsultationID) string {
	return fmt.Sprintf("/api/v1/consultations/%d/consolidated", id)
}

// publishedView is a published table in a list.
type publishedView struct {
	Number   int
	Href     string
	Date     string
	LogIndex int64
	LogHref  string
	Commit   string
	JSONHref string
}

func viewPublished(p *page, c consult.ConsultationID, t store.PublishedTable) publishedView {
	return publishedView{Number: t.Number, Href: fmt.Sprintf("%s/%d", consolidatedHref(p.Lang, c), t.Number), Date: p.Date(t.Published),
		LogIndex: t.LogIndex, LogHref: logHref(p.Lang, t.LogIndex), Commit: t.Commit, JSONHref: fmt.Sprintf("%s/%d.json", consolidatedAPI(c), t.Number)}
}

// entryView is a proposed wording in the consolidated table.
type entryView struct {
	Cluster  consolidate.ClusterID
	Href     string // the representative proposal, with the whole wording
	Lines    []string
	Count    string
	Supports int
	Campaign string
	Decided  bool
	Decision string
	Reason   []string
}

// entryChars is how much of a proposed wording the table's page shows.
const entryChars = 400

// consolidatedRow is a unit of the consolidated table.
type consolidatedRow struct {
	Unit     string
	UnitHref string
	Current  []string
	Summary  string
	Entries  []entryView
}

type consolidatedPage struct {
	page
	C             consultationView
	Number        int // 0 for the table as it stands now
	Published     *publishedView
	VersionHash   string
	Rows          []consolidatedRow
	Tables        []publishedView
	CSVHref       string
	MDHref        string
	JSONHref      string
	WorkbenchHref string // set for the secretariat
}

// publishedTable is a published table's JSON as store.PublishTable writes it.
type publishedTable struct {
	Number    int    `json:"number"`
	Published string `json:"published"`
	consolidate.Table
}

// loadPublished reads and decodes published table n of consultation c.
func (s *Server) loadPublished(r *http.Request, c consult.ConsultationID, n int) (publishedTable, []byte, error) {
	var t publishedTable
	body, err := s.consult.PublishedTableBody(r.Context(), c, n)
	if err != nil {
		return t, nil, err
	}
	if err := json.Unmarshal(body, &t); err != nil {
		return t, nil, fmt.Errorf("published table %d of consultation %d: %w", n, c, err)
	}
	return t, body, nil
}

func (s *Server) consolidatedPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := consolidatedPage{page: s.newPage(r, lang, i18n.Get(lang).ConsolidatedTitle, link{Href: consultationHref(lang, c.ID), Label: c.Version})}
	p.C = s.viewConsultation(r, &p.page, c)
	api := consolidatedAPI(c.ID)
	var tab *consolidate.Table
	if v := r.PathValue("n"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			s.fail(w, r, atazan.Errorf(atazan.ENotFound, "there is no published table %q", v))
			return
		}
		pt, _, err := s.loadPublished(r, c.ID, n)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		tab, p.Number = &pt.Table, n
		p.Title = p.T.Sprintf(p.T.PublishedTableTitle, strconv.Itoa(n))
		p.Crumbs = append(p.Crumbs, link{Href: consolidatedHref(lang, c.ID), Label: p.T.ConsolidatedTitle})
		p.CSVHref, p.MDHref, p.JSONHref = fmt.Sprintf("%s/%d.csv", api, n), fmt.Sprintf("%s/%d.md", api, n), fmt.Sprintf("%s/%d.json", api, n)
	} else {
		if tab, err = s.consult.ConsolidatedTable(r.Context(), c.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		p.CSVHref, p.MDHref, p.JSONHref = api+".csv", api+".md", api
	}
	tables, err := s.consult.PublishedTables(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, t := range tables {
		v := viewPublished(&p.page, c.ID, t)
		if t.Number == p.Number {
			p.Published = &v
		}
		p.Tables = append(p.Tables, v)
	}
	p.VersionHash = tab.VersionHash
	for _, row := range tab.Rows {
		cr := consolidatedRow{Unit: unitOrVersion(p.T, row.Unit), Current: lines(row.Current),
			Summary: p.T.Sprintf(p.T.RowSummary, p.T.Number(int64(row.Proposals)), p.T.Number(int64(row.Clusters)), p.T.Number(int64(row.Decided)))}
		if row.Unit != "" {
			cr.UnitHref = consultUnitHref(lang, c, row.Unit)
		}
		for _, e := range row.Entries {
			// The page shows the start of each wording, linked to the
			// proposal; the downloads carry the whole text.
			ev := entryView{Cluster: e.Cluster, Lines: lines(excerpt(e.Text, entryChars)), Href: fmt.Sprintf("/%s/proposals/%d", lang, e.Representative), Count: p.T.Count(p.T.ProposalsCount, e.Count), Supports: e.Supports,
				Decided: e.Decision != consolidate.Pending, Decision: decisionLabel(p.T, e.Decision), Reason: lines(e.Reason)}
			if e.Campaign {
				ev.Campaign = p.T.Count(p.T.CampaignCount, e.Count)
			}
			cr.Entries = append(cr.Entries, ev)
		}
		p.Rows = append(p.Rows, cr)
	}
	if a, err := s.currentAccount(r); err == nil && a != nil && a.Authorize(identity.ActDecideCluster) == nil {
		p.WorkbenchHref = workbenchHref(lang, c.ID)
	}
	s.render(w, r, http.StatusOK, "consolidated", &p)
}

// apiConsolidated: GET /api/v1/consultations/{id}/consolidated, the table
// as it stands now, as JSON.
func (s *Server) apiConsolidated(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tab, err := s.consult.ConsolidatedTable(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tab.Rows = nonNil(tab.Rows)
	for i := range tab.Rows {
		tab.Rows[i].Entries = nonNil(tab.Rows[i].Entries)
	}
	writeAPI(w, tab)
}

// apiConsolidatedLive: GET /api/v1/consultations/{id}/consolidated.csv and
// .md, the table as it stands now as a download.
func (s *Server) apiConsolidatedLive(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := s.loadConsultation(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		tab, err := s.consult.ConsolidatedTable(r.Context(), c.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.writeTable(w, r, tab, format, fmt.Sprintf("consolidated-%d-%s", c.ID, s.cfg.Clock().In(s.cfg.Location).Format(time.DateOnly)))
	}
}

// apiPublishedTable: GET /api/v1/consultations/{id}/consolidated/{file},
// where file is N.json (the published JSON byte for byte), N.csv or N.md.
func (s *Server) apiPublishedTable(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	file := r.PathValue("file")
	num, format, _ := strings.Cut(file, ".")
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 || (format != "json" && format != "csv" && format != "md") {
		s.fail(w, r, atazan.Errorf(atazan.ENotFound, "there is no %q: ask for N.json, N.csv or N.md, where N is the number of a published table", file))
		return
	}
	pt, body, err := s.loadPublished(r, c.ID, n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if format == "json" {
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Cache-Control", "public, max-age=86400, immutable")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
		return
	}
	s.writeTable(w, r, &pt.Table, format, fmt.Sprintf("consolidated-%d-%d", c.ID, n))
}

// writeTable sends a table as a CSV or Markdown download named name.
func (s *Server) writeTable(w http.ResponseWriter, r *http.Request, tab *consolidate.Table, format, name string) {
	var buf bytes.Buffer
	var err error
	ctype := "text/csv; charset=utf-8"
	if format == "md" {
		ctype = "text/markdown; charset=utf-8"
		err = tab.WriteMarkdown(&buf)
	} else {
		err = tab.WriteCSV(&buf)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	h.Set("Access-Control-Allow-Origin", "*")
	w.Write(buf.Bytes())
}

// apiPublishedTables: GET /api/v1/consultations/{id}/tables, the published
// tables newest first.
func (s *Server) apiPublishedTables(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ts, err := s.consult.PublishedTables(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type tableJSON struct {
		store.PublishedTable
		Href string `json:"href"`
	}
	out := []tableJSON{}
	for _, t := range ts {
		out = append(out, tableJSON{t, fmt.Sprintf("%s/%d.json", consolidatedAPI(c.ID), t.Number)})
	}
	writeAPI(w, map[string]any{"tables": out})
}

package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"atazan"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/i18n"
	"atazan/identity"
)

// clusterMembersShown is how many members a page of the cluster page
// lists; a campaign of thousands is counted in full and listed page by page.
const clusterMembersShown = 50

// barRow is one bar of a breakdown by region or language.
type barRow struct {
	Label string
	N     int64
	Width int64 // of 100, relative to the largest bar
}

// dayBar is one day of the arrivals chart, in SVG units.
type dayBar struct {
	Day        string
	N          int
	X, Y, W, H int
}

// dayChart is the inline SVG bar chart of arrivals per day.
type dayChart struct {
	Width, Height int
	Label         string // what a screen reader reads for the chart
	Bars          []dayBar
}

// memberView is a proposal in the cluster page's list.
type memberView struct {
	ID       consult.ProposalID
	Href     string
	Hidden   bool
	Status   string
	Reason   string
	Excerpt  string
	Lang     string
	Region   string
	Date     string
	Supports int
	Checked  bool
}

type clusterPage struct {
	page
	form
	C             consultationView
	ID            consolidate.ClusterID
	Unit          string
	UnitHref      string
	Lines         []string
	AllHidden     bool
	Size, Visible int64
	Supports      int64
	Campaign      string
	Decided       bool
	Decision      string
	Reason        []string
	WorkingGroup  string
	Amendment     string
	MergedInto    consolidate.ClusterID
	MergedHref    string
	LogIndex      int64
	LogHref       string
	Regions       []barRow
	Langs         []barRow
	Chart         dayChart
	Members       []memberView
	MembersFrom   int64 // the first member listed, from 1
	MembersTo     int64
	PrevMembers   string
	NextMembers   string
	Decisions     []option
	FormFor       string // the form the errors belong to
	Done          string // the notice after an action
	DoneHref      string
	WorkbenchHref string
	Action        string // the actions' address prefix
}

func (s *Server) clusterPage(w http.ResponseWriter, r *http.Request) {
	s.renderCluster(w, r, http.StatusOK, newForm(), "")
}

func pathCluster(r *http.Request) (consolidate.ClusterID, error) {
	id, err := pathID(r, "id", "cluster")
	return consolidate.ClusterID(id), err
}

func (s *Server) renderCluster(w http.ResponseWriter, r *http.Request, status int, f form, formFor string) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	if _, ok := s.secretariat(w, r, lang); !ok {
		return
	}
	id, err := pathCluster(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.consult.ClusterDetail(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.consult.Consultation(r.Context(), v.Consultation)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := clusterPage{page: s.newPage(r, lang, ""), form: f, FormFor: formFor, ID: id}
	p.C = s.viewConsultation(r, &p.page, c)
	p.WorkbenchHref = workbenchHref(lang, c.ID)
	p.Crumbs = append(p.Crumbs, link{Href: p.C.Href, Label: c.Version}, link{Href: p.WorkbenchHref, Label: p.T.WorkbenchTitle},
		link{Href: p.WorkbenchHref + "?unit=" + url.QueryEscape(string(v.Unit)), Label: unitOrVersion(p.T, v.Unit)})
	p.Title = p.T.Sprintf(p.T.ClusterTitle, strconv.FormatInt(int64(id), 10))
	p.Action = clusterHref(lang, id)
	p.Unit = unitOrVersion(p.T, v.Unit)
	if v.Unit != "" {
		p.UnitHref = consultUnitHref(lang, c, v.Unit)
	}
	p.Lines, p.AllHidden = lines(v.Text), v.Representative == 0
	p.Size, p.Visible, p.Supports = int64(v.Size), int64(v.Visible), int64(v.Supports)
	if v.Campaign {
		p.Campaign = p.T.Count(p.T.CampaignCount, v.Size)
	}
	p.Decided, p.Decision, p.Reason = v.Decision != consolidate.Pending, decisionLabel(p.T, v.Decision), lines(v.Reason)
	p.WorkingGroup, p.Amendment = v.WorkingGroup, v.Amendment
	if v.MergedInto != 0 {
		p.MergedInto, p.MergedHref = v.MergedInto, clusterHref(lang, v.MergedInto)
	}
	p.LogIndex, p.LogHref = v.LastLogIndex, logHref(lang, v.LastLogIndex)
	for _, b := range v.Breakdown.Regions {
		label := b.Key
		if reg, err := s.cfg.Regions.Match(b.Key); err == nil {
			label = reg.Name(string(lang))
		}
		p.Regions = append(p.Regions, barRow{Label: label, N: int64(b.N)})
	}
	for _, b := range v.Breakdown.Langs {
		label := b.Key
		if l, ok := i18n.Parse(b.Key); ok {
			label = i18n.Get(l).Native
		}
		p.Langs = append(p.Langs, barRow{Label: label, N: int64(b.N)})
	}
	scaleBars(p.Regions)
	scaleBars(p.Langs)
	p.Chart = newDayChart(p.T, v.Breakdown.Days)

	chosen := map[string]bool{}
	if formFor == "split" {
		for _, x := range r.PostForm["proposals"] {
			chosen[x] = true
		}
	}
	from, err := queryCount(r, "from", 0)
	if err != nil || from >= len(v.Members) {
		from = 0
	}
	shown := v.Members[from:min(len(v.Members), from+clusterMembersShown)]
	if len(shown) > 0 {
		p.MembersFrom, p.MembersTo = int64(from+1), int64(from+len(shown))
	}
	if from > 0 {
		p.PrevMembers = fmt.Sprintf("%s?from=%d#members", p.Action, max(0, from-clusterMembersShown))
	}
	if from+len(shown) < len(v.Members) {
		p.NextMembers = fmt.Sprintf("%s?from=%d#members", p.Action, from+len(shown))
	}
	for _, m := range shown {
		mv := memberView{ID: m.ID, Href: proposalHref(lang, m.ID), Hidden: m.Status == consult.StatusHidden, Status: statusLabel(p.T, m.Status),
			Excerpt: excerpt(m.Text, 300), Lang: string(m.Lang), Date: p.Date(m.CreatedAt), Supports: m.Supports,
			Checked: chosen[strconv.FormatInt(int64(m.ID), 10)]}
		if mv.Hidden {
			mv.Reason, mv.Excerpt = reasonLabel(lang, string(m.HiddenReason)), ""
		}
		if reg, err := s.cfg.Regions.Match(m.Region); err == nil {
			mv.Region = reg.Name(string(lang))
		} else {
			mv.Region = m.Region
		}
		p.Members = append(p.Members, mv)
	}

	chosenDecision := v.Decision
	if formFor == "decide" {
		chosenDecision = consolidate.Decision(f.Values["decision"])
	} else {
		f.Values["reason"] = v.Reason
	}
	for _, d := range consolidate.Decisions {
		p.Decisions = append(p.Decisions, option{Value: string(d), Label: decisionLabel(p.T, d), Selected: d == chosenDecision})
	}
	if formFor != "group" {
		f.Values["group"] = v.WorkingGroup
	}
	if formFor != "amendment" {
		f.Values["amendment"] = v.Amendment
	}

	q := r.URL.Query()
	if n, err := strconv.ParseInt(q.Get("log"), 10, 64); err == nil && q.Get("done") != "" {
		p.Done, p.DoneHref = p.T.Sprintf(p.T.ActionDone, strconv.FormatInt(n, 10)), logHref(lang, n)
	}
	if n, err := strconv.ParseInt(q.Get("new"), 10, 64); err == nil && n > 0 {
		p.Done, p.DoneHref = p.T.Sprintf(p.T.SplitDone, strconv.FormatInt(n, 10)), clusterHref(lang, consolidate.ClusterID(n))
	}
	s.render(w, r, status, "workbench_cluster", &p)
}

// scaleBars sets each bar's width relative to the largest.
func scaleBars(bars []barRow) {
	var top int64
	for _, b := range bars {
		top = max(top, b.N)
	}
	for i := range bars {
		if top > 0 {
			bars[i].Width = max(1, bars[i].N*100/top)
		}
	}
}

// newDayChart lays out arrivals per day as bars, 120 units high.
func newDayChart(t *i18n.Catalog, days []consolidate.Count) dayChart {
	const height, width = 120, 600
	ch := dayChart{Width: width, Height: height}
	if len(days) == 0 {
		return ch
	}
	top, total := 0, 0
	for _, d := range days {
		top, total = max(top, d.N), total+d.N
	}
	bw := min(40, max(1, width/len(days))) // a few days do not fill the width
	ch.Width = max(width, bw*len(days))
	for i, d := range days {
		h := 0
		if top > 0 {
			h = d.N * (height - 2) / top
		}
		if d.N > 0 {
			h = max(h, 1)
		}
		gap := 0
		if bw > 3 {
			gap = 1
		}
		ch.Bars = append(ch.Bars, dayBar{Day: d.Key, N: d.N, X: i * bw, Y: height - h, W: bw - gap, H: h})
	}
	ch.Label = t.Sprintf(t.ChartLabel, days[0].Key, days[len(days)-1].Key, t.Number(int64(total)), t.Number(int64(top)))
	return ch
}

// clusterAction reads and performs one of the secretariat's actions on the
// cluster named by the path. On success it redirects back to the cluster
// page with the action's log record; when the store refuses, the page is
// shown again with the error next to the field at fault (fallback when the
// error names none).
func (s *Server) clusterAction(w http.ResponseWriter, r *http.Request, name, fallback string, fields []string,
	act func(acc identity.Account, id consolidate.ClusterID, f form) (string, error)) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	acc, ok := s.secretariat(w, r, lang)
	if !ok {
		return
	}
	id, err := pathCluster(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.consult.Cluster(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, atazan.Errorf(atazan.EInvalid, "the form could not be read: %v", err))
		return
	}
	f := newForm()
	for _, k := range fields {
		f.Values[k] = r.PostFormValue(k)
	}
	next, err := act(acc, id, f)
	if err != nil {
		switch atazan.ErrorCode(err) {
		case atazan.EInvalid, atazan.EConflict, atazan.ENotFound, atazan.ETooLarge:
			f.add(err, fallback)
			status := formStatus(err)
			if status == http.StatusNotFound { // a number typed in the form, not the page
				status = http.StatusBadRequest
			}
			s.renderCluster(w, r, status, f, name)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// done is the cluster page showing the result of an action: its log
// record, and for a split the new cluster.
func done(lang i18n.Lang, id consolidate.ClusterID, action string, logIndex int64, newCluster consolidate.ClusterID) string {
	extra := ""
	if newCluster != 0 {
		extra = fmt.Sprintf("&new=%d", newCluster)
	}
	return fmt.Sprintf("%s?done=%s&log=%d%s#result", clusterHref(lang, id), action, logIndex, extra)
}

// parseClusterIDs reads cluster numbers separated by commas or spaces.
func parseClusterIDs(field, s string) ([]consolidate.ClusterID, error) {
	var out []consolidate.ClusterID
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		n, err := strconv.ParseInt(strings.TrimPrefix(x, "#"), 10, 64)
		if err != nil || n <= 0 {
			return nil, atazan.FieldErrorf(field, "%q is not a cluster number", x)
		}
		out = append(out, consolidate.ClusterID(n))
	}
	return out, nil
}

func parseNumber(field, what, s string) (int64, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		if s == "" {
			return 0, atazan.FieldErrorf(field, "type the number of the %s", what)
		}
		return 0, atazan.FieldErrorf(field, "%q is not the number of a %s", s, what)
	}
	return n, nil
}

func (s *Server) mergePost(w http.ResponseWriter, r *http.Request) {
	s.clusterAction(w, r, "merge", "from", []string{"from"}, func(acc identity.Account, id consolidate.ClusterID, f form) (string, error) {
		from, err := parseClusterIDs("from", f.Values["from"])
		if err != nil {
			return "", err
		}
		n, err := s.consult.MergeClusters(r.Context(), id, from, acc.ID)
		return done(requestLang(r), id, "merge", n, 0), err
	})
}

func (s *Server) splitPost(w http.ResponseWriter, r *http.Request) {
	s.clusterAction(w, r, "split", "proposals", nil, func(acc identity.Account, id consolidate.ClusterID, f form) (string, error) {
		var chosen []consult.ProposalID
		for _, x := range r.PostForm["proposals"] {
			n, err := parseNumber("proposals", "proposal", x)
			if err != nil {
				return "", err
			}
			chosen = append(chosen, consult.ProposalID(n))
		}
		nc, n, err := s.consult.SplitCluster(r.Context(), id, chosen, acc.ID)
		return done(requestLang(r), id, "split", n, nc), err
	})
}

func (s *Server) movePost(w http.ResponseWriter, r *http.Request) {
	s.clusterAction(w, r, "move", "to", []string{"proposal", "to"}, func(acc identity.Account, id consolidate.ClusterID, f form) (string, error) {
		p, err := parseNumber("proposal", "proposal", f.Values["proposal"])
		if err != nil {
			return "", err
		}
		to, err := parseNumber("to", "cluster", f.Values["to"])
		if err != nil {
			return "", err
		}
		n, err := s.consult.MoveProposal(r.Context(), consult.ProposalID(p), consolidate.ClusterID(to), acc.ID)
		return done(requestLang(r), id, "move", n, 0), err
	})
}

func (s *Server) groupPost(w http.ResponseWriter, r *http.Request) {
	s.clusterAction(w, r, "group", "group", []string{"group"}, func(acc identity.Account, id consolidate.ClusterID, f form) (string, error) {
		n, err := s.consult.AssignWorkingGroup(r.Context(), id, f.Values["group"], acc.ID)
		return done(requestLang(r), id, "group", n, 0), err
	})
}

func (s *Server) decideClusterPost(w http.ResponseWriter, r *http.Request) {
	s.clusterAction(w, r, "decide", "reason", []string{"decision", "reason"}, func(acc identity.Account, id consolidate.ClusterID, f form) (string, error) {
		d, err := consolidate.ParseDecision(f.Values["decision"])
		if err != nil {
			return "", atazan.FieldErrorf("decision", "choose one of the four decisions")
		}
		n, err := s.consult.DecideCluster(r.Context(), id, d, f.Values["reason"], acc.ID)
		return done(requestLang(r), id, "decide", n, 0), err
	})
}

func (s *Server) amendmentPost(w http.ResponseWriter, r *http.Request) {
	s.clusterAction(w, r, "amendment", "amendment", []string{"amendment"}, func(acc identity.Account, id consolidate.ClusterID, f form) (string, error) {
		n, err := s.consult.LinkAmendment(r.Context(), id, f.Values["amendment"], acc.ID)
		return done(requestLang(r), id, "amendment", n, 0), err
	})
}

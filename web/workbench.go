package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"atazan"
	"atazan/charter"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/i18n"
	"atazan/identity"
	"atazan/store"
)

// The secretariat's workbench: per consultation, the articles and units that
// have clusters, and the clusters of one of them ranked by size or support;
// per cluster, its texts, breakdowns and the forms of the secretariat's
// actions (cluster_page.go). Every page and action is the secretariat's
// only (identity.ActDecideCluster), checked here on the server; the forms
// are protected from other sites like every form (middleware.go).

// workbenchPageSize is how many clusters a page of the workbench lists.
const workbenchPageSize = 25

func workbenchHref(l i18n.Lang, id consult.ConsultationID) string {
	return consultationHref(l, id) + "/workbench"
}

func clusterHref(l i18n.Lang, id consolidate.ClusterID) string {
	return fmt.Sprintf("/%s/workbench/clusters/%d", l, id)
}

// secretariat returns the signed-in account of a workbench request if it
// may act on clusters. A reader who is not signed in is sent to sign in
// (GET) or refused as unauthorized (POST); any other role is forbidden.
func (s *Server) secretariat(w http.ResponseWriter, r *http.Request, lang i18n.Lang) (identity.Account, bool) {
	if _, ok := s.requirePage(w, r, lang); !ok {
		return identity.Account{}, false
	}
	a, err := s.authorize(r, identity.ActDecideCluster)
	if err != nil {
		if e := classify(err); e.Code == atazan.EForbidden {
			err = atazan.Errorf(atazan.EForbidden, "Only the secretariat may use the workbench (%s).", e.Message)
		}
		s.fail(w, r, err)
		return identity.Account{}, false
	}
	return a, true
}

// articleOf is the article a unit belongs to ("art_5" for
// "art_5__para_2"), or "" for a unit outside any article.
func articleOf(u charter.UnitID) string {
	first, _, _ := strings.Cut(string(u), "__")
	if strings.HasPrefix(first, "art_") {
		return first
	}
	return ""
}

// naturalCompare orders unit IDs as people count: art_2 before art_10.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, _ := strconv.Atoi(a[:da])
			nb, _ := strconv.Atoi(b[:db])
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digits(s string) int {
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// unitRow is an article or a unit in the workbench's index.
type unitRow struct {
	Label                                   string
	Href                                    string
	Current                                 bool
	Article                                 bool // a whole article, its units included
	Clusters, Proposals, Decided, Campaigns int64
}

// clusterRow is a cluster in the workbench's list.
type clusterRow struct {
	ID        consolidate.ClusterID
	Href      string
	Unit      string
	Text      string
	AllHidden bool
	Size      int64
	Supports  int64
	Campaign  string
	Decided   bool
	Decision  string
	Reason    string
}

type sortLink struct {
	Label, Href string
	Current     bool
}

type workbenchPage struct {
	page
	C                  consultationView
	Units              []unitRow
	Scope              string
	Sorts              []sortLink
	Rows               []clusterRow
	From, To           int64
	PrevHref, NextHref string
	Published          []publishedView
	ConsolidatedHref   string
	PublishAction      string
}

func (s *Server) workbenchPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	if _, ok := s.secretariat(w, r, lang); !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := workbenchPage{page: s.newPage(r, lang, "", link{Href: consultationHref(lang, c.ID), Label: c.Version})}
	p.C = s.viewConsultation(r, &p.page, c)
	p.Title = p.T.WorkbenchTitle
	p.ConsolidatedHref = consolidatedHref(lang, c.ID)
	p.PublishAction = workbenchHref(lang, c.ID) + "/publish"

	q := r.URL.Query()
	cq := store.ClusterQuery{Consultation: c.ID, Sort: q.Get("sort")}
	if cq.Sort != "supports" {
		cq.Sort = "size"
	}
	unit, article := charter.UnitID(q.Get("unit")), q.Get("article")
	scope := url.Values{}
	switch {
	case q.Has("unit"):
		cq.Unit = &unit
		scope.Set("unit", string(unit))
		p.Scope = unitOrVersion(p.T, unit)
	case article != "":
		cq.Article = article
		scope.Set("article", article)
		p.Scope = p.T.Sprintf(p.T.WholeArticle, unitLabel(p.T, charter.UnitID(article)))
	default:
		p.Scope = p.T.AllUnits
	}
	pageNo, err := queryCount(r, "page", 1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pageNo = max(pageNo, 1)
	cq.Limit, cq.Offset = workbenchPageSize+1, (pageNo-1)*workbenchPageSize

	href := func(v url.Values) string {
		if len(v) == 0 {
			return workbenchHref(lang, c.ID)
		}
		return workbenchHref(lang, c.ID) + "?" + v.Encode()
	}
	units, err := s.consult.ClusterUnits(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Units = s.unitRows(&p.page, units, func(key, value string) string {
		return href(url.Values{key: {value}, "sort": {cq.Sort}})
	}, q)
	for _, o := range []struct{ key, label string }{{"size", p.T.SortBySize}, {"supports", p.T.SortBySupports}} {
		v := url.Values{}
		for k, vs := range scope {
			v[k] = vs
		}
		v.Set("sort", o.key)
		p.Sorts = append(p.Sorts, sortLink{Label: o.label, Href: href(v), Current: o.key == cq.Sort})
	}

	cs, err := s.consult.Clusters(r.Context(), cq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	more := len(cs) > workbenchPageSize
	cs = cs[:min(len(cs), workbenchPageSize)]
	for _, cl := range cs {
		p.Rows = append(p.Rows, newClusterRow(&p.page, cl))
	}
	if len(cs) > 0 {
		p.From, p.To = int64(cq.Offset+1), int64(cq.Offset+len(cs))
	}
	pageHref := func(n int) string {
		v := url.Values{}
		for k, vs := range scope {
			v[k] = vs
		}
		v.Set("sort", cq.Sort)
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		return href(v)
	}
	if pageNo > 1 {
		p.PrevHref = pageHref(pageNo - 1)
	}
	if more {
		p.NextHref = pageHref(pageNo + 1)
	}
	tables, err := s.consult.PublishedTables(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, t := range tables {
		p.Published = append(p.Published, viewPublished(&p.page, c.ID, t))
	}
	s.render(w, r, http.StatusOK, "workbench", &p)
}

// unitRows makes the workbench's index: each article with its clusters in
// all, followed by its units; units outside articles on their own.
func (s *Server) unitRows(p *page, units []store.UnitClusters, href func(key, value string) string, q url.Values) []unitRow {
	slices.SortFunc(units, func(a, b store.UnitClusters) int { return naturalCompare(string(a.Unit), string(b.Unit)) })
	var out []unitRow
	articleAt := map[string]int{}
	for _, u := range units {
		if art := articleOf(u.Unit); art != "" {
			i, ok := articleAt[art]
			if !ok {
				i = len(out)
				articleAt[art] = i
				out = append(out, unitRow{Label: p.T.Sprintf(p.T.WholeArticle, unitLabel(p.T, charter.UnitID(art))), Href: href("article", art),
					Article: true, Current: !q.Has("unit") && q.Get("article") == art})
			}
			a := &out[i]
			a.Clusters, a.Proposals = a.Clusters+int64(u.Clusters), a.Proposals+int64(u.Proposals)
			a.Decided, a.Campaigns = a.Decided+int64(u.Decided), a.Campaigns+int64(u.Campaigns)
		}
		out = append(out, unitRow{Label: unitOrVersion(p.T, u.Unit), Href: href("unit", string(u.Unit)),
			Current: q.Has("unit") && q.Get("unit") == string(u.Unit), Clusters: int64(u.Clusters), Proposals: int64(u.Proposals),
			Decided: int64(u.Decided), Campaigns: int64(u.Campaigns)})
	}
	return out
}

func newClusterRow(p *page, c consolidate.Cluster) clusterRow {
	row := clusterRow{ID: c.ID, Href: clusterHref(p.Lang, c.ID), Unit: unitOrVersion(p.T, c.Unit), Text: excerpt(c.Text, 240),
		AllHidden: c.Representative == 0, Size: int64(c.Size), Supports: int64(c.Supports), Decided: c.Decision != consolidate.Pending,
		Decision: decisionLabel(p.T, c.Decision), Reason: excerpt(c.Reason, 160)}
	if c.Campaign {
		row.Campaign = p.T.Count(p.T.CampaignCount, c.Size)
	}
	return row
}

// publishTablePost publishes the consultation's consolidated table and shows it.
func (s *Server) publishTablePost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	acc, ok := s.secretariat(w, r, lang)
	if !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pt, err := s.consult.PublishTable(r.Context(), c.ID, acc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("%s/%d", consolidatedHref(lang, c.ID), pt.Number), http.StatusSeeOther)
}

package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"atazan"
	"atazan/i18n"
	"atazan/identity"
	"atazan/referendum"
	"atazan/store"
)

// refPage is what every referendum page has.
type refPage struct {
	page
	M *refText
	R refView
}

type refView struct {
	Slug, Href, Question, Charter, Version, VersionHref, Date, Rules string
	Declared, InForce                                                string // dates; "" when not declared, not in force
	LogIndex                                                         int64
	DeclaredLog                                                      int64
	API                                                              string // the JSON API's base for this referendum
}

func (s *Server) refPage(r *http.Request, lang i18n.Lang, ref store.Referendum, title string, crumbs ...link) refPage {
	m := refTexts[lang]
	base := "/" + string(lang) + "/referendums"
	all := append([]link{{Href: base, Label: m.Referendums}}, crumbs...)
	if title != "" { // a page below the referendum's own
		all = append([]link{{Href: base, Label: m.Referendums}, {Href: base + "/" + ref.Slug, Label: ref.Slug}}, crumbs...)
	}
	p := refPage{page: s.newPage(r, lang, title, all...), M: m}
	rs, _ := ref.RuleSet()
	p.R = refView{Slug: ref.Slug, Href: base + "/" + ref.Slug, Question: ref.Questions[string(lang)], Charter: ref.Charter,
		Version: ref.Version, VersionHref: "/" + string(lang) + "/charters/" + url.PathEscape(ref.Charter) + "/versions/" + url.PathEscape(ref.Version),
		Date: ref.Date.String(), Rules: rs.Describe(), LogIndex: ref.LogIndex, API: "/api/v1/referendums/" + ref.Slug}
	if p.Title == "" {
		p.Title = ref.Questions[string(lang)]
	}
	if d := ref.Declared; d != nil {
		p.R.Declared, p.R.InForce, p.R.DeclaredLog = p.ISODate(d.At), d.InForceFrom, d.LogIndex
	}
	return p
}

// totalsView is an area's totals as a table row shows them.
type totalsView struct {
	Name, Href                                                  string
	Abroad                                                      bool
	Registered, Participants, Yes, No, Both, Invalid, Precincts string
	Covered, Turnout, YesShare                                  string
	YesMajority                                                 bool
	Reported                                                    bool
}

func percent(n, d int64) string {
	if d == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*float64(n)/float64(d), 'f', 2, 64) + "%"
}

func (p *refPage) totals(name, href string, t referendum.Totals) totalsView {
	n := p.T.Number
	return totalsView{Name: name, Href: href, Registered: n(t.Sum[referendum.Registered]), Participants: n(t.Participants()),
		Yes: n(t.Sum[referendum.Yes]), No: n(t.Sum[referendum.No]), Both: n(t.Sum[referendum.Both]), Invalid: n(t.Sum[referendum.Invalid]),
		Precincts: n(t.Precincts), Covered: n(t.Covered), Turnout: percent(t.Participants(), t.Sum[referendum.Registered]),
		YesShare: percent(t.Sum[referendum.Yes], t.Participants()), YesMajority: 2*t.Sum[referendum.Yes] > t.Participants(), Reported: t.Precincts > 0}
}

// resultView is a result with each condition's numbers.
type resultView struct {
	Nation                                 totalsView
	Valid, Adopted                         bool
	TurnoutHolds, MajorityHolds, RegionsOn bool
	RegionsHolds                           bool
	Regions, RegionsYes                    int
	TurnoutRule, MajorityRule, RegionsRule string
}

type referendumPage struct {
	refPage
	Result      resultView
	Regions     []totalsView
	ChartHeight int // of the regions' bar chart
	CanDeclare  bool
	MyPrecinct  string // the signed-in officer's precinct page; "" for others
	Declare     form
}

func (s *Server) referendumsPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	rs := s.referendums()
	if rs == nil {
		s.notFound(w, r)
		return
	}
	refs, err := rs.Referendums(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m := refTexts[lang]
	p := struct {
		refPage
		List []refView
	}{refPage: refPage{page: s.newPage(r, lang, m.Referendums), M: m}}
	for _, ref := range refs {
		p.List = append(p.List, s.refPage(r, lang, ref, "").R)
	}
	s.renderRef(w, r, http.StatusOK, "referendums", &p)
}

func (s *Server) referendumPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	p, err := s.nationalPage(r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRef(w, r, http.StatusOK, "referendum", p)
}

func (s *Server) nationalPage(r *http.Request, lang i18n.Lang) (*referendumPage, error) {
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	st, err := rs.Structure(ctx, ref.ID)
	if err != nil {
		return nil, err
	}
	nation, err := rs.NationalTotals(ctx, ref.ID)
	if err != nil {
		return nil, err
	}
	regions, err := rs.ReferendumTotals(ctx, ref.ID, "r")
	if err != nil {
		return nil, err
	}
	res, err := rs.Results(ctx, ref.ID)
	if err != nil {
		return nil, err
	}
	rules, _ := ref.RuleSet()
	p := &referendumPage{refPage: s.refPage(r, lang, ref, "")}
	p.Result = resultView{Nation: p.totals("", "", nation), Valid: res.Valid, Adopted: res.Adopted,
		TurnoutHolds: rules.Turnout.Passes(res.Participants, res.Registered), MajorityHolds: rules.National.Passes(res.Yes, res.Participants),
		RegionsOn: !rules.Regional.Off, RegionsHolds: res.Regions > 0 && rules.Regions.Passes(int64(res.RegionsYes), int64(res.Regions)),
		Regions: res.Regions, RegionsYes: res.RegionsYes,
		TurnoutRule: rules.Turnout.Describe(), MajorityRule: rules.National.Describe(), RegionsRule: rules.Regions.Describe()}
	for _, a := range regions {
		if a.Num >= len(st.Regions) {
			continue
		}
		row := p.totals(st.Regions[a.Num].Code, fmt.Sprintf("%s/regions/%d", p.R.Href, a.Num), a.Totals)
		row.Abroad = st.Regions[a.Num].Abroad
		p.Regions = append(p.Regions, row)
	}
	p.ChartHeight = regionsChartHeight(len(p.Regions))
	if acc, _ := s.currentAccount(r); acc != nil {
		p.CanDeclare = ref.Declared == nil && acc.Authorize(identity.ActDeclareResult) == nil
		if acc.Authorize(identity.ActEnterProtocol) == nil {
			if n, ok, err := rs.OfficerPrecinct(ctx, ref.ID, acc.ID); err == nil && ok {
				p.MyPrecinct = fmt.Sprintf("%s/precincts/%d", p.R.Href, n)
			}
		}
	}
	p.Declare = newForm()
	return p, nil
}

type areaPage struct {
	refPage
	Heading string
	Totals  totalsView
	Level   string // the rows' level: Districts or Precincts
	Rows    []totalsView
}

func (s *Server) regionPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	rs, ref, st, num, err := s.loadArea(r, "region")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	regions, err := rs.ReferendumTotals(ctx, ref.ID, "r")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	districts, err := rs.ReferendumTotals(ctx, ref.ID, "d")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reg := st.Regions[num]
	p := &areaPage{refPage: s.refPage(r, lang, ref, reg.Code)}
	p.Heading = refTexts[lang].Region + ": " + reg.Code
	p.Level = p.M.Districts
	p.Totals = p.totals(reg.Code, "", totalsAt(regions, num))
	for _, d := range reg.Districts {
		p.Rows = append(p.Rows, p.totals(st.Districts[d].Code, fmt.Sprintf("%s/districts/%d", p.R.Href, d), totalsAt(districts, int(d))))
	}
	s.renderRef(w, r, http.StatusOK, "referendum_area", p)
}

// totalsAt finds an area's totals by number.
func totalsAt(all []store.AreaTotals, num int) referendum.Totals {
	if num < len(all) && all[num].Num == num {
		return all[num].Totals
	}
	for _, a := range all {
		if a.Num == num {
			return a.Totals
		}
	}
	return referendum.Totals{}
}

func (s *Server) districtPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	rs, ref, st, num, err := s.loadArea(r, "district")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	districts, err := rs.ReferendumTotals(ctx, ref.ID, "d")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counted, err := rs.CountedProtocols(ctx, ref.ID, num)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	byPrecinct := map[referendum.PrecinctID]referendum.Protocol{}
	for _, c := range counted {
		byPrecinct[c.Revision.Precinct] = c.Revision.Protocol
	}
	d := st.Districts[num]
	reg := st.Regions[d.Region]
	p := &areaPage{refPage: s.refPage(r, lang, ref, d.Code, link{Href: fmt.Sprintf("/%s/referendums/%s/regions/%d", lang, ref.Slug, d.Region), Label: reg.Code})}
	p.Heading = refTexts[lang].District + ": " + d.Code
	p.Level = p.M.Precincts
	p.Totals = p.totals(d.Code, "", totalsAt(districts, num))
	for _, pid := range d.Precincts {
		var t referendum.Totals
		if pr, ok := byPrecinct[pid]; ok {
			t = referendum.Delta(nil, &pr, st.Precincts[pid].Registered)
		}
		p.Rows = append(p.Rows, p.totals(st.Precincts[pid].Code, fmt.Sprintf("%s/precincts/%d", p.R.Href, pid), t))
	}
	s.renderRef(w, r, http.StatusOK, "referendum_area", p)
}

// revisionView is one revision of a precinct's protocol.
type revisionView struct {
	Number   int
	Reason   string
	Fields   []fieldValue
	Warnings []string
	Date     string
	LogIndex int64
	LogHref  string
	Actor    string
}

type fieldValue struct {
	Name, Label, Value string
	Reported           bool
}

type precinctPage struct {
	refPage
	Heading    string
	Region     link
	District   link
	Registered string
	Revisions  []revisionView // newest first; the first is counted
	Mine       bool           // the signed-in officer's own precinct
	Accepted   bool           // just accepted (after the form)
}

func (s *Server) precinctPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	rs, ref, st, num, err := s.loadArea(r, "precinct")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	revs, err := rs.PrecinctRevisions(ctx, ref.ID, referendum.PrecinctID(num))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := st.Precincts[num]
	regLink := link{Href: fmt.Sprintf("/%s/referendums/%s/regions/%d", lang, ref.Slug, pr.Region), Label: st.Regions[pr.Region].Code}
	distLink := link{Href: fmt.Sprintf("/%s/referendums/%s/districts/%d", lang, ref.Slug, pr.District), Label: st.Districts[pr.District].Code}
	p := &precinctPage{refPage: s.refPage(r, lang, ref, pr.Code, regLink, distLink), Region: regLink, District: distLink}
	p.Heading = p.M.Precinct + ": " + pr.Code
	p.Registered = p.T.Number(pr.Registered)
	p.Accepted = r.URL.Query().Get("accepted") != ""
	for i := len(revs) - 1; i >= 0; i-- {
		p.Revisions = append(p.Revisions, p.revisionView(ref, revs[i]))
	}
	if acc, _ := s.currentAccount(r); acc != nil && acc.Authorize(identity.ActEnterProtocol) == nil {
		if n, ok, err := rs.OfficerPrecinct(ctx, ref.ID, acc.ID); err == nil && ok && int(n) == num {
			p.Mine = ref.Declared == nil
		}
	}
	s.renderRef(w, r, http.StatusOK, "referendum_precinct", p)
}

func (p *refPage) revisionView(ref store.Referendum, sr store.StoredRevision) revisionView {
	v := revisionView{Number: sr.Revision.Number, Reason: sr.Revision.Reason, Warnings: sr.Warnings, Date: p.Date(sr.AcceptedAt),
		LogIndex: sr.LogIndex, LogHref: fmt.Sprintf("/%s/log?index=%d", p.Lang, sr.LogIndex), Actor: string(sr.Actor)}
	for _, f := range ref.ProtocolForm() {
		val, ok := sr.Revision.Protocol.Get(f)
		fv := fieldValue{Name: f.String(), Label: p.M.Field[f], Reported: ok}
		if ok {
			fv.Value = p.T.Number(val)
		}
		v.Fields = append(v.Fields, fv)
	}
	return v
}

// protocolForm is the officer's form for their precinct's protocol.
type protocolForm struct {
	refPage
	form
	Precinct     string
	PrecinctHref string
	Fields       []fieldValue
	Correcting   bool // a revision is counted already: a reason is required
	Next         int
	Violations   []referendum.Violation
}

// officerPrecinct returns the signed-in officer's precinct in the referendum.
func (s *Server) officerPrecinct(r *http.Request, rs ReferendumStore, ref store.Referendum) (identity.Account, referendum.PrecinctID, error) {
	acc, err := s.authorize(r, identity.ActEnterProtocol)
	if err != nil {
		return acc, 0, err
	}
	n, ok, err := rs.OfficerPrecinct(r.Context(), ref.ID, acc.ID)
	if err != nil {
		return acc, 0, err
	}
	if !ok {
		return acc, 0, atazan.Errorf(atazan.EForbidden, "This account is not the officer of any precinct of referendum %s.", ref.Slug)
	}
	return acc, n, nil
}

func (s *Server) protocolPage(w http.ResponseWriter, r *http.Request) {
	s.protocolFormPage(w, r, false)
}

func (s *Server) protocolPost(w http.ResponseWriter, r *http.Request) {
	s.protocolFormPage(w, r, true)
}

func (s *Server) protocolFormPage(w http.ResponseWriter, r *http.Request, post bool) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, precinct, err := s.officerPrecinct(r, rs, ref)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	st, err := rs.Structure(ctx, ref.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	revs, err := rs.PrecinctRevisions(ctx, ref.ID, precinct)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m := refTexts[lang]
	p := &protocolForm{refPage: s.refPage(r, lang, ref, m.EnterProtocol), form: newForm(), Precinct: st.Name(precinct),
		PrecinctHref: fmt.Sprintf("/%s/referendums/%s/precincts/%d", lang, ref.Slug, precinct), Correcting: len(revs) > 0, Next: len(revs) + 1}
	if len(revs) > 0 {
		p.Next = revs[len(revs)-1].Revision.Number + 1
	}
	status := http.StatusOK
	if post {
		rev := referendum.Revision{Precinct: precinct, Number: p.Next, Reason: r.PostFormValue("reason")}
		p.Values["reason"] = rev.Reason
		for _, f := range ref.ProtocolForm() {
			v := strings.TrimSpace(r.PostFormValue(f.String()))
			p.Values[f.String()] = v
			if v == "" {
				continue
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				p.add(atazan.FieldErrorf(f.String(), "%s: %q is not a whole number", m.Field[f], v), f.String())
				continue
			}
			rev.Protocol.Set(f, n)
		}
		if err := s.allowSubmit(r, acc); err != nil {
			s.fail(w, r, err)
			return
		}
		if len(p.Summary) == 0 {
			_, vs, err := rs.SubmitProtocol(ctx, ref.ID, rev, acc)
			if err == nil {
				http.Redirect(w, r, p.PrecinctHref+"?accepted=1", http.StatusSeeOther)
				return
			}
			switch atazan.ErrorCode(err) {
			case atazan.EInvalid, atazan.EConflict:
				if len(vs) == 0 { // refused for its number or reason: name the rules it breaks too
					p.add(err, "reason")
					if vs = referendum.Check(rev.Protocol); !referendum.Rejects(vs) {
						vs = nil
					}
				}
				p.Violations = vs
				for _, v := range vs {
					if v.Severity == referendum.Error {
						p.Summary = append(p.Summary, fieldError{Field: firstField(v.Rule), Message: v.Rule + ": " + v.Message})
					}
				}
			default:
				s.fail(w, r, err)
				return
			}
		}
		status = http.StatusUnprocessableEntity
	} else if len(revs) > 0 {
		last := revs[len(revs)-1].Revision.Protocol
		for _, f := range ref.ProtocolForm() {
			if v, ok := last.Get(f); ok {
				p.Values[f.String()] = strconv.FormatInt(v, 10)
			}
		}
	}
	for _, f := range ref.ProtocolForm() {
		p.Fields = append(p.Fields, fieldValue{Name: f.String(), Label: m.Field[f], Value: p.Values[f.String()]})
	}
	s.renderRef(w, r, status, "referendum_protocol", p)
}

// firstField is the input a rule's error links to.
func firstField(rule string) string {
	switch rule {
	case "boxes_sum", "boxes_eq_issued":
		return "in_boxes"
	case "received_balance":
		return "received"
	case "issued_le_registered":
		return "issued"
	}
	return "registered"
}

func (s *Server) declarePost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.authorize(r, identity.ActDeclareResult)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := rs.DeclareResult(r.Context(), ref.ID, strings.TrimSpace(r.PostFormValue("in_force")), acc); err != nil {
		if atazan.ErrorCode(err) != atazan.EInvalid {
			s.fail(w, r, err)
			return
		}
		p, perr := s.nationalPage(r, lang)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Declare.add(err, "in_force")
		s.renderRef(w, r, http.StatusUnprocessableEntity, "referendum", p)
		return
	}
	http.Redirect(w, r, "/"+string(lang)+"/referendums/"+ref.Slug, http.StatusSeeOther)
}

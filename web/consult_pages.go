package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/consult"
	"atazan/i18n"
	"atazan/identity"
)

// Labels of the consultation's words in the page's language.

func kindLabel(t *i18n.Catalog, k consult.Kind) string {
	switch k {
	case consult.KindAmend:
		return t.KindAmend
	case consult.KindInsertAfter:
		return t.KindInsertAfter
	case consult.KindDelete:
		return t.KindDelete
	case consult.KindComment:
		return t.KindComment
	}
	return string(k)
}

func statusLabel(t *i18n.Catalog, st consult.Status) string {
	switch st {
	case consult.StatusSubmitted:
		return t.PStatusSubmitted
	case consult.StatusUnderReview:
		return t.PStatusUnderReview
	case consult.StatusMerged:
		return t.PStatusMerged
	case consult.StatusAccepted:
		return t.PStatusAccepted
	case consult.StatusPartiallyAccepted:
		return t.PStatusPartial
	case consult.StatusRejected:
		return t.PStatusRejected
	case consult.StatusHidden:
		return t.PStatusHidden
	}
	return string(st)
}

func stanceLabel(t *i18n.Catalog, st consult.Stance) string {
	switch st {
	case consult.StanceFor:
		return t.StanceFor
	case consult.StanceAgainst:
		return t.StanceAgainst
	}
	return t.StanceNeutral
}

func reasonLabel(lang i18n.Lang, r string) string {
	if l, ok := consult.ReasonLabels[consult.Reason(r)][charter.Lang(lang)]; ok {
		return l
	}
	return r
}

func unitOrVersion(t *i18n.Catalog, u charter.UnitID) string {
	if u == "" {
		return t.WholeVersion
	}
	return unitLabel(t, u)
}

func proposalHref(l i18n.Lang, id consult.ProposalID) string {
	return fmt.Sprintf("/%s/proposals/%d", l, id)
}

func consultationHref(l i18n.Lang, id consult.ConsultationID) string {
	return fmt.Sprintf("/%s/consultations/%d", l, id)
}

// consultUnitHref links a unit of the version under consultation to its place in its article.
func consultUnitHref(l i18n.Lang, c consult.Consultation, u charter.UnitID) string {
	if h := unitHref(l, c.Charter, c.Version, u, ""); h != "" {
		return h
	}
	return versionHref(l, c.Charter, c.Version, "")
}

// timeOf is noon UTC of a civil date, for formatting it as a date.
func timeOf(d consult.Date) time.Time { return time.Date(d.Y, d.M, d.D, 12, 0, 0, 0, time.UTC) }

// loadConsultation reads the consultation named by the path.
func (s *Server) loadConsultation(r *http.Request) (consult.Consultation, error) {
	id, err := pathID(r, "id", "consultation")
	if err != nil {
		return consult.Consultation{}, err
	}
	return s.consult.Consultation(r.Context(), consult.ConsultationID(id))
}

// consultationView is a consultation as pages show it.
type consultationView struct {
	ID                    consult.ConsultationID
	Href                  string
	Charter, Version      string
	VersionHref           string
	From, To              string
	FromISO, ToISO        string
	TimeZone              string
	Open                  bool
	ProposalsHref         string
	SearchHref            string
	ProposeHref           string
	Total, Shown, Hidden  int64
	TotalHref, HiddenHref string
}

func (s *Server) viewConsultation(r *http.Request, p *page, c consult.Consultation) consultationView {
	d := func(x consult.Date) string { return p.T.Date(timeOf(x)) }
	v := consultationView{ID: c.ID, Href: consultationHref(p.Lang, c.ID), Charter: c.Charter, Version: c.Version,
		VersionHref: versionHref(p.Lang, c.Charter, c.Version, ""), From: d(c.From), To: d(c.To), FromISO: c.From.String(), ToISO: c.To.String(),
		TimeZone: c.Location.String(), Open: c.IsOpen(s.cfg.Clock())}
	v.ProposalsHref = v.Href + "/proposals"
	v.SearchHref = v.Href + "/search"
	v.ProposeHref = v.Href + "/propose"
	v.TotalHref = v.ProposalsHref
	v.HiddenHref = v.ProposalsHref + "?status=hidden"
	if ch, err := s.charters.Charter(r.Context(), c.Charter); err == nil {
		v.Charter = ch.Title
	}
	return v
}

type consultationsPage struct {
	page
	Consultations []consultationView
}

func (s *Server) consultationsPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	cs, err := s.consult.Consultations(r.Context(), "", "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := consultationsPage{page: s.newPage(r, lang, i18n.Get(lang).ConsultationsTitle)}
	for _, c := range cs {
		p.Consultations = append(p.Consultations, s.viewConsultation(r, &p.page, c))
	}
	s.render(w, r, http.StatusOK, "consultations", &p)
}

type consultationPage struct {
	page
	C             consultationView
	Query         string
	WorkbenchHref string // set for the secretariat
}

func (s *Server) consultationPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.consult.StatusCounts(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := consultationPage{page: s.newPage(r, lang, "", link{Href: "/" + string(lang) + "/consultations", Label: i18n.Get(lang).ConsultationsTitle})}
	p.C = s.viewConsultation(r, &p.page, c)
	tally := consult.Count(counts)
	p.C.Total, p.C.Shown, p.C.Hidden = int64(tally.Total), int64(tally.Shown), int64(tally.HiddenByModeration)
	p.Title = p.T.Sprintf(p.T.ConsultationTitle, c.Version)
	if a, err := s.currentAccount(r); err == nil && a != nil && a.Authorize(identity.ActDecideCluster) == nil {
		p.WorkbenchHref = workbenchHref(lang, c.ID)
	}
	s.render(w, r, http.StatusOK, "consultation", &p)
}

// option is a choice in a select or a radio group.
type option struct {
	Value, Label string
	Selected     bool
}

type proposalsPage struct {
	page
	C                  consultationView
	Unit               string // the unit filtered on, as a label
	UnitID             string
	HasUnit            bool
	Kinds, Langs       []option
	Regions, Statuses  []option
	Sorts              []option
	Items              []proposalItem
	Total              int64
	From, To           int64
	PrevHref, NextHref string
	Err                string
}

func (s *Server) proposalsPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := proposalsPage{page: s.newPage(r, lang, "", link{Href: consultationHref(lang, c.ID), Label: c.Version})}
	p.C = s.viewConsultation(r, &p.page, c)
	p.Title = p.T.ProposalsTitle
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	const per = 20
	vals := url.Values{}
	for k, v := range q {
		if k != "page" && k != "limit" && k != "offset" && len(v) > 0 && (v[0] != "" || k == "unit") {
			vals.Set(k, v[0])
		}
	}
	vals.Set("consultation", strconv.FormatInt(int64(c.ID), 10))
	vals.Set("limit", strconv.Itoa(per))
	vals.Set("offset", strconv.Itoa((page-1)*per))
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = vals.Encode()
	pq, qerr := proposalQuery(r2)
	sel := func(name, v string) bool { return q.Get(name) == v }
	p.Kinds = []option{{"", p.T.All, sel("kind", "")}}
	for _, k := range consult.Kinds {
		p.Kinds = append(p.Kinds, option{string(k), kindLabel(p.T, k), sel("kind", string(k))})
	}
	p.Langs = []option{{"", p.T.All, sel("lang", "")}}
	for _, l := range i18n.Langs {
		p.Langs = append(p.Langs, option{string(l), i18n.Get(l).Native, sel("lang", string(l))})
	}
	p.Regions = []option{{"", p.T.All, sel("region", "")}}
	for _, reg := range s.cfg.Regions {
		p.Regions = append(p.Regions, option{reg.Code, reg.Name(string(lang)), sel("region", reg.Code)})
	}
	p.Statuses = []option{{"", p.T.All, sel("status", "")}}
	for _, st := range statuses {
		p.Statuses = append(p.Statuses, option{string(st), statusLabel(p.T, st), sel("status", string(st))})
	}
	p.Sorts = []option{{"newest", p.T.SortNewest, q.Get("sort") != "supported"}, {"supported", p.T.SortSupported, q.Get("sort") == "supported"}}
	if q.Has("unit") {
		p.HasUnit, p.UnitID, p.Unit = true, q.Get("unit"), unitOrVersion(p.T, charter.UnitID(q.Get("unit")))
	}
	status := http.StatusOK
	if qerr != nil {
		p.Err, status = classify(qerr).Error(), formStatus(qerr)
		s.render(w, r, status, "proposals", &p)
		return
	}
	ps, total, err := s.consult.Proposals(r.Context(), pq)
	if err != nil {
		if atazan.ErrorCode(err) == atazan.EInvalid {
			p.Err = classify(err).Error()
			s.render(w, r, http.StatusBadRequest, "proposals", &p)
			return
		}
		s.fail(w, r, err)
		return
	}
	p.Total = int64(total)
	for _, x := range ps {
		p.Items = append(p.Items, s.proposalItem(&p.page, x))
	}
	if len(ps) > 0 {
		p.From, p.To = int64(pq.Offset+1), int64(pq.Offset+len(ps))
	}
	link := func(n int) string {
		v := url.Values{}
		for k, x := range q {
			if k != "page" {
				v[k] = x
			}
		}
		v.Set("page", strconv.Itoa(n))
		return p.C.ProposalsHref + "?" + v.Encode()
	}
	if page > 1 {
		p.PrevHref = link(page - 1)
	}
	if pq.Offset+len(ps) < total {
		p.NextHref = link(page + 1)
	}
	s.render(w, r, http.StatusOK, "proposals", &p)
}

type proposePage struct {
	page
	form
	C         consultationView
	Unit      charter.UnitID
	UnitLabel string
	UnitHref  string
	Current   string // the unit's current wording
	Kinds     []option
	Closed    string // why the form is not offered, when the consultation is closed
	SignIn    string // where to sign in first, for a reader who is not signed in
	TextLang  charter.Lang
}

// unitText returns the wording of a unit of the version under consultation
// in the reader's language (or the version's primary language).
func (s *Server) unitText(r *http.Request, c consult.Consultation, u charter.UnitID, lang i18n.Lang) (string, charter.Lang, bool) {
	_, v, err := s.loadVersion(r.Context(), c.Charter, c.Version)
	if err != nil {
		return "", "", false
	}
	tl, _ := textLang(r, v, lang)
	x, err := s.text(r.Context(), v, tl)
	if err != nil {
		return "", "", false
	}
	unit := x.doc.Find(u)
	if unit == nil {
		return "", tl, false
	}
	return unit.Text, tl, true
}

func (s *Server) proposePage(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["unit"] = r.URL.Query().Get("unit")
	f.Values["kind"] = r.URL.Query().Get("kind")
	s.renderPropose(w, r, http.StatusOK, f, true)
}

func (s *Server) renderPropose(w http.ResponseWriter, r *http.Request, status int, f form, prefill bool) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := proposePage{page: s.newPage(r, lang, "", link{Href: consultationHref(lang, c.ID), Label: c.Version}), form: f}
	p.C = s.viewConsultation(r, &p.page, c)
	p.Unit = charter.UnitID(f.Values["unit"])
	p.UnitLabel = unitOrVersion(p.T, p.Unit)
	p.Title = p.T.Sprintf(p.T.ProposeTitle, p.UnitLabel)
	if p.Unit != "" {
		p.UnitHref = consultUnitHref(lang, c, p.Unit)
		text, tl, found := s.unitText(r, c, p.Unit, lang)
		if !found {
			s.fail(w, r, &atazan.Error{Code: atazan.ENotFound, Field: "unit", Message: fmt.Sprintf("version %s has no unit %q", c.Version, p.Unit)})
			return
		}
		p.Current, p.TextLang = text, tl
	}
	kind := f.Values["kind"]
	if kind == "" {
		kind = string(consult.KindAmend)
		if p.Unit == "" {
			kind = string(consult.KindComment)
		}
		f.Values["kind"] = kind
	}
	if prefill && kind == string(consult.KindAmend) && f.Values["text"] == "" {
		f.Values["text"] = p.Current
	}
	for _, k := range consult.Kinds {
		if p.Unit == "" && k != consult.KindComment {
			continue
		}
		p.Kinds = append(p.Kinds, option{string(k), kindLabel(p.T, k), string(k) == kind})
	}
	if err := c.CheckOpen(s.cfg.Clock()); err != nil {
		p.Closed = classify(err).Message
	}
	if me, err := s.currentAccount(r); err == nil && me == nil {
		p.SignIn = "/" + string(lang) + "/login?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	s.render(w, r, status, "propose", &p)
}

func (s *Server) proposePost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.authorize(r, identity.ActPropose)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := newForm()
	for _, k := range []string{"unit", "kind", "text", "rationale"} {
		f.Values[k] = r.PostFormValue(k)
	}
	if err := s.allowSubmit(r, acc); err != nil {
		s.fail(w, r, err)
		return
	}
	p, _, err := s.consult.SubmitProposal(r.Context(), consult.Submission{Consultation: c.ID, Unit: f.Values["unit"],
		Kind: consult.Kind(f.Values["kind"]), Text: f.Values["text"], Rationale: f.Values["rationale"]}, acc.ID, "web")
	if err != nil {
		switch atazan.ErrorCode(err) {
		case atazan.EInvalid, atazan.EConflict, atazan.ETooLarge:
			f.add(err, "text")
			s.renderPropose(w, r, formStatus(err), f, false)
		default:
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, proposalHref(lang, p.ID)+"/receipt", http.StatusSeeOther)
}

// proposalView is one proposal as its page and its receipt show it.
type proposalView struct {
	proposalItem
	P         consult.Proposal
	C         consultationView
	UnitHref  string
	KindCode  consult.Kind
	Region    string
	Created   string
	Lines     []string
	Rationale []string
	Current   string
	Redline   template.HTML // current → proposed wording, for an amendment
	TextLang  charter.Lang
	Reason    string
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func (s *Server) viewProposal(r *http.Request, p *page, x consult.Proposal) (proposalView, error) {
	c, err := s.consult.Consultation(r.Context(), x.Consultation)
	if err != nil {
		return proposalView{}, err
	}
	v := proposalView{proposalItem: s.proposalItem(p, x), P: x, C: s.viewConsultation(r, p, c), KindCode: x.Kind,
		Created: p.Date(x.CreatedAt), Lines: lines(x.Text), Rationale: lines(x.Rationale), Reason: reasonLabel(p.Lang, string(x.HiddenReason))}
	if x.Unit != "" {
		v.UnitHref = consultUnitHref(p.Lang, c, x.Unit)
	}
	if reg, err := s.cfg.Regions.Match(x.Region); err == nil {
		v.Region = reg.Name(string(p.Lang))
	} else {
		v.Region = x.Region
	}
	if x.Kind == consult.KindAmend && x.Text != "" {
		// Compare with the current wording in the proposal's own language when the version has it.
		q := r.URL.Query()
		if q.Get("text") == "" && x.Lang != "" {
			r = r.Clone(r.Context())
			q.Set("text", string(x.Lang))
			r.URL.RawQuery = q.Encode()
		}
		if cur, tl, ok := s.unitText(r, c, x.Unit, p.Lang); ok {
			v.Current, v.TextLang = cur, tl
			v.Redline = marks(p.T, changeView{Segs: charter.Redline(cur, x.Text)}, "all")
		}
	}
	return v, nil
}

type receiptPage struct {
	page
	V proposalView
}

func (s *Server) receiptPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	x, err := s.consult.Proposal(r.Context(), consult.ProposalID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := receiptPage{page: s.newPage(r, lang, "")}
	if p.V, err = s.viewProposal(r, &p.page, x); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Title = p.T.Sprintf(p.T.ReceiptTitle, strconv.FormatInt(id, 10))
	p.Crumbs = append(p.Crumbs, link{Href: p.V.C.Href, Label: p.V.C.Version}, link{Href: p.V.Href, Label: p.T.Sprintf(p.T.ProposalTitle, strconv.FormatInt(id, 10))})
	s.render(w, r, http.StatusOK, "receipt", &p)
}

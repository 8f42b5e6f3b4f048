package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"atazan"
	"atazan/consult"
	"atazan/i18n"
	"atazan/identity"
	"atazan/store"
)

// form is what a page with a form shows after a failed submission: the
// values typed (never a password) and an error next to each field at fault,
// listed again in a summary at the top (GOV.UK's error summary).
type form struct {
	Values  map[string]string
	Errs    map[string]string
	Summary []fieldError
}

type fieldError struct {
	Field, Message string
}

func newForm() form { return form{Values: map[string]string{}, Errs: map[string]string{}} }

// add records err against its field, or against fallback when it names none.
func (f *form) add(err error, fallback string) {
	e := classify(err)
	field := e.Field
	if field == "" {
		field = fallback
	}
	if _, dup := f.Errs[field]; dup {
		return
	}
	f.Errs[field] = e.Message
	f.Summary = append(f.Summary, fieldError{Field: field, Message: e.Message})
}

// formStatus is the HTTP status of a form that failed with err.
func formStatus(err error) int { return httpStatus(classify(err).Code) }

// localPath accepts a redirect target only on this site.
func localPath(p, fallback string) string {
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") && !strings.Contains(p, `\`) {
		return p
	}
	return fallback
}

// regionOption is a region in the registration form.
type regionOption struct {
	Code, Name string
	Selected   bool
}

type registerPage struct {
	page
	form
	Regions []regionOption
}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) {
	s.renderRegister(w, r, http.StatusOK, newForm())
}

func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, f form) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	p := registerPage{page: s.newPage(r, lang, i18n.Get(lang).RegisterTitle), form: f}
	for _, reg := range s.cfg.Regions {
		p.Regions = append(p.Regions, regionOption{Code: reg.Code, Name: reg.Name(string(lang)), Selected: reg.Code == f.Values["region"]})
	}
	s.render(w, r, status, "register", &p)
}

func (s *Server) registerPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	f := newForm()
	for _, k := range []string{"name", "iin", "region", "email"} {
		f.Values[k] = r.PostFormValue(k)
	}
	if err := s.allow(s.limits.register, s.clientAddr(r), "registrations from this address"); err != nil {
		s.fail(w, r, err)
		return
	}
	reg := identity.Registration{Name: f.Values["name"], IIN: f.Values["iin"], Region: f.Values["region"], Email: f.Values["email"], Password: r.PostFormValue("password")}
	clean, errs, err := s.validateRegistration(reg)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(errs) > 0 {
		for _, e := range errs {
			f.add(e, "")
		}
		s.renderRegister(w, r, http.StatusBadRequest, f)
		return
	}
	acc, _, err := s.register(r, clean)
	if err != nil {
		if code := atazan.ErrorCode(err); code == atazan.EConflict || code == atazan.EInvalid {
			f.add(err, "email")
			s.renderRegister(w, r, formStatus(err), f)
			return
		}
		s.fail(w, r, err)
		return
	}
	if err := s.startSession(w, r, acc.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/"+string(lang)+"/account", http.StatusSeeOther)
}

type loginPage struct {
	page
	form
	Next string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	s.renderLogin(w, r, http.StatusOK, f, r.URL.Query().Get("next"))
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, f form, next string) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	p := loginPage{page: s.newPage(r, lang, i18n.Get(lang).LoginTitle), form: f, Next: localPath(next, "")}
	s.render(w, r, status, "login", &p)
}

func (s *Server) loginPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	f := newForm()
	f.Values["login"] = r.PostFormValue("login")
	next := r.PostFormValue("next")
	acc, err := s.signIn(r, f.Values["login"], r.PostFormValue("password"))
	if err != nil {
		var re *retryError
		if errors.As(err, &re) {
			w.Header().Set("Retry-After", re.retryAfter())
		}
		f.add(err, "password")
		s.renderLogin(w, r, formStatus(err), f, next)
		return
	}
	if err := s.startSession(w, r, acc.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, localPath(next, "/"+string(lang)+"/account"), http.StatusSeeOther)
}

func (s *Server) logoutPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	if _, err := s.currentAccount(r); err == nil {
		if h := s.sessionHash(r); h != "" {
			if err := s.consult.DeleteSession(r.Context(), h); err != nil {
				s.fail(w, r, err)
				return
			}
		}
	}
	clearSession(w, r)
	http.Redirect(w, r, "/"+string(lang)+"/", http.StatusSeeOther)
}

// requirePage returns the signed-in account of a page request, or answers
// with the sign-in page's address (GET) or an unauthorized page (POST).
func (s *Server) requirePage(w http.ResponseWriter, r *http.Request, lang i18n.Lang) (identity.Account, bool) {
	a, err := s.currentAccount(r)
	if err != nil {
		s.fail(w, r, err)
		return identity.Account{}, false
	}
	if a == nil {
		if r.Method == http.MethodGet {
			http.Redirect(w, r, "/"+string(lang)+"/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		} else {
			s.fail(w, r, atazan.Errorf(atazan.EUnauthorized, "Sign in first."))
		}
		return identity.Account{}, false
	}
	return *a, true
}

type accountPage struct {
	page
	form
	Account   identity.Account
	Region    string
	Roles     string
	Proposals []proposalItem
	Notices   []string
	Changed   bool
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, newForm())
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, f form) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	acc, ok := s.requirePage(w, r, lang)
	if !ok {
		return
	}
	p := accountPage{page: s.newPage(r, lang, i18n.Get(lang).AccountTitle), form: f, Account: acc, Changed: r.URL.Query().Get("changed") == "1"}
	if reg, err := s.cfg.Regions.Match(acc.Region); err == nil {
		p.Region = reg.Name(string(lang))
	}
	var roles []string
	for _, ro := range acc.Roles {
		roles = append(roles, string(ro))
	}
	p.Roles = strings.Join(roles, ", ")
	ps, _, err := s.consult.Proposals(r.Context(), store.ProposalQuery{Author: acc.ID, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, x := range ps {
		it := s.proposalItem(&p.page, x)
		if it.Fate, err = s.fate(r, &p.page, x.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		p.Proposals = append(p.Proposals, it)
	}
	if p.Notices, err = s.consult.Notices(r.Context(), acc.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "account", &p)
}

func (s *Server) passwordPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	acc, ok := s.requirePage(w, r, lang)
	if !ok {
		return
	}
	f := newForm()
	_, hash, err := s.consult.Credentials(r.Context(), acc.Email)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ok, err := identity.CheckPassword(hash, r.PostFormValue("current")); err != nil || !ok {
		f.add(atazan.FieldErrorf("current", "this is not your current password"), "current")
		s.renderAccount(w, r, http.StatusBadRequest, f)
		return
	}
	next := r.PostFormValue("new")
	if err := identity.CheckPasswordPolicy(next); err != nil {
		f.add(atazan.FieldErrorf("new", "%s", classify(err).Message), "new")
		s.renderAccount(w, r, http.StatusBadRequest, f)
		return
	}
	nh, err := identity.HashPassword(next)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.consult.SetPassword(r.Context(), acc.ID, nh, s.sessionHash(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/"+string(lang)+"/account?changed=1", http.StatusSeeOther)
}

// proposalItem is a proposal in a list.
type proposalItem struct {
	ID         consult.ProposalID
	Href       string
	ReceiptRef string
	Kind       string
	Unit       string
	Status     string
	Hidden     bool
	Supports   int
	Comments   int
	Excerpt    string
	Lang       string
	Date       string
	LogIndex   int64
	LogHref    string
	Fate       *fateView // set on "My proposals"
}

func (s *Server) proposalItem(p *page, x consult.Proposal) proposalItem {
	it := proposalItem{ID: x.ID, Href: proposalHref(p.Lang, x.ID), ReceiptRef: proposalHref(p.Lang, x.ID) + "/receipt",
		Kind: kindLabel(p.T, x.Kind), Unit: unitOrVersion(p.T, x.Unit), Status: statusLabel(p.T, x.Status),
		Hidden: x.Status == consult.StatusHidden, Supports: x.Supports, Comments: x.Comments, Lang: string(x.Lang),
		Date: p.Date(x.CreatedAt), LogIndex: x.LogIndex, LogHref: logHref(p.Lang, x.LogIndex)}
	it.Excerpt = excerpt(x.Text, 300)
	return it
}

func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

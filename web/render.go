package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"atazan/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames are the page templates; each defines "main" and is executed
// through "layout" (templates/layout.html).
var pageNames = []string{"home", "charter", "version", "article", "compare", "table", "log", "error",
	"register", "login", "account", "consultations", "consultation", "proposals", "propose", "receipt", "proposal", "moderation", "search",
	"workbench", "workbench_cluster", "consolidated"}

type pages struct {
	byName map[string]*template.Template
}

var templateFuncs = template.FuncMap{
	// short shortens a hash for display ("sha256:0123456789ab"); the full
	// hash is on the version page and in the API.
	"short": shortHash,
	"marks": marks,
	// args passes named values to a sub-template: {{template "x" args "Page" . "ID" 5}}.
	"args": templateArgs,
}

func templateArgs(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("args: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("args: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// shortHash keeps the algorithm and the first 12 hex digits of a hash.
func shortHash(h string) string {
	alg, hex, ok := strings.Cut(h, ":")
	if !ok || len(hex) <= 12 {
		return h
	}
	return alg + ":" + hex[:12]
}

// loadPages parses every template and checks that each names only known
// messages of the catalogs.
func loadPages() (*pages, error) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		src, err := templateFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := i18n.CheckTemplate(f, string(src)); err != nil {
			return nil, err
		}
	}
	base, err := template.New("layout").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range slices.Concat(pageNames, commissionPageNames) {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		if t.Lookup("main") == nil {
			return nil, fmt.Errorf("template %s.html defines no \"main\"", name)
		}
		p.byName[name] = t
	}
	return p, nil
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.FileServerFS(sub)
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		fsrv.ServeHTTP(w, r)
	}))
}

// page is what every page shows around its main content.
type page struct {
	Lang   i18n.Lang
	T      *i18n.Catalog
	Title  string     // the page's own title; <title> adds the site name
	Switch []langLink // the language switch, one link per language
	Crumbs []link     // breadcrumbs, home first; the current page is not among them
	Loc    *time.Location
	// Accounts is set when the server has accounts; User is the signed-in
	// account's name, "" for a reader who is not signed in.
	Accounts bool
	User     string
}

type link struct {
	Href, Label string
}

type langLink struct {
	Lang    i18n.Lang
	Name    string // the language's name in itself
	Href    string // the same page in that language
	Current bool
}

// Date formats a time as a date in the page's language and time zone.
func (p *page) Date(t time.Time) string { return p.T.Date(t.In(p.Loc)) }

// ISODate formats a time for the datetime attribute of <time>.
func (p *page) ISODate(t time.Time) string { return t.In(p.Loc).Format(time.DateOnly) }

func (s *Server) newPage(r *http.Request, lang i18n.Lang, title string, crumbs ...link) page {
	p := page{Lang: lang, T: i18n.Get(lang), Title: title, Loc: s.cfg.Location, Accounts: s.consult != nil}
	if a, err := s.currentAccount(r); err == nil && a != nil {
		p.User = a.Name
	}
	p.Crumbs = append([]link{{Href: "/" + string(lang) + "/", Label: p.T.Home}}, crumbs...)
	rest := r.URL.EscapedPath()
	if _, ok := i18n.Parse(firstSegment(rest)); ok {
		rest = rest[1+len(firstSegment(rest)):]
	} else {
		rest = "/"
	}
	if r.URL.RawQuery != "" {
		rest += "?" + r.URL.RawQuery
	}
	for _, l := range i18n.Langs {
		p.Switch = append(p.Switch, langLink{Lang: l, Name: i18n.Get(l).Native, Href: "/" + string(l) + rest, Current: l == lang})
	}
	return p
}

func firstSegment(path string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return seg
}

// requestLang is the language of a request: its URL prefix, else the lang
// cookie, else Accept-Language, else Kazakh.
func requestLang(r *http.Request) i18n.Lang {
	if l, ok := i18n.Parse(firstSegment(r.URL.Path)); ok {
		return l
	}
	cookie := ""
	if c, err := r.Cookie(langCookie); err == nil {
		cookie = c.Value
	}
	return i18n.Choose(cookie, r.Header.Get("Accept-Language"))
}

const langCookie = "lang"

// pageLang returns the language named by the URL prefix of a page, and
// remembers it in the lang cookie. An unknown prefix answers 404 and returns false.
func (s *Server) pageLang(w http.ResponseWriter, r *http.Request) (i18n.Lang, bool) {
	l, ok := i18n.Parse(r.PathValue("lang"))
	if !ok {
		s.notFound(w, r)
		return "", false
	}
	if c, err := r.Cookie(langCookie); err != nil || c.Value != string(l) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/",
			MaxAge: 365 * 24 * 60 * 60, SameSite: http.SameSiteLaxMode, HttpOnly: true})
	}
	return l, true
}

// chooseLanguage redirects "/" to the home page in the request's language,
// and "/kk" to "/kk/".
func (s *Server) chooseLanguage(w http.ResponseWriter, r *http.Request) {
	if seg := r.PathValue("lang"); seg != "" {
		if _, ok := i18n.Parse(seg); !ok {
			s.notFound(w, r)
			return
		}
	}
	w.Header().Add("Vary", "Cookie, Accept-Language")
	http.Redirect(w, r, "/"+string(requestLang(r))+"/", http.StatusFound)
}

// render executes a page template into a buffer first, so that a template
// fault becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.byName[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render page", "page", name, "path", r.URL.Path, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if p, ok := data.(interface{ lang() i18n.Lang }); ok {
		h.Set("Content-Language", string(p.lang()))
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (p *page) lang() i18n.Lang { return p.Lang }

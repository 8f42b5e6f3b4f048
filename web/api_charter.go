package web

import (
	"net/http"

	"atazan"
	"atazan/charter"
)

// The JSON API, version 1: the reads that the pages make, documented with
// examples in docs/API.md. Errors are {"error":{"code","message","field"}}.

type apiChartersResponse struct {
	Charters []charter.Charter `json:"charters"`
}

type apiCharterResponse struct {
	charter.Charter
	Versions []string `json:"versions"` // labels, oldest first
}

type apiVersionsResponse struct {
	Versions []charter.Version `json:"versions"`
}

type apiUnitsResponse struct {
	Charter string          `json:"charter"`
	Version string          `json:"version"`
	Lang    charter.Lang    `json:"lang"`
	Hash    string          `json:"hash"`
	Title   string          `json:"title,omitempty"`
	Units   []*charter.Unit `json:"units"`
}

type apiArticleResponse struct {
	Charter string        `json:"charter"`
	Version string        `json:"version"`
	Lang    charter.Lang  `json:"lang"`
	Hash    string        `json:"hash"`
	Article *charter.Unit `json:"article"`
}

type apiVersionRef struct {
	Label    string       `json:"label"`
	Hash     string       `json:"hash"`
	Lang     charter.Lang `json:"lang"`
	TextHash string       `json:"text_hash"` // the hash of the compared text
}

type apiDiffResponse struct {
	Charter string           `json:"charter"`
	From    apiVersionRef    `json:"from"`
	To      apiVersionRef    `json:"to"`
	Changes []charter.Change `json:"changes"`
}

func (s *Server) apiCharters(w http.ResponseWriter, r *http.Request) {
	cs, err := s.charters.Charters(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeAPI(w, apiChartersResponse{Charters: nonNil(cs)})
}

func (s *Server) apiCharter(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	c, err := s.charters.Charter(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	vs, err := s.charters.Versions(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	resp := apiCharterResponse{Charter: c, Versions: []string{}}
	for _, v := range vs {
		resp.Versions = append(resp.Versions, v.Label)
	}
	writeAPI(w, resp)
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if _, err := s.charters.Charter(r.Context(), slug); err != nil {
		s.fail(w, r, err)
		return
	}
	vs, err := s.charters.Versions(r.Context(), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeAPI(w, apiVersionsResponse{Versions: nonNil(vs)})
}

func (s *Server) apiVersion(w http.ResponseWriter, r *http.Request) {
	v, err := s.charters.Version(r.Context(), r.PathValue("slug"), r.PathValue("label"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeAPI(w, v)
}

// apiText reads the version named in the path and its text in ?lang=
// (the version's primary language by default).
func (s *Server) apiText(r *http.Request) (charter.Version, *docIndex, error) {
	v, err := s.charters.Version(r.Context(), r.PathValue("slug"), r.PathValue("label"))
	if err != nil {
		return v, nil, err
	}
	lang := v.Lang
	if q := r.URL.Query().Get("lang"); q != "" {
		if lang, err = charter.ParseLang(q); err != nil {
			return v, nil, &atazan.Error{Code: atazan.EInvalid, Field: "lang", Message: err.Error()}
		}
	}
	x, err := s.text(r.Context(), v, lang)
	return v, x, err
}

func (s *Server) apiUnits(w http.ResponseWriter, r *http.Request) {
	v, x, err := s.apiText(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeAPI(w, apiUnitsResponse{Charter: v.Charter, Version: v.Label, Lang: x.doc.Lang, Hash: textHash(v, x.doc.Lang),
		Title: x.doc.Title, Units: nonNil(x.doc.Units)})
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	v, x, err := s.apiText(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	number := r.PathValue("number")
	var a *charter.Unit
	if i, ok := x.byNumber[number]; ok {
		a = x.articles[i]
	} else if number == "preamble" {
		a = x.doc.Find("preamble")
	}
	if a == nil {
		s.fail(w, r, &atazan.Error{Code: atazan.ENotFound, Field: "number", Message: "version " + v.Label + " has no article " + number})
		return
	}
	writeAPI(w, apiArticleResponse{Charter: v.Charter, Version: v.Label, Lang: x.doc.Lang, Hash: textHash(v, x.doc.Lang), Article: a})
}

func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	q := r.URL.Query()
	for _, f := range []string{"from", "to"} {
		if q.Get(f) == "" {
			s.fail(w, r, atazan.FieldErrorf(f, "the query parameter %s (a version label) is required", f))
			return
		}
	}
	from, err := s.charters.Version(r.Context(), slug, q.Get("from"))
	if err != nil {
		s.fail(w, r, withField(err, "from"))
		return
	}
	to, err := s.charters.Version(r.Context(), slug, q.Get("to"))
	if err != nil {
		s.fail(w, r, withField(err, "to"))
		return
	}
	lang, _, err := commonLang("lang", q.Get("lang"), from, to, from.Lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	changes, err := s.changes(r.Context(), from, to, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeAPI(w, apiDiffResponse{
		Charter: slug,
		From:    apiVersionRef{Label: from.Label, Hash: from.Hash, Lang: lang, TextHash: textHash(from, lang)},
		To:      apiVersionRef{Label: to.Label, Hash: to.Hash, Lang: lang, TextHash: textHash(to, lang)},
		Changes: nonNil(changes),
	})
}

func textHash(v charter.Version, l charter.Lang) string {
	for _, t := range v.Texts {
		if t.Lang == l {
			return t.Hash
		}
	}
	return ""
}

// withField names the query parameter at fault in an *atazan.Error that names none.
func withField(err error, field string) error {
	if e, ok := err.(*atazan.Error); ok && e.Field == "" {
		c := *e
		c.Field = field
		return &c
	}
	return err
}

func writeAPI(w http.ResponseWriter, v any) {
	// The API is public and read-only: any site may read it.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, v)
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

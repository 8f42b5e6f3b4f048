package web

import (
	"net/http"

	"atazan/charter"
)

// charterPage shows a charter and its versions.
type charterPage struct {
	page
	Charter     charter.Charter
	Versions    []versionView
	CompareHref string // the two latest versions; "" with fewer than two
}

func (s *Server) charterPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
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
	p := charterPage{page: s.newPage(r, lang, c.Title), Charter: c}
	for _, v := range vs {
		p.Versions = append(p.Versions, viewVersion(p.T, v))
	}
	if n := len(vs); n >= 2 {
		p.CompareHref = compareHref(lang, slug, vs[n-2].Label, vs[n-1].Label)
	}
	s.render(w, r, http.StatusOK, "charter", &p)
}

package web

import (
	"net/http"
)

// homePage lists the charters.
type homePage struct {
	page
	Charters []charterItem
}

type charterItem struct {
	Title    string
	Href     string
	Versions int
	Latest   *versionView // the newest version, nil when there is none
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	cs, err := s.charters.Charters(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := homePage{page: s.newPage(r, lang, "")}
	p.Title = p.T.HomeTitle
	p.Crumbs = nil
	for _, c := range cs {
		vs, err := s.charters.Versions(r.Context(), c.Slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		item := charterItem{Title: c.Title, Href: charterHref(lang, c.Slug), Versions: len(vs)}
		if len(vs) > 0 {
			v := viewVersion(p.T, vs[len(vs)-1])
			item.Latest = &v
		}
		p.Charters = append(p.Charters, item)
	}
	s.render(w, r, http.StatusOK, "home", &p)
}

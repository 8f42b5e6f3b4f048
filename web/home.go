package web

import (
	"net/http"
)

// homePage lists the charters.
type homePage struct {
	page
	Charters       []charterItem
	Commissions    []homeLink // the constitutional commissions, by title
	Referendums    *homeLink  // the referendums' page, nil when the server keeps none
	CommissionWord string
}

type homeLink struct{ Title, Href string }

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
	if s.commission != nil {
		cs, err := s.commission.Commissions(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, c := range cs {
			p.Commissions = append(p.Commissions, homeLink{c.Title, "/" + string(lang) + "/commissions/" + c.Slug})
		}
		p.CommissionWord = commissionTexts[lang].Commission
	}
	if s.referendums() != nil {
		p.Referendums = &homeLink{refTexts[lang].Referendums, "/" + string(lang) + "/referendums"}
	}
	s.render(w, r, http.StatusOK, "home", &p)
}

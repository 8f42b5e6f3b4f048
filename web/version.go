package web

import (
	"context"
	"net/http"

	"atazan/charter"
)

// versionPage shows a version's particulars and its table of contents.
type versionPage struct {
	page
	Charter      charter.Charter
	Version      versionView
	Stats        charter.Stats
	TextLang     charter.Lang
	Tabs         []tab
	PreambleHref string // "" when the text has no preamble
	Sections     []tocSection
	ParentHref   string // comparison with the parent version, if any
}

// tocSection is a section and its articles; articles outside any section
// form a section without a label.
type tocSection struct {
	ID       charter.UnitID
	Label    string
	Heading  string
	Articles []tocArticle
}

type tocArticle struct {
	Href    string
	Label   string
	Heading string
}

// loadVersion reads a charter and one of its versions.
func (s *Server) loadVersion(ctx context.Context, slug, label string) (charter.Charter, charter.Version, error) {
	c, err := s.charters.Charter(ctx, slug)
	if err != nil {
		return c, charter.Version{}, err
	}
	v, err := s.charters.Version(ctx, slug, label)
	return c, v, err
}

func (s *Server) versionPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	c, v, err := s.loadVersion(r.Context(), r.PathValue("slug"), r.PathValue("label"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	text, chosen := textLang(r, v, lang)
	x, err := s.text(r.Context(), v, text)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := versionPage{
		page:     s.newPage(r, lang, v.Label, link{Href: charterHref(lang, c.Slug), Label: c.Title}),
		Charter:  c,
		TextLang: text,
		Stats:    x.doc.Stats(),
	}
	p.Version = viewVersion(p.T, v)
	p.Tabs = textTabs(v, text, func(l charter.Lang) string { return versionHref(lang, c.Slug, v.Label, l) })
	if v.Parent != "" {
		p.ParentHref = compareHref(lang, c.Slug, v.Parent, v.Label)
	}
	var cur *tocSection
	for _, u := range x.doc.Units {
		switch u.Kind {
		case charter.KindPreamble:
			p.PreambleHref = articleHref(lang, c.Slug, v.Label, "preamble", chosen)
		case charter.KindSection:
			p.Sections = append(p.Sections, tocSection{ID: u.ID, Label: p.T.Sprintf(p.T.SectionLabel, u.Number), Heading: u.Heading})
			cur = &p.Sections[len(p.Sections)-1]
			for _, a := range u.Children {
				if a.Kind == charter.KindArticle {
					cur.Articles = append(cur.Articles, p.tocArticle(c.Slug, v.Label, a, chosen))
				}
			}
			cur = nil
		case charter.KindArticle:
			if cur == nil {
				p.Sections = append(p.Sections, tocSection{})
				cur = &p.Sections[len(p.Sections)-1]
			}
			cur.Articles = append(cur.Articles, p.tocArticle(c.Slug, v.Label, u, chosen))
		}
	}
	s.render(w, r, http.StatusOK, "version", &p)
}

func (p *versionPage) tocArticle(slug, label string, a *charter.Unit, text charter.Lang) tocArticle {
	return tocArticle{
		Href:    articleHref(p.Lang, slug, label, a.Number, text),
		Label:   p.T.Sprintf(p.T.ArticleLabel, a.Number),
		Heading: a.Heading,
	}
}

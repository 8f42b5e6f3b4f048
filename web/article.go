package web

import (
	"net/http"
	"net/url"
	"strings"

	"atazan"
	"atazan/charter"
)

// articlePage shows one article (or the preamble) of a version: its
// normative text, unit by unit with the unit IDs as anchors, and its
// editorial footnotes apart.
type articlePage struct {
	page
	Charter      charter.Charter
	Version      versionView
	TextLang     charter.Lang
	Tabs         []tab
	ID           charter.UnitID
	Heading      string // the article's own title, if any
	Section      string // "Section I", if the article is in a section
	SectionHead  string // the section's title, in the text's language
	Lines        []string
	Units        []unitView
	Footnotes    []footnoteView
	Prev, Next   *link
	ContentsHref string
	Margin       *unitMargin       // proposals on the article itself
	Consultation *consultationView // the consultation on this version, if any
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
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
	number := r.PathValue("number")
	var a *charter.Unit
	i, found := x.byNumber[number]
	switch {
	case found:
		a = x.articles[i]
	case number == "preamble":
		a = x.doc.Find("preamble")
	}
	if a == nil {
		s.fail(w, r, atazan.Errorf(atazan.ENotFound, "Version %s has no article %s.", v.Label, number))
		return
	}

	p := articlePage{Charter: c, TextLang: text, ID: a.ID, Heading: a.Heading}
	p.page = s.newPage(r, lang, "",
		link{Href: charterHref(lang, c.Slug), Label: c.Title},
		link{Href: versionHref(lang, c.Slug, v.Label, chosen), Label: v.Label})
	p.Title = unitLabel(p.T, a.ID)
	p.Version = viewVersion(p.T, v)
	p.ContentsHref = versionHref(lang, c.Slug, v.Label, chosen)
	p.Tabs = textTabs(v, text, func(l charter.Lang) string { return articleHref(lang, c.Slug, v.Label, number, l) })
	if sec := x.section[a.ID]; sec != nil {
		p.Section = p.T.Sprintf(p.T.SectionLabel, sec.Number)
		p.SectionHead = sec.Heading
	}
	if a.Text != "" {
		p.Lines = strings.Split(a.Text, "\n")
	}
	p.Units = viewUnits(p.T, a.Children)
	p.Footnotes = footnotes(p.T, a)
	if err := s.addMargins(r, &p, c.Slug, v.Label); err != nil {
		s.fail(w, r, err)
		return
	}
	if found {
		if i > 0 {
			p.Prev = &link{Href: articleHref(lang, c.Slug, v.Label, x.articles[i-1].Number, chosen), Label: p.T.PrevArticle + ": " + unitLabel(p.T, x.articles[i-1].ID)}
		}
		if i+1 < len(x.articles) {
			p.Next = &link{Href: articleHref(lang, c.Slug, v.Label, x.articles[i+1].Number, chosen), Label: p.T.NextArticle + ": " + unitLabel(p.T, x.articles[i+1].ID)}
		}
	}
	s.render(w, r, http.StatusOK, "article", &p)
}

// addMargins puts the proposal counts of the version's newest consultation
// in the margin of every unit that takes proposals.
func (s *Server) addMargins(r *http.Request, p *articlePage, slug, label string) error {
	if s.consult == nil {
		return nil
	}
	cs, err := s.consult.Consultations(r.Context(), slug, label)
	if err != nil || len(cs) == 0 {
		return err
	}
	c := cs[0]
	counts, err := s.consult.UnitCounts(r.Context(), c.ID)
	if err != nil {
		return err
	}
	cv := s.viewConsultation(r, &p.page, c)
	p.Consultation = &cv
	margin := func(id charter.UnitID) *unitMargin {
		m := &unitMargin{ListHref: cv.ProposalsHref + "?unit=" + url.QueryEscape(string(id))}
		if n := counts[id]; n > 0 {
			m.Count = p.T.Count(p.T.ProposalsCount, n)
		}
		if cv.Open {
			m.ProposeHref, m.ProposeLabel = cv.ProposeHref+"?unit="+url.QueryEscape(string(id)), p.T.Propose
		}
		if m.Count == "" && m.ProposeHref == "" {
			return nil
		}
		return m
	}
	p.Margin = margin(p.ID)
	if p.Margin != nil && p.Margin.ProposeHref != "" {
		p.Margin.ProposeLabel = p.T.ProposeArticle // not to be mistaken for the first paragraph's link
	}
	var walk func(us []unitView)
	walk = func(us []unitView) {
		for i := range us {
			if k := us[i].Kind; k == charter.KindParagraph || k == charter.KindPoint || k == charter.KindPreamble {
				us[i].Margin = margin(us[i].ID)
			}
			walk(us[i].Children)
		}
	}
	walk(p.Units)
	return nil
}

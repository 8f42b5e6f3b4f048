package web

import (
	"net/http"
	"net/url"

	"atazan/charter"
)

// tablePage is the comparative table of two versions: one row per changed
// unit with its current and its new wording, laid out to print on A4.
type tablePage struct {
	page
	Charter     charter.Charter
	NeedTwo     bool
	From, To    versionView
	TextLang    charter.Lang
	Caption     string
	Rows        []changeView
	CompareHref string
}

func (s *Server) tablePage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	slug := r.PathValue("slug")
	cmp, err := s.compare(r, slug, lang)
	if err != nil && err != errTooFew {
		s.fail(w, r, err)
		return
	}
	p := tablePage{Charter: cmp.charter, NeedTwo: err == errTooFew}
	p.page = s.newPage(r, lang, "", link{Href: charterHref(lang, slug), Label: cmp.charter.Title})
	p.Title = p.T.TableTitle
	if !p.NeedTwo {
		p.From, p.To = viewVersion(p.T, cmp.from), viewVersion(p.T, cmp.to)
		p.TextLang = cmp.lang
		p.Caption = p.T.Sprintf(p.T.TableCaption, cmp.from.Label, cmp.to.Label)
		q := url.Values{"from": {cmp.from.Label}, "to": {cmp.to.Label}}
		if cmp.chosen != "" {
			q.Set("text", string(cmp.chosen))
		}
		p.CompareHref = charterHref(lang, slug) + "/compare?" + q.Encode()
		// One row per change, in the order of the changes, as charter.Table
		// lays them out; the views add localized labels and the redline.
		for _, c := range cmp.changes {
			p.Rows = append(p.Rows, newChangeView(p.T, c))
		}
	}
	s.render(w, r, http.StatusOK, "table", &p)
}

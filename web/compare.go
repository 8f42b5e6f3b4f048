package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"atazan"
	"atazan/charter"
	"atazan/i18n"
)

// comparePage shows what changed between two versions: as a redline (deleted
// words in <del>, inserted words in <ins>) or side by side. Both views are
// plain links, so they work without JavaScript.
type comparePage struct {
	page
	Charter   charter.Charter
	Options   []versionOption
	NeedTwo   bool // the charter has fewer than two versions
	From, To  versionView
	TextLang  charter.Lang
	Tabs      []tab
	Side      bool // side-by-side view rather than redline
	ViewLinks []tab
	TableHref string
	Changes   []changeView
}

type versionOption struct {
	Label   string
	Text    string // label and short hash
	FromSel bool
	ToSel   bool
}

// changeView is one changed unit.
type changeView struct {
	ID       charter.UnitID
	Label    string
	Change   charter.ChangeKind
	What     string // the change in words: "Changed", "Added"…
	Formerly string // "formerly Article 5" for a renumbered unit
	Href     string // the unit in the later version ("" when removed)
	Old, New string
	Segs     []charter.Segment
	Spaced   bool // the segments need a space between them
}

func newChangeView(t *i18n.Catalog, c charter.Change) changeView {
	v := changeView{ID: c.Unit, Label: unitLabel(t, c.Unit), Change: c.Change, Old: c.Old, New: c.New, Segs: c.Redline}
	switch c.Change {
	case charter.ChangeAdded:
		v.What = t.ChangeAdded
	case charter.ChangeRemoved:
		v.What = t.ChangeRemoved
	case charter.ChangeRenumbered:
		v.What = t.ChangeRenumbered
	default:
		v.What = t.ChangeChanged
	}
	if c.OldUnit != "" && c.OldUnit != c.Unit {
		v.Formerly = t.Sprintf(t.Formerly, unitLabel(t, c.OldUnit))
	}
	switch {
	case len(v.Segs) > 0:
	case c.Old == c.New && c.Old != "":
		// A unit renumbered with its wording unchanged.
		v.Segs = []charter.Segment{{Op: charter.SegEqual, Text: c.Old}}
	case c.Old != "" && c.New != "":
		v.Segs = charter.Redline(c.Old, c.New)
	}
	if len(v.Segs) == 0 {
		// No word-level redline: the whole old wording goes, the new one comes.
		if c.Old != "" {
			v.Segs = append(v.Segs, charter.Segment{Op: charter.SegDelete, Text: c.Old})
		}
		if c.New != "" {
			v.Segs = append(v.Segs, charter.Segment{Op: charter.SegInsert, Text: c.New})
		}
		v.Spaced = true
		return v
	}
	// Segments may carry the spaces between words or leave them out; add
	// them back only when the segments do not rebuild the wordings.
	v.Spaced = joinSegs(v.Segs, charter.SegInsert, "") != c.Old || joinSegs(v.Segs, charter.SegDelete, "") != c.New
	return v
}

// joinSegs concatenates the segments other than skip.
func joinSegs(segs []charter.Segment, skip charter.SegmentOp, sep string) string {
	var parts []string
	for _, s := range segs {
		if s.Op != skip {
			parts = append(parts, s.Text)
		}
	}
	return strings.Join(parts, sep)
}

// marks renders a change's segments as HTML: side "old" shows the earlier
// wording with deletions marked, "new" the later wording with insertions
// marked, anything else the full redline. Marked runs carry screen-reader
// text, so the change does not rest on strike-through and underline alone.
func marks(t *i18n.Catalog, c changeView, side string) template.HTML {
	var b strings.Builder
	first := true
	for _, s := range c.Segs {
		if (side == "old" && s.Op == charter.SegInsert) || (side == "new" && s.Op == charter.SegDelete) {
			continue
		}
		if !first && c.Spaced {
			b.WriteByte(' ')
		}
		first = false
		text := strings.ReplaceAll(template.HTMLEscapeString(s.Text), "\n", "<br>")
		switch s.Op {
		case charter.SegDelete:
			b.WriteString(`<del><span class="vh">` + template.HTMLEscapeString(t.Deleted) + `</span>` + text +
				`<span class="vh">` + template.HTMLEscapeString(t.DeletedEnd) + `</span></del>`)
		case charter.SegInsert:
			b.WriteString(`<ins><span class="vh">` + template.HTMLEscapeString(t.Inserted) + `</span>` + text +
				`<span class="vh">` + template.HTMLEscapeString(t.InsertedEnd) + `</span></ins>`)
		default:
			b.WriteString(text)
		}
	}
	return template.HTML(b.String())
}

// comparison is two versions of a charter, compared in one language.
type comparison struct {
	charter  charter.Charter
	versions []charter.Version
	from, to charter.Version
	lang     charter.Lang
	chosen   charter.Lang // the reader's explicit ?text= choice, "" when none
	changes  []charter.Change
}

// compare reads the versions named by the query (from, to) and compares
// their texts. With no from or to, it compares the latest version with its
// parent (or the version before it). errTooFew reports a charter with fewer
// than two versions.
func (s *Server) compare(r *http.Request, slug string, ui i18n.Lang) (comparison, error) {
	ctx := r.Context()
	var cmp comparison
	var err error
	if cmp.charter, err = s.charters.Charter(ctx, slug); err != nil {
		return cmp, err
	}
	if cmp.versions, err = s.charters.Versions(ctx, slug); err != nil {
		return cmp, err
	}
	q := r.URL.Query()
	fromLabel, toLabel := q.Get("from"), q.Get("to")
	if fromLabel == "" || toLabel == "" {
		if len(cmp.versions) < 2 {
			return cmp, errTooFew
		}
		latest := cmp.versions[len(cmp.versions)-1]
		before := cmp.versions[len(cmp.versions)-2].Label
		if latest.Parent != "" {
			before = latest.Parent
		}
		if fromLabel == "" {
			fromLabel = before
		}
		if toLabel == "" {
			toLabel = latest.Label
		}
	}
	if cmp.from, err = findVersion(cmp.versions, fromLabel, "from"); err != nil {
		return cmp, err
	}
	if cmp.to, err = findVersion(cmp.versions, toLabel, "to"); err != nil {
		return cmp, err
	}
	cmp.lang, cmp.chosen, err = commonLang("text", q.Get("text"), cmp.from, cmp.to, charter.Lang(ui))
	if err != nil {
		return cmp, err
	}
	cmp.changes, err = s.changes(ctx, cmp.from, cmp.to, cmp.lang)
	return cmp, err
}

var errTooFew = atazan.Errorf(atazan.EInvalid, "A comparison needs at least two versions.")

func findVersion(vs []charter.Version, label, field string) (charter.Version, error) {
	for _, v := range vs {
		if v.Label == label {
			return v, nil
		}
	}
	return charter.Version{}, &atazan.Error{Code: atazan.ENotFound, Field: field, Message: "there is no version " + label}
}

// commonLang picks the language in which to compare two versions: the
// requested one (from the query parameter param), else the preferred one, else the earlier version's primary
// language, provided both versions have a text in it.
func commonLang(param, requested string, from, to charter.Version, preferred charter.Lang) (lang, chosen charter.Lang, err error) {
	if requested != "" {
		l, err := charter.ParseLang(requested)
		if err != nil {
			return "", "", &atazan.Error{Code: atazan.EInvalid, Field: param, Message: err.Error()}
		}
		if from.HasLang(l) && to.HasLang(l) {
			return l, l, nil
		}
	}
	for _, l := range []charter.Lang{preferred, from.Lang, to.Lang} {
		if l != "" && from.HasLang(l) && to.HasLang(l) {
			return l, "", nil
		}
	}
	return "", "", &atazan.Error{Code: atazan.EInvalid, Field: param,
		Message: "versions " + from.Label + " and " + to.Label + " have no text in a common language"}
}

// changes compares the texts of two versions in one language.
func (s *Server) changes(ctx context.Context, from, to charter.Version, lang charter.Lang) ([]charter.Change, error) {
	a, err := s.text(ctx, from, lang)
	if err != nil {
		return nil, err
	}
	b, err := s.text(ctx, to, lang)
	if err != nil {
		return nil, err
	}
	return charter.Compare(a.doc, b.doc), nil
}

func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
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
	p := comparePage{Charter: cmp.charter, NeedTwo: err == errTooFew}
	p.page = s.newPage(r, lang, "", link{Href: charterHref(lang, slug), Label: cmp.charter.Title})
	p.Title = p.T.CompareTitle
	if p.NeedTwo {
		s.render(w, r, http.StatusOK, "compare", &p)
		return
	}
	p.From, p.To = viewVersion(p.T, cmp.from), viewVersion(p.T, cmp.to)
	p.TextLang = cmp.lang
	p.Side = r.URL.Query().Get("view") == "side"
	for _, v := range cmp.versions {
		p.Options = append(p.Options, versionOption{Label: v.Label, Text: v.Label + " (" + shortHash(v.Hash) + ")",
			FromSel: v.Label == cmp.from.Label, ToSel: v.Label == cmp.to.Label})
	}
	base := charterHref(lang, slug) + "/compare"
	query := func(view string, text charter.Lang) string {
		q := url.Values{"from": {cmp.from.Label}, "to": {cmp.to.Label}}
		if view != "" {
			q.Set("view", view)
		}
		if text != "" {
			q.Set("text", string(text))
		}
		return "?" + q.Encode()
	}
	view := ""
	if p.Side {
		view = "side"
	}
	p.ViewLinks = []tab{
		{Name: p.T.ViewRedline, Href: base + query("", cmp.chosen), Current: !p.Side},
		{Name: p.T.ViewSideBySide, Href: base + query("side", cmp.chosen), Current: p.Side},
	}
	for _, l := range charter.Languages {
		if cmp.from.HasLang(l) && cmp.to.HasLang(l) {
			p.Tabs = append(p.Tabs, tab{Lang: l, Name: i18n.Get(i18n.Lang(l)).Native, Href: base + query(view, l), Current: l == cmp.lang})
		}
	}
	p.TableHref = charterHref(lang, slug) + "/table" + query("", cmp.chosen)
	for _, c := range cmp.changes {
		cv := newChangeView(p.T, c)
		if c.Change != charter.ChangeRemoved {
			cv.Href = unitHref(lang, slug, cmp.to.Label, c.Unit, cmp.chosen)
		}
		p.Changes = append(p.Changes, cv)
	}
	s.render(w, r, http.StatusOK, "compare", &p)
}

// unitHref links to a unit on its article's page ("" for units outside articles).
func unitHref(l i18n.Lang, slug, label string, id charter.UnitID, text charter.Lang) string {
	art, _, _ := strings.Cut(string(id), "__")
	switch {
	case art == "preamble":
		return articleHref(l, slug, label, "preamble", text)
	case strings.HasPrefix(art, "art_"):
		return articleHref(l, slug, label, strings.TrimPrefix(art, "art_"), text) + "#" + string(id)
	}
	return ""
}

package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"atazan/charter"
	"atazan/i18n"
)

// unitLabel names a unit in the page's language from its ID:
// "Статья 5, пункт 2", "5-бап, 2-тармақ", "Article 5, paragraph 2".
func unitLabel(t *i18n.Catalog, id charter.UnitID) string {
	var parts []string
	for _, p := range strings.Split(string(id), "__") {
		kind, num, _ := strings.Cut(p, "_")
		switch {
		case p == "preamble":
			parts = append(parts, t.Preamble)
		case kind == "sec":
			parts = append(parts, t.Sprintf(t.SectionLabel, num))
		case kind == "art":
			parts = append(parts, t.Sprintf(t.ArticleLabel, num))
		case kind == "para" && strings.HasPrefix(num, "u"):
			parts = append(parts, t.Sprintf(t.UnnumberedLabel, num[1:]))
		case kind == "para":
			parts = append(parts, t.Sprintf(t.ParagraphLabel, num))
		case kind == "point":
			parts = append(parts, t.Sprintf(t.PointLabel, num))
		case kind == "note":
			parts = append(parts, t.Sprintf(t.NoteLabel, num))
		default:
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, t.LabelSeparator)
}

// unitView is a unit as the article page shows it.
type unitView struct {
	ID       charter.UnitID
	Kind     charter.Kind
	Marker   string   // "2." before a paragraph, "3)" before a point, "Note." before a note
	Lines    []string // the unit's own text, line by line
	Children []unitView
	Margin   *unitMargin // proposals on the unit, during a consultation
}

// unitMargin is what the margin of a unit says during a consultation: how
// many proposals it has (a link to them) and a link to propose.
type unitMargin struct {
	Count        string // "3 proposals"; "" when there are none
	ListHref     string
	ProposeHref  string // "" when the consultation is closed
	ProposeLabel string
}

// footnoteView is an editorial footnote, shown apart from the normative text.
type footnoteView struct {
	Unit  charter.UnitID
	Label string
	Text  string
}

func viewUnits(t *i18n.Catalog, us []*charter.Unit) []unitView {
	out := make([]unitView, 0, len(us))
	for _, u := range us {
		v := unitView{ID: u.ID, Kind: u.Kind, Children: viewUnits(t, u.Children)}
		if u.Text != "" {
			v.Lines = strings.Split(u.Text, "\n")
		}
		switch u.Kind {
		case charter.KindParagraph:
			if u.Number != "" {
				v.Marker = u.Number + "."
			}
		case charter.KindPoint:
			v.Marker = u.Number + ")"
		case charter.KindNote:
			v.Marker = t.NoteMarker
		}
		out = append(out, v)
	}
	return out
}

// footnotes collects the editorial footnotes of u and of the units below it.
func footnotes(t *i18n.Catalog, u *charter.Unit) []footnoteView {
	var out []footnoteView
	var walk func(u *charter.Unit)
	walk = func(u *charter.Unit) {
		for _, f := range u.Footnotes {
			out = append(out, footnoteView{Unit: u.ID, Label: unitLabel(t, u.ID), Text: f})
		}
		for _, c := range u.Children {
			walk(c)
		}
	}
	walk(u)
	return out
}

// Links. Every path segment that comes from data is escaped.

func charterHref(l i18n.Lang, slug string) string {
	return "/" + string(l) + "/charters/" + url.PathEscape(slug)
}

func versionHref(l i18n.Lang, slug, label string, text charter.Lang) string {
	return withText(charterHref(l, slug)+"/versions/"+url.PathEscape(label), text)
}

func articleHref(l i18n.Lang, slug, label, number string, text charter.Lang) string {
	return withText(charterHref(l, slug)+"/versions/"+url.PathEscape(label)+"/articles/"+url.PathEscape(number), text)
}

func compareHref(l i18n.Lang, slug, from, to string) string {
	return charterHref(l, slug) + "/compare?" + url.Values{"from": {from}, "to": {to}}.Encode()
}

func tableHref(l i18n.Lang, slug, from, to string) string {
	return charterHref(l, slug) + "/table?" + url.Values{"from": {from}, "to": {to}}.Encode()
}

// withText adds the text language to a link when the reader chose one.
func withText(href string, text charter.Lang) string {
	if text == "" {
		return href
	}
	return href + "?text=" + string(text)
}

// versionView is a version as pages name it: always with its hash.
type versionView struct {
	Label      string
	Href       string
	Status     string
	Draft      bool
	Parent     string
	ParentHref string
	Hash       string
	Texts      []textView
	Created    time.Time
	Published  time.Time // zero when not published
}

type textView struct {
	Lang  charter.Lang
	Name  string // the language's name in itself
	Hash  string
	Title string
}

func viewVersion(t *i18n.Catalog, v charter.Version) versionView {
	vv := versionView{
		Label:   v.Label,
		Href:    versionHref(t.Lang, v.Charter, v.Label, ""),
		Status:  t.StatusPublished,
		Draft:   v.Status == charter.StatusDraft,
		Parent:  v.Parent,
		Hash:    v.Hash,
		Created: v.CreatedAt,
	}
	if vv.Draft {
		vv.Status = t.StatusDraft
	}
	if v.Parent != "" {
		vv.ParentHref = versionHref(t.Lang, v.Charter, v.Parent, "")
	}
	if v.PublishedAt != nil {
		vv.Published = *v.PublishedAt
	}
	for _, tx := range v.Texts {
		vv.Texts = append(vv.Texts, textView{Lang: tx.Lang, Name: i18n.Get(i18n.Lang(tx.Lang)).Native, Hash: tx.Hash, Title: tx.Title})
	}
	return vv
}

// textLang is the language of the text to show: the one the reader asked for
// (?text=) when the version has it, else the interface language when the
// version has it, else the version's primary language. chosen is the
// reader's explicit choice, to keep in links ("" when none).
func textLang(r *http.Request, v charter.Version, ui i18n.Lang) (lang, chosen charter.Lang) {
	if l, err := charter.ParseLang(r.URL.Query().Get("text")); err == nil && v.HasLang(l) {
		return l, l
	}
	if v.HasLang(charter.Lang(ui)) {
		return charter.Lang(ui), ""
	}
	return v.Lang, ""
}

// textTabs are the links to the same page in each of the version's texts.
func textTabs(v charter.Version, current charter.Lang, href func(charter.Lang) string) []tab {
	var out []tab
	for _, tx := range v.Texts {
		out = append(out, tab{Lang: tx.Lang, Name: i18n.Get(i18n.Lang(tx.Lang)).Native, Href: href(tx.Lang), Current: tx.Lang == current})
	}
	return out
}

type tab struct {
	Lang    charter.Lang
	Name    string
	Href    string
	Current bool
}

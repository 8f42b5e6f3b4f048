package charter

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// ExportHTML writes the document as one standalone HTML page for reading
// and printing: no script, no outside resource, styles inline and a print
// style sheet. Every unit is an element whose id attribute is its unit ID
// (its Akoma Ntoso eId), so links such as page.html#art_44__para_u1__point_3
// reach it. Headings follow the hierarchy (h1 the title, h2 sections, h3
// articles) and a table of contents links the articles. Footnotes are not
// shown inside the text: each annotated unit links to its footnotes, which
// are listed apart at the end of the page under a heading that marks them as
// editorial and not normative. Labels ("Article", "Section") are in the
// document's language.
func ExportHTML(d *Document, m Meta) ([]byte, error) {
	l, ok := htmlLabels[d.Lang]
	if !ok {
		l = htmlLabels["en"]
	}
	page := htmlPage{Lang: string(d.Lang), Title: d.Title, Meta: m, L: l}
	if page.Title == "" {
		page.Title = m.CharterTitle
	}
	if m.Hash == "" {
		page.Meta.Hash = d.Hash()
	}
	if !m.Date.IsZero() {
		page.Date = m.Date.UTC().Format("2006-01-02")
	}
	var conv func(u *Unit) htmlUnit
	conv = func(u *Unit) htmlUnit {
		h := htmlUnit{ID: string(u.ID), Kind: string(u.Kind), Heading: u.Heading, Lines: splitNonEmpty(u.Text)}
		switch u.Kind {
		case KindSection:
			h.Label = l.section(u.Number)
		case KindArticle:
			h.Label = l.article(u.Number)
			page.TOC = append(page.TOC, htmlLink{ID: h.ID, Label: h.Label, Heading: u.Heading})
		case KindParagraph:
			if u.Number != "" {
				h.Num = u.Number + "."
			}
		case KindPoint:
			h.Num = u.Number + ")"
		case KindNote:
			h.Num = l.Note + "."
		}
		for _, f := range u.Footnotes {
			n := len(page.Footnotes) + 1
			page.Footnotes = append(page.Footnotes, htmlFootnote{N: n, Unit: h.ID, UnitLabel: h.Label, Text: f})
			h.Footnotes = append(h.Footnotes, n)
		}
		for _, c := range u.Children {
			h.Children = append(h.Children, conv(c))
		}
		return h
	}
	for _, u := range d.Units {
		page.Units = append(page.Units, conv(u))
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return nil, fmt.Errorf("write HTML for %s %s: %w", m.Charter, m.Version, err)
	}
	return buf.Bytes(), nil
}

func splitNonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

type htmlPage struct {
	Lang, Title, Date string
	Meta              Meta
	L                 htmlLabel
	TOC               []htmlLink
	Units             []htmlUnit
	Footnotes         []htmlFootnote
}

type htmlLink struct{ ID, Label, Heading string }

type htmlUnit struct {
	ID, Kind, Label, Num, Heading string
	Lines                         []string
	Footnotes                     []int
	Children                      []htmlUnit
}

type htmlFootnote struct {
	N               int
	Unit, UnitLabel string
	Text            string
}

// htmlLabel holds the words of the page in one language.
type htmlLabel struct {
	Section, Article, Note, Contents, Version, Hash, Date, Footnotes, FootnotesNote, Back string
	articleFirst                                                                          bool // "Article 5" rather than "5-бап"
}

func (l htmlLabel) section(n string) string { return l.Section + " " + n }
func (l htmlLabel) article(n string) string {
	if l.articleFirst {
		return l.Article + " " + n
	}
	return n + "-" + l.Article
}

var htmlLabels = map[Lang]htmlLabel{
	"en": {Section: "Section", Article: "Article", Note: "Note", Contents: "Contents", Version: "Version", Hash: "Content hash", Date: "Date",
		Footnotes: "Editorial footnotes", FootnotesNote: "Editorial annotations of the publisher. They are not part of the normative text.", Back: "back to the text", articleFirst: true},
	"ru": {Section: "Раздел", Article: "Статья", Note: "Примечание", Contents: "Содержание", Version: "Редакция", Hash: "Хеш содержания", Date: "Дата",
		Footnotes: "Редакционные сноски", FootnotesNote: "Примечания издателя. Они не являются частью нормативного текста.", Back: "вернуться к тексту", articleFirst: true},
	"kk": {Section: "Бөлім", Article: "бап", Note: "Ескертпе", Contents: "Мазмұны", Version: "Редакция", Hash: "Мазмұн хэші", Date: "Күні",
		Footnotes: "Редакциялық ескертпелер", FootnotesNote: "Баспагердің түсіндірмелері. Олар нормативтік мәтіннің бөлігі емес.", Back: "мәтінге оралу"},
}

var htmlTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}{{if .Meta.Version}} — {{.Meta.Version}}{{end}}</title>
<style>
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; max-width: 46em; margin: 0 auto; padding: 1em; color: #111; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; } h3 { font-size: 1.1em; margin-top: 1.5em; }
.meta { color: #444; font-size: .9em; } .meta code { word-break: break-all; }
.num { font-weight: bold; margin-right: .3em; }
.point { margin-left: 2em; } .note { font-style: italic; }
.fnref { font-size: .8em; vertical-align: super; }
#editorial { border-top: 1px solid #888; margin-top: 3em; font-size: .9em; color: #333; }
a { color: #0645ad; } a:focus { outline: 2px solid #000; }
@media print { nav, .fnref a::after { display: none; } a { color: inherit; text-decoration: none; } h2, h3 { break-after: avoid; } .unit { break-inside: avoid-page; } }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">{{if .Meta.Version}}{{.L.Version}}: {{.Meta.Version}}. {{end}}{{if .Date}}{{.L.Date}}: <time datetime="{{.Date}}">{{.Date}}</time>. {{end}}{{.L.Hash}}: <code>{{.Meta.Hash}}</code></p>
</header>
{{if .TOC}}<nav aria-label="{{.L.Contents}}">
<h2>{{.L.Contents}}</h2>
<ul>{{range .TOC}}
<li><a href="#{{.ID}}">{{.Label}}{{if .Heading}}. {{.Heading}}{{end}}</a></li>{{end}}
</ul>
</nav>{{end}}
<main>
{{range .Units}}{{template "unit" .}}{{end}}
</main>
{{if .Footnotes}}<aside id="editorial" aria-labelledby="editorial-heading">
<h2 id="editorial-heading">{{.L.Footnotes}}</h2>
<p>{{.L.FootnotesNote}}</p>
<ol>{{range .Footnotes}}
<li id="fn-{{.N}}" value="{{.N}}">{{if .UnitLabel}}{{.UnitLabel}}: {{end}}{{.Text}} <a href="#{{.Unit}}" aria-label="{{$.L.Back}}">↩</a></li>{{end}}
</ol>
</aside>{{end}}
</body>
</html>
{{define "fnrefs"}}{{range .}} <span class="fnref"><a href="#fn-{{.}}">[{{.}}]</a></span>{{end}}{{end}}
{{define "unit"}}{{if eq .Kind "preamble"}}<section id="{{.ID}}" class="unit preamble">
{{range .Lines}}<p>{{.}}</p>
{{end}}</section>
{{else if eq .Kind "section"}}<section id="{{.ID}}" class="section" aria-labelledby="{{.ID}}-h">
<h2 id="{{.ID}}-h">{{.Label}}{{if .Heading}}. {{.Heading}}{{end}}{{template "fnrefs" .Footnotes}}</h2>
{{range .Lines}}<p>{{.}}</p>
{{end}}{{range .Children}}{{template "unit" .}}{{end}}</section>
{{else if eq .Kind "article"}}<article id="{{.ID}}" class="article" aria-labelledby="{{.ID}}-h">
<h3 id="{{.ID}}-h">{{.Label}}{{if .Heading}}. {{.Heading}}{{end}}{{template "fnrefs" .Footnotes}}</h3>
{{range .Lines}}<p>{{.}}</p>
{{end}}{{range .Children}}{{template "unit" .}}{{end}}</article>
{{else}}<div id="{{.ID}}" class="unit {{.Kind}}">
{{range $i, $l := .Lines}}<p>{{if and (eq $i 0) $.Num}}<span class="num">{{$.Num}}</span>{{end}}{{$l}}</p>
{{else}}{{if .Num}}<p><span class="num">{{.Num}}</span></p>
{{end}}{{end}}{{template "fnrefs" .Footnotes}}{{range .Children}}{{template "unit" .}}{{end}}</div>
{{end}}{{end}}`))

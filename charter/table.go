package charter

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// TableRow is one row of a comparative table.
type TableRow struct {
	Unit    UnitID     `json:"unit"`
	Label   string     `json:"label"` // e.g. "Article 5, paragraph 2"
	Change  ChangeKind `json:"change"`
	Current string     `json:"current"`
	New     string     `json:"new"`
	// Sources and Decisions, set by whoever knows them, say where the change
	// came from (the clusters of proposals on the unit, one line each) and
	// what was decided on it (the commission's amendments and votes, one
	// line each). When any row has one, the writers add both columns.
	Sources   []string `json:"sources,omitempty"`
	Decisions []string `json:"decisions,omitempty"`
}

// hasOutcome reports whether any row has sources or decisions.
func hasOutcome(rows []TableRow) bool {
	for _, r := range rows {
		if len(r.Sources) > 0 || len(r.Decisions) > 0 {
			return true
		}
	}
	return false
}

// Table returns the comparative table of the changes: one row per changed unit.
//
// Rows follow the order of changes. Label is UnitLabel(Unit); a renumbered
// unit's label also names its old place: "Article 6 (formerly Article 5)".
// Current and New are the change's Old and New wording.
func Table(changes []Change) []TableRow {
	rows := make([]TableRow, 0, len(changes))
	for _, c := range changes {
		label := UnitLabel(c.Unit)
		if c.Change == ChangeRenumbered && c.OldUnit != "" {
			label += " (formerly " + UnitLabel(c.OldUnit) + ")"
		}
		rows = append(rows, TableRow{Unit: c.Unit, Label: label, Change: c.Change, Current: c.Old, New: c.New})
	}
	return rows
}

// UnitLabel returns the English name of a unit, derived from its ID alone
// (see the package documentation for the ID scheme):
//
//	preamble                   Preamble
//	sec_3                      Section 3
//	art_5__para_2__point_3     Article 5, paragraph 2, point 3
//	art_44__para_u1            Article 44, unnumbered paragraph 1
//	art_4__note_1              Article 4, note 1
//
// A part it does not recognise is kept as written, so every ID yields a
// label; the empty ID yields "".
func UnitLabel(id UnitID) string {
	if id == "" {
		return ""
	}
	parts := strings.Split(string(id), "__")
	for i, p := range parts {
		label := unitPartLabel(p)
		if label == "" {
			continue // not a known part: keep it as written
		}
		if i == 0 {
			label = strings.ToUpper(label[:1]) + label[1:]
		}
		parts[i] = label
	}
	return strings.Join(parts, ", ")
}

// unitPartLabel names one "__"-separated part of an ID in lower case, or
// returns "" for a part it does not know.
func unitPartLabel(p string) string {
	if p == "preamble" {
		return "preamble"
	}
	name, num, ok := strings.Cut(p, "_")
	if !ok || num == "" {
		return ""
	}
	switch name {
	case "sec":
		return "section " + num
	case "art":
		return "article " + num
	case "para":
		if len(num) > 1 && num[0] == 'u' && isDigits(num[1:]) {
			return "unnumbered paragraph " + num[1:]
		}
		return "paragraph " + num
	case "point":
		return "point " + num
	case "note":
		return "note " + num
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// WriteTableCSV, WriteTableMarkdown and WriteTableHTML write a comparative table.
//
// WriteTableCSV writes RFC 4180 CSV (encoding/csv) with the header
// "unit,label,change,current,new" and one record per row; line breaks inside
// a wording stay inside its quoted field. When any row has sources or
// decisions, the header goes on with "sources,decisions", each cell their
// lines joined by line breaks. The versions (m1, m2) are not written, so
// that every line after the header is a row.
func WriteTableCSV(w io.Writer, m1, m2 Meta, rows []TableRow) error {
	cw := csv.NewWriter(w)
	outcome := hasOutcome(rows)
	head := []string{"unit", "label", "change", "current", "new"}
	if outcome {
		head = append(head, "sources", "decisions")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{string(r.Unit), r.Label, string(r.Change), r.Current, r.New}
		if outcome {
			rec = append(rec, strings.Join(r.Sources, "\n"), strings.Join(r.Decisions, "\n"))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTableMarkdown writes a heading naming both versions and their hashes,
// then a GitHub-flavoured Markdown table with the columns Unit, Change,
// Current wording and New wording, and Proposals and Decision when any row
// has sources or decisions. In cells, "\" and "|" are escaped with a
// backslash, "<" is written "&lt;", and line breaks become "<br>".
func WriteTableMarkdown(w io.Writer, m1, m2 Meta, rows []TableRow) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Comparative table: %s\n\n", mdCell(charterName(m1, m2)))
	fmt.Fprintf(bw, "- Current version: %s\n", mdCell(versionLine(m1)))
	fmt.Fprintf(bw, "- New version: %s\n\n", mdCell(versionLine(m2)))
	if len(rows) == 0 {
		bw.WriteString("The two versions have the same normative text.\n")
		return bw.Flush()
	}
	outcome := hasOutcome(rows)
	if outcome {
		bw.WriteString("| Unit | Change | Current wording | New wording | Proposals | Decision |\n")
		bw.WriteString("| --- | --- | --- | --- | --- | --- |\n")
	} else {
		bw.WriteString("| Unit | Change | Current wording | New wording |\n")
		bw.WriteString("| --- | --- | --- | --- |\n")
	}
	for _, r := range rows {
		fmt.Fprintf(bw, "| %s | %s | %s | %s |", mdCell(r.Label), mdCell(string(r.Change)), mdCell(r.Current), mdCell(r.New))
		if outcome {
			fmt.Fprintf(bw, " %s | %s |", mdCell(strings.Join(r.Sources, "\n")), mdCell(strings.Join(r.Decisions, "\n")))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`, `<`, `&lt;`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func mdCell(s string) string { return mdEscaper.Replace(s) }

// WriteTableHTML writes a standalone HTML page that prints on A4: a title
// naming the charter and both versions, the versions' hashes and dates, and
// a table with the columns Unit, Current wording and New wording (and
// Proposals and Decision when any row has sources or decisions). Deleted
// words are marked with <del> in the current wording and inserted words with
// <ins> in the new wording (from Redline), each mark also announced to screen
// readers. The table has a <caption> and column headers with scope="col";
// the page is in English (lang="en"), as are its labels.
func WriteTableHTML(w io.Writer, m1, m2 Meta, rows []TableRow) error {
	p := newPage("Comparative table", m1, m2)
	p.Outcome = hasOutcome(rows)
	for _, r := range rows {
		segs := Redline(r.Current, r.New)
		p.Rows = append(p.Rows, rowView{
			Label:     r.Label,
			Unit:      string(r.Unit),
			Change:    string(r.Change),
			Current:   sideOf(segs, SegDelete),
			New:       sideOf(segs, SegInsert),
			Sources:   r.Sources,
			Decisions: r.Decisions,
		})
	}
	return pageTemplates.ExecuteTemplate(w, "table", p)
}

// sideOf keeps the equal segments and those with op, the text of one side
// of a redline.
func sideOf(segs []Segment, op SegmentOp) []Segment {
	var out []Segment
	for _, s := range segs {
		if s.Op == SegEqual || s.Op == op {
			out = append(out, s)
		}
	}
	return out
}

func charterName(m1, m2 Meta) string {
	for _, s := range []string{m2.CharterTitle, m1.CharterTitle, m2.Charter, m1.Charter} {
		if s != "" {
			return s
		}
	}
	return "Charter"
}

// versionLine names a version for headings: "Draft of 2026 (sha256:…, 2026-02-12)".
func versionLine(m Meta) string {
	s := m.Version
	if s == "" {
		s = "unnamed version"
	}
	var extra []string
	if m.Hash != "" {
		extra = append(extra, m.Hash)
	}
	if !m.Date.IsZero() {
		extra = append(extra, m.Date.Format("2006-01-02"))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// page is the data of the standalone comparison pages.
type page struct {
	Kind     string // "Comparative table" or "Changes"
	Charter  string
	From, To metaView
	Rows     []rowView
	Outcome  bool // the table has the columns Proposals and Decision
}

type metaView struct {
	Version, Hash, Date string
}

type rowView struct {
	Label, Unit, Change string
	Current, New        []Segment
	Sources, Decisions  []string
}

func newPage(kind string, m1, m2 Meta) *page {
	mv := func(m Meta) metaView {
		v := metaView{Version: m.Version, Hash: m.Hash}
		if v.Version == "" {
			v.Version = "unnamed version"
		}
		if !m.Date.IsZero() {
			v.Date = m.Date.Format("2006-01-02")
		}
		return v
	}
	return &page{Kind: kind, Charter: charterName(m1, m2), From: mv(m1), To: mv(m2)}
}

// pageTemplates holds the standalone pages; they are parsed when the package
// loads, so a template error fails every test run.
var pageTemplates = template.Must(template.New("pages").Parse(pageHTML))

const pageHTML = `{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Kind}}: {{.Charter}}, {{.From.Version}} → {{.To.Version}}</title>
<style>
@page { size: A4; margin: 15mm 12mm; }
body { font: 11pt/1.45 "Noto Serif", "Times New Roman", serif; color: #0b0c0c; margin: 1.5rem; max-width: 60rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .3rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.hash, .unit { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #505a5f; padding: .3rem .4rem; vertical-align: top; text-align: left; }
td { white-space: pre-line; }
thead { display: table-header-group; }
tr, section { break-inside: avoid; page-break-inside: avoid; }
col.unit { width: 18%; }
.wording { white-space: pre-line; }
.none { color: #505a5f; font-style: italic; }
del { color: #942514; text-decoration: line-through; }
ins { color: #005a30; text-decoration: underline; }
del + ins { margin-left: .3em; }
del::before, del::after, ins::before, ins::after {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(100%); white-space: nowrap;
}
del::before { content: " [deletion start] "; }
del::after { content: " [deletion end] "; }
ins::before { content: " [insertion start] "; }
ins::after { content: " [insertion end] "; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } }
</style>
</head>
<body>
<header>
<h1>{{.Kind}}: {{.Charter}}</h1>
<dl>
<dt>Current version</dt><dd>{{.From.Version}}{{with .From.Date}}, {{.}}{{end}}{{with .From.Hash}}<br><span class="hash">{{.}}</span>{{end}}</dd>
<dt>New version</dt><dd>{{.To.Version}}{{with .To.Date}}, {{.}}{{end}}{{with .To.Hash}}<br><span class="hash">{{.}}</span>{{end}}</dd>
</dl>
<p>Deleted words are struck through; inserted words are underlined. Footnotes are not compared.</p>
</header>
{{end}}
{{define "segs"}}{{range .}}{{if eq .Op "delete"}}<del>{{.Text}}</del>{{else if eq .Op "insert"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}{{end}}
{{define "table"}}{{template "head" .}}<main>
{{if .Rows}}<table>
<caption>Changes from {{.From.Version}} to {{.To.Version}} ({{len .Rows}})</caption>
<colgroup><col class="unit"><col><col>{{if .Outcome}}<col><col>{{end}}</colgroup>
<thead><tr><th scope="col">Unit</th><th scope="col">Current wording</th><th scope="col">New wording</th>{{if .Outcome}}<th scope="col">Proposals</th><th scope="col">Decision</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Label}}
<span class="unit">{{.Unit}}</span>
{{.Change}}</td><td>{{with .Current}}{{template "segs" .}}{{else}}<span class="none">Not in this version</span>{{end}}</td><td>{{with .New}}{{template "segs" .}}{{else}}<span class="none">Not in this version</span>{{end}}</td>{{if $.Outcome}}<td>{{range .Sources}}{{.}}
{{else}}—{{end}}</td><td>{{range .Decisions}}{{.}}
{{else}}—{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{else}}<p>The two versions have the same normative text.</p>
{{end}}</main>
</body>
</html>
{{end}}
{{define "diff"}}{{template "head" .}}<main>
{{range .Rows}}<section>
<h2>{{.Label}} ({{.Change}})</h2>
<p class="unit">{{.Unit}}</p>
<p class="wording">{{template "segs" .Current}}</p>
</section>
{{else}}<p>The two versions have the same normative text.</p>
{{end}}</main>
</body>
</html>
{{end}}`

package charter

import (
	"strings"
)

// ExportMarkdown writes the document in the Markdown format that Parse reads back to the same hash.
//
// # Markdown format
//
// The Markdown format is atazan's editable charter text. It is ordinary
// Markdown that any viewer displays sensibly, with these rules (each line is
// read after trimming surrounding white space):
//
//	% Constitution of the Republic of Kazakhstan     optional first line: the title
//	We, the people of Kazakhstan,                    lines before the first heading:
//	united by a common historical destiny,           the preamble, one line per line
//
//	# Section I. General Provisions                  a section: "# Section N" or
//	                                                 "# Section N. Title"; N as written (roman or arabic)
//	> Footnote. The title of Section I ...           footnotes right after a section heading annotate the section
//
//	## Article 1                                     an article: "## Article N" or
//	                                                 "## Article N. Heading"; N arabic, "83-1" allowed
//	1. The Republic of Kazakhstan ...                a numbered paragraph "N. text" or "N-M. text"
//
//	The President shall:                             any other line: an unnumbered paragraph
//	1) annually address the people ...               a point "N) text" or "N-M) text" of the latest
//	                                                 paragraph (of the article before any paragraph);
//	                                                 points may be indented
//	Note. In accordance with ...                     a note of the article
//	> Footnote. See Resolution No. 18/2 ...          an editorial footnote of the article (not normative;
//	                                                 "Footnote:" works too, and so does the line without ">")
//
// Blank lines separate blocks. A line that directly follows a paragraph,
// point or note, without a blank line between them and without a marker of
// its own, continues that unit's text on a new line. A line starting with a
// backslash is plain text whatever follows: the backslash is dropped, so
// "\1. text" is the unnumbered paragraph "1. text" and a lone "\" is an
// empty one. The Kazakh and Russian keywords of the plain text format work
// too ("# Раздел I", "## 83-1-бап", "Ескертпе.", "> Сноска."), and a quoted
// "> Ескерту." is always a footnote; ExportMarkdown writes the English ones.
// Headings of any other level ("###") and quoted lines other than
// footnotes are errors. The structural rules and errors are those of the
// plain text format: article and section numbers must increase and never
// repeat, paragraph numbers must increase within their article and point
// numbers within their paragraph, no text may stand between a section
// heading and its first article, and a footnote needs an article or section
// above it.
//
// ExportMarkdown writes the title, the preamble (one line per line), then
// every unit, each block followed by a blank line, footnotes after the
// content of their unit. It escapes with a backslash every text line that
// would otherwise read as a marker, so that Parse(ExportMarkdown(d)) has the
// same Hash and the same footnotes as d for every document whose tree has the
// shape the parsers build (preamble, sections, articles, paragraphs, points
// under paragraphs or articles, notes under articles) and whose headings are
// single lines.
func ExportMarkdown(d *Document) []byte {
	var b strings.Builder
	if d.Title != "" {
		b.WriteString("% " + oneLine(d.Title) + "\n\n")
	}
	for _, u := range d.Units {
		writeMarkdownUnit(&b, u)
	}
	return []byte(b.String())
}

func writeMarkdownUnit(b *strings.Builder, u *Unit) {
	switch u.Kind {
	case KindPreamble:
		writeMarkdownLines(b, "", u.Text)
	case KindSection:
		b.WriteString("# Section " + u.Number + headingSuffix(u.Heading) + "\n\n")
	case KindArticle:
		b.WriteString("## Article " + u.Number + headingSuffix(u.Heading) + "\n\n")
		if u.Text != "" {
			writeMarkdownLines(b, "", u.Text)
		}
	case KindParagraph:
		marker := ""
		if u.Number != "" {
			marker = u.Number + ". "
		}
		writeMarkdownLines(b, marker, u.Text)
	case KindPoint:
		writeMarkdownLines(b, u.Number+") ", u.Text)
	case KindNote:
		writeMarkdownLines(b, "Note. ", u.Text)
	}
	if u.Kind == KindSection {
		writeMarkdownFootnotes(b, u)
	}
	for _, c := range u.Children {
		writeMarkdownUnit(b, c)
	}
	if u.Kind != KindSection {
		writeMarkdownFootnotes(b, u)
	}
}

func writeMarkdownFootnotes(b *strings.Builder, u *Unit) {
	for _, f := range u.Footnotes {
		b.WriteString("> Footnote. " + oneLine(f) + "\n\n")
	}
}

// writeMarkdownLines writes a block: marker and the first line of text,
// then the text's other lines, escaping those that would read as markers.
func writeMarkdownLines(b *strings.Builder, marker, text string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		switch {
		case i == 0 && marker != "":
			b.WriteString(strings.TrimRight(marker+l, " "))
		case l == "" || markdownMarker(l):
			b.WriteString(`\` + l)
		default:
			b.WriteString(l)
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
}

// markdownMarker reports whether a text line would not read as plain text.
func markdownMarker(l string) bool {
	if strings.ContainsRune(`#>%\`, rune(l[0])) {
		return true
	}
	if _, _, ok := leadNumber(l, '.'); ok {
		return true
	}
	if _, _, ok := leadNumber(l, ')'); ok {
		return true
	}
	if _, ok := noteLine(l); ok {
		return true
	}
	_, ok := footnoteLine(l)
	return ok
}

func headingSuffix(h string) string {
	if h == "" {
		return ""
	}
	return ". " + oneLine(h)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

package charter

import (
	"atazan"
	"strings"
)

// parseText reads plain text as officially published. Every line is read
// on its own, after trimming surrounding white space; blank lines separate
// nothing and are skipped.
//
//   - The first non-blank line is the document title (not normative),
//     unless it is already a section or article heading.
//   - Lines after the title and before the first section or article heading
//     form the preamble, one line of its text per non-blank source line; a
//     numbered paragraph or point there is an error (article text without
//     its article heading).
//   - "Section N" (roman or arabic) starts a section; its title follows on
//     the same line after a period ("Section VIII. State Administration") or
//     on the next non-blank line. Articles after it belong to it. A text
//     without sections holds its articles at the top level.
//   - "Article N" or "Article N-M", optionally followed by ". Heading",
//     starts an article.
//   - Inside an article: "N." and "N-M." start a numbered paragraph; "N)" and
//     "N-M)" a point of the latest paragraph (or of the article when no
//     paragraph has come yet); "Note. text" a note of the article;
//     "Footnote. text" and "Footnote: text" an editorial footnote of the
//     article; any other line an unnumbered paragraph.
//   - A footnote between a section heading and the section's first article
//     annotates the section.
//   - The keywords Section, Article, Note and Footnote are matched in any
//     letter case, and so are their Kazakh and Russian forms, in any file
//     whatever its language: "Раздел I", "I бөлім", "Статья 5", "83-1-бап",
//     "Примечание.", "Ескертпе.", "Сноска.", "Сілтеме.", and "Ескерту.",
//     a footnote or a note by its text (see sectionForms and editorialRemark).
//
// Errors, each naming its line: an article or section number that repeats
// or goes backwards; a paragraph or point number that does not increase
// within its article or paragraph; text between a section heading (and its
// title) and the first article; a footnote before any section or article.
func parseText(lines []string) (*Document, error) {
	b := newBuilder()
	titled := false
	for i, raw := range lines {
		line := i + 1
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		b.raw = s
		var err error
		if num, heading, ok := sectionLine(s); ok {
			err = b.sectionHeading(line, num, heading)
			b.awaitTitle = heading == ""
			titled = true
		} else if num, heading, ok := articleLine(s); ok {
			err = b.articleHeading(line, num, heading)
			titled = true
		} else if text, ok := footnoteLine(s); ok {
			err = b.footnote(line, text)
		} else if !titled {
			b.doc.Title = clean(s)
			titled = true
		} else if _, _, numbered := leadNumberAny(s); !b.started && numbered {
			err = atazan.LineErrorf(line, "numbered text %s stands before the first article: a preamble has no numbered paragraphs or points", quote(s))
		} else if !b.started {
			err = b.preambleLine(line, s)
		} else if num, text, ok := leadNumber(s, '.'); ok {
			err = b.paragraph(line, num, text)
		} else if num, text, ok := leadNumber(s, ')'); ok {
			err = b.point(line, num, text)
		} else if text, ok := noteLine(s); ok {
			err = b.note(line, text)
		} else {
			err = b.plain(line, s)
		}
		if err != nil {
			return nil, err
		}
	}
	return b.doc, nil
}

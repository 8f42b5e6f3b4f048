package charter

import (
	"strings"

	"atazan"
)

// parseMarkdown reads the Markdown format specified at ExportMarkdown. Its
// keywords are those of the text format, in any of the three languages
// (see sectionForms); a quoted "> Ескерту." line is always a footnote.
func parseMarkdown(lines []string) (*Document, error) {
	b := newBuilder()
	first := true
	inBlock := false // the previous line was not blank and went into a unit's text
	for i, raw := range lines {
		line := i + 1
		s := strings.TrimSpace(raw)
		if s == "" {
			inBlock = false
			continue
		}
		b.raw = s
		if first {
			first = false
			if strings.HasPrefix(s, "%") {
				b.doc.Title = clean(s[1:])
				continue
			}
		}
		var err error
		switch {
		case s[0] == '\\':
			s = s[1:]
			switch {
			case !b.started:
				err = b.preambleLine(line, s)
			case inBlock && b.last != nil:
				b.continueBlock(s)
			default:
				err = b.plain(line, s)
			}
		case s[0] == '#':
			err = mdHeading(b, line, s)
		case s[0] == '>':
			kind, text, ok := remarkLine(strings.TrimSpace(s[1:]))
			if !ok || kind == remarkNote { // a quoted "Ескерту." is a footnote whatever its text
				return nil, atazan.LineErrorf(line, "quoted line %s is not a footnote: write footnotes as \"> Footnote. text\" (or Сноска., Сілтеме., Ескерту.)", quote(s))
			}
			err = b.footnote(line, text)
		case !b.started:
			if _, _, numbered := leadNumberAny(s); numbered {
				err = atazan.LineErrorf(line, "numbered text %s stands before the first article: a preamble has no numbered paragraphs or points", quote(s))
			} else {
				err = b.preambleLine(line, s)
			}
		default:
			if text, ok := footnoteLine(s); ok {
				err = b.footnote(line, text)
			} else if num, text, ok := leadNumber(s, '.'); ok {
				err = b.paragraph(line, num, text)
			} else if num, text, ok := leadNumber(s, ')'); ok {
				err = b.point(line, num, text)
			} else if text, ok := noteLine(s); ok {
				err = b.note(line, text)
			} else if inBlock && b.last != nil {
				b.continueBlock(s)
			} else {
				err = b.plain(line, s)
			}
		}
		if err != nil {
			return nil, err
		}
		inBlock = b.last != nil
	}
	return b.doc, nil
}

// mdHeading reads "# Section N[. Title]" and "## Article N[. Heading]", in
// any of the forms of sectionForms and articleForms.
func mdHeading(b *builder, line int, s string) error {
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	rest := strings.TrimSpace(s[level:])
	switch level {
	case 1:
		if num, heading, ok := sectionLine(rest); ok {
			return b.sectionHeading(line, num, heading)
		}
		return atazan.LineErrorf(line, "heading %s is not a section heading: a level-1 heading reads \"# Section N\" or \"# Section N. Title\" (or Раздел N, N бөлім)", quote(s))
	case 2:
		if num, heading, ok := articleLine(rest); ok {
			return b.articleHeading(line, num, heading)
		}
		return atazan.LineErrorf(line, "heading %s is not an article heading: a level-2 heading reads \"## Article N\" or \"## Article N. Heading\" (or Статья N, N-бап)", quote(s))
	}
	return atazan.LineErrorf(line, "heading %s has level %d: only \"# Section\" and \"## Article\" headings exist (start the line with a backslash to write a literal #)", quote(s), level)
}

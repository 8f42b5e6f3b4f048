package charter

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"atazan"
	"golang.org/x/text/unicode/norm"
)

// Format is an input or output format of a charter text.
type Format string

const (
	FormatText     Format = "text" // plain text as officially published
	FormatMarkdown Format = "md"
	FormatAKN      Format = "akn" // Akoma Ntoso 3.0 XML as ExportAKN writes it
)

// MaxInputSize is the largest charter file accepted (10 MiB).
const MaxInputSize = 10 << 20

// FormatFromPath guesses a format from a file name: .txt → text, .md → md,
// .xml and .akn → akn.
func FormatFromPath(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return FormatText, nil
	case ".md":
		return FormatMarkdown, nil
	case ".xml", ".akn":
		return FormatAKN, nil
	}
	return "", atazan.FieldErrorf("format", "cannot tell the format of %q from its extension: want .txt (plain text), .md (Markdown), or .xml or .akn (Akoma Ntoso)", path)
}

// Parse reads a charter text in the format. Every failure is an
// *atazan.Error naming the 1-based line at fault (Line 0 for whole-file
// faults such as size or emptiness). The returned document has its IDs assigned.
//
// Checks common to every format, made before the format's own rules:
//
//   - a file over MaxInputSize is an ETooLarge error;
//   - an empty file, or one holding only white space, is an EInvalid error;
//   - bytes that are not valid UTF-8 are an error naming the first bad line;
//   - control characters other than TAB are an error naming their line
//     (they cannot be written in XML and have no place in a legal text);
//   - a leading UTF-8 byte order mark is ignored, and CRLF line ends are
//     read as LF.
//
// Every text, heading, title and footnote of the result is in Unicode NFC
// and normalized with NormalizeText. lang must be one of Languages.
func Parse(data []byte, format Format, lang Lang) (*Document, error) {
	if _, err := ParseLang(string(lang)); err != nil || lang == "" {
		return nil, atazan.FieldErrorf("lang", "unknown language %q: want kk, ru or en", lang)
	}
	if err := checkInput(data); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	var (
		d   *Document
		err error
	)
	switch format {
	case FormatText:
		d, err = parseText(splitLines(data))
	case FormatMarkdown:
		d, err = parseMarkdown(splitLines(data))
	case FormatAKN:
		d, err = parseAKN(data, lang)
	default:
		return nil, atazan.FieldErrorf("format", "unknown format %q: want text, md or akn", format)
	}
	if err != nil {
		return nil, err
	}
	d.Lang = lang
	if format != FormatAKN { // parseAKN assigns and checks IDs itself
		d.AssignIDs()
	}
	return d, nil
}

// Meta describes a version for exports that carry metadata.
type Meta struct {
	Charter      string    // slug
	CharterTitle string    // e.g. "Constitution of the Republic of Kazakhstan"
	Version      string    // label
	Hash         string    // content hash, "sha256:..."
	Date         time.Time // creation (or publication) date of the version
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkInput applies the checks common to every format.
func checkInput(data []byte) error {
	if len(data) > MaxInputSize {
		return atazan.Errorf(atazan.ETooLarge, "the file is %d bytes, over the limit of %d bytes (10 MiB)", len(data), MaxInputSize)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return atazan.Errorf(atazan.EInvalid, "the file is empty: it holds no text")
	}
	valid := utf8.Valid(data)
	line := 1
	for len(data) > 0 {
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		l = bytes.TrimSuffix(l, []byte{'\r'})
		if !valid && !utf8.Valid(l) {
			return atazan.LineErrorf(line, "the line is not valid UTF-8 text: save the file as UTF-8")
		}
		for _, c := range l {
			if c < 0x20 && c != '\t' {
				return atazan.LineErrorf(line, "the line contains the control character U+%04X, which a charter text may not hold", c)
			}
		}
		line++
	}
	return nil
}

// splitLines splits checked input into lines, dropping the CR of CRLF.
func splitLines(data []byte) []string {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// clean returns s in NFC with its lines normalized by NormalizeText.
func clean(s string) string {
	return NormalizeText(norm.NFC.String(s))
}

// quote shortens a source line for an error message.
func quote(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%q", s)
}

// builder assembles a Document from classified source lines and enforces
// the structural rules that the text and Markdown formats share. Each method
// takes the 1-based source line it comes from, for errors.
type builder struct {
	doc      *Document
	preamble *Unit
	started  bool // a section or article has begun: no more preamble

	section      *Unit
	awaitTitle   bool // the section heading had no title; the next plain line is it
	lastSection  string
	sectionLines map[string]int // arabic section number → line

	article      *Unit
	lastArticle  string
	articleLines map[string]int // article number → line

	para       *Unit  // latest paragraph (numbered or not) of the article
	lastPara   string // latest numbered paragraph number of the article
	pointOwner *Unit  // unit whose points lastPoint counts
	lastPoint  string

	last *Unit  // unit the latest line went into, for continuation lines
	raw  string // the source line being handled, quoted in errors
}

func newBuilder() *builder {
	return &builder{doc: &Document{}, sectionLines: map[string]int{}, articleLines: map[string]int{}}
}

// preambleLine adds a line to the preamble. Lines after a section heading
// and before the first article are not preamble: they are stray text.
func (b *builder) preambleLine(line int, text string) error {
	if b.started {
		return b.stray(line)
	}
	if b.preamble == nil {
		b.preamble = &Unit{Kind: KindPreamble}
		b.doc.Units = append(b.doc.Units, b.preamble)
	}
	if b.preamble.Text != "" {
		b.preamble.Text += "\n"
	}
	b.preamble.Text += clean(text)
	b.last = b.preamble
	return nil
}

// stray reports the current source line (b.raw) as text outside any unit.
func (b *builder) stray(line int) error {
	if b.section != nil {
		return atazan.LineErrorf(line, "text %s stands between the heading of Section %s and its first article: only the section title may follow the heading", quote(b.raw), b.section.Number)
	}
	return atazan.LineErrorf(line, "text %s stands before the first article but after the preamble", quote(b.raw))
}

// plain handles a line that is no heading and no numbered unit: preamble,
// a section title awaited on the next line, or an unnumbered paragraph.
func (b *builder) plain(line int, text string) error {
	switch {
	case b.awaitTitle:
		b.section.Heading = clean(text)
		b.awaitTitle = false
		b.last = nil
		return nil
	case b.article != nil:
		return b.paragraph(line, "", text)
	case !b.started:
		return b.preambleLine(line, text)
	}
	return b.stray(line)
}

func (b *builder) sectionHeading(line int, number, heading string) error {
	key := ArabicNumber(number)
	if first, ok := b.sectionLines[key]; ok {
		return atazan.LineErrorf(line, "Section %s appears twice: it was first at line %d", number, first)
	}
	if b.lastSection != "" {
		if c, _ := CompareNumbers(number, b.lastSection); c < 0 {
			return atazan.LineErrorf(line, "Section %s comes after Section %s: section numbers must increase", number, b.lastSection)
		}
	}
	b.sectionLines[key] = line
	b.lastSection = number
	b.section = &Unit{Kind: KindSection, Number: number, Heading: clean(heading)}
	b.doc.Units = append(b.doc.Units, b.section)
	b.awaitTitle = false
	b.started = true
	b.article, b.para, b.pointOwner, b.last = nil, nil, nil, nil
	return nil
}

func (b *builder) articleHeading(line int, number, heading string) error {
	b.awaitTitle = false
	if first, ok := b.articleLines[number]; ok {
		return atazan.LineErrorf(line, "Article %s appears twice: it was first at line %d", number, first)
	}
	if b.lastArticle != "" {
		if c, _ := CompareNumbers(number, b.lastArticle); c < 0 {
			return atazan.LineErrorf(line, "Article %s comes after Article %s: article numbers must increase", number, b.lastArticle)
		}
	}
	b.articleLines[number] = line
	b.lastArticle = number
	b.article = &Unit{Kind: KindArticle, Number: number, Heading: clean(heading)}
	if b.section != nil {
		b.section.Children = append(b.section.Children, b.article)
	} else {
		b.doc.Units = append(b.doc.Units, b.article)
	}
	b.started = true
	b.para, b.lastPara, b.pointOwner, b.last = nil, "", nil, nil
	return nil
}

// paragraph adds a paragraph to the current article; number is "" for an
// unnumbered one.
func (b *builder) paragraph(line int, number, text string) error {
	b.awaitTitle = false
	if b.article == nil {
		return b.stray(line)
	}
	if number != "" {
		if b.lastPara != "" {
			if c, _ := CompareNumbers(number, b.lastPara); c <= 0 {
				return atazan.LineErrorf(line, "paragraph %s. comes after paragraph %s. in Article %s: paragraph numbers must increase", number, b.lastPara, b.article.Number)
			}
		}
		b.lastPara = number
	}
	u := &Unit{Kind: KindParagraph, Number: number, Text: clean(text)}
	b.article.Children = append(b.article.Children, u)
	b.para, b.last = u, u
	return nil
}

// point adds a point to the latest paragraph of the article, or to the
// article when no paragraph has come yet.
func (b *builder) point(line int, number, text string) error {
	b.awaitTitle = false
	if b.article == nil {
		return b.stray(line)
	}
	owner := b.para
	if owner == nil {
		owner = b.article
	}
	if owner != b.pointOwner {
		b.pointOwner, b.lastPoint = owner, ""
	}
	if b.lastPoint != "" {
		if c, _ := CompareNumbers(number, b.lastPoint); c <= 0 {
			return atazan.LineErrorf(line, "point %s) comes after point %s) of the same paragraph in Article %s: point numbers must increase", number, b.lastPoint, b.article.Number)
		}
	}
	b.lastPoint = number
	u := &Unit{Kind: KindPoint, Number: number, Text: clean(text)}
	owner.Children = append(owner.Children, u)
	b.last = u
	return nil
}

// note adds a note to the current article.
func (b *builder) note(line int, text string) error {
	b.awaitTitle = false
	if b.article == nil {
		return b.stray(line)
	}
	u := &Unit{Kind: KindNote, Text: clean(text)}
	b.article.Children = append(b.article.Children, u)
	b.last = u
	return nil
}

// footnote attaches an editorial footnote to the current article, or to
// the current section when it comes between a section heading and the
// section's first article (official texts annotate renamed sections so).
func (b *builder) footnote(line int, text string) error {
	b.awaitTitle = false
	b.last = nil
	switch {
	case b.article != nil:
		b.article.Footnotes = append(b.article.Footnotes, clean(text))
	case b.section != nil:
		b.section.Footnotes = append(b.section.Footnotes, clean(text))
	default:
		return atazan.LineErrorf(line, "footnote %s comes before the first article: a footnote annotates the article (or section) above it", quote(text))
	}
	return nil
}

// continueBlock appends a line to the text of the unit the previous line
// went into (Markdown blocks span lines until a blank line).
func (b *builder) continueBlock(text string) {
	if t := clean(text); t != "" {
		if b.last.Text != "" {
			b.last.Text += "\n"
		}
		b.last.Text += t
	}
}

// leadNumber splits a line that opens with a unit number such as "3", "3-1"
// or "10-1" followed by term ('.' or ')'). A number directly followed by a
// digit ("1.5 million") is not a unit number.
func leadNumber(s string, term byte) (number, rest string, ok bool) {
	i := 0
	for {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return "", "", false
		}
		i = j
		if i < len(s) && s[i] == '-' {
			i++
			continue
		}
		break
	}
	if i >= len(s) || s[i] != term {
		return "", "", false
	}
	rest = s[i+1:]
	if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return "", "", false
	}
	return s[:i], strings.TrimSpace(rest), true
}

// leadNumberAny reports whether s starts like a numbered paragraph ("1.") or point ("1)").
func leadNumberAny(s string) (num, text string, ok bool) {
	if num, text, ok = leadNumber(s, '.'); ok {
		return
	}
	return leadNumber(s, ')')
}

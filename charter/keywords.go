package charter

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Structure keywords of the text and Markdown formats. Official texts of
// the Constitution of Kazakhstan are published in Kazakh, Russian and
// English, each with its own words and word order; every form below is
// recognised whatever the language of the file (a file may mix them), in
// any letter case. The Cyrillic letter і (U+0456, U+0406) also matches a
// Latin i or I, which older Kazakh texts of adilet.zan.kz print in its place.
//
//	kind      en                      ru                         kk
//	section   Section I[. Title]      Раздел I[. Title]          I бөлім[. Title], Бөлім I[. Title]
//	article   Article 5[. Heading]    Статья 5[. Heading]        5-бап[. Heading], 83-1-бап, Бап 5
//	note      Note. text              Примечание. text           Ескертпе. text
//	footnote  Footnote. / Footnote:   Сноска. / Сноска:          Сілтеме. / Сілтеме:
//	either    —                       —                          Ескерту. / Ескерту: (see editorialRemark)
//
// Section numbers are roman or arabic, article numbers arabic with "-M"
// parts; numbers are kept as written. A heading line holds nothing but the
// keyword and the number, then optionally a period and a title, so running
// text that starts with a keyword ("Статья 5 применяется…", "Статьями…",
// "5-бапта…") stays text.

// A headingForm is one way of writing a section or article heading: a
// keyword and the number after it ("Статья 5"), or the number before it
// joined by sep ("I бөлім" with sep " ", "83-1-бап" with sep "-").
type headingForm struct {
	word        string
	numberFirst bool
	sep         string // between number and word when numberFirst: " " (one or more spaces) or "-"
}

var sectionForms = []headingForm{
	{word: "section"},
	{word: "раздел"},
	{word: "бөлім"},
	{word: "бөлім", numberFirst: true, sep: " "},
}

var articleForms = []headingForm{
	{word: "article"},
	{word: "статья"},
	{word: "бап"},
	{word: "бап", numberFirst: true, sep: "-"},
}

// remarkKind says what a remark line is: a note (normative), an editorial
// footnote, or, for the Kazakh "Ескерту.", whichever its text shows.
type remarkKind int

const (
	remarkNote remarkKind = iota
	remarkFootnote
	remarkByText
)

// A remarkForm opens a note or footnote line: the keyword directly
// followed by one of the characters of ends, then the text.
type remarkForm struct {
	word string
	ends string
	kind remarkKind
}

var remarkForms = []remarkForm{
	{"note", ".", remarkNote},
	{"примечание", ".", remarkNote},
	{"ескертпе", ".", remarkNote},
	{"footnote", ".:", remarkFootnote},
	{"сноска", ".:", remarkFootnote},
	{"сілтеме", ".:", remarkFootnote},
	{"ескерту", ".:", remarkByText},
}

// editorialPhrases are the phrases of the editorial annotations of official
// Kazakh texts ("1-бапқа өзгеріс енгізілді - ҚР … Заңымен.", "10-бап жаңа
// редакцияда - …", "… қаулысын қараңыз."). They are matched anywhere in the
// text, in any letter case.
var editorialPhrases = []string{
	"енгізілді",       // өзгеріс (өзгерістер, толықтыру) енгізілді: amended
	"өзгертілді",      // changed
	"редакцияда",      // жаңа редакцияда: in a new wording
	"толықтырылды",    // supplemented
	"алып тасталды",   // excluded
	"алынып тасталды", // excluded
	"күшін жойды",     // repealed
	"қараңыз",         // see
}

// editorialRemark decides the Kazakh "Ескерту." ("remark"), with which the
// official Kazakh texts of adilet.zan.kz open both the editorial footnotes
// and, sometimes, normative notes: it is a footnote when its text holds one
// of editorialPhrases, and a note otherwise. Unambiguous texts write
// "Сілтеме." for a footnote and "Ескертпе." for a note.
func editorialRemark(text string) bool {
	t := strings.ToLower(foldLatinI(strings.Join(strings.Fields(text), " ")))
	for _, p := range editorialPhrases {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// sectionLine matches a section heading line in any of sectionForms.
func sectionLine(s string) (number, title string, ok bool) {
	return headingLine(s, sectionForms, true)
}

// articleLine matches an article heading line in any of articleForms.
func articleLine(s string) (number, heading string, ok bool) {
	return headingLine(s, articleForms, false)
}

// headingLine matches "FORM" or "FORM. Heading", FORM being one of forms
// with a valid number: roman or arabic when roman is set, else arabic.
func headingLine(s string, forms []headingForm, roman bool) (number, heading string, ok bool) {
	head, heading, _ := strings.Cut(s, ".")
	head = strings.TrimSpace(head)
	for _, f := range forms {
		if n, ok := f.number(head); ok && validNumber(n, roman) {
			return n, strings.TrimSpace(heading), true
		}
	}
	return "", "", false
}

// number returns the number of head written in form f, unchecked.
func (f headingForm) number(head string) (string, bool) {
	if !f.numberFirst {
		rest, ok := cutPrefixFold(head, f.word)
		if !ok || rest == "" || !isBlank(rest[0]) {
			return "", false
		}
		return strings.TrimSpace(rest), true
	}
	rest, ok := cutSuffixFold(head, f.word)
	if !ok || rest == "" {
		return "", false
	}
	if f.sep == " " {
		if !isBlank(rest[len(rest)-1]) {
			return "", false
		}
		return strings.TrimSpace(rest), true
	}
	return strings.CutSuffix(rest, f.sep)
}

// validNumber reports whether n is a unit number as written: arabic parts
// joined by hyphens ("83-1"), or a roman numeral when roman is set.
func validNumber(n string, roman bool) bool {
	if roman && isRoman(n) {
		return true
	}
	m, _, ok := leadNumber(n+".", '.')
	return ok && m == n
}

func isRoman(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("IVXLCDMivxlcdm", rune(s[i])) {
			return false
		}
	}
	return true
}

// remarkLine matches a line opened by one of remarkForms and returns the
// text after the keyword and its period or colon.
func remarkLine(s string) (kind remarkKind, text string, ok bool) {
	for _, f := range remarkForms {
		rest, ok := cutPrefixFold(s, f.word)
		if ok && rest != "" && strings.IndexByte(f.ends, rest[0]) >= 0 {
			return f.kind, strings.TrimSpace(rest[1:]), true
		}
	}
	return 0, "", false
}

// footnoteLine matches an editorial footnote line: "Footnote.", "Сноска.",
// "Сілтеме." (or with a colon), or an editorial "Ескерту.".
func footnoteLine(s string) (text string, ok bool) {
	kind, text, ok := remarkLine(s)
	if ok && (kind == remarkFootnote || kind == remarkByText && editorialRemark(text)) {
		return text, true
	}
	return "", false
}

// noteLine matches a note line: "Note.", "Примечание.", "Ескертпе.", or a
// "Ескерту." that is not editorial.
func noteLine(s string) (text string, ok bool) {
	kind, text, ok := remarkLine(s)
	if ok && (kind == remarkNote || kind == remarkByText && !editorialRemark(text)) {
		return text, true
	}
	return "", false
}

// cutPrefixFold returns s without prefix when s starts with prefix in any
// letter case (see foldEqual).
func cutPrefixFold(s, prefix string) (string, bool) {
	for _, p := range prefix {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || !foldEqual(r, p) {
			return "", false
		}
		s = s[size:]
	}
	return s, true
}

// cutSuffixFold returns s without suffix when s ends with suffix in any
// letter case (see foldEqual).
func cutSuffixFold(s, suffix string) (string, bool) {
	for suffix != "" {
		p, psize := utf8.DecodeLastRuneInString(suffix)
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 || !foldEqual(r, p) {
			return "", false
		}
		s, suffix = s[:len(s)-size], suffix[:len(suffix)-psize]
	}
	return s, true
}

// foldEqual reports whether two letters are equal under Unicode case
// folding, a Latin i or I also matching the Cyrillic і.
func foldEqual(a, b rune) bool {
	a, b = foldLatinIRune(a), foldLatinIRune(b)
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

func foldLatinIRune(r rune) rune {
	switch r {
	case 'i', 'I', 'І':
		return 'і'
	}
	return r
}

// foldLatinI replaces Latin i and I with the Cyrillic і, for matching
// Kazakh phrases.
func foldLatinI(s string) string {
	return strings.Map(foldLatinIRune, s)
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

package charter

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"atazan"
)

// kazakhstanPath is the official English text of the Constitution of the
// Republic of Kazakhstan (1995, as amended), the main test vector. It lives
// in the shared data directory, outside the repository.
var kazakhstanPath = filepath.Join("..", "..", "shared", "data", "charters", "kazakhstan-1995-en.txt")

// kazakhstanText returns the test vector, skipping the test when it is
// absent, except in CI (CI=true), where its absence fails the test.
func kazakhstanText(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(kazakhstanPath)
	if errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("test vector %s is missing; CI must provide it", kazakhstanPath)
		}
		tb.Skipf("test vector %s is missing: place the official English text of the Constitution of Kazakhstan there to run this test", kazakhstanPath)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func kazakhstan(tb testing.TB) *Document {
	tb.Helper()
	d, err := Parse(kazakhstanText(tb), FormatText, "en")
	if err != nil {
		tb.Fatalf("parse the Kazakhstan text: %v", err)
	}
	return d
}

func TestParseTextKazakhstan(t *testing.T) {
	data := kazakhstanText(t)
	d := kazakhstan(t)

	if d.Title != "Constitution of the Republic of Kazakhstan" {
		t.Errorf("title = %q", d.Title)
	}
	if d.Lang != "en" {
		t.Errorf("lang = %q", d.Lang)
	}
	st := d.Stats()
	if st.Sections != 9 {
		t.Errorf("sections = %d, want 9", st.Sections)
	}
	var want []string
	for i := 1; i <= 99; i++ {
		want = append(want, strconv.Itoa(i))
		switch i {
		case 83:
			want = append(want, "83-1")
		case 94:
			want = append(want, "94-1", "94-2")
		}
	}
	if got := strings.Join(st.ArticleNumbers, " "); got != strings.Join(want, " ") {
		t.Errorf("article numbers =\n%s\nwant\n%s", got, strings.Join(want, " "))
	}
	if st.Articles != 102 {
		t.Errorf("articles = %d, want 102", st.Articles)
	}

	var points, insertedPoints, insertedParas int
	d.Walk(func(u, _ *Unit) bool {
		switch {
		case u.Kind == KindPoint:
			points++
			if strings.Contains(u.Number, "-") {
				insertedPoints++
			}
		case u.Kind == KindParagraph && strings.Contains(u.Number, "-"):
			insertedParas++
		}
		return true
	})
	if points != 130 || insertedPoints != 7 {
		t.Errorf("points = %d (%d of them N-M), want 130 (7)", points, insertedPoints)
	}
	if insertedParas != 3 {
		t.Errorf("inserted paragraphs N-M. = %d, want 3", insertedParas)
	}

	// Every footnote of the source is attached, once, to a unit, and no
	// footnote text is normative.
	var sourceNotes []string
	for _, l := range strings.Split(string(data), "\n") {
		if text, ok := footnoteLine(strings.TrimSpace(l)); ok {
			sourceNotes = append(sourceNotes, clean(text))
		}
	}
	var attached []string
	d.Walk(func(u, _ *Unit) bool {
		attached = append(attached, u.Footnotes...)
		for _, f := range u.Footnotes {
			if u.Kind != KindArticle && u.Kind != KindSection {
				t.Errorf("footnote on %s, a %s", u.ID, u.Kind)
			}
			if strings.Contains(string(d.Canonical()), f) {
				t.Errorf("footnote %q of %s appears in the normative text", f, u.ID)
			}
		}
		if strings.Contains(strings.ToLower(u.Text), "footnote") {
			t.Errorf("%s text holds a footnote: %q", u.ID, u.Text)
		}
		return true
	})
	if len(sourceNotes) != 110 || strings.Join(attached, "\n") != strings.Join(sourceNotes, "\n") {
		t.Errorf("attached %d footnotes, source has %d; they differ", len(attached), len(sourceNotes))
	}
	if fn := d.Find("art_41").Footnotes; len(fn) != 2 || !strings.HasPrefix(fn[1], "Article 41 as amended") {
		t.Errorf("art_41 footnotes = %q", fn)
	}
	if fn := d.Find("sec_6").Footnotes; len(fn) != 1 || !strings.HasPrefix(fn[0], "The title of Section VI") {
		t.Errorf("sec_6 footnotes = %q (a footnote under a section heading annotates the section)", fn)
	}

	for _, c := range []struct {
		id                  UnitID
		kind                Kind
		number, heading     string
		textPrefix, textEnd string
	}{
		{"preamble", KindPreamble, "", "", "We, the people of Kazakhstan,\nunited by a common historical destiny,", "adopt this Constitution."},
		{"sec_1", KindSection, "I", "General Provisions", "", ""},
		{"sec_2", KindSection, "II", "Man and citizen", "", ""},
		{"sec_7", KindSection, "VII", "Courts and justice. Office of the Prosecutor. Human Rights Commissioner", "", ""},
		{"sec_8", KindSection, "VIII", "State Administration and Self-Government", "", ""},
		{"art_83-1", KindArticle, "83-1", "", "", ""},
		{"art_2__para_3-1", KindParagraph, "3-1", "", "A special legal regime", "constitutional law."},
		{"art_4__note_1", KindNote, "", "", "In accordance with the Law", "Constitutional Court."},
		{"art_44__para_u1", KindParagraph, "", "", "The President of the Republic of Kazakhstan shall:", ""},
		{"art_44__para_u1__point_10-1", KindPoint, "10-1", "", "send an appeal", ""},
		{"art_44__para_u1__point_8", KindPoint, "8", "", "Excluded by Law", ""},
		{"art_41__para_4", KindParagraph, "4", "", "Excluded by the Law of the Republic of Kazakhstan No. 284-I", ""},
		{"art_42__para_1", KindParagraph, "1", "", "The President of the Republic of Kazakhstan shall take office", ""},
		{"art_54__para_1__point_1", KindPoint, "1", "", "approving the national budget", ""},
		{"art_52__para_u2__point_3", KindPoint, "3", "", "recall of a deputy", ""},
		{"art_61__para_u4", KindParagraph, "", "", "Parliament enter into force", ""},
	} {
		u := d.Find(c.id)
		if u == nil {
			t.Errorf("%s: not found", c.id)
			continue
		}
		if u.Kind != c.kind || u.Number != c.number || u.Heading != c.heading ||
			!strings.HasPrefix(u.Text, c.textPrefix) || !strings.HasSuffix(u.Text, c.textEnd) {
			t.Errorf("%s = {%s %q %q %.60q...}, want {%s %q %q %.60q...}", c.id, u.Kind, u.Number, u.Heading, u.Text, c.kind, c.number, c.heading, c.textPrefix)
		}
	}
	if n := strings.Count(d.Find("preamble").Text, "\n") + 1; n != 11 {
		t.Errorf("preamble has %d lines, want one per non-blank source line: 11", n)
	}
	if a := d.Find("art_84"); len(a.Children) != 0 || len(a.Footnotes) != 1 {
		t.Errorf("art_84 = %d children, %d footnotes; want an empty article with one footnote", len(a.Children), len(a.Footnotes))
	}
	// Articles sit in their sections.
	if p := parentOf(d, "art_85"); p == nil || p.ID != "sec_8" {
		t.Errorf("art_85 is not in sec_8")
	}
	// The same text with CRLF line ends and a byte order mark reads the same.
	crlf := append([]byte("\uFEFF"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	d2, err := Parse(crlf, FormatText, "en")
	if err != nil || d2.Hash() != d.Hash() {
		t.Errorf("CRLF and BOM: err %v, hash %v, want %s", err, d2, d.Hash())
	}
}

func parentOf(d *Document, id UnitID) *Unit {
	var found *Unit
	d.Walk(func(u, parent *Unit) bool {
		if u.ID == id {
			found = parent
			return false
		}
		return true
	})
	return found
}

// TestFootnotesLeaveHashAlone checks that editorial footnotes are outside
// the content hash: changing, adding or removing one changes nothing.
func TestFootnotesLeaveHashAlone(t *testing.T) {
	base := "Title\n\nArticle 1\n\n1. Text one.\n\nFootnote. As amended in 2007.\n"
	for _, variant := range []string{
		"Title\n\nArticle 1\n\n1. Text one.\n\nFootnote. As amended in 2022.\n",
		"Title\n\nArticle 1\n\n1. Text one.\n\nFootnote: As amended in 2007.\nFootnote. See Resolution No. 5.\n",
		"Title\n\nArticle 1\n\n1. Text one.\n",
	} {
		a, err := Parse([]byte(base), FormatText, "en")
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse([]byte(variant), FormatText, "en")
		if err != nil {
			t.Fatal(err)
		}
		if a.Hash() != b.Hash() {
			t.Errorf("hash changed with footnotes:\n%s\nvs\n%s", base, variant)
		}
	}
	if d := kazakhstan(t); true {
		h := d.Hash()
		d.Find("art_2").Footnotes[0] = "A different annotation."
		if d.Hash() != h {
			t.Error("changing a footnote of Article 2 changed the Kazakhstan hash")
		}
	}
}

// TestParseTextRules checks each rule of the text format on small texts.
// Each expected tree is written as one line per unit: ID, then the text.
func TestParseTextRules(t *testing.T) {
	for _, c := range []struct {
		name, in string
		title    string
		want     []string // "ID|heading|text" in document order
	}{
		{"no sections", "Law on Things\nArticle 1\nText.\nArticle 2. Scope\n1. One.\n",
			"Law on Things", []string{"art_1||", "art_1__para_u1||Text.", "art_2|Scope|", "art_2__para_1||One."}},
		{"keywords in any case, leading spaces, title on next line", "T\n  SECTION iv\n\n   The Title  \n  ARTICLE 3\n  2.  Two   spaces.\n",
			"T", []string{"sec_4|The Title|", "art_3||", "art_3__para_2||Two spaces."}},
		{"arabic section with title on the same line", "T\nSection 2. Rights\nArticle 1\nx\n",
			"T", []string{"sec_2|Rights|", "art_1||", "art_1__para_u1||x"}},
		{"points: before a paragraph, under numbered and unnumbered paragraphs", "T\nArticle 1\n1) a\n2) b\n1. p\n1) c\n1-1) d\nlead-in:\n1) e\n",
			"T", []string{"art_1||", "art_1__point_1||a", "art_1__point_2||b", "art_1__para_1||p", "art_1__para_1__point_1||c", "art_1__para_1__point_1-1||d", "art_1__para_u1||lead-in:", "art_1__para_u1__point_1||e"}},
		{"notes and footnotes", "T\nArticle 1\n1. p\nnote. A note.\nFootnote: An annotation.\n2. q\n",
			"T", []string{"art_1||", "art_1__para_1||p", "art_1__note_1||A note.", "art_1__para_2||q"}},
		{"preamble keeps its lines", "T\n\n We, the people,\n\nfirst,\nadopt this.\nSection I\nGeneral\nArticle 1\nx\n",
			"T", []string{"preamble||We, the people,\nfirst,\nadopt this.", "sec_1|General|", "art_1||", "art_1__para_u1||x"}},
		{"no title before an article", "Article 1\nx\n",
			"", []string{"art_1||", "art_1__para_u1||x"}},
		{"a number glued to a digit is text", "T\nArticle 1\n1.5 million people.\n",
			"T", []string{"art_1||", "art_1__para_u1||1.5 million people."}},
		{"a sentence starting with Article is text", "T\nArticle 1\nArticle 5 of the Law applies.\n",
			"T", []string{"art_1||", "art_1__para_u1||Article 5 of the Law applies."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Parse([]byte(c.in), FormatText, "en")
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != c.title {
				t.Errorf("title = %q, want %q", d.Title, c.title)
			}
			var got []string
			d.Walk(func(u, _ *Unit) bool {
				got = append(got, string(u.ID)+"|"+u.Heading+"|"+u.Text)
				return true
			})
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("units =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
	d, _ := Parse([]byte("T\nArticle 1\n1. p\nFootnote: An annotation.\n"), FormatText, "en")
	if fn := d.Find("art_1").Footnotes; len(fn) != 1 || fn[0] != "An annotation." {
		t.Errorf("footnotes = %q", fn)
	}
}

// TestParseErrors checks that bad input fails with the line at fault and a
// message that says what is wrong, in every format that reads lines.
func TestParseErrors(t *testing.T) {
	big := bytes.Repeat([]byte("Article 1\n"), MaxInputSize/10+1)
	for _, c := range []struct {
		name   string
		format Format
		in     string
		code   string
		line   int
		msg    string
	}{
		{"duplicate article", FormatText, "T\nArticle 1\nx\nArticle 2\ny\nArticle 2\nz\n", atazan.EInvalid, 6, "Article 2 appears twice: it was first at line 4"},
		{"article backwards", FormatText, "T\nArticle 2\nx\nArticle 1\ny\n", atazan.EInvalid, 4, "Article 1 comes after Article 2"},
		{"inserted article backwards", FormatText, "T\nArticle 5-1\nx\nArticle 5\ny\n", atazan.EInvalid, 4, "Article 5 comes after Article 5-1"},
		{"section backwards", FormatText, "T\nSection II\nA\nArticle 1\nx\nSection I\nB\nArticle 2\n", atazan.EInvalid, 6, "Section I comes after Section II"},
		{"duplicate section", FormatText, "T\nSection 2\nA\nArticle 1\nx\nSection II\nB\n", atazan.EInvalid, 6, "Section II appears twice"},
		{"paragraph backwards", FormatText, "T\nArticle 1\n2. b\n1. a\n", atazan.EInvalid, 4, "paragraph 1. comes after paragraph 2. in Article 1"},
		{"paragraph repeated", FormatText, "T\nArticle 1\n3-1. b\n3-1. a\n", atazan.EInvalid, 4, "paragraph 3-1. comes after paragraph 3-1."},
		{"point backwards", FormatText, "T\nArticle 1\n1. a\n1) x\n3) y\n2) z\n", atazan.EInvalid, 6, "point 2) comes after point 3)"},
		{"point repeated", FormatText, "T\nArticle 1\nlead:\n1) x\n1) y\n", atazan.EInvalid, 5, "point 1) comes after point 1)"},
		{"numbered paragraph before the first article", FormatText, "Random junk\n\n1. a paragraph\n\nArticle 1\n\nText.\n", atazan.EInvalid, 3, `numbered text "1. a paragraph" stands before the first article`},
		{"point before the first article", FormatText, "Random junk\n\n1) point\n\nArticle 1\n\nText.\n", atazan.EInvalid, 3, `numbered text "1) point" stands before the first article`},
		{"md numbered paragraph before the first article", FormatMarkdown, "% T\n\n1. a paragraph\n\n## Article 1\n\nText.\n", atazan.EInvalid, 3, `numbered text "1. a paragraph" stands before the first article`},
		{"stray text after a section title", FormatText, "T\nPreamble.\nSection I\nGeneral\nStray line.\nArticle 1\nx\n", atazan.EInvalid, 5, `text "Stray line." stands between the heading of Section I`},
		{"preamble after a section", FormatText, "T\nSection I. General\nWe the people\nArticle 1\n", atazan.EInvalid, 3, "stands between the heading of Section I"},
		{"numbered line before the first article", FormatText, "T\nSection I. General\n1. x\nArticle 1\n", atazan.EInvalid, 3, `text "1. x" stands between`},
		{"footnote before any article", FormatText, "T\nPreamble.\nFootnote. Early.\nArticle 1\n", atazan.EInvalid, 3, "footnote \"Early.\" comes before the first article"},
		{"empty file", FormatText, "", atazan.EInvalid, 0, "the file is empty"},
		{"white space only", FormatText, " \r\n\t\n  \n", atazan.EInvalid, 0, "the file is empty"},
		{"BOM only", FormatMarkdown, "\uFEFF\n", atazan.EInvalid, 0, "the file is empty"},
		{"invalid UTF-8", FormatText, "T\nArticle 1\nok\nbad \xff\xfe byte\n", atazan.EInvalid, 4, "not valid UTF-8"},
		{"control character", FormatText, "T\nArticle 1\nform\ffeed\n", atazan.EInvalid, 3, "control character U+000C"},
		{"over 10 MiB", FormatText, string(big), atazan.ETooLarge, 0, "over the limit of 10485760 bytes"},
		{"markdown: duplicate article", FormatMarkdown, "% T\n\n## Article 1\n\nx\n\n## Article 1\n", atazan.EInvalid, 7, "Article 1 appears twice"},
		{"markdown: stray text", FormatMarkdown, "% T\n\n# Section I. A\n\nStray.\n\n## Article 1\n", atazan.EInvalid, 5, "stands between the heading of Section I"},
		{"markdown: point backwards", FormatMarkdown, "## Article 1\n\n1. a\n\n  2) x\n\n  1) y\n", atazan.EInvalid, 7, "point 1) comes after point 2)"},
		{"markdown: unknown heading", FormatMarkdown, "## Article 1\n\n### Chapter 1\n", atazan.EInvalid, 3, "has level 3"},
		{"markdown: bad section heading", FormatMarkdown, "# Chapter 1\n", atazan.EInvalid, 1, "is not a section heading"},
		{"markdown: quote that is no footnote", FormatMarkdown, "## Article 1\n\nx\n\n> quoted\n", atazan.EInvalid, 5, "is not a footnote"},
		{"markdown: footnote before any article", FormatMarkdown, "% T\n\n> Footnote. x\n", atazan.EInvalid, 3, "comes before the first article"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Parse([]byte(c.in), c.format, "en")
			if err == nil {
				t.Fatalf("no error; parsed %d units", len(d.Units))
			}
			var e *atazan.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T, want *atazan.Error", err, err)
			}
			if e.Code != c.code || e.Line != c.line || !strings.Contains(e.Message, c.msg) {
				t.Errorf("error = {%s line %d %q}, want {%s line %d containing %q}", e.Code, e.Line, e.Message, c.code, c.line, c.msg)
			}
		})
	}
}

func TestParseArguments(t *testing.T) {
	if _, err := Parse([]byte("Article 1\n"), "pdf", "en"); atazan.ErrorCode(err) != atazan.EInvalid || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("format pdf: %v", err)
	}
	if _, err := Parse([]byte("Article 1\n"), FormatText, "de"); atazan.ErrorCode(err) != atazan.EInvalid || !strings.Contains(err.Error(), "unknown language") {
		t.Errorf("lang de: %v", err)
	}
	for path, want := range map[string]Format{"a/k.txt": FormatText, "K.MD": FormatMarkdown, "k.xml": FormatAKN, "k.akn": FormatAKN, "k.pdf": ""} {
		f, err := FormatFromPath(path)
		if f != want || (want == "") != (err != nil) {
			t.Errorf("FormatFromPath(%q) = %q, %v; want %q", path, f, err, want)
		}
	}
}

func BenchmarkParseKazakhstan(b *testing.B) {
	data := kazakhstanText(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, FormatText, "en"); err != nil {
			b.Fatal(err)
		}
	}
}

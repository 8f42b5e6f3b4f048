package charter

import (
	"reflect"
	"strings"
	"testing"
)

// footnotesOf maps unit IDs to their footnotes.
func footnotesOf(d *Document) map[UnitID][]string {
	m := map[UnitID][]string{}
	d.Walk(func(u, _ *Unit) bool {
		if len(u.Footnotes) > 0 {
			m[u.ID] = u.Footnotes
		}
		return true
	})
	return m
}

// sameDocument fails the test unless b has a's hash, title and footnotes.
func sameDocument(t *testing.T, a, b *Document) {
	t.Helper()
	if a.Hash() != b.Hash() {
		t.Errorf("hash %s, want %s", b.Hash(), a.Hash())
		al, bl := strings.Split(string(a.Canonical()), "\n"), strings.Split(string(b.Canonical()), "\n")
		for i := 0; i < len(al) && i < len(bl); i++ {
			if al[i] != bl[i] {
				t.Errorf("first difference at canonical line %d:\n%q\n%q", i+1, al[i], bl[i])
				break
			}
		}
	}
	if a.Title != b.Title {
		t.Errorf("title %q, want %q", b.Title, a.Title)
	}
	if fa, fb := footnotesOf(a), footnotesOf(b); !reflect.DeepEqual(fa, fb) {
		t.Errorf("footnotes differ: %d units annotated, want %d", len(fb), len(fa))
	}
}

func TestMarkdownRoundTripKazakhstan(t *testing.T) {
	d := kazakhstan(t)
	md := ExportMarkdown(d)
	back, err := Parse(md, FormatMarkdown, "en")
	if err != nil {
		t.Fatalf("parse exported Markdown: %v", err)
	}
	sameDocument(t, d, back)
	if again := ExportMarkdown(back); string(again) != string(md) {
		t.Error("exporting the re-read document gives different Markdown")
	}
}

// smallDoc is a hand-written document that uses every unit kind and the
// texts that need escaping in Markdown.
func smallDoc() *Document {
	d := &Document{Title: "Charter of a Small Republic", Lang: "en", Units: []*Unit{
		{Kind: KindPreamble, Text: "We, the people,\n# not a heading\n1. not a paragraph\nadopt this Charter."},
		{Kind: KindArticle, Number: "1", Heading: "Sovereignty", Footnotes: []string{"As amended in 2022."}, Children: []*Unit{
			{Kind: KindParagraph, Text: "The people rule."},
		}},
		{Kind: KindSection, Number: "II", Heading: "Rights", Footnotes: []string{"Title as amended."}, Children: []*Unit{
			{Kind: KindArticle, Number: "2", Children: []*Unit{
				{Kind: KindPoint, Number: "1", Text: "a point before any paragraph;"},
				{Kind: KindParagraph, Number: "1", Text: "Everyone is equal.\nA second line of the same paragraph.", Children: []*Unit{
					{Kind: KindPoint, Number: "1", Text: "first;"},
					{Kind: KindPoint, Number: "1-1", Text: "inserted & <escaped>;"},
				}},
				{Kind: KindParagraph, Text: "2) reads like a point but is text."},
				{Kind: KindParagraph, Text: "Note. reads like a note."},
				{Kind: KindParagraph, Text: "> Footnote. reads like a footnote.\n\\ starts with a backslash"},
				{Kind: KindParagraph, Number: "3-1", Text: ""},
				{Kind: KindNote, Text: "A note of Article 2."},
			}},
			{Kind: KindArticle, Number: "2-1", Footnotes: []string{"Inserted in 2022.", "See Resolution No. 5."}},
		}},
	}}
	d.AssignIDs()
	return d
}

func TestMarkdownRoundTripSmall(t *testing.T) {
	d := smallDoc()
	md := ExportMarkdown(d)
	back, err := Parse(md, FormatMarkdown, "en")
	if err != nil {
		t.Fatalf("parse exported Markdown: %v\n%s", err, md)
	}
	sameDocument(t, d, back)
	for _, want := range []string{"% Charter of a Small Republic\n", "\\# not a heading\n", "## Article 1. Sovereignty\n", "# Section II. Rights\n\n> Footnote. Title as amended.\n", "\\2) reads like", "3-1.\n", "1-1) inserted & <escaped>;\n"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestParseMarkdown(t *testing.T) {
	in := "% The Title\n\nLine one,\nline two.\n\n# Section I. General\n\n> Footnote: On the section.\n\n## Article 1. Heading\n\n1. First\ncontinued.\n\n  1) point,\n     continued;\n  2) next;\n\nFree text.\nNote. A note.\nFootnote. A bare footnote.\n\n\\1. literal\n"
	d, err := Parse([]byte(in), FormatMarkdown, "kk")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	d.Walk(func(u, _ *Unit) bool {
		got = append(got, string(u.ID)+"|"+u.Heading+"|"+u.Text+"|"+strings.Join(u.Footnotes, ";"))
		return true
	})
	want := []string{
		"preamble||Line one,\nline two.|",
		"sec_1|General||On the section.",
		"art_1|Heading||A bare footnote.",
		"art_1__para_1||First\ncontinued.|",
		"art_1__para_1__point_1||point,\ncontinued;|",
		"art_1__para_1__point_2||next;|",
		"art_1__para_u1||Free text.|",
		"art_1__note_1||A note.|",
		"art_1__para_u2||1. literal|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Title != "The Title" || d.Lang != "kk" {
		t.Errorf("title %q lang %q", d.Title, d.Lang)
	}
}

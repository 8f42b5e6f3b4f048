package charter

import (
	"strings"
	"testing"
)

func TestCompareStructure(t *testing.T) {
	const primary = "T\nPreamble.\nSection I\nA\nArticle 1\n1. a\n2. b\n1) x\nArticle 2\ny\nNote. n\nSection II\nB\nArticle 3\nz\n"
	for _, c := range []struct {
		name, other string
		want        []string // "unit: message fragment"
	}{
		{"aligned, other words", "Т\nПреамбула.\nSection I\nА\nArticle 1\n1. а\n2. б\n1) х\nArticle 2\nу\nNote. н\nSection II\nБ\nArticle 3\nз\n", nil},
		{"missing paragraph and point", "T\nPreamble.\nSection I\nA\nArticle 1\n1. a\nArticle 2\ny\nNote. n\nSection II\nB\nArticle 3\nz\n",
			[]string{"art_1__para_2: is missing from the en text", "art_1__para_2__point_1: is missing"}},
		{"extra article and missing preamble", "T\nSection I\nA\nArticle 1\n1. a\n2. b\n1) x\nArticle 2\ny\nNote. n\nSection II\nB\nArticle 3\nz\nArticle 4\nw\n",
			[]string{"preamble: the preamble is missing", "art_4: Article 4 of the en text has no counterpart", "art_4__para_u1: paragraph art_4__para_u1 of the en text has no counterpart"}},
		{"article moved to another section", "T\nPreamble.\nSection I\nA\nArticle 1\n1. a\n2. b\n1) x\nSection II\nB\nArticle 2\ny\nNote. n\nArticle 3\nz\n",
			[]string{"art_2: Article 2 stands under sec_2 in the en text, under sec_1", "sec_2: Section II (sec_2) is out of order"}},
		{"section number written differently", "T\nPreamble.\nSection 1\nA\nArticle 1\n1. a\n2. b\n1) x\nArticle 2\ny\nNote. n\nSection II\nB\nArticle 3\nz\n",
			[]string{`sec_1: Section I (sec_1) is numbered "1" in the en text`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse([]byte(primary), FormatText, "kk")
			if err != nil {
				t.Fatal(err)
			}
			o, err := Parse([]byte(c.other), FormatText, "en")
			if err != nil {
				t.Fatal(err)
			}
			got := CompareStructure(p, o)
			if len(got) != len(c.want) {
				t.Fatalf("got %d mismatches, want %d:\n%v", len(got), len(c.want), got)
			}
			for i, w := range c.want {
				unit, msg, _ := strings.Cut(w, ": ")
				if string(got[i].Unit) != unit || !strings.Contains(got[i].Message, msg) {
					t.Errorf("mismatch %d = %s: %s, want %s: ...%s...", i, got[i].Unit, got[i].Message, unit, msg)
				}
			}
		})
	}
}

// TestCompareStructureOrder checks that a swap is reported on the fewest units.
func TestCompareStructureOrder(t *testing.T) {
	p := &Document{Lang: "kk", Units: []*Unit{{ID: "a", Kind: KindArticle}, {ID: "b", Kind: KindArticle}, {ID: "c", Kind: KindArticle}, {ID: "d", Kind: KindArticle}}}
	o := &Document{Lang: "ru", Units: []*Unit{{ID: "a", Kind: KindArticle}, {ID: "c", Kind: KindArticle}, {ID: "d", Kind: KindArticle}, {ID: "b", Kind: KindArticle}}}
	got := CompareStructure(p, o)
	if len(got) != 1 || got[0].Unit != "b" || !strings.Contains(got[0].Message, "out of order") {
		t.Errorf("got %v, want b out of order", got)
	}
}

func TestCompareStructureKazakhstanWithItself(t *testing.T) {
	d := kazakhstan(t)
	md, err := Parse(ExportMarkdown(d), FormatMarkdown, "ru")
	if err != nil {
		t.Fatal(err)
	}
	if got := CompareStructure(d, md); len(got) != 0 {
		t.Errorf("mismatches: %v", got)
	}
}

package charter

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Hand-built documents, so that these tests do not depend on a parser.

func art(num, heading string, children ...*Unit) *Unit {
	return &Unit{Kind: KindArticle, Number: num, Heading: heading, Children: children}
}

func sec(num, heading string, children ...*Unit) *Unit {
	return &Unit{Kind: KindSection, Number: num, Heading: heading, Children: children}
}

func para(num, text string, children ...*Unit) *Unit {
	return &Unit{Kind: KindParagraph, Number: num, Text: text, Children: children}
}

func point(num, text string) *Unit { return &Unit{Kind: KindPoint, Number: num, Text: text} }

func note(text string) *Unit { return &Unit{Kind: KindNote, Text: text} }

func preamble(text string) *Unit { return &Unit{Kind: KindPreamble, Text: text} }

func withFootnotes(u *Unit, fs ...string) *Unit { u.Footnotes = fs; return u }

func doc(units ...*Unit) *Document {
	d := &Document{Lang: "en", Units: units}
	d.AssignIDs()
	return d
}

// brief shows a change list compactly for test failures and expectations:
// "changed art_5__para_2", "renumbered art_6<-art_5".
func brief(cs []Change) []string {
	out := []string{}
	for _, c := range cs {
		s := string(c.Change) + " " + string(c.Unit)
		if c.OldUnit != "" {
			s += "<-" + string(c.OldUnit)
		}
		out = append(out, s)
	}
	return out
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name     string
		from, to func() *Document
		want     []string
	}{
		{
			name: "identical texts",
			from: func() *Document { return doc(preamble("We, the people"), art("1", "State", para("1", "a"))) },
			to:   func() *Document { return doc(preamble("We, the people"), art("1", "State", para("1", "a"))) },
			want: []string{},
		},
		{
			name: "footnotes are ignored",
			from: func() *Document {
				return doc(withFootnotes(art("1", "State", para("1", "a")), "Footnote. Amended 2011."))
			},
			to: func() *Document {
				return doc(withFootnotes(art("1", "State", para("1", "a")), "Footnote. Amended 2022."))
			},
			want: []string{},
		},
		{
			name: "white space and Unicode normalization are not changes",
			from: func() *Document { return doc(art("1", "Caf\u00e9", para("1", "one  two\n\nthree "))) },
			to:   func() *Document { return doc(art("1", "Cafe\u0301", para("1", " one two\nthree"))) },
			want: []string{},
		},
		{
			name: "changed paragraph; its article without heading is not listed",
			from: func() *Document { return doc(art("1", "", para("1", "a"), para("2", "b"))) },
			to:   func() *Document { return doc(art("1", "", para("1", "a"), para("2", "c"))) },
			want: []string{"changed art_1__para_2"},
		},
		{
			name: "changed heading",
			from: func() *Document { return doc(art("1", "State", para("1", "a"))) },
			to:   func() *Document { return doc(art("1", "The State", para("1", "a"))) },
			want: []string{"changed art_1"},
		},
		{
			name: "section whose articles changed is not listed",
			from: func() *Document { return doc(sec("I", "General", art("1", "", para("1", "a")))) },
			to:   func() *Document { return doc(sec("I", "General", art("1", "", para("1", "b")))) },
			want: []string{"changed art_1__para_1"},
		},
		{
			name: "added and removed units, each listed with its children",
			from: func() *Document {
				return doc(preamble("P"), art("1", "", para("1", "a")), art("2", "Two", para("1", "b")))
			},
			to:   func() *Document { return doc(art("1", "", para("1", "a")), art("3", "Three", para("1", "c"))) },
			want: []string{"removed preamble", "removed art_2", "removed art_2__para_1", "added art_3", "added art_3__para_1"},
		},
		{
			name: "renumbered article and its paragraphs",
			from: func() *Document {
				return doc(art("5", "Rights", para("1", "Everyone has rights.")), art("6", "Duties", para("1", "Everyone has duties.")))
			},
			to: func() *Document {
				return doc(art("5", "Rights", para("1", "Everyone has rights.")), art("7", "Duties", para("1", "Everyone has duties.")))
			},
			want: []string{"renumbered art_7<-art_6", "renumbered art_7__para_1<-art_6__para_1"},
		},
		{
			name: "renumbered paragraph",
			from: func() *Document { return doc(art("8", "", para("1", "a"), para("3", "third"))) },
			to:   func() *Document { return doc(art("8", "", para("1", "a"), para("4", "third"))) },
			want: []string{"renumbered art_8__para_4<-art_8__para_3"},
		},
		{
			name: "moved and reworded is removed and added, not renumbered",
			from: func() *Document { return doc(art("8", "", para("1", "a"), para("3", "The third rule."))) },
			to:   func() *Document { return doc(art("8", "", para("1", "a"), para("4", "The fourth rule."))) },
			want: []string{"removed art_8__para_3", "added art_8__para_4"},
		},
		{
			name: "article without heading pairs on its contents",
			from: func() *Document { return doc(art("5", "", para("1", "Text."))) },
			to:   func() *Document { return doc(art("6", "", para("1", "Text."))) },
			want: []string{"renumbered art_6<-art_5", "renumbered art_6__para_1<-art_5__para_1"},
		},
		{
			name: "article with other contents is removed and added",
			from: func() *Document { return doc(art("5", "", para("1", "Text."))) },
			to:   func() *Document { return doc(art("6", "", para("1", "Other text."))) },
			want: []string{"removed art_5", "removed art_5__para_1", "added art_6", "added art_6__para_1"},
		},
		{
			name: "a numbered paragraph that lost its number is renumbered",
			from: func() *Document { return doc(art("1", "", para("1", "Same words."))) },
			to:   func() *Document { return doc(art("1", "", para("", "Same words."))) },
			want: []string{"renumbered art_1__para_u1<-art_1__para_1"},
		},
		{
			name: "pairing needs the same kind",
			from: func() *Document { return doc(art("1", "", para("1", "Same words."))) },
			to:   func() *Document { return doc(art("1", "", note("Same words."))) },
			want: []string{"removed art_1__para_1", "added art_1__note_1"},
		},
		{
			name: "each removed unit is paired once, in document order",
			from: func() *Document { return doc(art("1", "", note("Excluded.")), art("2", "", note("Excluded."))) },
			to:   func() *Document { return doc(art("1", ""), art("2", ""), art("3", "", note("Excluded."))) },
			want: []string{"removed art_2__note_1", "added art_3", "renumbered art_3__note_1<-art_1__note_1"},
		},
		{
			name: "removed units keep their place between neighbours",
			from: func() *Document {
				return doc(art("1", "", para("1", "a"), para("2", "b"), para("3", "c")), art("2", "", para("1", "d")))
			},
			to: func() *Document {
				return doc(art("1", "", para("1", "a2"), para("3", "c2")), art("2", "", para("1", "d"), para("2", "e")))
			},
			want: []string{"changed art_1__para_1", "removed art_1__para_2", "changed art_1__para_3", "added art_2__para_2"},
		},
		{
			name: "a removed paragraph comes before new paragraphs after its neighbour",
			from: func() *Document { return doc(art("5", "", para("1", "a"), para("2", "b"))) },
			to:   func() *Document { return doc(art("5", "", para("1", "a"), para("3", "x"))) },
			want: []string{"removed art_5__para_2", "added art_5__para_3"},
		},
		{
			name: "a removed article comes after the new paragraphs of the article before it",
			from: func() *Document { return doc(art("4", "Four"), art("5", "Five", para("1", "a"))) },
			to:   func() *Document { return doc(art("4", "Four", para("1", "new")), art("6", "Six")) },
			want: []string{"added art_4__para_1", "removed art_5", "removed art_5__para_1", "added art_6"},
		},
		{
			name: "a removed first paragraph stays under its article",
			from: func() *Document { return doc(art("5", "Five", para("1", "a"), para("2", "b")), art("6", "Six")) },
			to:   func() *Document { return doc(art("5", "Five", para("2", "b")), art("6", "Six")) },
			want: []string{"removed art_5__para_1"},
		},
		{
			name: "points and notes",
			from: func() *Document {
				return doc(art("44", "", para("", "The Government:", point("1", "executes the budget;"), point("2", "reports.")), note("Old note.")))
			},
			to: func() *Document {
				return doc(art("44", "", para("", "The Government:", point("1", "executes the budget;"), point("2", "reports;"), point("3", "resigns.")), note("New note.")))
			},
			want: []string{"changed art_44__para_u1__point_2", "added art_44__para_u1__point_3", "changed art_44__note_1"},
		},
		{
			name: "nil documents are empty",
			from: func() *Document { return nil },
			to:   func() *Document { return doc(art("1", "One")) },
			want: []string{"added art_1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(Compare(tt.from(), tt.to()))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compare:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCompareFields(t *testing.T) {
	from := doc(
		art("5", "Rights", para("1", "The President shall appoint.")),
		art("6", "Duties", para("1", "Everyone pays taxes.")),
		art("9", "Gone"),
	)
	to := doc(
		art("5", "Rights and freedoms", para("1", "The Parliament shall appoint.")),
		art("7", "Duties", para("1", "Everyone pays taxes.")),
	)
	to.Units[0].Text = "Lead-in."
	want := []Change{
		{Unit: "art_5", Kind: KindArticle, Change: ChangeChanged, Old: "Rights", New: "Rights and freedoms\nLead-in.",
			Redline: []Segment{{SegEqual, "Rights"}, {SegInsert, " and freedoms\nLead-in."}}},
		{Unit: "art_5__para_1", Kind: KindParagraph, Change: ChangeChanged,
			Old: "The President shall appoint.", New: "The Parliament shall appoint.",
			Redline: []Segment{{SegEqual, "The "}, {SegDelete, "President"}, {SegInsert, "Parliament"}, {SegEqual, " shall appoint."}}},
		{Unit: "art_7", OldUnit: "art_6", Kind: KindArticle, Change: ChangeRenumbered, Old: "Duties", New: "Duties"},
		{Unit: "art_7__para_1", OldUnit: "art_6__para_1", Kind: KindParagraph, Change: ChangeRenumbered,
			Old: "Everyone pays taxes.", New: "Everyone pays taxes."},
		{Unit: "art_9", Kind: KindArticle, Change: ChangeRemoved, Old: "Gone"},
	}
	got := Compare(from, to)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compare:\n got %+v\nwant %+v", got, want)
	}
}

// TestCompareIsDeterministic compares the same pair many times; map order
// must never show through.
func TestCompareIsDeterministic(t *testing.T) {
	from, to := benchVersions(40)
	first := Compare(from, to)
	if len(first) == 0 {
		t.Fatal("the benchmark versions should differ")
	}
	for i := 0; i < 20; i++ {
		if got := Compare(from, to); !reflect.DeepEqual(got, first) {
			t.Fatalf("run %d differs from the first", i)
		}
	}
	if got := Compare(from, from); len(got) != 0 {
		t.Fatalf("a version compared with itself has %d changes", len(got))
	}
}

func ExampleCompare() {
	current := doc(
		art("5", "Rights", para("1", "The President shall appoint the Government.")),
		art("6", "Duties", para("1", "Everyone shall pay taxes.")),
	)
	draft := doc(
		art("5", "Rights", para("1", "The Parliament shall appoint the Government.")),
		art("7", "Duties", para("1", "Everyone shall pay taxes.")),
	)
	m1 := Meta{Charter: "kz-constitution", Version: "1995 as amended 2022", Hash: "sha256:2a9a…"}
	m2 := Meta{Charter: "kz-constitution", Version: "Draft", Hash: "sha256:7bb1…"}
	if err := WriteDiffText(os.Stdout, m1, m2, Compare(current, draft)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// --- kz-constitution 1995 as amended 2022 sha256:2a9a…
	// +++ kz-constitution Draft sha256:7bb1…
	// ~ art_5__para_1 (changed)
	//     The [-President-]{+Parliament+} shall appoint the Government.
	// > art_6 → art_7 (renumbered)
	//     Duties
	// > art_6__para_1 → art_7__para_1 (renumbered)
	//     Everyone shall pay taxes.
}

// benchVersions builds two versions of a charter of n articles with the
// shape and length of a real constitution (a heading, two to five
// paragraphs of 25 to 80 words, some with points), the second differing from
// the first in about a tenth of its articles: reworded paragraphs, one new
// article, one removed paragraph, one new point.
func benchVersions(n int) (from, to *Document) {
	build := func(edit bool) *Document {
		r := rand.New(rand.NewPCG(7, 11)) // same text in both versions
		er := rand.New(rand.NewPCG(13, 17))
		var units []*Unit
		for a := 1; a <= n; a++ {
			changed := edit && a%10 == 3
			art := &Unit{Kind: KindArticle, Number: strconv.Itoa(a), Heading: sentence(r, 2+r.IntN(4), false)}
			nparas := 2 + r.IntN(4)
			for p := 1; p <= nparas; p++ {
				text := sentence(r, 25+r.IntN(56), true)
				if changed && p == 2 {
					text = reword(er, text)
				}
				para := &Unit{Kind: KindParagraph, Number: strconv.Itoa(p), Text: text}
				if r.IntN(5) == 0 {
					npoints := 3 + r.IntN(4)
					for k := 1; k <= npoints; k++ {
						para.Children = append(para.Children, &Unit{Kind: KindPoint, Number: strconv.Itoa(k), Text: sentence(r, 8+r.IntN(15), true)})
					}
					if edit && a%10 == 7 {
						para.Children = append(para.Children, &Unit{Kind: KindPoint, Number: strconv.Itoa(npoints + 1), Text: sentence(er, 12, true)})
					}
				}
				if edit && a == n/2+1 && p == nparas {
					continue // a paragraph removed (after drawing its text, so both versions stay in step)
				}
				art.Children = append(art.Children, para)
			}
			units = append(units, art)
			if edit && a == n/2 {
				units = append(units, &Unit{Kind: KindArticle, Number: strconv.Itoa(a) + "-1", Heading: "New article",
					Children: []*Unit{{Kind: KindParagraph, Number: "1", Text: sentence(er, 60, true)}}})
			}
		}
		d := &Document{Lang: "en", Units: units}
		d.AssignIDs()
		return d
	}
	return build(false), build(true)
}

var benchWords = strings.Fields(`the state citizen republic law right freedom shall be
guaranteed by constitution president parliament government court every person
has to and of in on for with according procedure established decree election
term years powers exercise local representative body judge public order
property land resources protection health education labour social security`)

func sentence(r *rand.Rand, words int, period bool) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := benchWords[r.IntN(len(benchWords))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		if i > 0 && i < words-1 && r.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	if period {
		b.WriteByte('.')
	}
	return b.String()
}

// reword replaces a few words of text, as an amendment does.
func reword(r *rand.Rand, text string) string {
	words := strings.Split(text, " ")
	for k := 0; k < 1+r.IntN(4); k++ {
		words[r.IntN(len(words))] = benchWords[r.IntN(len(benchWords))]
	}
	return strings.Join(words, " ")
}

// BenchmarkCompareFullVersions compares two full 100-article versions,
// redlines included. The budget is 20 ms per comparison.
func BenchmarkCompareFullVersions(b *testing.B) {
	from, to := benchVersions(100)
	var changes []Change
	b.ReportAllocs()
	for b.Loop() {
		changes = Compare(from, to)
	}
	b.ReportMetric(float64(len(changes)), "changes")
	b.ReportMetric(float64(from.Stats().Articles+from.Stats().Paragraphs+from.Stats().Points), "units")
}

func BenchmarkRedlineParagraph(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	old := sentence(r, 80, true)
	new := reword(r, old)
	b.ReportAllocs()
	for b.Loop() {
		Redline(old, new)
	}
}

func TestNormalizedText(t *testing.T) {
	for _, s := range []string{"", "a", "a b", "a\nb", " a", "a ", "a  b", "a\n\nb", "a \nb", "a\n b", "\na", "a\n", "a\tb", "a\u00a0b", "Конституция  Республики", "x\u2028y"} {
		if got, want := normalizedText(s), NormalizeText(s); got != want {
			t.Errorf("normalizedText(%q) = %q, want %q", s, got, want)
		}
	}
}

// An article moved to another number with the same text is one renumbered
// article, and its paragraphs are renumbered with it.
func TestCompareRenumberedArticle(t *testing.T) {
	mk := func(numbers ...string) *Document {
		d := &Document{Lang: "en"}
		for i, n := range numbers {
			d.Units = append(d.Units, &Unit{Kind: KindArticle, Number: n, Children: []*Unit{
				{Kind: KindParagraph, Number: "1", Text: fmt.Sprintf("Rule %d.", i)},
				{Kind: KindParagraph, Number: "2", Text: fmt.Sprintf("Exception %d.", i)},
			}})
		}
		d.AssignIDs()
		return d
	}
	got := Compare(mk("1", "2"), mk("1", "3"))
	want := []string{"art_3 renumbered art_2", "art_3__para_1 renumbered art_2__para_1", "art_3__para_2 renumbered art_2__para_2"}
	if len(got) != len(want) {
		t.Fatalf("changes = %+v, want %v", got, want)
	}
	for i, c := range got {
		if s := fmt.Sprintf("%s %s %s", c.Unit, c.Change, c.OldUnit); s != want[i] {
			t.Errorf("change %d = %s, want %s", i, s, want[i])
		}
	}
	// An article whose paragraphs changed is not listed itself.
	a, b := mk("1"), mk("1")
	b.Units[0].Children[0].Text = "Another rule."
	if got := Compare(a, b); len(got) != 1 || got[0].Unit != "art_1__para_1" {
		t.Errorf("changes = %+v, want only art_1__para_1", got)
	}
}

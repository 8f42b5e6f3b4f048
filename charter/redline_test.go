package charter

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedlineVectors(t *testing.T) {
	eq := func(s string) Segment { return Segment{SegEqual, s} }
	del := func(s string) Segment { return Segment{SegDelete, s} }
	ins := func(s string) Segment { return Segment{SegInsert, s} }
	tests := []struct {
		name     string
		old, new string
		want     []Segment
	}{
		{"both empty", "", "", nil},
		{"equal", "Article text.", "Article text.", []Segment{eq("Article text.")}},
		{"all inserted", "", "New paragraph.", []Segment{ins("New paragraph.")}},
		{"all deleted", "Old paragraph.", "", []Segment{del("Old paragraph.")}},
		{"one word replaced",
			"The President shall appoint the Government.",
			"The Parliament shall appoint the Government.",
			[]Segment{eq("The "), del("President"), ins("Parliament"), eq(" shall appoint the Government.")}},
		{"word inserted",
			"rights and freedoms",
			"rights, duties and freedoms",
			[]Segment{eq("rights"), ins(", duties"), eq(" and freedoms")}},
		{"punctuation replaced",
			"rights, freedoms",
			"rights and freedoms",
			[]Segment{eq("rights"), del(","), ins(" and"), eq(" freedoms")}},
		{"rewrite reads as one change, not a comb of spaces",
			"one two three",
			"four five six",
			[]Segment{del("one two three"), ins("four five six")}},
		{"short kept word between long edits is absorbed",
			"The Senate approves the budget",
			"The Mazhilis adopts the law",
			[]Segment{eq("The "), del("Senate approves the budget"), ins("Mazhilis adopts the law")}},
		{"long kept phrase between short edits stays",
			"Article 5 of the Constitution of Kazakhstan applies",
			"Article 7 of the Constitution of Kazakhstan governs",
			[]Segment{eq("Article "), del("5"), ins("7"), eq(" of the Constitution of Kazakhstan "), del("applies"), ins("governs")}},
		{"Cyrillic (ru)",
			"Президент Республики назначает",
			"Парламент Республики назначает",
			[]Segment{del("Президент"), ins("Парламент"), eq(" Республики назначает")}},
		{"Kazakh letters are word letters",
			"Қазақстан Республикасы өзін демократиялық мемлекет ретінде орнықтырады",
			"Қазақстан Республикасы өзін құқықтық мемлекет ретінде орнықтырады",
			[]Segment{eq("Қазақстан Республикасы өзін "), del("демократиялық"), ins("құқықтық"), eq(" мемлекет ретінде орнықтырады")}},
		{"heading and text lines",
			"Citizenship\nCitizenship is acquired by birth.",
			"Citizenship\nCitizenship is acquired by birth or by law.",
			[]Segment{eq("Citizenship\nCitizenship is acquired by birth"), ins(" or by law"), eq(".")}},
		{"numbers with hyphens",
			"see Article 83-1",
			"see Article 83-2",
			[]Segment{eq("see Article 83-"), del("1"), ins("2")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Redline(tt.old, tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Redline(%q, %q)\n got %q\nwant %q", tt.old, tt.new, got, tt.want)
			}
			checkRedline(t, tt.old, tt.new, got)
		})
	}
}

// checkRedline checks the contract of Redline on one result.
func checkRedline(t *testing.T, old, new string, segs []Segment) {
	t.Helper()
	var o, n strings.Builder
	for i, s := range segs {
		if s.Text == "" {
			t.Fatalf("segment %d is empty: %q", i, segs)
		}
		if i > 0 && segs[i-1].Op == s.Op {
			t.Fatalf("segments %d and %d have the same op: %q", i-1, i, segs)
		}
		if i > 0 && segs[i-1].Op == SegInsert && s.Op == SegDelete {
			t.Fatalf("insertion before deletion at %d: %q", i, segs)
		}
		switch s.Op {
		case SegEqual:
			o.WriteString(s.Text)
			n.WriteString(s.Text)
		case SegDelete:
			o.WriteString(s.Text)
		case SegInsert:
			n.WriteString(s.Text)
		default:
			t.Fatalf("segment %d has op %q", i, s.Op)
		}
	}
	if o.String() != old {
		t.Fatalf("equal+delete = %q, want old %q", o.String(), old)
	}
	if n.String() != new {
		t.Fatalf("equal+insert = %q, want new %q", n.String(), new)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Article 83-1.", []string{"Article", " ", "83", "-", "1", "."}},
		{"a,  b\n\tc", []string{"a", ",", "  ", "b", "\n\t", "c"}},
		{"Конституция — закон", []string{"Конституция", " ", "—", " ", "закон"}},
		{"e\u0301te", []string{"e\u0301te"}}, // a combining mark stays in its word
		{"a\xffb", []string{"a", "\xff", "b"}},
	}
	for _, tt := range tests {
		off := tokenize(tt.in)
		var got []string
		for i := 0; i+1 < len(off); i++ {
			got = append(got, tt.in[off[i]:off[i+1]])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMatchLCSIsLongest checks the diff against the textbook dynamic
// programme on many small random sequences: the marked elements must be a
// common subsequence of the greatest length.
func TestMatchLCSIsLongest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var scratch []int
	for iter := 0; iter < 3000; iter++ {
		a := randInts(r, r.IntN(30), 1+r.IntN(6))
		b := randInts(r, r.IntN(30), 1+r.IntN(6))
		am, bm := make([]bool, len(a)), make([]bool, len(b))
		matchLCS(a, b, am, bm, &scratch)
		var sa, sb []int
		for i, ok := range am {
			if ok {
				sa = append(sa, a[i])
			}
		}
		for j, ok := range bm {
			if ok {
				sb = append(sb, b[j])
			}
		}
		if !reflect.DeepEqual(sa, sb) {
			t.Fatalf("a=%v b=%v: marked %v and %v differ", a, b, sa, sb)
		}
		if want := lcsLen(a, b); len(sa) != want {
			t.Fatalf("a=%v b=%v: common subsequence of %d, want %d", a, b, len(sa), want)
		}
	}
}

func randInts(r *rand.Rand, n, alphabet int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = r.IntN(alphabet)
	}
	return out
}

func lcsLen(a, b []int) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestRedlineRandomTexts(t *testing.T) {
	words := []string{"the", "President", "Parliament", "shall", ",", ".", " ", "\n", "право", "құқық", "83-1", "  "}
	r := rand.New(rand.NewPCG(3, 4))
	text := func() string {
		var b strings.Builder
		for n := r.IntN(40); n > 0; n-- {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	for iter := 0; iter < 2000; iter++ {
		old, new := text(), text()
		checkRedline(t, old, new, Redline(old, new))
	}
}

func FuzzRedline(f *testing.F) {
	f.Add("", "")
	f.Add("The President shall appoint", "The Parliament shall appoint")
	f.Add("rights, freedoms", "rights and freedoms")
	f.Add("Президент Республики", "Парламент Республики")
	f.Add("a\xffb c", "a b\xfe c")
	f.Add("e\u0301\n\n  x", "x  \ne\u0301")
	f.Fuzz(func(t *testing.T, old, new string) {
		segs := Redline(old, new)
		checkRedline(t, old, new, segs)
		if old == new && len(segs) > 1 {
			t.Fatalf("equal texts give %d segments", len(segs))
		}
		if utf8.ValidString(old) && utf8.ValidString(new) {
			for _, s := range segs {
				if !utf8.ValidString(s.Text) {
					t.Fatalf("segment %q cuts a character", s.Text)
				}
			}
		}
	})
}

// TestRedlineLongTexts checks the contract on texts long enough for the
// search bound to apply (two unrelated texts of 20,000 words), and on a long
// text with a few edits, which must still get the shortest script.
func TestRedlineLongTexts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("state citizen law right freedom shall be the of and to court president")
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		return strings.Join(ws, " ")
	}
	a, b := text(20000), text(20000)
	checkRedline(t, a, b, Redline(a, b))

	edited := strings.Replace(a, " court ", " tribunal ", 3)
	segs := Redline(a, edited)
	checkRedline(t, a, edited, segs)
	var changed int
	for _, s := range segs {
		if s.Op != SegEqual {
			changed++
		}
	}
	if changed != 6 {
		t.Errorf("three replaced words give %d changed segments, want 6", changed)
	}
}

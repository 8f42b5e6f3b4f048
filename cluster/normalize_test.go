package cluster

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Конституция", "конституция"},
		{"Koнституция", "конституция"},                      // Latin K and o inside a Cyrillic word
		{"KОНСТИТУЦИЯ!!!", "конституция"},                   // upper case and a Latin K
		{"Ёлка, ёж…", "елка еж"},                            // ё is е
		{"Мeн  сұраймын.\n\nРахмет", "мен сұраймын рахмет"}, // look-alikes only: script of the text
		{"Тhе рrеsidеnt", "the president"},                  // Cyrillic look-alikes inside English words
		{"«Article 41» — paragraph 2", "article 41 paragraph 2"},
		{"ﬁve\u00a0years", "five years"}, // NFKC: ligature and no-break space
		{"5-баптың 2-тармағына", "5 баптың 2 тармағына"},
		{"ҚАЗАҚСТАН", "қазақстан"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The presidents are elected for a single term of five years", "presid elect singl term five year"},
		{"Президент избирается на один срок в пять лет", "президент избира срок пят лет"},
		// Light stemming over-strips some words (мерзімі → мерз); matching only needs consistency.
		{"Президенттің өкілеттік мерзімі жеті жыл", "президент өкілеттік мерз жет жыл"},
		{"Ауылдарда жолдар жөнделмеген", "ауыл жол жөнделмеген"},
		{"Прeзидент избираeтся", "президент избира"}, // homoglyphs do not change the stems
	} {
		if got := strings.Join(Tokens(tc.in), " "); got != tc.want {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStemKazakh(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ауылдарда", "ауыл"},
		{"баптың", "бап"},
		{"азаматтарымыздың", "азамат"},
		{"мектептер", "мектеп"},
		{"жыл", "жыл"}, // too short to strip
		{"үйге", "үйге"},
	} {
		if got := StemKazakh(tc.in); got != tc.want {
			t.Errorf("StemKazakh(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if !reflect.DeepEqual(Tokens(""), []string(nil)) && len(Tokens("")) != 0 {
		t.Errorf("Tokens(\"\") not empty")
	}
}

// slowTokens is Tokens written plainly: the whole text normalized at once,
// no cache. The tokenizer must agree with it.
func slowTokens(text string) []string {
	words, cyr := normWords(text)
	l := detect(words, cyr)
	var out []string
	for _, w := range words {
		wl := l
		if r, _ := utf8.DecodeRuneInString(w); isLatin(r) {
			wl = langEN
		}
		if !stopWords[wl][w] {
			out = append(out, stem(w, wl))
		}
	}
	return out
}

func TestTokenizerAgrees(t *testing.T) {
	texts := []string{
		"", "…", "ﬁve\u00a0years ①②", "Ёлка İstanbul ß Straße", "и\u0306 й", "ΣΊΣΥΦΟΣ σοφός",
		"Мeн  сұраймын.\n\nРахмет", "\xff\xfeбаптың", "Тhе рrеsidеnt", "ＡＢＣ абв", "o\u0308 е\u0308л", "\u1100\u1161",
	}
	n := 3000
	if testing.Short() {
		n = 300
	}
	for _, p := range labelled(t, n) {
		texts = append(texts, p.Text)
	}
	tok := newTokenizer()
	for _, text := range texts {
		checkTokenizer(t, tok, text)
	}
}

func checkTokenizer(t *testing.T, tok *tokenizer, text string) {
	t.Helper()
	want := slowTokens(text)
	var got []string
	for _, w := range tok.words(text) {
		got = append(got, w.stem)
	}
	if !slices.Equal(got, want) {
		t.Errorf("tokens of %q:\n got %q\nwant %q", text, got, want)
	}
}

func FuzzTokenizer(f *testing.F) {
	f.Add("Прeдлагаю изложить пункт 2 статьи 41: Президент избираетcя «на один срок»…")
	f.Add("Ауылдарда ﬁve ① Ё İ")
	tok := newTokenizer()
	f.Fuzz(func(t *testing.T, text string) { checkTokenizer(t, tok, text) })
}

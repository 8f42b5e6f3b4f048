package cluster

import (
	"reflect"
	"strings"
	"testing"
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

package consult

import (
	"strings"
	"unicode"

	"atazan/charter"
)

// kazakhLetters are the nine letters of the Kazakh Cyrillic alphabet that
// Russian does not have, in both cases.
const kazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

// Evidence weights of DetectLanguage, in letters: one Kazakh-specific letter
// counts as kazakhLetterWeight letters, one marker word as markerWordWeight.
const (
	kazakhLetterWeight = 12
	markerWordWeight   = 12
)

// Marker words: short, frequent words of one language that the other does
// not use on its own. Kazakh words here lack the nine Kazakh letters (those
// with them are already counted); Russian words are prepositions and
// conjunctions a Kazakh sentence does not contain.
var (
	kazakhWords  = wordSet("мен бен пен ол осы бар немесе сол жене")
	russianWords = wordSet("и в во на что по с со для это как к о об от из за при или а но же бы чтобы также который которые которая должен должны его их")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// DetectLanguage guesses whether a citizen's text is Kazakh, Russian or
// English, so that a proposal is shown to readers of its language and
// clustered with texts in the same language. It returns "" for a text
// without Latin or Cyrillic letters (empty, digits, punctuation, emoji,
// other scripts).
//
// It weighs evidence counted in letters:
//
//   - every Latin letter is one point for English;
//   - every Cyrillic letter other than the nine Kazakh ones is one point for
//     Russian;
//   - every Kazakh letter (ә ғ қ ң ө ұ ү һ і, either case) is 12 points for
//     Kazakh: these letters are about one in seven letters of a Kazakh text
//     and absent from Russian, so even a Kazakh text where they are rare
//     outweighs its other letters, while a Russian sentence that names the
//     Мәжіліс does not;
//   - every Russian marker word (и, в, на, что, для, …: prepositions and
//     conjunctions) is 12 points for Russian, and every Kazakh marker word
//     without a Kazakh letter (мен, бен, пен, ол, осы, бар, немесе, …)
//     12 points for Kazakh.
//
// The script comes first: English when its points exceed those of Kazakh
// and Russian together, so a Russian text that quotes an English term is
// Russian and an English text that names Қазақстан is English. Then Kazakh
// against Russian, Kazakh winning ties. A Kazakh text with none of the nine
// letters and no marker word ("Бала мектепке барады") is taken for Russian;
// Kazakh written in the Latin alphabet is taken for English.
func DetectLanguage(text string) charter.Lang {
	var en, ru, kk int
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		lw := strings.ToLower(w)
		switch {
		case russianWords[lw]:
			ru += markerWordWeight
		case kazakhWords[lw]:
			kk += markerWordWeight
		}
		for _, r := range w {
			switch {
			case strings.ContainsRune(kazakhLetters, r):
				kk += kazakhLetterWeight
			case unicode.Is(unicode.Cyrillic, r):
				ru++
			case unicode.Is(unicode.Latin, r):
				en++
			}
		}
	}
	switch {
	case en == 0 && ru == 0 && kk == 0:
		return ""
	case en > ru+kk:
		return "en"
	case kk >= ru:
		return "kk"
	}
	return "ru"
}

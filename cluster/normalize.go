// Package cluster groups near-duplicate proposals: text normalization for
// Kazakh, Russian and English, MinHash signatures over word shingles, LSH
// banding to find candidate pairs, and union-find over the pairs whose
// estimated Jaccard similarity reaches a threshold. It imports no storage
// and no HTTP package; docs/CLUSTER.md describes the method and its
// measured quality and speed.
package cluster

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// lookalike maps lower-case Cyrillic letters to the Latin letters they look
// like. Normalize resolves every word to one script (see resolveScript).
var lookalike = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'х': 'x', 'у': 'y',
	'к': 'k', 'м': 'm', 'т': 't', 'н': 'h', 'в': 'b', 'і': 'i', 'ј': 'j', 'ѕ': 's',
}

var latinLookalike = func() map[rune]rune {
	m := make(map[rune]rune, len(lookalike))
	for c, l := range lookalike {
		m[l] = c
	}
	return m
}()

func isCyrillic(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }
func isLatin(r rune) bool    { return unicode.Is(unicode.Latin, r) }

// Normalize returns text in a canonical form: Unicode NFKC, case folded,
// ё written е, words made of letters and digits separated by one space,
// everything else (punctuation, quotes, line breaks) dropped.
//
// Look-alike letters: each word is written in one script. A word whose
// letters are mostly unambiguous Cyrillic (letters with no Latin twin, such
// as б, ж, қ, ө) has its Latin look-alikes (a, e, o, p, c, x, y, k, m, t, h,
// b, i) replaced by their Cyrillic twins; a word mostly of unambiguous
// Latin letters gets the reverse. A word made only of look-alikes ("мен",
// "сор", "ox") takes the script of the majority of the text's letters. So
// "Koнституция" and "Конституция" normalize alike, and the Russian and
// Kazakh stemmers see Cyrillic.
func Normalize(text string) string {
	words, _ := normWords(text)
	return strings.Join(words, " ")
}

// normWords is Normalize split into words; cyr reports whether most of the
// text's letters are Cyrillic.
func normWords(text string) (words []string, cyr bool) {
	text = norm.NFKC.String(text)
	text = cases.Fold().String(text)
	var nc, nl int
	for _, r := range text {
		switch {
		case isCyrillic(r):
			nc++
		case isLatin(r):
			nl++
		}
	}
	cyr = nc >= nl
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	for _, w := range fields {
		words = append(words, resolveScript(w, cyr))
	}
	return words, cyr
}

// resolveScript writes a folded word in one script; docCyr breaks ties.
func resolveScript(w string, docCyr bool) string {
	var c, l int
	rewrite := false // the word has a letter that may change
	for _, r := range w {
		_, cl := lookalike[r]
		_, ll := latinLookalike[r]
		switch {
		case r == 'ё' || cl || ll:
			rewrite = true
		case isCyrillic(r):
			c++
		case isLatin(r):
			l++
		}
	}
	if !rewrite {
		return w
	}
	toCyr := c > l || (c == l && docCyr)
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if r == 'ё' {
			r = 'е'
		}
		if toCyr {
			if x, ok := latinLookalike[r]; ok {
				r = x
			}
		} else if x, ok := lookalike[r]; ok {
			r = x
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Lang is the stemming language chosen for a text.
type lang int

const (
	langEN lang = iota
	langRU
	langKK
)

// kazakhLetters are the Cyrillic letters of Kazakh that Russian lacks.
const kazakhLetters = "әғқңөұүһі"

func detect(words []string, cyr bool) lang {
	if !cyr {
		return langEN
	}
	for _, w := range words {
		if strings.ContainsAny(w, kazakhLetters) {
			return langKK
		}
	}
	return langRU
}

// Tokens returns the normalized words of text without stop words, each
// stemmed: Russian and English by Snowball, Kazakh by StemKazakh. The
// language is guessed per text: Latin script is English, Cyrillic with any
// Kazakh-only letter (ә ғ қ ң ө ұ ү һ і) is Kazakh, other Cyrillic is
// Russian. Latin words inside a Cyrillic text are stemmed as English.
func Tokens(text string) []string {
	t := newTokenizer()
	var out []string
	for _, w := range t.words(text) {
		out = append(out, w.stem)
	}
	return out
}

// token is a stemmed word and its hash.
type token struct {
	stem string
	hash uint64
}

// wordInfo is what a tokenizer remembers of a folded word, for texts of one
// majority script.
type wordInfo struct {
	kazakh bool // the word, in its script, has a Kazakh-only letter
	latin  bool // the word starts with a Latin letter: stemmed as English
	word   string
	done   [3]bool
	stop   [3]bool
	tok    [3]token
}

// maxCachedWords bounds a tokenizer's memory: past it, the cache starts anew.
const maxCachedWords = 1 << 20

// tokenizer turns texts into tokens, remembering each distinct word's
// script, stop-word status and stems. It is not safe for concurrent use.
type tokenizer struct {
	fold   cases.Caser
	buf    []byte
	spans  [][2]int32
	infos  []*wordInfo
	out    []token
	cache  [2]map[string]*wordInfo // by majority script: Latin, Cyrillic
	cached int
}

func newTokenizer() *tokenizer {
	t := &tokenizer{fold: cases.Fold()}
	for i := range t.cache {
		t.cache[i] = make(map[string]*wordInfo)
	}
	return t
}

// fastRune is a rune that cannot combine with the runes before it, with
// its normalized (NFKC) and case-folded form. A text made only of such
// runes normalizes rune by rune: nothing composes across them.
type fastRune struct {
	ok   bool
	fold string
}

// fastLimit: runes below it (Latin, Greek, Cyrillic, general punctuation)
// may take the fast path of foldText, which looks each rune up instead of
// normalizing the whole text.
const fastLimit = 0x2070

var fastRunes = func() *[fastLimit]fastRune {
	var t [fastLimit]fastRune
	fold := cases.Fold()
	for r := range rune(fastLimit) {
		s := string(r)
		p := norm.NFKC.PropertiesString(s)
		if !utf8.ValidRune(r) || !p.BoundaryBefore() {
			continue
		}
		t[r] = fastRune{ok: true, fold: fold.String(norm.NFKC.String(s))}
	}
	return &t
}()

// foldText writes text into t.buf in NFKC, case folded: rune by rune when
// every rune allows it, otherwise through the full normalization.
func (t *tokenizer) foldText(text string) {
	t.buf = t.buf[:0]
	for _, r := range text {
		if r < fastLimit && fastRunes[r].ok {
			t.buf = append(t.buf, fastRunes[r].fold...)
			continue
		}
		t.buf = append(t.buf[:0], t.fold.String(norm.NFKC.String(text))...)
		return
	}
}

// runeClass says what a rune counts as for Normalize.
type runeClass uint8

const (
	classWord     runeClass = 1 << iota // letter, digit or non-spacing mark: part of a word
	classCyrillic                       // counts for the text's majority script
	classLatin
)

func classify(r rune) runeClass {
	var c runeClass
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
		c |= classWord
	}
	if isCyrillic(r) {
		c |= classCyrillic
	} else if isLatin(r) {
		c |= classLatin
	}
	return c
}

var runeClasses = func() *[fastLimit]runeClass {
	var t [fastLimit]runeClass
	for r := range rune(fastLimit) {
		t[r] = classify(r)
	}
	return &t
}()

func runeClassOf(r rune) runeClass {
	if r < fastLimit {
		return runeClasses[r]
	}
	return classify(r)
}

// words returns the tokens of text, in the buffer t.out that the next call
// reuses. It is Normalize, then stop words and stemming, with each word's
// work done once per tokenizer.
func (t *tokenizer) words(text string) []token {
	t.foldText(text)
	var nc, nl int
	t.spans = t.spans[:0]
	start := -1
	for i := 0; i < len(t.buf); {
		r, size := rune(t.buf[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(t.buf[i:])
		}
		c := runeClassOf(r)
		if c&classCyrillic != 0 {
			nc++
		} else if c&classLatin != 0 {
			nl++
		}
		if c&classWord != 0 {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			t.spans = append(t.spans, [2]int32{int32(start), int32(i)})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		t.spans = append(t.spans, [2]int32{int32(start), int32(len(t.buf))})
	}
	cyr := nc >= nl
	ci := 0
	if cyr {
		ci = 1
	}
	if t.cached > maxCachedWords {
		clear(t.cache[0])
		clear(t.cache[1])
		t.cached = 0
	}
	t.infos = t.infos[:0]
	l := langEN
	if cyr {
		l = langRU
	}
	for _, sp := range t.spans {
		w := t.buf[sp[0]:sp[1]]
		info, ok := t.cache[ci][string(w)]
		if !ok {
			s := resolveScript(string(w), cyr)
			r, _ := utf8.DecodeRuneInString(s)
			info = &wordInfo{word: s, kazakh: strings.ContainsAny(s, kazakhLetters), latin: isLatin(r)}
			t.cache[ci][string(w)] = info
			t.cached++
		}
		if cyr && info.kazakh {
			l = langKK
		}
		t.infos = append(t.infos, info)
	}
	t.out = t.out[:0]
	for _, info := range t.infos {
		wl := l
		if info.latin {
			wl = langEN
		}
		if !info.done[wl] {
			info.done[wl] = true
			info.stop[wl] = stopWords[wl][info.word]
			if !info.stop[wl] {
				s := stem(info.word, wl)
				info.tok[wl] = token{stem: s, hash: hashString(s)}
			}
		}
		if !info.stop[wl] {
			t.out = append(t.out, info.tok[wl])
		}
	}
	return t.out
}

func stem(w string, l lang) string {
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		return w
	}
	switch l {
	case langEN:
		return english.Stem(w, false)
	case langRU:
		return russian.Stem(w, false)
	default:
		return StemKazakh(w)
	}
}

// kazakhSuffixes are the endings StemKazakh strips, longest first within
// each round: plural (-лар/-лер/-дар/-дер/-тар/-тер), possessive (-ым, -ің,
// -сы, -ымыз, -іңіз, …), genitive (-ның/-дың/-тың …), dative (-ға/-ге/-қа/
// -ке/-на/-не), locative (-да/-де/-та/-те/-нда/-нде), ablative (-дан/-ден/
// -тан/-тен/-нан/-нен), accusative (-ды/-ді/-ты/-ті/-ны/-ні), instrumental
// (-мен/-бен/-пен) and the linking -ы/-і.
var kazakhSuffixes = func() []string {
	s := strings.Fields(`
		ларымыз леріміз дарымыз деріміз тарымыз теріміз
		ларыңыз леріңіз дарыңыз деріңіз тарыңыз теріңіз
		лары лері дары дері тары тері
		ымыз іміз ыңыз іңіз мыз міз ңыз ңіз
		лар лер дар дер тар тер
		ның нің дың дің тың тің
		ндағы ндегі дағы дегі тағы тегі
		ынан інен нан нен дан ден тан тен
		ында інде нда нде
		ына іне ға ге қа ке на не
		да де та те
		ды ді ты ті ны ні
		мен бен пен
		сы сі ым ім ың ің
		ы і м ң`)
	// Longest first, so that -лары is tried before -ы.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(s[j]) > utf8.RuneCountInString(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}()

// minKazakhStem is the shortest stem StemKazakh leaves, in letters.
const minKazakhStem = 3

// StemKazakh strips up to three common inflectional endings from a Kazakh
// word (see kazakhSuffixes), each time taking the longest ending that
// leaves at least minKazakhStem letters. It is a light stemmer for
// matching, not a morphological analyser: it does not touch verb forms or
// derivational suffixes.
func StemKazakh(w string) string {
	for range 3 {
		n := utf8.RuneCountInString(w)
		cut := false
		for _, s := range kazakhSuffixes {
			if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= minKazakhStem {
				w = w[:len(w)-len(s)]
				cut = true
				break
			}
		}
		if !cut {
			break
		}
	}
	return w
}

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// stopWords are short lists of function words per language, in normalized form.
var stopWords = [3]map[string]bool{
	langEN: set(`a an the and or but of to in on at by for with from as is are was were be been
		it its this that these those i we you he she they my our your their me us
		not no so if then than there here will would shall should can could may might
		do does did have has had which who whom what also please`),
	langRU: set(`и в во не что он на я с со как а то все она так его но да ты к у же вы за бы
		по только ее мне было вот от меня еще нет о из ему теперь когда даже ну ли если
		уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей
		может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз
		тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом
		один почти мой тем чтобы нее были куда зачем всех никогда можно при наконец два об
		другой хоть после над больше тот через эти нас про всего них какая много разве
		три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им
		более всегда конечно всю между это также`),
	langKK: set(`және мен да де та те бен пен ол бұл осы сол мына анау бір үшін деп ал бірақ
		не немесе ма ме ба бе па пе ғана қана әр еш барлық өз біз сіз олар ол оның
		менің біздің сіздің олардың мені бізге сізге оған соң дейін кейін бойынша
		туралы арқылы сияқты ретінде болып болса болады емес жоқ бар`),
}

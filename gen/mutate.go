package gen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mutate makes a near-duplicate of text by variant v. Every variant but
// VariantExact changes the text.
func (g *Generator) mutate(text, v string, l int, id *idea) string {
	var out string
	switch v {
	case VariantExact:
		return text
	case VariantTypo:
		out = g.typo(text)
	case VariantReorder:
		out = g.reorder(text)
	case VariantSentenceAdded:
		out = g.addSentence(text, l, id)
	case VariantSentenceRemoved:
		out = g.removeSentence(text)
	case VariantTruncated:
		out = g.truncate(text)
	case VariantCasePunct:
		out = g.casePunct(text)
	case VariantHomoglyph:
		out = g.homoglyph(text)
	}
	if out == text || out == "" { // the change happened to be a no-op: fall back to a typo
		out = g.typo(text)
	}
	return capRunes(out, MaxTextLen)
}

// typo swaps, drops or doubles one to four letters.
func (g *Generator) typo(text string) string {
	rs := []rune(text)
	if len(rs) < 4 {
		return text + "."
	}
	r := g.rng
	for range 1 + r.IntN(4) {
		i := r.IntN(len(rs) - 1)
		for k := 0; k < 8 && !unicode.IsLetter(rs[i]); k++ {
			i = r.IntN(len(rs) - 1)
		}
		switch r.IntN(3) {
		case 0:
			if rs[i] != rs[i+1] {
				rs[i], rs[i+1] = rs[i+1], rs[i]
				continue
			}
			fallthrough
		case 1:
			rs = append(rs[:i], rs[i+1:]...)
		default:
			rs = append(rs[:i+1], rs[i:]...)
		}
	}
	return string(rs)
}

// sentences splits text into sentences, each keeping its trailing space,
// so that joining them gives text back.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := false
		switch c {
		case '\n':
			end = true
		case '.', '!', '?', ':':
			end = i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n'
		}
		if !end {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\n') {
			j++
		}
		out = append(out, text[start:j])
		start, i = j, j-1
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// reorder swaps two sentences, or neighbouring words in a few places.
func (g *Generator) reorder(text string) string {
	r := g.rng
	ss := sentences(text)
	if len(ss) >= 3 && r.Float64() < .5 {
		i := r.IntN(len(ss) - 1)
		j := i + 1 + r.IntN(len(ss)-i-1)
		a, b := strings.TrimRight(ss[i], " \n"), strings.TrimRight(ss[j], " \n")
		ss[i] = b + ss[i][len(a):]
		ss[j] = a + ss[j][len(b):]
		return strings.Join(ss, "")
	}
	words := strings.Split(text, " ")
	if len(words) < 3 {
		return text
	}
	for range 1 + r.IntN(3) {
		i := r.IntN(len(words) - 1)
		if strings.ContainsRune(words[i], '\n') || strings.ContainsRune(words[i+1], '\n') {
			continue
		}
		words[i], words[i+1] = words[i+1], words[i]
	}
	return strings.Join(words, " ")
}

// addSentence inserts a reason, of the idea's topic or a general one.
func (g *Generator) addSentence(text string, l int, id *idea) string {
	r := g.rng
	var s string
	if why := topics[id.topic].why; r.Float64() < .4 {
		s = why[r.IntN(len(why))].in(l)
	} else {
		s = plain(genericWhy[r.IntN(len(genericWhy))].in(l))
	}
	ss := sentences(text)
	i := 1 + r.IntN(len(ss))
	if i == len(ss) {
		last := ss[len(ss)-1]
		if trimmed := strings.TrimRight(last, " \n"); len(trimmed) == len(last) {
			ss[len(ss)-1] = last + " "
		}
		return strings.Join(ss, "") + s
	}
	ss = append(ss[:i], append([]string{s + " "}, ss[i:]...)...)
	return strings.Join(ss, "")
}

// removeSentence deletes one sentence, never the only one.
func (g *Generator) removeSentence(text string) string {
	ss := sentences(text)
	if len(ss) < 2 {
		return g.truncate(text)
	}
	i := g.rng.IntN(len(ss))
	return strings.TrimRight(strings.Join(append(ss[:i:i], ss[i+1:]...), ""), " \n")
}

// truncate keeps 40–90% of the text, cut at a word boundary.
func (g *Generator) truncate(text string) string {
	n := utf8.RuneCountInString(text)
	keep := int(float64(n) * (.4 + .5*g.rng.Float64()))
	cut, k := len(text), 0
	for i := range text {
		if k == keep {
			cut = i
			break
		}
		k++
	}
	s := text[:cut]
	if i := strings.LastIndexAny(s, " \n"); i > len(s)/2 {
		s = s[:i]
	}
	if g.rng.Float64() < .3 {
		s += "..."
	}
	return s
}

// casePunct changes case, punctuation, quotes, spacing or line breaks.
func (g *Generator) casePunct(text string) string {
	r := g.rng
	s := text
	for s == text {
		switch r.IntN(7) {
		case 0:
			s = strings.ToLower(s)
		case 1:
			s = strings.NewReplacer(",", "", ";", "", ":", "").Replace(s)
		case 2:
			s = strings.NewReplacer("\n\n", " ", "\n", " ").Replace(s)
		case 3:
			s = strings.NewReplacer("«", "\"", "»", "\"", "–", "-", "—", "-").Replace(s)
			s = strings.Replace(s, ". ", ".  ", 1+r.IntN(4))
		case 4:
			s = strings.Replace(s, ".", "!", 1+r.IntN(3))
		case 5:
			ss := sentences(s)
			i := r.IntN(len(ss))
			ss[i] = strings.ToUpper(ss[i])
			s = strings.Join(ss, "")
		default:
			s = strings.NewReplacer(". ", ".\n", "\n\n", "\n").Replace(s)
		}
	}
	return s
}

var toLatin = map[rune]rune{'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'х': 'x', 'у': 'y',
	'А': 'A', 'Е': 'E', 'О': 'O', 'Р': 'P', 'С': 'C', 'Х': 'X', 'К': 'K', 'М': 'M', 'Т': 'T', 'Н': 'H', 'В': 'B'}

var toCyrillic = func() map[rune]rune {
	m := make(map[rune]rune, len(toLatin))
	for c, l := range toLatin {
		m[l] = c
	}
	return m
}()

// homoglyph replaces a share of the letters that have look-alikes in the
// other script: Latin into Cyrillic text, Cyrillic into Latin text.
func (g *Generator) homoglyph(text string) string {
	r := g.rng
	rate := .03 + .4*r.Float64()*r.Float64()
	var b strings.Builder
	b.Grow(len(text))
	changed := false
	for _, c := range text {
		x, ok := toLatin[c]
		if !ok {
			x, ok = toCyrillic[c]
		}
		if ok && (r.Float64() < rate || !changed && b.Len() > len(text)/2) {
			c, changed = x, true
		}
		b.WriteRune(c)
	}
	return b.String()
}

package gen

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"atazan/charter"
)

// style is the shape of one letter.
type style struct {
	greeting, author, closing bool
	target                    int // length to aim for, in characters (bytes of English)
}

// randomStyle draws a letter's shape. Lengths are log-normal around 600
// characters (most between 200 and 1,500) with a long tail to 5,000.
func (g *Generator) randomStyle() style {
	r := g.rng
	t := math.Exp(math.Log(600) + .55*r.NormFloat64())
	if r.Float64() < .025 {
		t = 1500 + 3400*r.Float64()
	}
	return style{greeting: r.Float64() < .45, author: r.Float64() < .35 || t > 1000,
		closing: r.Float64() < .8, target: int(max(t, 150))}
}

// profile is an author's fixed persona, derived from the seed and the
// author's number so that one citizen always writes from the same village.
type profile struct {
	first, last, village, district, prof, years, age, pop int
}

var (
	ages  = []int{25, 27, 29, 30, 35, 36, 38, 45, 47, 49, 50, 55, 56, 58, 60, 65, 67, 70, 75}
	years = []int{5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 18, 19, 20, 25, 27, 28, 30, 35}
	pops  = []int{300, 450, 700, 800, 1200, 1500, 2000, 2500, 3000, 4500}
)

func (g *Generator) profile(author int) profile {
	if author < 0 { // a campaign letter is no one's in particular
		author = int(g.rng.Int32())
	}
	h := mix(g.cfg.Seed ^ uint64(author)*0xd1b54a32d192ed03)
	next := func(n int) int {
		v := int(h % uint64(n))
		h = h/uint64(n) ^ mix(h)
		return v
	}
	return profile{next(len(firstNames)), next(len(lastNames)), next(len(villages)), next(len(districts)),
		next(len(professions)), next(len(years)), next(len(ages)), next(len(pops))}
}

// compose writes an original letter expressing the idea.
func (g *Generator) compose(id *idea, _ int, l int, author int, st style) string {
	r := g.rng
	pr := g.profile(author)
	vars := func(key string) string {
		switch key {
		case "name":
			return firstNames[pr.first].in(l) + " " + surname(lastNames[pr.last].in(l), pr.first < femaleNames)
		case "a":
			if pr.first < femaleNames {
				return "а"
			}
			return ""
		case "resident":
			if pr.first < femaleNames {
				return "Жительница"
			}
			return "Житель"
		case "prof":
			if l == langEN {
				return professions[pr.prof].en
			}
			return professions[pr.prof].kk
		case "profN":
			return professions[pr.prof].ruNom
		case "profI":
			return professions[pr.prof].ruIns
		case "village":
			return villages[pr.village].in(l)
		case "district":
			return districts[pr.district].in(l)
		case "years":
			return strconv.Itoa(years[pr.years])
		case "age":
			return strconv.Itoa(ages[pr.age])
		case "pop":
			return strconv.Itoa(pops[pr.pop])
		}
		return refCase(id.ref, l, key)
	}
	if l != langEN { // targets are in characters; Cyrillic takes two bytes
		st.target = st.target * 9 / 5
	}
	var b strings.Builder
	b.Grow(st.target + 256)
	para := func() {
		if b.Len() > 0 {
			if r.Float64() < .8 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
	}
	if st.greeting {
		para()
		if r.Float64() < .5 {
			b.WriteString(greetPlain[r.IntN(len(greetPlain))].in(l))
		} else {
			b.WriteString(greetAddress[r.IntN(len(greetAddress))].in(l))
			b.WriteByte(' ')
			b.WriteString(greetWhom[r.IntN(len(greetWhom))].in(l))
			b.WriteString(greetEnd[r.IntN(len(greetEnd))])
		}
	}
	if st.author {
		para()
		expand(&b, authorSentences[0][l][r.IntN(3)], vars)
		for s := 1; s < len(authorSentences); s++ {
			if r.Float64() < .45 {
				b.WriteByte(' ')
				expand(&b, authorSentences[s][l][r.IntN(3)], vars)
			}
		}
	}
	// The proposal itself: an opening that names the unit, then the norm.
	para()
	ops := openings[id.kind][l]
	expand(&b, ops[r.IntN(len(ops))], vars)
	open, close := "«", "»"
	if l == langEN {
		open, close = "\"", "\""
	}
	if lead, ok := normLead[id.kind]; ok {
		b.WriteByte(' ')
		b.WriteString(lead.in(l))
		b.WriteByte(' ')
	} else if r.Float64() < .7 {
		b.WriteByte('\n')
	} else {
		b.WriteByte(' ')
	}
	b.WriteString(open)
	if id.para != "" && id.kind == KindAmend && r.Float64() < .4 {
		b.WriteString(id.para)
		b.WriteString(". ")
	}
	b.WriteString(id.norm[l])
	b.WriteString(close)
	// Reasons, then as much story as the target length asks for.
	why := topics[id.topic].why
	para()
	first := r.IntN(len(why))
	b.WriteString(why[first].in(l))
	var used uint64 = 1 << (32 + first)
	if len(why) > 1 && r.Float64() < .5 {
		second := (first + 1 + r.IntN(len(why)-1)) % len(why)
		used |= 1 << (32 + second)
		b.WriteByte(' ')
		b.WriteString(why[second].in(l))
	}
	closing := 0
	if st.closing {
		closing = 120
	}
	// Filler sentences do not repeat until the bank is used up: bits 0–15
	// general reasons, 16–31 community problems, 32–39 topic reasons,
	// 40–55 author sentences.
	draw := func(base, n int) (int, bool) {
		for range 4 {
			k := r.IntN(n)
			if bit := uint64(1) << (base + k); used&bit == 0 {
				used |= bit
				return k, true
			}
		}
		return 0, false
	}
	for n := 0; b.Len() < st.target-closing && n < 120; n++ {
		switch x := r.Float64(); {
		case x < .45:
			k, ok := draw(0, len(genericWhy))
			if !ok {
				used = 0
				continue
			}
			b.WriteByte(' ')
			s := genericWhy[k].in(l)
			if r.Float64() < .3 {
				c := connectors[r.IntN(len(connectors))].in(l)
				b.WriteString(c)
				b.WriteByte(' ')
				s = lowerFirst(s)
			}
			expand(&b, s, vars)
		case x < .75:
			k, ok := draw(16, len(problems))
			if !ok {
				used = 0
				continue
			}
			b.WriteByte(' ')
			b.WriteString(problemPlace[r.IntN(len(problemPlace))].in(l))
			b.WriteByte(' ')
			b.WriteString(problems[k].in(l))
		case x < .85:
			k, ok := draw(32, len(why))
			if !ok {
				continue
			}
			b.WriteByte(' ')
			b.WriteString(why[k].in(l))
		default:
			k, ok := draw(40, (len(authorSentences)-1)*3)
			if !ok {
				continue
			}
			para()
			expand(&b, authorSentences[1+k/3][l][k%3], vars)
		}
	}
	if st.closing {
		para()
		b.WriteString(stock(r.IntN, l))
		if r.Float64() < .3 {
			b.WriteByte(' ')
			b.WriteString(thanks[r.IntN(len(thanks))].in(l))
		}
		if author >= 0 && r.Float64() < .6 {
			para()
			so := signoffs[l]
			expand(&b, so[r.IntN(len(so))], vars)
		}
	}
	return capRunes(b.String(), MaxTextLen)
}

// stock assembles a closing request: [circumstance] [intensifier] request [tail] end.
func stock(intn func(int) int, l int) string {
	var b strings.Builder
	if l == langKK {
		pre := stockKKPre[intn(len(stockKKPre))]
		b.WriteString(pre)
		in := stockIntens[l][intn(len(stockIntens[l]))]
		if pre != "" {
			in = lowerFirst(in)
		}
		b.WriteString(in)
		core := stockCore[l][intn(len(stockCore[l]))]
		if pre == "" && in == "" {
			core = upperFirst(core)
		}
		b.WriteString(core)
	} else {
		in := stockIntens[l][intn(len(stockIntens[l]))]
		core := stockCore[l][intn(len(stockCore[l]))]
		if l == langEN {
			if in == "" {
				core = "I " + core
				if strings.HasPrefix(core, "I hope") {
					core = "I " + core[2:]
				}
			} else if strings.HasPrefix(core, "hope") {
				in = ""
				core = "I " + core
			}
		}
		b.WriteString(upperFirst(in + core))
		b.WriteString(stockTail[l][intn(len(stockTail[l]))])
	}
	b.WriteString(stockEnd[intn(len(stockEnd))])
	return b.String()
}

// rationale is the separate justification field: reasons of the topic and
// general ones, drawn afresh for each letter.
func (g *Generator) rationale(id *idea, l int) string {
	r := g.rng
	why := topics[id.topic].why
	var b strings.Builder
	b.WriteString(why[r.IntN(len(why))].in(l))
	for range r.IntN(3) {
		b.WriteByte(' ')
		b.WriteString(plain(genericWhy[r.IntN(len(genericWhy))].in(l)))
	}
	return b.String()
}

// surname gives the feminine form of a masculine surname when female.
func surname(s string, female bool) string {
	if !female {
		return s
	}
	for _, suf := range []string{"ov", "ev", "in", "ов", "ев", "ин"} {
		if strings.HasSuffix(s, suf) {
			if suf[0] < 0x80 {
				return s + "a"
			}
			return s + "а"
		}
	}
	return s
}

// plain drops the gender slot of a bank sentence used outside a letter,
// leaving the masculine (unmarked) form.
func plain(s string) string { return strings.ReplaceAll(s, "{a}", "") }

// expand writes tmpl to b, replacing {key} with vars(key).
func expand(b *strings.Builder, tmpl string, vars func(string) string) {
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return
		}
		b.WriteString(tmpl[:i])
		b.WriteString(vars(tmpl[i+1 : i+j]))
		tmpl = tmpl[i+j+1:]
	}
}

// refCase names the unit for an opening: {ref}/{Ref} in English, {nom},
// {acc}, {gen}, {dat}, {loc}, {abl} in Russian and Kazakh; a capital first
// letter in the key capitalises the reference.
func refCase(rf *unitRef, l int, key string) string {
	if key == "" {
		return ""
	}
	var c int
	switch strings.ToLower(key) {
	case "ref", "nom":
		c = cNom
	case "acc":
		c = cAcc
	case "gen":
		c = cGen
	case "dat":
		c = cDat
	case "loc":
		c = cLoc
	case "abl":
		c = cAbl
	default:
		return "{" + key + "}"
	}
	s := rf.form(l, c)
	if key[0] >= 'A' && key[0] <= 'Z' {
		return upperFirst(s)
	}
	return s
}

// paraNumber returns M for a unit "art_N__para_M", or "".
func paraNumber(id charter.UnitID) string {
	s := string(id)
	i := strings.LastIndex(s, "__para_")
	if i < 0 || strings.Contains(s[i+7:], "__") || strings.HasPrefix(s[i+7:], "u") {
		return ""
	}
	return s[i+7:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

var properNouns = []string{"Constitution", "Конституц", "National", "Ұлттық", "Национальн", "President", "Президент", "Government", "Правительств", "Үкімет"}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	// Keep acronyms and the proper nouns the banks start sentences with.
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	for _, p := range properNouns {
		if strings.HasPrefix(s, p) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// capRunes cuts s to at most max runes, at the end of a sentence when one
// is near, else at a space.
func capRunes(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	n, cut := 0, len(s)
	for i := range s {
		if n == limit {
			cut = i
			break
		}
		n++
	}
	s = s[:cut]
	if i := strings.LastIndexAny(s, ".!?"); i > len(s)*3/4 {
		return s[:i+1]
	}
	if i := strings.LastIndexAny(s, " \n"); i > 0 {
		return s[:i]
	}
	return s
}

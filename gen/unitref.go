package gen

import (
	"strings"

	"atazan/charter"
)

// Language indexes used throughout the generator.
// The order matches the [3] arrays of the banks: English, Russian, Kazakh.
const (
	langEN = iota
	langRU
	langKK
)

var langCodes = [3]charter.Lang{"en", "ru", "kk"}

// Cases of a unit reference. Russian uses nom, acc, gen, prep; Kazakh uses
// nom, acc, dat, loc, abl, gen; English has one form.
const (
	cNom = iota
	cAcc
	cGen
	cDat
	cLoc
	cAbl
	nCases
)

// unitRef is how citizens name a unit in each language and case:
// "paragraph 2 of Article 41", "пункт 2 статьи 41", "41-баптың 2-тармағы".
type unitRef struct {
	en string
	ru [nCases]string
	kk [nCases]string
}

func (r *unitRef) form(l, c int) string {
	switch l {
	case langEN:
		return r.en
	case langRU:
		return r.ru[c]
	}
	return r.kk[c]
}

// Russian nouns by case: nom, acc, gen, dat(unused), prep (stored in cLoc).
var ruNoun = map[string][nCases]string{
	"article":   {"статья", "статью", "статьи", "статье", "статье", ""},
	"paragraph": {"пункт", "пункт", "пункта", "пункту", "пункте", ""},
	"part":      {"часть", "часть", "части", "части", "части", ""},
	"point":     {"подпункт", "подпункт", "подпункта", "подпункту", "подпункте", ""},
	"note":      {"примечание", "примечание", "примечания", "примечанию", "примечании", ""},
	"section":   {"раздел", "раздел", "раздела", "разделу", "разделе", ""},
	"preamble":  {"преамбула", "преамбулу", "преамбулы", "преамбуле", "преамбуле", ""},
}

// Kazakh nouns by case: nom, acc, gen, dat, loc, abl. "тармағы" and the
// like carry the possessive because they follow a genitive ("41-баптың").
var kkNoun = map[string][nCases]string{
	"article":   {"бап", "бапты", "баптың", "бапқа", "бапта", "баптан"},
	"paragraph": {"тармағы", "тармағын", "тармағының", "тармағына", "тармағында", "тармағынан"},
	"part":      {"бөлігі", "бөлігін", "бөлігінің", "бөлігіне", "бөлігінде", "бөлігінен"},
	"point":     {"тармақшасы", "тармақшасын", "тармақшасының", "тармақшасына", "тармақшасында", "тармақшасынан"},
	"note":      {"ескертпесі", "ескертпесін", "ескертпесінің", "ескертпесіне", "ескертпесінде", "ескертпесінен"},
	"section":   {"бөлім", "бөлімді", "бөлімнің", "бөлімге", "бөлімде", "бөлімнен"},
	"preamble":  {"Преамбула", "Преамбуланы", "Преамбуланың", "Преамбулаға", "Преамбулада", "Преамбуладан"},
}

// refOf builds the references of a unit ID. IDs it does not understand are
// named as they are ("provision art_x").
func refOf(id charter.UnitID) unitRef {
	var art, para, point, note, sec string
	unnumbered, preamble := false, false
	for _, p := range strings.Split(string(id), "__") {
		switch {
		case p == "preamble":
			preamble = true
		case strings.HasPrefix(p, "sec_"):
			sec = p[4:]
		case strings.HasPrefix(p, "art_"):
			art = p[4:]
		case strings.HasPrefix(p, "para_u"):
			para, unnumbered = p[6:], true
		case strings.HasPrefix(p, "para_"):
			para = p[5:]
		case strings.HasPrefix(p, "point_"):
			point = p[6:]
		case strings.HasPrefix(p, "note_"):
			note = p[5:]
		}
	}
	var r unitRef
	set := func(en string, ru func(c int) string, kk func(c int) string) {
		r.en = en
		for c := 0; c < nCases; c++ {
			r.ru[c], r.kk[c] = ru(c), kk(c)
		}
	}
	switch {
	case preamble && art == "":
		set("the preamble", func(c int) string { return ruNoun["preamble"][c] }, func(c int) string { return kkNoun["preamble"][c] })
	case art == "" && sec != "":
		set("Section "+sec, func(c int) string { return ruNoun["section"][c] + " " + sec },
			func(c int) string { return sec + "-" + kkNoun["section"][c] })
	case art == "":
		s := string(id)
		set("provision "+s, func(int) string { return "положение " + s }, func(int) string { return s + " ережесі" })
	case note != "":
		set("the note to Article "+art, func(c int) string { return ruNoun["note"][c] + " к статье " + art },
			func(c int) string { return art + "-баптың " + kkNoun["note"][c] })
	case para == "":
		set("Article "+art, func(c int) string { return ruNoun["article"][c] + " " + art },
			func(c int) string { return art + "-" + kkNoun["article"][c] })
	default:
		pk, pn := "paragraph", para
		if unnumbered {
			pk = "part"
		}
		enPara := pk + " " + pn + " of Article " + art
		ruPara := func(c int) string { return ruNoun[pk][c] + " " + pn + " статьи " + art }
		kkPara := func(c int) string { return art + "-баптың " + pn + "-" + kkNoun[pk][c] }
		if point == "" {
			set(enPara, ruPara, kkPara)
		} else {
			set("subparagraph "+point+") of "+enPara,
				func(c int) string { return ruNoun["point"][c] + " " + point + ") " + ruPara(cGen) },
				func(c int) string { return kkPara(cGen) + " " + point + ") " + kkNoun["point"][c] })
		}
	}
	return r
}

package i18n

import (
	"strconv"
	"strings"
	"time"
)

// Plural is a message whose wording depends on a count. Each form holds one
// "%s" for the formatted number. Kazakh and English use One and Other;
// Russian uses One, Few, Many and Other (CLDR plural categories).
type Plural struct {
	One, Few, Many, Other string
}

// PluralForm is a CLDR plural category.
type PluralForm string

const (
	One   PluralForm = "one"
	Few   PluralForm = "few"
	Many  PluralForm = "many"
	Other PluralForm = "other"
)

// Form returns the CLDR plural category of the integer n in the language.
//
// Russian: one when n mod 10 = 1 and n mod 100 ≠ 11; few when n mod 10 is 2..4
// and n mod 100 is not 12..14; many otherwise. Kazakh and English: one when
// n = 1, other otherwise (Kazakh nouns stay singular after numerals, so its
// two forms usually read alike).
func Form(l Lang, n int) PluralForm {
	if n < 0 {
		n = -n
	}
	if l == RU {
		switch d, h := n%10, n%100; {
		case d == 1 && h != 11:
			return One
		case d >= 2 && d <= 4 && (h < 12 || h > 14):
			return Few
		default:
			return Many
		}
	}
	if n == 1 {
		return One
	}
	return Other
}

// Count formats n with the plural form of p that the language requires, e.g.
// "5 статей", "21 статья", "1 article", "102 articles".
func (c *Catalog) Count(p Plural, n int) string {
	msg := p.Other
	switch Form(c.Lang, n) {
	case One:
		msg = p.One
	case Few:
		msg = p.Few
	case Many:
		msg = p.Many
	}
	return strings.Replace(msg, "%s", c.Number(int64(n)), 1)
}

// Number formats an integer with the language's thousands separator: a
// no-break space (U+00A0) in Kazakh and Russian ("96 765"), a comma in
// English ("96,765"), as CLDR has them.
func (c *Catalog) Number(n int64) string {
	sep := "\u00a0"
	if c.Lang == EN {
		sep = ","
	}
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

var months = map[Lang][12]string{
	KK: {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"},
	// Russian dates use the genitive: "29 ноября".
	RU: {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Date formats the calendar date of t (in t's location): "29 қараша 2026",
// "29 ноября 2026 г.", "29 November 2026". The zero time formats as "".
func (c *Catalog) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	s := strconv.Itoa(t.Day()) + " " + months[c.Lang][t.Month()-1] + " " + strconv.Itoa(t.Year())
	if c.Lang == RU {
		s += " г."
	}
	return s
}

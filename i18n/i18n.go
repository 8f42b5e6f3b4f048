// Package i18n holds the platform's user interface in Kazakh, Russian and
// English: one message catalog per language, date and number formatting, CLDR
// plural rules, and the choice of a language for a request.
//
// Catalogs are typed: every string is a field of Messages, so Go code that
// names a missing message does not compile, a catalog that leaves a field
// empty fails TestCatalogsComplete, and a template that names an unknown
// message fails CheckTemplate (run by the web server at start).
//
// Kazakh comes first, as in Kazakhstan's e-government; it is also the
// language of last resort.
package i18n

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"golang.org/x/text/language"
)

// Lang is a user interface language: "kk", "ru" or "en".
type Lang string

const (
	KK Lang = "kk"
	RU Lang = "ru"
	EN Lang = "en"
)

// Langs are the interface languages in the order the platform shows them.
var Langs = []Lang{KK, RU, EN}

// Default is the language used when nothing else chooses one.
const Default = KK

// Parse returns the Lang for a code exactly as it appears in a URL prefix or
// a cookie ("kk", "ru", "en"), and false for anything else.
func Parse(s string) (Lang, bool) {
	for _, l := range Langs {
		if string(l) == s {
			return l, true
		}
	}
	return "", false
}

// Catalog is the interface text of one language, with its formatting rules.
type Catalog struct {
	Messages
	Lang Lang
}

var catalogs = map[Lang]*Catalog{
	KK: {Lang: KK, Messages: kk},
	RU: {Lang: RU, Messages: ru},
	EN: {Lang: EN, Messages: en},
}

// Get returns the catalog of l, or the Kazakh catalog when l is unknown.
func Get(l Lang) *Catalog {
	if c, ok := catalogs[l]; ok {
		return c
	}
	return catalogs[Default]
}

// Choose picks the language of a request that has no language prefix in its
// URL: the cookie value when it names a language, else the first language of
// the Accept-Language header (by quality) that the platform has, else Kazakh.
func Choose(cookie, acceptLanguage string) Lang {
	if l, ok := Parse(cookie); ok {
		return l
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err == nil {
		for _, t := range tags {
			base, _ := t.Base()
			if l, ok := Parse(base.String()); ok {
				return l
			}
		}
	}
	return Default
}

// Sprintf fills a message's placeholders; use it for messages that take
// arguments (their doc comments name them).
func (c *Catalog) Sprintf(msg string, args ...any) string { return fmt.Sprintf(msg, args...) }

// templateRef matches a use of a catalog member in a template: ".T.Name".
var templateRef = regexp.MustCompile(`\.T\.([A-Za-z_][A-Za-z0-9_]*)`)

// CheckTemplate returns an error naming every ".T.Name" in a template source
// that is neither a message nor a method of *Catalog, so that a typo in a
// message key fails at start rather than on a reader's screen.
func CheckTemplate(name, src string) error {
	ct := reflect.TypeFor[*Catalog]()
	var unknown []string
	for _, m := range templateRef.FindAllStringSubmatch(src, -1) {
		key := m[1]
		if _, ok := ct.Elem().FieldByName(key); ok {
			continue
		}
		if _, ok := ct.MethodByName(key); ok {
			continue
		}
		unknown = append(unknown, key)
	}
	if len(unknown) > 0 {
		return fmt.Errorf("template %s uses unknown messages: %s", name, strings.Join(unknown, ", "))
	}
	return nil
}

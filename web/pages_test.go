package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	articlePath = "/en/charters/" + testSlug + "/versions/" + url.PathEscape(oldLabel) + "/articles/1"
	versionPath = "/en/charters/" + testSlug + "/versions/" + url.PathEscape(newLabel)
	comparePath = "/en/charters/" + testSlug + "/compare?from=" + url.QueryEscape(oldLabel) + "&to=" + url.QueryEscape(newLabel)
	tablePath   = "/en/charters/" + testSlug + "/table?from=" + url.QueryEscape(oldLabel) + "&to=" + url.QueryEscape(newLabel)
)

// TestPages renders every page in every language and checks what each must
// show, and the rules every page keeps: one h1, a skip link, a language
// switch, the lang attribute, under 100 KB.
func TestPages(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/en/", 200, []string{"<h1>Constitution texts</h1>", "Қазақстан Республикасының Конституциясы", "2 versions", "Draft 2026", "sha256:"}},
		{"/ru/", 200, []string{"<h1>Тексты конституции</h1>", "2 версии"}},
		{"/kk/", 200, []string{"<h1>Конституция мәтіндері</h1>", "2 нұсқа"}},
		{"/en/charters/" + testSlug, 200, []string{"1995 as amended 2022", "Draft 2026", "Published", "Draft", "sha256:", `<span lang="kk">Қазақша</span>`, "29 November 2026", "Compare the two latest versions"}},
		{"/ru/charters/" + testSlug, 200, []string{"Опубликована", "Проект", "29 ноября 2026 г."}},
		{"/kk/charters/" + testSlug, 200, []string{"Жарияланған", "Жоба", "29 қараша 2026"}},
		{versionPath, 200, []string{"Draft 2026", "sha256:", "Based on", "10 sections, 100 articles, 300 paragraphs, 60 points", "Section I", "General provisions 1", "Article 100", "Preamble", "See what changed from 1995 as amended 2022"}},
		{"/ru" + strings.TrimPrefix(versionPath, "/en"), 200, []string{"10 разделов, 100 статей, 300 пунктов, 60 подпунктов", "Раздел I", "Общие положения 1", "Статья 21"}},
		{"/kk" + strings.TrimPrefix(versionPath, "/en"), 200, []string{"10 бөлім, 100 бап", "I бөлім", "Жалпы ережелер 1", "21-бап"}},
		{articlePath, 200, []string{`<h1 id="art_1">Article 1</h1>`, `id="art_1__para_1"`, "Paragraph 1 of Article 1", `<div class="text" lang="en">`, "Editorial notes", "Footnote: editorial remark", "Note.", "Next article: Article 2", "sha256:"}},
		{articlePath + "?text=ru", 200, []string{`<div class="text" lang="ru">`, "Пункт 1 статьи 1", `aria-current="page">Русский`}},
		{"/kk" + strings.TrimPrefix(articlePath, "/en"), 200, []string{`<h1 id="art_1">1-бап</h1>`, "Редакциялық ескертпелер", `<div class="text" lang="kk">`, "Ескерту."}},
		{"/en/charters/" + testSlug + "/versions/" + url.PathEscape(oldLabel) + "/articles/5", 200, []string{`id="art_5__para_2__point_3"`, "3)", "Previous article: Article 4"}},
		{"/en/charters/" + testSlug + "/versions/" + url.PathEscape(oldLabel) + "/articles/preamble", 200, []string{"<h1 id=\"preamble\">Preamble</h1>", "We, the people,<br>adopt"}},
		{comparePath, 200, []string{"<h1>Compare versions</h1>", `<label for="from">Earlier version</label>`, "Side by side", "Comparative table"}},
		{tablePath, 200, []string{"<h1>Comparative table</h1>", "sha256:"}},
		{"/en/charters/nope", 404, []string{"Page not found"}},
		{"/ru/charters/" + testSlug + "/versions/nope", 404, []string{"Страница не найдена"}},
		{"/en/charters/" + testSlug + "/versions/" + url.PathEscape(oldLabel) + "/articles/999", 404, []string{"has no article 999"}},
		{"/en/charters/" + testSlug + "/compare?from=nope&to=" + url.QueryEscape(newLabel), 404, []string{"there is no version nope"}},
		{"/xx/charters/" + testSlug, 404, []string{"<h1>"}},
		{"/en/no/such/page", 404, []string{"Page not found"}},
	}
	h1 := regexp.MustCompile(`<h1[ >]`)
	for _, tt := range tests {
		res := get(t, h, tt.path)
		if res.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d\n%s", tt.path, res.StatusCode, tt.status, res.body)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(res.body, w) {
				t.Errorf("GET %s: page lacks %q", tt.path, w)
			}
		}
		if n := len(h1.FindAllString(res.body, -1)); n != 1 {
			t.Errorf("GET %s: %d h1 elements, want 1", tt.path, n)
		}
		for _, w := range []string{`<a class="skip" href="#main">`, `<main id="main"`, `<nav class="langs"`, `hreflang="ru"`} {
			if !strings.Contains(res.body, w) {
				t.Errorf("GET %s: page lacks %q", tt.path, w)
			}
		}
		if !regexp.MustCompile(`<html lang="(kk|ru|en)">`).MatchString(res.body) {
			t.Errorf("GET %s: no lang attribute on <html>", tt.path)
		}
		if len(res.body) > 100<<10 {
			t.Errorf("GET %s: %d bytes, over 100 KB", tt.path, len(res.body))
		}
		if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", tt.path, ct)
		}
	}
}

// TestHeadingOrder checks that no page skips a heading level going down.
func TestHeadingOrder(t *testing.T) {
	h := newTestServer(t).Handler()
	re := regexp.MustCompile(`<h([1-6])[ >]`)
	for _, path := range []string{"/en/", "/en/charters/" + testSlug, versionPath, articlePath, comparePath, comparePath + "&view=side", tablePath} {
		body := get(t, h, path).body
		prev := 0
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			level := int(m[1][0] - '0')
			if level > prev+1 {
				t.Errorf("%s: h%d follows h%d", path, level, prev)
			}
			prev = level
		}
	}
}

// TestLanguageSwitch checks that the switch on a page links to the same
// page, query included, in the other languages.
func TestLanguageSwitch(t *testing.T) {
	h := newTestServer(t).Handler()
	body := get(t, h, articlePath+"?text=ru").body
	for _, l := range []string{"kk", "ru"} {
		want := `href="/` + l + strings.TrimPrefix(articlePath, "/en") + `?text=ru" lang="` + l + `"`
		if !strings.Contains(body, want) {
			t.Errorf("switch lacks %s", want)
		}
	}
	if !strings.Contains(body, `lang="en" hreflang="en" aria-current="true">English`) {
		t.Error("switch does not mark English as current")
	}
}

// TestLanguageChoice checks the order: URL prefix, cookie, Accept-Language, Kazakh.
func TestLanguageChoice(t *testing.T) {
	h := newTestServer(t).Handler()
	tests := []struct {
		path   string
		header []string
		want   string
	}{
		{"/", nil, "/kk/"},
		{"/", []string{"Accept-Language: en-GB,en;q=0.9"}, "/en/"},
		{"/", []string{"Accept-Language: de,ru;q=0.5"}, "/ru/"},
		{"/", []string{"Cookie: lang=en", "Accept-Language: ru"}, "/en/"},
		{"/", []string{"Cookie: lang=zz", "Accept-Language: ru"}, "/ru/"},
		{"/ru", nil, "/ru/"},
	}
	for _, tt := range tests {
		res := get(t, h, tt.path, tt.header...)
		if res.StatusCode != 302 || res.Header.Get("Location") != tt.want {
			t.Errorf("GET %s %v: %d → %q, want 302 → %q", tt.path, tt.header, res.StatusCode, res.Header.Get("Location"), tt.want)
		}
	}
	// A page in a language remembers it.
	res := get(t, h, "/ru/")
	if c := res.Header.Get("Set-Cookie"); !strings.HasPrefix(c, "lang=ru;") {
		t.Errorf("Set-Cookie = %q, want lang=ru", c)
	}
	if res := get(t, h, "/ru/", "Cookie: lang=ru"); res.Header.Get("Set-Cookie") != "" {
		t.Error("cookie set again although it already names the language")
	}
	// A page without a language prefix (a 404) speaks the cookie's language.
	if res := get(t, h, "/no-such-thing", "Cookie: lang=ru"); !strings.Contains(res.body, `<html lang="ru">`) {
		t.Error("404 page ignores the lang cookie")
	}
}

// TestVersionHashShown checks that every page naming a version shows its hash.
func TestVersionHashShown(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	v, err := s.charters.Version(t.Context(), testSlug, newLabel)
	if err != nil {
		t.Fatal(err)
	}
	short := v.Hash // the whole hash, not an abbreviation
	for _, path := range []string{"/en/", "/en/charters/" + testSlug, versionPath, strings.Replace(articlePath, url.PathEscape(oldLabel), url.PathEscape(newLabel), 1), comparePath, tablePath} {
		if body := get(t, h, path).body; !strings.Contains(body, short) {
			t.Errorf("%s names %s without its hash %s", path, newLabel, short)
		}
	}
}

func TestStatic(t *testing.T) {
	h := newTestServer(t).Handler()
	res := get(t, h, "/static/site.css")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") || !strings.Contains(res.body, "@media print") {
		t.Fatalf("site.css: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if len(res.body) > 10<<10 {
		t.Errorf("site.css is %d bytes; keep it under 10 KB", len(res.body))
	}
	if res := get(t, h, "/static/nope.css"); res.StatusCode != 404 {
		t.Errorf("missing static file: %d", res.StatusCode)
	}
}

package charter

import (
	"regexp"
	"strings"
	"testing"
)

func TestExportHTML(t *testing.T) {
	d := smallDoc()
	page, err := ExportHTML(d, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	h := string(page)
	for _, want := range []string{
		`<!DOCTYPE html>`, `<html lang="en">`, `<title>Charter of a Small Republic — 1995 as amended 2022</title>`,
		`@media print`, `<nav aria-label="Contents">`, `<a href="#art_2-1">Article 2-1</a>`,
		`<h2 id="sec_2-h">Section II. Rights`, `<h3 id="art_1-h">Article 1. Sovereignty`,
		`<span class="num">1-1)</span>inserted &amp; &lt;escaped&gt;;`,
		`<h2 id="editorial-heading">Editorial footnotes</h2>`, `They are not part of the normative text.`,
		`<li id="fn-3" value="3">Article 2-1: Inserted in 2022.`,
		`<time datetime="2023-01-01">`, d.Hash(),
	} {
		if !strings.Contains(h, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// Every unit is reachable by its ID.
	d.Walk(func(u, _ *Unit) bool {
		if !strings.Contains(h, ` id="`+string(u.ID)+`"`) {
			t.Errorf("no element with id %s", u.ID)
		}
		return true
	})
	// Footnotes stand only in the editorial list, after the text.
	main := h[strings.Index(h, "<main>"):strings.Index(h, "</main>")]
	if strings.Contains(main, "Inserted in 2022.") {
		t.Error("a footnote stands inside the text")
	}
	if regexp.MustCompile(`<script|https?://`).MatchString(h) {
		t.Error("the page is not standalone")
	}
}

func TestExportHTMLLanguages(t *testing.T) {
	d := smallDoc()
	d.Lang = "kk"
	page, err := ExportHTML(d, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	if h := string(page); !strings.Contains(h, `<html lang="kk">`) || !strings.Contains(h, ">2-бап<") || !strings.Contains(h, "Бөлім II") {
		t.Errorf("Kazakh labels missing")
	}
}

func TestExportHTMLKazakhstan(t *testing.T) {
	d := kazakhstan(t)
	page, err := ExportHTML(d, Meta{Charter: "kz-constitution", Version: "1995 as amended 2022"})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), `<li id="fn-`); n != 110 {
		t.Errorf("%d editorial footnotes listed, want 110", n)
	}
}

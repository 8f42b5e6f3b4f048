package web

import (
	"strings"
	"testing"

	"atazan/charter"
	"atazan/i18n"
)

// TestMarks checks the HTML of a redline from literal segments, in both
// spacing conventions, with escaping and line breaks.
func TestMarks(t *testing.T) {
	en := i18n.Get(i18n.EN)
	tests := []struct {
		name      string
		c         charter.Change
		all       string
		old, new_ string
	}{{
		name: "segments without spaces",
		c: charter.Change{Unit: "art_1", Change: charter.ChangeChanged, Old: "the state protects <rights>", New: "the state guarantees <rights>",
			Redline: []charter.Segment{{Op: "equal", Text: "the state"}, {Op: "delete", Text: "protects"}, {Op: "insert", Text: "guarantees"}, {Op: "equal", Text: "<rights>"}}},
		all: `the state <del><span class="vh">[deleted: </span>protects<span class="vh">]</span></del> <ins><span class="vh">[inserted: </span>guarantees<span class="vh">]</span></ins> &lt;rights&gt;`,
		old: `the state <del><span class="vh">[deleted: </span>protects<span class="vh">]</span></del> &lt;rights&gt;`,
	}, {
		name: "segments with spaces",
		c: charter.Change{Unit: "art_1", Change: charter.ChangeChanged, Old: "a b c", New: "a x c",
			Redline: []charter.Segment{{Op: "equal", Text: "a "}, {Op: "delete", Text: "b"}, {Op: "insert", Text: "x"}, {Op: "equal", Text: " c"}}},
		new_: `a <ins><span class="vh">[inserted: </span>x<span class="vh">]</span></ins> c`,
	}, {
		name: "added, two lines",
		c:    charter.Change{Unit: "art_1__para_2", Change: charter.ChangeAdded, New: "line one\nline two"},
		all:  `<ins><span class="vh">[inserted: </span>line one<br>line two<span class="vh">]</span></ins>`,
		old:  ``,
	}}
	for _, tt := range tests {
		v := newChangeView(en, tt.c)
		if tt.all != "" {
			if got := string(marks(en, v, "all")); got != tt.all {
				t.Errorf("%s: redline\n got %s\nwant %s", tt.name, got, tt.all)
			}
		}
		if tt.old != "" || tt.name == "added, two lines" {
			if got := string(marks(en, v, "old")); got != tt.old {
				t.Errorf("%s: old side\n got %s\nwant %s", tt.name, got, tt.old)
			}
		}
		if tt.new_ != "" {
			if got := string(marks(en, v, "new")); got != tt.new_ {
				t.Errorf("%s: new side\n got %s\nwant %s", tt.name, got, tt.new_)
			}
		}
	}
}

func TestUnitLabel(t *testing.T) {
	tests := []struct {
		lang i18n.Lang
		id   charter.UnitID
		want string
	}{
		{i18n.EN, "art_5__para_2", "Article 5, paragraph 2"},
		{i18n.RU, "art_44__para_u1__point_3-1", "Статья 44, абзац 1, подпункт 3-1)"},
		{i18n.KK, "art_83-1__para_3-1", "83-1-бап, 3-1-тармақ"},
		{i18n.EN, "art_1__note_1", "Article 1, note 1"},
		{i18n.RU, "sec_9", "Раздел 9"},
		{i18n.KK, "preamble", "Кіріспе"},
	}
	for _, tt := range tests {
		if got := unitLabel(i18n.Get(tt.lang), tt.id); got != tt.want {
			t.Errorf("unitLabel(%s, %s) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

// TestComparePages checks the redline, the side-by-side view and the
// comparative table of the test versions.
func TestComparePages(t *testing.T) {
	h := newTestServer(t).Handler()
	redline := get(t, h, comparePath).body
	side := get(t, h, comparePath+"&view=side").body
	table := get(t, h, tablePath).body
	ru := get(t, h, "/ru"+strings.TrimPrefix(comparePath, "/en")+"&text=ru").body
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"redline", redline, []string{"3 changes", "Article 2, paragraph 1", ">protects<", ">guarantees<", "<del>", "<ins>", "Added", "Removed", `href="/en/charters/kz-constitution/versions/Draft%202026/articles/2#art_2__para_1"`}},
		{"side", side, []string{`<table class="side">`, "Current wording", "New wording", ">protects<", ">guarantees<"}},
		{"table", table, []string{`<table class="ctable">`, "<caption>Comparative table of 1995 as amended 2022 and Draft 2026</caption>", "Article 4, paragraph 3", ">protects<", ">guarantees<"}},
		{"ru", ru, []string{"3 изменения", "Статья 2, пункт 1", ">защищает<", ">гарантирует<", "Исключено"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.body, w) {
				t.Errorf("%s view lacks %q", c.name, w)
			}
		}
	}
	if strings.Contains(side, `class="redline"`) || strings.Contains(redline, `class="side"`) {
		t.Error("views are mixed up")
	}
}

// TestCompareDefaults checks that a comparison without from and to compares
// the latest version with its parent, and that a charter with one version says so.
func TestCompareDefaults(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	body := get(t, h, "/en/charters/"+testSlug+"/compare").body
	if !strings.Contains(body, `<option value="1995 as amended 2022" selected>`) || !strings.Contains(body, `<option value="Draft 2026" selected>`) {
		t.Error("default comparison is not parent → latest")
	}
	if _, err := s.charters.ImportVersion(t.Context(), charter.ImportRequest{Charter: "solo", CharterTitle: "Solo", Version: "v1", Doc: testDoc("en", 2, false)}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/en/charters/solo/compare", "/en/charters/solo/table"} {
		if res := get(t, h, p); res.StatusCode != 200 || !strings.Contains(res.body, "A comparison needs at least two versions.") {
			t.Errorf("%s with one version: %d", p, res.StatusCode)
		}
	}
}

func TestRenumberedChange(t *testing.T) {
	c := charter.Change{Unit: "art_6", OldUnit: "art_5", Change: charter.ChangeRenumbered, Old: "Same text.", New: "Same text."}
	v := newChangeView(i18n.Get(i18n.EN), c)
	if v.Label != "Article 6" || v.Formerly != "formerly Article 5" || v.What != "Renumbered" {
		t.Errorf("renumbered: %+v", v)
	}
	if got := string(marks(i18n.Get(i18n.EN), v, "all")); got != "Same text." {
		t.Errorf("renumbered unit's redline = %q, want its unchanged text", got)
	}
}

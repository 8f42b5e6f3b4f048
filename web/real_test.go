package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"atazan/charter"
)

// readShared reads a file of ../shared/data (relative to the project root),
// skipping the test when it is absent, except in CI.
func readShared(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", rel))
	if err != nil {
		if inCI() {
			t.Fatalf("shared data: %v", err)
		}
		t.Skipf("shared data absent (%v); skipping", err)
	}
	return b
}

// TestRealConstitution serves the 1995 Constitution of Kazakhstan (English
// translation, 102 articles) and opens every one of its article pages.
func TestRealConstitution(t *testing.T) {
	doc, err := charter.Parse(readShared(t, "charters/kazakhstan-1995-en.txt"), charter.FormatText, "en")
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	if _, err := st.ImportVersion(context.Background(), charter.ImportRequest{Charter: "kz", Version: "1995 as amended 2022", Doc: doc}); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{}, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	base := "/ru/charters/kz/versions/" + url.PathEscape("1995 as amended 2022")
	toc := get(t, h, base)
	if toc.StatusCode != 200 || !strings.Contains(toc.body, "9 разделов, 102 статьи") {
		t.Fatalf("contents: %d, counts missing", toc.StatusCode)
	}
	h1 := regexp.MustCompile(`<h1[ >]`)
	biggest := 0
	for _, a := range doc.Articles() {
		res := get(t, h, base+"/articles/"+url.PathEscape(a.Number))
		if res.StatusCode != 200 || len(h1.FindAllString(res.body, -1)) != 1 {
			t.Errorf("article %s: %d", a.Number, res.StatusCode)
		}
		if !strings.Contains(res.body, fmt.Sprintf(`<h1 id="%s">Статья %s`, a.ID, a.Number)) || !strings.Contains(res.body, `<div class="text" lang="en">`) {
			t.Errorf("article %s: heading or text language missing", a.Number)
		}
		biggest = max(biggest, len(res.body))
	}
	if biggest > 100<<10 {
		t.Errorf("largest article page is %d bytes, over 100 KB", biggest)
	}
	t.Logf("largest article page: %d bytes", biggest)
	a2 := get(t, h, base+"/articles/2").body
	if !strings.Contains(a2, `id="art_2__para_3-1"`) || !strings.Contains(a2, "Редакционные примечания") || !strings.Contains(a2, "Law of the Republic of Kazakhstan No. 254-III") {
		t.Error("article 2: paragraph 3-1 or its editorial footnotes missing")
	}
	if i := strings.Index(a2, `class="editorial"`); i < 0 || strings.Index(a2, "No. 254-III") < i {
		t.Error("article 2: a footnote is shown inside the normative text")
	}
}

// TestDemoReform serves the demo reform (current text and 2026 draft, each
// in kk, ru and en) and compares them.
func TestDemoReform(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	for _, v := range []struct{ file, label, parent string }{
		{"altyndala-2020", "2020 as amended 2024", ""},
		{"altyndala-2026-draft", "Draft 2026", "2020 as amended 2024"},
	} {
		for _, l := range charter.Languages {
			b, err := os.ReadFile(filepath.Join("..", "demo", v.file+"-"+string(l)+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			d, err := charter.Parse(b, charter.FormatText, l)
			if err != nil {
				t.Fatalf("%s %s: %v", v.file, l, err)
			}
			if _, err := st.ImportVersion(ctx, charter.ImportRequest{Charter: "altyndala", Version: v.label, Parent: v.parent, Doc: d}); err != nil {
				t.Fatalf("%s %s: %v", v.file, l, err)
			}
		}
	}
	s, err := New(Config{}, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, l := range []string{"kk", "ru", "en"} {
		res := get(t, h, "/"+l+"/charters/altyndala/versions/"+url.PathEscape("Draft 2026")+"/articles/1")
		if res.StatusCode != 200 || !strings.Contains(res.body, `<div class="text" lang="`+l+`">`) {
			t.Errorf("%s article 1: %d", l, res.StatusCode)
		}
	}
	for _, p := range []string{"/kk/charters/altyndala/compare", "/ru/charters/altyndala/table", "/en/charters/altyndala/compare?view=side"} {
		res := get(t, h, p)
		if res.StatusCode != 200 || !strings.Contains(res.body, "<ins>") || len(res.body) > 100<<10 {
			t.Errorf("%s: %d, %d bytes", p, res.StatusCode, len(res.body))
		}
		t.Logf("%s: %d bytes", p, len(res.body))
	}
}

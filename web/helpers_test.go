package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atazan/charter"
	"atazan/store"
)

const (
	testSlug  = "kz-constitution"
	oldLabel  = "1995 as amended 2022"
	newLabel  = "Draft 2026"
	nArticles = 100
)

// openStore returns an empty SQLite store in the test's temporary directory,
// whose clock stands at 29 November 2026, 09:00 UTC.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Now = func() time.Time { return time.Date(2026, time.November, 29, 9, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { st.Close() })
	return st
}

// inCI reports whether the tests run in CI, where nothing may be skipped.
func inCI() bool { return os.Getenv("CI") == "true" }

var sectionHeads = map[charter.Lang]string{"kk": "Жалпы ережелер", "ru": "Общие положения", "en": "General provisions"}

var paraText = map[charter.Lang]string{
	"kk": "%d-баптың %d-тармағы: мемлекет адамның құқықтары мен бостандықтарын қорғайды.",
	"ru": "Пункт %[2]d статьи %[1]d: государство защищает права и свободы человека.",
	"en": "Paragraph %[2]d of Article %[1]d: the state protects the rights and freedoms of the person.",
}

var changedWord = map[charter.Lang][2]string{
	"kk": {"қорғайды", "қамтамасыз етеді"},
	"ru": {"защищает", "гарантирует"},
	"en": {"protects", "guarantees"},
}

var titles = map[charter.Lang]string{
	"kk": "Қазақстан Республикасының Конституциясы",
	"ru": "Конституция Республики Казахстан",
	"en": "Constitution of the Republic of Kazakhstan",
}

// testDoc builds a text of n articles in ten sections. The draft differs
// from the current text in three places: a word of article 2, paragraph 1
// changes; article 3 gains paragraph 4; article 4 loses paragraph 3.
func testDoc(lang charter.Lang, n int, draft bool) *charter.Document {
	roman := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
	d := &charter.Document{Title: titles[lang], Lang: lang}
	d.Units = append(d.Units, &charter.Unit{Kind: charter.KindPreamble, Text: "We, the people,\nadopt this text. (" + string(lang) + ")"})
	per := (n + len(roman) - 1) / len(roman)
	var sec *charter.Unit
	for a := 1; a <= n; a++ {
		if (a-1)%per == 0 {
			i := (a - 1) / per
			sec = &charter.Unit{Kind: charter.KindSection, Number: roman[i], Heading: fmt.Sprintf("%s %d", sectionHeads[lang], i+1)}
			d.Units = append(d.Units, sec)
		}
		art := &charter.Unit{Kind: charter.KindArticle, Number: fmt.Sprint(a)}
		paras := 3
		if draft && a == 3 {
			paras = 4
		}
		for p := 1; p <= paras; p++ {
			if draft && a == 4 && p == 3 {
				continue
			}
			text := fmt.Sprintf(paraText[lang], a, p)
			if draft && a == 2 && p == 1 {
				text = strings.Replace(text, changedWord[lang][0], changedWord[lang][1], 1)
			}
			para := &charter.Unit{Kind: charter.KindParagraph, Number: fmt.Sprint(p), Text: text}
			if p == 2 && a%5 == 0 {
				for k := 1; k <= 3; k++ {
					para.Children = append(para.Children, &charter.Unit{Kind: charter.KindPoint, Number: fmt.Sprint(k), Text: fmt.Sprintf("point %d (%s);", k, lang)})
				}
			}
			art.Children = append(art.Children, para)
		}
		if a == 1 {
			art.Children = append(art.Children, &charter.Unit{Kind: charter.KindNote, Text: "A note that is part of the text (" + string(lang) + ")."})
			art.Footnotes = []string{"Footnote: editorial remark on Article 1 (" + string(lang) + ")."}
		}
		sec.Children = append(sec.Children, art)
	}
	d.AssignIDs()
	return d
}

// seed imports the current text (published) and the draft, both in kk, ru and en.
func seed(t testing.TB, st charter.Store, n int) {
	t.Helper()
	ctx := context.Background()
	for _, v := range []struct {
		label, parent string
		draft         bool
	}{{oldLabel, "", false}, {newLabel, oldLabel, true}} {
		for _, l := range charter.Languages {
			_, err := st.ImportVersion(ctx, charter.ImportRequest{Charter: testSlug, Version: v.label, Parent: v.parent, Doc: testDoc(l, n, v.draft)})
			if err != nil {
				t.Fatalf("import %s %s: %v", v.label, l, err)
			}
		}
	}
	if _, err := st.PublishVersion(ctx, testSlug, oldLabel, ""); err != nil {
		t.Fatal(err)
	}
}

// newTestServer returns a server over a seeded store.
func newTestServer(t testing.TB) *Server {
	t.Helper()
	st := openStore(t)
	seed(t, st, nArticles)
	s, err := New(Config{}, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type response struct {
	*http.Response
	body string
}

// get sends a GET through the handler; header is "Name: value" pairs.
func get(t testing.TB, h http.Handler, path string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for _, kv := range header {
		k, v, _ := strings.Cut(kv, ": ")
		req.Header.Add(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return response{res, string(b)}
}

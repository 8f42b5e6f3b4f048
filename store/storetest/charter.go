package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"atazan"
	"atazan/charter"
)

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	t.Run("ImportAndRead", func(t *testing.T) { testImportAndRead(t, open) })
	t.Run("Lineage", func(t *testing.T) { testLineage(t, open) })
	t.Run("ParallelTexts", func(t *testing.T) { testParallelTexts(t, open) })
	t.Run("Publish", func(t *testing.T) { testPublish(t, open) })
	t.Run("NotFound", func(t *testing.T) { testNotFound(t, open) })
	t.Run("BadRequestChangesNothing", func(t *testing.T) { testBadRequest(t, open) })
	t.Run("Log", func(t *testing.T) { testLog(t, open) })
	t.Run("AppendBatches", func(t *testing.T) { testAppendBatches(t, open) })
	t.Run("ConcurrentWrites", func(t *testing.T) { testConcurrentWrites(t, open) })
	t.Run("ConcurrentFailures", func(t *testing.T) { testConcurrentFailures(t, open) })
}

// SampleDocument returns a small charter text with every kind of unit:
// preamble, sections, articles (one inserted), numbered, inserted and
// unnumbered paragraphs, points, a note and footnotes. The tag changes
// the wording, so different tags give different hashes.
func SampleDocument(lang charter.Lang, tag string) *charter.Document {
	p := func(num, text string, children ...*charter.Unit) *charter.Unit {
		return &charter.Unit{Kind: charter.KindParagraph, Number: num, Text: text, Children: children}
	}
	pt := func(num, text string) *charter.Unit {
		return &charter.Unit{Kind: charter.KindPoint, Number: num, Text: text}
	}
	d := &charter.Document{
		Title: "Constitution of the Republic of Altyndala " + tag,
		Lang:  lang,
		Units: []*charter.Unit{
			{Kind: charter.KindPreamble, Text: "We, the people of Altyndala,\nadopt this Constitution " + tag + "."},
			{Kind: charter.KindSection, Number: "I", Heading: "General Provisions", Children: []*charter.Unit{
				{Kind: charter.KindArticle, Number: "1", Footnotes: []string{"Article 1 as amended by the Law of 1 May 2020."}, Children: []*charter.Unit{
					p("1", "Altyndala is a democratic state "+tag+"."),
					p("2", "The people are the only source of power."),
					p("2-1", "Inserted paragraph."),
				}},
				{Kind: charter.KindArticle, Number: "1-1", Children: []*charter.Unit{
					p("", "The President shall:", pt("1", "address the people;"), pt("1-1", "sign laws;"), pt("2", "appoint ministers.")),
					{Kind: charter.KindNote, Text: "Until 2030 the older rule applies."},
				}},
			}},
			{Kind: charter.KindSection, Number: "II", Heading: "Rights", Children: []*charter.Unit{
				{Kind: charter.KindArticle, Number: "2", Children: []*charter.Unit{
					p("", "Everyone has the right to life."),
					p("", "Excluded by the Law of 3 March 2019."),
				}},
			}},
		},
	}
	d.AssignIDs()
	return d
}

func ctx() context.Context { return context.Background() }

func mustImport(t *testing.T, s charter.Store, req charter.ImportRequest) charter.Version {
	t.Helper()
	v, err := s.ImportVersion(ctx(), req)
	if err != nil {
		t.Fatalf("import %s/%s (%s): %v", req.Charter, req.Version, req.Doc.Lang, err)
	}
	return v
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := atazan.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func testImportAndRead(t *testing.T, open Opener) {
	s := open(t)
	doc := SampleDocument("en", "a")
	v := mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: doc})
	if v.Hash != doc.Hash() || !strings.HasPrefix(v.Hash, "sha256:") {
		t.Errorf("version hash %q, want %q", v.Hash, doc.Hash())
	}
	if v.Status != charter.StatusDraft || v.Lang != "en" || v.Charter != "altyndala" || v.Label != "2020" || v.Parent != "" {
		t.Errorf("version = %+v", v)
	}
	if len(v.Texts) != 1 || v.Texts[0].Lang != "en" || v.Texts[0].Hash != v.Hash {
		t.Errorf("texts = %+v", v.Texts)
	}
	if v.Stats.Articles != 3 || v.Stats.Sections != 2 || v.Stats.Points != 3 || v.Stats.Paragraphs != 6 || v.Stats.Notes != 1 {
		t.Errorf("stats = %+v", v.Stats)
	}
	c, err := s.Charter(ctx(), "altyndala")
	if err != nil || c.Title != doc.Title {
		t.Errorf("charter = %+v, %v; want title from the document", c, err)
	}
	got, err := s.Document(ctx(), "altyndala", "2020", "en")
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash() != doc.Hash() || got.Title != doc.Title {
		t.Errorf("read back: hash %s title %q, want %s %q", got.Hash(), got.Title, doc.Hash(), doc.Title)
	}
	art := got.Find("art_1")
	if art == nil || len(art.Footnotes) != 1 || art.Footnotes[0] != doc.Find("art_1").Footnotes[0] {
		t.Errorf("footnotes of art_1 not kept: %+v", art)
	}
	if pt := got.Find("art_1-1__para_u1__point_1-1"); pt == nil || pt.Text != "sign laws;" {
		t.Errorf("point art_1-1__para_u1__point_1-1 = %+v", pt)
	}
	cs, err := s.Charters(ctx())
	if err != nil || len(cs) != 1 || cs[0].Slug != "altyndala" {
		t.Errorf("charters = %+v, %v", cs, err)
	}
	// The same label again in the same language is a conflict.
	_, err = s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("en", "a")})
	wantCode(t, err, atazan.EConflict)
}

func testLineage(t *testing.T, open Opener) {
	s := open(t)
	mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("en", "a")})
	v2 := mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "Draft of 2026-02-12", Parent: "2020", Doc: SampleDocument("en", "b")})
	if v2.Parent != "2020" {
		t.Errorf("parent = %q, want 2020", v2.Parent)
	}
	vs, err := s.Versions(ctx(), "altyndala")
	if err != nil || len(vs) != 2 || vs[0].Label != "2020" || vs[1].Label != "Draft of 2026-02-12" {
		t.Fatalf("versions = %+v, %v", vs, err)
	}
	if vs[0].Hash == vs[1].Hash {
		t.Errorf("different texts share a hash")
	}
	_, err = s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "x", Parent: "nope", Doc: SampleDocument("en", "c")})
	wantCode(t, err, atazan.ENotFound)
	if e := err.(*atazan.Error); e.Field != "parent" {
		t.Errorf("missing parent error names field %q, want parent", e.Field)
	}
}

func testParallelTexts(t *testing.T, open Opener) {
	s := open(t)
	en := SampleDocument("en", "a")
	mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: en})
	ru := SampleDocument("ru", "б")
	v := mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: ru})
	if v.Hash != en.Hash() {
		t.Errorf("adding a parallel text changed the version hash")
	}
	if len(v.Texts) != 2 || v.Texts[1].Lang != "ru" || v.Texts[1].Hash != ru.Hash() {
		t.Errorf("texts = %+v", v.Texts)
	}
	got, err := s.Document(ctx(), "altyndala", "2020", "ru")
	if err != nil || got.Hash() != ru.Hash() {
		t.Fatalf("ru text: %v", err)
	}
	// A text whose structure differs is refused, with every mismatch named.
	kk := SampleDocument("kk", "в")
	kk.Units[1].Children[0].Children = kk.Units[1].Children[0].Children[:2] // drop art_1__para_2-1
	kk.Units[2].Children[0].Number = "3"
	kk.AssignIDs()
	_, err = s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: kk})
	wantCode(t, err, atazan.EInvalid)
	for _, id := range []string{"art_1__para_2-1", "art_2"} {
		if !strings.Contains(err.Error(), id) {
			t.Errorf("mismatch error does not name %s: %v", id, err)
		}
	}
	if _, err := s.Document(ctx(), "altyndala", "2020", "kk"); atazan.ErrorCode(err) != atazan.ENotFound {
		t.Errorf("refused kk text was stored: %v", err)
	}
}

func testPublish(t *testing.T, open Opener) {
	s := open(t)
	mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("en", "a")})
	v, err := s.PublishVersion(ctx(), "altyndala", "2020", "")
	if err != nil || v.Status != charter.StatusPublished || v.PublishedAt == nil {
		t.Fatalf("publish: %+v, %v", v, err)
	}
	_, err = s.PublishVersion(ctx(), "altyndala", "2020", "")
	wantCode(t, err, atazan.EConflict)
	_, err = s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("ru", "a")})
	wantCode(t, err, atazan.EConflict)
	v2, err := s.Version(ctx(), "altyndala", "2020")
	if err != nil || len(v2.Texts) != 1 {
		t.Errorf("published version changed: %+v, %v", v2, err)
	}
}

func testNotFound(t *testing.T, open Opener) {
	s := open(t)
	_, err := s.Charter(ctx(), "nope")
	wantCode(t, err, atazan.ENotFound)
	_, err = s.Versions(ctx(), "nope")
	wantCode(t, err, atazan.ENotFound)
	mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("en", "a")})
	_, err = s.Version(ctx(), "altyndala", "1999")
	wantCode(t, err, atazan.ENotFound)
	_, err = s.Document(ctx(), "altyndala", "2020", "kk")
	wantCode(t, err, atazan.ENotFound)
	_, err = s.PublishVersion(ctx(), "altyndala", "1999", "")
	wantCode(t, err, atazan.ENotFound)
}

func testBadRequest(t *testing.T, open Opener) {
	s := open(t)
	for _, req := range []charter.ImportRequest{
		{Charter: "Bad Slug", Version: "2020", Doc: SampleDocument("en", "a")},
		{Charter: "altyndala", Version: "", Doc: SampleDocument("en", "a")},
		{Charter: "altyndala", Version: "2020", Doc: &charter.Document{Lang: "en"}},
		{Charter: "altyndala", Version: "2020", Doc: SampleDocument("de", "a")},
		{Charter: "altyndala", Version: "2020", Parent: "2020", Doc: SampleDocument("en", "a")},
	} {
		_, err := s.ImportVersion(ctx(), req)
		wantCode(t, err, atazan.EInvalid)
	}
	cs, err := s.Charters(ctx())
	if err != nil || len(cs) != 0 {
		t.Errorf("refused imports left charters behind: %+v, %v", cs, err)
	}
}

// testConcurrentWrites imports many versions from many goroutines while
// others read: no request may fail (with SQLite: never "database is locked").
func testConcurrentWrites(t *testing.T, open Opener) {
	s := open(t)
	mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "base", Doc: SampleDocument("en", "base")})
	const writers, perWriter, readers = 6, 5, 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter+readers*20)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				label := fmt.Sprintf("v%d-%d", w, i)
				if _, err := s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: label, Parent: "base", Doc: SampleDocument("en", label)}); err != nil {
					errs <- fmt.Errorf("import %s: %w", label, err)
				}
			}
		}()
	}
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := s.Document(ctx(), "altyndala", "base", "en"); err != nil {
					errs <- fmt.Errorf("read: %w", err)
				}
				if _, err := s.Versions(ctx(), "altyndala"); err != nil {
					errs <- fmt.Errorf("list: %w", err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	vs, err := s.Versions(ctx(), "altyndala")
	if err != nil || len(vs) != 1+writers*perWriter {
		t.Errorf("versions after concurrent imports: %d, %v; want %d", len(vs), err, 1+writers*perWriter)
	}
	checkLog(t, s, 1+writers*perWriter)
}

// testConcurrentFailures runs changes at once of which some fail: with
// SQLite they share a group commit, and each failure must undo only its own
// change, never another's, and leave no log record.
func testConcurrentFailures(t *testing.T, open Opener) {
	s := open(t)
	mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "base", Doc: SampleDocument("en", "base")})
	const n = 40
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, conflicts := 0, 0
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			label := fmt.Sprintf("v%d", i)
			if i%2 == 1 {
				label = "base" // a second en text of an existing version: a conflict
			}
			_, err := s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: label, Doc: SampleDocument("en", label)})
			mu.Lock()
			defer mu.Unlock()
			switch atazan.ErrorCode(err) {
			case "":
				ok++
			case atazan.EConflict:
				conflicts++
			default:
				t.Errorf("import %s: %v", label, err)
			}
		}()
	}
	wg.Wait()
	if ok != n/2 || conflicts != n/2 {
		t.Errorf("%d imported and %d conflicts, want %d and %d", ok, conflicts, n/2, n/2)
	}
	vs, err := s.Versions(ctx(), "altyndala")
	if err != nil || len(vs) != 1+n/2 {
		t.Errorf("versions: %d, %v; want %d", len(vs), err, 1+n/2)
	}
	checkLog(t, s, int64(1+n/2))
}

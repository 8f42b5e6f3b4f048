package amend

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atazan"
	"atazan/charter"
)

// kazakhstanPath is the official English text of the Constitution of the
// Republic of Kazakhstan (1995, as amended), the test vector of real articles.
var kazakhstanPath = filepath.Join("..", "..", "shared", "data", "charters", "kazakhstan-1995-en.txt")

// kazakhstanText returns the test vector, skipping the test when it is
// absent, except in CI (CI=true), where its absence fails the test.
func kazakhstanText(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(kazakhstanPath)
	if errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("test vector %s is missing; CI must provide it", kazakhstanPath)
		}
		tb.Skipf("test vector %s is missing: place the official English text of the Constitution of Kazakhstan there to run this test", kazakhstanPath)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return strings.ReplaceAll(string(data), "\r\n", "\n")
}

func importText(tb testing.TB, src string) *charter.Document {
	tb.Helper()
	d, err := charter.Parse([]byte(src), charter.FormatText, "en")
	if err != nil {
		tb.Fatalf("import: %v", err)
	}
	return d
}

// editor edits a source text by hand, line by line, as a drafter would.
// A key names one line: the trimmed line equals the key, or, when the key
// ends with "…", starts with the rest. A key must name exactly one line.
type editor struct {
	tb    testing.TB
	lines []string
}

func (e *editor) find(key string) int {
	e.tb.Helper()
	prefix, isPrefix := strings.CutSuffix(key, "…")
	at := -1
	for i, l := range e.lines {
		l = strings.TrimSpace(l)
		if l == key || (isPrefix && strings.HasPrefix(l, prefix)) {
			if at >= 0 {
				e.tb.Fatalf("key %q names lines %d and %d", key, at+1, i+1)
			}
			at = i
		}
	}
	if at < 0 {
		e.tb.Fatalf("key %q names no line", key)
	}
	return at
}

func (e *editor) replace(key, line string) { i := e.find(key); e.lines[i] = line }
func (e *editor) del(key string)           { i := e.find(key); e.lines = append(e.lines[:i], e.lines[i+1:]...) }
func (e *editor) before(key string, lines ...string) {
	i := e.find(key)
	e.lines = append(e.lines[:i], append(lines, e.lines[i:]...)...)
}
func (e *editor) after(key string, lines ...string) {
	i := e.find(key) + 1
	e.lines = append(e.lines[:i], append(lines, e.lines[i:]...)...)
}

func mustParse(tb testing.TB, js string) *Amendment {
	tb.Helper()
	a, err := Parse([]byte(js))
	if err != nil {
		tb.Fatalf("parse %s: %v", js, err)
	}
	return a
}

func amendment(tb testing.TB, ops string) *Amendment {
	return mustParse(tb, `{"title":"test","ops":`+ops+`}`)
}

// firstDifference names the first line where two canonical serializations differ.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return "applied:  " + x + "\nimported: " + y
		}
	}
	return "(none)"
}

// TestApplyEqualsImport proves the central promise: applying ops to the
// imported 1995 Constitution gives the hash of importing the text edited by
// hand the same way. Each case also round-trips the result through Markdown.
func TestApplyEqualsImport(t *testing.T) {
	src := kazakhstanText(t)
	base := importText(t, src)
	baseHash := base.Hash()
	cases := []struct {
		name string
		ops  string
		edit func(e *editor)
	}{
		{"replace a numbered paragraph",
			`[{"op":"replace","unit":"art_5__para_2","text":"Public associations shall be equal before the law."}]`,
			func(e *editor) {
				e.replace("2. Public associations shall be equal before the law. Illegal…", "2. Public associations shall be equal before the law.")
			}},
		{"replace keeps NFC and folds white space",
			`[{"op":"replace","unit":"art_7__para_3","text":"  The state shall  create conditions for Qaza\u0071\u0306 languages. "}]`,
			func(e *editor) {
				e.replace("3. The state shall create conditions for the study…", "3. The state shall create conditions for Qazaq\u0306 languages.")
			}},
		{"replace a lead-in keeps its points",
			`[{"op":"replace","unit":"art_44__para_u1","text":"The President of the Republic shall:"}]`,
			func(e *editor) {
				e.replace("The President of the Republic of Kazakhstan shall:", "The President of the Republic shall:")
			}},
		{"replace a point",
			`[{"op":"replace","unit":"art_44__para_u1__point_15","text":"exercise the right of pardon;"}]`,
			func(e *editor) {
				e.replace("15) exercise the pardon of citizens;", "15) exercise the right of pardon;")
			}},
		{"replace a note",
			`[{"op":"replace","unit":"art_4__note_1","text":"Decisions of the Constitutional Council stay in force."}]`,
			func(e *editor) {
				e.replace("Note. In accordance with the Law…", "Note. Decisions of the Constitutional Council stay in force.")
			}},
		{"insert an article after an article",
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","heading":"Land","text":"Land belongs to the people."}]`,
			func(e *editor) { e.before("Article 7", "Article 6-1. Land", "Land belongs to the people.") }},
		{"insert an article, then more paragraphs into it",
			`[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","text":"Land belongs to the people."},
			  {"op":"insert_after","unit":"art_6-1__para_u1","kind":"paragraph","number":"1","text":"The State manages it."},
			  {"op":"insert_into","unit":"art_6-1__para_1","kind":"point","number":"1","text":"by law;"}]`,
			func(e *editor) {
				e.before("Article 7", "Article 6-1", "Land belongs to the people.", "1. The State manages it.", "1) by law;")
			}},
		{"insert an empty article at the start of a section",
			`[{"op":"insert_before","unit":"art_40","kind":"article","number":"39-1"}]`,
			func(e *editor) { e.after("The President", "Article 39-1") }},
		{"insert a point between points",
			`[{"op":"insert_after","unit":"art_44__para_u1__point_3","kind":"point","number":"3-1","text":"appoint the Ombudsman;"}]`,
			func(e *editor) { e.before("4) with the consent of the Senate…", "3-1) appoint the Ombudsman;") }},
		{"insert the first point of a paragraph",
			`[{"op":"insert_into","unit":"art_7__para_2","kind":"point","number":"1","text":"in courts;"}]`,
			func(e *editor) { e.after("2. In state organisations…", "1) in courts;") }},
		{"insert a numbered paragraph into an article",
			`[{"op":"insert_into","unit":"art_7","kind":"paragraph","number":"4","text":"Sign languages are protected."}]`,
			func(e *editor) {
				e.after("3. The state shall create conditions for the study…", "4. Sign languages are protected.")
			}},
		{"insert a paragraph after a 3-1",
			`[{"op":"insert_after","unit":"art_2__para_3-1","kind":"paragraph","number":"3-2","text":"Almaty is a city of republican significance."}]`,
			func(e *editor) {
				e.before(`4. The names "Republic of Kazakhstan"…`, "3-2. Almaty is a city of republican significance.")
			}},
		{"insert a note into an article",
			`[{"op":"insert_into","unit":"art_5","kind":"note","text":"See the law on public associations."}]`,
			func(e *editor) {
				e.after("5. The activities of foreign religious associations…", "Note. See the law on public associations.")
			}},
		{"insert an unnumbered paragraph renumbers the ones after it",
			`[{"op":"insert_after","unit":"art_71__para_1","kind":"paragraph","text":"Judges are independent."},
			  {"op":"replace","unit":"art_71__para_u2","text":"No one may be a judge of the Constitutional Court twice."},
			  {"op":"replace","unit":"art_71__para_u3","text":"The Deputy Chairman is appointed by the President."}]`,
			func(e *editor) {
				e.replace("The same person may not be appointed more than once…", "No one may be a judge of the Constitutional Court twice.")
				e.before("No one may be a judge of the Constitutional Court twice.", "Judges are independent.")
				e.replace("The Deputy Chairman of the Constitutional Court…", "The Deputy Chairman is appointed by the President.")
			}},
		{"delete an unnumbered paragraph renumbers the ones after it",
			`[{"op":"delete","unit":"art_71__para_u1"},
			  {"op":"replace","unit":"art_71__para_u1","text":"The Deputy Chairman is appointed by the President."}]`,
			func(e *editor) {
				e.del("The same person may not be appointed more than once…")
				e.replace("The Deputy Chairman of the Constitutional Court…", "The Deputy Chairman is appointed by the President.")
			}},
		{"delete a note",
			`[{"op":"delete","unit":"art_4__note_1"}]`,
			func(e *editor) { e.del("Note. In accordance with the Law…") }},
		{"delete a paragraph with its points",
			`[{"op":"delete","unit":"art_44__para_u1"}]`,
			func(e *editor) {
				i := e.find("The President of the Republic of Kazakhstan shall:")
				j := e.find("21) exercise other powers…")
				e.lines = append(e.lines[:i], e.lines[j+1:]...)
			}},
		{"delete a point",
			`[{"op":"delete","unit":"art_44__para_u1__point_8"}]`,
			func(e *editor) { e.del("8) Excluded by Law…") }},
		{"delete an article",
			`[{"op":"delete","unit":"art_8"}]`,
			func(e *editor) {
				i := e.find("Article 8")
				j := e.find("Article 9")
				e.lines = append(e.lines[:i], e.lines[j:]...)
			}},
		{"delete the preamble",
			`[{"op":"delete","unit":"preamble"}]`,
			func(e *editor) {
				i := e.find("We, the people of Kazakhstan,")
				j := e.find("adopt this Constitution.")
				e.lines = append(e.lines[:i], e.lines[j+1:]...)
			}},
		{"section title and article heading",
			`[{"op":"heading","unit":"sec_3","text":"The Head of State"},{"op":"heading","unit":"art_7","text":"Languages"}]`,
			func(e *editor) {
				e.replace("The President", "The Head of State")
				e.replace("Article 7", "Article 7. Languages")
			}},
		{"replace the preamble with lines",
			`[{"op":"replace","unit":"preamble","text":"We, the people of Kazakhstan,\n adopt this Constitution."}]`,
			func(e *editor) {
				i := e.find("We, the people of Kazakhstan,")
				j := e.find("adopt this Constitution.")
				e.lines = append(e.lines[:i+1], e.lines[j:]...)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := &editor{tb: t, lines: strings.Split(src, "\n")}
			c.edit(e)
			want := importText(t, strings.Join(e.lines, "\n"))
			got, err := Apply(base, amendment(t, c.ops))
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if got.Hash() != want.Hash() {
				t.Fatalf("hash differs from the import of the edited text; first difference:\n%s", firstDifference(got.Canonical(), want.Canonical()))
			}
			if got.Hash() == baseHash {
				t.Fatal("the amendment changed nothing")
			}
			if base.Hash() != baseHash {
				t.Fatal("Apply changed the document it was given")
			}
			back, err := charter.Parse(charter.ExportMarkdown(got), charter.FormatMarkdown, "en")
			if err != nil {
				t.Fatalf("import the Markdown export of the result: %v", err)
			}
			if back.Hash() != got.Hash() {
				t.Fatalf("the Markdown export of the result imports to another text:\n%s", firstDifference(got.Canonical(), back.Canonical()))
			}
		})
	}
}

func TestApplyErrors(t *testing.T) {
	base := importText(t, kazakhstanText(t))
	baseHash := base.Hash()
	cases := []struct {
		name, ops string
		code      string
		field     string
		message   string // a part of the message
	}{
		{"missing unit", `[{"op":"replace","unit":"art_999","text":"x"}]`, atazan.ENotFound, "ops[0]", "no unit art_999"},
		{"missing unit after a good op", `[{"op":"replace","unit":"art_5__para_1","text":"x"},{"op":"delete","unit":"art_5__para_9"}]`, atazan.ENotFound, "ops[1]", "art_5__para_9"},
		{"op on a deleted unit", `[{"op":"delete","unit":"art_4"},{"op":"replace","unit":"art_4__para_1","text":"x"}]`, atazan.ENotFound, "ops[1]", "deleted by ops[0]"},
		{"op on a deleted point", `[{"op":"delete","unit":"art_44__para_u1__point_2"},{"op":"delete","unit":"art_44__para_u1__point_2"}]`, atazan.ENotFound, "ops[1]", "deleted by ops[0]"},
		{"duplicate article", `[{"op":"insert_after","unit":"art_6","kind":"article","number":"5"}]`, atazan.EConflict, "ops[0]", "Article 5 exists already"},
		{"duplicate paragraph", `[{"op":"insert_after","unit":"art_2__para_3","kind":"paragraph","number":"3-1","text":"x"}]`, atazan.EConflict, "ops[0]", "paragraph 3-1. exists already"},
		{"duplicate point", `[{"op":"insert_after","unit":"art_44__para_u1__point_3","kind":"point","number":"10-1","text":"x"}]`, atazan.EConflict, "ops[0]", "point 10-1) exists already"},
		{"duplicate article inserted twice", `[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1"},{"op":"insert_after","unit":"art_6-1","kind":"article","number":"6-1"}]`, atazan.EConflict, "ops[1]", "exists already"},
		{"article out of order", `[{"op":"insert_after","unit":"art_6","kind":"article","number":"7-1"}]`, atazan.EInvalid, "ops[0]", "before Article 7"},
		{"paragraph out of order", `[{"op":"insert_after","unit":"art_2__para_3","kind":"paragraph","number":"3-2","text":"x"}]`, atazan.EInvalid, "ops[0]", "numbers must increase"},
		{"point out of order", `[{"op":"insert_before","unit":"art_44__para_u1__point_1","kind":"point","number":"2","text":"x"}]`, atazan.EConflict, "ops[0]", "exists already"},
		{"point lower than the one before", `[{"op":"insert_after","unit":"art_44__para_u1__point_3","kind":"point","number":"2-1","text":"x"}]`, atazan.EInvalid, "ops[0]", "after point 3)"},
		{"unknown op", `[{"op":"move","unit":"art_5"}]`, atazan.EInvalid, "ops[0]", "unknown op"},
		{"unknown kind", `[{"op":"insert_after","unit":"art_5","kind":"chapter","number":"1"}]`, atazan.EInvalid, "ops[0]", "unknown kind"},
		{"section not inserted", `[{"op":"insert_after","unit":"sec_1","kind":"section","number":"I-1"}]`, atazan.EInvalid, "ops[0]", "does not insert a section"},
		{"replace an article", `[{"op":"replace","unit":"art_5","text":"x"}]`, atazan.EInvalid, "ops[0]", "no text of its own"},
		{"heading of a paragraph", `[{"op":"heading","unit":"art_5__para_1","text":"x"}]`, atazan.EInvalid, "ops[0]", "has no heading"},
		{"article in an article", `[{"op":"insert_into","unit":"art_5","kind":"article","number":"5-1"}]`, atazan.EInvalid, "ops[0]", "cannot stand in art_5"},
		{"paragraph in a paragraph", `[{"op":"insert_into","unit":"art_5__para_1","kind":"paragraph","text":"x"}]`, atazan.EInvalid, "ops[0]", "cannot stand in"},
		{"anything in a point", `[{"op":"insert_into","unit":"art_44__para_u1__point_1","kind":"point","number":"1","text":"x"}]`, atazan.EInvalid, "ops[0]", "cannot stand in"},
		{"article at the top level after a section", `[{"op":"insert_after","unit":"sec_1","kind":"article","number":"9-1"}]`, atazan.EInvalid, "ops[0]", "belongs in a section"},
		{"article before the preamble", `[{"op":"insert_before","unit":"preamble","kind":"article","number":"0"}]`, atazan.EInvalid, "ops[0]", "before the preamble"},
		{"point in an article after a paragraph", `[{"op":"insert_into","unit":"art_5","kind":"point","number":"1","text":"x"}]`, atazan.EInvalid, "ops[0]", "after a paragraph"},
		{"paragraph before an article's points", `[{"op":"insert_before","unit":"art_44__para_u1","kind":"paragraph","text":"x"}, {"op":"insert_into","unit":"art_44","kind":"point","number":"1","text":"x"}]`, atazan.EInvalid, "ops[1]", "after a paragraph"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := &Amendment{Title: "test"}
			if err := jsonUnmarshalOps(c.ops, &a.Ops); err != nil {
				t.Fatal(err)
			}
			got, err := Apply(base, a)
			var e *atazan.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *atazan.Error", err)
			}
			if e.Code != c.code || e.Field != c.field || !strings.Contains(e.Message, c.message) {
				t.Errorf("err = {%s %s %q}, want {%s %s ...%q...}", e.Code, e.Field, e.Message, c.code, c.field, c.message)
			}
			if got != nil {
				t.Error("Apply returned a document with its error")
			}
			if base.Hash() != baseHash {
				t.Error("a failed Apply changed the document it was given")
			}
		})
	}
}

func TestApplyLanguage(t *testing.T) {
	d := importText(t, "Title\nArticle 1\n1. One.\n")
	a := amendment(t, `[{"op":"replace","unit":"art_1__para_1","text":"Бір."}]`)
	a.Lang = "kk"
	if _, err := Apply(d, a); atazan.ErrorCode(err) != atazan.EInvalid || !strings.Contains(err.Error(), "kk text") {
		t.Errorf("err = %v, want the language named", err)
	}
	a.Lang = "en"
	if _, err := Apply(d, a); err != nil {
		t.Errorf("err = %v", err)
	}
}

func TestApplySeveral(t *testing.T) {
	base := importText(t, "Title\nArticle 1\n1. One.\n2. Two.\nArticle 2\nText.\n")
	a1 := amendment(t, `[{"op":"replace","unit":"art_1__para_1","text":"Uno."}]`)
	a2 := amendment(t, `[{"op":"delete","unit":"art_1__para_2"},{"op":"replace","unit":"art_2__para_u1","text":"Texto."}]`)
	got, err := Apply(base, a1, a2)
	if err != nil {
		t.Fatal(err)
	}
	want := importText(t, "Title\nArticle 1\n1. Uno.\nArticle 2\nTexto.\n")
	if got.Hash() != want.Hash() {
		t.Fatal(firstDifference(got.Canonical(), want.Canonical()))
	}
	bad := amendment(t, `[{"op":"replace","unit":"art_1__para_2","text":"x"}]`)
	bad.Title = "Second"
	_, err = Apply(base, a2, bad)
	var e *atazan.Error
	if !errors.As(err, &e) || e.Field != "ops[0]" || !strings.HasPrefix(e.Message, `amendment 2 ("Second"): `) {
		t.Errorf("err = %#v, want amendment 2 named", err)
	}
}

func TestApplyKeepsFootnotes(t *testing.T) {
	base := importText(t, kazakhstanText(t))
	got, err := Apply(base, amendment(t, `[{"op":"delete","unit":"art_5__para_5"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if g, w := got.Find("art_5").Footnotes, base.Find("art_5").Footnotes; len(g) != 2 || g[0] != w[0] {
		t.Errorf("footnotes = %q, want %q", g, w)
	}
	got.Find("art_5").Footnotes[0] = "changed"
	if base.Find("art_5").Footnotes[0] == "changed" {
		t.Error("the result shares footnotes with the document given")
	}
}

func TestPreview(t *testing.T) {
	base := importText(t, kazakhstanText(t))
	a := amendment(t, `[{"op":"replace","unit":"art_5__para_2","text":"Public associations shall be equal before the law."},
		{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","text":"Land belongs to the people."}]`)
	changes, err := Preview(base, a)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, string(c.Change)+" "+string(c.Unit))
	}
	want := []string{"changed art_5__para_2", "added art_6-1", "added art_6-1__para_u1"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("changes = %q, want %q", got, want)
	}
	var buf bytes.Buffer
	if err := charter.WriteDiffText(&buf, charter.Meta{Version: "draft"}, charter.Meta{Version: "amended"}, changes); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "[- Illegal interference") {
		t.Errorf("redline does not strike the deleted words:\n%s", buf.String())
	}
	if _, err := Preview(base, amendment(t, `[{"op":"delete","unit":"art_0"}]`)); atazan.ErrorCode(err) != atazan.ENotFound {
		t.Errorf("err = %v, want not_found", err)
	}
}

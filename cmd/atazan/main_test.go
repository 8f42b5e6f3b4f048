package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kazakhstanFile returns the path of the real Constitution of Kazakhstan, or
// skips (fails under CI) when ../shared/data is absent.
func kazakhstanFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", "charters", "kazakhstan-1995-en.txt")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data missing under CI: %v", err)
		}
		t.Skipf("shared data missing (%v): skipping", err)
	}
	return p
}

// run runs atazan in-process and returns its exit status and output streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := run(t, args...)
	if code != 0 {
		t.Fatalf("atazan %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func tempDB(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "atazan.db") }

func TestImportKazakhstan(t *testing.T) {
	db := tempDB(t)
	// Flags after the positional-free command, in any order.
	out := mustRun(t, "charter", "import", "--db", db, "--charter", "kz", "--version", "1995 as amended 2022", "--lang", "en",
		"--file", kazakhstanFile(t), "--json")
	var got struct {
		Charter, Version, Hash                 string
		Sections, Articles, Paragraphs, Points int
		ArticleNumbers                         []string `json:"article_numbers"`
		LogIndex                               *int64   `json:"log_index"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("--json output is not one JSON object: %v\n%s", err, out)
	}
	if got.Charter != "kz" || got.Version != "1995 as amended 2022" || !strings.HasPrefix(got.Hash, "sha256:") || len(got.Hash) != 71 {
		t.Errorf("import = %+v", got)
	}
	if got.Sections != 9 || got.Articles != 102 || got.Points != 130 {
		t.Errorf("counts: %d sections, %d articles, %d points; want 9, 102, 130", got.Sections, got.Articles, got.Points)
	}
	if n := got.ArticleNumbers; len(n) != 102 || n[0] != "1" || n[len(n)-1] != "99" {
		t.Errorf("article numbers %v", n)
	}
	if got.LogIndex == nil || *got.LogIndex != 0 {
		t.Errorf("receipt log_index = %v, want 0", got.LogIndex)
	}

	// Every export format that imports back gives the same hash.
	for _, format := range []string{"md", "akn"} {
		file := filepath.Join(t.TempDir(), "kz."+format)
		mustRun(t, "charter", "export", "1995 as amended 2022", "--db", db, "--charter", "kz", "--format", format, "--out", file)
		out := mustRun(t, "charter", "import", "--db", db, "--charter", "kz-"+format, "--version", "round trip", "--lang", "en", "--file", file, "--json")
		var rt struct{ Hash string }
		json.Unmarshal([]byte(out), &rt)
		if rt.Hash != got.Hash {
			t.Errorf("%s round trip: hash %s, want %s", format, rt.Hash, got.Hash)
		}
	}
	for _, format := range []string{"json", "html"} {
		out := mustRun(t, "charter", "export", "--db", db, "--charter", "kz", "1995 as amended 2022", "--format", format)
		if !strings.Contains(out, "art_83-1") || !strings.Contains(out, got.Hash) {
			t.Errorf("%s export lacks art_83-1 or the hash", format)
		}
	}
}

func TestDiffAndTable(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	v1 := "Title\n\nSection I\nGeneral\n\nArticle 1\n\n1. The state is free.\n\n2. Power belongs to the people.\n\nFootnote. Old footnote.\n\nArticle 2\n\nEveryone is equal.\n"
	v2 := "Title\n\nSection I\nGeneral\n\nArticle 1\n\n1. The state is free and democratic.\n\n2. Power belongs to the people.\n\nFootnote. New footnote.\n\nArticle 2\n\nEveryone is equal.\n\nArticle 2-1\n\nDigital rights are protected.\n"
	os.WriteFile(filepath.Join(dir, "v1.txt"), []byte(v1), 0o644)
	os.WriteFile(filepath.Join(dir, "v2.txt"), []byte(v2), 0o644)
	mustRun(t, "charter", "import", "--db", db, "--charter", "c", "--version", "one", "--lang", "en", "--file", filepath.Join(dir, "v1.txt"))
	mustRun(t, "charter", "import", "--db", db, "--charter", "c", "--version", "two", "--parent", "one", "--lang", "en", "--file", filepath.Join(dir, "v2.txt"))
	out := mustRun(t, "charter", "diff", "one", "two", "--db", db, "--charter", "c", "--format", "json")
	var d struct {
		From, To string
		Changes  []struct{ Unit, Change, Old, New string }
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"art_1__para_1": "changed", "art_2-1": "added", "art_2-1__para_u1": "added"}
	if d.From != "one" || d.To != "two" || len(d.Changes) != len(want) {
		t.Fatalf("diff = %+v, want changes %v (the footnote change must not be listed)", d, want)
	}
	for _, c := range d.Changes {
		if want[c.Unit] != c.Change {
			t.Errorf("change %+v not expected", c)
		}
	}
	text := mustRun(t, "charter", "diff", "--db", db, "--charter", "c", "one", "two")
	if !strings.Contains(text, "and democratic+}") {
		t.Errorf("text redline lacks the insertion:\n%s", text)
	}
	csv := mustRun(t, "charter", "table", "--db", db, "--charter", "c", "one", "two", "--format", "csv")
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[0], "unit,") {
		t.Errorf("csv table:\n%s", csv)
	}
	html := mustRun(t, "charter", "table", "--db", db, "--charter", "c", "one", "two", "--format", "html")
	if !strings.Contains(html, "<ins>") {
		t.Errorf("html table has no <ins> mark")
	}
}

// Each named bad input exits 1 with an error naming the line, and changes nothing.
func TestImportBadInput(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	big := []byte("Article 1\n\n")
	big = append(big, bytes.Repeat([]byte("x"), 10<<20)...)
	cases := []struct {
		name, text, want string
	}{
		{"duplicate", "T\n\nArticle 1\n\nText.\n\nArticle 1\n\nAgain.\n", "line 7"},
		{"stray", "T\n\nSection I\nGeneral\nstray words here\n\nArticle 1\n\nText.\n", "line 5"},
		{"backwards", "T\n\nArticle 2\n\nText.\n\nArticle 1\n\nText.\n", "line 7"},
		{"empty", "", "empty"},
		{"notutf8", "T\n\nArticle 1\n\n\xff\xfe bad\n", "line 5"},
		{"toolarge", string(big), "10 MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(dir, tc.name+".txt")
			os.WriteFile(f, []byte(tc.text), 0o644)
			code, out, errs := run(t, "charter", "import", "--db", db, "--charter", "c", "--version", tc.name, "--lang", "en", "--file", f)
			if code != 1 || out != "" || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 naming %q", code, out, errs, tc.want)
			}
		})
	}
	out := mustRun(t, "charter", "list", "--db", db, "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("bad imports left data behind: %s", out)
	}
	var v struct{ Records int64 }
	if err := json.Unmarshal([]byte(mustRun(t, "log", "verify", "--db", db, "--json")), &v); err != nil || v.Records != 0 {
		t.Errorf("bad imports left log records behind: %d, %v", v.Records, err)
	}
}

func TestUsage(t *testing.T) {
	if code, _, errs := run(t, "charter", "import", "--no-such-flag"); code != 2 || !strings.Contains(errs, "Usage: atazan charter import") {
		t.Errorf("wrong flag: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "charter", "diff", "--help"); code != 0 || !strings.Contains(errs, "-format") {
		t.Errorf("--help: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "--help"); code != 0 || !strings.Contains(errs, "charter import") || !strings.Contains(errs, "serve") {
		t.Errorf("atazan --help: exit %d, %q", code, errs)
	}
	if code, _, _ := run(t, "no-such-command"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, errs := run(t, "charter", "diff", "onlyone", "--charter", "c"); code != 2 || !strings.Contains(errs, "want 2 argument") {
		t.Errorf("missing argument: exit %d, %q", code, errs)
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProposalsCluster(t *testing.T) {
	const term = "Предлагаю изложить пункт 2 статьи 41 в следующей редакции: Президент избирается на один срок в семь лет без права переизбрания."
	good := "id,text\n" +
		"p1,\"" + term + "\"\n" +
		"p2,Land and its resources belong to the people; foreigners may not own agricultural land.\n" +
		"p3,\"" + strings.ToUpper(term) + "\"\n" +
		"p4,\"Прeдлагаю изложить пункт 2 статьи 41 в слeдующей рeдакции: Президент избираетcя на один срок в семь лет, без права переизбрания!\"\n"
	cases := []struct {
		name, input string
		code        int
		want        string // the output, or a part of standard error
	}{
		{"good", good, 0, "id,cluster\np1,p1\np2,p2\np3,p1\np4,p1\n"},
		{"bom", "\ufeff" + good, 0, "id,cluster\np1,p1\np2,p2\np3,p1\np4,p1\n"},
		{"header", "id,body\np1,text\n", 1, "line 1: the header"},
		{"fields", "id,text\np1,one\np2,two,three\n", 1, "line 3: 3 fields"},
		{"utf8", "id,text\np1,one\np2,\"t\xffo\"\n", 1, "line 3: the text is not valid UTF-8"},
		{"empty id", "id,text\np1,one\n,two\n", 1, "line 3: empty id"},
		{"duplicate", "id,text\np1,one\np2,\"two\nlines\"\np1,three\n", 1, `line 5: id "p1" already on line 2`},
		{"quote", "id,text\np1,\"one\n", 1, "line 2:"},
		{"empty", "", 1, "empty"},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := filepath.Join(dir, tc.name+".csv")
			out := filepath.Join(dir, tc.name+".out.csv")
			if err := os.WriteFile(in, []byte(tc.input), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, "proposals", "cluster", "--input", in, "--output", out)
			got, err := os.ReadFile(out)
			if code != tc.code || stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d", code, stdout, stderr, tc.code)
			}
			if tc.code == 0 {
				if err != nil || string(got) != tc.want {
					t.Errorf("output %q (%v), want %q", got, err, tc.want)
				}
				return
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not name %q", stderr, tc.want)
			}
			if err == nil {
				t.Errorf("rejected input, yet %s was written: %q", out, got)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
				t.Errorf("files left behind: %v", left)
			}
		})
	}
}

func TestProposalsClusterStdio(t *testing.T) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader("id,text\na,Один текст о земле и её недрах.\nb,один текст о земле и ее недрах\n"), Stdout: &out, Stderr: &errb}
	if code := m.Run(context.Background(), []string{"proposals", "cluster", "--input", "-", "--output", "-", "--threshold", "0.5"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if want := "id,cluster\na,a\nb,a\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
	if code, _, errs := run(t, "proposals", "cluster", "--input", "-", "--output", "-", "--threshold", "2"); code != 2 || !strings.Contains(errs, "--threshold") {
		t.Errorf("--threshold 2: exit %d, %q", code, errs)
	}
	if code, _, _ := run(t, "proposals", "cluster", "--input", "-"); code != 2 {
		t.Errorf("no --output: exit %d, want 2", code)
	}
}

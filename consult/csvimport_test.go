package consult

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"

	"atazan"
	"atazan/charter"
)

const importHeader = "source_channel,source_ref,received,region,unit,kind,text,rationale\n"

var regions = map[string]bool{"almaty": true, "shymkent": true, "astana": true}

func regionOK(r string) bool { return regions[r] }

func errorList(errs []RowError) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "%d|%s|%s|%s\n", e.Line, e.Column, e.Code, e.Message)
	}
	return b.String()
}

func TestParseImportValid(t *testing.T) {
	file := "\uFEFF" + strings.ToUpper(importHeader[:14]) + importHeader[14:] +
		"letter,ВХ-2026/0153,2026-03-04,shymkent,art_1__para_2,amend,\"Негізгі қағидаттар:\",\"Қысқа әрі анық.\"\r\n" +
		"email,<CA+1x@mail.kz>,2026-03-05,almaty,,comment,\"Прошу провести обсуждение\nв каждом районе, а не только в городах.\",\n" +
		",,,,,,,\n" +
		"portal,EG-1,2026-03-06, astana ,art_1__para_2__point_1,delete,,\n" +
		"other,\"HOT \"\"7\"\"\",2026-03-06,almaty,preamble,insert_after,New paragraph.,\n"
	rows, errs := ParseImport(strings.NewReader(file), testDoc(), regionOK)
	if len(errs) > 0 {
		t.Fatalf("errors:\n%s", errorList(errs))
	}
	want := []ImportRow{
		{Line: 2, Channel: ChannelLetter, SourceRef: "ВХ-2026/0153", Received: Date{Y: 2026, M: 3, D: 4}, Region: "shymkent", Unit: "art_1__para_2", Kind: KindAmend, Text: "Негізгі қағидаттар:", Rationale: "Қысқа әрі анық.", Lang: "kk"},
		{Line: 3, Channel: ChannelEmail, SourceRef: "<CA+1x@mail.kz>", Received: Date{Y: 2026, M: 3, D: 5}, Region: "almaty", Kind: KindComment, Text: "Прошу провести обсуждение\nв каждом районе, а не только в городах.", Lang: "ru"},
		{Line: 6, Channel: ChannelPortal, SourceRef: "EG-1", Received: Date{Y: 2026, M: 3, D: 6}, Region: "astana", Unit: "art_1__para_2__point_1", Kind: KindDelete},
		{Line: 7, Channel: ChannelOther, SourceRef: `HOT "7"`, Received: Date{Y: 2026, M: 3, D: 6}, Region: "almaty", Unit: "preamble", Kind: KindInsertAfter, Text: "New paragraph.", Lang: "en"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d:\n%+v\nwant\n%+v", i, rows[i], want[i])
		}
	}
	// Without rationale, columns in another order, nil regionOK.
	rows, errs = ParseImport(strings.NewReader("kind,text,unit,region,received,source_ref,source_channel\ncomment,Да,,anywhere,2026-03-01,1,letter\n"), nil, nil)
	if len(errs) > 0 || len(rows) != 1 || rows[0].Region != "anywhere" {
		t.Errorf("rows %+v errors %v", rows, errs)
	}
}

// TestParseImportErrors checks every error with its line and column. Each
// case is a file; want lists "line|column|code|message fragment".
func TestParseImportErrors(t *testing.T) {
	ok := "letter,R-%d,2026-03-04,almaty,art_1,amend,Text,\n"
	row := func(n int) string { return fmt.Sprintf(ok, n) }
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"empty file", "", []string{"0||invalid|the file is empty"}},
		{"only a BOM", "\uFEFF", []string{"0||invalid|the file is empty"}},
		{"unknown column", "source_channel,source_ref,received,region,unit,kind,text,author\n" + row(1),
			[]string{`1|author|invalid|unknown column "author"`}},
		{"missing columns", "source_channel,source_ref,received,unit,text\n",
			[]string{"1|region|invalid|missing column region", "1|kind|invalid|missing column kind"}},
		{"repeated column", "source_channel,source_ref,received,region,unit,kind,text,Text\n",
			[]string{"1|text|invalid|column text appears twice, as columns 7 and 8"}},
		{"header not UTF-8", "source_channel,source_ref,received,region,unit,kind,text,\xff\n",
			[]string{"1||invalid|column 8: the name has bytes that are not UTF-8"}},
		{"header bare quote", "source_channel,sou\"rce_ref\n", []string{`1||invalid|a field has a double quote`}},
		{"bad channel", importHeader + row(1) + "fax,R-2,2026-03-04,almaty,art_1,amend,Text,\n",
			[]string{`3|source_channel|invalid|unknown channel "fax"`}},
		{"no source_ref", importHeader + "letter, ,2026-03-04,almaty,art_1,amend,Text,\n",
			[]string{"2|source_ref|invalid|source_ref is required"}},
		{"long source_ref", importHeader + "letter," + strings.Repeat("R", 201) + ",2026-03-04,almaty,art_1,amend,Text,\n",
			[]string{"2|source_ref|invalid|source_ref is 201 characters; the limit is 200"}},
		{"duplicate source_ref", importHeader + row(1) + row(2) + row(1),
			[]string{`4|source_ref|invalid|source_ref "R-1" already appears on line 2`}},
		{"bad dates", importHeader + "letter,R-1,04.03.2026,almaty,art_1,amend,Text,\nletter,R-2,2026-02-30,almaty,art_1,amend,Text,\nletter,R-3,,almaty,art_1,amend,Text,\n",
			[]string{`2|received|invalid|"04.03.2026" is not a date in the form YYYY-MM-DD`, `3|received|invalid|"2026-02-30" is not a date`, `4|received|invalid|"" is not a date`}},
		{"unknown region", importHeader + "letter,R-1,2026-03-04,Алматы,art_1,amend,Text,\nletter,R-2,2026-03-04,,art_1,amend,Text,\n",
			[]string{`2|region|invalid|unknown region "Алматы"`, "3|region|invalid|region is required"}},
		{"unknown unit", importHeader + "letter,R-1,2026-03-04,almaty,art_9,amend,Text,\nletter,R-2,2026-03-04,almaty,sec_1,amend,Text,\nletter,R-3,2026-03-04,almaty,,amend,Text,\n",
			[]string{`2|unit|invalid|the version has no unit "art_9"`, "3|unit|invalid|sec_1 is a section", "4|unit|invalid|choose the article, paragraph or point to amend"}},
		{"bad kind", importHeader + "letter,R-1,2026-03-04,almaty,art_1,replace,Text,\nletter,R-2,2026-03-04,almaty,,,Text,\n",
			[]string{`2|kind|invalid|unknown kind "replace"`, `3|kind|invalid|unknown kind ""`}},
		{"empty text", importHeader + "letter,R-1,2026-03-04,almaty,art_1,amend,  ,\n",
			[]string{"2|text|invalid|text is required"}},
		{"oversize text", importHeader + "letter,R-1,2026-03-04,almaty,art_1,amend," + strings.Repeat("ы", 5001) + ",\n",
			[]string{"2|text|invalid|text is 5,001 characters; the limit is 5,000"}},
		{"oversize rationale", importHeader + "letter,R-1,2026-03-04,almaty,art_1,amend,Text," + strings.Repeat("ы", 5001) + "\n",
			[]string{"2|rationale|invalid|rationale is 5,001 characters; the limit is 5,000"}},
		{"control character", importHeader + "letter,R-1,2026-03-04,almaty,art_1,amend,\"a\x07b\",\n",
			[]string{"2|text|invalid|control character (U+0007)"}},
		{"not UTF-8 (windows-1251)", importHeader + row(1) + "letter,R-2,2026-03-04,almaty,art_1,amend,\xcf\xf0\xe5\xe4\xeb\xe0\xe3\xe0\xfe,\n",
			[]string{"3|text|invalid|bytes that are not UTF-8 text; save the file as UTF-8"}},
		{"field count", importHeader + row(1) + "letter,R-2,2026-03-04,almaty\n",
			[]string{"3||invalid|the row has 4 fields; the header has 8"}},
		{"bare quote", importHeader + row(1) + "letter,R-2,2026-03-04,almaty,art_1,amend,He said \"no\",\n" + row(3),
			[]string{"3||invalid|a field has a double quote"}},
		{"unclosed quote", importHeader + row(1) + "letter,R-2,2026-03-04,almaty,art_1,amend,\"Open text,\n" + row(3),
			[]string{"3||invalid|a quoted field has no closing double quote"}},
		{"multi-line row keeps its first line", importHeader + "letter,R-1,2026-03-04,almaty,art_1,amend,\"one\ntwo\nthree\",\nletter,R-1,2026-03-04,almaty,art_1,amend,Text,\n",
			[]string{`5|source_ref|invalid|source_ref "R-1" already appears on line 2`}},
		{"every error of a row", importHeader + "fax,,2026-13-01,mars,art_9,amend,,\n",
			[]string{"2|source_channel|invalid|unknown channel", "2|source_ref|invalid|required", "2|received|invalid|not a date", "2|region|invalid|unknown region", "2|unit|invalid|no unit", "2|text|invalid|text is required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs := ParseImport(strings.NewReader(tt.file), testDoc(), regionOK)
			for _, r := range rows { // only valid rows come back, for an import of the valid rows alone
				for _, e := range errs {
					if e.Line == r.Line {
						t.Errorf("row of line %d returned although it has an error", r.Line)
					}
				}
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("errors:\n%swant %d:\n%s", errorList(errs), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i, w := range tt.want {
				p := strings.SplitN(w, "|", 4)
				e := errs[i]
				if fmt.Sprint(e.Line) != p[0] || e.Column != p[1] || e.Code != p[2] || !strings.Contains(e.Message, p[3]) {
					t.Errorf("error %d: %d|%s|%s|%s\nwant %s", i, e.Line, e.Column, e.Code, e.Message, w)
				}
			}
		})
	}
}

func TestParseImportLimits(t *testing.T) {
	row := "letter,R-%d,2026-03-04,almaty,art_1,amend,Text,\n"
	file := importHeader
	for i := 1; i <= 4; i++ {
		file += fmt.Sprintf(row, i)
	}
	if rows, errs := parseImport(strings.NewReader(file), testDoc(), regionOK, int64(len(file)), 4); len(errs) > 0 || len(rows) != 4 {
		t.Fatalf("at the limits: %d rows, %v", len(rows), errs)
	}
	_, errs := parseImport(strings.NewReader(file), testDoc(), regionOK, int64(len(file)), 3)
	if len(errs) != 1 || errs[0].Line != 5 || errs[0].Code != atazan.ETooLarge || !strings.Contains(errs[0].Message, "more than 3 rows") {
		t.Errorf("rows: %v", errs)
	}
	_, errs = parseImport(strings.NewReader(file), testDoc(), regionOK, int64(len(file))-1, 4)
	if len(errs) != 1 || errs[0].Line != 0 || errs[0].Code != atazan.ETooLarge || !strings.Contains(errs[0].Message, "larger than") {
		t.Errorf("bytes: %v", errs)
	}
	_, errs = parseImport(strings.NewReader(file), testDoc(), regionOK, 64<<20, 4)
	if len(errs) != 0 {
		t.Errorf("%v", errs)
	}
	if got := sizeName(64 << 20); got != "64 MiB" {
		t.Errorf("sizeName = %q", got)
	}
	// A file in another encoding: one error per row up to MaxImportErrors, then a count.
	var b strings.Builder
	b.WriteString(importHeader)
	for i := 1; i <= MaxImportErrors+5; i++ {
		fmt.Fprintf(&b, "letter,R-%d,2026-03-04,almaty,art_1,amend,\xcf\xf0\xe5\xe4,\n", i)
	}
	_, errs = ParseImport(strings.NewReader(b.String()), testDoc(), regionOK)
	if len(errs) != MaxImportErrors+1 || errs[MaxImportErrors-1].Line != MaxImportErrors+1 || !strings.Contains(errs[MaxImportErrors].Message, "and 5 more errors") {
		t.Errorf("%d errors, last %v", len(errs), errs[len(errs)-1])
	}
	// A read error is the platform's, not the user's.
	_, errs = ParseImport(iotest.ErrReader(errors.New("disk")), testDoc(), regionOK)
	if len(errs) != 1 || errs[0].Code != atazan.EInternal {
		t.Errorf("read error: %v", errs)
	}
}

func TestRowError(t *testing.T) {
	e := RowError{Line: 4, Column: "text", Code: atazan.EInvalid, Message: "text is required"}
	if e.Error() != "line 4, text: text is required" {
		t.Error(e.Error())
	}
	if a := e.AsError(); a.Line != 4 || a.Field != "text" || a.Code != atazan.EInvalid || a.Error() != "line 4: text is required" {
		t.Errorf("%+v", a)
	}
	if (RowError{Line: 2, Message: "m"}).Error() != "line 2: m" || (RowError{Message: "m"}).Error() != "m" {
		t.Error("Error forms")
	}
}

// TestParseImportDocExample parses the example of docs/CONSULTATION.md.
func TestParseImportDocExample(t *testing.T) {
	doc := &charter.Document{Lang: "kk", Units: []*charter.Unit{
		{Kind: charter.KindArticle, Number: "7", Children: []*charter.Unit{
			{Kind: charter.KindParagraph, Number: "1", Text: "…"},
			{Kind: charter.KindParagraph, Number: "2", Text: "…"},
		}},
	}}
	doc.AssignIDs()
	file := `source_channel,source_ref,received,region,unit,kind,text,rationale
letter,ВХ-2026/0153,2026-03-04,shymkent,art_7__para_2,amend,"Мемлекеттік тіл – қазақ тілі.","Қысқа әрі анық."
email,<CA+1x@mail.kz>,2026-03-05,almaty,,comment,"Прошу провести обсуждение
в каждом районе, а не только в городах.",
`
	rows, errs := ParseImport(strings.NewReader(file), doc, regionOK)
	if len(errs) > 0 || len(rows) != 2 || rows[0].Lang != "kk" || rows[1].Lang != "ru" || rows[1].Line != 3 {
		t.Errorf("rows %+v errors %v", rows, errs)
	}
}

package charter

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestUnitLabel(t *testing.T) {
	tests := []struct {
		id   UnitID
		want string
	}{
		{"", ""},
		{"preamble", "Preamble"},
		{"sec_3", "Section 3"},
		{"art_5", "Article 5"},
		{"art_83-1", "Article 83-1"},
		{"art_5__para_2", "Article 5, paragraph 2"},
		{"art_8__para_3-1", "Article 8, paragraph 3-1"},
		{"art_5__para_2__point_3", "Article 5, paragraph 2, point 3"},
		{"art_44__para_u1", "Article 44, unnumbered paragraph 1"},
		{"art_44__para_u1__point_3-1", "Article 44, unnumbered paragraph 1, point 3-1"},
		{"art_4__note_1", "Article 4, note 1"},
		{"art_4__para_u", "Article 4, paragraph u"}, // not the unnumbered form: kept as a number
		{"title_1__art_2", "title_1, article 2"},    // unknown parts are kept as written
		{"annex", "annex"},
	}
	for _, tt := range tests {
		if got := UnitLabel(tt.id); got != tt.want {
			t.Errorf("UnitLabel(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestTable(t *testing.T) {
	changes := []Change{
		{Unit: "art_5__para_2", Kind: KindParagraph, Change: ChangeChanged, Old: "a", New: "b"},
		{Unit: "art_7", OldUnit: "art_6", Kind: KindArticle, Change: ChangeRenumbered, Old: "Duties", New: "Duties"},
		{Unit: "art_9", Kind: KindArticle, Change: ChangeRemoved, Old: "Gone"},
		{Unit: "preamble", Kind: KindPreamble, Change: ChangeAdded, New: "We, the people"},
	}
	want := []TableRow{
		{Unit: "art_5__para_2", Label: "Article 5, paragraph 2", Change: ChangeChanged, Current: "a", New: "b"},
		{Unit: "art_7", Label: "Article 7 (formerly Article 6)", Change: ChangeRenumbered, Current: "Duties", New: "Duties"},
		{Unit: "art_9", Label: "Article 9", Change: ChangeRemoved, Current: "Gone"},
		{Unit: "preamble", Label: "Preamble", Change: ChangeAdded, New: "We, the people"},
	}
	if got := Table(changes); !reflect.DeepEqual(got, want) {
		t.Errorf("Table:\n got %+v\nwant %+v", got, want)
	}
	if got := Table(nil); got == nil || len(got) != 0 {
		t.Errorf("Table(nil) = %#v, want an empty table", got)
	}
}

var (
	testM1 = Meta{Charter: "kz-constitution", CharterTitle: "Constitution of the Republic of Kazakhstan",
		Version: "1995 as amended 2022", Hash: "sha256:1111111111111111111111111111111111111111111111111111111111111111",
		Date: time.Date(2022, 6, 8, 0, 0, 0, 0, time.UTC)}
	testM2 = Meta{Charter: "kz-constitution", CharterTitle: "Constitution of the Republic of Kazakhstan",
		Version: "Draft of 2026-02-12", Hash: "sha256:2222222222222222222222222222222222222222222222222222222222222222",
		Date: time.Date(2026, 2, 12, 0, 0, 0, 0, time.UTC)}
)

// testRows are rows with the characters each format must escape.
var testRows = []TableRow{
	{Unit: "art_5__para_1", Label: "Article 5, paragraph 1", Change: ChangeChanged,
		Current: "The President shall appoint the Government.", New: "The Parliament shall appoint the Government."},
	{Unit: "art_7", Label: "Article 7", Change: ChangeAdded,
		New: "Elections | referendums\nThe \"people\", <script>alert(1)</script> & the State."},
	{Unit: "art_9__para_u1", Label: "Article 9, unnumbered paragraph 1", Change: ChangeRemoved, Current: `a\|b, c`},
}

func TestWriteTableCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTableCSV(&b, testM1, testM2, testRows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	want := [][]string{{"unit", "label", "change", "current", "new"}}
	for _, r := range testRows {
		want = append(want, []string{string(r.Unit), r.Label, string(r.Change), r.Current, r.New})
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("CSV read back:\n got %q\nwant %q", recs, want)
	}
}

func TestWriteTableMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTableMarkdown(&b, testM1, testM2, testRows); err != nil {
		t.Fatal(err)
	}
	want := `# Comparative table: Constitution of the Republic of Kazakhstan

- Current version: 1995 as amended 2022 (sha256:1111111111111111111111111111111111111111111111111111111111111111, 2022-06-08)
- New version: Draft of 2026-02-12 (sha256:2222222222222222222222222222222222222222222222222222222222222222, 2026-02-12)

| Unit | Change | Current wording | New wording |
| --- | --- | --- | --- |
| Article 5, paragraph 1 | changed | The President shall appoint the Government. | The Parliament shall appoint the Government. |
| Article 7 | added |  | Elections \| referendums<br>The "people", &lt;script>alert(1)&lt;/script> & the State. |
| Article 9, unnumbered paragraph 1 | removed | a\\\|b, c |  |
`
	if got := b.String(); got != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", got, want)
	}
	// Every table line has exactly five unescaped pipes: four columns.
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		if n := unescapedPipes(line); n != 5 {
			t.Errorf("%d column separators in %q, want 5", n, line)
		}
	}

	b.Reset()
	if err := WriteTableMarkdown(&b, testM1, testM2, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "same normative text") || strings.Contains(b.String(), "| Unit") {
		t.Errorf("empty table:\n%s", b.String())
	}
}

func unescapedPipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // skip the escaped character
		case '|':
			n++
		}
	}
	return n
}

func TestWriteTableHTML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTableHTML(&b, testM1, testM2, testRows); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"<!DOCTYPE html>",
		`<html lang="en">`,
		"<title>Comparative table: Constitution of the Republic of Kazakhstan, 1995 as amended 2022 → Draft of 2026-02-12</title>",
		testM1.Hash, testM2.Hash, "2022-06-08", "2026-02-12",
		"@page { size: A4;",
		"<caption>Changes from 1995 as amended 2022 to Draft of 2026-02-12 (3)</caption>",
		`<th scope="col">Unit</th><th scope="col">Current wording</th><th scope="col">New wording</th>`,
		"<td>The <del>President</del> shall appoint the Government.</td><td>The <ins>Parliament</ins> shall appoint the Government.</td>",
		"<ins>Elections | referendums\nThe &#34;people&#34;, &lt;script&gt;alert(1)&lt;/script&gt; &amp; the State.</ins>",
		`<del>a\|b, c</del>`,
		"Article 9, unnumbered paragraph 1",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Error("wording is not escaped")
	}
	if n := strings.Count(page, "<tr>"); n != 4 {
		t.Errorf("%d table rows, want 4 (header and 3 changes)", n)
	}

	b.Reset()
	if err := WriteTableHTML(&b, testM1, testM2, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "same normative text") || strings.Contains(b.String(), "<table>") {
		t.Errorf("empty table page has a table or no explanation")
	}
}

func testChanges() []Change {
	from := doc(
		preamble("We, the people of Kazakhstan"),
		art("5", "Rights", para("1", "The President shall appoint the Government."), para("2", "Removed | text.")),
		art("6", "Duties", para("1", "Everyone shall pay taxes.")),
	)
	to := doc(
		preamble("We, the people of Kazakhstan"),
		art("5", "Rights", para("1", "The Parliament shall appoint the Government.")),
		art("7", "Duties", para("1", "Everyone shall pay taxes.")),
		art("8", "Elections", para("1", "Elections are free <and> fair.")),
	)
	return Compare(from, to)
}

func TestWriteDiffText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDiffText(&b, testM1, testM2, testChanges()); err != nil {
		t.Fatal(err)
	}
	want := `--- kz-constitution 1995 as amended 2022 sha256:1111111111111111111111111111111111111111111111111111111111111111
+++ kz-constitution Draft of 2026-02-12 sha256:2222222222222222222222222222222222222222222222222222222222222222
~ art_5__para_1 (changed)
    The [-President-]{+Parliament+} shall appoint the Government.
- art_5__para_2 (removed)
    [-Removed | text.-]
> art_6 → art_7 (renumbered)
    Duties
> art_6__para_1 → art_7__para_1 (renumbered)
    Everyone shall pay taxes.
+ art_8 (added)
    {+Elections+}
+ art_8__para_1 (added)
    {+Elections are free <and> fair.+}
`
	if got := b.String(); got != want {
		t.Errorf("WriteDiffText:\n%s\nwant:\n%s", got, want)
	}

	b.Reset()
	if err := WriteDiffText(&b, Meta{}, Meta{}, nil); err != nil {
		t.Fatal(err)
	}
	if want := "--- (unnamed version)\n+++ (unnamed version)\nNo differences in normative text.\n"; b.String() != want {
		t.Errorf("no changes: %q, want %q", b.String(), want)
	}
}

func TestWriteDiffTextMultiline(t *testing.T) {
	c := []Change{{Unit: "art_1", Kind: KindArticle, Change: ChangeChanged, Old: "State\nOld text.", New: "The State\nOld text."}}
	c[0].Redline = Redline(c[0].Old, c[0].New)
	var b bytes.Buffer
	if err := WriteDiffText(&b, testM1, testM2, c); err != nil {
		t.Fatal(err)
	}
	if want := "~ art_1 (changed)\n    {+The +}State\n    Old text.\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to end with:\n%s", b.String(), want)
	}
}

func TestWriteDiffHTML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDiffHTML(&b, testM1, testM2, testChanges()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"<!DOCTYPE html>",
		`<html lang="en">`,
		"<title>Changes: Constitution of the Republic of Kazakhstan, 1995 as amended 2022 → Draft of 2026-02-12</title>",
		testM1.Hash, testM2.Hash,
		"<h2>Article 5, paragraph 1 (changed)</h2>",
		"The <del>President</del><ins>Parliament</ins> shall appoint the Government.",
		"<h2>Article 5, paragraph 2 (removed)</h2>",
		"<del>Removed | text.</del>",
		"<h2>Article 7 (formerly Article 6) (renumbered)</h2>",
		"<ins>Elections are free &lt;and&gt; fair.</ins>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<section>"); n != 6 {
		t.Errorf("%d sections, want 6", n)
	}
}

// TestWriteTableOutcome: rows with sources and decisions add two columns to
// every format, rows without leave the cells empty (CSV, Markdown) or "—".
func TestWriteTableOutcome(t *testing.T) {
	rows := append([]TableRow(nil), testRows...)
	rows[0].Sources = []string{"cluster 12: 5 proposals, accepted", "cluster 14: 2 proposals, rejected"}
	rows[0].Decisions = []string{`amendment 3 "Government": adopted; for 9, against 2, abstain 1`}

	var b bytes.Buffer
	if err := WriteTableCSV(&b, testM1, testM2, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "unit,label,change,current,new,sources,decisions" || len(recs) != 4 {
		t.Fatalf("CSV header %q, %d records", got, len(recs))
	}
	if recs[1][5] != "cluster 12: 5 proposals, accepted\ncluster 14: 2 proposals, rejected" || recs[1][6] != rows[0].Decisions[0] || recs[2][5] != "" || recs[2][6] != "" {
		t.Errorf("CSV rows %q", recs[1:])
	}

	b.Reset()
	if err := WriteTableMarkdown(&b, testM1, testM2, rows); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if !strings.Contains(md, "| Unit | Change | Current wording | New wording | Proposals | Decision |") ||
		!strings.Contains(md, "| cluster 12: 5 proposals, accepted<br>cluster 14: 2 proposals, rejected | amendment 3 \"Government\": adopted; for 9, against 2, abstain 1 |") {
		t.Errorf("Markdown:\n%s", md)
	}
	for _, line := range strings.Split(strings.TrimSpace(md), "\n") {
		if strings.HasPrefix(line, "|") {
			if n := unescapedPipes(line); n != 7 {
				t.Errorf("%d column separators in %q, want 7", n, line)
			}
		}
	}

	b.Reset()
	if err := WriteTableHTML(&b, testM1, testM2, rows); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{`<th scope="col">Proposals</th><th scope="col">Decision</th>`, "cluster 14: 2 proposals, rejected",
		"amendment 3 &#34;Government&#34;: adopted", "<td>—</td><td>—</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

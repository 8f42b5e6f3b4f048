package consolidate

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/consult"
)

func TestCheckDecision(t *testing.T) {
	tests := []struct {
		d       Decision
		reason  string
		code    string
		trimmed string
	}{
		{Accepted, "  Article 41 now says so. ", "", "Article 41 now says so."},
		{OutOfScope, "A matter for ordinary law.", "", "A matter for ordinary law."},
		{Rejected, "   ", atazan.EInvalid, ""},
		{"maybe", "why not", atazan.EInvalid, ""},
		{Pending, "no decision", atazan.EInvalid, ""},
		{Partly, strings.Repeat("ә", MaxReason), "", strings.Repeat("ә", MaxReason)},
		{Partly, strings.Repeat("ә", MaxReason+1), atazan.ETooLarge, ""},
		{Partly, "bad \xff utf-8", atazan.EInvalid, ""},
	}
	for _, tt := range tests {
		got, err := CheckDecision(tt.d, tt.reason)
		if tt.code != "" {
			if atazan.ErrorCode(err) != tt.code {
				t.Errorf("CheckDecision(%q, %.20q) = %v, want code %s", tt.d, tt.reason, err, tt.code)
			}
			continue
		}
		if err != nil || got != tt.trimmed {
			t.Errorf("CheckDecision(%q, %.20q) = %q, %v; want %q", tt.d, tt.reason, got, err, tt.trimmed)
		}
	}
	if _, err := CheckAmendmentRef("A-12\nsecond line"); err == nil {
		t.Error("a two-line amendment reference was accepted")
	}
	if g, err := CheckWorkingGroup(" Rights and freedoms "); err != nil || g != "Rights and freedoms" {
		t.Errorf("CheckWorkingGroup = %q, %v", g, err)
	}
}

func cl(id ClusterID, unit charter.UnitID) Cluster {
	return Cluster{ID: id, Consultation: 1, Unit: unit}
}

func TestCheckMerge(t *testing.T) {
	a, b, c := cl(1, "art_1"), cl(2, "art_1"), cl(3, "art_2")
	merged := cl(4, "art_1")
	merged.MergedInto = 2
	tests := []struct {
		name string
		from []Cluster
		into Cluster
		code string
	}{
		{"two into one", []Cluster{a, merged}, b, atazan.EConflict},
		{"one into another", []Cluster{a}, b, ""},
		{"none", nil, b, atazan.EInvalid},
		{"into itself", []Cluster{b}, b, atazan.EInvalid},
		{"twice", []Cluster{a, a}, b, atazan.EInvalid},
		{"other unit", []Cluster{c}, b, atazan.EConflict},
		{"into a merged one", []Cluster{a}, merged, atazan.EConflict},
	}
	for _, tt := range tests {
		err := CheckMerge(tt.from, tt.into)
		if tt.code == "" && err != nil || tt.code != "" && atazan.ErrorCode(err) != tt.code {
			t.Errorf("%s: CheckMerge = %v, want code %q", tt.name, err, tt.code)
		}
	}
}

func TestCheckSplitAndMove(t *testing.T) {
	c := cl(7, "art_1")
	members := []consult.ProposalID{7, 8, 9}
	for _, tt := range []struct {
		chosen []consult.ProposalID
		ok     bool
	}{
		{[]consult.ProposalID{8}, true},
		{[]consult.ProposalID{8, 9}, true},
		{nil, false},
		{[]consult.ProposalID{8, 8}, false},
		{[]consult.ProposalID{10}, false},
		{[]consult.ProposalID{7, 8, 9}, false},
	} {
		if err := CheckSplit(c, members, tt.chosen); (err == nil) != tt.ok {
			t.Errorf("CheckSplit(%v) = %v, want ok %v", tt.chosen, err, tt.ok)
		}
	}
	other, far := cl(8, "art_1"), cl(9, "art_2")
	if err := CheckMove(9, "art_1", c, other); err != nil {
		t.Errorf("move within a unit: %v", err)
	}
	if err := CheckMove(9, "art_1", c, c); err == nil {
		t.Error("a move to the same cluster was accepted")
	}
	if err := CheckMove(9, "art_1", c, far); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("a move to another unit: %v, want conflict", err)
	}
}

func TestCampaignRule(t *testing.T) {
	r := CampaignRule{MinSize: 4, MinAccounts: 3, Window: time.Hour}
	t0 := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	at := func(min int, who string) Arrival {
		return Arrival{At: t0.Add(time.Duration(min) * time.Minute), Author: who}
	}
	tests := []struct {
		name string
		a    []Arrival
		want bool
	}{
		{"four from three accounts within the hour", []Arrival{at(0, "a"), at(10, "b"), at(20, "c"), at(60, "a")}, true},
		{"the window is closed at its end, in any order", []Arrival{at(60, "a"), at(0, "b"), at(30, "c"), at(45, "d")}, true},
		{"one minute too slow", []Arrival{at(0, "a"), at(10, "b"), at(20, "c"), at(61, "d")}, false},
		{"too few accounts", []Arrival{at(0, "a"), at(1, "b"), at(2, "a"), at(3, "b"), at(4, "a")}, false},
		{"too few proposals", []Arrival{at(0, "a"), at(1, "b"), at(2, "c")}, false},
		{"a burst late in a long cluster", []Arrival{at(0, "x"), at(500, "y"), at(1000, "a"), at(1001, "b"), at(1002, "c"), at(1003, "d")}, true},
	}
	for _, tt := range tests {
		if got := r.Flag(tt.a); got != tt.want {
			t.Errorf("%s: Flag = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseCampaignRule(t *testing.T) {
	r, err := ParseCampaignRule("size=100, window=24h")
	if err != nil || r.MinSize != 100 || r.MinAccounts != DefaultCampaignRule.MinAccounts || r.Window != 24*time.Hour {
		t.Errorf("ParseCampaignRule = %+v, %v", r, err)
	}
	if back, err := ParseCampaignRule(r.String()); err != nil || back != r {
		t.Errorf("round trip of %s = %+v, %v", r, back, err)
	}
	for _, bad := range []string{"size=0", "size=ten", "window=-1h", "speed=3", "accounts=60,size=50", "size"} {
		if _, err := ParseCampaignRule(bad); err == nil {
			t.Errorf("ParseCampaignRule(%q) accepted", bad)
		}
	}
}

func TestBreak(t *testing.T) {
	almaty := time.FixedZone("Asia/Almaty", 5*3600)
	d := func(day, hour int) time.Time { return time.Date(2026, 2, day, hour, 0, 0, 0, time.UTC) }
	b := Break([]Arrival{
		{At: d(1, 20), Region: "ALM", Lang: "kk"}, // 2026-02-02 01:00 in Almaty
		{At: d(1, 10), Region: "AST", Lang: "ru"},
		{At: d(4, 10), Region: "ALM", Lang: "kk"},
	}, almaty)
	want := "ALM:2 AST:1 | kk:2 ru:1 | 2026-02-01:1 2026-02-02:1 2026-02-03:0 2026-02-04:1"
	got := counts(b.Regions) + " | " + counts(b.Langs) + " | " + counts(b.Days)
	if got != want {
		t.Errorf("Break = %s\nwant      %s", got, want)
	}
}

func counts(cs []Count) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.Key+":"+itoaTest(c.N))
	}
	return strings.Join(s, " ")
}

func itoaTest(n int) string { return strconv.Itoa(n) }

func TestBuildRowsAndWriters(t *testing.T) {
	doc, err := charter.Parse([]byte("Article 1\n1. First paragraph.\n2. Second | paragraph.\nArticle 2\nOnly text.\n"), charter.FormatText, "en")
	if err != nil {
		t.Fatal(err)
	}
	clusters := []Cluster{
		{ID: 1, Unit: "art_2", Text: "Delete article 2.", Visible: 3, Supports: 1, Decision: Rejected, Reason: "Kept."},
		{ID: 2, Unit: "art_1__para_2", Text: "Say B.", Visible: 2, Supports: 9},
		{ID: 3, Unit: "art_1__para_2", Text: "Say C.", Visible: 2, Supports: 10, Campaign: true, Decision: Accepted, Reason: "Done."},
		{ID: 4, Unit: "art_1__para_2", Text: "hidden", Visible: 0, Size: 1},
		{ID: 5, Unit: "art_1__para_2", Text: "merged", Visible: 4, MergedInto: 2},
		{ID: 6, Unit: "", Text: "Shorter text overall.", Visible: 1},
	}
	rows := BuildRows(doc, clusters)
	var got []string
	for _, r := range rows {
		var ids []string
		for _, e := range r.Entries {
			ids = append(ids, itoaTest(int(e.Cluster)))
		}
		got = append(got, string(r.Unit)+"="+strings.Join(ids, ",")+"/"+itoaTest(r.Proposals)+"/"+itoaTest(r.Decided))
	}
	if want := "=6/1/0 art_1__para_2=3,2/4/1 art_2=1/3/1"; strings.Join(got, " ") != want {
		t.Errorf("rows = %s, want %s", strings.Join(got, " "), want)
	}
	if rows[1].Current != "Second | paragraph." || rows[1].Label != "Article 1, paragraph 2" {
		t.Errorf("row 1 = %+v", rows[1])
	}
	tab := &Table{Consultation: 1, Charter: "c", Version: "v", Rows: rows}
	var buf bytes.Buffer
	if err := tab.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 5 || strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") || recs[2][4] != "3" || recs[2][9] != "accepted" {
		t.Errorf("CSV = %q, %v", recs, err)
	}
	buf.Reset()
	if err := tab.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"> Second | paragraph.", "| 3 | **campaign** Say C. | 2 | 10 | taken into account | Done. |", "## Article 2 (`art_2`)"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

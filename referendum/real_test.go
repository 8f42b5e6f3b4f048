package referendum

import (
	"os"
	"path/filepath"
	"testing"
)

// russia2020 is the protocol file of the 2020 all-Russian vote on
// amendments to the Constitution of the Russian Federation (see
// ../shared/data/README.md), relative to this package's directory.
var russia2020 = filepath.Join("..", "..", "shared", "data", "precincts", "russia-2020-constitutional-vote.csv.zip")

// sharedFile returns the path of a file of ../shared/data, skipping the
// test when it is absent, except in CI, where its absence fails the test.
func sharedFile(tb testing.TB, path string) string {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared data is required in CI: %v", err)
		}
		tb.Skipf("shared data absent, skipping (%v)", err)
	}
	return path
}

// loadRussia2020 imports the real file, creating its structure, and
// returns the structure, the accepted revisions and the report.
func loadRussia2020(tb testing.TB) (*Structure, []Revision, *ImportReport) {
	tb.Helper()
	path := sharedFile(tb, russia2020)
	m, err := LoadMapping(filepath.Join("testdata", "russia-2020.mapping.json"))
	if err != nil {
		tb.Fatal(err)
	}
	s := NewStructure()
	var revs []Revision
	rep, err := ImportProtocolFile(path, m, s, ImportOptions{CreateStructure: true}, func(r ImportedRow) error {
		revs = append(revs, r.Revision)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s, revs, rep
}

// TestRussia2020 loads the real protocols of 96,765 polling stations as
// they were published and checks the published totals and discrepancies.
func TestRussia2020(t *testing.T) {
	s, revs, rep := loadRussia2020(t)
	if rep.RejectedCount != 0 {
		t.Errorf("%d rows rejected, first %+v", rep.RejectedCount, rep.Rejected[0])
	}
	if rep.Rows != 96_765 || rep.Accepted != 96_765 || len(s.Precincts) != 96_765 || len(s.Regions) != 87 || len(s.Districts) != 2_770 {
		t.Errorf("rows %d, accepted %d; %d precincts, %d regions, %d districts", rep.Rows, rep.Accepted, len(s.Precincts), len(s.Regions), len(s.Districts))
	}
	if rep.Flagged != 8_690 || rep.Warnings["boxes_eq_issued"] != 8_690 || len(rep.Warnings) != 1 {
		t.Errorf("flagged %d, warnings %v; want 8,690 boxes_eq_issued", rep.Flagged, rep.Warnings)
	}
	tl := NewTally(s)
	for _, r := range revs {
		if _, err := tl.Apply(r); err != nil {
			t.Fatal(err)
		}
	}
	n := tl.Nation()
	want := map[Field]int64{Registered: 107_999_611, Issued: 73_107_907, InBoxes: 73_024_006, Invalid: 604_950, Yes: 57_071_119, No: 15_347_937}
	for f, v := range want {
		if n.Sum[f] != v {
			t.Errorf("%s: %d, published %d", f, n.Sum[f], v)
		}
	}
	if n.Precincts != 96_765 || n.Covered != 107_999_611 || n.Sum[Both] != 0 || n.Sum[Received] != 0 {
		t.Errorf("precincts %d, covered %d", n.Precincts, n.Covered)
	}
	if err := tl.Audit(); err != nil {
		t.Error(err)
	}
	r := tl.Decide(mustRules(t, "simple-majority"))
	if !r.Valid || !r.Adopted || r.Regions != 87 {
		t.Errorf("decision %+v", r)
	}
}

// BenchmarkValidateAggregateRussia2020 checks and counts all 96,765 real
// protocols (already parsed, in memory) into a fresh tally.
func BenchmarkValidateAggregateRussia2020(b *testing.B) {
	s, revs, _ := loadRussia2020(b)
	b.ReportAllocs()
	for b.Loop() {
		tl := NewTally(s)
		for _, r := range revs {
			if _, err := tl.Apply(r); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(revs)), "protocols/op")
}

// BenchmarkNewProtocolRussia2020 applies one correction to a tally that
// holds all 96,765 real protocols and decides on the new national totals.
func BenchmarkNewProtocolRussia2020(b *testing.B) {
	s, revs, _ := loadRussia2020(b)
	tl := NewTally(s)
	for _, r := range revs {
		if _, err := tl.Apply(r); err != nil {
			b.Fatal(err)
		}
	}
	rs, _ := LookupRules("kz-constitutional")
	number := make([]int, len(revs))
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		r := revs[i%len(revs)]
		number[i%len(revs)]++
		r.Number = 1 + number[i%len(revs)]
		r.Reason = "recount"
		if _, err := tl.Apply(r); err != nil {
			b.Fatal(err)
		}
		if res := tl.Decide(rs); res.PrecinctsReported != int64(len(revs)) {
			b.Fatal(res)
		}
		i++
	}
}

// BenchmarkImportRussia2020 reads, parses and checks the real file from
// its zip archive (the whole import, without the tally).
func BenchmarkImportRussia2020(b *testing.B) {
	path := sharedFile(b, russia2020)
	m, err := LoadMapping(filepath.Join("testdata", "russia-2020.mapping.json"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ImportProtocolFile(path, m, NewStructure(), ImportOptions{CreateStructure: true}, func(ImportedRow) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

package referendum

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"atazan"
)

const sampleHeader = "Область,ТИК,УИК,Избиратели,Выдано,В ящиках,Недействительные,За,Против,Лишнее\n"

var sampleMapping = Mapping{
	"region": "область", "district": "ТИК", "precinct": " УИК ",
	"registered": "Избиратели", "issued": "Выдано", "in_boxes": "В ящиках",
	"invalid": "Недействительные", "yes": "За", "no": "Против",
}

func importAll(t *testing.T, in string, m Mapping, s *Structure, opts ImportOptions) (*ImportReport, []ImportedRow) {
	t.Helper()
	var rows []ImportedRow
	rep, err := ImportProtocols(strings.NewReader(in), m, s, opts, func(r ImportedRow) error {
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rep, rows
}

func TestImportProtocols(t *testing.T) {
	in := "\ufeff" + sampleHeader +
		"A,T1,1,1000,600,600,10,400,190,x\n" + // line 2: accepted
		"A,T1,2,1000,600,598,10,400,188,x\n" + // line 3: accepted, flagged boxes_eq_issued
		"B,T1,1,1000,600,600,10,400,191,x\n" + // line 4: boxes_sum
		",,,,,,,,,\n" + // skipped
		"B,T1,2,1000,,600,10,400,190,x\n" + // line 6: issued not reported: accepted
		"B,T1,3,1000,600,600,ten,400,190,x\n" + // line 7: not a number
		"B,T1,4,1000,600,600,10,,190,x\n" + // line 8: required
		"A,T1,1,1000,600,600,10,400,190,x\n" + // line 9: repeated
		"C,T1,1,1000,600,600,10,400,190,x\n" + // line 10: unknown precinct (without structure creation)
		"B,T1,5,900,950,950,0,900,50,x\n" // line 11: issued over registered, accepted
	s := NewStructure()
	for _, c := range [][2]string{{"A", "1"}, {"A", "2"}, {"B", "1"}, {"B", "2"}, {"B", "3"}, {"B", "4"}, {"B", "5"}} {
		if _, err := s.AddPrecinct(c[0], "T1", c[1], 1000, false); err != nil {
			t.Fatal(err)
		}
	}
	rep, rows := importAll(t, in, sampleMapping, s, ImportOptions{})
	if rep.Rows != 9 || rep.Accepted != 4 || rep.Flagged != 2 || rep.RejectedCount != 5 {
		t.Errorf("report %+v", rep)
	}
	if !reflect.DeepEqual(rep.Warnings, map[string]int{"boxes_eq_issued": 1, "issued_le_registered": 1}) {
		t.Errorf("warnings %v", rep.Warnings)
	}
	var lines []int
	for _, r := range rows {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int{2, 3, 6, 11}) {
		t.Errorf("accepted lines %v", lines)
	}
	if _, ok := rows[2].Revision.Protocol.Get(Issued); ok || rows[2].Revision.Number != 1 {
		t.Errorf("an empty cell was reported: %+v", rows[2].Revision)
	}
	if _, ok := rows[0].Revision.Protocol.Get(Both); ok {
		t.Error("an unmapped field was reported")
	}
	want := []Rejection{
		{Line: 4, Precinct: "B / T1 / 1", Rules: []string{"boxes_sum"}},
		{Line: 7, Precinct: "B / T1 / 3", Rules: []string{"non_negative"}},
		{Line: 8, Precinct: "B / T1 / 4", Rules: []string{"required"}},
		{Line: 9, Precinct: "A / T1 / 1", Rules: []string{RuleUniquePrecinct}},
		{Line: 10, Precinct: "C / T1 / 1", Rules: []string{RuleKnownPrecinct}},
	}
	for i := range rep.Rejected {
		rep.Rejected[i].Messages = nil
	}
	if !reflect.DeepEqual(rep.Rejected, want) {
		t.Errorf("rejected\n%+v\nwant\n%+v", rep.Rejected, want)
	}
}

func TestImportCreatesStructure(t *testing.T) {
	m := Mapping{}
	for k, v := range sampleMapping {
		m[k] = v
	}
	m["abroad"] = "Лишнее"
	in := sampleHeader +
		"A,T1,1,1000,600,600,10,400,190,\n" +
		"A,T2,1,1200,600,600,10,400,190,\n" +
		"B,T1,1,800,600,600,10,400,190,no\n" +
		"Z,Z1,1,300,100,100,0,60,40,yes\n" +
		"A,T1,1,1000,600,600,10,400,190,\n" + // repeated
		"A,T1,2,-5,600,600,10,400,190,\n" + // negative registered: no precinct
		"Z,Z1,2,300,100,100,0,60,40,no\n" // abroad disagrees
	s := NewStructure()
	tl := NewTally(s)
	rep, err := ImportProtocols(strings.NewReader(in), m, s, ImportOptions{CreateStructure: true}, func(r ImportedRow) error {
		_, err := tl.Apply(r.Revision)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 4 || rep.RejectedCount != 3 || len(s.Regions) != 3 || len(s.Districts) != 4 || len(s.Precincts) != 4 {
		t.Fatalf("report %+v; structure %d/%d/%d", rep, len(s.Regions), len(s.Districts), len(s.Precincts))
	}
	z, _ := s.Region("Z")
	if !s.Regions[z].Abroad || s.Registered() != 3300 || tl.Nation().Covered != 3300 || len(tl.HomeRegions()) != 2 {
		t.Errorf("abroad %v, registered %d", s.Regions[z].Abroad, s.Registered())
	}
	if r := rep.Rejected; r[0].Rules[0] != RuleUniquePrecinct || r[1].Rules[0] != "non_negative" || r[2].Rules[0] != RuleKnownPrecinct {
		t.Errorf("rejections %+v", r)
	}
}

func TestImportFileErrors(t *testing.T) {
	s := NewStructure()
	noop := func(ImportedRow) error { return nil }
	for _, tc := range []struct {
		name string
		in   string
		m    Mapping
		want string
		line int
	}{
		{"missing column", "Область,ТИК,УИК\n", sampleMapping, "no column", 1},
		{"doubled column", strings.Replace(sampleHeader, "Лишнее", "За", 1), sampleMapping, "twice", 1},
		{"empty", "", sampleMapping, "empty", 1},
		{"csv syntax", sampleHeader + "A,T1,\"1,2\n", sampleMapping, "quote", 2},
		{"unmapped required", sampleHeader, Mapping{"region": "Область", "district": "ТИК", "precinct": "УИК"}, "registered must be mapped", 0},
		{"unknown key", sampleHeader, Mapping{"region": "Область", "spoiled": "x"}, "unknown name", 0},
		{"same column", sampleHeader, Mapping{"region": "Область", "district": "область"}, "same column", 0},
	} {
		_, err := ImportProtocols(strings.NewReader(tc.in), tc.m, s, ImportOptions{}, noop)
		var e *atazan.Error
		if !errors.As(err, &e) || !strings.Contains(e.Message, tc.want) || e.Line != tc.line {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// A field the form lacks cannot be mapped.
	form, _ := ParseForm([]string{"registered", "in_boxes", "invalid", "yes", "no"})
	if _, err := ImportProtocols(strings.NewReader(sampleHeader), sampleMapping, s, ImportOptions{Form: form}, noop); err == nil || !strings.Contains(err.Error(), "issued is not a field") {
		t.Errorf("form: %v", err)
	}
	// A correction needs a reason.
	if _, err := ImportProtocols(strings.NewReader(sampleHeader), sampleMapping, s, ImportOptions{Revision: 2}, noop); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Errorf("revision: %v", err)
	}
	// accept's error stops the import.
	stop := errors.New("stop")
	in := sampleHeader + "A,T1,1,1000,600,600,10,400,190,\nA,T1,2,1000,600,600,10,400,190,\n"
	rep, err := ImportProtocols(strings.NewReader(in), sampleMapping, s, ImportOptions{CreateStructure: true}, func(ImportedRow) error { return stop })
	if err != stop || rep.Accepted != 1 {
		t.Errorf("stop: %v %+v", err, rep)
	}
}

func TestParseMapping(t *testing.T) {
	m, err := LoadMapping(filepath.Join("testdata", "russia-2020.mapping.json"))
	if err != nil || m["yes"] != "ДА" {
		t.Fatalf("%v %v", m, err)
	}
	for _, in := range []string{`[]`, `{"region":"a"} {}`, `{"region":"a","district":"b","precinct":"c"}`} {
		if _, err := ParseMapping(strings.NewReader(in)); err == nil || !strings.HasPrefix(err.Error(), "mapping: ") {
			t.Errorf("%s: %v", in, err)
		}
	}
}

func TestOpenProtocolFile(t *testing.T) {
	dir := t.TempDir()
	csvData := sampleHeader + "A,T1,1,1000,600,600,10,400,190,\n"
	writeZip := func(name string, files map[string]string) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(f)
		for n, c := range files {
			w, _ := zw.Create(n)
			w.Write([]byte(c))
		}
		zw.Close()
		f.Close()
		return p
	}
	one := writeZip("one.zip", map[string]string{"data/2020.csv": csvData, "README.txt": "x"})
	two := writeZip("two.zip", map[string]string{"a.csv": csvData, "b.csv": csvData})
	plain := filepath.Join(dir, "p.csv")
	os.WriteFile(plain, []byte(csvData), 0o644)
	for _, p := range []string{one, plain} {
		rep, err := ImportProtocolFile(p, sampleMapping, NewStructure(), ImportOptions{CreateStructure: true}, func(ImportedRow) error { return nil })
		if err != nil || rep.Accepted != 1 {
			t.Errorf("%s: %v %+v", p, err, rep)
		}
	}
	if _, err := OpenProtocolFile(two); err == nil || !strings.Contains(err.Error(), "holds 2 .csv files") {
		t.Errorf("two: %v", err)
	}
	if _, err := OpenProtocolFile(filepath.Join(dir, "x.xlsx")); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("xlsx: %v", err)
	}
	if _, err := OpenProtocolFile(plain + ".zip"); !os.IsNotExist(err) {
		t.Errorf("missing: %v", err)
	}
}

package referendum

import (
	"strings"
	"testing"

	"atazan"
)

func TestParseStructure(t *testing.T) {
	s, err := ParseStructure(strings.NewReader("\ufeffRegion, District ,precinct,registered,abroad\n" +
		"astana,almaty-district,1,2140,\n" +
		"astana,almaty-district,2,1987,no\n" +
		"astana,esil,1,1500,\n" +
		"shymkent,esil,1,1200,0\n" +
		"abroad,europe,moscow-1,3120,true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Regions) != 3 || len(s.Districts) != 4 || len(s.Precincts) != 5 || s.Registered() != 9947 {
		t.Fatalf("%d regions, %d districts, %d precincts, %d voters", len(s.Regions), len(s.Districts), len(s.Precincts), s.Registered())
	}
	a, ok1 := s.Lookup("astana", "esil", "1")
	b, ok2 := s.Lookup("shymkent", "esil", "1")
	if !ok1 || !ok2 || a == b || s.Precincts[a].Registered != 1500 || s.Precincts[b].Registered != 1200 {
		t.Errorf("same codes in different parents: %v %v %v %v", a, ok1, b, ok2)
	}
	if _, ok := s.Lookup("astana", "esil", "2"); ok {
		t.Error("found a precinct that does not exist")
	}
	ab, _ := s.Region("abroad")
	if !s.Regions[ab].Abroad || s.Regions[0].Abroad {
		t.Error("abroad flag")
	}
	if got := s.Name(a); got != "astana / esil / 1" {
		t.Errorf("Name %q", got)
	}
	// The header without abroad is accepted too.
	if _, err := ParseStructure(strings.NewReader("region,district,precinct,registered\nr,d,p,0\n")); err != nil {
		t.Error(err)
	}
}

func TestParseStructureErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		line int
		msg  string
	}{
		{"", 1, "empty"},
		{"region,district,precinct\n", 1, "header"},
		{"region,district,precinct,voters\n", 1, "header"},
		{"region,district,precinct,registered,foreign\n", 1, "header"},
		{"region,district,precinct,registered\n", 2, "no precinct"},
		{"region,district,precinct,registered\nr,d,p,-1\n", 2, "whole number"},
		{"region,district,precinct,registered\nr,d,p,12a\n", 2, "whole number"},
		{"region,district,precinct,registered\nr,d,p,1\nr,d,p,2\n", 3, "listed twice"},
		{"region,district,precinct,registered\nr,,p,1\n", 2, "district code is empty"},
		{"region,district,precinct,registered,abroad\nr,d,p,1,\nr,d,q,1,true\n", 3, "already at home"},
		{"region,district,precinct,registered,abroad\nr,d,p,1,maybe\n", 2, "abroad"},
		{"region,district,precinct,registered\nr,d,p\n", 2, "wrong number of fields"},
		{"region,district,precinct,registered\nr,d,\"p,1\n", 2, "quote"},
	} {
		_, err := ParseStructure(strings.NewReader(tc.in))
		e, ok := err.(*atazan.Error)
		if !ok || e.Line != tc.line || !strings.Contains(e.Message, tc.msg) {
			t.Errorf("%q: %v, want line %d and %q", tc.in, err, tc.line, tc.msg)
		}
	}
}

func TestAddPrecinct(t *testing.T) {
	s := NewStructure()
	if _, err := s.AddPrecinct("r", "d", " p", 1, false); err == nil {
		t.Error("code with spaces accepted")
	}
	if _, err := s.AddPrecinct("r", "d", strings.Repeat("я", 201), 1, false); err == nil {
		t.Error("long code accepted")
	}
	if _, err := s.AddPrecinct("r", "d", "p", -5, false); err == nil {
		t.Error("negative voters accepted")
	}
	if len(s.Regions) != 0 {
		t.Error("a refused precinct left a region behind")
	}
	if _, err := s.AddPrecinct("r", "d", "p", 5, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPrecinct("r", "d", "p", 5, false); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("duplicate: %v", err)
	}
}

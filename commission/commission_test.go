package commission

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"atazan"
)

func day(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseMembers(t *testing.T) {
	in := "\uFEFFName, Email ,POSITION,from,to\r\n" +
		"Aigerim  Sarsenova,A.Sarsenova@example.kz,chair,2026-01-15,\r\n" +
		"\"Petrov, Ivan\",i.petrov@example.kz, member ,2026-01-15,2026-06-30\r\n" +
		"Dana Ospan,d.ospan@example.kz,chair,2026-07-01,\r\n" // a second chair while the first one's term runs
	_, err := ParseMembers(strings.NewReader(in))
	if e, ok := err.(*atazan.Error); !ok || e.Line != 4 || !strings.Contains(e.Message, "line 2") {
		t.Fatalf("err = %v, want the two chairs named", err)
	}
	in = strings.Replace(in, "chair,2026-01-15,", "chair,2026-01-15,2026-06-30", 1)
	ms, err := ParseMembers(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Member{
		{Name: "Aigerim Sarsenova", Email: "a.sarsenova@example.kz", Position: Chair, From: day("2026-01-15"), To: day("2026-06-30")},
		{Name: "Petrov, Ivan", Email: "i.petrov@example.kz", Position: Ordinary, From: day("2026-01-15"), To: day("2026-06-30")},
		{Name: "Dana Ospan", Email: "d.ospan@example.kz", Position: Chair, From: day("2026-07-01")},
	}
	if fmt.Sprint(ms) != fmt.Sprint(want) {
		t.Errorf("members:\n%v\nwant:\n%v", ms, want)
	}
	for _, c := range []struct {
		day  string
		want bool
	}{{"2026-01-14", false}, {"2026-01-15", true}, {"2026-06-30", true}, {"2026-07-01", false}} {
		if got := ms[0].Serving(day(c.day).Add(15 * time.Hour)); got != c.want {
			t.Errorf("Serving(%s) = %v, want %v", c.day, got, c.want)
		}
	}
	if !ms[2].Serving(day("2099-01-01")) {
		t.Error("a term without a last day ends")
	}
}

func TestParseMembersErrors(t *testing.T) {
	const h = "name,email,position,from,to\n"
	const ok = "A B,a@example.kz,chair,2026-01-01,\n"
	cases := []struct {
		name, in string
		code     string
		line     int
		message  string
	}{
		{"empty", "", atazan.EInvalid, 0, "empty"},
		{"header only", h, atazan.EInvalid, 0, "no members"},
		{"wrong header", "name,mail,position,from,to\n" + ok, atazan.EInvalid, 1, "header"},
		{"header in another order", "email,name,position,from,to\n" + ok, atazan.EInvalid, 1, "header"},
		{"too few fields", h + ok + "C D,c@example.kz,member,2026-01-01\n", atazan.EInvalid, 3, "4 fields"},
		{"bad quote", h + ok + "C \"D,c@example.kz,member,2026-01-01,\n", atazan.EInvalid, 3, "not valid CSV"},
		{"no name", h + ok + " ,c@example.kz,member,2026-01-01,\n", atazan.EInvalid, 3, "name is empty"},
		{"long name", h + strings.Repeat("я", MaxName+1) + ",c@example.kz,member,2026-01-01,\n", atazan.EInvalid, 2, "over the limit"},
		{"bad e-mail", h + ok + "C D,c-at-example.kz,member,2026-01-01,\n", atazan.EInvalid, 3, "not an e-mail address"},
		{"e-mail with a name", h + ok + "C D,C D <c@example.kz>,member,2026-01-01,\n", atazan.EInvalid, 3, "not an e-mail address"},
		{"repeated e-mail", h + ok + "C D,c@example.kz,member,2026-01-01,\nE F,C@Example.kz,member,2026-01-01,\n", atazan.EInvalid, 4, "first at line 3"},
		{"bad position", h + ok + "C D,c@example.kz,president,2026-01-01,\n", atazan.EInvalid, 3, "unknown position"},
		{"bad first day", h + ok + "C D,c@example.kz,member,01.01.2026,\n", atazan.EInvalid, 3, "first day"},
		{"no first day", h + ok + "C D,c@example.kz,member,,\n", atazan.EInvalid, 3, "first day"},
		{"bad last day", h + ok + "C D,c@example.kz,member,2026-01-01,2026-02-30\n", atazan.EInvalid, 3, "last day"},
		{"last before first", h + ok + "C D,c@example.kz,member,2026-02-01,2026-01-31\n", atazan.EInvalid, 3, "comes before"},
		{"two secretaries", h + "S,s@example.kz,secretary,2026-01-01,2026-03-01\n" + ok + "T,t@example.kz,secretary,2026-03-01,\n", atazan.EInvalid, 4, "line 2"},
		{"not UTF-8", h + "\xff,a@example.kz,member,2026-01-01,\n", atazan.EInvalid, 0, "UTF-8"},
		{"too large", h + strings.Repeat("x", MaxMembersSize), atazan.ETooLarge, 0, "over the limit"},
		{"too many", h + manyMembers(MaxMembers+1), atazan.ETooLarge, MaxMembers + 2, "at most"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms, err := ParseMembers(strings.NewReader(c.in))
			e, ok := err.(*atazan.Error)
			if !ok {
				t.Fatalf("err = %v, want an *atazan.Error", err)
			}
			if ms != nil || e.Code != c.code || e.Line != c.line || !strings.Contains(e.Message, c.message) {
				t.Errorf("err = {%s line %d %q}, want {%s line %d ...%q...}", e.Code, e.Line, e.Message, c.code, c.line, c.message)
			}
		})
	}
	// Two secretaries one after the other are fine.
	if _, err := ParseMembers(strings.NewReader(h + "S,s@example.kz,secretary,2026-01-01,2026-02-28\nT,t@example.kz,secretary,2026-03-01,\n")); err != nil {
		t.Error(err)
	}
}

func manyMembers(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "M %d,m%d@example.kz,member,2026-01-01,\n", i, i)
	}
	return b.String()
}

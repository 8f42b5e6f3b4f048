package identity

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"atazan"
)

var englishRegions = map[string]string{
	"Abai": "abai", "Akmola": "akmola", "Aktobe": "aktobe", "Almaty Region": "almaty-region",
	"Atyrau": "atyrau", "East Kazakhstan": "east-kazakhstan", "Jambyl": "jambyl",
	"Jetisu": "jetisu", "Karaganda": "karaganda", "Kostanay": "kostanay",
	"Kyzylorda": "kyzylorda", "Mangystau": "mangystau", "North Kazakhstan": "north-kazakhstan",
	"Pavlodar": "pavlodar", "Turkistan": "turkistan", "Ulytau": "ulytau",
	"West Kazakhstan": "west-kazakhstan", "Astana": "astana", "Almaty": "almaty",
	"Shymkent": "shymkent",
}

func TestDefaultRegions(t *testing.T) {
	rs := DefaultRegions()
	if len(rs) != 20 {
		t.Fatalf("DefaultRegions has %d regions, want 20", len(rs))
	}
	for _, r := range rs {
		if englishRegions[r.Names["en"]] != r.Code {
			t.Errorf("region %s has English name %q", r.Code, r.Names["en"])
		}
		for _, lang := range []string{"kk", "ru", "en"} {
			if r.Names[lang] == "" {
				t.Errorf("region %s has no %s name", r.Code, lang)
			}
		}
	}
	// A fresh copy each time.
	rs[0].Names["en"] = "changed"
	if DefaultRegions()[0].Names["en"] == "changed" {
		t.Error("DefaultRegions shares its maps between calls")
	}
}

func TestRegionsMatch(t *testing.T) {
	rs := DefaultRegions()
	tests := []struct{ in, code string }{
		{"almaty region", "almaty-region"},
		{"ALMATY REGION", "almaty-region"},
		{"  Almaty    Region ", "almaty-region"},
		{"almaty-region", "almaty-region"},
		{"Almaty", "almaty"},
		{"almaty", "almaty"},
		{"ALMATY", "almaty"},
		{"Алматы облысы", "almaty-region"},
		{"АЛМАТЫ ОБЛЫСЫ", "almaty-region"},
		{"Алматинская область", "almaty-region"},
		{"Алматы қаласы", "almaty"},
		{"АЛМАТЫ ҚАЛАСЫ", "almaty"},
		{"город Алматы", "almaty"},
		{"Город алматы", "almaty"},
		{"Астана", "astana"},
		{"город Астана", "astana"},
		{"Шымкент", "shymkent"},
		{"Абай облысы", "abai"},
		{"Абайская область", "abai"},
		{"Шығыс Қазақстан облысы", "east-kazakhstan"},
		{"ШЫҒЫС ҚАЗАҚСТАН ОБЛЫСЫ", "east-kazakhstan"},
		{"Восточно-Казахстанская область", "east-kazakhstan"},
		{"Ұлытау облысы", "ulytau"},
		{"ұлытау облысы", "ulytau"},
		{"Түркістан облысы", "turkistan"},
		{"Маңғыстау облысы", "mangystau"},
		{"north-kazakhstan", "north-kazakhstan"},
	}
	for en, code := range englishRegions {
		tests = append(tests, struct{ in, code string }{en, code},
			struct{ in, code string }{strings.ToUpper(en), code},
			struct{ in, code string }{strings.ToLower(en), code},
			struct{ in, code string }{code, code})
	}
	for _, tt := range tests {
		r, err := rs.Match(tt.in)
		if err != nil || r.Code != tt.code {
			t.Errorf("Match(%q) = %s, %v; want %s", tt.in, r.Code, err, tt.code)
		}
	}
}

func TestRegionsMatchUnknown(t *testing.T) {
	rs := DefaultRegions()
	for _, in := range []string{"Almaty City", "Semey", "Алматинская", "almaty_region", "Almaty Regionn"} {
		_, err := rs.Match(in)
		var e *atazan.Error
		if !errors.As(err, &e) || e.Field != "region" || e.Code != atazan.EInvalid {
			t.Errorf("Match(%q): %v, want a region field error", in, err)
			continue
		}
		if !strings.Contains(e.Message, fmt.Sprintf("unknown region %q", in)) || !strings.Contains(e.Message, "almaty-region") {
			t.Errorf("Match(%q): message %q", in, e.Message)
		}
	}
	if _, err := rs.Match("  "); err == nil || err.Error() != "region: is required" {
		t.Errorf("Match of blank = %v", err)
	}
}

func TestRegionName(t *testing.T) {
	r, _ := DefaultRegions().Match("almaty")
	if r.Name("kk") != "Алматы қаласы" || r.Name("ru") != "город Алматы" || r.Name("de") != "Almaty" {
		t.Errorf("names of almaty: %v", r.Names)
	}
}

func TestLoadRegions(t *testing.T) {
	rs, err := LoadRegions(strings.NewReader("Code, KK, RU, EN\nnorth, Солтүстік, Северный, North\nsouth,Оңтүстік,Южный,  South   Side \n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[1].Names["en"] != "South Side" {
		t.Fatalf("LoadRegions = %+v", rs)
	}
	if r, err := rs.Match("south side"); err != nil || r.Code != "south" {
		t.Errorf("Match(south side) = %v, %v", r, err)
	}
	// The built-in list round-trips through the CSV form.
	var b strings.Builder
	b.WriteString("code,kk,ru,en\n")
	for _, r := range DefaultRegions() {
		fmt.Fprintf(&b, "%s,%s,%s,%s\n", r.Code, r.Names["kk"], r.Names["ru"], r.Names["en"])
	}
	if rs, err := LoadRegions(strings.NewReader(b.String())); err != nil || len(rs) != 20 {
		t.Errorf("round trip: %d regions, %v", len(rs), err)
	}
}

func TestLoadRegionsErrors(t *testing.T) {
	tests := []struct{ csv, err string }{
		{"", "line 1: the region list is empty; want the header code,kk,ru,en"},
		{"code,ru,kk,en\n", `line 1: header is "code,ru,kk,en", want code,kk,ru,en`},
		{"code,kk,ru,en\n", "line 2: the region list has a header but no region"},
		{"code,kk,ru,en\na,b,c\n", "line 2: wrong number of fields"},
		{"code,kk,ru,en\nNorth,a,b,c\n", `line 2: region code "North" may hold only a-z, 0-9 and '-'`},
		{"code,kk,ru,en\n,a,b,c\n", `line 2: region code "" is empty`},
		{"code,kk,ru,en\nn,a,,c\n", "line 2: region n has no ru name"},
		{"code,kk,ru,en\nn,a,b,c\nn,d,e,f\n", "line 3: region code n appears twice"},
		{"code,kk,ru,en\nn,a,b,c\ns,d,e,C\n", `line 3: region s: "C" is already the code or a name of region n`},
		{"code,kk,ru,en\nn,a,b,c\ns,N,e,f\n", `line 3: region s: "N" is already the code or a name of region n`},
		{"code,kk,ru,en\nn,a,b,c\n\"s,d,e,f\n", `line 3: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		_, err := LoadRegions(strings.NewReader(tt.csv))
		if err == nil || err.Error() != tt.err {
			t.Errorf("LoadRegions(%q) = %v, want %s", tt.csv, err, tt.err)
		}
	}
	// The same name in two languages of one region is fine.
	if _, err := LoadRegions(strings.NewReader("code,kk,ru,en\nastana,Астана,Астана,Astana\n")); err != nil {
		t.Errorf("kk = ru name: %v", err)
	}
}

func ExampleRegions_Match() {
	rs := DefaultRegions()
	for _, s := range []string{"ALMATY REGION", "Almaty", "город Алматы", "Шығыс Қазақстан облысы"} {
		r, _ := rs.Match(s)
		fmt.Println(r.Code, "|", r.Name("en"), "|", r.Name("kk"))
	}
	_, err := rs.Match("Semey")
	fmt.Println(err.(*atazan.Error).Field)
	// Output:
	// almaty-region | Almaty Region | Алматы облысы
	// almaty | Almaty | Алматы қаласы
	// almaty | Almaty | Алматы қаласы
	// east-kazakhstan | East Kazakhstan | Шығыс Қазақстан облысы
	// region
}

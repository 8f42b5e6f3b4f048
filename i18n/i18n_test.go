package i18n

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestCatalogsComplete fails when any catalog leaves a message empty, or a
// plural message without a form its language needs, or with a form that
// lacks the "%s" for the number.
func TestCatalogsComplete(t *testing.T) {
	for _, l := range Langs {
		c := Get(l)
		v := reflect.ValueOf(c.Messages)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			switch f := v.Field(i).Interface().(type) {
			case string:
				if strings.TrimSpace(f) == "" {
					t.Errorf("%s: message %s is empty", l, name)
				}
			case Plural:
				forms := map[string]string{"One": f.One, "Other": f.Other}
				if l == RU {
					forms["Few"], forms["Many"] = f.Few, f.Many
				}
				for form, s := range forms {
					if strings.Count(s, "%s") != 1 {
						t.Errorf("%s: plural %s.%s = %q: want one %%s", l, name, form, s)
					}
				}
			default:
				t.Errorf("message %s has unexpected type %T", name, f)
			}
		}
	}
}

// TestFormatArgs checks that a format message takes the same number of
// arguments in every language.
func TestFormatArgs(t *testing.T) {
	en := reflect.ValueOf(Get(EN).Messages)
	for _, l := range Langs {
		v := reflect.ValueOf(Get(l).Messages)
		for i := range v.NumField() {
			s, ok := v.Field(i).Interface().(string)
			if !ok {
				continue
			}
			if got, want := strings.Count(s, "%s"), strings.Count(en.Field(i).String(), "%s"); got != want {
				t.Errorf("%s: %s has %d arguments, English has %d", l, v.Type().Field(i).Name, got, want)
			}
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2026, time.November, 29, 10, 0, 0, 0, time.UTC)
	for l, want := range map[Lang]string{KK: "29 қараша 2026", RU: "29 ноября 2026 г.", EN: "29 November 2026"} {
		if got := Get(l).Date(d); got != want {
			t.Errorf("%s: Date = %q, want %q", l, got, want)
		}
	}
	if got := Get(EN).Date(time.Time{}); got != "" {
		t.Errorf("zero date = %q, want empty", got)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		l    Lang
		n    int
		want string
	}{
		{KK, 96765, "96\u00a0765"},
		{RU, 107999611, "107\u00a0999\u00a0611"},
		{EN, 107999611, "107,999,611"},
		{EN, 999, "999"},
		{EN, 1000, "1,000"},
		{RU, -1234, "-1\u00a0234"},
		{KK, 0, "0"},
	}
	for _, tt := range tests {
		if got := Get(tt.l).Number(int64(tt.n)); got != tt.want {
			t.Errorf("%s: Number(%d) = %q, want %q", tt.l, tt.n, got, tt.want)
		}
	}
}

func TestPluralRules(t *testing.T) {
	ru := map[int]PluralForm{0: Many, 1: One, 2: Few, 4: Few, 5: Many, 11: Many, 12: Many, 14: Many,
		21: One, 22: Few, 25: Many, 101: One, 111: Many, 112: Many, 122: Few, 1001: One}
	for n, want := range ru {
		if got := Form(RU, n); got != want {
			t.Errorf("ru: Form(%d) = %s, want %s", n, got, want)
		}
	}
	for _, l := range []Lang{KK, EN} {
		for n, want := range map[int]PluralForm{0: Other, 1: One, 2: Other, 21: Other} {
			if got := Form(l, n); got != want {
				t.Errorf("%s: Form(%d) = %s, want %s", l, n, got, want)
			}
		}
	}
	for _, tt := range []struct {
		l    Lang
		n    int
		want string
	}{
		{RU, 1, "1 статья"}, {RU, 3, "3 статьи"}, {RU, 102, "102 статьи"}, {RU, 11, "11 статей"}, {RU, 1000, "1\u00a0000 статей"},
		{KK, 102, "102 бап"}, {EN, 1, "1 article"}, {EN, 1234, "1,234 articles"},
	} {
		c := Get(tt.l)
		if got := c.Count(c.Articles, tt.n); got != tt.want {
			t.Errorf("%s: Count(Articles, %d) = %q, want %q", tt.l, tt.n, got, tt.want)
		}
	}
}

func TestChoose(t *testing.T) {
	tests := []struct {
		cookie, accept string
		want           Lang
	}{
		{"", "", KK},
		{"ru", "en", RU},
		{"xx", "en-GB,en;q=0.9", EN},
		{"", "de-DE,ru;q=0.8,en;q=0.5", RU},
		{"", "en;q=0.2,kk-KZ;q=0.9", KK},
		{"", "fr", KK},
		{"", "garbage;;;", KK},
	}
	for _, tt := range tests {
		if got := Choose(tt.cookie, tt.accept); got != tt.want {
			t.Errorf("Choose(%q, %q) = %s, want %s", tt.cookie, tt.accept, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, s := range []string{"kk", "ru", "en"} {
		if l, ok := Parse(s); !ok || string(l) != s {
			t.Errorf("Parse(%q) = %q, %v", s, l, ok)
		}
	}
	for _, s := range []string{"", "KK", "de", "en-US"} {
		if _, ok := Parse(s); ok {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}

func TestCheckTemplate(t *testing.T) {
	if err := CheckTemplate("ok", `{{.T.SkipLink}} {{.T.Count .T.Articles 3}} {{.T.Date .X}}`); err != nil {
		t.Errorf("known keys: %v", err)
	}
	err := CheckTemplate("bad", `{{.T.SkipLnk}} {{.T.Home}} {{.T.Nope}}`)
	if err == nil || !strings.Contains(err.Error(), "SkipLnk, Nope") {
		t.Errorf("unknown keys: err = %v", err)
	}
}

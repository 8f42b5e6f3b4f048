package identity

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"atazan"
)

// Hand-checked vectors. Each comment shows the sums so the check digit can be
// verified with pencil and paper.
var validIINs = []struct {
	iin  string
	date string
	sex  string
}{
	// 9 0 0 1 0 1 3 0 0 0 1 · 1..11 = 9+4+6+21+11 = 51; 51 mod 11 = 7
	{"900101300017", "1990-01-01", SexMale},
	// 8 5 0 7 0 2 4 0 0 0 2 · 1..11 = 8+10+28+12+28+22 = 108; 108 mod 11 = 9
	{"850702400029", "1985-07-02", SexFemale},
	// 29 February 2000 (a leap year: divisible by 400).
	// 0 0 0 2 2 9 5 0 0 0 1 · 1..11 = 8+10+54+35+11 = 118; 118 mod 11 = 8
	{"000229500018", "2000-02-29", SexMale},
	// The second weighting.
	// 9 0 0 1 0 1 3 0 0 8 1 · 1..11 = 9+4+6+21+80+11 = 131; 131 mod 11 = 10, so
	// · 3,4,5,6,7,8,9,10,11,1,2 = 27+6+8+27+8+2 = 78; 78 mod 11 = 1
	{"900101300811", "1990-01-01", SexMale},
	// Surrounding spaces are trimmed.
	{"  900101300017\t", "1990-01-01", SexMale},
}

func TestParseIINValid(t *testing.T) {
	for _, tt := range validIINs {
		n, err := ParseIIN(tt.iin)
		if err != nil {
			t.Errorf("ParseIIN(%q): %v", tt.iin, err)
			continue
		}
		if string(n) != strings.TrimSpace(tt.iin) {
			t.Errorf("ParseIIN(%q) = %q", tt.iin, string(n))
		}
		if got := n.BirthDate().Format(time.DateOnly); got != tt.date {
			t.Errorf("%q: BirthDate = %s, want %s", tt.iin, got, tt.date)
		}
		if got := n.Sex(); got != tt.sex {
			t.Errorf("%q: Sex = %s, want %s", tt.iin, got, tt.sex)
		}
	}
}

func TestParseIINInvalid(t *testing.T) {
	tests := []struct {
		in, msg string
	}{
		{"", "must be 12 digits"},
		{"90010130001", "must be 12 digits"},
		{"9001013000170", "must be 12 digits"},
		{"90010130001x", "must be 12 digits"},
		{"9001-1300017", "must be 12 digits"},
		{"900101 300017", "must be 12 digits"},
		{"９００１０１３０００１", "must be 12 digits"}, // full-width digits
		{"900101000017", "7th digit must be 1 to 6 (century and sex)"},
		{"900101700017", "7th digit must be 1 to 6 (century and sex)"},
		{"900101900017", "7th digit must be 1 to 6 (century and sex)"},
		{"991332300017", "date of birth 991332 is not a real date"},
		{"900001300017", "date of birth 900001 is not a real date"},
		{"900100300017", "date of birth 900100 is not a real date"},
		{"900431300017", "date of birth 900431 is not a real date"},
		{"900230300017", "date of birth 900230 is not a real date"},
		// 29 February: 2001 is not a leap year, nor is 1900 (century 3).
		{"010229500017", "date of birth 010229 is not a real date"},
		{"000229300017", "date of birth 000229 is not a real date"},
		{"000229400017", "date of birth 000229 is not a real date"},
		// 1896 (7th digit 1) is a leap year, so the date passes and the check
		// digit is reached: 9 6 0 2 2 9 1 0 0 0 1 · 1..11 =
		// 9+12+8+10+54+7+11 = 111; 111 mod 11 = 1.
		{"960229100010", "check digit is 0, want 1"},
		{"900101300014", "check digit is 4, want 7"},
		{"900101300010", "check digit is 0, want 7"},
		{"900101300812", "check digit is 2, want 1"},
		// 9 0 0 1 0 1 3 0 0 8 0 · 1..11 = 9+4+6+21+80 = 120; 120 mod 11 = 10;
		// · 3,4,…,11,1,2 = 27+6+8+27+8 = 76; 76 mod 11 = 10 again.
		{"900101300800", "check digit cannot be computed: the number is invalid"},
		{"900101300805", "check digit cannot be computed: the number is invalid"},
	}
	for _, tt := range tests {
		n, err := ParseIIN(tt.in)
		var e *atazan.Error
		if !errors.As(err, &e) {
			t.Errorf("ParseIIN(%q) = %q, %v; want *atazan.Error", tt.in, string(n), err)
			continue
		}
		if e.Code != atazan.EInvalid || e.Field != "iin" || e.Message != tt.msg {
			t.Errorf("ParseIIN(%q) = {%s %s %q}, want {invalid iin %q}", tt.in, e.Code, e.Field, e.Message, tt.msg)
		}
		if n != "" {
			t.Errorf("ParseIIN(%q) returned %q with an error", tt.in, string(n))
		}
	}
}

// oracleCheck is a second, deliberately literal implementation of the check
// digit, so the generator below does not trust the code under test.
func oracleCheck(first11 string) (int, bool) {
	w1 := [11]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	w2 := [11]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2}
	for _, w := range [][11]int{w1, w2} {
		s := 0
		for i := range 11 {
			s += w[i] * int(first11[i]-'0')
		}
		if s%11 != 10 {
			return s % 11, true
		}
	}
	return 0, false
}

// genIIN builds a valid IIN for a person of the given birth date and sex with
// the given serial, or reports false when the serial gives no check digit.
func genIIN(birth time.Time, male bool, serial int) (string, bool) {
	d7 := 1 + 2*((birth.Year()-1800)/100)
	if !male {
		d7++
	}
	first11 := fmt.Sprintf("%s%d%04d", birth.Format("060102"), d7, serial)
	c, ok := oracleCheck(first11)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%s%d", first11, c), true
}

func TestParseIINGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	valid, invalid := 0, 0
	for valid < 5000 {
		birth := start.AddDate(0, 0, r.IntN(days+1))
		male := r.IntN(2) == 0
		s, ok := genIIN(birth, male, r.IntN(10000))
		if !ok {
			invalid++
			continue
		}
		valid++
		n, err := ParseIIN(s)
		if err != nil {
			t.Fatalf("ParseIIN(%q) (born %s): %v", s, birth.Format(time.DateOnly), err)
		}
		if !n.BirthDate().Equal(birth) {
			t.Fatalf("%q: BirthDate = %v, want %v", s, n.BirthDate(), birth)
		}
		if (n.Sex() == SexMale) != male {
			t.Fatalf("%q: Sex = %s, male %v", s, n.Sex(), male)
		}
		// Every other check digit must be refused.
		for c := byte('0'); c <= '9'; c++ {
			if c == s[11] {
				continue
			}
			if _, err := ParseIIN(s[:11] + string(c)); err == nil {
				t.Fatalf("ParseIIN accepted %q, a wrong check digit for %q", s[:11]+string(c), s)
			}
		}
	}
	if invalid == 0 {
		t.Error("the generator never met an eleven-digit prefix without a check digit")
	}
}

// TestLeapYears checks 29 February in every year of the three centuries.
func TestLeapYears(t *testing.T) {
	for y := 1800; y < 2100; y++ {
		leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
		d7 := 1 + 2*((y-1800)/100)
		var first11 string
		for serial := 1; ; serial++ {
			first11 = fmt.Sprintf("%02d0229%d%04d", y%100, d7, serial)
			if _, ok := oracleCheck(first11); ok {
				break
			}
		}
		c, _ := oracleCheck(first11)
		s := fmt.Sprintf("%s%d", first11, c)
		_, err := ParseIIN(s)
		if leap && err != nil {
			t.Errorf("%d is a leap year, ParseIIN(%q): %v", y, s, err)
		}
		if !leap && (err == nil || !strings.Contains(err.Error(), "not a real date")) {
			t.Errorf("%d is not a leap year, ParseIIN(%q) = %v", y, s, err)
		}
	}
}

func TestIINMethodsOnUnparsed(t *testing.T) {
	for _, n := range []IIN{"", "abc", "900101000017", "991332300017"} {
		if !n.BirthDate().IsZero() {
			t.Errorf("IIN(%q).BirthDate() = %v, want zero", string(n), n.BirthDate())
		}
	}
	if IIN("900101000017").Sex() != "" {
		t.Error("Sex of a 7th digit 0 should be empty")
	}
}

func TestIINMasked(t *testing.T) {
	n, _ := ParseIIN("900101300017")
	for _, got := range []string{n.String(), fmt.Sprint(n), fmt.Sprintf("%v", n), n.LogValue().String()} {
		if got != "**********17" {
			t.Errorf("masked IIN = %q", got)
		}
	}
}

func TestHashIIN(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	a := HashIIN(key, "900101300017")
	// Vector: HMAC-SHA256(key, "atazan/iin/v1\x00900101300017").
	const want = "fe639225ed3c49d5391d8f003fa75cc98b7b9a553f4144888c485119db526c6c"
	if a != want {
		t.Errorf("HashIIN = %s, want %s", a, want)
	}
	if HashIIN(key, "850702400029") == a {
		t.Error("two IINs hash alike")
	}
	if HashIIN([]byte("another key, another hash set..."), "900101300017") == a {
		t.Error("two keys hash alike")
	}
	if strings.Contains(a, "900101300017") || len(a) != 64 {
		t.Errorf("HashIIN = %q", a)
	}
}

func FuzzParseIIN(f *testing.F) {
	for _, v := range validIINs {
		f.Add(v.iin)
	}
	for _, s := range []string{"", "991332300017", "900101300800", "000229300017", "900101300014", "٩٠٠١٠١٣٠٠٠١٧"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseIIN(s)
		if err != nil {
			var e *atazan.Error
			if !errors.As(err, &e) || e.Field != "iin" || e.Code != atazan.EInvalid {
				t.Fatalf("ParseIIN(%q): error %v is not an iin field error", s, err)
			}
			return
		}
		if len(n) != 12 || n.BirthDate().IsZero() || n.Sex() == "" {
			t.Fatalf("ParseIIN(%q) = %q, inconsistent", s, string(n))
		}
		c, ok := oracleCheck(string(n[:11]))
		if !ok || int(n[11]-'0') != c {
			t.Fatalf("ParseIIN(%q) accepted a wrong check digit", s)
		}
		if n.BirthDate().Format("060102") != string(n[:6]) {
			t.Fatalf("ParseIIN(%q): BirthDate %v does not match", s, n.BirthDate())
		}
		if again, err := ParseIIN(string(n)); err != nil || again != n {
			t.Fatalf("ParseIIN is not idempotent on %q", s)
		}
	})
}

func ExampleParseIIN() {
	n, err := ParseIIN("900101300017")
	if err != nil {
		panic(err)
	}
	fmt.Println(n.BirthDate().Format(time.DateOnly), n.Sex(), n)

	_, err = ParseIIN("900101300014")
	fmt.Println(err)
	_, err = ParseIIN("991332300017")
	fmt.Println(err)
	// Output:
	// 1990-01-01 male **********17
	// iin: check digit is 4, want 7
	// iin: date of birth 991332 is not a real date
}

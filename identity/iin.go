// Package identity holds the pure rules about people and their accounts: the
// Kazakh individual identification number (IIN), regions, password hashing and
// policy, roles and what each may do, rate limits and sign-in lockout, session
// and API tokens, and the validation of a registration.
//
// Nothing here touches a database or HTTP. The store persists what these
// functions produce (an IIN hash, a password hash, a token hash); the web
// package calls them to decide; neither re-implements a rule.
//
// Privacy contract: the clear IIN is never stored, logged or exported. It is
// parsed, checked, hashed with [HashIIN] for uniqueness, and dropped. IIN's
// String method masks the number so that a careless fmt or slog call cannot
// leak it.
package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"time"

	"atazan"
)

// IIN is a Kazakh individual identification number (ЖСН / ИИН) that passed
// [ParseIIN]: exactly 12 ASCII digits.
//
// Layout, digit by digit (1-based):
//
//	1-6   date of birth as YYMMDD
//	7     century and sex: 1, 2 → 1800s; 3, 4 → 1900s; 5, 6 → 2000s;
//	      odd is male, even is female
//	8-11  serial number
//	12    check digit
//
// The check digit: with d1…d11 the first eleven digits, c = Σ i·di mod 11 for
// weights i = 1…11. If c is 10, it is recomputed with the weights
// 3,4,5,6,7,8,9,10,11,1,2; if that again gives 10 no number with these eleven
// digits is valid. Otherwise the 12th digit must equal c.
//
// The methods of IIN are meaningful only on values returned by ParseIIN; on
// any other string they return zero values and never panic.
type IIN string

// ParseIIN checks s (surrounding white space is trimmed) against every rule of
// the IIN and returns it. Errors are *atazan.Error with Code EInvalid and
// Field "iin"; the message names the first rule broken, checked in this order:
// 12 digits, the 7th digit, the date of birth, the check digit.
//
// The error messages never repeat the whole number, only the part at fault.
func ParseIIN(s string) (IIN, error) {
	s = strings.TrimSpace(s)
	if len(s) != 12 {
		return "", atazan.FieldErrorf("iin", "must be 12 digits")
	}
	var d [12]int
	for i := 0; i < 12; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return "", atazan.FieldErrorf("iin", "must be 12 digits")
		}
		d[i] = int(c - '0')
	}
	if d[6] < 1 || d[6] > 6 {
		return "", atazan.FieldErrorf("iin", "7th digit must be 1 to 6 (century and sex)")
	}
	if _, ok := birthDate(d); !ok {
		return "", atazan.FieldErrorf("iin", "date of birth %s is not a real date", s[:6])
	}
	want, ok := checkDigit(d)
	if !ok {
		return "", atazan.FieldErrorf("iin", "check digit cannot be computed: the number is invalid")
	}
	if d[11] != want {
		return "", atazan.FieldErrorf("iin", "check digit is %d, want %d", d[11], want)
	}
	return IIN(s), nil
}

// checkDigit computes the 12th digit from the first eleven of d. ok is false
// when both weightings give 10, which makes every number with these eleven
// digits invalid.
func checkDigit(d [12]int) (digit int, ok bool) {
	sum := 0
	for i := 0; i < 11; i++ {
		sum += (i + 1) * d[i]
	}
	if c := sum % 11; c != 10 {
		return c, true
	}
	sum = 0
	for i := 0; i < 11; i++ {
		sum += ((i+2)%11 + 1) * d[i] // 3,4,…,11,1,2
	}
	if c := sum % 11; c != 10 {
		return c, true
	}
	return 0, false
}

// century returns the first year of the century that the 7th digit encodes.
func century(d7 int) int {
	return 1800 + 100*((d7-1)/2)
}

// birthDate decodes digits 1-7 and reports whether they name a real day.
func birthDate(d [12]int) (time.Time, bool) {
	if d[6] < 1 || d[6] > 6 {
		return time.Time{}, false
	}
	y := century(d[6]) + 10*d[0] + d[1]
	m := 10*d[2] + d[3]
	day := 10*d[4] + d[5]
	if m < 1 || m > 12 || day < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	// time.Date normalizes 31 April to 1 May; a real date survives unchanged.
	if t.Year() != y || t.Month() != time.Month(m) || t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

func (n IIN) digits() ([12]int, bool) {
	var d [12]int
	if len(n) != 12 {
		return d, false
	}
	for i := 0; i < 12; i++ {
		if n[i] < '0' || n[i] > '9' {
			return d, false
		}
		d[i] = int(n[i] - '0')
	}
	return d, true
}

// BirthDate returns the date of birth (midnight UTC) that the number encodes,
// or the zero time if n did not come from ParseIIN.
func (n IIN) BirthDate() time.Time {
	d, ok := n.digits()
	if !ok {
		return time.Time{}
	}
	t, _ := birthDate(d)
	return t
}

// Sex values returned by IIN.Sex.
const (
	SexMale   = "male"
	SexFemale = "female"
)

// Sex returns SexMale for an odd 7th digit and SexFemale for an even one, or
// "" if n did not come from ParseIIN.
func (n IIN) Sex() string {
	d, ok := n.digits()
	if !ok || d[6] < 1 || d[6] > 6 {
		return ""
	}
	if d[6]%2 == 1 {
		return SexMale
	}
	return SexFemale
}

// String returns the number masked except for its last two digits
// ("**********17"), so that printing an IIN by mistake does not leak it. Use
// string(n) where the clear number is truly needed: only to hash it or to
// pass it to an identity provider.
func (n IIN) String() string {
	if len(n) < 4 {
		return strings.Repeat("*", len(n))
	}
	return strings.Repeat("*", len(n)-2) + string(n[len(n)-2:])
}

// LogValue masks the number in structured logs the same way as String.
func (n IIN) LogValue() slog.Value {
	return slog.StringValue(n.String())
}

// iinHashDomain separates IIN hashes from every other use of the same key.
const iinHashDomain = "atazan/iin/v1\x00"

// HashIIN returns the keyed hash that stands for n in storage:
// lowercase hex of HMAC-SHA256(key, "atazan/iin/v1\x00" || n).
//
// It exists ONLY to enforce one account per person (a unique column) and to
// find an account by IIN when the person types it again. The clear IIN is
// never stored, logged or exported; the public log never carries even the
// hash.
//
// The key is what protects the hash: there are only about 10^10 valid IINs,
// so an unkeyed hash could be reversed by trying them all. key must be a
// secret of at least 32 random bytes, kept outside the database (so a stolen
// database backup does not reveal who registered), and must never change
// while accounts exist, or every hash changes with it. HashIIN panics if the
// key is empty, which is a configuration fault, never user input.
func HashIIN(key []byte, n IIN) string {
	if len(key) == 0 {
		panic("identity: HashIIN with an empty key")
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(iinHashDomain))
	m.Write([]byte(n))
	return hex.EncodeToString(m.Sum(nil))
}

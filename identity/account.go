package identity

import (
	"fmt"
	"log/slog"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"atazan"
)

// AccountID identifies an account. IDs are assigned by storage and never
// reused.
type AccountID int64

// Account is a person's account as the rest of the platform sees it. It
// holds neither the IIN (storage keeps only HashIIN of it) nor the password
// (storage keeps only HashPassword of it).
type Account struct {
	ID           AccountID
	Name         string // as registered, cleaned by Registration.Validate
	Region       string // a Region code
	Email        string // normalized by NormalizeEmail; unique
	Roles        []Role
	Verification string // LevelSelfDeclared or LevelVerified
	Disabled     bool   // a disabled account can sign in to nothing and do nothing
	CreatedAt    time.Time
}

// HasRole reports whether the account holds r.
func (a Account) HasRole(r Role) bool { return slices.Contains(a.Roles, r) }

// Authorize is Authorize(a.Roles, act), except that a disabled account may
// do nothing: it gets an EForbidden *atazan.Error saying so.
func (a Account) Authorize(act Action) error {
	if a.Disabled {
		return atazan.Errorf(atazan.EForbidden, "this account is disabled")
	}
	return Authorize(a.Roles, act)
}

// Registration is what a person submits to create an account, as typed.
// Its String, GoString and LogValue methods hide the IIN and the password.
type Registration struct {
	Name     string
	IIN      string
	Region   string // a region's code or name in any language (see Regions.Match)
	Email    string
	Password string
}

// CleanRegistration is a Registration that passed Validate: every field
// cleaned and parsed. Its String, GoString and LogValue methods hide the IIN
// and the password.
type CleanRegistration struct {
	Name     string // white space trimmed and collapsed, NFC
	IIN      IIN
	Region   string // the region's code
	Email    string // NormalizeEmail
	Password string // as typed: to be hashed with HashPassword, then dropped
}

// Name bounds, in Unicode characters.
const (
	MinNameChars = 2
	MaxNameChars = 100
)

// MaxEmailBytes is the longest e-mail address accepted (RFC 5321's limit on
// a forward path, less the angle brackets).
const MaxEmailBytes = 254

// Validate checks every field of a registration and returns it cleaned. It
// checks the fields in a fixed order, name, iin, region, email, password,
// and returns the error of the FIRST field that fails (an EInvalid
// *atazan.Error whose Field is that field's name), so a form shows one
// message at a time, top to bottom.
//
//   - name: trimmed, inner white space collapsed to one space, NFC; 2 to 100
//     characters; valid UTF-8; tabs and line breaks count as white space, any
//     other control character is refused, and so are bidirectional formatting
//     characters (which can make a name display as another);
//   - iin: ParseIIN;
//   - region: regions.Match, returning the region's code;
//   - email: NormalizeEmail;
//   - password: CheckPasswordPolicy, and not equal to the IIN or the e-mail
//     address.
//
// Validate decides only what the form says by itself. Whether the IIN or the
// e-mail address is already registered is storage's question (EConflict), and
// whether the IIN is the person's is a Verifier's.
func (r Registration) Validate(regions Regions) (CleanRegistration, error) {
	var c CleanRegistration
	var err error
	if c.Name, err = cleanName(r.Name); err != nil {
		return CleanRegistration{}, err
	}
	if c.IIN, err = ParseIIN(r.IIN); err != nil {
		return CleanRegistration{}, err
	}
	reg, err := regions.Match(r.Region)
	if err != nil {
		return CleanRegistration{}, err
	}
	c.Region = reg.Code
	if c.Email, err = NormalizeEmail(r.Email); err != nil {
		return CleanRegistration{}, err
	}
	if err := CheckPasswordPolicy(r.Password); err != nil {
		return CleanRegistration{}, err
	}
	if p := strings.TrimSpace(r.Password); p == string(c.IIN) || strings.EqualFold(p, c.Email) {
		return CleanRegistration{}, atazan.FieldErrorf("password", "must not be your IIN or your e-mail address")
	}
	c.Password = r.Password
	return c, nil
}

func cleanName(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", atazan.FieldErrorf("name", "must be valid UTF-8 text")
	}
	for _, c := range s {
		if unicode.IsControl(c) && !unicode.IsSpace(c) {
			return "", atazan.FieldErrorf("name", "must not contain control characters (found U+%04X)", c)
		}
		if unicode.Is(unicode.Bidi_Control, c) {
			return "", atazan.FieldErrorf("name", "must not contain bidirectional formatting characters (found U+%04X)", c)
		}
	}
	s = norm.NFC.String(strings.Join(strings.Fields(s), " "))
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return "", atazan.FieldErrorf("name", "is required")
	case n < MinNameChars:
		return "", atazan.FieldErrorf("name", "must be at least %d characters long", MinNameChars)
	case n > MaxNameChars:
		return "", atazan.FieldErrorf("name", "must be at most %d characters long, it is %d", MaxNameChars, n)
	}
	return s, nil
}

// NormalizeEmail checks that s (trimmed) is one bare e-mail address, as
// net/mail parses it, of at most MaxEmailBytes bytes and with a dot in its
// domain, and returns it lowercased. Display names ("Aigerim
// <a@example.kz>"), comments and lists are refused. Lowercasing the local
// part is a deliberate choice: RFC 5321 lets it be case-sensitive, but no
// provider people use treats it so, and uniqueness must not depend on case.
// Errors are EInvalid *atazan.Error with Field "email".
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", atazan.FieldErrorf("email", "is required")
	}
	if len(s) > MaxEmailBytes {
		return "", atazan.FieldErrorf("email", "must be at most %d bytes long, it is %d", MaxEmailBytes, len(s))
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", atazan.FieldErrorf("email", "%q is not an e-mail address like name@example.kz", s)
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return "", atazan.FieldErrorf("email", "the domain %q of the address is not a full domain name like example.kz", domain)
	}
	return strings.ToLower(s), nil
}

func (r Registration) String() string {
	return fmt.Sprintf("{Name:%q IIN:%s Region:%q Email:%q Password:[hidden]}", r.Name, IIN(r.IIN), r.Region, r.Email)
}

// GoString hides the IIN and the password from %#v too.
func (r Registration) GoString() string { return "identity.Registration" + r.String() }

// LogValue hides the IIN and the password from structured logs.
func (r Registration) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", r.Name), slog.Any("iin", IIN(r.IIN)),
		slog.String("region", r.Region), slog.String("email", r.Email))
}

func (c CleanRegistration) String() string {
	return fmt.Sprintf("{Name:%q IIN:%s Region:%s Email:%s Password:[hidden]}", c.Name, c.IIN, c.Region, c.Email)
}

// GoString hides the IIN and the password from %#v too.
func (c CleanRegistration) GoString() string { return "identity.CleanRegistration" + c.String() }

// LogValue hides the IIN and the password from structured logs.
func (c CleanRegistration) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", c.Name), slog.Any("iin", c.IIN),
		slog.String("region", c.Region), slog.String("email", c.Email))
}

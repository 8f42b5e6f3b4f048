package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"atazan"
)

// Argon2id parameters for new password hashes, chosen for a 2-core server
// after OWASP's Password Storage Cheat Sheet (its first argon2id
// configuration: 19 MiB of memory, 2 passes, 1 lane). One hash costs about
// 19 MiB and a few tens of milliseconds of one core (see
// BenchmarkHashPassword), so the server can check a few dozen sign-ins a
// second without starving other requests; the login rate limits bound the
// rest. Raising them later is safe: NeedsRehash reports old hashes, which are
// replaced at the next successful sign-in.
const (
	argonMemory  = 19 * 1024 // KiB (19 MiB)
	argonTime    = 2         // passes over memory
	argonThreads = 1         // lanes
	argonSaltLen = 16        // bytes
	argonKeyLen  = 32        // bytes
)

// Bounds on parameters accepted from a stored hash, so a corrupted or
// tampered row cannot make CheckPassword allocate gigabytes or spin.
const (
	maxArgonMemory  = 1 << 20 // KiB (1 GiB)
	maxArgonTime    = 16
	maxArgonThreads = 16
)

// normalizePassword maps pw to Unicode NFKC, as NIST SP 800-63B advises, so
// that the same password typed on two keyboards (precomposed or combining
// Kazakh letters, full-width digits) hashes alike. HashPassword and
// CheckPassword both apply it; it must never change while hashes exist.
func normalizePassword(pw string) []byte {
	return []byte(norm.NFKC.String(pw))
}

// HashPassword returns the argon2id hash of pw in the PHC string format
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// with a fresh 16-byte random salt and a 32-byte hash, both in unpadded
// standard base64. The password is NFKC-normalized first. HashPassword does
// not check the password policy; call CheckPasswordPolicy before it.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("identity: reading a random salt: %w", err)
	}
	key := argon2.IDKey(normalizePassword(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return encodePHC(phc{memory: argonMemory, time: argonTime, threads: argonThreads, salt: salt, key: key}), nil
}

type phc struct {
	memory  uint32
	time    uint32
	threads uint8
	salt    []byte
	key     []byte
}

var b64 = base64.RawStdEncoding

func encodePHC(p phc) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(p.salt), b64.EncodeToString(p.key))
}

// parsePHC parses an argon2id PHC string strictly: exactly the layout that
// encodePHC writes, version 19, parameters in order m, t, p without leading
// zeros and within bounds, salt of 8 to 64 bytes and hash of 16 to 64 bytes.
func parsePHC(s string) (phc, error) {
	var p phc
	f := strings.Split(s, "$")
	if len(f) != 6 || f[0] != "" {
		return p, fmt.Errorf("want 5 fields separated by '$', got %d", len(f)-1)
	}
	if f[1] != "argon2id" {
		return p, fmt.Errorf("algorithm is %q, want argon2id", f[1])
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, fmt.Errorf("version is %q, want v=%d", f[2], argon2.Version)
	}
	params := strings.Split(f[3], ",")
	if len(params) != 3 {
		return p, fmt.Errorf("parameters are %q, want m=…,t=…,p=…", f[3])
	}
	var vals [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		v, ok := strings.CutPrefix(params[i], name+"=")
		if !ok || v == "" || (len(v) > 1 && v[0] == '0') {
			return p, fmt.Errorf("parameter %d is %q, want %s=<number>", i+1, params[i], name)
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return p, fmt.Errorf("parameter %s=%s is not a number", name, v)
		}
		vals[i] = n
	}
	if vals[1] < 1 || vals[1] > maxArgonTime {
		return p, fmt.Errorf("t=%d is outside 1 to %d", vals[1], maxArgonTime)
	}
	if vals[2] < 1 || vals[2] > maxArgonThreads {
		return p, fmt.Errorf("p=%d is outside 1 to %d", vals[2], maxArgonThreads)
	}
	if vals[0] < 8*vals[2] || vals[0] > maxArgonMemory {
		return p, fmt.Errorf("m=%d is outside %d to %d", vals[0], 8*vals[2], maxArgonMemory)
	}
	p.memory, p.time, p.threads = uint32(vals[0]), uint32(vals[1]), uint8(vals[2])
	var err error
	if p.salt, err = b64.Strict().DecodeString(f[4]); err != nil || len(p.salt) < 8 || len(p.salt) > 64 {
		return p, fmt.Errorf("salt is not 8 to 64 bytes of unpadded base64")
	}
	if p.key, err = b64.Strict().DecodeString(f[5]); err != nil || len(p.key) < 16 || len(p.key) > 64 {
		return p, fmt.Errorf("hash is not 16 to 64 bytes of unpadded base64")
	}
	return p, nil
}

// CheckPassword reports whether pw matches the encoded hash that
// HashPassword produced (with these or older parameters). The comparison
// takes constant time. A wrong password is (false, nil). An encoding that is
// not a well-formed argon2id PHC string within the accepted bounds is
// (false, error): it is a fault of storage, never of the user, so the error
// is not an *atazan.Error and reports as internal.
func CheckPassword(encoded, pw string) (bool, error) {
	p, err := parsePHC(encoded)
	if err != nil {
		return false, fmt.Errorf("identity: malformed password hash: %v", err)
	}
	key := argon2.IDKey(normalizePassword(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than
// HashPassword uses now (or is malformed), so that the caller should store a
// fresh HashPassword of the password after it checked correctly.
func NeedsRehash(encoded string) bool {
	p, err := parsePHC(encoded)
	if err != nil {
		return true
	}
	return p.memory != argonMemory || p.time != argonTime || p.threads != argonThreads ||
		len(p.salt) != argonSaltLen || len(p.key) != argonKeyLen
}

// Password policy bounds.
const (
	MinPasswordChars = 10  // Unicode characters
	MaxPasswordBytes = 256 // bytes of UTF-8
)

// CheckPasswordPolicy decides whether pw may be chosen as a password. The
// rules follow NIST SP 800-63B: length matters, composition rules do not.
//
//   - at least MinPasswordChars (10) characters, counted as Unicode code
//     points, so a Kazakh or Russian password is not penalized for taking
//     two bytes a letter;
//   - at most MaxPasswordBytes (256) bytes, which bounds the work of hashing
//     and is far beyond any pass phrase;
//   - valid UTF-8;
//   - not one character repeated ("aaaaaaaaaa").
//
// Spaces are allowed anywhere and are significant. Errors are *atazan.Error
// with Field "password".
func CheckPasswordPolicy(pw string) error {
	if !utf8.ValidString(pw) {
		return atazan.FieldErrorf("password", "must be valid UTF-8 text")
	}
	if len(pw) > MaxPasswordBytes {
		return atazan.FieldErrorf("password", "must be at most %d bytes long, it is %d", MaxPasswordBytes, len(pw))
	}
	if n := utf8.RuneCountInString(pw); n < MinPasswordChars {
		return atazan.FieldErrorf("password", "must be at least %d characters long, it is %d", MinPasswordChars, n)
	}
	first, _ := utf8.DecodeRuneInString(pw)
	if strings.Trim(pw, string(first)) == "" {
		return atazan.FieldErrorf("password", "must not be one character repeated")
	}
	return nil
}

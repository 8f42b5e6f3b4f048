package identity

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"atazan"
)

// Vectors from the reference implementation (the argon2 command of
// phc-winner-argon2), e.g.
//
//	printf 'пароль-құпия' | argon2 0123456789abcdef -id -t 2 -k 19456 -p 1 -l 32 -e
var argonVectors = []struct{ pw, encoded string }{
	{"correct horse battery", "$argon2id$v=19$m=16384,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$WWlvXfByfuzhS7LNT2njoWwf1bgbY751UA4YgwRcNGk"},
	{"пароль-құпия", "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q"},
}

func TestCheckPasswordVectors(t *testing.T) {
	for _, v := range argonVectors {
		ok, err := CheckPassword(v.encoded, v.pw)
		if err != nil || !ok {
			t.Errorf("CheckPassword(%s, %q) = %v, %v; want true", v.encoded, v.pw, ok, err)
		}
		ok, err = CheckPassword(v.encoded, v.pw+" ")
		if err != nil || ok {
			t.Errorf("CheckPassword(%s, %q+space) = %v, %v; want false", v.encoded, v.pw, ok, err)
		}
	}
	if !NeedsRehash(argonVectors[0].encoded) {
		t.Error("m=16384 does not need a rehash?")
	}
	if NeedsRehash(argonVectors[1].encoded) {
		t.Error("current parameters need a rehash?")
	}
}

func TestHashPassword(t *testing.T) {
	pw := "Жаңа Конституция 2026"
	a, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := HashPassword(pw)
	if a == b {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if !strings.HasPrefix(a, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("HashPassword = %s", a)
	}
	if NeedsRehash(a) {
		t.Error("a fresh hash needs a rehash")
	}
	for _, enc := range []string{a, b} {
		if ok, err := CheckPassword(enc, pw); !ok || err != nil {
			t.Errorf("CheckPassword(own hash) = %v, %v", ok, err)
		}
		if ok, err := CheckPassword(enc, "Жаңа конституция 2026"); ok || err != nil {
			t.Errorf("CheckPassword(other case) = %v, %v", ok, err)
		}
	}
}

func TestPasswordNormalized(t *testing.T) {
	enc, _ := HashPassword("йод-пароль-２０２６") // precomposed й, full-width digits
	// й as и + combining breve, ASCII digits: the same password after NFKC.
	if ok, err := CheckPassword(enc, "и\u0306од-пароль-2026"); !ok || err != nil {
		t.Errorf("NFKC-equal password refused: %v, %v", ok, err)
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	good := argonVectors[1].encoded
	tests := []string{
		"",
		"password",
		"$argon2i$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=16$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$t=2,m=19456,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=2$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=019456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=-1,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=99999999,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=0,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=1000,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=2,p=0$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=4,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg==$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=2,p=1$MDEy$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2",
		"$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e_BtsDPzw2L_tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
		"$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q$",
		"argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$N3e/BtsDPzw2L/tf8Y0ig7IOWSdqur7OCrBc5q0hx5Q",
	}
	for _, enc := range tests {
		ok, err := CheckPassword(enc, "пароль-құпия")
		if ok || err == nil {
			t.Errorf("CheckPassword(%q) = %v, %v; want an error", enc, ok, err)
		}
		var e *atazan.Error
		if errors.As(err, &e) {
			t.Errorf("CheckPassword(%q): a storage fault reported as a user error: %v", enc, err)
		}
		if !NeedsRehash(enc) {
			t.Errorf("NeedsRehash(%q) = false for a malformed hash", enc)
		}
	}
	// Flipping any single byte of a good hash never verifies the password.
	// The hash is made with the smallest parameters so the test stays fast.
	salt := []byte("0123456789abcdef")
	good = encodePHC(phc{memory: 8, time: 1, threads: 1, salt: salt,
		key: argon2.IDKey([]byte("пароль-құпия"), salt, 1, 8, 1, 32)})
	if ok, err := CheckPassword(good, "пароль-құпия"); !ok || err != nil {
		t.Fatalf("CheckPassword(%s) = %v, %v", good, ok, err)
	}
	for i := range len(good) {
		b := []byte(good)
		b[i] ^= 0x01
		if ok, _ := CheckPassword(string(b), "пароль-құпия"); ok {
			t.Errorf("CheckPassword accepted %q, %s with byte %d flipped", string(b), good, i)
		}
	}
}

func TestCheckPasswordPolicy(t *testing.T) {
	tests := []struct{ pw, err string }{
		{"correct horse", ""},
		{"0123456789", ""},
		{"құпиясөз123", ""},             // 11 characters, 16 bytes
		{"абвгдеёжзи", ""},              // 10 Cyrillic characters
		{"aaaaaaaaab", ""},              // repeated but not all the same
		{"          x", ""},             // spaces count
		{strings.Repeat("ab", 128), ""}, // exactly 256 bytes
		{"", "password: must be at least 10 characters long, it is 0"},
		{"short", "password: must be at least 10 characters long, it is 5"},
		{"қазақша", "password: must be at least 10 characters long, it is 7"},
		{"aaaaaaaaaa", "password: must not be one character repeated"},
		{"ққққққққққққ", "password: must not be one character repeated"},
		{"           ", "password: must not be one character repeated"},
		{strings.Repeat("ab", 128) + "c", "password: must be at most 256 bytes long, it is 257"},
		{strings.Repeat("қ", 129), "password: must be at most 256 bytes long, it is 258"},
		{"abcdefghij\xff", "password: must be valid UTF-8 text"},
	}
	for _, tt := range tests {
		err := CheckPasswordPolicy(tt.pw)
		got := ""
		if err != nil {
			got = err.Error()
			if atazan.ErrorCode(err) != atazan.EInvalid {
				t.Errorf("CheckPasswordPolicy(%q): code %s", tt.pw, atazan.ErrorCode(err))
			}
		}
		if got != tt.err {
			t.Errorf("CheckPasswordPolicy(%q) = %q, want %q", tt.pw, got, tt.err)
		}
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckPassword(b *testing.B) {
	enc, _ := HashPassword("correct horse battery staple")
	for b.Loop() {
		if ok, _ := CheckPassword(enc, "correct horse battery staple"); !ok {
			b.Fatal("refused")
		}
	}
}

func ExampleCheckPassword() {
	enc, err := HashPassword("Жаңа Конституция 2026")
	if err != nil {
		panic(err)
	}
	ok, _ := CheckPassword(enc, "Жаңа Конституция 2026")
	bad, _ := CheckPassword(enc, "жаңа конституция 2026")
	fmt.Println(ok, bad, NeedsRehash(enc))
	// Output: true false false
}

package identity

import (
	"encoding/base64"
	"testing"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok, hash := NewToken()
		if len(tok) != 43 {
			t.Fatalf("token %q has %d characters, want 43", tok, len(tok))
		}
		if b, err := base64.RawURLEncoding.Strict().DecodeString(tok); err != nil || len(b) != TokenBytes {
			t.Fatalf("token %q is not 32 bytes of base64url: %v", tok, err)
		}
		if hash != HashToken(tok) || len(hash) != 64 {
			t.Fatalf("hash %s of %s", hash, tok)
		}
		if seen[tok] {
			t.Fatalf("token %s twice", tok)
		}
		seen[tok] = true
	}
}

func TestHashToken(t *testing.T) {
	// SHA-256 test vector (FIPS 180-2, "abc").
	if got := HashToken("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashToken(abc) = %s", got)
	}
}

package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// TokenBytes is the entropy of a session or API token: 256 bits.
const TokenBytes = 32

// NewToken returns a fresh random token for a session cookie or an API
// token, and its hash. The token is TokenBytes random bytes in unpadded
// base64url (43 characters, safe in cookies, headers and URLs); it is shown
// to its holder once and never stored. The hash, HashToken(token), is what
// storage keeps and looks tokens up by, so a leaked database holds no usable
// token.
//
// Cross-site request forgery is not handled with tokens: the web package uses
// net/http.CrossOriginProtection.
func NewToken() (token string, hash string) {
	b := make([]byte, TokenBytes)
	rand.Read(b) // never fails: crypto/rand.Read crashes the program instead (Go 1.24+)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the lowercase hex SHA-256 of token, the form in which
// tokens are stored and looked up. A plain hash suffices (unlike passwords
// and IINs) because a token has 256 bits of entropy.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

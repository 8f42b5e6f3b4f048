package ledger

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"atazan"
)

// Errors of OpenCheckpoint. The returned errors wrap one of these with
// details; test with errors.Is.
var (
	// ErrMalformedCheckpoint: the message is not a signed note whose text is a
	// canonical checkpoint, or the verifier key is malformed.
	ErrMalformedCheckpoint = &atazan.Error{Code: atazan.EInvalid, Message: "malformed checkpoint"}
	// ErrWrongKey: the note carries no signature by the expected key, or the
	// checkpoint's origin is not the key's name.
	ErrWrongKey = &atazan.Error{Code: atazan.EInvalid, Message: "checkpoint is not signed by the expected key"}
	// ErrBadSignature: the note carries a signature by the expected key name
	// and key hash that does not verify.
	ErrBadSignature = &atazan.Error{Code: atazan.EInvalid, Message: "checkpoint signature does not verify"}
)

// maxCheckpointSize bounds a signed checkpoint as read from a server.
const maxCheckpointSize = 64 << 10

// Checkpoint is the head of the log at a size: a C2SP tlog-checkpoint
// (https://c2sp.org/tlog-checkpoint). Its text is exactly three lines, each
// ended by LF:
//
//	<origin>
//	<size>
//	<root hash>
//
// where origin names the log (e.g. "atazan.example.kz/log"), size is the
// number of records in decimal without leading zeros, and root hash is the
// standard base64 (with padding) of the RFC 6962 Merkle tree hash of the
// first size records (tlog.TreeHash). This log writes no extension lines and
// ParseCheckpoint refuses them. The checkpoint is published as a signed note
// (https://c2sp.org/signed-note) with an Ed25519 signature by a key whose
// name is the origin; here the tree of the three records "a", "b", "c":
//
//	atazan.example.kz/log
//	3
//	NmQuc8JUCrEh46a/lUWwokmCzYMOsT080Z3jzmwCHsE=
//
//	— atazan.example.kz/log CUTS980YVtTuyFYXCSGF1m4g31h9MwOCCkOi4pWgdUGwqg8rlGAJPg4u4m97S9YDkN3kBv1zgzzV/861YI17HfTunAA=
type Checkpoint struct {
	Origin string
	Size   int64
	Hash   tlog.Hash
}

// ValidOrigin reports an error unless origin can name a log and its key:
// non-empty, valid UTF-8, printable, without spaces or '+'.
func ValidOrigin(origin string) error {
	if origin == "" {
		return atazan.FieldErrorf("origin", "log origin is empty")
	}
	for _, r := range origin {
		if r == unicode.ReplacementChar || !unicode.IsPrint(r) || unicode.IsSpace(r) || r == '+' {
			return atazan.FieldErrorf("origin", "log origin %q must be printable, without spaces or '+'", origin)
		}
	}
	return nil
}

// GenerateKey returns a new Ed25519 signing key and its verifier key, in the
// signed-note encodings ("PRIVATE+KEY+<origin>+…" and "<origin>+…"), for a
// log whose checkpoints name origin.
func GenerateKey(origin string) (skey, vkey string, err error) {
	if err := ValidOrigin(origin); err != nil {
		return "", "", err
	}
	return note.GenerateKey(rand.Reader, origin)
}

// FormatCheckpoint returns the text of the checkpoint (see Checkpoint).
func FormatCheckpoint(c Checkpoint) []byte {
	return fmt.Appendf(nil, "%s\n%d\n%s\n", c.Origin, c.Size, base64.StdEncoding.EncodeToString(c.Hash[:]))
}

// ParseCheckpoint parses a checkpoint text. It accepts only what
// FormatCheckpoint writes: three lines, a valid origin, a canonical decimal
// size and the canonical base64 of 32 bytes.
func ParseCheckpoint(text []byte) (Checkpoint, error) {
	bad := func(format string, args ...any) (Checkpoint, error) {
		return Checkpoint{}, fmt.Errorf("%w: "+format, append([]any{ErrMalformedCheckpoint}, args...)...)
	}
	if len(text) > maxCheckpointSize {
		return bad("%d bytes", len(text))
	}
	lines := strings.Split(string(text), "\n")
	if len(lines) != 4 || lines[3] != "" {
		return bad("want exactly three lines, each ended by a newline")
	}
	c := Checkpoint{Origin: lines[0]}
	if err := ValidOrigin(c.Origin); err != nil {
		return bad("%v", err)
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != lines[1] {
		return bad("size %q is not a canonical decimal number", lines[1])
	}
	c.Size = n
	h, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize || base64.StdEncoding.EncodeToString(h) != lines[2] {
		return bad("root hash %q is not the base64 of %d bytes", lines[2], tlog.HashSize)
	}
	copy(c.Hash[:], h)
	return c, nil
}

// SignCheckpoint returns c as a signed note signed by skey, whose name must
// be c.Origin.
func SignCheckpoint(c Checkpoint, skey string) ([]byte, error) {
	if err := ValidOrigin(c.Origin); err != nil {
		return nil, err
	}
	if c.Size < 0 {
		return nil, atazan.FieldErrorf("size", "checkpoint size %d is negative", c.Size)
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, atazan.FieldErrorf("key", "malformed signing key: %v", err)
	}
	if s.Name() != c.Origin {
		return nil, atazan.FieldErrorf("key", "signing key name %q is not the log origin %q", s.Name(), c.Origin)
	}
	return note.Sign(&note.Note{Text: string(FormatCheckpoint(c))}, s)
}

// OpenCheckpoint verifies a signed checkpoint against the verifier key vkey
// and returns it. Signatures by other keys are ignored (witnesses may
// cosign). Errors wrap ErrMalformedCheckpoint, ErrWrongKey or ErrBadSignature.
func OpenCheckpoint(msg []byte, vkey string) (Checkpoint, error) {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("%w: verifier key: %v", ErrMalformedCheckpoint, err)
	}
	if len(msg) > maxCheckpointSize {
		return Checkpoint{}, fmt.Errorf("%w: %d bytes", ErrMalformedCheckpoint, len(msg))
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		var invalid *note.InvalidSignatureError
		switch {
		case errors.As(err, &unverified):
			var names []string
			for _, s := range unverified.Note.UnverifiedSigs {
				names = append(names, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
			}
			return Checkpoint{}, fmt.Errorf("%w %s+%08x (signed by %s)", ErrWrongKey, v.Name(), v.KeyHash(), strings.Join(names, ", "))
		case errors.As(err, &invalid):
			return Checkpoint{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
		}
		return Checkpoint{}, fmt.Errorf("%w: %v", ErrMalformedCheckpoint, err)
	}
	c, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return Checkpoint{}, err
	}
	if c.Origin != v.Name() {
		return Checkpoint{}, fmt.Errorf("%w: origin %q is not the key name %q", ErrWrongKey, c.Origin, v.Name())
	}
	return c, nil
}

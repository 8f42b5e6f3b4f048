package ledger

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// A fixed key for tests and examples only; it signs nothing real.
const (
	testSKey   = "PRIVATE+KEY+atazan.example.kz/log+0944d2f7+AYvvYs00mTgz3lE6efFJ0bQQZm/Kw/VQOsYJMI3ziNr8"
	testVKey   = "atazan.example.kz/log+0944d2f7+Aav+ZmUzcpjETu5iFHYzGXGgfdQuLLp5HHsEn5fZ1ryu"
	testOrigin = "atazan.example.kz/log"
)

func TestCheckpointRoundTrip(t *testing.T) {
	c := Checkpoint{Origin: testOrigin, Size: 1234, Hash: tlog.RecordHash([]byte("x"))}
	text := FormatCheckpoint(c)
	if got, err := ParseCheckpoint(text); err != nil || got != c {
		t.Fatalf("ParseCheckpoint(FormatCheckpoint) = %+v, %v", got, err)
	}
	msg, err := SignCheckpoint(c, testSKey)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(msg, text) {
		t.Errorf("signed note does not start with the checkpoint text:\n%s", msg)
	}
	if got, err := OpenCheckpoint(msg, testVKey); err != nil || got != c {
		t.Fatalf("OpenCheckpoint = %+v, %v", got, err)
	}
}

func TestParseCheckpointRejects(t *testing.T) {
	good := "atazan.example.kz/log\n12\nK9b3+mqVvmm1QZ3A5mnMYC8BmxsmOFDFw0JgkUv4DAw=\n"
	if _, err := ParseCheckpoint([]byte(good)); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"extension line": good + "ext\n",
		"no final LF":    strings.TrimSuffix(good, "\n"),
		"leading zero":   strings.Replace(good, "\n12\n", "\n012\n", 1),
		"plus size":      strings.Replace(good, "\n12\n", "\n+12\n", 1),
		"negative":       strings.Replace(good, "\n12\n", "\n-12\n", 1),
		"empty origin":   strings.Replace(good, "atazan.example.kz/log", "", 1),
		"origin space":   strings.Replace(good, "atazan.example.kz/log", "atazan log", 1),
		"origin plus":    strings.Replace(good, "atazan.example.kz/log", "atazan+log", 1),
		"short hash":     strings.Replace(good, "K9b3+mqVvmm1QZ3A5mnMYC8BmxsmOFDFw0JgkUv4DAw=", "K9b3", 1),
		"url base64":     strings.Replace(good, "K9b3+mqV", "K9b3-mqV", 1),
		"unused bits":    strings.Replace(good, "DAw=", "DAx=", 1),
		"no padding":     strings.Replace(good, "DAw=", "DAw", 1),
		"CRLF":           strings.ReplaceAll(good, "\n", "\r\n"),
	} {
		if c, err := ParseCheckpoint([]byte(bad)); err == nil {
			t.Errorf("%s: ParseCheckpoint(%q) = %+v, want error", name, bad, c)
		} else if !errors.Is(err, ErrMalformedCheckpoint) {
			t.Errorf("%s: error %v does not wrap ErrMalformedCheckpoint", name, err)
		}
	}
}

func TestOpenCheckpointErrors(t *testing.T) {
	c := Checkpoint{Origin: testOrigin, Size: 7, Hash: tlog.RecordHash([]byte("y"))}
	msg, err := SignCheckpoint(c, testSKey)
	if err != nil {
		t.Fatal(err)
	}

	// Another key with the same name.
	_, otherV, err := GenerateKey(testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCheckpoint(msg, otherV); !errors.Is(err, ErrWrongKey) {
		t.Errorf("other key: %v, want ErrWrongKey", err)
	}

	// A key named for another origin signing this origin's checkpoint.
	otherS, otherV2, err := GenerateKey("other.example/log")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SignCheckpoint(c, otherS); err == nil {
		t.Error("SignCheckpoint with a key named for another origin succeeded")
	}
	if _, err := OpenCheckpoint(msg, otherV2); !errors.Is(err, ErrWrongKey) {
		t.Errorf("other origin's key: %v, want ErrWrongKey", err)
	}

	// A signature that does not verify.
	i := bytes.LastIndex(msg, []byte(" ")) + 10
	bad := bytes.Clone(msg)
	bad[i] ^= 1
	if _, err := OpenCheckpoint(bad, testVKey); !errors.Is(err, ErrBadSignature) {
		t.Errorf("flipped signature: %v, want ErrBadSignature", err)
	}

	// A text that does not verify either: the signature covers the text.
	bad = bytes.Replace(msg, []byte("\n7\n"), []byte("\n8\n"), 1)
	if _, err := OpenCheckpoint(bad, testVKey); !errors.Is(err, ErrBadSignature) {
		t.Errorf("changed size: %v, want ErrBadSignature", err)
	}

	for name, m := range map[string][]byte{
		"no signature": FormatCheckpoint(c),
		"empty":        nil,
		"garbage":      []byte("hello\n\n— x y\n"),
	} {
		if _, err := OpenCheckpoint(m, testVKey); !errors.Is(err, ErrMalformedCheckpoint) {
			t.Errorf("%s: %v, want ErrMalformedCheckpoint", name, err)
		}
	}
	if _, err := OpenCheckpoint(msg, "not a key"); !errors.Is(err, ErrMalformedCheckpoint) {
		t.Errorf("malformed verifier key: %v", err)
	}

	// A signed text that is not a checkpoint.
	s, v, _ := GenerateKey("x")
	signed, err := SignCheckpoint(Checkpoint{Origin: "x"}, s)
	if err != nil {
		t.Fatal(err)
	}
	notCP := bytes.Replace(signed, []byte("x\n0\n"), []byte("x\n00\n"), 1)
	if _, err := OpenCheckpoint(notCP, v); err == nil {
		t.Error("non-canonical size accepted")
	}
}

// TestOpenCheckpointMangled flips every byte of a signed checkpoint: each
// result must fail to open, or open to the very same checkpoint (base64
// decoding in signed notes ignores unused trailing bits of the signature).
func TestOpenCheckpointMangled(t *testing.T) {
	c := Checkpoint{Origin: testOrigin, Size: 70000, Hash: tlog.RecordHash([]byte("z"))}
	msg, err := SignCheckpoint(c, testSKey)
	if err != nil {
		t.Fatal(err)
	}
	for i := range msg {
		for _, x := range []byte{0x01, 0x02, 0x20, 0x80} {
			m := bytes.Clone(msg)
			m[i] ^= x
			if got, err := OpenCheckpoint(m, testVKey); err == nil && got != c {
				t.Errorf("flip %#x at byte %d opened to %+v", x, i, got)
			}
		}
	}
}

func TestGenerateKeyOrigin(t *testing.T) {
	for _, o := range []string{"", "a b", "a+b", "a\tb", "a\u00a0b", "a\x00b", "\xff"} {
		if _, _, err := GenerateKey(o); err == nil {
			t.Errorf("GenerateKey(%q) succeeded", o)
		}
	}
	s, v, err := GenerateKey("атазан.қаз/log")
	if err != nil {
		t.Fatal(err)
	}
	msg, err := SignCheckpoint(Checkpoint{Origin: "атазан.қаз/log", Size: 1}, s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCheckpoint(msg, v); err != nil {
		t.Error(err)
	}
}

package ledger

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/tlog"
	"golang.org/x/text/unicode/norm"

	"atazan"
)

// RecordVersion is the value of the "v" field of every record this package
// writes and accepts.
const RecordVersion = 1

// MaxRecordSize is the largest encoded record, in bytes. tlog-tiles entry
// bundles prefix each entry with a 16-bit length, so no entry can be longer.
// Records carry commitments to long texts (see Commit), never the texts.
const MaxRecordSize = 1<<16 - 1

// TimeLayout is the one form of a record's time: UTC, microseconds, "Z".
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// A Kind names what a record says happened, as dot-separated lowercase words
// (object, then event): "charter.version.created".
type Kind string

// An Actor is who caused a change: a Pseudonym of an account, or Operator.
type Actor string

// Operator is the actor of changes made by the platform operator from the
// command line (charter imports, publications), not by an account.
const Operator Actor = "operator"

// pseudonymPrefix starts every pseudonymous actor.
const pseudonymPrefix = "p:"

// pseudonymDomain separates the pseudonym HMAC from any other use of the key.
const pseudonymDomain = "atazan-account\x00"

var base32Lower = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Pseudonym returns the actor that stands for an account in the public log:
//
//	"p:" + base32(HMAC-SHA256(key, "atazan-account\x00" + account)[:16])
//
// in the lowercase RFC 4648 alphabet without padding (26 characters). The
// key is a secret of the platform, so the public cannot link a pseudonym to
// an account, but the same account always has the same pseudonym, so one
// account's actions can be counted (one support per proposal, one vote).
// Rotating the key breaks that continuity and is a v2 change of the log.
func Pseudonym(key []byte, account string) Actor {
	m := hmac.New(sha256.New, key)
	io.WriteString(m, pseudonymDomain+account)
	return Actor(pseudonymPrefix + base32Lower.EncodeToString(m.Sum(nil)[:16]))
}

// Valid reports an error unless a is Operator or a well-formed pseudonym.
func (a Actor) Valid() error {
	if a == Operator {
		return nil
	}
	s, ok := strings.CutPrefix(string(a), pseudonymPrefix)
	if ok && len(s) == 26 {
		if b, err := base32Lower.DecodeString(s); err == nil && base32Lower.EncodeToString(b) == s {
			return nil
		}
	}
	return atazan.FieldErrorf("actor", "actor %q is neither %q nor a pseudonym \"p:\" + 26 base32 letters", a, Operator)
}

// Valid reports an error unless k is 1 to 64 bytes of dot-separated words,
// each a lowercase latin letter followed by lowercase letters, digits and '_'.
func (k Kind) Valid() error {
	ok := len(k) > 0 && len(k) <= 64
	for i := 0; ok && i < len(k); i++ {
		c := k[i]
		wordStart := i == 0 || k[i-1] == '.'
		switch {
		case c >= 'a' && c <= 'z':
		case (c >= '0' && c <= '9' || c == '_') && !wordStart:
		case c == '.' && !wordStart && i < len(k)-1:
		default:
			ok = false
		}
	}
	if !ok {
		return atazan.FieldErrorf("kind", "kind %q must be dot-separated lowercase words (e.g. \"charter.version.created\")", k)
	}
	return nil
}

// Commit returns the commitment to a text that moderation may later remove
// (a proposal's wording, a comment): "sha256:" followed by the lowercase hex
// SHA-256 of the text's UTF-8 bytes after Unicode NFC normalization.
//
// Such texts never enter the log, only their commitments: removing the text
// from the platform then leaves the log intact, and whoever kept a copy can
// still prove, with this function, that it is the text that was committed.
// The text is not otherwise normalized (white space and case are kept).
// A short or guessable text can be found again from its commitment by trying
// candidates; commitments hide nothing that is easy to guess.
func Commit(text string) string {
	sum := sha256.Sum256([]byte(norm.NFC.String(text)))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Record is one change of public state.
//
// Its encoding (see Encode) is canonical JSON, an object with exactly these
// members, written here in encoding order:
//
//	actor    the Actor who caused the change
//	kind     the Kind of change
//	payload  a JSON object whose members the kind defines
//	subject  an object of string members naming what changed (e.g. charter, version)
//	time     when the platform applied the change, in TimeLayout
//	v        the record format version, RecordVersion
//
// The canonical form of a JSON value is:
//
//   - no white space outside strings;
//   - object members sorted by the bytes of their UTF-8 names, each name at
//     most once;
//   - numbers only as integers in the int64 range, written in decimal with no
//     sign for zero or positive values, no leading zeros, no fraction and no
//     exponent (fractions, exponents and -0 are refused);
//   - strings in valid UTF-8, written as Go's encoding/json writes them with
//     SetEscapeHTML(false): '"' and '\' as \" and \\; U+0008, U+000C, LF, CR
//     and TAB as \b, \f, \n, \r, \t; other characters below U+0020 as \u00XX
//     with lowercase hex; U+2028 and U+2029 as \u2028 and \u2029; every
//     other character as itself (including '<', '>', '&' and U+007F);
//   - true, false and null as themselves.
//
// Record.Encode writes that form and Decode accepts only it, so a record's
// bytes, and thus its leaf hash, follow from its content.
type Record struct {
	V       int               // RecordVersion
	Kind    Kind              // what happened
	Time    time.Time         // when; encoded in UTC, truncated to microseconds
	Actor   Actor             // who
	Subject map[string]string // what it happened to
	Payload json.RawMessage   // a JSON object; any JSON, canonicalized by Encode
}

// NewRecord returns a version-1 record with payload marshaled by
// encoding/json (for the typed payloads of this package, or a
// json.RawMessage) and its time truncated to microseconds in UTC.
func NewRecord(kind Kind, t time.Time, actor Actor, subject map[string]string, payload any) (Record, error) {
	p, err := json.Marshal(payload)
	if err != nil {
		return Record{}, atazan.FieldErrorf("payload", "cannot encode payload: %v", err)
	}
	r := Record{V: RecordVersion, Kind: kind, Time: t.UTC().Truncate(time.Microsecond), Actor: actor, Subject: subject, Payload: p}
	if _, err := r.Encode(); err != nil {
		return Record{}, err
	}
	return r, nil
}

// Encode returns the canonical encoding of r (see Record), or an *atazan.Error
// if r breaks a rule: v other than RecordVersion, an invalid kind or actor, a
// zero time or one outside years 1 to 9999, an empty subject name, a payload
// that is not a JSON object or holds a non-integer number, a string that is
// not UTF-8, or an encoding over MaxRecordSize.
func (r Record) Encode() ([]byte, error) {
	return r.appendEncoding(make([]byte, 0, 256))
}

func (r Record) appendEncoding(b []byte) ([]byte, error) {
	if r.V != RecordVersion {
		return nil, atazan.FieldErrorf("v", "record version %d is not %d", r.V, RecordVersion)
	}
	if err := r.Kind.Valid(); err != nil {
		return nil, err
	}
	if err := r.Actor.Valid(); err != nil {
		return nil, err
	}
	t := r.Time.UTC()
	if r.Time.IsZero() || t.Year() < 1 || t.Year() > 9999 {
		return nil, atazan.FieldErrorf("time", "record time %v is zero or outside years 1-9999", r.Time)
	}
	if len(r.Payload) == 0 {
		return nil, atazan.FieldErrorf("payload", "payload is missing (use {} for none)")
	}
	payload, err := parseJSON(r.Payload)
	if err != nil {
		return nil, atazan.FieldErrorf("payload", "%v", err)
	}
	if _, ok := payload.(map[string]any); !ok {
		return nil, atazan.FieldErrorf("payload", "payload must be a JSON object")
	}

	b = append(b, `{"actor":`...)
	b = appendString(b, string(r.Actor))
	b = append(b, `,"kind":`...)
	b = appendString(b, string(r.Kind))
	b = append(b, `,"payload":`...)
	if b, err = appendCanonical(b, payload); err != nil {
		return nil, atazan.FieldErrorf("payload", "%v", err)
	}
	b = append(b, `,"subject":{`...)
	keys := make([]string, 0, len(r.Subject))
	for k := range r.Subject {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if k == "" {
			return nil, atazan.FieldErrorf("subject", "subject member names must not be empty")
		}
		if !utf8.ValidString(k) || !utf8.ValidString(r.Subject[k]) {
			return nil, atazan.FieldErrorf("subject", "subject member %q is not valid UTF-8", k)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, r.Subject[k])
	}
	b = append(b, `},"time":"`...)
	b = t.AppendFormat(b, TimeLayout)
	b = append(b, `","v":`...)
	b = strconv.AppendInt(b, int64(r.V), 10)
	b = append(b, '}')
	if len(b) > MaxRecordSize {
		return nil, &atazan.Error{Code: atazan.ETooLarge, Field: "record",
			Message: fmt.Sprintf("encoded record is %d bytes, over the limit of %d", len(b), MaxRecordSize)}
	}
	return b, nil
}

// wireRecord is the record as it is read, before the canonical check.
type wireRecord struct {
	V       *json.Number       `json:"v"`
	Kind    *string            `json:"kind"`
	Time    *string            `json:"time"`
	Actor   *string            `json:"actor"`
	Subject *map[string]string `json:"subject"`
	Payload json.RawMessage    `json:"payload"`
}

// Decode parses an encoded record. It accepts only the canonical encoding
// (see Record): every byte must be the one Encode would write, so unknown or
// missing members, white space, member order, escapes, a non-UTC or
// non-microsecond time, v other than RecordVersion and records over
// MaxRecordSize are all errors. Unknown kinds are accepted here (new kinds
// may be added within version 1); Replay decides what a kind means.
func Decode(data []byte) (Record, error) {
	if len(data) > MaxRecordSize {
		return Record{}, &atazan.Error{Code: atazan.ETooLarge, Field: "record",
			Message: fmt.Sprintf("record is %d bytes, over the limit of %d", len(data), MaxRecordSize)}
	}
	if !utf8.Valid(data) {
		return Record{}, atazan.FieldErrorf("record", "record is not valid UTF-8")
	}
	var w wireRecord
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Record{}, atazan.FieldErrorf("record", "record is not a valid record object: %v", err)
	}
	switch {
	case w.V == nil:
		return Record{}, atazan.FieldErrorf("v", "record has no \"v\"")
	case w.Kind == nil:
		return Record{}, atazan.FieldErrorf("kind", "record has no \"kind\"")
	case w.Time == nil:
		return Record{}, atazan.FieldErrorf("time", "record has no \"time\"")
	case w.Actor == nil:
		return Record{}, atazan.FieldErrorf("actor", "record has no \"actor\"")
	case w.Subject == nil:
		return Record{}, atazan.FieldErrorf("subject", "record has no \"subject\"")
	case w.Payload == nil:
		return Record{}, atazan.FieldErrorf("payload", "record has no \"payload\"")
	}
	if string(*w.V) != "1" {
		return Record{}, atazan.FieldErrorf("v", "record version %s is not %d", *w.V, RecordVersion)
	}
	if *w.Kind == "" {
		return Record{}, atazan.FieldErrorf("kind", "record kind is empty")
	}
	t, err := time.Parse(TimeLayout, *w.Time)
	if err != nil {
		return Record{}, atazan.FieldErrorf("time", "record time %q is not in the form %s", *w.Time, TimeLayout)
	}
	r := Record{V: RecordVersion, Kind: Kind(*w.Kind), Time: t, Actor: Actor(*w.Actor), Subject: *w.Subject, Payload: w.Payload}
	enc, err := r.appendEncoding(make([]byte, 0, len(data)))
	if err != nil {
		return Record{}, err
	}
	if !bytes.Equal(enc, data) {
		i := 0
		for i < len(enc) && i < len(data) && enc[i] == data[i] {
			i++
		}
		return Record{}, atazan.FieldErrorf("record", "record is not in canonical form (first difference at byte %d)", i)
	}
	return r, nil
}

// DecodePayload decodes the record's payload into v, refusing members that v
// does not have: a kind's payload members are fixed within version 1.
func (r Record) DecodePayload(v any) error {
	dec := json.NewDecoder(bytes.NewReader(r.Payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return atazan.FieldErrorf("payload", "%s payload: %v", r.Kind, err)
	}
	return nil
}

// LeafHash returns the Merkle tree leaf hash of an encoded record,
// SHA-256(0x00 || encoded) as in RFC 6962 (tlog.RecordHash).
func LeafHash(encoded []byte) tlog.Hash { return tlog.RecordHash(encoded) }

// parseJSON parses one JSON value with numbers kept as json.Number.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid JSON: data after the value")
	}
	return v, nil
}

// appendCanonical appends the canonical form of v (a value from parseJSON).
func appendCanonical(b []byte, v any) ([]byte, error) {
	var err error
	switch v := v.(type) {
	case nil:
		b = append(b, "null"...)
	case bool:
		b = strconv.AppendBool(b, v)
	case string:
		if !utf8.ValidString(v) {
			return nil, errors.New("string is not valid UTF-8")
		}
		b = appendString(b, v)
	case json.Number:
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil || (n == 0 && v != "0") {
			return nil, fmt.Errorf("number %s is not an integer in the int64 range in canonical form", v)
		}
		b = strconv.AppendInt(b, n, 10)
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendCanonical(b, e); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			if !utf8.ValidString(k) {
				return nil, errors.New("member name is not valid UTF-8")
			}
			b = appendString(b, k)
			b = append(b, ':')
			if b, err = appendCanonical(b, v[k]); err != nil {
				return nil, err
			}
		}
		b = append(b, '}')
	default:
		return nil, fmt.Errorf("unexpected JSON value %T", v)
	}
	return b, nil
}

// appendString appends s (valid UTF-8) as a JSON string, escaped exactly as
// encoding/json does with SetEscapeHTML(false); TestAppendStringMatchesGo
// holds it to that.
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

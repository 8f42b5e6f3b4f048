package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"atazan"
)

var testTime = time.Date(2026, 11, 29, 1, 23, 45, 123456789, time.UTC)

const testHash = "sha256:0000000000000000000000000000000000000000000000000000000000000001"

func mustRecord(t testing.TB, r Record, err error) []byte {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRecordVector pins the encoding: a change here changes every leaf hash.
// The bytes and the leaf hash were checked independently (Python hashlib).
func TestRecordVector(t *testing.T) {
	r, err := VersionCreated{CharterTitle: "Конституция <РК> & \"1995\"", Lang: "ru", Hash: testHash, Title: "Конституция"}.
		Record(testTime, Operator, "kz", "2020")
	b := mustRecord(t, r, err)
	want := `{"actor":"operator","kind":"charter.version.created","payload":{"charter_title":"Конституция <РК> & \"1995\"","hash":"` + testHash +
		`","lang":"ru","parent":"","title":"Конституция"},"subject":{"charter":"kz","version":"2020"},"time":"2026-11-29T01:23:45.123456Z","v":1}`
	if string(b) != want {
		t.Fatalf("Encode:\n got %s\nwant %s", b, want)
	}
	if got, want := LeafHash(b).String(), "LTICe8Fmb9zEHYe+c2/b8c2ULRVc8wNPCQ6bRnFUvK4="; got != want {
		t.Errorf("LeafHash = %s, want %s", got, want)
	}
	d, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Time.Equal(testTime.Truncate(time.Microsecond)) || d.Kind != KindVersionCreated || d.Actor != Operator || d.Subject["version"] != "2020" {
		t.Errorf("Decode = %+v", d)
	}
	var p VersionCreated
	if err := d.DecodePayload(&p); err != nil || p.Lang != "ru" || p.Hash != testHash {
		t.Errorf("DecodePayload = %+v, %v", p, err)
	}
}

func TestDecodeRejects(t *testing.T) {
	good := `{"actor":"operator","kind":"k","payload":{"a":[1,-2,true,null,"x"]},"subject":{},"time":"2026-11-29T01:23:45.123456Z","v":1}`
	if _, err := Decode([]byte(good)); err != nil {
		t.Fatalf("good record: %v", err)
	}
	for _, tt := range []struct{ name, from, to string }{
		{"space", `"k",`, `"k", `},
		{"newline at end", `"v":1}`, "\"v\":1}\n"},
		{"order", `{"actor":"operator","kind":"k",`, `{"kind":"k","actor":"operator",`},
		{"v2", `"v":1}`, `"v":2}`},
		{"v float", `"v":1}`, `"v":1.0}`},
		{"v string", `"v":1}`, `"v":"1"}`},
		{"empty kind", `"kind":"k"`, `"kind":""`},
		{"bad kind", `"kind":"k"`, `"kind":"K"`},
		{"unknown field", `"v":1}`, `"v":1,"w":1}`},
		{"missing subject", `"subject":{},`, ``},
		{"missing payload", `"payload":{"a":[1,-2,true,null,"x"]},`, ``},
		{"payload null", `{"a":[1,-2,true,null,"x"]}`, `null`},
		{"payload array", `{"a":[1,-2,true,null,"x"]}`, `[1]`},
		{"float", `-2`, `-2.0`},
		{"exponent", `-2`, `-2e0`},
		{"minus zero", `-2`, `-0`},
		{"huge", `-2`, `99999999999999999999`},
		{"duplicate member", `{"a":[`, `{"a":1,"a":[`},
		{"unsorted payload", `{"a":[1,-2,true,null,"x"]}`, `{"b":1,"a":2}`},
		{"escaped slash", `"x"`, `"\/"`},
		{"html escape", `"x"`, `"\u003c"`},
		{"unicode escape", `"x"`, `"\u0078"`},
		{"time zone", `.123456Z`, `.123456+00:00`},
		{"time millis", `.123456Z`, `.123Z`},
		{"time nanos", `.123456Z`, `.123456789Z`},
		{"time lowercase z", `.123456Z`, `.123456z`},
		{"bad actor", `"operator"`, `"p:abc"`},
		{"uppercase pseudonym", `"operator"`, `"p:AAAAAAAAAAAAAAAAAAAAAAAAAA"`},
		{"invalid utf8", `"x"`, "\"\xff\""},
		{"trailing data", `"v":1}`, `"v":1}{}`},
	} {
		bad := strings.Replace(good, tt.from, tt.to, 1)
		if bad == good {
			t.Fatalf("%s: replacement did not apply", tt.name)
		}
		if r, err := Decode([]byte(bad)); err == nil {
			t.Errorf("%s: Decode(%s) = %+v, want error", tt.name, bad, r)
		}
	}
}

// TestDecodeMangled flips every byte of a record: none of the results may
// decode to a record that encodes differently from its bytes.
func TestDecodeMangled(t *testing.T) {
	r, err := TextAdded{Lang: "kk", Hash: testHash, Title: "Конституция"}.Record(testTime, Pseudonym([]byte("k"), "42"), "kz", "2020")
	b := mustRecord(t, r, err)
	for i := range b {
		for _, x := range []byte{0x01, 0x20, 0x80} {
			m := bytes.Clone(b)
			m[i] ^= x
			d, err := Decode(m)
			if err != nil {
				continue
			}
			// Some flips give another canonical record (a letter in a
			// string); then it must be that record exactly.
			if e, err := d.Encode(); err != nil || !bytes.Equal(e, m) {
				t.Errorf("flip %#x at %d: decoded a record that encodes as %s", x, i, e)
			}
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	ok := Record{V: 1, Kind: "k", Time: testTime, Actor: Operator, Payload: json.RawMessage(`{}`)}
	if _, err := ok.Encode(); err != nil {
		t.Fatal(err)
	}
	for name, mod := range map[string]func(*Record){
		"v0":          func(r *Record) { r.V = 0 },
		"kind":        func(r *Record) { r.Kind = "" },
		"actor":       func(r *Record) { r.Actor = "root" },
		"zero time":   func(r *Record) { r.Time = time.Time{} },
		"payload":     func(r *Record) { r.Payload = nil },
		"float":       func(r *Record) { r.Payload = json.RawMessage(`{"x":1.5}`) },
		"not object":  func(r *Record) { r.Payload = json.RawMessage(`"x"`) },
		"two values":  func(r *Record) { r.Payload = json.RawMessage(`{} {}`) },
		"empty name":  func(r *Record) { r.Subject = map[string]string{"": "x"} },
		"bad utf8":    func(r *Record) { r.Subject = map[string]string{"a": "\xff"} },
		"year 10000":  func(r *Record) { r.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		"bad payload": func(r *Record) { r.Payload = json.RawMessage(`{`) },
	} {
		r := ok
		mod(&r)
		if _, err := r.Encode(); err == nil {
			t.Errorf("%s: Encode succeeded", name)
		}
	}
}

func TestRecordSizeLimit(t *testing.T) {
	r := Record{V: 1, Kind: "k", Time: testTime, Actor: Operator, Subject: map[string]string{}}
	base := `{"actor":"operator","kind":"k","payload":{"x":""},"subject":{},"time":"2026-11-29T01:23:45.123456Z","v":1}`
	fill := strings.Repeat("a", MaxRecordSize-len(base))
	r.Payload = json.RawMessage(`{"x":"` + fill + `"}`)
	b, err := r.Encode()
	if err != nil || len(b) != MaxRecordSize {
		t.Fatalf("record of exactly MaxRecordSize: %d bytes, %v", len(b), err)
	}
	if _, err := Decode(b); err != nil {
		t.Fatal(err)
	}
	r.Payload = json.RawMessage(`{"x":"` + fill + `a"}`)
	if _, err := r.Encode(); atazan.ErrorCode(err) != atazan.ETooLarge {
		t.Errorf("one byte over: %v, want too_large", err)
	}
	if _, err := Decode(append(b[:len(b)-1:len(b)-1], ` }`...)); atazan.ErrorCode(err) != atazan.ETooLarge {
		t.Errorf("Decode one byte over: %v, want too_large", err)
	}
}

// TestAppendStringMatchesGo holds appendString to encoding/json's output.
func TestAppendStringMatchesGo(t *testing.T) {
	var cases []string
	for c := 0; c < 0x80; c++ {
		cases = append(cases, string(rune(c)), "a"+string(rune(c))+"b")
	}
	cases = append(cases, "", "\u2028\u2029", "a\u2028b", "Қазақстан Республикасы", "<>&", "\u007f\u0080\u00ad", "😀", "\ufeff")
	for _, s := range cases {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(buf.String(), "\n")
		if got := string(appendString(nil, s)); got != want {
			t.Errorf("appendString(%q) = %s, encoding/json writes %s", s, got, want)
		}
	}
}

func TestPseudonym(t *testing.T) {
	a := Pseudonym([]byte("test key"), "account-1")
	if got, want := string(a), "p:tzfty5vexdyo4fuowsnqqgvd3i"; got != want {
		t.Errorf("Pseudonym = %s, want %s", got, want)
	}
	if err := a.Valid(); err != nil {
		t.Error(err)
	}
	if Pseudonym([]byte("test key"), "account-2") == a || Pseudonym([]byte("other key"), "account-1") == a {
		t.Error("pseudonyms collide")
	}
	// A 26th letter with low bits set is not the encoding of 16 bytes.
	if err := Actor(string(a[:len(a)-1]) + "r").Valid(); err == nil {
		t.Error("non-canonical pseudonym accepted")
	}
}

func TestCommit(t *testing.T) {
	composed, decomposed := "Caf\u00e9", "Cafe\u0301"
	if Commit(composed) != Commit(decomposed) {
		t.Error("Commit differs between NFC and NFD forms of the same text")
	}
	// sha256("abc")
	if got, want := Commit("abc"), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("Commit(abc) = %s, want %s", got, want)
	}
}

func TestNewRecordErrors(t *testing.T) {
	_, err := NewRecord("k", testTime, Operator, nil, map[string]any{"x": 1.5})
	var e *atazan.Error
	if !errors.As(err, &e) || e.Field != "payload" {
		t.Errorf("float payload: %v", err)
	}
}

func TestKindValid(t *testing.T) {
	for _, k := range []Kind{"k", "charter.version.created", "a1_b.c", "x.y2"} {
		if err := k.Valid(); err != nil {
			t.Errorf("%q: %v", k, err)
		}
	}
	for _, k := range []Kind{"", ".", "a.", ".a", "a..b", "1a", "a.1b", "_a", "A", "a-b", "a b", Kind(strings.Repeat("a", 65))} {
		if err := k.Valid(); err == nil {
			t.Errorf("%q accepted", k)
		}
	}
}

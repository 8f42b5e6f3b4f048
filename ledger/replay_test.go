package ledger

import (
	"encoding/json"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"atazan"
)

const (
	hashA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	hashB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	hashC = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
)

// must returns v, or panics on a test's own bad fixture.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestReplay(t *testing.T) {
	at := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	var s State
	for i, r := range []Record{
		must(VersionCreated{CharterTitle: "Конституция", Lang: "ru", Hash: hashA, Title: "Конституция"}.Record(at, Operator, "kz", "1995")),
		must(TextAdded{Lang: "kk", Hash: hashB, Title: "Ата Заң"}.Record(at, Operator, "kz", "1995")),
		must(VersionPublished{Hash: hashA}.Record(at, Operator, "kz", "1995")),
		must(VersionCreated{Parent: "1995", Lang: "kk", Hash: hashC}.Record(at, Operator, "kz", "2026")),
	} {
		if err := Replay(&s, int64(i), r); err != nil {
			t.Fatal(err)
		}
	}
	v := s.Versions[VersionKey{"kz", "1995"}]
	want := VersionState{Charter: "kz", Label: "1995", Lang: "ru", Hash: hashA, Status: StatusPublished,
		Texts: map[string]string{"ru": hashA, "kk": hashB}, CreatedIndex: 0, LastIndex: 2}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("1995 = %+v\nwant %+v", v, want)
	}
	if v := s.Versions[VersionKey{"kz", "2026"}]; v.Parent != "1995" || v.Status != StatusDraft || v.CreatedIndex != 3 {
		t.Errorf("2026 = %+v", v)
	}
}

// TestReplayRejects applies each bad record after a prefix and checks that
// the error names the index and the rule, and that the state is unchanged.
func TestReplayRejects(t *testing.T) {
	at := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	created := must(VersionCreated{Lang: "ru", Hash: hashA}.Record(at, Operator, "kz", "1995"))
	published := must(VersionPublished{Hash: hashA}.Record(at, Operator, "kz", "1995"))
	raw := func(kind Kind, subject map[string]string, payload string) Record {
		return Record{V: 1, Kind: kind, Time: at, Actor: Operator, Subject: subject, Payload: json.RawMessage(payload)}
	}
	for _, tt := range []struct {
		name   string
		prefix []Record
		bad    Record
		want   string
	}{
		{"duplicate creation", []Record{created}, created, "already created by record 0"},
		{"missing parent", nil, must(VersionCreated{Parent: "1993", Lang: "ru", Hash: hashA}.Record(at, Operator, "kz", "1995")), "parent version kz/1993 does not exist"},
		{"bad hash", nil, must(VersionCreated{Lang: "ru", Hash: "abc"}.Record(at, Operator, "kz", "1995")), "64 hex digits"},
		{"no lang", nil, must(VersionCreated{Hash: hashA}.Record(at, Operator, "kz", "1995")), "lang must be set"},
		{"text to missing version", nil, must(TextAdded{Lang: "kk", Hash: hashB}.Record(at, Operator, "kz", "1995")), "does not exist"},
		{"text to published", []Record{created, published}, must(TextAdded{Lang: "kk", Hash: hashB}.Record(at, Operator, "kz", "1995")), "is published, not a draft"},
		{"text twice", []Record{created}, must(TextAdded{Lang: "ru", Hash: hashB}.Record(at, Operator, "kz", "1995")), "already has a ru text"},
		{"publish twice", []Record{created, published}, published, "already published"},
		{"publish other hash", []Record{created}, must(VersionPublished{Hash: hashB}.Record(at, Operator, "kz", "1995")), "is not the version's hash"},
		{"publish missing", nil, published, "does not exist"},
		{"unknown kind", nil, raw("charter.version.deleted", VersionSubject("kz", "1995"), `{}`), "unknown kind"},
		{"extra payload member", nil, raw(KindVersionCreated, VersionSubject("kz", "1995"), `{"lang":"ru","hash":"`+hashA+`","x":1}`), "unknown field"},
		{"extra subject member", nil, raw(KindVersionPublished, map[string]string{"charter": "kz", "version": "1995", "x": "y"}, `{"hash":"`+hashA+`"}`), "subject must be exactly"},
		{"empty version", nil, raw(KindVersionCreated, VersionSubject("kz", ""), `{"lang":"ru","hash":"`+hashA+`"}`), "subject must be exactly"},
	} {
		var s State
		for i, r := range tt.prefix {
			if err := Replay(&s, int64(i), r); err != nil {
				t.Fatalf("%s: prefix: %v", tt.name, err)
			}
		}
		before := maps.Clone(s.Versions)
		err := Replay(&s, 7, tt.bad)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "record 7 ") || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: error %q, want record 7 and %q", tt.name, msg, tt.want)
		}
		if atazan.ErrorCode(err) == atazan.EInternal {
			t.Errorf("%s: error is not an *atazan.Error", tt.name)
		}
		if len(before) != len(s.Versions) {
			t.Errorf("%s: state changed on error", tt.name)
		}
		for k, v := range before {
			if w := s.Versions[k]; w.LastIndex != v.LastIndex || w.Status != v.Status || len(w.Texts) != len(v.Texts) {
				t.Errorf("%s: %v changed on error", tt.name, k)
			}
		}
	}
}

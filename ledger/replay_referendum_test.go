package ledger

import (
	"strings"
	"testing"
	"time"

	"atazan/referendum"
)

// TestReplayReferendum replays a small referendum and checks that the
// replay refuses what it must: a protocol that breaks a control relation,
// one with warnings that are not its own, one entered by an officer of
// another precinct, a correction without a reason, a declaration whose
// counts are not the recount of the logged protocols, a protocol after the
// declaration, and a version put in force that the referendum did not adopt.
func TestReplayReferendum(t *testing.T) {
	at := time.Date(2026, 3, 15, 18, 0, 0, 0, time.UTC)
	key := []byte("pseudonym key")
	officer, other := Pseudonym(key, "1"), Pseudonym(key, "2")
	hash := "sha256:" + strings.Repeat("ab", 32)
	must := func(r Record, err error) Record {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	protocol := func(yes, no int64) map[string]int64 {
		return map[string]int64{"registered": 1000, "issued": yes + no, "in_boxes": yes + no, "invalid": 0, "yes": yes, "no": no}
	}
	created := ReferendumCreated{Questions: map[string]string{"kk": "?", "ru": "?", "en": "?"}, Charter: "altyndala", Version: "draft",
		VersionHash: hash, Date: "2026-03-15", Rules: "kz-constitutional", Form: []string{"registered", "issued", "in_boxes", "invalid", "yes", "no"}}
	declared := ResultDeclared{Registered: 2000, Participants: 1300, Yes: 1000, No: 300, Valid: true, Adopted: true, Regions: 2, RegionsYes: 2,
		PrecinctsReported: 2, Rules: "kz-constitutional"}
	wrong := declared
	wrong.Yes = 1001
	bad := protocol(600, 100)
	bad["in_boxes"] = 701
	warned := protocol(600, 100)
	warned["issued"] = 702
	steps := []struct {
		name    string
		rec     Record
		wantErr string
	}{
		{"version", must(VersionCreated{Lang: "kk", Hash: hash}.Record(at, Operator, "altyndala", "draft")), ""},
		{"officer registers", must(AccountCreated{Region: "astana", Verification: "self-declared"}.Record(at, officer)), ""},
		{"other registers", must(AccountCreated{Region: "abai", Verification: "self-declared"}.Record(at, other)), ""},
		{"roles", must(AccountRoles{Roles: []string{"referendum_officer"}}.Record(at, Operator, officer)), ""},
		{"roles of the other", must(AccountRoles{Roles: []string{"referendum_officer"}}.Record(at, Operator, other)), ""},
		{"referendum on a wrong hash", must(ReferendumCreated{Questions: created.Questions, Charter: "altyndala", Version: "draft", VersionHash: "sha256:" + strings.Repeat("cd", 32),
			Date: "2026-03-15", Rules: "kz-constitutional", Form: created.Form}.Record(at, Operator, "2026")), "binds hash"},
		{"referendum", must(created.Record(at, Operator, "2026")), ""},
		{"astana", must(PrecinctsAdded{First: 0, Region: "astana", District: "esil", Precincts: []PrecinctEntry{{"1", 1000}}}.Record(at, Operator, "2026")), ""},
		{"abai numbered wrong", must(PrecinctsAdded{First: 5, Region: "abai", District: "semey", Precincts: []PrecinctEntry{{"1", 1000}}}.Record(at, Operator, "2026")), "numbered from 1"},
		{"abai", must(PrecinctsAdded{First: 1, Region: "abai", District: "semey", Precincts: []PrecinctEntry{{"1", 1000}}}.Record(at, Operator, "2026")), ""},
		{"officer of precinct 0", must(OfficerAssigned{Account: officer}.Record(at, Operator, "2026", 0)), ""},
		{"other of precinct 1", must(OfficerAssigned{Account: other}.Record(at, Operator, "2026", 1)), ""},
		{"protocol breaking boxes_sum", must(ProtocolAccepted{Revision: 1, Protocol: bad}.Record(at, officer, "2026", 0)), "boxes_sum"},
		{"protocol hiding its warning", must(ProtocolAccepted{Revision: 1, Protocol: warned}.Record(at, officer, "2026", 0)), "warnings"},
		{"protocol of another precinct", must(ProtocolAccepted{Revision: 1, Protocol: protocol(600, 100)}.Record(at, officer, "2026", 1)), "not the officer"},
		{"protocol with its warning", must(ProtocolAccepted{Revision: 1, Protocol: warned, Warnings: []string{"boxes_eq_issued"}}.Record(at, officer, "2026", 0)), ""},
		{"correction without a reason", must(ProtocolAccepted{Revision: 2, Protocol: protocol(400, 200)}.Record(at, officer, "2026", 0)), "must say why"},
		{"correction", must(ProtocolAccepted{Revision: 2, Reason: "recount", Protocol: protocol(400, 200)}.Record(at, officer, "2026", 0)), ""},
		{"import of precinct 1", must(ProtocolAccepted{Revision: 1, Protocol: protocol(600, 100)}.Record(at, Operator, "2026", 1)), ""},
		{"in force before the declaration", must(VersionInForce{Referendum: "2026", Hash: hash, From: "2026-07-01"}.Record(at, Operator, "altyndala", "draft")), "not declared"},
		{"a declaration with one yes too many", must(wrong.Record(at, Operator, "2026")), "the logged protocols"},
		{"declaration", must(declared.Record(at, Operator, "2026")), ""},
		{"protocol after the declaration", must(ProtocolAccepted{Revision: 2, Reason: "late", Protocol: protocol(600, 100)}.Record(at, Operator, "2026", 1)), "changes no more"},
		{"in force", must(VersionInForce{Referendum: "2026", Hash: hash, From: "2026-07-01"}.Record(at, Operator, "altyndala", "draft")), ""},
	}
	s := new(State)
	for i, st := range steps {
		var before int
		if r := s.Referendums["2026"]; r != nil {
			before = r.Protocols
		}
		err := Replay(s, int64(i), st.rec)
		switch {
		case st.wantErr == "" && err != nil:
			t.Errorf("%s: %v", st.name, err)
		case st.wantErr != "" && (err == nil || !strings.Contains(err.Error(), st.wantErr)):
			t.Errorf("%s: error %v, want one containing %q", st.name, err, st.wantErr)
		case st.wantErr != "":
			if r := s.Referendums["2026"]; r != nil && r.Protocols != before {
				t.Errorf("%s: a refused record changed the state", st.name)
			}
		}
	}
	r := s.Referendums["2026"]
	if r == nil || r.Declared == nil || r.InForce != "2026-07-01" || r.Protocols != 3 || r.Tally.Nation().Sum[referendum.Yes] != 1000 {
		t.Errorf("final state: %+v", r)
	}
}

package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/identity"
	"atazan/referendum"
	"atazan/store"
)

// RunReferendum runs the referendum part of the suite.
func RunReferendum(t *testing.T, open Opener) {
	t.Run("Protocols", func(t *testing.T) { testReferendumProtocols(t, open) })
	t.Run("Import", func(t *testing.T) { testReferendumImport(t, open) })
}

// sampleStructure has two home regions and one abroad.
const sampleStructure = `region,district,precinct,registered,abroad
astana,almaty-district,1,1000,
astana,almaty-district,2,800,
astana,esil,1,500,
abai,semey,1,1200,
abroad,europe,berlin-1,300,true
`

// NewReferendum imports the sample version and creates a referendum "2026"
// on it with the sample structure.
func NewReferendum(t testing.TB, s *store.Store, rules string) store.Referendum {
	t.Helper()
	s.Now = func() time.Time { return time.Date(2026, 3, 15, 16, 0, 0, 0, time.UTC) }
	v, err := s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "draft", Doc: SampleDocument("en", "a")})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.CreateReferendum(ctx(), referendum.Referendum{Slug: "2026", Charter: "altyndala", Version: "draft", Rules: rules,
		Questions: map[string]string{"kk": "Қабылдайсыз ба?", "ru": "Принимаете ли Вы?", "en": "Do you accept?"},
		Date:      atazan.Date{Y: 2026, M: time.March, D: 15}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.VersionHash != v.Hash || r.Precincts != 0 || r.Declared != nil {
		t.Fatalf("referendum %+v does not bind the version's hash %s", r, v.Hash)
	}
	st, err := referendum.ParseStructure(strings.NewReader(sampleStructure))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ImportStructure(ctx(), r.ID, st, 0); err != nil {
		t.Fatal(err)
	}
	return r
}

func protocol(vals map[referendum.Field]int64) referendum.Protocol {
	var p referendum.Protocol
	for f, v := range vals {
		p.Set(f, v)
	}
	return p
}

// goodProtocol reports in_boxes ballots: yes, no, 1 invalid, 1 both.
func goodProtocol(registered, yes, no int64) referendum.Protocol {
	return protocol(map[referendum.Field]int64{referendum.Registered: registered, referendum.Issued: yes + no + 2,
		referendum.InBoxes: yes + no + 2, referendum.Invalid: 1, referendum.Yes: yes, referendum.No: no, referendum.Both: 1})
}

func testReferendumProtocols(t *testing.T, open Opener) {
	s := open(t)
	r := NewReferendum(t, s, "")
	if _, err := s.CreateReferendum(ctx(), r.Referendum, 0); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("a second referendum with one slug: %v", err)
	}
	st, err := s.Structure(ctx(), r.ID)
	if err != nil || len(st.Precincts) != 5 || len(st.Regions) != 3 {
		t.Fatalf("structure: %v", err)
	}
	p0, _ := st.Lookup("astana", "almaty-district", "1")
	p3, _ := st.Lookup("abai", "semey", "1")
	officer := newAccount(t, s, 1, identity.RoleReferendumOfficer)
	citizen := newAccount(t, s, 2)
	central := newAccount(t, s, 3, identity.RoleCentralCommission)
	if _, err := s.AssignOfficer(ctx(), r.ID, citizen.ID, p0, 0); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("a citizen assigned as an officer: %v", err)
	}
	if _, err := s.AssignOfficer(ctx(), r.ID, officer.ID, p0, 0); err != nil {
		t.Fatal(err)
	}
	size := func() int64 { n, _ := s.LogSize(ctx()); return n }

	// Role checks: another precinct, a citizen.
	if _, _, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p3, Protocol: goodProtocol(1200, 700, 200)}, officer); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("an officer entering another precinct's protocol: %v", err)
	}
	if _, _, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p0, Protocol: goodProtocol(1000, 700, 200)}, citizen); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("a citizen entering a protocol: %v", err)
	}

	// An error rejects the protocol, names the rule and changes nothing.
	before := size()
	bad := goodProtocol(1000, 700, 200)
	bad.Set(referendum.InBoxes, 905)
	_, vs, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p0, Protocol: bad}, officer)
	if atazan.ErrorCode(err) != atazan.EInvalid || !slices.Contains(referendum.RuleNames(vs), "boxes_sum") || !strings.Contains(atazan.ErrorMessage(err), "boxes_sum") {
		t.Errorf("a protocol breaking boxes_sum: %v, %v", vs, err)
	}
	if n, _ := s.NationalTotals(ctx(), r.ID); n.Precincts != 0 || size() != before {
		t.Errorf("a rejected protocol changed the totals %+v or the log", n)
	}

	// Accepted, with a warning; then a correction.
	warn := goodProtocol(1000, 700, 200)
	warn.Set(referendum.Issued, 905)
	sub, _, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p0, Protocol: warn}, officer)
	if err != nil || sub.Revision != 1 || len(sub.Warnings) != 1 || sub.Warnings[0].Rule != "boxes_eq_issued" || sub.LogIndex != before {
		t.Fatalf("first protocol: %+v, %v", sub, err)
	}
	if _, _, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p0, Number: 2, Protocol: goodProtocol(1000, 650, 250)}, officer); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("a correction without a reason: %v", err)
	}
	if _, _, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p0, Number: 1, Protocol: goodProtocol(1000, 650, 250)}, officer); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("revision 1 twice: %v", err)
	}
	if sub, _, err = s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p0, Reason: "recount", Protocol: goodProtocol(1000, 650, 250)}, officer); err != nil || sub.Revision != 2 {
		t.Fatalf("correction: %+v, %v", sub, err)
	}
	// The operator (the command line) enters the other precincts.
	for code, pr := range map[[3]string]referendum.Protocol{
		{"astana", "almaty-district", "2"}: goodProtocol(800, 300, 400),
		{"astana", "esil", "1"}:            goodProtocol(500, 300, 100),
		{"abai", "semey", "1"}:             goodProtocol(1200, 900, 100),
		{"abroad", "europe", "berlin-1"}:   goodProtocol(300, 10, 200),
	} {
		p, _ := st.Lookup(code[0], code[1], code[2])
		if _, _, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p, Protocol: pr}, identity.Account{}); err != nil {
			t.Fatal(err)
		}
	}
	revs, err := s.PrecinctRevisions(ctx(), r.ID, p0)
	if err != nil || len(revs) != 2 || revs[1].Revision.Reason != "recount" || revs[0].Warnings[0] != "boxes_eq_issued" {
		t.Errorf("revisions: %+v, %v", revs, err)
	}
	res, err := s.Results(ctx(), r.ID)
	// yes 650+300+300+900+10 = 2160; participants 902+702+402+1002+212 = 3220.
	if err != nil || res.Yes != 2160 || res.Participants != 3220 || res.Registered != 3800 || res.PrecinctsReported != 5 ||
		res.Regions != 2 || res.RegionsYes != 2 || !res.Valid || !res.Adopted {
		t.Errorf("results %+v, %v", res, err)
	}
	if err := s.AuditTotals(ctx(), r.ID); err != nil {
		t.Error(err)
	}

	// Declaring: the central commission only; freezes; in force.
	if _, err := s.DeclareResult(ctx(), r.ID, "2026-04-01", officer); atazan.ErrorCode(err) != atazan.EForbidden {
		t.Errorf("an officer declaring: %v", err)
	}
	d, err := s.DeclareResult(ctx(), r.ID, "2026-04-01", central)
	if err != nil || d.Result != res || d.InForceFrom != "2026-04-01" {
		t.Fatalf("declare: %+v, %v", d, err)
	}
	if _, _, err := s.SubmitProtocol(ctx(), r.ID, referendum.Revision{Precinct: p0, Reason: "late", Protocol: goodProtocol(1000, 600, 300)}, officer); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("a protocol after the declaration: %v", err)
	}
	if _, err := s.DeclareResult(ctx(), r.ID, "", central); atazan.ErrorCode(err) != atazan.EConflict {
		t.Errorf("declared twice: %v", err)
	}

	// The log replays to the same totals and outcome.
	state := replayAll(t, s)
	rs := state.Referendums["2026"]
	if rs == nil || rs.Declared == nil || rs.InForce != "2026-04-01" || rs.Protocols != 6 {
		t.Fatalf("replayed referendum: %+v", rs)
	}
	if got := rs.Tally.Decide(rs.Rules); got != res {
		t.Errorf("replayed result %+v, stored %+v", got, res)
	}
}

func testReferendumImport(t *testing.T, open Opener) {
	s := open(t)
	r := NewReferendum(t, s, "simple-majority")
	m := referendum.Mapping{"region": "Region", "district": "District", "precinct": "Precinct", "registered": "Voters",
		"issued": "Issued", "in_boxes": "In boxes", "invalid": "Invalid", "yes": "Yes", "no": "No"}
	file := `Region,District,Precinct,Voters,Issued,In boxes,Invalid,Yes,No
astana,almaty-district,1,1000,800,800,10,600,190
astana,almaty-district,2,800,500,501,1,300,200
astana,esil,1,500,400,400,0,300,99
astana,esil,9,500,400,400,0,300,100
abai,semey,1,1200,900,900,0,700,200
abai,semey,1,1200,900,900,0,700,200
`
	res, err := s.ImportProtocols(ctx(), r.ID, strings.NewReader(file), m, store.ProtocolImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.ProtocolRejection{
		{Line: 4, Precinct: "astana / esil / 1", Rules: []string{"boxes_sum"}},
		{Line: 5, Precinct: "astana / esil / 9", Rules: []string{"known_precinct"}},
		{Line: 7, Precinct: "abai / semey / 1", Rules: []string{"unique_precinct"}},
	}
	if res.Accepted != 3 || res.Rejected != 3 || res.Warnings != 1 || !slices.EqualFunc(res.Rejections, want, func(a, b store.ProtocolRejection) bool {
		return a.Line == b.Line && a.Precinct == b.Precinct && slices.Equal(a.Rules, b.Rules)
	}) || res.LastLogIndex-res.FirstLogIndex != 2 {
		t.Errorf("import: %+v", res)
	}
	n, err := s.NationalTotals(ctx(), r.ID)
	if err != nil || n.Precincts != 3 || n.Sum[referendum.Yes] != 1600 || n.Covered != 3000 {
		t.Errorf("national totals %+v, %v", n, err)
	}
	// The same file again: revision 1 is counted already; nothing changes.
	size, _ := s.LogSize(ctx())
	if _, err := s.ImportProtocols(ctx(), r.ID, strings.NewReader(file), m, store.ProtocolImportOptions{}); atazan.ErrorCode(err) != atazan.EConflict || !strings.HasPrefix(atazan.ErrorMessage(err), "line 2:") {
		t.Errorf("a second import of revision 1: %v", err)
	}
	if after, _ := s.LogSize(ctx()); after != size {
		t.Errorf("a refused import appended %d records", after-size)
	}
	// As corrections, with a reason, it is accepted.
	if res, err = s.ImportProtocols(ctx(), r.ID, strings.NewReader(file), m, store.ProtocolImportOptions{Revision: 2, Reason: "recount"}); err != nil || res.Accepted != 3 {
		t.Errorf("corrections: %+v, %v", res, err)
	}
	// A new structure from the file itself.
	r2, err := s.CreateReferendum(ctx(), referendum.Referendum{Slug: "built", Charter: "altyndala", Version: "draft",
		Questions: r.Questions, Date: r.Date}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res, err = s.ImportProtocols(ctx(), r2.ID, strings.NewReader(file), m, store.ProtocolImportOptions{CreateStructure: true}); err != nil || res.Accepted != 4 {
		t.Errorf("import creating the structure: %+v, %v", res, err)
	}
	if st, _ := s.Structure(ctx(), r2.ID); len(st.Precincts) != 5 {
		t.Errorf("created %d precincts, want 5 (a rejected row's precinct is added too)", len(st.Precincts))
	}
	if err := s.AuditTotals(ctx(), r2.ID); err != nil {
		t.Error(err)
	}
	replayAll(t, s)
}

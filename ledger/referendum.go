package ledger

import (
	"encoding/json"
	"strconv"
	"time"

	"atazan"
)

// The kinds of the referendum. Subjects name a referendum by its slug and a
// precinct by its number within the referendum: the precincts are numbered
// 0, 1, 2, … in the order KindPrecinctsAdded records add them, so that a
// protocol's record stays short and the structure's records say which
// region, district and precinct a number is. Officers appear only as
// pseudonyms; no name, e-mail address or national ID number is logged.
const (
	// KindReferendumCreated: a referendum on a charter version, bound by
	// the version's hash. Subject: referendum (slug). Payload: ReferendumCreated.
	KindReferendumCreated Kind = "referendum.created"
	// KindPrecinctsAdded: precincts (with their regions and districts)
	// added to a referendum's territorial structure, numbered from First.
	// Subject: referendum. Payload: PrecinctsAdded.
	KindPrecinctsAdded Kind = "referendum.precincts.added"
	// KindOfficerAssigned: an account may enter the protocols of one
	// precinct. Subject: referendum, precinct (number). Payload: OfficerAssigned.
	KindOfficerAssigned Kind = "referendum.officer.assigned"
	// KindProtocolAccepted: a revision of a precinct's protocol accepted and
	// counted in place of the precinct's earlier revision. Actor: the
	// officer (the operator for imports). Subject: referendum, precinct.
	// Payload: ProtocolAccepted.
	KindProtocolAccepted Kind = "protocol.accepted"
	// KindResultDeclared: the central commission declared the result; no
	// protocol is accepted after it. Subject: referendum. Payload: ResultDeclared.
	KindResultDeclared Kind = "result.declared"
	// KindVersionInForce: an adopted charter version is in force from a
	// date. Subject: charter, version. Payload: VersionInForce.
	KindVersionInForce Kind = "charter.version.in_force"
)

// ReferendumSubject is the subject of the referendum.* and result.* kinds.
func ReferendumSubject(slug string) map[string]string {
	return map[string]string{"referendum": slug}
}

// PrecinctSubject is the subject of the kinds about one precinct.
func PrecinctSubject(slug string, precinct int) map[string]string {
	return map[string]string{"referendum": slug, "precinct": strconv.Itoa(precinct)}
}

// ReferendumCreated is the payload of KindReferendumCreated.
type ReferendumCreated struct {
	Questions   map[string]string `json:"questions"` // kk, ru, en
	Charter     string            `json:"charter"`
	Version     string            `json:"version"`
	VersionHash string            `json:"version_hash"`
	Date        string            `json:"date"`  // YYYY-MM-DD
	Rules       string            `json:"rules"` // the rule set's canonical spec
	Form        []string          `json:"form"`  // the protocol's fields, in order
}

// Record returns the record of a referendum's creation.
func (p ReferendumCreated) Record(t time.Time, actor Actor, slug string) (Record, error) {
	return NewRecord(KindReferendumCreated, t, actor, ReferendumSubject(slug), p)
}

// PrecinctEntry is one precinct of a PrecinctsAdded record.
type PrecinctEntry struct {
	Code       string `json:"code"`
	Registered int64  `json:"registered"`
}

// PrecinctsAdded is the payload of KindPrecinctsAdded: precincts of one
// district (created with its region when new), numbered First, First+1, …
type PrecinctsAdded struct {
	First     int             `json:"first"`
	Region    string          `json:"region"`
	Abroad    bool            `json:"abroad"` // the region is abroad
	District  string          `json:"district"`
	Precincts []PrecinctEntry `json:"precincts"`
}

// Record returns the record of precincts added to a referendum.
func (p PrecinctsAdded) Record(t time.Time, actor Actor, slug string) (Record, error) {
	return NewRecord(KindPrecinctsAdded, t, actor, ReferendumSubject(slug), p)
}

// PrecinctRow is a precinct to be added, with its district and region.
type PrecinctRow struct {
	Region, District, Code string
	Registered             int64
	Abroad                 bool
}

// GroupPrecincts turns precincts numbered from first into the payloads of
// KindPrecinctsAdded records: one per run of precincts of one district,
// split so that each stays safely under MaxRecordSize (codes counted at
// twice their bytes, the worst case of escaping, within 60,000 bytes).
func GroupPrecincts(first int, rows []PrecinctRow) []PrecinctsAdded {
	const budget, perEntry = 60_000, 40
	var out []PrecinctsAdded
	size := 0
	for i, r := range rows {
		n := 2*len(r.Code) + perEntry
		last := len(out) - 1
		if last < 0 || out[last].Region != r.Region || out[last].District != r.District || out[last].Abroad != r.Abroad || size+n > budget {
			out = append(out, PrecinctsAdded{First: first + i, Region: r.Region, Abroad: r.Abroad, District: r.District})
			last, size = last+1, 2*(len(r.Region)+len(r.District))+200
		}
		out[last].Precincts = append(out[last].Precincts, PrecinctEntry{Code: r.Code, Registered: r.Registered})
		size += n
	}
	return out
}

// OfficerAssigned is the payload of KindOfficerAssigned.
type OfficerAssigned struct {
	Account Actor `json:"account"` // the officer's pseudonym
}

// Record returns the record of an officer's assignment to a precinct.
func (p OfficerAssigned) Record(t time.Time, actor Actor, slug string, precinct int) (Record, error) {
	return NewRecord(KindOfficerAssigned, t, actor, PrecinctSubject(slug, precinct), p)
}

// ProtocolAccepted is the payload of KindProtocolAccepted. Protocol holds
// the reported fields only (a field not reported is absent); Warnings names
// the control relations of severity warning that the protocol fails.
type ProtocolAccepted struct {
	Revision int              `json:"revision"`
	Reason   string           `json:"reason"` // "" for revision 1
	Protocol map[string]int64 `json:"protocol"`
	Warnings []string         `json:"warnings"`
}

// Record returns the record of an accepted protocol revision. Unlike
// NewRecord it does not encode the record to check it: imports make a
// hundred thousand of them, and appending a record encodes it, which
// checks it then.
func (p ProtocolAccepted) Record(t time.Time, actor Actor, slug string, precinct int) (Record, error) {
	if p.Warnings == nil {
		p.Warnings = []string{}
	}
	b, err := json.Marshal(p)
	if err != nil {
		return Record{}, atazan.FieldErrorf("payload", "cannot encode payload: %v", err)
	}
	return Record{V: RecordVersion, Kind: KindProtocolAccepted, Time: t.UTC().Truncate(time.Microsecond), Actor: actor,
		Subject: PrecinctSubject(slug, precinct), Payload: b}, nil
}

// ResultDeclared is the payload of KindResultDeclared: the counts and
// decisions of the result (the shares are left out: the log holds whole
// numbers only, and the shares follow from the counts).
type ResultDeclared struct {
	Registered        int64  `json:"registered"`
	Participants      int64  `json:"participants"`
	Yes               int64  `json:"yes"`
	No                int64  `json:"no"`
	Both              int64  `json:"both"`
	Invalid           int64  `json:"invalid"`
	Valid             bool   `json:"valid"`
	Adopted           bool   `json:"adopted"`
	Regions           int    `json:"regions"`
	RegionsYes        int    `json:"regions_yes"`
	PrecinctsReported int64  `json:"precincts_reported"`
	Rules             string `json:"rules"`
}

// Record returns the record of a declared result.
func (p ResultDeclared) Record(t time.Time, actor Actor, slug string) (Record, error) {
	return NewRecord(KindResultDeclared, t, actor, ReferendumSubject(slug), p)
}

// VersionInForce is the payload of KindVersionInForce.
type VersionInForce struct {
	Referendum string `json:"referendum"` // the slug of the referendum that adopted it
	Hash       string `json:"hash"`       // the version's hash, as the referendum bound it
	From       string `json:"from"`       // YYYY-MM-DD
}

// Record returns the record of a version entering into force.
func (p VersionInForce) Record(t time.Time, actor Actor, charter, version string) (Record, error) {
	return NewRecord(KindVersionInForce, t, actor, VersionSubject(charter, version), p)
}

package ledger

import "time"

// The kinds of record, each with its subject members and its payload.
// Payload members are fixed per kind within version 1: a change to them is a
// new kind. Hashes of charter texts are charter.Document.Hash values,
// "sha256:" and 64 lowercase hex digits.
const (
	// KindVersionCreated: a new draft version of a charter, with its text in
	// its primary language. Subject: charter (slug), version (label).
	// Payload: VersionCreated.
	KindVersionCreated Kind = "charter.version.created"

	// KindTextAdded: a parallel text in another language added to a draft
	// version. Subject: charter, version. Payload: TextAdded.
	KindTextAdded Kind = "charter.text.added"

	// KindVersionPublished: a draft version made immutable. Subject: charter,
	// version. Payload: VersionPublished.
	KindVersionPublished Kind = "charter.version.published"
)

// VersionSubject is the subject of the charter.* kinds.
func VersionSubject(charter, version string) map[string]string {
	return map[string]string{"charter": charter, "version": version}
}

// VersionCreated is the payload of KindVersionCreated.
type VersionCreated struct {
	CharterTitle string `json:"charter_title"` // the charter's title
	Parent       string `json:"parent"`        // label of the parent version, "" for none
	Lang         string `json:"lang"`          // primary language (kk, ru, en)
	Hash         string `json:"hash"`          // hash of the primary text
	Title        string `json:"title"`         // title of the primary text
}

// TextAdded is the payload of KindTextAdded.
type TextAdded struct {
	Lang  string `json:"lang"`
	Hash  string `json:"hash"`
	Title string `json:"title"`
}

// VersionPublished is the payload of KindVersionPublished. Hash repeats the
// primary text's hash, so that a publication names exactly what became
// immutable.
type VersionPublished struct {
	Hash string `json:"hash"`
}

// Record returns the record of the creation of a charter version.
func (p VersionCreated) Record(t time.Time, actor Actor, charter, version string) (Record, error) {
	return NewRecord(KindVersionCreated, t, actor, VersionSubject(charter, version), p)
}

// Record returns the record of a parallel text added to a draft version.
func (p TextAdded) Record(t time.Time, actor Actor, charter, version string) (Record, error) {
	return NewRecord(KindTextAdded, t, actor, VersionSubject(charter, version), p)
}

// Record returns the record of the publication of a version.
func (p VersionPublished) Record(t time.Time, actor Actor, charter, version string) (Record, error) {
	return NewRecord(KindVersionPublished, t, actor, VersionSubject(charter, version), p)
}

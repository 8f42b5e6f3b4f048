package charter

import (
	"context"
	"regexp"
	"time"

	"atazan"
)

// Charter is a constitution whose text evolves through versions.
type Charter struct {
	Slug      string    `json:"slug"` // e.g. "kz-constitution"; see ValidSlug
	Title     string    `json:"title"`
	CreatedAt time.Time `json:"created_at"`
}

// Status is the life stage of a version.
type Status string

const (
	// StatusDraft versions may still receive parallel texts in other languages.
	StatusDraft Status = "draft"
	// StatusPublished versions are immutable: no text in any language changes.
	StatusPublished Status = "published"
)

// Version is one state of a charter's text.
//
// Hash is the content hash (see Document.Hash) of the version's text in its
// primary language, the language it was first imported in; it names the
// version wherever the version is shown. Each parallel text has its own hash
// in Texts.
type Version struct {
	Charter     string     `json:"charter"`
	Label       string     `json:"label"`            // e.g. "1995 as amended 2022"; unique within the charter
	Parent      string     `json:"parent,omitempty"` // label of the version this one derives from
	Status      Status     `json:"status"`
	Lang        Lang       `json:"lang"` // primary language
	Hash        string     `json:"hash"`
	Texts       []TextInfo `json:"texts"` // one per language, primary first
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Stats       Stats      `json:"stats"`
	// LogIndex is the index of the last public log record that changed the
	// version (its creation, a parallel text, its publication): its receipt.
	LogIndex int64 `json:"log_index"`
}

// TextInfo describes a version's text in one language.
type TextInfo struct {
	Lang  Lang   `json:"lang"`
	Hash  string `json:"hash"`
	Title string `json:"title,omitempty"`
}

// HasLang reports whether the version carries a text in the language.
func (v Version) HasLang(l Lang) bool {
	for _, t := range v.Texts {
		if t.Lang == l {
			return true
		}
	}
	return false
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// ValidSlug checks a charter slug: 1 to 63 lowercase letters, digits and
// hyphens, starting with a letter or digit.
func ValidSlug(s string) error {
	if !slugRE.MatchString(s) {
		return atazan.FieldErrorf("charter", "charter slug %q must be 1-63 lowercase latin letters, digits and hyphens", s)
	}
	return nil
}

// ValidLabel checks a version label: 1 to 100 characters, no control characters.
func ValidLabel(s string) error {
	if s == "" || len([]rune(s)) > 100 {
		return atazan.FieldErrorf("version", "version label must be 1 to 100 characters")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return atazan.FieldErrorf("version", "version label must not contain control characters")
		}
	}
	return nil
}

// ImportRequest asks a store to record a parsed document as a new version, or
// as a parallel text of an existing draft version in another language.
type ImportRequest struct {
	Charter      string // slug; the charter is created when it does not exist
	CharterTitle string // used when the charter is created; defaults to the document title
	Version      string // label
	Parent       string // label of the parent version, optional
	Doc          *Document
	// Account is the account that imports; "" for the platform operator at
	// the command line. The public log records only its pseudonym.
	Account string
}

// Store keeps charters and their versions. Every store (SQLite, PostgreSQL)
// implements it with the same behaviour, checked by store/storetest.
//
// Errors are *atazan.Error: ENotFound for a missing charter, version or
// language; EConflict for an existing label or a change to a published version;
// EInvalid for a text whose structure does not match the version's primary
// text (the message lists every mismatch, see CompareStructure).
type Store interface {
	// ImportVersion records req.Doc. When the version does not exist it is
	// created as a draft with req.Doc as its primary text. When it exists and
	// is a draft without a text in req.Doc.Lang, req.Doc is added as a
	// parallel text after CompareStructure finds no mismatch.
	ImportVersion(ctx context.Context, req ImportRequest) (Version, error)
	// PublishVersion makes a draft immutable. Publishing a published version is an EConflict.
	// account is as in ImportRequest.
	PublishVersion(ctx context.Context, charter, label, account string) (Version, error)

	Charters(ctx context.Context) ([]Charter, error)
	Charter(ctx context.Context, slug string) (Charter, error)
	// Versions lists a charter's versions, oldest first.
	Versions(ctx context.Context, charter string) ([]Version, error)
	Version(ctx context.Context, charter, label string) (Version, error)
	// Document returns a version's text in a language.
	Document(ctx context.Context, charter, label string, lang Lang) (*Document, error)
}

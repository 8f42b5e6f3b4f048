package consult

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"atazan"
	"atazan/charter"
)

// ProposalID identifies a proposal.
type ProposalID int64

// Kind is what a proposal asks for.
type Kind string

const (
	// KindAmend replaces the wording of the unit with Text.
	KindAmend Kind = "amend"
	// KindInsertAfter inserts Text as a new unit after the unit (after the
	// preamble to put a new article first).
	KindInsertAfter Kind = "insert_after"
	// KindDelete removes the unit. Text is optional and, when given, says
	// what should follow from the removal (references, transitional rules).
	KindDelete Kind = "delete"
	// KindComment proposes no wording: Text is an opinion or idea about the
	// unit, or about the version as a whole when the unit is "".
	KindComment Kind = "comment"
)

// Kinds lists the kinds in the order forms show them.
var Kinds = []Kind{KindAmend, KindInsertAfter, KindDelete, KindComment}

// Valid returns an error naming the accepted kinds unless k is one of them.
func (k Kind) Valid() error {
	for _, v := range Kinds {
		if k == v {
			return nil
		}
	}
	return atazan.FieldErrorf("kind", "unknown kind %s; the kinds are amend, insert_after, delete and comment", quote(string(k)))
}

// Status is where a proposal stands. Only StatusSubmitted and StatusHidden
// are reached by the rules of this package (see Transition); the others
// belong to the systematization (under review, merged) and to the
// commission (its decisions), whose rules will extend the table.
type Status string

const (
	// StatusSubmitted: received and public, not yet looked at.
	StatusSubmitted Status = "submitted"
	// StatusUnderReview: the secretariat is systematizing it.
	StatusUnderReview Status = "under_review"
	// StatusMerged: joined with proposals that say the same thing; the
	// merged group is decided as one.
	StatusMerged Status = "merged"
	// StatusAccepted: the commission took it into the draft as proposed.
	StatusAccepted Status = "accepted"
	// StatusPartiallyAccepted: the commission took it in part or reworded.
	StatusPartiallyAccepted Status = "partially_accepted"
	// StatusRejected: the commission decided against it, with a reason.
	StatusRejected Status = "rejected"
	// StatusHidden: a moderator hid its text for a Reason; it still counts
	// and its page says why, when and by which role (see moderation.go).
	StatusHidden Status = "hidden"
)

// Submission is a proposal as a citizen's form sends it.
type Submission struct {
	Consultation ConsultationID
	Unit         string // a unit ID of the version; "" for the version as a whole
	Kind         Kind
	Text         string
	Rationale    string
}

// Clean is a Submission that Validate accepted, in the form it is stored.
type Clean struct {
	Consultation ConsultationID
	Unit         charter.UnitID // "" for the version as a whole
	Kind         Kind
	Text         string       // normalized (see NormalizeText); "" only for a delete
	Rationale    string       // normalized; "" only for a comment
	Lang         charter.Lang // DetectLanguage of Text and Rationale
}

// Validate checks a submission against doc, the text of the version under
// consultation (any of its languages: unit IDs are the same in all), and
// returns it cleaned. The first rule broken is reported, in this order:
//
//   - consultation: must be given;
//   - unit: "" (the version as a whole) only for a comment; otherwise a unit
//     of doc that is the preamble, an article, a paragraph or a point.
//     Sections are headings that group articles, and notes belong to their
//     article: propose on the article instead;
//   - kind: amend, insert_after, delete or comment;
//   - text: required, except for a delete; at most MaxTextChars;
//   - rationale: why the change is needed; required, at least
//     MinRationaleChars, for amend, insert_after and delete, optional for a
//     comment (whose text is already an argument); at most MaxRationaleChars.
//
// Texts are normalized with NormalizeText and checked as described there:
// valid UTF-8, no control characters but line breaks and tabs, no
// bidirectional formatting characters; lengths count characters after
// normalization.
func Validate(s Submission, doc *charter.Document) (Clean, error) {
	if s.Consultation <= 0 {
		return Clean{}, atazan.FieldErrorf("consultation", "the consultation must be given")
	}
	if err := checkUnit(s.Unit, s.Kind, doc); err != nil {
		return Clean{}, err
	}
	if err := s.Kind.Valid(); err != nil {
		return Clean{}, err
	}
	text, err := checkText("text", "text", s.Text, s.Kind != KindDelete, MaxTextChars)
	if err != nil {
		return Clean{}, err
	}
	rationale, err := checkRationale(s.Rationale, s.Kind != KindComment)
	if err != nil {
		return Clean{}, err
	}
	return Clean{
		Consultation: s.Consultation,
		Unit:         charter.UnitID(s.Unit),
		Kind:         s.Kind,
		Text:         text,
		Rationale:    rationale,
		Lang:         DetectLanguage(text + "\n" + rationale),
	}, nil
}

func checkRationale(s string, required bool) (string, error) {
	r, err := checkText("rationale", "rationale", s, required, MaxRationaleChars)
	if err != nil {
		return "", err
	}
	if r != "" && len([]rune(r)) < MinRationaleChars {
		return "", atazan.FieldErrorf("rationale", "rationale is %d characters; say in at least %d why the change is needed", len([]rune(r)), MinRationaleChars)
	}
	return r, nil
}

// checkUnit applies the unit rule of Validate. A kind that is not valid is
// reported by the kind check, after this one.
func checkUnit(unit string, kind Kind, doc *charter.Document) error {
	if unit == "" {
		if kind == KindComment || kind.Valid() != nil {
			return nil
		}
		return atazan.FieldErrorf("unit", "choose the article, paragraph or point to %s; only a comment may be about the version as a whole", verb(kind))
	}
	if doc == nil {
		return fmt.Errorf("consult: no document to check unit %q against", unit)
	}
	u := doc.Find(charter.UnitID(unit))
	if u == nil {
		return atazan.FieldErrorf("unit", "the version has no unit %s", quote(unit))
	}
	switch u.Kind {
	case charter.KindPreamble, charter.KindArticle, charter.KindParagraph, charter.KindPoint:
		return nil
	case charter.KindSection:
		return atazan.FieldErrorf("unit", "%s is a section; choose one of its articles", unit)
	}
	return atazan.FieldErrorf("unit", "%s is a %s; choose its article", unit, u.Kind)
}

func verb(k Kind) string {
	switch k {
	case KindAmend:
		return "amend"
	case KindInsertAfter:
		return "insert after"
	}
	return "delete"
}

// IdempotencyKey names a proposal so that the same text from the same
// citizen on the same unit of the same consultation, with the same kind, is
// one proposal however often it is sent (a double click, a retry on a slow
// connection, the same paste a week later). The store keeps it unique; the
// rationale is not part of it.
//
// It is the lowercase hex SHA-256 of
//
//	"atazan-proposal-v1\n" + field(author) + field(decimal consultation) + field(unit) + field(kind) + field(folded text)
//
// where field(s) is the decimal byte length of s, ":", s and "\n" (so no
// choice of fields can imitate another), and the folded text is the text in
// Unicode NFC with every run of white space (Unicode White_Space: spaces,
// tabs, line breaks, no-break spaces) replaced by one space and none at the
// ends. Case, punctuation and everything else are kept: "Ана тілі" and "ана
// тілі" are two proposals, "Ана  тілі\r\n" and "Ана тілі" one. author is the
// account ID, which never leaves the platform.
func IdempotencyKey(author string, consultation ConsultationID, unit string, kind Kind, text string) string {
	h := sha256.New()
	h.Write([]byte("atazan-proposal-v1\n"))
	for _, f := range []string{author, strconv.FormatInt(int64(consultation), 10), unit, string(kind), foldSpace(norm.NFC.String(text))} {
		h.Write([]byte(strconv.Itoa(len(f)) + ":" + f + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// foldSpace replaces every run of white space with one space and trims the ends.
func foldSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

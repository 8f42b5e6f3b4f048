package ledger

import (
	"strconv"
	"time"
)

// The kinds of the public consultation. Subjects name objects by their
// decimal IDs; accounts appear only as pseudonyms (the record's actor, or an
// "account" subject holding a pseudonym). Texts that moderation may remove
// (proposals, rationales, comments, moderators' notes) enter only as
// commitments (Commit); the texts are served beside the log, by the JSON API
// and the open-data export, where anyone can check them against the log.
const (
	// KindAccountCreated: an account registered. Actor: its own pseudonym.
	// Subject: account (the pseudonym). Payload: AccountCreated.
	KindAccountCreated Kind = "account.created"
	// KindAccountRoles: an administrator set an account's roles. Subject:
	// account (pseudonym). Payload: AccountRoles.
	KindAccountRoles Kind = "account.roles"
	// KindAccountDisabled: an administrator disabled an account. Subject:
	// account. Payload: empty object.
	KindAccountDisabled Kind = "account.disabled"

	// KindConsultationOpened: a version opened for proposals. Subject:
	// consultation. Payload: ConsultationOpened.
	KindConsultationOpened Kind = "consultation.opened"

	// KindProposalSubmitted: a proposal accepted. Actor: its author (the
	// operator for proposals imported from letters and other channels).
	// Subject: consultation, proposal. Payload: ProposalSubmitted.
	KindProposalSubmitted Kind = "proposal.submitted"
	// KindSupportGiven and KindSupportWithdrawn: a citizen supports a
	// proposal, or takes the support back. Actor: the citizen. Subject:
	// proposal. Payload: empty object.
	KindSupportGiven     Kind = "proposal.support.given"
	KindSupportWithdrawn Kind = "proposal.support.withdrawn"

	// KindCommentAdded: a comment on a proposal. Actor: its author. Subject:
	// proposal, comment. Payload: CommentAdded.
	KindCommentAdded Kind = "comment.added"

	// KindHidden: a moderator hid a proposal or a comment. Subject: target
	// ("proposal" or "comment") and id. Payload: Moderation.
	KindHidden Kind = "moderation.hidden"
	// KindRestored: a moderator restored a hidden item after review.
	// Subject and payload as KindHidden.
	KindRestored Kind = "moderation.restored"
	// KindReviewRequested: the author of a hidden item asked, once, for a
	// review. Subject: target and id. Payload: empty object.
	KindReviewRequested Kind = "moderation.review_requested"
	// KindUpheld: after a review, a moderator kept the item hidden. Subject
	// and payload as KindHidden.
	KindUpheld Kind = "moderation.upheld"
)

// Empty is the payload of kinds that carry nothing beyond their subject.
type Empty struct{}

// AccountCreated is the payload of KindAccountCreated. No name, national ID
// number or e-mail ever enters the log.
type AccountCreated struct {
	Region       string `json:"region"`       // region code
	Verification string `json:"verification"` // "self-declared" or "verified"
}

// AccountRoles is the payload of KindAccountRoles: the account's roles after the change.
type AccountRoles struct {
	Roles []string `json:"roles"`
}

// ConsultationOpened is the payload of KindConsultationOpened.
type ConsultationOpened struct {
	Charter     string `json:"charter"`
	Version     string `json:"version"`
	VersionHash string `json:"version_hash"`
	From        string `json:"from"`      // first day, YYYY-MM-DD, inclusive
	To          string `json:"to"`        // last day, YYYY-MM-DD, inclusive
	TimeZone    string `json:"time_zone"` // e.g. "Asia/Almaty"
}

// ProposalSubmitted is the payload of KindProposalSubmitted.
type ProposalSubmitted struct {
	Unit      string `json:"unit"` // unit ID, "" for the version as a whole
	Kind      string `json:"kind"` // amend, insert_after, delete, comment
	Lang      string `json:"lang"`
	Region    string `json:"region"`            // the author's region code
	Channel   string `json:"channel"`           // web, api, letter, email, portal, other
	Text      string `json:"text"`              // Commit of the text
	Rationale string `json:"rationale"`         // Commit of the rationale
	Cluster   string `json:"cluster,omitempty"` // the cluster it joined on arrival; "" (older records): its own ID
}

// CommentAdded is the payload of KindCommentAdded.
type CommentAdded struct {
	Parent string `json:"parent"` // the comment replied to, "" for a top-level comment
	Stance string `json:"stance"` // for, against, neutral
	Text   string `json:"text"`   // Commit of the text
}

// Moderation is the payload of KindHidden and KindRestored.
type Moderation struct {
	Reason string `json:"reason"` // illegal_content, personal_data, spam, off_topic
	Note   string `json:"note"`   // Commit of the moderator's note
}

// IDSubject formats an object ID for a subject.
func IDSubject(id int64) string { return strconv.FormatInt(id, 10) }

// Record returns the record of an account's creation.
func (p AccountCreated) Record(t time.Time, account Actor) (Record, error) {
	return NewRecord(KindAccountCreated, t, account, map[string]string{"account": string(account)}, p)
}

// Record returns the record of an account's roles set by actor.
func (p AccountRoles) Record(t time.Time, actor, account Actor) (Record, error) {
	return NewRecord(KindAccountRoles, t, actor, map[string]string{"account": string(account)}, p)
}

// Record returns the record of a consultation opened.
func (p ConsultationOpened) Record(t time.Time, actor Actor, consultation int64) (Record, error) {
	return NewRecord(KindConsultationOpened, t, actor, map[string]string{"consultation": IDSubject(consultation)}, p)
}

// Record returns the record of a proposal submitted.
func (p ProposalSubmitted) Record(t time.Time, author Actor, consultation, proposal int64) (Record, error) {
	return NewRecord(KindProposalSubmitted, t, author,
		map[string]string{"consultation": IDSubject(consultation), "proposal": IDSubject(proposal)}, p)
}

// Record returns the record of a comment.
func (p CommentAdded) Record(t time.Time, author Actor, proposal, comment int64) (Record, error) {
	return NewRecord(KindCommentAdded, t, author,
		map[string]string{"proposal": IDSubject(proposal), "comment": IDSubject(comment)}, p)
}

// SupportRecord returns the record of a support given (or withdrawn when withdraw is true).
func SupportRecord(t time.Time, citizen Actor, proposal int64, withdraw bool) (Record, error) {
	kind := KindSupportGiven
	if withdraw {
		kind = KindSupportWithdrawn
	}
	return NewRecord(kind, t, citizen, map[string]string{"proposal": IDSubject(proposal)}, Empty{})
}

// ModerationRecord returns the record of a moderation event (KindHidden,
// KindRestored or KindReviewRequested) on a proposal or a comment.
func ModerationRecord(kind Kind, t time.Time, actor Actor, target string, id int64, p any) (Record, error) {
	if p == nil {
		p = Empty{}
	}
	return NewRecord(kind, t, actor, map[string]string{"target": target, "id": IDSubject(id)}, p)
}

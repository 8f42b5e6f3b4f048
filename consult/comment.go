package consult

import "atazan"

// CommentID identifies a comment.
type CommentID int64

// Stance is how a comment stands towards the proposal it discusses.
type Stance string

const (
	StanceFor     Stance = "for"
	StanceAgainst Stance = "against"
	StanceNeutral Stance = "neutral"
)

// Stances lists the stances in the order forms show them.
var Stances = []Stance{StanceFor, StanceAgainst, StanceNeutral}

// CommentRequest is a comment on a proposal, or a reply to one, as a
// citizen's form sends it.
type CommentRequest struct {
	Proposal ProposalID
	Parent   *CommentID // the comment replied to; nil for a new thread
	Stance   Stance     // "" means neutral
	Text     string
}

// Validate checks a comment and returns it with its text normalized (see
// NormalizeText) and its stance set: the proposal must be given, a parent
// must be a valid ID, the stance for, against or neutral ("" is neutral,
// the form's default), the text required and at most MaxCommentChars.
//
// Whether the parent is itself a reply is for CheckReplyDepth, with what
// the store knows; whether the proposal may still be commented on is for
// CanComment and Consultation.CheckOpen.
func (r CommentRequest) Validate() (CommentRequest, error) {
	if r.Proposal <= 0 {
		return CommentRequest{}, atazan.FieldErrorf("proposal", "the proposal must be given")
	}
	if r.Parent != nil && *r.Parent <= 0 {
		return CommentRequest{}, atazan.FieldErrorf("parent", "the comment replied to must be given")
	}
	switch r.Stance {
	case "":
		r.Stance = StanceNeutral
	case StanceFor, StanceAgainst, StanceNeutral:
	default:
		return CommentRequest{}, atazan.FieldErrorf("stance", "unknown stance %s; the stances are for, against and neutral", quote(string(r.Stance)))
	}
	text, err := checkText("text", "comment", r.Text, true, MaxCommentChars)
	if err != nil {
		return CommentRequest{}, err
	}
	r.Text = text
	return r, nil
}

// CheckReplyDepth enforces one level of replies: a reply answers a comment
// that started a thread, never another reply, so a discussion stays
// readable on a phone. parentHasParent says whether the comment replied to
// is itself a reply.
func CheckReplyDepth(parentHasParent bool) error {
	if parentHasParent {
		return atazan.FieldErrorf("parent", "replies go one level deep: reply to the comment that started the thread")
	}
	return nil
}

// CanComment refuses a comment on a proposal whose text a moderator has
// hidden. Decided proposals (accepted, rejected, …) may still be discussed
// while the consultation is open.
func CanComment(p Status) error {
	if p == StatusHidden {
		return atazan.Errorf(atazan.EConflict, "this proposal was hidden by moderation and cannot be commented on")
	}
	return nil
}

package ledger

import (
	"encoding/json"
	"time"
)

// The kinds of the constitutional commission. The commission's work is open:
// its members act under their pseudonyms, and each member's public name and
// position enter the log with the member (commission.member.added), so every
// attendance and every vote can be read by name. E-mail addresses and
// national ID numbers never enter it. Amendments are official texts and
// enter the log as they are (their JSON, canonicalized), so that anyone can
// re-apply them and check the hash of every draft.
//
// Commissions are named by their slug, meetings and amendments by decimal
// IDs, agenda items by their 0-based position in the agenda, votes by their
// 1-based number within the meeting.
const (
	// KindCommissionCreated: a commission set up to amend a charter version.
	// Subject: commission. Payload: CommissionCreated.
	KindCommissionCreated Kind = "commission.created"
	// KindMemberAdded: a member appointed with a position and a term.
	// Subject: commission, member (the member's pseudonym). Payload: MemberAdded.
	KindMemberAdded Kind = "commission.member.added"
	// KindAmendmentSubmitted: an amendment put before the commission.
	// Subject: commission, amendment. Payload: AmendmentSubmitted.
	KindAmendmentSubmitted Kind = "amendment.submitted"
	// KindMeetingScheduled: a meeting scheduled. Subject: commission,
	// meeting. Payload: MeetingScheduled.
	KindMeetingScheduled Kind = "meeting.scheduled"
	// KindItemAdded: an item put on a meeting's agenda. Subject: commission,
	// meeting. Payload: ItemAdded.
	KindItemAdded Kind = "meeting.item.added"
	// KindMeetingOpened and KindMeetingClosed: the presiding member opened or
	// closed the meeting. Subject: commission, meeting. Payload: Empty.
	KindMeetingOpened Kind = "meeting.opened"
	KindMeetingClosed Kind = "meeting.closed"
	// KindAttendance: a member registered arrival (present) or departure.
	// Actor: the member. Subject: commission, meeting. Payload: Attendance.
	KindAttendance Kind = "meeting.attendance"
	// KindItemOpened and KindItemClosed: the presiding member opened or
	// closed an agenda item. Subject: commission, meeting. Payload: ItemRef.
	KindItemOpened Kind = "meeting.item.opened"
	KindItemClosed Kind = "meeting.item.closed"
	// KindVoteOpened: a vote opened within the open item. Subject:
	// commission, meeting, vote. Payload: VoteOpened.
	KindVoteOpened Kind = "vote.opened"
	// KindVoteCast: a member's vote, or a changed vote (the last counts).
	// Actor: the member. Subject: commission, meeting, vote. Payload: VoteCast.
	KindVoteCast Kind = "vote.cast"
	// KindVoteClosed: a vote closed with its outcome. Subject: commission,
	// meeting, vote. Payload: VoteClosed. Replay recomputes the outcome from
	// the logged votes, the attendance and the rules, and refuses a record
	// that says otherwise.
	KindVoteClosed Kind = "vote.closed"
	// KindAmendmentApplied: an amendment applied to a working draft. Subject:
	// charter, draft (a commission's working draft "commission/SLUG", or the
	// label of a version made from the command line). Payload: AmendmentApplied.
	KindAmendmentApplied Kind = "amendment.applied"
	// KindDraftPublished: a working draft became a charter version (whose
	// charter.version.created record precedes this one). Subject: charter,
	// version. Payload: DraftPublished.
	KindDraftPublished Kind = "draft.published"
	// KindMinutesPublished: a meeting's minutes, generated at its close.
	// Subject: commission, meeting. Payload: MinutesPublished.
	KindMinutesPublished Kind = "minutes.published"
)

// CommissionCreated is the payload of KindCommissionCreated.
type CommissionCreated struct {
	Title   string `json:"title"`
	Charter string `json:"charter"` // the charter's slug
	Base    string `json:"base"`    // the version the working draft starts from
	Lang    string `json:"lang"`    // the working language
	Quorum  string `json:"quorum"`  // commission.QuorumRule ("" is the default)
	// Majority is commission.Majority ("" is the default).
	Majority string `json:"majority"`
	// Agenda lists the positions that put items on the agenda (empty: the default).
	Agenda []string `json:"agenda"`
}

// MemberAdded is the payload of KindMemberAdded: the member's public name,
// position and term (dates written 2026-02-12; To "" while the term runs).
type MemberAdded struct {
	Name     string `json:"name"`
	Position string `json:"position"`
	From     string `json:"from"`
	To       string `json:"to"`
}

// AmendmentSubmitted is the payload of KindAmendmentSubmitted: the
// amendment's JSON (the amend package's format).
type AmendmentSubmitted struct {
	Amendment json.RawMessage `json:"amendment"`
}

// MeetingScheduled is the payload of KindMeetingScheduled.
type MeetingScheduled struct {
	Title     string `json:"title"`
	Date      string `json:"date"`       // 2026-02-12: the day whose serving members sit
	StartsAt  string `json:"starts_at"`  // in TimeLayout
	StreamURL string `json:"stream_url"` // "" for none
}

// ItemAdded is the payload of KindItemAdded.
type ItemAdded struct {
	Item      int64  `json:"item"` // its 0-based position
	Title     string `json:"title"`
	Amendment string `json:"amendment"` // the amendment's ID, "" for another item
}

// ItemRef is the payload of KindItemOpened and KindItemClosed.
type ItemRef struct {
	Item int64 `json:"item"`
}

// Attendance is the payload of KindAttendance.
type Attendance struct {
	Present bool `json:"present"`
}

// VoteOpened is the payload of KindVoteOpened.
type VoteOpened struct {
	Item     int64  `json:"item"`
	Question string `json:"question"`
}

// VoteCast is the payload of KindVoteCast: "for", "against" or "abstain".
type VoteCast struct {
	Choice string `json:"choice"`
}

// VoteClosed is the payload of KindVoteClosed: the tally and the outcome
// under the commission's rules.
type VoteClosed struct {
	For     int64 `json:"for"`
	Against int64 `json:"against"`
	Abstain int64 `json:"abstain"`
	Members int64 `json:"members"` // members serving on the meeting's date
	Present int64 `json:"present"` // counted at the close: present, or having voted
	Quorum  bool  `json:"quorum"`
	Needed  int64 `json:"needed"`
	Adopted bool  `json:"adopted"`
}

// AmendmentApplied is the payload of KindAmendmentApplied. The first
// amendment applied to a draft names the version it starts from (Base);
// FromHash is the draft's hash before, Hash after.
type AmendmentApplied struct {
	Commission string          `json:"commission"` // "" for the command line
	Amendment  string          `json:"amendment"`  // the amendment's ID, "" for the command line
	Base       string          `json:"base"`
	FromHash   string          `json:"from_hash"`
	Hash       string          `json:"hash"`
	Text       json.RawMessage `json:"text"` // the amendment as applied (after any rebase)
}

// DraftPublished is the payload of KindDraftPublished.
type DraftPublished struct {
	Draft string `json:"draft"`
	Hash  string `json:"hash"`
}

// MinutesPublished is the payload of KindMinutesPublished: the SHA-256 of
// the minutes as served in Markdown and HTML, and the draft's hash at the close.
type MinutesPublished struct {
	Markdown  string `json:"markdown"`
	HTML      string `json:"html"`
	DraftHash string `json:"draft_hash"`
}

// CommissionSubject names a commission, and with extra "name", "value" pairs
// its meeting, amendment or vote.
func CommissionSubject(commission string, kv ...string) map[string]string {
	m := map[string]string{"commission": commission}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// DraftSubject names a working draft of a charter.
func DraftSubject(charter, draft string) map[string]string {
	return map[string]string{"charter": charter, "draft": draft}
}

// CommissionDraft is the name of a commission's working draft.
func CommissionDraft(commission string) string { return "commission/" + commission }

// CommissionRecord returns a record of the commission's kinds.
func CommissionRecord(kind Kind, t time.Time, actor Actor, subject map[string]string, p any) (Record, error) {
	return NewRecord(kind, t, actor, subject, p)
}

package consult

import (
	"atazan"
	"atazan/charter"
)

// Target is the kind of item moderation acts on.
type Target string

const (
	TargetProposal Target = "proposal"
	TargetComment  Target = "comment"
)

// Valid returns an error unless t is proposal or comment.
func (t Target) Valid() error {
	if t != TargetProposal && t != TargetComment {
		return atazan.FieldErrorf("target", "unknown target %s; moderation acts on a proposal or a comment", quote(string(t)))
	}
	return nil
}

// Reason is why a moderator hid an item. The list is fixed so that every
// hidden item can be counted by reason and no reason can be invented.
type Reason string

const (
	// ReasonIllegalContent: calls to violence, extremism, incitement of
	// hatred, insults, or other content the law forbids to publish.
	ReasonIllegalContent Reason = "illegal_content"
	// ReasonPersonalData: another person's personal data (an IIN, an
	// address, a telephone number, health), or the author's own when
	// publishing it would harm them.
	ReasonPersonalData Reason = "personal_data"
	// ReasonSpam: advertising, repeated copies, text without meaning.
	ReasonSpam Reason = "spam"
	// ReasonOffTopic: not about the charter under consultation.
	ReasonOffTopic Reason = "off_topic"
)

// Reasons lists the reasons in the order forms show them.
var Reasons = []Reason{ReasonIllegalContent, ReasonPersonalData, ReasonSpam, ReasonOffTopic}

// ReasonLabels are the reasons as pages show them, in Kazakh, Russian and
// English. Read it; do not change it.
var ReasonLabels = map[Reason]map[charter.Lang]string{
	ReasonIllegalContent: {"kk": "Заңға қайшы мазмұн", "ru": "Противоправное содержание", "en": "Illegal content"},
	ReasonPersonalData:   {"kk": "Дербес деректер", "ru": "Персональные данные", "en": "Personal data"},
	ReasonSpam:           {"kk": "Спам", "ru": "Спам", "en": "Spam"},
	ReasonOffTopic:       {"kk": "Тақырыпқа қатысы жоқ", "ru": "Не по теме", "en": "Off topic"},
}

// Valid returns an error naming the reasons unless r is one of them.
func (r Reason) Valid() error {
	for _, v := range Reasons {
		if r == v {
			return nil
		}
	}
	return atazan.FieldErrorf("reason", "unknown reason %s; the reasons are illegal_content, personal_data, spam and off_topic", quote(string(r)))
}

// HideRequest is a moderator's decision to hide an item.
type HideRequest struct {
	Target Target
	ID     int64 // a ProposalID or a CommentID
	Reason Reason
	// Note explains the decision to the author and, on the item's page, to
	// everyone: it is public, so it must not repeat the personal data it
	// hides. Required for illegal_content, whose author deserves to know
	// what is illegal before asking for a review; optional otherwise.
	Note string
}

// Validate checks the request and returns it with its note normalized.
func (r HideRequest) Validate() (HideRequest, error) {
	if err := checkItem(r.Target, r.ID); err != nil {
		return HideRequest{}, err
	}
	if err := r.Reason.Valid(); err != nil {
		return HideRequest{}, err
	}
	note, err := checkText("note", "note", r.Note, false, MaxNoteChars)
	if err != nil {
		return HideRequest{}, err
	}
	if note == "" && r.Reason == ReasonIllegalContent {
		return HideRequest{}, atazan.FieldErrorf("note", "say what is illegal in the text: hiding for illegal content needs a note")
	}
	r.Note = note
	return r, nil
}

func checkItem(t Target, id int64) error {
	if err := t.Valid(); err != nil {
		return err
	}
	if id <= 0 {
		return atazan.FieldErrorf("id", "the %s must be given", t)
	}
	return nil
}

// Report is a signed-in account's report that an item breaks the rules.
// Reports change nothing by themselves; they queue the item for moderators.
type Report struct {
	Target Target
	ID     int64
	Note   string // optional: what is wrong; at most MaxNoteChars
}

// Validate checks the report and returns it with its note normalized.
func (r Report) Validate() (Report, error) {
	if err := checkItem(r.Target, r.ID); err != nil {
		return Report{}, err
	}
	note, err := checkText("note", "note", r.Note, false, MaxNoteChars)
	if err != nil {
		return Report{}, err
	}
	r.Note = note
	return r, nil
}

// CheckReport refuses a second report of the same item by the same account.
func CheckReport(alreadyReported bool) error {
	if alreadyReported {
		return atazan.Errorf(atazan.EConflict, "you have already reported this; moderators will look at it")
	}
	return nil
}

// ReviewRequest is the author's request that a hidden item be looked at again.
type ReviewRequest struct {
	Target Target
	ID     int64
	Note   string // required: why the item should be restored; at most MaxNoteChars
}

// Validate checks the request and returns it with its note normalized.
func (r ReviewRequest) Validate() (ReviewRequest, error) {
	if err := checkItem(r.Target, r.ID); err != nil {
		return ReviewRequest{}, err
	}
	note, err := checkText("note", "note", r.Note, true, MaxNoteChars)
	if err != nil {
		return ReviewRequest{}, err
	}
	r.Note = note
	return r, nil
}

// CheckReviewRequest decides whether an account may ask for a review of an
// item: only its author (EForbidden), only while it is hidden, and only
// once per item (EConflict): a decided review is final.
func CheckReviewRequest(isAuthor, alreadyRequested, hidden bool) error {
	switch {
	case !isAuthor:
		return atazan.Errorf(atazan.EForbidden, "only the author can ask for a review of a hidden item")
	case !hidden:
		return atazan.Errorf(atazan.EConflict, "the item is not hidden; there is nothing to review")
	case alreadyRequested:
		return atazan.Errorf(atazan.EConflict, "a review of this item has already been asked for; it can be asked for once")
	}
	return nil
}

// ReviewDecision is a moderator's decision on a review.
type ReviewDecision string

const (
	// ReviewUphold keeps the item hidden.
	ReviewUphold ReviewDecision = "uphold"
	// ReviewRestore shows the item again.
	ReviewRestore ReviewDecision = "restore"
)

// Event returns the status event the decision causes: EventUphold or EventRestore.
func (d ReviewDecision) Event() Event {
	if d == ReviewRestore {
		return EventRestore
	}
	return EventUphold
}

// DecideRequest is a moderator's decision on an author's review request.
type DecideRequest struct {
	Target   Target
	ID       int64
	Decision ReviewDecision
	// Note answers the author. Required to uphold (the author asked why);
	// optional to restore. At most MaxNoteChars.
	Note string
}

// Validate checks the decision and returns it with its note normalized.
func (r DecideRequest) Validate() (DecideRequest, error) {
	if err := checkItem(r.Target, r.ID); err != nil {
		return DecideRequest{}, err
	}
	if r.Decision != ReviewUphold && r.Decision != ReviewRestore {
		return DecideRequest{}, atazan.FieldErrorf("decision", "unknown decision %s; decide uphold or restore", quote(string(r.Decision)))
	}
	note, err := checkText("note", "note", r.Note, r.Decision == ReviewUphold, MaxNoteChars)
	if err != nil {
		return DecideRequest{}, err
	}
	r.Note = note
	return r, nil
}

// CheckReviewDecision decides whether a moderator may decide a review:
// there must be a pending request (EConflict), and the moderator who hid
// the item may not review their own decision (EForbidden); another
// moderator does.
func CheckReviewDecision(pending, hidByThisModerator bool) error {
	switch {
	case !pending:
		return atazan.Errorf(atazan.EConflict, "no review of this item is pending")
	case hidByThisModerator:
		return atazan.Errorf(atazan.EForbidden, "you hid this item; another moderator must decide the review")
	}
	return nil
}

// Event is something that changes the status of a proposal or a comment.
type Event string

const (
	EventSubmit  Event = "submit"  // a citizen submits the item
	EventHide    Event = "hide"    // a moderator hides it (HideRequest)
	EventRestore Event = "restore" // a moderator shows it again, on review or on their own finding
	EventUphold  Event = "uphold"  // a moderator keeps it hidden after a review
)

// transitions is the one table of status changes this package's rules
// allow. Comments use the same table with two statuses: StatusSubmitted
// (shown) and StatusHidden. A restored item returns to StatusSubmitted, the
// queue of the systematization, even if it was under review when hidden.
// Items the secretariat or the commission have decided (merged, accepted,
// partially accepted, rejected) are part of the record and are not hidden.
var transitions = map[Status]map[Event]Status{
	"":                {EventSubmit: StatusSubmitted},
	StatusSubmitted:   {EventHide: StatusHidden},
	StatusUnderReview: {EventHide: StatusHidden},
	StatusHidden:      {EventRestore: StatusSubmitted, EventUphold: StatusHidden},
}

// Transition returns the status an item in status from reaches on event,
// or an EConflict error when the table above does not allow it ("" is the
// status of an item not yet submitted).
func Transition(from Status, event Event) (Status, error) {
	if to, ok := transitions[from][event]; ok {
		return to, nil
	}
	what := "an item that is " + string(from)
	if from == "" {
		what = "an item not yet submitted"
	}
	return "", atazan.Errorf(atazan.EConflict, "cannot %s %s", event, what)
}

// Tally counts items for public statistics. Hidden items are never left
// out: Total includes them and HiddenByModeration shows how many there are,
// so a count on a page never silently shrinks when a moderator acts.
type Tally struct {
	Total              int            // every submitted item, hidden or not
	Shown              int            // Total − HiddenByModeration
	HiddenByModeration int            // items in StatusHidden
	ByStatus           map[Status]int // the counts given, without zero entries
}

// Count returns the tally of items counted by status.
func Count(byStatus map[Status]int) Tally {
	t := Tally{ByStatus: map[Status]int{}}
	for s, n := range byStatus {
		if n == 0 || s == "" {
			continue
		}
		t.ByStatus[s] = n
		t.Total += n
		if s == StatusHidden {
			t.HiddenByModeration += n
		}
	}
	t.Shown = t.Total - t.HiddenByModeration
	return t
}

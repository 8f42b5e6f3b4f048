package consult

import (
	"time"

	"atazan/charter"
)

// Proposal is a proposal as the platform keeps and shows it. The author is
// shown only by the pseudonym the public log uses; the account behind it is
// private.
type Proposal struct {
	ID              ProposalID     `json:"id"`
	Consultation    ConsultationID `json:"consultation"`
	Author          string         `json:"author"` // the author's pseudonym in the public log ("operator" for imports)
	Unit            charter.UnitID `json:"unit"`   // "" for the version as a whole
	Kind            Kind           `json:"kind"`
	Text            string         `json:"text"` // "" when hidden by moderation
	Rationale       string         `json:"rationale"`
	TextCommit      string         `json:"text_commit"`      // the commitment the log holds
	RationaleCommit string         `json:"rationale_commit"` // the commitment the log holds
	Lang            charter.Lang   `json:"lang"`
	Region          string         `json:"region"`
	Channel         Channel        `json:"channel"`
	Received        Date           `json:"received"`
	Status          Status         `json:"status"`
	HiddenReason    Reason         `json:"hidden_reason,omitempty"`
	ReviewRequested bool           `json:"review_requested,omitempty"`
	Supports        int            `json:"supports"`
	Comments        int            `json:"comments"`
	CreatedAt       time.Time      `json:"created_at"`
	LogIndex        int64          `json:"log_index"` // the record of the submission: the receipt
	LastLogIndex    int64          `json:"last_log_index"`

	AuthorAccount int64 `json:"-"` // private: the author's account, 0 for imports
}

// Comment is a comment on a proposal.
type Comment struct {
	ID              CommentID  `json:"id"`
	Proposal        ProposalID `json:"proposal"`
	Parent          CommentID  `json:"parent,omitempty"`
	Author          string     `json:"author"` // pseudonym
	Stance          Stance     `json:"stance"`
	Text            string     `json:"text"` // "" when hidden
	TextCommit      string     `json:"text_commit"`
	Status          Status     `json:"status"` // submitted or hidden
	HiddenReason    Reason     `json:"hidden_reason,omitempty"`
	ReviewRequested bool       `json:"review_requested,omitempty"`
	CreatedAt       time.Time  `json:"created_at"`
	LogIndex        int64      `json:"log_index"`

	AuthorAccount int64 `json:"-"`
}

package consult

import (
	"time"

	"atazan/charter"
	"atazan/ledger"
)

// Receipt is what a citizen gets for a proposal and can show anyone: with
// the log index, the proposal's public log record can be found and its
// inclusion in the log proved; with the commitment, whoever holds the text
// can prove it is the text that was submitted, even after moderation hid it
// from the platform (the log never holds the text itself).
type Receipt struct {
	Proposal     ProposalID
	LogIndex     int64 // index of the proposal's record in the public log
	Consultation ConsultationID
	Charter      string         // charter slug
	Version      string         // version label
	Unit         charter.UnitID // "" for the version as a whole
	Kind         Kind
	// Commitment is ledger.Commit of the stored text: "sha256:" and the
	// lowercase hex SHA-256 of the text in NFC. The stored text is the
	// normalized one (NormalizeText), which is what Matches checks. A delete
	// without text commits to "".
	Commitment  string
	SubmittedAt time.Time
}

// NewReceipt returns the receipt of a stored proposal.
func NewReceipt(id ProposalID, logIndex int64, c Consultation, p Clean, submittedAt time.Time) Receipt {
	return Receipt{
		Proposal:     id,
		LogIndex:     logIndex,
		Consultation: c.ID,
		Charter:      c.Charter,
		Version:      c.Version,
		Unit:         p.Unit,
		Kind:         p.Kind,
		Commitment:   ledger.Commit(p.Text),
		SubmittedAt:  submittedAt,
	}
}

// Matches reports whether text is the text the receipt commits to. The text
// may be given as the citizen typed or copied it: it is normalized as
// Validate normalizes a submission (line breaks, NFC, the white space at
// the ends) before it is committed to.
func (r Receipt) Matches(text string) bool {
	return ledger.Commit(NormalizeText(text)) == r.Commitment
}

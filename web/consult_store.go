package web

import (
	"context"
	"time"

	"atazan/charter"
	"atazan/consult"
	"atazan/identity"
	"atazan/store"
)

// ConsultStore is what the consultation pages and API need from storage:
// accounts and sessions, consultations, proposals, supports, comments,
// reports and moderation. *store.Store implements it. Every method that
// changes state appends its public log record in the same transaction.
type ConsultStore interface {
	IINKey(ctx context.Context) ([]byte, error)
	WithheldText(ctx context.Context, target consult.Target, id int64) (string, error)
	CreateAccount(ctx context.Context, a store.NewAccount) (identity.Account, int64, error)
	Credentials(ctx context.Context, email string) (identity.Account, string, error)
	SetPassword(ctx context.Context, id identity.AccountID, hash, keepSession string) error
	CreateSession(ctx context.Context, tokenHash string, id identity.AccountID, kind string, expires time.Time) error
	SessionAccount(ctx context.Context, tokenHash, kind string) (identity.Account, error)
	DeleteSession(ctx context.Context, tokenHash string) error

	OpenConsultation(ctx context.Context, req consult.OpenRequest, by identity.AccountID) (consult.Consultation, int64, error)
	Consultation(ctx context.Context, id consult.ConsultationID) (consult.Consultation, error)
	Consultations(ctx context.Context, charterSlug, label string) ([]consult.Consultation, error)

	SubmitProposal(ctx context.Context, sub consult.Submission, author identity.AccountID, channel consult.Channel) (consult.Proposal, bool, error)
	Proposal(ctx context.Context, id consult.ProposalID) (consult.Proposal, error)
	Proposals(ctx context.Context, q store.ProposalQuery) ([]consult.Proposal, int, error)
	UnitCounts(ctx context.Context, id consult.ConsultationID) (map[charter.UnitID]int, error)
	StatusCounts(ctx context.Context, id consult.ConsultationID) (map[consult.Status]int, error)
	Support(ctx context.Context, id consult.ProposalID, account identity.AccountID, withdraw bool) (consult.Proposal, bool, int64, error)
	Supporting(ctx context.Context, account identity.AccountID, ids []consult.ProposalID) (map[consult.ProposalID]bool, error)
	ExportProposals(ctx context.Context, id consult.ConsultationID, fn func(consult.Proposal) error) error
	SearchProposals(ctx context.Context, id consult.ConsultationID, query string, limit, offset int) ([]store.SearchHit, int, error)

	AddComment(ctx context.Context, req consult.CommentRequest, author identity.AccountID) (consult.Comment, error)
	Comments(ctx context.Context, id consult.ProposalID) ([]consult.Comment, error)
	Comment(ctx context.Context, id consult.CommentID) (consult.Comment, error)
	Report(ctx context.Context, r consult.Report, reporter identity.AccountID) error
	ModerationQueue(ctx context.Context, limit int) ([]store.ReportedItem, error)
	Moderate(ctx context.Context, event consult.Event, target consult.Target, id int64, reason consult.Reason, note string, moderator identity.AccountID) (int64, error)
	RequestReview(ctx context.Context, r consult.ReviewRequest, account identity.AccountID) (int64, error)
	ModerationHistory(ctx context.Context, target consult.Target, id int64) ([]store.ModerationEntry, error)
	Notices(ctx context.Context, account identity.AccountID) ([]string, error)

	ClusterStore // clusters, the secretariat's actions and the consolidated table (cluster_store.go)
}

var _ ConsultStore = (*store.Store)(nil)

package web

import (
	"atazan/commission"
	"context"

	"atazan/charter"
	"atazan/identity"
	"atazan/store"
)

// CommissionStore is what the commission's pages and API need from storage:
// commissions, members, amendments, meetings and their actions, the working
// draft and its publication. *store.Store implements it; every method that
// changes state appends its public log records in the same transaction.
type CommissionStore interface {
	Commissions(ctx context.Context) ([]store.Commission, error)
	Commission(ctx context.Context, slug string) (store.Commission, error)
	Members(ctx context.Context, slug string) ([]store.Member, error)
	AddMembers(ctx context.Context, slug string, ms []commission.Member, newAccount store.NewMemberAccount, by identity.AccountID) ([]store.Member, error)
	Amendments(ctx context.Context, slug string) ([]store.Amendment, error)
	Amendment(ctx context.Context, id int64) (store.Amendment, error)
	SubmitAmendment(ctx context.Context, slug string, data []byte, by identity.AccountID) (store.Amendment, error)
	WorkingDraft(ctx context.Context, slug string) (*charter.Document, error)
	PublishDraft(ctx context.Context, slug, label string, by identity.AccountID) (charter.Version, error)
	Meetings(ctx context.Context, slug string) ([]store.MeetingView, error)
	Meeting(ctx context.Context, id int64) (store.MeetingView, error)
	ScheduleMeeting(ctx context.Context, slug string, nm store.NewMeeting, by identity.AccountID) (store.MeetingView, error)
	Act(ctx context.Context, meeting int64, a store.MeetingAction, by identity.AccountID) (store.MeetingView, error)
	MeetingMinutes(ctx context.Context, id int64) (markdown, html string, err error)
}

var _ CommissionStore = (*store.Store)(nil)

package web

import (
	"context"

	"atazan/charter"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
	"atazan/store"
)

// ClusterStore is what the secretariat's workbench, the consolidated table
// and the authors' view of their proposals' fate need from storage: the
// clusters of near-duplicate proposals, the secretariat's actions on them
// (each one transaction with its public log record) and the published
// consolidated tables. *store.Store implements it; ConsultStore embeds it.
type ClusterStore interface {
	Clusters(ctx context.Context, q store.ClusterQuery) ([]consolidate.Cluster, error)
	Cluster(ctx context.Context, id consolidate.ClusterID) (consolidate.Cluster, error)
	ClusterDetail(ctx context.Context, id consolidate.ClusterID) (store.ClusterView, error)
	ProposalCluster(ctx context.Context, p consult.ProposalID) (consolidate.Cluster, error)
	ClusterAmendments(ctx context.Context, id consolidate.ClusterID) ([]store.AmendmentFate, error)
	SimilarProposals(ctx context.Context, id consult.ConsultationID, unit charter.UnitID, text string, n int) (consolidate.Cluster, []consult.Proposal, error)
	ClusterUnits(ctx context.Context, id consult.ConsultationID) ([]store.UnitClusters, error)
	TableOutcome(ctx context.Context, slug string, from, to charter.Version, changes []charter.Change) ([]store.RowOutcome, error)

	MergeClusters(ctx context.Context, into consolidate.ClusterID, from []consolidate.ClusterID, by identity.AccountID) (int64, error)
	SplitCluster(ctx context.Context, id consolidate.ClusterID, chosen []consult.ProposalID, by identity.AccountID) (consolidate.ClusterID, int64, error)
	MoveProposal(ctx context.Context, p consult.ProposalID, to consolidate.ClusterID, by identity.AccountID) (int64, error)
	AssignWorkingGroup(ctx context.Context, id consolidate.ClusterID, group string, by identity.AccountID) (int64, error)
	LinkAmendment(ctx context.Context, id consolidate.ClusterID, amendment string, by identity.AccountID) (int64, error)
	DecideCluster(ctx context.Context, id consolidate.ClusterID, d consolidate.Decision, reason string, by identity.AccountID) (int64, error)

	ConsolidatedTable(ctx context.Context, id consult.ConsultationID) (*consolidate.Table, error)
	PublishTable(ctx context.Context, id consult.ConsultationID, by identity.AccountID) (store.PublishedTable, error)
	PublishedTables(ctx context.Context, id consult.ConsultationID) ([]store.PublishedTable, error)
	PublishedTableBody(ctx context.Context, id consult.ConsultationID, n int) ([]byte, error)
}

var _ ClusterStore = (*store.Store)(nil)

package ledger

import "time"

// The kinds of the systematization: what the secretariat does with the
// clusters of proposals. A proposal's first cluster is named by its
// proposal.submitted record (ProposalSubmitted.Cluster). Cluster IDs are
// decimal numbers in subjects and payloads. Decisions and their reasons are
// official statements and enter the log as they are.
const (
	// KindClusterMerged: clusters merged into one. Subject: consultation,
	// cluster (the one that receives the members). Payload: ClusterMerged.
	KindClusterMerged Kind = "cluster.merged"
	// KindClusterSplit: proposals split off a cluster into a new one.
	// Subject: consultation, cluster (the one split). Payload: ClusterSplit.
	KindClusterSplit Kind = "cluster.split"
	// KindClusterMoved: one proposal moved to another cluster. Subject:
	// consultation, proposal. Payload: ClusterMoved.
	KindClusterMoved Kind = "cluster.moved"
	// KindClusterGrouped: a cluster assigned to a working group ("" takes it
	// off). Subject: consultation, cluster. Payload: ClusterGrouped.
	KindClusterGrouped Kind = "cluster.grouped"
	// KindClusterDecided: a decision on a cluster with its reason. Subject:
	// consultation, cluster. Payload: ClusterDecided.
	KindClusterDecided Kind = "cluster.decided"
	// KindClusterLinked: a cluster linked to the amendment that answers it
	// ("" removes the link). Subject: consultation, cluster. Payload: ClusterLinked.
	KindClusterLinked Kind = "cluster.linked"
	// KindClusterRebuilt: the clusters of a consultation recomputed; the
	// payload names every proposal whose cluster changed. Subject:
	// consultation. Payload: ClusterRebuilt. A large rebuild is several records.
	KindClusterRebuilt Kind = "cluster.rebuilt"
	// KindTablePublished: a consolidated table published. Subject:
	// consultation, table (its number, from 1). Payload: TablePublished.
	KindTablePublished Kind = "consolidated.published"
)

// ClusterMerged is the payload of KindClusterMerged.
type ClusterMerged struct {
	From []string `json:"from"` // the clusters merged, each keeping its ID with its members gone
}

// ClusterSplit is the payload of KindClusterSplit.
type ClusterSplit struct {
	New       string   `json:"new"`       // the new cluster's ID
	Proposals []string `json:"proposals"` // the proposals that form it
}

// ClusterMoved is the payload of KindClusterMoved.
type ClusterMoved struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// ClusterGrouped is the payload of KindClusterGrouped.
type ClusterGrouped struct {
	Group string `json:"group"`
}

// ClusterDecided is the payload of KindClusterDecided.
type ClusterDecided struct {
	Decision string `json:"decision"` // accepted, partly, rejected, out_of_scope
	Reason   string `json:"reason"`
}

// ClusterLinked is the payload of KindClusterLinked.
type ClusterLinked struct {
	Amendment string `json:"amendment"`
}

// ClusterRebuilt is the payload of KindClusterRebuilt: proposal ID → its new
// cluster's ID. A cluster ID not yet known founds a cluster on the unit of
// its proposals.
type ClusterRebuilt struct {
	Assign map[string]string `json:"assign"`
}

// TablePublished is the payload of KindTablePublished: the SHA-256 of the
// table's JSON as served at /api/v1/consultations/{id}/consolidated/{n}.json,
// written "sha256:" and 64 hex digits.
type TablePublished struct {
	Table string `json:"table"`
}

// ClusterRecord returns the record of a secretariat's action on a cluster
// (every cluster kind but KindClusterMoved and KindClusterRebuilt).
func ClusterRecord(kind Kind, t time.Time, actor Actor, consultation, cluster int64, p any) (Record, error) {
	return NewRecord(kind, t, actor, map[string]string{"consultation": IDSubject(consultation), "cluster": IDSubject(cluster)}, p)
}

// Record returns the record of a proposal moved to another cluster.
func (p ClusterMoved) Record(t time.Time, actor Actor, consultation, proposal int64) (Record, error) {
	return NewRecord(KindClusterMoved, t, actor, map[string]string{"consultation": IDSubject(consultation), "proposal": IDSubject(proposal)}, p)
}

// Record returns the record of a rebuild of a consultation's clusters.
func (p ClusterRebuilt) Record(t time.Time, actor Actor, consultation int64) (Record, error) {
	return NewRecord(KindClusterRebuilt, t, actor, map[string]string{"consultation": IDSubject(consultation)}, p)
}

// Record returns the record of a consolidated table published.
func (p TablePublished) Record(t time.Time, actor Actor, consultation int64, table int) (Record, error) {
	return NewRecord(KindTablePublished, t, actor, map[string]string{"consultation": IDSubject(consultation), "table": IDSubject(int64(table))}, p)
}

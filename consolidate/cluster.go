package consolidate

import (
	"slices"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/consult"
)

// Cluster is a group of proposals on one unit that say the same thing, as
// the secretariat sees it and the authors see its fate.
type Cluster struct {
	ID             ClusterID              `json:"id"`
	Consultation   consult.ConsultationID `json:"consultation"`
	Unit           charter.UnitID         `json:"unit"`
	Representative consult.ProposalID     `json:"representative"` // the earliest visible member, 0 when none is visible
	Text           string                 `json:"text"`           // the representative's text
	Size           int                    `json:"size"`           // members, hidden ones included
	Visible        int                    `json:"visible"`        // members not hidden by moderation
	Supports       int                    `json:"supports"`       // the sum of the members' supports
	Campaign       bool                   `json:"campaign"`       // flagged by the campaign rule
	Decision       Decision               `json:"decision"`
	Reason         string                 `json:"reason,omitempty"`
	WorkingGroup   string                 `json:"working_group,omitempty"`
	Amendment      string                 `json:"amendment,omitempty"`
	MergedInto     ClusterID              `json:"merged_into,omitempty"` // set when merged: the cluster now holding its members
	LastLogIndex   int64                  `json:"last_log_index"`        // the last record that changed it
}

// Live reports whether the cluster still stands on its own: not merged into another.
func (c Cluster) Live() bool { return c.MergedInto == 0 }

// CheckMerge reports whether the clusters from may be merged into into:
// at least one, distinct, none of them into itself, all live, all on the
// same consultation and unit. After a merge every member of from is a member
// of into, and each cluster of from keeps its ID with MergedInto set, so
// that links to it still lead somewhere.
func CheckMerge(from []Cluster, into Cluster) error {
	if len(from) == 0 {
		return atazan.FieldErrorf("from", "name at least one cluster to merge")
	}
	if !into.Live() {
		return atazan.Errorf(atazan.EConflict, "cluster %d was merged into cluster %d; merge into that one", into.ID, into.MergedInto)
	}
	seen := map[ClusterID]bool{}
	for _, c := range from {
		switch {
		case c.ID == into.ID:
			return atazan.FieldErrorf("from", "cluster %d cannot be merged into itself", c.ID)
		case seen[c.ID]:
			return atazan.FieldErrorf("from", "cluster %d is named twice", c.ID)
		case !c.Live():
			return atazan.Errorf(atazan.EConflict, "cluster %d was already merged into cluster %d", c.ID, c.MergedInto)
		case c.Consultation != into.Consultation || c.Unit != into.Unit:
			return atazan.Errorf(atazan.EConflict, "cluster %d is on %s, cluster %d on %s: only clusters on the same unit may be merged",
				c.ID, unitName(c.Unit), into.ID, unitName(into.Unit))
		}
		seen[c.ID] = true
	}
	return nil
}

// CheckSplit reports whether the proposals chosen may be split off cluster
// c, whose members are members: at least one, each a member, named once,
// and not all of them (a cluster is never left empty by a split).
func CheckSplit(c Cluster, members, chosen []consult.ProposalID) error {
	if !c.Live() {
		return atazan.Errorf(atazan.EConflict, "cluster %d was merged into cluster %d", c.ID, c.MergedInto)
	}
	if len(chosen) == 0 {
		return atazan.FieldErrorf("proposals", "choose at least one proposal to split off")
	}
	seen := map[consult.ProposalID]bool{}
	for _, p := range chosen {
		if seen[p] {
			return atazan.FieldErrorf("proposals", "proposal %d is named twice", p)
		}
		if !slices.Contains(members, p) {
			return atazan.FieldErrorf("proposals", "proposal %d is not in cluster %d", p, c.ID)
		}
		seen[p] = true
	}
	if len(chosen) == len(members) {
		return atazan.FieldErrorf("proposals", "all %d proposals of cluster %d are chosen: leave at least one", len(members), c.ID)
	}
	return nil
}

// CheckMove reports whether proposal p, on unit, may move from cluster from
// to cluster to: different clusters, to live and on the same unit. A
// proposal that was the only member of from leaves it empty; the empty
// cluster keeps its decision and log, and shows no proposals.
func CheckMove(p consult.ProposalID, unit charter.UnitID, from, to Cluster) error {
	switch {
	case from.ID == to.ID:
		return atazan.FieldErrorf("to", "proposal %d is already in cluster %d", p, to.ID)
	case !to.Live():
		return atazan.Errorf(atazan.EConflict, "cluster %d was merged into cluster %d; move to that one", to.ID, to.MergedInto)
	case to.Consultation != from.Consultation || to.Unit != unit:
		return atazan.Errorf(atazan.EConflict, "proposal %d is on %s, cluster %d on %s: a proposal moves only to a cluster on its unit",
			p, unitName(unit), to.ID, unitName(to.Unit))
	}
	return nil
}

// CheckLive reports whether an action other than merging may be taken on c.
func CheckLive(c Cluster) error {
	if !c.Live() {
		return atazan.Errorf(atazan.EConflict, "cluster %d was merged into cluster %d; act on that one", c.ID, c.MergedInto)
	}
	return nil
}

func unitName(u charter.UnitID) string {
	if u == "" {
		return "the version as a whole"
	}
	return string(u)
}

// Arrival is one proposal of a cluster as the campaign rule and the
// breakdowns see it.
type Arrival struct {
	At     time.Time
	Author string // the author's pseudonym
	Region string
	Lang   charter.Lang
}

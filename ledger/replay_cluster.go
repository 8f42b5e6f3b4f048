package ledger

import (
	"maps"
	"slices"

	"atazan"
)

// ClusterState is a cluster of proposals as the log describes it.
type ClusterState struct {
	ID, Consultation, Unit string
	Members                map[string]bool // proposal IDs
	Decision, Reason       string
	Group, Amendment       string
	MergedInto             string // "" while it stands on its own
	CreatedIndex           int64
	LastIndex              int64
}

// TableState is a published consolidated table as the log's replay
// computed it at the moment of publication: what the published file must say.
type TableState struct {
	Consultation string
	Number       string
	Commit       string // the SHA-256 of the published JSON
	Index        int64
	Units        map[string]UnitSnapshot // by unit ID, only units with a visible proposal
}

// UnitSnapshot is one unit of a published consolidated table.
type UnitSnapshot struct {
	Proposals int                        // visible proposals on the unit
	Clusters  map[string]ClusterSnapshot // live clusters with a visible proposal
}

// ClusterSnapshot is one cluster in a published consolidated table.
type ClusterSnapshot struct {
	Count, Supports int // visible members and the sum of their supports
	Decision        string
	Reason          string
}

var clusterDecisions = []string{"accepted", "partly", "rejected", "out_of_scope"}

const roleSecretariat = "secretariat"

// maySystematize allows the operator and the secretariat.
func (s *State) maySystematize(actor Actor) error {
	if actor == Operator {
		return nil
	}
	if a, ok := s.Accounts[actor]; ok && a.HasRole(roleSecretariat) && !a.Disabled {
		return nil
	}
	return atazan.Errorf(atazan.EForbidden, "%s is not of the secretariat", actor)
}

// joinCluster puts proposal p into cluster id, founding it on p's unit when
// it does not exist. The caller has checked that the move is allowed.
func (s *State) joinCluster(p ProposalState, id string, index int64) {
	if old, ok := s.Clusters[p.Cluster]; ok {
		delete(old.Members, p.ID)
	}
	c, ok := s.Clusters[id]
	if !ok {
		c = &ClusterState{ID: id, Consultation: p.Consultation, Unit: p.Unit, Members: map[string]bool{}, CreatedIndex: index}
		if s.Clusters == nil {
			s.Clusters = make(map[string]*ClusterState)
		}
		s.Clusters[id] = c
	}
	c.Members[p.ID] = true
	c.LastIndex = index
	p.Cluster = id
	s.Proposals[p.ID] = p
}

// checkJoin reports whether proposal p may join cluster id: an existing
// cluster must be on p's consultation and unit and stand on its own; a new
// ID must be a decimal number.
func (s *State) checkJoin(p ProposalState, id string) error {
	if !idRE.MatchString(id) {
		return atazan.Errorf(atazan.EInvalid, "cluster ID %q is not a positive decimal number", id)
	}
	c, ok := s.Clusters[id]
	switch {
	case !ok:
		return nil
	case c.Consultation != p.Consultation || c.Unit != p.Unit:
		return atazan.Errorf(atazan.EConflict, "cluster %s is on consultation %s unit %q; proposal %s on consultation %s unit %q",
			id, c.Consultation, c.Unit, p.ID, p.Consultation, p.Unit)
	case c.MergedInto != "":
		return atazan.Errorf(atazan.EConflict, "cluster %s was merged into cluster %s", id, c.MergedInto)
	}
	return nil
}

// liveCluster returns the subject's cluster, which must exist on the
// subject's consultation and stand on its own.
func (s *State) liveCluster(sub map[string]string) (*ClusterState, error) {
	c, ok := s.Clusters[sub["cluster"]]
	switch {
	case !ok || c.Consultation != sub["consultation"]:
		return nil, atazan.Errorf(atazan.ENotFound, "cluster %s of consultation %s does not exist", sub["cluster"], sub["consultation"])
	case c.MergedInto != "":
		return nil, atazan.Errorf(atazan.EConflict, "cluster %s was merged into cluster %s", c.ID, c.MergedInto)
	}
	return c, nil
}

func replayCluster(s *State, index int64, rec Record, fail failFunc) error {
	if err := s.maySystematize(rec.Actor); err != nil {
		return fail(atazan.EForbidden, "%v", err)
	}
	errf := func(err error) error { return fail(atazan.ErrorCode(err), "%s", atazan.ErrorMessage(err)) }
	switch rec.Kind {
	case KindClusterMoved:
		sub, err := subject(rec, fail, "consultation", "proposal")
		if err != nil {
			return err
		}
		var p ClusterMoved
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		prop, ok := s.Proposals[sub["proposal"]]
		if !ok || prop.Consultation != sub["consultation"] {
			return fail(atazan.ENotFound, "proposal %s of consultation %s does not exist", sub["proposal"], sub["consultation"])
		}
		if prop.Cluster != p.From {
			return fail(atazan.EConflict, "proposal %s is in cluster %s, not %s", prop.ID, prop.Cluster, p.From)
		}
		if _, ok := s.Clusters[p.To]; !ok || p.To == p.From {
			return fail(atazan.EInvalid, "the target cluster %q must exist and differ from the proposal's", p.To)
		}
		if err := s.checkJoin(prop, p.To); err != nil {
			return errf(err)
		}
		s.joinCluster(prop, p.To, index)
		s.Clusters[p.From].LastIndex = index
		return nil

	case KindClusterRebuilt:
		sub, err := subject(rec, fail, "consultation")
		if err != nil {
			return err
		}
		var p ClusterRebuilt
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if _, ok := s.Consultations[sub["consultation"]]; !ok {
			return fail(atazan.ENotFound, "consultation %s does not exist", sub["consultation"])
		}
		founded := map[string]string{} // new cluster → its unit
		ids := slices.Sorted(maps.Keys(p.Assign))
		for _, pid := range ids {
			prop, ok := s.Proposals[pid]
			if !ok || prop.Consultation != sub["consultation"] {
				return fail(atazan.ENotFound, "proposal %s of consultation %s does not exist", pid, sub["consultation"])
			}
			to := p.Assign[pid]
			if err := s.checkJoin(prop, to); err != nil {
				return errf(err)
			}
			if _, ok := s.Clusters[to]; !ok {
				if u, ok := founded[to]; ok && u != prop.Unit {
					return fail(atazan.EConflict, "new cluster %s would hold proposals on units %q and %q", to, u, prop.Unit)
				}
				founded[to] = prop.Unit
			}
		}
		for _, pid := range ids {
			s.joinCluster(s.Proposals[pid], p.Assign[pid], index)
		}
		return nil

	case KindTablePublished:
		sub, err := subject(rec, fail, "consultation", "table")
		if err != nil {
			return err
		}
		var p TablePublished
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !commitRE.MatchString(p.Table) {
			return fail(atazan.EInvalid, "table must be \"sha256:\" and 64 hex digits")
		}
		if _, ok := s.Consultations[sub["consultation"]]; !ok {
			return fail(atazan.ENotFound, "consultation %s does not exist", sub["consultation"])
		}
		key := sub["consultation"] + "/" + sub["table"]
		if t, ok := s.Tables[key]; ok {
			return fail(atazan.EConflict, "table %s was already published by record %d", key, t.Index)
		}
		if s.Tables == nil {
			s.Tables = make(map[string]TableState)
		}
		s.Tables[key] = TableState{Consultation: sub["consultation"], Number: sub["table"], Commit: p.Table, Index: index,
			Units: s.snapshot(sub["consultation"])}
		return nil
	}

	sub, err := subject(rec, fail, "consultation", "cluster")
	if err != nil {
		return err
	}
	c, err := s.liveCluster(sub)
	if err != nil {
		return errf(err)
	}
	switch rec.Kind {
	case KindClusterMerged:
		var p ClusterMerged
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if len(p.From) == 0 {
			return fail(atazan.EInvalid, "from names no cluster")
		}
		seen := map[string]bool{}
		for _, id := range p.From {
			f, err := s.liveCluster(map[string]string{"consultation": c.Consultation, "cluster": id})
			switch {
			case err != nil:
				return errf(err)
			case id == c.ID || seen[id]:
				return fail(atazan.EInvalid, "cluster %s is merged into itself or named twice", id)
			case f.Unit != c.Unit:
				return fail(atazan.EConflict, "cluster %s is on unit %q, cluster %s on %q", id, f.Unit, c.ID, c.Unit)
			}
			seen[id] = true
		}
		for _, id := range p.From {
			f := s.Clusters[id]
			for _, pid := range slices.Sorted(maps.Keys(f.Members)) {
				s.joinCluster(s.Proposals[pid], c.ID, index)
			}
			f.MergedInto, f.LastIndex = c.ID, index
		}
	case KindClusterSplit:
		var p ClusterSplit
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !idRE.MatchString(p.New) {
			return fail(atazan.EInvalid, "new cluster ID %q is not a positive decimal number", p.New)
		}
		if _, ok := s.Clusters[p.New]; ok {
			return fail(atazan.EConflict, "cluster %s already exists", p.New)
		}
		seen := map[string]bool{}
		for _, pid := range p.Proposals {
			if !c.Members[pid] || seen[pid] {
				return fail(atazan.EInvalid, "proposal %s is not in cluster %s or is named twice", pid, c.ID)
			}
			seen[pid] = true
		}
		if len(p.Proposals) == 0 || len(p.Proposals) == len(c.Members) {
			return fail(atazan.EInvalid, "a split takes at least one proposal and leaves at least one")
		}
		for _, pid := range p.Proposals {
			s.joinCluster(s.Proposals[pid], p.New, index)
		}
	case KindClusterGrouped:
		var p ClusterGrouped
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		c.Group = p.Group
	case KindClusterDecided:
		var p ClusterDecided
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !slices.Contains(clusterDecisions, p.Decision) || p.Reason == "" {
			return fail(atazan.EInvalid, "decision must be one of %v, with a reason", clusterDecisions)
		}
		c.Decision, c.Reason = p.Decision, p.Reason
	case KindClusterLinked:
		var p ClusterLinked
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		c.Amendment = p.Amendment
	default:
		return fail(atazan.EInvalid, "unknown kind")
	}
	c.LastIndex = index
	return nil
}

// snapshot computes, from the state, what a consolidated table of the
// consultation published now must say.
func (s *State) snapshot(consultation string) map[string]UnitSnapshot {
	units := map[string]UnitSnapshot{}
	for _, c := range s.Clusters {
		if c.Consultation != consultation || c.MergedInto != "" {
			continue
		}
		var cs ClusterSnapshot
		for pid := range c.Members {
			if p := s.Proposals[pid]; !p.Hidden {
				cs.Count++
				cs.Supports += p.Supports()
			}
		}
		if cs.Count == 0 {
			continue
		}
		cs.Decision, cs.Reason = c.Decision, c.Reason
		u, ok := units[c.Unit]
		if !ok {
			u = UnitSnapshot{Clusters: map[string]ClusterSnapshot{}}
		}
		u.Proposals += cs.Count
		u.Clusters[c.ID] = cs
		units[c.Unit] = u
	}
	return units
}

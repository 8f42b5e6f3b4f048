package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"atazan"
	"atazan/charter"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
)

// The secretariat's actions on clusters. Each is one transaction with its
// public record; by is the secretariat's account (0: the operator at the
// command line). Roles are checked by the caller (web), as for every action.

// clusterRow reads a cluster's own columns (no counts).
func (t *Tx) clusterRow(ctx context.Context, id consolidate.ClusterID) (consolidate.Cluster, error) {
	var c consolidate.Cluster
	var cid int64
	var merged sql.NullInt64
	err := t.queryRow(ctx, `SELECT id, consultation_id, unit, decision, reason, working_group, amendment, merged_into, campaign, last_log_index
		FROM clusters WHERE id = ?`, int64(id)).Scan(&c.ID, &cid, &c.Unit, &c.Decision, &c.Reason, &c.WorkingGroup, &c.Amendment, &merged, &c.Campaign, &c.LastLogIndex)
	if errors.Is(err, sql.ErrNoRows) {
		return c, atazan.Errorf(atazan.ENotFound, "cluster %d does not exist", id)
	}
	c.Consultation, c.MergedInto = consult.ConsultationID(cid), consolidate.ClusterID(merged.Int64)
	return c, err
}

// members returns the proposals of a cluster, oldest first.
func (t *Tx) members(ctx context.Context, id consolidate.ClusterID) ([]consult.ProposalID, error) {
	rows, err := t.query(ctx, `SELECT id FROM proposals WHERE cluster_id = ? ORDER BY id`, int64(id))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []consult.ProposalID
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, consult.ProposalID(p))
	}
	return out, rows.Err()
}

func (t *Tx) clusterRecord(ctx context.Context, kind ledger.Kind, by identity.AccountID, c consolidate.Cluster, payload any) (int64, error) {
	who, err := t.accountActor(ctx, by)
	if err != nil {
		return 0, err
	}
	rec, err := ledger.ClusterRecord(kind, t.now, who, int64(c.Consultation), int64(c.ID), payload)
	if err != nil {
		return 0, err
	}
	return t.appendRecord(ctx, rec)
}

func clusterIDs(ids []consolidate.ClusterID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ledger.IDSubject(int64(id))
	}
	return out
}

func proposalIDs(ids []consult.ProposalID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ledger.IDSubject(int64(id))
	}
	return out
}

// MergeClusters moves every proposal of the clusters from into cluster into.
// The merged clusters keep their IDs, marked merged into into.
func (s *Store) MergeClusters(ctx context.Context, into consolidate.ClusterID, from []consolidate.ClusterID, by identity.AccountID) (int64, error) {
	var idx int64
	err := s.update(ctx, func(tx *Tx) error {
		target, err := tx.clusterRow(ctx, into)
		if err != nil {
			return err
		}
		var fs []consolidate.Cluster
		for _, id := range from {
			f, err := tx.clusterRow(ctx, id)
			if err != nil {
				return err
			}
			fs = append(fs, f)
		}
		if err := consolidate.CheckMerge(fs, target); err != nil {
			return err
		}
		if idx, err = tx.clusterRecord(ctx, ledger.KindClusterMerged, by, target, ledger.ClusterMerged{From: clusterIDs(from)}); err != nil {
			return err
		}
		for _, id := range from {
			if _, err := tx.exec(ctx, `UPDATE proposals SET cluster_id = ? WHERE cluster_id = ?`, int64(into), int64(id)); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE clusters SET merged_into = ?, last_log_index = ? WHERE id = ?`, int64(into), idx, int64(id)); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE clusters SET manual = 1, last_log_index = ? WHERE id = ?`, idx, int64(into)); err != nil {
			return err
		}
		return tx.recomputeCampaign(ctx, into)
	})
	return idx, err
}

// SplitCluster moves the chosen proposals of a cluster into a new cluster
// and returns its ID.
func (s *Store) SplitCluster(ctx context.Context, id consolidate.ClusterID, chosen []consult.ProposalID, by identity.AccountID) (consolidate.ClusterID, int64, error) {
	var idx int64
	var nid consolidate.ClusterID
	err := s.update(ctx, func(tx *Tx) error {
		c, err := tx.clusterRow(ctx, id)
		if err != nil {
			return err
		}
		members, err := tx.members(ctx, id)
		if err != nil {
			return err
		}
		if err := consolidate.CheckSplit(c, members, chosen); err != nil {
			return err
		}
		if nid, err = tx.newCluster(ctx, c.Consultation, c.Unit); err != nil {
			return err
		}
		if idx, err = tx.clusterRecord(ctx, ledger.KindClusterSplit, by, c, ledger.ClusterSplit{New: ledger.IDSubject(int64(nid)), Proposals: proposalIDs(chosen)}); err != nil {
			return err
		}
		for _, p := range chosen {
			if _, err := tx.exec(ctx, `UPDATE proposals SET cluster_id = ?, cluster_pinned = 1 WHERE id = ?`, int64(nid), int64(p)); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE clusters SET manual = 1, last_log_index = ? WHERE id IN (?, ?)`, idx, int64(id), int64(nid)); err != nil {
			return err
		}
		if err := tx.recomputeCampaign(ctx, id); err != nil {
			return err
		}
		return tx.recomputeCampaign(ctx, nid)
	})
	return nid, idx, err
}

// MoveProposal moves one proposal to another cluster on its unit.
func (s *Store) MoveProposal(ctx context.Context, p consult.ProposalID, to consolidate.ClusterID, by identity.AccountID) (int64, error) {
	var idx int64
	err := s.update(ctx, func(tx *Tx) error {
		var unit string
		var from sql.NullInt64
		var cid int64
		err := tx.queryRow(ctx, `SELECT consultation_id, unit, cluster_id FROM proposals WHERE id = ?`, int64(p)).Scan(&cid, &unit, &from)
		if errors.Is(err, sql.ErrNoRows) {
			return atazan.Errorf(atazan.ENotFound, "proposal %d does not exist", p)
		}
		if err != nil {
			return err
		}
		if !from.Valid {
			return atazan.Errorf(atazan.EConflict, "proposal %d is in no cluster yet: rebuild the clusters first", p)
		}
		fc, err := tx.clusterRow(ctx, consolidate.ClusterID(from.Int64))
		if err != nil {
			return err
		}
		tc, err := tx.clusterRow(ctx, to)
		if err != nil {
			return err
		}
		if err := consolidate.CheckMove(p, charter.UnitID(unit), fc, tc); err != nil {
			return err
		}
		who, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		rec, err := ledger.ClusterMoved{From: ledger.IDSubject(from.Int64), To: ledger.IDSubject(int64(to))}.Record(tx.now, who, cid, int64(p))
		if err != nil {
			return err
		}
		if idx, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE proposals SET cluster_id = ?, cluster_pinned = 1 WHERE id = ?`, int64(to), int64(p)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE clusters SET manual = 1, last_log_index = ? WHERE id IN (?, ?)`, idx, from.Int64, int64(to)); err != nil {
			return err
		}
		if err := tx.recomputeCampaign(ctx, fc.ID); err != nil {
			return err
		}
		return tx.recomputeCampaign(ctx, to)
	})
	return idx, err
}

// AssignWorkingGroup puts a cluster in a working group's hands ("" takes it off).
func (s *Store) AssignWorkingGroup(ctx context.Context, id consolidate.ClusterID, group string, by identity.AccountID) (int64, error) {
	group, err := consolidate.CheckWorkingGroup(group)
	if err != nil {
		return 0, err
	}
	return s.clusterChange(ctx, id, by, ledger.KindClusterGrouped, ledger.ClusterGrouped{Group: group}, `working_group = ?`, group)
}

// LinkAmendment links a cluster to the amendment that answers it ("" removes the link).
func (s *Store) LinkAmendment(ctx context.Context, id consolidate.ClusterID, amendment string, by identity.AccountID) (int64, error) {
	amendment, err := consolidate.CheckAmendmentRef(amendment)
	if err != nil {
		return 0, err
	}
	return s.clusterChange(ctx, id, by, ledger.KindClusterLinked, ledger.ClusterLinked{Amendment: amendment}, `amendment = ?`, amendment)
}

// DecideCluster records the decision on a cluster with its reason; every
// author of a proposal in it is told.
func (s *Store) DecideCluster(ctx context.Context, id consolidate.ClusterID, d consolidate.Decision, reason string, by identity.AccountID) (int64, error) {
	reason, err := consolidate.CheckDecision(d, reason)
	if err != nil {
		return 0, err
	}
	return s.clusterChange(ctx, id, by, ledger.KindClusterDecided, ledger.ClusterDecided{Decision: string(d), Reason: reason},
		`decision = ?, reason = ?`, string(d), reason)
}

// clusterChange applies an action that changes a live cluster's own columns.
func (s *Store) clusterChange(ctx context.Context, id consolidate.ClusterID, by identity.AccountID, kind ledger.Kind, payload any, set string, args ...any) (int64, error) {
	var idx int64
	err := s.update(ctx, func(tx *Tx) error {
		c, err := tx.clusterRow(ctx, id)
		if err != nil {
			return err
		}
		if err := consolidate.CheckLive(c); err != nil {
			return err
		}
		if idx, err = tx.clusterRecord(ctx, kind, by, c, payload); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE clusters SET `+set+`, last_log_index = ? WHERE id = ?`, append(args, idx, int64(id))...); err != nil {
			return err
		}
		if p, ok := payload.(ledger.ClusterDecided); ok {
			body := fmt.Sprintf("Your proposal {proposal} is in cluster %d, on which the secretariat decided: %s. %s",
				id, consolidate.DecisionText(consolidate.Decision(p.Decision)), p.Reason)
			_, err := tx.exec(ctx, `INSERT INTO notices (account_id, body, created_at)
				SELECT author_id, REPLACE(?, '{proposal}', CAST(id AS TEXT)), ? FROM proposals WHERE cluster_id = ? AND author_id IS NOT NULL`,
				body, micros(tx.now), int64(id))
			return err
		}
		return nil
	})
	return idx, err
}

package store

import (
	"atazan"
	"context"
	"database/sql"
	"errors"
	"strconv"

	"atazan/charter"
	"atazan/consolidate"
	"atazan/consult"
)

// SimilarProposals returns the cluster that a text on a unit would join if
// it were submitted now, with up to n of its proposals not hidden by
// moderation, most supported first; a zero Cluster when the text would
// found a new one. It reads the live index and stores nothing.
func (s *Store) SimilarProposals(ctx context.Context, id consult.ConsultationID, unit charter.UnitID, text string, n int) (consolidate.Cluster, []consult.Proposal, error) {
	_, doc, err := s.cachedConsultation(ctx, id)
	if err != nil {
		return consolidate.Cluster{}, nil, err
	}
	if unit != "" && doc.Find(unit) == nil { // an index is kept per unit: only real ones
		return consolidate.Cluster{}, nil, atazan.FieldErrorf("unit", "the version under consultation has no unit %q", unit)
	}
	ui, err := s.unitIndex(ctx, s.read, unitKey{id, unit})
	if err != nil {
		return consolidate.Cluster{}, nil, err
	}
	rep, ok := ui.x.Lookup(text)
	if !ok {
		return consolidate.Cluster{}, nil, nil
	}
	repID, err := strconv.ParseInt(rep, 10, 64)
	if err != nil {
		return consolidate.Cluster{}, nil, err
	}
	var cid sql.NullInt64
	err = s.readStmt(ctx, `SELECT cluster_id FROM proposals WHERE id = ?`).QueryRowContext(ctx, repID).Scan(&cid)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !cid.Valid {
		return consolidate.Cluster{}, nil, nil
	}
	if err != nil {
		return consolidate.Cluster{}, nil, err
	}
	c, err := s.Cluster(ctx, consolidate.ClusterID(cid.Int64))
	if err != nil {
		return c, nil, err
	}
	ps, _, err := s.Proposals(ctx, ProposalQuery{Consultation: id, Cluster: c.ID, Sort: "supported", Limit: n + 4})
	if err != nil {
		return c, nil, err
	}
	out := make([]consult.Proposal, 0, n)
	for _, p := range ps {
		if p.Status != consult.StatusHidden && len(out) < n {
			out = append(out, p)
		}
	}
	return c, out, nil
}

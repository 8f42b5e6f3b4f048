package store

import (
	"context"
	"slices"

	"atazan/charter"
	"atazan/consolidate"
)

// RowOutcome is where one row of a comparative table came from: the
// clusters of proposals on its unit and the commission's amendments that
// touched it, each with its last vote.
type RowOutcome struct {
	Clusters   []consolidate.Cluster `json:"clusters"`
	Amendments []AmendmentFate       `json:"amendments"`
}

// MaxOutcomeClusters bounds the clusters a row lists per consultation, largest first.
const MaxOutcomeClusters = 10

// TableOutcome returns, for each change between versions from and to of a
// charter (in the order of changes), the outcome of the reform behind it:
//
//   - the clusters of proposals on the unit in the consultations on from
//     (largest first, at most MaxOutcomeClusters per consultation; a
//     renumbered unit by its ID in from; none for an added unit);
//   - when to is a draft a commission made from from (to's parent is from,
//     and to's hash is the hash the commission's working draft had after one
//     of its adopted amendments), the commission's amendments, adopted or
//     not, whose ops touch the unit by its ID in either version
//     (amend.Amendment.Touches), each with its last vote.
//
// It returns nil when there is no consultation on from and no such
// commission: the table is then the plain comparative table.
func (s *Store) TableOutcome(ctx context.Context, slug string, from, to charter.Version, changes []charter.Change) ([]RowOutcome, error) {
	if len(changes) == 0 {
		return nil, nil
	}
	cs, err := s.Consultations(ctx, slug, from.Label)
	if err != nil {
		return nil, err
	}
	var fates []AmendmentFate
	if to.Parent == from.Label {
		coms, err := s.Commissions(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range coms {
			if c.Charter != slug {
				continue
			}
			fs, err := s.AmendmentFates(ctx, c.Slug)
			if err != nil {
				return nil, err
			}
			if slices.ContainsFunc(fs, func(f AmendmentFate) bool { return f.Amendment.AppliedHash == to.Hash }) {
				fates = append(fates, fs...)
			}
		}
	}
	if len(cs) == 0 && len(fates) == 0 {
		return nil, nil
	}
	out := make([]RowOutcome, len(changes))
	for i, c := range changes {
		old := c.Unit
		if c.OldUnit != "" {
			old = c.OldUnit
		}
		out[i] = RowOutcome{Clusters: []consolidate.Cluster{}, Amendments: []AmendmentFate{}}
		if c.Change != charter.ChangeAdded {
			for _, k := range cs {
				found, err := s.Clusters(ctx, ClusterQuery{Consultation: k.ID, Unit: &old, Limit: MaxOutcomeClusters})
				if err != nil {
					return nil, err
				}
				out[i].Clusters = append(out[i].Clusters, found...)
			}
		}
		for _, f := range fates {
			if b := f.Amendment.Body; b != nil && (b.Touches(c.Unit) || b.Touches(old)) {
				out[i].Amendments = append(out[i].Amendments, f)
			}
		}
	}
	return out, nil
}

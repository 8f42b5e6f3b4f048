package demo

import (
	"context"
	"fmt"

	"atazan/consolidate"
	"atazan/consult"
	"atazan/store"
)

// demoDecisions are what the demo's secretariat decided on the largest
// clusters, in order.
var demoDecisions = []struct {
	d      consolidate.Decision
	reason string
	group  string
}{
	{consolidate.Accepted, "The working group took the proposal into the draft's wording of this paragraph.", "State power"},
	{consolidate.Partly, "The idea is kept; the exact figures are left to an ordinary law.", "State power"},
	{consolidate.Rejected, "The paragraph already guarantees this; the change would narrow it.", "Rights and freedoms"},
	{consolidate.OutOfScope, "A matter for the Government's programme, not for the Constitution.", "Social policy"},
}

// systematize has the demo's secretariat decide the largest clusters of the
// consultation and publish the consolidated table, as the secretariat would
// midway through a consultation.
func systematize(ctx context.Context, s *store.Store, c consult.Consultation, progress func(format string, args ...any)) error {
	sec, _, err := s.Credentials(ctx, Staff[2].Email)
	if err != nil {
		return err
	}
	top, err := s.Clusters(ctx, store.ClusterQuery{Consultation: c.ID, Limit: len(demoDecisions)})
	if err != nil {
		return err
	}
	for i, cl := range top {
		d := demoDecisions[i]
		if _, err := s.AssignWorkingGroup(ctx, cl.ID, d.group, sec.ID); err != nil {
			return fmt.Errorf("demo working group: %w", err)
		}
		if _, err := s.DecideCluster(ctx, cl.ID, d.d, d.reason, sec.ID); err != nil {
			return fmt.Errorf("demo decision: %w", err)
		}
	}
	pt, err := s.PublishTable(ctx, c.ID, sec.ID)
	if err != nil {
		return fmt.Errorf("demo consolidated table: %w", err)
	}
	progress("demo consultation %d: %d clusters decided, consolidated table %d published", c.ID, len(top), pt.Number)
	return nil
}

package store

import (
	"context"
	"slices"
	"strconv"

	"atazan/consolidate"
)

// AmendmentFate is an amendment that answers a cluster of proposals, and the
// last vote on it: what became of the proposals after the secretariat's decision.
type AmendmentFate struct {
	Amendment Amendment
	Meeting   *MeetingView // the meeting of the last closed vote on it, nil before any vote
	Vote      *VoteView    // that vote, with its result
}

// ClusterAmendments returns the commission's amendments that answer cluster
// id: those whose "clusters" name it, and the one the secretariat linked the
// cluster to (when the link is an amendment's number). Oldest first.
func (s *Store) ClusterAmendments(ctx context.Context, id consolidate.ClusterID) ([]AmendmentFate, error) {
	c, err := s.Cluster(ctx, id)
	if err != nil {
		return nil, err
	}
	key := strconv.FormatInt(int64(id), 10)
	var found []Amendment
	err = s.view(ctx, func(tx *Tx) error {
		all, err := tx.amendments(ctx, `1 = 1`)
		if err != nil {
			return err
		}
		for _, a := range all {
			if strconv.FormatInt(a.ID, 10) == c.Amendment || a.Body != nil && slices.Contains(a.Body.Clusters, key) {
				found = append(found, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.fates(ctx, found)
}

// AmendmentFates returns a commission's amendments, in the order they were
// submitted, each with the last closed vote on it.
func (s *Store) AmendmentFates(ctx context.Context, slug string) ([]AmendmentFate, error) {
	as, err := s.Amendments(ctx, slug)
	if err != nil {
		return nil, err
	}
	return s.fates(ctx, as)
}

// fates finds the last closed vote on each amendment, through the meetings
// whose agenda held it. Each meeting is read once.
func (s *Store) fates(ctx context.Context, as []Amendment) ([]AmendmentFate, error) {
	var out []AmendmentFate
	read := map[int64]*MeetingView{}
	for _, a := range as {
		f := AmendmentFate{Amendment: a}
		var meetings []int64
		err := s.view(ctx, func(tx *Tx) error {
			rows, err := tx.query(ctx, `SELECT DISTINCT meeting_id FROM meeting_events WHERE amendment_id = ? ORDER BY meeting_id`, a.ID)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var m int64
				if err := rows.Scan(&m); err != nil {
					return err
				}
				meetings = append(meetings, m)
			}
			return rows.Err()
		})
		if err != nil {
			return nil, err
		}
		for _, mid := range meetings {
			m := read[mid]
			if m == nil {
				v, err := s.Meeting(ctx, mid)
				if err != nil {
					return nil, err
				}
				m = &v
				read[mid] = m
			}
			for _, it := range m.Agenda {
				if it.Amendment != a.ID {
					continue
				}
				for i := range it.Votes {
					if v := it.Votes[i]; v.Result != nil {
						f.Meeting, f.Vote = m, &v
					}
				}
			}
		}
		out = append(out, f)
	}
	return out, nil
}

package store

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strconv"

	"atazan/charter"
	"atazan/cluster"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
)

// RebuildResult reports a rebuild of a consultation's clusters.
type RebuildResult struct {
	Proposals     int   `json:"proposals"` // proposals of the consultation
	Kept          int   `json:"kept"`      // left where the secretariat put them
	Changed       int   `json:"changed"`   // proposals that changed cluster
	NewClusters   int   `json:"new_clusters"`
	FirstLogIndex int64 `json:"first_log_index"` // -1 when nothing changed
	LastLogIndex  int64 `json:"last_log_index"`
}

// rebuildChunk is how many assignments one cluster.rebuilt record carries.
const rebuildChunk = 5000

type rebuildRow struct {
	id      int64
	unit    charter.UnitID
	text    string
	cluster int64 // 0: none
	pinned  bool
}

// Recluster recomputes the clusters of a consultation with cluster.Cluster,
// one unit at a time, and keeps the secretariat's work: a proposal moved or
// split off by hand stays where it was put, and a cluster the secretariat
// formed, merged into, decided, assigned to a working group or linked to
// an amendment keeps its members. Every other proposal is clustered anew;
// each new group takes the ID of the old cluster most of its members came
// from (when no larger group took it first), so that links stay valid, or
// founds a new cluster. The changes are logged as cluster.rebuilt records of
// at most 5,000 assignments each, in one transaction.
//
// The clustering runs on a snapshot, outside the write; proposals that
// changed cluster meanwhile, and proposals that arrived meanwhile, keep
// what they have.
func (s *Store) Recluster(ctx context.Context, id consult.ConsultationID, by identity.AccountID) (RebuildResult, error) {
	res := RebuildResult{FirstLogIndex: -1, LastLogIndex: -1}
	var rows []rebuildRow
	frozen := map[int64]bool{}
	err := s.view(ctx, func(tx *Tx) error {
		if _, err := tx.consultation(ctx, id); err != nil {
			return err
		}
		r, err := tx.query(ctx, `SELECT id, unit, text, COALESCE(cluster_id, 0), cluster_pinned FROM proposals WHERE consultation_id = ? ORDER BY id`, int64(id))
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			var row rebuildRow
			var pinned int
			if err := r.Scan(&row.id, &row.unit, &row.text, &row.cluster, &pinned); err != nil {
				return err
			}
			row.pinned = pinned != 0
			rows = append(rows, row)
		}
		if err := r.Err(); err != nil {
			return err
		}
		r.Close()
		f, err := tx.query(ctx, `SELECT id FROM clusters WHERE consultation_id = ? AND merged_into IS NULL
			AND (manual <> 0 OR decision <> '' OR working_group <> '' OR amendment <> '')`, int64(id))
		if err != nil {
			return err
		}
		defer f.Close()
		for f.Next() {
			var c int64
			if err := f.Scan(&c); err != nil {
				return err
			}
			frozen[c] = true
		}
		return f.Err()
	})
	if err != nil {
		return res, err
	}
	res.Proposals = len(rows)

	// Cluster the free proposals of each unit; assign[i] is the new cluster
	// of rows[i]: an old ID, or -(k+1) for the k-th new cluster.
	byUnit := map[charter.UnitID][]int{}
	for i, r := range rows {
		if r.pinned || frozen[r.cluster] {
			res.Kept++
			continue
		}
		byUnit[r.unit] = append(byUnit[r.unit], i)
	}
	assign := map[int]int64{}
	newClusters := 0
	claimed := map[int64]bool{}
	for _, unit := range slices.Sorted(maps.Keys(byUnit)) {
		idx := byUnit[unit]
		docs := make([]cluster.Doc, len(idx))
		for j, i := range idx {
			docs[j] = cluster.Doc{ID: strconv.FormatInt(rows[i].id, 10), Text: rows[i].text}
		}
		rep := cluster.Cluster(docs, ClusterOptions)
		groups := map[int][]int{}
		for j, r := range rep {
			groups[r] = append(groups[r], idx[j])
		}
		keys := slices.Collect(maps.Keys(groups))
		slices.SortFunc(keys, func(a, b int) int { return cmp.Or(cmp.Compare(len(groups[b]), len(groups[a])), cmp.Compare(a, b)) })
		for _, k := range keys {
			g := groups[k]
			votes := map[int64]int{}
			for _, i := range g {
				if c := rows[i].cluster; c != 0 && !claimed[c] {
					votes[c]++
				}
			}
			var best int64
			for c, n := range votes {
				if best == 0 || n > votes[best] || n == votes[best] && c < best {
					best = c
				}
			}
			if best == 0 {
				newClusters++
				best = -int64(newClusters)
			} else {
				claimed[best] = true
			}
			for _, i := range g {
				assign[i] = best
			}
		}
	}

	err = s.update(ctx, func(tx *Tx) error {
		now := map[int64]int64{} // proposal → its cluster in the write's view
		r, err := tx.query(ctx, `SELECT id, COALESCE(cluster_id, 0) FROM proposals WHERE consultation_id = ?`, int64(id))
		if err != nil {
			return err
		}
		for r.Next() {
			var p, c int64
			if err := r.Scan(&p, &c); err != nil {
				r.Close()
				return err
			}
			now[p] = c
		}
		r.Close()
		if err := r.Err(); err != nil {
			return err
		}
		fresh := map[int64]consolidate.ClusterID{}
		changed := map[string]string{}
		touched := map[int64]bool{}
		for _, i := range slices.Sorted(maps.Keys(assign)) {
			row, to := rows[i], assign[i]
			if now[row.id] != row.cluster {
				continue // changed since the snapshot: the newer state wins
			}
			if to < 0 {
				c, ok := fresh[to]
				if !ok {
					if c, err = tx.newCluster(ctx, id, row.unit); err != nil {
						return err
					}
					fresh[to] = c
					res.NewClusters++
				}
				to = int64(c)
			}
			if to == row.cluster {
				continue
			}
			if _, err := tx.exec(ctx, `UPDATE proposals SET cluster_id = ? WHERE id = ?`, to, row.id); err != nil {
				return err
			}
			changed[strconv.FormatInt(row.id, 10)] = strconv.FormatInt(to, 10)
			touched[to], touched[row.cluster] = true, true
		}
		res.Changed = len(changed)
		who, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		keys := slices.Sorted(maps.Keys(changed))
		for start := 0; start < len(keys); start += rebuildChunk {
			part := map[string]string{}
			for _, k := range keys[start:min(start+rebuildChunk, len(keys))] {
				part[k] = changed[k]
			}
			rec, err := ledger.ClusterRebuilt{Assign: part}.Record(tx.now, who, int64(id))
			if err != nil {
				return err
			}
			idx, err := tx.appendRecord(ctx, rec)
			if err != nil {
				return err
			}
			if res.FirstLogIndex < 0 {
				res.FirstLogIndex = idx
			}
			res.LastLogIndex = idx
		}
		for c := range touched {
			if c == 0 {
				continue
			}
			if _, err := tx.exec(ctx, `UPDATE clusters SET last_log_index = ? WHERE id = ?`, res.LastLogIndex, c); err != nil {
				return err
			}
			if err := tx.recomputeCampaign(ctx, consolidate.ClusterID(c)); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

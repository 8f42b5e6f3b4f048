package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"atazan/charter"
	"atazan/cluster"
	"atazan/consolidate"
	"atazan/consult"
)

// Live clustering.
//
// Each proposal joins a cluster in the transaction that stores it, and its
// public record names the cluster. The store keeps, per consultation and
// unit, a cluster.Index of the unit's texts: only a similarity engine. The
// membership lives in the database (proposals.cluster_id), so that the
// secretariat's merges, splits and moves need no change to the index: a new
// text joins the cluster that holds, now, the representative of the most
// similar earlier text, or founds a new cluster.
//
// The index is built from the database on first use (before the write, on
// the read pool) and catches up, inside each write, with texts that other
// processes stored meanwhile. When a transaction that changed an index
// fails, the index is dropped and rebuilt on next use, so it never holds a
// text that was not stored.

type unitKey struct {
	consultation consult.ConsultationID
	unit         charter.UnitID
}

type unitIndex struct {
	mu    sync.Mutex
	x     *cluster.Index
	maxID int64  // the highest proposal ID indexed
	gen   uint64 // liveClusters.foreign when it last caught up; stale at first
}

type liveClusters struct {
	mu sync.Mutex
	m  map[unitKey]*unitIndex

	// lastID is the last proposal ID this process assigned a cluster to.
	// Proposal IDs come in sequence, so a new ID other than lastID+1 means
	// that some other writer (another process) stored proposals between
	// two of ours: foreign then counts up, and each index catches up with
	// the database once before its next use. Without a gap no index needs
	// to look: the catching up costs a query only when it can find something.
	lastID  int64
	foreign uint64
}

// generation notes that this process assigns proposal id and returns the
// generation of foreign writes that an index must have caught up with.
func (l *liveClusters) generation(id int64) uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if id != l.lastID+1 {
		l.foreign++
	}
	l.lastID = max(l.lastID, id)
	return l.foreign
}

// ClusterOptions are the clustering options of the live service and of
// Recluster; the zero value uses the package's defaults.
var ClusterOptions cluster.Options

func (l *liveClusters) drop(keys []unitKey) {
	if len(keys) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		delete(l.m, k)
	}
}

// unitIndex returns the unit's index, building it from q when missing.
func (s *Store) unitIndex(ctx context.Context, q querier, k unitKey) (*unitIndex, error) {
	s.live.mu.Lock()
	ui, ok := s.live.m[k]
	s.live.mu.Unlock()
	if ok {
		return ui, nil
	}
	rows, err := q.QueryContext(ctx, s.rebind(`SELECT id, text FROM proposals WHERE consultation_id = ? AND unit = ? ORDER BY id`), int64(k.consultation), string(k.unit))
	if err != nil {
		return nil, fmt.Errorf("read texts to cluster: %w", err)
	}
	defer rows.Close()
	var docs []cluster.Doc
	var maxID int64
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, err
		}
		docs = append(docs, cluster.Doc{ID: strconv.FormatInt(id, 10), Text: text})
		maxID = id
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ui = &unitIndex{x: cluster.NewIndex(docs, ClusterOptions), maxID: maxID, gen: ^uint64(0)}
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	if old, ok := s.live.m[k]; ok { // built meanwhile by another request
		return old, nil
	}
	if s.live.m == nil {
		s.live.m = map[unitKey]*unitIndex{}
	}
	s.live.m[k] = ui
	return ui, nil
}

// querier is what unitIndex reads through: the read pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// warmIndex builds the unit's index on the read pool, before a write needs
// it, and prepares text for it there (nil for no text): the costly part of
// clustering then runs in the request, not in the database's one writer.
func (s *Store) warmIndex(ctx context.Context, c consult.ConsultationID, unit charter.UnitID, text string) (*cluster.Prepared, error) {
	ui, err := s.unitIndex(ctx, s.read, unitKey{c, unit})
	if err != nil || text == "" {
		return nil, err
	}
	return ui.x.Prepare(text), nil
}

// assignCluster puts the just-inserted proposal id into a cluster and
// returns the cluster's ID. See the comment at the top of this file.
//
// prep, when not nil, is the text prepared by warmIndex.
func (t *Tx) assignCluster(ctx context.Context, c consult.ConsultationID, unit charter.UnitID, id int64, text string, prep *cluster.Prepared) (_ consolidate.ClusterID, founded bool, err error) {
	k := unitKey{c, unit}
	ui, err := t.s.unitIndex(ctx, t.tx, k)
	if err != nil {
		return 0, false, err
	}
	t.touched = append(t.touched, k)
	gen := t.s.live.generation(id)
	ui.mu.Lock()
	rep, err := func() (string, error) {
		defer ui.mu.Unlock()
		if ui.gen != gen {
			if err := t.catchUp(ctx, k, ui, id); err != nil {
				return "", err
			}
			ui.gen = gen
		}
		self := strconv.FormatInt(id, 10)
		if prep == nil {
			prep = ui.x.Prepare(text)
		}
		rep := ui.x.AddPrepared(self, prep)
		ui.maxID = max(ui.maxID, id)
		if rep == self {
			return "", nil
		}
		return rep, nil
	}()
	if err != nil {
		return 0, false, err
	}
	if rep != "" {
		var cid sql.NullInt64
		err := t.queryRow(ctx, `SELECT cluster_id FROM proposals WHERE id = ?`, rep).Scan(&cid)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, false, err
		}
		if cid.Valid {
			return consolidate.ClusterID(cid.Int64), false, nil
		}
	}
	nc, err := t.newCluster(ctx, c, unit)
	return nc, true, err
}

// catchUp indexes the unit's texts stored by other processes since the index
// was built, up to (not including) the proposal being assigned.
func (t *Tx) catchUp(ctx context.Context, k unitKey, ui *unitIndex, upto int64) error {
	rows, err := t.query(ctx, `SELECT id, text FROM proposals WHERE consultation_id = ? AND unit = ? AND id > ? AND id < ? ORDER BY id`,
		int64(k.consultation), string(k.unit), ui.maxID, upto)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return err
		}
		ui.x.Add(strconv.FormatInt(id, 10), text)
		ui.maxID = id
	}
	return rows.Err()
}

func (t *Tx) newCluster(ctx context.Context, c consult.ConsultationID, unit charter.UnitID) (consolidate.ClusterID, error) {
	var id int64
	err := t.queryRow(ctx, `INSERT INTO clusters (consultation_id, unit, created_at) VALUES (?, ?, ?) RETURNING id`,
		int64(c), string(unit), micros(t.now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store cluster: %w", err)
	}
	return consolidate.ClusterID(id), nil
}

// updateCampaign flags cluster id as a campaign when the arrivals of the
// last rule window, ending now, satisfy the rule. A flag once set stays
// until the cluster's membership is changed by the secretariat or a rebuild
// (recomputeCampaign).
func (t *Tx) updateCampaign(ctx context.Context, id consolidate.ClusterID) error {
	r := t.s.CampaignRule
	var flagged int
	if err := t.queryRow(ctx, `SELECT campaign FROM clusters WHERE id = ?`, int64(id)).Scan(&flagged); err != nil {
		return err
	}
	if flagged != 0 {
		return nil
	}
	arr, err := t.arrivals(ctx, id, t.now.Add(-r.Window))
	if err != nil || !r.Flag(arr) {
		return err
	}
	_, err = t.exec(ctx, `UPDATE clusters SET campaign = 1 WHERE id = ?`, int64(id))
	return err
}

// recomputeCampaign sets the campaign flag of cluster id from all its arrivals.
func (t *Tx) recomputeCampaign(ctx context.Context, id consolidate.ClusterID) error {
	arr, err := t.arrivals(ctx, id, time.Time{})
	if err != nil {
		return err
	}
	flag := 0
	if t.s.CampaignRule.Flag(arr) {
		flag = 1
	}
	_, err = t.exec(ctx, `UPDATE clusters SET campaign = ? WHERE id = ?`, flag, int64(id))
	return err
}

// arrivals returns the cluster's proposals that arrived from since on (the
// zero time: all), as the campaign rule and the breakdowns see them.
func (t *Tx) arrivals(ctx context.Context, id consolidate.ClusterID, since time.Time) ([]consolidate.Arrival, error) {
	rows, err := t.query(ctx, `SELECT created_at, author_key, region, lang FROM proposals WHERE cluster_id = ? AND created_at >= ? ORDER BY created_at`,
		int64(id), micros(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []consolidate.Arrival
	for rows.Next() {
		var at int64
		var a consolidate.Arrival
		if err := rows.Scan(&at, &a.Author, &a.Region, &a.Lang); err != nil {
			return nil, err
		}
		a.At = fromMicros(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
)

// ClusterQuery selects the live clusters of a consultation that hold at least one proposal.
type ClusterQuery struct {
	Consultation consult.ConsultationID
	Unit         *charter.UnitID // one unit; nil: every unit
	Article      string          // with Unit nil: the units of one article ("art_5"), the article included
	Sort         string          // "size" (default) or "supports"
	Limit        int             // default 50, at most 1000
	Offset       int
}

const clusterAggregate = `SELECT c.id, c.consultation_id, c.unit, c.decision, c.reason, c.working_group, c.amendment, c.campaign, c.last_log_index,
	COUNT(p.id), SUM(CASE WHEN p.status <> 'hidden' THEN 1 ELSE 0 END),
	COALESCE(SUM(CASE WHEN p.status <> 'hidden' THEN p.supports ELSE 0 END), 0),
	COALESCE(MIN(CASE WHEN p.status <> 'hidden' THEN p.id END), 0)
	FROM clusters c JOIN proposals p ON p.cluster_id = c.id`

func scanCluster(sc interface{ Scan(...any) error }) (consolidate.Cluster, error) {
	var c consolidate.Cluster
	var cid int64
	var rep int64
	err := sc.Scan(&c.ID, &cid, &c.Unit, &c.Decision, &c.Reason, &c.WorkingGroup, &c.Amendment, &c.Campaign, &c.LastLogIndex,
		&c.Size, &c.Visible, &c.Supports, &rep)
	c.Consultation, c.Representative = consult.ConsultationID(cid), consult.ProposalID(rep)
	return c, err
}

// Clusters lists the live clusters of a consultation that hold proposals,
// largest first (or most supported first), each with its representative text.
func (s *Store) Clusters(ctx context.Context, q ClusterQuery) ([]consolidate.Cluster, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 1000)
	where := []string{`c.consultation_id = ?`, `c.merged_into IS NULL`}
	args := []any{int64(q.Consultation)}
	switch {
	case q.Unit != nil:
		where, args = append(where, `c.unit = ?`), append(args, string(*q.Unit))
	case q.Article != "":
		where, args = append(where, `(c.unit = ? OR c.unit LIKE ? ESCAPE '\')`), append(args, q.Article, likeEscaper.Replace(q.Article)+`\_\_%`)
	}
	order := `COUNT(p.id) DESC`
	if q.Sort == "supports" {
		order = `COALESCE(SUM(CASE WHEN p.status <> 'hidden' THEN p.supports ELSE 0 END), 0) DESC, COUNT(p.id) DESC`
	}
	var out []consolidate.Cluster
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, clusterAggregate+` WHERE `+strings.Join(where, " AND ")+` GROUP BY c.id, c.consultation_id, c.unit, c.decision, c.reason,
			c.working_group, c.amendment, c.campaign, c.last_log_index ORDER BY `+order+`, c.id LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCluster(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return tx.fillTexts(ctx, out)
	})
	return out, err
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// fillTexts sets each cluster's Text to its representative's text, reading
// them a few hundred to a query.
func (t *Tx) fillTexts(ctx context.Context, cs []consolidate.Cluster) error {
	var ids []any
	for _, c := range cs {
		if c.Representative != 0 {
			ids = append(ids, int64(c.Representative))
		}
	}
	texts := make(map[consult.ProposalID]string, len(ids))
	for len(ids) > 0 {
		part := ids[:min(len(ids), 500)]
		ids = ids[len(part):]
		rows, err := t.query(ctx, `SELECT id, text FROM proposals WHERE id IN (?`+strings.Repeat(", ?", len(part)-1)+`)`, part...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				rows.Close()
				return err
			}
			texts[consult.ProposalID(id)] = text
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i := range cs {
		cs[i].Text = texts[cs[i].Representative]
	}
	return nil
}

// cluster returns one cluster with its counts, live or merged.
func (t *Tx) cluster(ctx context.Context, id consolidate.ClusterID) (consolidate.Cluster, error) {
	own, err := t.clusterRow(ctx, id)
	if err != nil {
		return own, err
	}
	c, err := scanCluster(t.queryRow(ctx, `SELECT c.id, c.consultation_id, c.unit, c.decision, c.reason, c.working_group, c.amendment, c.campaign, c.last_log_index,
		COUNT(p.id), COALESCE(SUM(CASE WHEN p.status <> 'hidden' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.status <> 'hidden' THEN p.supports ELSE 0 END), 0),
		COALESCE(MIN(CASE WHEN p.status <> 'hidden' THEN p.id END), 0)
		FROM clusters c LEFT JOIN proposals p ON p.cluster_id = c.id WHERE c.id = ?
		GROUP BY c.id, c.consultation_id, c.unit, c.decision, c.reason, c.working_group, c.amendment, c.campaign, c.last_log_index`, int64(id)))
	if err != nil {
		return c, err
	}
	c.MergedInto = own.MergedInto
	cs := []consolidate.Cluster{c}
	if err := t.fillTexts(ctx, cs); err != nil {
		return c, err
	}
	return cs[0], nil
}

// Cluster returns one cluster with its counts and representative text.
func (s *Store) Cluster(ctx context.Context, id consolidate.ClusterID) (consolidate.Cluster, error) {
	var c consolidate.Cluster
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		c, err = tx.cluster(ctx, id)
		return err
	})
	return c, err
}

// ClusterView is what the secretariat sees of one cluster.
type ClusterView struct {
	consolidate.Cluster
	Members   []consult.Proposal    `json:"members"` // oldest first; hidden ones with their text withheld
	Breakdown consolidate.Breakdown `json:"breakdown"`
}

// ClusterDetail returns a cluster with its members and breakdowns (days in
// the consultation's time zone).
func (s *Store) ClusterDetail(ctx context.Context, id consolidate.ClusterID) (ClusterView, error) {
	var v ClusterView
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		if v.Cluster, err = tx.cluster(ctx, id); err != nil {
			return err
		}
		c, err := tx.consultation(ctx, v.Consultation)
		if err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT `+proposalColumns+` FROM proposals p WHERE p.cluster_id = ? ORDER BY p.id`, int64(id))
		if err != nil {
			return err
		}
		defer rows.Close()
		var arr []consolidate.Arrival
		for rows.Next() {
			p, err := scanProposal(rows)
			if err != nil {
				return err
			}
			v.Members = append(v.Members, p)
			arr = append(arr, consolidate.Arrival{At: p.CreatedAt, Author: p.Author, Region: p.Region, Lang: p.Lang})
		}
		v.Breakdown = consolidate.Break(arr, c.Location)
		return rows.Err()
	})
	return v, err
}

// ProposalCluster returns the cluster a proposal is in now, with its counts;
// ENotFound when the proposal is in none (stored before clustering began).
func (s *Store) ProposalCluster(ctx context.Context, p consult.ProposalID) (consolidate.Cluster, error) {
	var c consolidate.Cluster
	err := s.view(ctx, func(tx *Tx) error {
		var id sql.NullInt64
		err := tx.queryRow(ctx, `SELECT cluster_id FROM proposals WHERE id = ?`, int64(p)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return atazan.Errorf(atazan.ENotFound, "proposal %d does not exist", p)
		}
		if err != nil {
			return err
		}
		if !id.Valid {
			return atazan.Errorf(atazan.ENotFound, "proposal %d is in no cluster yet", p)
		}
		c, err = tx.cluster(ctx, consolidate.ClusterID(id.Int64))
		return err
	})
	return c, err
}

// UnitClusters summarizes one unit's clusters for the workbench's index.
type UnitClusters struct {
	Unit      charter.UnitID `json:"unit"`
	Clusters  int            `json:"clusters"`
	Proposals int            `json:"proposals"`
	Decided   int            `json:"decided"`
	Campaigns int            `json:"campaigns"`
}

// ClusterUnits lists the units of a consultation that have clusters, with counts.
func (s *Store) ClusterUnits(ctx context.Context, id consult.ConsultationID) ([]UnitClusters, error) {
	var out []UnitClusters
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT c.unit, COUNT(DISTINCT c.id), COUNT(p.id),
			COUNT(DISTINCT CASE WHEN c.decision <> '' THEN c.id END), COUNT(DISTINCT CASE WHEN c.campaign <> 0 THEN c.id END)
			FROM clusters c JOIN proposals p ON p.cluster_id = c.id
			WHERE c.consultation_id = ? AND c.merged_into IS NULL GROUP BY c.unit ORDER BY c.unit`, int64(id))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u UnitClusters
			if err := rows.Scan(&u.Unit, &u.Clusters, &u.Proposals, &u.Decided, &u.Campaigns); err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// consolidatedTable builds the consultation's consolidated table from the
// state the transaction sees.
func (t *Tx) consolidatedTable(ctx context.Context, id consult.ConsultationID) (*consolidate.Table, error) {
	c, doc, err := t.cachedConsultation(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, clusterAggregate+` WHERE c.consultation_id = ? AND c.merged_into IS NULL
		GROUP BY c.id, c.consultation_id, c.unit, c.decision, c.reason, c.working_group, c.amendment, c.campaign, c.last_log_index`, int64(id))
	if err != nil {
		return nil, err
	}
	var cs []consolidate.Cluster
	for rows.Next() {
		cl, err := scanCluster(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		cs = append(cs, cl)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tab := &consolidate.Table{Consultation: int64(id), Charter: c.Charter, Version: c.Version,
		VersionHash: doc.Hash(), Rows: consolidate.BuildRows(doc, cs)}
	// The texts of the clusters shown, a few hundred to a query.
	var shown []consolidate.Cluster
	for _, r := range tab.Rows {
		for _, e := range r.Entries {
			shown = append(shown, consolidate.Cluster{ID: e.Cluster, Representative: e.Representative})
		}
	}
	if err := t.fillTexts(ctx, shown); err != nil {
		return nil, err
	}
	k := 0
	for i := range tab.Rows {
		for j := range tab.Rows[i].Entries {
			tab.Rows[i].Entries[j].Text = shown[k].Text
			k++
		}
	}
	return tab, nil
}

// ConsolidatedTable returns the consultation's consolidated table as it stands now.
func (s *Store) ConsolidatedTable(ctx context.Context, id consult.ConsultationID) (*consolidate.Table, error) {
	var tab *consolidate.Table
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		tab, err = tx.consolidatedTable(ctx, id)
		return err
	})
	return tab, err
}

// PublishedTable is a consolidated table as published: the JSON served
// byte for byte, whose SHA-256 the log's record holds.
type PublishedTable struct {
	Number    int       `json:"number"`
	LogIndex  int64     `json:"log_index"`
	Published time.Time `json:"published"`
	Commit    string    `json:"commit"`
	Body      []byte    `json:"-"`
}

// publishedBody is the JSON of a published table.
type publishedBody struct {
	Number    int    `json:"number"`
	Published string `json:"published"` // RFC 3339, UTC
	*consolidate.Table
}

// PublishTable freezes the consultation's consolidated table as it stands,
// numbers it, and logs the SHA-256 of its JSON.
func (s *Store) PublishTable(ctx context.Context, id consult.ConsultationID, by identity.AccountID) (PublishedTable, error) {
	var pt PublishedTable
	err := s.update(ctx, func(tx *Tx) error {
		tab, err := tx.consolidatedTable(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM consolidated_tables WHERE consultation_id = ?`, int64(id)).Scan(&pt.Number); err != nil {
			return err
		}
		pt.Published = tx.now
		body, err := json.Marshal(publishedBody{Number: pt.Number, Published: tx.now.UTC().Format(time.RFC3339Nano), Table: tab})
		if err != nil {
			return err
		}
		pt.Body = append(body, '\n')
		sum := sha256.Sum256(pt.Body)
		pt.Commit = "sha256:" + hex.EncodeToString(sum[:])
		who, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		rec, err := ledger.TablePublished{Table: pt.Commit}.Record(tx.now, who, int64(id), pt.Number)
		if err != nil {
			return err
		}
		if pt.LogIndex, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO consolidated_tables (consultation_id, number, body, created_at, log_index) VALUES (?, ?, ?, ?, ?)`,
			int64(id), pt.Number, pt.Body, micros(tx.now), pt.LogIndex)
		return err
	})
	return pt, err
}

// PublishedTables lists a consultation's published tables, newest first, without bodies.
func (s *Store) PublishedTables(ctx context.Context, id consult.ConsultationID) ([]PublishedTable, error) {
	var out []PublishedTable
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT number, body, created_at, log_index FROM consolidated_tables WHERE consultation_id = ? ORDER BY number DESC`, int64(id))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var pt PublishedTable
			var at int64
			if err := rows.Scan(&pt.Number, &pt.Body, &at, &pt.LogIndex); err != nil {
				return err
			}
			sum := sha256.Sum256(pt.Body)
			pt.Commit, pt.Published, pt.Body = "sha256:"+hex.EncodeToString(sum[:]), fromMicros(at), nil
			out = append(out, pt)
		}
		return rows.Err()
	})
	return out, err
}

// PublishedTableBody returns the JSON of published table n, byte for byte.
func (s *Store) PublishedTableBody(ctx context.Context, id consult.ConsultationID, n int) ([]byte, error) {
	var body []byte
	err := s.readStmt(ctx, `SELECT body FROM consolidated_tables WHERE consultation_id = ? AND number = ?`).QueryRowContext(ctx, int64(id), n).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, atazan.Errorf(atazan.ENotFound, "consultation %d has no published table %d", id, n)
	}
	if err != nil {
		return nil, fmt.Errorf("read table: %w", err)
	}
	return body, nil
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"atazan"
	"atazan/charter"
	"atazan/ledger"
)

var _ charter.Store = (*Store)(nil)

// ImportVersion implements charter.Store.
func (s *Store) ImportVersion(ctx context.Context, req charter.ImportRequest) (charter.Version, error) {
	if err := charter.CheckImport(req); err != nil {
		return charter.Version{}, err
	}
	var out charter.Version
	err := s.update(ctx, func(tx *Tx) error {
		charterID, err := tx.ensureCharter(ctx, req)
		if err != nil {
			return err
		}
		actor, err := tx.actor(ctx, req.Account)
		if err != nil {
			return err
		}
		var rec ledger.Record
		v, versionID, err := tx.version(ctx, req.Charter, req.Version)
		switch {
		case atazan.ErrorCode(err) == atazan.ENotFound:
			versionID, err = tx.createVersion(ctx, charterID, req)
			if err != nil {
				return err
			}
			c, err := tx.charterTitle(ctx, charterID)
			if err != nil {
				return err
			}
			rec, err = ledger.VersionCreated{
				CharterTitle: c, Parent: req.Parent, Lang: string(req.Doc.Lang), Hash: req.Doc.Hash(), Title: req.Doc.Title,
			}.Record(tx.now, actor, req.Charter, req.Version)
			if err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			primary, err := tx.document(ctx, versionID, v.Lang)
			if err != nil {
				return err
			}
			if err := charter.CheckParallelText(v, req, primary); err != nil {
				return err
			}
			rec, err = ledger.TextAdded{
				Lang: string(req.Doc.Lang), Hash: req.Doc.Hash(), Title: req.Doc.Title,
			}.Record(tx.now, actor, req.Charter, req.Version)
			if err != nil {
				return err
			}
		}
		if err := tx.insertText(ctx, versionID, req.Doc); err != nil {
			return err
		}
		if err := tx.logVersionChange(ctx, versionID, rec); err != nil {
			return err
		}
		out, _, err = tx.version(ctx, req.Charter, req.Version)
		return err
	})
	return out, err
}

func (t *Tx) ensureCharter(ctx context.Context, req charter.ImportRequest) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM charters WHERE slug = ?`, req.Charter).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("find charter %s: %w", req.Charter, err)
	}
	title := req.CharterTitle
	if title == "" {
		title = req.Doc.Title
	}
	if title == "" {
		title = req.Charter
	}
	err = t.queryRow(ctx, `INSERT INTO charters (slug, title, created_at) VALUES (?, ?, ?) RETURNING id`,
		req.Charter, title, micros(t.now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create charter %s: %w", req.Charter, err)
	}
	return id, nil
}

func (t *Tx) createVersion(ctx context.Context, charterID int64, req charter.ImportRequest) (int64, error) {
	var parentID sql.NullInt64
	if req.Parent != "" {
		_, pid, err := t.version(ctx, req.Charter, req.Parent)
		if err != nil {
			if atazan.ErrorCode(err) == atazan.ENotFound {
				return 0, &atazan.Error{Code: atazan.ENotFound, Field: "parent", Message: fmt.Sprintf("parent version %q of %s does not exist", req.Parent, req.Charter)}
			}
			return 0, err
		}
		parentID = sql.NullInt64{Int64: pid, Valid: true}
	}
	stats, err := json.Marshal(req.Doc.Stats())
	if err != nil {
		return 0, err
	}
	var id int64
	err = t.queryRow(ctx, `INSERT INTO versions (charter_id, label, parent_id, status, lang, hash, stats, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		charterID, req.Version, parentID, string(charter.StatusDraft), string(req.Doc.Lang), req.Doc.Hash(), string(stats), micros(t.now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create version %q: %w", req.Version, err)
	}
	return id, nil
}

// unitColumns is the number of columns insertText writes per unit.
const unitColumns = 10

func (t *Tx) insertText(ctx context.Context, versionID int64, d *charter.Document) error {
	if _, err := t.exec(ctx, `INSERT INTO texts (version_id, lang, title, hash, added_at) VALUES (?, ?, ?, ?, ?)`,
		versionID, string(d.Lang), d.Title, d.Hash(), micros(t.now)); err != nil {
		return fmt.Errorf("store %s text: %w", d.Lang, err)
	}
	type row [unitColumns]any
	var rows []row
	d.Walk(func(u, parent *charter.Unit) bool {
		fn, _ := json.Marshal(u.Footnotes)
		if u.Footnotes == nil {
			fn = []byte("[]")
		}
		pid := ""
		if parent != nil {
			pid = string(parent.ID)
		}
		rows = append(rows, row{versionID, string(d.Lang), len(rows), string(u.ID), pid, string(u.Kind), u.Number, u.Heading, u.Text, string(fn)})
		return true
	})
	// Many rows per statement: one round trip per 100 units.
	const batch = 100
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		var q strings.Builder
		q.WriteString(`INSERT INTO units (version_id, lang, seq, eid, parent_eid, kind, number, heading, body, footnotes) VALUES `)
		args := make([]any, 0, (end-start)*unitColumns)
		for i, r := range rows[start:end] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, r[:]...)
		}
		if _, err := t.exec(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("store %s text units: %w", d.Lang, err)
		}
	}
	return nil
}

// PublishVersion implements charter.Store.
func (s *Store) PublishVersion(ctx context.Context, slug, label, account string) (charter.Version, error) {
	var out charter.Version
	err := s.update(ctx, func(tx *Tx) error {
		v, id, err := tx.version(ctx, slug, label)
		if err != nil {
			return err
		}
		if err := charter.CheckPublish(v); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE versions SET status = ?, published_at = ? WHERE id = ?`,
			string(charter.StatusPublished), micros(tx.now), id); err != nil {
			return fmt.Errorf("publish version %q: %w", label, err)
		}
		actor, err := tx.actor(ctx, account)
		if err != nil {
			return err
		}
		rec, err := ledger.VersionPublished{Hash: v.Hash}.Record(tx.now, actor, slug, label)
		if err != nil {
			return err
		}
		if err := tx.logVersionChange(ctx, id, rec); err != nil {
			return err
		}
		out, _, err = tx.version(ctx, slug, label)
		return err
	})
	return out, err
}

// Charters implements charter.Store.
func (s *Store) Charters(ctx context.Context) ([]charter.Charter, error) {
	var out []charter.Charter
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT slug, title, created_at FROM charters ORDER BY slug`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c charter.Charter
			var at int64
			if err := rows.Scan(&c.Slug, &c.Title, &at); err != nil {
				return err
			}
			c.CreatedAt = fromMicros(at)
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list charters: %w", err)
	}
	return out, nil
}

// Charter implements charter.Store.
func (s *Store) Charter(ctx context.Context, slug string) (charter.Charter, error) {
	c := charter.Charter{Slug: slug}
	var at int64
	err := s.read.QueryRowContext(ctx, s.rebind(`SELECT title, created_at FROM charters WHERE slug = ?`), slug).Scan(&c.Title, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return c, atazan.Errorf(atazan.ENotFound, "charter %q does not exist", slug)
	}
	if err != nil {
		return c, fmt.Errorf("read charter %s: %w", slug, err)
	}
	c.CreatedAt = fromMicros(at)
	return c, nil
}

// Versions implements charter.Store.
func (s *Store) Versions(ctx context.Context, slug string) ([]charter.Version, error) {
	var out []charter.Version
	err := s.view(ctx, func(tx *Tx) error {
		if _, err := tx.charterID(ctx, slug); err != nil {
			return err
		}
		var err error
		out, _, err = tx.versions(ctx, `c.slug = ?`, slug)
		return err
	})
	return out, err
}

// Version implements charter.Store.
func (s *Store) Version(ctx context.Context, slug, label string) (charter.Version, error) {
	var out charter.Version
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		out, _, err = tx.version(ctx, slug, label)
		return err
	})
	return out, err
}

// Document implements charter.Store.
func (s *Store) Document(ctx context.Context, slug, label string, lang charter.Lang) (*charter.Document, error) {
	var out *charter.Document
	err := s.view(ctx, func(tx *Tx) error {
		v, id, err := tx.version(ctx, slug, label)
		if err != nil {
			return err
		}
		if !v.HasLang(lang) {
			return atazan.Errorf(atazan.ENotFound, "version %q of %s has no %s text", label, slug, lang)
		}
		out, err = tx.document(ctx, id, lang)
		return err
	})
	return out, err
}

// logVersionChange appends the record of a change to a version and keeps its index as the version's receipt.
func (t *Tx) logVersionChange(ctx context.Context, versionID int64, rec ledger.Record) error {
	idx, err := t.appendRecord(ctx, rec)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE versions SET log_index = ? WHERE id = ?`, idx, versionID)
	return err
}

func (t *Tx) charterTitle(ctx context.Context, id int64) (string, error) {
	var title string
	err := t.queryRow(ctx, `SELECT title FROM charters WHERE id = ?`, id).Scan(&title)
	return title, err
}

func (t *Tx) charterID(ctx context.Context, slug string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM charters WHERE slug = ?`, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, atazan.Errorf(atazan.ENotFound, "charter %q does not exist", slug)
	}
	return id, err
}

// version returns a version and its row ID, or an ENotFound error.
func (t *Tx) version(ctx context.Context, slug, label string) (charter.Version, int64, error) {
	vs, ids, err := t.versions(ctx, `c.slug = ? AND v.label = ?`, slug, label)
	if err != nil {
		return charter.Version{}, 0, err
	}
	if len(vs) == 0 {
		if _, err := t.charterID(ctx, slug); err != nil {
			return charter.Version{}, 0, err
		}
		return charter.Version{}, 0, atazan.Errorf(atazan.ENotFound, "version %q of %s does not exist", label, slug)
	}
	return vs[0], ids[0], nil
}

// versions returns the versions that match the condition, with their row IDs.
func (t *Tx) versions(ctx context.Context, where string, args ...any) ([]charter.Version, []int64, error) {
	rows, err := t.query(ctx, `SELECT v.id, c.slug, v.label, COALESCE(p.label, ''), v.status, v.lang, v.hash, v.stats, v.created_at, v.published_at, v.log_index
		FROM versions v JOIN charters c ON c.id = v.charter_id LEFT JOIN versions p ON p.id = v.parent_id
		WHERE `+where+` ORDER BY v.created_at, v.id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("read versions: %w", err)
	}
	var out []charter.Version
	var ids []int64
	for rows.Next() {
		var v charter.Version
		var id, created int64
		var published sql.NullInt64
		var stats string
		if err := rows.Scan(&id, &v.Charter, &v.Label, &v.Parent, &v.Status, &v.Lang, &v.Hash, &stats, &created, &published, &v.LogIndex); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("read versions: %w", err)
		}
		if err := json.Unmarshal([]byte(stats), &v.Stats); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("read version %q stats: %w", v.Label, err)
		}
		v.CreatedAt = fromMicros(created)
		if published.Valid {
			p := fromMicros(published.Int64)
			v.PublishedAt = &p
		}
		out = append(out, v)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read versions: %w", err)
	}
	for i := range out {
		texts, err := t.texts(ctx, ids[i], out[i].Lang)
		if err != nil {
			return nil, nil, err
		}
		out[i].Texts = texts
	}
	return out, ids, nil
}

// texts lists a version's texts, the primary language first, then kk, ru, en.
func (t *Tx) texts(ctx context.Context, versionID int64, primary charter.Lang) ([]charter.TextInfo, error) {
	rows, err := t.query(ctx, `SELECT lang, hash, title FROM texts WHERE version_id = ?`, versionID)
	if err != nil {
		return nil, fmt.Errorf("read texts: %w", err)
	}
	defer rows.Close()
	byLang := map[charter.Lang]charter.TextInfo{}
	for rows.Next() {
		var ti charter.TextInfo
		if err := rows.Scan(&ti.Lang, &ti.Hash, &ti.Title); err != nil {
			return nil, fmt.Errorf("read texts: %w", err)
		}
		byLang[ti.Lang] = ti
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []charter.TextInfo{}
	if ti, ok := byLang[primary]; ok {
		out = append(out, ti)
	}
	for _, l := range charter.Languages {
		if ti, ok := byLang[l]; ok && l != primary {
			out = append(out, ti)
		}
	}
	return out, nil
}

// document rebuilds a text's unit tree from its rows.
func (t *Tx) document(ctx context.Context, versionID int64, lang charter.Lang) (*charter.Document, error) {
	d := &charter.Document{Lang: lang}
	if err := t.queryRow(ctx, `SELECT title FROM texts WHERE version_id = ? AND lang = ?`, versionID, string(lang)).Scan(&d.Title); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, atazan.Errorf(atazan.ENotFound, "the version has no %s text", lang)
		}
		return nil, fmt.Errorf("read %s text: %w", lang, err)
	}
	rows, err := t.query(ctx, `SELECT eid, parent_eid, kind, number, heading, body, footnotes FROM units
		WHERE version_id = ? AND lang = ? ORDER BY seq`, versionID, string(lang))
	if err != nil {
		return nil, fmt.Errorf("read %s text: %w", lang, err)
	}
	defer rows.Close()
	byID := map[charter.UnitID]*charter.Unit{}
	for rows.Next() {
		u := &charter.Unit{}
		var parent, footnotes string
		if err := rows.Scan(&u.ID, &parent, &u.Kind, &u.Number, &u.Heading, &u.Text, &footnotes); err != nil {
			return nil, fmt.Errorf("read %s text: %w", lang, err)
		}
		if footnotes != "[]" {
			if err := json.Unmarshal([]byte(footnotes), &u.Footnotes); err != nil {
				return nil, fmt.Errorf("read footnotes of %s: %w", u.ID, err)
			}
		}
		byID[u.ID] = u
		if parent == "" {
			d.Units = append(d.Units, u)
		} else if p := byID[charter.UnitID(parent)]; p != nil {
			p.Children = append(p.Children, u)
		} else {
			return nil, fmt.Errorf("read %s text: unit %s comes before its parent %s", lang, u.ID, parent)
		}
	}
	return d, rows.Err()
}

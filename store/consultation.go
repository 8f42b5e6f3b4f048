package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
)

// OpenConsultation opens a version for proposals between two dates
// (inclusive, in the consultation's time zone) and appends its record.
func (s *Store) OpenConsultation(ctx context.Context, req consult.OpenRequest, by identity.AccountID) (consult.Consultation, int64, error) {
	c, err := req.Validate()
	if err != nil {
		return c, 0, err
	}
	var idx int64
	err = s.update(ctx, func(tx *Tx) error {
		v, versionID, err := tx.version(ctx, c.Charter, c.Version)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO consultations (version_id, from_date, to_date, time_zone, created_at, log_index)
			VALUES (?, ?, ?, ?, ?, -1) RETURNING id`, versionID, c.From.String(), c.To.String(), c.Location.String(), micros(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("open consultation: %w", err)
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		rec, err := ledger.ConsultationOpened{Charter: c.Charter, Version: c.Version, VersionHash: v.Hash,
			From: c.From.String(), To: c.To.String(), TimeZone: c.Location.String()}.Record(tx.now, actor, id)
		if err != nil {
			return err
		}
		if idx, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE consultations SET log_index = ? WHERE id = ?`, idx, id); err != nil {
			return err
		}
		c, err = tx.consultation(ctx, consult.ConsultationID(id))
		return err
	})
	return c, idx, err
}

// Consultation returns a consultation by ID.
func (s *Store) Consultation(ctx context.Context, id consult.ConsultationID) (consult.Consultation, error) {
	var c consult.Consultation
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		c, err = tx.consultation(ctx, id)
		return err
	})
	return c, err
}

// Consultations lists the consultations on a version ("" lists all), newest first.
func (s *Store) Consultations(ctx context.Context, charterSlug, label string) ([]consult.Consultation, error) {
	var out []consult.Consultation
	err := s.view(ctx, func(tx *Tx) error {
		q := `SELECT c.id FROM consultations c JOIN versions v ON v.id = c.version_id JOIN charters ch ON ch.id = v.charter_id`
		var args []any
		if charterSlug != "" {
			q += ` WHERE ch.slug = ? AND v.label = ?`
			args = append(args, charterSlug, label)
		}
		rows, err := tx.query(ctx, q+` ORDER BY c.id DESC`, args...)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			c, err := tx.consultation(ctx, consult.ConsultationID(id))
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

func (t *Tx) consultation(ctx context.Context, id consult.ConsultationID) (consult.Consultation, error) {
	var c consult.Consultation
	var from, to, tz string
	var created int64
	err := t.queryRow(ctx, `SELECT ch.slug, v.label, c.from_date, c.to_date, c.time_zone, c.created_at
		FROM consultations c JOIN versions v ON v.id = c.version_id JOIN charters ch ON ch.id = v.charter_id WHERE c.id = ?`, int64(id)).
		Scan(&c.Charter, &c.Version, &from, &to, &tz, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, &atazan.Error{Code: atazan.ENotFound, Field: "consultation", Message: fmt.Sprintf("consultation %d does not exist", id)}
	}
	if err != nil {
		return c, fmt.Errorf("read consultation %d: %w", id, err)
	}
	c.ID, c.CreatedAt = id, fromMicros(created)
	if c.From, err = consult.ParseDate(from); err != nil {
		return c, err
	}
	if c.To, err = consult.ParseDate(to); err != nil {
		return c, err
	}
	if c.Location, err = time.LoadLocation(tz); err != nil {
		return c, fmt.Errorf("consultation %d: time zone %q: %w", id, tz, err)
	}
	return c, nil
}

// consultationDocument returns the primary text of the version under consultation.
func (t *Tx) consultationDocument(ctx context.Context, c consult.Consultation) (*charter.Document, error) {
	v, id, err := t.version(ctx, c.Charter, c.Version)
	if err != nil {
		return nil, err
	}
	return t.document(ctx, id, v.Lang)
}

// ConsultationDocument returns the primary text of the version under consultation.
func (s *Store) ConsultationDocument(ctx context.Context, id consult.ConsultationID) (consult.Consultation, *charter.Document, error) {
	var c consult.Consultation
	var d *charter.Document
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		if c, err = tx.consultation(ctx, id); err != nil {
			return err
		}
		d, err = tx.consultationDocument(ctx, c)
		return err
	})
	return c, d, err
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"atazan"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
)

// AddComment stores a comment on a proposal (one reply level) with its record.
func (s *Store) AddComment(ctx context.Context, req consult.CommentRequest, author identity.AccountID) (consult.Comment, error) {
	var out consult.Comment
	req, err := req.Validate()
	if err != nil {
		return out, err
	}
	err = s.update(ctx, func(tx *Tx) error {
		p, err := tx.proposal(ctx, req.Proposal)
		if err != nil {
			return err
		}
		if err := consult.CanComment(p.Status); err != nil {
			return err
		}
		c, _, err := tx.cachedConsultation(ctx, p.Consultation)
		if err != nil {
			return err
		}
		if err := c.CheckOpen(tx.now); err != nil { // the discussion runs while the consultation is open
			return err
		}
		var parent any
		parentSubject := ""
		if req.Parent != nil {
			var pp sql.NullInt64
			var onProposal int64
			err := tx.queryRow(ctx, `SELECT parent_id, proposal_id FROM comments WHERE id = ?`, int64(*req.Parent)).Scan(&pp, &onProposal)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && onProposal != int64(req.Proposal)) {
				return &atazan.Error{Code: atazan.ENotFound, Field: "parent", Message: fmt.Sprintf("proposal %d has no comment %d", req.Proposal, *req.Parent)}
			}
			if err != nil {
				return err
			}
			if err := consult.CheckReplyDepth(pp.Valid); err != nil {
				return err
			}
			parent, parentSubject = int64(*req.Parent), ledger.IDSubject(int64(*req.Parent))
		}
		who, err := tx.accountActor(ctx, author)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO comments (proposal_id, parent_id, author_id, author_key, stance, text, status, created_at, log_index)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, -1) RETURNING id`, int64(req.Proposal), parent, int64(author), string(who), string(req.Stance),
			req.Text, string(consult.StatusSubmitted), micros(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store comment: %w", err)
		}
		rec, err := ledger.CommentAdded{Parent: parentSubject, Stance: string(req.Stance), Text: ledger.Commit(req.Text)}.Record(tx.now, who, int64(req.Proposal), id)
		if err != nil {
			return err
		}
		idx, err := tx.appendRecord(ctx, rec)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE comments SET log_index = ?, last_log_index = ? WHERE id = ?`, idx, idx, id); err != nil {
			return err
		}
		out, err = tx.comment(ctx, consult.CommentID(id))
		return err
	})
	return out, err
}

const commentColumns = `id, proposal_id, COALESCE(parent_id, 0), author_key, stance, text, status, hidden_reason, review_requested, created_at, log_index, author_id`

func scanComment(sc interface{ Scan(...any) error }) (consult.Comment, error) {
	var c consult.Comment
	var id, pid, parent, created int64
	var review int
	err := sc.Scan(&id, &pid, &parent, &c.Author, &c.Stance, &c.Text, &c.Status, &c.HiddenReason, &review, &created, &c.LogIndex, &c.AuthorAccount)
	c.ID, c.Proposal, c.Parent, c.CreatedAt, c.ReviewRequested = consult.CommentID(id), consult.ProposalID(pid), consult.CommentID(parent), fromMicros(created), review != 0
	c.TextCommit = ledger.Commit(c.Text)
	if c.Status == consult.StatusHidden {
		c.Text = ""
	}
	return c, err
}

func (t *Tx) comment(ctx context.Context, id consult.CommentID) (consult.Comment, error) {
	c, err := scanComment(t.queryRow(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = ?`, int64(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return c, atazan.Errorf(atazan.ENotFound, "comment %d does not exist", id)
	}
	return c, err
}

// Comments returns the comments on a proposal, oldest first; replies follow their parent.
func (s *Store) Comments(ctx context.Context, id consult.ProposalID) ([]consult.Comment, error) {
	var out []consult.Comment
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+commentColumns+` FROM comments WHERE proposal_id = ? ORDER BY COALESCE(parent_id, id), id`, int64(id))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanComment(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Comment returns one comment by ID; a hidden comment's text is withheld,
// its commitment stays.
func (s *Store) Comment(ctx context.Context, id consult.CommentID) (consult.Comment, error) {
	var c consult.Comment
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		c, err = tx.comment(ctx, id)
		return err
	})
	return c, err
}

// Review states of a hidden item (column review_requested).
const (
	reviewNone    = 0
	reviewPending = 1
	reviewDecided = 2
)

// target reads a proposal's or comment's status, author and review state.
func (t *Tx) target(ctx context.Context, target consult.Target, id int64) (status consult.Status, author int64, review int, err error) {
	table := "proposals"
	if target == consult.TargetComment {
		table = "comments"
	}
	var a sql.NullInt64
	err = t.queryRow(ctx, `SELECT status, author_id, review_requested FROM `+table+` WHERE id = ?`, id).Scan(&status, &a, &review)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, 0, atazan.Errorf(atazan.ENotFound, "%s %d does not exist", target, id)
	}
	return status, a.Int64, review, err
}

// Report records that a signed-in reader reports a proposal or comment to
// the moderators. Reports are input for moderators, not public state: they
// are not logged. Reporting the same item twice is an EConflict.
func (s *Store) Report(ctx context.Context, r consult.Report, reporter identity.AccountID) error {
	r, err := r.Validate()
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, _, _, err := tx.target(ctx, r.Target, r.ID); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM reports WHERE target = ? AND target_id = ? AND reporter_id = ?`, string(r.Target), r.ID, int64(reporter)).Scan(&n); err != nil {
			return err
		}
		if err := consult.CheckReport(n > 0); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO reports (target, target_id, reporter_id, note, created_at) VALUES (?, ?, ?, ?, ?)`,
			string(r.Target), r.ID, int64(reporter), r.Note, micros(tx.now))
		return err
	})
}

// ReportedItem is an item waiting for a moderator.
type ReportedItem struct {
	Target  consult.Target `json:"target"`
	ID      int64          `json:"id"`
	Reports int            `json:"reports"`
	Notes   []string       `json:"notes"`
	Status  consult.Status `json:"status"`
	Review  bool           `json:"review_requested"`
}

// ModerationQueue lists reported items not yet hidden, most reported first,
// then hidden items whose authors asked for a review.
func (s *Store) ModerationQueue(ctx context.Context, limit int) ([]ReportedItem, error) {
	var out []ReportedItem
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT target, target_id, COUNT(*) FROM reports GROUP BY target, target_id ORDER BY COUNT(*) DESC, MIN(id) LIMIT ?`, limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			var it ReportedItem
			if err := rows.Scan(&it.Target, &it.ID, &it.Reports); err != nil {
				rows.Close()
				return err
			}
			out = append(out, it)
		}
		rows.Close()
		for _, q := range []string{`SELECT 'proposal', id FROM proposals WHERE status = 'hidden' AND review_requested = 1`,
			`SELECT 'comment', id FROM comments WHERE status = 'hidden' AND review_requested = 1`} {
			rows, err := tx.query(ctx, q)
			if err != nil {
				return err
			}
			for rows.Next() {
				var it ReportedItem
				if err := rows.Scan(&it.Target, &it.ID); err != nil {
					rows.Close()
					return err
				}
				out = append(out, it)
			}
			rows.Close()
		}
		kept := out[:0]
		for _, it := range out {
			st, _, review, err := tx.target(ctx, it.Target, it.ID)
			if err != nil {
				return err
			}
			it.Status, it.Review = st, review == reviewPending
			if st == consult.StatusHidden && (!it.Review || it.Reports > 0) {
				continue // decided; a pending review is listed once, from the second query
			}
			nrows, err := tx.query(ctx, `SELECT note FROM reports WHERE target = ? AND target_id = ? AND note <> '' ORDER BY id LIMIT 5`, string(it.Target), it.ID)
			if err != nil {
				return err
			}
			for nrows.Next() {
				var n string
				nrows.Scan(&n)
				it.Notes = append(it.Notes, n)
			}
			nrows.Close()
			kept = append(kept, it)
		}
		out = kept
		return nil
	})
	return out, err
}

// Moderate applies a moderator's decision: hide an item (with a reason from
// the fixed list and a note), or decide a review (restore or uphold). The
// author is told; the decision is its own public record, and the item's text
// commitment stays in the log.
func (s *Store) Moderate(ctx context.Context, event consult.Event, target consult.Target, id int64, reason consult.Reason, note string, moderator identity.AccountID) (int64, error) {
	var idx int64
	err := s.update(ctx, func(tx *Tx) error {
		status, author, review, err := tx.target(ctx, target, id)
		if err != nil {
			return err
		}
		pending := review == reviewPending
		if event == consult.EventUphold || (event == consult.EventRestore && pending) {
			var hidBy sql.NullInt64
			err := tx.queryRow(ctx, `SELECT moderator_id FROM moderation WHERE target = ? AND target_id = ? AND action = 'hide' ORDER BY id DESC LIMIT 1`,
				string(target), id).Scan(&hidBy)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if err := consult.CheckReviewDecision(pending, hidBy.Valid && hidBy.Int64 == int64(moderator)); err != nil {
				return err
			}
		}
		next, err := consult.Transition(status, event)
		if err != nil {
			return err
		}
		kind := map[consult.Event]ledger.Kind{consult.EventHide: ledger.KindHidden, consult.EventRestore: ledger.KindRestored, consult.EventUphold: ledger.KindUpheld}[event]
		if kind == "" {
			return atazan.Errorf(atazan.EInvalid, "unknown moderation decision %q", event)
		}
		if event != consult.EventHide {
			// A review decision keeps the reason the item was hidden for.
			var r string
			if err := tx.queryRow(ctx, `SELECT hidden_reason FROM `+string(target)+`s WHERE id = ?`, id).Scan(&r); err != nil {
				return err
			}
			reason = consult.Reason(r)
		}
		who, err := tx.accountActor(ctx, moderator)
		if err != nil {
			return err
		}
		rec, err := ledger.ModerationRecord(kind, tx.now, who, string(target), id, ledger.Moderation{Reason: string(reason), Note: ledger.Commit(note)})
		if err != nil {
			return err
		}
		if idx, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		hiddenReason := string(reason)
		if next != consult.StatusHidden {
			hiddenReason = ""
		}
		if pending && event != consult.EventHide {
			review = reviewDecided
		}
		if _, err := tx.exec(ctx, `UPDATE `+string(target)+`s SET status = ?, hidden_reason = ?, review_requested = ?, last_log_index = ? WHERE id = ?`,
			string(next), hiddenReason, review, idx, id); err != nil {
			return err
		}
		if event == consult.EventHide {
			_, err = tx.exec(ctx, `DELETE FROM reports WHERE target = ? AND target_id = ?`, string(target), id)
			if err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO moderation (target, target_id, action, reason, note, moderator_id, created_at, log_index)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, string(target), id, string(event), string(reason), note, int64(moderator), micros(tx.now), idx); err != nil {
			return err
		}
		if author != 0 {
			body := fmt.Sprintf("Your %s %d: %s by a moderator (reason: %s). %s", target, id, map[consult.Event]string{
				consult.EventHide: "hidden", consult.EventRestore: "restored after review", consult.EventUphold: "kept hidden after review"}[event], reason, note)
			if _, err := tx.exec(ctx, `INSERT INTO notices (account_id, body, created_at) VALUES (?, ?, ?)`, author, body, micros(tx.now)); err != nil {
				return err
			}
		}
		return nil
	})
	return idx, err
}

// RequestReview records the author's one request for a review of a hidden item.
func (s *Store) RequestReview(ctx context.Context, r consult.ReviewRequest, account identity.AccountID) (int64, error) {
	r, err := r.Validate()
	if err != nil {
		return 0, err
	}
	var idx int64
	err = s.update(ctx, func(tx *Tx) error {
		status, author, review, err := tx.target(ctx, r.Target, r.ID)
		if err != nil {
			return err
		}
		if err := consult.CheckReviewRequest(author == int64(account), review != reviewNone, status == consult.StatusHidden); err != nil {
			return err
		}
		who, err := tx.accountActor(ctx, account)
		if err != nil {
			return err
		}
		rec, err := ledger.ModerationRecord(ledger.KindReviewRequested, tx.now, who, string(r.Target), r.ID, nil)
		if err != nil {
			return err
		}
		if idx, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE `+string(r.Target)+`s SET review_requested = ?, last_log_index = ? WHERE id = ?`, reviewPending, idx, r.ID); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO moderation (target, target_id, action, reason, note, moderator_id, created_at, log_index)
			VALUES (?, ?, 'review_requested', '', ?, NULL, ?, ?)`, string(r.Target), r.ID, r.Note, micros(tx.now), idx)
		return err
	})
	return idx, err
}

// ModerationHistory lists the decisions on an item, oldest first: nothing
// vanishes without saying why, who decided (by role) and when.
type ModerationEntry struct {
	Action   string `json:"action"`
	Reason   string `json:"reason"`
	Note     string `json:"note"`
	At       int64  `json:"-"`
	LogIndex int64  `json:"log_index"`
	ByAuthor bool   `json:"by_author"`
}

// ModerationHistory returns the decisions and review requests on an item.
func (s *Store) ModerationHistory(ctx context.Context, target consult.Target, id int64) ([]ModerationEntry, error) {
	var out []ModerationEntry
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT action, reason, note, created_at, log_index, moderator_id IS NULL FROM moderation WHERE target = ? AND target_id = ? ORDER BY id`, string(target), id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e ModerationEntry
			if err := rows.Scan(&e.Action, &e.Reason, &e.Note, &e.At, &e.LogIndex, &e.ByAuthor); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// Notices returns an account's notices, newest first.
func (s *Store) Notices(ctx context.Context, account identity.AccountID) ([]string, error) {
	var out []string
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT body FROM notices WHERE account_id = ? ORDER BY id DESC LIMIT 50`, int64(account))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b string
			if err := rows.Scan(&b); err != nil {
				return err
			}
			out = append(out, b)
		}
		return rows.Err()
	})
	return out, err
}

// WithheldText returns the text of a proposal or comment even when it is
// hidden, for the moderators who decide a review: everyone else sees that it
// was hidden, why and by whom, not what it said.
func (s *Store) WithheldText(ctx context.Context, target consult.Target, id int64) (string, error) {
	if err := target.Valid(); err != nil {
		return "", err
	}
	var text string
	err := s.view(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `SELECT text FROM `+string(target)+`s WHERE id = ?`, id).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			return atazan.Errorf(atazan.ENotFound, "%s %d does not exist", target, id)
		}
		return err
	})
	return text, err
}

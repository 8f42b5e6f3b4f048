package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"atazan"
	"atazan/charter"
	"atazan/cluster"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
	"atazan/ledger"
)

// docCache keeps the primary texts of versions under consultation, which
// never change once imported, so that validating a submission reads no text.
type docCache struct {
	mu   sync.Mutex
	docs map[consult.ConsultationID]cachedDoc
}

type cachedDoc struct {
	c   consult.Consultation
	doc *charter.Document
}

// cachedConsultation is Tx.cachedConsultation outside a transaction: a
// read-only snapshot only when the cache misses.
func (s *Store) cachedConsultation(ctx context.Context, id consult.ConsultationID) (consult.Consultation, *charter.Document, error) {
	s.docs.mu.Lock()
	e, ok := s.docs.docs[id]
	s.docs.mu.Unlock()
	if ok {
		return e.c, e.doc, nil
	}
	var c consult.Consultation
	var doc *charter.Document
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		c, doc, err = tx.cachedConsultation(ctx, id)
		return err
	})
	return c, doc, err
}

func (t *Tx) cachedConsultation(ctx context.Context, id consult.ConsultationID) (consult.Consultation, *charter.Document, error) {
	dc := &t.s.docs
	dc.mu.Lock()
	e, ok := dc.docs[id]
	dc.mu.Unlock()
	if ok {
		return e.c, e.doc, nil
	}
	c, err := t.consultation(ctx, id)
	if err != nil {
		return c, nil, err
	}
	doc, err := t.consultationDocument(ctx, c)
	if err != nil {
		return c, nil, err
	}
	dc.mu.Lock()
	if dc.docs == nil {
		dc.docs = map[consult.ConsultationID]cachedDoc{}
	}
	dc.docs[id] = cachedDoc{c, doc}
	dc.mu.Unlock()
	return c, doc, nil
}

// SubmitProposal validates a citizen's submission against the version under
// consultation and the consultation's dates, and stores it with its public
// record. The same text from the same citizen on the same unit is one
// proposal: a repeated submission returns the first with created false.
func (s *Store) SubmitProposal(ctx context.Context, sub consult.Submission, author identity.AccountID, channel consult.Channel) (consult.Proposal, bool, error) {
	// Everything that needs no lock is done before the write: reading the
	// version under consultation (cached), validating, the author's region
	// and pseudonym. The write holds only what must be atomic.
	var region string
	var disabled int
	c, doc, err := s.cachedConsultation(ctx, sub.Consultation)
	if err != nil {
		return consult.Proposal{}, false, err
	}
	if err := s.readStmt(ctx, `SELECT region, disabled FROM accounts WHERE id = ?`).QueryRowContext(ctx, int64(author)).Scan(&region, &disabled); err != nil {
		return consult.Proposal{}, false, fmt.Errorf("author %d: %w", author, err)
	}
	if disabled != 0 {
		return consult.Proposal{}, false, atazan.Errorf(atazan.EForbidden, "this account is disabled")
	}
	clean, err := consult.Validate(sub, doc)
	if err != nil {
		return consult.Proposal{}, false, err
	}
	who, err := s.pseudonym(ctx, int64(author))
	if err != nil {
		return consult.Proposal{}, false, err
	}
	key := consult.IdempotencyKey(string(who), clean.Consultation, string(clean.Unit), clean.Kind, clean.Text)
	prep, err := s.warmIndex(ctx, c.ID, clean.Unit, clean.Text)
	if err != nil {
		return consult.Proposal{}, false, err
	}

	var out consult.Proposal
	created := false
	err = s.update(ctx, func(tx *Tx) error {
		var existing int64
		err := tx.queryRow(ctx, `SELECT id FROM proposals WHERE consultation_id = ? AND idem_key = ?`, int64(c.ID), key).Scan(&existing)
		if err == nil {
			out, err = tx.proposal(ctx, consult.ProposalID(existing))
			return err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := c.CheckOpen(tx.now); err != nil {
			return err
		}
		received := consult.DateOf(tx.now.In(c.Location))
		id, idx, err := tx.insertProposal(ctx, c, clean, int64(author), who, region, channel, "", received, key, prep)
		if err != nil {
			return err
		}
		created = true
		out = consult.Proposal{ID: id, Consultation: c.ID, Author: string(who), Unit: clean.Unit, Kind: clean.Kind,
			Text: clean.Text, Rationale: clean.Rationale, TextCommit: ledger.Commit(clean.Text), RationaleCommit: ledger.Commit(clean.Rationale),
			Lang: clean.Lang, Region: region, Channel: channel, Received: received, Status: consult.StatusSubmitted,
			CreatedAt: tx.now, LogIndex: idx, LastLogIndex: idx, AuthorAccount: int64(author)}
		return nil
	})
	return out, created, err
}

// insertProposal stores a proposal and appends its record.
func (t *Tx) insertProposal(ctx context.Context, c consult.Consultation, p consult.Clean, authorID int64, who ledger.Actor,
	region string, channel consult.Channel, sourceRef string, received consult.Date, key string, prep *cluster.Prepared) (consult.ProposalID, int64, error) {
	var author, ref any
	if authorID != 0 {
		author = authorID
	}
	if sourceRef != "" {
		ref = sourceRef
	}
	var id int64
	err := t.queryRow(ctx, `INSERT INTO proposals (consultation_id, author_id, author_key, unit, kind, text, rationale, lang, region,
		channel, source_ref, received, idem_key, status, created_at, log_index)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, -1) RETURNING id`,
		int64(c.ID), author, string(who), string(p.Unit), string(p.Kind), p.Text, p.Rationale, string(p.Lang), region,
		string(channel), ref, received.String(), key, string(consult.StatusSubmitted), micros(t.now)).Scan(&id)
	if err != nil {
		return 0, 0, fmt.Errorf("store proposal: %w", err)
	}
	cid, founded, err := t.assignCluster(ctx, c.ID, p.Unit, id, p.Text, prep)
	if err != nil {
		return 0, 0, err
	}
	rec, err := ledger.ProposalSubmitted{Unit: string(p.Unit), Kind: string(p.Kind), Lang: string(p.Lang), Region: region,
		Channel: string(channel), Text: ledger.Commit(p.Text), Rationale: ledger.Commit(p.Rationale),
		Cluster: ledger.IDSubject(int64(cid))}.Record(t.now, who, int64(c.ID), id)
	if err != nil {
		return 0, 0, err
	}
	idx, err := t.appendRecord(ctx, rec)
	if err != nil {
		return 0, 0, err
	}
	if _, err = t.exec(ctx, `UPDATE proposals SET log_index = ?, last_log_index = ?, cluster_id = ? WHERE id = ?`, idx, idx, int64(cid), id); err != nil {
		return 0, 0, err
	}
	if founded {
		if _, err := t.exec(ctx, `UPDATE clusters SET last_log_index = ? WHERE id = ?`, idx, int64(cid)); err != nil {
			return 0, 0, err
		}
		if t.s.CampaignRule.MinSize > 1 { // one proposal is no campaign
			return consult.ProposalID(id), idx, nil
		}
	}
	return consult.ProposalID(id), idx, t.updateCampaign(ctx, cid)
}

// ImportResult reports a bulk import.
type ImportResult struct {
	Imported      int   `json:"imported"`
	Skipped       int   `json:"skipped"` // rows whose source reference was imported before
	Invalid       int   `json:"invalid"` // rows left out (only with valid-only)
	FirstLogIndex int64 `json:"first_log_index"`
	LastLogIndex  int64 `json:"last_log_index"`
}

// ImportProposals stores proposals that came by other channels (letters,
// e-mail, other portals) in one transaction: all rows or none. Rows whose
// source reference is already stored are skipped, so re-importing a file
// changes nothing. The records name the operator as actor.
func (s *Store) ImportProposals(ctx context.Context, id consult.ConsultationID, rows []consult.ImportRow) (ImportResult, error) {
	res := ImportResult{FirstLogIndex: -1, LastLogIndex: -1}
	warm := map[charter.UnitID]bool{}
	for _, r := range rows {
		if !warm[r.Unit] {
			if _, err := s.warmIndex(ctx, id, r.Unit, ""); err != nil {
				return res, err
			}
			warm[r.Unit] = true
		}
	}
	err := s.update(ctx, func(tx *Tx) error {
		c, err := tx.consultation(ctx, id)
		if err != nil {
			return err
		}
		for _, r := range rows {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM proposals WHERE consultation_id = ? AND source_ref = ?`, int64(id), r.SourceRef).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				res.Skipped++
				continue
			}
			clean := consult.Clean{Consultation: id, Unit: r.Unit, Kind: r.Kind, Text: r.Text, Rationale: r.Rationale, Lang: r.Lang}
			key := consult.IdempotencyKey("source:"+string(r.Channel)+":"+r.SourceRef, id, string(r.Unit), r.Kind, r.Text)
			_, idx, err := tx.insertProposal(ctx, c, clean, 0, ledger.Operator, r.Region, r.Channel, r.SourceRef, r.Received, key, nil)
			if err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
			if res.FirstLogIndex < 0 {
				res.FirstLogIndex = idx
			}
			res.LastLogIndex = idx
			res.Imported++
		}
		return nil
	})
	return res, err
}

const proposalColumns = `p.id, p.consultation_id, p.author_key, p.unit, p.kind, p.text, p.rationale, p.lang, p.region, p.channel,
	p.received, p.status, p.hidden_reason, p.review_requested, p.supports, p.created_at, p.log_index, COALESCE(p.author_id, 0),
	(SELECT COUNT(*) FROM comments c WHERE c.proposal_id = p.id), p.last_log_index`

func scanProposal(sc interface{ Scan(...any) error }) (consult.Proposal, error) {
	var p consult.Proposal
	var id, cid, created int64
	var received string
	var review int
	err := sc.Scan(&id, &cid, &p.Author, &p.Unit, &p.Kind, &p.Text, &p.Rationale, &p.Lang, &p.Region, &p.Channel,
		&received, &p.Status, &p.HiddenReason, &review, &p.Supports, &created, &p.LogIndex, &p.AuthorAccount, &p.Comments, &p.LastLogIndex)
	if err != nil {
		return p, err
	}
	p.ID, p.Consultation, p.CreatedAt, p.ReviewRequested = consult.ProposalID(id), consult.ConsultationID(cid), fromMicros(created), review != 0
	p.Received, _ = consult.ParseDate(received)
	p.TextCommit, p.RationaleCommit = ledger.Commit(p.Text), ledger.Commit(p.Rationale)
	if p.Status == consult.StatusHidden {
		p.Text, p.Rationale = "", ""
	}
	return p, nil
}

func (t *Tx) proposal(ctx context.Context, id consult.ProposalID) (consult.Proposal, error) {
	p, err := scanProposal(t.queryRow(ctx, `SELECT `+proposalColumns+` FROM proposals p WHERE p.id = ?`, int64(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return p, atazan.Errorf(atazan.ENotFound, "proposal %d does not exist", id)
	}
	return p, err
}

// Proposal returns a proposal. The text of a hidden proposal is withheld;
// its commitment in the log stays.
func (s *Store) Proposal(ctx context.Context, id consult.ProposalID) (consult.Proposal, error) {
	var p consult.Proposal
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		p, err = tx.proposal(ctx, id)
		return err
	})
	return p, err
}

// ProposalQuery selects proposals of a consultation.
type ProposalQuery struct {
	Consultation consult.ConsultationID
	Unit         *charter.UnitID // nil: every unit; "": the version as a whole
	Author       identity.AccountID
	Cluster      consolidate.ClusterID // 0: any cluster
	Kind         consult.Kind
	Lang         charter.Lang
	Region       string
	Status       consult.Status
	Sort         string // "newest" (default) or "supported"
	Limit        int    // default 20, at most 200
	Offset       int
}

// Proposals returns a page of proposals and the number matching in all.
func (s *Store) Proposals(ctx context.Context, q ProposalQuery) ([]consult.Proposal, int, error) {
	var where []string
	var args []any
	if q.Consultation != 0 {
		where, args = append(where, "p.consultation_id = ?"), append(args, int64(q.Consultation))
	}
	if q.Unit != nil {
		where, args = append(where, "p.unit = ?"), append(args, string(*q.Unit))
	}
	if q.Author != 0 {
		where, args = append(where, "p.author_id = ?"), append(args, int64(q.Author))
	}
	if q.Cluster != 0 {
		where, args = append(where, "p.cluster_id = ?"), append(args, int64(q.Cluster))
	}
	for _, f := range []struct{ col, v string }{{"p.kind", string(q.Kind)}, {"p.lang", string(q.Lang)}, {"p.region", q.Region}, {"p.status", string(q.Status)}} {
		if f.v != "" {
			where, args = append(where, f.col+" = ?"), append(args, f.v)
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	order := " ORDER BY p.id DESC"
	switch q.Sort {
	case "", "newest":
	case "supported":
		order = " ORDER BY p.supports DESC, p.id DESC"
	default:
		return nil, 0, &atazan.Error{Code: atazan.EInvalid, Field: "sort", Message: fmt.Sprintf("unknown sort %q: newest or supported", q.Sort)}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 200)
	var out []consult.Proposal
	var total int
	err := s.view(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM proposals p`+cond, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT `+proposalColumns+` FROM proposals p`+cond+order+` LIMIT ? OFFSET ?`, append(args, limit, max(q.Offset, 0))...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProposal(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, total, err
}

// UnitCounts returns the number of proposals on each unit of a consultation
// (hidden ones included: they still count, as hidden by moderation).
func (s *Store) UnitCounts(ctx context.Context, id consult.ConsultationID) (map[charter.UnitID]int, error) {
	out := map[charter.UnitID]int{}
	err := s.countProposals(ctx, "unit", id, func(k string, n int) { out[charter.UnitID(k)] = n })
	return out, err
}

// StatusCounts returns the number of proposals of a consultation by status.
func (s *Store) StatusCounts(ctx context.Context, id consult.ConsultationID) (map[consult.Status]int, error) {
	out := map[consult.Status]int{}
	err := s.countProposals(ctx, "status", id, func(k string, n int) { out[consult.Status(k)] = n })
	return out, err
}

// countProposals counts a consultation's proposals grouped by a column
// (unit or status: never user input).
func (s *Store) countProposals(ctx context.Context, column string, id consult.ConsultationID, put func(string, int)) error {
	return s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT `+column+`, COUNT(*) FROM proposals WHERE consultation_id = ? GROUP BY `+column, int64(id))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return err
			}
			put(k, n)
		}
		return rows.Err()
	})
}

// Support gives (or, with withdraw, takes back) a citizen's support of a
// proposal. Repeating either changes nothing and reports changed false. The
// count is kept exact under concurrency: it changes in the transaction that
// inserts or deletes the support row.
func (s *Store) Support(ctx context.Context, id consult.ProposalID, account identity.AccountID, withdraw bool) (consult.Proposal, bool, int64, error) {
	var out consult.Proposal
	changed := false
	var idx int64 = -1
	err := s.update(ctx, func(tx *Tx) error {
		p, err := tx.proposal(ctx, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM supports WHERE proposal_id = ? AND account_id = ?`, int64(id), int64(account)).Scan(&n); err != nil {
			return err
		}
		if (n > 0) != withdraw { // already in the asked state
			out = p
			return nil
		}
		c, _, err := tx.cachedConsultation(ctx, p.Consultation)
		if err != nil {
			return err
		}
		if err := c.CheckOpen(tx.now); err != nil { // supports change only while the consultation is open
			return err
		}
		if !withdraw {
			if err := consult.CanSupport(p.Status); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO supports (proposal_id, account_id, created_at) VALUES (?, ?, ?)`, int64(id), int64(account), micros(tx.now)); err != nil {
				return err
			}
			_, err = tx.exec(ctx, `UPDATE proposals SET supports = supports + 1 WHERE id = ?`, int64(id))
		} else {
			if _, err := tx.exec(ctx, `DELETE FROM supports WHERE proposal_id = ? AND account_id = ?`, int64(id), int64(account)); err != nil {
				return err
			}
			_, err = tx.exec(ctx, `UPDATE proposals SET supports = supports - 1 WHERE id = ?`, int64(id))
		}
		if err != nil {
			return err
		}
		who, err := tx.accountActor(ctx, account)
		if err != nil {
			return err
		}
		rec, err := ledger.SupportRecord(tx.now, who, int64(id), withdraw)
		if err != nil {
			return err
		}
		if idx, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE proposals SET last_log_index = ? WHERE id = ?`, idx, int64(id)); err != nil {
			return err
		}
		changed = true
		out, err = tx.proposal(ctx, id)
		return err
	})
	return out, changed, idx, err
}

// Supporting reports which of the proposals the account supports.
func (s *Store) Supporting(ctx context.Context, account identity.AccountID, ids []consult.ProposalID) (map[consult.ProposalID]bool, error) {
	out := map[consult.ProposalID]bool{}
	if account == 0 || len(ids) == 0 {
		return out, nil
	}
	err := s.view(ctx, func(tx *Tx) error {
		q := `SELECT proposal_id FROM supports WHERE account_id = ? AND proposal_id IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + `)`
		args := []any{int64(account)}
		for _, id := range ids {
			args = append(args, int64(id))
		}
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out[consult.ProposalID(id)] = true
		}
		return rows.Err()
	})
	return out, err
}

// ExportProposals streams every proposal of a consultation (0: all), oldest
// first, to fn: the open data. It carries the pseudonymous author key and no
// personal data; hidden proposals carry their status and reason, not their text.
func (s *Store) ExportProposals(ctx context.Context, id consult.ConsultationID, fn func(consult.Proposal) error) error {
	const page = 1000
	var after int64
	for {
		var batch []consult.Proposal
		err := s.view(ctx, func(tx *Tx) error {
			q := `SELECT ` + proposalColumns + ` FROM proposals p WHERE p.id > ?`
			args := []any{after}
			if id != 0 {
				q += ` AND p.consultation_id = ?`
				args = append(args, int64(id))
			}
			rows, err := tx.query(ctx, q+` ORDER BY p.id LIMIT ?`, append(args, page)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				p, err := scanProposal(rows)
				if err != nil {
					return err
				}
				batch = append(batch, p)
			}
			return rows.Err()
		})
		if err != nil {
			return err
		}
		for _, p := range batch {
			if err := fn(p); err != nil {
				return err
			}
			after = int64(p.ID)
		}
		if len(batch) < page {
			return nil
		}
	}
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"atazan"
	"atazan/amend"
	"atazan/charter"
	"atazan/commission"
	"atazan/identity"
	"atazan/ledger"
)

// Commission is a constitutional commission: the charter version its working
// draft started from, its rules of procedure and the draft's hash.
type Commission struct {
	ID        int64            `json:"-"`
	Slug      string           `json:"slug"`
	Title     string           `json:"title"`
	Charter   string           `json:"charter"`
	Base      string           `json:"base"` // the version the working draft last started from
	Lang      charter.Lang     `json:"lang"`
	Rules     commission.Rules `json:"rules"`
	DraftHash string           `json:"draft_hash"`
	Applied   int              `json:"applied"` // amendments applied to the working draft
	CreatedAt time.Time        `json:"created_at"`
	LogIndex  int64            `json:"log_index"`
}

// NewCommission is a commission to set up on a charter version.
type NewCommission struct {
	Slug, Title, Charter, Base string
	Rules                      commission.Rules
}

// Member is a member of a commission, with the account it signs in with.
type Member struct {
	Account  identity.AccountID  `json:"account"`
	Name     string              `json:"name"`
	Position commission.Position `json:"position"`
	From     string              `json:"from"`
	To       string              `json:"to,omitempty"`
	LogIndex int64               `json:"log_index"`
}

// The statuses of an amendment.
const (
	AmendmentSubmitted = "submitted" // waiting for its vote
	AmendmentAdopted   = "adopted"   // adopted and applied to the working draft
	AmendmentRejected  = "rejected"  // its last vote did not adopt it
	AmendmentRedraft   = "redraft"   // an earlier adoption changed what it edits: it must be redrafted
)

// Amendment is an amendment before a commission.
type Amendment struct {
	ID          int64            `json:"id"`
	Commission  string           `json:"commission"`
	Title       string           `json:"title"`
	Status      string           `json:"status"`
	Body        *amend.Amendment `json:"amendment"` // as it applies now, after any rebase
	Submitted   json.RawMessage  `json:"submitted"` // as submitted and logged
	Redraft     []amend.Redraft  `json:"redraft"`
	AppliedHash string           `json:"applied_hash,omitempty"`
	CreatedAt   time.Time        `json:"created_at"`
	LogIndex    int64            `json:"log_index"`
}

// maxAmendmentRecord bounds an amendment's JSON so that its records fit the
// log (an entry is at most 64 KiB).
const maxAmendmentRecord = 60000

// CreateCommission sets up a commission whose working draft starts from a
// version's primary text. by is the administrator (0 for the command line).
func (s *Store) CreateCommission(ctx context.Context, nc NewCommission, by identity.AccountID) (Commission, error) {
	if err := charter.ValidSlug(nc.Slug); err != nil {
		return Commission{}, &atazan.Error{Code: atazan.EInvalid, Field: "slug", Message: atazan.ErrorMessage(err)}
	}
	nc.Title = strings.Join(strings.Fields(nc.Title), " ")
	if nc.Title == "" || len([]rune(nc.Title)) > 300 {
		return Commission{}, atazan.FieldErrorf("title", "a commission needs a title of 1 to 300 characters")
	}
	if err := nc.Rules.Validate(); err != nil {
		return Commission{}, err
	}
	var out Commission
	err := s.update(ctx, func(tx *Tx) error {
		v, vid, err := tx.version(ctx, nc.Charter, nc.Base)
		if err != nil {
			return err
		}
		doc, err := tx.document(ctx, vid, v.Lang)
		if err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM commissions WHERE slug = ?`, nc.Slug).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &atazan.Error{Code: atazan.EConflict, Field: "slug", Message: fmt.Sprintf("commission %q already exists", nc.Slug)}
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		agenda := []string{}
		for _, p := range nc.Rules.Agenda {
			agenda = append(agenda, string(p))
		}
		rec, err := ledger.CommissionRecord(ledger.KindCommissionCreated, tx.now, actor, ledger.CommissionSubject(nc.Slug), ledger.CommissionCreated{
			Title: nc.Title, Charter: nc.Charter, Base: nc.Base, Lang: string(v.Lang),
			Quorum: string(nc.Rules.Quorum), Majority: string(nc.Rules.Majority), Agenda: agenda})
		if err != nil {
			return err
		}
		idx, err := tx.appendRecord(ctx, rec)
		if err != nil {
			return err
		}
		rules, _ := json.Marshal(nc.Rules)
		draft, _ := json.Marshal(doc)
		if _, err := tx.exec(ctx, `INSERT INTO commissions (slug, title, charter, base, lang, rules, draft, draft_hash, created_at, log_index)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, nc.Slug, nc.Title, nc.Charter, nc.Base, string(v.Lang), string(rules), string(draft), doc.Hash(), micros(tx.now), idx); err != nil {
			return fmt.Errorf("create commission: %w", err)
		}
		out, err = tx.commission(ctx, nc.Slug)
		return err
	})
	return out, err
}

func (t *Tx) commission(ctx context.Context, slug string) (Commission, error) {
	var c Commission
	var rules string
	var created int64
	err := t.queryRow(ctx, `SELECT id, slug, title, charter, base, lang, rules, draft_hash, applied, created_at, log_index
		FROM commissions WHERE slug = ?`, slug).Scan(&c.ID, &c.Slug, &c.Title, &c.Charter, &c.Base, &c.Lang, &rules, &c.DraftHash, &c.Applied, &created, &c.LogIndex)
	if errors.Is(err, sql.ErrNoRows) {
		return c, atazan.Errorf(atazan.ENotFound, "commission %q does not exist", slug)
	}
	if err != nil {
		return c, fmt.Errorf("read commission %s: %w", slug, err)
	}
	c.CreatedAt = fromMicros(created)
	if err := json.Unmarshal([]byte(rules), &c.Rules); err != nil {
		return c, fmt.Errorf("read commission %s rules: %w", slug, err)
	}
	return c, nil
}

func (t *Tx) commissionByID(ctx context.Context, id int64) (Commission, error) {
	var slug string
	if err := t.queryRow(ctx, `SELECT slug FROM commissions WHERE id = ?`, id).Scan(&slug); err != nil {
		return Commission{}, fmt.Errorf("read commission %d: %w", id, err)
	}
	return t.commission(ctx, slug)
}

// Commission returns a commission by slug.
func (s *Store) Commission(ctx context.Context, slug string) (Commission, error) {
	var out Commission
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.commission(ctx, slug)
		return err
	})
	return out, err
}

// Commissions lists the commissions by slug.
func (s *Store) Commissions(ctx context.Context) ([]Commission, error) {
	var out []Commission
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT slug FROM commissions ORDER BY slug`)
		if err != nil {
			return err
		}
		var slugs []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return err
			}
			slugs = append(slugs, s)
		}
		rows.Close()
		for _, sl := range slugs {
			c, err := tx.commission(ctx, sl)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// WorkingDraft returns a commission's working draft.
func (s *Store) WorkingDraft(ctx context.Context, slug string) (*charter.Document, error) {
	var out *charter.Document
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.draft(ctx, slug)
		return err
	})
	return out, err
}

func (t *Tx) draft(ctx context.Context, slug string) (*charter.Document, error) {
	var data string
	if err := t.queryRow(ctx, `SELECT draft FROM commissions WHERE slug = ?`, slug).Scan(&data); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, atazan.Errorf(atazan.ENotFound, "commission %q does not exist", slug)
		}
		return nil, err
	}
	d := new(charter.Document)
	if err := json.Unmarshal([]byte(data), d); err != nil {
		return nil, fmt.Errorf("read working draft of %s: %w", slug, err)
	}
	return d, nil
}

// NewMemberAccount describes the account to create for a member who has none.
type NewMemberAccount func(m commission.Member) (NewAccount, error)

// AddMembers appoints members to a commission, each logged with the
// member's public name, position and term. A member is found by e-mail
// among the accounts; newAccount makes the account of one who has none (nil:
// such a member is an error naming the address). Each member's account gets
// the role commission_chair (the chair) or commission_member (the others),
// which is logged too. The whole list is added, or nothing is. It returns
// the members added.
func (s *Store) AddMembers(ctx context.Context, slug string, ms []commission.Member, newAccount NewMemberAccount, by identity.AccountID) ([]Member, error) {
	var out []Member
	err := s.update(ctx, func(tx *Tx) error {
		c, err := tx.commission(ctx, slug)
		if err != nil {
			return err
		}
		existing, err := tx.commissionMembers(ctx, c.ID)
		if err != nil {
			return err
		}
		all := make([]commission.Member, 0, len(existing)+len(ms))
		for _, m := range existing {
			all = append(all, m.member())
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		for i, m := range ms {
			acc, err := tx.account(ctx, `a.email = ?`, strings.ToLower(m.Email))
			if atazan.ErrorCode(err) == atazan.ENotFound {
				if newAccount == nil {
					return &atazan.Error{Code: atazan.ENotFound, Field: "email", Line: i + 2, Message: fmt.Sprintf("no account has the address %s: create it first", m.Email)}
				}
				na, err := newAccount(m)
				if err != nil {
					return err
				}
				acc, err = tx.createAccount(ctx, na)
				if err != nil {
					return err
				}
			} else if err != nil {
				return err
			}
			for _, e := range existing {
				if e.Account == acc.ID {
					return &atazan.Error{Code: atazan.EConflict, Field: "email", Line: i + 2, Message: fmt.Sprintf("%s is already a member of %s", m.Email, slug)}
				}
			}
			mm := m
			mm.Email = memberKey(acc.ID)
			for _, o := range all {
				if (mm.Position == commission.Chair || mm.Position == commission.Secretary) && o.Position == mm.Position && overlap(o, mm) {
					return &atazan.Error{Code: atazan.EConflict, Field: "position", Line: i + 2, Message: fmt.Sprintf("%s would serve as %s beside another %s on the same days: one at a time", m.Email, mm.Position, mm.Position)}
				}
			}
			all = append(all, mm)
			role := identity.RoleCommissionMember
			if m.Position == commission.Chair {
				role = identity.RoleCommissionChair
			}
			if !acc.HasRole(role) {
				if _, err := tx.setRoles(ctx, acc.ID, append(acc.Roles, role), by); err != nil {
					return err
				}
			}
			who, err := tx.actor(ctx, fmt.Sprint(int64(acc.ID)))
			if err != nil {
				return err
			}
			p := ledger.MemberAdded{Name: m.Name, Position: string(m.Position), From: m.From.Format(commission.DateLayout)}
			if !m.To.IsZero() {
				p.To = m.To.Format(commission.DateLayout)
			}
			rec, err := ledger.CommissionRecord(ledger.KindMemberAdded, tx.now, actor, ledger.CommissionSubject(slug, "member", string(who)), p)
			if err != nil {
				return err
			}
			idx, err := tx.appendRecord(ctx, rec)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO commission_members (commission_id, account_id, name, position, from_day, to_day, log_index)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, int64(acc.ID), m.Name, string(m.Position), p.From, p.To, idx); err != nil {
				return fmt.Errorf("add member: %w", err)
			}
			out = append(out, Member{Account: acc.ID, Name: m.Name, Position: m.Position, From: p.From, To: p.To, LogIndex: idx})
		}
		return nil
	})
	return out, err
}

func overlap(a, b commission.Member) bool {
	endsBefore := func(x, y commission.Member) bool { return !x.To.IsZero() && x.To.Before(y.From) }
	return !endsBefore(a, b) && !endsBefore(b, a)
}

// memberKey is how a meeting's state machine knows a member: by account.
func memberKey(id identity.AccountID) string { return "member-" + strconv.FormatInt(int64(id), 10) }

func (m Member) member() commission.Member {
	cm := commission.Member{Name: m.Name, Email: memberKey(m.Account), Position: m.Position}
	cm.From, _ = time.Parse(commission.DateLayout, m.From)
	if m.To != "" {
		cm.To, _ = time.Parse(commission.DateLayout, m.To)
	}
	return cm
}

// createAccount is CreateAccount inside a transaction, for members imported
// without an account.
func (t *Tx) createAccount(ctx context.Context, a NewAccount) (identity.Account, error) {
	var id int64
	if err := t.queryRow(ctx, `INSERT INTO accounts (name, email, iin_hash, region, password_hash, verification, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.Name, a.Email, nil, a.Region, a.PasswordHash, a.Verification, micros(t.now)).Scan(&id); err != nil {
		if isUnique(err) {
			return identity.Account{}, &atazan.Error{Code: atazan.EConflict, Field: "email", Message: "an account with this e-mail address already exists"}
		}
		return identity.Account{}, fmt.Errorf("create account: %w", err)
	}
	who, err := t.actor(ctx, fmt.Sprint(id))
	if err != nil {
		return identity.Account{}, err
	}
	rec, err := ledger.AccountCreated{Region: a.Region, Verification: a.Verification}.Record(t.now, who)
	if err != nil {
		return identity.Account{}, err
	}
	idx, err := t.appendRecord(ctx, rec)
	if err != nil {
		return identity.Account{}, err
	}
	if err := t.writeRoles(ctx, identity.AccountID(id), []identity.Role{identity.RoleCitizen}); err != nil {
		return identity.Account{}, err
	}
	if _, err := t.exec(ctx, `UPDATE accounts SET log_index = ? WHERE id = ?`, idx, id); err != nil {
		return identity.Account{}, err
	}
	return t.account(ctx, `a.id = ?`, id)
}

// Members lists a commission's members in the order they were added.
func (s *Store) Members(ctx context.Context, slug string) ([]Member, error) {
	var out []Member
	err := s.view(ctx, func(tx *Tx) error {
		c, err := tx.commission(ctx, slug)
		if err != nil {
			return err
		}
		out, err = tx.commissionMembers(ctx, c.ID)
		return err
	})
	return out, err
}

func (t *Tx) commissionMembers(ctx context.Context, commissionID int64) ([]Member, error) {
	rows, err := t.query(ctx, `SELECT account_id, name, position, from_day, to_day, log_index FROM commission_members
		WHERE commission_id = ? ORDER BY log_index`, commissionID)
	if err != nil {
		return nil, fmt.Errorf("read members: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		var id int64
		if err := rows.Scan(&id, &m.Name, &m.Position, &m.From, &m.To, &m.LogIndex); err != nil {
			return nil, err
		}
		m.Account = identity.AccountID(id)
		out = append(out, m)
	}
	return out, rows.Err()
}

// member returns the account's membership of the commission, or an EForbidden error.
func (t *Tx) commissionMember(ctx context.Context, commissionID int64, id identity.AccountID) (Member, error) {
	ms, err := t.commissionMembers(ctx, commissionID)
	if err != nil {
		return Member{}, err
	}
	for _, m := range ms {
		if m.Account == id {
			return m, nil
		}
	}
	return Member{}, atazan.Errorf(atazan.EForbidden, "only members of the commission may do this")
}

// SubmitAmendment puts an amendment before a commission: its JSON is read
// strictly (amend.Parse) and must apply to the working draft; the error of an
// op names it (ops[i]). Members whose position sets the agenda submit
// amendments (see commission.Rules.SetsAgenda).
func (s *Store) SubmitAmendment(ctx context.Context, slug string, data []byte, by identity.AccountID) (Amendment, error) {
	a, err := amend.Parse(data)
	if err != nil {
		return Amendment{}, err
	}
	body, err := json.Marshal(a)
	if err != nil {
		return Amendment{}, err
	}
	if len(body) > maxAmendmentRecord {
		return Amendment{}, atazan.Errorf(atazan.ETooLarge, "the amendment is %d bytes of JSON, over the limit of %d bytes that one log record holds: split it", len(body), maxAmendmentRecord)
	}
	var out Amendment
	err = s.update(ctx, func(tx *Tx) error {
		c, err := tx.commission(ctx, slug)
		if err != nil {
			return err
		}
		if by != 0 {
			m, err := tx.commissionMember(ctx, c.ID, by)
			if err != nil {
				return err
			}
			if !c.Rules.SetsAgenda(m.Position) {
				return atazan.Errorf(atazan.EForbidden, "a %s may not put amendments before the commission: the rules of procedure allow the positions that set the agenda", m.Position)
			}
		}
		draft, err := tx.draft(ctx, slug)
		if err != nil {
			return err
		}
		if _, err := amend.Apply(draft, a); err != nil {
			return err
		}
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO amendments (commission_id, title, submitted, body, status, created_at, log_index)
			VALUES (?, ?, ?, ?, ?, ?, -1) RETURNING id`, c.ID, a.Title, string(body), string(body), AmendmentSubmitted, micros(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store amendment: %w", err)
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		rec, err := ledger.CommissionRecord(ledger.KindAmendmentSubmitted, tx.now, actor,
			ledger.CommissionSubject(slug, "amendment", ledger.IDSubject(id)), ledger.AmendmentSubmitted{Amendment: body})
		if err != nil {
			return err
		}
		idx, err := tx.appendRecord(ctx, rec)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE amendments SET log_index = ? WHERE id = ?`, idx, id); err != nil {
			return err
		}
		out, err = tx.amendment(ctx, id)
		return err
	})
	return out, err
}

func (t *Tx) amendment(ctx context.Context, id int64) (Amendment, error) {
	as, err := t.amendments(ctx, `a.id = ?`, id)
	if err != nil {
		return Amendment{}, err
	}
	if len(as) == 0 {
		return Amendment{}, atazan.Errorf(atazan.ENotFound, "amendment %d does not exist", id)
	}
	return as[0], nil
}

func (t *Tx) amendments(ctx context.Context, where string, args ...any) ([]Amendment, error) {
	rows, err := t.query(ctx, `SELECT a.id, c.slug, a.title, a.status, a.body, a.submitted, a.redraft, a.applied_hash, a.created_at, a.log_index
		FROM amendments a JOIN commissions c ON c.id = a.commission_id WHERE `+where+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read amendments: %w", err)
	}
	defer rows.Close()
	var out []Amendment
	for rows.Next() {
		var a Amendment
		var body, submitted, redraft string
		var created int64
		if err := rows.Scan(&a.ID, &a.Commission, &a.Title, &a.Status, &body, &submitted, &redraft, &a.AppliedHash, &created, &a.LogIndex); err != nil {
			return nil, err
		}
		a.CreatedAt = fromMicros(created)
		a.Submitted = json.RawMessage(submitted)
		if a.Body, err = amend.Parse([]byte(body)); err != nil {
			return nil, fmt.Errorf("read amendment %d: %w", a.ID, err)
		}
		if err := json.Unmarshal([]byte(redraft), &a.Redraft); err != nil {
			return nil, fmt.Errorf("read amendment %d: %w", a.ID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Amendment returns an amendment by ID.
func (s *Store) Amendment(ctx context.Context, id int64) (Amendment, error) {
	var out Amendment
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.amendment(ctx, id)
		return err
	})
	return out, err
}

// Amendments lists a commission's amendments in the order they were submitted.
func (s *Store) Amendments(ctx context.Context, slug string) ([]Amendment, error) {
	var out []Amendment
	err := s.view(ctx, func(tx *Tx) error {
		if _, err := tx.commission(ctx, slug); err != nil {
			return err
		}
		var err error
		out, err = tx.amendments(ctx, `c.slug = ?`, slug)
		return err
	})
	return out, err
}

// adopt applies an adopted amendment to the commission's working draft,
// logs it, and rebases the amendments still waiting for their vote onto the
// new draft; those that cannot be carried over are flagged for redrafting.
// It returns the draft's new hash.
func (t *Tx) adopt(ctx context.Context, c Commission, id int64, actor ledger.Actor) (string, error) {
	a, err := t.amendment(ctx, id)
	if err != nil {
		return "", err
	}
	if a.Status == AmendmentAdopted {
		return "", atazan.Errorf(atazan.EConflict, "amendment %d is already adopted", id)
	}
	draft, err := t.draft(ctx, c.Slug)
	if err != nil {
		return "", err
	}
	next, err := amend.Apply(draft, a.Body)
	if err != nil {
		return "", err
	}
	body, _ := json.Marshal(a.Body)
	p := ledger.AmendmentApplied{Commission: c.Slug, Amendment: ledger.IDSubject(id), FromHash: draft.Hash(), Hash: next.Hash(), Text: body}
	if c.Applied == 0 {
		p.Base = c.Base
	}
	rec, err := ledger.CommissionRecord(ledger.KindAmendmentApplied, t.now, actor, ledger.DraftSubject(c.Charter, ledger.CommissionDraft(c.Slug)), p)
	if err != nil {
		return "", err
	}
	if _, err := t.appendRecord(ctx, rec); err != nil {
		return "", err
	}
	data, _ := json.Marshal(next)
	if _, err := t.exec(ctx, `UPDATE commissions SET draft = ?, draft_hash = ?, applied = applied + 1 WHERE id = ?`, string(data), next.Hash(), c.ID); err != nil {
		return "", err
	}
	if _, err := t.exec(ctx, `UPDATE amendments SET status = ?, applied_hash = ? WHERE id = ?`, AmendmentAdopted, next.Hash(), id); err != nil {
		return "", err
	}
	waiting, err := t.amendments(ctx, `a.commission_id = ? AND a.status IN (?, ?)`, c.ID, AmendmentSubmitted, AmendmentRejected)
	if err != nil {
		return "", err
	}
	for _, w := range waiting {
		r, err := amend.Rebase(draft, a.Body, w.Body)
		status, redraft := w.Status, r.Redraft
		switch {
		case err != nil:
			status, redraft = AmendmentRedraft, []amend.Redraft{{Op: -1, Reason: atazan.ErrorMessage(err)}}
		case !r.OK():
			status = AmendmentRedraft
		}
		body := w.Body
		if err == nil && r.OK() {
			body = r.Amendment
		}
		bj, _ := json.Marshal(body)
		rj, _ := json.Marshal(redraft)
		if redraft == nil {
			rj = []byte("[]")
		}
		if _, err := t.exec(ctx, `UPDATE amendments SET status = ?, body = ?, redraft = ? WHERE id = ?`, status, string(bj), string(rj), w.ID); err != nil {
			return "", err
		}
	}
	return next.Hash(), nil
}

// PublishDraft makes the commission's working draft a published version of
// its charter, named label ("Draft of 2026-02-12"), whose parent is the
// version the draft last started from: frozen, hashed and logged. Only the
// commission's chair (or an administrator, by = 0 for the command line) may.
func (s *Store) PublishDraft(ctx context.Context, slug, label string, by identity.AccountID) (charter.Version, error) {
	var out charter.Version
	err := s.update(ctx, func(tx *Tx) error {
		c, err := tx.commission(ctx, slug)
		if err != nil {
			return err
		}
		if by != 0 {
			acc, err := tx.account(ctx, `a.id = ?`, int64(by))
			if err != nil {
				return err
			}
			if !acc.HasRole(identity.RoleAdministrator) {
				m, err := tx.commissionMember(ctx, c.ID, by)
				if err != nil {
					return err
				}
				if m.Position != commission.Chair {
					return atazan.Errorf(atazan.EForbidden, "only the commission's chair publishes its working draft")
				}
			}
		}
		if c.Applied == 0 {
			return atazan.Errorf(atazan.EConflict, "no amendment has been adopted: the working draft is still version %q", c.Base)
		}
		draft, err := tx.draft(ctx, slug)
		if err != nil {
			return err
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		if out, err = tx.newVersion(ctx, c.Charter, c.Base, label, draft, actor, ledger.CommissionDraft(slug), true); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE commissions SET base = ? WHERE id = ?`, label, c.ID)
		return err
	})
	return out, err
}

// newVersion stores doc as a new version of the charter with the parent,
// logs its creation, publishes it when publish is set, and logs that it is
// the text of the draft.
func (t *Tx) newVersion(ctx context.Context, slug, parent, label string, doc *charter.Document, actor ledger.Actor, draftName string, publish bool) (charter.Version, error) {
	req := charter.ImportRequest{Charter: slug, Version: label, Parent: parent, Doc: doc}
	if err := charter.CheckImport(req); err != nil {
		return charter.Version{}, err
	}
	if _, _, err := t.version(ctx, slug, label); err == nil {
		return charter.Version{}, &atazan.Error{Code: atazan.EConflict, Field: "version", Message: fmt.Sprintf("version %q of %s already exists", label, slug)}
	} else if atazan.ErrorCode(err) != atazan.ENotFound {
		return charter.Version{}, err
	}
	charterID, err := t.charterID(ctx, slug)
	if err != nil {
		return charter.Version{}, err
	}
	versionID, err := t.createVersion(ctx, charterID, req)
	if err != nil {
		return charter.Version{}, err
	}
	title, err := t.charterTitle(ctx, charterID)
	if err != nil {
		return charter.Version{}, err
	}
	rec, err := ledger.VersionCreated{CharterTitle: title, Parent: parent, Lang: string(doc.Lang), Hash: doc.Hash(), Title: doc.Title}.Record(t.now, actor, slug, label)
	if err != nil {
		return charter.Version{}, err
	}
	if err := t.insertText(ctx, versionID, doc); err != nil {
		return charter.Version{}, err
	}
	if err := t.logVersionChange(ctx, versionID, rec); err != nil {
		return charter.Version{}, err
	}
	if publish {
		if _, err := t.exec(ctx, `UPDATE versions SET status = ?, published_at = ? WHERE id = ?`, string(charter.StatusPublished), micros(t.now), versionID); err != nil {
			return charter.Version{}, err
		}
		rec, err := ledger.VersionPublished{Hash: doc.Hash()}.Record(t.now, actor, slug, label)
		if err != nil {
			return charter.Version{}, err
		}
		if _, err := t.appendRecord(ctx, rec); err != nil {
			return charter.Version{}, err
		}
	}
	rec, err = ledger.CommissionRecord(ledger.KindDraftPublished, t.now, actor, ledger.VersionSubject(slug, label), ledger.DraftPublished{Draft: draftName, Hash: doc.Hash()})
	if err != nil {
		return charter.Version{}, err
	}
	if _, err := t.appendRecord(ctx, rec); err != nil {
		return charter.Version{}, err
	}
	v, _, err := t.version(ctx, slug, label)
	return v, err
}

// ApplyAmendments makes version label of the charter by applying the
// amendments, in order, to the primary text of version from: a draft version
// whose parent is from. Each amendment applied is logged with the hash it
// produced, then the new version. Nothing is stored when an amendment does
// not apply; the error names the amendment and its op.
func (s *Store) ApplyAmendments(ctx context.Context, slug, from, label string, as []*amend.Amendment, by identity.AccountID) (charter.Version, error) {
	if len(as) == 0 {
		return charter.Version{}, atazan.FieldErrorf("file", "no amendment to apply")
	}
	var out charter.Version
	err := s.update(ctx, func(tx *Tx) error {
		v, vid, err := tx.version(ctx, slug, from)
		if err != nil {
			return err
		}
		doc, err := tx.document(ctx, vid, v.Lang)
		if err != nil {
			return err
		}
		if _, err := amend.Apply(doc, as...); err != nil {
			return err
		}
		if _, _, err := tx.version(ctx, slug, label); err == nil {
			return &atazan.Error{Code: atazan.EConflict, Field: "new-version", Message: fmt.Sprintf("version %q of %s already exists", label, slug)}
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		for i, a := range as {
			next, err := amend.Apply(doc, a)
			if err != nil {
				return err
			}
			body, err := json.Marshal(a)
			if err != nil {
				return err
			}
			if len(body) > maxAmendmentRecord {
				return atazan.Errorf(atazan.ETooLarge, "amendment %d is %d bytes of JSON, over the limit of %d bytes that one log record holds: split it", i+1, len(body), maxAmendmentRecord)
			}
			p := ledger.AmendmentApplied{FromHash: doc.Hash(), Hash: next.Hash(), Text: body}
			if i == 0 {
				p.Base = from
			}
			rec, err := ledger.CommissionRecord(ledger.KindAmendmentApplied, tx.now, actor, ledger.DraftSubject(slug, label), p)
			if err != nil {
				return err
			}
			if _, err := tx.appendRecord(ctx, rec); err != nil {
				return err
			}
			doc = next
		}
		out, err = tx.newVersion(ctx, slug, from, label, doc, actor, label, false)
		return err
	})
	return out, err
}

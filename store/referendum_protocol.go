package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"atazan"
	"atazan/identity"
	"atazan/ledger"
	"atazan/referendum"
)

// AssignOfficer lets an account holding the referendum_officer role enter
// the protocols of one precinct of a referendum (its precinct until another
// assignment replaces it), and logs the assignment with the account's
// pseudonym only.
func (s *Store) AssignOfficer(ctx context.Context, id referendum.ID, account identity.AccountID, precinct referendum.PrecinctID, by identity.AccountID) (int64, error) {
	var idx int64
	err := s.update(ctx, func(tx *Tx) error {
		r, err := tx.referendum(ctx, `r.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if precinct < 0 || int(precinct) >= r.Precincts {
			return &atazan.Error{Code: atazan.ENotFound, Field: "precinct", Message: fmt.Sprintf("referendum %s has no precinct number %d", r.Slug, precinct)}
		}
		acc, err := tx.account(ctx, `a.id = ?`, int64(account))
		if err != nil {
			return err
		}
		if !acc.HasRole(identity.RoleReferendumOfficer) {
			return &atazan.Error{Code: atazan.EInvalid, Field: "email", Message: fmt.Sprintf("account %s does not hold the role %s; grant it first", acc.Email, identity.RoleReferendumOfficer)}
		}
		who, err := tx.accountActor(ctx, account)
		if err != nil {
			return err
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		rec, err := ledger.OfficerAssigned{Account: who}.Record(tx.now, actor, r.Slug, int(precinct))
		if err != nil {
			return err
		}
		if idx, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM referendum_officers WHERE referendum_id = ? AND account_id = ?`, int64(id), int64(account)); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO referendum_officers (referendum_id, account_id, precinct_num, log_index) VALUES (?, ?, ?, ?)`,
			int64(id), int64(account), int(precinct), idx)
		return err
	})
	return idx, err
}

// OfficerPrecinct returns the precinct an account enters protocols for in a referendum.
func (s *Store) OfficerPrecinct(ctx context.Context, id referendum.ID, account identity.AccountID) (referendum.PrecinctID, bool, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, s.rebind(`SELECT precinct_num FROM referendum_officers WHERE referendum_id = ? AND account_id = ?`),
		int64(id), int64(account)).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return referendum.PrecinctID(n), err == nil, err
}

// Submission is an accepted protocol revision.
type Submission struct {
	Revision int                    `json:"revision"`
	LogIndex int64                  `json:"log_index"`
	Warnings []referendum.Violation `json:"warnings"`
}

// SubmitProtocol accepts a revision of a precinct's protocol, or refuses it
// and changes nothing. by is the account entering it (its ID 0: the
// operator at the command line); an account must be allowed to enter
// protocols (identity.ActEnterProtocol) and be the officer of this
// precinct. The revision must be the next after the counted one, give a
// reason when it corrects, report only fields of the referendum's form and
// pass every control relation of severity error; a refusal returns the
// violations with the error. The revision is stored, logged and added to
// the running totals of its district, region and the nation, in one
// transaction.
func (s *Store) SubmitProtocol(ctx context.Context, id referendum.ID, rev referendum.Revision, by identity.Account) (Submission, []referendum.Violation, error) {
	var out Submission
	var vs []referendum.Violation
	if by.ID != 0 {
		if err := by.Authorize(identity.ActEnterProtocol); err != nil {
			return out, nil, err
		}
	}
	err := s.update(ctx, func(tx *Tx) error {
		r, err := tx.referendum(ctx, `r.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if err := tx.bumpSeq(ctx, r, -1); err != nil {
			return err
		}
		if by.ID != 0 {
			var mine int64
			err := tx.queryRow(ctx, `SELECT precinct_num FROM referendum_officers WHERE referendum_id = ? AND account_id = ?`, int64(id), int64(by.ID)).Scan(&mine)
			if errors.Is(err, sql.ErrNoRows) {
				return atazan.Errorf(atazan.EForbidden, "this account is not the officer of any precinct of referendum %s", r.Slug)
			}
			if err != nil {
				return err
			}
			if referendum.PrecinctID(mine) != rev.Precinct {
				return &atazan.Error{Code: atazan.EForbidden, Field: "precinct", Message: "an officer enters the protocol of their own precinct only"}
			}
		}
		var district, region int
		var registered int64
		var code, dcode, rcode string
		err = tx.queryRow(ctx, `SELECT p.district_num, p.region_num, p.registered, p.code, d.code, g.code FROM referendum_precincts p
			JOIN referendum_districts d ON d.referendum_id = p.referendum_id AND d.num = p.district_num
			JOIN referendum_regions g ON g.referendum_id = p.referendum_id AND g.num = p.region_num
			WHERE p.referendum_id = ? AND p.num = ?`, int64(id), int(rev.Precinct)).Scan(&district, &region, &registered, &code, &dcode, &rcode)
		if errors.Is(err, sql.ErrNoRows) {
			return &atazan.Error{Code: atazan.ENotFound, Field: "precinct", Message: fmt.Sprintf("referendum %s has no precinct number %d", r.Slug, rev.Precinct)}
		}
		if err != nil {
			return err
		}
		form := r.ProtocolForm().Set()
		for f := range referendum.NumFields {
			if rev.Protocol.Reported.Has(f) && !form.Has(f) {
				return &atazan.Error{Code: atazan.EInvalid, Field: f.String(), Message: fmt.Sprintf("%s is not a field of this referendum's protocol", f)}
			}
		}
		var old *referendum.Protocol
		counted := 0
		rows, err := tx.query(ctx, `SELECT precinct_num, revision, reason, `+fieldColList+` FROM referendum_protocols
			WHERE referendum_id = ? AND precinct_num = ? ORDER BY revision DESC LIMIT 1`, int64(id), int(rev.Precinct))
		if err != nil {
			return err
		}
		if rows.Next() {
			var prev referendum.Revision
			if err := scanRevision(rows, &prev); err != nil {
				rows.Close()
				return err
			}
			old, counted = &prev.Protocol, prev.Number
		}
		rows.Close()
		if rev.Number == 0 {
			rev.Number = counted + 1
		}
		rev.Reason = strings.TrimSpace(rev.Reason)
		vs, err = referendum.CheckRevision(rev, counted, rcode+" / "+dcode+" / "+code)
		if err != nil {
			return err
		}
		actor, err := tx.accountActor(ctx, by.ID)
		if err != nil {
			return err
		}
		idx, err := tx.insertRevisions(ctx, r, []acceptedRevision{{rev, vs}}, actor)
		if err != nil {
			return err
		}
		d := referendum.Delta(old, &rev.Protocol, registered)
		set := make([]string, 0, referendum.NumFields+2)
		args := make([]any, 0, referendum.NumFields+5)
		for f, c := range fieldCols {
			set = append(set, c+" = "+c+" + ?")
			args = append(args, d.Sum[f])
		}
		set = append(set, "precincts = precincts + ?", "covered = covered + ?")
		args = append(args, d.Precincts, d.Covered, int64(id))
		q := `UPDATE referendum_totals SET ` + strings.Join(set, ", ") + ` WHERE referendum_id = ? AND ((level = 'n' AND num = 0) OR (level = 'r' AND num = ?) OR (level = 'd' AND num = ?))`
		res, err := tx.exec(ctx, q, append(args, region, district)...)
		if err != nil {
			return fmt.Errorf("update totals: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 3 {
			return atazan.Errorf(atazan.EInternal, "the totals of precinct %d's areas are missing", rev.Precinct)
		}
		out = Submission{Revision: rev.Number, LogIndex: idx, Warnings: vs}
		return nil
	})
	if err != nil {
		return Submission{}, vs, err
	}
	if out.Warnings == nil {
		out.Warnings = []referendum.Violation{}
	}
	return out, nil, nil
}

type acceptedRevision struct {
	rev referendum.Revision
	vs  []referendum.Violation // warnings
}

// insertRevisions stores and logs accepted revisions; it returns the first record's index.
func (t *Tx) insertRevisions(ctx context.Context, r Referendum, revs []acceptedRevision, actor ledger.Actor) (int64, error) {
	recs := make([]ledger.Record, len(revs))
	for i, a := range revs {
		p := make(map[string]int64, referendum.NumFields)
		for f := range referendum.NumFields {
			if v, ok := a.rev.Protocol.Get(f); ok {
				p[f.String()] = v
			}
		}
		var err error
		recs[i], err = ledger.ProtocolAccepted{Revision: a.rev.Number, Reason: a.rev.Reason, Protocol: p,
			Warnings: referendum.RuleNames(a.vs)}.Record(t.now, actor, r.Slug, int(a.rev.Precinct))
		if err != nil {
			return 0, err
		}
	}
	first, err := t.appendRecords(ctx, recs)
	if err != nil {
		return 0, err
	}
	const cols = 8 + int(referendum.NumFields)
	args := make([]any, 0, cols*len(revs))
	now := micros(t.now)
	for i, a := range revs {
		args = append(args, int64(r.ID), int(a.rev.Precinct), a.rev.Number, a.rev.Reason)
		for f := range referendum.NumFields {
			if v, ok := a.rev.Protocol.Get(f); ok {
				args = append(args, v)
			} else {
				args = append(args, nil)
			}
		}
		args = append(args, strings.Join(referendum.RuleNames(a.vs), ","), string(actor), now, first+int64(i))
	}
	if err := t.insertRows(ctx, `INSERT INTO referendum_protocols (referendum_id, precinct_num, revision, reason, `+fieldColList+
		`, warnings, actor, created_at, log_index) VALUES `, cols, args); err != nil {
		return 0, fmt.Errorf("store protocols: %w", err)
	}
	return first, nil
}

// ProtocolImportOptions are the choices of a protocol import.
type ProtocolImportOptions struct {
	CreateStructure bool   // build regions, districts and precincts from the file
	Revision        int    // the revision number of every row; 0 means 1
	Reason          string // required with Revision > 1
}

// ProtocolRejection is a rejected row of a protocol file.
type ProtocolRejection struct {
	Line     int      `json:"line"`
	Precinct string   `json:"precinct"`
	Rules    []string `json:"rules"`
}

// ProtocolImport says what a protocol import did. Warnings counts accepted
// protocols with at least one warning.
type ProtocolImport struct {
	Accepted      int                 `json:"accepted"`
	Rejected      int                 `json:"rejected"`
	Warnings      int                 `json:"warnings"`
	Rejections    []ProtocolRejection `json:"rejections"`
	FirstLogIndex int64               `json:"first_log_index"`
	LastLogIndex  int64               `json:"last_log_index"`
}

// importBatch is how many protocols one append to the log holds.
const importBatch = 8192

// ImportProtocols reads a protocol file with referendum.ImportProtocols
// (each row accepted or rejected on its own) and stores the accepted rows
// in one transaction: the new precincts (with CreateStructure) and their
// records, one record per accepted protocol, appended in batches, and the
// running totals. A row for a precinct whose counted revision is not
// before the import's is an error for the whole file, naming its line;
// so is a change to the referendum while the file was read. On error
// nothing is stored. FirstLogIndex and LastLogIndex span every record
// appended (-1 when none).
func (s *Store) ImportProtocols(ctx context.Context, id referendum.ID, file io.Reader, m referendum.Mapping, opts ProtocolImportOptions) (*ProtocolImport, error) {
	var r Referendum
	var seq int64
	st := referendum.NewStructure()
	var tl *referendum.Tally
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		if r, err = tx.referendum(ctx, `r.id = ?`, int64(id)); err != nil {
			return err
		}
		if err := tx.queryRow(ctx, `SELECT seq FROM referendums WHERE id = ?`, int64(id)).Scan(&seq); err != nil {
			return err
		}
		if st, err = tx.structure(ctx, id); err != nil {
			return err
		}
		tl = referendum.NewTally(st)
		return tx.loadCounted(ctx, id, tl)
	})
	if err != nil {
		return nil, err
	}
	if r.Declared != nil {
		return nil, atazan.Errorf(atazan.EConflict, "the result of referendum %s is declared: no protocol is accepted after it", r.Slug)
	}
	n0 := len(st.Precincts)
	var accepted []acceptedRevision
	rep, err := referendum.ImportProtocols(file, m, st, referendum.ImportOptions{Form: r.ProtocolForm(), CreateStructure: opts.CreateStructure,
		Revision: opts.Revision, Reason: opts.Reason},
		func(row referendum.ImportedRow) error {
			if _, err := tl.Apply(row.Revision); err != nil {
				return &atazan.Error{Code: atazan.ErrorCode(err), Line: row.Line, Message: atazan.ErrorMessage(err)}
			}
			accepted = append(accepted, acceptedRevision{row.Revision, row.Violations})
			return nil
		})
	if err != nil {
		return nil, err
	}
	res := &ProtocolImport{Accepted: rep.Accepted, Rejected: rep.RejectedCount, Warnings: rep.Flagged,
		Rejections: make([]ProtocolRejection, len(rep.Rejected)), FirstLogIndex: -1, LastLogIndex: -1}
	for i, rj := range rep.Rejected {
		res.Rejections[i] = ProtocolRejection{Line: rj.Line, Precinct: rj.Precinct, Rules: rj.Rules}
	}
	if len(accepted) == 0 && len(st.Precincts) == n0 {
		return res, nil
	}
	err = s.update(ctx, func(tx *Tx) error {
		if err := tx.bumpSeq(ctx, r, seq); err != nil {
			return err
		}
		first, last, err := tx.addStructure(ctx, r, st, n0, ledger.Operator)
		if err != nil {
			return err
		}
		for start := 0; start < len(accepted); start += importBatch {
			batch := accepted[start:min(start+importBatch, len(accepted))]
			idx, err := tx.insertRevisions(ctx, r, batch, ledger.Operator)
			if err != nil {
				return err
			}
			if first < 0 {
				first = idx
			}
			last = idx + int64(len(batch)) - 1
		}
		res.FirstLogIndex, res.LastLogIndex = first, last
		return tx.writeTotals(ctx, id, tl)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// AreaTotals are the running totals of one area.
type AreaTotals struct {
	Num    int               // the area's number (0 for the nation)
	Totals referendum.Totals // sums, precincts reported, registered voters covered
}

// ReferendumTotals returns the stored running totals at a level: "n" the
// nation, "r" every region, "d" every district; in number order.
func (s *Store) ReferendumTotals(ctx context.Context, id referendum.ID, level string) ([]AreaTotals, error) {
	rows, err := s.read.QueryContext(ctx, s.rebind(`SELECT num, `+fieldColList+`, precincts, covered FROM referendum_totals
		WHERE referendum_id = ? AND level = ? ORDER BY num`), int64(id), level)
	if err != nil {
		return nil, fmt.Errorf("read totals: %w", err)
	}
	defer rows.Close()
	var out []AreaTotals
	for rows.Next() {
		var a AreaTotals
		dest := []any{&a.Num}
		for f := range referendum.NumFields {
			dest = append(dest, &a.Totals.Sum[f])
		}
		dest = append(dest, &a.Totals.Precincts, &a.Totals.Covered)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// NationalTotals returns the running national totals: one row read.
func (s *Store) NationalTotals(ctx context.Context, id referendum.ID) (referendum.Totals, error) {
	var t referendum.Totals
	dest := []any{}
	for f := range referendum.NumFields {
		dest = append(dest, &t.Sum[f])
	}
	dest = append(dest, &t.Precincts, &t.Covered)
	err := s.readStmt(ctx, `SELECT `+fieldColList+`, precincts, covered FROM referendum_totals WHERE referendum_id = ? AND level = 'n' AND num = 0`).
		QueryRowContext(ctx, int64(id)).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return t, atazan.Errorf(atazan.ENotFound, "referendum %d does not exist", id)
	}
	return t, err
}

// Results decides a referendum on its running totals: its declared result
// once declared, otherwise the count so far under its rule set.
func (s *Store) Results(ctx context.Context, id referendum.ID) (referendum.Result, error) {
	r, err := s.ReferendumByID(ctx, id)
	if err != nil {
		return referendum.Result{}, err
	}
	if r.Declared != nil {
		return r.Declared.Result, nil
	}
	return s.count(ctx, r)
}

// count decides on the running totals now.
func (s *Store) count(ctx context.Context, r Referendum) (referendum.Result, error) {
	rs, err := r.RuleSet()
	if err != nil {
		return referendum.Result{}, err
	}
	nation, err := s.NationalTotals(ctx, r.ID)
	if err != nil {
		return referendum.Result{}, err
	}
	regions, err := s.homeRegions(ctx, r.ID)
	if err != nil {
		return referendum.Result{}, err
	}
	return referendum.Decide(nation, regions, rs), nil
}

func (s *Store) homeRegions(ctx context.Context, id referendum.ID) ([]referendum.Totals, error) {
	st, err := s.Structure(ctx, id)
	if err != nil {
		return nil, err
	}
	all, err := s.ReferendumTotals(ctx, id, "r")
	if err != nil {
		return nil, err
	}
	var out []referendum.Totals
	for _, a := range all {
		if a.Num < len(st.Regions) && !st.Regions[a.Num].Abroad {
			out = append(out, a.Totals)
		}
	}
	return out, nil
}

// StoredRevision is an accepted revision of a precinct's protocol.
type StoredRevision struct {
	Revision   referendum.Revision
	Warnings   []string
	Actor      ledger.Actor
	AcceptedAt time.Time
	LogIndex   int64
}

// storedCols are the columns scanStored reads, in order.
var storedCols = `precinct_num, revision, reason, ` + fieldColList + `, warnings, actor, created_at, log_index`

// scanStored reads a revision selected with storedCols.
func scanStored(rows *sql.Rows) (StoredRevision, error) {
	var sr StoredRevision
	var warnings, actor string
	var at, num int64
	vals := make([]sql.NullInt64, referendum.NumFields)
	dest := []any{&num, &sr.Revision.Number, &sr.Revision.Reason}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	if err := rows.Scan(append(dest, &warnings, &actor, &at, &sr.LogIndex)...); err != nil {
		return sr, err
	}
	sr.Revision.Precinct = referendum.PrecinctID(num)
	for f := range referendum.NumFields {
		if vals[f].Valid {
			sr.Revision.Protocol.Set(f, vals[f].Int64)
		}
	}
	if warnings != "" {
		sr.Warnings = strings.Split(warnings, ",")
	}
	sr.Actor, sr.AcceptedAt = ledger.Actor(actor), fromMicros(at)
	return sr, nil
}

// storedRevisions runs a query selecting storedCols.
func (s *Store) storedRevisions(ctx context.Context, q string, args ...any) ([]StoredRevision, error) {
	rows, err := s.read.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredRevision
	for rows.Next() {
		sr, err := scanStored(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sr)
	}
	return out, rows.Err()
}

// PrecinctRevisions returns every accepted revision of a precinct's protocol, oldest first; the last is counted.
func (s *Store) PrecinctRevisions(ctx context.Context, id referendum.ID, precinct referendum.PrecinctID) ([]StoredRevision, error) {
	return s.storedRevisions(ctx, `SELECT `+storedCols+` FROM referendum_protocols WHERE referendum_id = ? AND precinct_num = ? ORDER BY revision`,
		int64(id), int(precinct))
}

// Revisions returns every accepted revision of every precinct's protocol,
// by precinct and revision: the whole history, for the open data.
func (s *Store) Revisions(ctx context.Context, id referendum.ID) ([]StoredRevision, error) {
	return s.storedRevisions(ctx, `SELECT `+storedCols+` FROM referendum_protocols WHERE referendum_id = ? ORDER BY precinct_num, revision`, int64(id))
}

// CountedProtocols returns the counted revision of every precinct that
// reported (of one district; -1 for all), in precinct order, with its
// warnings: the open data of a referendum and the pages of districts.
func (s *Store) CountedProtocols(ctx context.Context, id referendum.ID, district int) ([]StoredRevision, error) {
	where, args := ``, []any{int64(id), int64(id)}
	if district >= 0 {
		where = ` AND p.precinct_num IN (SELECT num FROM referendum_precincts WHERE referendum_id = ? AND district_num = ?)`
		args = append(args, int64(id), district)
	}
	return s.storedRevisions(ctx, `SELECT `+prefixed("p.", strings.Split(storedCols, ", "))+`
		FROM referendum_protocols p JOIN (SELECT precinct_num, MAX(revision) AS revision FROM referendum_protocols
		WHERE referendum_id = ? GROUP BY precinct_num) m ON m.precinct_num = p.precinct_num AND m.revision = p.revision
		WHERE p.referendum_id = ?`+where+` ORDER BY p.precinct_num`, args...)
}

// DeclareResult declares a referendum's result on its running totals,
// which freezes the referendum (no protocol is accepted after it) and logs
// it. by must be allowed to declare results (identity.ActDeclareResult; ID
// 0 is the operator at the command line). When the question is adopted and
// inForce is a date (YYYY-MM-DD), the charter version the referendum
// decided is in force from that date, and that is logged too; inForce is
// refused when the question is not adopted.
func (s *Store) DeclareResult(ctx context.Context, id referendum.ID, inForce string, by identity.Account) (Declaration, error) {
	var d Declaration
	if by.ID != 0 {
		if err := by.Authorize(identity.ActDeclareResult); err != nil {
			return d, err
		}
	}
	if inForce != "" {
		if _, err := atazan.ParseDate(inForce); err != nil {
			return d, atazan.FieldErrorf("in_force", "%v", err)
		}
	}
	err := s.update(ctx, func(tx *Tx) error {
		r, err := tx.referendum(ctx, `r.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if r.Declared != nil {
			return atazan.Errorf(atazan.EConflict, "the result of referendum %s was declared on %s", r.Slug, r.Declared.At.Format(time.DateOnly))
		}
		st, err := tx.structure(ctx, id)
		if err != nil {
			return err
		}
		tl := referendum.NewTally(st)
		if err := tx.loadCounted(ctx, id, tl); err != nil {
			return err
		}
		rs, err := r.RuleSet()
		if err != nil {
			return err
		}
		// The declaration is decided on a recomputation of every counted
		// protocol, which must agree with the running totals.
		res := tl.Decide(rs)
		if err := tx.checkTotals(ctx, id, tl); err != nil {
			return err
		}
		if inForce != "" && !res.Adopted {
			return atazan.FieldErrorf("in_force", "the question of referendum %s is not adopted: no version enters into force", r.Slug)
		}
		actor, err := tx.accountActor(ctx, by.ID)
		if err != nil {
			return err
		}
		rec, err := ledger.DeclaredResult(res, rs).Record(tx.now, actor, r.Slug)
		if err != nil {
			return err
		}
		idx, err := tx.appendRecord(ctx, rec)
		if err != nil {
			return err
		}
		if inForce != "" {
			rec, err := ledger.VersionInForce{Referendum: r.Slug, Hash: r.VersionHash, From: inForce}.Record(tx.now, actor, r.Charter, r.Version)
			if err != nil {
				return err
			}
			if _, err := tx.appendRecord(ctx, rec); err != nil {
				return err
			}
		}
		body, err := json.Marshal(res)
		if err != nil {
			return err
		}
		var from any
		if inForce != "" {
			from = inForce
		}
		if _, err := tx.exec(ctx, `UPDATE referendums SET declared_at = ?, declared_log = ?, result = ?, in_force_from = ?, seq = seq + 1 WHERE id = ?`,
			micros(tx.now), idx, string(body), from, int64(id)); err != nil {
			return err
		}
		d = Declaration{Result: res, At: tx.now.UTC(), LogIndex: idx, InForceFrom: inForce}
		return nil
	})
	return d, err
}

// checkTotals compares the stored running totals with a recomputation.
func (t *Tx) checkTotals(ctx context.Context, id referendum.ID, tl *referendum.Tally) error {
	sums := tl.Recompute()
	rows, err := t.query(ctx, `SELECT level, num, `+fieldColList+`, precincts, covered FROM referendum_totals WHERE referendum_id = ?`, int64(id))
	if err != nil {
		return err
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var level string
		var a AreaTotals
		dest := []any{&level, &a.Num}
		for f := range referendum.NumFields {
			dest = append(dest, &a.Totals.Sum[f])
		}
		dest = append(dest, &a.Totals.Precincts, &a.Totals.Covered)
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		var want referendum.Totals
		switch {
		case level == "n":
			want = sums.Nation
		case level == "r" && a.Num < len(sums.Regions):
			want = sums.Regions[a.Num]
		case level == "d" && a.Num < len(sums.Districts):
			want = sums.Districts[a.Num]
		default:
			return atazan.Errorf(atazan.EInternal, "running totals of an unknown area %s %d", level, a.Num)
		}
		if want != a.Totals {
			return atazan.Errorf(atazan.EInternal, "running totals of area %s %d differ from the recomputation of the counted protocols", level, a.Num)
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if want := 1 + len(sums.Regions) + len(sums.Districts); seen != want {
		return atazan.Errorf(atazan.EInternal, "%d running totals stored, %d areas", seen, want)
	}
	return nil
}

// AuditTotals recomputes every total of a referendum from its counted
// protocols and compares it with the running totals; nil when they agree.
func (s *Store) AuditTotals(ctx context.Context, id referendum.ID) error {
	return s.view(ctx, func(tx *Tx) error {
		st, err := tx.structure(ctx, id)
		if err != nil {
			return err
		}
		tl := referendum.NewTally(st)
		if err := tx.loadCounted(ctx, id, tl); err != nil {
			return err
		}
		return tx.checkTotals(ctx, id, tl)
	})
}

// ReferendumLastLogIndex returns the index of the last record that changed
// a referendum's count (its creation, its structure, a protocol, the
// declaration): an auditor whose checkpoint is older treats a difference
// as pending.
func (s *Store) ReferendumLastLogIndex(ctx context.Context, id referendum.ID) (int64, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, s.rebind(`SELECT MAX(x) FROM (
		SELECT log_index AS x FROM referendums WHERE id = ?
		UNION ALL SELECT COALESCE(declared_log, -1) FROM referendums WHERE id = ?
		UNION ALL SELECT MAX(log_index) FROM referendum_precincts WHERE referendum_id = ?
		UNION ALL SELECT MAX(log_index) FROM referendum_protocols WHERE referendum_id = ?) AS t`),
		int64(id), int64(id), int64(id), int64(id)).Scan(&n)
	return n, err
}

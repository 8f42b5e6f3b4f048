package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"atazan"
	"atazan/identity"
	"atazan/ledger"
	"atazan/referendum"
)

// Referendum is a stored referendum: the rules' view of it and what the
// store knows besides.
type Referendum struct {
	referendum.Referendum
	CreatedAt time.Time
	LogIndex  int64 // the record of its creation
	Precincts int   // precincts in its territorial structure
	// Declared is the declared result; nil until the central commission declares it.
	Declared *Declaration
}

// Declaration is a declared result: frozen, logged.
type Declaration struct {
	Result      referendum.Result `json:"result"`
	At          time.Time         `json:"declared_at"`
	LogIndex    int64             `json:"log_index"`
	InForceFrom string            `json:"in_force_from,omitempty"` // YYYY-MM-DD; "" unless adopted with a date
}

// fieldCols are the columns of the protocol fields, in referendum.Field order.
var fieldCols = func() []string {
	c := make([]string, referendum.NumFields)
	for f := range referendum.NumFields {
		c[f] = "f_" + f.String()
	}
	return c
}()

var fieldColList = strings.Join(fieldCols, ", ")

// CreateReferendum creates a referendum on a charter version, binding the
// version's hash (r.VersionHash is taken from the version), with its rule
// set in canonical form, and appends its record.
func (s *Store) CreateReferendum(ctx context.Context, r referendum.Referendum, by identity.AccountID) (Referendum, error) {
	var out Referendum
	if r.Rules == "" {
		r.Rules = referendum.DefaultRules
	}
	err := s.update(ctx, func(tx *Tx) error {
		v, versionID, err := tx.version(ctx, r.Charter, r.Version)
		if err != nil {
			return err
		}
		r.VersionHash = v.Hash
		if err := r.CheckCreate(); err != nil {
			return err
		}
		rs, _ := r.RuleSet()
		r.Rules = rs.String()
		form := r.ProtocolForm()
		var exists int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM referendums WHERE slug = ?`, r.Slug).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			return &atazan.Error{Code: atazan.EConflict, Field: "slug", Message: fmt.Sprintf("a referendum %q already exists", r.Slug)}
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		q := map[string]string{}
		for _, l := range referendum.QuestionLangs {
			q[l] = strings.TrimSpace(r.Questions[l])
		}
		rec, err := ledger.ReferendumCreated{Questions: q, Charter: r.Charter, Version: r.Version, VersionHash: r.VersionHash,
			Date: r.Date.String(), Rules: r.Rules, Form: form.Names()}.Record(tx.now, actor, r.Slug)
		if err != nil {
			return err
		}
		idx, err := tx.appendRecord(ctx, rec)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO referendums (slug, version_id, version_hash, question_kk, question_ru, question_en,
			vote_date, rules, form, created_at, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			r.Slug, versionID, r.VersionHash, q["kk"], q["ru"], q["en"], r.Date.String(), r.Rules,
			strings.Join(form.Names(), ","), micros(tx.now), idx).Scan(&id); err != nil {
			return fmt.Errorf("create referendum: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO referendum_totals (referendum_id, level, num) VALUES (?, 'n', 0)`, id); err != nil {
			return err
		}
		out, err = tx.referendum(ctx, `r.id = ?`, id)
		return err
	})
	return out, err
}

// ReferendumByID returns a referendum, or an ENotFound error.
func (s *Store) ReferendumByID(ctx context.Context, id referendum.ID) (Referendum, error) {
	return s.referendumWhere(ctx, `r.id = ?`, int64(id))
}

// ReferendumBySlug returns a referendum by its slug, or an ENotFound error.
func (s *Store) ReferendumBySlug(ctx context.Context, slug string) (Referendum, error) {
	return s.referendumWhere(ctx, `r.slug = ?`, slug)
}

func (s *Store) referendumWhere(ctx context.Context, where string, arg any) (Referendum, error) {
	var out Referendum
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.referendum(ctx, where, arg)
		return err
	})
	return out, err
}

// Referendums lists the referendums, newest first.
func (s *Store) Referendums(ctx context.Context) ([]Referendum, error) {
	var out []Referendum
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT id FROM referendums ORDER BY id DESC`)
		if err != nil {
			return err
		}
		ids, err := scanInt64s(rows)
		if err != nil {
			return err
		}
		for _, id := range ids {
			r, err := tx.referendum(ctx, `r.id = ?`, id)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

func scanInt64s(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (t *Tx) referendum(ctx context.Context, where string, arg any) (Referendum, error) {
	var r Referendum
	var id, created int64
	var kk, ru, en, date, form string
	var declaredAt, declaredLog sql.NullInt64
	var result, inForce sql.NullString
	err := t.queryRow(ctx, `SELECT r.id, r.slug, c.slug, v.label, r.version_hash, r.question_kk, r.question_ru, r.question_en,
		r.vote_date, r.rules, r.form, r.created_at, r.log_index, r.declared_at, r.declared_log, r.result, r.in_force_from,
		(SELECT COALESCE(MAX(p.num) + 1, 0) FROM referendum_precincts p WHERE p.referendum_id = r.id)
		FROM referendums r JOIN versions v ON v.id = r.version_id JOIN charters c ON c.id = v.charter_id WHERE `+where, arg).
		Scan(&id, &r.Slug, &r.Charter, &r.Version, &r.VersionHash, &kk, &ru, &en, &date, &r.Rules, &form, &created, &r.LogIndex,
			&declaredAt, &declaredLog, &result, &inForce, &r.Precincts)
	if errors.Is(err, sql.ErrNoRows) {
		return r, &atazan.Error{Code: atazan.ENotFound, Field: "referendum", Message: fmt.Sprintf("referendum %v does not exist", arg)}
	}
	if err != nil {
		return r, fmt.Errorf("read referendum %v: %w", arg, err)
	}
	r.ID, r.CreatedAt = referendum.ID(id), fromMicros(created)
	r.Questions = map[string]string{"kk": kk, "ru": ru, "en": en}
	if r.Date, err = atazan.ParseDate(date); err != nil {
		return r, err
	}
	if r.Form, err = referendum.ParseForm(strings.Split(form, ",")); err != nil {
		return r, err
	}
	if declaredAt.Valid {
		d := &Declaration{At: fromMicros(declaredAt.Int64), LogIndex: declaredLog.Int64, InForceFrom: inForce.String}
		if err := json.Unmarshal([]byte(result.String), &d.Result); err != nil {
			return r, fmt.Errorf("referendum %d: stored result: %w", id, err)
		}
		r.Declared = d
	}
	return r, nil
}

// structures caches the territorial structure of each referendum, which
// only grows: an entry is good while the referendum has as many precincts.
type structures struct {
	mu sync.Mutex
	m  map[referendum.ID]*referendum.Structure
}

func (s *Store) structures() *structures {
	c := &s.refs
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[referendum.ID]*referendum.Structure{}
	}
	return c
}

// Structure returns a referendum's territorial structure, with region,
// district and precinct IDs equal to their numbers in the public log. The
// structure is shared: callers must not change it.
func (s *Store) Structure(ctx context.Context, id referendum.ID) (*referendum.Structure, error) {
	var n int
	if err := s.readStmt(ctx, `SELECT COALESCE(MAX(num) + 1, 0) FROM referendum_precincts WHERE referendum_id = ?`).QueryRowContext(ctx, int64(id)).Scan(&n); err != nil {
		return nil, err
	}
	c := s.structures()
	c.mu.Lock()
	st := c.m[id]
	c.mu.Unlock()
	if st != nil && len(st.Precincts) == n {
		return st, nil
	}
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		st, err = tx.structure(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.m[id] = st
	c.mu.Unlock()
	return st, nil
}

// structure reads a referendum's structure: precincts in number order,
// which adds regions and districts in their number order too.
func (t *Tx) structure(ctx context.Context, id referendum.ID) (*referendum.Structure, error) {
	rows, err := t.query(ctx, `SELECT r.code, r.abroad, d.code, p.code, p.registered FROM referendum_precincts p
		JOIN referendum_districts d ON d.referendum_id = p.referendum_id AND d.num = p.district_num
		JOIN referendum_regions r ON r.referendum_id = p.referendum_id AND r.num = p.region_num
		WHERE p.referendum_id = ? ORDER BY p.num`, int64(id))
	if err != nil {
		return nil, fmt.Errorf("read structure: %w", err)
	}
	defer rows.Close()
	st := referendum.NewStructure()
	for rows.Next() {
		var region, district, precinct string
		var abroad int
		var registered int64
		if err := rows.Scan(&region, &abroad, &district, &precinct, &registered); err != nil {
			return nil, err
		}
		if _, err := st.AddPrecinct(region, district, precinct, registered, abroad != 0); err != nil {
			return nil, fmt.Errorf("stored structure: %w", err)
		}
	}
	return st, rows.Err()
}

// ImportStructure adds the precincts of st (with their regions and
// districts) to a referendum's structure, in st's order, and logs them.
// A precinct already in the structure is an EConflict error; nothing is
// added then. It returns the first and last log index.
func (s *Store) ImportStructure(ctx context.Context, id referendum.ID, st *referendum.Structure, by identity.AccountID) (first, last int64, err error) {
	err = s.update(ctx, func(tx *Tx) error {
		r, err := tx.referendum(ctx, `r.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if r.Declared != nil {
			return atazan.Errorf(atazan.EConflict, "the result of referendum %s is declared: its structure changes no more", r.Slug)
		}
		cur, err := tx.structure(ctx, id)
		if err != nil {
			return err
		}
		n0 := len(cur.Precincts)
		for _, p := range st.Precincts {
			reg := st.Regions[p.Region]
			if _, err := cur.AddPrecinct(reg.Code, st.Districts[p.District].Code, p.Code, p.Registered, reg.Abroad); err != nil {
				return err
			}
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		first, last, err = tx.addStructure(ctx, r, cur, n0, actor)
		if err != nil {
			return err
		}
		tl := referendum.NewTally(cur)
		if err := tx.loadCounted(ctx, id, tl); err != nil {
			return err
		}
		return tx.writeTotals(ctx, id, tl)
	})
	return first, last, err
}

// addStructure writes the regions, districts and precincts of st that the
// database does not have yet (precincts from number n0 on) and their
// records; it returns the first and last index, -1 and -1 when nothing is new.
func (t *Tx) addStructure(ctx context.Context, r Referendum, st *referendum.Structure, n0 int, actor ledger.Actor) (first, last int64, err error) {
	first, last = -1, -1
	if len(st.Precincts) == n0 {
		return first, last, nil
	}
	var r0, d0 int
	if err := t.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM referendum_regions WHERE referendum_id = ?),
		(SELECT COUNT(*) FROM referendum_districts WHERE referendum_id = ?)`, int64(r.ID), int64(r.ID)).Scan(&r0, &d0); err != nil {
		return first, last, err
	}
	var args []any
	for i := r0; i < len(st.Regions); i++ {
		args = append(args, int64(r.ID), i, st.Regions[i].Code, boolInt(st.Regions[i].Abroad))
	}
	if err := t.insertRows(ctx, `INSERT INTO referendum_regions (referendum_id, num, code, abroad) VALUES `, 4, args); err != nil {
		return first, last, fmt.Errorf("add regions: %w", err)
	}
	args = args[:0]
	for i := d0; i < len(st.Districts); i++ {
		args = append(args, int64(r.ID), i, int(st.Districts[i].Region), st.Districts[i].Code)
	}
	if err := t.insertRows(ctx, `INSERT INTO referendum_districts (referendum_id, num, region_num, code) VALUES `, 4, args); err != nil {
		return first, last, fmt.Errorf("add districts: %w", err)
	}
	rows := make([]ledger.PrecinctRow, 0, len(st.Precincts)-n0)
	for _, p := range st.Precincts[n0:] {
		reg := st.Regions[p.Region]
		rows = append(rows, ledger.PrecinctRow{Region: reg.Code, District: st.Districts[p.District].Code,
			Code: p.Code, Registered: p.Registered, Abroad: reg.Abroad})
	}
	groups := ledger.GroupPrecincts(n0, rows)
	recs := make([]ledger.Record, len(groups))
	for i, g := range groups {
		if recs[i], err = g.Record(t.now, actor, r.Slug); err != nil {
			return first, last, err
		}
	}
	if first, err = t.appendRecords(ctx, recs); err != nil {
		return first, last, err
	}
	last = first + int64(len(recs)) - 1
	args = make([]any, 0, 7*len(rows))
	n := n0
	for i, g := range groups {
		for range g.Precincts {
			p := st.Precincts[n]
			args = append(args, int64(r.ID), n, int(p.District), int(p.Region), p.Code, p.Registered, first+int64(i))
			n++
		}
	}
	if err := t.insertRows(ctx, `INSERT INTO referendum_precincts (referendum_id, num, district_num, region_num, code, registered, log_index) VALUES `, 7, args); err != nil {
		return first, last, fmt.Errorf("add precincts: %w", err)
	}
	return first, last, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loadCounted applies the counted revision (the latest) of every precinct to tl.
func (t *Tx) loadCounted(ctx context.Context, id referendum.ID, tl *referendum.Tally) error {
	rows, err := t.query(ctx, `SELECT p.precinct_num, p.revision, p.reason, `+prefixed("p.", fieldCols)+`
		FROM referendum_protocols p JOIN (SELECT precinct_num, MAX(revision) AS revision FROM referendum_protocols
		WHERE referendum_id = ? GROUP BY precinct_num) m ON m.precinct_num = p.precinct_num AND m.revision = p.revision
		WHERE p.referendum_id = ?`, int64(id), int64(id))
	if err != nil {
		return fmt.Errorf("read protocols: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rev referendum.Revision
		if err := scanRevision(rows, &rev); err != nil {
			return err
		}
		if _, err := tl.Apply(rev); err != nil {
			return fmt.Errorf("stored protocol of precinct %d: %w", rev.Precinct, err)
		}
	}
	return rows.Err()
}

func prefixed(p string, cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = p + c
	}
	return strings.Join(out, ", ")
}

// scanRevision scans precinct_num, revision, reason and the field columns.
func scanRevision(rows interface{ Scan(...any) error }, rev *referendum.Revision) error {
	var num int64
	vals := make([]sql.NullInt64, referendum.NumFields)
	dest := []any{&num, &rev.Number, &rev.Reason}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	rev.Precinct = referendum.PrecinctID(num)
	rev.Protocol = referendum.Protocol{}
	for f := range referendum.NumFields {
		if vals[f].Valid {
			rev.Protocol.Set(f, vals[f].Int64)
		}
	}
	return nil
}

// writeTotals replaces the stored running totals with the tally's.
func (t *Tx) writeTotals(ctx context.Context, id referendum.ID, tl *referendum.Tally) error {
	if _, err := t.exec(ctx, `DELETE FROM referendum_totals WHERE referendum_id = ?`, int64(id)); err != nil {
		return err
	}
	sums := tl.Recompute()
	var args []any
	add := func(level string, num int, tot referendum.Totals) {
		args = append(args, int64(id), level, num)
		for _, v := range tot.Sum {
			args = append(args, v)
		}
		args = append(args, tot.Precincts, tot.Covered)
	}
	add("n", 0, sums.Nation)
	for i, r := range sums.Regions {
		add("r", i, r)
	}
	for i, d := range sums.Districts {
		add("d", i, d)
	}
	return t.insertRows(ctx, `INSERT INTO referendum_totals (referendum_id, level, num, `+fieldColList+`, precincts, covered) VALUES `,
		5+int(referendum.NumFields), args)
}

// bumpSeq marks a change of a referendum not yet declared; with seq ≥ 0 it
// also checks that nothing changed since the caller read seq.
func (t *Tx) bumpSeq(ctx context.Context, r Referendum, seq int64) error {
	q := `UPDATE referendums SET seq = seq + 1 WHERE id = ? AND declared_at IS NULL`
	args := []any{int64(r.ID)}
	if seq >= 0 {
		q += ` AND seq = ?`
		args = append(args, seq)
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if seq >= 0 {
			return atazan.Errorf(atazan.EConflict, "referendum %s changed while the file was read, or its result was declared; run the import again", r.Slug)
		}
		return atazan.Errorf(atazan.EConflict, "the result of referendum %s is declared: no protocol is accepted after it", r.Slug)
	}
	return nil
}

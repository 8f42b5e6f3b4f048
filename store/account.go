package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"atazan"
	"atazan/identity"
	"atazan/ledger"
)

// NewAccount is an account to create: fields already validated and hashed
// by the identity package. Neither the clear national ID number nor the
// password reaches the store.
type NewAccount struct {
	Name         string
	Email        string // normalized
	IINHash      string // identity.HashIIN; "" for staff accounts made without one
	Region       string // region code
	PasswordHash string // identity.HashPassword
	Verification string // "self-declared", "verified"
	Roles        []identity.Role
	// By is the account that creates this one (an administrator), or 0 for
	// self-registration and the command line.
	By identity.AccountID
}

// CreateAccount stores an account and appends its public records: the
// account's creation (pseudonymous: region and verification level only) and,
// when it has roles beyond citizen, the roles. An e-mail address or a national
// ID number already in use is an EConflict naming the field.
func (s *Store) CreateAccount(ctx context.Context, a NewAccount) (identity.Account, int64, error) {
	var out identity.Account
	var logIndex int64
	err := s.update(ctx, func(tx *Tx) error {
		var iin any
		if a.IINHash != "" {
			iin = a.IINHash
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM accounts WHERE iin_hash = ?`, a.IINHash).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return &atazan.Error{Code: atazan.EConflict, Field: "iin", Message: "an account with this national identification number already exists"}
			}
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM accounts WHERE email = ?`, a.Email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &atazan.Error{Code: atazan.EConflict, Field: "email", Message: "an account with this e-mail address already exists"}
		}
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO accounts (name, email, iin_hash, region, password_hash, verification, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.Name, a.Email, iin, a.Region, a.PasswordHash, a.Verification, micros(tx.now)).Scan(&id); err != nil {
			// Two registrations racing past the checks above meet the unique indexes.
			if isUnique(err) && strings.Contains(err.Error(), "iin") {
				return &atazan.Error{Code: atazan.EConflict, Field: "iin", Message: "an account with this national identification number already exists"}
			}
			if isUnique(err) {
				return &atazan.Error{Code: atazan.EConflict, Field: "email", Message: "an account with this e-mail address already exists"}
			}
			return fmt.Errorf("create account: %w", err)
		}
		who, err := tx.actor(ctx, fmt.Sprint(id))
		if err != nil {
			return err
		}
		rec, err := ledger.AccountCreated{Region: a.Region, Verification: a.Verification}.Record(tx.now, who)
		if err != nil {
			return err
		}
		if logIndex, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		roles := a.Roles
		if len(roles) == 0 {
			roles = []identity.Role{identity.RoleCitizen}
		}
		if !slices.Equal(roles, []identity.Role{identity.RoleCitizen}) {
			if logIndex, err = tx.setRoles(ctx, identity.AccountID(id), roles, a.By); err != nil {
				return err
			}
		} else if err := tx.writeRoles(ctx, identity.AccountID(id), roles); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET log_index = ? WHERE id = ?`, logIndex, id); err != nil {
			return err
		}
		out, err = tx.account(ctx, `a.id = ?`, id)
		return err
	})
	return out, logIndex, err
}

// writeRoles replaces an account's roles in the database.
func (t *Tx) writeRoles(ctx context.Context, id identity.AccountID, roles []identity.Role) error {
	if _, err := t.exec(ctx, `DELETE FROM account_roles WHERE account_id = ?`, int64(id)); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := t.exec(ctx, `INSERT INTO account_roles (account_id, role) VALUES (?, ?)`, int64(id), string(r)); err != nil {
			return err
		}
	}
	return nil
}

// setRoles replaces an account's roles and appends the public record.
func (t *Tx) setRoles(ctx context.Context, id identity.AccountID, roles []identity.Role, by identity.AccountID) (int64, error) {
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		names = append(names, string(r))
	}
	slices.Sort(names)
	names = slices.Compact(names)
	sorted := make([]identity.Role, len(names))
	for i, n := range names {
		sorted[i] = identity.Role(n)
	}
	if err := t.writeRoles(ctx, id, sorted); err != nil {
		return 0, err
	}
	who, err := t.actor(ctx, fmt.Sprint(int64(id)))
	if err != nil {
		return 0, err
	}
	actor, err := t.accountActor(ctx, by)
	if err != nil {
		return 0, err
	}
	rec, err := ledger.AccountRoles{Roles: names}.Record(t.now, actor, who)
	if err != nil {
		return 0, err
	}
	return t.appendRecord(ctx, rec)
}

// accountActor is the public name of an acting account: its pseudonym, or
// the operator for 0 (the command line).
func (t *Tx) accountActor(ctx context.Context, id identity.AccountID) (ledger.Actor, error) {
	if id == 0 {
		return ledger.Operator, nil
	}
	return t.actor(ctx, fmt.Sprint(int64(id)))
}

// SetRoles replaces an account's roles (administrators; by = 0 for the command line).
func (s *Store) SetRoles(ctx context.Context, id identity.AccountID, roles []identity.Role, by identity.AccountID) (int64, error) {
	var idx int64
	err := s.update(ctx, func(tx *Tx) error {
		if _, err := tx.account(ctx, `a.id = ?`, int64(id)); err != nil {
			return err
		}
		var err error
		idx, err = tx.setRoles(ctx, id, roles, by)
		if err == nil {
			_, err = tx.exec(ctx, `UPDATE accounts SET log_index = ? WHERE id = ?`, idx, int64(id))
		}
		return err
	})
	return idx, err
}

// DisableAccount disables an account and ends its sessions.
func (s *Store) DisableAccount(ctx context.Context, id identity.AccountID, by identity.AccountID) (int64, error) {
	var idx int64
	err := s.update(ctx, func(tx *Tx) error {
		a, err := tx.account(ctx, `a.id = ?`, int64(id))
		if err != nil {
			return err
		}
		if a.Disabled {
			return atazan.Errorf(atazan.EConflict, "account %d is already disabled", id)
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET disabled = 1 WHERE id = ?`, int64(id)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE account_id = ?`, int64(id)); err != nil {
			return err
		}
		who, err := tx.actor(ctx, fmt.Sprint(int64(id)))
		if err != nil {
			return err
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		rec, err := ledger.NewRecord(ledger.KindAccountDisabled, tx.now, actor, map[string]string{"account": string(who)}, ledger.Empty{})
		if err != nil {
			return err
		}
		if idx, err = tx.appendRecord(ctx, rec); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE accounts SET log_index = ? WHERE id = ?`, idx, int64(id))
		return err
	})
	return idx, err
}

// Account returns an account by ID.
func (s *Store) Account(ctx context.Context, id identity.AccountID) (identity.Account, error) {
	var out identity.Account
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.account(ctx, `a.id = ?`, int64(id))
		return err
	})
	return out, err
}

// Credentials returns the account with the e-mail address and its password
// hash, for signing in. An unknown address is ENotFound.
func (s *Store) Credentials(ctx context.Context, email string) (identity.Account, string, error) {
	var out identity.Account
	var hash string
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		if out, err = tx.account(ctx, `a.email = ?`, email); err != nil {
			return err
		}
		return tx.queryRow(ctx, `SELECT password_hash FROM accounts WHERE id = ?`, int64(out.ID)).Scan(&hash)
	})
	return out, hash, err
}

// SetPassword replaces an account's password hash and ends its other
// sessions. Passwords are private: nothing is logged.
func (s *Store) SetPassword(ctx context.Context, id identity.AccountID, hash, keepSession string) error {
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE accounts SET password_hash = ? WHERE id = ?`, hash, int64(id)); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?`, int64(id), keepSession)
		return err
	})
}

func (t *Tx) account(ctx context.Context, where string, args ...any) (identity.Account, error) {
	var a identity.Account
	var id, created int64
	var disabled int
	err := t.queryRow(ctx, `SELECT a.id, a.name, a.email, a.region, a.verification, a.disabled, a.created_at
		FROM accounts a WHERE `+where, args...).Scan(&id, &a.Name, &a.Email, &a.Region, &a.Verification, &disabled, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return a, atazan.Errorf(atazan.ENotFound, "no such account")
	}
	if err != nil {
		return a, fmt.Errorf("read account: %w", err)
	}
	a.ID, a.Disabled, a.CreatedAt = identity.AccountID(id), disabled != 0, fromMicros(created)
	rows, err := t.query(ctx, `SELECT role FROM account_roles WHERE account_id = ? ORDER BY role`, id)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return a, err
		}
		a.Roles = append(a.Roles, identity.Role(r))
	}
	return a, rows.Err()
}

// CreateSession stores a session or API token by the hash of its token.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, id identity.AccountID, kind string, expires time.Time) error {
	return s.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO sessions (token_hash, account_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			tokenHash, int64(id), kind, micros(tx.now), micros(expires))
		return err
	})
}

// SessionAccount returns the enabled account of an unexpired session or
// token of the kind; anything else is EUnauthorized.
func (s *Store) SessionAccount(ctx context.Context, tokenHash, kind string) (identity.Account, error) {
	// Every request with a session or token asks this: one prepared query
	// for the session and its account, one for the roles, no transaction
	// (an account's rows change together, in one transaction, when they do).
	var a identity.Account
	var id, expires, created int64
	var disabled int
	err := s.readStmt(ctx, `SELECT s.account_id, s.expires_at, a.name, a.email, a.region, a.verification, a.disabled, a.created_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ? AND s.kind = ?`).
		QueryRowContext(ctx, tokenHash, kind).Scan(&id, &expires, &a.Name, &a.Email, &a.Region, &a.Verification, &disabled, &created)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && fromMicros(expires).Before(s.Now())) {
		return a, atazan.Errorf(atazan.EUnauthorized, "the session has ended: sign in again")
	}
	if err != nil {
		return a, fmt.Errorf("read session: %w", err)
	}
	a.ID, a.Disabled, a.CreatedAt = identity.AccountID(id), disabled != 0, fromMicros(created)
	if a.Disabled {
		return a, atazan.Errorf(atazan.EUnauthorized, "this account is disabled")
	}
	rows, err := s.readStmt(ctx, `SELECT role FROM account_roles WHERE account_id = ? ORDER BY role`).QueryContext(ctx, id)
	if err != nil {
		return a, fmt.Errorf("read roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return a, err
		}
		a.Roles = append(a.Roles, identity.Role(r))
	}
	return a, rows.Err()
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}

// isUnique reports whether err is a unique-constraint violation in either dialect.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "UNIQUE constraint failed") || strings.Contains(m, "SQLSTATE 23505")
}

// iinKeySecret names the secret that keys the hashes of national ID numbers.
const iinKeySecret = "iin-hash-key"

// IINKey returns the server secret that keys national ID number hashes,
// making it the first time it is asked for. It lives in the database so that
// every process (server, command line) hashes alike; losing it would only
// break the uniqueness check of future registrations against past ones.
func (s *Store) IINKey(ctx context.Context) ([]byte, error) {
	if v, ok, err := s.LookupSecret(ctx, iinKeySecret); err != nil || ok {
		return v, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return s.SetSecretOnce(ctx, iinKeySecret, b)
}

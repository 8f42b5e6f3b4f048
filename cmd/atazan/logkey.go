package main

import (
	"atazan"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"atazan/ledger"
	"atazan/store"
)

// storeFlags are the flags of every command that touches data.
type storeFlags struct {
	db, dataDir, logKey, origin string
	// verifyOnly commands (log key, log verify) need only the verifier key,
	// which the database keeps: they run even when the key file is missing.
	verifyOnly bool
}

const defaultOrigin = "atazan.local/log"

// dbFlags adds --db, --data-dir, --log-key and --log-origin to fs.
func dbFlags(fs *flag.FlagSet) *storeFlags {
	f := &storeFlags{}
	fs.StringVar(&f.db, "db", store.DefaultDSN, "database: sqlite:PATH or postgres://…")
	fs.StringVar(&f.dataDir, "data-dir", "", "directory of the log signing key (default: the SQLite file's directory, or ./atazan-data with PostgreSQL)")
	fs.StringVar(&f.logKey, "log-key", "", "file holding the log signing key (default: DATA-DIR/log.key)")
	fs.StringVar(&f.origin, "log-origin", defaultOrigin, "the log's origin name, fixed when the signing key is made")
	return f
}

// verifierSecret names the database secret that remembers the log's verifier
// key, so that a lost or swapped signing key file is noticed, never replaced silently.
const verifierSecret = "log-verifier-key"

// open opens the store and makes sure the log signing key exists: it is made
// the first time any command opens a database that has none.
func (f *storeFlags) open(ctx context.Context, m *Main) (*store.Store, *logKey, error) {
	s, err := store.Open(ctx, f.db)
	if err != nil {
		return nil, nil, err
	}
	k, err := f.ensureKey(ctx, m, s)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, k, nil
}

// openStore opens the store for commands that do not sign.
func (f *storeFlags) openStore(ctx context.Context, m *Main) (*store.Store, error) {
	s, _, err := f.open(ctx, m)
	return s, err
}

// logKey is the log's signing key and its verifier key.
type logKey struct {
	path       string
	skey, vkey string
	origin     string
}

func (f *storeFlags) keyPath(s *store.Store) string {
	if f.logKey != "" {
		return f.logKey
	}
	dir := f.dataDir
	if dir == "" {
		if s.Path() != "" {
			dir = filepath.Dir(s.Path())
		} else {
			dir = "atazan-data"
		}
	}
	return filepath.Join(dir, "log.key")
}

func (f *storeFlags) ensureKey(ctx context.Context, m *Main, s *store.Store) (*logKey, error) {
	path := f.keyPath(s)
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		k, err := parseSignerKey(strings.TrimSpace(string(data)))
		if err != nil {
			return nil, atazan.Errorf(atazan.EInvalid, "log key %s: %v", path, err)
		}
		k.path = path
		stored, err := s.SetSecretOnce(ctx, verifierSecret, []byte(k.vkey))
		if err != nil {
			return nil, err
		}
		if string(stored) != k.vkey {
			return nil, atazan.Errorf(atazan.EConflict, "log key %s does not belong to this database: its verifier key is %s, the database's is %s", path, k.vkey, stored)
		}
		if f.origin != defaultOrigin && f.origin != k.origin {
			fmt.Fprintf(m.Stderr, "note: --log-origin %s is ignored: the log's origin was fixed as %s when its key was made\n", f.origin, k.origin)
		}
		return k, nil
	case errors.Is(err, fs.ErrNotExist):
		stored, ok, err := s.LookupSecret(ctx, verifierSecret)
		if err != nil {
			return nil, err
		}
		if ok && f.verifyOnly {
			fmt.Fprintf(m.Stderr, "warning: the log signing key is missing from %s: restore it from backup before serving\n", path)
			name, _, _ := strings.Cut(string(stored), "+")
			return &logKey{vkey: string(stored), origin: name}, nil
		}
		if f.logKey != "" {
			return nil, atazan.Errorf(atazan.ENotFound, "log key %s does not exist", path)
		}
		if ok {
			return nil, atazan.Errorf(atazan.ENotFound, "the log signing key of this database is missing from %s (verifier key %s): restore it from backup, or pass --log-key FILE", path, stored)
		}
		skey, vkey, err := ledger.GenerateKey(f.origin)
		if err != nil {
			return nil, fmt.Errorf("make log key: %w", err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, err
		}
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("make log key: %w", err)
		}
		if _, err := file.WriteString(skey + "\n"); err != nil {
			file.Close()
			return nil, err
		}
		if err := file.Sync(); err != nil {
			file.Close()
			return nil, err
		}
		if err := file.Close(); err != nil {
			return nil, err
		}
		if stored, err := s.SetSecretOnce(ctx, verifierSecret, []byte(vkey)); err != nil {
			return nil, err
		} else if string(stored) != vkey {
			return nil, fmt.Errorf("another process made a different log key for this database at the same time (%s)", stored)
		}
		fmt.Fprintf(m.Stderr, "made the log signing key %s (origin %s); back it up: without it no new checkpoint can be signed\n", path, f.origin)
		return &logKey{path: path, skey: skey, vkey: vkey, origin: f.origin}, nil
	default:
		return nil, fmt.Errorf("log key: %w", err)
	}
}

// parseSignerKey reads a signed-note Ed25519 signer key
// ("PRIVATE+KEY+<name>+<hash>+<base64 of 0x01 || seed>") and derives its verifier key.
func parseSignerKey(skey string) (*logKey, error) {
	if _, err := note.NewSigner(skey); err != nil {
		return nil, fmt.Errorf("not a signing key: %w", err)
	}
	parts := strings.SplitN(skey, "+", 5)
	if len(parts) != 5 {
		return nil, errors.New("not a signing key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != 1 {
		return nil, errors.New("not an Ed25519 signing key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(parts[2], pub)
	if err != nil {
		return nil, err
	}
	return &logKey{skey: skey, vkey: vkey, origin: parts[2]}, nil
}

package ledger

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// TreeSource is where a Checkpointer reads the log's tree and keeps the
// checkpoints it signs: the platform's database.
type TreeSource interface {
	// LogTree returns the size and root hash of the log as stored now.
	LogTree(ctx context.Context) (tlog.Tree, error)
	// LatestCheckpoint returns the signed checkpoint of the largest size,
	// or an error when none was signed yet.
	LatestCheckpoint(ctx context.Context) ([]byte, error)
	// SaveCheckpoint stores a signed checkpoint.
	SaveCheckpoint(ctx context.Context, size int64, note []byte) error
}

// Checkpointer signs a checkpoint over whatever the log holds whenever it has
// grown, whoever appended the records (the server or another process, such as
// a command-line import): at most Every after records appear.
type Checkpointer struct {
	Source    TreeSource
	SignerKey string        // the signed-note signing key; its name is the log's origin
	Every     time.Duration // how often to look for new records; 1 s by default
	Logger    *slog.Logger

	known  bool  // whether signed holds the size of a checkpoint signed or found
	signed int64 // size of the latest checkpoint
}

// SignIfGrown signs and saves a checkpoint when the log holds more records
// than the latest checkpoint covers (or when there is none yet, even for an
// empty log), and reports whether it signed.
func (c *Checkpointer) SignIfGrown(ctx context.Context) (Checkpoint, bool, error) {
	tree, err := c.Source.LogTree(ctx)
	if err != nil {
		return Checkpoint{}, false, err
	}
	if !c.known {
		if msg, err := c.Source.LatestCheckpoint(ctx); err == nil {
			if cp, err := ParseCheckpoint(checkpointBody(msg)); err == nil {
				c.known, c.signed = true, cp.Size
			}
		}
	}
	if c.known && tree.N < c.signed {
		// The database holds fewer records than were signed: it was restored
		// from an older backup. Signing the shorter tree would show every
		// auditor a rollback; refuse and say so.
		return Checkpoint{}, false, fmt.Errorf("the log holds %d records but a checkpoint of %d was signed: the database was rolled back; restore the newer data", tree.N, c.signed)
	}
	if c.known && tree.N == c.signed {
		return Checkpoint{}, false, nil
	}
	signer, err := note.NewSigner(c.SignerKey)
	if err != nil {
		return Checkpoint{}, false, fmt.Errorf("log signing key: %w", err)
	}
	cp := Checkpoint{Origin: signer.Name(), Size: tree.N, Hash: tree.Hash}
	msg, err := SignCheckpoint(cp, c.SignerKey)
	if err != nil {
		return Checkpoint{}, false, err
	}
	if err := c.Source.SaveCheckpoint(ctx, cp.Size, msg); err != nil {
		return Checkpoint{}, false, fmt.Errorf("save checkpoint %d: %w", cp.Size, err)
	}
	c.known, c.signed = true, cp.Size
	return cp, true, nil
}

// Run signs checkpoints until ctx is cancelled.
func (c *Checkpointer) Run(ctx context.Context) {
	every := c.Every
	if every <= 0 {
		every = time.Second
	}
	log := c.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if cp, ok, err := c.SignIfGrown(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Error("sign checkpoint", "err", err)
		} else if ok {
			log.Info("signed checkpoint", "size", cp.Size, "root", cp.Hash.String())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// checkpointBody returns the text of a signed note before its signatures.
func checkpointBody(msg []byte) []byte {
	for i := 0; i+1 < len(msg); i++ {
		if msg[i] == '\n' && msg[i+1] == '\n' {
			return msg[:i+1]
		}
	}
	return msg
}

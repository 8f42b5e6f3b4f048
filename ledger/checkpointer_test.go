package ledger

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

type memSource struct {
	tree  tlog.Tree
	notes map[int64][]byte
	best  int64
}

func (m *memSource) LogTree(context.Context) (tlog.Tree, error) { return m.tree, nil }
func (m *memSource) LatestCheckpoint(context.Context) ([]byte, error) {
	if len(m.notes) == 0 {
		return nil, errors.New("none")
	}
	return m.notes[m.best], nil
}
func (m *memSource) SaveCheckpoint(_ context.Context, size int64, note []byte) error {
	if m.notes == nil {
		m.notes = map[int64][]byte{}
	}
	m.notes[size] = note
	m.best = max(m.best, size)
	return nil
}

// The checkpointer signs an empty log once, then only when the log grows,
// resumes from a saved checkpoint after a restart, and refuses to sign a log
// that shrank (a database restored from an older backup).
func TestCheckpointer(t *testing.T) {
	src := &memSource{}
	c := &Checkpointer{Source: src, SignerKey: testSKey}
	ctx := context.Background()
	if cp, ok, err := c.SignIfGrown(ctx); err != nil || !ok || cp.Size != 0 {
		t.Fatalf("empty log: %+v %v %v", cp, ok, err)
	}
	if _, ok, _ := c.SignIfGrown(ctx); ok {
		t.Errorf("signed again without growth")
	}
	src.tree = tlog.Tree{N: 5, Hash: tlog.Hash{1}}
	if cp, ok, err := c.SignIfGrown(ctx); err != nil || !ok || cp.Size != 5 {
		t.Fatalf("grown log: %+v %v %v", cp, ok, err)
	}
	if _, err := OpenCheckpoint(src.notes[5], testVKey); err != nil {
		t.Errorf("saved checkpoint does not verify: %v", err)
	}
	restarted := &Checkpointer{Source: src, SignerKey: testSKey}
	if _, ok, err := restarted.SignIfGrown(ctx); ok || err != nil {
		t.Errorf("a restarted checkpointer re-signed an unchanged log: %v %v", ok, err)
	}
	src.tree = tlog.Tree{N: 3, Hash: tlog.Hash{2}}
	if _, ok, err := restarted.SignIfGrown(ctx); ok || err == nil || !strings.Contains(err.Error(), "rolled back") {
		t.Errorf("a shrunken log: signed %v, %v", ok, err)
	}
}

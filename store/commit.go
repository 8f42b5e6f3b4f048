package store

import (
	"context"
	"errors"
	"fmt"
)

// Group commit for SQLite.
//
// SQLite has one writer, and with synchronous=FULL every commit waits for the
// disk. When many requests change state at once (citizens submitting
// proposals), the writer takes the changes that are waiting, runs each in its
// own savepoint of one transaction, and commits them together: one wait for
// the disk instead of one per change. A change whose function fails is
// rolled back to its savepoint and fails alone; the others commit. Every
// change is acknowledged only after the commit that holds it is durable, so
// an acknowledged write survives a crash exactly as without batching.

// maxGroup bounds the changes committed together.
const maxGroup = 256

type change struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
}

// groupWriter is the single writer goroutine of an SQLite store.
type groupWriter struct {
	queue chan change
	stop  chan struct{}
	quit  chan struct{}
}

func (s *Store) startGroupWriter() {
	g := &groupWriter{queue: make(chan change, 1024), stop: make(chan struct{}), quit: make(chan struct{})}
	s.group = g
	go func() {
		defer close(g.quit)
		for {
			var first change
			select {
			case first = <-g.queue:
			case <-g.stop:
				return
			}
			batch := []change{first}
		drain:
			for len(batch) < maxGroup {
				select {
				case c := <-g.queue:
					batch = append(batch, c)
				default:
					break drain
				}
			}
			s.commitGroup(batch)
		}
	}()
}

func (g *groupWriter) close() {
	close(g.stop)
	<-g.quit
}

// commitGroup runs a batch of changes in one transaction, each in a savepoint.
func (s *Store) commitGroup(batch []change) {
	results := make([]error, len(batch))
	tx, err := s.write.BeginTx(context.Background(), nil)
	if err != nil {
		for _, c := range batch {
			c.done <- fmt.Errorf("begin transaction: %w", err)
		}
		return
	}
	ctx := context.Background()
	var touched []unitKey // of the changes that committed, if the commit fails
	for i, c := range batch {
		if err := c.ctx.Err(); err != nil {
			results[i] = err // the caller gave up before its turn: nothing done
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT change`); err != nil {
			results[i] = fmt.Errorf("savepoint: %w", err)
			continue
		}
		t := &Tx{s: s, tx: tx, now: s.Now(), write: true}
		if err := c.fn(t); err != nil {
			results[i] = err
			s.live.drop(t.touched)
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO change`); rerr != nil {
				// The transaction is unusable: fail the whole group.
				tx.Rollback()
				s.live.drop(touched)
				for j, c := range batch {
					if results[j] == nil || j == i {
						results[j] = errors.Join(results[j], fmt.Errorf("rollback to savepoint: %w", rerr))
					}
					c.done <- results[j]
				}
				return
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE change`); err != nil && results[i] == nil {
			results[i] = fmt.Errorf("release savepoint: %w", err)
		}
		if results[i] == nil {
			touched = append(touched, t.touched...)
		} else {
			s.live.drop(t.touched)
		}
	}
	if err := tx.Commit(); err != nil {
		s.live.drop(touched)
		for i := range results {
			if results[i] == nil {
				results[i] = fmt.Errorf("commit: %w", err)
			}
		}
	}
	for i, c := range batch {
		c.done <- results[i]
	}
}

package web

import (
	"context"
	"sync"
)

// meetingHub broadcasts each meeting's live state to its viewers.
//
// Every event is the meeting's whole state (a snapshot, encoded once as a
// server-sent event), so a viewer never needs an older event than the
// latest: the hub keeps only the latest per meeting, with a sequence number,
// and a channel that is closed when a newer one arrives. Publishing costs
// one encoding and one close whatever the number of viewers; each viewer's
// goroutine wakes, takes the latest snapshot and writes it. A slow viewer
// skips the snapshots it was too slow for and gets the newest: nobody's
// connection holds up anyone else's, and memory does not grow with viewers.
type meetingHub struct {
	mu       sync.Mutex
	meetings map[int64]*liveMeeting
}

type liveMeeting struct {
	seq     uint64
	data    []byte        // the latest event, ready to write
	changed chan struct{} // closed when a newer event replaces data
	viewers int
}

func newMeetingHub() *meetingHub { return &meetingHub{meetings: map[int64]*liveMeeting{}} }

func (h *meetingHub) get(id int64) *liveMeeting {
	m := h.meetings[id]
	if m == nil {
		m = &liveMeeting{changed: make(chan struct{})}
		h.meetings[id] = m
	}
	return m
}

// publish makes data, the meeting's state after its seq-th change, its
// latest event and wakes its viewers; an event older than the latest (two
// requests finishing out of order) is dropped.
func (h *meetingHub) publish(id int64, seq uint64, data []byte) {
	h.mu.Lock()
	m := h.get(id)
	if seq <= m.seq {
		h.mu.Unlock()
		return
	}
	m.seq = seq
	m.data = data
	close(m.changed)
	m.changed = make(chan struct{})
	h.mu.Unlock()
}

// latest returns the meeting's latest event after seq, if any, and the
// channel that is closed when a newer one arrives.
func (h *meetingHub) latest(id int64, seq uint64) (data []byte, newSeq uint64, changed <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m := h.get(id)
	if m.seq > seq {
		return m.data, m.seq, m.changed
	}
	return nil, seq, m.changed
}

// watch registers a viewer until ctx ends, and returns the number watching.
func (h *meetingHub) watch(ctx context.Context, id int64) int {
	h.mu.Lock()
	m := h.get(id)
	m.viewers++
	n := m.viewers
	h.mu.Unlock()
	context.AfterFunc(ctx, func() {
		h.mu.Lock()
		m.viewers--
		h.mu.Unlock()
	})
	return n
}

// viewers returns the number of viewers of a meeting.
func (h *meetingHub) viewers(id int64) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if m := h.meetings[id]; m != nil {
		return m.viewers
	}
	return 0
}

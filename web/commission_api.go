package web

import (
	"atazan/commission"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"atazan"
	"atazan/amend"
	"atazan/charter"
	"atazan/identity"
	"atazan/store"
)

// liveEvent is what the live meeting page receives on every change: the
// meeting's whole state, the amendment of the open item and its redline
// against the working draft.
type liveEvent struct {
	Meeting   store.MeetingView `json:"meeting"`           // in broadcast events without its roster: Members is null
	Present   []int64           `json:"present,omitempty"` // broadcast events: the accounts present now
	Amendment *amendmentBrief   `json:"amendment"`
	Redline   []charter.Change  `json:"redline"`
	Viewers   int               `json:"viewers"`
}

type amendmentBrief struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
}

// actionRights names the permission (identity's one table) each meeting
// action needs; the meeting's own rules (who presides, who is present) are
// the store's, through the commission package.
var actionRights = map[string]identity.Action{
	store.ActArrive: identity.ActVote, store.ActLeave: identity.ActVote, store.ActVote: identity.ActVote,
	store.ActAddItem: identity.ActVote,
	store.ActOpen:    identity.ActManageMeeting, store.ActClose: identity.ActManageMeeting,
	store.ActOpenItem: identity.ActManageMeeting, store.ActCloseItem: identity.ActManageMeeting,
	store.ActOpenVote: identity.ActManageMeeting, store.ActCloseVote: identity.ActManageMeeting,
}

// act authorizes and does a meeting action, then broadcasts the new state.
func (s *Server) act(r *http.Request, id int64, a store.MeetingAction) (store.MeetingView, error) {
	right, ok := actionRights[a.Kind]
	if !ok {
		return store.MeetingView{}, atazan.FieldErrorf("action", "unknown action %q: want arrive, leave, open, close, add_item, open_item, close_item, open_vote, vote or close_vote", a.Kind)
	}
	acc, err := s.authorize(r, right)
	if err != nil {
		return store.MeetingView{}, err
	}
	v, err := s.commission.Act(r.Context(), id, a, acc.ID)
	if err != nil {
		return v, err
	}
	s.broadcast(r, v)
	return v, nil
}

// broadcast sends the meeting's state to its live viewers. The roster of
// members (names and positions) does not change during a meeting and came
// with each viewer's first event, so a broadcast event leaves it out and
// names the members present instead: a tenth of the bytes, ten thousand
// times over.
func (s *Server) broadcast(r *http.Request, v store.MeetingView) {
	ev := s.liveEvent(r, v)
	ev.Present = []int64{}
	for _, m := range v.Members {
		if m.Present {
			ev.Present = append(ev.Present, int64(m.Account))
		}
	}
	ev.Meeting.Members = nil
	data, err := json.Marshal(ev)
	if err != nil {
		s.log.Error("encode meeting event", "meeting", v.ID, "err", err)
		return
	}
	s.hub.publish(v.ID, uint64(v.Events)+1, sseMessage(v.Events, data))
}

func sseMessage(id int, data []byte) []byte {
	b := make([]byte, 0, len(data)+40)
	b = append(b, "event: meeting\nid: "...)
	b = strconv.AppendInt(b, int64(id), 10)
	b = append(b, "\ndata: "...)
	b = append(b, data...)
	return append(b, "\n\n"...)
}

// liveEvent adds the open item's amendment and its redline to a meeting's state.
func (s *Server) liveEvent(r *http.Request, v store.MeetingView) liveEvent {
	ev := liveEvent{Meeting: v, Redline: []charter.Change{}, Viewers: s.hub.viewers(v.ID)}
	if v.CurrentItem < 0 || v.Agenda[v.CurrentItem].Amendment == 0 {
		return ev
	}
	a, err := s.commission.Amendment(r.Context(), v.Agenda[v.CurrentItem].Amendment)
	if err != nil {
		return ev
	}
	ev.Amendment = &amendmentBrief{ID: a.ID, Title: a.Title, Status: a.Status}
	if a.Status == store.AmendmentAdopted {
		return ev
	}
	draft, err := s.commission.WorkingDraft(r.Context(), v.Commission)
	if err != nil {
		return ev
	}
	if ch, err := amend.Preview(draft, a.Body); err == nil {
		ev.Redline = ch
	}
	return ev
}

// apiMeetingEvents: GET /api/v1/meetings/{id}/events, the live state as
// server-sent events: the current state at once, then every change.
func (s *Server) apiMeetingEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "meeting")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.commission.Meeting(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's WriteTimeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	ctx := r.Context()
	s.hub.watch(ctx, id)
	// The state now; then whatever the hub has that is newer.
	first, _ := json.Marshal(s.liveEvent(r, v))
	seq := uint64(v.Events) + 1
	w.Write([]byte("retry: 2000\n"))
	w.Write(sseMessage(v.Events, first))
	if rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		data, next, changed := s.hub.latest(id, seq)
		if data != nil {
			seq = next
			if _, err := w.Write(data); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-changed:
		case <-ping.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// apiCommissions: GET /api/v1/commissions.
func (s *Server) apiCommissions(w http.ResponseWriter, r *http.Request) {
	cs, err := s.commission.Commissions(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if cs == nil {
		cs = []store.Commission{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"commissions": cs})
}

// apiCommission: GET /api/v1/commissions/{slug}, with members, amendments
// (each with its conflicts on the agenda) and meetings.
func (s *Server) apiCommission(w http.ResponseWriter, r *http.Request) {
	d, err := s.commissionData(r, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// commissionData is a commission with everything its page shows.
type commissionData struct {
	Commission store.Commission    `json:"commission"`
	Members    []store.Member      `json:"members"`
	Amendments []store.Amendment   `json:"amendments"`
	Conflicts  []conflictJSON      `json:"conflicts"` // between the amendments waiting for their vote
	Meetings   []store.MeetingView `json:"meetings"`
}

type conflictJSON struct {
	A, B int64 // amendment IDs
	amend.Conflict
}

func (c conflictJSON) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		A      int64  `json:"a"`
		B      int64  `json:"b"`
		Kind   string `json:"kind"`
		Unit   string `json:"unit"`
		OpA    int    `json:"op_a"`
		OpB    int    `json:"op_b"`
		Reason string `json:"reason"`
	}{c.A, c.B, string(c.Kind), string(c.Unit), c.OpA, c.OpB, c.Reason})
}

func (s *Server) commissionData(r *http.Request, slug string) (commissionData, error) {
	ctx := r.Context()
	var d commissionData
	var err error
	if d.Commission, err = s.commission.Commission(ctx, slug); err != nil {
		return d, err
	}
	if d.Members, err = s.commission.Members(ctx, slug); err != nil {
		return d, err
	}
	if d.Amendments, err = s.commission.Amendments(ctx, slug); err != nil {
		return d, err
	}
	if d.Meetings, err = s.commission.Meetings(ctx, slug); err != nil {
		return d, err
	}
	draft, err := s.commission.WorkingDraft(ctx, slug)
	if err != nil {
		return d, err
	}
	var waiting []*amend.Amendment
	var ids []int64
	for _, a := range d.Amendments {
		if a.Status == store.AmendmentSubmitted || a.Status == store.AmendmentRejected {
			waiting, ids = append(waiting, a.Body), append(ids, a.ID)
		}
	}
	d.Conflicts = []conflictJSON{}
	if cs, err := amend.Conflicts(draft, waiting); err == nil {
		for _, c := range cs {
			d.Conflicts = append(d.Conflicts, conflictJSON{A: ids[c.A], B: ids[c.B], Conflict: c})
		}
	}
	for _, p := range []*[]store.Member{&d.Members} {
		if *p == nil {
			*p = []store.Member{}
		}
	}
	if d.Amendments == nil {
		d.Amendments = []store.Amendment{}
	}
	if d.Meetings == nil {
		d.Meetings = []store.MeetingView{}
	}
	return d, nil
}

// apiSubmitAmendment: POST /api/v1/commissions/{slug}/amendments, the body
// an amendment's JSON.
func (s *Server) apiSubmitAmendment(w http.ResponseWriter, r *http.Request) {
	acc, err := s.authorize(r, identity.ActVote)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.commission.SubmitAmendment(r.Context(), r.PathValue("slug"), data, acc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}

// apiAmendment: GET /api/v1/amendments/{id}, with its redline against the
// working draft while it waits for its vote.
func (s *Server) apiAmendment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "amendment")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.commission.Amendment(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		store.Amendment
		Preview []charter.Change `json:"preview"`
	}{Amendment: a, Preview: []charter.Change{}}
	if a.Status != store.AmendmentAdopted {
		if draft, err := s.commission.WorkingDraft(r.Context(), a.Commission); err == nil {
			if ch, err := amend.Preview(draft, a.Body); err == nil {
				out.Preview = ch
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// apiScheduleMeeting: POST /api/v1/commissions/{slug}/meetings.
func (s *Server) apiScheduleMeeting(w http.ResponseWriter, r *http.Request) {
	acc, err := s.authorize(r, identity.ActVote)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var nm store.NewMeeting
	if err := decodeJSON(r, &nm); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.commission.ScheduleMeeting(r.Context(), r.PathValue("slug"), nm, acc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

// apiAddMember: POST /api/v1/commissions/{slug}/members, an administrator
// appoints one member, who must already have an account (registered, or
// made with "atazan user add"): the appointment gives the account its role.
func (s *Server) apiAddMember(w http.ResponseWriter, r *http.Request) {
	acc, err := s.authorize(r, identity.ActManageAccounts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req struct {
		Name     string `json:"name"`
		Email    string `json:"email"`
		Position string `json:"position"`
		From     string `json:"from"`
		To       string `json:"to"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := commission.NewMember(req.Name, req.Email, req.Position, req.From, req.To)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	added, err := s.commission.AddMembers(r.Context(), r.PathValue("slug"), []commission.Member{m}, nil, acc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, added[0])
}

// apiPublishDraft: POST /api/v1/commissions/{slug}/publish {"label": "Draft of 2026-02-12"}.
func (s *Server) apiPublishDraft(w http.ResponseWriter, r *http.Request) {
	acc, err := s.authorize(r, identity.ActManageMeeting)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req struct {
		Label string `json:"label"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.commission.PublishDraft(r.Context(), r.PathValue("slug"), strings.TrimSpace(req.Label), acc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

// apiMeeting: GET /api/v1/meetings/{id}.
func (s *Server) apiMeeting(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "meeting")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.commission.Meeting(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.liveEvent(r, v))
}

// apiMeetingAction: POST /api/v1/meetings/{id}/actions {"action": …}.
func (s *Server) apiMeetingAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "meeting")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var a store.MeetingAction
	if err := decodeJSON(r, &a); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.act(r, id, a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// apiMinutes: GET /api/v1/meetings/{id}/minutes.md and minutes.html, as published.
func (s *Server) apiMinutes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "meeting")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	md, html, err := s.commission.MeetingMinutes(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch r.PathValue("format") {
	case "minutes.md":
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		io.WriteString(w, md)
	case "minutes.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, html)
	default:
		s.fail(w, r, atazan.Errorf(atazan.ENotFound, "the minutes are served as minutes.md and minutes.html, not %s", r.PathValue("format")))
	}
}

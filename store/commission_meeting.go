package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"atazan"
	"atazan/commission"
	"atazan/identity"
	"atazan/ledger"
)

// NewMeeting is a meeting to schedule.
type NewMeeting struct {
	Title     string     `json:"title"`
	Date      string     `json:"date"`       // 2026-02-12: the day whose serving members sit
	StartsAt  time.Time  `json:"starts_at"`  // when it starts
	StreamURL string     `json:"stream_url"` // an https address of the live stream's embeddable player, optional
	Documents []Document `json:"documents"`  // at most 20
}

// Document is a document of a meeting: a title and an https address.
type Document struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// The kinds of meeting actions, as MeetingAction.Kind and the events of a meeting.
const (
	ActArrive    = "arrive"
	ActLeave     = "leave"
	ActOpen      = "open"
	ActClose     = "close"
	ActAddItem   = "add_item"
	ActOpenItem  = "open_item"
	ActCloseItem = "close_item"
	ActOpenVote  = "open_vote"
	ActVote      = "vote"
	ActCloseVote = "close_vote"
)

// MeetingAction is one thing a member or the presiding member does in a
// meeting. Kind is one of the Act constants; Item names an agenda item
// (0-based) for open_item; Title and Amendment describe an item to add;
// Question is the question of a vote (default: the item's title); Choice is
// a member's vote.
type MeetingAction struct {
	Kind      string            `json:"action"`
	Item      int               `json:"item,omitempty"`
	Title     string            `json:"title,omitempty"`
	Amendment int64             `json:"amendment,omitempty"`
	Question  string            `json:"question,omitempty"`
	Choice    commission.Choice `json:"choice,omitempty"`
}

// MeetingView is a meeting as its pages show it, at one moment.
type MeetingView struct {
	ID           int64                    `json:"id"`
	Commission   string                   `json:"commission"`
	Title        string                   `json:"title"`
	Date         string                   `json:"date"`
	StartsAt     time.Time                `json:"starts_at"`
	StreamURL    string                   `json:"stream_url,omitempty"`
	Documents    []Document               `json:"documents"`
	Status       commission.MeetingStatus `json:"status"`
	Members      []MeetingMember          `json:"members"`
	Present      int                      `json:"present"`
	Quorum       bool                     `json:"quorum"`
	QuorumNeeded int                      `json:"quorum_needed"`
	Presiding    string                   `json:"presiding"` // the presiding member's name, "" for none
	Agenda       []ItemView               `json:"agenda"`
	CurrentItem  int                      `json:"current_item"` // -1 when no item is open
	Vote         *VoteView                `json:"vote"`         // the open vote, with its running tally
	Events       int                      `json:"events"`       // changes so far: a newer view has more
	DraftHash    string                   `json:"draft_hash"`
	Minutes      bool                     `json:"minutes"`
	LogIndex     int64                    `json:"log_index"` // of the last change
}

// MeetingMember is a member of a meeting and whether present now.
type MeetingMember struct {
	Account  identity.AccountID  `json:"account"`
	Name     string              `json:"name"`
	Position commission.Position `json:"position"`
	Present  bool                `json:"present"`
	Attended bool                `json:"attended"` // present at some moment of the meeting
}

// ItemView is an agenda item.
type ItemView struct {
	N         int                   `json:"n"`
	Title     string                `json:"title"`
	Amendment int64                 `json:"amendment,omitempty"`
	Status    commission.ItemStatus `json:"status"`
	Votes     []VoteView            `json:"votes"`
}

// VoteView is a vote: while open, the running tally; closed, the result.
type VoteView struct {
	N        int                `json:"n"` // 1-based within the meeting
	Item     int                `json:"item"`
	Question string             `json:"question"`
	Open     bool               `json:"open"`
	Tally    commission.Tally   `json:"tally"`
	Ballots  []Ballot           `json:"ballots"`
	Result   *commission.Result `json:"result,omitempty"`
	Applied  string             `json:"applied,omitempty"` // the draft's hash after the adopted amendment was applied
	LogIndex int64              `json:"log_index"`
}

// Ballot is a member's vote, by name (the commission votes in the open).
type Ballot struct {
	Account identity.AccountID `json:"account"`
	Name    string             `json:"name"`
	Choice  commission.Choice  `json:"choice"`
}

// Limits of meetings.
const (
	maxMeetingTitle = 300
	maxURL          = 500
	maxDocuments    = 20
)

func checkURL(field, s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || len(s) > maxURL {
		return atazan.FieldErrorf(field, "%q is not an https address of at most %d characters", s, maxURL)
	}
	return nil
}

// ScheduleMeeting schedules a meeting of the commission. Its members are
// those serving on its date now. Members whose position sets the agenda, and
// administrators, schedule meetings.
func (s *Store) ScheduleMeeting(ctx context.Context, slug string, nm NewMeeting, by identity.AccountID) (MeetingView, error) {
	nm.Title = strings.Join(strings.Fields(nm.Title), " ")
	if nm.Title == "" || utf8.RuneCountInString(nm.Title) > maxMeetingTitle {
		return MeetingView{}, atazan.FieldErrorf("title", "a meeting needs a title of 1 to %d characters", maxMeetingTitle)
	}
	day, err := time.Parse(commission.DateLayout, nm.Date)
	if err != nil {
		return MeetingView{}, atazan.FieldErrorf("date", "%q is not a date such as 2026-02-12", nm.Date)
	}
	if nm.StartsAt.IsZero() {
		nm.StartsAt = day
	}
	if nm.StreamURL != "" {
		if err := checkURL("stream_url", nm.StreamURL); err != nil {
			return MeetingView{}, err
		}
	}
	if len(nm.Documents) > maxDocuments {
		return MeetingView{}, atazan.FieldErrorf("documents", "a meeting has at most %d documents", maxDocuments)
	}
	for i, d := range nm.Documents {
		f := fmt.Sprintf("documents[%d]", i)
		if t := strings.TrimSpace(d.Title); t == "" || utf8.RuneCountInString(t) > maxMeetingTitle {
			return MeetingView{}, atazan.FieldErrorf(f, "a document needs a title of 1 to %d characters", maxMeetingTitle)
		}
		if err := checkURL(f, d.URL); err != nil {
			return MeetingView{}, err
		}
	}
	var id int64
	err = s.update(ctx, func(tx *Tx) error {
		c, err := tx.commission(ctx, slug)
		if err != nil {
			return err
		}
		if err := tx.mayConvene(ctx, c, by); err != nil {
			return err
		}
		ms, err := tx.commissionMembers(ctx, c.ID)
		if err != nil {
			return err
		}
		cms := make([]commission.Member, len(ms))
		for i, m := range ms {
			cms[i] = m.member()
		}
		if _, err := commission.NewMeeting(c.Rules, cms, day); err != nil {
			return err
		}
		docs, _ := json.Marshal(nm.Documents)
		if nm.Documents == nil {
			docs = []byte("[]")
		}
		if err := tx.queryRow(ctx, `INSERT INTO meetings (commission_id, title, day, starts_at, stream_url, documents, status, created_at, log_index)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, -1) RETURNING id`, c.ID, nm.Title, nm.Date, micros(nm.StartsAt), nm.StreamURL, string(docs),
			string(commission.Scheduled), micros(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("schedule meeting: %w", err)
		}
		for _, m := range ms {
			if m.member().Serving(day) {
				if _, err := tx.exec(ctx, `INSERT INTO meeting_members (meeting_id, account_id) VALUES (?, ?)`, id, int64(m.Account)); err != nil {
					return err
				}
			}
		}
		actor, err := tx.accountActor(ctx, by)
		if err != nil {
			return err
		}
		rec, err := ledger.CommissionRecord(ledger.KindMeetingScheduled, tx.now, actor, ledger.CommissionSubject(slug, "meeting", ledger.IDSubject(id)),
			ledger.MeetingScheduled{Title: nm.Title, Date: nm.Date, StartsAt: nm.StartsAt.UTC().Format(ledger.TimeLayout), StreamURL: nm.StreamURL})
		if err != nil {
			return err
		}
		idx, err := tx.appendRecord(ctx, rec)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE meetings SET log_index = ? WHERE id = ?`, idx, id)
		return err
	})
	if err != nil {
		return MeetingView{}, err
	}
	return s.Meeting(ctx, id)
}

// mayConvene allows administrators and the members whose position sets the agenda.
func (t *Tx) mayConvene(ctx context.Context, c Commission, by identity.AccountID) error {
	if by == 0 {
		return nil
	}
	acc, err := t.account(ctx, `a.id = ?`, int64(by))
	if err != nil {
		return err
	}
	if acc.HasRole(identity.RoleAdministrator) {
		return nil
	}
	m, err := t.commissionMember(ctx, c.ID, by)
	if err != nil {
		return err
	}
	if !c.Rules.SetsAgenda(m.Position) {
		return atazan.Errorf(atazan.EForbidden, "a %s may not schedule meetings: the positions that set the agenda do", m.Position)
	}
	return nil
}

// meetingEvent is one row of meeting_events.
type meetingEvent struct {
	kind      string
	account   identity.AccountID
	item      int
	choice    commission.Choice
	text      string
	amendment int64
	logIndex  int64
}

// meetingState is a meeting rebuilt from its events through the rules of
// procedure (commission.Meeting), with what its pages show.
type meetingState struct {
	c          Commission
	view       MeetingView
	m          *commission.Meeting
	members    map[identity.AccountID]Member
	amendTitle map[int64]string
	applied    map[int]string // vote number → draft hash after applying
}

func (t *Tx) loadMeeting(ctx context.Context, id int64) (*meetingState, error) {
	st := &meetingState{members: map[identity.AccountID]Member{}, amendTitle: map[int64]string{}, applied: map[int]string{}}
	v := &st.view
	var commissionID, startsAt int64
	var docs, status, md string
	var events int
	err := t.queryRow(ctx, `SELECT commission_id, title, day, starts_at, stream_url, documents, status, events, minutes_md, log_index
		FROM meetings WHERE id = ?`, id).Scan(&commissionID, &v.Title, &v.Date, &startsAt, &v.StreamURL, &docs, &status, &events, &md, &v.LogIndex)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, atazan.Errorf(atazan.ENotFound, "meeting %d does not exist", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read meeting %d: %w", id, err)
	}
	v.ID, v.StartsAt, v.Minutes, v.CurrentItem = id, fromMicros(startsAt), md != "", -1
	if err := json.Unmarshal([]byte(docs), &v.Documents); err != nil {
		return nil, err
	}
	if st.c, err = t.commissionByID(ctx, commissionID); err != nil {
		return nil, err
	}
	v.Commission, v.DraftHash = st.c.Slug, st.c.DraftHash
	ms, err := t.commissionMembers(ctx, commissionID)
	if err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT account_id FROM meeting_members WHERE meeting_id = ?`, id)
	if err != nil {
		return nil, err
	}
	sits := map[identity.AccountID]bool{}
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return nil, err
		}
		sits[identity.AccountID(a)] = true
	}
	rows.Close()
	var cms []commission.Member
	for _, m := range ms {
		if sits[m.Account] {
			st.members[m.Account] = m
			cms = append(cms, m.member())
			v.Members = append(v.Members, MeetingMember{Account: m.Account, Name: m.Name, Position: m.Position})
		}
	}
	day, _ := time.Parse(commission.DateLayout, v.Date)
	if st.m, err = commission.NewMeeting(st.c.Rules, cms, day); err != nil {
		return nil, err
	}
	as, err := t.amendments(ctx, `a.commission_id = ?`, commissionID)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		st.amendTitle[a.ID] = a.Title
	}
	rows, err = t.query(ctx, `SELECT kind, account_id, item, choice, text, amendment_id, log_index FROM meeting_events WHERE meeting_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	var evs []meetingEvent
	for rows.Next() {
		var e meetingEvent
		var acc int64
		var am sql.NullInt64
		if err := rows.Scan(&e.kind, &acc, &e.item, &e.choice, &e.text, &am, &e.logIndex); err != nil {
			rows.Close()
			return nil, err
		}
		e.account, e.amendment = identity.AccountID(acc), am.Int64
		evs = append(evs, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, e := range evs {
		if _, err := st.apply(e); err != nil {
			return nil, fmt.Errorf("meeting %d: a stored event no longer replays: %w", id, err)
		}
	}
	st.finish()
	return st, nil
}

// apply runs one event through the rules and keeps what the pages show. It
// returns the result of a vote it closed.
func (st *meetingState) apply(e meetingEvent) (*commission.Result, error) {
	m, v := st.m, &st.view
	who := memberKey(e.account)
	var err error
	var res *commission.Result
	switch e.kind {
	case ActArrive:
		err = m.Arrive(who)
	case ActLeave:
		err = m.Leave(who)
	case ActOpen:
		err = m.Open(who)
	case ActClose:
		err = m.Close(who)
	case ActAddItem:
		ref := ""
		if e.amendment != 0 {
			if _, ok := st.amendTitle[e.amendment]; !ok {
				return nil, atazan.FieldErrorf("amendment", "amendment %d is not before this commission", e.amendment)
			}
			ref = strconv.FormatInt(e.amendment, 10)
		}
		if _, err = m.AddItem(who, e.text, ref); err == nil {
			v.Agenda = append(v.Agenda, ItemView{N: len(v.Agenda), Title: m.Agenda[len(m.Agenda)-1].Title, Amendment: e.amendment, Votes: []VoteView{}})
		}
	case ActOpenItem:
		if err = m.OpenItem(who, e.item); err == nil {
			v.CurrentItem = e.item
		}
	case ActCloseItem:
		if err = m.CloseItem(who); err == nil {
			v.CurrentItem = -1
		}
	case ActOpenVote:
		if err = m.OpenVote(who, e.text); err == nil {
			n := 1
			for _, it := range v.Agenda {
				n += len(it.Votes)
			}
			q := strings.Join(strings.Fields(e.text), " ")
			if q == "" {
				q = v.Agenda[v.CurrentItem].Title
			}
			v.Vote = &VoteView{N: n, Item: v.CurrentItem, Question: q, Open: true, Ballots: []Ballot{}, LogIndex: e.logIndex}
		}
	case ActVote:
		if err = m.Vote(who, e.choice); err == nil {
			st.cast(e.account, e.choice)
		}
	case ActCloseVote:
		var r commission.Result
		if r, err = m.CloseVote(who); err == nil {
			res = &r
			vv := *v.Vote
			vv.Open, vv.Result, vv.LogIndex = false, &r, e.logIndex
			vv.Applied = e.text
			it := &v.Agenda[vv.Item]
			it.Votes = append(it.Votes, vv)
			v.Vote = nil
		}
	default:
		return nil, atazan.FieldErrorf("action", "unknown action %q: want arrive, leave, open, close, add_item, open_item, close_item, open_vote, vote or close_vote", e.kind)
	}
	if err != nil {
		return nil, err
	}
	if e.kind == ActArrive || e.kind == ActLeave {
		for i := range v.Members {
			if v.Members[i].Account == e.account {
				v.Members[i].Present = e.kind == ActArrive
				v.Members[i].Attended = v.Members[i].Attended || e.kind == ActArrive
			}
		}
	}
	v.Events++
	if e.logIndex >= 0 {
		v.LogIndex = e.logIndex
	}
	return res, nil
}

// cast records a ballot in the open vote's running tally.
func (st *meetingState) cast(id identity.AccountID, c commission.Choice) {
	vv := st.view.Vote
	for i, b := range vv.Ballots {
		if b.Account == id {
			vv.Ballots[i].Choice = c
			st.retally()
			return
		}
	}
	vv.Ballots = append(vv.Ballots, Ballot{Account: id, Name: st.members[id].Name, Choice: c})
	st.retally()
}

func (st *meetingState) retally() {
	vv := st.view.Vote
	vv.Tally = commission.Tally{}
	for _, b := range vv.Ballots {
		switch b.Choice {
		case commission.For:
			vv.Tally.For++
		case commission.Against:
			vv.Tally.Against++
		case commission.Abstain:
			vv.Tally.Abstain++
		}
	}
}

// finish fills in what follows from the whole state.
func (st *meetingState) finish() {
	v := &st.view
	v.Status = st.m.Status
	v.Present = len(st.m.Present())
	v.QuorumNeeded = commission.QuorumNeeded(st.c.Rules, st.m.Members())
	v.Quorum = commission.Quorum(st.c.Rules, st.m.Members(), v.Present)
	v.Presiding = ""
	if p := st.m.Presiding(); p != "" {
		id, _ := strconv.ParseInt(strings.TrimPrefix(p, "member-"), 10, 64)
		v.Presiding = st.members[identity.AccountID(id)].Name
	}
	for i := range v.Agenda {
		v.Agenda[i].Status = st.m.Agenda[i].Status
	}
	if v.Members == nil {
		v.Members = []MeetingMember{}
	}
	if v.Agenda == nil {
		v.Agenda = []ItemView{}
	}
}

// Meeting returns a meeting as it stands.
func (s *Store) Meeting(ctx context.Context, id int64) (MeetingView, error) {
	var out MeetingView
	err := s.view(ctx, func(tx *Tx) error {
		st, err := tx.loadMeeting(ctx, id)
		if err != nil {
			return err
		}
		out = st.view
		return nil
	})
	return out, err
}

// Meetings lists a commission's meetings by date.
func (s *Store) Meetings(ctx context.Context, slug string) ([]MeetingView, error) {
	var out []MeetingView
	err := s.view(ctx, func(tx *Tx) error {
		c, err := tx.commission(ctx, slug)
		if err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT id FROM meetings WHERE commission_id = ? ORDER BY day, id`, c.ID)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			st, err := tx.loadMeeting(ctx, id)
			if err != nil {
				return err
			}
			out = append(out, st.view)
		}
		return rows.Err()
	})
	return out, err
}

// MeetingMinutes returns a closed meeting's minutes in Markdown and HTML, as
// published (their SHA-256 are in the log).
func (s *Store) MeetingMinutes(ctx context.Context, id int64) (markdown, html string, err error) {
	err = s.read.QueryRowContext(ctx, s.rebind(`SELECT minutes_md, minutes_html FROM meetings WHERE id = ?`), id).Scan(&markdown, &html)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", atazan.Errorf(atazan.ENotFound, "meeting %d does not exist", id)
	}
	if err == nil && markdown == "" {
		err = atazan.Errorf(atazan.ENotFound, "the minutes of meeting %d are published when it closes", id)
	}
	return markdown, html, err
}

// Act does one action in a meeting for the account, under the rules of
// procedure: members register attendance and vote; the presiding member opens
// and closes the meeting, its items and votes; holders of the positions that
// set the agenda add items. A vote that adopts an amendment applies it to the
// working draft at once; closing the meeting publishes its minutes. The
// action, its log records and its effects are one transaction. A refused
// action is an *atazan.Error naming the rule, and changes nothing.
func (s *Store) Act(ctx context.Context, meeting int64, a MeetingAction, by identity.AccountID) (MeetingView, error) {
	switch a.Kind {
	case ActArrive, ActLeave, ActOpen, ActClose, ActAddItem, ActOpenItem, ActCloseItem, ActOpenVote, ActVote, ActCloseVote:
	default:
		return MeetingView{}, atazan.FieldErrorf("action", "unknown action %q: want arrive, leave, open, close, add_item, open_item, close_item, open_vote, vote or close_vote", a.Kind)
	}
	if utf8.RuneCountInString(a.Title) > maxMeetingTitle || utf8.RuneCountInString(a.Question) > maxMeetingTitle {
		return MeetingView{}, atazan.Errorf(atazan.ETooLarge, "titles and questions are at most %d characters", maxMeetingTitle)
	}
	var out MeetingView
	err := s.update(ctx, func(tx *Tx) error {
		// Take the meeting's row lock first: its actions happen one at a time.
		res, err := tx.exec(ctx, `UPDATE meetings SET events = events + 1 WHERE id = ?`, meeting)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return atazan.Errorf(atazan.ENotFound, "meeting %d does not exist", meeting)
		}
		st, err := tx.loadMeeting(ctx, meeting)
		if err != nil {
			return err
		}
		if _, ok := st.members[by]; !ok {
			return atazan.Errorf(atazan.EForbidden, "only the members of the commission serving on %s take part in this meeting", st.view.Date)
		}
		e := meetingEvent{kind: a.Kind, account: by, item: -1, choice: a.Choice, amendment: a.Amendment, logIndex: -1}
		switch a.Kind {
		case ActOpenItem:
			e.item = a.Item
		case ActAddItem:
			e.text = a.Title
			if a.Amendment != 0 && strings.TrimSpace(a.Title) == "" {
				e.text = st.amendTitle[a.Amendment]
			}
		case ActOpenVote:
			e.text = a.Question
		}
		if a.Kind == ActOpenVote && st.view.CurrentItem >= 0 {
			if id := st.view.Agenda[st.view.CurrentItem].Amendment; id != 0 {
				if err := tx.checkVotable(ctx, st.c, id); err != nil {
					return err
				}
			}
		}
		before := st.view
		r, err := st.apply(e)
		if err != nil {
			return err
		}
		st.finish()
		actor, err := tx.actor(ctx, fmt.Sprint(int64(by)))
		if err != nil {
			return err
		}
		slug, mid := st.c.Slug, ledger.IDSubject(meeting)
		sub := ledger.CommissionSubject(slug, "meeting", mid)
		var kind ledger.Kind
		var payload any = ledger.Empty{}
		switch a.Kind {
		case ActArrive, ActLeave:
			kind, payload = ledger.KindAttendance, ledger.Attendance{Present: a.Kind == ActArrive}
		case ActOpen:
			kind = ledger.KindMeetingOpened
		case ActClose:
			kind = ledger.KindMeetingClosed
		case ActAddItem:
			it := st.view.Agenda[len(st.view.Agenda)-1]
			am := ""
			if it.Amendment != 0 {
				am = ledger.IDSubject(it.Amendment)
			}
			kind, payload = ledger.KindItemAdded, ledger.ItemAdded{Item: int64(it.N), Title: it.Title, Amendment: am}
		case ActOpenItem:
			kind, payload = ledger.KindItemOpened, ledger.ItemRef{Item: int64(a.Item)}
		case ActCloseItem:
			kind, payload = ledger.KindItemClosed, ledger.ItemRef{Item: int64(before.CurrentItem)}
		case ActOpenVote:
			vv := st.view.Vote
			kind, payload = ledger.KindVoteOpened, ledger.VoteOpened{Item: int64(vv.Item), Question: vv.Question}
			sub = ledger.CommissionSubject(slug, "meeting", mid, "vote", strconv.Itoa(vv.N))
		case ActVote:
			kind, payload = ledger.KindVoteCast, ledger.VoteCast{Choice: string(a.Choice)}
			sub = ledger.CommissionSubject(slug, "meeting", mid, "vote", strconv.Itoa(before.Vote.N))
		case ActCloseVote:
			kind = ledger.KindVoteClosed
			payload = ledger.VoteClosed{For: int64(r.Tally.For), Against: int64(r.Tally.Against), Abstain: int64(r.Tally.Abstain),
				Members: int64(r.Members), Present: int64(r.Present), Quorum: r.Quorum, Needed: int64(r.Needed), Adopted: r.Adopted}
			sub = ledger.CommissionSubject(slug, "meeting", mid, "vote", strconv.Itoa(before.Vote.N))
		}
		rec, err := ledger.CommissionRecord(kind, tx.now, actor, sub, payload)
		if err != nil {
			return err
		}
		idx, err := tx.appendRecord(ctx, rec)
		if err != nil {
			return err
		}
		if a.Kind == ActCloseVote {
			if id := st.view.Agenda[before.Vote.Item].Amendment; id != 0 {
				if r.Adopted {
					hash, err := tx.adopt(ctx, st.c, id, actor)
					if err != nil {
						return err
					}
					e.text = hash
					st.view.DraftHash = hash
					votes := st.view.Agenda[before.Vote.Item].Votes
					votes[len(votes)-1].Applied = hash
				} else if _, err := tx.exec(ctx, `UPDATE amendments SET status = ? WHERE id = ? AND status = ?`, AmendmentRejected, id, AmendmentSubmitted); err != nil {
					return err
				}
			}
		}
		var am any
		if e.amendment != 0 {
			am = e.amendment
		}
		if _, err := tx.exec(ctx, `INSERT INTO meeting_events (meeting_id, seq, kind, account_id, item, choice, text, amendment_id, at, log_index)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, meeting, before.Events, e.kind, int64(by), e.item, string(e.choice), e.text, am, micros(tx.now), idx); err != nil {
			return fmt.Errorf("store meeting event: %w", err)
		}
		st.view.LogIndex = idx
		st.view.Events = before.Events + 1
		if _, err := tx.exec(ctx, `UPDATE meetings SET status = ?, events = ? WHERE id = ?`, string(st.view.Status), st.view.Events, meeting); err != nil {
			return err
		}
		if a.Kind == ActClose {
			if err := tx.publishMinutes(ctx, st, actor); err != nil {
				return err
			}
		}
		out = st.view
		return nil
	})
	return out, err
}

// checkVotable refuses a vote on an amendment that is adopted or flagged for
// redrafting, or that no longer applies to the working draft.
func (t *Tx) checkVotable(ctx context.Context, c Commission, id int64) error {
	a, err := t.amendment(ctx, id)
	if err != nil {
		return err
	}
	switch a.Status {
	case AmendmentAdopted:
		return atazan.Errorf(atazan.EConflict, "amendment %d is already adopted", id)
	case AmendmentRedraft:
		return atazan.Errorf(atazan.EConflict, "amendment %d must be redrafted before the vote: an adopted amendment changed what it edits", id)
	}
	return nil
}

// publishMinutes generates the minutes of a meeting that just closed, stores
// them and logs their SHA-256.
func (t *Tx) publishMinutes(ctx context.Context, st *meetingState, actor ledger.Actor) error {
	v := &st.view
	mn := commission.Minutes{Commission: st.c.Title, Meeting: v.Title, Date: v.Date, DraftHash: v.DraftHash}
	for _, m := range v.Members {
		mn.Members = append(mn.Members, commission.MinutesMember{Name: m.Name, Position: m.Position, Attended: m.Attended})
	}
	for _, it := range v.Agenda {
		mi := commission.MinutesItem{Title: it.Title, Status: it.Status}
		if it.Amendment != 0 {
			mi.Amendment = st.amendTitle[it.Amendment]
		}
		for _, vv := range it.Votes {
			mv := commission.MinutesVote{Result: *vv.Result, Applied: vv.Applied}
			for _, m := range v.Members {
				if c, ok := vv.Result.Ballots[memberKey(m.Account)]; ok {
					mv.Names = append(mv.Names, commission.NamedChoice{Name: m.Name, Choice: c})
				}
			}
			mi.Votes = append(mi.Votes, mv)
		}
		mn.Items = append(mn.Items, mi)
	}
	md, html := mn.Markdown(), mn.HTML()
	rec, err := ledger.CommissionRecord(ledger.KindMinutesPublished, t.now, actor, ledger.CommissionSubject(st.c.Slug, "meeting", ledger.IDSubject(v.ID)),
		ledger.MinutesPublished{Markdown: ledger.Commit(md), HTML: ledger.Commit(html), DraftHash: v.DraftHash})
	if err != nil {
		return err
	}
	if _, err := t.appendRecord(ctx, rec); err != nil {
		return err
	}
	v.Minutes = true
	_, err = t.exec(ctx, `UPDATE meetings SET minutes_md = ?, minutes_html = ? WHERE id = ?`, md, html, v.ID)
	return err
}

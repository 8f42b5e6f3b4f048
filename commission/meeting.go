package commission

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"atazan"
)

// MeetingStatus is the stage of a meeting: scheduled → open → closed.
type MeetingStatus string

// The stages of a meeting.
const (
	Scheduled MeetingStatus = "scheduled"
	Open      MeetingStatus = "open"
	Closed    MeetingStatus = "closed"
)

// ItemStatus is the stage of an agenda item: pending → open → done.
type ItemStatus string

// The stages of an item.
const (
	ItemPending ItemStatus = "pending"
	ItemOpen    ItemStatus = "open"
	ItemDone    ItemStatus = "done"
)

// Choice is a member's vote.
type Choice string

// The choices.
const (
	For     Choice = "for"
	Against Choice = "against"
	Abstain Choice = "abstain"
)

// Item is one point of a meeting's agenda, such as an amendment to vote on.
type Item struct {
	Title   string     `json:"title"`
	Ref     string     `json:"ref,omitempty"` // what it concerns, such as an amendment's reference
	AddedBy string     `json:"added_by"`
	Status  ItemStatus `json:"status"`
	Results []Result   `json:"results,omitempty"` // the item's closed votes, in order
}

// Result is a closed vote.
type Result struct {
	Question string            `json:"question"`
	Tally    Tally             `json:"tally"`
	Members  int               `json:"members"` // members serving on the meeting's date
	Present  int               `json:"present"` // counted at the close (see the package documentation)
	Quorum   bool              `json:"quorum"`
	Needed   int               `json:"needed"` // votes for needed to adopt
	Adopted  bool              `json:"adopted"`
	Ballots  map[string]Choice `json:"ballots"` // each voter's last choice, by e-mail
}

// Meeting is one sitting of the commission and the course of its votes.
// Its methods enforce the rules of the package documentation; each failure
// is an *atazan.Error (EForbidden for a rule about who may act, EConflict
// for an action the meeting's state does not allow) and changes nothing.
// A Meeting is not safe for concurrent use.
type Meeting struct {
	Rules  Rules
	Date   time.Time
	Status MeetingStatus
	Agenda []*Item

	members map[string]Member // serving on Date, by e-mail
	present map[string]bool
	item    *Item // the open item
	vote    *openVote
}

type openVote struct {
	question string
	ballots  map[string]Choice
}

// NewMeeting schedules a meeting on the date. Its members are those of
// members serving on that date.
func NewMeeting(r Rules, members []Member, date time.Time) (*Meeting, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	m := &Meeting{Rules: r, Date: dayOf(date), Status: Scheduled, members: map[string]Member{}, present: map[string]bool{}}
	for _, x := range members {
		if x.Serving(m.Date) {
			m.members[strings.ToLower(x.Email)] = x
		}
	}
	if len(m.members) == 0 {
		return nil, atazan.Errorf(atazan.EInvalid, "no member serves on %s", m.Date.Format(DateLayout))
	}
	return m, nil
}

// Members is the number of members serving on the meeting's date.
func (m *Meeting) Members() int { return len(m.members) }

// Present lists the members present, by e-mail, in order.
func (m *Meeting) Present() []string {
	out := make([]string, 0, len(m.present))
	for id := range m.present {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Presiding returns the e-mail of the member who presides now: the chair
// when present, else the first present deputy chair (by e-mail), else "".
func (m *Meeting) Presiding() string {
	var deputy string
	for _, id := range m.Present() {
		switch m.members[id].Position {
		case Chair:
			return id
		case DeputyChair:
			if deputy == "" {
				deputy = id
			}
		}
	}
	return deputy
}

func forbidden(format string, args ...any) error {
	return atazan.Errorf(atazan.EForbidden, format, args...)
}

func conflict(format string, args ...any) error {
	return atazan.Errorf(atazan.EConflict, format, args...)
}

// member returns the member with the e-mail, or an EForbidden error.
func (m *Meeting) member(id string) (string, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if _, ok := m.members[id]; !ok {
		return "", forbidden("%s is not a member of the commission serving on %s: only members take part in its meetings", id, m.Date.Format(DateLayout))
	}
	return id, nil
}

// chair checks that actor presides, for the action named.
func (m *Meeting) chair(actor, action string) error {
	id, err := m.member(actor)
	if err != nil {
		return err
	}
	if p := m.Presiding(); p != id {
		return forbidden("only the presiding member (the chair, or a deputy chair when the chair is absent) may %s; %s presides now", action, orNobody(p))
	}
	return nil
}

func orNobody(s string) string {
	if s == "" {
		return "no one"
	}
	return s
}

func (m *Meeting) quorum() error {
	if !Quorum(m.Rules, len(m.members), len(m.present)) {
		return conflict("no quorum: %d of %d members present, %d needed", len(m.present), len(m.members), QuorumNeeded(m.Rules, len(m.members)))
	}
	return nil
}

// Arrive registers a member's presence, before or during the meeting.
func (m *Meeting) Arrive(id string) error {
	id, err := m.member(id)
	if err != nil {
		return err
	}
	if m.Status == Closed {
		return conflict("the meeting is closed")
	}
	if m.present[id] {
		return conflict("%s is already present", id)
	}
	m.present[id] = true
	return nil
}

// Leave registers that a member left. A vote the member cast in the open vote
// stands, and counts the member as present when the vote closes.
func (m *Meeting) Leave(id string) error {
	id, err := m.member(id)
	if err != nil {
		return err
	}
	if !m.present[id] {
		return conflict("%s is not present", id)
	}
	delete(m.present, id)
	return nil
}

// Open opens the meeting: a chair action that needs a quorum present.
func (m *Meeting) Open(actor string) error {
	if err := m.chair(actor, "open the meeting"); err != nil {
		return err
	}
	if m.Status != Scheduled {
		return conflict("the meeting is %s, not scheduled", m.Status)
	}
	if err := m.quorum(); err != nil {
		return err
	}
	m.Status = Open
	return nil
}

// AddItem puts an item on the agenda of a meeting not yet closed, and
// returns its index. Only holders of the positions the rules name for the
// agenda may (by default the chair and the secretary).
func (m *Meeting) AddItem(actor, title, ref string) (int, error) {
	id, err := m.member(actor)
	if err != nil {
		return 0, err
	}
	if pos := m.members[id].Position; !m.Rules.SetsAgenda(pos) {
		return 0, forbidden("a %s may not put items on the agenda: the rules of procedure allow %s", pos, agendaPositions(m.Rules))
	}
	if m.Status == Closed {
		return 0, conflict("the meeting is closed")
	}
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return 0, atazan.FieldErrorf("title", "an agenda item needs a title")
	}
	m.Agenda = append(m.Agenda, &Item{Title: title, Ref: ref, AddedBy: id, Status: ItemPending})
	return len(m.Agenda) - 1, nil
}

func agendaPositions(r Rules) string {
	var ps []string
	for _, p := range Positions {
		if r.SetsAgenda(p) {
			ps = append(ps, string(p))
		}
	}
	return strings.Join(ps, " and ")
}

// OpenItem opens item n of the agenda: a chair action in an open meeting
// with no other item open.
func (m *Meeting) OpenItem(actor string, n int) error {
	if err := m.chair(actor, "open an item"); err != nil {
		return err
	}
	if m.Status != Open {
		return conflict("the meeting is %s, not open", m.Status)
	}
	if m.item != nil {
		return conflict("item %q is open: close it first", m.item.Title)
	}
	if n < 0 || n >= len(m.Agenda) {
		return atazan.Errorf(atazan.ENotFound, "the agenda has no item %d", n)
	}
	if it := m.Agenda[n]; it.Status != ItemPending {
		return conflict("item %q is %s", it.Title, it.Status)
	}
	m.item = m.Agenda[n]
	m.item.Status = ItemOpen
	return nil
}

// OpenVote opens a vote on the question within the open item: a chair action
// that needs a quorum present and no other vote open.
func (m *Meeting) OpenVote(actor, question string) error {
	if err := m.chair(actor, "open a vote"); err != nil {
		return err
	}
	if m.item == nil {
		return conflict("no item is open: a vote belongs to an open item")
	}
	if m.vote != nil {
		return conflict("a vote on %q is open", m.vote.question)
	}
	if err := m.quorum(); err != nil {
		return err
	}
	if question = strings.Join(strings.Fields(question), " "); question == "" {
		question = m.item.Title
	}
	m.vote = &openVote{question: question, ballots: map[string]Choice{}}
	return nil
}

// Vote records a present member's choice in the open vote, replacing the
// member's earlier choice.
func (m *Meeting) Vote(id string, c Choice) error {
	id, err := m.member(id)
	if err != nil {
		return err
	}
	switch c {
	case For, Against, Abstain:
	default:
		return atazan.FieldErrorf("choice", "unknown choice %q: want for, against or abstain", c)
	}
	if m.vote == nil {
		return conflict("no vote is open: a member votes only while a vote is open")
	}
	if !m.present[id] {
		return conflict("%s is not present: a member votes only when present", id)
	}
	m.vote.ballots[id] = c
	return nil
}

// CloseVote closes the open vote and decides it (a chair action). Those
// present are counted now: the members present and every member who voted.
func (m *Meeting) CloseVote(actor string) (Result, error) {
	if err := m.chair(actor, "close a vote"); err != nil {
		return Result{}, err
	}
	if m.vote == nil {
		return Result{}, conflict("no vote is open")
	}
	counted := maps.Clone(m.present)
	var t Tally
	for id, c := range m.vote.ballots {
		counted[id] = true
		switch c {
		case For:
			t.For++
		case Against:
			t.Against++
		case Abstain:
			t.Abstain++
		}
	}
	r := Result{Question: m.vote.question, Tally: t, Members: len(m.members), Present: len(counted), Ballots: maps.Clone(m.vote.ballots)}
	adopted, needed, err := Outcome(m.Rules, t, r.Members, r.Present)
	if err != nil {
		return Result{}, fmt.Errorf("close a vote: %w", err) // cannot happen: every voter is a counted member
	}
	r.Adopted, r.Needed, r.Quorum = adopted, needed, Quorum(m.Rules, r.Members, r.Present)
	m.item.Results = append(m.item.Results, r)
	m.vote = nil
	return r, nil
}

// CloseItem closes the open item (a chair action) once no vote is open.
func (m *Meeting) CloseItem(actor string) error {
	if err := m.chair(actor, "close an item"); err != nil {
		return err
	}
	if m.item == nil {
		return conflict("no item is open")
	}
	if m.vote != nil {
		return conflict("a vote on %q is open: close it first", m.vote.question)
	}
	m.item.Status = ItemDone
	m.item = nil
	return nil
}

// Close closes the meeting (a chair action) once no item is open. Items not
// reached stay pending.
func (m *Meeting) Close(actor string) error {
	if err := m.chair(actor, "close the meeting"); err != nil {
		return err
	}
	if m.Status != Open {
		return conflict("the meeting is %s, not open", m.Status)
	}
	if m.item != nil {
		return conflict("item %q is open: close it first", m.item.Title)
	}
	m.Status = Closed
	return nil
}

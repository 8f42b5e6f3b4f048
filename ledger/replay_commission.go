package ledger

import (
	"encoding/json"
	"strconv"
	"time"

	"atazan"
	"atazan/commission"
)

// CommissionState is a commission as the log describes it. Its members are
// known by pseudonym; each meeting runs on commission.Meeting, the one copy
// of the rules of procedure, so replay refuses what the rules forbid and
// recomputes every vote's outcome.
type CommissionState struct {
	Slug, Title, Charter, Base, Lang string
	Rules                            commission.Rules
	Members                          []commission.Member // Email holds the member's pseudonym
	Names                            map[Actor]string    // public names by pseudonym
	Amendments                       map[string]json.RawMessage
	Adopted                          map[string]int64 // amendment ID → index of the vote.closed that adopted it
	Applied                          map[string]bool  // amendments applied to the working draft
	Meetings                         map[string]*MeetingState
	CreatedIndex, LastIndex          int64
}

// MeetingState is a meeting as the log describes it.
type MeetingState struct {
	ID, Title, StreamURL string
	Meeting              *commission.Meeting
	ItemAmendments       []string // per agenda item: the amendment it puts to the vote, or ""
	Votes                []VoteState
	Minutes              *MinutesPublished
	LastIndex            int64
}

// VoteState is one vote of a meeting: its ballots by pseudonym as they
// stood at the close, and the outcome replay computed.
type VoteState struct {
	Item     int64
	Question string
	Ballots  map[Actor]string
	Result   *VoteClosed
	Index    int64 // of the vote.closed record, or of vote.opened while open
}

// DraftKey names a working draft of a charter.
type DraftKey struct{ Charter, Draft string }

// DraftState is a working draft: the version it started from, each amendment
// applied to it in order with the hash it produced, and the versions it was
// published as.
type DraftState struct {
	Charter, Draft, Base string
	Hash                 string
	Steps                []DraftStep
	Published            []DraftPublication
}

// DraftStep is one amendment applied to a draft.
type DraftStep struct {
	Index          int64
	Base           string // the version the draft started from, on the first step
	Commission     string
	Amendment      string
	FromHash, Hash string
	Text           json.RawMessage
}

// DraftPublication is a draft published as a version, after Steps steps.
type DraftPublication struct {
	Index   int64
	Version string
	Hash    string
	Steps   int
}

func replayCommission(s *State, index int64, rec Record, fail failFunc) error {
	decode := func(v any) error {
		if err := rec.DecodePayload(v); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		return nil
	}
	switch rec.Kind {
	case KindAmendmentApplied:
		return replayApplied(s, index, rec, fail, decode)
	case KindDraftPublished:
		return replayDraftPublished(s, index, rec, fail, decode)
	}
	slug := rec.Subject["commission"]
	if slug == "" {
		return fail(atazan.EInvalid, "subject has no commission")
	}
	c := s.Commissions[slug]
	if rec.Kind == KindCommissionCreated {
		if _, err := subject(rec, fail, "commission"); err != nil {
			return err
		}
		var p CommissionCreated
		if err := decode(&p); err != nil {
			return err
		}
		if c != nil {
			return fail(atazan.EConflict, "commission %s already created by record %d", slug, c.CreatedIndex)
		}
		if err := s.mayAdminister(rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		v, ok := s.Versions[VersionKey{Charter: p.Charter, Version: p.Base}]
		if !ok || v.Lang != p.Lang {
			return fail(atazan.EInvalid, "base version %s/%s with a %s text does not exist", p.Charter, p.Base, p.Lang)
		}
		r := commission.Rules{Quorum: commission.QuorumRule(p.Quorum), Majority: commission.Majority(p.Majority)}
		for _, a := range p.Agenda {
			r.Agenda = append(r.Agenda, commission.Position(a))
		}
		if err := r.Validate(); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if s.Commissions == nil {
			s.Commissions = map[string]*CommissionState{}
		}
		s.Commissions[slug] = &CommissionState{Slug: slug, Title: p.Title, Charter: p.Charter, Base: p.Base, Lang: p.Lang, Rules: r,
			Names: map[Actor]string{}, Amendments: map[string]json.RawMessage{}, Adopted: map[string]int64{}, Applied: map[string]bool{},
			Meetings: map[string]*MeetingState{}, CreatedIndex: index, LastIndex: index}
		return nil
	}
	if c == nil {
		return fail(atazan.ENotFound, "commission %s does not exist", slug)
	}
	switch rec.Kind {
	case KindMemberAdded:
		sub, err := subject(rec, fail, "commission", "member")
		if err != nil {
			return err
		}
		var p MemberAdded
		if err := decode(&p); err != nil {
			return err
		}
		if err := s.mayAdminister(rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		who := Actor(sub["member"])
		if _, ok := s.Accounts[who]; !ok {
			return fail(atazan.ENotFound, "account %s does not exist", who)
		}
		if _, ok := c.Names[who]; ok {
			return fail(atazan.EConflict, "%s is already a member", who)
		}
		m, err := memberOf(who, p)
		if err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		c.Members = append(c.Members, m)
		c.Names[who] = p.Name

	case KindAmendmentSubmitted:
		sub, err := subject(rec, fail, "commission", "amendment")
		if err != nil {
			return err
		}
		var p AmendmentSubmitted
		if err := decode(&p); err != nil {
			return err
		}
		if _, ok := c.Amendments[sub["amendment"]]; ok {
			return fail(atazan.EConflict, "amendment %s already submitted", sub["amendment"])
		}
		if !idRE.MatchString(sub["amendment"]) {
			return fail(atazan.EInvalid, "amendment ID %q is not a decimal ID", sub["amendment"])
		}
		c.Amendments[sub["amendment"]] = p.Amendment

	case KindMeetingScheduled:
		sub, err := subject(rec, fail, "commission", "meeting")
		if err != nil {
			return err
		}
		var p MeetingScheduled
		if err := decode(&p); err != nil {
			return err
		}
		if _, ok := c.Meetings[sub["meeting"]]; ok {
			return fail(atazan.EConflict, "meeting %s already scheduled", sub["meeting"])
		}
		if err := c.mayConvene(s, rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		date, err := time.Parse(commission.DateLayout, p.Date)
		if err != nil {
			return fail(atazan.EInvalid, "date %q is not a date such as 2026-02-12", p.Date)
		}
		m, err := commission.NewMeeting(c.Rules, c.Members, date)
		if err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		c.Meetings[sub["meeting"]] = &MeetingState{ID: sub["meeting"], Title: p.Title, StreamURL: p.StreamURL, Meeting: m, LastIndex: index}

	default:
		if err := replayMeeting(s, c, index, rec, fail, decode); err != nil {
			return err
		}
	}
	c.LastIndex = index
	return nil
}

// mayConvene allows the members whose position sets the agenda, and administrators.
func (c *CommissionState) mayConvene(s *State, actor Actor) error {
	for _, m := range c.Members {
		if Actor(m.Email) == actor && c.Rules.SetsAgenda(m.Position) {
			return nil
		}
	}
	if err := s.mayAdminister(actor); err != nil {
		return atazan.Errorf(atazan.EForbidden, "%s neither sets the commission's agenda nor is an administrator", actor)
	}
	return nil
}

func memberOf(who Actor, p MemberAdded) (commission.Member, error) {
	m := commission.Member{Name: p.Name, Email: string(who)}
	var err error
	if m.Position, err = commission.ParsePosition(p.Position); err != nil || string(m.Position) != p.Position {
		return m, atazan.Errorf(atazan.EInvalid, "unknown position %q", p.Position)
	}
	if m.From, err = time.Parse(commission.DateLayout, p.From); err != nil {
		return m, atazan.Errorf(atazan.EInvalid, "from %q is not a date", p.From)
	}
	if p.To != "" {
		if m.To, err = time.Parse(commission.DateLayout, p.To); err != nil || m.To.Before(m.From) {
			return m, atazan.Errorf(atazan.EInvalid, "to %q is not a date on or after from", p.To)
		}
	}
	return m, nil
}

func replayMeeting(s *State, c *CommissionState, index int64, rec Record, fail failFunc, decode func(any) error) error {
	names := []string{"commission", "meeting"}
	switch rec.Kind {
	case KindVoteOpened, KindVoteCast, KindVoteClosed:
		names = append(names, "vote")
	case KindMeetingOpened, KindMeetingClosed, KindAttendance, KindItemAdded, KindItemOpened, KindItemClosed, KindMinutesPublished:
	default:
		return fail(atazan.EInvalid, "unknown kind")
	}
	sub, err := subject(rec, fail, names...)
	if err != nil {
		return err
	}
	ms := c.Meetings[sub["meeting"]]
	if ms == nil {
		return fail(atazan.ENotFound, "meeting %s of %s does not exist", sub["meeting"], c.Slug)
	}
	m := ms.Meeting
	actor := string(rec.Actor)
	vote := func() (int, error) {
		n, err := strconv.Atoi(sub["vote"])
		if err != nil || n < 1 || n > len(ms.Votes) {
			return 0, fail(atazan.ENotFound, "meeting %s has no vote %q", ms.ID, sub["vote"])
		}
		return n - 1, nil
	}
	var rerr error
	switch rec.Kind {
	case KindMeetingOpened:
		var p Empty
		if err := decode(&p); err != nil {
			return err
		}
		rerr = m.Open(actor)
	case KindMeetingClosed:
		var p Empty
		if err := decode(&p); err != nil {
			return err
		}
		rerr = m.Close(actor)
	case KindAttendance:
		var p Attendance
		if err := decode(&p); err != nil {
			return err
		}
		if p.Present {
			rerr = m.Arrive(actor)
		} else {
			rerr = m.Leave(actor)
		}
	case KindItemAdded:
		var p ItemAdded
		if err := decode(&p); err != nil {
			return err
		}
		if p.Item != int64(len(m.Agenda)) {
			return fail(atazan.EInvalid, "item %d: the agenda has %d items, so the next is %d", p.Item, len(m.Agenda), len(m.Agenda))
		}
		if p.Amendment != "" {
			if _, ok := c.Amendments[p.Amendment]; !ok {
				return fail(atazan.ENotFound, "amendment %s was not submitted to %s", p.Amendment, c.Slug)
			}
		}
		if _, rerr = m.AddItem(actor, p.Title, p.Amendment); rerr == nil {
			ms.ItemAmendments = append(ms.ItemAmendments, p.Amendment)
		}
	case KindItemOpened, KindItemClosed:
		var p ItemRef
		if err := decode(&p); err != nil {
			return err
		}
		if rec.Kind == KindItemOpened {
			rerr = m.OpenItem(actor, int(p.Item))
		} else {
			open := -1
			for i, it := range m.Agenda {
				if it.Status == commission.ItemOpen {
					open = i
				}
			}
			if open >= 0 && int64(open) != p.Item {
				return fail(atazan.EConflict, "item %d is open, not item %d", open, p.Item)
			}
			rerr = m.CloseItem(actor)
		}
	case KindVoteOpened:
		var p VoteOpened
		if err := decode(&p); err != nil {
			return err
		}
		if sub["vote"] != strconv.Itoa(len(ms.Votes)+1) {
			return fail(atazan.EInvalid, "vote %s: the meeting's next vote is %d", sub["vote"], len(ms.Votes)+1)
		}
		if p.Item < 0 || int(p.Item) >= len(m.Agenda) || m.Agenda[p.Item].Status != commission.ItemOpen {
			return fail(atazan.EConflict, "item %d is not the open item", p.Item)
		}
		if rerr = m.OpenVote(actor, p.Question); rerr == nil {
			ms.Votes = append(ms.Votes, VoteState{Item: p.Item, Question: p.Question, Ballots: map[Actor]string{}, Index: index})
		}
	case KindVoteCast:
		n, err := vote()
		if err != nil {
			return err
		}
		var p VoteCast
		if err := decode(&p); err != nil {
			return err
		}
		if ms.Votes[n].Result != nil {
			return fail(atazan.EConflict, "vote %d is closed", n+1)
		}
		if rerr = m.Vote(actor, commission.Choice(p.Choice)); rerr == nil {
			ms.Votes[n].Ballots[rec.Actor] = p.Choice
		}
	case KindVoteClosed:
		n, err := vote()
		if err != nil {
			return err
		}
		var p VoteClosed
		if err := decode(&p); err != nil {
			return err
		}
		if ms.Votes[n].Result != nil {
			return fail(atazan.EConflict, "vote %d is already closed", n+1)
		}
		// Recompute the outcome from the logged ballots, the attendance and the rules.
		v := &ms.Votes[n]
		var t commission.Tally
		counted := map[string]bool{}
		for _, id := range m.Present() {
			counted[id] = true
		}
		for who, ch := range v.Ballots {
			counted[string(who)] = true
			switch commission.Choice(ch) {
			case commission.For:
				t.For++
			case commission.Against:
				t.Against++
			case commission.Abstain:
				t.Abstain++
			}
		}
		adopted, needed, err := commission.Outcome(c.Rules, t, m.Members(), len(counted))
		if err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		want := VoteClosed{For: int64(t.For), Against: int64(t.Against), Abstain: int64(t.Abstain),
			Members: int64(m.Members()), Present: int64(len(counted)), Quorum: commission.Quorum(c.Rules, m.Members(), len(counted)),
			Needed: int64(needed), Adopted: adopted}
		if p != want {
			return fail(atazan.EConflict, "the outcome is not what the logged votes, the attendance and the rules give: logged %+v, recomputed %+v", p, want)
		}
		if _, err := m.CloseVote(actor); err != nil {
			return fail(atazan.ErrorCode(err), "%s", atazan.ErrorMessage(err))
		}
		v.Result, v.Index = &p, index
		if a := ms.ItemAmendments[v.Item]; a != "" && p.Adopted {
			c.Adopted[a] = index
		}
	case KindMinutesPublished:
		var p MinutesPublished
		if err := decode(&p); err != nil {
			return err
		}
		if m.Status != commission.Closed || ms.Minutes != nil {
			return fail(atazan.EConflict, "minutes are published once, when the meeting is closed")
		}
		if !commitRE.MatchString(p.Markdown) || !commitRE.MatchString(p.HTML) || !textHashRE.MatchString(p.DraftHash) {
			return fail(atazan.EInvalid, "markdown, html and draft_hash must be \"sha256:\" and 64 hex digits")
		}
		ms.Minutes = &p
	}
	if rerr != nil {
		return fail(atazan.ErrorCode(rerr), "%s", atazan.ErrorMessage(rerr))
	}
	ms.LastIndex = index
	return nil
}

func replayApplied(s *State, index int64, rec Record, fail failFunc, decode func(any) error) error {
	sub, err := subject(rec, fail, "charter", "draft")
	if err != nil {
		return err
	}
	var p AmendmentApplied
	if err := decode(&p); err != nil {
		return err
	}
	if !textHashRE.MatchString(p.FromHash) || !textHashRE.MatchString(p.Hash) {
		return fail(atazan.EInvalid, "from_hash and hash must be \"sha256:\" and 64 hex digits")
	}
	key := DraftKey{Charter: sub["charter"], Draft: sub["draft"]}
	d := s.Drafts[key]
	if d == nil {
		v, ok := s.Versions[VersionKey{Charter: key.Charter, Version: p.Base}]
		if !ok {
			return fail(atazan.ENotFound, "base version %s/%s does not exist", key.Charter, p.Base)
		}
		if v.Hash != p.FromHash {
			return fail(atazan.EConflict, "from_hash %s is not the hash %s of base version %s", p.FromHash, v.Hash, p.Base)
		}
		d = &DraftState{Charter: key.Charter, Draft: key.Draft, Base: p.Base, Hash: v.Hash}
	} else if p.Base != "" {
		return fail(atazan.EInvalid, "base is named only by the first amendment applied to a draft")
	}
	if p.FromHash != d.Hash {
		return fail(atazan.EConflict, "from_hash %s is not the draft's hash %s", p.FromHash, d.Hash)
	}
	if p.Commission != "" {
		c := s.Commissions[p.Commission]
		if c == nil || CommissionDraft(p.Commission) != key.Draft || c.Charter != key.Charter {
			return fail(atazan.EInvalid, "draft %s is not the working draft of commission %q", key.Draft, p.Commission)
		}
		if _, ok := c.Adopted[p.Amendment]; !ok {
			return fail(atazan.EConflict, "amendment %s was not adopted by a vote of %s", p.Amendment, p.Commission)
		}
		if c.Applied[p.Amendment] {
			return fail(atazan.EConflict, "amendment %s is already applied", p.Amendment)
		}
		if rec.Actor != Operator {
			if _, ok := c.Names[rec.Actor]; !ok {
				return fail(atazan.EForbidden, "%s is not a member of %s", rec.Actor, p.Commission)
			}
		}
		c.Applied[p.Amendment] = true
	} else if err := s.mayAdminister(rec.Actor); err != nil {
		return fail(atazan.EForbidden, "%v", err)
	}
	d.Steps = append(d.Steps, DraftStep{Index: index, Base: p.Base, Commission: p.Commission, Amendment: p.Amendment, FromHash: p.FromHash, Hash: p.Hash, Text: p.Text})
	d.Hash = p.Hash
	if s.Drafts == nil {
		s.Drafts = map[DraftKey]*DraftState{}
	}
	s.Drafts[key] = d
	return nil
}

func replayDraftPublished(s *State, index int64, rec Record, fail failFunc, decode func(any) error) error {
	if len(rec.Subject) != 2 || rec.Subject["charter"] == "" || rec.Subject["version"] == "" {
		return fail(atazan.EInvalid, "subject must be exactly {charter, version}, both non-empty")
	}
	var p DraftPublished
	if err := decode(&p); err != nil {
		return err
	}
	key := DraftKey{Charter: rec.Subject["charter"], Draft: p.Draft}
	d := s.Drafts[key]
	if d == nil {
		return fail(atazan.ENotFound, "draft %s of %s does not exist", p.Draft, key.Charter)
	}
	v, ok := s.Versions[VersionKey{Charter: key.Charter, Version: rec.Subject["version"]}]
	if !ok {
		return fail(atazan.ENotFound, "version %s/%s does not exist", key.Charter, rec.Subject["version"])
	}
	if p.Hash != d.Hash || v.Hash != d.Hash {
		return fail(atazan.EConflict, "draft %s has hash %s; the record says %s and version %s has %s", p.Draft, d.Hash, p.Hash, v.Label, v.Hash)
	}
	if v.Parent != d.Base {
		return fail(atazan.EConflict, "version %s has parent %q, the draft's last version is %q", v.Label, v.Parent, d.Base)
	}
	d.Published = append(d.Published, DraftPublication{Index: index, Version: v.Label, Hash: p.Hash, Steps: len(d.Steps)})
	d.Base = v.Label
	return nil
}

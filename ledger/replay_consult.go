package ledger

import (
	"maps"
	"regexp"
	"slices"
	"time"

	"atazan"
)

// AccountState is an account as the log describes it: a pseudonym, never a person's data.
type AccountState struct {
	Region       string
	Verification string
	Roles        []string // sorted
	Disabled     bool
	CreatedIndex int64
	LastIndex    int64
}

// HasRole reports whether the account holds the role.
func (a AccountState) HasRole(role string) bool { return slices.Contains(a.Roles, role) }

// ConsultationState is a consultation as the log describes it.
type ConsultationState struct {
	ID                            string
	Charter, Version, VersionHash string
	From, To, TimeZone            string
	Index                         int64
}

// ProposalState is a proposal as the log describes it.
type ProposalState struct {
	ID, Consultation string
	Author           Actor
	Unit, Kind, Lang string
	Region, Channel  string
	Text, Rationale  string // commitments
	Supporters       map[Actor]bool
	Cluster          string // the cluster the proposal is in now
	Hidden           bool
	ReviewRequested  bool
	CreatedIndex     int64
	LastIndex        int64
}

// Supports is the number of citizens who support the proposal now.
func (p ProposalState) Supports() int { return len(p.Supporters) }

// CommentState is a comment as the log describes it.
type CommentState struct {
	ID, Proposal, Parent string
	Author               Actor
	Stance, Text         string
	Hidden               bool
	ReviewRequested      bool
	CreatedIndex         int64
	LastIndex            int64
}

var (
	commitRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	idRE     = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)
)

// Roles whose holders may act on what others wrote; the log checks them
// because role changes are records too (KindAccountRoles).
const (
	roleModerator     = "moderator"
	roleAdministrator = "administrator"
)

type failFunc func(code, format string, args ...any) error

func subject(rec Record, fail failFunc, names ...string) (map[string]string, error) {
	if len(rec.Subject) != len(names) {
		return nil, fail(atazan.EInvalid, "subject must be exactly %v", names)
	}
	for _, n := range names {
		if rec.Subject[n] == "" {
			return nil, fail(atazan.EInvalid, "subject must be exactly %v, all non-empty", names)
		}
	}
	return rec.Subject, nil
}

func replayAccount(s *State, index int64, rec Record, fail failFunc) error {
	sub, err := subject(rec, fail, "account")
	if err != nil {
		return err
	}
	who := Actor(sub["account"])
	if err := who.Valid(); err != nil || who == Operator {
		return fail(atazan.EInvalid, "account %q is not a pseudonym", who)
	}
	a, exists := s.Accounts[who]
	switch rec.Kind {
	case KindAccountCreated:
		var p AccountCreated
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if exists {
			return fail(atazan.EConflict, "account %s already created by record %d", who, a.CreatedIndex)
		}
		if rec.Actor != who {
			return fail(atazan.EInvalid, "an account is created by itself: actor %s, account %s", rec.Actor, who)
		}
		if p.Region == "" || p.Verification == "" {
			return fail(atazan.EInvalid, "region and verification must be set")
		}
		a = AccountState{Region: p.Region, Verification: p.Verification, CreatedIndex: index}
	case KindAccountRoles:
		var p AccountRoles
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !exists {
			return fail(atazan.ENotFound, "account %s does not exist", who)
		}
		if err := s.mayAdminister(rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		roles := slices.Clone(p.Roles)
		slices.Sort(roles)
		if !slices.Equal(roles, p.Roles) || len(slices.Compact(slices.Clone(roles))) != len(roles) {
			return fail(atazan.EInvalid, "roles must be sorted and distinct")
		}
		a.Roles = roles
	case KindAccountDisabled:
		if err := rec.DecodePayload(&Empty{}); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !exists {
			return fail(atazan.ENotFound, "account %s does not exist", who)
		}
		if err := s.mayAdminister(rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		a.Disabled = true
	}
	a.LastIndex = index
	if s.Accounts == nil {
		s.Accounts = make(map[Actor]AccountState)
	}
	s.Accounts[who] = a
	return nil
}

// mayAdminister allows the operator (the command line) and administrators.
func (s *State) mayAdminister(actor Actor) error {
	if actor == Operator {
		return nil
	}
	if a, ok := s.Accounts[actor]; ok && a.HasRole(roleAdministrator) && !a.Disabled {
		return nil
	}
	return atazan.Errorf(atazan.EForbidden, "%s is not an administrator", actor)
}

// citizen returns the acting account, which must exist and not be disabled.
func (s *State) citizen(actor Actor) (AccountState, error) {
	a, ok := s.Accounts[actor]
	if !ok {
		return a, atazan.Errorf(atazan.ENotFound, "account %s does not exist", actor)
	}
	if a.Disabled {
		return a, atazan.Errorf(atazan.EForbidden, "account %s is disabled", actor)
	}
	return a, nil
}

var proposalKinds = []string{"amend", "insert_after", "delete", "comment"}
var stances = []string{"for", "against", "neutral"}

func replayConsultation(s *State, index int64, rec Record, fail failFunc) error {
	switch rec.Kind {
	case KindConsultationOpened:
		sub, err := subject(rec, fail, "consultation")
		if err != nil {
			return err
		}
		id := sub["consultation"]
		var p ConsultationOpened
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !idRE.MatchString(id) {
			return fail(atazan.EInvalid, "consultation ID %q is not a positive decimal number", id)
		}
		if c, ok := s.Consultations[id]; ok {
			return fail(atazan.EConflict, "consultation %s already opened by record %d", id, c.Index)
		}
		if err := s.mayAdminister(rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		v, ok := s.Versions[VersionKey{Charter: p.Charter, Version: p.Version}]
		if !ok {
			return fail(atazan.ENotFound, "version %s/%s does not exist", p.Charter, p.Version)
		}
		if v.Hash != p.VersionHash {
			return fail(atazan.EConflict, "version hash %s is not the version's %s", p.VersionHash, v.Hash)
		}
		from, err1 := time.Parse(time.DateOnly, p.From)
		to, err2 := time.Parse(time.DateOnly, p.To)
		if err1 != nil || err2 != nil || to.Before(from) || p.TimeZone == "" {
			return fail(atazan.EInvalid, "dates must be YYYY-MM-DD with from ≤ to, and the time zone set")
		}
		if s.Consultations == nil {
			s.Consultations = make(map[string]ConsultationState)
		}
		s.Consultations[id] = ConsultationState{ID: id, Charter: p.Charter, Version: p.Version, VersionHash: p.VersionHash,
			From: p.From, To: p.To, TimeZone: p.TimeZone, Index: index}
		return nil

	case KindProposalSubmitted:
		sub, err := subject(rec, fail, "consultation", "proposal")
		if err != nil {
			return err
		}
		var p ProposalSubmitted
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		id := sub["proposal"]
		if !idRE.MatchString(id) {
			return fail(atazan.EInvalid, "proposal ID %q is not a positive decimal number", id)
		}
		if old, ok := s.Proposals[id]; ok {
			return fail(atazan.EConflict, "proposal %s already submitted by record %d", id, old.CreatedIndex)
		}
		if _, ok := s.Consultations[sub["consultation"]]; !ok {
			return fail(atazan.ENotFound, "consultation %s does not exist", sub["consultation"])
		}
		if rec.Actor != Operator {
			if _, err := s.citizen(rec.Actor); err != nil {
				return fail(atazan.ErrorCode(err), "%v", err)
			}
		}
		if !slices.Contains(proposalKinds, p.Kind) || !commitRE.MatchString(p.Text) || !commitRE.MatchString(p.Rationale) {
			return fail(atazan.EInvalid, "kind must be one of %v and text and rationale commitments \"sha256:\" and 64 hex digits", proposalKinds)
		}
		prop := ProposalState{ID: id, Consultation: sub["consultation"], Author: rec.Actor, Unit: p.Unit, Kind: p.Kind,
			Lang: p.Lang, Region: p.Region, Channel: p.Channel, Text: p.Text, Rationale: p.Rationale,
			Supporters: map[Actor]bool{}, CreatedIndex: index, LastIndex: index}
		cluster := p.Cluster
		if cluster == "" { // records written before clusters founded their own
			cluster = id
		}
		if err := s.checkJoin(prop, cluster); err != nil {
			return fail(atazan.ErrorCode(err), "%s", atazan.ErrorMessage(err))
		}
		if s.Proposals == nil {
			s.Proposals = make(map[string]ProposalState)
		}
		s.joinCluster(prop, cluster, index)
		return nil

	case KindSupportGiven, KindSupportWithdrawn:
		sub, err := subject(rec, fail, "proposal")
		if err != nil {
			return err
		}
		if err := rec.DecodePayload(&Empty{}); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		p, ok := s.Proposals[sub["proposal"]]
		if !ok {
			return fail(atazan.ENotFound, "proposal %s does not exist", sub["proposal"])
		}
		if _, err := s.citizen(rec.Actor); err != nil {
			return fail(atazan.ErrorCode(err), "%v", err)
		}
		supporting := p.Supporters[rec.Actor]
		p.Supporters = maps.Clone(p.Supporters)
		if rec.Kind == KindSupportGiven {
			if supporting {
				return fail(atazan.EConflict, "%s already supports proposal %s", rec.Actor, p.ID)
			}
			if p.Hidden {
				return fail(atazan.EConflict, "proposal %s is hidden by moderation", p.ID)
			}
			p.Supporters[rec.Actor] = true
		} else {
			if !supporting {
				return fail(atazan.EConflict, "%s does not support proposal %s", rec.Actor, p.ID)
			}
			delete(p.Supporters, rec.Actor)
		}
		p.LastIndex = index
		s.Proposals[p.ID] = p
		return nil

	case KindCommentAdded:
		sub, err := subject(rec, fail, "proposal", "comment")
		if err != nil {
			return err
		}
		var p CommentAdded
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		id := sub["comment"]
		if !idRE.MatchString(id) {
			return fail(atazan.EInvalid, "comment ID %q is not a positive decimal number", id)
		}
		if old, ok := s.Comments[id]; ok {
			return fail(atazan.EConflict, "comment %s already added by record %d", id, old.CreatedIndex)
		}
		if _, ok := s.Proposals[sub["proposal"]]; !ok {
			return fail(atazan.ENotFound, "proposal %s does not exist", sub["proposal"])
		}
		if _, err := s.citizen(rec.Actor); err != nil {
			return fail(atazan.ErrorCode(err), "%v", err)
		}
		if p.Parent != "" {
			parent, ok := s.Comments[p.Parent]
			switch {
			case !ok:
				return fail(atazan.ENotFound, "parent comment %s does not exist", p.Parent)
			case parent.Proposal != sub["proposal"]:
				return fail(atazan.EInvalid, "parent comment %s is on proposal %s, not %s", p.Parent, parent.Proposal, sub["proposal"])
			case parent.Parent != "":
				return fail(atazan.EInvalid, "comment %s is itself a reply: one reply level only", p.Parent)
			}
		}
		if !slices.Contains(stances, p.Stance) || !commitRE.MatchString(p.Text) {
			return fail(atazan.EInvalid, "stance must be one of %v and text a commitment", stances)
		}
		if s.Comments == nil {
			s.Comments = make(map[string]CommentState)
		}
		s.Comments[id] = CommentState{ID: id, Proposal: sub["proposal"], Parent: p.Parent, Author: rec.Actor,
			Stance: p.Stance, Text: p.Text, CreatedIndex: index, LastIndex: index}
		return nil
	}
	return fail(atazan.EInvalid, "unknown kind")
}

var moderationReasons = []string{"illegal_content", "personal_data", "spam", "off_topic"}

func replayModeration(s *State, index int64, rec Record, fail failFunc) error {
	sub, err := subject(rec, fail, "target", "id")
	if err != nil {
		return err
	}
	target, id := sub["target"], sub["id"]
	var hidden, requested *bool
	var author Actor
	var last *int64
	switch target {
	case "proposal":
		p, ok := s.Proposals[id]
		if !ok {
			return fail(atazan.ENotFound, "proposal %s does not exist", id)
		}
		p2 := p
		hidden, requested, author, last = &p2.Hidden, &p2.ReviewRequested, p2.Author, &p2.LastIndex
		defer func() { s.Proposals[id] = p2 }()
	case "comment":
		c, ok := s.Comments[id]
		if !ok {
			return fail(atazan.ENotFound, "comment %s does not exist", id)
		}
		c2 := c
		hidden, requested, author, last = &c2.Hidden, &c2.ReviewRequested, c2.Author, &c2.LastIndex
		defer func() { s.Comments[id] = c2 }()
	default:
		return fail(atazan.EInvalid, "target must be proposal or comment, not %q", target)
	}
	// The deferred writes store the copies, which change only when every check holds.
	switch rec.Kind {
	case KindHidden, KindRestored, KindUpheld:
		var p Moderation
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !slices.Contains(moderationReasons, p.Reason) || !commitRE.MatchString(p.Note) {
			return fail(atazan.EInvalid, "reason must be one of %v and note a commitment", moderationReasons)
		}
		if a, ok := s.Accounts[rec.Actor]; !ok || !a.HasRole(roleModerator) || a.Disabled {
			return fail(atazan.EForbidden, "%s is not a moderator", rec.Actor)
		}
		switch {
		case rec.Kind == KindHidden && *hidden:
			return fail(atazan.EConflict, "%s %s is already hidden", target, id)
		case rec.Kind != KindHidden && !*hidden:
			return fail(atazan.EConflict, "%s %s is not hidden", target, id)
		case rec.Kind == KindUpheld && !*requested:
			return fail(atazan.EConflict, "no review of %s %s was asked for", target, id)
		}
		*hidden = rec.Kind != KindRestored
	case KindReviewRequested:
		if err := rec.DecodePayload(&Empty{}); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		switch {
		case !*hidden:
			return fail(atazan.EConflict, "%s %s is not hidden", target, id)
		case rec.Actor != author:
			return fail(atazan.EForbidden, "only the author of %s %s may ask for a review", target, id)
		case *requested:
			return fail(atazan.EConflict, "a review of %s %s was already asked for", target, id)
		}
		*requested = true
	}
	*last = index
	return nil
}

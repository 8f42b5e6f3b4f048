package ledger

import (
	"fmt"
	"maps"
	"regexp"

	"atazan"
)

// Statuses of a version in the replayed state, as the charter package names them.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)

// State is the public state that the log's records build, record by record,
// from the empty state (a State whose maps may be nil). An auditor compares
// it with what the platform publishes.
//
// Each new area of the platform (proposals, votes, results) adds its own
// map here and its kinds to Replay.
type State struct {
	Versions      map[VersionKey]VersionState
	Accounts      map[Actor]AccountState
	Consultations map[string]ConsultationState // by decimal ID
	Proposals     map[string]ProposalState     // by decimal ID
	Comments      map[string]CommentState      // by decimal ID
	Clusters      map[string]*ClusterState     // by decimal ID
	Tables        map[string]TableState        // by "consultation/number"
	Commissions   map[string]*CommissionState  // by slug
	Drafts        map[DraftKey]*DraftState
	Referendums   map[string]*ReferendumState // by slug
}

// VersionKey names a charter version.
type VersionKey struct {
	Charter string // charter slug
	Version string // version label
}

// VersionState is a charter version as the log describes it.
type VersionState struct {
	Charter      string
	Label        string
	Parent       string            // label of the parent version, "" for none
	Lang         string            // primary language
	Hash         string            // hash of the primary text
	Status       string            // StatusDraft or StatusPublished
	Texts        map[string]string // language → text hash, the primary text included
	CreatedIndex int64             // index of the record that created it
	LastIndex    int64             // index of the last record that changed it
}

var textHashRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// Replay applies the record at log index index to s and checks that the
// record is allowed in that state:
//
//   - charter.version.created: the version does not exist; the parent, if
//     any, is a version of the same charter; lang is set; hash is a text hash.
//   - charter.text.added: the version exists and is a draft without a text
//     in lang; hash is a text hash.
//   - charter.version.published: the version exists and is a draft; hash is
//     the hash of its primary text.
//
// Every record names its subject with exactly the members its kind defines,
// and its payload has exactly the members of its kind's payload type. A
// record of an unknown kind is an error. On error s is unchanged; the error
// is an *atazan.Error whose message names the index.
func Replay(s *State, index int64, rec Record) error {
	fail := func(code, format string, args ...any) error {
		return atazan.Errorf(code, "record %d (%s): %s", index, rec.Kind, fmt.Sprintf(format, args...))
	}
	if rec.V != RecordVersion {
		return fail(atazan.EInvalid, "record version %d is not %d", rec.V, RecordVersion)
	}
	switch rec.Kind {
	case KindVersionCreated, KindTextAdded, KindVersionPublished:
		return replayCharter(s, index, rec, fail)
	case KindAccountCreated, KindAccountRoles, KindAccountDisabled:
		return replayAccount(s, index, rec, fail)
	case KindConsultationOpened, KindProposalSubmitted, KindSupportGiven, KindSupportWithdrawn, KindCommentAdded:
		return replayConsultation(s, index, rec, fail)
	case KindHidden, KindRestored, KindReviewRequested, KindUpheld:
		return replayModeration(s, index, rec, fail)
	case KindClusterMerged, KindClusterSplit, KindClusterMoved, KindClusterGrouped, KindClusterDecided, KindClusterLinked,
		KindClusterRebuilt, KindTablePublished:
		return replayCluster(s, index, rec, fail)
	case KindCommissionCreated, KindMemberAdded, KindAmendmentSubmitted, KindMeetingScheduled, KindItemAdded, KindMeetingOpened, KindMeetingClosed, KindAttendance, KindItemOpened, KindItemClosed, KindVoteOpened, KindVoteCast, KindVoteClosed, KindAmendmentApplied, KindDraftPublished, KindMinutesPublished:
		return replayCommission(s, index, rec, fail)
	case KindReferendumCreated, KindPrecinctsAdded, KindOfficerAssigned, KindProtocolAccepted, KindResultDeclared, KindVersionInForce:
		return replayReferendum(s, index, rec, fail)
	}
	return fail(atazan.EInvalid, "unknown kind")
}

func replayCharter(s *State, index int64, rec Record, fail func(code, format string, args ...any) error) error {
	if len(rec.Subject) != 2 || rec.Subject["charter"] == "" || rec.Subject["version"] == "" {
		return fail(atazan.EInvalid, "subject must be exactly {charter, version}, both non-empty")
	}
	key := VersionKey{Charter: rec.Subject["charter"], Version: rec.Subject["version"]}
	v, exists := s.Versions[key]
	switch rec.Kind {
	case KindVersionCreated:
		var p VersionCreated
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if exists {
			return fail(atazan.EConflict, "version %s/%s already created by record %d", key.Charter, key.Version, v.CreatedIndex)
		}
		if p.Parent != "" {
			if _, ok := s.Versions[VersionKey{Charter: key.Charter, Version: p.Parent}]; !ok {
				return fail(atazan.EInvalid, "parent version %s/%s does not exist", key.Charter, p.Parent)
			}
		}
		if p.Lang == "" || !textHashRE.MatchString(p.Hash) {
			return fail(atazan.EInvalid, "lang must be set and hash must be \"sha256:\" and 64 hex digits")
		}
		v = VersionState{
			Charter: key.Charter, Label: key.Version, Parent: p.Parent, Lang: p.Lang, Hash: p.Hash,
			Status: StatusDraft, Texts: map[string]string{p.Lang: p.Hash}, CreatedIndex: index,
		}

	case KindTextAdded:
		var p TextAdded
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !exists {
			return fail(atazan.ENotFound, "version %s/%s does not exist", key.Charter, key.Version)
		}
		if v.Status != StatusDraft {
			return fail(atazan.EConflict, "version %s/%s is %s, not a draft", key.Charter, key.Version, v.Status)
		}
		if p.Lang == "" || !textHashRE.MatchString(p.Hash) {
			return fail(atazan.EInvalid, "lang must be set and hash must be \"sha256:\" and 64 hex digits")
		}
		if _, ok := v.Texts[p.Lang]; ok {
			return fail(atazan.EConflict, "version %s/%s already has a %s text", key.Charter, key.Version, p.Lang)
		}
		v.Texts = maps.Clone(v.Texts)
		v.Texts[p.Lang] = p.Hash

	case KindVersionPublished:
		var p VersionPublished
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if !exists {
			return fail(atazan.ENotFound, "version %s/%s does not exist", key.Charter, key.Version)
		}
		if v.Status != StatusDraft {
			return fail(atazan.EConflict, "version %s/%s is already %s", key.Charter, key.Version, v.Status)
		}
		if p.Hash != v.Hash {
			return fail(atazan.EConflict, "published hash %s is not the version's hash %s", p.Hash, v.Hash)
		}
		v.Status = StatusPublished
	}
	v.LastIndex = index
	if s.Versions == nil {
		s.Versions = make(map[VersionKey]VersionState)
	}
	s.Versions[key] = v
	return nil
}

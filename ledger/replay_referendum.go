package ledger

import (
	"slices"
	"strconv"

	"atazan"
	"atazan/referendum"
)

// ReferendumState is a referendum as its records build it. The tally is
// the recomputation an auditor needs: every accepted protocol is checked
// again against the control relations of package referendum and counted,
// so the totals and the decision follow from the log alone.
type ReferendumState struct {
	Slug        string
	Charter     string
	Version     string
	VersionHash string
	Date        string
	Rules       referendum.RuleSet
	Form        referendum.Form
	Structure   *referendum.Structure
	Tally       *referendum.Tally
	Officers    map[Actor]referendum.PrecinctID // the precinct each officer may report for
	Protocols   int                             // accepted revisions
	Declared    *ResultDeclared                 // nil until the result is declared
	InForce     string                          // the date the version is in force from, once adopted
	Created     int64                           // index of the record that created it
	LastIndex   int64                           // index of the last record that changed it
}

const (
	roleOfficer = "referendum_officer"
	roleCentral = "central_commission"
)

func replayReferendum(s *State, index int64, rec Record, fail failFunc) error {
	if rec.Kind == KindVersionInForce {
		return replayInForce(s, index, rec, fail)
	}
	names := []string{"referendum"}
	if rec.Kind == KindOfficerAssigned || rec.Kind == KindProtocolAccepted {
		names = append(names, "precinct")
	}
	sub, err := subject(rec, fail, names...)
	if err != nil {
		return err
	}
	slug := sub["referendum"]
	r := s.Referendums[slug]
	if rec.Kind == KindReferendumCreated {
		return replayReferendumCreated(s, index, rec, fail, slug)
	}
	if r == nil {
		return fail(atazan.ENotFound, "referendum %s does not exist", slug)
	}
	if r.Declared != nil {
		return fail(atazan.EConflict, "the result of referendum %s is declared: it changes no more", slug)
	}
	var precinct referendum.PrecinctID
	if len(names) == 2 {
		n, err := strconv.Atoi(sub["precinct"])
		if err != nil || n < 0 || n >= len(r.Structure.Precincts) || strconv.Itoa(n) != sub["precinct"] {
			return fail(atazan.ENotFound, "referendum %s has no precinct %q", slug, sub["precinct"])
		}
		precinct = referendum.PrecinctID(n)
	}
	switch rec.Kind {
	case KindPrecinctsAdded:
		var p PrecinctsAdded
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if err := s.mayAdminister(rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		if p.First != len(r.Structure.Precincts) || len(p.Precincts) == 0 {
			return fail(atazan.EInvalid, "precincts must be numbered from %d, the next number, and be at least one", len(r.Structure.Precincts))
		}
		if p.Region == "" || p.District == "" {
			return fail(atazan.EInvalid, "region and district must be given")
		}
		if reg, ok := r.Structure.Region(p.Region); ok && r.Structure.Regions[reg].Abroad != p.Abroad {
			return fail(atazan.EInvalid, "region %s changes whether it is abroad", p.Region)
		}
		// Check on a copy first, so that a failed record leaves the state as it was.
		probe := referendum.NewStructure()
		for _, e := range p.Precincts {
			if _, err := probe.AddPrecinct(p.Region, p.District, e.Code, e.Registered, p.Abroad); err != nil {
				return fail(atazan.ErrorCode(err), "%s", atazan.ErrorMessage(err))
			}
			if _, dup := r.Structure.Lookup(p.Region, p.District, e.Code); dup {
				return fail(atazan.EConflict, "precinct %s / %s / %s is already in the structure", p.Region, p.District, e.Code)
			}
		}
		for _, e := range p.Precincts {
			if _, err := r.Structure.AddPrecinct(p.Region, p.District, e.Code, e.Registered, p.Abroad); err != nil {
				return fail(atazan.EInternal, "%v", err) // unreachable: checked above
			}
		}
	case KindOfficerAssigned:
		var p OfficerAssigned
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if err := s.mayAdminister(rec.Actor); err != nil {
			return fail(atazan.EForbidden, "%v", err)
		}
		if a, ok := s.Accounts[p.Account]; !ok || !a.HasRole(roleOfficer) {
			return fail(atazan.EForbidden, "account %s is not a referendum officer", p.Account)
		}
		r.Officers[p.Account] = precinct
	case KindProtocolAccepted:
		var p ProtocolAccepted
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if rec.Actor != Operator {
			a, ok := s.Accounts[rec.Actor]
			if mine, assigned := r.Officers[rec.Actor]; !ok || a.Disabled || !a.HasRole(roleOfficer) || !assigned || mine != precinct {
				return fail(atazan.EForbidden, "%s is not the officer of precinct %d", rec.Actor, precinct)
			}
		}
		var pr referendum.Protocol
		form := r.Form.Set()
		for k, v := range p.Protocol {
			f, ok := referendum.ParseField(k)
			if !ok || !form.Has(f) {
				return fail(atazan.EInvalid, "%q is not a field of the referendum's protocol form", k)
			}
			pr.Set(f, v)
		}
		if vs := referendum.Check(pr); !referendum.Rejects(vs) && !slices.Equal(referendum.RuleNames(vs), p.Warnings) {
			return fail(atazan.EInvalid, "warnings %v, but the control relations give %v", p.Warnings, referendum.RuleNames(vs))
		}
		if _, err := r.Tally.Apply(referendum.Revision{Precinct: precinct, Number: p.Revision, Reason: p.Reason, Protocol: pr}); err != nil {
			return fail(atazan.ErrorCode(err), "%s", atazan.ErrorMessage(err))
		}
		r.Protocols++
	case KindResultDeclared:
		var p ResultDeclared
		if err := rec.DecodePayload(&p); err != nil {
			return fail(atazan.EInvalid, "%v", err)
		}
		if rec.Actor != Operator {
			if a, ok := s.Accounts[rec.Actor]; !ok || a.Disabled || !a.HasRole(roleCentral) {
				return fail(atazan.EForbidden, "%s is not of the central commission", rec.Actor)
			}
		}
		if err := r.Tally.Audit(); err != nil {
			return fail(atazan.EInternal, "%v", err)
		}
		if want := DeclaredResult(r.Tally.Decide(r.Rules), r.Rules); p != want {
			return fail(atazan.EInvalid, "declares %+v, but the logged protocols and rules %s give %+v", p, r.Rules, want)
		}
		r.Declared = &p
	default:
		return fail(atazan.EInvalid, "unknown kind")
	}
	r.LastIndex = index
	return nil
}

// DeclaredResult is the payload of the declaration of a result.
func DeclaredResult(res referendum.Result, rs referendum.RuleSet) ResultDeclared {
	return ResultDeclared{
		Registered: res.Registered, Participants: res.Participants, Yes: res.Yes, No: res.No, Both: res.Both,
		Invalid: res.Invalid, Valid: res.Valid, Adopted: res.Adopted, Regions: res.Regions, RegionsYes: res.RegionsYes,
		PrecinctsReported: res.PrecinctsReported, Rules: rs.String(),
	}
}

func replayReferendumCreated(s *State, index int64, rec Record, fail failFunc, slug string) error {
	var p ReferendumCreated
	if err := rec.DecodePayload(&p); err != nil {
		return fail(atazan.EInvalid, "%v", err)
	}
	if r, ok := s.Referendums[slug]; ok {
		return fail(atazan.EConflict, "referendum %s already created by record %d", slug, r.Created)
	}
	if err := s.mayAdminister(rec.Actor); err != nil {
		return fail(atazan.EForbidden, "%v", err)
	}
	date, err := atazan.ParseDate(p.Date)
	if err != nil {
		return fail(atazan.EInvalid, "date: %v", err)
	}
	form, err := referendum.ParseForm(p.Form)
	if err != nil {
		return fail(atazan.EInvalid, "%s", atazan.ErrorMessage(err))
	}
	rd := referendum.Referendum{Slug: slug, Questions: p.Questions, Charter: p.Charter, Version: p.Version,
		VersionHash: p.VersionHash, Date: date, Rules: p.Rules, Form: form}
	if err := rd.CheckCreate(); err != nil {
		return fail(atazan.EInvalid, "%s", atazan.ErrorMessage(err))
	}
	rs, _ := rd.RuleSet()
	if rs.String() != p.Rules {
		return fail(atazan.EInvalid, "rules %q are not in their canonical form %q", p.Rules, rs.String())
	}
	v, ok := s.Versions[VersionKey{Charter: p.Charter, Version: p.Version}]
	if !ok {
		return fail(atazan.ENotFound, "version %s/%s does not exist", p.Charter, p.Version)
	}
	if v.Hash != p.VersionHash {
		return fail(atazan.EInvalid, "binds hash %s, but version %s/%s has %s", p.VersionHash, p.Charter, p.Version, v.Hash)
	}
	st := referendum.NewStructure()
	if s.Referendums == nil {
		s.Referendums = map[string]*ReferendumState{}
	}
	s.Referendums[slug] = &ReferendumState{Slug: slug, Charter: p.Charter, Version: p.Version, VersionHash: p.VersionHash,
		Date: p.Date, Rules: rs, Form: form, Structure: st, Tally: referendum.NewTally(st),
		Officers: map[Actor]referendum.PrecinctID{}, Created: index, LastIndex: index}
	return nil
}

func replayInForce(s *State, index int64, rec Record, fail failFunc) error {
	sub, err := subject(rec, fail, "charter", "version")
	if err != nil {
		return err
	}
	var p VersionInForce
	if err := rec.DecodePayload(&p); err != nil {
		return fail(atazan.EInvalid, "%v", err)
	}
	r := s.Referendums[p.Referendum]
	switch {
	case r == nil:
		return fail(atazan.ENotFound, "referendum %s does not exist", p.Referendum)
	case r.Charter != sub["charter"] || r.Version != sub["version"] || r.VersionHash != p.Hash:
		return fail(atazan.EInvalid, "referendum %s decided %s/%s (%s), not this version", p.Referendum, r.Charter, r.Version, r.VersionHash)
	case r.Declared == nil || !r.Declared.Adopted:
		return fail(atazan.EConflict, "referendum %s has not declared the version adopted", p.Referendum)
	case r.InForce != "":
		return fail(atazan.EConflict, "the version is already in force from %s", r.InForce)
	}
	if rec.Actor != Operator {
		if a, ok := s.Accounts[rec.Actor]; !ok || a.Disabled || !a.HasRole(roleCentral) {
			return fail(atazan.EForbidden, "%s is not of the central commission", rec.Actor)
		}
	}
	if _, err := atazan.ParseDate(p.From); err != nil {
		return fail(atazan.EInvalid, "from: %v", err)
	}
	r.InForce, r.LastIndex = p.From, index
	return nil
}

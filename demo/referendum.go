package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"time"

	"atazan"
	"atazan/identity"
	"atazan/referendum"
	"atazan/store"
)

// ReferendumSlug is the demo referendum's slug.
const ReferendumSlug = "2026"

// TrainingSlug is the slug of the demo's training count: the referendum's
// structure without protocols, where the officer of the first precinct
// can try the protocol form.
const TrainingSlug = "training"

// ReferendumStaff are the demo referendum's accounts: a member of the
// central commission, who declared the result, and the officer of the
// first precinct (of both the referendum and the training count).
var ReferendumStaff = []struct {
	Email string
	Role  identity.Role
}{
	{"central@demo.atazan.kz", identity.RoleCentralCommission},
	{"officer@demo.atazan.kz", identity.RoleReferendumOfficer},
}

// LoadReferendum adds, unless it is there already, a referendum on the
// draft under the rule of the Constitution of Kazakhstan: the structure and
// protocols of referendum.GenerateDemo (20 regions and 66 precincts
// abroad, 10,466 precincts in all, adding up exactly to the national
// figures of 2026), imported as a commission's file would be, and a result
// declared by the central commission, which puts the draft in force; and a
// training count (TrainingSlug) on the same structure, open for protocols.
func LoadReferendum(ctx context.Context, s *store.Store, progress func(format string, args ...any)) error {
	if _, err := s.ReferendumBySlug(ctx, ReferendumSlug); err == nil {
		return nil
	} else if atazan.ErrorCode(err) != atazan.ENotFound {
		return err
	}
	start := time.Now()
	hash, err := identity.HashPassword(Password)
	if err != nil {
		return err
	}
	accounts := make([]identity.Account, len(ReferendumStaff))
	for i, st := range ReferendumStaff {
		a, _, err := s.CreateAccount(ctx, store.NewAccount{Name: fmt.Sprintf("Demo %s", st.Role), Email: st.Email,
			Region: "astana", PasswordHash: hash, Verification: identity.LevelSelfDeclared, Roles: []identity.Role{st.Role}})
		if atazan.ErrorCode(err) == atazan.EConflict {
			a, _, err = s.Credentials(ctx, st.Email)
		}
		if err != nil {
			return fmt.Errorf("demo account %s: %w", st.Email, err)
		}
		accounts[i] = a
	}
	r, err := s.CreateReferendum(ctx, referendum.Referendum{Slug: ReferendumSlug, Charter: Charter, Version: Draft,
		Rules: referendum.DefaultRules, Date: atazan.Date{Y: 2026, M: time.March, D: 15},
		Questions: map[string]string{
			"kk": "Алтындала Республикасы Конституциясының 2026 жылғы жобасын қабылдайсыз ба?",
			"ru": "Принимаете ли Вы проект Конституции Республики Алтындала 2026 года?",
			"en": "Do you accept the 2026 draft of the Constitution of the Republic of Altyndala?",
		}}, 0)
	if err != nil {
		return err
	}
	file, mapping := demoProtocolFile(referendum.GenerateDemo(2026))
	res, err := s.ImportProtocols(ctx, r.ID, bytes.NewReader(file), mapping, store.ProtocolImportOptions{CreateStructure: true})
	if err != nil {
		return err
	}
	if _, err := s.AssignOfficer(ctx, r.ID, accounts[1].ID, 0, 0); err != nil {
		return err
	}
	d, err := s.DeclareResult(ctx, r.ID, "2026-07-01", accounts[0])
	if err != nil {
		return err
	}
	// The training count: the same structure, no protocol yet, and the
	// officer of its first precinct, who can enter one on the web form.
	tr, err := s.CreateReferendum(ctx, referendum.Referendum{Slug: TrainingSlug, Charter: Charter, Version: Draft,
		Rules: referendum.DefaultRules, Date: atazan.Date{Y: 2026, M: time.March, D: 15}, Questions: r.Questions}, 0)
	if err != nil {
		return err
	}
	st, err := s.Structure(ctx, r.ID)
	if err != nil {
		return err
	}
	if _, _, err := s.ImportStructure(ctx, tr.ID, st, 0); err != nil {
		return err
	}
	if _, err := s.AssignOfficer(ctx, tr.ID, accounts[1].ID, 0, 0); err != nil {
		return err
	}
	progress("demo referendum %s: %d protocols (%d with warnings), adopted %t, declared; training count %s open for protocols; %.1fs",
		r.Slug, res.Accepted, res.Warnings, d.Result.Adopted, tr.Slug, time.Since(start).Seconds())
	for _, st := range ReferendumStaff {
		progress("demo account %s (%s), password %s", st.Email, st.Role, Password)
	}
	return nil
}

// demoProtocolFile writes the demo's structure and protocols as a protocol
// file, with the mapping that reads it.
func demoProtocolFile(st *referendum.Structure, revs []referendum.Revision) ([]byte, referendum.Mapping) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := []string{"region", "district", "precinct", "abroad"}
	m := referendum.Mapping{"region": "region", "district": "district", "precinct": "precinct", "abroad": "abroad"}
	for f := range referendum.NumFields {
		head = append(head, f.String())
		m[f.String()] = f.String()
	}
	w.Write(head)
	for _, rev := range revs {
		p := st.Precincts[rev.Precinct]
		reg := st.Regions[p.Region]
		rec := []string{reg.Code, st.Districts[p.District].Code, p.Code, strconv.FormatBool(reg.Abroad)}
		for f := range referendum.NumFields {
			if v, ok := rev.Protocol.Get(f); ok {
				rec = append(rec, strconv.FormatInt(v, 10))
			} else {
				rec = append(rec, "")
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes(), m
}

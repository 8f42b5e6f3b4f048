package demo

import (
	"context"
	"fmt"
	"sync"
	"time"

	"atazan"
	"atazan/charter"
	"atazan/consult"
	"atazan/gen"
	"atazan/identity"
	"atazan/store"
)

// Password is the password of every demo account, printed when the demo
// starts so that people can sign in and try each role.
const Password = "altyndala-demo-2026"

// Staff are the demo's accounts with roles beyond citizen.
var Staff = []struct {
	Email string
	Role  identity.Role
}{
	{"admin@demo.atazan.kz", identity.RoleAdministrator},
	{"moderator@demo.atazan.kz", identity.RoleModerator},
	{"secretariat@demo.atazan.kz", identity.RoleSecretariat},
}

// Size is how much the demo consultation holds.
type Size struct {
	Citizens, Proposals, Supports, Comments int
}

// DefaultSize is the size "atazan demo" loads.
var DefaultSize = Size{Citizens: 600, Proposals: 2500, Supports: 6000, Comments: 800}

// LoadConsultation opens a consultation on the draft (from 30 days ago to 60
// days ahead, so it is open) unless one exists, and fills it with generated
// citizens, proposals, supports and comments. It runs changes from several
// goroutines, as citizens would, so SQLite commits them in groups. Then the
// secretariat decides the largest clusters (systematize.go) and the
// commission works on the draft (commission.go), each unless done already.
func LoadConsultation(ctx context.Context, s *store.Store, size Size, progress func(format string, args ...any)) error {
	cs, err := s.Consultations(ctx, Charter, Draft)
	if err != nil {
		return err
	}
	if len(cs) > 0 {
		return loadCommission(ctx, s, cs[0], progress)
	}
	hash, err := identity.HashPassword(Password) // one hash for every demo account
	if err != nil {
		return err
	}
	for i, st := range Staff {
		if _, _, err := s.CreateAccount(ctx, store.NewAccount{Name: fmt.Sprintf("Demo %s", st.Role), Email: st.Email,
			Region: "astana", PasswordHash: hash, Verification: identity.LevelSelfDeclared, Roles: []identity.Role{st.Role}}); err != nil &&
			atazan.ErrorCode(err) != atazan.EConflict {
			return fmt.Errorf("demo account %d: %w", i, err)
		}
	}
	today := time.Now().In(mustAlmaty())
	c, _, err := s.OpenConsultation(ctx, consult.OpenRequest{Charter: Charter, Version: Draft,
		From: today.AddDate(0, 0, -30).Format(time.DateOnly), To: today.AddDate(0, 0, 60).Format(time.DateOnly)}, 0)
	if err != nil {
		return err
	}
	_, doc, err := s.ConsultationDocument(ctx, c.ID)
	if err != nil {
		return err
	}
	var units []charter.UnitID
	doc.Walk(func(u, _ *charter.Unit) bool {
		if u.Kind == charter.KindParagraph || u.Kind == charter.KindPoint {
			units = append(units, u.ID)
		}
		return true
	})
	regions := identity.DefaultRegions().Codes()
	g, err := gen.New(gen.Config{Seed: 2026, Proposals: size.Proposals, Citizens: size.Citizens, Campaigns: 2, CampaignSize: max(size.Proposals/20, 2),
		Units: units, Regions: regions})
	if err != nil {
		return err
	}
	props := g.All()

	// Citizens, with valid (synthetic) national ID numbers.
	key, err := s.IINKey(ctx)
	if err != nil {
		return err
	}
	accounts := make([]identity.AccountID, size.Citizens)
	regionOf := make([]string, size.Citizens)
	for _, p := range props {
		if p.Region != "" {
			regionOf[p.Author] = p.Region
		}
	}
	err = parallel(size.Citizens, func(i int) error {
		r := regionOf[i]
		if r == "" {
			r = regions[i%len(regions)]
		}
		a, _, err := s.CreateAccount(ctx, store.NewAccount{Name: fmt.Sprintf("Citizen %d", i+1), Email: fmt.Sprintf("citizen%d@demo.atazan.kz", i+1),
			IINHash: identity.HashIIN(key, syntheticIIN(i)), Region: r, PasswordHash: hash, Verification: identity.LevelSelfDeclared})
		accounts[i] = a.ID
		return err
	})
	if err != nil {
		return fmt.Errorf("demo citizens: %w", err)
	}
	progress("demo consultation %d on %q: %d citizens", c.ID, Draft, size.Citizens)

	ids := make([]consult.ProposalID, len(props))
	err = parallel(len(props), func(i int) error {
		p := props[i]
		got, _, err := s.SubmitProposal(ctx, consult.Submission{Consultation: c.ID, Unit: string(p.Unit), Kind: consult.Kind(p.Kind),
			Text: p.Text, Rationale: p.Rationale}, accounts[p.Author], "web")
		if atazan.ErrorCode(err) == atazan.EInvalid {
			return nil // a generated text the rules refuse (e.g. a kind that needs another unit): skip it
		}
		ids[i] = got.ID
		return err
	})
	if err != nil {
		return fmt.Errorf("demo proposals: %w", err)
	}
	sups := g.Supports(size.Supports)
	err = parallel(len(sups), func(i int) error {
		sp := sups[i]
		if ids[sp.Proposal] == 0 {
			return nil
		}
		_, _, _, err := s.Support(ctx, ids[sp.Proposal], accounts[sp.Citizen], false)
		return err
	})
	if err != nil {
		return fmt.Errorf("demo supports: %w", err)
	}
	comments := g.Comments(size.Comments)
	made := make([]consult.CommentID, len(comments))
	for i, cm := range comments { // in order: replies need their parents
		if ids[cm.Proposal] == 0 {
			continue
		}
		req := consult.CommentRequest{Proposal: ids[cm.Proposal], Stance: consult.Stance(cm.Stance), Text: cm.Text}
		if cm.ReplyTo >= 0 {
			if made[cm.ReplyTo] == 0 {
				continue
			}
			req.Parent = &made[cm.ReplyTo]
		}
		got, err := s.AddComment(ctx, req, accounts[cm.Citizen])
		if err != nil {
			if atazan.ErrorCode(err) == atazan.EInvalid {
				continue
			}
			return fmt.Errorf("demo comment %d: %w", i, err)
		}
		made[i] = got.ID
	}
	progress("demo consultation %d: %d proposals, %d supports, %d comments", c.ID, len(props), len(sups), len(comments))
	if err := systematize(ctx, s, c, progress); err != nil {
		return err
	}
	return loadCommission(ctx, s, c, progress)
}

// parallel runs fn for 0..n-1 on 16 goroutines and returns the first error.
func parallel(n int, fn func(i int) error) error {
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	next := make(chan int)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					once.Do(func() { first = err })
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// syntheticIIN returns a valid IIN for the i'th demo citizen: born on a day
// of 1960–1999, with a check digit that makes it valid.
func syntheticIIN(i int) identity.IIN {
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*17%14600)
	sex := 3 + i%2
	for serial := i % 10000; ; serial = (serial + 1) % 10000 {
		prefix := fmt.Sprintf("%s%d%04d", birth.Format("060102"), sex, serial)
		for d := range 10 {
			if n, err := identity.ParseIIN(fmt.Sprintf("%s%d", prefix, d)); err == nil {
				return n
			}
		}
	}
}

func mustAlmaty() *time.Location {
	loc, err := time.LoadLocation(consult.DefaultTimeZone)
	if err != nil {
		return time.FixedZone("UTC+5", 5*3600)
	}
	return loc
}

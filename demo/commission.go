package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"atazan"
	"atazan/amend"
	"atazan/charter"
	"atazan/commission"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
	"atazan/store"
)

// Commission is the slug of the demo's constitutional commission, which
// works on the draft.
const Commission = "altyndala-2026"

// CommissionMember is a member of the demo commission; each signs in with
// the e-mail address and Password.
type CommissionMember struct {
	Name     string
	Email    string
	Position commission.Position
}

// CommissionMembers are the demo commission's fifteen members: the chair
// (chair@demo.atazan.kz), the deputy chair, the secretary and twelve
// members (member1@demo.atazan.kz to member12@demo.atazan.kz).
var CommissionMembers = func() []CommissionMember {
	ms := []CommissionMember{
		{"Aigerim Sarsenova", "chair@demo.atazan.kz", commission.Chair},
		{"Bolat Nurlanov", "deputy@demo.atazan.kz", commission.DeputyChair},
		{"Dana Omarova", "commission-secretary@demo.atazan.kz", commission.Secretary},
	}
	names := []string{"Yerlan Abenov", "Gulnara Tulegenova", "Ivan Petrov", "Saule Zhakupova", "Marat Iskakov", "Aliya Bekova",
		"Timur Kassymov", "Olga Sokolova", "Nurlan Baimukhanov", "Asel Dzhumabayeva", "Ruslan Akhmetov", "Zhanna Serikbayeva"}
	for i, n := range names {
		ms = append(ms, CommissionMember{n, fmt.Sprintf("member%d@demo.atazan.kz", i+1), commission.Ordinary})
	}
	return ms
}()

// loadCommission sets up the demo commission on the draft unless it exists:
// its members and their accounts, three amendments answering clusters the
// secretariat decided, a closed meeting a week ago (attendance, two
// roll-call votes, one adopted and one not, and its minutes), and a meeting
// scheduled for today with the third amendment on its agenda and seven
// members present, so that people can sign in as the chair (whose arrival
// makes the quorum) or a member and run it live.
func loadCommission(ctx context.Context, s *store.Store, c consult.Consultation, progress func(format string, args ...any)) error {
	if _, err := s.Commission(ctx, Commission); err == nil {
		return nil
	} else if atazan.ErrorCode(err) != atazan.ENotFound {
		return err
	}
	today := time.Now().In(mustAlmaty())
	day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }

	// Amendments answer decided clusters on distinct units, accepted and partly accepted first.
	decided, err := decidedClusters(ctx, s, c)
	if err != nil {
		return err
	}
	if len(decided) < 3 {
		return fmt.Errorf("demo commission: clusters on %d units, want 3", len(decided))
	}
	draft, err := s.Document(ctx, Charter, Draft, "kk")
	if err != nil {
		return err
	}

	com, err := s.CreateCommission(ctx, store.NewCommission{Slug: Commission, Title: "Altyndala Constitutional Commission", Charter: Charter, Base: Draft}, 0)
	if err != nil {
		return fmt.Errorf("demo commission: %w", err)
	}
	hash, err := identity.HashPassword(Password)
	if err != nil {
		return err
	}
	from, err := time.Parse(time.DateOnly, day(-90))
	if err != nil {
		return err
	}
	to, _ := time.Parse(time.DateOnly, day(365))
	var ms []commission.Member
	for i, m := range CommissionMembers {
		cm := commission.Member{Name: m.Name, Email: m.Email, Position: m.Position, From: from}
		if i >= 3 { // ordinary members serve a term of about fifteen months
			cm.To = to
		}
		ms = append(ms, cm)
	}
	added, err := s.AddMembers(ctx, Commission, ms, func(m commission.Member) (store.NewAccount, error) {
		return store.NewAccount{Name: m.Name, Email: m.Email, Region: "astana", PasswordHash: hash, Verification: identity.LevelSelfDeclared}, nil
	}, 0)
	if err != nil {
		return fmt.Errorf("demo commission members: %w", err)
	}
	who := make([]identity.AccountID, len(added))
	for i, m := range added {
		who[i] = m.Account
	}
	chair := who[0]

	var ids []int64
	for i, cl := range decided[:3] {
		u := draft.Find(cl.Unit)
		if u == nil {
			return fmt.Errorf("demo amendment: unit %s is not in the draft", cl.Unit)
		}
		a := amend.Amendment{
			Title:    amendmentTitles[i] + " (" + charter.UnitLabel(cl.Unit) + ")",
			Note:     "Answers the proposals of cluster " + strconv.FormatInt(int64(cl.ID), 10) + " (" + string(cl.Decision) + ").",
			Clusters: []string{strconv.FormatInt(int64(cl.ID), 10)},
			Ops:      []amend.Op{{Op: amend.Replace, Unit: cl.Unit, Text: u.Text + " " + amendmentSentences[i]}},
		}
		data, _ := json.Marshal(a)
		got, err := s.SubmitAmendment(ctx, Commission, data, chair)
		if err != nil {
			return fmt.Errorf("demo amendment %d: %w", i+1, err)
		}
		ids = append(ids, got.ID)
	}

	// A closed meeting a week ago: twelve of fifteen present, two votes.
	m, err := s.ScheduleMeeting(ctx, Commission, store.NewMeeting{Title: "First sitting", Date: day(-7)}, chair)
	if err != nil {
		return fmt.Errorf("demo meeting: %w", err)
	}
	act := func(by identity.AccountID, a store.MeetingAction) error {
		_, err := s.Act(ctx, m.ID, a, by)
		if err != nil {
			return fmt.Errorf("demo meeting, %s: %w", a.Kind, err)
		}
		return nil
	}
	steps := []struct {
		by identity.AccountID
		a  store.MeetingAction
	}{
		{chair, store.MeetingAction{Kind: store.ActAddItem, Amendment: ids[0]}},
		{chair, store.MeetingAction{Kind: store.ActAddItem, Amendment: ids[1]}},
	}
	for _, p := range who[:12] {
		steps = append(steps, struct {
			by identity.AccountID
			a  store.MeetingAction
		}{p, store.MeetingAction{Kind: store.ActArrive}})
	}
	for _, st := range steps {
		if err := act(st.by, st.a); err != nil {
			return err
		}
	}
	// votes[k][i] is member i's vote on item k: the first is adopted 9–2–1, the second fails 4–6–2.
	votes := [][]commission.Choice{
		{commission.For, commission.For, commission.For, commission.For, commission.Against, commission.For,
			commission.For, commission.Abstain, commission.For, commission.For, commission.Against, commission.For},
		{commission.For, commission.Against, commission.Abstain, commission.Against, commission.Against, commission.For,
			commission.Against, commission.Abstain, commission.For, commission.Against, commission.Against, commission.For},
	}
	if err := act(chair, store.MeetingAction{Kind: store.ActOpen}); err != nil {
		return err
	}
	for k, vs := range votes {
		if err := act(chair, store.MeetingAction{Kind: store.ActOpenItem, Item: k}); err != nil {
			return err
		}
		if err := act(chair, store.MeetingAction{Kind: store.ActOpenVote}); err != nil {
			return err
		}
		for i, choice := range vs {
			if err := act(who[i], store.MeetingAction{Kind: store.ActVote, Choice: choice}); err != nil {
				return err
			}
		}
		if err := act(chair, store.MeetingAction{Kind: store.ActCloseVote}); err != nil {
			return err
		}
		if err := act(chair, store.MeetingAction{Kind: store.ActCloseItem}); err != nil {
			return err
		}
	}
	if err := act(chair, store.MeetingAction{Kind: store.ActClose}); err != nil {
		return err
	}

	// A meeting today, still scheduled, with the third amendment on its agenda.
	next, err := s.ScheduleMeeting(ctx, Commission, store.NewMeeting{Title: "Second sitting", Date: day(0)}, chair)
	if err != nil {
		return fmt.Errorf("demo meeting: %w", err)
	}
	if _, err := s.Act(ctx, next.ID, store.MeetingAction{Kind: store.ActAddItem, Amendment: ids[2]}, chair); err != nil {
		return fmt.Errorf("demo meeting agenda: %w", err)
	}
	if _, err := s.Act(ctx, next.ID, store.MeetingAction{Kind: store.ActAddItem, Amendment: ids[1]}, chair); err != nil {
		return fmt.Errorf("demo meeting agenda: %w", err)
	}
	// Seven members are already in the hall: the chair's arrival makes the
	// quorum (eight of fifteen), so one person can open the meeting.
	for _, p := range who[3:10] {
		if _, err := s.Act(ctx, next.ID, store.MeetingAction{Kind: store.ActArrive}, p); err != nil {
			return fmt.Errorf("demo meeting attendance: %w", err)
		}
	}
	progress("demo commission %s on %q: %d members, %d amendments, meeting %d closed with its minutes, meeting %d scheduled for %s",
		com.Slug, com.Base, len(added), len(ids), m.ID, next.ID, day(0))
	progress("demo commission accounts: %s (chair), member1@demo.atazan.kz … member12@demo.atazan.kz, password %s", CommissionMembers[0].Email, Password)
	return nil
}

// amendmentTitles name the demo amendments, as amendmentSentences say them.
var amendmentTitles = []string{"The state ensures the guarantee", "The procedure is set by law", "No restriction of the right"}

// amendmentSentences are the Kazakh sentences the demo amendments add to
// the units they change (the draft's primary text is Kazakh): "The state
// ensures this guarantee.", "Its procedure is set by law.", "Restricting
// this right is not allowed."
var amendmentSentences = []string{
	"Бұл кепілдікті мемлекет қамтамасыз етеді.",
	"Оның тәртібі заңмен белгіленеді.",
	"Бұл құқықты шектеуге жол берілмейді.",
}

// decidedClusters returns the consultation's clusters, one per unit: those
// accepted or partly accepted first, then the others decided, then (should a
// small demo have too few decided) the largest undecided ones.
func decidedClusters(ctx context.Context, s *store.Store, c consult.Consultation) ([]consolidate.Cluster, error) {
	all, err := s.Clusters(ctx, store.ClusterQuery{Consultation: c.ID, Limit: 50})
	if err != nil {
		return nil, err
	}
	var first, rest, pending []consolidate.Cluster
	seen := map[charter.UnitID]bool{}
	for _, cl := range all {
		if cl.Unit == "" || seen[cl.Unit] {
			continue
		}
		seen[cl.Unit] = true
		switch cl.Decision {
		case consolidate.Accepted, consolidate.Partly:
			first = append(first, cl)
		case consolidate.Pending:
			pending = append(pending, cl)
		default:
			rest = append(rest, cl)
		}
	}
	return append(append(first, rest...), pending...), nil
}

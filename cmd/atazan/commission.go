package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"os"
	"strings"

	"atazan/commission"
	"atazan/identity"
	"atazan/store"
)

func commissionCreateCommand() *command {
	return &command{
		name:    "commission create",
		args:    "SLUG",
		summary: "set up a constitutional commission on a charter version",
		nargs:   1,
		help: `Sets up the commission SLUG whose working draft starts from the primary text
of --charter's version --version, with its rules of procedure: --quorum
(more_than_half, two_thirds), --majority (present, all, two_thirds_present,
two_thirds_all) and --agenda (the positions that put items on the agenda,
comma-separated; default chair,secretary). Logged. Prints the commission as JSON.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			title := fs.String("title", "", "the commission's title (required)")
			ch := fs.String("charter", "", "charter slug (required)")
			version := fs.String("version", "", "the version the working draft starts from (required)")
			quorum := fs.String("quorum", "", "quorum rule: more_than_half (default) or two_thirds")
			majority := fs.String("majority", "", "majority: present (default), all, two_thirds_present or two_thirds_all")
			agenda := fs.String("agenda", "", "positions that set the agenda, comma-separated (default chair,secretary)")
			return func(ctx context.Context, m *Main, args []string) error {
				if err := required("title", *title, "charter", *ch, "version", *version); err != nil {
					return err
				}
				r := commission.Rules{Quorum: commission.QuorumRule(*quorum), Majority: commission.Majority(*majority)}
				if *agenda != "" {
					for _, p := range strings.Split(*agenda, ",") {
						r.Agenda = append(r.Agenda, commission.Position(strings.TrimSpace(p)))
					}
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				c, err := s.CreateCommission(ctx, store.NewCommission{Slug: args[0], Title: *title, Charter: *ch, Base: *version, Rules: r}, 0)
				if err != nil {
					return err
				}
				return writeJSON(m.Stdout, c)
			}
		},
	}
}

func commissionMembersImportCommand() *command {
	return &command{
		name:    "commission members import",
		summary: "appoint a commission's members from CSV",
		nargs:   0,
		help: `Reads the members of --commission from --file (CSV with the header
name,email,position,from,to; see docs/AMENDMENTS.md) and appoints them: each
is logged with the public name, position and term, and the member's account
gets the role commission_chair (the chair) or commission_member. A member
without an account gets one, with a random password printed once in the
output. The whole list is appointed, or nothing is; an error names its line.
Prints {"members":[{"account","name","position","log_index"[,"password"]}]}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("commission", "", "commission slug (required)")
			file := fs.String("file", "", "CSV file of members (required)")
			region := fs.String("region", "astana", "region of the accounts made for members who have none")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("commission", *slug, "file", *file); err != nil {
					return err
				}
				f, err := os.Open(*file)
				if err != nil {
					return err
				}
				defer f.Close()
				ms, err := commission.ParseMembers(f)
				if err != nil {
					return err
				}
				reg, err := identity.DefaultRegions().Match(*region)
				if err != nil {
					return err
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				passwords := map[string]string{}
				added, err := s.AddMembers(ctx, *slug, ms, func(cm commission.Member) (store.NewAccount, error) {
					b := make([]byte, 18)
					rand.Read(b)
					pw := base64.RawURLEncoding.EncodeToString(b)
					hash, err := identity.HashPassword(pw)
					if err != nil {
						return store.NewAccount{}, err
					}
					passwords[cm.Email] = pw
					return store.NewAccount{Name: cm.Name, Email: cm.Email, Region: reg.Code, PasswordHash: hash, Verification: "self-declared"}, nil
				}, 0)
				if err != nil {
					return err
				}
				type row struct {
					store.Member
					Password string `json:"password,omitempty"`
				}
				out := struct {
					Members []row `json:"members"`
				}{Members: []row{}}
				for i, a := range added {
					out.Members = append(out.Members, row{Member: a, Password: passwords[ms[i].Email]})
				}
				return writeJSON(m.Stdout, out)
			}
		},
	}
}

func commissionPublishCommand() *command {
	return &command{
		name:    "commission publish",
		args:    "LABEL",
		summary: "publish a commission's working draft as a named version",
		nargs:   1,
		help: `Publishes the working draft of --commission as version LABEL of its charter
(for example "Draft of 2026-02-12"): frozen, hashed and logged, its parent the
version the draft last started from. Prints the version as JSON.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("commission", "", "commission slug (required)")
			return func(ctx context.Context, m *Main, args []string) error {
				if err := required("commission", *slug); err != nil {
					return err
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				v, err := s.PublishDraft(ctx, *slug, args[0], 0)
				if err != nil {
					return err
				}
				return writeJSON(m.Stdout, v)
			}
		},
	}
}

package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"atazan"
	"atazan/consult"
	"atazan/forensics"
	"atazan/identity"
	"atazan/referendum"
	"atazan/store"
)

// referendumCommands are the commands of the referendum (issue 7).
func referendumCommands() []*command {
	return []*command{
		referendumCreateCommand(), referendumStructureImportCommand(), referendumProtocolsImportCommand(),
		referendumOfficerCommand(), referendumResultsCommand(), referendumDeclareCommand(), referendumForensicsCommand(),
	}
}

// refFlag adds --referendum, the referendum's numeric ID or its slug.
func refFlag(fs *flag.FlagSet) *string {
	return fs.String("referendum", "", "the referendum: its ID (as create printed it) or its slug")
}

// openReferendum opens the store and finds the referendum --referendum names.
func (f *storeFlags) openReferendum(ctx context.Context, m *Main, ref string) (*store.Store, store.Referendum, error) {
	if ref == "" {
		return nil, store.Referendum{}, usageError{"--referendum is required"}
	}
	s, err := f.openStore(ctx, m)
	if err != nil {
		return nil, store.Referendum{}, err
	}
	r, err := lookupReferendum(ctx, s, ref)
	if err != nil {
		s.Close()
		return nil, r, err
	}
	return s, r, nil
}

// lookupReferendum finds a referendum by ID or slug.
func lookupReferendum(ctx context.Context, s *store.Store, ref string) (store.Referendum, error) {
	if ref == "" {
		return store.Referendum{}, usageError{"--referendum is required"}
	}
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		r, err := s.ReferendumByID(ctx, referendum.ID(n))
		if atazan.ErrorCode(err) != atazan.ENotFound {
			return r, err
		}
	}
	return s.ReferendumBySlug(ctx, ref)
}

func referendumCreateCommand() *command {
	return &command{
		name:    "referendum create",
		summary: "create a referendum on a charter version",
		nargs:   0,
		help: `Creates a referendum named --name (a slug such as 2026) on the charter version
--charter/--version, which it binds by the version's hash, decided by the rule
set --rules (default kz-constitutional; see docs/REFERENDUM.md for the grammar:
simple-majority, kz-constitutional,turnout=1/3, …), on the day --date
(YYYY-MM-DD; default today in Kazakhstan). The question is put in kk, ru and
en (--question-kk, --question-ru, --question-en; by default "Do you accept the
amendments to the Constitution in the version …?"). --form lists the protocol's
fields (default: all nine). Prints {"id", "slug", "log_index"} with --json.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			name := fs.String("name", "", "the referendum's slug (required)")
			ch := fs.String("charter", "", "the charter's slug (required)")
			version := fs.String("version", "", "the label of the version put to the vote (required)")
			rules := fs.String("rules", referendum.DefaultRules, "the rule set")
			date := fs.String("date", "", "the day of the vote, YYYY-MM-DD")
			qkk := fs.String("question-kk", "", "the question in Kazakh")
			qru := fs.String("question-ru", "", "the question in Russian")
			qen := fs.String("question-en", "", "the question in English")
			form := fs.String("form", "", "the protocol's fields, comma-separated")
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("name", *name, "charter", *ch, "version", *version); err != nil {
					return err
				}
				r := referendum.Referendum{Slug: *name, Charter: *ch, Version: *version, Rules: *rules,
					Questions: defaultQuestions(*version)}
				for l, q := range map[string]string{"kk": *qkk, "ru": *qru, "en": *qen} {
					if q != "" {
						r.Questions[l] = q
					}
				}
				var err error
				if *date == "" {
					r.Date = consult.DateOf(time.Now().In(almaty()))
				} else if r.Date, err = atazan.ParseDate(*date); err != nil {
					return atazan.FieldErrorf("date", "%v", err)
				}
				if *form != "" {
					if r.Form, err = referendum.ParseForm(strings.Split(*form, ",")); err != nil {
						return err
					}
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				out, err := s.CreateReferendum(ctx, r, 0)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, map[string]any{"id": out.ID, "slug": out.Slug, "log_index": out.LogIndex})
				}
				fmt.Fprintf(m.Stdout, "referendum %d (%s) on %s/%s, %s, rules %s; log record %d\n", out.ID, out.Slug, out.Charter, out.Version, out.Date, out.Rules, out.LogIndex)
				return nil
			}
		},
	}
}

// defaultQuestions is the question of a constitutional referendum in kk, ru and en.
func defaultQuestions(version string) map[string]string {
	return map[string]string{
		"kk": fmt.Sprintf("Конституцияға «%s» редакциясындағы өзгерістер мен толықтыруларды қабылдайсыз ба?", version),
		"ru": fmt.Sprintf("Принимаете ли Вы изменения и дополнения в Конституцию в редакции «%s»?", version),
		"en": fmt.Sprintf("Do you accept the amendments to the Constitution in the version %q?", version),
	}
}

func almaty() *time.Location {
	l, err := time.LoadLocation(consult.DefaultTimeZone)
	if err != nil {
		return time.UTC
	}
	return l
}

func referendumStructureImportCommand() *command {
	return &command{
		name:    "referendum structure import",
		summary: "add regions, districts and precincts to a referendum from CSV",
		nargs:   0,
		help: `Reads the territorial structure from --file, a CSV with the header
region,district,precinct,registered[,abroad], and adds its precincts to the
referendum's structure, logging them. A precinct already there is an error, and
nothing is added. Prints {"precincts", "first_log_index", "last_log_index"} with --json.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			ref := refFlag(fs)
			file := fs.String("file", "", "the structure's CSV file (required)")
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("file", *file); err != nil {
					return err
				}
				f, err := os.Open(*file)
				if err != nil {
					return err
				}
				defer f.Close()
				st, err := referendum.ParseStructure(f)
				if err != nil {
					return err
				}
				s, r, err := sf.openReferendum(ctx, m, *ref)
				if err != nil {
					return err
				}
				defer s.Close()
				first, last, err := s.ImportStructure(ctx, r.ID, st, 0)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, map[string]any{"precincts": len(st.Precincts), "first_log_index": first, "last_log_index": last})
				}
				fmt.Fprintf(m.Stdout, "%d precincts in %d districts of %d regions added; log records %d-%d\n", len(st.Precincts), len(st.Districts), len(st.Regions), first, last)
				return nil
			}
		},
	}
}

func referendumProtocolsImportCommand() *command {
	return &command{
		name:    "referendum protocols import",
		summary: "import precinct protocols from a CSV or a zipped CSV",
		nargs:   0,
		help: `Imports protocols from --file (.csv, or .zip holding one CSV) with the
mapping --map (a JSON object from our names - region, district, precinct and
the protocol fields - to the file's header texts). Each row is accepted or
rejected on its own by the control relations; --create-structure builds the
regions, districts and precincts from the file. The accepted rows are stored
and logged (one record each) in one transaction. --revision and --reason
import corrections. With --json prints
{"accepted","rejected","warnings","rejections":[{"line","precinct","rules"}],"first_log_index","last_log_index"}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			ref := refFlag(fs)
			file := fs.String("file", "", "the protocol file (required)")
			mapPath := fs.String("map", "", "the mapping file (required)")
			create := fs.Bool("create-structure", false, "build the territorial structure from the file")
			revision := fs.Int("revision", 1, "the revision number of every protocol")
			reason := fs.String("reason", "", "why the protocols are corrected (with --revision > 1)")
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("file", *file, "map", *mapPath); err != nil {
					return err
				}
				mp, err := referendum.LoadMapping(*mapPath)
				if err != nil {
					return err
				}
				f, err := referendum.OpenProtocolFile(*file)
				if err != nil {
					return err
				}
				defer f.Close()
				s, r, err := sf.openReferendum(ctx, m, *ref)
				if err != nil {
					return err
				}
				defer s.Close()
				start := time.Now()
				res, err := s.ImportProtocols(ctx, r.ID, f, mp, store.ProtocolImportOptions{CreateStructure: *create, Revision: *revision, Reason: *reason})
				if err != nil {
					return err
				}
				m.logger().Info("protocols imported", "accepted", res.Accepted, "rejected", res.Rejected, "warnings", res.Warnings,
					"seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
				if *asJSON {
					return writeJSON(m.Stdout, res)
				}
				fmt.Fprintf(m.Stdout, "%d accepted (%d with warnings), %d rejected; log records %d-%d\n", res.Accepted, res.Warnings, res.Rejected, res.FirstLogIndex, res.LastLogIndex)
				for _, rj := range res.Rejections {
					fmt.Fprintf(m.Stdout, "line %d: %s: %s\n", rj.Line, rj.Precinct, strings.Join(rj.Rules, ", "))
				}
				return nil
			}
		},
	}
}

func referendumOfficerCommand() *command {
	return &command{
		name:    "referendum officer",
		summary: "assign a referendum officer to their precinct",
		nargs:   0,
		help: `Lets the account --email (which must hold the role referendum_officer) enter
the protocols of one precinct of the referendum: --precinct is the precinct's
number, or its codes REGION/DISTRICT/PRECINCT. An officer has one precinct per
referendum; a new assignment replaces the old. Prints {"precinct","log_index"} with --json.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			ref := refFlag(fs)
			email := fs.String("email", "", "the officer's e-mail address (required)")
			precinct := fs.String("precinct", "", "the precinct: its number or REGION/DISTRICT/PRECINCT (required)")
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("email", *email, "precinct", *precinct); err != nil {
					return err
				}
				s, r, err := sf.openReferendum(ctx, m, *ref)
				if err != nil {
					return err
				}
				defer s.Close()
				st, err := s.Structure(ctx, r.ID)
				if err != nil {
					return err
				}
				p, err := findPrecinct(st, *precinct)
				if err != nil {
					return err
				}
				addr, err := identity.NormalizeEmail(*email)
				if err != nil {
					return err
				}
				acc, _, err := s.Credentials(ctx, addr)
				if err != nil {
					return err
				}
				idx, err := s.AssignOfficer(ctx, r.ID, acc.ID, p, 0)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, map[string]any{"precinct": p, "log_index": idx})
				}
				fmt.Fprintf(m.Stdout, "%s enters the protocol of precinct %d (%s); log record %d\n", addr, p, st.Name(p), idx)
				return nil
			}
		},
	}
}

// findPrecinct finds a precinct by number or by REGION/DISTRICT/PRECINCT.
func findPrecinct(st *referendum.Structure, s string) (referendum.PrecinctID, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n >= len(st.Precincts) {
			return 0, atazan.FieldErrorf("precinct", "there is no precinct number %d (the structure has %d)", n, len(st.Precincts))
		}
		return referendum.PrecinctID(n), nil
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return 0, atazan.FieldErrorf("precinct", "%q is neither a precinct number nor REGION/DISTRICT/PRECINCT", s)
	}
	p, ok := st.Lookup(strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.TrimSpace(parts[2]))
	if !ok {
		return 0, atazan.Errorf(atazan.ENotFound, "precinct %q is not in the territorial structure", s)
	}
	return p, nil
}

func referendumResultsCommand() *command {
	return &command{
		name:    "referendum results",
		summary: "print a referendum's result (declared, or the count so far)",
		nargs:   0,
		help: `Prints the referendum's result: the declared one, or the count so far under
its rule set. With --json: {"registered","participants","yes","no","both",
"invalid","turnout","yes_share","valid","adopted","regions","regions_yes",
"precincts_reported"}; turnout and yes_share are fractions, the rest exact.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			ref := refFlag(fs)
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				s, r, err := sf.openReferendum(ctx, m, *ref)
				if err != nil {
					return err
				}
				defer s.Close()
				res, err := s.Results(ctx, r.ID)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, res)
				}
				state := "count so far"
				if r.Declared != nil {
					state = "declared " + r.Declared.At.Format(time.DateOnly)
				}
				fmt.Fprintf(m.Stdout, "referendum %s (%s): %d precincts reported\n", r.Slug, state, res.PrecinctsReported)
				fmt.Fprintf(m.Stdout, "registered %d, participants %d (turnout %.2f%%): valid %t\n", res.Registered, res.Participants, 100*res.Turnout, res.Valid)
				fmt.Fprintf(m.Stdout, "yes %d (%.2f%% of participants), no %d, both %d, invalid %d\n", res.Yes, 100*res.YesShare, res.No, res.Both, res.Invalid)
				fmt.Fprintf(m.Stdout, "regions with a yes majority: %d of %d\nadopted: %t\n", res.RegionsYes, res.Regions, res.Adopted)
				return nil
			}
		},
	}
}

func referendumDeclareCommand() *command {
	return &command{
		name:    "referendum declare",
		summary: "declare a referendum's result (freezes it; the central commission's decision)",
		nargs:   0,
		help: `Declares the referendum's result on its count, after checking the running
totals against a recomputation of every counted protocol. No protocol is
accepted afterwards. When the question is adopted, --in-force DATE marks the
charter version it decided as in force from that date. Both are logged.
Prints {"result", "declared_at", "log_index", "in_force_from"} with --json.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			ref := refFlag(fs)
			inForce := fs.String("in-force", "", "the date the adopted version is in force from, YYYY-MM-DD")
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				s, r, err := sf.openReferendum(ctx, m, *ref)
				if err != nil {
					return err
				}
				defer s.Close()
				d, err := s.DeclareResult(ctx, r.ID, *inForce, identity.Account{})
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, d)
				}
				fmt.Fprintf(m.Stdout, "referendum %s declared: valid %t, adopted %t; log record %d\n", r.Slug, d.Result.Valid, d.Result.Adopted, d.LogIndex)
				return nil
			}
		},
	}
}

func referendumForensicsCommand() *command {
	return &command{
		name:    "referendum forensics",
		summary: "run the observers' statistical tests over a referendum's precincts",
		nargs:   0,
		help: `Runs the tests of docs/FORENSICS.md over the counted protocol of every precinct
that reported (the turnout × yes-share fingerprint, integer-percentage excess
against a binomial Monte Carlo, last digits, flag lists including the control
relations' warnings) and writes DIR/summary.json and the charts
(fingerprint.svg, turnout.svg, yes-share.svg, regions.svg, scatter.svg) to
--out. --seed and --simulations repeat a run exactly. A flag is a reason to
look at a protocol, never proof of fraud.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			ref := refFlag(fs)
			out := fs.String("out", "", "the folder to write summary.json and the charts to (required)")
			seed := fs.Uint64("seed", 2026, "the seed of the Monte Carlo simulations")
			sims := fs.Int("simulations", 0, "simulations of the integer-percentage test (default: the package's)")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("out", *out); err != nil {
					return err
				}
				s, r, err := sf.openReferendum(ctx, m, *ref)
				if err != nil {
					return err
				}
				defer s.Close()
				start := time.Now()
				stations, warnings, err := s.ForensicsStations(ctx, r.ID)
				if err != nil {
					return err
				}
				sum, err := forensics.Analyze(stations, forensics.Options{Seed: *seed, Simulations: *sims, Control: warnings})
				if err != nil {
					return err
				}
				if err := forensics.WriteDir(*out, sum, forensics.Charts(sum, stations)...); err != nil {
					return err
				}
				it := sum.Integer
				fmt.Fprintf(m.Stdout, "%d stations; integer percentages (stations of %d voters or more): observed %d, expected %.1f, excess %.1f, 99.9th percentile %.1f\n",
					len(stations), it.MinRegistered, it.Either.Observed, it.Either.Expected, it.Either.Excess, it.Either.P999)
				for _, d := range sum.LastDigits {
					fmt.Fprintf(m.Stdout, "last digits of %s (%d counts): chi-square %.1f, p %.3g, share of 0 %.3f, of 5 %.3f\n", d.Count, d.N, d.ChiSquare, d.P, d.Share0, d.Share5)
				}
				fmt.Fprintf(m.Stdout, "flagged: %d with turnout >= %.0f%%, %d control warnings; %s written in %.1fs\n",
					len(sum.Flags.HighTurnout), sum.Flags.HighTurnoutPercent, len(sum.Flags.Control), *out, time.Since(start).Seconds())
				return nil
			}
		},
	}
}

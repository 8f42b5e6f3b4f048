package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"atazan"
	"atazan/consult"
	"atazan/identity"
	"atazan/store"
)

func userAddCommand() *command {
	return &command{
		name:    "user add",
		summary: "create an account (administrators: staff such as moderators and the secretariat)",
		nargs:   0,
		help: `Creates an account with --name, --email, --region and --role (comma-separated:
citizen, moderator, secretariat, commission_member, commission_chair,
referendum_officer, central_commission, administrator). The password is read
from standard input with --password-stdin; without it a random password is
made and printed once in the JSON output. --iin is optional for staff accounts;
when given it is checked and stored only as a keyed hash. Prints {"id",
"log_index"[, "password"]}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			name := fs.String("name", "", "display name (required)")
			email := fs.String("email", "", "e-mail address, used to sign in (required)")
			region := fs.String("region", "astana", "region code or name")
			roles := fs.String("role", "citizen", "roles, comma-separated")
			iin := fs.String("iin", "", "national identification number (optional for staff)")
			stdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("name", *name, "email", *email); err != nil {
					return err
				}
				rs, err := parseRoles(*roles)
				if err != nil {
					return err
				}
				reg, err := identity.DefaultRegions().Match(*region)
				if err != nil {
					return err
				}
				addr, err := identity.NormalizeEmail(*email)
				if err != nil {
					return err
				}
				password, generated := "", false
				if *stdin {
					line, err := bufio.NewReader(m.Stdin).ReadString('\n')
					if err != nil && err != io.EOF {
						return err
					}
					password = strings.TrimRight(line, "\r\n")
				} else {
					b := make([]byte, 18)
					rand.Read(b)
					password, generated = base64.RawURLEncoding.EncodeToString(b), true
				}
				if err := identity.CheckPasswordPolicy(password); err != nil {
					return err
				}
				hash, err := identity.HashPassword(password)
				if err != nil {
					return err
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				acc := store.NewAccount{Name: *name, Email: addr, Region: reg.Code, PasswordHash: hash, Verification: "self-declared", Roles: rs}
				if *iin != "" {
					n, err := identity.ParseIIN(*iin)
					if err != nil {
						return err
					}
					key, err := s.IINKey(ctx)
					if err != nil {
						return err
					}
					acc.IINHash = identity.HashIIN(key, n)
				}
				a, idx, err := s.CreateAccount(ctx, acc)
				if err != nil {
					return err
				}
				out := map[string]any{"id": a.ID, "log_index": idx}
				if generated {
					out["password"] = password
				}
				return writeJSON(m.Stdout, out)
			}
		},
	}
}

func parseRoles(s string) ([]identity.Role, error) {
	var out []identity.Role
	for _, f := range strings.Split(s, ",") {
		r, err := identity.ParseRole(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// accountByEmail finds an account for the commands that name one.
func accountByEmail(ctx context.Context, s *store.Store, email string) (identity.Account, error) {
	addr, err := identity.NormalizeEmail(email)
	if err != nil {
		return identity.Account{}, err
	}
	a, _, err := s.Credentials(ctx, addr)
	if atazan.ErrorCode(err) == atazan.ENotFound {
		return a, atazan.Errorf(atazan.ENotFound, "no account has the e-mail address %s", addr)
	}
	return a, err
}

func userRoleCommand() *command {
	return &command{
		name:    "user role",
		args:    "EMAIL ROLES",
		summary: "set the roles of an account",
		nargs:   2,
		help:    `Replaces the roles of the account with the e-mail address EMAIL by ROLES (comma-separated). Prints {"id","log_index"}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			return func(ctx context.Context, m *Main, args []string) error {
				rs, err := parseRoles(args[1])
				if err != nil {
					return err
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				a, err := accountByEmail(ctx, s, args[0])
				if err != nil {
					return err
				}
				idx, err := s.SetRoles(ctx, a.ID, rs, 0)
				if err != nil {
					return err
				}
				return writeJSON(m.Stdout, map[string]any{"id": a.ID, "log_index": idx})
			}
		},
	}
}

func userDisableCommand() *command {
	return &command{
		name:    "user disable",
		args:    "EMAIL",
		summary: "disable an account and end its sessions",
		nargs:   1,
		help:    `Disables the account with the e-mail address EMAIL. Prints {"id","log_index"}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			return func(ctx context.Context, m *Main, args []string) error {
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				a, err := accountByEmail(ctx, s, args[0])
				if err != nil {
					return err
				}
				idx, err := s.DisableAccount(ctx, a.ID, 0)
				if err != nil {
					return err
				}
				return writeJSON(m.Stdout, map[string]any{"id": a.ID, "log_index": idx})
			}
		},
	}
}

func consultationOpenCommand() *command {
	return &command{
		name:    "consultation open",
		summary: "open a version for citizens' proposals between two dates",
		nargs:   0,
		help: `Opens version --version of --charter for proposals from --from to --to
(YYYY-MM-DD, both inclusive, in --time-zone, Asia/Almaty by default).
Prints {"id","log_index"} with --json.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("charter", "", "charter slug (required)")
			label := fs.String("version", "", "version label (required)")
			from := fs.String("from", "", "first day, YYYY-MM-DD (required)")
			to := fs.String("to", "", "last day, YYYY-MM-DD (required)")
			tz := fs.String("time-zone", consult.DefaultTimeZone, "IANA time zone of the dates")
			asJSON := fs.Bool("json", false, "print the result as JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("charter", *slug, "version", *label, "from", *from, "to", *to); err != nil {
					return err
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				c, idx, err := s.OpenConsultation(ctx, consult.OpenRequest{Charter: *slug, Version: *label, From: *from, To: *to, TimeZone: *tz}, 0)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, map[string]any{"id": c.ID, "log_index": idx})
				}
				fmt.Fprintf(m.Stderr, "opened consultation %d on %s %q from %s to %s (%s); log record %d\n", c.ID, c.Charter, c.Version, c.From, c.To, c.Location, idx)
				return nil
			}
		},
	}
}

func proposalsImportCommand() *command {
	return &command{
		name:    "proposals import",
		summary: "import proposals that came by letter, e-mail or other portals",
		nargs:   0,
		help: `Imports the proposals in --file (UTF-8 CSV with the header
source_channel,source_ref,received,region,unit,kind,text[,rationale]; see
docs/CONSULTATION.md) into consultation --consultation. Every row is checked
and every error is listed by line; by default a file with any error imports
nothing; --valid-only imports the valid rows and lists the others. Rows whose
source_ref was imported before are skipped, so importing a file twice changes
nothing. Prints {"imported","skipped","invalid","first_log_index","last_log_index"}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			id := fs.Int64("consultation", 0, "consultation ID (required)")
			file := fs.String("file", "", "the CSV file (required)")
			validOnly := fs.Bool("valid-only", false, "import the valid rows even when others have errors")
			return func(ctx context.Context, m *Main, _ []string) error {
				if *id <= 0 || *file == "" {
					return usageError{"--consultation and --file are required"}
				}
				f, err := os.Open(*file)
				if err != nil {
					return atazan.Errorf(atazan.ENotFound, "%v", err)
				}
				defer f.Close()
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				_, doc, err := s.ConsultationDocument(ctx, consult.ConsultationID(*id))
				if err != nil {
					return err
				}
				regions := identity.DefaultRegions()
				rows, errs := consult.ParseImport(f, doc, func(r string) bool { _, err := regions.Match(r); return err == nil })
				for _, e := range errs {
					fmt.Fprintf(m.Stderr, "%s: %s\n", *file, e.Error())
				}
				if len(errs) > 0 && (!*validOnly || rows == nil) {
					return atazan.Errorf(atazan.EInvalid, "%s has %d errors; nothing was imported", *file, len(errs))
				}
				for i := range rows { // store region codes, whatever name the file used
					if r, err := regions.Match(rows[i].Region); err == nil {
						rows[i].Region = r.Code
					}
				}
				res, err := s.ImportProposals(ctx, consult.ConsultationID(*id), rows)
				if err != nil {
					return err
				}
				res.Invalid = len(errs)
				return writeJSON(m.Stdout, res)
			}
		},
	}
}

func proposalsExportCommand() *command {
	return &command{
		name:    "proposals export",
		summary: "export proposals as open data (CSV or JSON Lines), without personal data",
		nargs:   0,
		help: `Writes every proposal of --consultation (all consultations when 0) as CSV or
JSON Lines: the same open data as /api/v1/export/proposals.csv and .jsonl,
with the authors' pseudonymous keys and no personal data.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			id := fs.Int64("consultation", 0, "consultation ID (0: all)")
			format := fs.String("format", "csv", "csv or jsonl")
			out := fs.String("out", "", "write to this file instead of standard output")
			return func(ctx context.Context, m *Main, _ []string) error {
				w := m.Stdout
				if *out != "" {
					f, err := os.Create(*out)
					if err != nil {
						return err
					}
					defer f.Close()
					w = f
				}
				bw := bufio.NewWriter(w)
				x, err := consult.NewExporter(bw, *format)
				if err != nil {
					return usageError{err.Error()}
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				if err := s.ExportProposals(ctx, consult.ConsultationID(*id), x.Write); err != nil {
					return err
				}
				if err := x.Flush(); err != nil {
					return err
				}
				return bw.Flush()
			}
		},
	}
}

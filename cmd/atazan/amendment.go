package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"atazan"
	"atazan/amend"
)

// files collects a repeated --file flag.
type files []string

func (f *files) String() string     { return fmt.Sprint(*f) }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

func amendmentApplyCommand() *command {
	return &command{
		name:    "amendment apply",
		summary: "make a new charter version by applying amendments to one",
		nargs:   0,
		help: `Applies the amendments in the --file options (JSON, see docs/AMENDMENTS.md), in
order, to the primary text of --charter's version --version, and stores the
result as the draft version --new-version, whose parent is --version. Each
amendment applied is logged with the hash it produced, then the new version.
When an amendment does not apply, nothing is stored and the error names the
file and the op (ops[i]). With --json prints {"version","hash","log_index"}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("charter", "", "charter slug (required)")
			from := fs.String("version", "", "the version to amend (required)")
			label := fs.String("new-version", "", "label of the new version (required)")
			var fl files
			fs.Var(&fl, "file", "an amendment's JSON file; repeat for several, applied in order (required)")
			asJSON := fs.Bool("json", false, "print the result as JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("charter", *slug, "version", *from, "new-version", *label); err != nil {
					return err
				}
				if len(fl) == 0 {
					return usageError{"--file is required"}
				}
				var as []*amend.Amendment
				for _, name := range fl {
					f, err := os.Open(name)
					if err != nil {
						return err
					}
					data, err := io.ReadAll(io.LimitReader(f, amend.MaxSize+1))
					f.Close()
					if err != nil {
						return err
					}
					a, err := amend.Parse(data)
					if err != nil {
						return fileError(name, err)
					}
					as = append(as, a)
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				v, err := s.ApplyAmendments(ctx, *slug, *from, *label, as, 0)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, map[string]any{"version": v.Label, "hash": v.Hash, "log_index": v.LogIndex})
				}
				fmt.Fprintf(m.Stdout, "version %q of %s: %s (log index %d)\n", v.Label, *slug, v.Hash, v.LogIndex)
				return nil
			}
		},
	}
}

// fileError prefixes an error with the file it is about.
func fileError(name string, err error) error {
	if e, ok := err.(*atazan.Error); ok {
		c := *e
		c.Message = name + ": " + c.Message
		return &c
	}
	return fmt.Errorf("%s: %w", name, err)
}

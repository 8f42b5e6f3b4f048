package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"atazan"
	"atazan/charter"
	"atazan/consolidate"
	"atazan/store"
)

func charterImportCommand() *command {
	return &command{
		name:    "charter import",
		summary: "import a charter text as a version, or as a parallel text of a draft version",
		help: `Imports the text in --file as version --version of charter --charter. When the
version exists and is a draft, the text is added in its language after its
structure is checked against the version's primary text; every mismatch is
reported. Formats: text (as officially published), md, akn (Akoma Ntoso as
"charter export" writes it), guessed from the file extension when absent.
Bad input changes nothing and names the line at fault.

--json prints {"charter","version","hash","sections","articles","paragraphs",
"points","article_numbers"}.`,
		nargs: 0,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("charter", "", "charter slug, e.g. kz-constitution (required)")
			label := fs.String("version", "", "version label, e.g. \"1995 as amended 2022\" (required)")
			parent := fs.String("parent", "", "label of the parent version")
			lang := fs.String("lang", "", "language of the text: kk, ru or en (required)")
			file := fs.String("file", "", "the text to import (required)")
			format := fs.String("format", "", "text, md or akn (default: from the file extension)")
			title := fs.String("title", "", "charter title when the charter is new (default: the text's title)")
			asJSON := fs.Bool("json", false, "print the result as JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				if err := required("charter", *slug, "version", *label, "lang", *lang, "file", *file); err != nil {
					return err
				}
				l, err := charter.ParseLang(*lang)
				if err != nil {
					return usageError{err.Error()}
				}
				doc, err := readCharterFile(*file, *format, l)
				if err != nil {
					return err
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				v, err := s.ImportVersion(ctx, charter.ImportRequest{Charter: *slug, CharterTitle: *title, Version: *label, Parent: *parent, Doc: doc})
				if err != nil {
					return err
				}
				st := doc.Stats()
				if *asJSON {
					return writeJSON(m.Stdout, struct {
						Charter string `json:"charter"`
						Version string `json:"version"`
						Lang    string `json:"lang"`
						Hash    string `json:"hash"`
						charter.Stats
						LogIndex int64 `json:"log_index"`
					}{v.Charter, v.Label, string(doc.Lang), doc.Hash(), st, v.LogIndex})
				}
				fmt.Fprintf(m.Stderr, "imported %s text of %s %q: %s\n  %d sections, %d articles, %d paragraphs, %d points; log record %d\n",
					doc.Lang, v.Charter, v.Label, doc.Hash(), st.Sections, st.Articles, st.Paragraphs, st.Points, v.LogIndex)
				return nil
			}
		},
	}
}

// readCharterFile reads and parses a charter text, refusing files over the size limit before reading them whole.
func readCharterFile(path, format string, lang charter.Lang) (*charter.Document, error) {
	f := charter.Format(format)
	if f == "" {
		var err error
		if f, err = charter.FormatFromPath(path); err != nil {
			return nil, usageError{err.Error() + "; pass --format"}
		}
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, atazan.Errorf(atazan.ENotFound, "%v", err)
	}
	defer file.Close()
	if st, err := file.Stat(); err == nil && st.Size() > charter.MaxInputSize {
		return nil, &atazan.Error{Code: atazan.ETooLarge, Message: fmt.Sprintf("%s is %d bytes; a charter text may be at most 10 MiB (%d bytes)", path, st.Size(), charter.MaxInputSize)}
	}
	data, err := io.ReadAll(io.LimitReader(file, charter.MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	doc, err := charter.Parse(data, f, lang)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

func charterPublishCommand() *command {
	return &command{
		name:    "charter publish",
		args:    "LABEL",
		summary: "publish a draft version: from then on it never changes",
		nargs:   1,
		help:    `Publishes version LABEL of --charter. A published version is immutable in every language.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("charter", "", "charter slug (required)")
			asJSON := fs.Bool("json", false, "print the version as JSON")
			return func(ctx context.Context, m *Main, args []string) error {
				if *slug == "" {
					return usageError{"--charter is required"}
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				v, err := s.PublishVersion(ctx, *slug, args[0], "")
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(m.Stdout, v)
				}
				fmt.Fprintf(m.Stderr, "published %s %q %s\n", v.Charter, v.Label, v.Hash)
				return nil
			}
		},
	}
}

func charterListCommand() *command {
	return &command{
		name:    "charter list",
		summary: "list charters and their versions",
		nargs:   0,
		help:    `Lists every charter with its versions: label, status, parent, hash and languages.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			asJSON := fs.Bool("json", false, "print as JSON")
			return func(ctx context.Context, m *Main, _ []string) error {
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				cs, err := s.Charters(ctx)
				if err != nil {
					return err
				}
				type entry struct {
					charter.Charter
					Versions []charter.Version `json:"versions"`
				}
				out := []entry{}
				for _, c := range cs {
					vs, err := s.Versions(ctx, c.Slug)
					if err != nil {
						return err
					}
					out = append(out, entry{c, vs})
				}
				if *asJSON {
					return writeJSON(m.Stdout, out)
				}
				// The table is for people: standard error; --json is for programs.
				for _, e := range out {
					fmt.Fprintf(m.Stderr, "%s\t%s\n", e.Slug, e.Title)
					for _, v := range e.Versions {
						langs := ""
						for _, t := range v.Texts {
							langs += string(t.Lang) + " "
						}
						fmt.Fprintf(m.Stderr, "  %-28q %-9s %s  [%s] parent=%q\n", v.Label, v.Status, v.Hash, langs[:max(0, len(langs)-1)], v.Parent)
					}
				}
				return nil
			}
		},
	}
}

// loadPair reads two versions of a charter and their texts in one language.
func loadPair(ctx context.Context, s charter.Store, slug, from, to string, lang charter.Lang) (a, b *charter.Document, ma, mb charter.Meta, err error) {
	va, err := s.Version(ctx, slug, from)
	if err != nil {
		return
	}
	vb, err := s.Version(ctx, slug, to)
	if err != nil {
		return
	}
	if lang == "" {
		lang = va.Lang
	}
	if a, err = s.Document(ctx, slug, from, lang); err != nil {
		return
	}
	if b, err = s.Document(ctx, slug, to, lang); err != nil {
		return
	}
	c, err := s.Charter(ctx, slug)
	if err != nil {
		return
	}
	ma = charter.Meta{Charter: slug, CharterTitle: c.Title, Version: from, Hash: textHash(va, lang), Date: va.CreatedAt}
	mb = charter.Meta{Charter: slug, CharterTitle: c.Title, Version: to, Hash: textHash(vb, lang), Date: vb.CreatedAt}
	return
}

func textHash(v charter.Version, lang charter.Lang) string {
	for _, t := range v.Texts {
		if t.Lang == lang {
			return t.Hash
		}
	}
	return v.Hash
}

func charterDiffCommand() *command {
	return &command{
		name:    "charter diff",
		args:    "FROM TO",
		summary: "show what changed between two versions, unit by unit, with a word-level redline",
		nargs:   2,
		help: `Compares version FROM with version TO of --charter: units added, removed,
changed and renumbered, each changed unit with a word-level redline. Footnotes
are editorial and never shown as changes.

--format json prints {"from","to","changes":[{"unit","change","old","new",…}]}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("charter", "", "charter slug (required)")
			format := fs.String("format", "text", "text, html or json")
			lang := fs.String("lang", "", "language of the texts to compare (default: FROM's primary language)")
			return func(ctx context.Context, m *Main, args []string) error {
				s, l, err := sf.openCharter(ctx, m, *slug, *lang)
				if err != nil {
					return err
				}
				defer s.Close()
				a, b, ma, mb, err := loadPair(ctx, s, *slug, args[0], args[1], l)
				if err != nil {
					return err
				}
				changes := charter.Compare(a, b)
				switch *format {
				case "json":
					if changes == nil {
						changes = []charter.Change{}
					}
					return writeJSON(m.Stdout, struct {
						From     string           `json:"from"`
						To       string           `json:"to"`
						FromHash string           `json:"from_hash"`
						ToHash   string           `json:"to_hash"`
						Changes  []charter.Change `json:"changes"`
					}{args[0], args[1], ma.Hash, mb.Hash, changes})
				case "text":
					return charter.WriteDiffText(m.Stdout, ma, mb, changes)
				case "html":
					return charter.WriteDiffHTML(m.Stdout, ma, mb, changes)
				}
				return usageError{fmt.Sprintf("unknown --format %q: want text, html or json", *format)}
			}
		},
	}
}

func charterTableCommand() *command {
	return &command{
		name:    "charter table",
		args:    "FROM TO",
		summary: "the comparative table of two versions: unit, current wording, new wording",
		nargs:   2,
		help: `Writes the comparative table of legislative drafting: one row per changed unit.
When citizens were consulted on FROM, or TO is a draft a commission made from
FROM, two more columns say where each change came from: the clusters of
proposals on the unit with their counts and decisions, and the commission's
amendments that touched it with their status and last vote (docs/API.md).`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("charter", "", "charter slug (required)")
			format := fs.String("format", "md", "html, csv or md")
			lang := fs.String("lang", "", "language (default: FROM's primary language)")
			return func(ctx context.Context, m *Main, args []string) error {
				write := map[string]func(io.Writer, charter.Meta, charter.Meta, []charter.TableRow) error{
					"html": charter.WriteTableHTML, "csv": charter.WriteTableCSV, "md": charter.WriteTableMarkdown,
				}[*format]
				if write == nil {
					return usageError{fmt.Sprintf("unknown --format %q: want html, csv or md", *format)}
				}
				s, l, err := sf.openCharter(ctx, m, *slug, *lang)
				if err != nil {
					return err
				}
				defer s.Close()
				a, b, ma, mb, err := loadPair(ctx, s, *slug, args[0], args[1], l)
				if err != nil {
					return err
				}
				changes := charter.Compare(a, b)
				rows := charter.Table(changes)
				if err := addOutcome(ctx, s, *slug, args[0], args[1], changes, rows); err != nil {
					return err
				}
				return write(m.Stdout, ma, mb, rows)
			}
		},
	}
}

func charterExportCommand() *command {
	return &command{
		name:    "charter export",
		args:    "VERSION",
		summary: "export a version as Markdown, JSON, HTML or Akoma Ntoso",
		nargs:   1,
		help: `Writes version VERSION of --charter. The md and akn outputs import back to
the same hash with "charter import".`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			slug := fs.String("charter", "", "charter slug (required)")
			format := fs.String("format", "md", "md, json, html or akn")
			lang := fs.String("lang", "", "language (default: the version's primary language)")
			out := fs.String("out", "", "write to this file instead of standard output")
			return func(ctx context.Context, m *Main, args []string) error {
				s, l, err := sf.openCharter(ctx, m, *slug, *lang)
				if err != nil {
					return err
				}
				defer s.Close()
				v, err := s.Version(ctx, *slug, args[0])
				if err != nil {
					return err
				}
				if l == "" {
					l = v.Lang
				}
				doc, err := s.Document(ctx, *slug, args[0], l)
				if err != nil {
					return err
				}
				c, err := s.Charter(ctx, *slug)
				if err != nil {
					return err
				}
				meta := charter.Meta{Charter: *slug, CharterTitle: c.Title, Version: v.Label, Hash: doc.Hash(), Date: v.CreatedAt}
				var data []byte
				switch *format {
				case "md":
					data = charter.ExportMarkdown(doc)
				case "akn":
					data, err = charter.ExportAKN(doc, meta)
				case "html":
					data, err = charter.ExportHTML(doc, meta)
				case "json":
					data, err = json.MarshalIndent(struct {
						Version  charter.Version   `json:"version"`
						Document *charter.Document `json:"document"`
					}{v, doc}, "", "  ")
					data = append(data, '\n')
				default:
					return usageError{fmt.Sprintf("unknown --format %q: want md, json, html or akn", *format)}
				}
				if err != nil {
					return err
				}
				if *out != "" {
					return os.WriteFile(*out, data, 0o644)
				}
				_, err = m.Stdout.Write(data)
				return err
			}
		},
	}
}

func optionalLang(s string) (charter.Lang, error) {
	if s == "" {
		return "", nil
	}
	l, err := charter.ParseLang(s)
	if err != nil {
		return "", usageError{err.Error()}
	}
	return l, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// required returns a usage error naming the first empty flag of the name, value pairs.
func required(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return usageError{fmt.Sprintf("--%s is required", pairs[i])}
		}
	}
	return nil
}

// openCharter checks the --charter and --lang flags of a command that reads a
// charter, then opens the store.
func (f *storeFlags) openCharter(ctx context.Context, m *Main, slug, lang string) (*store.Store, charter.Lang, error) {
	if slug == "" {
		return nil, "", usageError{"--charter is required"}
	}
	l, err := optionalLang(lang)
	if err != nil {
		return nil, "", err
	}
	s, err := f.openStore(ctx, m)
	return s, l, err
}

// addOutcome fills the rows' sources (clusters of proposals) and decisions
// (the commission's amendments and votes), as store.Store.TableOutcome finds them.
func addOutcome(ctx context.Context, s *store.Store, slug, from, to string, changes []charter.Change, rows []charter.TableRow) error {
	vf, err := s.Version(ctx, slug, from)
	if err != nil {
		return err
	}
	vt, err := s.Version(ctx, slug, to)
	if err != nil {
		return err
	}
	out, err := s.TableOutcome(ctx, slug, vf, vt, changes)
	if err != nil {
		return err
	}
	for i, o := range out {
		for _, c := range o.Clusters {
			rows[i].Sources = append(rows[i].Sources, fmt.Sprintf("cluster %d of consultation %d: %d proposals, %s",
				c.ID, c.Consultation, c.Size, consolidate.DecisionText(c.Decision)))
		}
		for _, f := range o.Amendments {
			d := fmt.Sprintf("amendment %d %q: %s", f.Amendment.ID, f.Amendment.Title, f.Amendment.Status)
			if f.Vote != nil && f.Vote.Result != nil {
				r := f.Vote.Result
				verdict := "not adopted"
				if r.Adopted {
					verdict = "adopted"
				}
				d += fmt.Sprintf("; vote at %q (meeting %d): for %d, against %d, abstain %d, %s",
					f.Meeting.Title, f.Meeting.ID, r.Tally.For, r.Tally.Against, r.Tally.Abstain, verdict)
			}
			rows[i].Decisions = append(rows[i].Decisions, d)
		}
	}
	return nil
}

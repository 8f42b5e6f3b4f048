package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"atazan/consolidate"
	"atazan/consult"
)

// campaignFlag adds --campaign, the rule that flags campaigns.
func campaignFlag(fs *flag.FlagSet) *string {
	return fs.String("campaign", consolidate.DefaultCampaignRule.String(),
		"the campaign rule: at least size proposals from at least accounts authors within window")
}

func proposalsReclusterCommand() *command {
	return &command{
		name:    "proposals recluster",
		summary: "rebuild the clusters of a consultation's proposals",
		nargs:   0,
		help: `Recomputes the clusters of every proposal of --consultation, one unit at a
time, and keeps the secretariat's work: proposals moved or split off by hand
stay where they were put, and clusters the secretariat formed, merged into,
decided, gave to a working group or linked to an amendment keep their
members. Each new group keeps the ID of the old cluster most of its members
came from. The changes are logged as cluster.rebuilt records. Prints
{"proposals","kept","changed","new_clusters","first_log_index","last_log_index"}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			id := fs.Int64("consultation", 0, "consultation ID (required)")
			campaign := campaignFlag(fs)
			return func(ctx context.Context, m *Main, _ []string) error {
				if *id <= 0 {
					return usageError{"--consultation is required"}
				}
				rule, err := consolidate.ParseCampaignRule(*campaign)
				if err != nil {
					return usageError{err.Error()}
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				s.CampaignRule = rule
				res, err := s.Recluster(ctx, consult.ConsultationID(*id), 0)
				if err != nil {
					return err
				}
				return writeJSON(m.Stdout, res)
			}
		},
	}
}

func proposalsTableCommand() *command {
	return &command{
		name:    "proposals table",
		summary: "write a consultation's consolidated table, or publish it",
		nargs:   0,
		help: `Writes the consolidated table of --consultation as it stands: for each unit
with proposals, its current wording, the largest clusters' wordings with
their counts, and the decision with its reason. --format md (default), csv
or json. With --publish, freezes the table as the next published table,
logs its SHA-256, and prints {"number","log_index","commit"}.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			id := fs.Int64("consultation", 0, "consultation ID (required)")
			format := fs.String("format", "md", "md, csv or json")
			publish := fs.Bool("publish", false, "publish the table and log it")
			out := fs.String("out", "", "write to this file instead of standard output")
			return func(ctx context.Context, m *Main, _ []string) error {
				if *id <= 0 {
					return usageError{"--consultation is required"}
				}
				if *format != "md" && *format != "csv" && *format != "json" {
					return usageError{fmt.Sprintf("--format %q: want md, csv or json", *format)}
				}
				s, err := sf.openStore(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				if *publish {
					pt, err := s.PublishTable(ctx, consult.ConsultationID(*id), 0)
					if err != nil {
						return err
					}
					return writeJSON(m.Stdout, map[string]any{"number": pt.Number, "log_index": pt.LogIndex, "commit": pt.Commit})
				}
				tab, err := s.ConsolidatedTable(ctx, consult.ConsultationID(*id))
				if err != nil {
					return err
				}
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
				switch *format {
				case "csv":
					err = tab.WriteCSV(bw)
				case "json":
					enc := json.NewEncoder(bw)
					enc.SetIndent("", "  ")
					err = enc.Encode(tab)
				default:
					err = tab.WriteMarkdown(bw)
				}
				if err != nil {
					return err
				}
				return bw.Flush()
			}
		},
	}
}

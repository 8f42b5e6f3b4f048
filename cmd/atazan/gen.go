package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"atazan/charter"
	"atazan/demo"
	"atazan/gen"
	"atazan/identity"
)

func genProposalsCommand() *command {
	return &command{
		name:    "gen proposals",
		summary: "generate a realistic synthetic consultation (kk, ru, en; near-duplicates, campaigns)",
		nargs:   0,
		help: `Writes --count generated proposals on the units of the demo draft: texts in
Kazakh, Russian and English with recurring openings and stock sentences,
near-duplicates (typos, reordered words, added or removed sentences,
truncation, case and punctuation, Cyrillic/Latin look-alikes) and organised
campaigns. The same --seed gives the same proposals.
Formats:
  text       id,text                          (input of "proposals cluster")
  labelled   id,idea,campaign,variant,lang,text (with the ground truth)
  import     the columns of "proposals import"`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			count := fs.Int("count", 1000, "number of proposals")
			seed := fs.Uint64("seed", 1, "random seed")
			citizens := fs.Int("citizens", 0, "distinct authors (default: count/3)")
			campaigns := fs.Int("campaigns", 3, "organised campaigns (0: none)")
			campaignSize := fs.Int("campaign-size", 0, "accounts per campaign (default: 5% of count, at least 50)")
			dupRate := fs.Float64("near-dup-rate", 0.35, "share of proposals that near-duplicate an earlier one (0: none)")
			format := fs.String("format", "text", "text, labelled or import")
			out := fs.String("out", "", "write to this file instead of standard output")
			return func(ctx context.Context, m *Main, _ []string) error {
				doc, err := demo.Document(demo.Draft, "en")
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
				cfg := gen.Config{Seed: *seed, Proposals: *count, Citizens: *citizens, Campaigns: *campaigns, CampaignSize: *campaignSize,
					NearDupRate: *dupRate, Units: units, Regions: identity.DefaultRegions().Codes()}
				if *campaigns == 0 {
					cfg.Campaigns = -1
				}
				if *dupRate == 0 {
					cfg.NearDupRate = -1
				}
				g, err := gen.New(cfg)
				if err != nil {
					return usageError{err.Error()}
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
				defer bw.Flush()
				switch *format {
				case "text":
					err = gen.WriteCSV(bw, g.All())
				case "labelled":
					err = gen.WriteLabelledCSV(bw, g.All())
				case "import":
					cw := csv.NewWriter(bw)
					cw.Write([]string{"source_channel", "source_ref", "received", "region", "unit", "kind", "text", "rationale"})
					day := time.Now().Format(time.DateOnly)
					for p, ok := g.Next(); ok; p, ok = g.Next() {
						cw.Write([]string{"letter", "GEN-" + strconv.Itoa(p.Index), day, p.Region, string(p.Unit), p.Kind, p.Text, p.Rationale})
					}
					cw.Flush()
					err = cw.Error()
				default:
					return usageError{fmt.Sprintf("unknown --format %q: text, labelled or import", *format)}
				}
				if err != nil {
					return err
				}
				return bw.Flush()
			}
		},
	}
}

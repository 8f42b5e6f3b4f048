package consolidate

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"atazan/charter"
	"atazan/consult"
	"atazan/ledger"
)

// TopWordings is how many proposed wordings a row of the consolidated table
// shows: the largest clusters on the unit.
const TopWordings = ledger.TableTopWordings

// Entry is one proposed wording in the consolidated table: a cluster.
type Entry struct {
	Cluster        ClusterID          `json:"cluster"`
	Representative consult.ProposalID `json:"representative"` // the earliest visible member
	Text           string             `json:"text"`           // the representative's text
	Count          int                `json:"count"`          // proposals not hidden by moderation
	Supports       int                `json:"supports"`
	Campaign       bool               `json:"campaign"`
	Decision       Decision           `json:"decision"`
	Reason         string             `json:"reason,omitempty"`
}

// Row is one unit of the consolidated table.
type Row struct {
	Unit      charter.UnitID `json:"unit"`
	Label     string         `json:"label"`
	Current   string         `json:"current"`   // the unit's wording in the version under consultation
	Proposals int            `json:"proposals"` // visible proposals on the unit, in every cluster
	Clusters  int            `json:"clusters"`  // clusters on the unit with a visible proposal
	Decided   int            `json:"decided"`   // of them, with a decision
	Entries   []Entry        `json:"entries"`   // the TopWordings largest clusters
}

// Table is the consolidated table of a consultation: the comparative table
// extended with what citizens proposed and what became of it.
type Table struct {
	Consultation int64  `json:"consultation"`
	Charter      string `json:"charter"`
	Version      string `json:"version"`
	VersionHash  string `json:"version_hash"`
	Rows         []Row  `json:"rows"`
}

// BuildRows makes the rows from the live clusters of a consultation: one row
// per unit with at least one visible proposal, in the document's order (the
// version as a whole first), entries by count then supports then ID. A
// cluster whose members are all hidden is left out. doc gives the current
// wording; units it does not hold keep an empty wording.
func BuildRows(doc *charter.Document, clusters []Cluster) []Row {
	by := map[charter.UnitID][]Entry{}
	for _, c := range clusters {
		if !c.Live() || c.Visible == 0 {
			continue
		}
		by[c.Unit] = append(by[c.Unit], Entry{Cluster: c.ID, Representative: c.Representative, Text: c.Text, Count: c.Visible, Supports: c.Supports,
			Campaign: c.Campaign, Decision: c.Decision, Reason: c.Reason})
	}
	order := map[charter.UnitID]int{"": 0}
	if doc != nil {
		doc.Walk(func(u *charter.Unit, _ *charter.Unit) bool {
			order[u.ID] = len(order)
			return true
		})
	}
	units := make([]charter.UnitID, 0, len(by))
	for u := range by {
		units = append(units, u)
	}
	slices.SortFunc(units, func(a, b charter.UnitID) int {
		oa, ka := order[a]
		ob, kb := order[b]
		if ka != kb { // units the document does not hold go last
			if ka {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(oa, ob), cmp.Compare(a, b))
	})
	rows := make([]Row, 0, len(units))
	for _, u := range units {
		es := by[u]
		slices.SortFunc(es, func(a, b Entry) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(b.Supports, a.Supports), cmp.Compare(a.Cluster, b.Cluster))
		})
		r := Row{Unit: u, Label: label(u), Clusters: len(es)}
		for _, e := range es {
			r.Proposals += e.Count
			if e.Decision != Pending {
				r.Decided++
			}
		}
		if doc != nil && u != "" {
			if unit := doc.Find(u); unit != nil {
				r.Current = unit.Wording()
			}
		}
		r.Entries = es[:min(len(es), TopWordings)]
		rows = append(rows, r)
	}
	return rows
}

func label(u charter.UnitID) string {
	if u == "" {
		return "The version as a whole"
	}
	return charter.UnitLabel(u)
}

// CSVHeader is the header of the consolidated table in CSV: one line per entry.
var CSVHeader = []string{"unit", "label", "current_wording", "unit_proposals", "cluster", "proposed_wording", "count", "supports", "campaign", "decision", "reason"}

// WriteCSV writes the table as CSV (RFC 4180), one line per proposed wording.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range t.Rows {
		for _, e := range r.Entries {
			rec := []string{string(r.Unit), r.Label, r.Current, strconv.Itoa(r.Proposals), strconv.FormatInt(int64(e.Cluster), 10),
				e.Text, strconv.Itoa(e.Count), strconv.Itoa(e.Supports), strconv.FormatBool(e.Campaign), string(e.Decision), e.Reason}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteMarkdown writes the table as a Markdown document: a heading per
// unit, its current wording quoted, and a table of the proposed wordings.
func (t *Table) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Consolidated table: %s, %s\n\n", t.Charter, t.Version)
	fmt.Fprintf(&b, "Consultation %d on version hash `%s`.\n", t.Consultation, t.VersionHash)
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "\n## %s (`%s`)\n\n", r.Label, r.Unit)
		if r.Current != "" {
			for line := range strings.SplitSeq(r.Current, "\n") {
				fmt.Fprintf(&b, "> %s\n", line)
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d proposals in %d clusters, %d decided.\n\n", r.Proposals, r.Clusters, r.Decided)
		b.WriteString("| cluster | proposed wording | count | supports | decision | reason |\n| --- | --- | --- | --- | --- | --- |\n")
		for _, e := range r.Entries {
			text := mdCell(e.Text)
			if e.Campaign {
				text = "**campaign** " + text
			}
			fmt.Fprintf(&b, "| %d | %s | %d | %d | %s | %s |\n", e.Cluster, text, e.Count, e.Supports, mdCell(DecisionText(e.Decision)), mdCell(e.Reason))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DecisionText is the English wording of a decision.
func DecisionText(d Decision) string {
	switch d {
	case Accepted:
		return "taken into account"
	case Partly:
		return "partly taken into account"
	case Rejected:
		return "not taken into account"
	case OutOfScope:
		return "outside the charter's scope"
	}
	return "no decision yet"
}

var mdEscaper = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func mdCell(s string) string { return mdEscaper.Replace(s) }

package consult

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"time"
)

// ExportColumns are the columns of the open-data CSV of proposals, in order.
// They carry the author's pseudonymous key (the one the public log uses) and
// never a name, national ID number or e-mail. A hidden proposal keeps its
// row, status and reason, and the commitments of its texts, but not the texts.
var ExportColumns = []string{"id", "consultation", "author", "unit", "kind", "lang", "region", "channel", "received",
	"status", "hidden_reason", "supports", "comments", "created_at", "log_index", "text_commit", "rationale_commit", "text", "rationale"}

// Exporter writes proposals as open data, CSV or JSON Lines (one object per
// line, the fields of Proposal's JSON).
type Exporter struct {
	csv  *csv.Writer
	json *json.Encoder
}

// NewExporter returns an exporter writing format "csv" or "jsonl" to w; the
// CSV header is written at once.
func NewExporter(w io.Writer, format string) (*Exporter, error) {
	switch format {
	case "csv":
		c := csv.NewWriter(w)
		return &Exporter{csv: c}, c.Write(ExportColumns)
	case "jsonl":
		e := json.NewEncoder(w)
		e.SetEscapeHTML(false)
		return &Exporter{json: e}, nil
	}
	return nil, &unknownFormat{format}
}

type unknownFormat struct{ f string }

func (e *unknownFormat) Error() string {
	return "unknown export format " + strconv.Quote(e.f) + ": csv or jsonl"
}

// Write writes one proposal.
func (x *Exporter) Write(p Proposal) error {
	if x.json != nil {
		return x.json.Encode(p)
	}
	return x.csv.Write([]string{
		strconv.FormatInt(int64(p.ID), 10), strconv.FormatInt(int64(p.Consultation), 10), p.Author, string(p.Unit), string(p.Kind),
		string(p.Lang), p.Region, string(p.Channel), p.Received.String(), string(p.Status), string(p.HiddenReason),
		strconv.Itoa(p.Supports), strconv.Itoa(p.Comments), p.CreatedAt.UTC().Format(time.RFC3339), strconv.FormatInt(p.LogIndex, 10),
		p.TextCommit, p.RationaleCommit, p.Text, p.Rationale,
	})
}

// Flush writes any buffered data.
func (x *Exporter) Flush() error {
	if x.csv != nil {
		x.csv.Flush()
		return x.csv.Error()
	}
	return nil
}

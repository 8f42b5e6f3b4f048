package charter

// This file declares the comparison API; its bodies are placeholders until
// table.go lands.

import "io"

// TableRow is one row of a comparative table.
type TableRow struct {
	Unit    UnitID     `json:"unit"`
	Label   string     `json:"label"` // e.g. "Article 5, paragraph 2"
	Change  ChangeKind `json:"change"`
	Current string     `json:"current"`
	New     string     `json:"new"`
}

// Table returns the comparative table of the changes: one row per changed unit.
func Table(changes []Change) []TableRow { return nil }

// WriteTableCSV, WriteTableMarkdown and WriteTableHTML write a comparative table.
func WriteTableCSV(w io.Writer, m1, m2 Meta, rows []TableRow) error      { return nil }
func WriteTableMarkdown(w io.Writer, m1, m2 Meta, rows []TableRow) error { return nil }
func WriteTableHTML(w io.Writer, m1, m2 Meta, rows []TableRow) error     { return nil }

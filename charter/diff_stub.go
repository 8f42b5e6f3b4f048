package charter

// This file declares the comparison API; its bodies are placeholders until
// diff.go and table.go land.

import "io"

// ChangeKind says how a unit differs between two versions.
type ChangeKind string

const (
	ChangeChanged    ChangeKind = "changed"
	ChangeAdded      ChangeKind = "added"
	ChangeRemoved    ChangeKind = "removed"
	ChangeRenumbered ChangeKind = "renumbered"
)

// Change is one unit whose normative text differs between two versions.
// Old and New are the unit's normative wording as displayed (heading and text;
// empty for the side where the unit does not exist). A renumbered unit has
// OldUnit set to its ID in the older version.
type Change struct {
	Unit    UnitID     `json:"unit"`
	OldUnit UnitID     `json:"old_unit,omitempty"`
	Kind    Kind       `json:"kind"`
	Change  ChangeKind `json:"change"`
	Old     string     `json:"old"`
	New     string     `json:"new"`
	Redline []Segment  `json:"redline,omitempty"`
}

// Compare returns the units whose normative text differs between from and
// to, in document order of to (removed units at the position they had in from).
// Footnotes are ignored.
func Compare(from, to *Document) []Change { return nil }

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

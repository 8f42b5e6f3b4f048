package charter

// This file declares the parsing and export API; its bodies are placeholders
// until the parsers land (parse_text.go, parse_markdown.go, akn.go, markdown.go).

import (
	"errors"
	"time"
)

// Format is an input or output format of a charter text.
type Format string

const (
	FormatText     Format = "text" // plain text as officially published
	FormatMarkdown Format = "md"
	FormatAKN      Format = "akn" // Akoma Ntoso 3.0 XML as ExportAKN writes it
)

// MaxInputSize is the largest charter file accepted (10 MiB).
const MaxInputSize = 10 << 20

// FormatFromPath guesses a format from a file name: .txt → text, .md → md,
// .xml and .akn → akn.
func FormatFromPath(path string) (Format, error) { return "", errors.New("not implemented") }

// Parse reads a charter text in the format. Every failure is an
// *atazan.Error naming the 1-based line at fault (Line 0 for whole-file
// faults such as size or emptiness). The returned document has its IDs assigned.
func Parse(data []byte, format Format, lang Lang) (*Document, error) {
	return nil, errors.New("not implemented")
}

// Meta describes a version for exports that carry metadata.
type Meta struct {
	Charter      string    // slug
	CharterTitle string    // e.g. "Constitution of the Republic of Kazakhstan"
	Version      string    // label
	Hash         string    // content hash, "sha256:..."
	Date         time.Time // creation (or publication) date of the version
}

// ExportMarkdown writes the document in the Markdown format that Parse reads back to the same hash.
func ExportMarkdown(d *Document) []byte { return nil }

// ExportAKN writes the document as Akoma Ntoso 3.0 that Parse reads back to the same hash.
func ExportAKN(d *Document, m Meta) ([]byte, error) { return nil, errors.New("not implemented") }

// Mismatch is one structural difference between parallel texts.
type Mismatch struct {
	Unit    UnitID `json:"unit"`
	Message string `json:"message"`
}

// CompareStructure checks that a parallel text has the same units, in the
// same order, with the same kinds and numbers, as the primary text, and
// returns every mismatch (none when they align).
func CompareStructure(primary, other *Document) []Mismatch { return nil }

// ExportHTML writes the document as a standalone, printable HTML page.
func ExportHTML(d *Document, m Meta) ([]byte, error) { return nil, errors.New("not implemented") }

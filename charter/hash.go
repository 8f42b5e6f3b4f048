package charter

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// canonicalHeader opens every canonical serialization; it names the format
// version so that a later change of format can never collide with this one.
const canonicalHeader = "atazan-charter-text/v1\n"

// Canonical returns the canonical serialization of the document's normative
// text, the bytes that Hash covers. It is specified here, and in
// docs/CHARTER.md, so that anyone can recompute a version hash:
//
//   - The serialization starts with the line "atazan-charter-text/v1".
//   - Then one line per unit, in document order (a unit before its children):
//     five fields separated by one TAB (U+0009) and ended by one LF (U+000A):
//     ID, kind, number, heading, text.
//   - Every field is normalized to Unicode NFC; in the text, each line is
//     trimmed of surrounding white space and runs of white space inside it are
//     folded to one space; blank lines are dropped.
//   - Inside a field, a backslash is written "\\", a TAB "\t" and a line
//     break "\n" (two characters each), so that fields never contain a raw
//     TAB or LF.
//   - The document title, the language and footnotes are not serialized: the
//     title and footnotes are not normative, and parallel texts in different
//     languages are compared by their own hashes.
func (d *Document) Canonical() []byte {
	var b strings.Builder
	b.WriteString(canonicalHeader)
	d.Walk(func(u, _ *Unit) bool {
		fields := [...]string{string(u.ID), string(u.Kind), u.Number, u.Heading, NormalizeText(u.Text)}
		for i, f := range fields {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(escapeField(norm.NFC.String(f)))
		}
		b.WriteByte('\n')
		return true
	})
	return []byte(b.String())
}

// Hash returns the content hash of the document's normative text:
// "sha256:" followed by the lowercase hex SHA-256 of Canonical.
func (d *Document) Hash() string {
	sum := sha256.Sum256(d.Canonical())
	return "sha256:" + hex.EncodeToString(sum[:])
}

// NormalizeText trims each line, folds runs of white space inside a line to
// one space and drops blank lines. Parsers store text already normalized.
func NormalizeText(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var fieldEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`)

func escapeField(s string) string { return fieldEscaper.Replace(s) }

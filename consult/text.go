package consult

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"atazan"
)

// Limits of the texts citizens write, counted in characters (Unicode code
// points after normalization), not bytes: a Kazakh or Russian letter is one
// character but two bytes.
const (
	MaxTextChars      = 5000 // a proposal's wording
	MaxRationaleChars = 5000 // a proposal's rationale
	MinRationaleChars = 10   // a rationale must say something
	MaxCommentChars   = 2000 // a comment or a reply
	MaxNoteChars      = 1000 // a moderator's note, a report, a request for review
)

// NormalizeText returns the form in which a citizen's text is kept, hashed
// and committed to: invalid UTF-8 is refused elsewhere; here CRLF and lone
// CR become LF, the text is put in Unicode NFC (so "й" typed as и + U+0306
// and as one code point are the same text), and white space is trimmed at
// both ends. White space inside the text, and case, are kept.
func NormalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(norm.NFC.String(s))
}

// checkText normalizes s and checks it against the rules every free text
// follows: valid UTF-8; no control characters other than LF and TAB (C0, DEL
// and C1 controls are refused) and no bidirectional embedding, override or
// isolate characters (U+202A-U+202E, U+2066-U+2069), which can make a text
// display differently from what it says; at most max characters. When
// required, the normalized text must not be empty. what names the text in
// messages ("text", "rationale"); field is the input field in errors.
func checkText(field, what, s string, required bool, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", atazan.FieldErrorf(field, "%s contains bytes that are not UTF-8 text", what)
	}
	s = NormalizeText(s)
	if s == "" {
		if required {
			return "", atazan.FieldErrorf(field, "%s is required", what)
		}
		return "", nil
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) {
			return "", atazan.FieldErrorf(field, "%s contains a control character (U+%04X); only line breaks and tabs are allowed", what, r)
		}
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return "", atazan.FieldErrorf(field, "%s contains a bidirectional formatting character (U+%04X), which can hide what the text says", what, r)
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		// EInvalid, not ETooLarge: the form was read; one of its fields
		// breaks a rule and the page shows the error next to it.
		return "", atazan.FieldErrorf(field, "%s is %s characters; the limit is %s", what, thousands(n), thousands(max))
	}
	return s, nil
}

// thousands writes n with commas between groups of three digits: 5,214.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// quote writes a user-supplied identifier for a message, cut to 60
// characters so that a pasted paragraph does not fill the error.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return strconv.Quote(s)
}

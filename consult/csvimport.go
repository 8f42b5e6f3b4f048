package consult

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"atazan"
	"atazan/charter"
)

// Limits of an import file.
const (
	MaxImportBytes = 64 << 20 // 64 MiB
	MaxImportRows  = 100_000  // data rows, not counting the header
	// MaxImportErrors is how many errors ParseImport lists; a file with more
	// (say, one saved in another encoding) gets a last error counting the rest.
	MaxImportErrors   = 1000
	maxSourceRefChars = 200
	maxRegionChars    = 100
)

// Channel is how a proposal reached the platform when not through its own pages.
type Channel string

const (
	ChannelLetter Channel = "letter" // a paper letter, registered by the secretariat
	ChannelEmail  Channel = "email"
	ChannelPortal Channel = "portal" // another portal, such as eGov.kz
	ChannelOther  Channel = "other"  // a hotline, a public hearing, …
)

// Channels lists the channels.
var Channels = []Channel{ChannelLetter, ChannelEmail, ChannelPortal, ChannelOther}

// importColumns are the columns of an import file; required ones first.
var importColumns = []string{"source_channel", "source_ref", "received", "region", "unit", "kind", "text", "rationale"}

func optionalColumn(c string) bool { return c == "rationale" }

// ImportRow is one proposal of an import file that broke no rule.
type ImportRow struct {
	Line      int // the row's first line in the file (the header is line 1)
	Channel   Channel
	SourceRef string
	Received  Date
	Region    string
	Unit      charter.UnitID
	Kind      Kind
	Text      string // normalized as by Validate
	Rationale string // normalized; may be ""
	Lang      charter.Lang
}

// RowError is one rule an import file breaks. Line is the 1-based line of
// the row (of its first line when a quoted text spans several), 1 for the
// header, 0 for the file as a whole; Column is the column at fault, if any.
type RowError struct {
	Line    int
	Column  string
	Code    string // an atazan error code: invalid, too_large, or internal for a read error
	Message string
}

func (e RowError) Error() string {
	switch {
	case e.Line > 0 && e.Column != "":
		return fmt.Sprintf("line %d, %s: %s", e.Line, e.Column, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// AsError returns the error as an *atazan.Error with its Line and Field.
func (e RowError) AsError() *atazan.Error {
	return &atazan.Error{Code: e.Code, Line: e.Line, Field: e.Column, Message: e.Message}
}

// ParseImport reads an import file of proposals that arrived by other
// channels and checks every row against doc, the version under
// consultation, and regionOK, which reports whether the platform knows a
// region (nil accepts any non-empty region of at most 100 characters). It returns
// the rows that broke no rule and an error for every rule broken, in file
// order. Callers import nothing unless the error list is empty, so that a
// corrected file can be imported again without duplicates.
//
// A file over MaxImportBytes or with more than MaxImportRows rows is
// refused with an ETooLarge error; a header with an unknown, repeated or
// missing column stops the check at line 1.
//
// # Format
//
// The secretariat types or exports proposals received by letter, by e-mail
// or through other portals into a CSV file (RFC 4180: comma-separated,
// fields with commas, quotes or line breaks in double quotes, quotes inside
// doubled; UTF-8, with or without a byte order mark). The first line is the
// header; it must have every column but rationale, in any order, and
// names are matched without regard to case or surrounding spaces. Values
// are trimmed of surrounding spaces (texts as by NormalizeText):
//
//	source_channel  letter, email, portal or other (required)
//	source_ref      the channel's reference: a letter's registration number,
//	                a message ID; unique within the file; at most 200 characters (required)
//	received        the day it arrived, YYYY-MM-DD (required)
//	region          the author's region, one the platform knows (required)
//	unit            a unit ID of the version, as for Validate; empty only for a comment
//	kind            amend, insert_after, delete or comment (required)
//	text            as for Validate: required except for a delete; at most 5,000 characters
//	rationale       optional; at most 5,000 characters (a letter's argument is
//	                often in its text, so an import does not require one)
//
// For example:
//
//	source_channel,source_ref,received,region,unit,kind,text,rationale
//	letter,ВХ-2026/0153,2026-03-04,shymkent,art_7__para_2,amend,"Мемлекеттік тіл – қазақ тілі.","Қысқа әрі анық."
//	email,<CA+1x@mail.kz>,2026-03-05,almaty,,comment,"Прошу провести обсуждение в каждом районе.",
//
// Rows whose fields are all empty (spreadsheets leave them at the end) are
// skipped.
//
// ParseImport returns the rows that are valid and an error for every rule
// broken. The caller decides: by default a file with any error imports
// nothing; an operator may choose to import only the valid rows. When the
// file as a whole is at fault (size, header, encoding), no row is returned.
func ParseImport(r io.Reader, doc *charter.Document, regionOK func(string) bool) ([]ImportRow, []RowError) {
	return parseImport(r, doc, regionOK, MaxImportBytes, MaxImportRows)
}

type importErrors struct {
	list    []RowError
	dropped int
}

func (l *importErrors) add(line int, column, code, format string, args ...any) {
	if len(l.list) >= MaxImportErrors {
		l.dropped++
		return
	}
	l.list = append(l.list, RowError{Line: line, Column: column, Code: code, Message: fmt.Sprintf(format, args...)})
}

// addErr adds err, an error of a shared rule, to the list at line.
func (l *importErrors) addErr(line int, column string, err error) {
	var e *atazan.Error
	if errors.As(err, &e) {
		if e.Field != "" {
			column = e.Field
		}
		l.add(line, column, e.Code, "%s", e.Message)
		return
	}
	l.add(line, column, atazan.EInternal, "%v", err)
}

func (l *importErrors) result() []RowError {
	if l.dropped > 0 {
		l.list = append(l.list, RowError{Code: atazan.EInvalid,
			Message: fmt.Sprintf("and %s more errors not listed; correct the ones above and check the file again", thousands(l.dropped))})
	}
	return l.list
}

func parseImport(r io.Reader, doc *charter.Document, regionOK func(string) bool, maxBytes int64, maxRows int) ([]ImportRow, []RowError) {
	var errs importErrors
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		errs.add(0, "", atazan.EInternal, "reading the file: %v", err)
		return nil, errs.result()
	}
	if int64(len(data)) > maxBytes {
		errs.add(0, "", atazan.ETooLarge, "the file is larger than %s; split it into several files", sizeName(maxBytes))
		return nil, errs.result()
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if err == io.EOF {
		errs.add(0, "", atazan.EInvalid, "the file is empty; its first line must be the header: %s", strings.Join(importColumns, ","))
		return nil, errs.result()
	}
	if err != nil {
		errs.add(1, "", atazan.EInvalid, "%s", csvMessage(err))
		return nil, errs.result()
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !utf8.ValidString(h):
			errs.add(1, "", atazan.EInvalid, "column %d: the name has bytes that are not UTF-8 text", i+1)
		case !known(name):
			errs.add(1, name, atazan.EInvalid, "unknown column %s; the columns are %s", quote(name), strings.Join(importColumns, ", "))
		case col[name] > 0:
			errs.add(1, name, atazan.EInvalid, "column %s appears twice, as columns %d and %d", name, col[name], i+1)
		default:
			col[name] = i + 1 // 1-based, so 0 means absent
		}
	}
	for _, c := range importColumns {
		if col[c] == 0 && !optionalColumn(c) {
			errs.add(1, c, atazan.EInvalid, "missing column %s", c)
		}
	}
	if len(errs.list) > 0 {
		return nil, errs.result()
	}

	var rows []ImportRow
	seen := map[string]int{} // source_ref → line
	nrows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var line int
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			nrows++
			if nrows > maxRows {
				errs.add(line, "", atazan.ETooLarge, "the file has more than %s rows; split it into several files", thousands(maxRows))
				return nil, errs.result()
			}
			errs.add(line, "", atazan.EInvalid, "%s", csvMessage(err))
			continue
		}
		line, _ = cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		nrows++
		if nrows > maxRows {
			errs.add(line, "", atazan.ETooLarge, "the file has more than %s rows; split it into several files", thousands(maxRows))
			return nil, errs.result()
		}
		if len(rec) != len(header) {
			errs.add(line, "", atazan.EInvalid, "the row has %d fields; the header has %d", len(rec), len(header))
			continue
		}
		if row, ok := checkRow(&errs, line, rec, col, seen, doc, regionOK); ok {
			rows = append(rows, row)
		}
	}
	return rows, errs.result()
}

// checkRow checks every field of one row and adds an error for each rule
// broken; ok is false when there was any.
func checkRow(errs *importErrors, line int, rec []string, col map[string]int, seen map[string]int, doc *charter.Document, regionOK func(string) bool) (row ImportRow, ok bool) {
	before := len(errs.list) + errs.dropped
	get := func(c string) (string, bool) {
		if col[c] == 0 {
			return "", true
		}
		v := rec[col[c]-1]
		if !utf8.ValidString(v) {
			errs.add(line, c, atazan.EInvalid, "bytes that are not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8)")
			return "", false
		}
		return v, true
	}
	row.Line = line

	if v, ok := get("source_channel"); ok {
		row.Channel = Channel(strings.TrimSpace(v))
		if !validChannel(row.Channel) {
			errs.add(line, "source_channel", atazan.EInvalid, "unknown channel %s; the channels are letter, email, portal and other", quote(string(row.Channel)))
		}
	}
	if v, ok := get("source_ref"); ok {
		row.SourceRef = strings.TrimSpace(v)
		switch n := utf8.RuneCountInString(row.SourceRef); {
		case n == 0:
			errs.add(line, "source_ref", atazan.EInvalid, "source_ref is required: the letter's registration number, the message ID")
		case n > maxSourceRefChars:
			errs.add(line, "source_ref", atazan.EInvalid, "source_ref is %s characters; the limit is %d", thousands(n), maxSourceRefChars)
		case seen[row.SourceRef] > 0:
			errs.add(line, "source_ref", atazan.EInvalid, "source_ref %s already appears on line %d", quote(row.SourceRef), seen[row.SourceRef])
		default:
			seen[row.SourceRef] = line
		}
	}
	if v, ok := get("received"); ok {
		d, err := ParseDate(strings.TrimSpace(v))
		if err != nil {
			errs.add(line, "received", atazan.EInvalid, "%v", err)
		}
		row.Received = d
	}
	if v, ok := get("region"); ok {
		row.Region = strings.TrimSpace(v)
		switch n := utf8.RuneCountInString(row.Region); {
		case n == 0:
			errs.add(line, "region", atazan.EInvalid, "region is required")
		case n > maxRegionChars || regionOK != nil && !regionOK(row.Region):
			errs.add(line, "region", atazan.EInvalid, "unknown region %s", quote(row.Region))
		}
	}
	kindOK := false
	if v, ok := get("kind"); ok {
		row.Kind = Kind(strings.TrimSpace(v))
		if err := row.Kind.Valid(); err != nil {
			errs.addErr(line, "kind", err)
		} else {
			kindOK = true
		}
	}
	if v, ok := get("unit"); ok {
		unit := strings.TrimSpace(v)
		row.Unit = charter.UnitID(unit)
		if kindOK || unit != "" {
			if err := checkUnit(unit, row.Kind, doc); err != nil {
				errs.addErr(line, "unit", err)
			}
		}
	}
	if v, ok := get("text"); ok {
		text, err := checkText("text", "text", v, row.Kind != KindDelete, MaxTextChars)
		if err != nil {
			errs.addErr(line, "text", err)
		}
		row.Text = text
	}
	if v, ok := get("rationale"); ok {
		r, err := checkText("rationale", "rationale", v, false, MaxRationaleChars)
		if err != nil {
			errs.addErr(line, "rationale", err)
		}
		row.Rationale = r
	}
	row.Lang = DetectLanguage(row.Text + "\n" + row.Rationale)
	return row, len(errs.list)+errs.dropped == before
}

func known(c string) bool {
	for _, k := range importColumns {
		if c == k {
			return true
		}
	}
	return false
}

func validChannel(c Channel) bool {
	for _, v := range Channels {
		if c == v {
			return true
		}
	}
	return false
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvMessage turns a CSV syntax error into a message that names the fix.
func csvMessage(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `a field has a double quote (") but does not start with one; put the field in double quotes and double the quotes inside ("")`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted field has no closing double quote, or a quote inside it is not doubled ("")`
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func sizeName(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return thousands(int(n)) + " bytes"
}

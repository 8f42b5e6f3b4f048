package referendum

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"atazan"
)

// Mapping says which column of a protocol file holds what: it maps our
// names to the text of the file's header. Our names are "region",
// "district" and "precinct" (the precinct's codes, all three required),
// "abroad" (optional; whether the precinct's region is abroad, read only
// when the import creates the structure), and the protocol fields of the
// referendum's form. The fields in RequiredFields must be mapped; a form
// field left out of the mapping is not reported by any row, and columns the
// mapping does not name are ignored. Header texts are matched after
// trimming surrounding spaces and a byte order mark, without regard to case.
//
// Its file form is a JSON object, for example:
//
//	{
//	  "region": "region",
//	  "district": "tik",
//	  "precinct": "uik",
//	  "registered": "Число участников голосования, включенных в список …",
//	  "in_boxes": "Число бюллетеней, содержащихся в ящиках для голосования",
//	  "invalid": "Число недействительных бюллетеней",
//	  "yes": "ДА",
//	  "no": "НЕТ"
//	}
type Mapping map[string]string

// codeKeys are the mapping's keys for a precinct's codes.
var codeKeys = []string{"region", "district", "precinct"}

// ParseMapping reads a mapping from its JSON form and checks it against
// DefaultForm; ImportProtocols checks it against the form it is given.
// Errors are EInvalid with Field "mapping".
func ParseMapping(r io.Reader) (Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return nil, atazan.FieldErrorf("mapping", "is not a JSON object of our names to header texts: %v", err)
	}
	if dec.More() {
		return nil, atazan.FieldErrorf("mapping", "has text after its JSON object")
	}
	if err := m.Check(DefaultForm()); err != nil {
		return nil, err
	}
	return m, nil
}

// Check checks that every key is known to form, that the codes and the
// required fields are mapped, and that no two keys name the same column.
func (m Mapping) Check(form Form) error {
	fields := form.Set()
	cols := map[string]string{}
	for k, v := range m {
		if f, ok := ParseField(k); ok {
			if !fields.Has(f) {
				return atazan.FieldErrorf("mapping", "%s is not a field of this referendum's protocol form (%s)", k, strings.Join(form.Names(), ", "))
			}
		} else if !slices.Contains(codeKeys, k) && k != "abroad" {
			return atazan.FieldErrorf("mapping", "unknown name %q; known: region, district, precinct, abroad and the protocol fields %s", k, strings.Join(form.Names(), ", "))
		}
		h := headerKey(v)
		if h == "" {
			return atazan.FieldErrorf("mapping", "%s maps to an empty header", k)
		}
		if other, ok := cols[h]; ok {
			return atazan.FieldErrorf("mapping", "%s and %s map to the same column %q", min(k, other), max(k, other), v)
		}
		cols[h] = k
	}
	for _, k := range codeKeys {
		if m[k] == "" {
			return atazan.FieldErrorf("mapping", "the column of %s must be mapped", k)
		}
	}
	for _, f := range RequiredFields {
		if m[f.String()] == "" {
			return atazan.FieldErrorf("mapping", "the column of %s must be mapped", f)
		}
	}
	return nil
}

// headerKey folds a header text for matching.
func headerKey(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
}

// ImportOptions are the choices of an import besides its file and mapping.
type ImportOptions struct {
	// Form is the referendum's protocol form; nil means DefaultForm.
	Form Form
	// CreateStructure builds regions, districts and precincts from the file,
	// taking a precinct's registered voters from its row; otherwise every
	// row must name a precinct already in the structure.
	CreateStructure bool
	// Revision is the number given to every imported protocol (0 means 1);
	// Reason its reason, required when Revision > 1.
	Revision int
	Reason   string
	// MaxRejections caps the rejections listed in the report (0 means
	// 10,000); the report still counts all of them.
	MaxRejections int
}

// ImportedRow is one accepted row of a protocol file.
type ImportedRow struct {
	Line       int
	Revision   Revision
	Violations []Violation // warnings only: the row is accepted and flagged
}

// Rejection is a row of a protocol file that is not accepted, with the
// rules it breaks. Precinct is "region / district / precinct" as the row
// names it.
type Rejection struct {
	Line     int      `json:"line"`
	Precinct string   `json:"precinct"`
	Rules    []string `json:"rules"`
	Messages []string `json:"messages"`
}

// ImportReport says what an import did.
type ImportReport struct {
	Rows          int            `json:"rows"`     // data rows read (rows with every cell empty are skipped)
	Accepted      int            `json:"accepted"` // rows passed to the caller
	Flagged       int            `json:"flagged"`  // accepted rows with at least one warning
	Warnings      map[string]int `json:"warnings"` // accepted rows per warning rule
	RejectedCount int            `json:"rejected_count"`
	Rejected      []Rejection    `json:"rejected"` // at most MaxRejections, in file order
}

// The import's own rules, besides the control relations of Rules.
const (
	// RuleKnownPrecinct rejects a row whose precinct is not in the
	// structure (or, when the import creates it, whose codes are not valid).
	RuleKnownPrecinct = "known_precinct"
	// RuleUniquePrecinct rejects a second row for a precinct already in the file.
	RuleUniquePrecinct = "unique_precinct"
)

// ImportProtocols reads a protocol file (CSV, RFC 4180, UTF-8 with or
// without a byte order mark, the first line a header) and streams it: each
// row is accepted or rejected on its own, and every accepted row is passed
// to accept in file order (an error from accept stops the import and is
// returned). A row is rejected when it breaks a control relation of
// severity Error, names a precinct not in s (RuleKnownPrecinct), or names
// a precinct an earlier row named (RuleUniquePrecinct). A cell that is
// not a whole number breaks non_negative ("is not a whole number"); an
// empty cell is not reported, so a required field left empty breaks
// required. Rows whose cells are all empty are skipped.
//
// With opts.CreateStructure, precincts are added to s as rows name them,
// with the registered voters of their row (a row whose registered voters
// are not a whole number of zero or more adds no precinct).
//
// The error is for the file as a whole: a mapping that does not fit the
// form, a header without a mapped column (line 1), a CSV syntax error
// (naming its line), a read error, or accept's error.
func ImportProtocols(r io.Reader, m Mapping, s *Structure, opts ImportOptions, accept func(ImportedRow) error) (*ImportReport, error) {
	form := opts.Form
	if form == nil {
		form = DefaultForm()
	}
	if err := m.Check(form); err != nil {
		return nil, err
	}
	number := opts.Revision
	if number == 0 {
		number = 1
	}
	if err := checkRevision(&Revision{Number: number, Reason: opts.Reason}, 0); err != nil {
		return nil, err
	}
	maxRej := opts.MaxRejections
	if maxRej == 0 {
		maxRej = 10_000
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, atazan.LineErrorf(1, "the file is empty; want a header line")
	}
	if err != nil {
		return nil, csvLineError(err)
	}
	col := map[string]int{} // folded header → column
	for i, h := range header {
		k := headerKey(h)
		if _, dup := col[k]; dup {
			col[k] = -1 // ambiguous unless unmapped
			continue
		}
		col[k] = i
	}
	idx := map[string]int{} // our name → column
	for k, h := range m {
		i, ok := col[headerKey(h)]
		switch {
		case !ok:
			return nil, atazan.LineErrorf(1, "the header has no column %q (mapped from %s)", h, k)
		case i < 0:
			return nil, atazan.LineErrorf(1, "the header has the column %q (mapped from %s) twice", h, k)
		}
		idx[k] = i
	}
	fieldCol := [NumFields]int{}
	for f := range NumFields {
		fieldCol[f] = -1
		if i, ok := idx[f.String()]; ok {
			fieldCol[f] = i
		}
	}
	abroadCol, hasAbroad := idx["abroad"]
	rc, dc, pc := idx["region"], idx["district"], idx["precinct"]

	rep := &ImportReport{Warnings: map[string]int{}}
	seen := make([]bool, len(s.Precincts))
	reject := func(line int, name string, vs []Violation) {
		rep.RejectedCount++
		if len(rep.Rejected) < maxRej {
			rj := Rejection{Line: line, Precinct: name}
			for _, v := range vs {
				if v.Severity == Error {
					rj.Rules = append(rj.Rules, v.Rule)
					rj.Messages = append(rj.Messages, v.Message)
				}
			}
			rep.Rejected = append(rep.Rejected, rj)
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rep, csvLineError(err)
		}
		if allEmpty(rec) {
			continue
		}
		rep.Rows++
		line, _ := cr.FieldPos(0)
		region, district, precinct := strings.TrimSpace(rec[rc]), strings.TrimSpace(rec[dc]), strings.TrimSpace(rec[pc])
		name := region + " / " + district + " / " + precinct

		var p Protocol
		var bad []string
		var badSet FieldSet
		for f := range NumFields {
			i := fieldCol[f]
			if i < 0 {
				continue
			}
			cell := strings.TrimSpace(rec[i])
			if cell == "" {
				continue
			}
			v, err := strconv.ParseInt(cell, 10, 64)
			if err != nil {
				bad = append(bad, fmt.Sprintf("%s %q is not a whole number", f, cell))
				badSet = badSet.With(f)
				continue
			}
			p.Set(f, v)
		}
		vs := Check(p)
		if bad != nil {
			vs = withUnparsable(vs, bad, p.Reported|badSet)
		}

		id, ok := s.Lookup(region, district, precinct)
		switch {
		case ok && seen[id]:
			vs = append(vs, Violation{Rule: RuleUniquePrecinct, Severity: Error, Message: "the precinct " + name + " has an earlier row in the file"})
		case !ok && opts.CreateStructure:
			reg, regOK := p.Get(Registered)
			if !regOK || reg < 0 {
				break // required or non_negative already rejects the row
			}
			abroad := false
			if hasAbroad {
				if abroad, ok = parseBool(rec[abroadCol]); !ok {
					vs = append(vs, Violation{Rule: RuleKnownPrecinct, Severity: Error, Message: fmt.Sprintf("abroad %q is not true, false, yes, no, 1, 0 or empty", rec[abroadCol])})
					break
				}
			}
			var err error
			if id, err = s.AddPrecinct(region, district, precinct, reg, abroad); err != nil {
				vs = append(vs, Violation{Rule: RuleKnownPrecinct, Severity: Error, Message: atazan.ErrorMessage(err)})
				break
			}
			seen = append(seen, make([]bool, len(s.Precincts)-len(seen))...)
		case !ok:
			vs = append(vs, Violation{Rule: RuleKnownPrecinct, Severity: Error, Message: "the precinct " + name + " is not in the territorial structure"})
		}
		if Rejects(vs) {
			reject(line, name, vs)
			continue
		}
		seen[id] = true
		rep.Accepted++
		if len(vs) > 0 {
			rep.Flagged++
			for _, v := range vs {
				rep.Warnings[v.Rule]++
			}
		}
		if err := accept(ImportedRow{Line: line, Revision: Revision{Precinct: id, Number: number, Reason: opts.Reason, Protocol: p}, Violations: vs}); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// withUnparsable adds to the violations of a row the cells that are not
// whole numbers, under non_negative; such a cell was given, so required
// names only the fields that are really missing (reported holds both).
func withUnparsable(vs []Violation, bad []string, reported FieldSet) []Violation {
	out := []Violation{{Rule: "non_negative", Severity: Error, Message: strings.Join(bad, ", ")}}
	for _, v := range vs {
		switch v.Rule {
		case "non_negative":
			out[0].Message += "; " + v.Message
			continue
		case "required":
			if v.Message = missingRequired(reported); v.Message == "" {
				continue
			}
		}
		out = append(out, v)
	}
	return out
}

func allEmpty(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// OpenProtocolFile opens a protocol file for ImportProtocols: a .csv file
// as it is, or a .zip archive that holds exactly one .csv file (directories
// and other files in it are ignored). Other names are an EInvalid error.
func OpenProtocolFile(path string) (io.ReadCloser, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return os.Open(path)
	case ".zip":
	default:
		return nil, atazan.FieldErrorf("file", "%s is neither a .csv file nor a .zip archive", filepath.Base(path))
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, err
		}
		return nil, atazan.FieldErrorf("file", "%s is not a readable zip archive: %v", filepath.Base(path), err)
	}
	var csvs []*zip.File
	for _, f := range z.File {
		if !f.FileInfo().IsDir() && strings.EqualFold(filepath.Ext(f.Name), ".csv") {
			csvs = append(csvs, f)
		}
	}
	if len(csvs) != 1 {
		z.Close()
		return nil, atazan.FieldErrorf("file", "%s holds %d .csv files; it must hold exactly one", filepath.Base(path), len(csvs))
	}
	f, err := csvs[0].Open()
	if err != nil {
		z.Close()
		return nil, atazan.FieldErrorf("file", "%s: %v", csvs[0].Name, err)
	}
	return zipFile{f, z}, nil
}

type zipFile struct {
	io.ReadCloser
	z *zip.ReadCloser
}

func (f zipFile) Close() error {
	err := f.ReadCloser.Close()
	if err2 := f.z.Close(); err == nil {
		err = err2
	}
	return err
}

// ImportProtocolFile opens path with OpenProtocolFile and imports it with ImportProtocols.
func ImportProtocolFile(path string, m Mapping, s *Structure, opts ImportOptions, accept func(ImportedRow) error) (*ImportReport, error) {
	f, err := OpenProtocolFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ImportProtocols(f, m, s, opts, accept)
}

// LoadMapping reads a mapping file with ParseMapping.
func LoadMapping(path string) (Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseMapping(bytes.NewReader(b))
}

// Package amend turns a version of a charter into the next draft: an
// amendment is a list of operations on the units of one language's text,
// addressed by unit IDs, with a note that explains it and the proposal
// clusters it answers.
//
// # Format
//
// An amendment is a JSON object, read strictly by Parse (unknown fields,
// trailing data and oversized input are errors):
//
//	{"title": "Freedom of association",
//	 "note": "Answers the proposals on public associations.",
//	 "clusters": ["c-1204", "c-1388"],
//	 "lang": "en",
//	 "ops": [
//	   {"op": "replace", "unit": "art_5__para_2", "text": "Public associations shall be equal before the law."},
//	   {"op": "insert_after", "unit": "art_6", "kind": "article", "number": "6-1", "heading": "Land", "text": "Land belongs to the people."},
//	   {"op": "insert_after", "unit": "art_44__para_u1__point_3", "kind": "point", "number": "3-1", "text": "..."},
//	   {"op": "delete", "unit": "art_4__note_1"},
//	   {"op": "heading", "unit": "sec_3", "text": "The President"}]}
//
// title is required (at most MaxTitle characters); note, clusters and lang
// are optional. clusters are references to the consultation's clusters of
// proposals that the amendment answers, as the consultation names them.
// lang, when given, is the language of the text the amendment is written
// for; Apply refuses a text in another language.
//
// # Operations
//
// Ops apply in order, each to the text as the ops before it left it, and
// name units by the IDs that text has: the IDs a fresh import of it would
// assign (see charter.Document.AssignIDs). An op may therefore name a unit an
// earlier op inserted ("art_6-1__para_u1" after inserting Article 6-1). IDs
// of numbered units never move; IDs of unnumbered paragraphs (uK) and notes
// (K) of an article count them in order, so deleting art_5__para_u1 makes
// the old art_5__para_u2 the new art_5__para_u1, exactly as re-importing the
// text would.
//
//	replace        the unit's own text becomes text: the text of a paragraph
//	               (its lead-in when it has points), a point, a note or the
//	               preamble. Its children stay. Articles and sections have no
//	               text of their own: replace their paragraphs, or use heading.
//	heading        the heading of an article or the title of a section becomes
//	               text (one line).
//	delete         the unit and everything in it are removed (a section with
//	               its articles, an article with its paragraphs).
//	insert_after   a new unit of kind, number and text is inserted right after
//	insert_before  (or before) the unit, under the same parent;
//	insert_into    or as the last unit inside the unit (the first point of a
//	               paragraph, the first article of an empty section).
//
// Inserted kinds are article, paragraph, point and note; sections and the
// preamble are not inserted by amendments. number is written as the importer
// stores it, without punctuation: "4" for a point "4)", "6-1" for "Article
// 6-1", "3-1" for a paragraph "3-1.". Articles and points need a number;
// a paragraph without number is unnumbered; notes have none. An inserted
// article takes its heading from heading and its text, when given, becomes
// its first unnumbered paragraph (art_6-1__para_u1). Every other inserted
// unit needs text.
//
// The result is always a text the importer could have read: applying ops to a
// Document gives the Document (and so the Hash) that importing the text
// they describe gives. Hence these rules, each an error of the op:
//
//   - articles sit at the top level before any section, or in a section;
//     paragraphs, notes and points in an article; points in a paragraph; a
//     point stands directly in an article only before its first paragraph;
//   - numbers never repeat and increase, as in an imported text: article
//     numbers through the whole text, paragraph numbers within their
//     article, point numbers within their paragraph (or article).
//
// Texts are stored as the importer stores them: in Unicode NFC, each line
// trimmed, runs of white space folded, blank lines dropped. A text may hold
// several lines (the preamble does); headings are one line.
//
// # Errors
//
// Every error is an *atazan.Error. Faults of one op name it in Field as
// "ops[i]" (0-based): EInvalid for an unknown op or kind, a missing or
// misplaced field, or a rule above; ENotFound for a unit that does not exist
// (or that an earlier op deleted, which the message says); EConflict for a
// number that a sibling already has. Apply works on a copy: on error nothing
// changes, and on success the document passed in is still untouched.
//
// # Languages
//
// The commission works in one working language at a time: an amendment's ops
// and texts apply to the Document of one language. The parallel texts follow
// with amendments of the same ops in their languages, and
// charter.CompareStructure confirms that the results still align.
package amend

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"atazan"
	"atazan/charter"
	"golang.org/x/text/unicode/norm"
)

// Action is what an op does.
type Action string

// The actions of ops.
const (
	Replace      Action = "replace"
	Heading      Action = "heading"
	Delete       Action = "delete"
	InsertAfter  Action = "insert_after"
	InsertBefore Action = "insert_before"
	InsertInto   Action = "insert_into"
)

// Limits of an amendment.
const (
	MaxSize       = 1 << 20 // bytes of JSON that Parse reads
	MaxOps        = 500     // ops in one amendment
	MaxTitle      = 300     // characters of the title
	MaxNote       = 20000   // characters of the note
	MaxClusters   = 200     // cluster references
	MaxClusterRef = 120     // characters of one cluster reference
	MaxText       = 20000   // characters of one op's text
	MaxHeading    = 500     // characters of a heading
	MaxNumber     = 20      // characters of a number
	MaxUnitID     = 200     // characters of a unit ID
)

// Amendment is a list of operations on a charter text.
type Amendment struct {
	Title    string       `json:"title"`
	Note     string       `json:"note,omitempty"`
	Clusters []string     `json:"clusters,omitempty"`
	Lang     charter.Lang `json:"lang,omitempty"`
	Ops      []Op         `json:"ops"`
}

// Op is one operation; see the package documentation for what each field
// means for each action.
type Op struct {
	Op      Action         `json:"op"`
	Unit    charter.UnitID `json:"unit"`
	Kind    charter.Kind   `json:"kind,omitempty"`
	Number  string         `json:"number,omitempty"`
	Heading string         `json:"heading,omitempty"`
	Text    string         `json:"text,omitempty"`
}

// Parse reads an amendment in the JSON format of the package documentation
// and validates it (see Validate). Unknown fields, a second JSON value after
// the first, input over MaxSize bytes and input that is not UTF-8 are errors.
func Parse(data []byte) (*Amendment, error) {
	if len(data) > MaxSize {
		return nil, atazan.Errorf(atazan.ETooLarge, "the amendment is %d bytes, over the limit of %d bytes", len(data), MaxSize)
	}
	if !utf8.Valid(data) {
		return nil, atazan.Errorf(atazan.EInvalid, "the amendment is not valid UTF-8 text")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var a Amendment
	if err := dec.Decode(&a); err != nil {
		return nil, jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return nil, atazan.Errorf(atazan.EInvalid, "the amendment holds more than one JSON object")
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return &a, nil
}

func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return atazan.Errorf(atazan.EInvalid, "the amendment is not valid JSON at byte %d: %v", syn.Offset, err)
	case errors.As(err, &typ):
		return atazan.FieldErrorf(typ.Field, "%s must be a JSON %s", typ.Field, typ.Type)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return atazan.Errorf(atazan.EInvalid, "the amendment is empty or cut short")
	}
	// Unknown fields: "json: unknown field \"x\"".
	return atazan.Errorf(atazan.EInvalid, "the amendment is not in the amendment format: %s", strings.TrimPrefix(err.Error(), "json: "))
}

var numberRE = regexp.MustCompile(`^[0-9]+(-[0-9]+)*$`)

// Validate checks what can be checked without the text: required fields,
// limits, known actions and kinds, numbers written as the importer stores
// them, and no field an action does not use. Apply checks the rest.
func (a *Amendment) Validate() error {
	if strings.TrimSpace(a.Title) == "" {
		return atazan.FieldErrorf("title", "the amendment needs a title")
	}
	if err := checkString("title", a.Title, MaxTitle, false); err != nil {
		return err
	}
	if err := checkString("note", a.Note, MaxNote, true); err != nil {
		return err
	}
	if len(a.Clusters) > MaxClusters {
		return atazan.FieldErrorf("clusters", "an amendment answers at most %d clusters, not %d", MaxClusters, len(a.Clusters))
	}
	seen := map[string]bool{}
	for i, c := range a.Clusters {
		f := fmt.Sprintf("clusters[%d]", i)
		if strings.TrimSpace(c) == "" {
			return atazan.FieldErrorf(f, "a cluster reference must not be empty")
		}
		if err := checkString(f, c, MaxClusterRef, false); err != nil {
			return err
		}
		if seen[c] {
			return atazan.FieldErrorf(f, "cluster %q is listed twice", c)
		}
		seen[c] = true
	}
	if a.Lang != "" {
		if _, err := charter.ParseLang(string(a.Lang)); err != nil || string(a.Lang) != strings.ToLower(string(a.Lang)) {
			return atazan.FieldErrorf("lang", "unknown language %q: want kk, ru or en", a.Lang)
		}
	}
	if len(a.Ops) == 0 {
		return atazan.FieldErrorf("ops", "the amendment has no ops")
	}
	if len(a.Ops) > MaxOps {
		return atazan.FieldErrorf("ops", "an amendment holds at most %d ops, not %d", MaxOps, len(a.Ops))
	}
	for i, op := range a.Ops {
		if err := op.validate(); err != nil {
			return opError(i, err)
		}
	}
	return nil
}

// opError names op i in Field.
func opError(i int, err error) error {
	var e *atazan.Error
	if errors.As(err, &e) {
		c := *e
		c.Field = fmt.Sprintf("ops[%d]", i)
		return &c
	}
	return err
}

func invalid(format string, args ...any) *atazan.Error {
	return atazan.Errorf(atazan.EInvalid, format, args...)
}

// insertable lists the kinds an op may insert.
var insertable = map[charter.Kind]bool{
	charter.KindArticle: true, charter.KindParagraph: true, charter.KindPoint: true, charter.KindNote: true,
}

func (op Op) validate() error {
	if op.Unit == "" {
		return invalid("%s needs the unit it applies to", opName(op.Op))
	}
	if len(op.Unit) > MaxUnitID || strings.ContainsFunc(string(op.Unit), func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return invalid("%q is not a unit ID", op.Unit)
	}
	insert := false
	switch op.Op {
	case Replace, Heading, Delete:
	case InsertAfter, InsertBefore, InsertInto:
		insert = true
	case "":
		return invalid("the op has no \"op\": want replace, heading, delete, insert_after, insert_before or insert_into")
	default:
		return invalid("unknown op %q: want replace, heading, delete, insert_after, insert_before or insert_into", op.Op)
	}
	if !insert {
		if op.Kind != "" || op.Number != "" || op.Heading != "" {
			return invalid("%s takes no kind, number or heading: only unit%s", op.Op, map[bool]string{true: "", false: " and text"}[op.Op == Delete])
		}
		switch {
		case op.Op == Delete && op.Text != "":
			return invalid("delete takes no text")
		case op.Op != Delete && strings.TrimSpace(op.Text) == "":
			return invalid("%s needs a text", op.Op)
		case op.Op == Heading:
			return checkString("heading", op.Text, MaxHeading, false)
		}
		return checkString("text", op.Text, MaxText, true)
	}
	switch {
	case op.Kind == "":
		return invalid("%s needs the kind of the new unit: article, paragraph, point or note", op.Op)
	case op.Kind == charter.KindSection || op.Kind == charter.KindPreamble:
		return invalid("an amendment does not insert a %s: insert articles, paragraphs, points or notes", op.Kind)
	case !insertable[op.Kind]:
		return invalid("unknown kind %q: want article, paragraph, point or note", op.Kind)
	}
	switch op.Kind {
	case charter.KindArticle, charter.KindPoint:
		if op.Number == "" {
			return invalid("a new %s needs a number", op.Kind)
		}
	case charter.KindNote:
		if op.Number != "" {
			return invalid("a note has no number")
		}
	}
	if op.Number != "" && (len(op.Number) > MaxNumber || !numberRE.MatchString(op.Number)) {
		return invalid("number %q is not a unit number: write it as the importer stores it, digits with hyphens (\"4\", \"6-1\"), without punctuation", op.Number)
	}
	if op.Heading != "" {
		if op.Kind != charter.KindArticle {
			return invalid("only a new article takes a heading")
		}
		if err := checkString("heading", op.Heading, MaxHeading, false); err != nil {
			return err
		}
	}
	if op.Kind != charter.KindArticle && strings.TrimSpace(op.Text) == "" {
		return invalid("a new %s needs a text", op.Kind)
	}
	return checkString("text", op.Text, MaxText, true)
}

func opName(a Action) string {
	if a == "" {
		return "the op"
	}
	return string(a)
}

// checkString checks a length in characters and control characters; lines
// says whether line breaks are allowed.
func checkString(field, s string, max int, lines bool) error {
	if n := utf8.RuneCountInString(s); n > max {
		return &atazan.Error{Code: atazan.ETooLarge, Field: field, Message: fmt.Sprintf("the %s is %d characters, over the limit of %d", field, n, max)}
	}
	for _, r := range s {
		if r == '\n' || r == '\r' {
			if !lines {
				return atazan.FieldErrorf(field, "the %s must be one line", field)
			}
			continue
		}
		if (r < 0x20 && r != '\t') || r == 0x7f {
			return atazan.FieldErrorf(field, "the %s contains the control character U+%04X", field, r)
		}
	}
	return nil
}

// clean stores a text as the importer does: NFC, lines trimmed, white space
// folded, blank lines dropped.
func clean(s string) string {
	return charter.NormalizeText(norm.NFC.String(s))
}

// Touches reports whether the amendment changes unit id, as its ops name
// units: a replace or heading touches the unit it names; a delete touches
// the unit and every unit inside it; an insert touches the unit it creates
// (and, for an article, the paragraph its text becomes). The IDs are those
// of the text the amendment applies to, so a comparative table of that text
// and the amended one can show, on each changed row, the amendments behind it.
// An inserted unnumbered paragraph or note is matched by its parent, since
// its place among its siblings is known only once applied.
func (a *Amendment) Touches(id charter.UnitID) bool {
	for _, op := range a.Ops {
		if op.touches(id) {
			return true
		}
	}
	return false
}

func (op Op) touches(id charter.UnitID) bool {
	inside := func(u charter.UnitID) bool { return id == u || strings.HasPrefix(string(id), string(u)+"__") }
	switch op.Op {
	case Replace, Heading:
		return id == op.Unit
	case Delete:
		return inside(op.Unit)
	case InsertAfter, InsertBefore, InsertInto:
		if op.Kind == charter.KindArticle {
			return op.Number != "" && inside(charter.UnitID("art_"+op.Number))
		}
		parent := string(op.Unit)
		if op.Op != InsertInto {
			i := strings.LastIndex(parent, "__")
			if i < 0 {
				return false // a paragraph, point or note stands in an article
			}
			parent = parent[:i]
		}
		var part string
		switch {
		case op.Kind == charter.KindParagraph && op.Number == "":
			return strings.HasPrefix(string(id), parent+"__para_u") && !strings.Contains(string(id)[len(parent)+2:], "__")
		case op.Kind == charter.KindNote:
			return strings.HasPrefix(string(id), parent+"__note_") && !strings.Contains(string(id)[len(parent)+2:], "__")
		case op.Kind == charter.KindParagraph:
			part = "para_" + op.Number
		case op.Kind == charter.KindPoint:
			part = "point_" + op.Number
		default:
			return false
		}
		return id == charter.UnitID(parent+"__"+part)
	}
	return false
}

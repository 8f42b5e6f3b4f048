package referendum

import (
	"encoding/json"
	"fmt"
	"strings"

	"atazan"
)

// Field is a line of a precinct commission's protocol.
type Field uint8

// The fields a protocol may have. Their names (String) are stable: mappings,
// the JSON API and stored protocols use them.
const (
	Registered Field = iota // voters on the precinct's list
	Received                // ballots the precinct commission received
	Issued                  // ballots issued to voters
	Cancelled               // unused ballots cancelled after the vote
	InBoxes                 // ballots found in the boxes: the participants
	Invalid                 // invalid ballots among those in the boxes
	Yes                     // valid ballots marked "yes"
	No                      // valid ballots marked "no"
	Both                    // valid ballots marked both ways, counted for neither answer
	NumFields               // the number of fields
)

var fieldNames = [NumFields]string{"registered", "received", "issued", "cancelled", "in_boxes", "invalid", "yes", "no", "both"}

// String returns the field's stable name, such as "in_boxes".
func (f Field) String() string {
	if f < NumFields {
		return fieldNames[f]
	}
	return fmt.Sprintf("field(%d)", int(f))
}

// ParseField returns the field a name names.
func ParseField(name string) (Field, bool) {
	for f, n := range fieldNames {
		if n == name {
			return Field(f), true
		}
	}
	return 0, false
}

// FieldSet is a set of fields.
type FieldSet uint16

// Has reports whether f is in the set.
func (s FieldSet) Has(f Field) bool { return s&(1<<f) != 0 }

// With returns the set with f added.
func (s FieldSet) With(f Field) FieldSet { return s | 1<<f }

// Form is the list of fields a referendum's protocols have, in the order
// the protocol form prints them. A referendum may leave out fields its
// commissions do not report (received and cancelled where ballots are not
// accounted for; both where a ballot cannot be marked both ways); the
// fields the decision needs (RequiredFields) are always on it.
type Form []Field

// DefaultForm is the protocol of a Kazakh precinct commission: registered,
// received, issued, cancelled, in_boxes, invalid, yes, no, both.
func DefaultForm() Form {
	f := make(Form, NumFields)
	for i := range f {
		f[i] = Field(i)
	}
	return f
}

// RequiredFields are the fields every form has and every protocol reports:
// without them a precinct's result cannot be counted.
var RequiredFields = []Field{Registered, InBoxes, Invalid, Yes, No}

// ParseForm reads a form from field names. Names must be known and
// unique, and the required fields must be present. Errors are EInvalid
// with Field "form".
func ParseForm(names []string) (Form, error) {
	var f Form
	var seen FieldSet
	for _, n := range names {
		fl, ok := ParseField(strings.TrimSpace(n))
		if !ok {
			return nil, atazan.FieldErrorf("form", "unknown protocol field %q; known: %s", n, strings.Join(fieldNames[:], ", "))
		}
		if seen.Has(fl) {
			return nil, atazan.FieldErrorf("form", "protocol field %s is listed twice", fl)
		}
		seen = seen.With(fl)
		f = append(f, fl)
	}
	for _, r := range RequiredFields {
		if !seen.Has(r) {
			return nil, atazan.FieldErrorf("form", "the protocol form must have the field %s", r)
		}
	}
	return f, nil
}

// Set returns the form's fields as a set.
func (f Form) Set() FieldSet {
	var s FieldSet
	for _, fl := range f {
		s = s.With(fl)
	}
	return s
}

// Names returns the form's field names in order.
func (f Form) Names() []string {
	n := make([]string, len(f))
	for i, fl := range f {
		n[i] = fl.String()
	}
	return n
}

// Protocol is what a precinct commission reports: for each field a value,
// or nothing when the field is not reported. A value may be negative here
// (it is what was typed); the non_negative rule rejects it.
type Protocol struct {
	Values   [NumFields]int64 // a field's value; 0 when not reported
	Reported FieldSet         // the fields that were reported
}

// Set reports v for f.
func (p *Protocol) Set(f Field, v int64) {
	p.Values[f] = v
	p.Reported = p.Reported.With(f)
}

// Unset makes f not reported.
func (p *Protocol) Unset(f Field) {
	p.Values[f] = 0
	p.Reported &^= 1 << f
}

// Get returns f's value and whether it was reported.
func (p *Protocol) Get(f Field) (int64, bool) { return p.Values[f], p.Reported.Has(f) }

// MarshalJSON writes the protocol as an object from field names to values;
// fields not reported are left out: {"registered":2277,"in_boxes":1925,…}.
func (p Protocol) MarshalJSON() ([]byte, error) {
	m := make(map[string]int64, NumFields)
	for f := range NumFields {
		if p.Reported.Has(f) {
			m[f.String()] = p.Values[f]
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes and refuses unknown field names.
func (p *Protocol) UnmarshalJSON(b []byte) error {
	var m map[string]int64
	if err := json.Unmarshal(b, &m); err != nil {
		return atazan.FieldErrorf("protocol", "is not an object of field names to whole numbers: %v", err)
	}
	*p = Protocol{}
	for k, v := range m {
		f, ok := ParseField(k)
		if !ok {
			return atazan.FieldErrorf("protocol", "unknown protocol field %q", k)
		}
		p.Set(f, v)
	}
	return nil
}

// Severity says what a failed control relation does to a protocol.
type Severity uint8

const (
	// Error rejects the protocol: it is not counted.
	Error Severity = iota + 1
	// Warning accepts the protocol and flags it for observers and the commission.
	Warning
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Violation is one control relation a protocol fails.
type Violation struct {
	Rule     string   `json:"rule"`     // a stable rule name, such as "boxes_sum"
	Severity Severity `json:"severity"` // error or warning
	Message  string   `json:"message"`  // plain language, with the numbers
}

// Rule is a named control relation between a protocol's fields. A rule
// whose Needs are not all reported is skipped.
type Rule struct {
	Name     string
	Severity Severity
	Needs    []Field // the fields the rule reads; empty: it reads every reported field
	Doc      string  // the relation in words
	check    func(p Protocol) string
}

// Rules are the control relations, in the order Check applies them. Their
// names are stable.
var Rules = []Rule{
	{Name: "non_negative", Severity: Error, Doc: "every reported field is a whole number of zero or more",
		check: func(p Protocol) string {
			var bad []string
			for f := range NumFields {
				if p.Reported.Has(f) && p.Values[f] < 0 {
					bad = append(bad, fmt.Sprintf("%s is %d", f, p.Values[f]))
				}
			}
			if bad == nil {
				return ""
			}
			return strings.Join(bad, ", ") + "; counts cannot be negative"
		}},
	{Name: "required", Severity: Error, Doc: "registered, in_boxes, invalid, yes and no are reported",
		check: func(p Protocol) string { return missingRequired(p.Reported) }},
	{Name: "boxes_sum", Severity: Error, Needs: []Field{InBoxes, Invalid, Yes, No},
		Doc: "in_boxes = invalid + yes + no + both (both counts 0 when not reported)",
		check: func(p Protocol) string {
			v := &p.Values
			sum := v[Invalid] + v[Yes] + v[No] + v[Both]
			if v[InBoxes] == sum {
				return ""
			}
			return fmt.Sprintf("in_boxes is %d but invalid + yes + no + both is %d + %d + %d + %d = %d",
				v[InBoxes], v[Invalid], v[Yes], v[No], v[Both], sum)
		}},
	{Name: "received_balance", Severity: Error, Needs: []Field{Received, Issued, Cancelled},
		Doc: "received = issued + cancelled",
		check: func(p Protocol) string {
			v := &p.Values
			if v[Received] == v[Issued]+v[Cancelled] {
				return ""
			}
			return fmt.Sprintf("received is %d but issued + cancelled is %d + %d = %d",
				v[Received], v[Issued], v[Cancelled], v[Issued]+v[Cancelled])
		}},
	{Name: "issued_le_registered", Severity: Warning, Needs: []Field{Issued, Registered},
		Doc: "issued ≤ registered",
		check: func(p Protocol) string {
			v := &p.Values
			if v[Issued] <= v[Registered] {
				return ""
			}
			return fmt.Sprintf("issued (%d) is %d more than registered (%d)", v[Issued], v[Issued]-v[Registered], v[Registered])
		}},
	{Name: "boxes_eq_issued", Severity: Warning, Needs: []Field{InBoxes, Issued},
		Doc: "in_boxes = issued (the difference and its sign are reported)",
		check: func(p Protocol) string {
			v := &p.Values
			d := v[InBoxes] - v[Issued]
			switch {
			case d > 0:
				return fmt.Sprintf("in_boxes (%d) is %d more than issued (%d): +%d", v[InBoxes], d, v[Issued], d)
			case d < 0:
				return fmt.Sprintf("in_boxes (%d) is %d fewer than issued (%d): %d", v[InBoxes], -d, v[Issued], d)
			}
			return ""
		}},
}

// Check applies every control relation to p and returns every one it
// fails, in the order of Rules; nil when it fails none. A rule that needs a
// field p does not report is skipped. A protocol with a violation of
// severity Error is rejected (Rejects); warnings accept it and flag it.
func Check(p Protocol) []Violation {
	var vs []Violation
	for i := range Rules {
		r := &Rules[i]
		if !hasAll(p.Reported, r.Needs) {
			continue
		}
		if msg := r.check(p); msg != "" {
			vs = append(vs, Violation{Rule: r.Name, Severity: r.Severity, Message: msg})
		}
	}
	return vs
}

// missingRequired says which required fields a protocol reporting s lacks; "" when none.
func missingRequired(s FieldSet) string {
	var miss []string
	for _, f := range RequiredFields {
		if !s.Has(f) {
			miss = append(miss, f.String())
		}
	}
	if miss == nil {
		return ""
	}
	return "not reported: " + strings.Join(miss, ", ")
}

func hasAll(s FieldSet, fs []Field) bool {
	for _, f := range fs {
		if !s.Has(f) {
			return false
		}
	}
	return true
}

// Rejects reports whether any violation is an error.
func Rejects(vs []Violation) bool {
	for _, v := range vs {
		if v.Severity == Error {
			return true
		}
	}
	return false
}

// RuleNames returns the names of the violated rules, in order.
func RuleNames(vs []Violation) []string {
	n := make([]string, len(vs))
	for i, v := range vs {
		n[i] = v.Rule
	}
	return n
}

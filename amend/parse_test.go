package amend

import (
	"encoding/json"
	"strings"
	"testing"

	"atazan"
)

func jsonUnmarshalOps(js string, ops *[]Op) error { return json.Unmarshal([]byte(js), ops) }

func TestParse(t *testing.T) {
	a, err := Parse([]byte(`{"title":"Freedom of association","note":"Answers proposals.","clusters":["c-1","c-2"],"lang":"en",
		"ops":[{"op":"replace","unit":"art_5__para_2","text":"x"},
		       {"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","heading":"Land","text":"y"},
		       {"op":"delete","unit":"art_4-1"},
		       {"op":"heading","unit":"sec_3","text":"z"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Freedom of association" || len(a.Clusters) != 2 || a.Lang != "en" || len(a.Ops) != 4 {
		t.Errorf("a = %+v", a)
	}
	if op := a.Ops[1]; op.Op != InsertAfter || op.Kind != "article" || op.Number != "6-1" || op.Heading != "Land" {
		t.Errorf("ops[1] = %+v", op)
	}
}

func TestParseErrors(t *testing.T) {
	op := func(s string) string { return `{"title":"t","ops":[` + s + `]}` }
	cases := []struct {
		name, in    string
		code, field string
		message     string
	}{
		{"not JSON", `{"title":`, atazan.EInvalid, "", "cut short"},
		{"syntax", `{"title" "t"}`, atazan.EInvalid, "", "not valid JSON"},
		{"two objects", `{"title":"t","ops":[{"op":"delete","unit":"a"}]} {}`, atazan.EInvalid, "", "more than one"},
		{"unknown field", `{"title":"t","author":"x","ops":[]}`, atazan.EInvalid, "", `unknown field "author"`},
		{"unknown op field", op(`{"op":"delete","unit":"a","why":"x"}`), atazan.EInvalid, "", `unknown field "why"`},
		{"wrong type", `{"title":"t","ops":"x"}`, atazan.EInvalid, "ops", "must be a JSON"},
		{"not UTF-8", "{\"title\":\"\xff\",\"ops\":[]}", atazan.EInvalid, "", "UTF-8"},
		{"too large", `{"title":"` + strings.Repeat("x", MaxSize) + `"}`, atazan.ETooLarge, "", "over the limit"},
		{"no title", `{"ops":[{"op":"delete","unit":"a"}]}`, atazan.EInvalid, "title", "needs a title"},
		{"blank title", `{"title":"  ","ops":[{"op":"delete","unit":"a"}]}`, atazan.EInvalid, "title", "needs a title"},
		{"long title", `{"title":"` + strings.Repeat("й", MaxTitle+1) + `","ops":[{"op":"delete","unit":"a"}]}`, atazan.ETooLarge, "title", "over the limit"},
		{"title on two lines", `{"title":"a\nb","ops":[{"op":"delete","unit":"a"}]}`, atazan.EInvalid, "title", "one line"},
		{"no ops", `{"title":"t"}`, atazan.EInvalid, "ops", "no ops"},
		{"empty ops", `{"title":"t","ops":[]}`, atazan.EInvalid, "ops", "no ops"},
		{"too many ops", `{"title":"t","ops":[` + strings.Repeat(`{"op":"delete","unit":"a"},`, MaxOps) + `{"op":"delete","unit":"a"}]}`, atazan.EInvalid, "ops", "at most"},
		{"blank cluster", `{"title":"t","clusters":[""],"ops":[{"op":"delete","unit":"a"}]}`, atazan.EInvalid, "clusters[0]", "empty"},
		{"repeated cluster", `{"title":"t","clusters":["a","b","a"],"ops":[{"op":"delete","unit":"a"}]}`, atazan.EInvalid, "clusters[2]", "twice"},
		{"bad lang", `{"title":"t","lang":"de","ops":[{"op":"delete","unit":"a"}]}`, atazan.EInvalid, "lang", "unknown language"},
		{"no op", op(`{"unit":"a"}`), atazan.EInvalid, "ops[0]", `no "op"`},
		{"unknown op", op(`{"op":"delete","unit":"a"},{"op":"move","unit":"a"}`), atazan.EInvalid, "ops[1]", `unknown op "move"`},
		{"no unit", op(`{"op":"delete"}`), atazan.EInvalid, "ops[0]", "needs the unit"},
		{"unit with a space", op(`{"op":"delete","unit":"art 5"}`), atazan.EInvalid, "ops[0]", "not a unit ID"},
		{"replace without text", op(`{"op":"replace","unit":"a"}`), atazan.EInvalid, "ops[0]", "needs a text"},
		{"replace with blank text", op(`{"op":"replace","unit":"a","text":" \n "}`), atazan.EInvalid, "ops[0]", "needs a text"},
		{"replace with a kind", op(`{"op":"replace","unit":"a","kind":"point","text":"x"}`), atazan.EInvalid, "ops[0]", "takes no kind"},
		{"delete with text", op(`{"op":"delete","unit":"a","text":"x"}`), atazan.EInvalid, "ops[0]", "takes no text"},
		{"delete with a number", op(`{"op":"delete","unit":"a","number":"1"}`), atazan.EInvalid, "ops[0]", "takes no kind"},
		{"heading on two lines", op(`{"op":"heading","unit":"a","text":"x\ny"}`), atazan.EInvalid, "ops[0]", "one line"},
		{"control character", op(`{"op":"replace","unit":"a","text":"x\u0007"}`), atazan.EInvalid, "ops[0]", "U+0007"},
		{"long text", op(`{"op":"replace","unit":"a","text":"` + strings.Repeat("x", MaxText+1) + `"}`), atazan.ETooLarge, "ops[0]", "over the limit"},
		{"insert without kind", op(`{"op":"insert_after","unit":"a","text":"x"}`), atazan.EInvalid, "ops[0]", "needs the kind"},
		{"unknown kind", op(`{"op":"insert_after","unit":"a","kind":"chapter","text":"x"}`), atazan.EInvalid, "ops[0]", `unknown kind "chapter"`},
		{"preamble not inserted", op(`{"op":"insert_before","unit":"a","kind":"preamble","text":"x"}`), atazan.EInvalid, "ops[0]", "does not insert a preamble"},
		{"article without number", op(`{"op":"insert_after","unit":"a","kind":"article"}`), atazan.EInvalid, "ops[0]", "needs a number"},
		{"point without number", op(`{"op":"insert_after","unit":"a","kind":"point","text":"x"}`), atazan.EInvalid, "ops[0]", "needs a number"},
		{"note with number", op(`{"op":"insert_after","unit":"a","kind":"note","number":"1","text":"x"}`), atazan.EInvalid, "ops[0]", "no number"},
		{"number with punctuation", op(`{"op":"insert_after","unit":"a","kind":"point","number":"4)","text":"x"}`), atazan.EInvalid, "ops[0]", "not a unit number"},
		{"number with a trailing hyphen", op(`{"op":"insert_after","unit":"a","kind":"point","number":"4-","text":"x"}`), atazan.EInvalid, "ops[0]", "not a unit number"},
		{"roman number", op(`{"op":"insert_after","unit":"a","kind":"article","number":"IV"}`), atazan.EInvalid, "ops[0]", "not a unit number"},
		{"paragraph without text", op(`{"op":"insert_after","unit":"a","kind":"paragraph","number":"2"}`), atazan.EInvalid, "ops[0]", "needs a text"},
		{"heading of a point", op(`{"op":"insert_after","unit":"a","kind":"point","number":"2","heading":"h","text":"x"}`), atazan.EInvalid, "ops[0]", "only a new article"},
		{"article heading on two lines", op(`{"op":"insert_after","unit":"a","kind":"article","number":"2","heading":"h\nh"}`), atazan.EInvalid, "ops[0]", "one line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Parse([]byte(c.in))
			if a != nil {
				t.Error("Parse returned an amendment with its error")
			}
			e, ok := err.(*atazan.Error)
			if !ok {
				t.Fatalf("err = %v, want an *atazan.Error", err)
			}
			if e.Code != c.code || e.Field != c.field || !strings.Contains(e.Message, c.message) {
				t.Errorf("err = {%s %q %q}, want {%s %q ...%q...}", e.Code, e.Field, e.Message, c.code, c.field, c.message)
			}
		})
	}
}

// TestParseMangled flips every byte of a valid amendment: each result is
// either rejected with an *atazan.Error or read without panicking.
func TestParseMangled(t *testing.T) {
	in := []byte(`{"title":"t","clusters":["c"],"ops":[{"op":"insert_after","unit":"art_6","kind":"article","number":"6-1","text":"x"}]}`)
	for i := range in {
		for _, b := range []byte{0, '"', '}', 'x', 0xff} {
			m := append([]byte(nil), in...)
			m[i] = b
			a, err := Parse(m)
			if err != nil {
				if _, ok := err.(*atazan.Error); !ok {
					t.Fatalf("byte %d → %q: err %T %v is not an *atazan.Error", i, b, err, err)
				}
				continue
			}
			if a.Validate() != nil {
				t.Fatalf("byte %d → %q: Parse accepted an invalid amendment", i, b)
			}
		}
	}
}

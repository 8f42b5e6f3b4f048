package consult

import (
	"fmt"
	"strings"
	"testing"

	"atazan"
	"atazan/charter"
)

// testDoc is a small version: a preamble, section 1 holding article 1 with
// two numbered paragraphs (the second with two points) and a note.
func testDoc() *charter.Document {
	d := &charter.Document{Lang: "ru", Units: []*charter.Unit{
		{Kind: charter.KindPreamble, Text: "Мы, народ Казахстана…"},
		{Kind: charter.KindSection, Number: "I", Heading: "Общие положения", Children: []*charter.Unit{
			{Kind: charter.KindArticle, Number: "1", Children: []*charter.Unit{
				{Kind: charter.KindParagraph, Number: "1", Text: "Республика Казахстан утверждает себя…"},
				{Kind: charter.KindParagraph, Number: "2", Text: "Основополагающими принципами являются:", Children: []*charter.Unit{
					{Kind: charter.KindPoint, Number: "1", Text: "общественное согласие;"},
					{Kind: charter.KindPoint, Number: "2", Text: "экономическое развитие."},
				}},
				{Kind: charter.KindNote, Text: "Примечание."},
			}},
		}},
	}}
	d.AssignIDs()
	return d
}

func TestValidate(t *testing.T) {
	doc := testDoc()
	ok := Submission{Consultation: 7, Unit: "art_1__para_1", Kind: KindAmend,
		Text: "Республика Казахстан утверждает себя демократическим государством.", Rationale: "Короче и яснее."}
	long := strings.Repeat("ә", 5214)
	tests := []struct {
		name  string
		edit  func(*Submission)
		field string
		msg   string
	}{
		{"amend a paragraph", func(*Submission) {}, "", ""},
		{"amend an article", func(s *Submission) { s.Unit = "art_1" }, "", ""},
		{"amend a point", func(s *Submission) { s.Unit = "art_1__para_2__point_2" }, "", ""},
		{"amend the preamble", func(s *Submission) { s.Unit = "preamble" }, "", ""},
		{"insert after", func(s *Submission) { s.Kind = KindInsertAfter }, "", ""},
		{"delete without text", func(s *Submission) { s.Kind, s.Text = KindDelete, "" }, "", ""},
		{"delete with text", func(s *Submission) { s.Kind = KindDelete }, "", ""},
		{"comment on the whole version", func(s *Submission) { s.Kind, s.Unit, s.Rationale = KindComment, "", "" }, "", ""},
		{"comment on a unit without rationale", func(s *Submission) { s.Kind, s.Rationale = KindComment, "" }, "", ""},
		{"text at the limit", func(s *Submission) { s.Text = long[:2*5000] }, "", ""},
		{"tabs and newlines", func(s *Submission) { s.Text = "1.\tОдин\n2.\tДва" }, "", ""},

		{"no consultation", func(s *Submission) { s.Consultation = 0 }, "consultation", "must be given"},
		{"unknown unit", func(s *Submission) { s.Unit = "art_99" }, "unit", `the version has no unit "art_99"`},
		{"section", func(s *Submission) { s.Unit = "sec_1" }, "unit", "sec_1 is a section; choose one of its articles"},
		{"note", func(s *Submission) { s.Unit = "art_1__note_1" }, "unit", "is a note; choose its article"},
		{"amend the whole version", func(s *Submission) { s.Unit = "" }, "unit", "choose the article, paragraph or point to amend"},
		{"delete the whole version", func(s *Submission) { s.Unit, s.Kind = "", KindDelete }, "unit", "to delete"},
		{"unknown kind", func(s *Submission) { s.Kind = "replace" }, "kind", `unknown kind "replace"`},
		{"no kind", func(s *Submission) { s.Kind = "" }, "kind", `unknown kind ""`},
		{"no kind, no unit", func(s *Submission) { s.Kind, s.Unit = "", "" }, "kind", `unknown kind ""`},
		{"no text", func(s *Submission) { s.Text = " \r\n\t " }, "text", "text is required"},
		{"no comment text", func(s *Submission) { s.Kind, s.Text = KindComment, "" }, "text", "text is required"},
		{"text over the limit", func(s *Submission) { s.Text = long }, "text", "text is 5,214 characters; the limit is 5,000"},
		{"control character", func(s *Submission) { s.Text = "a\x00b" }, "text", "control character (U+0000)"},
		{"C1 control", func(s *Submission) { s.Text = "a\u0085b" }, "text", "control character (U+0085)"},
		{"bidi override", func(s *Submission) { s.Text = "abc\u202Edef" }, "text", "bidirectional"},
		{"not UTF-8", func(s *Submission) { s.Text = "\xcf\xf0\xe5\xe4" }, "text", "not UTF-8"},
		{"no rationale", func(s *Submission) { s.Rationale = "" }, "rationale", "rationale is required"},
		{"short rationale", func(s *Submission) { s.Rationale = " Надо. " }, "rationale", "rationale is 5 characters; say in at least 10"},
		{"short comment rationale", func(s *Submission) { s.Kind, s.Rationale = KindComment, "Да" }, "rationale", "at least 10"},
		{"rationale over the limit", func(s *Submission) { s.Rationale = long }, "rationale", "rationale is 5,214 characters; the limit is 5,000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			c, err := Validate(s, doc)
			checkFieldErr(t, err, tt.field, tt.msg)
			if err == nil && (c.Consultation != s.Consultation || string(c.Unit) != s.Unit || c.Kind != s.Kind) {
				t.Errorf("clean %+v from %+v", c, s)
			}
		})
	}
}

func TestValidateNormalizes(t *testing.T) {
	s := Submission{Consultation: 1, Unit: "art_1", Kind: KindAmend,
		Text:      "  Баптың  жаңа\r\nредакциясы\rосындай. \n",
		Rationale: "Сөзі ке\u0301ңірек, е\u0308 әрпі де бар.",
	}
	c, err := Validate(s, testDoc())
	if err != nil {
		t.Fatal(err)
	}
	if c.Text != "Баптың  жаңа\nредакциясы\nосындай." {
		t.Errorf("text %q", c.Text)
	}
	// е + U+0308 composes to ё; е + U+0301 has no precomposed form and stays.
	if c.Rationale != "Сөзі ке\u0301ңірек, ё әрпі де бар." {
		t.Errorf("rationale %q", c.Rationale)
	}
	if c.Lang != "kk" {
		t.Errorf("lang %q", c.Lang)
	}
	// NFC: и + combining breve is й.
	c, err = Validate(Submission{Consultation: 1, Kind: KindComment, Text: "Мо\u0438\u0306 голос"}, nil)
	if err != nil || c.Text != "Мой голос" || c.Lang != "ru" {
		t.Errorf("NFC: %q %q %v", c.Text, c.Lang, err)
	}
	// The whole version needs no document.
	if _, err := Validate(Submission{Consultation: 1, Unit: "art_1", Kind: KindComment, Text: "x"}, nil); atazan.ErrorCode(err) != atazan.EInternal {
		t.Errorf("unit without document: %v", err)
	}
}

func TestIdempotencyKey(t *testing.T) {
	base := IdempotencyKey("acc-1", 7, "art_1", KindAmend, "Ана тілі – мемлекеттік тіл.")
	same := []string{
		IdempotencyKey("acc-1", 7, "art_1", KindAmend, "  Ана  тілі – мемлекеттік\r\nтіл.\n"),
		IdempotencyKey("acc-1", 7, "art_1", KindAmend, "Ана\u00a0тілі –\tмемлекеттік тіл."),
	}
	for i, k := range same {
		if k != base {
			t.Errorf("same[%d] differs", i)
		}
	}
	different := map[string]string{
		"case":         IdempotencyKey("acc-1", 7, "art_1", KindAmend, "ана тілі – мемлекеттік тіл."),
		"punctuation":  IdempotencyKey("acc-1", 7, "art_1", KindAmend, "Ана тілі - мемлекеттік тіл."),
		"author":       IdempotencyKey("acc-2", 7, "art_1", KindAmend, "Ана тілі – мемлекеттік тіл."),
		"consultation": IdempotencyKey("acc-1", 8, "art_1", KindAmend, "Ана тілі – мемлекеттік тіл."),
		"unit":         IdempotencyKey("acc-1", 7, "art_2", KindAmend, "Ана тілі – мемлекеттік тіл."),
		"kind":         IdempotencyKey("acc-1", 7, "art_1", KindComment, "Ана тілі – мемлекеттік тіл."),
	}
	for name, k := range different {
		if k == base {
			t.Errorf("a different %s gives the same key", name)
		}
	}
	// Field boundaries cannot be moved: author "a1" + unit "" is not author "a" + unit "1".
	if IdempotencyKey("a1", 7, "", KindComment, "x") == IdempotencyKey("a", 7, "1", KindComment, "x") {
		t.Error("fields run together")
	}
	if len(base) != 64 || strings.ToLower(base) != base {
		t.Errorf("key %q is not lowercase hex SHA-256", base)
	}
}

// The key in the example follows from the documented encoding alone:
//
//	t='Мемлекеттік тіл – қазақ тілі.'
//	printf 'atazan-proposal-v1\n10:account-42\n1:1\n13:art_7__para_2\n5:amend\n%d:%s\n' "$(printf %s "$t" | wc -c)" "$t" | sha256sum
func ExampleIdempotencyKey() {
	a := IdempotencyKey("account-42", 1, "art_7__para_2", KindAmend, "Мемлекеттік тіл – қазақ тілі.")
	b := IdempotencyKey("account-42", 1, "art_7__para_2", KindAmend, "  Мемлекеттік  тіл –\r\nқазақ тілі.  ")
	c := IdempotencyKey("account-42", 1, "art_7__para_2", KindAmend, "мемлекеттік тіл – қазақ тілі.")
	fmt.Println(a)
	fmt.Println(a == b, a == c)
	// Output:
	// bddc04d33f71623ab57e3f5fe50d60a21852bc6ae98882c2b066dbad2b409fc2
	// true false
}

package charter

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"atazan"
)

var testMeta = Meta{
	Charter:      "kz-constitution",
	CharterTitle: "Constitution of the Republic of Kazakhstan",
	Version:      "1995 as amended 2022",
	Date:         time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC),
}

func TestAKNRoundTrip(t *testing.T) {
	docs := map[string]func(t *testing.T) *Document{
		"small":      func(*testing.T) *Document { return smallDoc() },
		"kazakhstan": func(t *testing.T) *Document { return kazakhstan(t) },
	}
	for name, load := range docs {
		t.Run(name, func(t *testing.T) {
			d := load(t)
			x, err := ExportAKN(d, testMeta)
			if err != nil {
				t.Fatal(err)
			}
			checkAKNWellFormed(t, x, d)
			back, err := Parse(x, FormatAKN, d.Lang)
			if err != nil {
				t.Fatalf("parse exported AKN: %v", err)
			}
			sameDocument(t, d, back)
			if !bytes.Contains(x, []byte(`<FRBRalias name="hash" value="`+d.Hash()+`">`)) {
				t.Error("the Expression does not carry the content hash")
			}
		})
	}
}

// checkAKNWellFormed decodes the whole file and checks that every structural
// element carries the eId of a unit of d, and every unit has its element.
func checkAKNWellFormed(t *testing.T, x []byte, d *Document) {
	t.Helper()
	structural := map[string]bool{"preamble": true, "section": true, "article": true, "paragraph": true, "point": true, "hcontainer": true}
	seen := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(x))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Space != AKNNamespace {
			t.Errorf("<%s> in namespace %q", se.Name.Local, se.Name.Space)
		}
		if !structural[se.Name.Local] {
			continue
		}
		var eid string
		for _, a := range se.Attr {
			if a.Name.Local == "eId" {
				eid = a.Value
			}
		}
		if eid == "" {
			line, _ := dec.InputPos()
			t.Errorf("line %d: <%s> has no eId", line, se.Name.Local)
		}
		seen[eid] = true
	}
	d.Walk(func(u, _ *Unit) bool {
		if !seen[string(u.ID)] {
			t.Errorf("unit %s has no element", u.ID)
		}
		return true
	})
}

func TestAKNStructure(t *testing.T) {
	x, err := ExportAKN(smallDoc(), testMeta)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">`,
		`<act name="constitution">`,
		`<identification source="#atazan">`,
		`<FRBRthis value="/akn/kz/act/constitution/kz-constitution/!main">`,
		`<FRBRuri value="/akn/kz/act/constitution/kz-constitution/eng@2023-01-01">`,
		`<FRBRalias name="version" value="1995 as amended 2022">`,
		`<FRBRlanguage language="eng">`,
		`<note eId="sec_2__fn_1" class="footnote" marker="1" placement="bottom" placementBase="sec_2">`,
		`<docTitle>Charter of a Small Republic</docTitle>`,
		`<preamble eId="preamble">`,
		`<hcontainer eId="art_2__note_1" name="note">`,
		`<p>inserted &amp; &lt;escaped&gt;;</p>`,
	} {
		if !bytes.Contains(x, []byte(want)) {
			t.Errorf("AKN lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<paragraph eId="art_2__para_1">\s*<num>1</num>\s*<intro>\s*<p>Everyone is equal.</p>\s*<p>A second line`).Match(x) {
		t.Error("a paragraph with points does not hold its text in <intro>, one <p> per line")
	}
	// Footnotes stay out of the body.
	_, body, _ := bytes.Cut(x, []byte("<body>"))
	if bytes.Contains(body, []byte("Inserted in 2022.")) {
		t.Error("a footnote stands in the body")
	}
}

func TestParseAKNErrors(t *testing.T) {
	d := smallDoc()
	x, err := ExportAKN(d, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(s string) int {
		i := bytes.Index(x, []byte(s))
		if i < 0 {
			t.Fatalf("export lacks %q", s)
		}
		return bytes.Count(x[:i], []byte("\n")) + 1
	}
	for _, c := range []struct {
		name, old, new string
		lang           Lang
		line           int
		msg            string
	}{
		{"edited text", "The people rule.", "The king rules.", "en", lineOf(`<FRBRalias name="hash"`), "the text was changed after export"},
		{"malformed", "<p>The people rule.</p>", "<p>The people rule.</para>", "en", lineOf("The people rule."), "not well-formed XML"},
		{"wrong eId", `<article eId="art_2">`, `<article eId="art_7">`, "en", lineOf(`<article eId="art_2">`), `has eId "art_7" but its kind and number give "art_2"`},
		{"missing eId", `<article eId="art_2">`, `<article>`, "en", lineOf(`<article eId="art_2">`), "has no eId"},
		{"unknown element", `<hcontainer eId="art_2__note_1" name="note">`, `<hcontainer eId="art_2__note_1" name="remark">`, "en", lineOf(`<hcontainer eId="art_2__note_1"`), "unexpected element <hcontainer>"},
		{"other namespace", `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">`, `<akomaNtoso xmlns="urn:other">`, "en", 2, "namespace"},
		{"language", "", "", "ru", lineOf("<FRBRlanguage"), `the text's language is "eng" but "rus"`},
		{"footnote to nowhere", `placementBase="art_2-1"`, `placementBase="art_9"`, "en", lineOf(`placementBase="art_2-1"`), `refers to unit "art_9"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := bytes.Replace(x, []byte(c.old), []byte(c.new), 1)
			_, err := Parse(in, FormatAKN, c.lang)
			var e *atazan.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *atazan.Error", err, err)
			}
			if e.Line != c.line || !strings.Contains(e.Message, c.msg) {
				t.Errorf("error = line %d %q, want line %d containing %q", e.Line, e.Message, c.line, c.msg)
			}
		})
	}
}

func TestExportAKNMeta(t *testing.T) {
	d := smallDoc()
	if _, err := ExportAKN(d, Meta{Charter: "Bad Slug", Date: testMeta.Date}); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("bad slug: %v", err)
	}
	if _, err := ExportAKN(d, Meta{Charter: "kz"}); atazan.ErrorCode(err) != atazan.EInvalid {
		t.Errorf("no date: %v", err)
	}
}

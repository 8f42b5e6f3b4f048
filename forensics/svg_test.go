package forensics

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atazan"
)

// wellFormed parses an SVG document to its end and returns the text of its
// elements.
func wellFormed(t *testing.T, name string, data []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var text strings.Builder
	depth, root := 0, ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root = tok.Name.Local
			}
			if tok.Name.Local == "script" || tok.Name.Local == "foreignObject" {
				t.Errorf("%s holds a <%s> element", name, tok.Name.Local)
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			text.Write(tok)
		}
	}
	if root != "svg" || depth != 0 {
		t.Errorf("%s: root %q, depth at end %d", name, root, depth)
	}
	if bytes.Contains(data, []byte("NaN")) || bytes.Contains(data, []byte("Inf")) {
		t.Errorf("%s holds a NaN or an infinity", name)
	}
	return text.String()
}

func TestChartsEscapeAndParse(t *testing.T) {
	st := append([]Station(nil), handMade...)
	st[0].Region = `<script>alert("x")</script> & "Север"`
	s, err := Analyze(st, Options{Simulations: 5})
	if err != nil {
		t.Fatal(err)
	}
	charts := Charts(s, st)
	if len(charts) != 5 {
		t.Fatalf("%d charts", len(charts))
	}
	for _, c := range charts {
		text := wellFormed(t, c.Name, c.SVG)
		if c.Name == "regions.svg" {
			if !strings.Contains(text, `<script>alert("x")</script> & "Север"`) {
				t.Errorf("regions.svg lost the region's name: %q", text)
			}
			if bytes.Contains(c.SVG, []byte("<script>")) {
				t.Errorf("regions.svg holds the region's name unescaped")
			}
		}
	}
	// the heat map draws one cell per non-empty bin
	if n := bytes.Count(FingerprintSVG(s.Fingerprint), []byte("<rect ")); n != 2+6+50 {
		t.Errorf("fingerprint: %d rectangles, want background + frame + 6 cells + 50 of legend", n)
	}
}

func TestChartsEmpty(t *testing.T) {
	s, err := Analyze(nil, Options{Simulations: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Charts(s, nil) {
		wellFormed(t, c.Name, c.SVG)
	}
}

func TestScatterThinning(t *testing.T) {
	st := make([]Station, 95)
	for i := range st {
		st[i] = Station{ID: itoa(i), Registered: 100, Participants: int64(i + 1), Valid: int64(i + 1), Yes: int64(i + 1)}
	}
	svg := ScatterSVG(st, 10)
	// step ⌈95/10⌉ = 10: stations 0, 10, …, 90
	if n := bytes.Count(svg, []byte("<circle ")); n != 10 {
		t.Errorf("%d dots, want 10", n)
	}
	if !strings.Contains(wellFormed(t, "scatter", svg), "(10 of 95 shown)") {
		t.Errorf("the title does not say how many dots are shown")
	}
	if n := bytes.Count(ScatterSVG(st, 0), []byte("<circle ")); n != 95 {
		t.Errorf("default cap: %d dots, want all 95", n)
	}
}

func TestWriteDir(t *testing.T) {
	s, err := Analyze(handMade, Options{Simulations: 5})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(dir, s, Charts(s, handMade)...); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var back Summary
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Totals != s.Totals || back.Integer != s.Integer {
		t.Errorf("summary.json does not read back to the summary")
	}
	for _, name := range []string{"fingerprint.svg", "turnout.svg", "yes-share.svg", "regions.svg", "scatter.svg"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	for _, c := range []struct {
		name   string
		charts []Chart
	}{
		{"path", []Chart{{Name: "../x.svg"}}},
		{"not svg", []Chart{{Name: "x.html"}}},
		{"summary", []Chart{{Name: "summary.json"}}},
		{"hidden", []Chart{{Name: ".svg"}}},
		{"upper case", []Chart{{Name: "X.svg"}}},
		{"twice", []Chart{{Name: "a.svg"}, {Name: "a.svg"}}},
	} {
		empty := filepath.Join(t.TempDir(), "none")
		err := WriteDir(empty, s, c.charts...)
		if e, ok := err.(*atazan.Error); !ok || e.Code != atazan.EInvalid || !strings.HasPrefix(e.Field, "charts[") {
			t.Errorf("%s: error %#v, want EInvalid on a chart", c.name, err)
		}
		if _, err := os.Stat(empty); err == nil {
			t.Errorf("%s: the folder was written before the names were checked", c.name)
		}
	}
}

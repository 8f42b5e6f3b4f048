package charter

import (
	"os"
	"path/filepath"
	"testing"
)

// TestParseDemoLanguages parses the demo texts, each language written with
// its own keywords, and checks that the Kazakh and Russian texts of each
// version have the structure and the footnotes of the English one.
func TestParseDemoLanguages(t *testing.T) {
	for _, version := range []string{"2020", "2026-draft"} {
		docs := map[Lang]*Document{}
		for _, lang := range Languages {
			path := filepath.Join("..", "demo", "altyndala-"+version+"-"+string(lang)+".txt")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(data, FormatText, lang)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			docs[lang] = d
		}
		en := docs["en"]
		if st := en.Stats(); st.Sections != 6 || st.Articles < 30 {
			t.Errorf("%s en: %d sections, %d articles; want 6 and at least 30", version, st.Sections, st.Articles)
		}
		for _, lang := range []Lang{"kk", "ru"} {
			d := docs[lang]
			for _, m := range CompareStructure(en, d) {
				t.Errorf("%s %s differs from en: %v", version, lang, m)
			}
			en.Walk(func(u, _ *Unit) bool {
				if o := d.Find(u.ID); o != nil && len(o.Footnotes) != len(u.Footnotes) {
					t.Errorf("%s %s: %s has %d footnotes, en %d", version, lang, u.ID, len(o.Footnotes), len(u.Footnotes))
				}
				if o := d.Find(u.ID); o != nil && o.Heading == "" != (u.Heading == "") {
					t.Errorf("%s %s: %s heading %q, en %q", version, lang, u.ID, o.Heading, u.Heading)
				}
				return true
			})
		}
	}
}

package charter

import (
	"errors"
	"strings"
	"testing"

	"atazan"
)

// TestStructureLines checks every keyword form of sectionForms,
// articleForms and remarkForms, and lines that only look like them.
func TestStructureLines(t *testing.T) {
	// want: "section N|title", "article N|heading", "note|text",
	// "footnote|text", or "" for a line that is none of them.
	for _, c := range []struct{ in, want string }{
		// English.
		{"Section I", "section I|"},
		{"Section VIII. State Administration", "section VIII|State Administration"},
		{"SECTION 2", "section 2|"},
		{"Article 83-1", "article 83-1|"},
		{"article 5. Scope", "article 5|Scope"},
		{"Note. A note.", "note|A note."},
		{"Footnote. As amended.", "footnote|As amended."},
		{"FOOTNOTE: As amended.", "footnote|As amended."},

		// Russian.
		{"Раздел I", "section I|"},
		{"Раздел I. Общие положения", "section I|Общие положения"},
		{"РАЗДЕЛ IV", "section IV|"},
		{"раздел 3. Права", "section 3|Права"},
		{"Статья 1", "article 1|"},
		{"Статья 83-1", "article 83-1|"},
		{"СТАТЬЯ 2. Государство", "article 2|Государство"},
		{"Статья 5.", "article 5|"},
		{"Примечание. Текст примечания.", "note|Текст примечания."},
		{"ПРИМЕЧАНИЕ. Текст.", "note|Текст."},
		{"Сноска. Статья 2 с изменением, внесенным Законом РК от 07.10.1998 № 284.", "footnote|Статья 2 с изменением, внесенным Законом РК от 07.10.1998 № 284."},
		{"Сноска: См. постановление № 18/2.", "footnote|См. постановление № 18/2."},

		// Kazakh.
		{"I бөлім", "section I|"},
		{"I БӨЛІМ", "section I|"},
		{"IV бөлім. Парламент", "section IV|Парламент"},
		{"2 бөлім", "section 2|"},
		{"Бөлім I", "section I|"},
		{"БӨЛІМ VII. Соттар", "section VII|Соттар"},
		{"I бөлiм", "section I|"}, // Latin i for Cyrillic і, as in older adilet texts
		{"1-бап", "article 1|"},
		{"83-1-бап", "article 83-1|"},
		{"94-2-БАП", "article 94-2|"},
		{"5-бап. Қолдану", "article 5|Қолдану"},
		{"Бап 7", "article 7|"},
		{"Ескертпе. Осы баптың 3-тармағы қолданылады.", "note|Осы баптың 3-тармағы қолданылады."},
		{"Сілтеме. 2-бапқа өзгеріс енгізілді.", "footnote|2-бапқа өзгеріс енгізілді."},
		{"СIЛТЕМЕ: Қаулыны қараңыз.", "footnote|Қаулыны қараңыз."},

		// Kazakh "Ескерту.": a footnote when editorial, else a note.
		{"Ескерту. 2-бапқа өзгеріс енгізілді - ҚР 2007.05.21 № 254 Заңымен.", "footnote|2-бапқа өзгеріс енгізілді - ҚР 2007.05.21 № 254 Заңымен."},
		{"Ескерту. 1-бапқа өзгерiстер енгiзiлдi - ҚР Заңымен.", "footnote|1-бапқа өзгерiстер енгiзiлдi - ҚР Заңымен."},
		{"Ескерту. 10-бап жаңа редакцияда - ҚР 2022.11.08 № 157-VII Заңымен.", "footnote|10-бап жаңа редакцияда - ҚР 2022.11.08 № 157-VII Заңымен."},
		{"ЕСКЕРТУ. 44-бапқа өзгерістер ЕНГІЗІЛДІ.", "footnote|44-бапқа өзгерістер ЕНГІЗІЛДІ."},
		{"Ескерту. Конституция 7-1-баппен толықтырылды.", "footnote|Конституция 7-1-баппен толықтырылды."},
		{"Ескерту. 8-баптың 4-тармағы алып   тасталды.", "footnote|8-баптың 4-тармағы алып   тасталды."},
		{"Ескерту: 9-бап өзгертілді.", "footnote|9-бап өзгертілді."},
		{"Ескерту. ҚР Конституциялық Кеңесінің 2001.06.19 № 8/2 қаулысын қараңыз.", "footnote|ҚР Конституциялық Кеңесінің 2001.06.19 № 8/2 қаулысын қараңыз."},
		{"Ескерту. Шешім күшін жойды.", "footnote|Шешім күшін жойды."},
		{"Ескерту. Конституциялық Кеңестің нормативтік қаулылары Конституциялық Сот қайта қарағанға дейін қолданылады.", "note|Конституциялық Кеңестің нормативтік қаулылары Конституциялық Сот қайта қарағанға дейін қолданылады."},

		// Running text that starts with a keyword, and other near misses.
		{"1. Статья 5 применяется к гражданам.", ""},
		{"Статья 5 применяется к гражданам.", ""},
		{"Статьями 5 и 6 установлено:", ""},
		{"Статья", ""},
		{"Статья пятая.", ""},
		{"Статья 5а", ""},
		{"Разделом I установлено", ""},
		{"Раздел I и II", ""},
		{"Примечание РЦПИ! Текст.", ""},
		{"Примечания. Текст.", ""},
		{"Сноски. Текст.", ""},
		{"5-бапта көрсетілген құқықтар", ""},
		{"5-бап бойынша", ""},
		{"5 -бап", ""},
		{"-бап", ""},
		{"бап", ""},
		{"Баптың 3-тармағы", ""},
		{"I бөлімде көзделген", ""},
		{"1. бөлім", ""},
		{"Бөлімнің тақырыбы өзгертілді.", ""},
		{"бөлім", ""},
		{"Ескертулер. Мәтін.", ""},
		{"Сілтемелер: мәтін", ""},
		{"Article 5 of the Law applies.", ""},
		{"Articles 5 and 6", ""},
		{"Notes. Text.", ""},
		{"Section", ""},
	} {
		if got := classifyLine(c.in); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// classifyLine says which structure line s is, as TestStructureLines writes it.
func classifyLine(s string) string {
	var kinds []string
	if n, h, ok := sectionLine(s); ok {
		kinds = append(kinds, "section "+n+"|"+h)
	}
	if n, h, ok := articleLine(s); ok {
		kinds = append(kinds, "article "+n+"|"+h)
	}
	if text, ok := noteLine(s); ok {
		kinds = append(kinds, "note|"+text)
	}
	if text, ok := footnoteLine(s); ok {
		kinds = append(kinds, "footnote|"+text)
	}
	return strings.Join(kinds, " AND ")
}

// TestParseTextLanguages checks that the text parser builds the same tree
// from the keywords of each language, whatever the lang argument, and
// mixed in one file.
func TestParseTextLanguages(t *testing.T) {
	en := "T\nSection I. General\nArticle 1\n1. p\nNote. n\nFootnote. f\nSection II\nRights\nFootnote. s\nArticle 83-1\nx\n"
	want := []string{"sec_1|General|", "art_1||", "art_1__para_1||p", "art_1__note_1||n", "sec_2|Rights|", "art_83-1||", "art_83-1__para_u1||x"}
	for _, c := range []struct{ name, in string }{
		{"en", en},
		{"ru", "T\nРаздел I. General\nСтатья 1\n1. p\nПримечание. n\nСноска. f\nРАЗДЕЛ II\nRights\nСноска: s\nСтатья 83-1\nx\n"},
		{"kk", "T\nI бөлім. General\n1-бап\n1. p\nЕскертпе. n\nСілтеме. f\nII БӨЛІМ\nRights\nЕскерту. Бөлімнің тақырыбы жаңа редакцияда.\n83-1-бап\nx\n"},
		{"kk word first", "T\nБөлім I. General\nБап 1\n1. p\nЕскерту. n\nЕскерту. 1-бапқа өзгеріс енгізілді.\nБөлім II\nRights\nСілтеме: s\nБап 83-1\nx\n"},
		{"mixed", "T\nРаздел I. General\n1-бап\n1. p\nNote. n\nСноска. f\nII бөлім\nRights\nFootnote. s\nСтатья 83-1\nx\n"},
	} {
		for _, lang := range Languages {
			t.Run(c.name+"/"+string(lang), func(t *testing.T) {
				d, err := Parse([]byte(c.in), FormatText, lang)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				d.Walk(func(u, _ *Unit) bool {
					got = append(got, string(u.ID)+"|"+u.Heading+"|"+u.Text)
					return true
				})
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("units =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
				if fn := d.Find("art_1").Footnotes; len(fn) != 1 {
					t.Errorf("art_1 footnotes = %q, want one", fn)
				}
				if fn := d.Find("sec_2").Footnotes; len(fn) != 1 {
					t.Errorf("sec_2 footnotes = %q, want one", fn)
				}
			})
		}
	}
}

// TestParseLanguageErrors checks that the numbering rules and their line
// numbers hold for the Kazakh and Russian keywords.
func TestParseLanguageErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		format Format
		in     string
		line   int
		msg    string
	}{
		{"ru duplicate article", FormatText, "T\nСтатья 1\nx\nСтатья 2\ny\nСтатья 2\nz\n", 6, "Article 2 appears twice: it was first at line 4"},
		{"kk article backwards", FormatText, "T\n5-1-бап\nx\n5-бап\ny\n", 4, "Article 5 comes after Article 5-1"},
		{"kk section repeated in another form", FormatText, "T\nII бөлім\nA\n1-бап\nx\nБөлім 2\nB\n", 6, "Section 2 appears twice"},
		{"ru section backwards", FormatText, "T\nРаздел II\nA\nСтатья 1\nx\nРаздел I\nB\n", 6, "Section I comes after Section II"},
		{"mixed article backwards", FormatText, "T\nArticle 3\nx\nСтатья 2\ny\n", 4, "Article 2 comes after Article 3"},
		{"kk footnote before any article", FormatText, "T\nКіріспе.\nСілтеме. Ерте.\n1-бап\n", 3, "comes before the first article"},
		{"kk stray text after a section title", FormatText, "T\nI бөлім\nЖалпы ережелер\nАртық жол.\n1-бап\n", 4, "stands between the heading of Section I"},
		{"markdown: ru duplicate article", FormatMarkdown, "% T\n\n## Статья 1\n\nx\n\n## Статья 1\n", 7, "Article 1 appears twice"},
		{"markdown: kk bad section heading", FormatMarkdown, "# I бөлімде\n", 1, "is not a section heading"},
		{"markdown: quoted note", FormatMarkdown, "## 1-бап\n\nx\n\n> Ескертпе. Мәтін.\n", 5, "is not a footnote"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.in), c.format, "kk")
			var e *atazan.Error
			if !errors.As(err, &e) || e.Line != c.line || !strings.Contains(e.Message, c.msg) {
				t.Errorf("error = %v, want line %d and %q", err, c.line, c.msg)
			}
		})
	}
}

// TestParseMarkdownLanguages checks the Kazakh and Russian keywords in
// Markdown headings, notes and footnotes.
func TestParseMarkdownLanguages(t *testing.T) {
	in := "% T\n\n# I бөлім. Жалпы\n\n> Сілтеме. s\n\n## 1-бап\n\n1. p\n\nЕскертпе. n\n\n> Ескерту. Мәтін.\n\n# Раздел II. Права\n\n## Статья 83-1. Заголовок\n\nПримечание. m\n\nСноска. f\n"
	d, err := Parse([]byte(in), FormatMarkdown, "ru")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	d.Walk(func(u, _ *Unit) bool {
		got = append(got, string(u.ID)+"|"+u.Heading+"|"+u.Text+"|"+strings.Join(u.Footnotes, ";"))
		return true
	})
	want := []string{
		"sec_1|Жалпы||s",
		"art_1|||Мәтін.", // a quoted "Ескерту." is a footnote whatever its text
		"art_1__para_1||p|",
		"art_1__note_1||n|",
		"sec_2|Права||",
		"art_83-1|Заголовок||f",
		"art_83-1__note_1||m|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Text lines that read as Kazakh or Russian markers are escaped on export.
	d.Find("art_1__para_1").Text = "p\nПримечание. not a note\nЕскерту. 1-бапқа өзгеріс енгізілді.\nСілтеме: no"
	back, err := Parse(ExportMarkdown(d), FormatMarkdown, "ru")
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash() != d.Hash() {
		t.Errorf("export round trip changed the hash:\n%s", ExportMarkdown(d))
	}
}

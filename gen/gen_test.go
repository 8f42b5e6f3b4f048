package gen

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"atazan/charter"
)

// demoUnits returns the articles, paragraphs and points of the demo draft.
func demoUnits(t testing.TB) []charter.UnitID {
	t.Helper()
	data, err := os.ReadFile("../demo/altyndala-2026-draft-en.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := charter.Parse(data, charter.FormatText, "en")
	if err != nil {
		t.Fatal(err)
	}
	var ids []charter.UnitID
	doc.Walk(func(u, _ *charter.Unit) bool {
		switch u.Kind {
		case charter.KindArticle, charter.KindParagraph, charter.KindPoint, charter.KindPreamble:
			ids = append(ids, u.ID)
		}
		return true
	})
	return ids
}

func newGen(t testing.TB, cfg Config) *Generator {
	t.Helper()
	if cfg.Units == nil {
		cfg.Units = demoUnits(t)
	}
	g, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Seed: 42, Proposals: 3000, Regions: []string{"AB", "CD", "EF"}}
	a, b := newGen(t, cfg).All(), newGen(t, cfg).All()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generators with the same seed differ")
	}
	cfg.Seed = 43
	if c := newGen(t, cfg).All(); reflect.DeepEqual(a, c) {
		t.Fatal("different seeds give the same consultation")
	}
	// Next streams exactly what All returns, and All does not depend on Next.
	g := newGen(t, Config{Seed: 42, Proposals: 3000, Regions: []string{"AB", "CD", "EF"}})
	var streamed []Proposal
	for p, ok := g.Next(); ok; p, ok = g.Next() {
		streamed = append(streamed, p)
	}
	if !reflect.DeepEqual(streamed, a) || !reflect.DeepEqual(g.All(), a) {
		t.Fatal("Next and All disagree")
	}
	if _, ok := g.Next(); ok {
		t.Fatal("Next returned more than Proposals")
	}
	g1, g2 := newGen(t, cfg), newGen(t, cfg)
	if !reflect.DeepEqual(g1.Supports(5000), g2.Supports(5000)) || !reflect.DeepEqual(g1.Comments(2000), g2.Comments(2000)) {
		t.Fatal("Supports or Comments are not deterministic")
	}
}

func TestLanguageShares(t *testing.T) {
	for _, campaigns := range []int{-1, 3} {
		g := newGen(t, Config{Seed: 7, Proposals: 30000, Campaigns: campaigns})
		counts := map[charter.Lang]int{}
		n := 0
		for _, p := range g.All() {
			if p.Campaign >= 0 {
				continue // a campaign is written in one language
			}
			counts[p.Lang]++
			n++
		}
		for l, want := range map[charter.Lang]float64{"kk": .45, "ru": .40, "en": .15} {
			if got := float64(counts[l]) / float64(n); math.Abs(got-want) > .03 {
				t.Errorf("campaigns=%d: share of %s = %.3f, want %.2f±.03", campaigns, l, got, want)
			}
		}
	}
	g := newGen(t, Config{Seed: 7, Proposals: 5000, Langs: map[charter.Lang]float64{"en": 1}, Campaigns: -1})
	for _, p := range g.All() {
		if p.Lang != "en" {
			t.Fatalf("proposal %d in %s, want only en", p.Index, p.Lang)
		}
	}
}

func TestVariantsAndNearDupRate(t *testing.T) {
	props := newGen(t, Config{Seed: 3, Proposals: 20000, Campaigns: -1}).All()
	seen := map[string]int{}
	dups, unchanged := 0, 0
	byIndex := func(i int) Proposal { return props[i] }
	for _, p := range props {
		seen[p.Variant]++
		if p.Variant != VariantOriginal {
			dups++
			o := byIndex(p.Origin)
			if o.Variant != VariantOriginal || o.Idea != p.Idea || o.Lang != p.Lang || o.Unit != p.Unit || p.Origin >= p.Index {
				t.Fatalf("proposal %d (%s) does not match its origin %d", p.Index, p.Variant, p.Origin)
			}
			if p.Variant != VariantExact && p.Text == o.Text {
				unchanged++ // possible for a copy of a copy: a removed sentence was the added one
			}
		} else if p.Origin != p.Index {
			t.Fatalf("original %d has origin %d", p.Index, p.Origin)
		}
	}
	for _, v := range append([]string{VariantOriginal}, Variants...) {
		if seen[v] == 0 {
			t.Errorf("variant %q never appears", v)
		}
	}
	if unchanged > dups/100 {
		t.Errorf("%d of %d changed near-duplicates equal their origin", unchanged, dups)
	}
	if rate := float64(dups) / float64(len(props)); math.Abs(rate-.35) > .03 {
		t.Errorf("near-duplicate rate %.3f, want .35±.03", rate)
	}
}

func TestHomoglyphMixesScripts(t *testing.T) {
	for _, p := range newGen(t, Config{Seed: 5, Proposals: 20000, Campaigns: -1}).All() {
		if p.Variant != VariantHomoglyph || p.Lang == "en" {
			continue
		}
		if !strings.ContainsAny(p.Text, "aeopcxyAEOPCXKMTHB") {
			t.Errorf("homoglyph proposal %d has no Latin look-alike: %q", p.Index, p.Text)
		}
	}
}

func TestCampaigns(t *testing.T) {
	cfg := Config{Seed: 11, Proposals: 10000, Campaigns: 4, CampaignSize: 300}
	props := newGen(t, cfg).All()
	members := map[int][]Proposal{}
	for _, p := range props {
		if p.Campaign >= 0 {
			members[p.Campaign] = append(members[p.Campaign], p)
		}
	}
	if len(members) != 4 {
		t.Fatalf("%d campaigns, want 4", len(members))
	}
	for c, ms := range members {
		if len(ms) != 300 {
			t.Errorf("campaign %d has %d members, want 300", c, len(ms))
		}
		authors := map[int]bool{}
		exact := 0
		for _, m := range ms {
			if authors[m.Author] {
				t.Errorf("campaign %d: author %d twice", c, m.Author)
			}
			authors[m.Author] = true
			if m.Idea != ms[0].Idea || m.Origin != ms[0].Index || m.Lang != ms[0].Lang {
				t.Errorf("campaign %d: member %d differs in idea, origin or language", c, m.Index)
			}
			if m.Text == ms[0].Text {
				exact++
			}
		}
		if span := ms[len(ms)-1].Index - ms[0].Index; span > window(300) {
			t.Errorf("campaign %d spans %d proposals, not a burst", c, span)
		}
		if exact < len(ms)/2 {
			t.Errorf("campaign %d: only %d of %d texts identical", c, exact, len(ms))
		}
	}
	// Default size: 5% of proposals, at least 50.
	g := newGen(t, Config{Seed: 1, Proposals: 4000})
	if got := g.Config().CampaignSize; got != 200 {
		t.Errorf("default CampaignSize %d, want 200", got)
	}
	if got := newGen(t, Config{Seed: 1, Proposals: 400}).Config().CampaignSize; got != 50 {
		t.Errorf("default CampaignSize %d, want 50", got)
	}
}

func TestTexts(t *testing.T) {
	units := demoUnits(t)
	valid := map[charter.UnitID]bool{}
	for _, u := range units {
		valid[u] = true
	}
	props := newGen(t, Config{Seed: 9, Proposals: 20000, Units: units, Regions: []string{"N", "S"}}).All()
	var lens []int
	for _, p := range props {
		n := utf8.RuneCountInString(p.Text)
		lens = append(lens, n)
		switch {
		case n > MaxTextLen:
			t.Errorf("proposal %d has %d characters", p.Index, n)
		case n == 0:
			t.Errorf("proposal %d is empty", p.Index)
		case !utf8.ValidString(p.Text) || !utf8.ValidString(p.Rationale):
			t.Errorf("proposal %d is not valid UTF-8", p.Index)
		case !valid[p.Unit]:
			t.Errorf("proposal %d targets %q, not in Units", p.Index, p.Unit)
		case p.Lang == "kk" && !strings.ContainsAny(p.Text, "әғқңөұүһіӘҒҚҢӨҰҮҺІ"):
			t.Errorf("Kazakh proposal %d has no Kazakh letter: %q", p.Index, p.Text)
		case strings.Contains(p.Text, "{") || strings.Contains(p.Rationale, "{"):
			t.Errorf("proposal %d has an unfilled slot: %q", p.Index, p.Text)
		case p.Region != "N" && p.Region != "S":
			t.Errorf("proposal %d has region %q", p.Index, p.Region)
		case p.Author < 0 || p.Author >= 20000/3:
			t.Errorf("proposal %d has author %d", p.Index, p.Author)
		}
	}
	sort.Ints(lens)
	typical := 0
	for _, n := range lens {
		if n >= 200 && n <= 1500 {
			typical++
		}
	}
	if share := float64(typical) / float64(len(lens)); share < .8 {
		t.Errorf("only %.2f of texts are 200–1,500 characters", share)
	}
	if lens[len(lens)-1] < 3000 {
		t.Errorf("longest text %d characters: no long tail", lens[len(lens)-1])
	}
	t.Logf("lengths: min %d, median %d, p95 %d, max %d", lens[0], lens[len(lens)/2], lens[len(lens)*95/100], lens[len(lens)-1])
}

// Ideas of one topic on one unit are the hard negatives of clustering:
// the bank must produce them.
func TestIdeasShareTopicsAndUnits(t *testing.T) {
	g := newGen(t, Config{Seed: 2, Proposals: 30000})
	topicsOf := g.IdeaTopics()
	if len(topicsOf) < 200 {
		t.Fatalf("%d ideas, want a few hundred", len(topicsOf))
	}
	type tu struct {
		topic string
		unit  charter.UnitID
	}
	ideasAt := map[tu]map[int]bool{}
	for _, p := range g.All() {
		k := tu{topicsOf[p.Idea], p.Unit}
		if ideasAt[k] == nil {
			ideasAt[k] = map[int]bool{}
		}
		ideasAt[k][p.Idea] = true
	}
	crowded := 0
	for _, ids := range ideasAt {
		if len(ids) >= 3 {
			crowded++
		}
	}
	if crowded < 10 {
		t.Errorf("only %d (topic, unit) pairs carry 3 or more ideas", crowded)
	}
}

func TestConfigErrors(t *testing.T) {
	units := []charter.UnitID{"art_1"}
	for _, cfg := range []Config{
		{Proposals: 0, Units: units},
		{Proposals: 10},
		{Proposals: 100, Units: units, Campaigns: 3, CampaignSize: 50},
		{Proposals: 100, Units: units, Langs: map[charter.Lang]float64{"de": 1}},
		{Proposals: 100, Units: units, Langs: map[charter.Lang]float64{"kk": 0}},
		{Proposals: 100, Units: units, Campaigns: 1, CampaignSize: 20, Citizens: 10},
		{Proposals: 100, Units: units, NearDupRate: 2},
		{Proposals: 100, Units: units, Ideas: 100000},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}

func TestUnitReferences(t *testing.T) {
	for id, want := range map[charter.UnitID][3]string{
		"art_41__para_2":             {"paragraph 2 of Article 41", "пункт 2 статьи 41", "41-баптың 2-тармағын"},
		"art_41":                     {"Article 41", "статью 41", "41-бапты"},
		"art_20__para_u1__point_3-1": {"subparagraph 3-1) of part 1 of Article 20", "подпункт 3-1) части 1 статьи 20", "20-баптың 1-бөлігінің 3-1) тармақшасын"},
		"preamble":                   {"the preamble", "преамбулу", "Преамбуланы"},
		"art_4__note_1":              {"the note to Article 4", "примечание к статье 4", "4-баптың ескертпесін"},
	} {
		r := refOf(id)
		if got := [3]string{r.form(langEN, cAcc), r.form(langRU, cAcc), r.form(langKK, cAcc)}; got != want {
			t.Errorf("refOf(%s) = %q, want %q", id, got, want)
		}
	}
}

func TestSupportsAndComments(t *testing.T) {
	g := newGen(t, Config{Seed: 4, Proposals: 2000, Citizens: 500})
	pairs := map[Support]bool{}
	perProposal := map[int]int{}
	for _, s := range g.Supports(50000) {
		if pairs[s] {
			t.Fatalf("support %+v twice", s)
		}
		pairs[s] = true
		perProposal[s.Proposal]++
		if s.Proposal < 0 || s.Proposal >= 2000 || s.Citizen < 0 || s.Citizen >= 500 {
			t.Fatalf("support out of range: %+v", s)
		}
	}
	counts := make([]int, 0, len(perProposal))
	for _, n := range perProposal {
		counts = append(counts, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	top := 0
	for _, n := range counts[:20] { // the top 1% of proposals
		top += n
	}
	if top < 50000/5 {
		t.Errorf("the top 1%% of proposals hold %d of 50000 supports; want a skew", top)
	}
	cs := g.Comments(5000)
	replies := 0
	for i, c := range cs {
		if c.ReplyTo >= 0 {
			replies++
			if c.ReplyTo >= i || cs[c.ReplyTo].Proposal != c.Proposal {
				t.Fatalf("comment %d replies to %d on another proposal or later", i, c.ReplyTo)
			}
		}
		if c.Text == "" || (c.Stance != StanceFor && c.Stance != StanceAgainst && c.Stance != StanceNeutral) {
			t.Fatalf("bad comment %+v", c)
		}
	}
	if replies == 0 {
		t.Error("no replies")
	}
}

func TestCSV(t *testing.T) {
	props := newGen(t, Config{Seed: 8, Proposals: 500}).All()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, props); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 501 || recs[0][0] != "id" || recs[0][1] != "text" || recs[42][0] != "41" || recs[42][1] != props[41].Text {
		t.Fatalf("WriteCSV round trip failed: %d records, header %q", len(recs), recs[0])
	}
	buf.Reset()
	if err := WriteLabelledCSV(&buf, props); err != nil {
		t.Fatal(err)
	}
	recs, err = csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"id", "idea", "campaign", "variant", "lang", "text"}
	if !reflect.DeepEqual(recs[0], want) || len(recs) != 501 || recs[7][5] != props[6].Text || recs[7][4] != string(props[6].Lang) {
		t.Fatalf("WriteLabelledCSV round trip failed: header %q", recs[0])
	}
}

// BenchmarkGenerate streams proposals; ns/op is per proposal.
func BenchmarkGenerate(b *testing.B) {
	g, err := New(Config{Seed: 1, Proposals: max(b.N, 1000), Units: demoUnits(b), Regions: []string{"A", "B"}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	chars := 0
	for range b.N {
		p, _ := g.Next()
		chars += len(p.Text)
	}
	b.ReportMetric(float64(chars)/float64(b.N), "bytes/proposal")
}

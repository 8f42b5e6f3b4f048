// Package gen generates realistic synthetic consultations, deterministically
// for a seed: citizens' proposals on units of a draft constitution, in
// Kazakh, Russian and English, with the near-duplicates and organised
// campaigns a real consultation receives, plus supports and comments.
//
// The demo, the load generator and the clustering quality tests use it. The
// data are meant to be hard for a near-duplicate detector, honestly:
//
//   - Ideas are concrete changes in constitutional language (presidential
//     term limits, election of akims, referendum thresholds, land, digital
//     rights, …), written natively in each language from templates and slot
//     values. Ideas of one topic share most of their words ("a single term
//     of five years" against "of seven years") and often target the same
//     unit, yet they are different ideas.
//   - Boilerplate recurs across different ideas: greetings, a paragraph about
//     the author's village and profession, openings that name the unit
//     ("Предлагаю изложить пункт 2 статьи 41 в следующей редакции:"), stock
//     requests ("Ескеруіңізді сұраймын."), sign-offs. Each is assembled from
//     parts, so the set cannot be listed in advance.
//   - Near-duplicates copy an earlier proposal and change it (see the
//     Variant constants); copies of copies occur.
//   - Campaigns send one text, with tiny variations, from many distinct
//     accounts in a short burst.
//
// Ground truth for quality tests: Proposal.Idea is the idea a proposal
// expresses (independent wordings of one idea share it), Proposal.Origin is
// the proposal whose text it copies (itself for an original), and
// Proposal.Campaign names the campaign.
//
// A Generator streams: it keeps the ideas and a bounded pool of earlier
// texts to copy from, so millions of proposals need constant memory.
package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"atazan/charter"
)

// Kinds of proposal, as consult uses them.
const (
	KindAmend       = "amend"
	KindInsertAfter = "insert_after"
	KindDelete      = "delete"
	KindComment     = "comment"
)

// Variants: how a proposal's text was made from an earlier one.
const (
	VariantOriginal        = ""                 // written independently
	VariantTypo            = "typo"             // letters swapped, dropped or doubled
	VariantReorder         = "reorder"          // sentences or neighbouring words swapped
	VariantSentenceAdded   = "sentence_added"   // one sentence inserted
	VariantSentenceRemoved = "sentence_removed" // one sentence deleted
	VariantTruncated       = "truncated"        // cut short at a word boundary
	VariantCasePunct       = "case_punct"       // case, punctuation, quotes or line breaks changed
	VariantHomoglyph       = "homoglyph"        // Cyrillic and Latin look-alike letters mixed
	VariantExact           = "exact"            // copied unchanged
)

// Variants lists every near-duplicate variant.
var Variants = []string{VariantTypo, VariantReorder, VariantSentenceAdded, VariantSentenceRemoved,
	VariantTruncated, VariantCasePunct, VariantHomoglyph, VariantExact}

// MaxTextLen is the longest Text, in characters (runes), that the generator emits.
const MaxTextLen = 5000

// Config describes a consultation to generate. Zero fields take the
// defaults documented on each field.
type Config struct {
	Seed      uint64
	Proposals int // total proposals; required
	Citizens  int // distinct possible authors; default Proposals/3, at least CampaignSize

	// Langs is the share of proposals per language; default kk .45, ru .40,
	// en .15. Shares are normalised. Campaigns are written in one language
	// each, so they shift the mix by up to Campaigns×CampaignSize proposals.
	Langs map[charter.Lang]float64

	// NearDupRate is the share of proposals outside campaigns that copy an
	// earlier proposal (default .35; set a negative value for none).
	NearDupRate float64

	// Campaigns is the number of organised campaigns (default 3; negative
	// for none). CampaignSize is the number of distinct accounts per
	// campaign: default 5% of Proposals, at least 50, but never more than
	// half of the proposals overall, so small consultations stay mostly organic.
	Campaigns    int
	CampaignSize int

	// Ideas is the number of distinct ideas (default: all the bank holds,
	// IdeaBankSize). Popularity follows a Zipf law.
	Ideas int

	Units   []charter.UnitID // units that proposals target; required
	Regions []string         // region codes to assign authors to; Region is "" when empty
}

// Proposal is one generated proposal.
type Proposal struct {
	Index     int
	Author    int // 0..Citizens-1
	Region    string
	Unit      charter.UnitID
	Kind      string // amend | insert_after | delete | comment (mostly amend)
	Lang      charter.Lang
	Text      string
	Rationale string
	Idea      int    // the ground-truth idea this proposal expresses
	Origin    int    // Index of the proposal whose text this one copies; Index for originals
	Campaign  int    // -1 when not part of a campaign
	Variant   string // one of Variants, or "" for an original text
}

// idea is one concrete proposed change.
type idea struct {
	topic int
	unit  charter.UnitID
	ref   *unitRef
	para  string // the paragraph number, when the unit is a numbered paragraph
	kind  string
	norm  [3]string
}

// source is an earlier text that near-duplicates copy.
type source struct {
	text, rationale string
	idea, origin    int
	lang            int
}

type campaign struct {
	start, deadline, size, emitted int
	idea, lang, origin             int
	text, rationale                string
	authorOff, authorStride        int
}

// Generator produces a consultation. It is not safe for concurrent use.
type Generator struct {
	cfg        Config
	dupRate    float64 // NearDupRate, 0 when none
	nCampaigns int     // Campaigns, 0 when none
	rng        *rand.Rand
	ideas      []idea
	ideaZipf   *rand.Zipf
	authZipf   *rand.Zipf
	authMul    int
	authOff    int
	langCum    [3]float64
	pool       []source
	campaigns  []campaign
	next       int
}

// IdeaBankSize is the number of distinct ideas the bank can produce.
var IdeaBankSize = func() int {
	n := 0
	for _, t := range topics {
		for _, p := range t.positions {
			n += combos(p)
		}
	}
	return n
}()

func combos(p position) int {
	n := 1
	for _, s := range p.slots {
		n *= len(s)
	}
	return n
}

const poolSize = 4096

// New checks cfg, fills in defaults and builds the ideas.
func New(cfg Config) (*Generator, error) {
	if cfg.Proposals <= 0 {
		return nil, fmt.Errorf("gen: Proposals must be positive, got %d", cfg.Proposals)
	}
	if len(cfg.Units) == 0 {
		return nil, fmt.Errorf("gen: Units is required")
	}
	if cfg.Langs == nil {
		cfg.Langs = map[charter.Lang]float64{"kk": .45, "ru": .40, "en": .15}
	}
	g := &Generator{rng: rand.New(rand.NewPCG(cfg.Seed, 0x61746178616e)), next: 0}
	total := 0.0
	for l, w := range cfg.Langs {
		if !knownLang(l) || w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("gen: bad language share %q=%v", l, w)
		}
		total += w
	}
	if total <= 0 {
		return nil, fmt.Errorf("gen: language shares sum to zero")
	}
	acc := 0.0
	for i, l := range langCodes {
		acc += cfg.Langs[l] / total
		g.langCum[i] = acc
	}
	// Negative "none" values stay in cfg, so that Config() given back to
	// New describes the same consultation.
	switch {
	case cfg.NearDupRate == 0:
		cfg.NearDupRate = .35
	case cfg.NearDupRate > 1 || math.IsNaN(cfg.NearDupRate):
		return nil, fmt.Errorf("gen: NearDupRate %v is over 1", cfg.NearDupRate)
	}
	g.dupRate = max(cfg.NearDupRate, 0)
	if cfg.Campaigns == 0 {
		cfg.Campaigns = 3
	}
	g.nCampaigns = max(cfg.Campaigns, 0)
	if g.nCampaigns > 0 {
		if cfg.CampaignSize <= 0 {
			cfg.CampaignSize = max(cfg.Proposals/20, 50)
			cfg.CampaignSize = max(min(cfg.CampaignSize, cfg.Proposals/(2*g.nCampaigns)), 1)
		}
		if window(cfg.CampaignSize)*g.nCampaigns > cfg.Proposals {
			return nil, fmt.Errorf("gen: %d campaigns of %d accounts do not fit in %d proposals", cfg.Campaigns, cfg.CampaignSize, cfg.Proposals)
		}
	}
	if cfg.Citizens <= 0 {
		cfg.Citizens = max(cfg.Proposals/3, cfg.CampaignSize, 1)
	}
	if cfg.CampaignSize > cfg.Citizens {
		return nil, fmt.Errorf("gen: CampaignSize %d exceeds Citizens %d", cfg.CampaignSize, cfg.Citizens)
	}
	if cfg.Ideas <= 0 || cfg.Ideas > IdeaBankSize {
		if cfg.Ideas > IdeaBankSize {
			return nil, fmt.Errorf("gen: Ideas %d exceeds the bank's %d", cfg.Ideas, IdeaBankSize)
		}
		cfg.Ideas = IdeaBankSize
	}
	g.cfg = cfg
	g.buildIdeas()
	g.ideaZipf = rand.NewZipf(g.rng, 1.07, 8, uint64(len(g.ideas)-1))
	g.authZipf = rand.NewZipf(g.rng, 1.2, 4, uint64(cfg.Citizens-1))
	g.authMul = coprime(g.rng, cfg.Citizens)
	g.authOff = g.rng.IntN(cfg.Citizens)
	g.buildCampaigns()
	return g, nil
}

// window is the span of proposals a campaign's burst occupies: its members
// and the organic proposals interleaved with them.
func window(size int) int { return size + size/8 + 1 }

// coprime returns a multiplier coprime with n, so i*m mod n is a permutation.
func coprime(r *rand.Rand, n int) int {
	if n <= 2 {
		return 1
	}
	m := r.IntN(n-1) + 1
	for gcd(m, n) != 1 {
		m = m%(n-1) + 1
	}
	return m
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

var kindWeights = []struct {
	kind string
	w    float64
}{{KindAmend, .72}, {KindInsertAfter, .12}, {KindDelete, .06}, {KindComment, .10}}

func (g *Generator) buildIdeas() {
	r := g.rng
	units := g.cfg.Units
	refs := make(map[charter.UnitID]*unitRef, len(units))
	refFor := func(u charter.UnitID) *unitRef {
		if rf, ok := refs[u]; ok {
			return rf
		}
		rf := refOf(u)
		refs[u] = &rf
		return &rf
	}
	// Each topic has a few home units; most of its ideas target them.
	home := make([][]charter.UnitID, len(topics))
	for t := range topics {
		for range 1 + r.IntN(3) {
			home[t] = append(home[t], units[r.IntN(len(units))])
		}
	}
	type key struct{ t, p, c int }
	var all []key
	for t, tp := range topics {
		for p, pos := range tp.positions {
			for c := range combos(pos) {
				all = append(all, key{t, p, c})
			}
		}
	}
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	all = all[:g.cfg.Ideas]
	g.ideas = make([]idea, len(all))
	for i, k := range all {
		pos := topics[k.t].positions[k.p]
		vals := make([]tri, len(pos.slots))
		c := k.c
		for s := range pos.slots {
			vals[s] = pos.slots[s][c%len(pos.slots[s])]
			c /= len(pos.slots[s])
		}
		id := idea{topic: k.t}
		for l := range 3 {
			id.norm[l] = fillSlots(pos.norm.in(l), vals, l)
		}
		if r.Float64() < .8 {
			id.unit = home[k.t][r.IntN(len(home[k.t]))]
		} else {
			id.unit = units[r.IntN(len(units))]
		}
		id.ref = refFor(id.unit)
		id.para = paraNumber(id.unit)
		x := r.Float64()
		for _, kw := range kindWeights {
			if x -= kw.w; x < 0 || kw.kind == KindComment {
				id.kind = kw.kind
				break
			}
		}
		g.ideas[i] = id
	}
}

// fillSlots replaces {0}, {1}, … with slot values and capitalises the result.
func fillSlots(tmpl string, vals []tri, l int) string {
	out := make([]byte, 0, len(tmpl)+64)
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] == '{' && i+2 < len(tmpl) && tmpl[i+2] == '}' && tmpl[i+1] >= '0' && tmpl[i+1] <= '9' {
			out = append(out, vals[tmpl[i+1]-'0'].in(l)...)
			i += 2
			continue
		}
		out = append(out, tmpl[i])
	}
	return upperFirst(string(out))
}

func (g *Generator) buildCampaigns() {
	n := g.nCampaigns
	if n == 0 {
		return
	}
	seg := g.cfg.Proposals / n
	size := g.cfg.CampaignSize
	w := window(size)
	for c := range n {
		start := c*seg + g.rng.IntN(max(seg-w, 0)+1)
		cp := campaign{start: start, deadline: start + w, size: size, origin: -1,
			idea: g.pickIdea(), lang: g.pickLang(),
			authorOff: g.rng.IntN(g.cfg.Citizens), authorStride: coprime(g.rng, g.cfg.Citizens)}
		// A campaign letter: a greeting and the proposal, no personal story,
		// signed by whoever sends it.
		st := style{greeting: true, author: false, closing: true, target: 350 + g.rng.IntN(700)}
		cp.text = g.compose(&g.ideas[cp.idea], cp.idea, cp.lang, -1, st)
		cp.rationale = g.rationale(&g.ideas[cp.idea], cp.lang)
		g.campaigns = append(g.campaigns, cp)
	}
}

func knownLang(l charter.Lang) bool {
	for _, c := range langCodes {
		if c == l {
			return true
		}
	}
	return false
}

func (g *Generator) pickLang() int {
	x := g.rng.Float64()
	for i, c := range g.langCum {
		if x < c {
			return i
		}
	}
	return 2
}

func (g *Generator) pickIdea() int { return int(g.ideaZipf.Uint64()) }

func (g *Generator) pickAuthor() int {
	z := int(g.authZipf.Uint64())
	return int((int64(z)*int64(g.authMul) + int64(g.authOff)) % int64(g.cfg.Citizens))
}

// region is the author's region: fixed per author, unevenly spread.
func (g *Generator) region(author int) string {
	if len(g.cfg.Regions) == 0 {
		return ""
	}
	h := mix(g.cfg.Seed ^ 0x7265 ^ uint64(author)*0x9e3779b97f4a7c15)
	u := float64(h>>11) / (1 << 53)
	return g.cfg.Regions[int(math.Pow(u, 1.4)*float64(len(g.cfg.Regions)))]
}

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Next returns the next proposal, and false once Proposals have been returned.
func (g *Generator) Next() (Proposal, bool) {
	i := g.next
	if i >= g.cfg.Proposals {
		return Proposal{}, false
	}
	g.next++
	for c := range g.campaigns {
		cp := &g.campaigns[c]
		if i < cp.start || cp.emitted >= cp.size {
			continue
		}
		if cp.deadline-i <= cp.size-cp.emitted || g.rng.Float64() < .88 {
			return g.campaignMember(i, c), true
		}
	}
	if len(g.pool) > 0 && g.rng.Float64() < g.dupRate {
		return g.nearDup(i), true
	}
	return g.original(i), true
}

// All returns the whole consultation from its first proposal, whatever
// Next has already returned.
func (g *Generator) All() []Proposal {
	fresh, err := New(g.cfg)
	if err != nil { // cannot happen: g.cfg was accepted already
		panic(err)
	}
	out := make([]Proposal, 0, g.cfg.Proposals)
	for p, ok := fresh.Next(); ok; p, ok = fresh.Next() {
		out = append(out, p)
	}
	return out
}

// Config returns the configuration with its defaults filled in.
func (g *Generator) Config() Config { return g.cfg }

func (g *Generator) original(i int) Proposal {
	n := g.pickIdea()
	id := &g.ideas[n]
	lang := g.pickLang()
	author := g.pickAuthor()
	st := g.randomStyle()
	text := g.compose(id, n, lang, author, st)
	p := Proposal{Index: i, Author: author, Region: g.region(author), Unit: id.unit, Kind: id.kind,
		Lang: langCodes[lang], Text: text, Rationale: g.rationale(id, lang), Idea: n, Origin: i, Campaign: -1}
	g.remember(source{text: p.Text, rationale: p.Rationale, idea: n, origin: i, lang: lang})
	return p
}

func (g *Generator) remember(s source) {
	if len(g.pool) < poolSize {
		g.pool = append(g.pool, s)
		return
	}
	g.pool[g.rng.IntN(poolSize)] = s
}

var variantWeights = []struct {
	v string
	w float64
}{{VariantTypo, .19}, {VariantReorder, .11}, {VariantSentenceAdded, .12}, {VariantSentenceRemoved, .12},
	{VariantTruncated, .10}, {VariantCasePunct, .14}, {VariantHomoglyph, .08}, {VariantExact, .14}}

func (g *Generator) nearDup(i int) Proposal {
	// Some sources are copied far more than others: favour the front of the pool.
	u := g.rng.Float64()
	src := g.pool[int(u*u*float64(len(g.pool)))]
	x := g.rng.Float64()
	v := VariantExact
	for _, vw := range variantWeights {
		if x -= vw.w; x < 0 {
			v = vw.v
			break
		}
	}
	id := &g.ideas[src.idea]
	author := g.pickAuthor()
	text := g.mutate(src.text, v, src.lang, id)
	if g.rng.Float64() < .2 { // copies of copies
		g.remember(source{text: text, rationale: src.rationale, idea: src.idea, origin: src.origin, lang: src.lang})
	}
	return Proposal{Index: i, Author: author, Region: g.region(author), Unit: id.unit, Kind: id.kind,
		Lang: langCodes[src.lang], Text: text, Rationale: src.rationale, Idea: src.idea, Origin: src.origin,
		Campaign: -1, Variant: v}
}

func (g *Generator) campaignMember(i, c int) Proposal {
	cp := &g.campaigns[c]
	k := cp.emitted
	cp.emitted++
	if cp.origin < 0 {
		cp.origin = i
	}
	author := int((int64(cp.authorOff) + int64(k)*int64(cp.authorStride)) % int64(g.cfg.Citizens))
	v := VariantExact
	switch x := g.rng.Float64(); {
	case k == 0:
	case x < .10:
		v = VariantCasePunct
	case x < .18:
		v = VariantTypo
	case x < .22:
		v = VariantHomoglyph
	}
	id := &g.ideas[cp.idea]
	return Proposal{Index: i, Author: author, Region: g.region(author), Unit: id.unit, Kind: id.kind,
		Lang: langCodes[cp.lang], Text: g.mutate(cp.text, v, cp.lang, id), Rationale: cp.rationale,
		Idea: cp.idea, Origin: cp.origin, Campaign: c, Variant: v}
}

// IdeaTopics returns the topic name of every idea, by Idea number: quality
// tests use it to find ideas that share vocabulary.
func (g *Generator) IdeaTopics() []string {
	out := make([]string, len(g.ideas))
	for i, id := range g.ideas {
		out[i] = topics[id.topic].name
	}
	return out
}

// TopicNames lists the topics of the idea bank, sorted.
func TopicNames() []string {
	out := make([]string, len(topics))
	for i, t := range topics {
		out[i] = t.name
	}
	sort.Strings(out)
	return out
}

package cluster

import (
	"runtime"
	"slices"
	"sync"
)

// Doc is one text to cluster.
type Doc struct {
	ID   string
	Text string
}

// Options configures clustering. Zero fields take the documented defaults.
type Options struct {
	// Threshold is the estimated Jaccard similarity, over the shingles that
	// are not boilerplate, at or above which two texts join one cluster.
	// Default DefaultThreshold.
	Threshold float64

	// CopyThreshold is the similarity of the first pass, which groups
	// near-verbatim copies before boilerplate is counted (default 0.7).
	CopyThreshold float64

	// BoilerplateShare and BoilerplateMin: a shingle found in more than
	// BoilerplateShare of the copy groups, and in more than BoilerplateMin
	// of them, is boilerplate and is ignored (defaults 0.002 and 5).
	BoilerplateShare float64
	BoilerplateMin   int

	// FullThreshold also requires this similarity over all shingles,
	// boilerplate included (default DefaultFullThreshold; negative to turn
	// the check off). Copies of one text share their greeting and sign-off
	// too; two people who wrote the same idea independently rarely do.
	FullThreshold float64
}

// DefaultThreshold is the default Options.Threshold, chosen by the quality
// test (quality_test.go).
const DefaultThreshold = 0.3

// DefaultFullThreshold is the default Options.FullThreshold.
const DefaultFullThreshold = 0.5

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.FullThreshold == 0 {
		o.FullThreshold = DefaultFullThreshold
	}
	if o.CopyThreshold <= 0 {
		o.CopyThreshold = 0.7
	}
	if o.BoilerplateShare <= 0 {
		o.BoilerplateShare = 0.002
	}
	if o.BoilerplateMin <= 0 {
		o.BoilerplateMin = 5
	}
	return o
}

func (o Options) boilerLimit(groups int) int32 {
	return int32(max(float64(o.BoilerplateMin), o.BoilerplateShare*float64(groups)))
}

// rootSlack and rootFullSlack scale Threshold and FullThreshold for the
// check of two clusters' representatives before they join (runBatch).
// Measured on generated proposals (docs/CLUSTER.md): without the check,
// chains of independent wordings of one idea joined into giant clusters
// (precision outside campaigns 0.70 at 100,000, 0.007 at 1,000,000); with
// the unscaled thresholds recall outside campaigns fell to 0.875 at 20,000.
const (
	rootSlack     = 0.75
	rootFullSlack = 0.85
)

// batch is the state Cluster computes and NewIndex keeps.
type batch struct {
	exact   []uint64         // hash of each text's token sequence
	sigs    []signature      // over the shingles that are not boilerplate
	full    []signature      // over all shingles
	use     []bool           // the text has shingles left and is first of its exact group
	df      map[uint64]int32 // document frequency by copy group (see runBatch)
	groups  int
	cluster []int32
}

// Cluster groups docs and returns, for each doc, the index of its
// cluster's representative: the earliest doc of the cluster.
//
// The method (docs/CLUSTER.md): texts with equal normalized tokens are
// joined at once. A first MinHash/LSH pass over all word 3-shingles groups
// near-verbatim copies (CopyThreshold). The number of copy groups each
// shingle occurs in is its document frequency; shingles above the
// boilerplate limit are dropped, so openings, greetings and stock sentences
// that recur across different texts are learned from the data and cannot
// merge distinct ideas, while a campaign copied thousands of times counts
// once and keeps its text. A second pass over the remaining shingles joins
// pairs at or above Threshold, by union-find.
func Cluster(docs []Doc, opt Options) []int {
	b := runBatch(docs, opt.withDefaults(), false)
	out := make([]int, len(docs))
	for i, c := range b.cluster {
		out[i] = int(c)
	}
	return out
}

// runBatch clusters docs. With allDF it counts the document frequency of
// every shingle, for an Index to update; otherwise only of the shingles
// that may reach the boilerplate limit.
func runBatch(docs []Doc, opt Options, allDF bool) *batch {
	n := len(docs)
	b := &batch{exact: make([]uint64, n), sigs: make([]signature, n), use: make([]bool, n)}
	sh := make([][]uint64, n)
	toks := make([]*tokenizer, runtime.GOMAXPROCS(0))
	for w := range toks {
		toks[w] = newTokenizer()
	}
	parallel(n, func(w, i int) {
		t := toks[w].words(docs[i].Text)
		b.exact[i] = hashTokens(t)
		sh[i] = shingles(t)
		b.sigs[i] = sign(sh[i])
	})

	// Exact duplicates.
	uf := newUnionFind(n)
	first := make(map[uint64]int32, n)
	for i, h := range b.exact {
		if j, ok := first[h]; ok {
			uf.union(j, int32(i))
			continue
		}
		first[h] = int32(i)
		b.use[i] = true
	}

	// First pass: copy groups over all shingles.
	copies := slices.Clone(uf)
	lshCluster(b.sigs, b.use, copyBanding, opt.CopyThreshold, copies, nil)
	b.full = slices.Clone(b.sigs)

	// Document frequency of each shingle, counted once per copy group.
	for i := range n {
		if copies.find(int32(i)) == int32(i) {
			b.groups++
		}
	}
	limit := opt.boilerLimit(b.groups)
	if allDF {
		b.df = make(map[uint64]int32)
		forEachGroup(copies, b.use, sh, func(s []uint64) {
			for _, x := range s {
				b.df[x]++
			}
		})
	} else {
		b.df = frequentShingles(copies, b.use, sh, limit)
	}

	// Second pass without boilerplate.
	parallel(n, func(_, i int) {
		if !b.use[i] {
			return
		}
		kept := sh[i][:0]
		for _, x := range sh[i] {
			if b.df[x] <= limit {
				kept = append(kept, x)
			}
		}
		switch len(kept) {
		case 0:
			b.use[i] = false
		case len(sh[i]):
			// nothing dropped: the signature over all shingles serves
		default:
			b.sigs[i] = sign(kept)
		}
	})
	clear(sh)
	var also func(a, c int32) bool
	if opt.FullThreshold > 0 {
		also = func(a, c int32) bool {
			if similarity(&b.full[a], &b.full[c]) < opt.FullThreshold {
				return false
			}
			// Two clusters join only when their representatives are alike
			// too, a little less strictly: otherwise chains of texts, each
			// close to the next, would join texts that share little.
			ra, rc := uf.find(a), uf.find(c)
			if ra == a && rc == c {
				return true
			}
			return similarity(&b.sigs[ra], &b.sigs[rc]) >= opt.Threshold*rootSlack &&
				similarity(&b.full[ra], &b.full[rc]) >= opt.FullThreshold*rootFullSlack
		}
	}
	lshCluster(b.sigs, b.use, mainBanding, opt.Threshold, uf, also)
	b.cluster = make([]int32, n)
	for i := range n {
		b.cluster[i] = uf.find(int32(i))
	}
	return b
}

func hashTokens(t []token) uint64 {
	h := uint64(0x636c7573746572)
	for _, s := range t {
		h = mix64(h ^ s.hash)
	}
	return h
}

// bucketCap bounds the members an Index keeps per LSH bucket, so that a
// campaign of thousands of copies does not make every lookup scan them all.
const bucketCap = 32

// Index assigns new texts to clusters as they arrive. It is safe for
// concurrent use.
//
// An Index starts from a batch (NewIndex) whose boilerplate counts it keeps
// and updates: a text that founds a new cluster adds its shingles to the
// counts, a text that joins a cluster does not, as in the batch, where each
// copy group counts once. Texts already indexed keep the signatures they
// were given; Cluster over everything gives the rebuilt answer.
type Index struct {
	mu      sync.Mutex
	opt     Options
	ids     chunked[string]
	cluster []int32
	sigs    chunked[signature]
	full    chunked[signature]
	exact   map[uint64]int32
	buckets [bands]map[uint64][]int32
	df      map[uint64]int32
	groups  int
}

// NewIndex clusters docs (which may be empty) and returns an Index holding
// them, ready for Add.
func NewIndex(docs []Doc, opt Options) *Index {
	opt = opt.withDefaults()
	b := runBatch(docs, opt, true)
	x := &Index{opt: opt, cluster: b.cluster, sigs: chunksOf(b.sigs), full: chunksOf(b.full),
		exact: make(map[uint64]int32, len(docs)), df: b.df, groups: b.groups}
	for i := range x.buckets {
		x.buckets[i] = make(map[uint64][]int32)
	}
	for i, d := range docs {
		x.ids.add(d.ID)
		if _, ok := x.exact[b.exact[i]]; !ok {
			x.exact[b.exact[i]] = int32(i)
		}
		if b.use[i] {
			x.insert(int32(i))
		}
	}
	return x
}

func (x *Index) insert(i int32) {
	keys := bandKeys(x.sigs.at(i))
	for band, k := range keys {
		if m := x.buckets[band][k]; len(m) < bucketCap {
			x.buckets[band][k] = append(m, i)
		}
	}
}

// Add indexes a new text and returns the ID of its cluster's
// representative: an earlier doc's, or id itself when the text starts a
// new cluster. It is Prepare then AddPrepared.
func (x *Index) Add(id, text string) (cluster string) {
	return x.AddPrepared(id, x.Prepare(text))
}

// Prepared is a text made ready for an Index: its tokens' hash, shingles
// and signatures. Preparing is most of the work of adding a text, and needs
// no lock on the index for most of it, so a server prepares each text in
// the request that brought it and holds the index (and its database
// writer) only for AddPrepared.
type Prepared struct {
	hash      uint64
	sh        []uint64
	full, sig signature
	kept      bool // some shingle is not boilerplate: sig is set
}

var tokenizers = sync.Pool{New: func() any { return newTokenizer() }}

// Prepare computes a text's signatures. Boilerplate is judged by the
// index's counts at this moment; AddPrepared does not judge it again.
// Prepare is safe for concurrent use with every other method.
func (x *Index) Prepare(text string) *Prepared {
	t := tokenizers.Get().(*tokenizer)
	toks := t.words(text)
	p := &Prepared{hash: hashTokens(toks), sh: shingles(toks)}
	tokenizers.Put(t)
	p.full = sign(p.sh)
	kept := make([]uint64, 0, len(p.sh))
	x.mu.Lock()
	limit := x.opt.boilerLimit(x.groups)
	for _, s := range p.sh {
		if x.df[s] <= limit {
			kept = append(kept, s)
		}
	}
	x.mu.Unlock()
	switch {
	case len(kept) == len(p.sh) && len(kept) > 0:
		p.sig, p.kept = p.full, true
	case len(kept) > 0:
		p.sig, p.kept = sign(kept), true
	}
	return p
}

// AddPrepared indexes a prepared text under id and returns the ID of its
// cluster's representative, as Add does.
func (x *Index) AddPrepared(id string, p *Prepared) (cluster string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	i := int32(x.ids.len())
	x.ids.add(id)
	x.sigs.add(signature{})
	x.full.add(signature{})
	if j, ok := x.exact[p.hash]; ok {
		x.cluster = append(x.cluster, x.cluster[j])
		return *x.ids.at(x.cluster[j])
	}
	x.exact[p.hash] = i
	*x.full.at(i) = p.full
	best := int32(-1)
	if p.kept {
		*x.sigs.at(i) = p.sig
		best = x.nearest(x.sigs.at(i), x.full.at(i))
	}
	if best >= 0 {
		x.cluster = append(x.cluster, x.cluster[best])
	} else {
		x.cluster = append(x.cluster, i)
		x.groups++
		for _, s := range p.sh {
			x.df[s]++
		}
	}
	if p.kept {
		x.insert(i)
	}
	return *x.ids.at(x.cluster[i])
}

// nearest returns the indexed text most similar to a text whose signatures
// are sig (boilerplate left out) and full, among its LSH candidates, that
// passes both thresholds; the earliest on a tie; -1 when none does.
func (x *Index) nearest(sig, full *signature) int32 {
	best, bestSim := int32(-1), x.opt.Threshold
	for band, k := range bandKeys(sig) {
		for _, j := range x.buckets[band][k] {
			s := similarity(sig, x.sigs.at(j))
			if s < bestSim || best >= 0 && s == bestSim && j > best {
				continue
			}
			if x.opt.FullThreshold <= 0 || similarity(full, x.full.at(j)) >= x.opt.FullThreshold {
				best, bestSim = j, s
			}
		}
	}
	return best
}

// Lookup returns the ID of the representative of the cluster that text
// would join, and false when it would found a new one. It changes nothing:
// the proposal form asks it for similar proposals while a citizen writes.
func (x *Index) Lookup(text string) (cluster string, ok bool) {
	p := x.Prepare(text)
	x.mu.Lock()
	defer x.mu.Unlock()
	if j, ok := x.exact[p.hash]; ok {
		return *x.ids.at(x.cluster[j]), true
	}
	if !p.kept {
		return "", false
	}
	if best := x.nearest(&p.sig, &p.full); best >= 0 {
		return *x.ids.at(x.cluster[best]), true
	}
	return "", false
}

// chunked is an append-only sequence kept in blocks of chunkSize, so that
// adding to a large Index never copies what it holds: one Add stays quick.
type chunked[T any] struct {
	blocks [][]T
	n      int
}

const chunkSize = 1 << 12

// chunksOf returns xs as a chunked sequence, sharing its memory.
func chunksOf[T any](xs []T) chunked[T] {
	var c chunked[T]
	for i := 0; i < len(xs); i += chunkSize {
		end := min(i+chunkSize, len(xs))
		c.blocks = append(c.blocks, xs[i:end:end])
	}
	c.n = len(xs)
	return c
}

func (c *chunked[T]) len() int { return c.n }

func (c *chunked[T]) at(i int32) *T { return &c.blocks[i/chunkSize][i%chunkSize] }

func (c *chunked[T]) add(x T) {
	if c.n%chunkSize == 0 {
		c.blocks = append(c.blocks, make([]T, 0, chunkSize))
	}
	last := &c.blocks[len(c.blocks)-1]
	*last = append(*last, x)
	c.n++
}

package cluster

import "testing"

func TestIndexAdd(t *testing.T) {
	x := NewIndex(nil, Options{})
	a := "Предлагаю изложить пункт 2 статьи 41 в следующей редакции: Президент избирается на один срок в семь лет без права переизбрания."
	if got := x.Add("a", a); got != "a" {
		t.Fatalf("first text: cluster %q, want a", got)
	}
	for id, text := range map[string]string{
		"exact":     a,
		"homoglyph": "Прeдлагаю изложить пункт 2 статьи 41 в слeдующей рeдакции: Президент избираетcя на один срок в семь лет без права переизбрания.",
		"case":      "ПРЕДЛАГАЮ изложить пункт 2 статьи 41 в следующей редакции президент избирается на один срок в семь лет, без права переизбрания!",
	} {
		if got := x.Add(id, text); got != "a" {
			t.Errorf("%s: cluster %q, want a", id, got)
		}
	}
	if got := x.Add("b", "Land and its resources belong to the people; foreigners may not own agricultural land."); got != "b" {
		t.Errorf("unrelated text joined cluster %q", got)
	}
}

func TestChunked(t *testing.T) {
	for _, n := range []int{0, 1, chunkSize - 1, chunkSize, chunkSize + 1, 3*chunkSize + 5} {
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i
		}
		c := chunksOf(xs)
		for i := n; i < n+2*chunkSize+3; i++ {
			c.add(i)
		}
		if c.len() != n+2*chunkSize+3 {
			t.Fatalf("from %d: length %d", n, c.len())
		}
		for i := range c.len() {
			if got := *c.at(int32(i)); got != i {
				t.Fatalf("from %d: item %d is %d", n, i, got)
			}
		}
	}
}

// TestIndexLookup: Lookup answers what Add would, and changes nothing.
func TestIndexLookup(t *testing.T) {
	docs, _ := generated(t, 2000)
	x := NewIndex(docs[:1500], Options{})
	y := NewIndex(docs[:1500], Options{})
	joined := 0
	for _, d := range docs[1500:] {
		rep, ok := x.Lookup(d.Text)
		again, _ := x.Lookup(d.Text)
		got := y.Add(d.ID, d.Text)
		x.Add(d.ID, d.Text)
		switch {
		case rep != again:
			t.Fatalf("%s: two lookups disagree: %q, %q", d.ID, rep, again)
		case ok && rep != got:
			t.Errorf("%s: Lookup says cluster %q, Add joins %q", d.ID, rep, got)
		case !ok && got != d.ID:
			t.Errorf("%s: Lookup says a new cluster, Add joins %q", d.ID, got)
		}
		if ok {
			joined++
		}
	}
	if joined == 0 || joined == 500 {
		t.Errorf("%d of 500 texts joined a cluster: the test exercises one case only", joined)
	}
}

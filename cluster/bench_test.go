package cluster

import (
	"testing"
)

func BenchmarkCluster100k(b *testing.B) {
	docs := docsOf(labelled(b, 100000))
	b.ResetTimer()
	for b.Loop() {
		Cluster(docs, Options{})
	}
	b.ReportMetric(float64(len(docs))/b.Elapsed().Seconds()*float64(b.N), "docs/s")
}

func BenchmarkAssign(b *testing.B) {
	docs := docsOf(labelled(b, 40000))
	x := NewIndex(docs[:20000], Options{})
	live := docs[20000:]
	b.ResetTimer()
	i := 0
	for b.Loop() {
		d := live[i%len(live)]
		x.Add(d.ID, d.Text)
		i++
	}
}

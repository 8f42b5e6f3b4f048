package cluster

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
	"syscall"
	"testing"
	"time"

	"atazan/gen"
)

// Clustering at scale. The million runs take about a minute each and
// several GiB; run them alone:
//
//	go test ./cluster -run XXX -bench Million -benchtime 1x
//
// Besides time they report the process's peak resident memory during the
// clustering (peak-MiB, from VmHWM, reset before it starts; the generated
// texts are included) and the memory the input alone holds (input-MiB).

func BenchmarkCluster100k(b *testing.B)    { benchCluster(b, 100000) }
func BenchmarkClusterMillion(b *testing.B) { benchCluster(b, 1000000) }

func benchCluster(b *testing.B, n int) {
	docs, truth := generated(b, n)
	input := startPeak(b)
	var rep []int
	for b.Loop() {
		rep = Cluster(docs, Options{})
	}
	b.ReportMetric(float64(len(docs))/b.Elapsed().Seconds()*float64(b.N), "docs/s")
	reportPeak(b, input)
	// Quality at this size, as quality_test.go measures it.
	s, o := pairwise(truth, rep), organic(truth, rep)
	b.ReportMetric(s.precision(), "precision")
	b.ReportMetric(s.recall(), "recall")
	b.ReportMetric(o.precision(), "organic-precision")
	b.ReportMetric(o.recall(), "organic-recall")
}

func BenchmarkAssign(b *testing.B)        { benchAssign(b, 20000) }
func BenchmarkAssign100k(b *testing.B)    { benchAssign(b, 100000) }
func BenchmarkAssignMillion(b *testing.B) { benchAssign(b, 1000000) }

// benchAssign measures Index.Add on an index built from n proposals; the
// texts added are the next proposals of the same consultation.
func benchAssign(b *testing.B, n int) {
	docs, _ := generated(b, n+20000)
	input := startPeak(b)
	x := NewIndex(docs[:n], Options{})
	live := docs[n:]
	cpuStart = cpuTime() // the CPU time of the additions only; the peak includes the index
	b.ResetTimer()
	i := 0
	for b.Loop() {
		d := live[i%len(live)]
		x.Add(d.ID, d.Text)
		i++
	}
	b.StopTimer()
	reportPeak(b, input)
}

// generated returns n generated proposals (the quality tests' seed) as
// Docs, and their ground truth without the texts.
func generated(t testing.TB, n int) ([]Doc, []gen.Proposal) {
	t.Helper()
	g, err := gen.New(gen.Config{Seed: 20260526, Proposals: n, Units: demoUnits(t)})
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]Doc, 0, n)
	truth := make([]gen.Proposal, 0, n)
	for p, ok := g.Next(); ok; p, ok = g.Next() {
		docs = append(docs, Doc{ID: strconv.Itoa(p.Index), Text: p.Text})
		truth = append(truth, gen.Proposal{Index: p.Index, Origin: p.Origin, Campaign: p.Campaign})
	}
	return docs, truth
}

// startPeak returns freed memory to the system, resets the peak resident
// memory (Linux) and returns the resident memory now, in MiB.
func startPeak(b *testing.B) float64 {
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	cpuStart = cpuTime()
	return procStatus(b, "VmRSS")
}

// cpuStart is the process's CPU time at startPeak.
var cpuStart time.Duration

// reportPeak reports the memory figures and the CPU time (user and system,
// all threads) since startPeak, which tells more than wall time when other
// work shares the machine.
func reportPeak(b *testing.B, input float64) {
	b.ReportMetric(input, "input-MiB")
	b.ReportMetric(procStatus(b, "VmHWM"), "peak-MiB")
	b.ReportMetric((cpuTime()-cpuStart).Seconds()/float64(b.N), "cpu-s/op")
}

func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// procStatus returns a memory figure of /proc/self/status in MiB, or 0
// where there is none.
func procStatus(b *testing.B, field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		name, value, ok := bytes.Cut(sc.Bytes(), []byte(":"))
		if !ok || string(name) != field {
			continue
		}
		kb, err := strconv.ParseFloat(string(bytes.TrimSuffix(bytes.TrimSpace(value), []byte(" kB"))), 64)
		if err != nil {
			b.Fatalf("%s: %v", field, err)
		}
		return kb / 1024
	}
	return 0
}

package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"atazan/charter"
	"atazan/ledger"
	"atazan/store"
)

// checkLog verifies that the stored log is whole: every record decodes, the
// stored hashes are those the records determine, and there are want records.
func checkLog(t *testing.T, s *store.Store, want int64) [][]byte {
	t.Helper()
	tree, err := s.LogTree(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if tree.N != want {
		t.Fatalf("log has %d records, want %d", tree.N, want)
	}
	recs, err := s.LogRecords(ctx(), 0, tree.N)
	if err != nil {
		t.Fatal(err)
	}
	// Rebuild the tree from the records alone and compare the root.
	var hashes []tlog.Hash
	r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = hashes[x]
		}
		return out, nil
	})
	for i, data := range recs {
		if _, err := ledger.Decode(data); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		hs, err := tlog.StoredHashes(int64(i), data, r)
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, hs...)
	}
	root, err := tlog.TreeHash(tree.N, r)
	if err != nil {
		t.Fatal(err)
	}
	if root != tree.Hash {
		t.Fatalf("stored root %v, records give %v", tree.Hash, root)
	}
	return recs
}

func testLog(t *testing.T, open Opener) {
	s := open(t)
	checkLog(t, s, 0)
	v := mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("en", "a")})
	if v.LogIndex != 0 {
		t.Errorf("first version's receipt = %d, want 0", v.LogIndex)
	}
	v = mustImport(t, s, charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("ru", "a"), Account: "42"})
	if v.LogIndex != 1 {
		t.Errorf("parallel text receipt = %d, want 1", v.LogIndex)
	}
	// A refused change appends nothing.
	if _, err := s.ImportVersion(ctx(), charter.ImportRequest{Charter: "altyndala", Version: "2020", Doc: SampleDocument("ru", "a")}); err == nil {
		t.Fatal("second ru text accepted")
	}
	v, err := s.PublishVersion(ctx(), "altyndala", "2020", "")
	if err != nil || v.LogIndex != 2 {
		t.Fatalf("publish receipt = %d, %v; want 2", v.LogIndex, err)
	}
	if _, err := s.PublishVersion(ctx(), "altyndala", "2020", ""); err == nil {
		t.Fatal("published twice")
	}
	recs := checkLog(t, s, 3)
	wantKinds := []ledger.Kind{ledger.KindVersionCreated, ledger.KindTextAdded, ledger.KindVersionPublished}
	for i, data := range recs {
		rec, _ := ledger.Decode(data)
		if rec.Kind != wantKinds[i] || rec.Subject["charter"] != "altyndala" || rec.Subject["version"] != "2020" {
			t.Errorf("record %d = %s %v, want %s", i, rec.Kind, rec.Subject, wantKinds[i])
		}
	}
	r1, _ := ledger.Decode(recs[1])
	if r1.Actor == ledger.Operator || r1.Actor == "42" || r1.Actor == "" {
		t.Errorf("an account's record names actor %q, want its pseudonym", r1.Actor)
	}
	// Replaying the log gives the stored state.
	st := &ledger.State{}
	for i, data := range recs {
		rec, _ := ledger.Decode(data)
		if err := ledger.Replay(st, int64(i), rec); err != nil {
			t.Fatalf("replay %d: %v", i, err)
		}
	}
	vs := st.Versions[ledger.VersionKey{Charter: "altyndala", Version: "2020"}]
	if vs.Hash != v.Hash || vs.Status != string(charter.StatusPublished) || len(vs.Texts) != 2 {
		t.Errorf("replayed version = %+v, stored %+v", vs, v)
	}
}

// testAppendBatches appends batches of many sizes, across tile boundaries,
// and checks the stored tree against the one the records determine.
func testAppendBatches(t *testing.T, open Opener) {
	s := open(t)
	total := int64(0)
	for _, n := range []int{1, 1, 253, 1, 2, 256, 300, 7} {
		recs := make([]ledger.Record, n)
		for i := range recs {
			r, err := ledger.VersionPublished{Hash: "sha256:" + strings.Repeat("ab", 32)}.Record(
				time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ledger.Operator, "c", fmt.Sprint(total+int64(i)))
			if err != nil {
				t.Fatal(err)
			}
			recs[i] = r
		}
		first, last, err := s.AppendRecords(ctx(), recs)
		if err != nil || first != total || last != total+int64(n)-1 {
			t.Fatalf("append %d: first %d last %d, %v; want %d..%d", n, first, last, err, total, total+int64(n)-1)
		}
		total += int64(n)
		checkLog(t, s, total)
	}
}

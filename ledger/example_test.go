package ledger_test

import (
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"atazan/ledger"
)

func ExampleRecord_Encode() {
	r, err := ledger.VersionPublished{Hash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}.
		Record(time.Date(2026, 11, 29, 1, 23, 45, 123456789, time.UTC), ledger.Operator, "kz", "2020")
	if err != nil {
		panic(err)
	}
	b, err := r.Encode()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", b)
	// Output:
	// {"actor":"operator","kind":"charter.version.published","payload":{"hash":"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},"subject":{"charter":"kz","version":"2020"},"time":"2026-11-29T01:23:45.123456Z","v":1}
}

func ExampleCommit() {
	fmt.Println(ledger.Commit("test"))
	// Output:
	// sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
}

func ExamplePseudonym() {
	fmt.Println(ledger.Pseudonym([]byte("test key"), "account-1"))
	// Output:
	// p:tzfty5vexdyo4fuowsnqqgvd3i
}

func ExampleSignCheckpoint() {
	// A key for examples only: "atazan.example.kz/log+0944d2f7+Aav+ZmUzcpjETu5iFHYzGXGgfdQuLLp5HHsEn5fZ1ryu"
	// is its verifier key.
	const skey = "PRIVATE+KEY+atazan.example.kz/log+0944d2f7+AYvvYs00mTgz3lE6efFJ0bQQZm/Kw/VQOsYJMI3ziNr8"
	// The RFC 6962 tree of three records, built with tlog.
	var hashes storedHashes
	for i, r := range [][]byte{[]byte("a"), []byte("b"), []byte("c")} {
		h, err := tlog.StoredHashes(int64(i), r, hashes)
		if err != nil {
			panic(err)
		}
		hashes = append(hashes, h...)
	}
	root, err := tlog.TreeHash(3, hashes)
	if err != nil {
		panic(err)
	}
	msg, err := ledger.SignCheckpoint(ledger.Checkpoint{Origin: "atazan.example.kz/log", Size: 3, Hash: root}, skey)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s", msg)
	// Output:
	// atazan.example.kz/log
	// 3
	// NmQuc8JUCrEh46a/lUWwokmCzYMOsT080Z3jzmwCHsE=
	//
	// — atazan.example.kz/log CUTS980YVtTuyFYXCSGF1m4g31h9MwOCCkOi4pWgdUGwqg8rlGAJPg4u4m97S9YDkN3kBv1zgzzV/861YI17HfTunAA=
}

func ExampleTilePath() {
	fmt.Println(ledger.TilePath(tlog.Tile{H: 8, L: 0, N: 1234067, W: 256}))
	fmt.Println(ledger.TilePath(tlog.Tile{H: 8, L: 1, N: 4, W: 17}))
	fmt.Println(ledger.TilePath(tlog.Tile{H: 8, L: -1, N: 0, W: 3}))
	// Output:
	// tile/0/x001/x234/067
	// tile/1/004.p/17
	// tile/entries/000.p/3
}

// storedHashes is a log's stored hashes in memory, in tlog's storage order.
type storedHashes []tlog.Hash

func (s storedHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		out[i] = s[x]
	}
	return out, nil
}

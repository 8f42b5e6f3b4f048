package ledger

import (
	"atazan/charter"
	"fmt"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// testLog is a log held in memory the way a server holds it: the records and
// tlog's stored hashes, appended one record at a time.
type testLog struct {
	records [][]byte
	hashes  memHashes
}

func (l *testLog) append(t testing.TB, rec []byte) {
	h, err := tlog.StoredHashes(int64(len(l.records)), rec, l.hashes)
	if err != nil {
		t.Fatal(err)
	}
	l.hashes = append(l.hashes, h...)
	l.records = append(l.records, rec)
}

func (l *testLog) checkpoint(t testing.TB, size int64) Checkpoint {
	root, err := tlog.TreeHash(size, l.hashes)
	if err != nil {
		t.Fatal(err)
	}
	return Checkpoint{Origin: testOrigin, Size: size, Hash: root}
}

// tile serves a tile of the tree of the given size, as a server does: hash
// tiles from the stored hashes, entry bundles from the records. found is
// false for a tile that the tree does not have.
func (l *testLog) tile(size int64, t tlog.Tile) (data []byte, found bool) {
	if t.L == -1 {
		lo, hi := t.N*tileWidth, t.N*tileWidth+int64(t.W)
		if hi > size {
			return nil, false
		}
		b, err := EncodeBundle(l.records[lo:hi])
		return b, err == nil
	}
	if t.L > 7 || t.N*tileWidth+int64(t.W) > size>>(TileHeight*t.L) {
		return nil, false
	}
	data, err := ReadTile(t, l.hashes)
	return data, err == nil
}

// memTiles is a tlog.TileReader over a testLog at a size that goes through
// TilePath and ParseTilePath, as tiles do between a server and an auditor.
type memTiles struct {
	log  *testLog
	size int64
}

func (m memTiles) Height() int { return TileHeight }

func (m memTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		pt, err := ParseTilePath(TilePath(t))
		if err != nil {
			return nil, err
		}
		data, ok := m.log.tile(m.size, pt)
		if !ok {
			return nil, fmt.Errorf("no tile %s at size %d", TilePath(t), m.size)
		}
		out[i] = data
	}
	return out, nil
}

func (memTiles) SaveTiles([]tlog.Tile, [][]byte) {}

// testRecord returns the i'th record of the test logs: version i/3 of
// charter "kz" created, given a Kazakh text, published, and again.
func testRecord(t testing.TB, i int) []byte {
	at := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Millisecond)
	label := fmt.Sprintf("v%d", i/3)
	hash := testTextHash("ru", i/3)
	var r Record
	var err error
	switch i % 3 {
	case 0:
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf("v%d", i/3-1)
		}
		r, err = VersionCreated{CharterTitle: "Конституция", Parent: parent, Lang: "ru", Hash: hash, Title: "Конституция"}.Record(at, Operator, "kz", label)
	case 1:
		r, err = TextAdded{Lang: "kk", Hash: testTextHash("kk", i/3), Title: "Ата Заң"}.Record(at, Pseudonym([]byte("k"), "admin"), "kz", label)
	case 2:
		r, err = VersionPublished{Hash: hash}.Record(at, Operator, "kz", label)
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var boundarySizes = []int64{1, 2, 255, 256, 257, 511, 512, 513, 65535, 65536, 65537}

// TestProofsAtTileBoundaries appends 65537 records once and proves records
// and trees at sizes around tile boundaries through the tile layout.
func TestProofsAtTileBoundaries(t *testing.T) {
	if testing.Short() {
		t.Skip("65537 records")
	}
	var l testLog
	for i := range int(boundarySizes[len(boundarySizes)-1]) {
		l.append(t, []byte(fmt.Sprintf("record %d", i)))
	}
	for _, size := range boundarySizes {
		cp := l.checkpoint(t, size)
		thr := tlog.TileHashReader(tlog.Tree{N: size, Hash: cp.Hash}, memTiles{&l, size})
		if root, err := tlog.TreeHash(size, thr); err != nil || root != cp.Hash {
			t.Fatalf("size %d: tree hash from tiles %v, %v; want %v", size, root, err, cp.Hash)
		}
		for _, i := range []int64{0, 1, 254, 255, 256, 257, 510, 511, 512, size / 2, size - 2, size - 1} {
			if i < 0 || i >= size {
				continue
			}
			p, err := tlog.ProveRecord(size, i, thr)
			if err != nil {
				t.Fatalf("size %d: ProveRecord(%d): %v", size, i, err)
			}
			leaf := tlog.RecordHash(l.records[i])
			if err := tlog.CheckRecord(p, size, cp.Hash, i, leaf); err != nil {
				t.Errorf("size %d: record %d: %v", size, i, err)
			}
			if err := tlog.CheckRecord(p, size, cp.Hash, i, tlog.RecordHash([]byte("other"))); err == nil {
				t.Errorf("size %d: record %d: proof accepted another record", size, i)
			}
		}
		for _, old := range boundarySizes {
			if old > size {
				break
			}
			oldCP := l.checkpoint(t, old)
			p, err := tlog.ProveTree(size, old, thr)
			if err != nil {
				t.Fatalf("ProveTree(%d, %d): %v", size, old, err)
			}
			if err := tlog.CheckTree(p, size, cp.Hash, old, oldCP.Hash); err != nil {
				t.Errorf("consistency %d → %d: %v", old, size, err)
			}
			if old > 1 {
				wrong := l.checkpoint(t, old-1)
				if err := tlog.CheckTree(p, size, cp.Hash, old, wrong.Hash); err == nil {
					t.Errorf("consistency %d → %d accepted the root of size %d", old, size, old-1)
				}
			}
		}
	}
}

// TestConsistencyManyPairs proves consistency between every pair of sizes
// up to 300 and checks each proof fails for a tree that is not a prefix.
func TestConsistencyManyPairs(t *testing.T) {
	var l testLog
	for i := range 300 {
		l.append(t, []byte(fmt.Sprintf("record %d", i)))
	}
	var fork testLog
	for i := range 300 {
		fork.append(t, []byte(fmt.Sprintf("fork %d", i)))
	}
	roots := make([]tlog.Hash, 301)
	for n := int64(1); n <= 300; n++ {
		roots[n] = l.checkpoint(t, n).Hash
	}
	for size := int64(1); size <= 300; size += 7 {
		thr := tlog.TileHashReader(tlog.Tree{N: size, Hash: roots[size]}, memTiles{&l, size})
		for old := int64(1); old <= size; old++ {
			p, err := tlog.ProveTree(size, old, thr)
			if err != nil {
				t.Fatalf("ProveTree(%d, %d): %v", size, old, err)
			}
			if err := tlog.CheckTree(p, size, roots[size], old, roots[old]); err != nil {
				t.Fatalf("consistency %d → %d: %v", old, size, err)
			}
			if err := tlog.CheckTree(p, size, roots[size], old, fork.checkpoint(t, old).Hash); err == nil {
				t.Fatalf("consistency %d → %d accepted a forked prefix", old, size)
			}
		}
	}
}

// TestTilesAuthenticate flips one byte of each tile a proof reads: the
// tile hash reader must refuse every one.
func TestTilesAuthenticate(t *testing.T) {
	var l testLog
	for i := range 70000 {
		l.append(t, []byte(fmt.Sprint(i)))
	}
	size := int64(70000)
	cp := l.checkpoint(t, size)
	for _, tile := range tlog.NewTiles(TileHeight, 0, size) {
		if tile.N > 3 && tile.N < 270 {
			continue // the rest are like these
		}
		thr := tlog.TileHashReader(tlog.Tree{N: size, Hash: cp.Hash}, flipTile{memTiles{&l, size}, tile})
		_, err := tlog.ReadTileData(tlog.Tile{H: TileHeight, L: tile.L, N: tile.N, W: tile.W}, thr)
		if err == nil {
			t.Errorf("tile %s flipped: read without error", TilePath(tile))
		}
	}
}

type flipTile struct {
	memTiles
	bad tlog.Tile
}

func (f flipTile) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data, err := f.memTiles.ReadTiles(tiles)
	for i, t := range tiles {
		if err == nil && t == f.bad {
			data[i] = append([]byte(nil), data[i]...)
			data[i][len(data[i])-1] ^= 1
		}
	}
	return data, err
}

// testDocs maps the hashes of the test logs' texts to their documents, so
// that the test server can serve the units an auditor hashes.
var testDocs sync.Map

// testTextHash returns the hash of the n'th test text in lang, a one-article document.
func testTextHash(lang string, n int) string {
	d := &charter.Document{Lang: charter.Lang(lang), Units: []*charter.Unit{{Kind: charter.KindArticle, Number: "1",
		Children: []*charter.Unit{{Kind: charter.KindParagraph, Number: "1", Text: fmt.Sprintf("Text %d (%s).", n, lang)}}}}}
	d.AssignIDs()
	h := d.Hash()
	testDocs.Store(h, d)
	return h
}

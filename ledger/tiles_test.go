package ledger

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

func TestTilePathVectors(t *testing.T) {
	for _, tt := range []struct {
		tile tlog.Tile
		path string
	}{
		// From C2SP tlog-tiles: "index 1234067 will be encoded as x001/x234/067".
		{tlog.Tile{H: 8, L: 0, N: 1234067, W: 256}, "tile/0/x001/x234/067"},
		{tlog.Tile{H: 8, L: 0, N: 0, W: 256}, "tile/0/000"},
		{tlog.Tile{H: 8, L: 0, N: 5, W: 1}, "tile/0/005.p/1"},
		{tlog.Tile{H: 8, L: 2, N: 999, W: 255}, "tile/2/999.p/255"},
		{tlog.Tile{H: 8, L: 1, N: 1000, W: 256}, "tile/1/x001/000"},
		{tlog.Tile{H: 8, L: 63, N: 1000000, W: 17}, "tile/63/x001/x000/000.p/17"},
		{tlog.Tile{H: 8, L: -1, N: 1234067, W: 256}, "tile/entries/x001/x234/067"},
		{tlog.Tile{H: 8, L: -1, N: 0, W: 3}, "tile/entries/000.p/3"},
		{tlog.Tile{H: 8, L: 0, N: 1<<63 - 1, W: 256}, "tile/0/x009/x223/x372/x036/x854/x775/807"},
	} {
		if got := TilePath(tt.tile); got != tt.path {
			t.Errorf("TilePath(%+v) = %s, want %s", tt.tile, got, tt.path)
		}
		if got, err := ParseTilePath(tt.path); err != nil || got != tt.tile {
			t.Errorf("ParseTilePath(%s) = %+v, %v, want %+v", tt.path, got, err, tt.tile)
		}
	}
}

// TestTilesOfSpecExamples checks the C2SP tlog-tiles examples: "a tree of
// size 70,000 will be represented by 273 full level 0 tiles, one partial
// level 0 tile of width 112, one full level 1 tile, one partial level 1 tile
// of width 17, and one partial level 2 tile of width 1" and "a tree of size
// 256 will be represented by a full level 0 tile and a partial level 1 tile
// of width 1".
func TestTilesOfSpecExamples(t *testing.T) {
	paths := func(n int64) []string {
		var p []string
		for _, tile := range tlog.NewTiles(TileHeight, 0, n) {
			p = append(p, TilePath(tile))
		}
		return p
	}
	p := paths(70000)
	if len(p) != 273+1+1+1+1 {
		t.Fatalf("size 70000: %d tiles", len(p))
	}
	if p[0] != "tile/0/000" || p[272] != "tile/0/272" {
		t.Errorf("size 70000: full level 0 tiles %s … %s", p[0], p[272])
	}
	if got, want := strings.Join(p[273:], " "), "tile/0/273.p/112 tile/1/000 tile/1/001.p/17 tile/2/000.p/1"; got != want {
		t.Errorf("size 70000: last tiles %s, want %s", got, want)
	}
	if got, want := strings.Join(paths(256), " "), "tile/0/000 tile/1/000.p/1"; got != want {
		t.Errorf("size 256: %s, want %s", got, want)
	}
}

func TestParseTilePathRejects(t *testing.T) {
	for _, p := range []string{
		"", "tile", "tile/0", "tile/0/", "/tile/0/000", "tile/0/000/",
		"tiles/0/000", "tile/data/000", "tile/-1/000", "tile/00/000", "tile/64/000", "tile/+1/000",
		"tile/0/0", "tile/0/00", "tile/0/0000", "tile/0/x000/001", "tile/0/001/001", "tile/0/x001",
		"tile/0/x01/001", "tile/0/y001/001", "tile/0/x001/x002", "tile/0/-01", "tile/0/+01", "tile/0/0a1",
		"tile/0/000.p", "tile/0/000.p/", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/01", "tile/0/000.p/1/2",
		"tile/0/000.q/1", "tile/0/.p/1", "tile/0/x001.p/001", "tile/0/000.p/+1",
		"tile/0/x009/x223/x372/x036/x854/x775/808",      // 2^63
		"tile/0/x001/x000/x000/x000/x000/x000/x000/000", // 8 groups
		"tile/entries/000.p/256", "tile/entries/000.p/1.p/1", "tile/0/000.p/1.5",
	} {
		if tile, err := ParseTilePath(p); err == nil {
			t.Errorf("ParseTilePath(%q) = %+v, want error", p, tile)
		}
	}
}

func TestTilePathRoundTrip(t *testing.T) {
	for _, l := range []int{-1, 0, 1, 7} {
		for _, n := range []int64{0, 1, 9, 10, 99, 100, 999, 1000, 1001, 999999, 1000000, 123456789012} {
			for _, w := range []int{1, 2, 128, 255, 256} {
				tile := tlog.Tile{H: TileHeight, L: l, N: n, W: w}
				if got, err := ParseTilePath(TilePath(tile)); err != nil || got != tile {
					t.Errorf("%+v: round trip gave %+v, %v", tile, got, err)
				}
			}
		}
	}
}

func TestBundle(t *testing.T) {
	entries := [][]byte{[]byte("a"), bytes.Repeat([]byte("b"), 300), bytes.Repeat([]byte("c"), MaxRecordSize)}
	b, err := EncodeBundle(entries)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0, 1, 'a', 1, 44, 'b'}) {
		t.Errorf("bundle starts % x", b[:6])
	}
	got, err := DecodeBundle(b)
	if err != nil || len(got) != 3 || !bytes.Equal(got[1], entries[1]) || !bytes.Equal(got[2], entries[2]) {
		t.Fatalf("DecodeBundle: %d entries, %v", len(got), err)
	}
	// Every truncation inside an entry fails; one between entries gives
	// fewer entries, which callers check against the tile width.
	for n := range len(b) {
		got, err := DecodeBundle(b[:n])
		if boundary := n == 3 || n == 3+302; boundary != (err == nil) {
			t.Fatalf("truncated to %d bytes: %d entries, %v", n, len(got), err)
		}
	}
	full := make([][]byte, 256)
	for i := range full {
		full[i] = []byte(fmt.Sprint(i))
	}
	b, err = EncodeBundle(full)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeBundle(append(b, 0, 1, 'x')); err == nil {
		t.Error("257 entries decoded")
	}
	if _, err := DecodeBundle([]byte{0, 0}); err == nil {
		t.Error("empty entry decoded")
	}
	for _, bad := range [][][]byte{nil, append(full, []byte("x")), {{}}, {make([]byte, MaxRecordSize+1)}} {
		if _, err := EncodeBundle(bad); err == nil {
			t.Errorf("EncodeBundle of %d entries succeeded", len(bad))
		}
	}
}

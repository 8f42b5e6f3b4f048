package ledger

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"atazan"
)

// TileHeight is the height of every tile of the log: a full tile holds
// 2^8 = 256 hashes (or, for entry bundles, 256 records), as C2SP tlog-tiles
// requires.
const TileHeight = 8

// tileWidth is the number of hashes in a full tile.
const tileWidth = 1 << TileHeight

// TilePath returns the path of tile t under the log's prefix, as C2SP
// tlog-tiles (https://c2sp.org/tlog-tiles) names it:
//
//	tile/<L>/<N>[.p/<W>]       Merkle tree hashes at level L (tlog level L)
//	tile/entries/<N>[.p/<W>]   entry bundles (tlog level -1, "data" tiles)
//
// L is decimal without leading zeros (0 to 63). N is split into groups of
// three digits, every group zero-padded and every group but the last
// prefixed by "x": 1234067 is "x001/x234/067", 5 is "005". The ".p/<W>"
// suffix appears only on partial tiles, W being their width, 1 to 255.
//
// t must have height TileHeight, level -1 to 63, N ≥ 0 and width 1 to 256;
// TilePath panics otherwise (tiles come from tlog, never from input; parse
// input with ParseTilePath).
func TilePath(t tlog.Tile) string {
	if t.H != TileHeight || t.L < -1 || t.L > 63 || t.N < 0 || t.W < 1 || t.W > tileWidth {
		panic(fmt.Sprintf("ledger.TilePath: invalid tile %+v", t))
	}
	b := make([]byte, 0, 32)
	b = append(b, "tile/"...)
	if t.L == -1 {
		b = append(b, "entries"...)
	} else {
		b = strconv.AppendInt(b, int64(t.L), 10)
	}
	b = append(b, '/')
	var groups []int64
	for n := t.N; ; n /= 1000 {
		groups = append(groups, n%1000)
		if n < 1000 {
			break
		}
	}
	for i := len(groups) - 1; i >= 0; i-- {
		if i > 0 {
			b = append(b, 'x')
		}
		g := groups[i]
		b = append(b, byte('0'+g/100), byte('0'+g/10%10), byte('0'+g%10))
		if i > 0 {
			b = append(b, '/')
		}
	}
	if t.W < tileWidth {
		b = append(b, ".p/"...)
		b = strconv.AppendInt(b, int64(t.W), 10)
	}
	return string(b)
}

// ParseTilePath parses a path written by TilePath and accepts no other
// spelling of the same tile: leading zeros in L or W, a leading "x000"
// group, groups of other than three digits, W of 256 (a full tile has no
// suffix) and numbers that overflow are all errors.
func ParseTilePath(path string) (tlog.Tile, error) {
	bad := func(why string) (tlog.Tile, error) {
		return tlog.Tile{}, atazan.FieldErrorf("path", "malformed tile path %q: %s", path, why)
	}
	f := strings.Split(path, "/")
	if len(f) < 3 || f[0] != "tile" {
		return bad(`want "tile/<L>/<N>[.p/<W>]"`)
	}
	t := tlog.Tile{H: TileHeight, W: tileWidth}
	if f[1] == "entries" {
		t.L = -1
	} else {
		l, ok := parseDecimal(f[1], 63)
		if !ok {
			return bad("level must be 0 to 63 without leading zeros")
		}
		t.L = int(l)
	}
	f = f[2:]
	if len(f) >= 2 && f[len(f)-2] != "" && strings.HasSuffix(f[len(f)-2], ".p") {
		w, ok := parseDecimal(f[len(f)-1], tileWidth-1)
		if !ok || w == 0 {
			return bad("partial width must be 1 to 255 without leading zeros")
		}
		t.W = int(w)
		f = f[:len(f)-1]
		f[len(f)-1] = strings.TrimSuffix(f[len(f)-1], ".p")
	}
	if len(f) > 7 { // 7 groups hold every int64
		return bad("index too large")
	}
	for i, g := range f {
		if i < len(f)-1 {
			var ok bool
			if g, ok = strings.CutPrefix(g, "x"); !ok {
				return bad("every index group but the last must start with 'x'")
			}
		}
		if len(g) != 3 || g[0] < '0' || g[0] > '9' || g[1] < '0' || g[1] > '9' || g[2] < '0' || g[2] > '9' {
			return bad("index groups must be three digits")
		}
		if i == 0 && len(f) > 1 && g == "000" {
			return bad("index has a leading zero group")
		}
		d := int64(g[0]-'0')*100 + int64(g[1]-'0')*10 + int64(g[2]-'0')
		if t.N > (1<<63-1-d)/1000 {
			return bad("index too large")
		}
		t.N = t.N*1000 + d
	}
	return t, nil
}

// parseDecimal parses a canonical decimal number from 0 to max.
func parseDecimal(s string, max int64) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > max || strconv.FormatInt(n, 10) != s {
		return 0, false
	}
	return n, true
}

// ReadTile returns the data of hash tile t (t.L ≥ 0) from a log's stored
// hashes: the concatenated hashes, as served at TilePath(t).
func ReadTile(t tlog.Tile, r tlog.HashReader) ([]byte, error) {
	return tlog.ReadTileData(t, r)
}

// EncodeBundle returns the entry bundle of entries: each entry as its length
// in a big-endian uint16 followed by its bytes (C2SP tlog-tiles). A bundle
// holds 1 to 256 entries, each 1 to MaxRecordSize bytes.
func EncodeBundle(entries [][]byte) ([]byte, error) {
	if len(entries) == 0 || len(entries) > tileWidth {
		return nil, atazan.FieldErrorf("bundle", "a bundle holds 1 to %d entries, not %d", tileWidth, len(entries))
	}
	size := 0
	for i, e := range entries {
		if len(e) == 0 || len(e) > MaxRecordSize {
			return nil, atazan.FieldErrorf(fmt.Sprintf("entries[%d]", i), "entry of %d bytes: must be 1 to %d", len(e), MaxRecordSize)
		}
		size += 2 + len(e)
	}
	b := make([]byte, 0, size)
	for _, e := range entries {
		b = binary.BigEndian.AppendUint16(b, uint16(len(e)))
		b = append(b, e...)
	}
	return b, nil
}

// DecodeBundle splits an entry bundle into its entries, which alias data. It
// refuses a bundle that is empty, holds more than 256 entries or an empty
// entry, or ends inside an entry.
func DecodeBundle(data []byte) ([][]byte, error) {
	var entries [][]byte
	for len(data) > 0 {
		if len(entries) == tileWidth {
			return nil, atazan.FieldErrorf("bundle", "bundle holds more than %d entries", tileWidth)
		}
		if len(data) < 2 {
			return nil, atazan.FieldErrorf("bundle", "bundle ends inside the length of entry %d", len(entries))
		}
		n := int(binary.BigEndian.Uint16(data))
		data = data[2:]
		if n == 0 {
			return nil, atazan.FieldErrorf("bundle", "entry %d is empty", len(entries))
		}
		if len(data) < n {
			return nil, atazan.FieldErrorf("bundle", "bundle ends inside entry %d (%d of %d bytes)", len(entries), len(data), n)
		}
		entries = append(entries, data[:n:n])
		data = data[n:]
	}
	if len(entries) == 0 {
		return nil, atazan.FieldErrorf("bundle", "bundle is empty")
	}
	return entries, nil
}

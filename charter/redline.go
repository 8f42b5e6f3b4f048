package charter

import (
	"unicode"
	"unicode/utf8"
)

// SegmentOp is the role of a run of words in a redline.
type SegmentOp string

const (
	SegEqual  SegmentOp = "equal"
	SegInsert SegmentOp = "insert"
	SegDelete SegmentOp = "delete"
)

// Segment is a run of text in a word-level redline.
type Segment struct {
	Op   SegmentOp `json:"op"`
	Text string    `json:"text"`
}

// Redline returns a word-level redline turning old into new.
//
// The texts are cut into tokens: words (runs of letters, digits and
// combining marks, in any script), runs of white space, and single other
// characters (punctuation, symbols). A shortest edit script over the tokens
// (Myers' algorithm) decides what is kept. For readability, a kept run that
// sits between two edits is shown as deleted and inserted again when it has
// no word in it (only spaces or punctuation) or when it is no longer than the
// edits on either side of it, so that a rewritten phrase reads as one
// deletion and one insertion rather than a comb of single words.
//
// The result obeys these rules, which tests and a fuzz test check:
//
//   - concatenating the Text of the SegEqual and SegDelete segments, in order,
//     gives old exactly; concatenating SegEqual and SegInsert gives new;
//   - no segment has empty Text, and no two neighbours have the same Op;
//   - within a changed stretch the deletion comes before the insertion;
//   - equal texts give one SegEqual segment (none when both are empty).
//
// The edit script is the shortest one unless more than about 2,000 tokens
// differ between stretches the texts share; past that the search stops and
// the differing stretch is shown as one deletion and one insertion, which
// keeps two long unrelated texts fast (20,000 words: well under a second).
func Redline(old, new string) []Segment {
	if old == new {
		if old == "" {
			return nil
		}
		return []Segment{{SegEqual, old}}
	}
	ao, bo := tokenize(old), tokenize(new) // token boundaries
	na, nb := len(ao)-1, len(bo)-1

	// Map tokens to small integers so that the diff compares ints.
	ids := make(map[string]int, na+nb)
	intern := func(s string, off []int) []int {
		out := make([]int, len(off)-1)
		for i := range out {
			t := s[off[i]:off[i+1]]
			id, ok := ids[t]
			if !ok {
				id = len(ids)
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	ai, bi := intern(old, ao), intern(new, bo)
	am, bm := make([]bool, na), make([]bool, nb)
	var scratch []int
	matchLCS(ai, bi, am, bm, &scratch)

	// Cut both texts into regions: alternating kept runs and changed
	// stretches, each a range of tokens in old and in new.
	var regs []region
	for i, j := 0, 0; i < na || j < nb; {
		r := region{a0: i, b0: j}
		for i < na && !am[i] {
			i++
		}
		for j < nb && !bm[j] {
			j++
		}
		if i == r.a0 && j == r.b0 {
			r.equal = true
			for i < na && j < nb && am[i] && bm[j] {
				i++
				j++
			}
		}
		r.a1, r.b1 = i, j
		regs = append(regs, r)
	}
	regs = absorbEqualities(regs, old, ao, new, bo)

	segs := make([]Segment, 0, len(regs)+len(regs)/2+1)
	for _, r := range regs {
		if r.equal {
			segs = appendSeg(segs, SegEqual, old[ao[r.a0]:ao[r.a1]])
			continue
		}
		segs = appendSeg(segs, SegDelete, old[ao[r.a0]:ao[r.a1]])
		segs = appendSeg(segs, SegInsert, new[bo[r.b0]:bo[r.b1]])
	}
	return segs
}

// region is a kept run of tokens (equal, the same text in old and new) or
// a changed stretch: tokens [a0, a1) of old are replaced by [b0, b1) of new.
type region struct {
	equal          bool
	a0, a1, b0, b1 int
}

// absorbEqualities turns a kept run between two changed stretches into part
// of one larger change when it holds no word, or when it is no longer (in
// characters) than the larger side of the change before it and of the change
// after it. It works left to right, so a merged change counts as the change
// before the next kept run. Merging keeps ranges contiguous: a changed
// stretch, the kept run after it and the next stretch are adjacent in both
// texts.
func absorbEqualities(regs []region, old string, ao []int, new string, bo []int) []region {
	size := func(r region) int {
		return max(utf8.RuneCountInString(old[ao[r.a0]:ao[r.a1]]), utf8.RuneCountInString(new[bo[r.b0]:bo[r.b1]]))
	}
	out := regs[:0]
	for k := 0; k < len(regs); k++ {
		r := regs[k]
		if r.equal && len(out) > 0 && !out[len(out)-1].equal && k+1 < len(regs) && !regs[k+1].equal {
			prev, next := &out[len(out)-1], regs[k+1]
			text := old[ao[r.a0]:ao[r.a1]]
			if n := utf8.RuneCountInString(text); !hasWord(text) || (n <= size(*prev) && n <= size(next)) {
				prev.a1, prev.b1 = next.a1, next.b1
				k++ // next is merged too
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// appendSeg appends a segment, skipping empty text and joining a segment to
// a neighbour with the same op.
func appendSeg(segs []Segment, op SegmentOp, text string) []Segment {
	if text == "" {
		return segs
	}
	if n := len(segs); n > 0 && segs[n-1].Op == op {
		segs[n-1].Text += text
		return segs
	}
	return append(segs, Segment{op, text})
}

// hasWord reports whether s contains a letter, digit or mark.
func hasWord(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// tokenize cuts s into words, runs of white space and single other
// characters, and returns the token boundaries: token i is s[off[i]:off[i+1]],
// and off runs from 0 to len(s). Every byte belongs to one token, invalid
// UTF-8 included (each invalid byte is a token of its own).
func tokenize(s string) (off []int) {
	off = make([]int, 1, len(s)/3+2)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case r == utf8.RuneError && size <= 1:
			// one invalid byte
		case isWordRune(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if (r2 == utf8.RuneError && n <= 1) || !isWordRune(r2) {
					break
				}
				j += n
			}
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n
			}
		}
		off = append(off, j)
		i = j
	}
	return off
}

// matchLCS marks in am and bm the elements of a and b that belong to one
// longest common subsequence. It uses Myers' linear-space divide and conquer
// ("An O(ND) Difference Algorithm and Its Variations", 1986): find a point
// on a shortest edit path by running the search from both ends, then solve
// each half. scratch is reused between calls to avoid allocations.
func matchLCS(a, b []int, am, bm []bool, scratch *[]int) {
	for {
		// A common prefix and suffix always belong to the LCS.
		for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
			am[0], bm[0] = true, true
			a, b, am, bm = a[1:], b[1:], am[1:], bm[1:]
		}
		for n, m := len(a), len(b); n > 0 && m > 0 && a[n-1] == b[m-1]; n, m = n-1, m-1 {
			am[n-1], bm[m-1] = true, true
			a, b, am, bm = a[:n-1], b[:m-1], am[:n-1], bm[:m-1]
		}
		if len(a) == 0 || len(b) == 0 {
			return
		}
		x, y, ok := bisect(a, b, scratch)
		if !ok || (x == 0 && y == 0) || (x == len(a) && y == len(b)) {
			return // nothing in common
		}
		matchLCS(a[:x], b[:y], am[:x], bm[:y], scratch)
		a, b, am, bm = a[x:], b[y:], am[x:], bm[y:]
	}
}

// maxBisectRounds bounds the work of one bisect: past that many rounds
// (an edit script of about twice as many tokens) the search stops, so that
// two long unrelated texts cost milliseconds rather than seconds.
const maxBisectRounds = 1000

// bisect returns a point (x, y) on a shortest edit path from a to b, found
// where the forward and the backward searches meet; ok is false when a and
// b have nothing in common, or when the shortest edit script is longer than
// about 2*maxBisectRounds tokens and the search gave up.
func bisect(a, b []int, scratch *[]int) (x, y int, ok bool) {
	n, m := len(a), len(b)
	maxD := (n + m + 1) / 2
	vOff := maxD
	vLen := 2*maxD + 2
	if cap(*scratch) < 2*vLen {
		*scratch = make([]int, 2*vLen)
	}
	v1, v2 := (*scratch)[:vLen], (*scratch)[vLen:2*vLen]
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[vOff+1], v2[vOff+1] = 0, 0
	delta := n - m
	front := delta%2 != 0 // the forward search detects the meeting when delta is odd
	// Diagonals that ran off the grid are trimmed from later rounds.
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for d := 0; d < maxD && d <= maxBisectRounds; d++ {
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			i := vOff + k1
			var x1 int
			if k1 == -d || (k1 != d && v1[i-1] < v1[i+1]) {
				x1 = v1[i+1]
			} else {
				x1 = v1[i-1] + 1
			}
			y1 := x1 - k1
			for x1 < n && y1 < m && a[x1] == b[y1] {
				x1++
				y1++
			}
			v1[i] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > m:
				k1start += 2
			case front:
				if j := vOff + delta - k1; j >= 0 && j < vLen && v2[j] != -1 && x1 >= n-v2[j] {
					return x1, y1, true
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			i := vOff + k2
			var x2 int
			if k2 == -d || (k2 != d && v2[i-1] < v2[i+1]) {
				x2 = v2[i+1]
			} else {
				x2 = v2[i-1] + 1
			}
			y2 := x2 - k2
			for x2 < n && y2 < m && a[n-x2-1] == b[m-y2-1] {
				x2++
				y2++
			}
			v2[i] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > m:
				k2start += 2
			case !front:
				if j := vOff + delta - k2; j >= 0 && j < vLen && v1[j] != -1 {
					x1 := v1[j]
					y1 := vOff + x1 - j
					if x1 >= n-x2 {
						return x1, y1, true
					}
				}
			}
		}
	}
	return 0, 0, false
}

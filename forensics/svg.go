package forensics

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"strings"
)

// The charts are plain SVG 1.1 written by hand: every text that comes from
// the data (region names) is escaped with encoding/xml, numbers are
// formatted by the package, and no script or external reference is
// emitted, so a chart can be served as is.

// Chart is one SVG chart and the file name WriteDir gives it.
type Chart struct {
	Name string // a plain file name ending in ".svg", e.g. "fingerprint.svg"
	SVG  []byte
}

// DefaultScatterPoints is the most stations the scatter chart draws.
const DefaultScatterPoints = 20000

// Charts draws the five standard charts of a Summary: fingerprint.svg,
// turnout.svg, yes-share.svg, regions.svg, and scatter.svg, which needs the
// stations themselves (at most DefaultScatterPoints of them are drawn).
func Charts(s Summary, stations []Station) []Chart {
	return []Chart{
		{Name: "fingerprint.svg", SVG: FingerprintSVG(s.Fingerprint)},
		{Name: "turnout.svg", SVG: HistogramSVG(s.TurnoutHistogram)},
		{Name: "yes-share.svg", SVG: HistogramSVG(s.YesShareHistogram)},
		{Name: "regions.svg", SVG: RegionsSVG(s.Regions, s.Totals)},
		{Name: "scatter.svg", SVG: ScatterSVG(stations, DefaultScatterPoints)},
	}
}

// svg accumulates one document.
type svg struct{ bytes.Buffer }

func newSVG(width, height int, title string) *svg {
	w := &svg{}
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	w.WriteString("<title>")
	w.text(title)
	w.WriteString("</title>\n")
	fmt.Fprintf(w, `<rect width="%d" height="%d" fill="#fff"/>`+"\n", width, height)
	return w
}

// text writes s escaped for XML character data and attribute values.
func (w *svg) text(s string) {
	xml.EscapeText(w, []byte(s))
}

// label writes a text element.
func (w *svg) label(x, y float64, anchor, s string, extra string) {
	fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="%s"%s>`, x, y, anchor, extra)
	w.text(s)
	w.WriteString("</text>\n")
}

func (w *svg) done() []byte {
	w.WriteString("</svg>\n")
	return w.Bytes()
}

// frame is a plot area with a percentage axis (0–100%) along x and a y
// axis that is either a percentage too or a count.
type frame struct {
	left, top, width, height float64
}

// percentAxisX draws the x axis from 0 to 100% with a tick every 10%.
func (w *svg) percentAxisX(f frame, name string) {
	y := f.top + f.height
	fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`+"\n", f.left, y, f.left+f.width, y)
	for p := 0; p <= 100; p += 10 {
		x := f.left + f.width*float64(p)/100
		fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`+"\n", x, y, x, y+5)
		w.label(x, y+18, "middle", fmt.Sprintf("%d%%", p), "")
	}
	w.label(f.left+f.width/2, y+36, "middle", name, "")
}

// percentAxisY draws the y axis from 0 (bottom) to 100% (top).
func (w *svg) percentAxisY(f frame, name string) {
	fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`+"\n", f.left, f.top, f.left, f.top+f.height)
	for p := 0; p <= 100; p += 10 {
		y := f.top + f.height*(1-float64(p)/100)
		fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`+"\n", f.left-5, y, f.left, y)
		w.label(f.left-8, y+4, "end", fmt.Sprintf("%d%%", p), "")
	}
	w.rotated(f.left-44, f.top+f.height/2, name)
}

// countAxisY draws the y axis from 0 to max with about five round ticks.
func (w *svg) countAxisY(f frame, max float64, name string) {
	fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`+"\n", f.left, f.top, f.left, f.top+f.height)
	step := niceStep(max / 5)
	for v := 0.0; v <= max+step/1e9; v += step {
		y := f.top + f.height*(1-v/max)
		fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`+"\n", f.left-5, y, f.left, y)
		w.label(f.left-8, y+4, "end", formatCount(v), "")
	}
	w.rotated(f.left-48, f.top+f.height/2, name)
}

func (w *svg) rotated(x, y float64, s string) {
	w.label(x, y, "middle", s, fmt.Sprintf(` transform="rotate(-90 %.1f %.1f)"`, x, y))
}

// niceStep rounds x up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

func formatCount(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.3g", v)
}

// heat maps t in [0, 1] to a colour from pale yellow through orange and red
// to near black.
func heat(t float64) string {
	stops := [][3]float64{{255, 255, 204}, {254, 178, 76}, {240, 59, 32}, {128, 0, 38}, {20, 0, 10}}
	t = math.Max(0, math.Min(1, t)) * float64(len(stops)-1)
	i := min(int(t), len(stops)-2)
	f := t - float64(i)
	var c [3]int
	for k := range c {
		c[k] = int(math.Round(stops[i][k] + f*(stops[i+1][k]-stops[i][k])))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// FingerprintSVG draws the fingerprint as a heat map: turnout along x and
// yes share along y, both 0–100%; a cell's colour grows with the logarithm
// of its weight, so that the faint tails stay visible; empty cells stay
// white.
func FingerprintSVG(f Fingerprint) []byte {
	f0 := frame{left: 70, top: 40, width: 500, height: 500}
	w := newSVG(680, 610, fmt.Sprintf("Turnout against yes share, %d stations, weighted by %s", f.Stations, f.Weight))
	w.label(f0.left+f0.width/2, 24, "middle", fmt.Sprintf("Turnout against yes share (%d stations, weighted by %s)", f.Stations, f.Weight), ` font-weight="bold"`)
	peak := 0.0
	for _, row := range f.Cells {
		for _, v := range row {
			peak = math.Max(peak, v)
		}
	}
	if f.Bins > 0 && peak > 0 {
		cw, ch := f0.width/float64(f.Bins), f0.height/float64(f.Bins)
		for i, row := range f.Cells {
			for j, v := range row {
				if v <= 0 {
					continue
				}
				x := f0.left + float64(i)*cw
				y := f0.top + f0.height - float64(j+1)*ch
				fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", x, y, cw, ch, heat(math.Log1p(v)/math.Log1p(peak)))
			}
		}
	}
	fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#000"/>`+"\n", f0.left, f0.top, f0.width, f0.height)
	w.percentAxisX(f0, "turnout")
	w.percentAxisY(f0, "yes share")
	// legend: the colour scale from 1 to the peak
	lx, ly := f0.left+f0.width+20.0, f0.top
	for k := range 50 {
		fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="14" height="4" fill="%s"/>`+"\n", lx, ly+float64(49-k)*4, heat(float64(k)/49))
	}
	w.label(lx+18, ly+8, "start", formatCount(peak), "")
	w.label(lx+18, ly+200, "start", "1", "")
	w.label(lx, ly+218, "start", "log scale", ` font-size="10"`)
	return w.done()
}

// HistogramSVG draws a histogram of stations by turnout or yes share over
// 0–100%, one 0.1-point bin per step of the line.
func HistogramSVG(h Histogram) []byte {
	f := frame{left: 80, top: 40, width: 800, height: 320}
	title := fmt.Sprintf("Stations by %s (%d stations, bins of 0.1 point)", h.Quantity, h.Stations)
	w := newSVG(910, 420, title)
	w.label(f.left+f.width/2, 24, "middle", title, ` font-weight="bold"`)
	peak := 0
	for _, c := range h.Counts {
		peak = max(peak, c)
	}
	top := niceStep(float64(peak)/5) * math.Ceil(float64(peak)/niceStep(float64(peak)/5))
	if top <= 0 {
		top = 1
	}
	if n := len(h.Counts); n > 0 {
		var path strings.Builder
		bw := f.width / float64(n)
		base := f.top + f.height
		fmt.Fprintf(&path, "M%.1f %.1f", f.left, base)
		for i, c := range h.Counts {
			y := base - f.height*float64(c)/top
			fmt.Fprintf(&path, "V%.1fH%.1f", y, f.left+float64(i+1)*bw)
		}
		fmt.Fprintf(&path, "V%.1fZ", base)
		fmt.Fprintf(w, `<path d="%s" fill="#3465a4" stroke="none"/>`+"\n", path.String())
	}
	w.percentAxisX(f, h.Quantity)
	w.countAxisY(f, top, "stations")
	if h.Over100 > 0 {
		w.label(f.left+f.width, f.top-6, "end", fmt.Sprintf("%d stations above 100%%, drawn in the last bin", h.Over100), ` font-size="10"`)
	}
	return w.done()
}

// RegionsSVG draws one bar per region, its yes share (of the ballots in the
// boxes), highest first, with a line at the share over all stations.
func RegionsSVG(regions []Totals, all Totals) []byte {
	rs := slices.Clone(regions)
	slices.SortStableFunc(rs, func(a, b Totals) int {
		switch {
		case a.YesShare > b.YesShare:
			return -1
		case a.YesShare < b.YesShare:
			return 1
		}
		return strings.Compare(a.Region, b.Region)
	})
	const row = 16.0
	f := frame{left: 300, top: 40, width: 500, height: row * float64(max(len(rs), 1))}
	title := fmt.Sprintf("Yes share by region (%d regions)", len(rs))
	w := newSVG(880, int(f.top+f.height+60), title)
	w.label(f.left+f.width/2, 24, "middle", title, ` font-weight="bold"`)
	for i, r := range rs {
		y := f.top + float64(i)*row
		name := r.Region
		if name == "" {
			name = "(no region)"
		}
		w.label(f.left-6, y+row-4, "end", name, ` font-size="11"`)
		fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#3465a4"/>`+"\n", f.left, y+2, f.width*r.YesShare, row-4)
		w.label(f.left+f.width*r.YesShare+4, y+row-4, "start", fmt.Sprintf("%.1f%%", 100*r.YesShare), ` font-size="10"`)
	}
	x := f.left + f.width*all.YesShare
	fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c00" stroke-dasharray="4 3"/>`+"\n", x, f.top, x, f.top+f.height)
	w.label(x, f.top-4, "middle", fmt.Sprintf("all: %.1f%%", 100*all.YesShare), ` font-size="10" fill="#c00"`)
	w.percentAxisX(f, "yes share")
	return w.done()
}

// ScatterSVG draws one dot per station, turnout along x and yes share along
// y. Stations without registered voters or ballots are left out; when more
// than maxPoints remain (maxPoints <= 0 means DefaultScatterPoints), every
// k-th one in input order is drawn, with k the smallest step that keeps
// within maxPoints, and the title says how many are shown.
func ScatterSVG(stations []Station, maxPoints int) []byte {
	if maxPoints <= 0 {
		maxPoints = DefaultScatterPoints
	}
	var xs, ys []float64
	for _, s := range stations {
		t, ok1 := s.Turnout()
		y, ok2 := s.YesShare()
		if ok1 && ok2 {
			xs = append(xs, math.Min(t, 1))
			ys = append(ys, y)
		}
	}
	step := max(1, (len(xs)+maxPoints-1)/maxPoints)
	shown := (len(xs) + step - 1) / step
	f := frame{left: 70, top: 40, width: 500, height: 500}
	title := fmt.Sprintf("Turnout against yes share, one dot per station (%d of %d shown)", shown, len(xs))
	w := newSVG(600, 610, title)
	w.label(f.left+f.width/2, 24, "middle", title, ` font-weight="bold"`)
	w.WriteString(`<g fill="#3465a4" fill-opacity="0.25">` + "\n")
	for i := 0; i < len(xs); i += step {
		fmt.Fprintf(w, `<circle cx="%.1f" cy="%.1f" r="1.2"/>`+"\n", f.left+f.width*xs[i], f.top+f.height*(1-ys[i]))
	}
	w.WriteString("</g>\n")
	fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#000"/>`+"\n", f.left, f.top, f.width, f.height)
	w.percentAxisX(f, "turnout")
	w.percentAxisY(f, "yes share")
	return w.done()
}

package web

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"net/http"

	"atazan/referendum"
)

// The referendum's charts are plain SVG, drawn on the server: bars of the
// yes share per region, and the density of precincts by turnout and yes
// share. The pages give their numbers in tables beside them.

const (
	regionBarRow   = 22  // height of one region's bar, in pixels
	regionBarTop   = 30  // room for the axis above the bars
	regionBarLabel = 180 // width of the regions' names
	regionBarWidth = 500 // width of 100%
	scatterN       = 100 // cells per axis of the density plot
	scatterPx      = 4   // pixels per cell
	scatterM       = 40  // margin for the axes
)

// regionsChartHeight is the height of the regions' bar chart with n regions.
func regionsChartHeight(n int) int { return regionBarTop + regionBarRow*n + 10 }

func (s *Server) apiReferendumChart(w http.ResponseWriter, r *http.Request) {
	rs, ref, st, _, err := s.loadArea(r, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	var b bytes.Buffer
	switch r.PathValue("chart") {
	case "regions.svg":
		regions, err := rs.ReferendumTotals(ctx, ref.ID, "r")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var names []string
		var totals []referendum.Totals
		for _, a := range regions {
			if a.Num < len(st.Regions) {
				names = append(names, st.Regions[a.Num].Code)
				totals = append(totals, a.Totals)
			}
		}
		regionsChart(&b, names, totals)
	case "scatter.svg":
		counted, err := rs.CountedProtocols(ctx, ref.ID, -1)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		protocols := make([]referendum.Protocol, len(counted))
		for i, c := range counted {
			protocols[i] = c.Revision.Protocol
		}
		scatterChart(&b, protocols)
	default:
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b.Bytes())
}

// regionsChart draws one bar per region: the yes share of its participants,
// with a line at one half.
func regionsChart(b *bytes.Buffer, names []string, totals []referendum.Totals) {
	w, h := regionBarLabel+regionBarWidth+60, regionsChartHeight(len(names))
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12" role="img"><title>Yes share by region</title>`, w, h, w, h)
	for _, pct := range []int{0, 25, 50, 75, 100} {
		x := regionBarLabel + regionBarWidth*pct/100
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/><text x="%d" y="%d" text-anchor="middle">%d%%</text>`,
			x, regionBarTop-6, x, h-10, map[bool]string{true: "#0b0c0c", false: "#b1b4b6"}[pct == 50], x, regionBarTop-10, pct)
	}
	for i, name := range names {
		t := totals[i]
		y := regionBarTop + i*regionBarRow
		share := 0.0
		if t.Participants() > 0 {
			share = float64(t.Sum[referendum.Yes]) / float64(t.Participants())
		}
		colour := "#b1b4b6"
		if 2*t.Sum[referendum.Yes] > t.Participants() {
			colour = "#1d70b8"
		}
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">%s</text><rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %.2f%%</title></rect><text x="%.1f" y="%d">%.1f%%</text>`,
			regionBarLabel-6, y+regionBarRow-7, html.EscapeString(name), regionBarLabel, y+3, share*regionBarWidth, regionBarRow-6, colour, html.EscapeString(name), 100*share,
			float64(regionBarLabel)+share*regionBarWidth+4, y+regionBarRow-7, 100*share)
	}
	b.WriteString(`</svg>`)
}

// scatterChart draws the precincts by turnout (across) and yes share (up)
// as a density: each cell of a 100 × 100 grid is darker the more
// precincts fall in it (on a logarithmic scale), so that ninety thousand
// precincts draw as fast as a hundred.
func scatterChart(b *bytes.Buffer, protocols []referendum.Protocol) {
	var grid [scatterN][scatterN]int
	most := 0
	for _, p := range protocols {
		reg, in, yes := p.Values[referendum.Registered], p.Values[referendum.InBoxes], p.Values[referendum.Yes]
		if reg <= 0 || in <= 0 {
			continue
		}
		x := min(int(float64(in)/float64(reg)*scatterN), scatterN-1)
		y := min(int(float64(yes)/float64(in)*scatterN), scatterN-1)
		if x < 0 || y < 0 {
			continue
		}
		grid[x][y]++
		most = max(most, grid[x][y])
	}
	size := scatterN*scatterPx + 2*scatterM
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12" role="img"><title>Turnout against yes share, by precinct</title>`, size, size, size, size)
	side := scatterN * scatterPx
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#0b0c0c"/>`, scatterM, scatterM, side, side)
	for _, pct := range []int{0, 50, 100} {
		off := side * pct / 100
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">%d%%</text><text x="%d" y="%d" text-anchor="end">%d%%</text>`,
			scatterM+off, scatterM+side+16, pct, scatterM-4, scatterM+side-off+4, pct)
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">turnout</text><text x="12" y="%d" transform="rotate(-90 12 %d)" text-anchor="middle">yes share</text>`,
		scatterM+side/2, size-6, scatterM+side/2, scatterM+side/2)
	for x := range scatterN {
		for y := range scatterN {
			n := grid[x][y]
			if n == 0 {
				continue
			}
			op := 0.15 + 0.85*math.Log1p(float64(n))/math.Log1p(float64(most))
			fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#1d70b8" fill-opacity="%.2f"/>`,
				scatterM+x*scatterPx, scatterM+side-(y+1)*scatterPx, scatterPx, scatterPx, op)
		}
	}
	b.WriteString(`</svg>`)
}

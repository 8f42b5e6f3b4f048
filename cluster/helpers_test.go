package cluster

import (
	"os"
	"testing"

	"atazan/charter"
	"atazan/gen"
)

// demoUnits returns the articles, paragraphs and points of the demo draft.
func demoUnits(t testing.TB) []charter.UnitID {
	t.Helper()
	data, err := os.ReadFile("../demo/altyndala-2026-draft-en.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := charter.Parse(data, charter.FormatText, "en")
	if err != nil {
		t.Fatal(err)
	}
	var ids []charter.UnitID
	doc.Walk(func(u, _ *charter.Unit) bool {
		switch u.Kind {
		case charter.KindArticle, charter.KindParagraph, charter.KindPoint, charter.KindPreamble:
			ids = append(ids, u.ID)
		}
		return true
	})
	return ids
}

// labelled generates n proposals with a fixed seed.
func labelled(t testing.TB, n int) []gen.Proposal {
	t.Helper()
	g, err := gen.New(gen.Config{Seed: 20260526, Proposals: n, Units: demoUnits(t)})
	if err != nil {
		t.Fatal(err)
	}
	return g.All()
}

package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"atazan/charter"
	"atazan/consolidate"
	"atazan/store"
)

// TestTableOutcome checks that each row of the comparative table of a
// commission's published draft shows the clusters of proposals on its unit
// with their counts and the secretariat's decision, and the amendments that
// changed it with the vote; and that a table with neither stays plain.
func TestTableOutcome(t *testing.T) {
	e := newCommissionEnv(t)
	ctx := context.Background()
	plain := e.page("/en/charters/"+testSlug+"/table?from="+url.QueryEscape(oldLabel)+"&to="+url.QueryEscape(newLabel), "")
	if plain.StatusCode != http.StatusOK || strings.Contains(plain.body, "Proposals from the consultation") || strings.Contains(plain.body, `class="outcome"`) {
		t.Errorf("a table with no consultation on its earlier version: %d\n%s", plain.StatusCode, plain.body)
	}

	// Three citizens propose the same wording of Article 1, paragraph 1; the secretariat accepts it.
	unit := charter.UnitID("art_1__para_1")
	for i := 0; i < 3; i++ {
		c := e.register(t)
		if _, res := e.propose(t, c.Token, string(unit), "amend", "The state guarantees the rights and freedoms of every person."); res.StatusCode != http.StatusCreated {
			t.Fatalf("propose: %d %s", res.StatusCode, res.body)
		}
	}
	cls, err := e.st.Clusters(ctx, store.ClusterQuery{Consultation: e.c.ID, Unit: &unit})
	if err != nil || len(cls) != 1 || cls[0].Size != 3 {
		t.Fatalf("clusters = %+v, %v", cls, err)
	}
	if _, err := e.st.DecideCluster(ctx, cls[0].ID, consolidate.Accepted, "Taken into the draft.", 0); err != nil {
		t.Fatal(err)
	}
	// A second amendment on another unit, never voted on.
	if res := e.api("POST", "/api/v1/commissions/"+e.slug+"/amendments", e.chair.Token,
		`{"title":"Dignity","ops":[{"op":"replace","unit":"art_2__para_1","text":"Human dignity is inviolable."}]}`); res.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %s", res.StatusCode, res.body)
	}
	// The commission adopts amendment 1 ("Guarantees", on Article 1, paragraph 1) by 3 votes to none.
	for _, m := range append([]citizen{e.chair}, e.members[:2]...) {
		if res := e.act(m, `{"action":"arrive"}`); res.StatusCode != http.StatusOK {
			t.Fatalf("arrive: %s", res.body)
		}
	}
	for _, a := range []string{`{"action":"open"}`, `{"action":"open_item","item":0}`, `{"action":"open_vote"}`} {
		if res := e.act(e.chair, a); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", a, res.body)
		}
	}
	for _, m := range append([]citizen{e.chair}, e.members[:2]...) {
		if res := e.act(m, `{"action":"vote","choice":"for"}`); res.StatusCode != http.StatusOK {
			t.Fatalf("vote: %s", res.body)
		}
	}
	if res := e.act(e.chair, `{"action":"close_vote"}`); res.StatusCode != http.StatusOK {
		t.Fatalf("close vote: %s", res.body)
	}
	pub, err := e.st.PublishDraft(ctx, e.slug, "Draft of 2026-11-29", 0)
	if err != nil {
		t.Fatal(err)
	}

	res := e.page("/en/charters/"+testSlug+"/table?from="+url.QueryEscape(newLabel)+"&to="+url.QueryEscape(pub.Label), "")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("table: %d %s", res.StatusCode, res.body)
	}
	rows := strings.Split(res.body, `<tr>`)
	var row string
	for _, r := range rows {
		if strings.Contains(r, "Article 1, paragraph 1") {
			row = r
		}
	}
	for _, want := range []string{
		"Proposals from the consultation", "Commission&#39;s decision and vote",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	for _, want := range []string{
		fmt.Sprintf(`/en/consultations/%d/consolidated#entry-%d`, e.c.ID, cls[0].ID),
		fmt.Sprintf("cluster %d, 3 proposals</a>: Taken into account", cls[0].ID),
		`<a href="/api/v1/amendments/1">Guarantees</a> (Adopted)`, "For 3 · Against 0 · Abstain 0: Adopted",
		fmt.Sprintf(`<a href="/en/meetings/%d">First sitting</a>`, e.meeting),
	} {
		if !strings.Contains(row, want) {
			t.Errorf("the row of Article 1, paragraph 1 lacks %q:\n%s", want, row)
		}
	}
	if strings.Contains(res.body, "Dignity") {
		t.Errorf("an amendment that changed nothing in the table is listed:\n%s", res.body)
	}
}

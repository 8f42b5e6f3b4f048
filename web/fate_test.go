package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"atazan/consult"
	"atazan/identity"
)

// TestFateShowsTheVote follows a proposal to the end: its cluster is linked
// to an amendment, the commission adopts the amendment, and the proposal's
// page shows the amendment and the vote.
func TestFateShowsTheVote(t *testing.T) {
	e := newCommissionEnv(t)
	a := e.register(t)
	id, res := e.propose(t, a.Token, "art_1__para_1", "amend", "Say that the state guarantees the rights of every person, without exception.")
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("propose: %d %s", res.StatusCode, res.body)
	}
	ctx := context.Background()
	c, err := e.st.ProposalCluster(ctx, consult.ProposalID(id))
	if err != nil {
		t.Fatal(err)
	}
	sec := e.staff(t, "secretary", identity.RoleSecretariat)
	if _, err := e.st.LinkAmendment(ctx, c.ID, "1", identity.AccountID(sec.ID)); err != nil {
		t.Fatal(err)
	}
	page := func() string {
		t.Helper()
		res := e.page(fmt.Sprintf("/en/proposals/%d", id), "")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("proposal page: %d", res.StatusCode)
		}
		return res.body
	}
	if body := page(); !strings.Contains(body, "Guarantees") || !strings.Contains(body, "waiting for its vote") {
		t.Errorf("before the vote the page lacks the amendment or its status:\n%s", pageFrom(body, "fate"))
	}
	for _, m := range append([]citizen{e.chair}, e.members[:2]...) {
		if res := e.act(m, `{"action":"arrive"}`); res.StatusCode != http.StatusOK {
			t.Fatalf("arrive: %s", res.body)
		}
	}
	for _, body := range []string{`{"action":"open"}`, `{"action":"open_item","item":0}`, `{"action":"open_vote"}`} {
		if res := e.act(e.chair, body); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", body, res.body)
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
	body := page()
	for _, want := range []string{"Guarantees", "For 3 · Against 0 · Abstain 0: Adopted", "First sitting"} {
		if !strings.Contains(body, want) {
			t.Errorf("after the vote the page lacks %q:\n%s", want, pageFrom(body, "fate"))
		}
	}
}

// pageFrom returns the part of a page from the element with id on.
func pageFrom(body, id string) string {
	if i := strings.Index(body, `id="`+id+`"`); i >= 0 {
		return body[i:min(len(body), i+1500)]
	}
	return body[:min(len(body), 1500)]
}

// TestHomeLinksTheReform: the home page leads to each stage of the reform.
func TestHomeLinksTheReform(t *testing.T) {
	e := newCommissionEnv(t)
	res := e.page("/en/", "")
	for _, want := range []string{`href="/en/consultations"`, `href="/en/commissions/commission">Constitutional Commission</a>`, `href="/en/referendums"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
}

package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSimilarAPI(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	text := "Set the term of the President at one seven-year term without the right of re-election, so that power changes hands."
	id, res := e.propose(t, a.Token, "art_1__para_1", "amend", text)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("propose: %d %s", res.StatusCode, res.body)
	}
	similar := func(unit, text string) (int, map[string]any) {
		t.Helper()
		res := e.do("GET", fmt.Sprintf("/api/v1/consultations/%d/similar?unit=%s&lang=ru&text=%s", e.c.ID, unit, url.QueryEscape(text)), "")
		var out map[string]any
		json.Unmarshal([]byte(res.body), &out)
		return res.StatusCode, out
	}
	code, out := similar("art_1__para_1", strings.ToUpper(text)+" Please take this into account.")
	ps, _ := out["proposals"].([]any)
	if code != 200 || out["cluster"] == nil || len(ps) != 1 || ps[0].(map[string]any)["href"] != fmt.Sprintf("/ru/proposals/%d", id) {
		t.Errorf("a near-copy: %d %v", code, out)
	}
	if code, out := similar("art_1__para_1", "Guarantee free medical care in state clinics to every citizen of the country."); code != 200 || out["cluster"] != nil {
		t.Errorf("an unrelated text: %d %v", code, out)
	}
	if code, out := similar("art_1__para_1", "Set the term"); code != 200 || out["cluster"] != nil {
		t.Errorf("a short text: %d %v", code, out)
	}
	if code, out := similar("art_99", text); code != http.StatusBadRequest || out["error"].(map[string]any)["field"] != "unit" {
		t.Errorf("an unknown unit: %d %v", code, out)
	}
	if code, out := similar("art_1__para_1", "Set the term of the President \xff at seven years, once."); code != http.StatusBadRequest || out["error"].(map[string]any)["field"] != "text" {
		t.Errorf("a text that is not UTF-8: %d %v", code, out)
	}
	if code, _ := similar("art_1__para_1", strings.Repeat("a", 5001)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversize text: %d", code)
	}
}

// TestSimilarRateLimit: lookups are limited per address, with Retry-After.
func TestSimilarRateLimit(t *testing.T) {
	cfg := Config{}
	cfg.Limits.LookupPerAddr.N, cfg.Limits.LookupPerAddr.Per = 3, time.Minute
	e := newConsultEnv(t, cfg)
	path := fmt.Sprintf("/api/v1/consultations/%d/similar?unit=art_1__para_1&text=short", e.c.ID)
	for i := range 3 {
		if res := e.do("GET", path, ""); res.StatusCode != http.StatusOK {
			t.Fatalf("lookup %d: %d %s", i+1, res.StatusCode, res.body)
		}
	}
	res := e.do("GET", path, "")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("the fourth lookup in a minute: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
}

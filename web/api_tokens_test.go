package web

import (
	"net/http"
	"testing"
)

func TestRevokeToken(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	if res := e.api("GET", "/api/v1/consultations", a.Token, ""); res.StatusCode != http.StatusOK {
		t.Fatalf("with a fresh token: %d %s", res.StatusCode, res.body)
	}
	other := e.token(t, a.Email)
	if res := e.api("DELETE", "/api/v1/tokens/current", a.Token, ""); res.StatusCode != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("DELETE", "/api/v1/tokens/current", a.Token, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoking a revoked token: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/proposals", a.Token, `{}`); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a revoked token still works: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/proposals", other, `{}`); res.StatusCode == http.StatusUnauthorized {
		t.Errorf("revoking one token revoked the account's other token: %s", res.body)
	}
	if res := e.do("DELETE", "/api/v1/tokens/current", ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoke without a token: %d", res.StatusCode)
	}
}

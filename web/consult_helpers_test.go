package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"atazan/consult"
	"atazan/identity"
	"atazan/store"
)

// testNow is the clock of the consultation tests: inside the consultation,
// which runs through November and December 2026.
var testNow = time.Date(2026, time.November, 29, 9, 0, 0, 0, time.UTC)

type consultEnv struct {
	t   testing.TB
	st  *store.Store
	srv *Server
	h   http.Handler
	c   consult.Consultation
	mu  sync.Mutex
	n   int // accounts made so far
}

// newConsultEnv returns a server over a seeded store with a consultation
// open on the draft from 1 November to 31 December 2026.
func newConsultEnv(t testing.TB, cfg Config) *consultEnv {
	t.Helper()
	st := openStore(t)
	seed(t, st, 10)
	c, _, err := st.OpenConsultation(context.Background(), consult.OpenRequest{Charter: testSlug, Version: newLabel, From: "2026-11-01", To: "2026-12-31"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Consult = st
	// Many accounts come from one test address: raise the limits a test does not set.
	high := identity.Rate{N: 10000, Per: time.Minute}
	for _, r := range []*identity.Rate{&cfg.Limits.RegisterPerAddr, &cfg.Limits.SubmitPerAccount, &cfg.Limits.SubmitPerAddr, &cfg.Limits.LoginPerAddr, &cfg.Limits.LoginPerAccount} {
		if r.N == 0 {
			*r = high
		}
	}
	if cfg.Clock == nil {
		cfg.Clock = func() time.Time { return testNow }
	}
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		t.Fatal(err)
	}
	return &consultEnv{t: t, st: st, srv: s, h: s.Handler(), c: c}
}

// anIIN returns a valid IIN of someone born on 1 January 1990, with serial
// number n or the next that has a check digit (identity.ParseIIN decides).
func anIIN(n int) string {
	for k := n; ; k++ {
		if v, ok := tryIIN(k); ok {
			return v
		}
	}
}

// badCheckDigit returns a valid IIN with its check digit changed.
func badCheckDigit() string {
	v := anIIN(17)
	return v[:11] + string(rune((v[11]-'0'+1)%10+'0'))
}

const testPassword = "correct horse battery"

type citizen struct {
	ID    int64
	Email string
	Token string
}

// register registers a citizen over the API and returns its API token.
func (e *consultEnv) register(t testing.TB) citizen {
	t.Helper()
	e.mu.Lock()
	e.n++
	n := e.n
	e.mu.Unlock()
	iin := anIIN(n * 3)
	email := fmt.Sprintf("citizen%d@example.kz", n)
	res := e.do("POST", "/api/v1/accounts", fmt.Sprintf(`{"name":"Citizen %d","iin":%q,"region":"shymkent","email":%q,"password":%q}`, n, iin, email, testPassword))
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("register %d: %d %s", n, res.StatusCode, res.body)
	}
	var out struct{ ID int64 }
	json.Unmarshal([]byte(res.body), &out)
	return citizen{ID: out.ID, Email: email, Token: e.token(t, email)}
}

func tryIIN(serial int) (string, bool) {
	base := fmt.Sprintf("9001013%04d", serial%10000)
	for d := 0; d <= 9; d++ {
		if _, err := identity.ParseIIN(base + fmt.Sprint(d)); err == nil {
			return base + fmt.Sprint(d), true
		}
	}
	return "", false
}

// staff creates an account with roles directly in the store and returns its token.
func (e *consultEnv) staff(t testing.TB, name string, roles ...identity.Role) citizen {
	t.Helper()
	h, err := identity.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	email := name + "@example.kz"
	a, _, err := e.st.CreateAccount(context.Background(), store.NewAccount{Name: name, Email: email, Region: "astana", PasswordHash: h, Verification: identity.LevelSelfDeclared, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return citizen{ID: int64(a.ID), Email: email, Token: e.token(t, email)}
}

func (e *consultEnv) token(t testing.TB, email string) string {
	t.Helper()
	res := e.do("POST", "/api/v1/tokens", fmt.Sprintf(`{"login":%q,"password":%q}`, email, testPassword))
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("token for %s: %d %s", email, res.StatusCode, res.body)
	}
	var out struct{ Token string }
	json.Unmarshal([]byte(res.body), &out)
	return out.Token
}

// do sends a request with an optional body; header is "Name: value" pairs.
func (e *consultEnv) do(method, path, body string, header ...string) response {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	req.RemoteAddr = "192.0.2.1:1234"
	if strings.HasPrefix(path, "/api/") && body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, kv := range header {
		k, v, _ := strings.Cut(kv, ": ")
		req.Header.Add(k, v)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return response{res, string(b)}
}

// api sends a JSON request with a Bearer token ("" for none).
func (e *consultEnv) api(method, path, token, body string) response {
	if token == "" {
		return e.do(method, path, body)
	}
	return e.do(method, path, body, "Authorization: Bearer "+token)
}

// form posts a form, with a session cookie when given.
func (e *consultEnv) form(path, cookie string, vals url.Values, header ...string) response {
	header = append(header, "Content-Type: application/x-www-form-urlencoded")
	if cookie != "" {
		header = append(header, "Cookie: "+sessionCookie+"="+cookie)
	}
	return e.do("POST", path, vals.Encode(), header...)
}

// page gets a page, with a session cookie when given.
func (e *consultEnv) page(path, cookie string) response {
	if cookie == "" {
		return e.do("GET", path, "")
	}
	return e.do("GET", path, "", "Cookie: "+sessionCookie+"="+cookie)
}

// sessionOf returns the session cookie a response sets.
func sessionOf(t testing.TB, res response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in %d response (%v)", sessionCookie, res.StatusCode, res.Header)
	return nil
}

// errorOf decodes a JSON error.
func errorOf(t testing.TB, res response) apiErrorBody {
	t.Helper()
	var e apiError
	if err := json.Unmarshal([]byte(res.body), &e); err != nil {
		t.Fatalf("not a JSON error: %d %s", res.StatusCode, res.body)
	}
	return e.Error
}

// propose submits a proposal over the API.
func (e *consultEnv) propose(t testing.TB, token, unit, kind, text string) (int64, response) {
	t.Helper()
	body := fmt.Sprintf(`{"consultation":%d,"unit":%q,"kind":%q,"text":%q,"rationale":"Clearer for every reader."}`, e.c.ID, unit, kind, text)
	res := e.api("POST", "/api/v1/proposals", token, body)
	var out struct{ ID int64 }
	json.Unmarshal([]byte(res.body), &out)
	return out.ID, res
}

// testWriter sends the server's warnings and errors to the test log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

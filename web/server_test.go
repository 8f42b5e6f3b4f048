package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"atazan"
)

// TestSecurityHeaders checks the headers on every kind of response.
func TestSecurityHeaders(t *testing.T) {
	h := newTestServer(t).Handler()
	for _, path := range []string{"/", "/en/", articlePath, "/api/v1/charters", "/api/v1/nope", "/en/nope", "/static/site.css", "/healthz"} {
		res := get(t, h, path)
		for k, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if got := res.Header.Get(k); got != want {
				t.Errorf("GET %s: %s = %q, want %q", path, k, got, want)
			}
		}
		csp := res.Header.Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'none'", "frame-ancestors 'none'", "style-src 'self'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("GET %s: CSP %q lacks %q", path, csp, d)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
			t.Errorf("GET %s: CSP allows scripts: %q", path, csp)
		}
	}
	// No page carries inline script or style, which the policy would block.
	for _, path := range []string{"/en/", articlePath, comparePath, tablePath} {
		body := get(t, h, path).body
		if strings.Contains(body, "<script") || strings.Contains(body, " style=") || strings.Contains(body, "<style") {
			t.Errorf("%s has inline script or style", path)
		}
	}
}

func TestHealthz(t *testing.T) {
	res := get(t, newTestServer(t).Handler(), "/healthz")
	if res.StatusCode != 200 || res.body != "ok\n" {
		t.Errorf("healthz: %d %q", res.StatusCode, res.body)
	}
}

// TestBodyLimit checks that a body over Config.MaxBodyBytes is refused with
// 413, whether its length is declared or found while reading.
func TestBodyLimit(t *testing.T) {
	s, err := New(Config{MaxBodyBytes: 10}, openStore(t), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	var readErr error
	h := s.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, readErr = io.ReadAll(r.Body); readErr != nil {
			s.fail(w, r, readErr)
		}
	}))
	// Declared length over the limit: refused before the handler.
	req := httptest.NewRequest("POST", "/api/v1/charters", strings.NewReader(strings.Repeat("x", 11)))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 413 || !strings.Contains(rec.Body.String(), `"too_large"`) {
		t.Errorf("declared: %d %s", rec.Code, rec.Body)
	}
	// Unknown length: the handler's read fails.
	req = httptest.NewRequest("POST", "/api/v1/charters", io.MultiReader(strings.NewReader(strings.Repeat("x", 20))))
	req.ContentLength = -1
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var mb *http.MaxBytesError
	if rec.Code != 413 || !errors.As(readErr, &mb) {
		t.Errorf("streamed: %d %v", rec.Code, readErr)
	}
}

// TestCrossOriginProtection checks that an unsafe request from another site is refused.
func TestCrossOriginProtection(t *testing.T) {
	h := newTestServer(t).Handler()
	req := httptest.NewRequest("POST", "/en/", strings.NewReader("a=b"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", rec.Code)
	}
}

// TestInternalError checks that a fault of the platform shows a generic
// message and logs the details.
func TestInternalError(t *testing.T) {
	var log bytes.Buffer
	s, err := New(Config{}, openStore(t), slog.New(slog.NewTextHandler(&log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	fault := errors.New("disk I/O error at page 42")
	for _, path := range []string{"/api/v1/charters", "/en/"} {
		rec := httptest.NewRecorder()
		s.fail(rec, httptest.NewRequest("GET", path, nil), fault)
		if rec.Code != 500 || strings.Contains(rec.Body.String(), "disk") {
			t.Errorf("%s: %d, body shows the fault: %s", path, rec.Code, rec.Body)
		}
	}
	if !strings.Contains(log.String(), "disk I/O error at page 42") {
		t.Errorf("log lacks the fault: %s", log.String())
	}
	rec := httptest.NewRecorder()
	s.fail(rec, httptest.NewRequest("GET", "/api/v1/x", nil), atazan.Errorf(atazan.ERateLimited, "slow down"))
	if rec.Code != 429 {
		t.Errorf("rate_limited: %d", rec.Code)
	}
}

func TestHTTPStatus(t *testing.T) {
	for code, want := range map[string]int{
		atazan.EInvalid: 400, atazan.EUnauthorized: 401, atazan.EForbidden: 403, atazan.ENotFound: 404,
		atazan.EConflict: 409, atazan.ETooLarge: 413, atazan.ERateLimited: 429, atazan.EInternal: 500, "new_code": 500,
	} {
		if got := httpStatus(code); got != want {
			t.Errorf("httpStatus(%q) = %d, want %d", code, got, want)
		}
	}
}

// TestPanicRecovered checks that a panicking handler yields a 500 page.
func TestPanicRecovered(t *testing.T) {
	s := newTestServer(t)
	h := s.recoverPanic(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/en/", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic: %d %s", rec.Code, rec.Body)
	}
}

// TestServe starts a real server on a free port and shuts it down.
func TestServe(t *testing.T) {
	s := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("healthz: %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after shutdown: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the context was cancelled")
	}
}

// TestDocumentCache checks that a version's text is read once, keyed by its hash.
func TestDocumentCache(t *testing.T) {
	s := newTestServer(t)
	h := s.Handler()
	get(t, h, articlePath)
	get(t, h, strings.Replace(articlePath, "/articles/1", "/articles/2", 1))
	v, err := s.charters.Version(t.Context(), testSlug, oldLabel)
	if err != nil {
		t.Fatal(err)
	}
	k := docKey{testSlug, oldLabel, "en", textHash(v, "en")}
	if len(s.docs.m) != 1 || s.docs.get(k) == nil {
		t.Errorf("cache holds %d entries, want the one for %+v", len(s.docs.m), k)
	}
	c := newDocCache(2)
	for i := range 5 {
		c.put(docKey{hash: string(rune('a' + i))}, &docIndex{})
	}
	if len(c.m) != 2 {
		t.Errorf("cache of 2 holds %d", len(c.m))
	}
}

// TestTemplatesChecked checks that the embedded templates parse and name only known messages.
func TestTemplatesChecked(t *testing.T) {
	p, err := loadPages()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pageNames {
		if p.byName[name] == nil {
			t.Errorf("page %s not loaded", name)
		}
	}
}

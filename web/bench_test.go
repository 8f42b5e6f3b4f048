package web

import (
	"net/http/httptest"
	"net/url"
	"testing"
)

// BenchmarkArticlePage measures the server time to render one article of a
// 100-article version through the whole handler (middleware, store reads of
// the charter and the version, the cached text, the template), with a warm
// cache. Target: under 2 ms.
func BenchmarkArticlePage(b *testing.B) {
	h := newTestServer(b).Handler()
	path := "/ru/charters/" + testSlug + "/versions/" + url.PathEscape(oldLabel) + "/articles/50"
	if res := get(b, h, path); res.StatusCode != 200 {
		b.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

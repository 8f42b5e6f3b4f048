package web

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"atazan/charter"
)

func decode[T any](t *testing.T, res response) T {
	t.Helper()
	var v T
	if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if err := json.Unmarshal([]byte(res.body), &v); err != nil {
		t.Fatalf("decode %s: %v", res.body, err)
	}
	return v
}

func TestAPI(t *testing.T) {
	h := newTestServer(t).Handler()
	base := "/api/v1/charters/" + testSlug
	oldV := base + "/versions/" + url.PathEscape(oldLabel)

	res := get(t, h, "/api/v1/charters")
	cs := decode[apiChartersResponse](t, res)
	if res.StatusCode != 200 || len(cs.Charters) != 1 || cs.Charters[0].Slug != testSlug {
		t.Errorf("charters: %d %+v", res.StatusCode, cs)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("the public API does not allow cross-origin reads")
	}

	c := decode[apiCharterResponse](t, get(t, h, base))
	if c.Slug != testSlug || strings.Join(c.Versions, "|") != oldLabel+"|"+newLabel {
		t.Errorf("charter: %+v", c)
	}

	vs := decode[apiVersionsResponse](t, get(t, h, base+"/versions"))
	if len(vs.Versions) != 2 || vs.Versions[1].Parent != oldLabel || !strings.HasPrefix(vs.Versions[0].Hash, "sha256:") {
		t.Errorf("versions: %+v", vs)
	}

	v := decode[charter.Version](t, get(t, h, oldV))
	if v.Label != oldLabel || v.Status != charter.StatusPublished || len(v.Texts) != 3 {
		t.Errorf("version: %+v", v)
	}

	u := decode[apiUnitsResponse](t, get(t, h, oldV+"/units?lang=ru"))
	doc := &charter.Document{Lang: u.Lang, Units: u.Units}
	if u.Lang != "ru" || doc.Stats().Articles != nArticles || u.Hash != doc.Hash() {
		t.Errorf("units: lang %s, %d articles, hash %s vs %s", u.Lang, doc.Stats().Articles, u.Hash, doc.Hash())
	}
	if u := decode[apiUnitsResponse](t, get(t, h, oldV+"/units")); u.Lang != v.Lang {
		t.Errorf("units without lang: %s, want the primary %s", u.Lang, v.Lang)
	}

	a := decode[apiArticleResponse](t, get(t, h, oldV+"/articles/5?lang=en"))
	if a.Article == nil || a.Article.ID != "art_5" || len(a.Article.Children) != 3 || !strings.Contains(a.Article.Children[0].Text, "Article 5") {
		t.Errorf("article: %+v", a)
	}

	d := decode[apiDiffResponse](t, get(t, h, base+"/diff?from="+url.QueryEscape(oldLabel)+"&to="+url.QueryEscape(newLabel)))
	if d.From.Label != oldLabel || d.To.Label != newLabel || d.Changes == nil || !strings.HasPrefix(d.To.Hash, "sha256:") {
		t.Errorf("diff: %+v", d)
	}
	if !strings.Contains(get(t, h, base+"/diff?from="+url.QueryEscape(oldLabel)+"&to="+url.QueryEscape(oldLabel)).body, `"changes": []`) {
		t.Error("an empty diff does not encode changes as []")
	}
}

func TestAPIDiffChanges(t *testing.T) {
	h := newTestServer(t).Handler()
	d := decode[apiDiffResponse](t, get(t, h, "/api/v1/charters/"+testSlug+"/diff?lang=en&from="+url.QueryEscape(oldLabel)+"&to="+url.QueryEscape(newLabel)))
	got := map[charter.UnitID]charter.ChangeKind{}
	for _, c := range d.Changes {
		got[c.Unit] = c.Change
	}
	want := map[charter.UnitID]charter.ChangeKind{"art_2__para_1": charter.ChangeChanged, "art_3__para_4": charter.ChangeAdded, "art_4__para_3": charter.ChangeRemoved}
	for id, k := range want {
		if got[id] != k {
			t.Errorf("change of %s = %q, want %q (all: %v)", id, got[id], k, got)
		}
	}
}

// TestAPIErrors checks the error body and the status of each kind of failure.
func TestAPIErrors(t *testing.T) {
	h := newTestServer(t).Handler()
	base := "/api/v1/charters/" + testSlug
	tests := []struct {
		path   string
		status int
		code   string
		field  string
	}{
		{"/api/v1/charters/nope", 404, "not_found", ""},
		{"/api/v1/charters/nope/versions", 404, "not_found", ""},
		{base + "/versions/nope", 404, "not_found", ""},
		{base + "/versions/" + url.PathEscape(oldLabel) + "/units?lang=de", 400, "invalid", "lang"},
		{base + "/versions/" + url.PathEscape(oldLabel) + "/articles/999", 404, "not_found", "number"},
		{base + "/diff?to=x", 400, "invalid", "from"},
		{base + "/diff?from=" + url.QueryEscape(oldLabel), 400, "invalid", "to"},
		{base + "/diff?from=nope&to=" + url.QueryEscape(oldLabel), 404, "not_found", "from"},
		{base + "/diff?from=" + url.QueryEscape(oldLabel) + "&to=" + url.QueryEscape(newLabel) + "&lang=xx", 400, "invalid", "lang"},
		{"/api/v1/nothing", 404, "not_found", ""},
	}
	for _, tt := range tests {
		res := get(t, h, tt.path)
		e := decode[apiError](t, res)
		if res.StatusCode != tt.status || e.Error.Code != tt.code || e.Error.Message == "" || (tt.field != "" && e.Error.Field != tt.field) {
			t.Errorf("GET %s: %d %+v, want %d %s field %q", tt.path, res.StatusCode, e, tt.status, tt.code, tt.field)
		}
	}
}

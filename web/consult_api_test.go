package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"atazan/consult"
	"atazan/identity"
)

func TestAPIRegister(t *testing.T) {
	e := newConsultEnv(t, Config{})
	ok := `{"name":"Aigerim","iin":%q,"region":"Шымкент","email":"aigerim@example.kz","password":"correct horse battery"}`
	res := e.do("POST", "/api/v1/accounts", fmt.Sprintf(ok, anIIN(1)))
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", res.StatusCode, res.body)
	}
	var out map[string]int64
	if err := json.Unmarshal([]byte(res.body), &out); err != nil || out["id"] == 0 || out["log_index"] < 0 {
		t.Errorf("register answered %s", res.body)
	}
	for _, c := range []struct {
		body, field, code, msg string
	}{
		{fmt.Sprintf(`{"name":"B","iin":%q,"region":"shymkent","email":"b@example.kz","password":"correct horse battery"}`, anIIN(40)), "name", "invalid", "at least 2"},
		{fmt.Sprintf(`{"name":"Bolat","iin":%q,"region":"shymkent","email":"b@example.kz","password":"correct horse battery"}`, badCheckDigit()), "iin", "invalid", "check digit"},
		{`{"name":"Bolat","iin":"12345","region":"shymkent","email":"b@example.kz","password":"correct horse battery"}`, "iin", "invalid", "12 digits"},
		{fmt.Sprintf(`{"name":"Bolat","iin":%q,"region":"Atlantis","email":"b@example.kz","password":"correct horse battery"}`, anIIN(40)), "region", "invalid", ""},
		{fmt.Sprintf(`{"name":"Bolat","iin":%q,"region":"shymkent","email":"not-an-address","password":"correct horse battery"}`, anIIN(40)), "email", "invalid", ""},
		{fmt.Sprintf(`{"name":"Bolat","iin":%q,"region":"shymkent","email":"b@example.kz","password":"short"}`, anIIN(40)), "password", "invalid", "10"},
		{fmt.Sprintf(`{"name":"Bolat","iin":%q,"region":"shymkent","email":"b@example.kz","password":"correct horse battery"}`, anIIN(1)), "iin", "conflict", "already exists"},
		{fmt.Sprintf(`{"name":"Bolat","iin":%q,"region":"shymkent","email":"aigerim@example.kz","password":"correct horse battery"}`, anIIN(40)), "email", "conflict", "already exists"},
		{fmt.Sprintf(`{"name":"Bolat","iin":%q,"region":"shymkent","email":"b@example.kz","password":"correct horse battery","admin":true}`, anIIN(40)), "admin", "invalid", "unknown field"},
		{`{"name":5}`, "name", "invalid", ""},
	} {
		res := e.do("POST", "/api/v1/accounts", c.body)
		got := errorOf(t, res)
		if res.StatusCode != httpStatus(c.code) || got.Code != c.code || got.Field != c.field || !strings.Contains(got.Message, c.msg) {
			t.Errorf("%s:\n got %d %+v\nwant %s field %s (%q)", c.body, res.StatusCode, got, c.code, c.field, c.msg)
		}
	}
	// Nothing was stored by the failed registrations.
	if _, _, err := e.st.Credentials(context.Background(), "b@example.kz"); err == nil {
		t.Error("a refused registration stored an account")
	}
}

func TestAPITokenAndLockout(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	if a.Token == "" {
		t.Fatal("no token")
	}
	res := e.api("POST", "/api/v1/tokens", "", fmt.Sprintf(`{"login":%q,"password":"wrong password!"}`, a.Email))
	if got := errorOf(t, res); res.StatusCode != 401 || got.Field != "password" {
		t.Errorf("wrong password: %d %+v", res.StatusCode, got)
	}
	for range 4 {
		e.api("POST", "/api/v1/tokens", "", fmt.Sprintf(`{"login":%q,"password":"wrong password!"}`, a.Email))
	}
	res = e.api("POST", "/api/v1/tokens", "", fmt.Sprintf(`{"login":%q,"password":%q}`, a.Email, testPassword))
	got := errorOf(t, res)
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(got.Message, "Too many failed sign-ins. Try again after") || res.Header.Get("Retry-After") == "" {
		t.Errorf("after 5 failures the right password answered %d %+v (Retry-After %q)", res.StatusCode, got, res.Header.Get("Retry-After"))
	}
	// A bad token is refused.
	res = e.api("POST", "/api/v1/proposals", "nonsense", `{}`)
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("bad token: %d %s", res.StatusCode, res.body)
	}
}

func TestRateLimits(t *testing.T) {
	e := newConsultEnv(t, Config{Limits: identity.Limits{RegisterPerAddr: identity.Rate{N: 2, Per: time.Minute}, SubmitPerAccount: identity.Rate{N: 3, Per: time.Minute}}})
	a := e.register(t)
	e.register(t)
	res := e.do("POST", "/api/v1/accounts", fmt.Sprintf(`{"name":"Third","iin":%q,"region":"abai","email":"third@example.kz","password":"correct horse battery"}`, anIIN(500)))
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || errorOf(t, res).Code != "rate_limited" {
		t.Errorf("third registration from one address: %d %s (Retry-After %q)", res.StatusCode, res.body, res.Header.Get("Retry-After"))
	}
	for i := range 3 {
		if _, res := e.propose(t, a.Token, "art_1__para_1", "amend", fmt.Sprintf("Text number %d.", i)); res.StatusCode != http.StatusCreated {
			t.Fatalf("proposal %d: %d %s", i, res.StatusCode, res.body)
		}
	}
	if _, res := e.propose(t, a.Token, "art_1__para_1", "amend", "One too many."); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("fourth proposal in a minute: %d %s", res.StatusCode, res.body)
	}
}

func TestCrossOriginRefused(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	// A form posted from another site is refused, signed in or not.
	res := e.form("/en/login", "", url.Values{"login": {a.Email}, "password": {testPassword}}, "Origin: https://evil.example", "Sec-Fetch-Site: cross-site")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin sign-in form: %d", res.StatusCode)
	}
	res = e.form("/en/login", "", url.Values{"login": {a.Email}, "password": {testPassword}}, "Origin: https://evil.example")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin sign-in form (Origin only): %d", res.StatusCode)
	}
	// The same form from the site itself signs in.
	res = e.form("/en/login", "", url.Values{"login": {a.Email}, "password": {testPassword}}, "Origin: http://example.com", "Sec-Fetch-Site: same-origin")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("same-origin sign-in: %d %s", res.StatusCode, res.body)
	}
	cookie := sessionOf(t, res).Value
	id, _ := e.propose(t, a.Token, "art_1__para_1", "amend", "A text to support.")
	// A cross-origin request riding on the cookie is refused, on a page and on the API.
	res = e.form(fmt.Sprintf("/en/proposals/%d/support", id), cookie, url.Values{"action": {"give"}}, "Origin: https://evil.example")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin support form: %d", res.StatusCode)
	}
	res = e.do("POST", fmt.Sprintf("/api/v1/proposals/%d/support", id), "", "Cookie: "+sessionCookie+"="+cookie, "Origin: https://evil.example")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin API request with the cookie: %d", res.StatusCode)
	}
	// A Bearer token is not a browser's ambient credential: it is not refused.
	res = e.do("POST", fmt.Sprintf("/api/v1/proposals/%d/support", id), "", "Authorization: Bearer "+a.Token, "Origin: https://evil.example")
	if res.StatusCode != http.StatusCreated {
		t.Errorf("API request with a Bearer token: %d %s", res.StatusCode, res.body)
	}
}

func TestRoleBoundaries(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	mod := e.staff(t, "moderator", identity.RoleModerator)
	admin := e.staff(t, "admin", identity.RoleAdministrator)
	id, _ := e.propose(t, a.Token, "art_1__para_1", "amend", "Some wording.")
	for _, c := range []struct {
		name, token, method, path, body string
		want                            int
	}{
		{"anonymous proposes", "", "POST", "/api/v1/proposals", fmt.Sprintf(`{"consultation":%d,"unit":"art_1__para_1","kind":"amend","text":"x","rationale":"because of x"}`, e.c.ID), 401},
		{"anonymous supports", "", "POST", fmt.Sprintf("/api/v1/proposals/%d/support", id), "", 401},
		{"citizen moderates", a.Token, "POST", "/api/v1/moderation/hide", fmt.Sprintf(`{"target":"proposal","id":%d,"reason":"spam"}`, id), 403},
		{"citizen reads the queue", a.Token, "GET", "/api/v1/moderation/queue", "", 403},
		{"citizen opens a consultation", a.Token, "POST", "/api/v1/consultations", `{"charter":"kz-constitution","version":"Draft 2026","from":"2027-01-01","to":"2027-01-31"}`, 403},
		{"moderator opens a consultation", mod.Token, "POST", "/api/v1/consultations", `{"charter":"kz-constitution","version":"Draft 2026","from":"2027-01-01","to":"2027-01-31"}`, 403},
		{"moderator proposes", mod.Token, "POST", "/api/v1/proposals", fmt.Sprintf(`{"consultation":%d,"unit":"art_1__para_1","kind":"amend","text":"x","rationale":"because of x"}`, e.c.ID), 403},
		{"moderator supports", mod.Token, "POST", fmt.Sprintf("/api/v1/proposals/%d/support", id), "", 403},
		{"admin moderates", admin.Token, "POST", "/api/v1/moderation/hide", fmt.Sprintf(`{"target":"proposal","id":%d,"reason":"spam"}`, id), 403},
		{"admin opens a consultation", admin.Token, "POST", "/api/v1/consultations", `{"charter":"kz-constitution","version":"Draft 2026","from":"2027-01-01","to":"2027-01-31"}`, 201},
		{"moderator reports", mod.Token, "POST", "/api/v1/reports", fmt.Sprintf(`{"target":"proposal","id":%d}`, id), 201},
	} {
		res := e.api(c.method, c.path, c.token, c.body)
		if res.StatusCode != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, res.StatusCode, res.body, c.want)
		}
	}
	// Pages check the same table: a citizen cannot open the moderation queue.
	res := e.form("/en/login", "", url.Values{"login": {a.Email}, "password": {testPassword}})
	if res := e.page("/en/moderation", sessionOf(t, res).Value); res.StatusCode != 403 {
		t.Errorf("citizen opens /en/moderation: %d", res.StatusCode)
	}
}

func TestAPIProposals(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	id, res := e.propose(t, a.Token, "art_2__para_1", "amend", "Paragraph 1 of Article 2: the state guarantees and protects the rights of the person.")
	if res.StatusCode != http.StatusCreated || id == 0 {
		t.Fatalf("propose: %d %s", res.StatusCode, res.body)
	}
	again, res := e.propose(t, a.Token, "art_2__para_1", "amend", "Paragraph 1 of Article 2:  the state guarantees and protects the rights of the person.\n")
	if res.StatusCode != http.StatusOK || again != id {
		t.Errorf("repeat: %d %s, want 200 and id %d", res.StatusCode, res.body, id)
	}
	res = e.api("GET", fmt.Sprintf("/api/v1/proposals/%d", id), "", "")
	var p map[string]any
	json.Unmarshal([]byte(res.body), &p)
	if res.StatusCode != 200 || p["supports"] != 0.0 || p["status"] != "submitted" || p["log_index"] == nil || p["lang"] != "en" {
		t.Errorf("GET proposal: %d %s", res.StatusCode, res.body)
	}
	for k := range p {
		if k == "author_account" || k == "email" {
			t.Errorf("the proposal shows %s", k)
		}
	}
	// Oversize text names the field and the limit.
	_, res = e.propose(t, a.Token, "art_2__para_1", "amend", strings.Repeat("ә", consult.MaxTextChars+1))
	if got := errorOf(t, res); res.StatusCode != 400 || got.Field != "text" || !strings.Contains(got.Message, "5,000") {
		t.Errorf("oversize: %d %+v", res.StatusCode, got)
	}
	// Unknown fields are refused by name.
	res = e.api("POST", "/api/v1/proposals", a.Token, `{"consultation":1,"unit":"art_1","kind":"comment","text":"x","supports":100}`)
	if got := errorOf(t, res); res.StatusCode != 400 || got.Field != "supports" {
		t.Errorf("unknown field: %d %+v", res.StatusCode, got)
	}
	// The list, filtered.
	e.propose(t, a.Token, "", "comment", "Прошу провести обсуждение в каждом районе.")
	res = e.api("GET", fmt.Sprintf("/api/v1/proposals?consultation=%d&lang=ru", e.c.ID), "", "")
	var list struct {
		Total     int
		Proposals []consult.Proposal
	}
	json.Unmarshal([]byte(res.body), &list)
	if list.Total != 1 || len(list.Proposals) != 1 || list.Proposals[0].Kind != consult.KindComment {
		t.Errorf("filter lang=ru: %s", res.body)
	}
	res = e.api("GET", fmt.Sprintf("/api/v1/proposals?consultation=%d&unit=art_2__para_1&sort=supported", e.c.ID), "", "")
	json.Unmarshal([]byte(res.body), &list)
	if list.Total != 1 || list.Proposals[0].ID != consult.ProposalID(id) {
		t.Errorf("filter unit: %s", res.body)
	}
	if res := e.api("GET", "/api/v1/proposals?kind=nonsense", "", ""); errorOf(t, res).Field != "kind" {
		t.Errorf("bad kind: %s", res.body)
	}
	// Outside the dates: a conflict that gives the dates.
	e.st.Now = func() time.Time { return time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC) }
	_, res = e.propose(t, a.Token, "art_3__para_1", "delete", "")
	if got := errorOf(t, res); res.StatusCode != 409 || !strings.Contains(got.Message, "1 November 2026") || !strings.Contains(got.Message, "31 December 2026") {
		t.Errorf("outside the dates: %d %+v", res.StatusCode, got)
	}
}

func TestAPIConcurrentSupports(t *testing.T) {
	e := newConsultEnv(t, Config{})
	author := e.register(t)
	id, _ := e.propose(t, author.Token, "art_1__para_2", "amend", "Everyone supports this.")
	const n = 16
	var cs []citizen
	for range n {
		cs = append(cs, e.register(t))
	}
	var wg sync.WaitGroup
	codes := make([]int, 2*n)
	for i, c := range cs {
		for k := range 2 { // each twice: a double click
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[2*i+k] = e.api("POST", fmt.Sprintf("/api/v1/proposals/%d/support", id), c.Token, "").StatusCode
			}()
		}
	}
	wg.Wait()
	created := 0
	for _, c := range codes {
		if c == http.StatusCreated {
			created++
		} else if c != http.StatusOK {
			t.Errorf("support answered %d", c)
		}
	}
	res := e.api("GET", fmt.Sprintf("/api/v1/proposals/%d", id), "", "")
	var p consult.Proposal
	json.Unmarshal([]byte(res.body), &p)
	if p.Supports != n || created != n {
		t.Errorf("supports = %d, created answers = %d, want %d", p.Supports, created, n)
	}
	// Withdraw, then withdraw again: the second changes nothing.
	res = e.api("DELETE", fmt.Sprintf("/api/v1/proposals/%d/support", id), cs[0].Token, "")
	var out map[string]any
	json.Unmarshal([]byte(res.body), &out)
	if res.StatusCode != 200 || out["supports"] != float64(n-1) || out["log_index"] == nil || out["changed"] != true {
		t.Errorf("withdraw: %d %s", res.StatusCode, res.body)
	}
	res = e.api("DELETE", fmt.Sprintf("/api/v1/proposals/%d/support", id), cs[0].Token, "")
	out = nil
	json.Unmarshal([]byte(res.body), &out)
	if res.StatusCode != 200 || out["supports"] != float64(n-1) || out["log_index"] != nil || out["changed"] != false {
		t.Errorf("second withdraw: %d %s", res.StatusCode, res.body)
	}
}

func TestAPICommentsReplyDepth(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a, b := e.register(t), e.register(t)
	id, _ := e.propose(t, a.Token, "art_1__para_1", "amend", "A wording.")
	path := fmt.Sprintf("/api/v1/proposals/%d/comments", id)
	res := e.api("POST", path, b.Token, `{"stance":"against","text":"The old wording is clearer."}`)
	var c consult.Comment
	json.Unmarshal([]byte(res.body), &c)
	if res.StatusCode != 201 || c.ID == 0 || c.Stance != consult.StanceAgainst {
		t.Fatalf("comment: %d %s", res.StatusCode, res.body)
	}
	res = e.api("POST", path, a.Token, fmt.Sprintf(`{"stance":"for","text":"It is not.","parent":%d}`, c.ID))
	var reply consult.Comment
	json.Unmarshal([]byte(res.body), &reply)
	if res.StatusCode != 201 || reply.Parent != c.ID {
		t.Fatalf("reply: %d %s", res.StatusCode, res.body)
	}
	res = e.api("POST", path, b.Token, fmt.Sprintf(`{"text":"A reply to a reply.","parent":%d}`, reply.ID))
	if res.StatusCode < 400 || res.StatusCode >= 500 {
		t.Errorf("a reply to a reply: %d %s", res.StatusCode, res.body)
	}
	res = e.api("POST", path, b.Token, `{"stance":"maybe","text":"x"}`)
	if got := errorOf(t, res); got.Field != "stance" {
		t.Errorf("bad stance: %+v", got)
	}
	res = e.api("GET", path, "", "")
	var list struct{ Comments []consult.Comment }
	json.Unmarshal([]byte(res.body), &list)
	if len(list.Comments) != 2 {
		t.Errorf("comments: %s", res.body)
	}
}

func TestAPIModeration(t *testing.T) {
	e := newConsultEnv(t, Config{})
	author, reader := e.register(t), e.register(t)
	mod1 := e.staff(t, "mod1", identity.RoleModerator)
	mod2 := e.staff(t, "mod2", identity.RoleModerator)
	id, _ := e.propose(t, author.Token, "art_1__para_1", "amend", "Call me at +7 701 000 00 00.")
	target := fmt.Sprintf(`"target":"proposal","id":%d`, id)
	if res := e.api("POST", "/api/v1/reports", reader.Token, `{`+target+`,"note":"a phone number"}`); res.StatusCode != 201 {
		t.Fatalf("report: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/reports", reader.Token, `{`+target+`}`); res.StatusCode != 409 {
		t.Errorf("second report: %d %s", res.StatusCode, res.body)
	}
	res := e.api("GET", "/api/v1/moderation/queue", mod1.Token, "")
	if !strings.Contains(res.body, `"reports": 1`) {
		t.Errorf("queue: %s", res.body)
	}
	if res := e.api("POST", "/api/v1/moderation/hide", mod1.Token, `{`+target+`,"reason":"rude"}`); errorOf(t, res).Field != "reason" {
		t.Errorf("unknown reason: %s", res.body)
	}
	res = e.api("POST", "/api/v1/moderation/hide", mod1.Token, `{`+target+`,"reason":"personal_data","note":"A telephone number."}`)
	if res.StatusCode != 200 || !strings.Contains(res.body, `"log_index"`) {
		t.Fatalf("hide: %d %s", res.StatusCode, res.body)
	}
	notes, _ := e.st.Notices(context.Background(), identity.AccountID(author.ID))
	if len(notes) != 1 || !strings.Contains(notes[0], "hidden") {
		t.Errorf("the author was not told: %v", notes)
	}
	if res := e.api("POST", "/api/v1/reviews", reader.Token, `{`+target+`,"note":"Not mine, but please."}`); res.StatusCode != 403 {
		t.Errorf("review asked by another: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/reviews", author.Token, `{`+target+`,"note":"I will remove the number."}`); res.StatusCode != 201 {
		t.Fatalf("review: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/reviews", author.Token, `{`+target+`,"note":"Again."}`); res.StatusCode != 409 {
		t.Errorf("second review: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/moderation/decide", mod1.Token, `{`+target+`,"decision":"uphold","note":"It is a number."}`); res.StatusCode != 403 {
		t.Errorf("the moderator who hid it decided: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/moderation/decide", mod2.Token, `{`+target+`,"decision":"uphold","note":"It is a telephone number."}`); res.StatusCode != 200 {
		t.Fatalf("uphold: %d %s", res.StatusCode, res.body)
	}
	notes, _ = e.st.Notices(context.Background(), identity.AccountID(author.ID))
	if len(notes) != 2 {
		t.Errorf("the author was not told of the decision: %v", notes)
	}
	res = e.api("GET", fmt.Sprintf("/api/v1/proposals/%d", id), "", "")
	var p struct {
		consult.Proposal
		Moderation []struct{ Action string }
	}
	json.Unmarshal([]byte(res.body), &p)
	if p.Status != consult.StatusHidden || p.Text != "" || len(p.Moderation) != 3 || p.HiddenReason != consult.ReasonPersonalData {
		t.Errorf("hidden proposal: %s", res.body)
	}
	// Hidden proposals still count.
	res = e.api("GET", fmt.Sprintf("/api/v1/consultations/%d", e.c.ID), "", "")
	if !strings.Contains(res.body, `"hidden_by_moderation": 1`) || !strings.Contains(res.body, `"total": 1`) {
		t.Errorf("consultation counts: %s", res.body)
	}
	// The page says why, when and by whom (by role); the text is gone.
	page := e.page(fmt.Sprintf("/en/proposals/%d", id), "")
	for _, want := range []string{"Hidden by a moderator on", "Personal data", "A telephone number.", "Kept hidden by a moderator after review"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("proposal page lacks %q", want)
		}
	}
	if strings.Contains(page.body, "701 000") {
		t.Error("the hidden text is on the page")
	}
}

func TestAPIExport(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	mod := e.staff(t, "mod", identity.RoleModerator)
	id, _ := e.propose(t, a.Token, "art_1__para_1", "amend", "A secret phone 8 701 555 44 33.")
	e.propose(t, a.Token, "art_1__para_2", "amend", "A fine wording for everyone.")
	e.api("POST", "/api/v1/moderation/hide", mod.Token, fmt.Sprintf(`{"target":"proposal","id":%d,"reason":"personal_data"}`, id))
	for _, f := range []string{"csv", "jsonl"} {
		res := e.api("GET", fmt.Sprintf("/api/v1/export/proposals.%s?consultation=%d", f, e.c.ID), "", "")
		if res.StatusCode != 200 || !strings.Contains(res.body, "A fine wording") {
			t.Fatalf("%s export: %d %s", f, res.StatusCode, res.body)
		}
		for _, secret := range []string{a.Email, "Citizen 1", anIIN(3), "555 44 33", "example.kz"} {
			if strings.Contains(res.body, secret) {
				t.Errorf("%s export contains %q", f, secret)
			}
		}
		if !strings.Contains(res.body, "personal_data") {
			t.Errorf("%s export lacks the hidden proposal's reason", f)
		}
	}
	if res := e.api("GET", "/api/v1/export/proposals.xml", "", ""); res.StatusCode != 404 {
		t.Errorf("xml export: %d", res.StatusCode)
	}
	if res := e.api("GET", "/api/v1/export/proposals.csv?consultation=99", "", ""); res.StatusCode != 404 {
		t.Errorf("export of a missing consultation: %d", res.StatusCode)
	}
}

func TestSearchHighlights(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	e.propose(t, a.Token, "art_1__para_1", "amend", "Мемлекеттік тіл – қазақ тілі. <script>alert(1)</script>")
	e.propose(t, a.Token, "art_1__para_2", "amend", "Nothing to find here.")
	res := e.page(fmt.Sprintf("/kk/consultations/%d/search?q=%s", e.c.ID, url.QueryEscape("қазақ")), "")
	if res.StatusCode != 200 || !strings.Contains(res.body, "<mark>қазақ</mark>") {
		t.Errorf("search page: %d, no highlighted match in %s", res.StatusCode, res.body)
	}
	if strings.Contains(res.body, "<script>alert") {
		t.Error("the snippet is not escaped")
	}
	res = e.api("GET", fmt.Sprintf("/api/v1/search?consultation=%d&q=%s", e.c.ID, url.QueryEscape("ҚАЗАҚ")), "", "")
	if !strings.Contains(res.body, `"total": 1`) || !strings.Contains(res.body, `\u003cmark\u003eқазақ\u003c/mark\u003e`) {
		t.Errorf("search API: %s", res.body)
	}
	if res := e.api("GET", fmt.Sprintf("/api/v1/search?consultation=%d&q=%%20", e.c.ID), "", ""); errorOf(t, res).Field != "q" {
		t.Errorf("empty search: %s", res.body)
	}
}

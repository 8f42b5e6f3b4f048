package web

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"atazan"
	"atazan/identity"
	"atazan/ledger"
	"atazan/referendum"
	"atazan/store"
)

// refEnv is a server with a referendum on the draft, a structure of four
// precincts in two regions and one abroad, an officer of the first
// precinct and a member of the central commission.
type refEnv struct {
	*consultEnv
	ref     store.Referendum
	officer citizen
	central citizen
}

const refStructure = `region,district,precinct,registered,abroad
astana,almaty-district,1,1000,
astana,esil,7,800,
abai,semey,1,1200,
abroad,europe,berlin-1,300,true
`

func newRefEnv(t testing.TB) *refEnv {
	t.Helper()
	e := newConsultEnv(t, Config{})
	ctx := context.Background()
	ref, err := e.st.CreateReferendum(ctx, referendum.Referendum{Slug: "2026", Charter: testSlug, Version: newLabel,
		Questions: map[string]string{"kk": "Қабылдайсыз ба?", "ru": "Принимаете ли Вы?", "en": "Do you accept the amendments?"},
		Date:      atazan.Date{Y: 2026, M: time.December, D: 6}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, err := referendum.ParseStructure(strings.NewReader(refStructure))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.st.ImportStructure(ctx, ref.ID, st, 0); err != nil {
		t.Fatal(err)
	}
	officer := e.staff(t, "officer", identity.RoleReferendumOfficer)
	if _, err := e.st.AssignOfficer(ctx, ref.ID, identity.AccountID(officer.ID), 0, 0); err != nil {
		t.Fatal(err)
	}
	return &refEnv{consultEnv: e, ref: ref, officer: officer, central: e.staff(t, "central", identity.RoleCentralCommission)}
}

func (e *refEnv) results(t testing.TB) referendum.Result {
	t.Helper()
	res := e.api("GET", "/api/v1/referendums/2026/results", "", "")
	var out referendum.Result
	if err := json.Unmarshal([]byte(res.body), &out); err != nil || res.StatusCode != 200 {
		t.Fatalf("results: %d %s", res.StatusCode, res.body)
	}
	return out
}

// TestReferendumAPI enters protocols through the JSON API: an officer may
// enter only their own precinct's, a rejected protocol names its rules and
// changes nothing, and the results follow.
func TestReferendumAPI(t *testing.T) {
	e := newRefEnv(t)
	good := `{"registered":1000,"issued":702,"in_boxes":702,"invalid":1,"yes":600,"no":100,"both":1}`
	bad := `{"registered":1000,"issued":702,"in_boxes":702,"invalid":1,"yes":600,"no":90,"both":1}`

	if res := e.api("POST", "/api/v1/referendums/2026/protocols", e.officer.Token, `{"precinct":2,"protocol":`+good+`}`); res.StatusCode != http.StatusForbidden {
		t.Errorf("another precinct's protocol: %d %s", res.StatusCode, res.body)
	}
	citizen := e.register(t)
	if res := e.api("POST", "/api/v1/referendums/2026/protocols", citizen.Token, `{"precinct":0,"protocol":`+good+`}`); res.StatusCode != http.StatusForbidden {
		t.Errorf("a citizen's protocol: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/referendums/2026/protocols", "", `{"precinct":0,"protocol":`+good+`}`); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a protocol without signing in: %d %s", res.StatusCode, res.body)
	}
	res := e.api("POST", "/api/v1/referendums/2026/protocols", e.officer.Token, `{"precinct":0,"protocol":`+bad+`}`)
	var rej apiRejected
	json.Unmarshal([]byte(res.body), &rej)
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity || len(rej.Violations) != 1 || rej.Violations[0].Rule != "boxes_sum" {
		t.Errorf("a protocol breaking boxes_sum: %d %s", res.StatusCode, res.body)
	}
	if r := e.results(t); r.PrecinctsReported != 0 {
		t.Errorf("a rejected protocol is counted: %+v", r)
	}
	if res := e.api("POST", "/api/v1/referendums/2026/protocols", e.officer.Token, `{"precinct":0,"protocol":`+good+`}`); res.StatusCode != http.StatusCreated || !strings.Contains(res.body, `"revision": 1`) {
		t.Fatalf("a good protocol: %d %s", res.StatusCode, res.body)
	}
	if r := e.results(t); r.PrecinctsReported != 1 || r.Yes != 600 || r.Participants != 702 || r.Regions != 1 || r.RegionsYes != 1 {
		t.Errorf("results after one protocol: %+v", r)
	}
	// Declaring is for the central commission.
	if res := e.api("POST", "/api/v1/referendums/2026/declare", e.officer.Token, `{}`); res.StatusCode != http.StatusForbidden {
		t.Errorf("an officer declaring: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/referendums/2026/declare", e.central.Token, `{}`); res.StatusCode != http.StatusCreated {
		t.Errorf("declaring: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", "/api/v1/referendums/2026/protocols", e.officer.Token, `{"precinct":0,"reason":"late","protocol":`+good+`}`); res.StatusCode != http.StatusConflict {
		t.Errorf("a protocol after the declaration: %d %s", res.StatusCode, res.body)
	}
}

// TestReferendumPages renders every page, chart and download of a
// referendum in every language, and the officer's form with an error.
func TestReferendumPages(t *testing.T) {
	e := newRefEnv(t)
	ctx := context.Background()
	for i, pr := range []string{
		`{"registered":1000,"in_boxes":700,"invalid":1,"yes":600,"no":99}`,
		`{"registered":800,"in_boxes":500,"invalid":0,"yes":200,"no":300}`,
		`{"registered":1200,"in_boxes":900,"invalid":0,"yes":800,"no":100}`,
		`{"registered":300,"in_boxes":100,"invalid":0,"yes":50,"no":50}`,
	} {
		var p referendum.Protocol
		json.Unmarshal([]byte(pr), &p)
		if _, _, err := e.st.SubmitProtocol(ctx, e.ref.ID, referendum.Revision{Precinct: referendum.PrecinctID(i), Protocol: p}, identity.Account{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		for _, path := range []string{"/referendums", "/referendums/2026", "/referendums/2026/regions/0", "/referendums/2026/districts/1", "/referendums/2026/precincts/0", "/referendums/2026/forensics"} {
			if res := e.page("/"+lang+path, ""); res.StatusCode != 200 || len(res.body) > 100_000 {
				t.Errorf("%s%s: %d, %d bytes", lang, path, res.StatusCode, len(res.body))
			}
		}
	}
	if res := e.page("/en/referendums/2026", ""); !strings.Contains(res.body, "Adopted") || !strings.Contains(res.body, "2 / 2") {
		t.Errorf("the national page does not show the adoption and the regions carried")
	}
	if res := e.page("/en/referendums/2026/regions/9", ""); res.StatusCode != 404 {
		t.Errorf("an unknown region: %d", res.StatusCode)
	}
	for _, path := range []string{"charts/regions.svg", "charts/scatter.svg", "export/protocols.csv", "export/protocols.json",
		"export/regions.csv", "export/districts.csv", "export/structure.csv", "export/revisions.csv", "regions", "districts", "precincts/0", "results",
		"forensics/summary.json", "forensics/fingerprint.svg", "forensics/scatter.svg"} {
		if res := e.page("/api/v1/referendums/2026/"+path, ""); res.StatusCode != 200 {
			t.Errorf("%s: %d %s", path, res.StatusCode, res.body)
		}
	}
	if res := e.page("/api/v1/referendums/2026/export/protocols.csv", ""); strings.Count(res.body, "\n") != 5 || !strings.Contains(res.body, "abai,semey,1,1,1200,,,,900,0,800,100,") {
		t.Errorf("protocols.csv:\n%s", res.body)
	}

	// The form: only the officer, only their precinct; errors name the rule.
	if res := e.page("/en/referendums/2026/protocol", ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the form without signing in: %d", res.StatusCode)
	}
	login := e.form("/en/login", "", url.Values{"login": {e.officer.Email}, "password": {testPassword}})
	cookie := sessionOf(t, login).Value
	form := url.Values{"registered": {"1000"}, "in_boxes": {"705"}, "invalid": {"1"}, "yes": {"600"}, "no": {"99"}, "reason": {""}}
	res := e.form("/en/referendums/2026/protocol", cookie, form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "boxes_sum") || !strings.Contains(res.body, "nothing was saved") && !strings.Contains(res.body, "Nothing was saved") {
		t.Errorf("a correction without a reason and with a wrong sum: %d", res.StatusCode)
	}
	form.Set("in_boxes", "700")
	form.Set("yes", "500")
	form.Set("no", "199")
	form.Set("reason", "recount")
	if res := e.form("/en/referendums/2026/protocol", cookie, form); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the correction: %d %s", res.StatusCode, res.body)
	}
	if r := e.results(t); r.Yes != 1550 {
		t.Errorf("yes after the correction: %d", r.Yes)
	}
	if res := e.page("/en/referendums/2026/precincts/0", cookie); !strings.Contains(res.body, "recount") || !strings.Contains(res.body, "Revision 2") {
		t.Errorf("the precinct page does not show the revisions")
	}
}

// TestBrowserReferendumOfficer is the precinct officer on election night,
// in a real browser: type the protocol with a mistake, read the rule it
// breaks, correct it, send it, and see the national count take it in.
func TestBrowserReferendumOfficer(t *testing.T) {
	needChromium(t)
	e := newRefEnv(t)
	base, ctx := startBrowser(t, e.srv)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("national page before",
		chromedp.Navigate(base+"/en/referendums/2026"),
		chromedp.WaitVisible(chromedp.ID("precincts-reported")),
	)
	if n := text(t, ctx, "#precincts-reported"); n != "0" {
		t.Fatalf("precincts reported before: %q", n)
	}
	run("sign in",
		chromedp.Navigate(base+"/en/login"),
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), e.officer.Email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/en/login"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/en/logout"]`)),
	)
	run("open the form from the national page",
		chromedp.Navigate(base+"/en/referendums/2026"),
		chromedp.Click(chromedp.CSS(`a[href="/en/referendums/2026/precincts/0"]`)),
		chromedp.Click(chromedp.ID("enter-protocol")),
		chromedp.WaitVisible(chromedp.ID("in_boxes")),
	)
	fill := func(vals map[string]string) []chromedp.Action[chromedp.Void] {
		var as []chromedp.Action[chromedp.Void]
		for _, f := range []string{"registered", "received", "issued", "cancelled", "in_boxes", "invalid", "yes", "no", "both"} {
			as = append(as, chromedp.SetValue(chromedp.ID(f), vals[f]))
		}
		return as
	}
	protocol := map[string]string{"registered": "1000", "received": "1000", "issued": "812", "cancelled": "188",
		"in_boxes": "812", "invalid": "3", "yes": "700", "no": "100", "both": "6"}
	run("send with a mistake", append(fill(protocol),
		chromedp.Click(chromedp.ID("send")),
		chromedp.WaitVisible(chromedp.ID("rejected")))...)
	if msg := text(t, ctx, "#rejected"); !strings.Contains(msg, "boxes_sum") || !strings.Contains(msg, "809") {
		t.Fatalf("the error says %q", msg)
	}
	protocol["both"] = "9"
	run("correct and send", append(fill(protocol),
		chromedp.Click(chromedp.ID("send")),
		chromedp.WaitVisible(chromedp.ID("accepted")))...)
	run("national page after",
		chromedp.Navigate(base+"/en/referendums/2026"),
		chromedp.WaitVisible(chromedp.ID("precincts-reported")),
	)
	if n, yes := text(t, ctx, "#precincts-reported"), text(t, ctx, "#national-yes"); n != "1" || strings.ReplaceAll(yes, "\u00a0", " ") != fmt.Sprint("700") {
		t.Errorf("after the protocol: %q precincts, %q yes", n, yes)
	}
}

// TestReferendumAudit audits a server whose referendum has protocols and a
// declared result: the auditor recounts the logged protocols and finds the
// server's totals equal; after the stored totals of a district are changed
// behind the log's back, it names the district.
func TestReferendumAudit(t *testing.T) {
	e := newRefEnv(t)
	ctx := context.Background()
	for i, pr := range []string{
		`{"registered":1000,"in_boxes":700,"invalid":1,"yes":600,"no":99}`,
		`{"registered":800,"in_boxes":500,"invalid":0,"yes":200,"no":300}`,
		`{"registered":300,"in_boxes":100,"invalid":0,"yes":50,"no":50}`,
	} {
		var p referendum.Protocol
		json.Unmarshal([]byte(pr), &p)
		n := referendum.PrecinctID(i)
		if i == 2 {
			n = 3
		}
		if _, _, err := e.st.SubmitProtocol(ctx, e.ref.ID, referendum.Revision{Precinct: n, Protocol: p}, identity.Account{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.st.DeclareResult(ctx, e.ref.ID, "2027-01-01", identity.Account{}); err != nil {
		t.Fatal(err)
	}
	skey, vkey, err := ledger.GenerateKey("test.example/log")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := (&ledger.Checkpointer{Source: e.st, SignerKey: skey}).SignIfGrown(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Log: e.st, LogVerifierKey: vkey, Consult: e.st}, e.st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	audit := func() *ledger.Report {
		rep, err := (&ledger.Auditor{BaseURL: ts.URL, VerifierKey: vkey}).Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := audit(); !rep.OK() || len(rep.Pending) != 0 {
		t.Fatalf("audit of a true server: %+v", rep.Discrepancies)
	}
	db, err := sql.Open("sqlite", e.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE referendum_totals SET f_yes = f_yes + 10 WHERE level = 'd' AND num = 1`); err != nil {
		t.Fatal(err)
	}
	rep := audit()
	if rep.OK() || !strings.Contains(fmt.Sprint(rep.Discrepancies), "districts 1 (esil)") {
		t.Errorf("audit after the totals changed: %+v", rep.Discrepancies)
	}
}

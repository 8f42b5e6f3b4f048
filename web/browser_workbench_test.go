package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWorkbench goes through the systematization as Dmitry and then
// Aigerim do, in a real browser: the secretariat signs in, opens the
// workbench and a cluster, and records a decision with its reason; then an
// author, in a browser context of her own, signs in and reads the decision
// and its reason on "My proposals" and on her proposal's page.
func TestBrowserWorkbench(t *testing.T) {
	needChromium(t)
	e := newClusterEnv(t)
	base, ctx := startBrowser(t, e.srv)
	run := func(ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	signIn := func(ctx context.Context, email string) {
		t.Helper()
		run(ctx, "sign in "+email,
			chromedp.Navigate(base+"/en/login"),
			chromedp.WaitVisible(chromedp.ID("login")),
			chromedp.SendKeys(chromedp.ID("login"), email),
			chromedp.SendKeys(chromedp.ID("password"), testPassword),
			chromedp.Click(chromedp.CSS(`form[action="/en/login"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`#mine`)),
		)
	}
	const reason = "Article 3 of the draft now protects the dignity of every person."

	signIn(ctx, e.secretary.Email)
	run(ctx, "open the workbench",
		chromedp.Navigate(fmt.Sprintf("%s/en/consultations/%d/workbench", base, e.c.ID)),
		chromedp.WaitVisible(chromedp.CSS(`table.clusters`)),
	)
	if size := text(t, ctx, fmt.Sprintf(`#cluster-%d td.size`, e.cluster)); size != "3" {
		t.Errorf("the workbench shows the cluster's size as %q", size)
	}
	run(ctx, "open the cluster",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#cluster-%d th a`, e.cluster))),
		chromedp.WaitVisible(chromedp.ID("decide")),
	)
	if got := text(t, ctx, "blockquote.representative"); !strings.Contains(got, "dignity of every person") {
		t.Errorf("the cluster's representative text is %q", got)
	}
	run(ctx, "record a decision",
		chromedp.Click(chromedp.ID("decision-partly")),
		chromedp.SendKeys(chromedp.ID("reason"), reason),
		chromedp.Click(chromedp.CSS(`#decide button`)),
		chromedp.WaitVisible(chromedp.ID("result")),
	)
	if got := text(t, ctx, "dl.cluster dd.decision"); !strings.Contains(got, "Partly taken into account") || !strings.Contains(got, reason) {
		t.Errorf("after the decision the cluster says %q", got)
	}

	// The author, in a browser context of her own (no cookie of the secretariat).
	actx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	signIn(actx, e.authors[1].Email)
	if got := text(t, actx, "td.fate"); !strings.Contains(got, "Partly taken into account") || !strings.Contains(got, reason) ||
		!strings.Contains(got, fmt.Sprintf("cluster %d, 3 proposals", e.cluster)) {
		t.Errorf("My proposals says %q", got)
	}
	run(actx, "open the proposal",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#mine ~ table a[href="/en/proposals/%d"]`, e.same[1]))),
		chromedp.WaitVisible(chromedp.ID("fate")),
	)
	if got := text(t, actx, "dl.fate"); !strings.Contains(got, "Partly taken into account") || !strings.Contains(got, reason) {
		t.Errorf("the proposal page says %q", got)
	}
	if got := text(t, actx, "ul.similar"); !strings.Contains(got, fmt.Sprint(e.same[0])) || strings.Contains(got, "Proposal "+fmt.Sprint(e.same[1])) {
		t.Errorf("similar proposals: %q", got)
	}
	// Her browser is not the secretariat's: the workbench is closed to her.
	run(actx, "try the workbench",
		chromedp.Navigate(fmt.Sprintf("%s/en/consultations/%d/workbench", base, e.c.ID)),
		chromedp.WaitVisible(chromedp.CSS("main h1")),
	)
	if status := text(t, actx, "main"); !strings.Contains(status, "Only the secretariat") {
		t.Errorf("the workbench shows the author %q", status)
	}
}

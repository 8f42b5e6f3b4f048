package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserConsultation goes through the consultation as Aigerim does, in
// a real browser without any script of ours: register, sign out and in,
// propose new wording for a paragraph, read the redline and the receipt,
// support another citizen's proposal and report a comment on it.
func TestBrowserConsultation(t *testing.T) {
	needChromium(t)
	e := newConsultEnv(t, Config{})
	other := e.register(t)
	otherID, _ := e.propose(t, other.Token, "art_3__para_1", "amend", "Paragraph 1 of Article 3: the state respects and protects the person.")
	commenter := e.register(t)
	e.api("POST", fmt.Sprintf("/api/v1/proposals/%d/comments", otherID), commenter.Token, `{"stance":"against","text":"A comment that breaks the rules."}`)
	base, ctx := startBrowser(t, e.srv)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	// Register.
	run("register",
		chromedp.Navigate(base+"/en/register"),
		chromedp.SendKeys(chromedp.ID("name"), "Aigerim"),
		chromedp.SendKeys(chromedp.ID("iin"), anIIN(900)),
		chromedp.SetValue(chromedp.ID("region"), "shymkent"),
		chromedp.SendKeys(chromedp.ID("email"), "aigerim@example.kz"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/en/register"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#mine`)),
	)
	// Sign out, then sign in.
	run("sign out",
		chromedp.Click(chromedp.CSS(`form[action="/en/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/en/login"]`)),
	)
	run("sign in",
		chromedp.Click(chromedp.CSS(`a[href="/en/login"]`)),
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), "aigerim@example.kz"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/en/login"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#mine`)),
	)

	// Propose new wording for paragraph 1 of article 2, from the article's margin.
	run("open the form",
		chromedp.Navigate(base+"/en/charters/kz-constitution/versions/Draft%202026/articles/2"),
		chromedp.Click(chromedp.CSS(`#art_2__para_1 a.propose`)),
		chromedp.WaitVisible(chromedp.ID("text")),
	)
	prefilled, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("text")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(prefilled, "guarantees the rights") {
		t.Fatalf("the form is prefilled with %q", prefilled)
	}
	run("propose",
		chromedp.SetValue(chromedp.ID("text"), strings.Replace(prefilled, "guarantees", "protects and guarantees", 1)),
		chromedp.SendKeys(chromedp.ID("rationale"), "Both duties, to be clear."),
		chromedp.Click(chromedp.CSS(`form[action$="/propose"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`dl.receipt`)),
	)
	if ins := text(t, ctx, "p.redline ins"); !strings.Contains(ins, "protects and") {
		t.Errorf("the redline inserts %q", ins)
	}
	if commit := text(t, ctx, "code.commit"); !strings.HasPrefix(commit, "sha256:") {
		t.Errorf("the receipt commits to %q", commit)
	}
	logHref, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`dl.receipt a[href*="/log?index="]`), "href"))
	if err != nil || !strings.Contains(logHref.Value, "/en/log?index=") {
		t.Errorf("the receipt links %q (%v)", logHref.Value, err)
	}

	// Support another citizen's proposal.
	run("support",
		chromedp.Navigate(fmt.Sprintf("%s/en/proposals/%d", base, otherID)),
		chromedp.Click(chromedp.CSS(`form[action$="/support"] button`)),
		// The reloaded page offers to withdraw (the old one offered to give).
		chromedp.WaitReady(chromedp.CSS(`form[action$="/support"] input[value="withdraw"]`)),
	)
	if n := text(t, ctx, "#support .count"); n != "1" {
		t.Errorf("supports = %q after supporting", n)
	}

	// Report the comment on it.
	run("report",
		chromedp.Click(chromedp.CSS(`li.comment details.report summary`)),
		chromedp.SendKeys(chromedp.CSS(`li.comment details.report textarea`), "It insults people."),
		chromedp.Click(chromedp.CSS(`li.comment details.report button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
	)
	if got := text(t, ctx, "p.notice"); !strings.Contains(got, "moderators") {
		t.Errorf("after the report the page says %q", got)
	}
}

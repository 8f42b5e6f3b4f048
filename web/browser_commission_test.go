package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMeeting: the chair runs a meeting from one browser, two members
// vote from their own browser contexts, and a public viewer's page, never
// reloaded, follows it live.
func TestBrowserMeeting(t *testing.T) {
	needChromium(t)
	e := newCommissionEnv(t)
	base, root := startBrowser(t, e.srv)
	page := fmt.Sprintf("%s/en/meetings/%d", base, e.meeting)
	tab := func() context.Context {
		ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
		t.Cleanup(cancel)
		return ctx
	}
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
			chromedp.SendKeys(chromedp.ID("login"), email),
			chromedp.SendKeys(chromedp.ID("password"), testPassword),
			chromedp.Click(chromedp.CSS(`form[action="/en/login"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`a[href="/en/account"]`)),
			chromedp.Navigate(page),
			chromedp.WaitVisible(chromedp.ID("arrive")),
		)
	}
	viewer, chair, m1, m2 := tab(), tab(), tab(), tab()
	run(viewer, "the public page", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("status")))
	signIn(chair, e.chair.Email)
	signIn(m1, e.members[0].Email)
	signIn(m2, e.members[1].Email)
	for _, c := range []context.Context{chair, m1, m2} {
		run(c, "arrive", chromedp.Click(chromedp.ID("arrive")), chromedp.WaitVisible(chromedp.CSS(`button[value="leave"]`)))
	}
	run(viewer, "attendance reaches the viewer", waitText("#present", "3"))
	run(chair, "open the meeting", chromedp.Click(chromedp.ID("open-meeting")), chromedp.WaitVisible(chromedp.ID("open-item-0")))
	run(chair, "open the item", chromedp.Click(chromedp.ID("open-item-0")), chromedp.WaitVisible(chromedp.ID("open-vote")))
	run(viewer, "the current item and its redline reach the viewer",
		waitText("#current-item", "Guarantees"),
		chromedp.WaitVisible(chromedp.CSS(`#redline ins`)))
	run(chair, "open the vote", chromedp.Click(chromedp.ID("open-vote")), chromedp.WaitVisible(chromedp.ID("close-vote")))
	run(m1, "vote against", chromedp.Navigate(page), chromedp.Click(chromedp.ID("vote-against")), chromedp.WaitVisible(chromedp.ID("my-vote")))
	run(m1, "change to for", chromedp.Click(chromedp.ID("vote-for")), waitText("#my-vote", "for"))
	run(m2, "vote for", chromedp.Navigate(page), chromedp.Click(chromedp.ID("vote-for")), chromedp.WaitVisible(chromedp.ID("my-vote")))
	run(viewer, "the running tally reaches the viewer", waitText("#tally", "For 2"))
	if b := text(t, viewer, "#ballots"); !strings.Contains(b, "Member 1: for") || !strings.Contains(b, "Member 2: for") {
		t.Errorf("the viewer's ballots: %q", b)
	}
	run(chair, "close the vote", chromedp.Click(chromedp.ID("close-vote")), chromedp.WaitVisible(chromedp.ID("close-item")))
	run(viewer, "the result reaches the viewer", waitText("#tally", "Adopted"))
	run(chair, "close the item", chromedp.Click(chromedp.ID("close-item")), chromedp.WaitVisible(chromedp.ID("close-meeting")))
	run(chair, "close the meeting", chromedp.Click(chromedp.ID("close-meeting")), chromedp.WaitVisible(chromedp.CSS(`a[href$="minutes.html"]`)))
	run(viewer, "the close reaches the viewer", waitText("#status", "closed"))
}

// waitText waits until the element's text contains want (no deadline of its
// own: the browser context's applies).
func waitText(sel, want string) chromedp.Action[chromedp.Void] {
	expr := fmt.Sprintf(`(function(){var e=document.querySelector(%q);return !!e && e.textContent.indexOf(%q)>=0})()`, sel, want)
	poll := chromedp.Poll[bool](expr)
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		for {
			// A form's post may navigate the page under the poll: poll the new page.
			_, err := poll(ctx, t)
			if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "navigated") && !strings.Contains(err.Error(), "context") {
				return chromedp.Void{}, err
			}
		}
	}
}

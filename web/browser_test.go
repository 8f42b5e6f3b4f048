package web

import (
	"context"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts a real server on 127.0.0.1:0 and a headless Chromium, and
// returns the server's base URL and a browser context. Without Chromium the
// test skips, except in CI.
func browser(t *testing.T) (string, context.Context) {
	t.Helper()
	needChromium(t)
	return startBrowser(t, newTestServer(t))
}

// needChromium skips the test without Chromium, except in CI.
func needChromium(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if inCI() {
			t.Fatal("chromium is not installed (apt-get install -y chromium)")
		}
		t.Skip("chromium is not installed; install it with apt-get install -y chromium to run browser tests")
	}
	return path
}

// startBrowser serves s on 127.0.0.1:0 and starts a headless Chromium.
func startBrowser(t *testing.T, s *Server) (string, context.Context) {
	t.Helper()
	path := needChromium(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srvCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(srvCtx, ln) }()
	t.Cleanup(func() { stop(); <-done })

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// Start the browser on a context without a deadline; later actions run under one.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	return "http://" + ln.Addr().String(), tctx
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// TestBrowserArticle opens an article in Kazakh, reads it as a person sees
// it, then switches the interface to English with the language switch.
func TestBrowserArticle(t *testing.T) {
	base, ctx := browser(t)
	kk := "/kk" + strings.TrimPrefix(articlePath, "/en")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+kk)); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "h1"); got != "1-бап" {
		t.Errorf("Kazakh h1 = %q, want 1-бап", got)
	}
	if got := text(t, ctx, "#art_1__para_1"); !strings.Contains(got, "1-баптың 1-тармағы") {
		t.Errorf("paragraph 1 reads %q", got)
	}
	if got := text(t, ctx, ".editorial h2"); got != "Редакциялық ескертпелер" {
		t.Errorf("footnotes heading = %q", got)
	}
	// The skip link is the first thing the keyboard reaches.
	active, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.focus(), (function(){var a=document.querySelector('a');return a.className+'|'+getComputedStyle(a).position})()`))
	if err != nil || !strings.HasPrefix(active, "skip|") {
		t.Errorf("first link is %q (%v), want the skip link", active, err)
	}

	// Switch the interface language.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="en"]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] h1`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "h1"); got != "Article 1" {
		t.Errorf("English h1 = %q, want Article 1", got)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, articlePath) {
		t.Errorf("after the switch the page is %s, want the same article in English", loc)
	}
	// The parallel text in Russian, by its tab.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`nav.tabs a[hreflang="ru"]`)), chromedp.WaitVisible(chromedp.CSS(`div.text[lang="ru"]`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#art_1__para_1"); !strings.Contains(got, "Пункт 1 статьи 1") {
		t.Errorf("Russian text reads %q", got)
	}
}

// TestBrowserCompare opens a comparison and checks that the deleted and
// inserted words are visible and marked, in the redline and side by side.
func TestBrowserCompare(t *testing.T) {
	base, ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+comparePath)); err != nil {
		t.Fatal(err)
	}
	del, ins := text(t, ctx, "p.redline del"), text(t, ctx, "p.redline ins")
	if !strings.Contains(del, "protects") || !strings.Contains(ins, "guarantees") {
		t.Errorf("redline shows del %q, ins %q", del, ins)
	}
	style, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('p.redline del')).textDecorationLine + '|' + getComputedStyle(document.querySelector('p.redline ins')).textDecorationLine`))
	if err != nil || style != "line-through|underline" {
		t.Errorf("del|ins decoration = %q (%v)", style, err)
	}
	// The side-by-side view, reached by its link (no JavaScript involved).
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href*="view=side"]`)), chromedp.WaitVisible(chromedp.CSS("table.side"))); err != nil {
		t.Fatal(err)
	}
	if old, nw := text(t, ctx, "table.side td:first-child del"), text(t, ctx, "table.side td:last-child ins"); !strings.Contains(old, "protects") || !strings.Contains(nw, "guarantees") {
		t.Errorf("side by side shows %q | %q", old, nw)
	}
	// The same comparison in Kazakh has a Kazakh heading.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="kk"]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang="kk"] h1`))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "h1"); got != "Нұсқаларды салыстыру" {
		t.Errorf("Kazakh h1 = %q", got)
	}
}

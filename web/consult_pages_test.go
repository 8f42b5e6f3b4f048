package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"atazan/consult"
	"atazan/identity"
)

// signIn signs in through the form and returns the session cookie's value.
func (e *consultEnv) signIn(t testing.TB, email string) string {
	t.Helper()
	res := e.form("/en/login", "", url.Values{"login": {email}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d %s", email, res.StatusCode, res.body)
	}
	return sessionOf(t, res).Value
}

func TestRegisterPage(t *testing.T) {
	e := newConsultEnv(t, Config{})
	res := e.page("/kk/register", "")
	if res.StatusCode != 200 || !strings.Contains(res.body, "Шымкент") || !strings.Contains(res.body, `<label for="iin">`) {
		t.Fatalf("register page: %d", res.StatusCode)
	}
	// Every field wrong at once: each error next to its field, and nothing stored.
	res = e.form("/en/register", "", url.Values{"name": {""}, "iin": {badCheckDigit()}, "region": {""}, "email": {"nope"}, "password": {"short"}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("bad registration: %d", res.StatusCode)
	}
	for _, f := range []string{"name", "iin", "region", "email", "password"} {
		if !strings.Contains(res.body, fmt.Sprintf(`<p class="error" id="%s-error">`, f)) || !strings.Contains(res.body, fmt.Sprintf(`<a href="#%s">`, f)) {
			t.Errorf("no error next to %s", f)
		}
	}
	if !strings.Contains(res.body, "check digit") {
		t.Error("the IIN error does not name the rule")
	}
	if strings.Contains(res.body, "short") {
		t.Error("the password was sent back")
	}
	if _, _, err := e.st.Credentials(context.Background(), "nope"); err == nil {
		t.Error("stored")
	}
	// A good registration signs in and lands on the account page.
	vals := url.Values{"name": {"Aigerim"}, "iin": {anIIN(5)}, "region": {"shymkent"}, "email": {"aigerim@example.kz"}, "password": {testPassword}}
	res = e.form("/en/register", "", vals)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/en/account" {
		t.Fatalf("register: %d %s", res.StatusCode, res.body)
	}
	c := sessionOf(t, res)
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure {
		t.Errorf("cookie %+v", c)
	}
	acc := e.page("/en/account", c.Value)
	if acc.StatusCode != 200 || !strings.Contains(acc.body, "aigerim@example.kz") || !strings.Contains(acc.body, "Shymkent") {
		t.Errorf("account page: %d", acc.StatusCode)
	}
	// The same IIN again: a conflict on the iin field.
	vals.Set("email", "other@example.kz")
	res = e.form("/en/register", "", vals)
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, `id="iin-error"`) {
		t.Errorf("duplicate IIN: %d", res.StatusCode)
	}
}

func TestLoginLogoutPages(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	if res := e.page("/en/account", ""); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/en/login?next=") {
		t.Errorf("account without signing in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res := e.form("/en/login", "", url.Values{"login": {a.Email}, "password": {"wrong password!"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.body, `id="password-error"`) {
		t.Errorf("wrong password: %d", res.StatusCode)
	}
	cookie := e.signIn(t, a.Email)
	if res := e.page("/en/account", cookie); res.StatusCode != 200 || !strings.Contains(res.body, "Sign out") {
		t.Errorf("account page: %d", res.StatusCode)
	}
	res = e.form("/en/logout", cookie, nil)
	if res.StatusCode != http.StatusSeeOther || sessionOf(t, res).MaxAge >= 0 {
		t.Errorf("logout: %d", res.StatusCode)
	}
	if res := e.page("/en/account", cookie); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the session lives on after sign-out: %d", res.StatusCode)
	}
	// Lockout on the form, with its message.
	for range 5 {
		e.form("/en/login", "", url.Values{"login": {a.Email}, "password": {"wrong password!"}})
	}
	res = e.form("/en/login", "", url.Values{"login": {a.Email}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(res.body, "Too many failed sign-ins. Try again after") || res.Header.Get("Retry-After") == "" {
		t.Errorf("locked sign-in: %d", res.StatusCode)
	}
	// Change the password.
	b := e.register(t)
	cookie = e.signIn(t, b.Email)
	res = e.form("/en/account/password", cookie, url.Values{"current": {"not it at all"}, "new": {"another long password"}})
	if res.StatusCode != 400 || !strings.Contains(res.body, `id="current-error"`) {
		t.Errorf("wrong current password: %d", res.StatusCode)
	}
	res = e.form("/en/account/password", cookie, url.Values{"current": {testPassword}, "new": {"another long password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("change password: %d %s", res.StatusCode, res.body)
	}
	if res := e.page("/en/account", cookie); res.StatusCode != 200 {
		t.Errorf("the session that changed the password ended: %d", res.StatusCode)
	}
}

func TestProposePages(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	cookie := e.signIn(t, a.Email)
	// The article shows the consultation and a link to propose on each paragraph.
	art := e.page("/en/charters/kz-constitution/versions/Draft%202026/articles/2", cookie)
	want := fmt.Sprintf(`/en/consultations/%d/propose?unit=art_2__para_1`, e.c.ID)
	if art.StatusCode != 200 || !strings.Contains(art.body, want) {
		t.Fatalf("article page: %d, no link %s", art.StatusCode, want)
	}
	form := e.page(want, cookie)
	cur := "Paragraph 1 of Article 2: the state guarantees the rights and freedoms of the person."
	if form.StatusCode != 200 || !strings.Contains(form.body, `<textarea id="text" name="text" rows="8" aria-describedby="text-hint">`+cur) {
		t.Fatalf("the amendment form is not prefilled: %d %s", form.StatusCode, form.body)
	}
	// A rationale too short: the error is next to the field and the text is kept.
	path := fmt.Sprintf("/en/consultations/%d/propose", e.c.ID)
	proposed := strings.Replace(cur, "guarantees", "protects and guarantees", 1)
	res := e.form(path, cookie, url.Values{"unit": {"art_2__para_1"}, "kind": {"amend"}, "text": {proposed}, "rationale": {"short"}})
	if res.StatusCode != 400 || !strings.Contains(res.body, `id="rationale-error"`) || !strings.Contains(res.body, "protects and guarantees") {
		t.Errorf("short rationale: %d", res.StatusCode)
	}
	res = e.form(path, cookie, url.Values{"unit": {"art_2__para_1"}, "kind": {"amend"}, "text": {proposed}, "rationale": {"Both words, to be clear."}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/receipt") {
		t.Fatalf("propose: %d %s", res.StatusCode, res.body)
	}
	receipt := e.page(res.Header.Get("Location"), cookie)
	for _, want := range []string{"<ins>", "protects and", "/en/log?index=", "sha256:", "Receipt for proposal"} {
		if !strings.Contains(receipt.body, want) {
			t.Errorf("receipt lacks %q", want)
		}
	}
	// Anonymous: refused with 401, nothing stored.
	if res := e.form(path, "", url.Values{"unit": {"art_2__para_1"}, "kind": {"amend"}, "text": {"x y z"}, "rationale": {"Both words, to be clear."}}); res.StatusCode != 401 {
		t.Errorf("anonymous proposal: %d", res.StatusCode)
	}
	// The margin counts it, and the list shows it; the account lists it with its status.
	art = e.page("/en/charters/kz-constitution/versions/Draft%202026/articles/2", "")
	if !strings.Contains(art.body, ">1 proposal</a>") {
		t.Errorf("the margin does not count the proposal")
	}
	list := e.page(fmt.Sprintf("/en/consultations/%d/proposals?unit=art_2__para_1&sort=supported", e.c.ID), "")
	if list.StatusCode != 200 || !strings.Contains(list.body, "protects and guarantees") {
		t.Errorf("list: %d", list.StatusCode)
	}
	if acc := e.page("/en/account", cookie); !strings.Contains(acc.body, "Submitted") || !strings.Contains(acc.body, "/receipt") {
		t.Errorf("account does not list the proposal")
	}
	cons := e.page(fmt.Sprintf("/kk/consultations/%d", e.c.ID), "")
	if cons.StatusCode != 200 || !strings.Contains(cons.body, "Модерациямен жасырылған") {
		t.Errorf("consultation page: %d", cons.StatusCode)
	}
	for _, p := range []string{art.body, list.body, receipt.body, cons.body, form.body} {
		if len(p) > 100_000 || inlineScript(p) {
			t.Errorf("a page is %d bytes or has a script of its own", len(p))
		}
	}
}

func TestProposalPageActions(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a, b := e.register(t), e.register(t)
	mod := e.staff(t, "mod", identity.RoleModerator)
	id, _ := e.propose(t, a.Token, "art_1__para_1", "amend", "A wording to discuss.")
	pp := fmt.Sprintf("/en/proposals/%d", id)
	cookie := e.signIn(t, b.Email)
	if res := e.form(pp+"/support", cookie, url.Values{"action": {"give"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("support: %d %s", res.StatusCode, res.body)
	}
	page := e.page(pp, cookie)
	if !strings.Contains(page.body, `<span class="count">1</span>`) || !strings.Contains(page.body, "Withdraw my support") {
		t.Errorf("after support the page shows no count or withdraw button")
	}
	if res := e.form(pp+"/comments", cookie, url.Values{"stance": {"against"}, "text": {""}}); res.StatusCode != 400 || !strings.Contains(res.body, `id="c-error"`) {
		t.Errorf("empty comment: %d", res.StatusCode)
	}
	res := e.form(pp+"/comments", cookie, url.Values{"stance": {"against"}, "text": {"I disagree with this."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("comment: %d %s", res.StatusCode, res.body)
	}
	page = e.page(pp, cookie)
	if !strings.Contains(page.body, "I disagree with this.") || !strings.Contains(page.body, "Against") {
		t.Errorf("comment not shown")
	}
	// Report the comment, then hide it from the moderation page.
	comments, _ := e.st.Comments(context.Background(), consult.ProposalID(id))
	if len(comments) != 1 {
		t.Fatalf("comments: %v", comments)
	}
	cid := comments[0].ID
	res = e.form("/en/reports", cookie, url.Values{"target": {"comment"}, "id": {fmt.Sprint(cid)}, "note": {"rude"}, "back": {pp}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("report: %d %s", res.StatusCode, res.body)
	}
	if page := e.page(res.Header.Get("Location"), cookie); !strings.Contains(page.body, "The moderators will look at it") {
		t.Errorf("no thanks after the report")
	}
	mc := e.signIn(t, mod.Email)
	q := e.page("/en/moderation", mc)
	if q.StatusCode != 200 || !strings.Contains(q.body, "I disagree with this.") || !strings.Contains(q.body, "rude") {
		t.Fatalf("moderation queue: %d", q.StatusCode)
	}
	res = e.form("/en/moderation/hide", mc, url.Values{"target": {"comment"}, "id": {fmt.Sprint(cid)}, "reason": {"illegal_content"}})
	if res.StatusCode != 400 || !strings.Contains(res.body, "note") {
		t.Errorf("illegal content without a note: %d", res.StatusCode)
	}
	res = e.form("/en/moderation/hide", mc, url.Values{"target": {"comment"}, "id": {fmt.Sprint(cid)}, "reason": {"off_topic"}, "note": {"Not about the text."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("hide: %d %s", res.StatusCode, res.body)
	}
	page = e.page(pp, cookie)
	if strings.Contains(page.body, "I disagree with this.") || !strings.Contains(page.body, "Off topic") || !strings.Contains(page.body, "Not about the text.") {
		t.Errorf("the hidden comment does not say why")
	}
	if !strings.Contains(page.body, "Ask for a review") {
		t.Errorf("the author is not offered a review")
	}
	// Once the author asks for a review, the moderators read what was hidden.
	if _, err := e.st.RequestReview(context.Background(), consult.ReviewRequest{Target: consult.TargetComment, ID: int64(cid), Note: "It was on topic."}, identity.AccountID(comments[0].AuthorAccount)); err != nil {
		t.Fatal(err)
	}
	if q := e.page("/en/moderation", mc); !strings.Contains(q.body, "I disagree with this.") {
		t.Errorf("the moderation queue does not show the hidden text under review")
	}
}

// TestConsultPagesEveryLanguage renders every consultation page in kk, ru
// and en, small and without scripts.
func TestConsultPagesEveryLanguage(t *testing.T) {
	e := newConsultEnv(t, Config{})
	a := e.register(t)
	mod := e.staff(t, "mod", identity.RoleModerator)
	id, _ := e.propose(t, a.Token, "art_1__para_1", "amend", "Мемлекеттік тіл – қазақ тілі.")
	e.api("POST", "/api/v1/reports", a.Token, fmt.Sprintf(`{"target":"proposal","id":%d}`, id))
	cookie, mc := e.signIn(t, a.Email), e.signIn(t, mod.Email)
	for _, l := range []string{"kk", "ru", "en"} {
		for _, c := range []struct{ path, cookie string }{
			{"/register", ""}, {"/login", ""}, {"/account", cookie}, {"/consultations", ""},
			{fmt.Sprintf("/consultations/%d", e.c.ID), ""},
			{fmt.Sprintf("/consultations/%d/proposals", e.c.ID), ""},
			{fmt.Sprintf("/consultations/%d/propose?unit=art_1__para_1", e.c.ID), cookie},
			{fmt.Sprintf("/consultations/%d/propose", e.c.ID), cookie},
			{fmt.Sprintf("/consultations/%d/search?q=тіл", e.c.ID), ""},
			{fmt.Sprintf("/proposals/%d", id), cookie},
			{fmt.Sprintf("/proposals/%d/receipt", id), ""},
			{"/moderation", mc},
		} {
			res := e.page("/"+l+c.path, c.cookie)
			if res.StatusCode != 200 || !strings.Contains(res.body, `<html lang="`+l+`">`) || len(res.body) > 100_000 || inlineScript(res.body) {
				t.Errorf("%s%s: %d, %d bytes", l, c.path, res.StatusCode, len(res.body))
			}
		}
	}
}

// inlineScript reports whether a page carries a script other than one of
// the site's static files, loaded deferred: pages are complete without
// JavaScript, and a script only improves them (the proposal form's similar
// proposals).
func inlineScript(body string) bool {
	rest := body
	for {
		i := strings.Index(rest, "<script")
		if i < 0 {
			return false
		}
		rest = rest[i:]
		if !strings.HasPrefix(rest, `<script src="/static/`) || !strings.Contains(rest[:strings.Index(rest, ">")], " defer") {
			return true
		}
		rest = rest[len("<script"):]
	}
}

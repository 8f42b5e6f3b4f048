package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"atazan/identity"
)

// TestMeetingForm runs the rules through the meeting page's form, as the
// chair and members use it without JavaScript: a member cannot take a chair
// action, a non-member cannot vote, nobody votes outside an open vote, a
// signed-out visitor is refused, and a member who votes twice is
// counted once.
func TestMeetingForm(t *testing.T) {
	e := newCommissionEnv(t)
	path := fmt.Sprintf("/en/meetings/%d/act", e.meeting)
	page := fmt.Sprintf("/en/meetings/%d", e.meeting)
	cookies := map[string]string{}
	for _, c := range append([]citizen{e.chair, e.outsider}, e.members...) {
		cookies[c.Email] = e.signIn(t, c.Email)
	}
	post := func(who citizen, vals url.Values) (string, string) {
		t.Helper()
		res := e.form(path, cookies[who.Email], vals)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%v by %s: %d %s", vals, who.Email, res.StatusCode, res.body)
		}
		loc := res.Header.Get("Location")
		u, _ := url.Parse(loc)
		return u.Path, u.Query().Get("error")
	}
	ok := func(who citizen, vals url.Values) {
		t.Helper()
		if p, msg := post(who, vals); p != page || msg != "" {
			t.Fatalf("%v by %s: back to %s with error %q", vals, who.Email, p, msg)
		}
	}
	refused := func(who citizen, vals url.Values, want string) {
		t.Helper()
		if _, msg := post(who, vals); !strings.Contains(msg, want) {
			t.Errorf("%v by %s: error %q, want one containing %q", vals, who.Email, msg, want)
		}
	}
	act := func(a string) url.Values { return url.Values{"action": {a}} }
	vote := func(c string) url.Values { return url.Values{"action": {"vote"}, "choice": {c}} }

	if res := e.form(path, "", act("arrive")); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a signed-out visitor arrives: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	for _, c := range append([]citizen{e.chair}, e.members[:3]...) {
		ok(c, act("arrive"))
	}
	refused(e.members[0], act("open"), "allowed only to commission_chair")
	refused(e.outsider, act("arrive"), "allowed only to commission_member")
	ok(e.chair, act("open"))
	ok(e.chair, url.Values{"action": {"open_item"}, "item": {"0"}})
	refused(e.members[0], vote("for"), "no vote is open")
	refused(e.members[0], act("open_vote"), "allowed only to commission_chair")
	ok(e.chair, act("open_vote"))
	refused(e.outsider, vote("for"), "allowed only to commission_member")
	refused(e.members[0], vote("maybe"), "maybe")
	ok(e.members[0], vote("against"))
	ok(e.members[0], vote("for"))
	ok(e.members[1], vote("for"))
	refused(e.members[1], act("close_vote"), "allowed only to commission_chair")
	ok(e.chair, act("close_vote"))
	refused(e.members[2], vote("for"), "no vote is open")

	v, err := e.st.Meeting(context.Background(), e.meeting)
	if err != nil {
		t.Fatal(err)
	}
	r := v.Agenda[0].Votes[0].Result
	if r == nil || r.Tally.For != 2 || r.Tally.Against != 0 || len(r.Ballots) != 2 || r.Adopted {
		t.Errorf("result = %+v", r)
	}
}

// TestAddMemberAPI: an administrator appoints one member over the API; the
// rules of the members' file apply, and nobody else may.
func TestAddMemberAPI(t *testing.T) {
	e := newCommissionEnv(t)
	admin := e.staff(t, "admin", identity.RoleAdministrator)
	c := e.register(t)
	path := "/api/v1/commissions/" + e.slug + "/members"
	body := func(email, position string) string {
		return fmt.Sprintf(`{"name":"Aigerim Sadykova","email":%q,"position":%q,"from":"2026-01-01","to":""}`, email, position)
	}
	if res := e.api("POST", path, c.Token, body(c.Email, "member")); res.StatusCode != http.StatusForbidden {
		t.Errorf("a citizen appoints: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", path, admin.Token, body(c.Email, "treasurer")); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "treasurer") {
		t.Errorf("an unknown position: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", path, admin.Token, body("nobody@example.kz", "member")); res.StatusCode < 400 || !strings.Contains(res.body, "nobody@example.kz") {
		t.Errorf("an address without an account: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("POST", path, admin.Token, body(c.Email, "member")); res.StatusCode != http.StatusCreated {
		t.Fatalf("appoint: %d %s", res.StatusCode, res.body)
	}
	ms, err := e.st.Members(context.Background(), e.slug)
	if err != nil || len(ms) != 6 {
		t.Errorf("members after the appointment: %d, %v", len(ms), err)
	}
	acc, err := e.st.Account(context.Background(), identity.AccountID(c.ID))
	if err != nil || !slices.Contains(acc.Roles, identity.RoleCommissionMember) {
		t.Errorf("the appointed account's roles: %v, %v", acc.Roles, err)
	}
}

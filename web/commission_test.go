package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"atazan/commission"
	"atazan/identity"
	"atazan/store"
)

// commissionEnv is a server with a commission of a chair and four members
// on the test charter's draft, a meeting scheduled on testNow's date, and an
// account that is not a member.
type commissionEnv struct {
	*consultEnv
	slug     string
	chair    citizen
	members  []citizen
	outsider citizen
	meeting  int64
}

func newCommissionEnv(t testing.TB) *commissionEnv {
	t.Helper()
	e := &commissionEnv{consultEnv: newConsultEnv(t, Config{}), slug: "commission"}
	ctx := context.Background()
	if _, err := e.st.CreateCommission(ctx, store.NewCommission{Slug: e.slug, Title: "Constitutional Commission", Charter: testSlug, Base: newLabel}, 0); err != nil {
		t.Fatal(err)
	}
	var ms []commission.Member
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		c := e.staff(t, fmt.Sprintf("member%d", i))
		pos := commission.Ordinary
		if i == 0 {
			pos, e.chair = commission.Chair, c
		} else {
			e.members = append(e.members, c)
		}
		ms = append(ms, commission.Member{Name: fmt.Sprintf("Member %d", i), Email: c.Email, Position: pos, From: from})
	}
	if _, err := e.st.AddMembers(ctx, e.slug, ms, nil, 0); err != nil {
		t.Fatal(err)
	}
	e.outsider = e.staff(t, "outsider", identity.RoleCitizen)
	am := `{"title":"Guarantees","ops":[{"op":"replace","unit":"art_1__para_1","text":"The state guarantees the rights of the person."}]}`
	res := e.api("POST", "/api/v1/commissions/"+e.slug+"/amendments", e.chair.Token, am)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("submit amendment: %d %s", res.StatusCode, res.body)
	}
	res = e.api("POST", "/api/v1/commissions/"+e.slug+"/meetings", e.chair.Token, `{"title":"First sitting","date":"2026-11-29","stream_url":"https://stream.example.kz/embed/1"}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("schedule: %d %s", res.StatusCode, res.body)
	}
	var v store.MeetingView
	json.Unmarshal([]byte(res.body), &v)
	e.meeting = v.ID
	res = e.act(e.chair, `{"action":"add_item","amendment":1}`)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("add item: %d %s", res.StatusCode, res.body)
	}
	return e
}

func (e *commissionEnv) act(who citizen, body string) response {
	return e.api("POST", fmt.Sprintf("/api/v1/meetings/%d/actions", e.meeting), who.Token, body)
}

// TestCommissionAPI runs a meeting over the JSON API while a viewer reads
// the live stream, and checks who may do what.
func TestCommissionAPI(t *testing.T) {
	e := newCommissionEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/meetings/%d/events", srv.URL, e.meeting), nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	events := make(chan liveEvent, 100)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev liveEvent
				if json.Unmarshal([]byte(data), &ev) == nil {
					events <- ev
				}
			}
		}
		close(events)
	}()
	if ev := <-events; ev.Meeting.Status != commission.Scheduled {
		t.Fatalf("first event: %+v", ev.Meeting)
	}

	code := func(res response) string { return errorOf(t, res).Code }
	ok := func(who citizen, body string) {
		t.Helper()
		if res := e.act(who, body); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", body, res.StatusCode, res.body)
		}
	}
	for _, m := range append([]citizen{e.chair}, e.members[:2]...) {
		ok(m, `{"action":"arrive"}`)
	}
	if c := code(e.act(e.members[0], `{"action":"open"}`)); c != "forbidden" {
		t.Errorf("a member opens the meeting: %s", c)
	}
	if c := code(e.act(e.outsider, `{"action":"arrive"}`)); c != "forbidden" {
		t.Errorf("a non-member arrives: %s", c)
	}
	if c := code(e.act(e.members[0], `{"action":"vote","choice":"for"}`)); c != "conflict" {
		t.Errorf("a vote with no vote open: %s", c)
	}
	ok(e.chair, `{"action":"open"}`)
	ok(e.chair, `{"action":"open_item","item":0}`)
	ok(e.chair, `{"action":"open_vote"}`)
	if c := code(e.act(e.outsider, `{"action":"vote","choice":"for"}`)); c != "forbidden" {
		t.Errorf("a non-member votes: %s", c)
	}
	if c := code(e.api("POST", fmt.Sprintf("/api/v1/meetings/%d/actions", e.meeting), "", `{"action":"vote","choice":"for"}`)); c != "unauthorized" && c != "forbidden" {
		t.Errorf("an anonymous vote: %s", c)
	}
	ok(e.members[0], `{"action":"vote","choice":"against"}`)
	ok(e.members[0], `{"action":"vote","choice":"for"}`)
	ok(e.members[1], `{"action":"vote","choice":"for"}`)
	if c := code(e.act(e.members[2], `{"action":"vote","choice":"for"}`)); c != "conflict" {
		t.Errorf("an absent member votes: %s", c)
	}
	if c := code(e.act(e.members[1], `{"action":"close_vote"}`)); c != "forbidden" {
		t.Errorf("a member closes the vote: %s", c)
	}
	ok(e.chair, `{"action":"close_vote"}`)
	if c := code(e.act(e.members[0], `{"action":"vote","choice":"against"}`)); c != "conflict" {
		t.Errorf("a vote after the close: %s", c)
	}
	// The viewer saw every change; the last one holds the adopted result with names.
	var last liveEvent
	deadline := time.After(10 * time.Second)
	for last.Meeting.Events < 11 { // add_item, 3 arrivals, open, open_item, open_vote, 3 votes, close_vote
		select {
		case ev := <-events:
			last = ev
		case <-deadline:
			t.Fatalf("the stream stopped at event %d", last.Meeting.Events)
		}
	}
	votes := last.Meeting.Agenda[0].Votes
	if len(votes) != 1 || !votes[0].Result.Adopted || votes[0].Tally.For != 2 || len(votes[0].Ballots) != 2 || votes[0].Ballots[0].Name != "Member 1" {
		t.Errorf("the last event's vote: %+v", votes)
	}
	res := e.do("GET", "/api/v1/commissions/"+e.slug, "")
	if !strings.Contains(res.body, `"status": "adopted"`) {
		t.Errorf("the commission after the vote: %s", res.body)
	}
	// Publishing the draft is the chair's.
	if c := code(e.api("POST", "/api/v1/commissions/"+e.slug+"/publish", e.members[0].Token, `{"label":"Draft of 2026-11-29"}`)); c != "forbidden" {
		t.Errorf("a member publishes: %s", c)
	}
	if res := e.api("POST", "/api/v1/commissions/"+e.slug+"/publish", e.chair.Token, `{"label":"Draft of 2026-11-29"}`); res.StatusCode != http.StatusCreated {
		t.Errorf("publish: %d %s", res.StatusCode, res.body)
	}
	// The public page is served with its script allowed and the player framed.
	page := e.page(fmt.Sprintf("/en/meetings/%d", e.meeting), "")
	if page.StatusCode != 200 || !strings.Contains(page.body, `<iframe`) || !strings.Contains(page.Header.Get("Content-Security-Policy"), "frame-src https://stream.example.kz") {
		t.Errorf("meeting page: %d %s", page.StatusCode, page.Header.Get("Content-Security-Policy"))
	}
}

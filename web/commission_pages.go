package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"atazan"
	"atazan/commission"
	"atazan/identity"
	"atazan/store"
)

// commissionPageNames are the commission's page templates.
var commissionPageNames = []string{"commission", "meeting"}

type commissionPage struct {
	page
	C *commissionText
	D commissionData
}

// commissionPage: GET /{lang}/commissions/{slug}.
func (s *Server) commissionPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	d, err := s.commissionData(r, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := commissionPage{page: s.newPage(r, lang, d.Commission.Title), C: commissionTexts[lang], D: d}
	s.render(w, r, http.StatusOK, "commission", &p)
}

type meetingPage struct {
	page
	C         *commissionText
	Ev        liveEvent
	Member    bool   // the reader is a member of this meeting
	Present   bool   // … and present
	Chair     bool   // the reader may run meetings (the rules decide whether now)
	MyVote    string // the reader's choice in the open vote
	StreamSrc string // the stream's player address, https only
	Error     string // the last action's error, after a form post
	Choices   []commission.Choice
}

// meetingPage: GET /{lang}/meetings/{id}, the live public page of a meeting,
// with the controls of members and the chair when one is signed in.
func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id", "meeting")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.commission.Meeting(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := meetingPage{page: s.newPage(r, lang, v.Title, link{Href: "/" + string(lang) + "/commissions/" + url.PathEscape(v.Commission), Label: v.Commission}),
		C: commissionTexts[lang], Ev: s.liveEvent(r, v), Error: r.URL.Query().Get("error"),
		Choices: []commission.Choice{commission.For, commission.Against, commission.Abstain}}
	if acc, err := s.currentAccount(r); err == nil && acc != nil {
		for _, m := range v.Members {
			if m.Account == acc.ID {
				p.Member, p.Present = true, m.Present
			}
		}
		p.Chair = p.Member && acc.Authorize(identity.ActManageMeeting) == nil
		if v.Vote != nil {
			for _, b := range v.Vote.Ballots {
				if b.Account == acc.ID {
					p.MyVote = string(b.Choice)
				}
			}
		}
	}
	csp := contentSecurityPolicy + "; script-src 'self'; connect-src 'self'"
	if u, err := url.Parse(v.StreamURL); err == nil && u.Scheme == "https" && u.Host != "" {
		p.StreamSrc = v.StreamURL
		csp += "; frame-src https://" + u.Host
	}
	w.Header().Set("Content-Security-Policy", strings.Replace(csp, "frame-ancestors 'none'", "frame-ancestors 'none'", 1))
	s.render(w, r, http.StatusOK, "meeting", &p)
}

// meetingActPost: POST /{lang}/meetings/{id}/act, the form of every action.
// It answers with a redirect to the meeting page, carrying the error if any.
func (s *Server) meetingActPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id", "meeting")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, err)
		return
	}
	a := store.MeetingAction{Kind: r.PostForm.Get("action"), Title: r.PostForm.Get("title"), Question: r.PostForm.Get("question"),
		Choice: commission.Choice(r.PostForm.Get("choice"))}
	if v := r.PostForm.Get("item"); v != "" {
		a.Item, _ = strconv.Atoi(v)
	}
	if v := r.PostForm.Get("amendment"); v != "" {
		a.Amendment, _ = strconv.ParseInt(v, 10, 64)
	}
	back := "/" + string(lang) + "/meetings/" + strconv.FormatInt(id, 10)
	if _, err := s.act(r, id, a); err != nil {
		e := classify(err)
		if e.Code == atazan.EInternal || e.Code == atazan.EUnauthorized {
			s.fail(w, r, err)
			return
		}
		back += "?error=" + url.QueryEscape(e.Message)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

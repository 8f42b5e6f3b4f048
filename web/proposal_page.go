package web

import (
	"atazan/store"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"atazan"
	"atazan/consult"
	"atazan/i18n"
	"atazan/identity"
)

// commentView is a comment as the proposal page shows it.
type commentView struct {
	ID       consult.CommentID
	Anchor   string
	Author   string
	Stance   string
	StanceID consult.Stance
	Lines    []string
	Hidden   bool
	Reason   string
	Date     string
	LogIndex int64
	LogHref  string
	Replies  []commentView
	History  []historyView
	Mine     bool
	CanReply bool
	Review   bool // the author may ask for a review
}

// historyView is a moderation decision: nothing vanishes without saying why,
// who decided (by role) and when.
type historyView struct {
	What    string
	Reason  string
	Note    string
	Date    string
	LogHref string
	Index   int64
}

type proposalPage struct {
	page
	form
	V          proposalView
	Me         *identity.Account
	Supported  bool
	CanSupport bool
	CanComment bool
	CanReview  bool
	Closed     string
	Comments   []commentView
	NComments  int
	History    []historyView
	Stances    []option
	Reasons    []option
	Reported   bool
	FormFor    string // "comment" or "reply-N": which form the errors belong to
	Back       string
	Fate       *fateView // nil before the proposal is clustered
	Similar    []proposalItem
}

func (s *Server) history(p *page, target consult.Target, id int64, r *http.Request) ([]historyView, error) {
	h, err := s.consult.ModerationHistory(r.Context(), target, id)
	if err != nil {
		return nil, err
	}
	var out []historyView
	for _, e := range h {
		v := historyView{Reason: reasonLabel(p.Lang, e.Reason), Note: e.Note, Date: p.Date(time.UnixMicro(e.At).UTC()), LogHref: logHref(p.Lang, e.LogIndex), Index: e.LogIndex}
		switch e.Action {
		case string(consult.EventHide):
			v.What = p.T.HiddenByModerator
		case string(consult.EventRestore):
			v.What = p.T.RestoredByModerator
		case string(consult.EventUphold):
			v.What = p.T.UpheldByModerator
		default:
			v.What, v.Reason, v.Note = p.T.ReviewRequestedByAuthor, "", ""
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *Server) proposalPage(w http.ResponseWriter, r *http.Request) {
	s.renderProposal(w, r, http.StatusOK, newForm(), "")
}

func (s *Server) renderProposal(w http.ResponseWriter, r *http.Request, status int, f form, formFor string) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	x, err := s.consult.Proposal(r.Context(), consult.ProposalID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	me, err := s.currentAccount(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := proposalPage{page: s.newPage(r, lang, ""), form: f, Me: me, FormFor: formFor, Reported: r.URL.Query().Get("reported") != ""}
	if p.V, err = s.viewProposal(r, &p.page, x); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Title = p.T.Sprintf(p.T.ProposalTitle, strconv.FormatInt(id, 10))
	p.Back = p.V.Href
	p.Crumbs = append(p.Crumbs, link{Href: p.V.C.Href, Label: p.V.C.Version}, link{Href: p.V.C.ProposalsHref, Label: p.T.ProposalsTitle})
	c, err := s.consult.Consultation(r.Context(), x.Consultation)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := c.CheckOpen(s.cfg.Clock()); err != nil {
		p.Closed = classify(err).Message
	}
	if me != nil {
		sup, err := s.consult.Supporting(r.Context(), me.ID, []consult.ProposalID{x.ID})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Supported = sup[x.ID]
		p.CanSupport = me.Authorize(identity.ActSupport) == nil && p.Closed == "" && (p.Supported || consult.CanSupport(x.Status) == nil)
		p.CanComment = me.Authorize(identity.ActComment) == nil && p.Closed == "" && consult.CanComment(x.Status) == nil
		p.CanReview = me.Authorize(identity.ActRequestReview) == nil && x.AuthorAccount == int64(me.ID) &&
			consult.CheckReviewRequest(true, x.ReviewRequested, x.Status == consult.StatusHidden) == nil
	}
	if p.History, err = s.history(&p.page, consult.TargetProposal, int64(x.ID), r); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Fate, err = s.fate(r, &p.page, x.ID); err == nil && p.Fate != nil {
		if p.Similar, err = s.similar(r, &p.page, p.Fate.Cluster, x.ID, 5); err == nil {
			p.Fate.Amendments, err = s.fateAmendments(r, &p.page, p.Fate.Cluster)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs, err := s.consult.Comments(r.Context(), x.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.NComments = len(cs)
	byID := map[consult.CommentID]int{}
	for _, c := range cs {
		v := commentView{ID: c.ID, Anchor: "comment-" + strconv.FormatInt(int64(c.ID), 10), Author: c.Author, Stance: stanceLabel(p.T, c.Stance), StanceID: c.Stance,
			Lines: lines(c.Text), Hidden: c.Status == consult.StatusHidden, Reason: reasonLabel(lang, string(c.HiddenReason)),
			Date: p.Date(c.CreatedAt), LogIndex: c.LogIndex, LogHref: logHref(lang, c.LogIndex)}
		if v.Hidden {
			if v.History, err = s.history(&p.page, consult.TargetComment, int64(c.ID), r); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		if me != nil {
			v.Mine = c.AuthorAccount == int64(me.ID)
			v.Review = v.Mine && me.Authorize(identity.ActRequestReview) == nil && consult.CheckReviewRequest(true, c.ReviewRequested, v.Hidden) == nil
		}
		if i, ok := byID[c.Parent]; ok && c.Parent != 0 {
			p.Comments[i].Replies = append(p.Comments[i].Replies, v)
			continue
		}
		v.CanReply = p.CanComment
		byID[c.ID] = len(p.Comments)
		p.Comments = append(p.Comments, v)
	}
	for _, st := range consult.Stances {
		p.Stances = append(p.Stances, option{string(st), stanceLabel(p.T, st), string(st) == f.Values["stance"] || (f.Values["stance"] == "" && st == consult.StanceNeutral)})
	}
	s.render(w, r, status, "proposal", &p)
}

// supportPost gives or withdraws a support from the proposal page's button.
func (s *Server) supportPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, _, _, err := s.support(r, consult.ProposalID(id), r.PostFormValue("action") == "withdraw"); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, proposalHref(lang, consult.ProposalID(id))+"#support", http.StatusSeeOther)
}

// commentPost adds a comment or a reply from the proposal page.
func (s *Server) commentPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := newForm()
	f.Values["stance"], f.Values["text"], f.Values["parent"] = r.PostFormValue("stance"), r.PostFormValue("text"), r.PostFormValue("parent")
	req := consult.CommentRequest{Proposal: consult.ProposalID(id), Stance: consult.Stance(f.Values["stance"]), Text: f.Values["text"]}
	formFor := "comment"
	if v := f.Values["parent"]; v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.fail(w, r, atazan.FieldErrorf("parent", "%q is not a comment ID", v))
			return
		}
		pid := consult.CommentID(n)
		req.Parent, formFor = &pid, "reply-"+v
	}
	c, err := s.comment(r, req)
	if err != nil {
		if code := atazan.ErrorCode(err); code == atazan.EInvalid || code == atazan.ETooLarge {
			f.add(err, "text")
			s.renderProposal(w, r, formStatus(err), f, formFor)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, proposalHref(lang, consult.ProposalID(id))+"#comment-"+strconv.FormatInt(int64(c.ID), 10), http.StatusSeeOther)
}

// targetForm reads target, id and note of a report or review form, and the
// proposal page to return to.
func targetForm(r *http.Request) (consult.Target, int64, string, string, error) {
	t := consult.Target(r.PostFormValue("target"))
	if err := t.Valid(); err != nil {
		return t, 0, "", "", err
	}
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		return t, 0, "", "", atazan.FieldErrorf("id", "%q is not an ID", r.PostFormValue("id"))
	}
	return t, id, r.PostFormValue("note"), r.PostFormValue("back"), nil
}

// reportPost reports a proposal or a comment to the moderators.
func (s *Server) reportPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	t, id, note, back, err := targetForm(r)
	if err == nil {
		err = s.report(r, consult.Report{Target: t, ID: id, Note: note})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, localPath(back, "/"+string(lang)+"/")+"?reported="+string(t)+"-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// reviewPost files the author's request for a review.
func (s *Server) reviewPost(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	t, id, note, back, err := targetForm(r)
	if err == nil {
		_, err = s.requestReview(r, consult.ReviewRequest{Target: t, ID: id, Note: note})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, localPath(back, "/"+string(lang)+"/account"), http.StatusSeeOther)
}

// queueItem is an item in the moderation queue.
type queueItem struct {
	Key      string
	Target   consult.Target
	ID       int64
	Title    string
	Href     string
	Lines    []string
	Reports  int
	Notes    []string
	Review   bool
	Status   string
	History  []historyView
	Err      string
	Reason   string
	Note     string
	Decision string
}

type moderationPage struct {
	page
	Items   []queueItem
	Reasons []option
	Done    bool
}

func (s *Server) moderationPage(w http.ResponseWriter, r *http.Request) {
	s.renderModeration(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderModeration(w http.ResponseWriter, r *http.Request, status int, errKey string, ferr error) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	if _, ok := s.requirePage(w, r, lang); !ok {
		return
	}
	if _, err := s.authorize(r, identity.ActModerate); err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := s.consult.ModerationQueue(r.Context(), 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := moderationPage{page: s.newPage(r, lang, i18n.Get(lang).ModerationTitle), Done: r.URL.Query().Get("done") != ""}
	for _, reason := range consult.Reasons {
		p.Reasons = append(p.Reasons, option{Value: string(reason), Label: reasonLabel(lang, string(reason)), Selected: r.PostFormValue("reason") == string(reason)})
	}
	for _, it := range q {
		v := queueItem{Key: string(it.Target) + "-" + strconv.FormatInt(it.ID, 10), Target: it.Target, ID: it.ID, Reports: it.Reports,
			Notes: it.Notes, Review: it.Review, Status: statusLabel(p.T, it.Status)}
		switch it.Target {
		case consult.TargetProposal:
			x, err := s.consult.Proposal(r.Context(), consult.ProposalID(it.ID))
			if err != nil {
				s.fail(w, r, err)
				return
			}
			v.Title, v.Href, v.Lines = p.T.Sprintf(p.T.ProposalTitle, strconv.FormatInt(it.ID, 10)), proposalHref(lang, x.ID), lines(x.Text)
		case consult.TargetComment:
			c, err := s.consult.Comment(r.Context(), consult.CommentID(it.ID))
			if err != nil {
				s.fail(w, r, err)
				return
			}
			v.Title = p.T.Sprintf(p.T.CommentTitle, strconv.FormatInt(it.ID, 10))
			v.Href, v.Lines = proposalHref(lang, c.Proposal)+"#comment-"+strconv.FormatInt(it.ID, 10), lines(c.Text)
		}
		if it.Status == consult.StatusHidden {
			// A moderator deciding a review must read what was hidden.
			text, err := s.consult.WithheldText(r.Context(), it.Target, it.ID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			v.Lines = lines(text)
		}
		if v.Review {
			if v.History, err = s.history(&p.page, it.Target, it.ID, r); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		if v.Key == errKey && ferr != nil {
			v.Err = classify(ferr).Error()
			v.Note, v.Reason, v.Decision = r.PostFormValue("note"), r.PostFormValue("reason"), r.PostFormValue("decision")
		}
		p.Items = append(p.Items, v)
	}
	s.render(w, r, status, "moderation", &p)
}

func (s *Server) moderationPost(w http.ResponseWriter, r *http.Request, act func(consult.Target, int64, string) error) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	t, id, note, _, err := targetForm(r)
	if err == nil {
		err = act(t, id, note)
	}
	if err != nil {
		if code := atazan.ErrorCode(err); code == atazan.EInvalid || code == atazan.EConflict {
			s.renderModeration(w, r, formStatus(err), string(t)+"-"+strconv.FormatInt(id, 10), err)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/"+string(lang)+"/moderation?done=1", http.StatusSeeOther)
}

func (s *Server) hidePost(w http.ResponseWriter, r *http.Request) {
	s.moderationPost(w, r, func(t consult.Target, id int64, note string) error {
		_, err := s.hide(r, consult.HideRequest{Target: t, ID: id, Reason: consult.Reason(r.PostFormValue("reason")), Note: note})
		return err
	})
}

func (s *Server) decidePost(w http.ResponseWriter, r *http.Request) {
	s.moderationPost(w, r, func(t consult.Target, id int64, note string) error {
		_, err := s.decide(r, consult.DecideRequest{Target: t, ID: id, Decision: consult.ReviewDecision(r.PostFormValue("decision")), Note: note})
		return err
	})
}

type searchPage struct {
	page
	C     consultationView
	Query string
	Hits  []searchHitView
	Total int64
	More  bool // Total is the count's cap: there may be more matches
	Err   string
}

type searchHitView struct {
	proposalItem
	Snippet template.HTML
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := searchPage{page: s.newPage(r, lang, "", link{Href: consultationHref(lang, c.ID), Label: c.Version}), Query: r.URL.Query().Get("q")}
	p.C = s.viewConsultation(r, &p.page, c)
	p.Title = p.T.SearchTitle
	status := http.StatusOK
	if p.Query != "" {
		hits, total, _, _, err := s.search(r, c.ID)
		if err != nil {
			if atazan.ErrorCode(err) != atazan.EInvalid {
				s.fail(w, r, err)
				return
			}
			p.Err, status = classify(err).Message, http.StatusBadRequest
		}
		p.Total, p.More = int64(total), total >= store.SearchCountCap
		for _, h := range hits {
			p.Hits = append(p.Hits, searchHitView{s.proposalItem(&p.page, h.Proposal), highlight(h.Snippet)})
		}
	}
	s.render(w, r, status, "search", &p)
}

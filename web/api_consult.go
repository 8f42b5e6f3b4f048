package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"

	"atazan"
	"atazan/charter"
	"atazan/consult"
	"atazan/identity"
	"atazan/store"
)

// decodeJSON reads exactly one JSON object into v. Unknown fields and values
// of the wrong type are invalid and name the field.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &mb):
			return err
		case errors.As(err, &te):
			return atazan.FieldErrorf(te.Field, "must be a JSON %s, not %s", te.Type.Kind(), te.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return atazan.FieldErrorf(f, "unknown field %q", f)
		case errors.Is(err, io.EOF):
			return atazan.Errorf(atazan.EInvalid, "the request body must be a JSON object")
		}
		return atazan.Errorf(atazan.EInvalid, "the request body is not valid JSON: %v", err)
	}
	if dec.More() {
		return atazan.Errorf(atazan.EInvalid, "the request body must be one JSON object")
	}
	return nil
}

// queryCount reads an optional whole number from the query.
func queryCount(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, atazan.FieldErrorf(name, "%q is not a whole number ≥ 0", v)
	}
	return n, nil
}

// pathID reads a numeric ID from the path.
func pathID(r *http.Request, name, what string) (int64, error) {
	v := r.PathValue(name)
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, atazan.Errorf(atazan.ENotFound, "there is no %s %q", what, v)
	}
	return n, nil
}

// apiRegister: POST /api/v1/accounts.
func (s *Server) apiRegister(w http.ResponseWriter, r *http.Request) {
	if err := s.allow(s.limits.register, s.clientAddr(r), "registrations from this address"); err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Name     string `json:"name"`
		IIN      string `json:"iin"`
		Region   string `json:"region"`
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	clean, errs, err := s.validateRegistration(identity.Registration{Name: in.Name, IIN: in.IIN, Region: in.Region, Email: in.Email, Password: in.Password})
	if err == nil && len(errs) > 0 {
		err = errs[0]
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, idx, err := s.register(r, clean)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]int64{"id": int64(acc.ID), "log_index": idx})
}

// apiToken: POST /api/v1/tokens.
func (s *Server) apiToken(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Login    string `json:"login"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.signIn(r, in.Login, in.Password)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tok, h := identity.NewToken()
	expires := s.cfg.Clock().Add(s.cfg.TokenTTL)
	if err := s.consult.CreateSession(r.Context(), h, acc.ID, kindAPI, expires); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": tok, "account": acc.ID, "expires_at": expires.UTC()})
}

// apiPropose: POST /api/v1/proposals.
func (s *Server) apiPropose(w http.ResponseWriter, r *http.Request) {
	acc, err := s.authorize(r, identity.ActPropose)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Consultation int64  `json:"consultation"`
		Unit         string `json:"unit"`
		Kind         string `json:"kind"`
		Text         string `json:"text"`
		Rationale    string `json:"rationale"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.allowSubmit(r, acc); err != nil {
		s.fail(w, r, err)
		return
	}
	p, created, err := s.consult.SubmitProposal(r.Context(), consult.Submission{Consultation: consult.ConsultationID(in.Consultation),
		Unit: in.Unit, Kind: consult.Kind(in.Kind), Text: in.Text, Rationale: in.Rationale}, acc.ID, "web")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"id": p.ID, "log_index": p.LogIndex, "created": created, "text_commit": p.TextCommit})
}

// apiProposal: GET /api/v1/proposals/{id}.
func (s *Server) apiProposal(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.consult.Proposal(r.Context(), consult.ProposalID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h, err := s.consult.ModerationHistory(r.Context(), consult.TargetProposal, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fate, err := s.proposalClusterJSON(r, p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		consult.Proposal
		Moderation []store.ModerationEntry `json:"moderation"`
		proposalClusterJSON
	}{p, nonNil(h), fate})
}

// proposalQuery reads the filters of a list of proposals from the query.
func proposalQuery(r *http.Request) (store.ProposalQuery, error) {
	q := r.URL.Query()
	var pq store.ProposalQuery
	if v := q.Get("consultation"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return pq, atazan.FieldErrorf("consultation", "%q is not a consultation ID", v)
		}
		pq.Consultation = consult.ConsultationID(n)
	}
	if q.Has("unit") {
		u := charter.UnitID(q.Get("unit"))
		pq.Unit = &u
	}
	if v := q.Get("kind"); v != "" {
		if err := consult.Kind(v).Valid(); err != nil {
			return pq, err
		}
		pq.Kind = consult.Kind(v)
	}
	if v := q.Get("lang"); v != "" {
		l, err := charter.ParseLang(v)
		if err != nil {
			return pq, atazan.FieldErrorf("lang", "%q is not kk, ru or en", v)
		}
		pq.Lang = l
	}
	pq.Region = q.Get("region")
	if v := q.Get("status"); v != "" {
		if !knownStatus(consult.Status(v)) {
			return pq, atazan.FieldErrorf("status", "unknown status %q", v)
		}
		pq.Status = consult.Status(v)
	}
	pq.Sort = q.Get("sort")
	var err error
	if pq.Limit, err = queryCount(r, "limit", 20); err != nil {
		return pq, err
	}
	if pq.Limit > 200 || pq.Limit == 0 {
		return pq, atazan.FieldErrorf("limit", "must be 1 to 200")
	}
	if pq.Offset, err = queryCount(r, "offset", 0); err != nil {
		return pq, err
	}
	return pq, nil
}

// statuses are the statuses of a proposal, in the order filters show them.
var statuses = []consult.Status{consult.StatusSubmitted, consult.StatusUnderReview, consult.StatusMerged,
	consult.StatusAccepted, consult.StatusPartiallyAccepted, consult.StatusRejected, consult.StatusHidden}

func knownStatus(st consult.Status) bool {
	for _, x := range statuses {
		if x == st {
			return true
		}
	}
	return false
}

// apiProposals: GET /api/v1/proposals.
func (s *Server) apiProposals(w http.ResponseWriter, r *http.Request) {
	pq, err := proposalQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ps, total, err := s.consult.Proposals(r.Context(), pq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "limit": pq.Limit, "offset": pq.Offset, "proposals": nonNil(ps)})
}

// support gives or withdraws the account's support after every check.
func (s *Server) support(r *http.Request, id consult.ProposalID, withdraw bool) (consult.Proposal, bool, int64, error) {
	acc, err := s.authorize(r, identity.ActSupport)
	if err != nil {
		return consult.Proposal{}, false, 0, err
	}
	if err := s.allowSubmit(r, acc); err != nil {
		return consult.Proposal{}, false, 0, err
	}
	return s.consult.Support(r.Context(), id, acc.ID, withdraw)
}

// apiSupport: POST and DELETE /api/v1/proposals/{id}/support.
func (s *Server) apiSupport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	withdraw := r.Method == http.MethodDelete
	p, changed, idx, err := s.support(r, consult.ProposalID(id), withdraw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := map[string]any{"id": p.ID, "supports": p.Supports, "supported": !withdraw, "changed": changed}
	status := http.StatusOK
	if changed {
		out["log_index"] = idx
		if !withdraw {
			status = http.StatusCreated
		}
	}
	writeJSON(w, status, out)
}

// apiComments: GET /api/v1/proposals/{id}/comments.
func (s *Server) apiComments(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.consult.Proposal(r.Context(), consult.ProposalID(id)); err != nil {
		s.fail(w, r, err)
		return
	}
	cs, err := s.consult.Comments(r.Context(), consult.ProposalID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"comments": nonNil(cs)})
}

// comment adds a comment after every check.
func (s *Server) comment(r *http.Request, req consult.CommentRequest) (consult.Comment, error) {
	acc, err := s.authorize(r, identity.ActComment)
	if err != nil {
		return consult.Comment{}, err
	}
	// The store refuses a comment outside the consultation's dates.
	if err := s.allowSubmit(r, acc); err != nil {
		return consult.Comment{}, err
	}
	return s.consult.AddComment(r.Context(), req, acc.ID)
}

// apiComment: POST /api/v1/proposals/{id}/comments.
func (s *Server) apiComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "proposal")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Stance string `json:"stance"`
		Text   string `json:"text"`
		Parent int64  `json:"parent"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	req := consult.CommentRequest{Proposal: consult.ProposalID(id), Stance: consult.Stance(in.Stance), Text: in.Text}
	if in.Parent != 0 {
		p := consult.CommentID(in.Parent)
		req.Parent = &p
	}
	c, err := s.comment(r, req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

type targetInput struct {
	Target string `json:"target"`
	ID     int64  `json:"id"`
	Note   string `json:"note"`
}

// report files a report after every check.
func (s *Server) report(r *http.Request, rep consult.Report) error {
	acc, err := s.authorize(r, identity.ActReport)
	if err != nil {
		return err
	}
	if err := s.allowSubmit(r, acc); err != nil {
		return err
	}
	return s.consult.Report(r.Context(), rep, acc.ID)
}

// apiReport: POST /api/v1/reports.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	var in targetInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.report(r, consult.Report{Target: consult.Target(in.Target), ID: in.ID, Note: in.Note}); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"target": in.Target, "id": in.ID, "reported": true})
}

// hide hides an item after every check.
func (s *Server) hide(r *http.Request, req consult.HideRequest) (int64, error) {
	acc, err := s.authorize(r, identity.ActModerate)
	if err != nil {
		return 0, err
	}
	req, err = req.Validate()
	if err != nil {
		return 0, err
	}
	return s.consult.Moderate(r.Context(), consult.EventHide, req.Target, req.ID, req.Reason, req.Note, acc.ID)
}

// decide decides a review after every check.
func (s *Server) decide(r *http.Request, req consult.DecideRequest) (int64, error) {
	acc, err := s.authorize(r, identity.ActModerate)
	if err != nil {
		return 0, err
	}
	req, err = req.Validate()
	if err != nil {
		return 0, err
	}
	return s.consult.Moderate(r.Context(), req.Decision.Event(), req.Target, req.ID, "", req.Note, acc.ID)
}

// apiHide: POST /api/v1/moderation/hide.
func (s *Server) apiHide(w http.ResponseWriter, r *http.Request) {
	var in struct {
		targetInput
		Reason string `json:"reason"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	idx, err := s.hide(r, consult.HideRequest{Target: consult.Target(in.Target), ID: in.ID, Reason: consult.Reason(in.Reason), Note: in.Note})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"target": in.Target, "id": in.ID, "status": consult.StatusHidden, "log_index": idx})
}

// apiDecide: POST /api/v1/moderation/decide.
func (s *Server) apiDecide(w http.ResponseWriter, r *http.Request) {
	var in struct {
		targetInput
		Decision string `json:"decision"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	idx, err := s.decide(r, consult.DecideRequest{Target: consult.Target(in.Target), ID: in.ID, Decision: consult.ReviewDecision(in.Decision), Note: in.Note})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st := consult.StatusHidden
	if in.Decision == string(consult.ReviewRestore) {
		st = consult.StatusSubmitted
	}
	writeJSON(w, http.StatusOK, map[string]any{"target": in.Target, "id": in.ID, "status": st, "log_index": idx})
}

// apiModerationQueue: GET /api/v1/moderation/queue.
func (s *Server) apiModerationQueue(w http.ResponseWriter, r *http.Request) {
	if _, err := s.authorize(r, identity.ActModerate); err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := s.consult.ModerationQueue(r.Context(), 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(q)})
}

// requestReview files the author's one request for a review.
func (s *Server) requestReview(r *http.Request, req consult.ReviewRequest) (int64, error) {
	acc, err := s.authorize(r, identity.ActRequestReview)
	if err != nil {
		return 0, err
	}
	return s.consult.RequestReview(r.Context(), req, acc.ID)
}

// apiReview: POST /api/v1/reviews.
func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	var in targetInput
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	idx, err := s.requestReview(r, consult.ReviewRequest{Target: consult.Target(in.Target), ID: in.ID, Note: in.Note})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"target": in.Target, "id": in.ID, "log_index": idx})
}

// consultationJSON is a consultation as the API shows it.
type consultationJSON struct {
	ID       consult.ConsultationID `json:"id"`
	Charter  string                 `json:"charter"`
	Version  string                 `json:"version"`
	From     consult.Date           `json:"from"`
	To       consult.Date           `json:"to"`
	TimeZone string                 `json:"time_zone"`
	Open     bool                   `json:"open"`
	Counts   *countsJSON            `json:"proposals,omitempty"`
}

type countsJSON struct {
	Total              int                    `json:"total"`
	Shown              int                    `json:"shown"`
	HiddenByModeration int                    `json:"hidden_by_moderation"`
	ByStatus           map[consult.Status]int `json:"by_status"`
}

func (s *Server) consultationJSON(r *http.Request, c consult.Consultation, counts bool) (consultationJSON, error) {
	out := consultationJSON{ID: c.ID, Charter: c.Charter, Version: c.Version, From: c.From, To: c.To, TimeZone: c.Location.String(), Open: c.IsOpen(s.cfg.Clock())}
	if counts {
		byStatus, err := s.consult.StatusCounts(r.Context(), c.ID)
		if err != nil {
			return out, err
		}
		t := consult.Count(byStatus)
		out.Counts = &countsJSON{Total: t.Total, Shown: t.Shown, HiddenByModeration: t.HiddenByModeration, ByStatus: t.ByStatus}
		if out.Counts.ByStatus == nil {
			out.Counts.ByStatus = map[consult.Status]int{}
		}
	}
	return out, nil
}

// apiConsultations: GET /api/v1/consultations.
func (s *Server) apiConsultations(w http.ResponseWriter, r *http.Request) {
	cs, err := s.consult.Consultations(r.Context(), "", "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []consultationJSON{}
	for _, c := range cs {
		j, err := s.consultationJSON(r, c, false)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, map[string]any{"consultations": out})
}

// apiConsultation: GET /api/v1/consultations/{id}.
func (s *Server) apiConsultation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "consultation")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.consult.Consultation(r.Context(), consult.ConsultationID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	j, err := s.consultationJSON(r, c, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, j)
}

// highlight escapes a search snippet for HTML and turns the store's match
// markers into <mark> elements.
func highlight(snippet string) template.HTML {
	h := template.HTMLEscapeString(snippet)
	h = strings.ReplaceAll(h, store.MarkStart, "<mark>")
	h = strings.ReplaceAll(h, store.MarkEnd, "</mark>")
	return template.HTML(h)
}

// plainSnippet removes the match markers.
func plainSnippet(snippet string) string {
	return strings.NewReplacer(store.MarkStart, "", store.MarkEnd, "").Replace(snippet)
}

// search reads the consultation, q, limit and offset of a search.
func (s *Server) search(r *http.Request, id consult.ConsultationID) ([]store.SearchHit, int, int, int, error) {
	limit, err := queryCount(r, "limit", 20)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	offset, err := queryCount(r, "offset", 0)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	hits, total, err := s.consult.SearchProposals(r.Context(), id, r.URL.Query().Get("q"), limit, offset)
	return hits, total, limit, offset, err
}

// apiSearch: GET /api/v1/search.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("consultation")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, atazan.FieldErrorf("consultation", "give the consultation's ID, e.g. consultation=1"))
		return
	}
	hits, total, _, _, err := s.search(r, consult.ConsultationID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type hitJSON struct {
		Proposal    consult.Proposal `json:"proposal"`
		Snippet     string           `json:"snippet"`
		SnippetHTML template.HTML    `json:"snippet_html"`
	}
	out := []hitJSON{}
	for _, h := range hits {
		out = append(out, hitJSON{h.Proposal, plainSnippet(h.Snippet), highlight(h.Snippet)})
	}
	// "more" says the count stopped at its cap: there are at least "total" matches.
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "more": total >= store.SearchCountCap, "hits": out})
}

// apiExport: GET /api/v1/export/proposals.csv and proposals.jsonl.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	var format, ctype string
	switch r.PathValue("file") {
	case "proposals.csv":
		format, ctype = "csv", "text/csv; charset=utf-8"
	case "proposals.jsonl":
		format, ctype = "jsonl", "application/jsonl; charset=utf-8"
	default:
		s.notFound(w, r)
		return
	}
	var id consult.ConsultationID
	if v := r.URL.Query().Get("consultation"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			s.fail(w, r, atazan.FieldErrorf("consultation", "%q is not a consultation ID", v))
			return
		}
		if _, err := s.consult.Consultation(r.Context(), consult.ConsultationID(n)); err != nil {
			s.fail(w, r, err)
			return
		}
		id = consult.ConsultationID(n)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, r.PathValue("file")))
	w.Header().Set("Access-Control-Allow-Origin", "*")
	x, err := consult.NewExporter(w, format)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	n := 0
	err = s.consult.ExportProposals(r.Context(), id, func(p consult.Proposal) error {
		if err := x.Write(p); err != nil {
			return err
		}
		if n++; n%1000 == 0 {
			if err := x.Flush(); err != nil {
				return err
			}
			rc.Flush()
		}
		return nil
	})
	if err == nil {
		err = x.Flush()
	}
	if err != nil {
		// The status is sent; the truncated body is all a client can be told.
		s.log.Error("export proposals", "err", err)
	}
}

// apiOpenConsultation: POST /api/v1/consultations (administrators).
func (s *Server) apiOpenConsultation(w http.ResponseWriter, r *http.Request) {
	acc, err := s.authorize(r, identity.ActOpenConsultation)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Charter  string `json:"charter"`
		Version  string `json:"version"`
		From     string `json:"from"`
		To       string `json:"to"`
		TimeZone string `json:"time_zone"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	c, idx, err := s.consult.OpenConsultation(r.Context(), consult.OpenRequest{Charter: in.Charter, Version: in.Version, From: in.From, To: in.To, TimeZone: in.TimeZone}, acc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": c.ID, "log_index": idx})
}

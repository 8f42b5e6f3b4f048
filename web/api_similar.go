package web

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"atazan"
	"atazan/charter"
	"atazan/consult"
	"atazan/i18n"
)

// minSimilarText is the shortest text worth looking up: fewer characters
// match everything and nothing.
const minSimilarText = 30

// similarJSON is one proposal of the cluster a draft would join.
type similarJSON struct {
	ID       consult.ProposalID `json:"id"`
	Text     string             `json:"text"`
	Supports int                `json:"supports"`
	Href     string             `json:"href"`
}

// apiSimilar: GET /api/v1/consultations/{id}/similar?unit=U&text=T&lang=L
// answers, while a citizen writes, which cluster the text would join if
// submitted now, with a few of its proposals, so that they may support an
// existing proposal instead of repeating it. It stores nothing and never
// blocks a submission. A text shorter than 30 characters gets no cluster.
// Lookups are limited per address (identity.Limits.LookupPerAddr).
func (s *Server) apiSimilar(w http.ResponseWriter, r *http.Request) {
	if err := s.allow(s.limits.lookupAddr, s.clientAddr(r), "lookups of similar proposals from this address"); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("text"))
	switch {
	case !utf8.ValidString(text):
		s.fail(w, r, atazan.FieldErrorf("text", "is not valid UTF-8"))
		return
	case utf8.RuneCountInString(text) > consult.MaxTextChars:
		s.fail(w, r, &atazan.Error{Code: atazan.ETooLarge, Field: "text", Message: fmt.Sprintf("is over the limit of %d characters", consult.MaxTextChars)})
		return
	}
	lang := requestLang(r)
	if l, ok := i18n.Parse(q.Get("lang")); ok {
		lang = l
	}
	out := map[string]any{"cluster": nil, "proposals": []similarJSON{}}
	if utf8.RuneCountInString(text) >= minSimilarText {
		cl, ps, err := s.consult.SimilarProposals(r.Context(), c.ID, charter.UnitID(q.Get("unit")), text, 5)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if cl.ID != 0 {
			out["cluster"], out["size"], out["campaign"], out["decision"], out["reason"] = cl.ID, cl.Size, cl.Campaign, cl.Decision, cl.Reason
			list := make([]similarJSON, 0, len(ps))
			for _, p := range ps {
				list = append(list, similarJSON{ID: p.ID, Text: p.Text, Supports: p.Supports, Href: fmt.Sprintf("/%s/proposals/%d", lang, p.ID)})
			}
			out["proposals"] = list
		}
	}
	writeAPI(w, out)
}

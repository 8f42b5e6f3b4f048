package web

import (
	"fmt"
	"net/http"
	"strconv"

	"atazan"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/i18n"
	"atazan/store"
)

// decisionLabel is the wording of a decision in the page's language.
func decisionLabel(t *i18n.Catalog, d consolidate.Decision) string {
	switch d {
	case consolidate.Accepted:
		return t.DecisionAccepted
	case consolidate.Partly:
		return t.DecisionPartly
	case consolidate.Rejected:
		return t.DecisionRejected
	case consolidate.OutOfScope:
		return t.DecisionOutOfScope
	}
	return t.NoDecisionYet
}

// fateView is what became of a proposal, as its author and everyone else
// see it: the cluster it is in now, the cluster's size, the decision on the
// cluster with its reason, and the amendment that answers it.
type fateView struct {
	Cluster      consolidate.ClusterID
	ClusterText  string // "cluster 12"
	Size         string // "5 proposals"
	Campaign     string // "Campaign: 1,234 near-identical proposals", "" for none
	Decided      bool
	DecisionCode consolidate.Decision
	Decision     string
	Reason       []string
	WorkingGroup string
	Amendment    string
	LogIndex     int64 // the cluster's last record
	LogHref      string
	Amendments   []fateAmendment // the commission's amendments that answer the cluster (proposal page only)
}

// fateAmendment is an amendment that answers a proposal's cluster, and the
// vote that followed.
type fateAmendment struct {
	Title, Href   string
	Status        string // the amendment's status in the page's language
	Vote          string // "For 80 · Against 20 · Abstain 5: Adopted", "" before any vote
	Meeting, Link string // the meeting of the vote and its page
}

// fateAmendments lists the amendments that answer cluster c.
func (s *Server) fateAmendments(r *http.Request, p *page, c consolidate.ClusterID) ([]fateAmendment, error) {
	fs, err := s.consult.ClusterAmendments(r.Context(), c)
	if err != nil {
		return nil, err
	}
	ct := commissionTexts[p.Lang]
	var out []fateAmendment
	for _, f := range fs {
		out = append(out, newFateAmendment(p, ct, f))
	}
	return out, nil
}

// newFateAmendment is an amendment with its status and its last vote, in the page's language.
func newFateAmendment(p *page, ct *commissionText, f store.AmendmentFate) fateAmendment {
	a := fateAmendment{Title: f.Amendment.Title, Href: "/api/v1/amendments/" + strconv.FormatInt(f.Amendment.ID, 10),
		Status: amendmentStatus(ct, f.Amendment.Status)}
	if f.Vote != nil && f.Vote.Result != nil {
		t, verdict := f.Vote.Result.Tally, ct.NotAdopted
		if f.Vote.Result.Adopted {
			verdict = ct.Adopted
		}
		a.Vote = fmt.Sprintf("%s %d · %s %d · %s %d: %s", ct.For, t.For, ct.Against, t.Against, ct.Abstain, t.Abstain, verdict)
		a.Meeting, a.Link = f.Meeting.Title, fmt.Sprintf("/%s/meetings/%d", p.Lang, f.Meeting.ID)
	}
	return a
}

func amendmentStatus(ct *commissionText, status string) string {
	switch status {
	case store.AmendmentAdopted:
		return ct.Adopted
	case store.AmendmentRejected:
		return ct.NotAdopted
	case store.AmendmentRedraft:
		return ct.ToRedraft
	}
	return ct.Waiting
}

// fate returns the fate of proposal id, or nil when it is in no cluster yet.
func (s *Server) fate(r *http.Request, p *page, id consult.ProposalID) (*fateView, error) {
	c, err := s.consult.ProposalCluster(r.Context(), id)
	if atazan.ErrorCode(err) == atazan.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return newFateView(p, c), nil
}

func newFateView(p *page, c consolidate.Cluster) *fateView {
	v := &fateView{Cluster: c.ID, ClusterText: p.T.Sprintf(p.T.ClusterOf, strconv.FormatInt(int64(c.ID), 10)),
		Size: p.T.Count(p.T.ProposalsCount, c.Size), Decided: c.Decision != consolidate.Pending, DecisionCode: c.Decision,
		Decision: decisionLabel(p.T, c.Decision), Reason: lines(c.Reason), WorkingGroup: c.WorkingGroup, Amendment: c.Amendment,
		LogIndex: c.LastLogIndex, LogHref: logHref(p.Lang, c.LastLogIndex)}
	if c.Campaign {
		v.Campaign = p.T.Count(p.T.CampaignCount, c.Size)
	}
	return v
}

// similar returns up to n other proposals of cluster c that moderation has
// not hidden, most supported first.
func (s *Server) similar(r *http.Request, p *page, c consolidate.ClusterID, self consult.ProposalID, n int) ([]proposalItem, error) {
	ps, _, err := s.consult.Proposals(r.Context(), store.ProposalQuery{Cluster: c, Sort: "supported", Limit: n + 8})
	if err != nil {
		return nil, err
	}
	var out []proposalItem
	for _, x := range ps {
		if x.ID == self || x.Status == consult.StatusHidden {
			continue
		}
		if out = append(out, s.proposalItem(p, x)); len(out) == n {
			break
		}
	}
	return out, nil
}

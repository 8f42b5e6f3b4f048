package web

import (
	"net/http"

	"atazan"
	"atazan/charter"
	"atazan/consolidate"
	"atazan/consult"
	"atazan/store"
)

// clusterJSON is a cluster as the API shows it. Every field is always
// present: an empty decision means none is recorded yet, and merged_into is
// null for a cluster that stands on its own.
type clusterJSON struct {
	ID             consolidate.ClusterID  `json:"id"`
	Consultation   consult.ConsultationID `json:"consultation"`
	Unit           charter.UnitID         `json:"unit"`
	Representative consult.ProposalID     `json:"representative"`
	Text           string                 `json:"text"`
	Size           int                    `json:"size"`
	Visible        int                    `json:"visible"`
	Supports       int                    `json:"supports"`
	Campaign       bool                   `json:"campaign"`
	Decision       consolidate.Decision   `json:"decision"`
	Reason         string                 `json:"reason"`
	WorkingGroup   string                 `json:"working_group"`
	Amendment      string                 `json:"amendment"`
	MergedInto     *consolidate.ClusterID `json:"merged_into"`
	LastLogIndex   int64                  `json:"last_log_index"`
}

func newClusterJSON(c consolidate.Cluster) clusterJSON {
	j := clusterJSON{ID: c.ID, Consultation: c.Consultation, Unit: c.Unit, Representative: c.Representative, Text: c.Text,
		Size: c.Size, Visible: c.Visible, Supports: c.Supports, Campaign: c.Campaign, Decision: c.Decision, Reason: c.Reason,
		WorkingGroup: c.WorkingGroup, Amendment: c.Amendment, LastLogIndex: c.LastLogIndex}
	if c.MergedInto != 0 {
		m := c.MergedInto
		j.MergedInto = &m
	}
	return j
}

// clusterQuery reads the filters of a list of clusters from the query.
func clusterQuery(r *http.Request, c consult.ConsultationID) (store.ClusterQuery, error) {
	q := r.URL.Query()
	cq := store.ClusterQuery{Consultation: c, Article: q.Get("article"), Sort: q.Get("sort")}
	if q.Has("unit") {
		u := charter.UnitID(q.Get("unit"))
		cq.Unit = &u
	}
	switch cq.Sort {
	case "", "size", "supports":
	default:
		return cq, atazan.FieldErrorf("sort", "unknown sort %q: size or supports", cq.Sort)
	}
	var err error
	if cq.Limit, err = queryCount(r, "limit", 50); err != nil {
		return cq, err
	}
	if cq.Limit == 0 || cq.Limit > 1000 {
		return cq, atazan.FieldErrorf("limit", "must be 1 to 1000")
	}
	if cq.Offset, err = queryCount(r, "offset", 0); err != nil {
		return cq, err
	}
	return cq, nil
}

// apiClusters: GET /api/v1/consultations/{id}/clusters.
func (s *Server) apiClusters(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadConsultation(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cq, err := clusterQuery(r, c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs, err := s.consult.Clusters(r.Context(), cq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []clusterJSON{}
	for _, cl := range cs {
		out = append(out, newClusterJSON(cl))
	}
	sort := cq.Sort
	if sort == "" {
		sort = "size"
	}
	writeAPI(w, map[string]any{"consultation": c.ID, "sort": sort, "limit": cq.Limit, "offset": cq.Offset, "clusters": out})
}

// memberJSON is a proposal of a cluster: its number and status (the texts
// are at /api/v1/proposals/{id}, withheld there when hidden).
type memberJSON struct {
	ID     consult.ProposalID `json:"id"`
	Status consult.Status     `json:"status"`
}

// apiCluster: GET /api/v1/clusters/{id}, with its members and breakdowns.
func (s *Server) apiCluster(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id", "cluster")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.consult.ClusterDetail(r.Context(), consolidate.ClusterID(id))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	members := []memberJSON{}
	for _, m := range v.Members {
		members = append(members, memberJSON{m.ID, m.Status})
	}
	b := v.Breakdown
	b.Regions, b.Langs, b.Days = nonNil(b.Regions), nonNil(b.Langs), nonNil(b.Days)
	writeAPI(w, struct {
		clusterJSON
		Breakdown consolidate.Breakdown `json:"breakdown"`
		Members   []memberJSON          `json:"members"`
	}{newClusterJSON(v.Cluster), b, members})
}

// proposalClusterJSON is the fate of a proposal in GET /api/v1/proposals/{id}:
// the cluster it is in now (null before clustering), the cluster's size and
// the decision on it ("" while none is recorded).
type proposalClusterJSON struct {
	Cluster          *consolidate.ClusterID `json:"cluster"`
	ClusterSize      int                    `json:"cluster_size"`
	ClusterCampaign  bool                   `json:"cluster_campaign"`
	ClusterDecision  consolidate.Decision   `json:"cluster_decision"`
	ClusterReason    string                 `json:"cluster_reason"`
	ClusterAmendment string                 `json:"cluster_amendment"`
}

func (s *Server) proposalClusterJSON(r *http.Request, id consult.ProposalID) (proposalClusterJSON, error) {
	c, err := s.consult.ProposalCluster(r.Context(), id)
	if atazan.ErrorCode(err) == atazan.ENotFound {
		return proposalClusterJSON{}, nil
	}
	if err != nil {
		return proposalClusterJSON{}, err
	}
	return proposalClusterJSON{Cluster: &c.ID, ClusterSize: c.Size, ClusterCampaign: c.Campaign, ClusterDecision: c.Decision,
		ClusterReason: c.Reason, ClusterAmendment: c.Amendment}, nil
}

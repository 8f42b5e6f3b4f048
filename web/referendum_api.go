package web

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"atazan"
	"atazan/identity"
	"atazan/referendum"
	"atazan/store"
)

// apiReferendum is a referendum in the JSON API.
type apiReferendum struct {
	ID          referendum.ID      `json:"id"`
	Slug        string             `json:"slug"`
	Questions   map[string]string  `json:"questions"`
	Charter     string             `json:"charter"`
	Version     string             `json:"version"`
	VersionHash string             `json:"version_hash"`
	Date        string             `json:"date"`
	Rules       string             `json:"rules"`
	Form        []string           `json:"form"`
	Precincts   int                `json:"precincts"`
	LogIndex    int64              `json:"log_index"`
	Declared    *store.Declaration `json:"declared"`
}

func toAPIReferendum(r store.Referendum) apiReferendum {
	return apiReferendum{ID: r.ID, Slug: r.Slug, Questions: r.Questions, Charter: r.Charter, Version: r.Version,
		VersionHash: r.VersionHash, Date: r.Date.String(), Rules: r.Rules, Form: r.ProtocolForm().Names(),
		Precincts: r.Precincts, LogIndex: r.LogIndex, Declared: r.Declared}
}

func (s *Server) apiReferendums(w http.ResponseWriter, r *http.Request) {
	rs := s.referendums()
	if rs == nil {
		s.notFound(w, r)
		return
	}
	refs, err := rs.Referendums(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []apiReferendum{}
	for _, ref := range refs {
		out = append(out, toAPIReferendum(ref))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiReferendum(w http.ResponseWriter, r *http.Request) {
	_, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIReferendum(ref))
}

// apiResults is a result as the API serves it: the fields of
// "atazan referendum results --json", whether it is declared, and the
// index of the last log record that changed the count.
type apiResults struct {
	referendum.Result
	Declared     bool  `json:"declared"`
	LastLogIndex int64 `json:"last_log_index"`
}

func (s *Server) apiReferendumResults(w http.ResponseWriter, r *http.Request) {
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := rs.Results(r.Context(), ref.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	last, err := rs.ReferendumLastLogIndex(r.Context(), ref.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiResults{Result: res, Declared: ref.Declared != nil, LastLogIndex: last})
}

// apiTotals are an area's totals in the API: the sum of every protocol
// field, the precincts reported and the registered voters they cover.
type apiTotals struct {
	Num       int              `json:"num"`
	Code      string           `json:"code"`
	Region    *int             `json:"region,omitempty"` // a district's region
	Abroad    bool             `json:"abroad,omitempty"`
	Sums      map[string]int64 `json:"sums"`
	Precincts int64            `json:"precincts"`
	Covered   int64            `json:"covered"`
}

func sumsJSON(t referendum.Totals) map[string]int64 {
	m := make(map[string]int64, referendum.NumFields)
	for f := range referendum.NumFields {
		m[f.String()] = t.Sum[f]
	}
	return m
}

// areaTotals lists the regions ("r") or districts ("d") with their totals.
func (s *Server) areaTotals(r *http.Request, rs ReferendumStore, ref store.Referendum, level string) ([]apiTotals, error) {
	st, err := rs.Structure(r.Context(), ref.ID)
	if err != nil {
		return nil, err
	}
	all, err := rs.ReferendumTotals(r.Context(), ref.ID, level)
	if err != nil {
		return nil, err
	}
	out := []apiTotals{}
	for _, a := range all {
		t := apiTotals{Num: a.Num, Sums: sumsJSON(a.Totals), Precincts: a.Totals.Precincts, Covered: a.Totals.Covered}
		switch {
		case level == "r" && a.Num < len(st.Regions):
			t.Code, t.Abroad = st.Regions[a.Num].Code, st.Regions[a.Num].Abroad
		case level == "d" && a.Num < len(st.Districts):
			reg := int(st.Districts[a.Num].Region)
			t.Code, t.Region = st.Districts[a.Num].Code, &reg
		default:
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

func (s *Server) apiReferendumAreas(level string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rs, ref, err := s.loadReferendum(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out, err := s.areaTotals(r, rs, ref, level)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// apiRevision is an accepted revision of a protocol.
type apiRevision struct {
	Revision   int                 `json:"revision"`
	Reason     string              `json:"reason"`
	Protocol   referendum.Protocol `json:"protocol"`
	Warnings   []string            `json:"warnings"`
	Actor      string              `json:"actor"`
	AcceptedAt time.Time           `json:"accepted_at"`
	LogIndex   int64               `json:"log_index"`
}

type apiPrecinct struct {
	Num        int           `json:"num"`
	Region     string        `json:"region"`
	District   string        `json:"district"`
	Code       string        `json:"code"`
	Registered int64         `json:"registered"`
	Revisions  []apiRevision `json:"revisions"` // oldest first; the last is counted
}

func (s *Server) apiReferendumPrecinct(w http.ResponseWriter, r *http.Request) {
	rs, ref, st, num, err := s.loadArea(r, "precinct")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	revs, err := rs.PrecinctRevisions(r.Context(), ref.ID, referendum.PrecinctID(num))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := st.Precincts[num]
	out := apiPrecinct{Num: num, Region: st.Regions[p.Region].Code, District: st.Districts[p.District].Code, Code: p.Code,
		Registered: p.Registered, Revisions: []apiRevision{}}
	for _, sr := range revs {
		out.Revisions = append(out.Revisions, apiRevision{Revision: sr.Revision.Number, Reason: sr.Revision.Reason, Protocol: sr.Revision.Protocol,
			Warnings: nonNil(sr.Warnings), Actor: string(sr.Actor), AcceptedAt: sr.AcceptedAt, LogIndex: sr.LogIndex})
	}
	writeJSON(w, http.StatusOK, out)
}

// apiRejected is the answer to a protocol that is not accepted: the error
// and every control relation it fails.
type apiRejected struct {
	Error      apiErrorBody           `json:"error"`
	Violations []referendum.Violation `json:"violations"`
}

func (s *Server) apiSubmitProtocol(w http.ResponseWriter, r *http.Request) {
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.authorize(r, identity.ActEnterProtocol)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Precinct int                 `json:"precinct"`
		Revision int                 `json:"revision"`
		Reason   string              `json:"reason"`
		Protocol referendum.Protocol `json:"protocol"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.allowSubmit(r, acc); err != nil {
		s.fail(w, r, err)
		return
	}
	sub, vs, err := rs.SubmitProtocol(r.Context(), ref.ID, referendum.Revision{Precinct: referendum.PrecinctID(in.Precinct),
		Number: in.Revision, Reason: in.Reason, Protocol: in.Protocol}, acc)
	if err != nil {
		if len(vs) > 0 {
			e := classify(err)
			writeJSON(w, httpStatus(e.Code), apiRejected{Error: apiErrorBody{Code: e.Code, Message: e.Message, Field: e.Field}, Violations: vs})
			return
		}
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sub)
}

func (s *Server) apiDeclareResult(w http.ResponseWriter, r *http.Request) {
	rs, ref, err := s.loadReferendum(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.authorize(r, identity.ActDeclareResult)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		InForce string `json:"in_force"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := rs.DeclareResult(r.Context(), ref.ID, in.InForce, acc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}

// apiReferendumExport serves the open data of a referendum: every counted
// protocol (protocols.csv, protocols.json), the totals of the regions and
// districts (regions.csv, districts.csv) and the structure (structure.csv).
func (s *Server) apiReferendumExport(w http.ResponseWriter, r *http.Request) {
	rs, ref, st, _, err := s.loadArea(r, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	file := r.PathValue("file")
	name := ref.Slug + "-" + file
	switch file {
	case "protocols.csv", "protocols.json":
		counted, err := rs.CountedProtocols(ctx, ref.ID, -1)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if file == "protocols.json" {
			type row struct {
				Num        int                 `json:"num"`
				Region     string              `json:"region"`
				District   string              `json:"district"`
				Precinct   string              `json:"precinct"`
				Registered int64               `json:"structure_registered"`
				Revision   int                 `json:"revision"`
				Protocol   referendum.Protocol `json:"protocol"`
				Warnings   []string            `json:"warnings"`
				LogIndex   int64               `json:"log_index"`
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
			enc := json.NewEncoder(w)
			w.Write([]byte("[\n"))
			for i, c := range counted {
				p := st.Precincts[c.Revision.Precinct]
				if i > 0 {
					w.Write([]byte(","))
				}
				enc.Encode(row{Num: int(c.Revision.Precinct), Region: st.Regions[p.Region].Code, District: st.Districts[p.District].Code,
					Precinct: p.Code, Registered: p.Registered, Revision: c.Revision.Number, Protocol: c.Revision.Protocol,
					Warnings: nonNil(c.Warnings), LogIndex: c.LogIndex})
			}
			w.Write([]byte("]\n"))
			return
		}
		cw := startCSV(w, name)
		form := ref.ProtocolForm()
		cw.Write(append(append([]string{"num", "region", "district", "precinct", "revision"}, form.Names()...), "warnings", "log_index"))
		for _, c := range counted {
			p := st.Precincts[c.Revision.Precinct]
			rec := []string{strconv.Itoa(int(c.Revision.Precinct)), st.Regions[p.Region].Code, st.Districts[p.District].Code, p.Code, strconv.Itoa(c.Revision.Number)}
			for _, f := range form {
				v, ok := c.Revision.Protocol.Get(f)
				if ok {
					rec = append(rec, strconv.FormatInt(v, 10))
				} else {
					rec = append(rec, "")
				}
			}
			cw.Write(append(rec, strings.Join(c.Warnings, " "), strconv.FormatInt(c.LogIndex, 10)))
		}
		cw.Flush()
	case "regions.csv", "districts.csv":
		level := file[:1]
		areas, err := s.areaTotals(r, rs, ref, level)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		cw := startCSV(w, name)
		head := []string{"num", "code"}
		if level == "d" {
			head = append(head, "region")
		} else {
			head = append(head, "abroad")
		}
		for f := range referendum.NumFields {
			head = append(head, f.String())
		}
		cw.Write(append(head, "precincts", "covered"))
		for _, a := range areas {
			rec := []string{strconv.Itoa(a.Num), a.Code}
			if a.Region != nil {
				rec = append(rec, st.Regions[*a.Region].Code)
			} else {
				rec = append(rec, strconv.FormatBool(a.Abroad))
			}
			for f := range referendum.NumFields {
				rec = append(rec, strconv.FormatInt(a.Sums[f.String()], 10))
			}
			cw.Write(append(rec, strconv.FormatInt(a.Precincts, 10), strconv.FormatInt(a.Covered, 10)))
		}
		cw.Flush()
	case "revisions.csv":
		revs, err := rs.Revisions(ctx, ref.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		cw := startCSV(w, name)
		form := ref.ProtocolForm()
		cw.Write(append(append([]string{"num", "region", "district", "precinct", "revision", "reason"}, form.Names()...), "warnings", "actor", "accepted_at", "log_index"))
		for _, c := range revs {
			p := st.Precincts[c.Revision.Precinct]
			rec := []string{strconv.Itoa(int(c.Revision.Precinct)), st.Regions[p.Region].Code, st.Districts[p.District].Code, p.Code,
				strconv.Itoa(c.Revision.Number), c.Revision.Reason}
			for _, f := range form {
				if v, ok := c.Revision.Protocol.Get(f); ok {
					rec = append(rec, strconv.FormatInt(v, 10))
				} else {
					rec = append(rec, "")
				}
			}
			cw.Write(append(rec, strings.Join(c.Warnings, " "), string(c.Actor), c.AcceptedAt.Format(time.RFC3339), strconv.FormatInt(c.LogIndex, 10)))
		}
		cw.Flush()
	case "structure.csv":
		cw := startCSV(w, name)
		cw.Write([]string{"region", "district", "precinct", "registered", "abroad"})
		for _, p := range st.Precincts {
			reg := st.Regions[p.Region]
			cw.Write([]string{reg.Code, st.Districts[p.District].Code, p.Code, strconv.FormatInt(p.Registered, 10), strconv.FormatBool(reg.Abroad)})
		}
		cw.Flush()
	default:
		s.fail(w, r, atazan.Errorf(atazan.ENotFound, "there is no export %q; there are protocols.csv, protocols.json, revisions.csv, regions.csv, districts.csv and structure.csv", file))
	}
}

func startCSV(w http.ResponseWriter, name string) *csv.Writer {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return csv.NewWriter(w)
}

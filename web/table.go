package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"atazan/charter"
	"atazan/consolidate"
)

// tablePage is the comparative table of two versions: one row per changed
// unit with its current and its new wording, laid out to print on A4.
//
// When citizens were consulted on the earlier version, or a commission
// amended the charter, each row also shows where its change came from: the
// clusters of proposals on the unit with their counts and the secretariat's
// decision, and the commission's amendments that touched the unit with
// their status and last vote (Outcome).
type tablePage struct {
	page
	C           *commissionText
	Charter     charter.Charter
	NeedTwo     bool
	From, To    versionView
	TextLang    charter.Lang
	Caption     string
	Rows        []tableRow
	Outcome     bool // the rows carry clusters and amendments
	CompareHref string
}

// tableRow is a changed unit and, with an outcome, what led to the change.
type tableRow struct {
	Row        changeView
	Clusters   []tableCluster
	Amendments []fateAmendment
}

// tableCluster is a cluster of proposals on a row's unit.
type tableCluster struct {
	Text     string // "Cluster 12, 5 proposals"
	Href     string // its entry in the consolidated table
	Decided  bool
	Decision string
}

func (s *Server) tablePage(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.pageLang(w, r)
	if !ok {
		return
	}
	slug := r.PathValue("slug")
	cmp, err := s.compare(r, slug, lang)
	if err != nil && err != errTooFew {
		s.fail(w, r, err)
		return
	}
	p := tablePage{Charter: cmp.charter, NeedTwo: err == errTooFew}
	p.page = s.newPage(r, lang, "", link{Href: charterHref(lang, slug), Label: cmp.charter.Title})
	p.C = commissionTexts[p.Lang]
	p.Title = p.T.TableTitle
	if !p.NeedTwo {
		p.From, p.To = viewVersion(p.T, cmp.from), viewVersion(p.T, cmp.to)
		p.TextLang = cmp.lang
		p.Caption = p.T.Sprintf(p.T.TableCaption, cmp.from.Label, cmp.to.Label)
		q := url.Values{"from": {cmp.from.Label}, "to": {cmp.to.Label}}
		if cmp.chosen != "" {
			q.Set("text", string(cmp.chosen))
		}
		p.CompareHref = charterHref(lang, slug) + "/compare?" + q.Encode()
		// One row per change, in the order of the changes, as charter.Table
		// lays them out; the views add localized labels and the redline.
		for _, c := range cmp.changes {
			p.Rows = append(p.Rows, tableRow{Row: newChangeView(p.T, c)})
		}
		if err := s.tableOutcome(r, &p, slug, cmp.from, cmp.to, cmp.changes); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "table", &p)
}

// tableOutcome adds to each row the clusters of proposals and the
// amendments behind its change (store.Store.TableOutcome decides which).
// Without them the table stays as it is.
func (s *Server) tableOutcome(r *http.Request, p *tablePage, slug string, from, to charter.Version, changes []charter.Change) error {
	if s.consult == nil {
		return nil
	}
	out, err := s.consult.TableOutcome(r.Context(), slug, from, to, changes)
	if err != nil || out == nil {
		return err
	}
	p.Outcome = true
	for i, o := range out {
		row := &p.Rows[i]
		for _, cl := range o.Clusters {
			row.Clusters = append(row.Clusters, newTableCluster(&p.page, cl))
		}
		for _, f := range o.Amendments {
			row.Amendments = append(row.Amendments, newFateAmendment(&p.page, p.C, f))
		}
	}
	return nil
}

func newTableCluster(p *page, c consolidate.Cluster) tableCluster {
	return tableCluster{
		Text:     p.T.Sprintf(p.T.ClusterOf, strconv.FormatInt(int64(c.ID), 10)) + ", " + p.T.Count(p.T.ProposalsCount, c.Size),
		Href:     fmt.Sprintf("/%s/consultations/%d/consolidated#entry-%d", p.Lang, c.Consultation, c.ID),
		Decided:  c.Decision != consolidate.Pending,
		Decision: decisionLabel(p.T, c.Decision),
	}
}

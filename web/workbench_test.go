package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"atazan/consolidate"
	"atazan/consult"
	"atazan/identity"
)

// clusterEnv is a consultation in which three citizens sent the same
// wording of paragraph 1 of Article 3 and a fourth sent another idea.
type clusterEnv struct {
	*consultEnv
	authors   []citizen
	same      []int64 // the three proposals of one idea
	other     int64   // the proposal of another idea
	cluster   consolidate.ClusterID
	otherCl   consolidate.ClusterID
	secretary citizen
	secCookie string
}

const (
	sameText  = "Paragraph 1 of Article 3: the state respects and protects the dignity of every person without exception."
	otherText = "Paragraph 1 of Article 3: citizens elect the judges of district courts for a term of five years."
)

func newClusterEnv(t *testing.T) *clusterEnv {
	t.Helper()
	e := &clusterEnv{consultEnv: newConsultEnv(t, Config{})}
	for range 4 {
		e.authors = append(e.authors, e.register(t))
	}
	for i := range 3 {
		id, res := e.propose(t, e.authors[i].Token, "art_3__para_1", "amend", sameText)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("propose: %d %s", res.StatusCode, res.body)
		}
		e.same = append(e.same, id)
	}
	e.other, _ = e.propose(t, e.authors[3].Token, "art_3__para_1", "amend", otherText)
	ctx := context.Background()
	c, err := e.st.ProposalCluster(ctx, consult.ProposalID(e.same[0]))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range e.same[1:] {
		if c2, err := e.st.ProposalCluster(ctx, consult.ProposalID(id)); err != nil || c2.ID != c.ID {
			t.Fatalf("proposal %d is in cluster %d (%v), want %d", id, c2.ID, err, c.ID)
		}
	}
	o, err := e.st.ProposalCluster(ctx, consult.ProposalID(e.other))
	if err != nil || o.ID == c.ID {
		t.Fatalf("the other idea is in cluster %d (%v), the same as %d", o.ID, err, c.ID)
	}
	e.cluster, e.otherCl = c.ID, o.ID
	e.secretary = e.staff(t, "dmitry", identity.RoleSecretariat)
	e.secCookie = e.signIn(t, e.secretary.Email)
	return e
}

func (e *clusterEnv) clusterPath(suffix string) string {
	return fmt.Sprintf("/en/workbench/clusters/%d%s", e.cluster, suffix)
}

func TestWorkbenchRoles(t *testing.T) {
	e := newClusterEnv(t)
	bench := fmt.Sprintf("/en/consultations/%d/workbench", e.c.ID)
	if res := e.page(bench, ""); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/en/login?next=") {
		t.Errorf("workbench without signing in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	citizenCookie := e.signIn(t, e.authors[0].Email)
	moderator := e.staff(t, "moderator", identity.RoleModerator)
	modCookie := e.signIn(t, moderator.Email)
	decide := url.Values{"decision": {"accepted"}, "reason": {"Article 3 now says so."}}
	for who, cookie := range map[string]string{"citizen": citizenCookie, "moderator": modCookie} {
		for _, path := range []string{bench, e.clusterPath("")} {
			res := e.page(path, cookie)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "Only the secretariat") || !strings.Contains(res.body, "decide_cluster") {
				t.Errorf("%s GET %s: %d, want 403 with a clear message", who, path, res.StatusCode)
			}
		}
		for _, action := range []string{"decide", "merge", "split", "move", "group", "amendment"} {
			if res := e.form(e.clusterPath("/"+action), cookie, decide); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s POST %s: %d, want 403", who, action, res.StatusCode)
			}
		}
		if res := e.form(bench+"/publish", cookie, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s publishes: %d, want 403", who, res.StatusCode)
		}
	}
	if res := e.form(e.clusterPath("/decide"), "", decide); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("decide without signing in: %d, want 401", res.StatusCode)
	}
	// A form posted from another site with the secretariat's cookie is refused.
	res := e.form(e.clusterPath("/decide"), e.secCookie, decide, "Origin: https://evil.example", "Sec-Fetch-Site: cross-site")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin decision: %d, want 403", res.StatusCode)
	}
	if c, _ := e.st.Cluster(context.Background(), e.cluster); c.Decision != consolidate.Pending {
		t.Fatalf("a refused request recorded %q", c.Decision)
	}

	// The consultation's page leads the secretariat, and only the secretariat, to the workbench.
	cpage := fmt.Sprintf("/en/consultations/%d", e.c.ID)
	if res := e.page(cpage, e.secCookie); !strings.Contains(res.body, `href="`+bench+`"`) || !strings.Contains(res.body, cpage+"/consolidated") {
		t.Error("the consultation's page does not lead the secretariat to the workbench and the consolidated table")
	}
	if res := e.page(cpage, citizenCookie); strings.Contains(res.body, `href="`+bench+`"`) {
		t.Error("the consultation's page offers a citizen the workbench")
	}

	// The secretariat sees the workbench with the cluster, largest first.
	res = e.page(bench, e.secCookie)
	if res.StatusCode != 200 {
		t.Fatalf("workbench: %d %s", res.StatusCode, res.body)
	}
	first, second := strings.Index(res.body, fmt.Sprintf(`id="cluster-%d"`, e.cluster)), strings.Index(res.body, fmt.Sprintf(`id="cluster-%d"`, e.otherCl))
	if first < 0 || second < 0 || first > second {
		t.Errorf("the workbench lists cluster %d at %d and %d at %d: want both, the larger first", e.cluster, first, e.otherCl, second)
	}
	for _, want := range []string{"Article 3, with all its units", "?article=art_3", "respects and protects the dignity"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the workbench lacks %q", want)
		}
	}
	for _, q := range []string{"?unit=art_3__para_1&sort=supports", "?article=art_3", "?unit=art_9"} {
		if res := e.page(bench+q, e.secCookie); res.StatusCode != 200 || (q == "?unit=art_9") != !strings.Contains(res.body, "dignity") {
			t.Errorf("workbench%s: %d", q, res.StatusCode)
		}
	}

	// A decision without a reason is refused next to the field.
	res = e.form(e.clusterPath("/decide"), e.secCookie, url.Values{"decision": {"accepted"}, "reason": {"  "}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="reason-error"`) || !strings.Contains(res.body, `href="#reason"`) {
		t.Errorf("decision without a reason: %d", res.StatusCode)
	}
	res = e.form(e.clusterPath("/decide"), e.secCookie, url.Values{"decision": {"maybe"}, "reason": {"Why not."}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="decision-error"`) || !strings.Contains(res.body, "Why not.") {
		t.Errorf("unknown decision: %d", res.StatusCode)
	}
	// The secretariat decides.
	res = e.form(e.clusterPath("/decide"), e.secCookie, decide)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), e.clusterPath("?done=decide&log=")) {
		t.Fatalf("decide: %d %s %s", res.StatusCode, res.Header.Get("Location"), res.body)
	}
	back, _, _ := strings.Cut(res.Header.Get("Location"), "#") // a browser keeps the fragment to itself
	res = e.page(back, e.secCookie)
	if res.StatusCode != 200 || !strings.Contains(res.body, `id="result"`) || !strings.Contains(res.body, "Taken into account") || !strings.Contains(res.body, "Article 3 now says so.") {
		t.Errorf("cluster page after the decision: %d", res.StatusCode)
	}
	if c, _ := e.st.Cluster(context.Background(), e.cluster); c.Decision != consolidate.Accepted || c.Reason != "Article 3 now says so." {
		t.Errorf("stored decision %q, %q", c.Decision, c.Reason)
	}
}

func TestWorkbenchActions(t *testing.T) {
	e := newClusterEnv(t)
	ctx := context.Background()
	page := e.page(e.clusterPath(""), e.secCookie)
	for _, want := range []string{`<svg`, `<rect`, "By region", "Shymkent", "By language", fmt.Sprintf(`id="split-%d"`, e.same[2]), `action="` + e.clusterPath("/merge") + `"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the cluster page lacks %q", want)
		}
	}
	// Split the last proposal off, then move it back, then merge the other idea in.
	res := e.form(e.clusterPath("/split"), e.secCookie, url.Values{"proposals": {fmt.Sprint(e.same[2])}})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "&new=") {
		t.Fatalf("split: %d %s", res.StatusCode, res.body)
	}
	split, _ := e.st.ProposalCluster(ctx, consult.ProposalID(e.same[2]))
	if split.ID == e.cluster {
		t.Fatal("the split left the proposal in its cluster")
	}
	back, _, _ := strings.Cut(res.Header.Get("Location"), "#")
	if res := e.page(back, e.secCookie); !strings.Contains(res.body, fmt.Sprintf("now cluster %d", split.ID)) {
		t.Errorf("the split's result is not shown")
	}
	res = e.form(e.clusterPath("/split"), e.secCookie, url.Values{"proposals": {fmt.Sprint(e.same[0]), fmt.Sprint(e.same[1])}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="proposals-error"`) || !strings.Contains(res.body, "leave at least one") {
		t.Errorf("splitting off every proposal: %d", res.StatusCode)
	}
	res = e.form(e.clusterPath("/move"), e.secCookie, url.Values{"proposal": {fmt.Sprint(e.same[2])}, "to": {fmt.Sprint(e.cluster)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("move: %d %s", res.StatusCode, res.body)
	}
	if c, _ := e.st.ProposalCluster(ctx, consult.ProposalID(e.same[2])); c.ID != e.cluster {
		t.Errorf("after the move the proposal is in cluster %d", c.ID)
	}
	res = e.form(e.clusterPath("/move"), e.secCookie, url.Values{"proposal": {"abc"}, "to": {fmt.Sprint(e.cluster)}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="proposal-error"`) {
		t.Errorf("move of no proposal: %d", res.StatusCode)
	}
	res = e.form(e.clusterPath("/merge"), e.secCookie, url.Values{"from": {fmt.Sprintf("%d", e.cluster)}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="from-error"`) || !strings.Contains(res.body, "into itself") {
		t.Errorf("merge into itself: %d", res.StatusCode)
	}
	res = e.form(e.clusterPath("/merge"), e.secCookie, url.Values{"from": {fmt.Sprintf("%d, %d", e.otherCl, split.ID)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d %s", res.StatusCode, res.body)
	}
	if c, _ := e.st.ProposalCluster(ctx, consult.ProposalID(e.other)); c.ID != e.cluster || c.Size != 4 {
		t.Errorf("after the merge the other idea is in cluster %d of %d", c.ID, c.Size)
	}
	if res := e.page(fmt.Sprintf("/en/workbench/clusters/%d", e.otherCl), e.secCookie); !strings.Contains(res.body, fmt.Sprintf("merged into cluster %d", e.cluster)) {
		t.Error("a merged cluster does not say where its proposals went")
	}
	// Working group and amendment, then a decision the author reads.
	if res := e.form(e.clusterPath("/group"), e.secCookie, url.Values{"group": {"Rights and freedoms"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("group: %d %s", res.StatusCode, res.body)
	}
	if res := e.form(e.clusterPath("/amendment"), e.secCookie, url.Values{"amendment": {"A-12"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("amendment: %d %s", res.StatusCode, res.body)
	}
	res = e.form(e.clusterPath("/decide"), e.secCookie, url.Values{"decision": {"partly"}, "reason": {"Dignity is kept; courts are a matter for law."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", res.StatusCode, res.body)
	}
	author := e.signIn(t, e.authors[3].Email)
	acc := e.page("/en/account", author)
	for _, want := range []string{"Partly taken into account", "Dignity is kept; courts are a matter for law.", fmt.Sprintf("cluster %d, 4 proposals", e.cluster), "A-12"} {
		if !strings.Contains(acc.body, want) {
			t.Errorf("My proposals lacks %q", want)
		}
	}
	prop := e.page(fmt.Sprintf("/kk/proposals/%d", e.other), "")
	for _, want := range []string{"Ішінара ескерілді", "Dignity is kept", "Rights and freedoms", "A-12", `id="similar"`, fmt.Sprintf(`href="/kk/proposals/%d"`, e.same[0])} {
		if !strings.Contains(prop.body, want) {
			t.Errorf("the proposal page lacks %q", want)
		}
	}
	if _, similar, _ := strings.Cut(prop.body, `id="similar"`); strings.Contains(similar, fmt.Sprintf(`<a href="/kk/proposals/%d">%d</a>`, e.other, e.other)) {
		t.Error("the proposal is listed among proposals similar to itself")
	}
}

func TestClusterAPI(t *testing.T) {
	e := newClusterEnv(t)
	e.st.DecideCluster(context.Background(), e.cluster, consolidate.Rejected, "Already in Article 1.", 0)
	res := e.api("GET", fmt.Sprintf("/api/v1/consultations/%d/clusters?unit=art_3__para_1", e.c.ID), "", "")
	if res.StatusCode != 200 {
		t.Fatalf("clusters: %d %s", res.StatusCode, res.body)
	}
	var list struct {
		Clusters []map[string]any `json:"clusters"`
	}
	if err := json.Unmarshal([]byte(res.body), &list); err != nil || len(list.Clusters) != 2 {
		t.Fatalf("clusters: %v %s", err, res.body)
	}
	c := list.Clusters[0]
	for _, k := range []string{"id", "unit", "size", "supports", "campaign", "decision", "reason", "text", "representative"} {
		if _, ok := c[k]; !ok {
			t.Errorf("a cluster lacks %q: %v", k, c)
		}
	}
	if c["id"] != float64(e.cluster) || c["size"] != float64(3) || c["decision"] != "rejected" || c["reason"] != "Already in Article 1." ||
		c["unit"] != "art_3__para_1" || c["campaign"] != false || c["text"] != sameText || c["representative"] != float64(e.same[0]) {
		t.Errorf("cluster = %v", c)
	}
	if list.Clusters[1]["decision"] != "" || list.Clusters[1]["reason"] != "" {
		t.Errorf("an undecided cluster = %v", list.Clusters[1])
	}
	for q, n := range map[string]int{"?article=art_3": 2, "?article=art_2": 0, "?limit=1": 1, "?offset=1": 1, "?sort=supports": 2} {
		res := e.api("GET", fmt.Sprintf("/api/v1/consultations/%d/clusters%s", e.c.ID, q), "", "")
		json.Unmarshal([]byte(res.body), &list)
		if res.StatusCode != 200 || len(list.Clusters) != n {
			t.Errorf("clusters%s: %d, %d clusters, want %d", q, res.StatusCode, len(list.Clusters), n)
		}
	}
	for _, q := range []string{"?sort=oldest", "?limit=0", "?limit=1001", "?offset=-1"} {
		if res := e.api("GET", fmt.Sprintf("/api/v1/consultations/%d/clusters%s", e.c.ID, q), "", ""); res.StatusCode != http.StatusBadRequest {
			t.Errorf("clusters%s: %d, want 400", q, res.StatusCode)
		}
	}
	if res := e.api("GET", "/api/v1/consultations/999/clusters", "", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("clusters of no consultation: %d", res.StatusCode)
	}

	res = e.api("GET", fmt.Sprintf("/api/v1/clusters/%d", e.cluster), "", "")
	var one struct {
		ID        int64                 `json:"id"`
		Size      int                   `json:"size"`
		Decision  string                `json:"decision"`
		Breakdown consolidate.Breakdown `json:"breakdown"`
		Members   []struct{ ID int64 }  `json:"members"`
	}
	if err := json.Unmarshal([]byte(res.body), &one); err != nil || res.StatusCode != 200 || one.ID != int64(e.cluster) || one.Size != 3 ||
		len(one.Members) != 3 || len(one.Breakdown.Regions) != 1 || one.Breakdown.Regions[0].N != 3 || one.Decision != "rejected" {
		t.Errorf("cluster: %d %v %s", res.StatusCode, err, res.body)
	}
	if res := e.api("GET", "/api/v1/clusters/99999", "", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("no cluster: %d", res.StatusCode)
	}

	res = e.api("GET", fmt.Sprintf("/api/v1/proposals/%d", e.same[1]), "", "")
	var p map[string]any
	if err := json.Unmarshal([]byte(res.body), &p); err != nil {
		t.Fatal(err)
	}
	if p["cluster"] != float64(e.cluster) || p["cluster_decision"] != "rejected" || p["cluster_reason"] != "Already in Article 1." ||
		p["cluster_size"] != float64(3) || p["id"] != float64(e.same[1]) || p["moderation"] == nil {
		t.Errorf("proposal = %v", p)
	}
	res = e.api("GET", fmt.Sprintf("/api/v1/proposals/%d", e.other), "", "")
	json.Unmarshal([]byte(res.body), &p)
	if p["cluster"] != float64(e.otherCl) || p["cluster_decision"] != "" {
		t.Errorf("undecided proposal = %v", p)
	}
}

func TestConsolidatedTable(t *testing.T) {
	e := newClusterEnv(t)
	ctx := context.Background()
	if _, err := e.st.DecideCluster(ctx, e.cluster, consolidate.Accepted, "Now in the draft, | with a bar.", 0); err != nil {
		t.Fatal(err)
	}
	api := fmt.Sprintf("/api/v1/consultations/%d/consolidated", e.c.ID)
	// The table as it stands.
	res := e.api("GET", api, "", "")
	var live consolidate.Table
	if err := json.Unmarshal([]byte(res.body), &live); err != nil || res.StatusCode != 200 || len(live.Rows) != 1 || len(live.Rows[0].Entries) != 2 ||
		live.Rows[0].Entries[0].Count != 3 || live.Rows[0].Entries[0].Decision != consolidate.Accepted {
		t.Fatalf("live table: %d %v %s", res.StatusCode, err, res.body)
	}
	res = e.api("GET", api+".csv", "", "")
	recs, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
	if err != nil || res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") || len(recs) != 3 ||
		strings.Join(recs[0], ",") != strings.Join(consolidate.CSVHeader, ",") || recs[1][5] != sameText || recs[1][6] != "3" || recs[1][9] != "accepted" {
		t.Errorf("CSV: %d %v %q", res.StatusCode, err, recs)
	}
	res = e.api("GET", api+".md", "", "")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/markdown") ||
		!strings.Contains(res.body, "| taken into account | Now in the draft, \\| with a bar. |") || !strings.Contains(res.body, "(`art_3__para_1`)") {
		t.Errorf("Markdown: %d %s", res.StatusCode, res.body)
	}
	// The HTML page, public, in every language.
	for lang, want := range map[string]string{"en": "Taken into account", "ru": "Учтено", "kk": "Ескерілді"} {
		res := e.page(fmt.Sprintf("/%s/consultations/%d/consolidated", lang, e.c.ID), "")
		if res.StatusCode != 200 || !strings.Contains(res.body, want) || !strings.Contains(res.body, "respects and protects the dignity") || !strings.Contains(res.body, api+".csv") {
			t.Errorf("%s consolidated page: %d", lang, res.StatusCode)
		}
	}

	// Publish, then read the published table byte for byte.
	if res := e.api("GET", api+"/1.json", "", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unpublished table: %d", res.StatusCode)
	}
	res = e.form(fmt.Sprintf("/en/consultations/%d/workbench/publish", e.c.ID), e.secCookie, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/en/consultations/%d/consolidated/1", e.c.ID) {
		t.Fatalf("publish: %d %s %s", res.StatusCode, res.Header.Get("Location"), res.body)
	}
	// A later decision changes the live table, not the published one.
	e.st.DecideCluster(ctx, e.otherCl, consolidate.OutOfScope, "A matter for ordinary law.", 0)
	body, err := e.st.PublishedTableBody(ctx, e.c.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	res = e.api("GET", api+"/1.json", "", "")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" || res.body != string(body) {
		t.Errorf("published JSON: %d %q, %d bytes, want the %d stored bytes", res.StatusCode, res.Header.Get("Content-Type"), len(res.body), len(body))
	}
	if strings.Contains(res.body, "ordinary law") {
		t.Error("the published table changed after publication")
	}
	res = e.api("GET", api+"/1.csv", "", "")
	if res.StatusCode != 200 || !strings.Contains(res.body, "Now in the draft") || strings.Contains(res.body, "out_of_scope") {
		t.Errorf("published CSV: %d %s", res.StatusCode, res.body)
	}
	if res := e.api("GET", api+"/1.md", "", ""); res.StatusCode != 200 || !strings.Contains(res.body, "# Consolidated table") {
		t.Errorf("published Markdown: %d", res.StatusCode)
	}
	for _, bad := range []string{"/2.json", "/1.txt", "/x.json"} {
		if res := e.api("GET", api+bad, "", ""); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", bad, res.StatusCode)
		}
	}
	res = e.page(fmt.Sprintf("/en/consultations/%d/consolidated/1", e.c.ID), "")
	if res.StatusCode != 200 || !strings.Contains(res.body, "Consolidated table No. 1") || !strings.Contains(res.body, "sha256:") || strings.Contains(res.body, "ordinary law") {
		t.Errorf("published page: %d", res.StatusCode)
	}
	res = e.page(fmt.Sprintf("/en/consultations/%d/consolidated", e.c.ID), "")
	if !strings.Contains(res.body, "ordinary law") || !strings.Contains(res.body, fmt.Sprintf(`href="/en/consultations/%d/consolidated/1"`, e.c.ID)) {
		t.Error("the live page lacks the later decision or the list of published tables")
	}
	res = e.api("GET", fmt.Sprintf("/api/v1/consultations/%d/tables", e.c.ID), "", "")
	if res.StatusCode != 200 || !strings.Contains(res.body, `"number": 1`) || !strings.Contains(res.body, api+"/1.json") {
		t.Errorf("tables: %d %s", res.StatusCode, res.body)
	}
}

// TestClusterMembersPages lists a large cluster's members page by page, so
// that the cluster page of a campaign stays small.
func TestClusterMembersPages(t *testing.T) {
	e := newClusterEnv(t)
	ctx := context.Background()
	for i := range 50 {
		sub := consult.Submission{Consultation: e.c.ID, Unit: "art_3__para_1", Kind: consult.KindAmend, Text: sameText + strings.Repeat("!", i+1), Rationale: fmt.Sprintf("Reason number %d of many.", i)}
		if _, _, err := e.st.SubmitProposal(ctx, sub, identity.AccountID(e.authors[i%3].ID), "web"); err != nil {
			t.Fatal(err)
		}
	}
	c, err := e.st.Cluster(ctx, e.cluster)
	if err != nil || c.Size != 53 {
		t.Fatalf("cluster of %d (%v), want 53", c.Size, err)
	}
	first := e.page(e.clusterPath(""), e.secCookie)
	if n := strings.Count(first.body, `name="proposals"`); n != clusterMembersShown || !strings.Contains(first.body, `href="`+e.clusterPath("?from=50#members")+`"`) {
		t.Errorf("the first page lists %d members, want %d and a link to the next", n, clusterMembersShown)
	}
	next := e.page(e.clusterPath("?from=50"), e.secCookie)
	if n := strings.Count(next.body, `name="proposals"`); n != 3 || !strings.Contains(next.body, "51–53") || !strings.Contains(next.body, `href="`+e.clusterPath("?from=0#members")+`"`) {
		t.Errorf("the second page lists %d members, want 3 and a link back", n)
	}
}

package web

import (
	"net/http"
	"strings"

	"atazan/i18n"
)

// routes is the route table: every URL the server answers, in one place.
//
// HTML pages start with a language prefix (kk, ru, en); the language switch
// on every page links to the same path under the other prefixes. Version
// labels may contain spaces and are path-escaped in links.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /static/{file}", staticHandler())

	// Pages.
	mux.HandleFunc("GET /{$}", s.chooseLanguage)
	mux.HandleFunc("GET /{lang}", s.chooseLanguage)
	mux.HandleFunc("GET /{lang}/{$}", s.home)
	mux.HandleFunc("GET /{lang}/charters/{slug}", s.charterPage)
	mux.HandleFunc("GET /{lang}/charters/{slug}/versions/{label}", s.versionPage)
	mux.HandleFunc("GET /{lang}/charters/{slug}/versions/{label}/articles/{number}", s.articlePage)
	mux.HandleFunc("GET /{lang}/charters/{slug}/compare", s.comparePage)
	mux.HandleFunc("GET /{lang}/charters/{slug}/table", s.tablePage)

	// JSON API, version 1: the same reads as the pages.
	mux.HandleFunc("GET /api/v1/charters", s.apiCharters)
	mux.HandleFunc("GET /api/v1/charters/{slug}", s.apiCharter)
	mux.HandleFunc("GET /api/v1/charters/{slug}/versions", s.apiVersions)
	mux.HandleFunc("GET /api/v1/charters/{slug}/versions/{label}", s.apiVersion)
	mux.HandleFunc("GET /api/v1/charters/{slug}/versions/{label}/units", s.apiUnits)
	mux.HandleFunc("GET /api/v1/charters/{slug}/versions/{label}/articles/{number}", s.apiArticle)
	mux.HandleFunc("GET /api/v1/charters/{slug}/diff", s.apiDiff)

	// The public log: C2SP tlog-tiles for tile clients and witnesses, JSON for people and scripts.
	if s.cfg.Log != nil {
		mux.HandleFunc("GET /log/checkpoint", s.logCheckpoint)
		mux.HandleFunc("GET /log/key", s.logKey)
		mux.HandleFunc("GET /log/tile/", s.logTile)
		mux.HandleFunc("GET /api/v1/log/records", s.apiLogRecords)
		mux.HandleFunc("GET /api/v1/log/records/{index}", s.apiLogRecord)
		mux.HandleFunc("GET /api/v1/log/proof/consistency", s.apiLogConsistency)
		// One literal pattern per language: "/{lang}/log" would overlap "/static/{file}".
		s.langRoute(mux, "GET /log", s.logPage)
	}

	// Accounts and the public consultation (issue 4), when the server has their store.
	if s.consult != nil {
		// Pages. Two-segment paths are registered once per language, like the
		// log page, so that they do not overlap "/static/{file}".
		s.langRoute(mux, "GET /register", s.registerPage)
		s.langRoute(mux, "POST /register", s.registerPost)
		s.langRoute(mux, "GET /login", s.loginPage)
		s.langRoute(mux, "POST /login", s.loginPost)
		s.langRoute(mux, "POST /logout", s.logoutPost)
		s.langRoute(mux, "GET /account", s.accountPage)
		s.langRoute(mux, "POST /account/password", s.passwordPost)
		s.langRoute(mux, "GET /consultations", s.consultationsPage)
		s.langRoute(mux, "GET /moderation", s.moderationPage)
		s.langRoute(mux, "POST /moderation/hide", s.hidePost)
		s.langRoute(mux, "POST /moderation/decide", s.decidePost)
		s.langRoute(mux, "POST /reports", s.reportPost)
		s.langRoute(mux, "POST /reviews", s.reviewPost)
		mux.HandleFunc("GET /{lang}/consultations/{id}", s.consultationPage)
		mux.HandleFunc("GET /{lang}/consultations/{id}/proposals", s.proposalsPage)
		mux.HandleFunc("GET /{lang}/consultations/{id}/search", s.searchPage)
		mux.HandleFunc("GET /{lang}/consultations/{id}/propose", s.proposePage)
		mux.HandleFunc("POST /{lang}/consultations/{id}/propose", s.proposePost)
		mux.HandleFunc("GET /{lang}/proposals/{id}", s.proposalPage)
		mux.HandleFunc("GET /{lang}/proposals/{id}/receipt", s.receiptPage)
		mux.HandleFunc("POST /{lang}/proposals/{id}/support", s.supportPost)
		mux.HandleFunc("POST /{lang}/proposals/{id}/comments", s.commentPost)

		// JSON API: accounts, tokens, proposals, supports, comments, moderation, search, open data.
		mux.HandleFunc("POST /api/v1/accounts", s.apiRegister)
		mux.HandleFunc("POST /api/v1/tokens", s.apiToken)
		mux.HandleFunc("DELETE /api/v1/tokens/current", s.apiRevokeToken)
		mux.HandleFunc("GET /api/v1/consultations", s.apiConsultations)
		mux.HandleFunc("POST /api/v1/consultations", s.apiOpenConsultation)
		mux.HandleFunc("GET /api/v1/consultations/{id}", s.apiConsultation)
		mux.HandleFunc("POST /api/v1/proposals", s.apiPropose)
		mux.HandleFunc("GET /api/v1/proposals", s.apiProposals)
		mux.HandleFunc("GET /api/v1/proposals/{id}", s.apiProposal)
		mux.HandleFunc("POST /api/v1/proposals/{id}/support", s.apiSupport)
		mux.HandleFunc("DELETE /api/v1/proposals/{id}/support", s.apiSupport)
		mux.HandleFunc("GET /api/v1/proposals/{id}/comments", s.apiComments)
		mux.HandleFunc("POST /api/v1/proposals/{id}/comments", s.apiComment)
		mux.HandleFunc("POST /api/v1/reports", s.apiReport)
		mux.HandleFunc("POST /api/v1/reviews", s.apiReview)
		mux.HandleFunc("GET /api/v1/moderation/queue", s.apiModerationQueue)
		mux.HandleFunc("POST /api/v1/moderation/hide", s.apiHide)
		mux.HandleFunc("POST /api/v1/moderation/decide", s.apiDecide)
		mux.HandleFunc("GET /api/v1/search", s.apiSearch)
		mux.HandleFunc("GET /api/v1/export/{file}", s.apiExport)

		// The systematization (issue 5): the secretariat's workbench and its
		// actions on clusters, the public consolidated table, and their API.
		mux.HandleFunc("GET /{lang}/consultations/{id}/workbench", s.workbenchPage)
		mux.HandleFunc("POST /{lang}/consultations/{id}/workbench/publish", s.publishTablePost)
		mux.HandleFunc("GET /{lang}/workbench/clusters/{id}", s.clusterPage)
		mux.HandleFunc("POST /{lang}/workbench/clusters/{id}/merge", s.mergePost)
		mux.HandleFunc("POST /{lang}/workbench/clusters/{id}/split", s.splitPost)
		mux.HandleFunc("POST /{lang}/workbench/clusters/{id}/move", s.movePost)
		mux.HandleFunc("POST /{lang}/workbench/clusters/{id}/group", s.groupPost)
		mux.HandleFunc("POST /{lang}/workbench/clusters/{id}/decide", s.decideClusterPost)
		mux.HandleFunc("POST /{lang}/workbench/clusters/{id}/amendment", s.amendmentPost)
		mux.HandleFunc("GET /{lang}/consultations/{id}/consolidated", s.consolidatedPage)
		mux.HandleFunc("GET /{lang}/consultations/{id}/consolidated/{n}", s.consolidatedPage)
		mux.HandleFunc("GET /api/v1/consultations/{id}/clusters", s.apiClusters)
		mux.HandleFunc("GET /api/v1/clusters/{id}", s.apiCluster)
		mux.HandleFunc("GET /api/v1/consultations/{id}/consolidated", s.apiConsolidated)
		mux.HandleFunc("GET /api/v1/consultations/{id}/consolidated.csv", s.apiConsolidatedLive("csv"))
		mux.HandleFunc("GET /api/v1/consultations/{id}/consolidated.md", s.apiConsolidatedLive("md"))
		mux.HandleFunc("GET /api/v1/consultations/{id}/consolidated/{file}", s.apiPublishedTable)
		mux.HandleFunc("GET /api/v1/consultations/{id}/tables", s.apiPublishedTables)
		mux.HandleFunc("GET /api/v1/consultations/{id}/similar", s.apiSimilar)
	}

	// The referendum (issue 7), when the store keeps referendums: its pages,
	// the officer's protocol form, the declaration, the JSON API, open data and charts.
	if s.referendums() != nil {
		s.langRoute(mux, "GET /referendums", s.referendumsPage)
		mux.HandleFunc("GET /{lang}/referendums/{slug}", s.referendumPage)
		mux.HandleFunc("GET /{lang}/referendums/{slug}/regions/{region}", s.regionPage)
		mux.HandleFunc("GET /{lang}/referendums/{slug}/districts/{district}", s.districtPage)
		mux.HandleFunc("GET /{lang}/referendums/{slug}/precincts/{precinct}", s.precinctPage)
		mux.HandleFunc("GET /{lang}/referendums/{slug}/protocol", s.protocolPage)
		mux.HandleFunc("POST /{lang}/referendums/{slug}/protocol", s.protocolPost)
		mux.HandleFunc("POST /{lang}/referendums/{slug}/declare", s.declarePost)
		mux.HandleFunc("GET /api/v1/referendums", s.apiReferendums)
		mux.HandleFunc("GET /api/v1/referendums/{slug}", s.apiReferendum)
		mux.HandleFunc("GET /api/v1/referendums/{slug}/results", s.apiReferendumResults)
		mux.HandleFunc("GET /api/v1/referendums/{slug}/regions", s.apiReferendumAreas("r"))
		mux.HandleFunc("GET /api/v1/referendums/{slug}/districts", s.apiReferendumAreas("d"))
		mux.HandleFunc("GET /api/v1/referendums/{slug}/precincts/{precinct}", s.apiReferendumPrecinct)
		mux.HandleFunc("POST /api/v1/referendums/{slug}/protocols", s.apiSubmitProtocol)
		mux.HandleFunc("POST /api/v1/referendums/{slug}/declare", s.apiDeclareResult)
		mux.HandleFunc("GET /api/v1/referendums/{slug}/export/{file}", s.apiReferendumExport)
		mux.HandleFunc("GET /api/v1/referendums/{slug}/charts/{chart}", s.apiReferendumChart)
		mux.HandleFunc("GET /{lang}/referendums/{slug}/forensics", s.forensicsPage)
		mux.HandleFunc("GET /api/v1/referendums/{slug}/forensics/{file}", s.apiReferendumForensics)
	}

	// The constitutional commission (issue 6): its pages, its JSON API and the live meeting stream.
	if s.commission != nil {
		mux.HandleFunc("GET /{lang}/commissions/{slug}", s.commissionPage)
		mux.HandleFunc("GET /{lang}/meetings/{id}", s.meetingPage)
		mux.HandleFunc("POST /{lang}/meetings/{id}/act", s.meetingActPost)
		mux.HandleFunc("GET /api/v1/commissions", s.apiCommissions)
		mux.HandleFunc("GET /api/v1/commissions/{slug}", s.apiCommission)
		mux.HandleFunc("POST /api/v1/commissions/{slug}/members", s.apiAddMember)
		mux.HandleFunc("POST /api/v1/commissions/{slug}/amendments", s.apiSubmitAmendment)
		mux.HandleFunc("POST /api/v1/commissions/{slug}/meetings", s.apiScheduleMeeting)
		mux.HandleFunc("POST /api/v1/commissions/{slug}/publish", s.apiPublishDraft)
		mux.HandleFunc("GET /api/v1/amendments/{id}", s.apiAmendment)
		mux.HandleFunc("GET /api/v1/meetings/{id}", s.apiMeeting)
		mux.HandleFunc("POST /api/v1/meetings/{id}/actions", s.apiMeetingAction)
		mux.HandleFunc("GET /api/v1/meetings/{id}/events", s.apiMeetingEvents)
		mux.HandleFunc("GET /api/v1/meetings/{id}/{format}", s.apiMinutes)
	}

	// Everything else does not exist (a JSON error under /api/, a page elsewhere).
	mux.HandleFunc("/", s.notFound)
	return mux
}

// langRoute registers a page under each language prefix: "GET /login"
// becomes "GET /kk/login", "GET /ru/login" and "GET /en/login", each setting
// the path value "lang".
func (s *Server) langRoute(mux *http.ServeMux, pattern string, h http.HandlerFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	for _, l := range i18n.Langs {
		mux.HandleFunc(method+" /"+string(l)+path, func(w http.ResponseWriter, r *http.Request) {
			r.SetPathValue("lang", string(l))
			h(w, r)
		})
	}
}

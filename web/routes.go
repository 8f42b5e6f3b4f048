package web

import (
	"net/http"

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
		for _, l := range i18n.Langs {
			mux.HandleFunc("GET /"+string(l)+"/log", func(w http.ResponseWriter, r *http.Request) {
				r.SetPathValue("lang", string(l))
				s.logPage(w, r)
			})
		}
	}

	// Everything else does not exist (a JSON error under /api/, a page elsewhere).
	mux.HandleFunc("/", s.notFound)
	return mux
}

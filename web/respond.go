package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"atazan"
	"atazan/i18n"
)

// errPanic stands for a recovered panic; its details are in the log only.
var errPanic = errors.New("panic")

func errTooLarge(limit int64) *atazan.Error {
	return atazan.Errorf(atazan.ETooLarge, "The request body is larger than %d bytes.", limit)
}

// httpStatus maps an atazan error code to an HTTP status.
func httpStatus(code string) int {
	switch code {
	case atazan.EInvalid:
		return http.StatusBadRequest
	case atazan.ENotFound:
		return http.StatusNotFound
	case atazan.EConflict:
		return http.StatusConflict
	case atazan.EUnauthorized:
		return http.StatusUnauthorized
	case atazan.EForbidden:
		return http.StatusForbidden
	case atazan.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case atazan.ERateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// classify returns the *atazan.Error to show for err: err itself when it is
// one, too_large for an oversized body, and a generic internal error otherwise.
func classify(err error) *atazan.Error {
	var re *retryError
	if errors.As(err, &re) {
		return re.err
	}
	var ae *atazan.Error
	if errors.As(err, &ae) && ae.Code != atazan.EInternal {
		return ae
	}
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errTooLarge(mb.Limit)
	}
	return &atazan.Error{Code: atazan.EInternal, Message: atazan.ErrorMessage(errPanic)}
}

// fail answers a request with err: as JSON under /api/, as a page elsewhere.
// Internal errors are logged with their details and shown with a generic message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := classify(err)
	status := httpStatus(e.Code)
	var re *retryError
	if errors.As(err, &re) {
		w.Header().Set("Retry-After", re.retryAfter())
	}
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if isAPI(r) {
		writeJSON(w, status, apiError{Error: apiErrorBody{Code: e.Code, Message: e.Message, Field: e.Field, Line: e.Line}})
		return
	}
	s.renderError(w, r, status, e)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"` // the query parameter or input field at fault
	Line    int    `json:"line,omitempty"`  // the 1-based input line at fault
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"Internal error."}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// errorPage is the data of the error page.
type errorPage struct {
	page
	Heading string
	Detail  string
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, e *atazan.Error) {
	lang := requestLang(r)
	t := i18n.Get(lang)
	heading, detail := t.ErrInvalid, e.Error()
	switch e.Code {
	case atazan.ENotFound:
		heading = t.ErrNotFound
	case atazan.EConflict:
		heading = t.ErrConflict
	case atazan.EUnauthorized, atazan.EForbidden:
		heading = t.ErrForbidden
	case atazan.ETooLarge:
		heading = t.ErrTooLarge
	case atazan.ERateLimited:
		heading = t.ErrRateLimit
	case atazan.EInternal:
		heading, detail = t.ErrInternal, t.ErrInternalMsg
	}
	p := errorPage{page: s.newPage(r, lang, heading), Heading: heading, Detail: detail}
	s.render(w, r, status, "error", &p)
}

// notFound answers every URL that no route matches.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, atazan.Errorf(atazan.ENotFound, "There is nothing at %s.", r.URL.Path))
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

package web

import (
	"net/http"

	"atazan"
	"atazan/identity"
)

// apiRevokeToken: DELETE /api/v1/tokens/current revokes the API token the
// request is made with, at once: a script that is done, or a token that
// leaked, stops working without waiting for it to expire.
func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) {
	tok, has := bearer(r)
	if !has || tok == "" {
		s.fail(w, r, atazan.Errorf(atazan.EUnauthorized, `send the token to revoke as "Authorization: Bearer …"`))
		return
	}
	if _, err := s.currentAccount(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.consult.DeleteSession(r.Context(), identity.HashToken(tok)); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

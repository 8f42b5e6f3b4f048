package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"atazan"
	"atazan/identity"
	"atazan/store"
)

// Sessions and API tokens.
//
// A browser signs in with a form and receives the cookie atazan_session
// (HttpOnly, SameSite=Lax, Secure under TLS, Path=/); a program asks
// POST /api/v1/tokens for a token and sends it as "Authorization: Bearer …".
// The store keeps only the SHA-256 of either (identity.HashToken), with the
// kind "session" or "api". Pages accept the cookie only; the API accepts a
// Bearer token, or else the cookie. A request that carries an Authorization
// header is judged by it alone, never by a cookie that came along with it.
//
// Cross-site request forgery: every POST and DELETE passes
// http.CrossOriginProtection (middleware.go), which refuses a browser's
// cross-origin request (Sec-Fetch-Site or Origin). The exceptions are the
// API requests that a cookie cannot authenticate: those with a Bearer token,
// and the anonymous POST /api/v1/accounts and POST /api/v1/tokens.
const (
	sessionCookie = "atazan_session"
	kindSession   = "session"
	kindAPI       = "api"
)

// limiters are the server's rate limits and lockout, in its memory.
type limiters struct {
	register, submitAccount, submitAddr, loginAddr, loginAccount, lookupAddr *identity.Limiter
	lockout                                                                  *identity.Lockout
}

func newLimiters(l identity.Limits) (*limiters, error) {
	var out limiters
	var err error
	for _, x := range []struct {
		dst **identity.Limiter
		r   identity.Rate
	}{{&out.register, l.RegisterPerAddr}, {&out.submitAccount, l.SubmitPerAccount}, {&out.submitAddr, l.SubmitPerAddr},
		{&out.loginAddr, l.LoginPerAddr}, {&out.loginAccount, l.LoginPerAccount}, {&out.lookupAddr, l.LookupPerAddr}} {
		if *x.dst, err = identity.NewLimiter(x.r, l.MaxKeys); err != nil {
			return nil, err
		}
	}
	if out.lockout, err = identity.NewLockout(l.Lockout, l.MaxKeys); err != nil {
		return nil, err
	}
	return &out, nil
}

// retryError is a rate_limited error that also tells when to try again;
// fail sends it as the Retry-After header.
type retryError struct {
	err   *atazan.Error
	after time.Duration
}

func (e *retryError) Error() string { return e.err.Error() }
func (e *retryError) Unwrap() error { return e.err }

func (e *retryError) retryAfter() string {
	return strconv.Itoa(max(1, int((e.after+time.Second-1)/time.Second)))
}

// allow spends one event of key at lim, or returns a rate_limited error.
func (s *Server) allow(lim *identity.Limiter, key, what string) error {
	ok, after := lim.Allow(key, s.cfg.Clock())
	if ok {
		return nil
	}
	secs := max(1, int((after+time.Second-1)/time.Second))
	return &retryError{atazan.Errorf(atazan.ERateLimited, "Too many %s. Try again in %d seconds.", what, secs), after}
}

// clientAddr is the rate-limiting key of the request's client: the
// connection's address, or with Config.TrustProxy the last X-Forwarded-For
// entry (the one the proxy added).
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			parts := strings.Split(xff[len(xff)-1], ",")
			if a, err := netip.ParseAddr(strings.TrimSpace(parts[len(parts)-1])); err == nil {
				return identity.AddrKey(a)
			}
		}
	}
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return identity.AddrKey(ap.Addr())
	}
	if a, err := netip.ParseAddr(r.RemoteAddr); err == nil {
		return identity.AddrKey(a)
	}
	return r.RemoteAddr
}

// allowSubmit spends one submission (proposal, support, comment, report)
// of the account and of the client's address.
func (s *Server) allowSubmit(r *http.Request, a identity.Account) error {
	if err := s.allow(s.limits.submitAddr, s.clientAddr(r), "submissions from this address"); err != nil {
		return err
	}
	return s.allow(s.limits.submitAccount, fmt.Sprint(a.ID), "submissions from this account")
}

type authKey struct{}

// authState caches the request's account once resolved.
type authState struct {
	done bool
	acc  *identity.Account
	err  error
	hash string // the session token's hash, for sign-out and password change
}

// withAuth gives each request a place to cache its account.
func withAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, &authState{})))
	})
}

// bearer returns the token of an "Authorization: Bearer" header, and
// whether the request has an Authorization header at all.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", false
	}
	scheme, tok, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", true
	}
	return strings.TrimSpace(tok), true
}

// currentAccount returns the signed-in account of the request, nil for an
// anonymous one. Invalid credentials sent in an Authorization header are an
// unauthorized error; an unknown or expired cookie counts as anonymous.
func (s *Server) currentAccount(r *http.Request) (*identity.Account, error) {
	st, _ := r.Context().Value(authKey{}).(*authState)
	if st == nil {
		st = &authState{}
	}
	if st.done {
		return st.acc, st.err
	}
	st.done = true
	if s.consult == nil {
		return nil, nil
	}
	if tok, has := bearer(r); has && isAPI(r) {
		if tok == "" {
			st.err = atazan.Errorf(atazan.EUnauthorized, `the Authorization header must be "Bearer" and a token from POST /api/v1/tokens`)
			return nil, st.err
		}
		a, err := s.consult.SessionAccount(r.Context(), identity.HashToken(tok), kindAPI)
		if err != nil {
			if atazan.ErrorCode(err) == atazan.EUnauthorized || atazan.ErrorCode(err) == atazan.ENotFound {
				err = atazan.Errorf(atazan.EUnauthorized, "the token is unknown, expired or revoked: ask POST /api/v1/tokens for a new one")
			}
			st.err = err
			return nil, err
		}
		st.acc = &a
		return st.acc, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	h := identity.HashToken(c.Value)
	a, err := s.consult.SessionAccount(r.Context(), h, kindSession)
	if err != nil {
		if code := atazan.ErrorCode(err); code == atazan.EUnauthorized || code == atazan.ENotFound {
			return nil, nil
		}
		st.err = err
		return nil, err
	}
	st.acc, st.hash = &a, h
	return st.acc, nil
}

// sessionHash is the stored hash of the request's session cookie, if it is signed in by one.
func (s *Server) sessionHash(r *http.Request) string {
	if st, _ := r.Context().Value(authKey{}).(*authState); st != nil {
		return st.hash
	}
	return ""
}

// authorize returns the signed-in account if it may do act: unauthorized
// without one, forbidden (identity's one permission table) when its roles
// do not allow it.
func (s *Server) authorize(r *http.Request, act identity.Action) (identity.Account, error) {
	a, err := s.currentAccount(r)
	if err != nil {
		return identity.Account{}, err
	}
	if a == nil {
		return identity.Account{}, atazan.Errorf(atazan.EUnauthorized, "Sign in first.")
	}
	if err := a.Authorize(act); err != nil {
		return identity.Account{}, err
	}
	return *a, nil
}

// startSession creates a session for the account and sets its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, id identity.AccountID) error {
	tok, h := identity.NewToken()
	if err := s.consult.CreateSession(r.Context(), h, id, kindSession, s.cfg.Clock().Add(s.cfg.SessionTTL)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", MaxAge: int(s.cfg.SessionTTL / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	return nil
}

func clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

// dummyHash is checked against when the e-mail address is unknown, so that
// a sign-in takes as long whether or not the address has an account.
var dummyHash, _ = identity.HashPassword("not a password of anyone 7f3a")

// signIn checks a login (e-mail address) and password under the rate limits
// and the lockout, and returns the account.
func (s *Server) signIn(r *http.Request, login, password string) (identity.Account, error) {
	ctx := r.Context()
	now := s.cfg.Clock()
	if err := s.allow(s.limits.loginAddr, s.clientAddr(r), "sign-in attempts from this address"); err != nil {
		return identity.Account{}, err
	}
	email := strings.ToLower(strings.TrimSpace(login))
	if email == "" {
		return identity.Account{}, atazan.FieldErrorf("login", "type the e-mail address you registered with")
	}
	if err := s.allow(s.limits.loginAccount, email, "sign-in attempts for this account"); err != nil {
		return identity.Account{}, err
	}
	if locked, until := s.limits.lockout.Locked(email, now); locked {
		return identity.Account{}, &retryError{identity.LockedError(until.In(s.cfg.Location)), until.Sub(now)}
	}
	wrong := &atazan.Error{Code: atazan.EUnauthorized, Field: "password", Message: "the e-mail address or the password is wrong"}
	acc, hash, err := s.consult.Credentials(ctx, email)
	if err != nil && atazan.ErrorCode(err) != atazan.ENotFound {
		return identity.Account{}, err
	}
	if err != nil {
		hash = dummyHash
	}
	ok, cerr := identity.CheckPassword(hash, password)
	if err != nil || cerr != nil || !ok {
		if locked, until := s.limits.lockout.Fail(email, now); locked {
			return identity.Account{}, &retryError{identity.LockedError(until.In(s.cfg.Location)), until.Sub(now)}
		}
		return identity.Account{}, wrong
	}
	s.limits.lockout.Succeed(email)
	if acc.Disabled {
		return identity.Account{}, atazan.Errorf(atazan.EForbidden, "this account is disabled")
	}
	return acc, nil
}

// fieldOrder is the order in which registration fields are checked and shown.
var fieldOrder = []string{"name", "iin", "region", "email", "password"}

// validateRegistration checks every field of a registration and returns the
// errors by field (all of them, for a form), in fieldOrder; the rules are
// identity's, applied field by field and then as a whole.
func (s *Server) validateRegistration(reg identity.Registration) (identity.CleanRegistration, []*atazan.Error, error) {
	errs := map[string]*atazan.Error{}
	add := func(err error) error {
		var ae *atazan.Error
		if !errors.As(err, &ae) || ae.Field == "" {
			return err
		}
		if errs[ae.Field] == nil {
			errs[ae.Field] = ae
		}
		return nil
	}
	checks := []error{}
	if _, err := identity.ParseIIN(reg.IIN); err != nil {
		checks = append(checks, err)
	}
	if _, err := s.cfg.Regions.Match(reg.Region); err != nil {
		checks = append(checks, err)
	}
	if _, err := identity.NormalizeEmail(reg.Email); err != nil {
		checks = append(checks, err)
	}
	if err := identity.CheckPasswordPolicy(reg.Password); err != nil {
		checks = append(checks, err)
	}
	clean, verr := reg.Validate(s.cfg.Regions)
	if verr != nil {
		checks = append(checks, verr)
	}
	for _, err := range checks {
		if err := add(err); err != nil {
			return clean, nil, err
		}
	}
	var out []*atazan.Error
	for _, f := range fieldOrder {
		if e := errs[f]; e != nil {
			out = append(out, e)
		}
	}
	return clean, out, nil
}

// register creates a citizen's account from a clean registration.
func (s *Server) register(r *http.Request, clean identity.CleanRegistration) (identity.Account, int64, error) {
	ctx := r.Context()
	v, err := s.cfg.Verifier.Verify(ctx, clean.IIN, clean.Name)
	if err != nil {
		return identity.Account{}, 0, err
	}
	key, err := s.consult.IINKey(ctx)
	if err != nil {
		return identity.Account{}, 0, err
	}
	hash, err := identity.HashPassword(clean.Password)
	if err != nil {
		return identity.Account{}, 0, err
	}
	return s.consult.CreateAccount(ctx, store.NewAccount{Name: clean.Name, Email: clean.Email, IINHash: identity.HashIIN(key, clean.IIN),
		Region: clean.Region, PasswordHash: hash, Verification: v.Level, Roles: []identity.Role{identity.RoleCitizen}})
}

// Package web serves atazan to people and programs: server-rendered HTML
// pages in Kazakh, Russian and English (usable without JavaScript, printable)
// and a JSON API under /api/v1 with the same reads.
//
// The route table is routes.go; each group of handlers has its own file.
// Templates and the style sheet are embedded, parsed and checked when the
// server is created, so a broken template or an unknown message key stops
// the program at start.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"atazan/charter"
	"atazan/identity"
)

// Config tunes the server. Zero fields take the defaults named beside them.
type Config struct {
	MaxBodyBytes      int64         // largest request body accepted; 1 MiB
	ReadHeaderTimeout time.Duration // 5s
	ReadTimeout       time.Duration // 15s
	WriteTimeout      time.Duration // 30s
	IdleTimeout       time.Duration // 120s
	ShutdownTimeout   time.Duration // time given to requests in flight at shutdown; 10s
	CacheEntries      int           // parsed documents kept in memory; 64
	// Location is the time zone in which dates are shown; Kazakhstan's UTC+5 by default.
	Location *time.Location

	// Log is the public log to serve under /log and /api/v1/log; nil serves none.
	Log LogStore
	// LogVerifierKey is the verifier key of the log's checkpoints, served at /log/key.
	LogVerifierKey string
	// PublicURL is the address people reach the server at (e.g.
	// https://atazan.example.kz), used in the audit command the log page
	// shows. Empty: taken from the request, which a client can choose.
	PublicURL string

	// Consult is the store of accounts, consultations and proposals (a
	// *store.Store); nil serves no accounts, consultation pages or API.
	Consult ConsultStore
	// Regions are the regions a citizen may register in; identity.DefaultRegions().
	Regions identity.Regions
	// Limits are the rate limits and the lockout; a zero field takes
	// identity.DefaultLimits().
	Limits identity.Limits
	// Verifier checks a registering citizen's IIN; identity.SelfDeclared{}.
	Verifier identity.Verifier
	// Clock tells the time for rate limits, lockouts and the consultation
	// dates; time.Now. Tests replace it.
	Clock func() time.Time
	// TrustProxy takes the client address for rate limits from the last
	// X-Forwarded-For entry (set by a reverse proxy in front of the server)
	// instead of the connection's address. Leave it off without such a proxy.
	TrustProxy bool
	// SessionTTL is how long a sign-in lasts; 30 days. TokenTTL is how long
	// an API token lasts; 365 days.
	SessionTTL, TokenTTL time.Duration
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	def(&c.ReadHeaderTimeout, 5*time.Second)
	def(&c.ReadTimeout, 15*time.Second)
	def(&c.WriteTimeout, 30*time.Second)
	def(&c.IdleTimeout, 120*time.Second)
	def(&c.ShutdownTimeout, 10*time.Second)
	if c.CacheEntries <= 0 {
		c.CacheEntries = 64
	}
	if c.Location == nil {
		c.Location = time.FixedZone("UTC+5", 5*60*60)
	}
	if c.Regions == nil {
		c.Regions = identity.DefaultRegions()
	}
	d := identity.DefaultLimits()
	rate := func(r *identity.Rate, v identity.Rate) {
		if r.N <= 0 || r.Per <= 0 {
			*r = v
		}
	}
	rate(&c.Limits.RegisterPerAddr, d.RegisterPerAddr)
	rate(&c.Limits.SubmitPerAccount, d.SubmitPerAccount)
	rate(&c.Limits.SubmitPerAddr, d.SubmitPerAddr)
	rate(&c.Limits.LoginPerAddr, d.LoginPerAddr)
	rate(&c.Limits.LoginPerAccount, d.LoginPerAccount)
	rate(&c.Limits.LookupPerAddr, d.LookupPerAddr)
	if c.Limits.Lockout.Failures <= 0 || c.Limits.Lockout.Window <= 0 || c.Limits.Lockout.Duration <= 0 {
		c.Limits.Lockout = d.Lockout
	}
	if c.Limits.MaxKeys <= 0 {
		c.Limits.MaxKeys = d.MaxKeys
	}
	if c.Verifier == nil {
		c.Verifier = identity.SelfDeclared{}
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	def(&c.SessionTTL, 30*24*time.Hour)
	def(&c.TokenTTL, 365*24*time.Hour)
	return c
}

// Server is the web front of a charter store.
type Server struct {
	cfg      Config
	charters charter.Store
	log      *slog.Logger
	pages    *pages
	docs     *docCache
	handler  http.Handler
	consult  ConsultStore // nil without consultations
	limits   *limiters

	commission CommissionStore // nil without the commission: the consultation's store, when it has one
	hub        *meetingHub     // live meeting pages
}

// New returns a server reading from charters. It fails when a template does
// not parse or names an unknown message.
func New(cfg Config, charters charter.Store, log *slog.Logger) (*Server, error) {
	if charters == nil {
		return nil, errors.New("web: no charter store")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	p, err := loadPages()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &Server{cfg: cfg, charters: charters, log: log, pages: p, docs: newDocCache(cfg.CacheEntries), consult: cfg.Consult}
	s.commission, _ = cfg.Consult.(CommissionStore)
	s.hub = newMeetingHub()
	if s.limits, err = newLimiters(cfg.Limits); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s.handler = s.middleware(s.routes())
	return s, nil
}

// Handler returns the server's HTTP handler, with its middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers HTTP requests on ln until ctx is cancelled, then shuts down
// gracefully: it stops accepting connections and waits up to
// Config.ShutdownTimeout for requests in flight. It returns nil after a
// graceful shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving http", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	s.log.Info("http server stopped", "err", err)
	return err
}

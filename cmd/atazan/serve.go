package main

import (
	"atazan/consolidate"
	"context"
	"flag"
	"fmt"
	"net"
	"strings"
	"time"

	"atazan/demo"
	"atazan/identity"
	"atazan/ledger"
	"atazan/store"
	"atazan/web"
)

// serveFlags are the flags of the commands that run the web server.
type serveFlags struct {
	addr       string
	every      time.Duration
	maxBody    int64
	shutdown   time.Duration
	limits     string
	register   int
	submit     int
	trustProxy bool
	publicURL  string
	campaign   *string
}

func addServeFlags(fs *flag.FlagSet) *serveFlags {
	f := &serveFlags{}
	fs.StringVar(&f.addr, "addr", "localhost:8080", "address to listen on, host:port")
	fs.DurationVar(&f.every, "checkpoint-every", time.Second, "how often to sign a checkpoint when the log has grown")
	fs.Int64Var(&f.maxBody, "max-body", 1<<20, "largest request body in bytes")
	fs.DurationVar(&f.shutdown, "shutdown-timeout", 10*time.Second, "time given to requests in flight when stopping")
	fs.StringVar(&f.limits, "rate-limits", "on", "on, or off for load tests (no rate limits on registration, sign-in and submissions)")
	fs.IntVar(&f.register, "rate-register", 10, "registrations a minute from one address")
	fs.IntVar(&f.submit, "rate-submit", 60, "proposals, supports and comments a minute from one address and from one account")
	fs.StringVar(&f.publicURL, "public-url", "", "the address people reach the server at, e.g. https://atazan.example.kz (shown in the audit command)")
	fs.BoolVar(&f.trustProxy, "trust-proxy", false, "take the client address from X-Forwarded-For (only behind a reverse proxy that sets it)")
	f.campaign = campaignFlag(fs)
	return f
}

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "run the web server: the reader, the JSON API and the public log",
		nargs:   0,
		help: `Serves the platform over HTTP on --addr: pages in kk, ru and en, the JSON API
under /api/v1, and the public log (/log/checkpoint, /log/tile/…, /log/key).
While it runs it signs a checkpoint over whatever the database holds, including
records appended by other processes, at most --checkpoint-every after they
appear. It stops gracefully on SIGINT or SIGTERM.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			vf := addServeFlags(fs)
			return func(ctx context.Context, m *Main, _ []string) error {
				s, k, err := sf.open(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				return m.serve(ctx, s, k, vf)
			}
		},
	}
}

func demoCommand() *command {
	return &command{
		name:    "demo",
		summary: "serve an example reform on an embedded database in ./atazan-data",
		nargs:   0,
		help: `Creates or reuses the database (by default ./atazan-data/atazan.db), loads
the example reform into it when it is not there (the Constitution of the
fictional Republic of Altyndala, its current text and a 2026 draft, in kk, ru
and en) and serves it like "atazan serve", printing the URL.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *Main, []string) error {
			sf := dbFlags(fs)
			vf := addServeFlags(fs)
			return func(ctx context.Context, m *Main, _ []string) error {
				s, k, err := sf.open(ctx, m)
				if err != nil {
					return err
				}
				defer s.Close()
				progress := func(format string, args ...any) { fmt.Fprintf(m.Stderr, format+"\n", args...) }
				if err := demo.Load(ctx, s, progress); err != nil {
					return err
				}
				if err := demo.LoadConsultation(ctx, s, demo.DefaultSize, progress); err != nil {
					return err
				}
				if err := demo.LoadReferendum(ctx, s, progress); err != nil {
					return err
				}
				for _, st := range demo.Staff {
					progress("demo account %s (%s), password %s", st.Email, st.Role, demo.Password)
				}
				return m.serve(ctx, s, k, vf)
			}
		},
	}
}

// serve runs the web server and the checkpoint signer until ctx is cancelled.
func (m *Main) serve(ctx context.Context, s *store.Store, k *logKey, f *serveFlags) error {
	log := m.logger()
	limits := identity.DefaultLimits()
	limits.RegisterPerAddr.N = f.register
	limits.SubmitPerAddr.N, limits.SubmitPerAccount.N = f.submit, f.submit
	switch f.limits {
	case "on":
	case "off":
		unlimited := identity.Rate{N: 1 << 30, Per: time.Minute}
		limits.RegisterPerAddr, limits.SubmitPerAddr, limits.SubmitPerAccount = unlimited, unlimited, unlimited
		limits.LoginPerAddr, limits.LoginPerAccount, limits.LookupPerAddr = unlimited, unlimited, unlimited
		fmt.Fprintln(m.Stderr, "warning: rate limits are off (--rate-limits=off): for load tests only")
	default:
		return usageError{fmt.Sprintf("--rate-limits %q: on or off", f.limits)}
	}
	rule, err := consolidate.ParseCampaignRule(*f.campaign)
	if err != nil {
		return usageError{err.Error()}
	}
	s.CampaignRule = rule
	srv, err := web.New(web.Config{MaxBodyBytes: f.maxBody, ShutdownTimeout: f.shutdown, Log: s, LogVerifierKey: k.vkey,
		Consult: s, Limits: limits, TrustProxy: f.trustProxy, PublicURL: f.publicURL}, s, log)
	if err != nil {
		return err
	}
	cp := &ledger.Checkpointer{Source: s, SignerKey: k.skey, Every: f.every, Logger: log}
	// Sign before listening, so that /log/checkpoint answers from the first request.
	if _, _, err := cp.SignIfGrown(ctx); err != nil {
		return fmt.Errorf("sign checkpoint: %w", err)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	fmt.Fprintf(m.Stderr, "atazan is serving %s on http://%s/\n", dbName(s), displayAddr(addr))
	if m.Ready != nil {
		m.Ready(addr)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() { cp.Run(ctx); close(done) }()
	err = srv.Serve(ctx, ln)
	cancel()
	<-done
	return err
}

func dbName(s *store.Store) string {
	if s.Path() != "" {
		return s.Path()
	}
	return string(s.Dialect())
}

// displayAddr turns a listening address into one a browser can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "::" || host == "0.0.0.0" || strings.HasPrefix(host, "127.") {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

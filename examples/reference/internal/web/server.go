// Package web is the reference server's HTTP layer: HTML pages, the JSON API
// under /api/v1, and the middleware around them.
//
// Each feature lives in a file of its own (home.go, health.go, …) with a
// mount method that registers its pages and API routes; routes lists the
// mounts, one line a feature.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Server serves one network.
type Server struct {
	db     *storage.DB
	cfg    network.Config
	opts   Options
	log    *slog.Logger
	pages  map[language.Tag]*template.Template // one set a language: the functions format in it
	mailer *devMailer
	// net is the network, every service wired by network.New; the fields
	// below are its services, named for the handlers' brevity.
	net        *network.Network
	members    *membership.Service
	committees *committee.Service
	forums     *forum.Service
	// consultations runs the consultations of the theme forums.
	consultations *consultation.Service
	// solidarity runs "la Fraternité en action".
	solidarity *solidarity.Service
}

// Options are the reference server's switches.
type Options struct {
	// Dev serves the development mailbox (/dev/mailbox), where the mails the
	// server sends — sign-in links included — can be read. Never on a
	// public address.
	Dev bool
	// BaseURL is the server's public address, for links in mails.
	BaseURL string
	// Clock is the source of time (default avenir.SystemClock).
	Clock avenir.Clock
	// BallotSecret keys the consultations' ballots (at least 32 bytes, the
	// same on every server, kept out of the database); without it votes
	// are refused.
	BallotSecret []byte
	// Limiter counts requests for the rate limits (default: the database,
	// shared by every server); Limits sets them (zero: DefaultLimits).
	Limiter Limiter
	Limits  Limits
}

// New returns the server of the network cfg stored in db: network.New
// wires every service, with the server's development mailer, address,
// clock and ballot key.
func New(db *storage.DB, cfg network.Config, log *slog.Logger, opts Options) (*Server, error) {
	if opts.Clock == nil {
		opts.Clock = avenir.SystemClock
	}
	if opts.Limiter == nil {
		opts.Limiter = db
	}
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	pages := map[language.Tag]*template.Template{}
	for _, lang := range avenir.Languages {
		pages[lang] = template.Must(template.New("").Funcs(funcs(loc, lang)).ParseFS(templateFiles, "templates/*.html"))
	}
	s := &Server{db: db, cfg: cfg, opts: opts, log: log, pages: pages, mailer: newDevMailer(log, opts.Dev)}
	s.net, err = network.New(db, cfg, network.WithClock(opts.Clock), network.WithMailer(s.mailer),
		network.WithBaseURL(opts.BaseURL), network.WithBallotSecret(opts.BallotSecret), network.WithLogger(log))
	if err != nil {
		return nil, err
	}
	s.members, s.committees, s.forums = s.net.Members, s.net.Committees, s.net.Forums
	s.consultations, s.solidarity = s.net.Consultations, s.net.Solidarity
	return s, nil
}

// Members returns the membership service (for seeding demo data).
func (s *Server) Members() *membership.Service { return s.members }

// Committees returns the committee service (for seeding demo data).
func (s *Server) Committees() *committee.Service { return s.committees }

// Handler returns the server's routes wrapped in its middleware: panics
// recovered, requests logged, security headers, cross-origin request
// forgery refused (net/http's CrossOriginProtection, on every state-changing
// method, for requests without an Authorization header: refuseCrossOrigin), the actor identified from the session, request bodies bounded,
// and rate limits on sign-ups, posting and flags.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	return s.recoverPanics(s.logRequests(s.securityHeaders(contentSecurityPolicy(s.cfg.Branding),
		refuseCrossOrigin(s.rememberLang(s.identify(s.limitBodies(s.limitRates(mux))))))))
}

// routes mounts every feature: one line a feature.
func (s *Server) routes(mux *http.ServeMux) {
	s.mountStatic(mux)
	s.mountBrand(mux)
	s.mountHealth(mux)
	s.mountHome(mux)
	s.mountAPI(mux)
	s.mountOpenAPI(mux)
	s.mountMailbox(mux)
	s.mountMembersAPI(mux)
	s.mountAccount(mux)
	s.mountMembersAdmin(mux)
	s.mountMembersImport(mux)
	s.mountCommittees(mux)
	s.mountCommitteesAPI(mux)
	s.mountCommitteesAdmin(mux)
	s.mountForums(mux)
	s.mountForumsAPI(mux)
	s.mountForumsAdmin(mux)
	s.mountConsultations(mux)
	s.mountConsultationsAPI(mux)
	s.mountConsultationsNew(mux)
	s.mountSolidarity(mux)
	s.mountSolidarityAPI(mux)
	s.mountConversations(mux)
	s.mountConversationsAPI(mux)
	s.mountFeed(mux)
	s.mountFollows(mux)
	s.mountFollowsAPI(mux)
	s.mountNotifications(mux)
	s.mountNotificationsAPI(mux)
	s.mountSettings(mux)
	s.mountSettingsAPI(mux)
	s.mountAudit(mux)
	s.mountAuditAPI(mux)
	s.mountWebhooks(mux)
	s.mountWebhooksAPI(mux)
	s.mountReports(mux)
	s.mountReportsAPI(mux)
	s.mountTokens(mux)
	s.mountTokensAPI(mux)
}

// RunBackground runs the background work until ctx ends: the outbox relay
// (notifications and webhooks) continuously, and hourly the membership
// sweep (expiry, grace, end of suspensions), the expiry of solidarity
// actions whose end passed, the daily digest of notifications (once per
// member and day), the erasure of members lapsed longer than the retention
// period, and the expiry of old audit entries. Each is safe on several
// servers.
func (s *Server) RunBackground(ctx context.Context) {
	go func() {
		if err := s.net.Relay.Run(ctx); err != nil && ctx.Err() == nil {
			s.log.ErrorContext(ctx, "outbox relay stopped", "err", err)
		}
	}()
	jobs := []struct {
		name string
		run  func(context.Context) (int, error)
	}{
		{"membership sweep", s.members.Sweep},
		{"solidarity expiry", s.solidarity.ExpireDue},
		{"notification digest", s.net.Notifications.Digest},
		{"retention erasure", s.net.EraseDue},
		{"audit expiry", s.net.ExpireAudit},
		{"rate counters purge", func(ctx context.Context) (int, error) {
			return s.db.PurgeCounters(ctx, s.opts.Clock.Now().Add(-24*time.Hour))
		}},
	}
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		for _, job := range jobs {
			if n, err := job.run(ctx); err != nil && ctx.Err() == nil {
				s.log.ErrorContext(ctx, job.name+" failed", "err", err)
			} else if n > 0 {
				s.log.InfoContext(ctx, job.name, "changed", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (s *Server) mountStatic(mux *http.ServeMux) {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(sub)))
}

// langCookie remembers the language a person chose with the switcher.
const langCookie = "avenir_lang"

// rememberLang keeps a language chosen with ?lang= for the next requests
// (forms post to addresses without it).
func (s *Server) rememberLang(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l := r.URL.Query().Get("lang"); l != "" {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: avenir.MatchLanguage(l).String(), Path: "/",
				MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
		}
		next.ServeHTTP(w, r)
	})
}

// lang returns the language of the request: the ?lang= parameter, then the
// language chosen before (a cookie), then the Accept-Language header, then
// the network's default.
func (s *Server) lang(r *http.Request) language.Tag {
	def, _ := s.cfg.LanguageTag()
	var chosen string
	if l := r.URL.Query().Get("lang"); l != "" {
		chosen = l
	} else if c, err := r.Cookie(langCookie); err == nil && c.Value != "" {
		chosen = c.Value
	} else {
		chosen = r.Header.Get("Accept-Language")
	}
	prefs, _, err := language.ParseAcceptLanguage(chosen)
	if err != nil || len(prefs) == 0 {
		return def
	}
	// Only a language the network offers, and its default when none fits
	// (a French-only network stays French for an English browser).
	offered, _ := s.cfg.LanguageTags()
	candidates := append([]language.Tag{def}, offered...)
	_, i, conf := language.NewMatcher(candidates).Match(prefs...)
	if conf == language.No {
		return def
	}
	return candidates[i]
}

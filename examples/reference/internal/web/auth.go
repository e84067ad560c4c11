package web

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// sessionCookie holds the session token of a signed-in browser. Its value is
// the secret; the database keeps only its hash. Over https the cookie takes
// the "__Host-" prefix (RFC 6265bis §4.1.3.2): the browser then keeps it only
// if it is Secure, for this host alone and the whole site, so that a
// sibling subdomain or a plain-http page cannot plant or shadow it. Over
// plain http (local development) it keeps the plain name.
const (
	sessionCookie       = "avenir_session"
	secureSessionCookie = "__Host-" + sessionCookie
)

type ctxKey int

const (
	actorKey ctxKey = iota
	memberKey
	tokenKey
	apiTokenKey
)

// identify attaches the actor of the request to its context: the session
// from the cookie, or from an "Authorization: Bearer" header for API
// clients (a session token, or a personal API token: identifyAPIToken). A
// request without a valid session is anonymous.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" {
			next.ServeHTTP(w, r) // nothing there depends on who asks
			return
		}
		token := bearer(r)
		if membership.IsAPIToken(token) {
			s.identifyAPIToken(w, r, token, next)
			return
		}
		if token == "" {
			token = sessionToken(r)
		}
		if token != "" {
			actor, m, err := s.members.Authenticate(r.Context(), token)
			if err == nil {
				// The committee tree completes the actor: the member's
				// committee, and animator grants listed down the tree.
				actor, err = s.committees.Actor(r.Context(), actor)
			}
			switch {
			case err == nil:
				ctx := context.WithValue(r.Context(), actorKey, actor)
				ctx = context.WithValue(ctx, memberKey, m)
				ctx = context.WithValue(ctx, tokenKey, token)
				r = r.WithContext(ctx)
			case avenir.ErrorCode(err) == avenir.CodeInternal:
				s.logError(r, err)
			default:
				s.clearSession(w, r) // expired or revoked: forget it
			}
		}
		next.ServeHTTP(w, r)
	})
}

// identifyAPIToken serves a request that carries a personal API token. The
// token is for the JSON API only; one that is unknown, revoked or expired
// is refused (401) rather than taken for a visitor, so that an integration
// learns its token stopped working; a token without the write scope may
// only read (403 on any other method).
func (s *Server) identifyAPIToken(w http.ResponseWriter, r *http.Request, token string, next http.Handler) {
	if !strings.HasPrefix(r.URL.Path, "/api/v1/") {
		s.fail(w, r, avenir.ErrUnauthenticated)
		return
	}
	actor, m, tok, err := s.members.AuthenticateAPIToken(r.Context(), token)
	if err == nil {
		actor, err = s.committees.Actor(r.Context(), actor)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if !tok.Allows(membership.ScopeWrite) && !safeMethod(r.Method) {
		s.apiFail(w, r, avenir.Errorf(avenir.CodeForbidden, "This API token may only read."))
		return
	}
	ctx := context.WithValue(r.Context(), actorKey, actor)
	ctx = context.WithValue(ctx, memberKey, m)
	ctx = context.WithValue(ctx, apiTokenKey, tok)
	next.ServeHTTP(w, r.WithContext(ctx))
}

// safeMethod reports whether method only reads (RFC 9110 §9.2.1).
func safeMethod(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// viaAPIToken reports whether the request carries a personal API token
// (rather than a session).
func viaAPIToken(r *http.Request) bool {
	_, ok := r.Context().Value(apiTokenKey).(membership.APIToken)
	return ok
}

// refuseCrossOrigin refuses cross-origin state-changing requests from
// browsers (net/http's CrossOriginProtection), except those carrying a
// bearer token: a browser never adds "Authorization: Bearer" by itself (as
// it may add Basic credentials it remembers), and sends it across origins
// only if the server allows it by CORS, which this one never does; so such
// a request cannot be forged by another site.
func refuseCrossOrigin(next http.Handler) http.Handler {
	protected := http.NewCrossOriginProtection().Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if bearer(r) != "" {
			next.ServeHTTP(w, r)
			return
		}
		protected.ServeHTTP(w, r)
	})
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(t)
	}
	return ""
}

// actorOf returns the actor of the request (anonymous when not signed in).
func actorOf(r *http.Request) avenir.Actor {
	a, _ := r.Context().Value(actorKey).(avenir.Actor)
	return a
}

// memberOf returns the signed-in member, and whether there is one.
func memberOf(r *http.Request) (membership.Member, bool) {
	m, ok := r.Context().Value(memberKey).(membership.Member)
	return m, ok
}

// sessionToken reads the session cookie, under either of its names.
func sessionToken(r *http.Request) string {
	for _, name := range []string{secureSessionCookie, sessionCookie} {
		if c, err := r.Cookie(name); err == nil && c.Value != "" {
			return c.Value
		}
	}
	return ""
}

// sessionCookieName is the name of the session cookie for r: prefixed when
// it is Secure.
func (s *Server) sessionCookieName(r *http.Request) string {
	if s.secure(r) {
		return secureSessionCookie
	}
	return sessionCookie
}

func tokenOf(r *http.Request) string {
	t, _ := r.Context().Value(tokenKey).(string)
	return t
}

// setSession gives the browser its session cookie: HttpOnly (no script reads
// it), SameSite=Lax, Secure and "__Host-" over https. The cookie is kept as long as the
// session may live; the server decides, at each request, whether it still
// does (it slides with use).
func (s *Server) setSession(w http.ResponseWriter, r *http.Request, in membership.SignedIn) {
	http.SetCookie(w, &http.Cookie{
		Name: s.sessionCookieName(r), Value: in.Token, Path: "/", Expires: in.Session.CreatedAt.Add(s.members.SessionMaxAge()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r),
	})
}

// clearSession removes the session cookie, and a plain-named one the
// browser still holds from before the server was behind https.
func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	name := s.sessionCookieName(r)
	names := []string{name}
	if _, err := r.Cookie(sessionCookie); err == nil && name != sessionCookie {
		names = append(names, sessionCookie)
	}
	for _, n := range names {
		http.SetCookie(w, &http.Cookie{
			Name: n, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r),
		})
	}
}

// secure reports whether cookies must be Secure: the request came over TLS,
// or the server's public address is https (TLS ends at a proxy in front).
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.opts.BaseURL, "https://")
}

// clientAddr is the client's address for sign-in throttling: the connection's
// address (X-Forwarded-For is trusted only behind a known proxy, which the
// reference server does not configure).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

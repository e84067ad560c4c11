package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/avenirnet/avenir"
)

// Limiter counts requests under keys, for rate limits. It must count in a
// place every application server shares: *storage.DB, the default, keeps
// the counts in the database (storage.DB.Allow); a network may plug in
// another (Redis, say) through Options.Limiter.
type Limiter interface {
	// Allow counts one request under key at now and reports whether at
	// most limit fell within the window ending at now; when not, retry is
	// how long until one would be allowed.
	Allow(ctx context.Context, key string, limit int, window time.Duration, now time.Time) (ok bool, retry time.Duration, err error)
}

// Limit allows N requests a Window.
type Limit struct {
	N      int
	Window time.Duration
}

// Limits are the server's rate limits. A zero Limit takes its default.
type Limits struct {
	// Join bounds sign-ups, per client address (default 10 an hour).
	Join Limit
	// Post bounds what members write for others to read: threads and
	// replies, solidarity proposals and comments, consultation
	// contributions and amendments, conversations and their messages; per
	// member, or per client address for a visitor (default 30 in 10
	// minutes).
	Post Limit
	// Flag bounds flags of posts and reports of messages, per member
	// (default 20 an hour).
	Flag Limit
}

// DefaultLimits are the limits a zero Limits stands for.
var DefaultLimits = Limits{
	Join: Limit{N: 10, Window: time.Hour},
	Post: Limit{N: 30, Window: 10 * time.Minute},
	Flag: Limit{N: 20, Window: time.Hour},
}

func (l Limits) withDefaults() Limits {
	for _, p := range []struct{ l, def *Limit }{{&l.Join, &DefaultLimits.Join}, {&l.Post, &DefaultLimits.Post}, {&l.Flag, &DefaultLimits.Flag}} {
		if p.l.N <= 0 || p.l.Window <= 0 {
			*p.l = *p.def
		}
	}
	return l
}

// The rate-limited actions.
const (
	actJoin = "join"
	actPost = "post"
	actFlag = "flag"
)

// rateLimited names the routes under a rate limit, by their pattern, pages
// and API alike (TestRateLimitedRoutesExist checks each is a route).
var rateLimited = map[string]string{
	"POST /join":                 actJoin,
	"POST /api/v1/auth/register": actJoin,

	"POST /forums/{slug}/threads":                   actPost,
	"POST /forums/threads/{id}/replies":             actPost,
	"POST /api/v1/forums/{id}/threads":              actPost,
	"POST /api/v1/threads/{id}/posts":               actPost,
	"POST /solidarity":                              actPost,
	"POST /api/v1/solidarity/actions":               actPost,
	"POST /solidarity/{id}/comments":                actPost,
	"POST /api/v1/solidarity/actions/{id}/comments": actPost,
	"POST /consultations/{id}/contributions":        actPost,
	"POST /api/v1/consultations/{id}/contributions": actPost,
	"POST /consultations/texts/{id}/amendments":     actPost,
	"POST /api/v1/texts/{id}/amendments":            actPost,
	"POST /conversations":                           actPost,
	"POST /conversations/{id}":                      actPost,
	"POST /api/v1/conversations":                    actPost,
	"POST /api/v1/conversations/{id}/messages":      actPost,

	"POST /forums/posts/{id}/flag":      actFlag,
	"POST /api/v1/posts/{id}/flags":     actFlag,
	"POST /conversations/{id}/report":   actFlag,
	"POST /api/v1/messages/{id}/report": actFlag,
}

// limitRates refuses a request to a rate-limited route past its limit with
// rate_limited (429) and a Retry-After header. The key is the action and
// the member, or the client address for a visitor and for sign-ups; the
// limiter stores it hashed.
func (s *Server) limitRates(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			mux.ServeHTTP(w, r)
			return
		}
		_, pattern := mux.Handler(r)
		action, ok := rateLimited[pattern]
		if !ok {
			mux.ServeHTTP(w, r)
			return
		}
		limits := s.opts.Limits.withDefaults()
		limit := map[string]Limit{actJoin: limits.Join, actPost: limits.Post, actFlag: limits.Flag}[action]
		key := action + ":client:" + clientAddr(r)
		if a := actorOf(r); action != actJoin && !a.IsAnonymous() {
			key = action + ":member:" + a.ID.String()
		}
		allowed, retry, err := s.opts.Limiter.Allow(r.Context(), key, limit.N, limit.Window, s.opts.Clock.Now())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !allowed {
			minutes := int((retry + time.Minute - 1) / time.Minute)
			w.Header().Set("Retry-After", strconv.Itoa(int((retry+time.Second-1)/time.Second)))
			s.fail(w, r, avenir.Errorf(avenir.CodeRateLimited, "Too many requests. Please try again in %d minutes.", minutes))
			return
		}
		mux.ServeHTTP(w, r)
	})
}

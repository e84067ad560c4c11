package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestRateLimitedRoutesExist: every pattern under a rate limit is a route,
// so that a renamed route does not slip out of its limit unnoticed.
func TestRateLimitedRoutesExist(t *testing.T) {
	mux := http.NewServeMux()
	testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{}).routes(mux)
	for pattern := range rateLimited {
		method, path, _ := strings.Cut(pattern, " ")
		path = strings.NewReplacer("{slug}", "x", "{id}", avenir.NewID().String()).Replace(path)
		_, got := mux.Handler(httptest.NewRequest(method, path, nil))
		assert.Equal(t, pattern, got)
	}
}

func TestRateLimits(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, anon, clock := apiServer(t, db)
		token := anon.signIn("admin@example.org", "admin password here").token
		limits := Limits{Join: Limit{N: 1, Window: time.Hour}, Post: Limit{N: 2, Window: 10 * time.Minute}, Flag: Limit{N: 1, Window: time.Hour}}
		h := testServer(t, db, network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{Clock: clock, Limits: limits}).Handler()
		send := func(method, path, token, remote, lang string, form url.Values) *httptest.ResponseRecorder {
			var body string
			if form != nil {
				body = form.Encode()
			} else if strings.HasPrefix(path, "/api/") {
				body = `{"body":"Bonjour à toutes et à tous."}`
			}
			req := httptest.NewRequest(method, path, strings.NewReader(body))
			if form != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			req.RemoteAddr, req.Header["Accept-Language"] = remote, []string{lang}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}
		thread := "/api/v1/threads/" + avenir.NewID().String() + "/posts"
		page := "/forums/threads/" + avenir.NewID().String() + "/replies"

		// Posting: two a member, API and pages counted together.
		assert.Equal(t, http.StatusNotFound, send("POST", thread, token, "192.0.2.7:1", "en", nil).Code)
		assert.Equal(t, http.StatusNotFound, send("POST", page, token, "192.0.2.7:1", "en", url.Values{"body": {"Bonjour"}}).Code)
		rec := send("POST", thread, token, "192.0.2.7:1", "en", nil)
		assert.Equal(t, http.StatusTooManyRequests, rec.Code)
		assert.Equal(t, "600", rec.Header().Get("Retry-After"))
		assert.Contains(t, rec.Body.String(), `"code":"rate_limited"`)
		assert.Contains(t, rec.Body.String(), "Too many requests. Please try again in 10 minutes.")
		rec = send("POST", page, token, "192.0.2.7:1", "fr", url.Values{"body": {"Bonjour"}})
		assert.Equal(t, http.StatusTooManyRequests, rec.Code)
		assert.NotEmpty(t, rec.Header().Get("Retry-After"))
		assert.Contains(t, rec.Body.String(), "Trop de demandes. Veuillez réessayer dans 10 minutes.")
		// Reading is not limited; a visitor counts by address, apart.
		assert.Equal(t, http.StatusOK, send("GET", "/api/v1/me", token, "192.0.2.7:1", "en", nil).Code)
		assert.Equal(t, http.StatusUnauthorized, send("POST", thread, "", "192.0.2.7:1", "en", nil).Code)
		// The window passes.
		clock.Advance(10 * time.Minute)
		assert.Equal(t, http.StatusNotFound, send("POST", thread, token, "192.0.2.7:1", "en", nil).Code)

		// Flags: one a member.
		flag := "/api/v1/posts/" + avenir.NewID().String() + "/flags"
		assert.Equal(t, http.StatusBadRequest, send("POST", flag, token, "192.0.2.7:1", "en", nil).Code, "let through to the handler, which wants a reason")
		assert.Equal(t, http.StatusTooManyRequests, send("POST", flag, token, "192.0.2.7:1", "en", nil).Code)

		// Sign-ups: one a client address.
		join := func(remote, email string) int {
			return send("POST", "/join", "", remote, "en", joinForm(email, "Camille", "a long enough password", false)).Code
		}
		assert.Equal(t, http.StatusSeeOther, join("198.51.100.1:1", "a@example.org"))
		assert.Equal(t, http.StatusTooManyRequests, join("198.51.100.1:2", "b@example.org"))
		assert.Equal(t, http.StatusSeeOther, join("198.51.100.2:1", "b@example.org"), "another address")
	})
}

package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestCrossOriginWritesAreRefused(t *testing.T) {
	h := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{}).Handler()
	tests := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"same origin", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusUnauthorized},
		{"no browser headers (an API client)", nil, http.StatusUnauthorized},
		{"cross-site form", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"foreign origin", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"cross-site with remembered Basic credentials", map[string]string{"Sec-Fetch-Site": "cross-site", "Authorization": "Basic eDp5"}, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/api/v1/auth/signin", strings.NewReader(`{"email":"a@example.org","password":"whatever it is"}`))
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, tt.want, rec.Code, rec.Body.String())
		})
	}
}

func TestMailboxOnlyForThisMachine(t *testing.T) {
	h := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{Dev: true}).Handler()
	tests := []struct {
		remote string
		want   int
	}{
		{"127.0.0.1:50000", http.StatusOK},
		{"[::1]:50000", http.StatusOK},
		{"192.0.2.10:50000", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.remote, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/dev/mailbox", nil)
			req.RemoteAddr = tt.remote
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, tt.want, rec.Code)
		})
	}
	// Without -dev there is no mailbox at all.
	h = testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{}).Handler()
	req := httptest.NewRequest("GET", "/dev/mailbox", nil)
	req.RemoteAddr = "127.0.0.1:1"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusNotFound, rec.Code)
}

func TestSessionCookieIsSecureBehindHTTPS(t *testing.T) {
	s := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{BaseURL: "https://reseau.example.org"})
	rec := httptest.NewRecorder()
	s.clearSession(rec, httptest.NewRequest("GET", "/", nil))
	cookie := rec.Header().Get("Set-Cookie")
	assert.Contains(t, cookie, "Secure")
	assert.Contains(t, cookie, "HttpOnly")
	assert.Contains(t, cookie, "SameSite=Lax")
}

func TestMailboxLinksTheAddressesOfAMail(t *testing.T) {
	tests := []struct {
		text string
		want []mailPart
	}{
		{"", nil},
		{"Bonjour.", []mailPart{{Text: "Bonjour."}}},
		{"Confirmez : http://127.0.0.1:8080/verify?token=abc\nMerci.", []mailPart{
			{Text: "Confirmez : "}, {Text: "http://127.0.0.1:8080/verify?token=abc", Link: true}, {Text: "\nMerci."}}},
		{"https://a.test/x https://b.test/y", []mailPart{
			{Text: "https://a.test/x", Link: true}, {Text: " "}, {Text: "https://b.test/y", Link: true}}},
		{"javascript:alert(1) and <https://a.test/>", []mailPart{
			{Text: "javascript:alert(1) and <"}, {Text: "https://a.test/", Link: true}, {Text: ">"}}},
	}
	for _, tt := range tests {
		m := sentMail{}
		m.Text = tt.text
		assert.Equal(t, tt.want, m.Parts(), tt.text)
	}
}

// TestSignInIssuesANewSession: a sign-in over https sets a "__Host-" cookie
// holding a new session, and ends the session the browser held before
// (session fixation, OWASP ASVS 3.2.1); over http the cookie keeps its plain
// name, and either name is read.
func TestSignInIssuesANewSession(t *testing.T) {
	tests := []struct {
		name, base, cookie string
		secure             bool
	}{
		{"https", "https://reseau.example.org", "__Host-avenir_session", true},
		{"http", "http://localhost:8080", "avenir_session", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storagetest.SQLite(t)
			_, anon, clock := apiServer(t, db)
			s := testServer(t, db, network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{BaseURL: tt.base, Clock: clock})
			h := s.Handler()
			old := anon.signIn("admin@example.org", "admin password here").token

			form := url.Values{"email": {"admin@example.org"}, "password": {"admin password here"}}
			req := httptest.NewRequest("POST", "/signin", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: tt.cookie, Value: old})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())

			cookies := rec.Result().Cookies()
			require.Len(t, cookies, 1)
			c := cookies[0]
			assert.Equal(t, tt.cookie, c.Name)
			assert.Equal(t, tt.secure, c.Secure)
			assert.True(t, c.HttpOnly)
			assert.Equal(t, "/", c.Path)
			assert.Empty(t, c.Domain)
			assert.NotEqual(t, old, c.Value, "a new session")

			_, _, err := s.members.Authenticate(context.Background(), old)
			assert.True(t, avenir.IsCode(err, avenir.CodeUnauthenticated), "the old session is over: %v", err)
			_, _, err = s.members.Authenticate(context.Background(), c.Value)
			assert.NoError(t, err)

			// The new cookie identifies the browser.
			req = httptest.NewRequest("GET", "/api/v1/me", nil)
			req.AddCookie(c)
			rec = httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, http.StatusOK, rec.Code)
		})
	}
}

// TestRequestBodiesAreBounded: a body past its limit gets 413 with a clear
// message, announced (Content-Length) or not (chunked), on pages and the
// API; the CSV import keeps its larger limit.
func TestRequestBodiesAreBounded(t *testing.T) {
	h := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{}).Handler()
	big := strings.Repeat("a", maxBody+1)
	tests := []struct {
		name, path, contentType, body string
		chunked                       bool
		want                          int
	}{
		{"API, announced", "/api/v1/auth/signin", "application/json", `{"email":"` + big + `"}`, false, http.StatusRequestEntityTooLarge},
		{"API, chunked", "/api/v1/auth/signin", "application/json", `{"email":"` + big + `"}`, true, http.StatusRequestEntityTooLarge},
		{"form, announced", "/signin", "application/x-www-form-urlencoded", "email=" + big, false, http.StatusRequestEntityTooLarge},
		{"form, chunked, past the form limit", "/signin", "application/x-www-form-urlencoded", "email=" + strings.Repeat("a", maxFormBody), true, http.StatusRequestEntityTooLarge},
		{"API, small", "/api/v1/auth/signin", "application/json", `{"email":"a@example.org","password":"whatever it is"}`, false, http.StatusUnauthorized},
		{"import, larger than maxBody", "/api/v1/members/import", "text/csv", "email\n" + big, false, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", tt.path, strings.NewReader(tt.body))
			if tt.chunked {
				req.ContentLength = -1
			}
			req.Header.Set("Content-Type", tt.contentType)
			req.Header.Set("Accept-Language", "en")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, tt.want, rec.Code)
			if tt.want == http.StatusRequestEntityTooLarge {
				assert.Contains(t, rec.Body.String(), "The request is too large.")
			}
		})
	}
}

// TestSecurityHeaders: every answer carries the headers; HSTS only over https.
func TestSecurityHeaders(t *testing.T) {
	for _, base := range []string{"https://reseau.example.org", "http://localhost:8080"} {
		t.Run(base, func(t *testing.T) {
			h := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{BaseURL: base}).Handler()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			got := rec.Header()
			csp := got.Get("Content-Security-Policy")
			assert.Contains(t, csp, "default-src 'self'")
			assert.Contains(t, csp, "frame-ancestors 'none'")
			assert.NotContains(t, csp, "unsafe-inline")
			assert.Equal(t, "nosniff", got.Get("X-Content-Type-Options"))
			assert.Equal(t, "same-origin", got.Get("Referrer-Policy"))
			assert.Equal(t, "same-origin", got.Get("Cross-Origin-Opener-Policy"))
			assert.Equal(t, strings.HasPrefix(base, "https:"), got.Get("Strict-Transport-Security") != "")
		})
	}
}

package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

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

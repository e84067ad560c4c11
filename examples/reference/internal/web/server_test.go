package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func newTestServer(t *testing.T, db *storage.DB) http.Handler {
	t.Helper()
	cfg := network.DefaultConfig()
	cfg.Name = "Réseau d’essai"
	cfg.Tagline = "Ensemble <vraiment>"
	return testServer(t, db, cfg, slog.New(slog.DiscardHandler), Options{}).Handler()
}

func TestRoutes(t *testing.T) {
	tests := []struct {
		name        string
		method      string
		path        string
		header      map[string]string
		wantStatus  int
		wantType    string
		wantContain []string
		wantAbsent  []string
	}{
		{name: "landing page in the default language", method: "GET", path: "/", wantStatus: 200, wantType: "text/html",
			wantContain: []string{"Réseau d’essai", "Ensemble &lt;vraiment&gt;", "Débattre des idées", `lang="fr"`},
			wantAbsent:  []string{"<vraiment>"}},
		{name: "landing page in English by header", method: "GET", path: "/", header: map[string]string{"Accept-Language": "en-GB,en;q=0.9"},
			wantStatus: 200, wantType: "text/html", wantContain: []string{"Debate ideas", `lang="en"`}},
		{name: "landing page in English by parameter", method: "GET", path: "/?lang=en", header: map[string]string{"Accept-Language": "fr"},
			wantStatus: 200, wantType: "text/html", wantContain: []string{"Fraternity in action"}},
		{name: "style sheet", method: "GET", path: "/static/style.css", wantStatus: 200, wantType: "text/css"},
		{name: "unknown page", method: "GET", path: "/nowhere", wantStatus: 404, wantType: "text/html",
			wantContain: []string{"Erreur 404", "Introuvable."}},
		{name: "health", method: "GET", path: "/healthz", wantStatus: 200, wantType: "application/json",
			wantContain: []string{`"status":"ok"`}},
		{name: "API index", method: "GET", path: "/api/v1/", wantStatus: 200, wantType: "application/json",
			wantContain: []string{`"name":"Réseau d’essai"`, `"api":"v1"`}},
		{name: "unknown API path is a JSON error", method: "GET", path: "/api/v1/nothing", wantStatus: 404, wantType: "application/json",
			wantContain: []string{`{"error":{"code":"not_found","message":"Introuvable."}}`}},
		{name: "API error in English", method: "DELETE", path: "/api/v1/", header: map[string]string{"Accept-Language": "en"},
			wantStatus: 404, wantType: "application/json", wantContain: []string{`"message":"Not found."`}},
	}
	h := newTestServer(t, storagetest.SQLite(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			body := rec.Body.String()
			assert.Equal(t, tt.wantStatus, rec.Code, body)
			assert.Contains(t, rec.Header().Get("Content-Type"), tt.wantType)
			for _, s := range tt.wantContain {
				assert.Contains(t, body, s)
			}
			for _, s := range tt.wantAbsent {
				assert.NotContains(t, body, s)
			}
			assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
			assert.Contains(t, rec.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'")
		})
	}
}

func TestHealthReportsADeadDatabase(t *testing.T) {
	db := storagetest.SQLite(t)
	h := newTestServer(t, db)
	require.NoError(t, db.Close())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.JSONEq(t, `{"status":"unavailable"}`, rec.Body.String())
}

func TestEveryCodeHasAStatus(t *testing.T) {
	for _, code := range avenir.Codes {
		_, ok := statusOf[code]
		assert.True(t, ok, "code %s has no HTTP status", code)
	}
	assert.Equal(t, 500, httpStatus(io.EOF), "a foreign error is internal")
}

func TestAPIErrorsHideInternalDetails(t *testing.T) {
	var logged bytesLog
	s := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.NewTextHandler(&logged, nil)), Options{})
	tests := []struct {
		name      string
		err       error
		status    int
		code      string
		field     string
		wantLog   bool
		forbidden string
	}{
		{"internal error", avenir.Internal(io.ErrUnexpectedEOF), 500, "internal", "", true, "unexpected EOF"},
		{"invalid field", avenir.FieldError("email", "The request is not valid."), 400, "invalid", "email", false, ""},
		{"conflict", avenir.ErrConflict, 409, "conflict", "", false, ""},
		{"rate limited", avenir.ErrRateLimited, 429, "rate_limited", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logged.n = 0
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/api/v1/x", nil).WithContext(context.Background())
			s.apiFail(rec, req, tt.err)
			assert.Equal(t, tt.status, rec.Code)
			var body struct {
				Error apiError `json:"error"`
			}
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Equal(t, tt.code, string(body.Error.Code))
			assert.Equal(t, tt.field, body.Error.Field)
			assert.NotEmpty(t, body.Error.Message)
			if tt.forbidden != "" {
				assert.NotContains(t, rec.Body.String(), tt.forbidden)
			}
			assert.Equal(t, tt.wantLog, logged.n > 0, "only internal errors are logged")
		})
	}
}

type bytesLog struct{ n int }

func (b *bytesLog) Write(p []byte) (int, error) { b.n += len(p); return len(p), nil }

// testServer is New for tests: a server that must start.
func testServer(t testing.TB, db *storage.DB, cfg network.Config, log *slog.Logger, opts Options) *Server {
	t.Helper()
	s, err := New(db, cfg, log, opts)
	require.NoError(t, err)
	return s
}

package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestAPITokens(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, anon, clock := apiServer(t, db)
		session := anon.signIn("admin@example.org", "admin password here")

		code, out := session.call("POST", "/api/v1/me/tokens", map[string]any{"name": "Agenda", "scopes": []string{"read"}, "expires_at": clock.Now().Add(48 * time.Hour).Format(time.RFC3339)})
		require.Equal(t, http.StatusCreated, code, out)
		reader := apiClient{t: t, h: session.h, token: out["secret"].(string)}
		assert.True(t, strings.HasPrefix(reader.token, "avn_"))
		readID := out["token"].(map[string]any)["id"].(string)
		code, out = session.call("POST", "/api/v1/me/tokens", map[string]any{"name": "Robot", "scopes": []string{"write"}})
		require.Equal(t, http.StatusCreated, code, out)
		writer := apiClient{t: t, h: session.h, token: out["secret"].(string)}
		assert.Equal(t, []any{"read", "write"}, out["token"].(map[string]any)["scopes"])

		_, me := session.call("GET", "/api/v1/me", nil)
		adminID := me["id"].(string)

		code, out = session.call("POST", "/api/v1/me/tokens", map[string]any{"name": "x", "scopes": []string{"admin"}})
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "scopes", out["error"].(map[string]any)["field"])

		tests := []struct {
			name   string
			client apiClient
			method string
			path   string
			body   any
			want   int
		}{
			{"read token reads", reader, "GET", "/api/v1/me", nil, http.StatusOK},
			{"read token may not write", reader, "PUT", "/api/v1/me/privacy", map[string]string{"follow_policy": "nobody"}, http.StatusForbidden},
			{"write token writes", writer, "PUT", "/api/v1/me/privacy", map[string]string{"follow_policy": "nobody"}, http.StatusOK},
			{"a token acts as its owner: an admin's reads the directory", reader, "GET", "/api/v1/members", nil, http.StatusOK},
			{"a token does not list tokens", writer, "GET", "/api/v1/me/tokens", nil, http.StatusForbidden},
			{"a token does not make tokens", writer, "POST", "/api/v1/me/tokens", map[string]any{"name": "Plus", "scopes": []string{"write"}}, http.StatusForbidden},
			{"a token does not set the password", writer, "POST", "/api/v1/me/password", map[string]string{"password": "a password of the thief's"}, http.StatusForbidden},
			{"a token does not erase the account", writer, "DELETE", "/api/v1/me", map[string]string{"confirm": "erase"}, http.StatusForbidden},
			{"a token does not sign the owner out", writer, "POST", "/api/v1/auth/signout-everywhere", nil, http.StatusForbidden},
			{"a token does not export everything", writer, "GET", "/api/v1/me/export", nil, http.StatusForbidden},
			{"an admin's token gives no role", writer, "POST", "/api/v1/members/" + adminID + "/grants", map[string]string{"role": "moderator"}, http.StatusForbidden},
			{"an admin's token changes no status", writer, "POST", "/api/v1/members/" + adminID + "/status", map[string]string{"to": "suspended", "reason": "x"}, http.StatusForbidden},
			{"an admin's token reads no webhook", writer, "GET", "/api/v1/webhooks", nil, http.StatusForbidden},
			{"an unknown token", apiClient{t: t, h: session.h, token: "avn_" + strings.Repeat("A", 43)}, "GET", "/api/v1/me", nil, http.StatusUnauthorized},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				code, out := tt.client.call(tt.method, tt.path, tt.body)
				assert.Equal(t, tt.want, code, out)
			})
		}

		// A token is for the API only.
		req := httptest.NewRequest("GET", "/me", nil)
		req.Header.Set("Authorization", "Bearer "+writer.token)
		rec := httptest.NewRecorder()
		session.h.ServeHTTP(rec, req)
		assert.Equal(t, http.StatusUnauthorized, rec.Code)

		// The list: names and scopes, never a secret.
		code, out = session.call("GET", "/api/v1/me/tokens", nil)
		require.Equal(t, http.StatusOK, code)
		items := out["items"].([]any)
		require.Len(t, items, 2)
		assert.NotContains(t, items[0], "secret")
		assert.NotContains(t, items[0], "hash")

		// Expiry, then revocation: 401.
		clock.Advance(49 * time.Hour)
		code, _ = reader.call("GET", "/api/v1/me", nil)
		assert.Equal(t, http.StatusUnauthorized, code, "expired")
		code, _ = session.call("DELETE", "/api/v1/me/tokens/"+avenir.NewID().String(), nil)
		assert.Equal(t, http.StatusNotFound, code)
		code, _ = writer.call("GET", "/api/v1/me", nil)
		require.Equal(t, http.StatusOK, code)
		code, out = session.call("GET", "/api/v1/me/tokens", nil)
		require.Equal(t, http.StatusOK, code)
		for _, it := range out["items"].([]any) {
			if id := it.(map[string]any)["id"].(string); id != readID {
				code, _ = session.call("DELETE", "/api/v1/me/tokens/"+id, nil)
				assert.Equal(t, http.StatusNoContent, code)
			}
		}
		code, _ = writer.call("GET", "/api/v1/me", nil)
		assert.Equal(t, http.StatusUnauthorized, code, "revoked")
	})
}

// TestBearerRequestsSkipBrowserCSRF: a request with an Authorization header
// cannot be forged by another site (no CORS), so the cross-origin check
// leaves it alone; the same request without it is refused.
func TestBearerRequestsSkipBrowserCSRF(t *testing.T) {
	_, anon, _ := apiServer(t, storagetest.SQLite(t))
	session := anon.signIn("admin@example.org", "admin password here")
	code, out := session.call("POST", "/api/v1/me/tokens", map[string]any{"name": "Robot", "scopes": []string{"write"}})
	require.Equal(t, http.StatusCreated, code, out)
	secret := out["secret"].(string)
	for _, auth := range []string{"Bearer " + secret, ""} {
		req, err := http.NewRequest("PUT", "/api/v1/me/privacy", strings.NewReader(`{"follow_policy":"nobody"}`))
		require.NoError(t, err)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		session.h.ServeHTTP(rec, req)
		if auth != "" {
			assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		} else {
			assert.Equal(t, http.StatusForbidden, rec.Code)
		}
	}
}

func TestTokensPage(t *testing.T) {
	db := storagetest.SQLite(t)
	s, srv := pageServer(t, db, testClock())
	c := newCookieClient(t, srv)
	register(t, s, c, "camille@example.org", "Camille", "a long enough password", false)
	c.signIn("camille@example.org", "a long enough password")

	r := c.get("/settings/tokens", "Accept-Language", "fr")
	require.Equal(t, http.StatusOK, r.status)
	assertHas(t, r.body, "Jetons d’API", "Aucun jeton pour l’instant.")

	r = c.post("/settings/tokens", url.Values{"name": {""}, "scope": {"read"}})
	assert.Equal(t, http.StatusBadRequest, r.status)
	assertHas(t, r.body, `aria-invalid="true" aria-describedby="name-error"`)

	r = c.post("/settings/tokens", url.Values{"name": {"Agenda"}, "scope": {"write"}, "expires_at": {testClock().Now().AddDate(0, 1, 0).Format(time.DateOnly)}})
	require.Equal(t, http.StatusCreated, r.status, r.body)
	secret := regexp.MustCompile(`avn_[A-Za-z0-9_-]{43}`).FindString(r.body)
	require.NotEmpty(t, secret, "the secret is shown once")
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	assertHas(t, r.body, "Agenda", "Lire et écrire")

	r = c.get("/settings/tokens")
	assertLacks(t, r.body, secret)
	id := regexp.MustCompile(`/settings/tokens/([0-9a-f-]{36})/revoke`).FindStringSubmatch(r.body)
	require.Len(t, id, 2)
	r = c.postThen("/settings/tokens/"+id[1]+"/revoke", url.Values{})
	require.Equal(t, http.StatusOK, r.status)
	assertHas(t, r.body, "Le jeton est révoqué : il ne fonctionne plus.")
	assertLacks(t, r.body, "Agenda")
}

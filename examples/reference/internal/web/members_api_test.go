package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// apiClient calls the JSON API of a test server with a bearer token.
type apiClient struct {
	t     *testing.T
	h     http.Handler
	token string
	lang  string
}

func (c apiClient) call(method, path string, body any) (int, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		js, err := json.Marshal(b)
		require.NoError(c.t, err)
		rd = bytes.NewReader(js)
	}
	req := httptest.NewRequest(method, path, rd)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	var out map[string]any
	if rec.Body.Len() > 0 {
		require.NoError(c.t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	}
	return rec.Code, out
}

func errorCode(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

// apiServer is a reference server on a fresh SQLite database with a
// bootstrapped admin, and a manual clock.
func apiServer(t *testing.T, db *storage.DB) (*Server, apiClient, *avenir.ManualClock) {
	t.Helper()
	clock := avenir.NewManualClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	s := testServer(t, db, network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{Dev: true, BaseURL: "http://example.test", Clock: clock})
	h := s.Handler()
	anon := apiClient{t: t, h: h}

	code, _ := anon.call("POST", "/api/v1/auth/register", map[string]any{
		"email": "admin@example.org", "password": "admin password here", "display_name": "Admin",
		"consents": []string{"membership"},
	})
	require.Equal(t, http.StatusAccepted, code)
	ctx := context.Background()
	m, err := db.Members().MemberByEmail(ctx, "admin@example.org")
	require.NoError(t, err)
	_, err = s.members.BootstrapAdmin(ctx, m.ID)
	require.NoError(t, err)
	return s, anon, clock
}

func (c apiClient) signIn(email, password string) apiClient {
	c.t.Helper()
	code, out := c.call("POST", "/api/v1/auth/signin", map[string]string{"email": email, "password": password})
	require.Equal(c.t, http.StatusOK, code, out)
	c.token = out["token"].(string)
	return c
}

// mailToken returns the token of the link in the newest mail.
func mailToken(t *testing.T, s *Server) string {
	t.Helper()
	mails := s.mailer.mails()
	require.NotEmpty(t, mails)
	text := mails[0].Text
	i := strings.LastIndex(text, "token=")
	require.Positive(t, i, text)
	token := text[i+len("token="):]
	if end := strings.IndexAny(token, " \n"); end >= 0 {
		token = token[:end]
	}
	return token
}

func TestMembersAPIJourney(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, anon, clock := apiServer(t, db)
		admin := anon.signIn("admin@example.org", "admin password here")

		// A newcomer registers, verifies their address and signs in.
		code, _ := anon.call("POST", "/api/v1/auth/register", map[string]any{
			"email": "Rosa@Example.org", "password": "spartacus forever", "display_name": "Rosa",
			"full_name": "Rosa Luxemburg", "address": map[string]string{"postal_code": "69003"},
			"join": true, "consents": []string{"membership", "newsletter"},
		})
		require.Equal(t, http.StatusAccepted, code)
		code, out := anon.call("POST", "/api/v1/auth/verify", map[string]string{"token": mailToken(t, s)})
		require.Equal(t, http.StatusOK, code, out)
		rosa := anon.signIn("rosa@example.org", "spartacus forever")

		code, me := rosa.call("GET", "/api/v1/me", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "rosa@example.org", me["email"])
		assert.Equal(t, "applicant", me["status"])
		id := me["id"].(string)

		code, me = rosa.call("PATCH", "/api/v1/me", map[string]any{"phone": "06 01 02 03 04", "visibility": map[string]string{"phone": "public"}})
		require.Equal(t, http.StatusOK, code, me)
		assert.Equal(t, "+33601020304", me["phone"])

		code, out = rosa.call("PUT", "/api/v1/me/consents/newsletter", map[string]bool{"given": false})
		require.Equal(t, http.StatusOK, code, out)
		code, out = rosa.call("PUT", "/api/v1/me/consents/membership", map[string]bool{"given": false})
		assert.Equal(t, http.StatusConflict, code, "the required consent cannot be withdrawn")
		assert.Equal(t, "conflict", errorCode(out))

		// The admin records a payment; Rosa is active until the end of the year
		// and is due for renewal in December.
		code, out = admin.call("POST", "/api/v1/members/"+id+"/payments", map[string]any{"method": "transfer", "reference": "VIR-42"})
		require.Equal(t, http.StatusCreated, code, out)
		code, me = rosa.call("GET", "/api/v1/me", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "active", me["status"])
		clock.Set(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
		code, _ = admin.call("GET", "/api/v1/me", nil)
		assert.Equal(t, http.StatusUnauthorized, code, "a session unused for 30 days has expired")
		admin = anon.signIn("admin@example.org", "admin password here")
		rosa = anon.signIn("rosa@example.org", "spartacus forever")
		code, out = admin.call("GET", "/api/v1/members?renewals=30", nil)
		require.Equal(t, http.StatusOK, code, out)
		items := out["items"].([]any)
		require.Len(t, items, 1)
		assert.Equal(t, id, items[0].(map[string]any)["id"])

		// Roles: granted, listed, taken back.
		code, g := admin.call("POST", "/api/v1/members/"+id+"/grants", map[string]any{"role": "moderator", "scope": map[string]string{"kind": "network"}})
		require.Equal(t, http.StatusCreated, code, g)
		code, out = admin.call("DELETE", "/api/v1/grants/"+g["id"].(string), nil)
		require.Equal(t, http.StatusOK, code, out)

		// Her export holds her data, and the admin's look at it.
		code, x := rosa.call("GET", "/api/v1/me/export", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "rosa@example.org", x["member"].(map[string]any)["email"])
		assert.NotEmpty(t, x["payments"])

		// She leaves, then erases her account.
		code, out = rosa.call("POST", "/api/v1/me/leave", map[string]string{"reason": ""})
		require.Equal(t, http.StatusOK, code, out)
		assert.Equal(t, "left", out["status"])
		code, _ = rosa.call("GET", "/api/v1/me", nil)
		assert.Equal(t, http.StatusUnauthorized, code, "leaving signs out everywhere")
		rosa = anon.signIn("rosa@example.org", "spartacus forever")
		code, out = rosa.call("DELETE", "/api/v1/me", map[string]string{"confirm": "yes"})
		assert.Equal(t, http.StatusBadRequest, code, out)
		code, out = rosa.call("DELETE", "/api/v1/me", map[string]string{"confirm": "erase"})
		require.Equal(t, http.StatusOK, code, out)
		code, _ = rosa.call("GET", "/api/v1/me", nil)
		assert.Equal(t, http.StatusUnauthorized, code)
	})
}

func TestMembersAPIRefusals(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, anon, _ := apiServer(t, db)
		admin := anon.signIn("admin@example.org", "admin password here")
		code, _ := anon.call("POST", "/api/v1/auth/register", map[string]any{
			"email": "member@example.org", "password": "an ordinary member", "display_name": "M", "consents": []string{"membership"},
		})
		require.Equal(t, http.StatusAccepted, code)
		code, out := anon.call("POST", "/api/v1/auth/signin", map[string]string{"email": "member@example.org", "password": "an ordinary member"})
		assert.Equal(t, http.StatusUnauthorized, code, "no password sign-in before the address is confirmed")
		assert.Contains(t, out["error"].(map[string]any)["message"], "Confirmez")
		code, _ = anon.call("POST", "/api/v1/auth/verify", map[string]string{"token": mailToken(t, s)})
		require.Equal(t, http.StatusOK, code)
		member := anon.signIn("member@example.org", "an ordinary member")
		code, me := member.call("GET", "/api/v1/me", nil)
		require.Equal(t, http.StatusOK, code)
		memberID := me["id"].(string)

		tests := []struct {
			name   string
			client apiClient
			method string
			path   string
			body   any
			status int
			code   string
		}{
			{"anonymous me", anon, "GET", "/api/v1/me", nil, 401, "unauthenticated"},
			{"bad token", apiClient{t: t, h: anon.h, token: "garbage"}, "GET", "/api/v1/me", nil, 401, "unauthenticated"},
			{"member lists members", member, "GET", "/api/v1/members", nil, 403, "forbidden"},
			{"member records a payment", member, "POST", "/api/v1/members/" + memberID + "/payments", map[string]string{"method": "cash"}, 403, "forbidden"},
			{"member reads another's history", member, "GET", "/api/v1/members/" + memberID + "x/history", nil, 400, "invalid"},
			{"tampered cursor", admin, "GET", "/api/v1/members?after=AAAA", nil, 400, "invalid"},
			{"unknown status filter", admin, "GET", "/api/v1/members?status=king", nil, 400, "invalid"},
			{"unknown field in body", member, "PATCH", "/api/v1/me", map[string]string{"nickname": "x"}, 400, "invalid"},
			{"not JSON", member, "PATCH", "/api/v1/me", "{", 400, "invalid"},
			{"bad email at registration", anon, "POST", "/api/v1/auth/register", map[string]any{"email": "nope", "display_name": "x", "consents": []string{"membership"}}, 400, "invalid"},
			{"unknown postal code", anon, "POST", "/api/v1/auth/register", map[string]any{"email": "a@example.org", "display_name": "x", "address": map[string]string{"postal_code": "00000"}, "consents": []string{"membership"}}, 400, "invalid"},
			{"wrong password", anon, "POST", "/api/v1/auth/signin", map[string]string{"email": "member@example.org", "password": "not it at all"}, 401, "unauthenticated"},
			{"suspension without reason", admin, "POST", "/api/v1/members/" + memberID + "/status", map[string]string{"to": "suspended"}, 400, "invalid"},
			{"illegal transition", admin, "POST", "/api/v1/members/" + memberID + "/status", map[string]string{"to": "grace"}, 409, "conflict"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, out := tt.client.call(tt.method, tt.path, tt.body)
				assert.Equal(t, tt.status, status, out)
				assert.Equal(t, tt.code, errorCode(out))
			})
		}
	})
}

func TestMembersAPIImport(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, anon, _ := apiServer(t, db)
		admin := anon.signIn("admin@example.org", "admin password here")
		admin.lang = "fr"
		csv := "Courriel;Prénom;Nom;Code postal\nmarie@example.org;Marie;Curie;75005\npas-un-courriel;Pierre;Curie;75005\n"

		code, out := admin.call("POST", "/api/v1/members/import", csv)
		require.Equal(t, http.StatusBadRequest, code, out)
		report := out["report"].(map[string]any)
		errs := report["errors"].([]any)
		require.Len(t, errs, 1)
		first := errs[0].(map[string]any)
		assert.EqualValues(t, 3, first["line"])
		assert.Equal(t, "email", first["field"])
		assert.Contains(t, first["message"], "n’est pas valide", "the line's message is in French")

		code, out = admin.call("POST", "/api/v1/members/import?skip_invalid=1", csv)
		require.Equal(t, http.StatusOK, code, out)
		assert.EqualValues(t, 1, out["imported"])

		code, out = anon.call("POST", "/api/v1/members/import", csv)
		assert.Equal(t, http.StatusUnauthorized, code, out)
	})
}

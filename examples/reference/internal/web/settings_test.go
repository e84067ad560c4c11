package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// auditKinds returns the kinds of the audit entries about a member, as an
// admin reads them, newest first.
func auditKinds(t *testing.T, s *Server, db *storage.DB, member avenir.ID) []network.AuditKind {
	t.Helper()
	ctx := context.Background()
	admin, err := db.Members().MemberByEmail(ctx, "admin@avenir.test")
	require.NoError(t, err)
	actor, err := s.net.Actor(ctx, admin.ID)
	require.NoError(t, err)
	page, err := s.net.Audit.List(ctx, actor, network.AuditFilter{Member: member}, avenir.PageRequest{Limit: avenir.MaxPageSize})
	require.NoError(t, err)
	var kinds []network.AuditKind
	for _, e := range page.Items {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

// TestSettingsPrivacy: a member chooses who may follow them, on the page
// and through the API; a choice that is not one changes nothing.
func TestSettingsPrivacy(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		louise := demoToken(t, h, "louise@avenir.test")
		api := apiClient{t: t, h: h, token: louise, lang: "fr"}

		r := fetch(t, h, "", "GET", "/settings", nil)
		assert.Equal(t, http.StatusSeeOther, r.status)
		code, _ := apiClient{t: t, h: h}.call("GET", "/api/v1/me/privacy", nil)
		assert.Equal(t, http.StatusUnauthorized, code)

		r = fetch(t, h, louise, "GET", "/settings", nil)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, `value="members" checked`, "Vous ne bloquez personne.", `href="/me/export.json"`, `href="/me#erase"`)
		assertNoErrorMarked(t, r.body)

		r = fetch(t, h, louise, "POST", "/settings/privacy", url.Values{"follow_policy": {"everyone"}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertErrorTied(t, r.body, "follow_policy", []string{"follow_policy=members", "follow_policy=nobody"}, true)
		code, out := api.call("GET", "/api/v1/me/privacy", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "members", out["follow_policy"], "nothing changed")

		r = fetch(t, h, louise, "POST", "/settings/privacy", url.Values{"follow_policy": {"nobody"}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		r = fetch(t, h, louise, "GET", r.location, nil)
		assertHas(t, r.body, "Vos choix sont enregistrés.", `value="nobody" checked`)

		code, out = api.call("PUT", "/api/v1/me/privacy", map[string]string{"follow_policy": ""})
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "follow_policy", out["error"].(map[string]any)["field"])
		code, out = api.call("PUT", "/api/v1/me/privacy", map[string]string{"follow_policy": "members"})
		require.Equal(t, http.StatusOK, code, out)
		assert.Equal(t, "members", out["follow_policy"])
	})
}

// TestExportAndErasureAreNetworkWide: the export and the erasure of /me
// and of the API are the network's: every part in the export, each audited.
func TestExportAndErasureAreNetworkWide(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		ctx := context.Background()
		paul, err := db.Members().MemberByEmail(ctx, "paul@avenir.test")
		require.NoError(t, err)
		louise, err := db.Members().MemberByEmail(ctx, "louise@avenir.test")
		require.NoError(t, err)
		paulToken, louiseToken := demoToken(t, h, paul.Email), demoToken(t, h, louise.Email)

		r := fetch(t, h, paulToken, "GET", "/me/export.json", nil)
		require.Equal(t, http.StatusOK, r.status)
		var x struct {
			Sections map[string]any `json:"sections"`
		}
		require.NoError(t, json.Unmarshal([]byte(r.body), &x))
		for _, part := range []string{"audit", "notifications", "follows", "conversations", "forum", "committee", "consultation", "solidarity"} {
			assert.Contains(t, x.Sections, part)
		}
		assert.Contains(t, auditKinds(t, s, db, paul.ID), network.AuditExport)

		code, _ := apiClient{t: t, h: h, token: louiseToken}.call("GET", "/api/v1/me/export", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Contains(t, auditKinds(t, s, db, louise.ID), network.AuditExport)

		// Erasing needs the word; then it is audited.
		r = fetch(t, h, paulToken, "POST", "/me/erase", url.Values{"confirm": {"oui"}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assert.NotContains(t, auditKinds(t, s, db, paul.ID), network.AuditErasure)
		r = fetch(t, h, paulToken, "POST", "/me/erase", url.Values{"confirm": {"ERASE"}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assert.Contains(t, auditKinds(t, s, db, paul.ID), network.AuditErasure)

		code, _ = apiClient{t: t, h: h, token: louiseToken}.call("DELETE", "/api/v1/me", map[string]string{"confirm": "erase"})
		require.Equal(t, http.StatusOK, code)
		assert.Contains(t, auditKinds(t, s, db, louise.ID), network.AuditErasure)
	})
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var secretRe = regexp.MustCompile(`whsec_[0-9a-f]{64}`)

// TestWebhooksAdmin: an admin subscribes an address (refusals first, which
// make nothing), sees its secret once and never again, reads its delivery
// log, enables it again after failures and deletes it. Nobody else may.
func TestWebhooksAdmin(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		ctx := context.Background()
		admin := demoToken(t, h, "admin@avenir.test")
		api := apiClient{t: t, h: h, token: admin, lang: "fr"}

		r := fetch(t, h, admin, "GET", "/admin/webhooks", nil)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Aucun abonnement pour l’instant.", `<option value="public" selected>`)
		assertNoErrorMarked(t, r.body)

		for _, tc := range []struct {
			name  string
			form  url.Values
			field string
		}{
			{"plain http", url.Values{"url": {"http://hooks.example.org/avenir"}, "types": {"forum.*"}}, "url"},
			{"this machine", url.Values{"url": {"https://127.0.0.1/hook"}, "types": {"forum.*"}}, "url"},
			{"bad type", url.Values{"url": {"https://hooks.example.org/avenir"}, "types": {"forum.*, Not A Type"}}, "types"},
			{"no type", url.Values{"url": {"https://hooks.example.org/avenir"}, "types": {" "}}, "types"},
			{"unknown scope", url.Values{"url": {"https://hooks.example.org/avenir"}, "types": {"*"}, "scope": {"everyone"}}, "scope"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := fetch(t, h, admin, "POST", "/admin/webhooks", tc.form)
				assert.Equal(t, http.StatusBadRequest, r.status)
				assertErrorTied(t, r.body, tc.field, []string{"#" + tc.field}, false)
				assert.Contains(t, r.body, `value="`+tc.form.Get("url")+`"`, "the form keeps what was typed")
				code, out := api.call("POST", "/api/v1/webhooks", map[string]any{
					"url": tc.form.Get("url"), "types": webhookTypes(tc.form.Get("types")), "scope": tc.form.Get("scope")})
				assert.Equal(t, http.StatusBadRequest, code)
				assert.Equal(t, tc.field, out["error"].(map[string]any)["field"])
				hooks, err := db.Webhooks().Webhooks(ctx)
				require.NoError(t, err)
				assert.Empty(t, hooks, "nothing made")
			})
		}

		// Made: the secret is on the answer, and nowhere afterwards.
		r = fetch(t, h, admin, "POST", "/admin/webhooks", url.Values{"url": {"https://hooks.example.org/avenir"},
			"types": {"forum.post_replied\nsolidarity.*"}, "scope": {"members"}})
		require.Equal(t, http.StatusCreated, r.status, r.body)
		secret := secretRe.FindString(r.body)
		require.NotEmpty(t, secret)
		assertHas(t, r.body, "copiez-le maintenant", "https://hooks.example.org/avenir", "<code>solidarity.*</code>")
		hooks, err := db.Webhooks().Webhooks(ctx)
		require.NoError(t, err)
		require.Len(t, hooks, 1)
		hook := hooks[0]
		assert.Equal(t, network.ScopeMembers, hook.Scope)
		_, stored, err := db.Webhooks().Webhook(ctx, hook.ID)
		require.NoError(t, err)
		assert.Equal(t, stored, secret)

		code, out := api.call("POST", "/api/v1/webhooks", map[string]any{"url": "https://other.example.org/x", "types": []string{"*"}})
		require.Equal(t, http.StatusCreated, code, out)
		assert.Regexp(t, secretRe, out["secret"])
		assert.Equal(t, "public", out["webhook"].(map[string]any)["scope"])
		other := out["webhook"].(map[string]any)["id"].(string)

		page := "/admin/webhooks/" + hook.ID.String()
		for _, path := range []string{"/admin/webhooks", page, "/api/v1/webhooks", "/api/v1/webhooks/" + hook.ID.String(),
			"/api/v1/webhooks/" + hook.ID.String() + "/deliveries", "/api/v1/webhooks/" + other} {
			r := fetch(t, h, admin, "GET", path, nil)
			require.Equal(t, http.StatusOK, r.status, path)
			assert.NotRegexp(t, secretRe, r.body, "%s shows no secret", path)
		}

		// Nobody but the admins.
		for _, who := range []string{"lucie@avenir.test", "louise@avenir.test"} {
			token := demoToken(t, h, who)
			assert.Equal(t, http.StatusNotFound, fetch(t, h, token, "GET", "/admin/webhooks", nil).status)
			assert.Equal(t, http.StatusNotFound, fetch(t, h, token, "GET", page, nil).status)
			assert.Equal(t, http.StatusNotFound, fetch(t, h, token, "POST", page+"/delete", url.Values{}).status)
			code, _ := apiClient{t: t, h: h, token: token}.call("GET", "/api/v1/webhooks", nil)
			assert.Equal(t, http.StatusForbidden, code)
			code, _ = apiClient{t: t, h: h, token: token}.call("DELETE", "/api/v1/webhooks/"+other, nil)
			assert.Equal(t, http.StatusForbidden, code)
		}
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "GET", "/admin/webhooks", nil).status)

		// The log of a failing address, which disables it; enabled again.
		r = fetch(t, h, admin, "GET", page, nil)
		assertHas(t, r.body, "Rien n’a encore été envoyé.", "Actif")
		assertLacks(t, r.body, page+"/enable")
		disabled, err := db.Webhooks().AddWebhookDelivery(ctx, network.WebhookDelivery{ID: avenir.NewID(), Webhook: hook.ID,
			Event: avenir.NewID(), Type: "forum.post_replied", Attempt: 1, StatusCode: 500, Duration: 120 * time.Millisecond,
			Error: "server error", At: time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)}, 50, 1)
		require.NoError(t, err)
		require.True(t, disabled)
		r = fetch(t, h, admin, "GET", page, nil)
		assertHas(t, r.body, "Désactivé après des échecs", "Échec (500): server error", "<code>forum.post_replied</code>", page+"/enable")
		code, out = api.call("GET", "/api/v1/webhooks/"+hook.ID.String()+"/deliveries", nil)
		require.Equal(t, http.StatusOK, code)
		require.Len(t, out["items"], 1)
		r = fetch(t, h, admin, "POST", page+"/enable", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		r = fetch(t, h, admin, "GET", r.location, nil)
		assertHas(t, r.body, "L’abonnement est réactivé.", "Actif")

		// Paused by hand, then enabled again.
		assertHas(t, r.body, page+"/disable")
		r = fetch(t, h, admin, "POST", page+"/disable", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		r = fetch(t, h, admin, "GET", r.location, nil)
		assertHas(t, r.body, "L’abonnement est en pause", "En pause", page+"/enable")
		assertLacks(t, r.body, page+"/disable")
		code, _ = apiClient{t: t, h: h, token: demoToken(t, h, "louise@avenir.test")}.call("POST", "/api/v1/webhooks/"+hook.ID.String()+"/enable", nil)
		assert.NotEqual(t, http.StatusNoContent, code, "a member enables nothing")
		code, _ = api.call("POST", "/api/v1/webhooks/"+hook.ID.String()+"/enable", nil)
		assert.Equal(t, http.StatusNoContent, code)

		// Deleted, with its log.
		r = fetch(t, h, admin, "POST", page+"/delete", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		r = fetch(t, h, admin, "GET", r.location, nil)
		assertHas(t, r.body, "L’abonnement et son journal sont supprimés.")
		assertLacks(t, r.body, "hooks.example.org")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, admin, "GET", page, nil).status)
		code, _ = api.call("DELETE", "/api/v1/webhooks/"+other, nil)
		assert.Equal(t, http.StatusNoContent, code)
		code, out = api.call("DELETE", "/api/v1/webhooks/"+other, nil)
		assert.Equal(t, http.StatusNotFound, code, out)
	})
}

package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// relayAll runs the outbox relay until it has nothing left to deliver, so
// that the demo's events become notifications.
func relayAll(t *testing.T, s *Server) {
	t.Helper()
	for {
		n, err := s.net.Relay.RunOnce(context.Background())
		require.NoError(t, err)
		if n == 0 {
			return
		}
	}
}

// preferencesOf returns a demo member's preferences, as stored.
func preferencesOf(t *testing.T, s *Server, db *storage.DB, email string) map[network.Kind]network.Channel {
	t.Helper()
	ctx := context.Background()
	m, err := db.Members().MemberByEmail(ctx, email)
	require.NoError(t, err)
	actor, err := s.net.Actor(ctx, m.ID)
	require.NoError(t, err)
	prefs, err := s.net.Notifications.Preferences(ctx, actor)
	require.NoError(t, err)
	return prefs
}

var markReadForm = regexp.MustCompile(`action="/notifications/([0-9a-f-]{36})/read"`)

// TestNotificationsPage: Louise reads her notifications (the demo's replies
// in the threads she follows), one page at a time, marks one read, then
// all; nobody marks another's; a visitor is sent to sign in.
func TestNotificationsPage(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		relayAll(t, s)
		louise, paul := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test")

		r := fetch(t, h, "", "GET", "/notifications", nil)
		assert.Equal(t, http.StatusSeeOther, r.status)
		assert.Equal(t, "/signin?next=%2Fnotifications", r.location)

		r = fetch(t, h, louise, "GET", "/notifications", nil)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Non lues : 4", "Nouvelle réponse dans un fil que vous suivez.", `href="/forums/threads/`,
			`action="/notifications/read"`, `<label for="pref-reply">Réponses dans les fils que je suis</label>`,
			"Les e-mails demandent votre consentement")
		assertLacks(t, r.body, "Votre recours a reçu une réponse.", "Un modérateur a pris une décision") // Paul's
		assertNoErrorMarked(t, r.body)
		ids := markReadForm.FindAllStringSubmatch(r.body, -1)
		require.Len(t, ids, 4)

		r = fetch(t, h, louise, "GET", "/notifications?limit=3", nil)
		assert.Len(t, markReadForm.FindAllString(r.body, -1), 3)
		next := regexp.MustCompile(`href="(/notifications\?[^"]*after=[^"]+)" rel="next"`).FindStringSubmatch(r.body)
		require.NotNil(t, next, r.body)
		r = fetch(t, h, louise, "GET", html.UnescapeString(next[1]), nil)
		assert.Len(t, markReadForm.FindAllString(r.body, -1), 1)

		// Paul cannot mark Louise's; she can.
		r = fetch(t, h, paul, "POST", "/notifications/"+ids[0][1]+"/read", url.Values{})
		assert.Equal(t, http.StatusNotFound, r.status)
		r = fetch(t, h, louise, "POST", "/notifications/"+ids[0][1]+"/read", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		r = fetch(t, h, louise, "GET", r.location, nil)
		assertHas(t, r.body, "Marqué comme lu.", "Non lues : 3")
		r = fetch(t, h, louise, "GET", "/notifications?unread=1", nil)
		assert.Len(t, markReadForm.FindAllString(r.body, -1), 3)

		r = fetch(t, h, louise, "POST", "/notifications/read", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.status)
		r = fetch(t, h, louise, "GET", "/notifications?unread=1", nil)
		assertHas(t, r.body, "Non lues : 0", "Rien de non lu.")
		r = fetch(t, h, louise, "GET", "/notifications", nil)
		assertHas(t, r.body, "Nouvelle réponse dans un fil que vous suivez.")

		// A member without any sees the empty state.
		r = fetch(t, h, demoToken(t, h, "gisele@avenir.test"), "GET", "/notifications", nil)
		assertHas(t, r.body, "Vous n’avez pas encore de notification.")
	})
}

// TestNotificationPreferences: a refused choice changes nothing, on the
// page and through the API; a good one is saved.
func TestNotificationPreferences(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		louise := demoToken(t, h, "louise@avenir.test")
		api := apiClient{t: t, h: h, token: louise, lang: "fr"}
		before := preferencesOf(t, s, db, "louise@avenir.test")

		for _, tc := range []struct {
			name  string
			form  url.Values
			field string
		}{
			{"unknown channel", url.Values{"moderation": {"off"}, "reply": {"pigeon"}}, "reply"},
			{"unknown channel on another kind", url.Values{"reply": {"digest"}, "volunteer": {"fax"}}, "volunteer"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := fetch(t, h, louise, "POST", "/notifications/preferences", tc.form)
				assert.Equal(t, http.StatusBadRequest, r.status)
				assertErrorTied(t, r.body, "pref-"+tc.field, []string{"#pref-" + tc.field}, false)
				assert.Equal(t, before, preferencesOf(t, s, db, "louise@avenir.test"), "nothing changed")

				body := map[string]string{}
				for k := range tc.form {
					body[k] = tc.form.Get(k)
				}
				code, out := api.call("PUT", "/api/v1/notifications/preferences", body)
				assert.Equal(t, http.StatusBadRequest, code)
				assert.Equal(t, "invalid", errorCode(out))
				assert.Equal(t, tc.field, out["error"].(map[string]any)["field"])
				assert.Equal(t, before, preferencesOf(t, s, db, "louise@avenir.test"), "nothing changed")
			})
		}
		code, out := api.call("PUT", "/api/v1/notifications/preferences", map[string]string{"nonsense": "off"})
		assert.Equal(t, http.StatusBadRequest, code, out)

		r := fetch(t, h, louise, "POST", "/notifications/preferences", url.Values{"reply": {"digest"}, "moderation": {"off"}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		r = fetch(t, h, louise, "GET", r.location, nil)
		assertHas(t, r.body, "Vos choix sont enregistrés.", `<option value="digest" selected>`, `<option value="off" selected>`)
		after := preferencesOf(t, s, db, "louise@avenir.test")
		assert.Equal(t, network.ChannelDigest, after[network.KindReply])
		assert.Equal(t, network.ChannelOff, after[network.KindModeration])

		code, out = api.call("PUT", "/api/v1/notifications/preferences", map[string]string{"volunteer": "email"})
		require.Equal(t, http.StatusOK, code, out)
		assert.Equal(t, map[string]any{"reply": "digest", "moderation": "off", "volunteer": "email"}, out["preferences"])
	})
}

// TestNotificationsAPI: the same list through the API, for its member
// only.
func TestNotificationsAPI(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		relayAll(t, s)
		louise := apiClient{t: t, h: h, token: demoToken(t, h, "louise@avenir.test"), lang: "fr"}
		paul := apiClient{t: t, h: h, token: demoToken(t, h, "paul@avenir.test")}

		code, out := apiClient{t: t, h: h}.call("GET", "/api/v1/notifications", nil)
		assert.Equal(t, http.StatusUnauthorized, code)
		assert.Equal(t, "unauthenticated", errorCode(out))

		code, out = louise.call("GET", "/api/v1/notifications?unread=1&limit=2", nil)
		require.Equal(t, http.StatusOK, code, out)
		assert.EqualValues(t, 4, out["unread"])
		items := out["items"].([]any)
		require.Len(t, items, 2)
		assert.NotEmpty(t, out["next"])
		first := items[0].(map[string]any)
		assert.Equal(t, "Nouvelle réponse dans un fil que vous suivez.", first["headline"])
		id := first["id"].(string)

		code, out = paul.call("POST", "/api/v1/notifications/"+id+"/read", nil)
		assert.Equal(t, http.StatusNotFound, code, out)
		code, out = louise.call("POST", "/api/v1/notifications/not-an-id/read", nil)
		assert.Equal(t, http.StatusBadRequest, code, out)
		code, _ = louise.call("POST", "/api/v1/notifications/"+id+"/read", nil)
		assert.Equal(t, http.StatusNoContent, code)
		code, out = louise.call("POST", "/api/v1/notifications/read", nil)
		require.Equal(t, http.StatusOK, code, out)
		assert.EqualValues(t, 3, out["marked"])
		code, out = louise.call("GET", "/api/v1/notifications?unread=1", nil)
		require.Equal(t, http.StatusOK, code, out)
		assert.Empty(t, out["items"])
		assert.EqualValues(t, 0, out["unread"])

		code, out = paul.call("GET", "/api/v1/notifications", nil)
		require.Equal(t, http.StatusOK, code, out)
		for _, it := range out["items"].([]any) {
			assert.NotEqual(t, id, it.(map[string]any)["id"], "Louise's stay hers")
		}
	})
}

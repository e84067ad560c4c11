package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestReportsQueue: a reported message reaches the network's moderators
// (and admins), with what came before it; no one else sees the queue.
func TestReportsQueue(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		ctx := context.Background()
		actor := func(email string) avenir.Actor {
			m, err := db.Members().MemberByEmail(ctx, email)
			require.NoError(t, err)
			a, err := s.net.Actor(ctx, m.ID)
			require.NoError(t, err)
			return a
		}
		louise, paul := actor("louise@avenir.test"), actor("paul@avenir.test")
		lucie, admin := demoToken(t, h, "lucie@avenir.test"), demoToken(t, h, "admin@avenir.test")

		r := fetch(t, h, lucie, "GET", "/moderation/reports", nil)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Aucun message n’a été signalé.")

		c, _, err := s.net.Conversations.Start(ctx, paul, network.ConversationDraft{With: []avenir.ID{louise.ID}, Body: "Bonjour Louise, on se voit samedi ?"})
		require.NoError(t, err)
		m, err := s.net.Conversations.Send(ctx, paul, c.ID, "Tu vas **regretter** ta réponse au forum.")
		require.NoError(t, err)
		_, err = s.net.Conversations.Report(ctx, louise, m.ID, "Menace après un débat")
		require.NoError(t, err)

		for _, token := range []string{lucie, admin} {
			r = fetch(t, h, token, "GET", "/moderation/reports", nil)
			require.Equal(t, http.StatusOK, r.status, r.body)
			assertHas(t, r.body, "Menace après un débat", "Bonjour Louise, on se voit samedi ?",
				"<strong>regretter</strong>", `class="reported" aria-current="true"`, "Paul Lafargue")
			code, out := apiClient{t: t, h: h, token: token}.call("GET", "/api/v1/moderation/reports", nil)
			require.Equal(t, http.StatusOK, code, out)
			require.Len(t, out["items"], 1)
			assert.Equal(t, m.ID.String(), out["items"].([]any)[0].(map[string]any)["message"])
		}
		r = fetch(t, h, lucie, "GET", "/", nil)
		assertHas(t, r.body, `href="/moderation/reports"`)

		// The participants, a forum moderator, a member: refused.
		for _, email := range []string{"louise@avenir.test", "paul@avenir.test", "gisele@avenir.test", "olympe@avenir.test"} {
			token := demoToken(t, h, email)
			r = fetch(t, h, token, "GET", "/moderation/reports", nil)
			assert.Equal(t, http.StatusForbidden, r.status, email)
			assertLacks(t, r.body, "Menace après un débat", "regretter")
			code, out := apiClient{t: t, h: h, token: token}.call("GET", "/api/v1/moderation/reports", nil)
			assert.Equal(t, http.StatusForbidden, code, email)
			assert.Equal(t, "forbidden", errorCode(out))
			r = fetch(t, h, token, "GET", "/", nil)
			assertLacks(t, r.body, `href="/moderation/reports"`)
		}
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "GET", "/moderation/reports", nil).status)
		code, _ := apiClient{t: t, h: h}.call("GET", "/api/v1/moderation/reports", nil)
		assert.Equal(t, http.StatusUnauthorized, code)
	})
}

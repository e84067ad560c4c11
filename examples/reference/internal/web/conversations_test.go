package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// memberID returns the ID of a demo member.
func memberID(t *testing.T, db *storage.DB, email string) string {
	t.Helper()
	m, err := db.Members().MemberByEmail(context.Background(), email)
	require.NoError(t, err)
	return m.ID.String()
}

var conversationLink = regexp.MustCompile(`^/conversations/([0-9a-f-]{36})\?done=sent`)

// startConversation starts a conversation through the page, and returns
// its ID.
func startConversation(t *testing.T, h http.Handler, token string, form url.Values) string {
	t.Helper()
	got := fetch(t, h, token, "POST", "/conversations", form)
	require.Equal(t, http.StatusSeeOther, got.status, got.body)
	m := conversationLink.FindStringSubmatch(got.location)
	require.NotNil(t, m, got.location)
	return m[1]
}

// TestConversationJourney: Louise writes to Paul from his page's link; Paul
// sees one unread conversation, reads it (which marks it read), replies,
// reports a message; Louise leaves, and the conversation leaves her inbox.
func TestConversationJourney(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		louise, paul := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test")
		paulID := memberID(t, db, "paul@avenir.test")

		got := fetch(t, h, louise, "GET", "/conversations/new?with="+paulID, nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, `value="`+paulID+`" checked`, "Paul Lafargue")
		id := startConversation(t, h, louise, url.Values{"with": {paulID}, "body": {"On tracte **samedi** ?"}})

		got = fetch(t, h, paul, "GET", "/conversations", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, "/conversations/"+id, "<strong>Louise Michel</strong>", `<span class="badge">1<span class="visually-hidden"> non lus`)
		code, out := apiClient{t: t, h: h, token: paul}.call("GET", "/api/v1/conversations/unread", nil)
		require.Equal(t, http.StatusOK, code)
		assert.EqualValues(t, 1, out["unread"])

		badge := `<a href="/conversations">Conversations <span class="badge">1<span class="visually-hidden"> non lus</span></span></a>`
		assertHas(t, fetch(t, h, paul, "GET", "/forums", nil).body, badge)
		assertLacks(t, fetch(t, h, louise, "GET", "/forums", nil).body, `<a href="/conversations">Conversations <span class="badge">`)
		got = fetch(t, h, paul, "GET", "/conversations/"+id, nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, "On tracte <strong>samedi</strong> ?", "Signaler ce message", "Quitter la conversation")
		assertLacks(t, got.body, badge)
		_, out = apiClient{t: t, h: h, token: paul}.call("GET", "/api/v1/conversations/unread", nil)
		assert.EqualValues(t, 0, out["unread"], "reading the page marks it read")

		got = fetch(t, h, paul, "POST", "/conversations/"+id, url.Values{"body": {"Oui, à 10 h."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assert.Equal(t, "/conversations/"+id+"?done=sent#last", got.location)
		got = fetch(t, h, louise, "GET", "/conversations", nil)
		assertHas(t, got.body, "<strong>Paul Lafargue</strong>")
		got = fetch(t, h, louise, "GET", "/conversations/"+id+"?done=sent", nil)
		assertHas(t, got.body, "Votre message est envoyé.", "Oui, à 10 h.")

		// Paul reports Louise's message: the moderators' queue gets it.
		msgs := regexp.MustCompile(`name="message" value="([0-9a-f-]{36})"`).FindAllStringSubmatch(fetch(t, h, paul, "GET", "/conversations/"+id, nil).body, -1)
		require.Len(t, msgs, 1, "Paul reports only the others' messages")
		got = fetch(t, h, paul, "POST", "/conversations/"+id+"/report", url.Values{"message": {msgs[0][1]}, "reason": {"Insistant."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		got = fetch(t, h, paul, "POST", "/conversations/"+id+"/report", url.Values{"message": {msgs[0][1]}, "reason": {"Encore."}})
		assert.Equal(t, http.StatusConflict, got.status, "reported once")
		assertHas(t, got.body, `class="error-box" role="alert"`, "Oui, à 10 h.")

		// Louise leaves.
		got = fetch(t, h, louise, "POST", "/conversations/"+id+"/leave", url.Values{})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		got = fetch(t, h, louise, "GET", "/conversations?done=left", nil)
		assertHas(t, got.body, "Vous avez quitté la conversation.", "Aucune conversation pour l’instant.")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, louise, "GET", "/conversations/"+id, nil).status)
	})
}

// TestConversationBadInput: each refusal is a translated error beside its
// field, and starts nothing.
func TestConversationBadInput(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		louise := demoToken(t, h, "louise@avenir.test")
		paulID, olympeID := memberID(t, db, "paul@avenir.test"), memberID(t, db, "olympe@avenir.test")
		tests := []struct {
			name   string
			form   url.Values
			status int
			field  string
			want   string
		}{
			{"nobody", url.Values{"body": {"Bonjour"}}, http.StatusBadRequest, "with", "Choisissez les membres à qui écrire."},
			{"not an ID", url.Values{"with": {"x"}, "body": {"Bonjour"}}, http.StatusBadRequest, "with", "Choisissez les membres à qui écrire."},
			{"a supporter", url.Values{"with": {olympeID}, "body": {"Bonjour"}}, http.StatusBadRequest, "with", ""},
			{"no message", url.Values{"with": {paulID}, "body": {" "}}, http.StatusBadRequest, "body", ""},
			{"a group without a title", url.Values{"with": {paulID, memberID(t, db, "gisele@avenir.test")}, "body": {"Bonjour"}}, http.StatusBadRequest, "title", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := fetch(t, h, louise, "POST", "/conversations", tt.form)
				require.Equal(t, tt.status, got.status, got.body)
				assertHas(t, got.body, `id="`+tt.field+`-error"`, tt.want)
				assert.Contains(t, got.body, `lang="fr"`)
				code, out := apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/conversations", nil)
				require.Equal(t, http.StatusOK, code)
				assert.Empty(t, out["items"], "nothing started")
			})
		}
		got := fetch(t, h, louise, "POST", "/conversations", url.Values{"with": {paulID}, "body": {" "}})
		assertErrorTied(t, got.body, "body", []string{"#body"}, false)
		got = fetch(t, h, louise, "POST", "/conversations", url.Values{"with": {paulID}, "body": {"Bonjour"}, "title": {strings.Repeat("t", 300)}})
		assert.Equal(t, http.StatusBadRequest, got.status)

		// The API answers the same in its format.
		code, out := apiClient{t: t, h: h, token: louise}.call("POST", "/api/v1/conversations", map[string]any{"with": []string{paulID}, "body": ""})
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "invalid", errorCode(out))
	})
}

// TestConversationPrivacy: nobody but the participants reads a
// conversation, by any page or API call — not an admin, not a moderator:
// they get the 404 of a conversation that does not exist, and nothing of
// it reaches their inbox.
func TestConversationPrivacy(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		louise, paul := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test")
		id := startConversation(t, h, louise, url.Values{"with": {memberID(t, db, "paul@avenir.test")}, "body": {"Le secret de Louise"}})
		got := fetch(t, h, paul, "POST", "/conversations/"+id, url.Values{"body": {"La réponse de Paul"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		code, out := apiClient{t: t, h: h, token: paul}.call("GET", "/api/v1/conversations/"+id+"/messages", nil)
		require.Equal(t, http.StatusOK, code)
		items := out["items"].([]any)
		require.Len(t, items, 2)
		msg := items[0].(map[string]any)["id"].(string)
		secrets := []string{"Le secret de Louise", "La réponse de Paul"}

		outsiders := map[string]string{
			"the admin": demoToken(t, h, demo.Accounts[0].Email), "a forum moderator": demoToken(t, h, "gisele@avenir.test"),
			"the network moderator": demoToken(t, h, "lucie@avenir.test"), "an animator": demoToken(t, h, demo.Animator.Email),
			"an applicant": demoToken(t, h, "jean@avenir.test"), "a supporter": demoToken(t, h, "olympe@avenir.test"),
		}
		reads := []string{"/conversations", "/conversations/" + id, "/conversations/" + id + "?after=9",
			"/api/v1/conversations", "/api/v1/conversations/" + id, "/api/v1/conversations/" + id + "/messages", "/api/v1/conversations/unread"}
		writes := []struct {
			path string
			form url.Values
			body any
		}{
			{"/conversations/" + id, url.Values{"body": {"Intrus"}}, nil},
			{"/conversations/" + id + "/leave", url.Values{}, nil},
			{"/conversations/" + id + "/report", url.Values{"message": {msg}, "reason": {"Voir"}}, nil},
			{"/api/v1/conversations/" + id + "/messages", nil, map[string]string{"body": "Intrus"}},
			{"/api/v1/conversations/" + id + "/read", nil, nil},
			{"/api/v1/conversations/" + id + "/leave", nil, nil},
			{"/api/v1/conversations/" + id + "/members", nil, map[string]any{"members": []string{}}},
			{"/api/v1/messages/" + msg + "/report", nil, map[string]string{"reason": "Voir"}},
		}
		for who, token := range outsiders {
			moderatorOrAdmin := who == "the admin" || strings.Contains(who, "moderator")
			for _, p := range reads {
				got := fetch(t, h, token, "GET", p, nil)
				assertLacks(t, got.body, secrets...)
				if strings.Contains(p, id) {
					if moderatorOrAdmin {
						assert.Equal(t, http.StatusNotFound, got.status, "%s: %s", who, p)
					} else {
						assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, got.status, "%s: %s", who, p)
					}
				} else {
					assert.Less(t, got.status, 500, "%s: %s", who, p)
				}
			}
			for _, w := range writes {
				var status int
				if w.form != nil {
					got := fetch(t, h, token, "POST", w.path, w.form)
					assertLacks(t, got.body, secrets...)
					status = got.status
				} else {
					status, _ = apiClient{t: t, h: h, token: token}.call("POST", w.path, w.body)
				}
				if moderatorOrAdmin {
					assert.Equal(t, http.StatusNotFound, status, "%s: %s", who, w.path)
				} else {
					assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, status, "%s: %s", who, w.path)
				}
			}
		}
		// A visitor is sent to sign in, or told to.
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "GET", "/conversations/"+id, nil).status)
		code, _ = apiClient{t: t, h: h}.call("GET", "/api/v1/conversations/"+id, nil)
		assert.Equal(t, http.StatusUnauthorized, code)

		// Nothing written by an outsider reached the conversation.
		code, out = apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/conversations/"+id+"/messages", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 2)
	})
}

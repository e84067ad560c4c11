package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestFollowsAndBlocks: Louise follows Paul from his page, then a forum, a
// thread and a solidarity action by their buttons; the lists and the API
// agree. Paul blocks Louise: her follow goes, his page and lists are
// not_found to her, she cannot write to him; he unblocks her from his
// blocks list.
func TestFollowsAndBlocks(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		ctx := context.Background()
		louise, paul := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test")
		louiseID, paulID := memberID(t, db, "louise@avenir.test"), memberID(t, db, "paul@avenir.test")
		api := apiClient{t: t, h: h, token: louise}

		got := fetch(t, h, louise, "GET", "/members/"+paulID, nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, "<h1>Paul Lafargue</h1>", "0 abonné", ">Suivre</button>", "Écrire à Paul Lafargue", "Bloquer Paul Lafargue")
		assertLacks(t, got.body, "paul@avenir.test")
		got = fetch(t, h, louise, "POST", "/follow", url.Values{"kind": {"member"}, "id": {paulID}, "back": {"/members/" + paulID}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assert.Equal(t, "/members/"+paulID+"?followed=followed", got.location)
		got = fetch(t, h, louise, "GET", got.location, nil)
		assertHas(t, got.body, "1 abonné", "Ne plus suivre", "Vous suivez désormais")
		got = fetch(t, h, paul, "GET", "/members/"+paulID+"/followers", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, `<a href="/members/`+louiseID+`">Louise Michel</a>`)
		assertHas(t, fetch(t, h, louise, "GET", "/conversations/new", nil).body, `value="`+paulID+`"`, "Paul Lafargue")

		// The buttons of a forum, a thread and an action.
		internal, err := s.forums.ForumBySlug(ctx, actorFor(t, s, db, "louise@avenir.test"), "vie-du-mouvement")
		require.NoError(t, err)
		courses := demoAction(t, db, "Courses pour une voisine âgée")
		for _, c := range []struct{ kind, id, page string }{
			{"forum", internal.ID.String(), "/forums/vie-du-mouvement"},
			{"action", courses.ID.String(), "/solidarity/" + courses.ID.String()},
		} {
			got := fetch(t, h, louise, "GET", c.page, nil)
			require.Equal(t, http.StatusOK, got.status)
			assertHas(t, got.body, `name="kind" value="`+c.kind+`"`, ">Suivre</button>")
			got = fetch(t, h, louise, "POST", "/follow", url.Values{"kind": {c.kind}, "id": {c.id}, "back": {c.page}})
			require.Equal(t, http.StatusSeeOther, got.status, got.body)
			assertHas(t, fetch(t, h, louise, "GET", c.page, nil).body, "Ne plus suivre")
			code, out := api.call("GET", "/api/v1/follows/"+c.kind+"/"+c.id, nil)
			require.Equal(t, http.StatusOK, code)
			assert.Equal(t, true, out["following"], c.kind)
		}
		code, out := api.call("GET", "/api/v1/follows/member", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 1)
		code, out = api.call("GET", "/api/v1/members/"+paulID+"/follow-counts", nil)
		require.Equal(t, http.StatusOK, code)
		assert.EqualValues(t, 1, out["followers"])

		// Following what one may not see, or what cannot be followed.
		olympe := demoToken(t, h, "olympe@avenir.test")
		code, out = apiClient{t: t, h: h, token: olympe}.call("PUT", "/api/v1/follows/member/"+paulID, nil)
		assert.Equal(t, http.StatusForbidden, code, "a supporter follows nobody")
		code, out = api.call("PUT", "/api/v1/follows/planet/"+paulID, nil)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "invalid", errorCode(out))
		assert.NotEmpty(t, out["error"].(map[string]any)["message"])
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "GET", "/members/"+paulID, nil).status)
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "POST", "/follow", url.Values{"kind": {"member"}, "id": {paulID}}).status)

		// Paul blocks Louise.
		got = fetch(t, h, paul, "POST", "/members/"+louiseID+"/block", url.Values{})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		got = fetch(t, h, paul, "GET", got.location, nil)
		assertHas(t, got.body, "Le membre est bloqué", "Débloquer Louise Michel")
		for _, p := range []string{"/members/" + paulID, "/members/" + paulID + "/followers", "/members/" + paulID + "/following"} {
			got := fetch(t, h, louise, "GET", p, nil)
			assert.Equal(t, http.StatusNotFound, got.status, p)
		}
		code, _ = api.call("GET", "/api/v1/members/"+paulID+"/followers", nil)
		assert.Equal(t, http.StatusNotFound, code)
		_, out = api.call("GET", "/api/v1/follows/member", nil)
		assert.Empty(t, out["items"], "her follow went with the block")
		got = fetch(t, h, louise, "POST", "/conversations", url.Values{"with": {paulID}, "body": {"Pourquoi ?"}})
		assert.Equal(t, http.StatusBadRequest, got.status)
		assertHas(t, got.body, `id="with-error"`)
		assertLacks(t, fetch(t, h, paul, "GET", "/members/"+paulID+"/followers", nil).body, "Louise Michel")

		// He unblocks her; the follow does not come back.
		got = fetch(t, h, paul, "POST", "/members/"+louiseID+"/unblock", url.Values{})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assertHas(t, fetch(t, h, paul, "GET", got.location, nil).body, "Le membre n’est plus bloqué.", "Vous ne bloquez personne.")
		assert.Equal(t, http.StatusOK, fetch(t, h, louise, "GET", "/members/"+paulID, nil).status)
		code, out = apiClient{t: t, h: h, token: paul}.call("GET", "/api/v1/blocks", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Empty(t, out["items"])
	})
}

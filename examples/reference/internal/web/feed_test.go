package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// actorFor returns the actor of a demo member, as the network builds it.
func actorFor(t *testing.T, s *Server, db *storage.DB, email string) avenir.Actor {
	t.Helper()
	id, err := avenir.ParseID(memberID(t, db, email))
	require.NoError(t, err)
	a, err := s.net.Actor(context.Background(), id)
	require.NoError(t, err)
	return a
}

var postAnchor = regexp.MustCompile(`<article class="post" id="post-([0-9a-f-]{36})"`)

// TestFeed: Louise follows the members-only forum; Paul opens a thread
// there and replies in it; both reach Louise's feed (page and API), never a
// supporter's, an applicant's or a visitor's (who have no feed). The
// network moderator hides the reply: it leaves the feed.
func TestFeed(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		ctx := context.Background()
		louise, paul := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test")
		lucie := demoToken(t, h, "lucie@avenir.test")
		louiseActor := actorFor(t, s, db, "louise@avenir.test")
		internal, err := s.forums.ForumBySlug(ctx, louiseActor, "vie-du-mouvement")
		require.NoError(t, err)

		got := fetch(t, h, louise, "GET", "/feed", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertLacks(t, got.body, "Stratégie du bureau")
		_, out := apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/feed", nil)
		before := len(out["items"].([]any))
		require.NoError(t, s.net.Follows.Follow(ctx, louiseActor, network.Target{Kind: network.FollowForum, ID: internal.ID}))

		got = fetch(t, h, paul, "POST", "/forums/vie-du-mouvement/threads", url.Values{"title": {"Stratégie du bureau"}, "body": {"Entre nous."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		thread := got.location
		got = fetch(t, h, paul, "POST", thread+"/replies", url.Values{"body": {"Une réponse à cacher."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		posts := postAnchor.FindAllStringSubmatch(fetch(t, h, paul, "GET", thread, nil).body, -1)
		require.Len(t, posts, 2)
		reply := posts[1][1]

		got = fetch(t, h, louise, "GET", "/feed", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, "Paul Lafargue a ouvert un fil :", "Paul Lafargue a répondu dans", "Stratégie du bureau", "#post-"+reply)
		code, out := apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/feed", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], before+2)

		// A member with nothing followed has an empty feed, which says so.
		got = fetch(t, h, demoToken(t, h, "gisele@avenir.test"), "GET", "/feed", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertLacks(t, got.body, "Stratégie du bureau")

		// Nobody else has this feed.
		for who, token := range map[string]string{"a supporter": demoToken(t, h, "olympe@avenir.test"), "an applicant": demoToken(t, h, "jean@avenir.test")} {
			got := fetch(t, h, token, "GET", "/feed", nil)
			assert.Equal(t, http.StatusForbidden, got.status, who)
			assertLacks(t, got.body, "Stratégie du bureau")
			code, out := apiClient{t: t, h: h, token: token}.call("GET", "/api/v1/feed", nil)
			assert.Equal(t, http.StatusForbidden, code, who)
			assert.Equal(t, "forbidden", errorCode(out))
		}
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "GET", "/feed", nil).status)
		code, _ = apiClient{t: t, h: h}.call("GET", "/api/v1/feed", nil)
		assert.Equal(t, http.StatusUnauthorized, code)

		// Hidden later, the reply leaves the feed; the thread stays.
		got = fetch(t, h, lucie, "POST", "/forums/posts/"+reply+"/decide", url.Values{"action": {"hide"}, "reason": {"off_topic"}, "text": {"Hors sujet : ce fil parle de la stratégie du bureau."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		got = fetch(t, h, louise, "GET", "/feed", nil)
		assertHas(t, got.body, "Paul Lafargue a ouvert un fil :")
		assertLacks(t, got.body, "#post-"+reply)
		_, out = apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/feed", nil)
		assert.Len(t, out["items"], before+1)
	})
}

package web

import (
	"context"
	"html"
	"log/slog"
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
	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// demoServer is a reference server with the demo data, forums and
// solidarity actions included.
func demoServer(t *testing.T, db *storage.DB) (*Server, http.Handler) {
	t.Helper()
	ctx := context.Background()
	clock := avenir.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s := testServer(t, db, network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{Dev: true, BaseURL: "http://example.test", Clock: clock})
	log := slog.New(slog.DiscardHandler)
	require.NoError(t, demo.Seed(ctx, db, s.Members(), log))
	require.NoError(t, demo.SeedCommittees(ctx, db, s.Members(), s.Committees(), log))
	require.NoError(t, demo.SeedForums(ctx, db, s.Members(), s.Committees(), s.Forums(), log))
	require.NoError(t, demo.SeedForums(ctx, db, s.Members(), s.Committees(), s.Forums(), log), "seeding again changes nothing")
	for range 2 { // seeding again changes nothing (TestSolidarityDemo checks)
		require.NoError(t, demo.SeedSolidarity(ctx, db, clock, s.Members(), s.Committees(), s.Solidarity(), log))
	}
	return s, s.Handler()
}

// page is one HTML (or JSON) answer.
type fetched struct {
	status   int
	body     string
	location string
}

// fetch sends a request as the bearer of token (none for a visitor); a form
// makes it a POST.
func fetch(t *testing.T, h http.Handler, token, method, path string, form url.Values) fetched {
	t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return fetched{status: rec.Code, body: rec.Body.String(), location: rec.Header().Get("Location")}
}

func demoToken(t *testing.T, h http.Handler, email string) string {
	t.Helper()
	for _, a := range append(demo.Accounts, demo.Animator) {
		if a.Email == email {
			return apiClient{t: t, h: h}.signIn(a.Email, a.Password).token
		}
	}
	t.Fatalf("no demo account %s", email)
	return ""
}

var (
	threadLink = regexp.MustCompile(`href="/forums/threads/([0-9a-f-]{36})"`)
	forumLink  = regexp.MustCompile(`href="/forums/([a-z0-9-]+)"`)
)

// TestVisitorFindsNoTraceOfMembersOnlyPosts: a member's post in the
// members-only forum reaches an anonymous visitor by no page, API call,
// search nor log.
func TestVisitorFindsNoTraceOfMembersOnlyPosts(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		ctx := context.Background()
		louise := demoToken(t, h, "louise@avenir.test")
		code, out := apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/forums", nil)
		require.Equal(t, http.StatusOK, code)
		var internal string
		for _, f := range out["items"].([]any) {
			if f.(map[string]any)["slug"] == "vie-du-mouvement" {
				internal = f.(map[string]any)["id"].(string)
			}
		}
		require.NotEmpty(t, internal)
		code, out = apiClient{t: t, h: h, token: louise}.call("POST", "/api/v1/forums/"+internal+"/threads",
			map[string]string{"title": "Réunion confidentielle", "body": "Le code de la salle est zanzibar."})
		require.Equal(t, http.StatusCreated, code, out)
		thread := out["thread"].(map[string]any)["id"].(string)
		post := out["post"].(map[string]any)["id"].(string)
		m, err := db.Members().MemberByEmail(ctx, "louise@avenir.test")
		require.NoError(t, err)
		secrets := []string{"zanzibar", "Réunion confidentielle", "Stratégie pour les municipales", "Vie du mouvement", thread, post, internal,
			"Mur du comité", "Guillotière"}

		// The committee wall is the animator's (of the federation above), not
		// a visitor's.
		animator := demoToken(t, h, demo.Animator.Email)
		assert.Contains(t, fetch(t, h, animator, "GET", "/forums", nil).body, "Mur du comité Lyon 3e")
		assert.Contains(t, fetch(t, h, animator, "GET", "/forums/search?q=guillotiere", nil).body, "<mark>")

		// Every page a visitor can reach from the forums index, and the API.
		seen := map[string]bool{}
		queue := []string{"/forums", "/forums/log", "/forums/search?q=zanzibar", "/forums/search?q=reunion+confidentielle",
			"/forums/search?q=strategie", "/forums/vie-du-mouvement", "/forums/threads/" + thread,
			"/api/v1/forums", "/api/v1/forums/" + internal, "/api/v1/forums/" + internal + "/threads", "/api/v1/threads/" + thread,
			"/api/v1/threads/" + thread + "/posts", "/api/v1/posts/" + post, "/api/v1/search?q=zanzibar", "/api/v1/search?q=strategie",
			"/api/v1/members/" + m.ID.String() + "/posts", "/api/v1/moderation/log"}
		for len(queue) > 0 {
			path := queue[0]
			queue = queue[1:]
			if seen[path] {
				continue
			}
			seen[path] = true
			got := fetch(t, h, "", "GET", path, nil)
			for _, secret := range secrets {
				if strings.Contains(path, secret) {
					continue // echoed back (the search box, the language links): the visitor typed it
				}
				assert.NotContains(t, got.body, secret, "%s (%d)", path, got.status)
			}
			if strings.Contains(path, "search?q=") {
				assert.NotContains(t, got.body, "<mark>", path)
			}
			for _, l := range threadLink.FindAllStringSubmatch(got.body, -1) {
				queue = append(queue, "/forums/threads/"+l[1])
			}
			for _, l := range forumLink.FindAllStringSubmatch(got.body, -1) {
				queue = append(queue, "/forums/"+l[1])
			}
		}
		assert.Greater(t, len(seen), 20, "the visitor's crawl reached the public pages")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, "", "GET", "/forums/threads/"+thread, nil).status)
		assert.Equal(t, http.StatusNotFound, fetch(t, h, "", "GET", "/api/v1/posts/"+post, nil).status)

		// A member finds it.
		got := fetch(t, h, louise, "GET", "/forums/search?q=zanzibar", nil)
		assert.Contains(t, got.body, "<mark>zanzibar</mark>")
		_ = s
	})
}

// TestModerationJourney is the story through the pages: three
// members flag a post and it disappears pending review; the moderator's
// decision and reasons reach the author by mail, who appeals and gets a
// second moderator's answer; the log shows it all.
func TestModerationJourney(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		paul := demoToken(t, h, "paul@avenir.test")
		gisele := demoToken(t, h, "gisele@avenir.test")
		lucie := demoToken(t, h, "lucie@avenir.test")

		// Paul previews, then starts a thread in the public forum.
		form := url.Values{"title": {"Les vélos en ville"}, "body": {"Des **pistes** partout <script>alert(1)</script>"}, "preview": {"1"}}
		got := fetch(t, h, paul, "POST", "/forums/ecologie-et-transition/threads", form)
		require.Equal(t, http.StatusOK, got.status)
		assert.Contains(t, got.body, "<strong>pistes</strong>")
		assert.NotContains(t, got.body, "<script>alert")
		form.Del("preview")
		got = fetch(t, h, paul, "POST", "/forums/ecologie-et-transition/threads", form)
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		threadPath := got.location

		// Bad input: a clear error tied to its field, nothing written.
		got = fetch(t, h, paul, "POST", threadPath+"/replies", url.Values{"body": {"   "}})
		assert.Equal(t, http.StatusBadRequest, got.status)
		assert.Contains(t, got.body, `<p class="field-error" id="body-error">Le message est vide.</p>`)
		assert.Contains(t, got.body, `aria-invalid="true"`)

		got = fetch(t, h, paul, "POST", threadPath+"/replies", url.Values{"body": {"Et des parkings à vélos **sécurisés**."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		postID := strings.TrimPrefix(got.location[strings.Index(got.location, "#post-"):], "#post-")

		// Three members flag it; the third flag hides it.
		for i, who := range []string{"louise@avenir.test", "jean@avenir.test", "olympe@avenir.test"} {
			tok := demoToken(t, h, who)
			got = fetch(t, h, tok, "POST", "/forums/posts/"+postID+"/flag", url.Values{"reason": {"off_topic"}, "text": {"Hors sujet"}})
			require.Equal(t, http.StatusSeeOther, got.status, got.body)
			if i == 0 {
				again := fetch(t, h, tok, "POST", "/forums/posts/"+postID+"/flag", url.Values{"reason": {"spam"}})
				assert.Equal(t, http.StatusConflict, again.status)
				assert.Contains(t, again.body, "Vous avez déjà signalé ce message.")
			}
		}
		assert.NotContains(t, fetch(t, h, "", "GET", threadPath, nil).body, "parkings à vélos")
		queue := fetch(t, h, gisele, "GET", "/forums/queue", nil)
		require.Equal(t, http.StatusOK, queue.status)
		assert.Contains(t, queue.body, "parkings à vélos")
		assert.Contains(t, queue.body, "hors sujet — Hors sujet")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, paul, "GET", "/forums/queue", nil).status, "the queue is for moderators")

		// Gisèle decides, with reasons; a short statement is refused first.
		got = fetch(t, h, gisele, "POST", "/forums/posts/"+postID+"/decide", url.Values{"action": {"hide"}, "reason": {"off_topic"}, "text": {"Court"}})
		assert.Equal(t, http.StatusBadRequest, got.status)
		assert.Contains(t, got.body, `id="text-error"`)
		reasons := "Ce message relève du forum Transports, pas de celui-ci."
		got = fetch(t, h, gisele, "POST", "/forums/posts/"+postID+"/decide", url.Values{"action": {"hide"}, "reason": {"off_topic"}, "text": {reasons}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)

		// The author is told by mail, and on his decisions page.
		mails := s.mailer.mails()
		require.NotEmpty(t, mails)
		assert.Equal(t, "paul@avenir.test", mails[0].To)
		assert.Equal(t, "Une décision de modération sur votre message", mails[0].Subject)
		assert.Contains(t, mails[0].Text, reasons)
		decisionURL := mails[0].Text[strings.Index(mails[0].Text, "http://example.test/forums/decisions/"):]
		decisionPath := strings.TrimPrefix(strings.TrimSpace(decisionURL), "http://example.test")
		mine := fetch(t, h, paul, "GET", "/forums/decisions", nil)
		assert.Contains(t, mine.body, html.EscapeString(reasons))

		// An appeal by someone else is refused; Paul appeals.
		got = fetch(t, h, demoToken(t, h, "louise@avenir.test"), "POST", decisionPath+"/appeal", url.Values{"text": {"Je fais appel pour Paul."}})
		assert.Equal(t, http.StatusForbidden, got.status)
		got = fetch(t, h, paul, "POST", decisionPath+"/appeal", url.Values{"text": {"Les vélos sont aussi une question d’écologie."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)

		// Gisèle may not answer her own decision; Lucie does.
		page := fetch(t, h, gisele, "GET", decisionPath, nil)
		assert.NotContains(t, page.body, "/answer")
		got = fetch(t, h, gisele, "POST", decisionPath+"/answer", url.Values{"outcome": {"overturned"}, "text": {"Je me déjuge moi-même."}})
		assert.Equal(t, http.StatusForbidden, got.status)
		got = fetch(t, h, lucie, "POST", decisionPath+"/answer", url.Values{"outcome": {"overturned"}, "text": {"Le vélo est bien un sujet de transition."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assert.Contains(t, fetch(t, h, "", "GET", threadPath, nil).body, "parkings à vélos", "overturned: the post is back")
		assert.Equal(t, "La réponse à votre appel", s.mailer.mails()[0].Subject)

		// The log shows it all, without the content or names.
		log := fetch(t, h, "", "GET", "/forums/log", nil)
		assert.Contains(t, log.body, html.EscapeString(reasons))
		assert.Contains(t, log.body, "décision annulée (modérateur du réseau)")
		for _, secret := range []string{"parkings", "Gisèle", "Lucie", "Paul", "question d’écologie"} {
			assert.NotContains(t, log.body, secret)
		}
	})
}

func TestForumsAPI(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		anon := apiClient{t: t, h: h}
		louise := apiClient{t: t, h: h, token: demoToken(t, h, "louise@avenir.test")}

		code, out := anon.call("GET", "/api/v1/forums", nil)
		require.Equal(t, http.StatusOK, code)
		forums := out["items"].([]any)
		require.Len(t, forums, 2, "a visitor sees the public forums only: the demo's, and the one of the solidarity actions' comments")
		for _, f := range forums {
			assert.Equal(t, "public", f.(map[string]any)["audience"])
		}
		public := forums[0].(map[string]any)["id"].(string)

		code, out = anon.call("GET", "/api/v1/forums/"+public+"/threads?limit=1", nil)
		require.Equal(t, http.StatusOK, code)
		require.Len(t, out["items"], 1)
		next := out["next"].(string)
		code, out = anon.call("GET", "/api/v1/forums/"+public+"/threads?limit=1&after="+url.QueryEscape(next+"x"), nil)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "invalid", errorCode(out), "a tampered cursor")
		code, _ = anon.call("GET", "/api/v1/forums/"+public+"/threads?limit=1&after="+url.QueryEscape(next), nil)
		assert.Equal(t, http.StatusOK, code)

		code, out = anon.call("POST", "/api/v1/forums/"+public+"/threads", map[string]string{"title": "x", "body": "y"})
		assert.Equal(t, http.StatusUnauthorized, code)
		code, out = louise.call("POST", "/api/v1/forums/"+public+"/threads", map[string]string{"title": "Titre", "body": ""})
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "body", out["error"].(map[string]any)["field"])
		code, out = louise.call("POST", "/api/v1/forums/"+public+"/threads", map[string]string{"title": "Le covoiturage", "body": "[clic](&#106;avascript:alert(1))"})
		require.Equal(t, http.StatusCreated, code, out)
		thread := out["thread"].(map[string]any)["id"].(string)
		first := out["post"].(map[string]any)["id"].(string)
		assert.NotContains(t, strings.ToLower(out["post"].(map[string]any)["html"].(string)), "javascript")

		code, out = louise.call("POST", "/api/v1/threads/"+thread+"/posts", map[string]any{"body": "Je précise.", "quote": first})
		require.Equal(t, http.StatusCreated, code, out)
		code, out = louise.call("PATCH", "/api/v1/posts/"+first, map[string]string{"title": "Le covoiturage rural", "body": "Corrigé."})
		require.Equal(t, http.StatusOK, code, out)
		assert.NotEmpty(t, out["edited_at"])
		code, out = louise.call("GET", "/api/v1/posts/"+first+"/revisions", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 1)

		paul := apiClient{t: t, h: h, token: demoToken(t, h, "paul@avenir.test")}
		code, out = paul.call("PUT", "/api/v1/posts/"+first+"/support", nil)
		require.Equal(t, http.StatusOK, code, out)
		assert.EqualValues(t, 1, out["supports"])
		code, out = paul.call("PUT", "/api/v1/posts/"+first+"/support", nil)
		assert.Equal(t, http.StatusConflict, code)
		code, _ = paul.call("PUT", "/api/v1/threads/"+thread+"/watch", nil)
		assert.Equal(t, http.StatusNoContent, code)

		code, out = anon.call("GET", "/api/v1/threads/"+thread+"/posts", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 2)
		code, out = anon.call("GET", "/api/v1/search?q=COVOITURAGE", nil)
		require.Equal(t, http.StatusOK, code)
		require.Len(t, out["items"], 1)
		assert.Contains(t, out["items"].([]any)[0].(map[string]any)["excerpt"], "<mark>")
		code, out = anon.call("GET", "/api/v1/search?q=%20", nil)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "q", out["error"].(map[string]any)["field"])

		code, out = anon.call("GET", "/api/v1/moderation/log", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 1, "the demo's decision")
		code, _ = louise.call("GET", "/api/v1/moderation/queue", nil)
		assert.Equal(t, http.StatusForbidden, code)
		gisele := apiClient{t: t, h: h, token: demoToken(t, h, "gisele@avenir.test")}
		code, out = gisele.call("GET", "/api/v1/moderation/queue", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 1, "the demo's post hidden by flags")
		code, out = paul.call("GET", "/api/v1/me/decisions", nil)
		require.Equal(t, http.StatusOK, code)
		require.Len(t, out["items"], 1)
		decision := out["items"].([]any)[0].(map[string]any)
		assert.Equal(t, "upheld", decision["appeal"].(map[string]any)["outcome"])
		code, out = paul.call("POST", "/api/v1/decisions/"+decision["id"].(string)+"/appeal", map[string]string{"text": "Encore une fois, s’il vous plaît."})
		assert.Equal(t, http.StatusConflict, code, "one appeal per decision")
		code, out = louise.call("POST", "/api/v1/preview", map[string]string{"body": "**gras**"})
		require.Equal(t, http.StatusOK, code)
		assert.Contains(t, out["html"], "<strong>gras</strong>")
	})
}

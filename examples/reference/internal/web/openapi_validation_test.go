package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// A motion's Markdown is text, as the validator reads it.
func init() { openapi3filter.RegisterBodyDecoder("text/markdown", openapi3filter.PlainBodyDecoder) }

// specClient calls the API as the bearer of token (none: a visitor) and
// validates each request and its response against docs/openapi.yaml.
type specClient struct {
	t      *testing.T
	h      http.Handler
	router routers.Router
	token  string
	// skipRequest leaves the request unchecked (see refused).
	skipRequest bool
}

// call sends the request and returns the status and the decoded JSON body
// (nil when there is none). A request or a response that the document does
// not describe fails the test, naming the route.
func (c specClient) call(method, path string, body any) (int, any) {
	c.t.Helper()
	var js []byte
	contentType := "application/json"
	if csv, ok := body.(string); ok { // a string is a CSV body
		js, contentType = []byte(csv), "text/csv"
	} else if body != nil {
		var err error
		js, err = json.Marshal(body)
		require.NoError(c.t, err)
	}
	newReq := func() *http.Request {
		req := httptest.NewRequest(method, path, bytes.NewReader(js))
		if body != nil {
			req.Header.Set("Content-Type", contentType)
		}
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		return req
	}
	name := method + " " + path
	route, params, err := c.router.FindRoute(newReq())
	require.NoError(c.t, err, "%s: no operation of the document matches", name)
	if os.Getenv("OPENAPI_UNCALLED") != "" {
		called.Store(route.Method+" "+route.Path, true)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: newReq(), PathParams: params, Route: route, Options: opts}
	ctx := context.Background()
	if !c.skipRequest {
		assert.NoError(c.t, openapi3filter.ValidateRequest(ctx, in), "%s: the request does not match the document", name)
	}

	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, newReq())
	raw := rec.Body.Bytes()
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Body: io.NopCloser(bytes.NewReader(raw)), Options: opts}
	assert.NoError(c.t, openapi3filter.ValidateResponse(ctx, out), "%s: the response (%d) does not match the document: %s", name, rec.Code, clip(raw))
	var v any
	if len(raw) > 0 && strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		require.NoError(c.t, json.Unmarshal(raw, &v), name)
	}
	return rec.Code, v
}

// refused sends a request the document calls invalid (a malformed ID, a
// page too large) and requires a 4xx answer in the document's error shape.
func (c specClient) refused(method, path string) int {
	c.t.Helper()
	c.skipRequest = true
	code, v := c.call(method, path, nil)
	require.True(c.t, code >= 400 && code < 500, "%s %s: %d %v", method, path, code, v)
	return code
}

// ok calls and requires a 2xx answer.
func (c specClient) ok(method, path string, body any) any {
	c.t.Helper()
	code, v := c.call(method, path, body)
	require.True(c.t, code >= 200 && code < 300, "%s %s: %d %v", method, path, code, v)
	return v
}

// called records the operations the tests reached, for
// TestOpenAPIUncalled.
var called sync.Map

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// field digs a value out of decoded JSON: keys for objects, "0" for the
// first item of an array; "" when it is not there.
func field(v any, path ...string) string {
	for _, k := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			if len(x) == 0 {
				return ""
			}
			v = x[0]
		default:
			return ""
		}
	}
	s, _ := v.(string)
	return s
}

// specServer is the demo network with its consultation (and a ballot key)
// and its conversations, and a client that validates every call against
// docs/openapi.yaml: anonymous, or as(email) for a demo account.
func specServer(t *testing.T, db *storage.DB) (*Server, specClient, func(email string) specClient) {
	t.Helper()
	s, h := demoServer(t, db)
	s.consultations = consultation.NewService(db.Consultations(), consultation.Config{Forums: s.forums, Clock: s.opts.Clock,
		Secret: []byte("a test key of at least thirty-two bytes")})
	ctx, log := context.Background(), slog.New(slog.DiscardHandler)
	require.NoError(t, demo.SeedConsultations(ctx, db, s.Members(), s.Forums(), s.Consultations(), log))
	require.NoError(t, demo.SeedSocial(ctx, db, s.Network(), log))
	router, err := legacy.NewRouter(loadOpenAPI(t))
	require.NoError(t, err)
	anon := specClient{t: t, h: h, router: router}
	as := func(email string) specClient { c := anon; c.token = demoToken(t, h, email); return c }
	return s, anon, as
}

// TestOpenAPIMatchesResponses runs the demo network and calls a broad sample
// of the API — every kind of list and page, and the main writes — as a
// visitor, members, an animator and an admin; each request and response is
// validated against docs/openapi.yaml with kin-openapi's openapi3filter.
func TestOpenAPIMatchesResponses(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, anon, as := specServer(t, db)
		louise, paul, olympe := as("louise@avenir.test"), as("paul@avenir.test"), as("olympe@avenir.test")
		animator, admin, moderator := as(demo.Animator.Email), as("admin@avenir.test"), as("gisele@avenir.test")
		louiseID, paulID := memberID(t, db, "louise@avenir.test"), memberID(t, db, "paul@avenir.test")

		// The visitor: the public lists and pages, and the errors.
		anon.ok("GET", "/api/v1/", nil)
		anon.ok("GET", "/api/v1/openapi.yaml", nil)
		anon.ok("GET", "/api/v1/openapi.json", nil)
		committees := anon.ok("GET", "/api/v1/committees", nil)
		slug := field(committees, "items", "0", "slug")
		require.NotEmpty(t, slug)
		anon.ok("GET", "/api/v1/committees/"+slug, nil)
		anon.ok("GET", "/api/v1/committees/find?postal_code=69003", nil)
		events := anon.ok("GET", "/api/v1/events?limit=5", nil)
		event := field(events, "items", "0", "id")
		require.NotEmpty(t, event)
		anon.ok("GET", "/api/v1/events/"+event, nil)
		anon.call("GET", "/api/v1/events/"+event+"/participation", nil)
		forums := anon.ok("GET", "/api/v1/forums", nil)
		forumID := field(forums, "items", "0", "id")
		anon.ok("GET", "/api/v1/forums/"+forumID, nil)
		threads := anon.ok("GET", "/api/v1/forums/"+forumID+"/threads?limit=2", nil)
		thread := field(threads, "items", "0", "id")
		require.NotEmpty(t, thread)
		anon.ok("GET", "/api/v1/threads/"+thread, nil)
		posts := anon.ok("GET", "/api/v1/threads/"+thread+"/posts", nil)
		post := field(posts, "items", "0", "id")
		anon.ok("GET", "/api/v1/posts/"+post, nil)
		anon.ok("GET", "/api/v1/members/"+paulID+"/posts", nil)
		anon.ok("GET", "/api/v1/search?q=logement", nil)
		anon.ok("GET", "/api/v1/moderation/log", nil)
		anon.ok("POST", "/api/v1/preview", map[string]string{"body": "**Bonjour** <script>x</script>"})
		anon.ok("POST", "/api/v1/diff", map[string]string{"from": "un texte", "to": "un autre texte"})
		anon.ok("GET", "/api/v1/consultations", nil)
		consultations := louise.ok("GET", "/api/v1/consultations", nil)
		cons := field(consultations, "items", "0", "id")
		require.NotEmpty(t, cons)
		louise.ok("GET", "/api/v1/consultations/"+cons, nil)
		louise.ok("GET", "/api/v1/consultations/"+cons+"/stats", nil)
		contributions := louise.ok("GET", "/api/v1/consultations/"+cons+"/contributions?sort=supports", nil)
		louise.ok("GET", "/api/v1/consultations/"+cons+"/motions", nil)
		if text := field(contributions, "items", "0", "id"); text != "" {
			louise.ok("GET", "/api/v1/texts/"+text, nil)
			louise.ok("GET", "/api/v1/texts/"+text+"/versions", nil)
			louise.ok("GET", "/api/v1/texts/"+text+"/authors", nil)
			louise.ok("GET", "/api/v1/texts/"+text+"/amendments", nil)
		}
		anon.ok("GET", "/api/v1/solidarity/categories", nil)
		actions := anon.ok("GET", "/api/v1/solidarity/actions?kind=offer&kind=collective", nil)
		action := field(actions, "items", "0", "id")
		require.NotEmpty(t, action)
		anon.ok("GET", "/api/v1/solidarity/actions/"+action, nil)
		anon.ok("GET", "/api/v1/solidarity/actions/"+action+"/comments", nil)
		anon.ok("GET", "/api/v1/solidarity/actions/"+action+"/contacts", nil)
		anon.ok("GET", "/api/v1/solidarity/actions/"+action+"/matches?limit=3", nil)
		anon.ok("GET", "/api/v1/solidarity/near?postal_code=69003", nil)
		anon.ok("GET", "/api/v1/solidarity/impact?by=category", nil)
		anon.ok("GET", "/api/v1/solidarity/impact.csv", nil)
		code, _ := anon.call("GET", "/api/v1/me", nil)
		assert.Equal(t, http.StatusUnauthorized, code)
		assert.Equal(t, http.StatusNotFound, anon.refused("GET", "/api/v1/threads/not-an-id"))
		assert.Equal(t, http.StatusBadRequest, anon.refused("GET", "/api/v1/events?limit=1000"))

		// A member: their account, their lists, and the main writes.
		louise.ok("GET", "/api/v1/me", nil)
		louise.ok("GET", "/api/v1/me/consents", nil)
		louise.ok("GET", "/api/v1/me/committee", nil)
		louise.ok("GET", "/api/v1/me/privacy", nil)
		louise.ok("GET", "/api/v1/me/decisions", nil)
		louise.ok("GET", "/api/v1/me/audit", nil)
		louise.ok("GET", "/api/v1/me/export", nil)
		louise.ok("GET", "/api/v1/feed?limit=10", nil)
		notes := louise.ok("GET", "/api/v1/notifications", nil)
		louise.ok("GET", "/api/v1/notifications/preferences", nil)
		if n := field(notes, "items", "0", "id"); n != "" {
			louise.ok("POST", "/api/v1/notifications/"+n+"/read", nil)
		}
		louise.ok("POST", "/api/v1/notifications/read", nil)
		inbox := louise.ok("GET", "/api/v1/conversations", nil)
		louise.ok("GET", "/api/v1/conversations/unread", nil)
		conv := field(inbox, "items", "0", "id")
		require.NotEmpty(t, conv)
		louise.ok("GET", "/api/v1/conversations/"+conv, nil)
		louise.ok("GET", "/api/v1/conversations/"+conv+"/messages", nil)
		louise.ok("POST", "/api/v1/conversations/"+conv+"/messages", map[string]string{"body": "À demain, place Guichard."})
		louise.ok("POST", "/api/v1/conversations/"+conv+"/read", nil)
		louise.ok("GET", "/api/v1/follows/member", nil)
		louise.ok("PUT", "/api/v1/follows/committee/"+field(committees, "items", "0", "id"), nil)
		louise.ok("GET", "/api/v1/follows/member/"+paulID, nil)
		louise.ok("GET", "/api/v1/members/"+louiseID+"/followers", nil)
		louise.ok("GET", "/api/v1/members/"+louiseID+"/following", nil)
		louise.ok("GET", "/api/v1/members/"+paulID+"/follow-counts", nil)
		louise.ok("GET", "/api/v1/blocks", nil)
		louise.ok("PUT", "/api/v1/events/"+event+"/rsvp", map[string]string{"response": "going"})
		louise.ok("GET", "/api/v1/events/"+event+"/rsvp", nil)
		started := louise.ok("POST", "/api/v1/forums/"+forumID+"/threads", map[string]string{"title": "Un fil pour l’API", "body": "Le corps du fil."})
		mine := field(started, "thread", "id")
		louise.ok("PUT", "/api/v1/threads/"+mine+"/watch", nil)
		reply := paul.ok("POST", "/api/v1/threads/"+mine+"/posts", map[string]string{"body": "Une réponse."})
		louise.ok("PUT", "/api/v1/posts/"+field(reply, "id")+"/support", nil)
		louise.ok("POST", "/api/v1/posts/"+field(reply, "id")+"/flags", map[string]string{"reason": "off_topic", "text": "Hors sujet."})
		paul.ok("PATCH", "/api/v1/posts/"+field(reply, "id"), map[string]string{"body": "Une réponse, corrigée."})
		paul.ok("GET", "/api/v1/posts/"+field(reply, "id")+"/revisions", nil)
		proposed := louise.ok("POST", "/api/v1/solidarity/actions", map[string]any{"kind": "offer", "category": "other",
			"title": "Je peux relire des CV", "description": "Le soir, par courriel.", "place": map[string]string{"commune": "69383"}})
		louise.ok("PUT", "/api/v1/solidarity/actions/"+field(proposed, "id"), map[string]any{"kind": "offer", "category": "other",
			"title": "Je peux relire des CV et des lettres", "description": "Le soir, par courriel.", "place": map[string]string{"commune": "69383"}})
		louise.ok("POST", "/api/v1/solidarity/actions/"+field(proposed, "id")+"/submit", nil)
		louise.ok("GET", "/api/v1/solidarity/mine", nil)
		louise.ok("GET", "/api/v1/solidarity/volunteering", nil)
		paul.ok("PUT", "/api/v1/solidarity/actions/"+action+"/signup", nil)
		paul.ok("GET", "/api/v1/solidarity/actions/"+action+"/signup", nil)
		paul.ok("POST", "/api/v1/solidarity/actions/"+action+"/comments", map[string]string{"body": "J’en suis."})
		olympe.ok("POST", "/api/v1/me/join", nil)

		// An animator: their committee's members and an event's registrations.
		animator.ok("GET", "/api/v1/me/committee", nil)
		grants := admin.ok("GET", "/api/v1/members/"+memberID(t, db, demo.Animator.Email)+"/grants", nil)
		rhone := field(grants, "roles", "0", "scope", "id")
		require.NotEmpty(t, rhone)
		draft := map[string]any{"kind": "meeting", "committee": rhone, "title": "Réunion de la fédération",
			"starts_at": "2026-12-10T18:00:00Z", "ends_at": "2026-12-10T20:00:00Z", "time_zone": "Europe/Paris",
			"venue": map[string]string{"address": "1 place Guichard", "commune": "69383"}, "audience": "public", "capacity": 30}
		created := animator.ok("POST", "/api/v1/events", draft)
		draft["capacity"] = 40
		animator.ok("PUT", "/api/v1/events/"+field(created, "id"), draft)
		paul.ok("PUT", "/api/v1/events/"+field(created, "id")+"/rsvp", map[string]string{"response": "going"})
		for _, c := range committees.(map[string]any)["items"].([]any) {
			if c := c.(map[string]any); c["id"] == rhone {
				animator.ok("GET", "/api/v1/committees/"+c["slug"].(string)+"/members?limit=5", nil)
			}
		}
		animator.ok("GET", "/api/v1/events/"+field(created, "id")+"/registrations?status=going", nil)
		animator.call("POST", "/api/v1/events/"+field(created, "id")+"/checkin", map[string]any{"member": paulID, "present": true}) // a conflict before the day
		animator.ok("GET", "/api/v1/events/"+field(created, "id")+"/participation", nil)

		// A moderator and an admin: the queues, the directory, the logs.
		moderator.ok("GET", "/api/v1/moderation/queue", nil)
		moderator.ok("GET", "/api/v1/moderation/appeals", nil)
		admin.ok("GET", "/api/v1/members?limit=3", nil)
		admin.ok("GET", "/api/v1/members/"+louiseID, nil)
		admin.ok("GET", "/api/v1/members/"+louiseID+"/history", nil)
		admin.ok("GET", "/api/v1/members/"+louiseID+"/payments", nil)
		admin.ok("GET", "/api/v1/members/"+louiseID+"/grants", nil)
		admin.ok("GET", "/api/v1/audit?limit=5", nil)
		admin.ok("GET", "/api/v1/webhooks", nil)
		admin.ok("GET", "/api/v1/moderation/reports", nil)
		admin.ok("GET", "/api/v1/solidarity/queue", nil)
	})
}

// TestOpenAPIMatchesWrites validates the rest of the writes against
// docs/openapi.yaml: the account's life from registration to erasure,
// settings, conversations, moderation, the solidarity workflow, the
// consultation, and the admins' calls.
func TestOpenAPIMatchesWrites(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, anon, as := specServer(t, db)
		louise, paul, animator, admin := as("louise@avenir.test"), as("paul@avenir.test"), as(demo.Animator.Email), as("admin@avenir.test")
		paulID, jeanID, gisele := memberID(t, db, "paul@avenir.test"), memberID(t, db, "jean@avenir.test"), memberID(t, db, "gisele@avenir.test")

		// A newcomer's account, from registration to erasure.
		anon.ok("POST", "/api/v1/auth/register", map[string]any{"email": "rosa@example.org", "password": "spartacus forever",
			"display_name": "Rosa", "address": map[string]string{"postal_code": "69003"}, "join": true, "consents": []string{"membership"}})
		anon.ok("POST", "/api/v1/auth/verify", map[string]string{"token": mailToken(t, s)})
		anon.ok("POST", "/api/v1/auth/link", map[string]string{"email": "rosa@example.org"})
		session := anon.ok("POST", "/api/v1/auth/link/signin", map[string]string{"token": mailToken(t, s)})
		rosa := anon
		rosa.token = field(session, "token")
		rosa.ok("PATCH", "/api/v1/me", map[string]any{"display_name": "Rosa L."})
		rosa.ok("PUT", "/api/v1/me/consents/newsletter", map[string]bool{"given": true})
		rosa.ok("POST", "/api/v1/me/password", map[string]string{"current_password": "spartacus forever", "password": "a new password, longer"})
		session = anon.ok("POST", "/api/v1/auth/signin", map[string]string{"email": "rosa@example.org", "password": "a new password, longer"})
		rosa.token = field(session, "token")
		rosa.ok("DELETE", "/api/v1/me", map[string]string{"confirm": "erase"})
		other := anon
		other.token = field(anon.ok("POST", "/api/v1/auth/signin", map[string]string{"email": "olympe@avenir.test", "password": "demo-sympathie-avenir"}), "token")
		other.ok("POST", "/api/v1/auth/signout", nil)
		olympe := as("olympe@avenir.test")
		olympe.ok("POST", "/api/v1/auth/signout-everywhere", nil)

		// Settings.
		louise.ok("PUT", "/api/v1/me/privacy", map[string]string{"follow_policy": "members"})
		prefs := louise.ok("GET", "/api/v1/notifications/preferences", nil)
		for kind := range prefs.(map[string]any)["preferences"].(map[string]any) {
			louise.ok("PUT", "/api/v1/notifications/preferences", map[string]string{kind: "digest"})
			break
		}

		// Conversations, blocks and follows.
		started := louise.ok("POST", "/api/v1/conversations", map[string]any{"with": []string{paulID}, "title": "Tractage", "body": "On se retrouve où ?"})
		conv := field(started, "conversation", "id")
		louise.ok("POST", "/api/v1/conversations/"+conv+"/members", map[string]any{"members": []string{gisele}})
		paul.ok("POST", "/api/v1/messages/"+field(started, "message", "id")+"/report", map[string]string{"reason": "Un test de signalement."})
		as("lucie@avenir.test").ok("GET", "/api/v1/moderation/reports", nil)
		louise.ok("POST", "/api/v1/conversations/"+conv+"/leave", nil)
		louise.ok("PUT", "/api/v1/blocks/"+jeanID, nil)
		louise.ok("DELETE", "/api/v1/blocks/"+jeanID, nil)
		louise.ok("PUT", "/api/v1/follows/member/"+paulID, nil)
		louise.ok("DELETE", "/api/v1/follows/member/"+paulID, nil)

		// Moderation: a decision on a post, and its appeal.
		forums := louise.ok("GET", "/api/v1/forums", nil)
		opened := louise.ok("POST", "/api/v1/forums/"+field(forums, "items", "0", "id")+"/threads",
			map[string]string{"title": "Un fil à modérer", "body": "Le corps du fil."})
		thread, first := field(opened, "thread", "id"), field(opened, "post", "id")
		post := field(paul.ok("POST", "/api/v1/threads/"+thread+"/posts", map[string]string{"body": "Hors sujet."}), "id")
		admin.ok("PATCH", "/api/v1/threads/"+thread, map[string]bool{"pinned": true})
		decision := admin.ok("POST", "/api/v1/posts/"+post+"/decisions", map[string]string{"action": "hide", "reason": "off_topic", "text": "Hors sujet."})
		paul.ok("GET", "/api/v1/decisions/"+field(decision, "id"), nil)
		paul.ok("POST", "/api/v1/decisions/"+field(decision, "id")+"/appeal", map[string]string{"text": "Ce n’était pas hors sujet."})
		as("lucie@avenir.test").call("POST", "/api/v1/decisions/"+field(decision, "id")+"/answer", map[string]string{"outcome": "upheld", "text": "La décision tient."})
		louise.ok("DELETE", "/api/v1/threads/"+thread+"/watch", nil)
		mine := field(louise.ok("POST", "/api/v1/threads/"+thread+"/posts", map[string]string{"body": "Je retire."}), "id")
		louise.ok("DELETE", "/api/v1/posts/"+mine, nil)

		// The solidarity workflow: proposed, validated, a volunteer accepted,
		// started and completed.
		draft := map[string]any{"kind": "request", "category": "other", "title": "Aide pour porter des cartons",
			"description": "Un samedi matin.", "place": map[string]string{"commune": "69383"}, "volunteers": 5}
		action := field(louise.ok("POST", "/api/v1/solidarity/actions", draft), "id")
		louise.ok("POST", "/api/v1/solidarity/actions/"+action+"/submit", nil)
		animator.ok("GET", "/api/v1/solidarity/queue", nil)
		animator.ok("POST", "/api/v1/solidarity/actions/"+action+"/validate", nil)
		paul.ok("PUT", "/api/v1/solidarity/actions/"+action+"/signup", map[string]any{})
		louise.ok("GET", "/api/v1/solidarity/actions/"+action+"/helpers", nil)
		louise.ok("POST", "/api/v1/solidarity/actions/"+action+"/helpers/"+paulID+"/accept", nil)
		louise.ok("GET", "/api/v1/solidarity/actions/"+action+"/contacts", nil)
		louise.ok("POST", "/api/v1/solidarity/actions/"+action+"/start", nil)
		louise.ok("POST", "/api/v1/solidarity/actions/"+action+"/complete", map[string]any{"people_helped": 12, "hours": 3, "volunteers": 2})
		other2 := field(louise.ok("POST", "/api/v1/solidarity/actions", draft), "id")
		louise.ok("POST", "/api/v1/solidarity/actions/"+other2+"/submit", nil)
		louise.call("POST", "/api/v1/solidarity/actions/"+other2+"/revise", nil)
		louise.ok("POST", "/api/v1/solidarity/actions/"+other2+"/cancel", map[string]string{"reason": "Plus besoin."})
		paul.call("DELETE", "/api/v1/solidarity/actions/"+action+"/signup", nil)
		louise.call("POST", "/api/v1/solidarity/actions/"+action+"/helpers/"+paulID+"/decline", nil)
		animator.call("POST", "/api/v1/solidarity/actions/"+other2+"/reject", map[string]string{"reason": "Hors du champ."})

		// The consultation: whatever its phase, each answer matches the
		// document (an error in its shape when the phase refuses).
		cons := field(louise.ok("GET", "/api/v1/consultations", nil), "items", "0", "id")
		louise.ok("GET", "/api/v1/consultations/"+cons+"/supports", nil)
		contributions := louise.ok("GET", "/api/v1/consultations/"+cons+"/contributions", nil)
		louise.call("POST", "/api/v1/consultations/"+cons+"/contributions", map[string]any{"title": "Une contribution", "summary": "En bref.",
			"sections": []map[string]string{{"heading": "Constat", "body": "Le constat."}}})
		if text := field(contributions, "items", "0", "id"); text != "" {
			paul.call("PUT", "/api/v1/supports/"+text, nil)
			paul.call("DELETE", "/api/v1/supports/"+text, nil)
		}
		motions := louise.ok("GET", "/api/v1/consultations/"+cons+"/motions", nil)
		if motion := field(motions, "items", "0", "id"); motion != "" {
			louise.call("GET", "/api/v1/texts/"+motion+"/vote", nil)
			louise.call("GET", "/api/v1/texts/"+motion+"/result", nil)
			louise.call("GET", "/api/v1/texts/"+motion+"/ballots", nil)
			louise.call("GET", "/api/v1/texts/"+motion+"/markdown", nil)
			louise.call("PUT", "/api/v1/texts/"+motion+"/vote", map[string]string{"choice": "for"})
		}

		// The admins: dues, status, roles, webhooks.
		admin.ok("POST", "/api/v1/members/"+jeanID+"/payments", map[string]any{"tier": "standard", "amount": 3000, "method": "transfer",
			"reference": "VIR-42", "paid_at": "2026-11-20T10:00:00Z"})
		admin.ok("POST", "/api/v1/members/"+jeanID+"/status", map[string]string{"to": "suspended", "reason": "Un test.", "until": "2026-12-24T00:00:00Z"})
		grant := admin.ok("POST", "/api/v1/members/"+paulID+"/grants", map[string]any{"role": "moderator", "scope": map[string]string{"kind": "network"}})
		admin.ok("DELETE", "/api/v1/grants/"+field(grant, "id"), nil)
		hook := admin.ok("POST", "/api/v1/webhooks", map[string]any{"url": "https://hooks.example.org/avenir", "types": []string{"forum.thread_started"}})
		id := field(hook, "webhook", "id")
		admin.ok("GET", "/api/v1/webhooks/"+id, nil)
		admin.ok("GET", "/api/v1/webhooks/"+id+"/deliveries", nil)
		admin.ok("POST", "/api/v1/webhooks/"+id+"/disable", nil)
		admin.ok("POST", "/api/v1/webhooks/"+id+"/enable", nil)
		admin.ok("DELETE", "/api/v1/webhooks/"+id, nil)
		admin.ok("GET", "/api/v1/members?status=active&renewals=30", nil)
		admin.ok("POST", "/api/v1/members/import?dry_run=1", "email,display_name,postal_code\nclara@example.org,Clara,75011\n")

		// Committees and events.
		committees := louise.ok("GET", "/api/v1/committees", nil)
		slug := field(committees, "items", "0", "slug")
		louise.ok("POST", "/api/v1/committees/"+slug+"/follow", nil)
		louise.ok("DELETE", "/api/v1/committees/"+slug+"/follow", nil)
		louise.call("POST", "/api/v1/me/committee", map[string]string{"committee": field(committees, "items", "1", "id"), "reason": "Je déménage."})
		grants := admin.ok("GET", "/api/v1/members/"+memberID(t, db, demo.Animator.Email)+"/grants", nil)
		event := animator.ok("POST", "/api/v1/events", map[string]any{"kind": "canvassing", "committee": field(grants, "roles", "0", "scope", "id"),
			"title": "Tractage au marché", "starts_at": "2026-12-12T09:00:00Z", "ends_at": "2026-12-12T12:00:00Z", "time_zone": "Europe/Paris",
			"venue": map[string]string{"address": "Marché de la Croix-Rousse", "commune": "69384"}, "audience": "members", "capacity": 0})
		animator.ok("POST", "/api/v1/events/"+field(event, "id")+"/cancel", map[string]string{"reason": "La pluie."})

		// Notifications and a post's support withdrawn.
		_, err := s.net.Relay.RunOnce(context.Background()) // the outbox's events become notifications
		require.NoError(t, err)
		notes := louise.ok("GET", "/api/v1/notifications?unread=1", nil)
		n := field(notes, "items", "0", "id")
		require.NotEmpty(t, n, "Paul's reply notifies Louise")
		louise.ok("POST", "/api/v1/notifications/"+n+"/read", nil)
		paul.ok("PUT", "/api/v1/posts/"+first+"/support", nil)
		paul.ok("DELETE", "/api/v1/posts/"+first+"/support", nil)
		admin.call("POST", "/api/v1/posts/"+post+"/approve", nil)

		// A consultation's whole life, from its opening to the vote's result.
		var theme string
		for _, f := range forums.(map[string]any)["items"].([]any) {
			if f := f.(map[string]any); f["slug"] == "vie-du-mouvement" {
				theme = f["id"].(string)
			}
		}
		require.NotEmpty(t, theme)
		louiseID := memberID(t, db, "louise@avenir.test")
		in := map[string]any{"title": "Notre programme local", "description": "Ce que nous proposons.", "forum": theme, "drafters": []string{louiseID}}
		c := field(admin.ok("POST", "/api/v1/consultations", in), "id")
		in["description"] = "Ce que nous proposons ensemble."
		admin.ok("PATCH", "/api/v1/consultations/"+c, in)
		advance := func() { louise.ok("POST", "/api/v1/consultations/"+c+"/advance", nil) }
		advance() // contributions
		textDraft := map[string]any{"title": "Des pistes cyclables", "summary": "Relier les quartiers.",
			"sections": []map[string]string{{"heading": "Constat", "body": "Peu de pistes."}, {"heading": "Proposition", "body": "Un réseau continu."}}}
		text := paul.ok("POST", "/api/v1/consultations/"+c+"/contributions", textDraft)
		textDraft["note"] = "Le titre précisé."
		textDraft["title"] = "Des pistes cyclables sûres"
		text = paul.ok("PUT", "/api/v1/texts/"+field(text, "id"), textDraft)
		paul.ok("POST", "/api/v1/texts/"+field(text, "id")+"/authors", map[string]string{"member": gisele})
		as("gisele@avenir.test").ok("PUT", "/api/v1/texts/"+field(text, "id")+"/authors/me", nil)
		advance() // amendments
		amendment := louise.ok("POST", "/api/v1/texts/"+field(text, "id")+"/amendments", map[string]any{
			"section": field(text, "sections", "0", "id"), "proposed": "Trop peu de pistes, et dangereuses.", "reason": "Plus précis."})
		louise.ok("GET", "/api/v1/amendments/"+field(amendment, "id"), nil)
		paul.ok("POST", "/api/v1/amendments/"+field(amendment, "id")+"/answer", map[string]string{"state": "accepted"})
		advance() // supports
		advance() // synthesis
		delete(textDraft, "note")
		motion := louise.ok("POST", "/api/v1/consultations/"+c+"/motions", textDraft)
		textDraft["note"] = "Relu."
		louise.ok("PUT", "/api/v1/texts/"+field(motion, "id"), textDraft)
		louise.ok("POST", "/api/v1/texts/"+field(motion, "id")+"/publish", nil)
		advance() // vote
		louise.ok("PUT", "/api/v1/texts/"+field(motion, "id")+"/vote", map[string]string{"choice": "for"})
		louise.ok("GET", "/api/v1/texts/"+field(motion, "id")+"/vote", nil)
		advance() // closed
		louise.ok("GET", "/api/v1/texts/"+field(motion, "id")+"/result", nil)
		louise.ok("GET", "/api/v1/texts/"+field(motion, "id")+"/ballots", nil)
		louise.ok("GET", "/api/v1/texts/"+field(motion, "id")+"/markdown", nil)

		// Forum and committee management, personal API tokens.
		forum := field(admin.ok("POST", "/api/v1/forums", map[string]any{"title": "Culture", "audience": "public"}), "id")
		admin.ok("PATCH", "/api/v1/forums/"+forum, map[string]any{"title": "Culture populaire", "audience": "members", "moderation": "pre", "position": 3})
		rhone := field(animator.ok("GET", "/api/v1/committees/federation-du-rhone", nil), "id")
		committeeDraft := map[string]any{"kind": "local", "name": "Lyon 9e", "parent": rhone, "territory": map[string]any{"communes": []string{"69389"}}}
		animator.ok("POST", "/api/v1/committees", committeeDraft)
		committeeDraft["description"] = "Vaise et Saint-Rambert."
		animator.ok("PUT", "/api/v1/committees/lyon-9e", committeeDraft)
		animator.ok("POST", "/api/v1/committees/lyon-9e/move", map[string]any{"parent": rhone})
		animator.ok("POST", "/api/v1/committees/lyon-7e/merge", map[string]any{"target": field(animator.ok("GET", "/api/v1/committees/lyon-3e", nil), "id"), "reason": "Regroupement."})
		animator.ok("POST", "/api/v1/committees/lyon-9e/archive", nil)
		made := louise.ok("POST", "/api/v1/me/tokens", map[string]any{"name": "Tableur", "scopes": []string{"read"}, "expires_at": "2027-06-30"})
		reader := anon
		reader.token = field(made, "secret")
		reader.ok("GET", "/api/v1/me", nil)
		code, _ := reader.call("PATCH", "/api/v1/me", map[string]any{"display_name": "Louise M."})
		assert.Equal(t, http.StatusForbidden, code, "a read-only token writes nothing")
		louise.ok("GET", "/api/v1/me/tokens", nil)
		louise.ok("DELETE", "/api/v1/me/tokens/"+field(made, "token", "id"), nil)
		code, _ = reader.call("GET", "/api/v1/me", nil)
		assert.Equal(t, http.StatusUnauthorized, code, "a revoked token")

		paul.ok("POST", "/api/v1/me/leave", map[string]string{"reason": "Je déménage."})
	})
}

// TestOpenAPIUncalled, with OPENAPI_UNCALLED=1 and after the validation
// tests (it comes after them in this file, so it runs after them), fails on
// each operation of the document that no call of theirs reaches:
//
//	OPENAPI_UNCALLED=1 go test -run 'TestOpenAPIMatches|TestOpenAPIUncalled' .
//
// Today every operation is reached; keep it so when adding routes.
func TestOpenAPIUncalled(t *testing.T) {
	if os.Getenv("OPENAPI_UNCALLED") == "" {
		t.Skip("set OPENAPI_UNCALLED=1 and run with the TestOpenAPIMatches tests")
	}
	doc := loadOpenAPI(t)
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if _, ok := called.Load(method + " " + path); !ok {
				t.Errorf("no call reaches %s %s", method, path)
			}
		}
	}
}

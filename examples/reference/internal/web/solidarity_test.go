package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var actionLink = regexp.MustCompile(`/solidarity/([0-9a-f-]{36})`)

// people are the persons of the solidarity tests, each with a signed-in
// browser: Claire and Bruno, members of Lyon 3e, and Lucie, animator of
// the Rhône federation (above Lyon 3e).
type people struct {
	claire, bruno, lucie *cookieClient
	newClient            func() *cookieClient
}

// solidarityPeople is a server with the committee tree and the people.
func solidarityPeople(t *testing.T, db *storage.DB, clock *avenir.ManualClock) (*Server, people) {
	t.Helper()
	s, _, newClient := adminSetup(t, db, clock)
	admin := adminActor(t, s)
	tree := committeeTree(t, s, admin)
	p := people{newClient: newClient}
	for _, who := range []struct {
		c    **cookieClient
		name string
	}{{&p.claire, "Claire"}, {&p.bruno, "Bruno"}, {&p.lucie, "Lucie"}} {
		*who.c = newClient()
		email := strings.ToLower(who.name) + "@example.org"
		id := activeMember(t, s, *who.c, admin, email, who.name)
		if who.name == "Lucie" {
			_, err := s.members.GrantRole(context.Background(), admin, id,
				membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(tree["rhone"].ID)})
			require.NoError(t, err)
		}
		(*who.c).signIn(email, "a long password here")
	}
	return s, p
}

// TestSolidarityJourney walks the pages: a member proposes a request (a
// refused form first), submits it; the animator validates it from the
// queue; another member volunteers and is accepted; the contacts appear
// to both; the action is completed and counts on the impact page.
func TestSolidarityJourney(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		clock := testClock()
		_, p := solidarityPeople(t, db, clock)
		claire, bruno, lucie, newClient := p.claire, p.bruno, p.lucie, p.newClient
		ctx := context.Background()

		// The empty space, for a visitor.
		visitor := newClient()
		r := visitor.get("/solidarity")
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Aucune action pour l’instant", `href="/solidarity/impact"`)
		r = visitor.get("/solidarity/new")
		assert.Equal(t, http.StatusSeeOther, r.status)

		// A place abroad without its country: refused, nothing written.
		day := clock.Now().AddDate(0, 0, 3).Format("2006-01-02")
		form := url.Values{"kind": {"request"}, "category": {"food_aid"}, "title": {"Courses pour une voisine âgée"},
			"description": {"Une voisine ne peut plus porter ses courses."}, "where": {"abroad"}, "city": {"Genève"},
			"starts_at": {day + "T10:00"}, "volunteers": {"1"}, "audience": {"public"}, "submit": {"1"}}
		r = claire.post("/solidarity", form)
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, "Un lieu hors de France a besoin de son pays.", `id="place.country-error"`, `value="Courses pour une voisine âgée"`)
		form.Set("where", "commune")
		form.Set("postal_code", "69003")
		form.Del("submit")
		r = claire.post("/solidarity", form)
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		path := r.location[:len("/solidarity/")+36]
		r = claire.get(r.location)
		assertHas(t, r.body, "Votre brouillon est enregistré", "Brouillon", `href="`+path+`/edit"`)

		// She edits her draft, then submits it.
		r = claire.get(path + "/edit")
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, `value="Courses pour une voisine âgée"`, `value="69383"`, `value="`+day+`T10:00"`, `action="`+path+`/edit"`)
		assert.Equal(t, http.StatusNotFound, bruno.get(path+"/edit").status, "the form is the author's")
		form.Set("title", "Courses pour une voisine")
		r = claire.post(path+"/edit", withValue(form, "ends_at", day+"T09:00"))
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, `id="ends_at-error"`, `action="`+path+`/edit"`)
		form.Set("title", "Courses pour une voisine âgée")
		form.Set("submit", "1")
		r = claire.postThen(path+"/edit", form)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Votre action est envoyée à la validation", "LYON 03 (Rhône)", "Lyon 3e", "En attente de validation")
		assertLacks(t, r.body, `href="`+path+`/edit"`)
		assert.Equal(t, http.StatusNotFound, claire.get(path+"/edit").status, "only a draft is edited")

		// Not listed yet; the animator finds it in the queue and validates.
		r = visitor.get("/solidarity")
		assertLacks(t, r.body, "Courses pour une voisine")
		r = lucie.get("/solidarity/queue")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "Courses pour une voisine âgée")
		r = claire.get("/solidarity/queue")
		assert.Equal(t, http.StatusForbidden, r.status)
		r = lucie.post(path+"/validate", url.Values{"back": {"queue"}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, "/solidarity/queue?done=published", r.location)
		r = visitor.get("/solidarity")
		assertHas(t, r.body, "Courses pour une voisine âgée")

		// Comments: Bruno asks, the visitor reads; an empty one is refused.
		r = bruno.post(path+"/comments", url.Values{"body": {"  "}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, `id="body-error"`)
		r = bruno.postThen(path+"/comments", url.Values{"body": {"Quel jour vous arrange **le mieux** ?"}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Votre commentaire est publié.", "<strong>le mieux</strong>")
		r = visitor.get(path)
		assertHas(t, r.body, "Bruno", "<strong>le mieux</strong>", "Connectez-vous pour commenter")

		// Bruno volunteers; Claire accepts him.
		r = bruno.postThen(path+"/volunteer", url.Values{})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Merci de votre engagement", "En attente de l’organisateur")
		assertLacks(t, r.body, "claire@example.org")
		brunoRow, err := db.Members().MemberByEmail(ctx, "bruno@example.org")
		require.NoError(t, err)
		r = claire.get(path)
		assertHas(t, r.body, "Accepter Bruno")
		assertLacks(t, r.body, "bruno@example.org")
		r = lucie.post(path+"/helpers", url.Values{"member": {brunoRow.ID.String()}, "decision": {"accept"}})
		assert.Equal(t, http.StatusForbidden, r.status)
		assertHas(t, r.body, "Seul l’organisateur de l’action peut accepter ou refuser des bénévoles.")
		r = claire.postThen(path+"/helpers", url.Values{"member": {brunoRow.ID.String()}, "decision": {"accept"}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "bruno@example.org", "Coordonnées")
		r = bruno.get(path)
		assertHas(t, r.body, "claire@example.org", "Accepté·e")
		for _, other := range []*cookieClient{visitor, lucie} {
			r = other.get(path)
			assertLacks(t, r.body, "claire@example.org", "bruno@example.org", "Coordonnées")
		}

		// Completed with its impact, which the impact page counts.
		r = claire.postThen(path+"/complete", url.Values{"people_helped": {"1"}, "hours": {"3"}, "report": {"Courses faites."}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Personnes aidées", "Courses faites.")
		r = visitor.get("/solidarity/impact")
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Aide alimentaire", `<td class="num">3</td>`)
		r = visitor.get("/solidarity/impact.csv?by=committee")
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "1,1,3,1")

		r = claire.get("/solidarity/mine")
		assertHas(t, r.body, "Courses pour une voisine âgée", "Terminée")
		r = bruno.get("/solidarity/mine")
		assertHas(t, r.body, "Courses pour une voisine âgée", "Accepté·e")
	})
}

// TestSolidarityAPI walks the same story through the JSON API, with its
// refusals: each a translated error that changes nothing.
func TestSolidarityAPI(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		clock := testClock()
		s, p := solidarityPeople(t, db, clock)
		h := s.Handler()
		anon := apiClient{t: t, h: h}
		claire := anon.signIn("claire@example.org", "a long password here")
		bruno := anon.signIn("bruno@example.org", "a long password here")
		lucie := anon.signIn("lucie@example.org", "a long password here")
		const base = "/api/v1/solidarity"
		start := clock.Now().AddDate(0, 0, 5)
		draft := map[string]any{"kind": "request", "category": "transport", "title": "Conduire Marcel à l’hôpital",
			"description": "Un rendez-vous à Édouard-Herriot.", "place": map[string]any{"commune": "69383"},
			"starts_at": start, "ends_at": start.Add(-time.Hour), "volunteers": 1}

		// Bad input: each refused with its field, nothing written.
		code, out := claire.call("POST", base+"/actions", draft)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "ends_at", out["error"].(map[string]any)["field"])
		assert.Equal(t, "L’action doit se terminer après son début.", out["error"].(map[string]any)["message"])
		draft["ends_at"] = start.Add(2 * time.Hour)
		draft["place"] = map[string]any{"city": "Genève"}
		code, out = claire.call("POST", base+"/actions", draft)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "place.country", out["error"].(map[string]any)["field"])
		code, out = claire.call("GET", base+"/mine", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Empty(t, out["items"], "nothing was written")

		// Proposed, edited, submitted, validated.
		draft["place"] = map[string]any{"commune": "69383"}
		code, out = claire.call("POST", base+"/actions", draft)
		require.Equal(t, http.StatusCreated, code, out)
		id := out["id"].(string)
		action := base + "/actions/" + id
		draft["volunteers"] = 2
		code, out = bruno.call("PUT", action, draft)
		assert.Equal(t, http.StatusNotFound, code, out)
		code, out = claire.call("PUT", action, draft)
		require.Equal(t, http.StatusOK, code, out)
		assert.EqualValues(t, 2, out["volunteers"])
		code, out = claire.call("POST", action+"/submit", nil)
		require.Equal(t, http.StatusOK, code, out)
		assert.Equal(t, "submitted", out["status"])
		code, _ = anon.call("GET", action, nil)
		assert.Equal(t, http.StatusNotFound, code)
		code, out = lucie.call("GET", base+"/queue", nil)
		require.Equal(t, http.StatusOK, code)
		require.Len(t, out["items"], 1)
		code, out = bruno.call("GET", base+"/queue", nil)
		assert.Equal(t, http.StatusForbidden, code, out)
		code, out = lucie.call("POST", action+"/validate", nil)
		require.Equal(t, http.StatusOK, code, out)
		assert.Equal(t, "published", out["status"])

		// A published action is not edited any more.
		code, out = claire.call("PUT", action, draft)
		assert.Equal(t, http.StatusConflict, code, out)

		// The date filter: days, the last one included.
		days := func(from, to time.Time) string {
			return base + "/actions?from=" + from.Format(time.DateOnly) + "&to=" + to.Format(time.DateOnly)
		}
		for _, tt := range []struct {
			path string
			n    int
		}{
			{days(start, start), 1}, {days(start.AddDate(0, 0, 1), start.AddDate(0, 0, 9)), 0}, {days(start.AddDate(0, 0, -9), start.AddDate(0, 0, -1)), 0},
		} {
			code, out = anon.call("GET", tt.path, nil)
			require.Equal(t, http.StatusOK, code, out)
			assert.Len(t, out["items"], tt.n, tt.path)
		}
		code, out = anon.call("GET", days(start, start.AddDate(0, 0, -2)), nil)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "to", out["error"].(map[string]any)["field"])

		// Comments, through the forum.
		code, out = bruno.call("POST", action+"/comments", map[string]string{"body": "Je peux le mardi."})
		require.Equal(t, http.StatusCreated, code, out)
		code, out = anon.call("GET", action+"/comments", nil)
		require.Equal(t, http.StatusOK, code, out)
		require.Len(t, out["items"], 1)
		assert.Equal(t, "Bruno", out["items"].([]any)[0].(map[string]any)["author_name"])

		// The author is shown to those who run or validate the action only.
		code, out = anon.call("GET", base+"/actions", nil)
		require.Equal(t, http.StatusOK, code)
		require.Len(t, out["items"], 1)
		assert.Empty(t, out["items"].([]any)[0].(map[string]any)["author"])
		for _, c := range []apiClient{claire, lucie} {
			_, out = c.call("GET", action, nil)
			assert.NotEmpty(t, out["author"])
		}
		_, out = bruno.call("GET", action, nil)
		assert.Empty(t, out["author"])

		// Bruno volunteers; only the organiser decides.
		code, out = bruno.call("PUT", action+"/signup", nil)
		require.Equal(t, http.StatusOK, code, out)
		assert.Equal(t, "pending", out["status"])
		member := out["member"].(string)
		code, out = lucie.call("POST", action+"/helpers/"+member+"/accept", nil)
		assert.Equal(t, http.StatusForbidden, code)
		assert.Equal(t, "Seul l’organisateur de l’action peut accepter ou refuser des bénévoles.", out["error"].(map[string]any)["message"])
		code, _ = bruno.call("GET", action+"/helpers", nil)
		assert.Equal(t, http.StatusForbidden, code)
		code, out = claire.call("GET", action+"/helpers", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "pending", out["items"].([]any)[0].(map[string]any)["status"], "the refused acceptance changed nothing")
		code, out = claire.call("POST", action+"/helpers/"+member+"/accept", nil)
		require.Equal(t, http.StatusOK, code, out)

		// Contacts: between the two of them only.
		contacts := func(c apiClient) string {
			code, out := c.call("GET", action+"/contacts", nil)
			require.Equal(t, http.StatusOK, code, out)
			var emails []string
			for _, it := range out["items"].([]any) {
				emails = append(emails, it.(map[string]any)["email"].(string))
			}
			return strings.Join(emails, ",")
		}
		assert.Equal(t, "bruno@example.org", contacts(claire))
		assert.Equal(t, "claire@example.org", contacts(bruno))
		assert.Empty(t, contacts(anon))
		assert.Empty(t, contacts(lucie))

		// A sign-up to a cancelled action is a conflict.
		delete(draft, "ends_at")
		draft["title"] = "Aide aux devoirs"
		_, out = claire.call("POST", base+"/actions", draft)
		other := base + "/actions/" + out["id"].(string)
		claire.call("POST", other+"/submit", nil)
		lucie.call("POST", other+"/validate", nil)
		code, out = bruno.call("POST", other+"/cancel", map[string]string{"reason": "plus besoin"})
		assert.Equal(t, http.StatusForbidden, code, out)
		code, out = claire.call("POST", other+"/cancel", map[string]string{"reason": "Plus besoin."})
		require.Equal(t, http.StatusOK, code, out)
		code, out = bruno.call("PUT", other+"/signup", nil)
		assert.Equal(t, http.StatusConflict, code)
		assert.Equal(t, "Cette action n’est pas ouverte aux bénévoles.", out["error"].(map[string]any)["message"])
		code, _ = bruno.call("GET", other+"/signup", nil)
		assert.Equal(t, http.StatusNotFound, code, "the refused sign-up wrote nothing")

		// Completed: the impact, as JSON and CSV.
		code, out = claire.call("POST", action+"/complete", map[string]any{"people_helped": 1, "hours": 2})
		require.Equal(t, http.StatusOK, code, out)
		code, out = anon.call("GET", base+"/impact?by=category", nil)
		require.Equal(t, http.StatusOK, code, out)
		require.Len(t, out["items"], 1)
		assert.Equal(t, "transport", out["items"].([]any)[0].(map[string]any)["key"])
		r := p.newClient().get(base + "/impact.csv?by=month")
		require.Equal(t, http.StatusOK, r.status, r.body)
		assert.Contains(t, r.header.Get("Content-Type"), "text/csv")
		assertHas(t, r.body, ",1,1,2,1")
		code, out = anon.call("GET", base+"/impact?by=weekday", nil)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "by", out["error"].(map[string]any)["field"])

		code, out = bruno.call("GET", base+"/volunteering", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 1)
		code, out = anon.call("GET", base+"/categories", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Equal(t, "Aide alimentaire", out["items"].([]any)[0].(map[string]any)["label"])
		code, out = anon.call("GET", base+"/near?postal_code=00000", nil)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "postal_code", out["error"].(map[string]any)["field"])
	})
}

// TestSolidarityDemo: the demo holds an action in every state, the same
// ones however often it is seeded.
func TestSolidarityDemo(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db) // seeds twice
		all, err := db.Solidarity().Actions(context.Background(), solidarity.Filter{Visibility: avenir.Visibility{All: true}, Limit: 100})
		require.NoError(t, err)
		count := map[solidarity.Status]int{}
		byTitle := map[string]solidarity.Action{}
		for _, a := range all {
			count[a.Status]++
			byTitle[a.Title] = a
		}
		assert.Equal(t, map[solidarity.Status]int{
			solidarity.StatusDraft: 1, solidarity.StatusSubmitted: 2, solidarity.StatusPublished: 7, solidarity.StatusInProgress: 1,
			solidarity.StatusCompleted: 3, solidarity.StatusCancelled: 1, solidarity.StatusExpired: 1, solidarity.StatusRejected: 1,
		}, count)
		assert.NotEmpty(t, byTitle["Vente de tracts imprimés"].Reason, "rejected with its reason")
		require.NotNil(t, byTitle["Distribution de colis alimentaires"].Impact)
		assert.Equal(t, 42, byTitle["Distribution de colis alimentaires"].Impact.PeopleHelped)
		collecte := byTitle["Collecte alimentaire au supermarché de la Part-Dieu"]
		require.Len(t, collecte.Shifts, 2)
		assert.Equal(t, 2, collecte.Shifts[0].Accepted, "the first shift is full")
		waitlisted, err := db.Solidarity().Volunteers(context.Background(), collecte.ID, solidarity.Waitlisted)
		require.NoError(t, err)
		assert.Len(t, waitlisted, 1)

		// The list, a page at a time: the same actions in the same order
		// as all at once.
		anon := apiClient{t: t, h: h}
		const list = "/api/v1/solidarity/actions?status=published&status=in_progress&status=completed"
		ids := func(out map[string]any) []string {
			var got []string
			for _, it := range out["items"].([]any) {
				got = append(got, it.(map[string]any)["id"].(string))
			}
			return got
		}
		code, out := anon.call("GET", list+"&limit=50", nil)
		require.Equal(t, http.StatusOK, code, out)
		want := ids(out)
		require.Greater(t, len(want), 6)
		var paged []string
		next, pages := "", 0
		for {
			code, out = anon.call("GET", list+"&limit=3&after="+url.QueryEscape(next), nil)
			require.Equal(t, http.StatusOK, code, out)
			paged, pages = append(paged, ids(out)...), pages+1
			next, _ = out["next"].(string)
			if next == "" {
				break
			}
		}
		assert.Equal(t, want, paged)
		assert.Equal(t, (len(want)+2)/3, pages)
	})
}

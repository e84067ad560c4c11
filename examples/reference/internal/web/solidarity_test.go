package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var actionLink = regexp.MustCompile(`/solidarity/([0-9a-f-]{36})`)

// TestSolidarityJourney walks the pages: a member proposes a request (a
// refused form first), submits it; the animator validates it from the
// queue; another member volunteers and is accepted; the contacts appear
// to both; the action is completed and counts on the impact page.
func TestSolidarityJourney(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		clock := testClock()
		s, _, newClient := adminSetup(t, db, clock)
		admin := adminActor(t, s)
		committeeTree(t, s, admin)
		ctx := context.Background()

		claire := newClient()
		activeMember(t, s, claire, admin, "claire@example.org", "Claire")
		claire.signIn("claire@example.org", "a long password here")
		bruno := newClient()
		activeMember(t, s, bruno, admin, "bruno@example.org", "Bruno")
		bruno.signIn("bruno@example.org", "a long password here")
		lucie := newClient()
		lucieID := activeMember(t, s, lucie, admin, "lucie@example.org", "Lucie")
		rhone, err := s.committees.BySlug(ctx, "federation-du-rhone")
		require.NoError(t, err)
		_, err = s.members.GrantRole(ctx, admin, lucieID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(rhone.ID)})
		require.NoError(t, err)
		lucie.signIn("lucie@example.org", "a long password here")

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
		r = claire.post("/solidarity", form)
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		path := r.location[:len("/solidarity/")+36]
		r = claire.get(r.location)
		assertHas(t, r.body, "Votre action est envoyée à la validation", "LYON 03 (Rhône)", "Lyon 3e", "En attente de validation")

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

// TestSolidarityPagesAreTranslated checks that every text of the
// solidarity pages, in their templates and in Go, has a French translation.
func TestSolidarityPagesAreTranslated(t *testing.T) {
	var keys []string
	inTemplate := regexp.MustCompile(`\.T "((?:[^"\\]|\\.)*)"`)
	templates, err := filepath.Glob("templates/solidarity*.html")
	require.NoError(t, err)
	for _, name := range templates {
		b, err := templateFiles.ReadFile(filepath.ToSlash(name))
		require.NoError(t, err)
		for _, m := range inTemplate.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	inGo := []*regexp.Regexp{
		regexp.MustCompile(`localize\(r, "((?:[^"\\]|\\.)*)"`),
		regexp.MustCompile(`FieldError\("[^"]*", "((?:[^"\\]|\\.)*)"`),
		regexp.MustCompile(`Errorf\([^,]+, "((?:[^"\\]|\\.)*)"`),
	}
	sources, err := filepath.Glob("solidarity*.go")
	require.NoError(t, err)
	for _, name := range sources {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		for _, re := range inGo {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				keys = append(keys, m[1])
			}
		}
	}
	for _, k := range actionKindLabels {
		keys = append(keys, k)
	}
	for _, k := range actionStatusLabels {
		keys = append(keys, k)
	}
	for _, k := range volunteerLabels {
		keys = append(keys, k)
	}
	for _, k := range solidarityNotices {
		keys = append(keys, k)
	}
	for _, m := range []map[solidarity.Dimension]string{dimensionLabels, dimensionNames} {
		for _, k := range m {
			keys = append(keys, k)
		}
	}
	for _, a := range actionAudiences {
		keys = append(keys, a.label)
	}
	require.Greater(t, len(keys), 120)
	same := map[string]bool{"Impact": true, "Total": true, "position %d": true, "Actions": true, "Pages": true, "Places": true,
		"Description (Markdown)": true, "Commune": true}
	for _, k := range keys {
		key := strings.ReplaceAll(k, `\"`, `"`)
		if !same[key] {
			assert.NotEqual(t, key, avenir.Localize(language.French, key), "no French for %q", key)
		}
	}
}

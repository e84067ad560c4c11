package web

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestOpenAConsultation: an admin opens a consultation from its page, its
// drafting group named by address; bad input is refused, translated, and
// opens nothing; nobody else reaches the page.
func TestOpenAConsultation(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		h := consultationServer(t, db)
		admin := demoToken(t, h, "admin@avenir.test")
		louise := demoToken(t, h, "louise@avenir.test")
		listed := func() int {
			t.Helper()
			return len(consultationLink.FindAllString(fetch(t, h, admin, "GET", "/consultations", nil).body, -1))
		}
		before := listed()
		require.Positive(t, before)

		form := fetch(t, h, admin, "GET", "/consultations/new", nil)
		require.Equal(t, http.StatusOK, form.status)
		members := regexp.MustCompile(`<option value="([0-9a-f-]{36})"[^>]*>Vie du mouvement</option>`).FindStringSubmatch(form.body)
		require.NotNil(t, members, "the members' forum is offered")
		assert.NotContains(t, form.body, "Salle des modérateurs", "a moderators' forum is not offered")
		assert.Contains(t, fetch(t, h, admin, "GET", "/consultations", nil).body, `href="/consultations/new"`)
		assert.NotContains(t, fetch(t, h, louise, "GET", "/consultations", nil).body, `href="/consultations/new"`)

		valid := func(change map[string]string) url.Values {
			v := url.Values{"title": {"Le projet pour 2027"}, "forum": {members[1]}, "drafters": {"louise@avenir.test\nPAUL@avenir.test"},
				"contributions": {"2026-12-01T09:00"}, "amendments": {"2027-01-05T09:00"}}
			for k, x := range change {
				v.Set(k, x)
			}
			return v
		}
		for _, tc := range []struct {
			name   string
			token  string
			form   url.Values
			status int
			french string
		}{
			{"a visitor", "", valid(nil), http.StatusSeeOther, ""},
			{"a member", louise, valid(nil), http.StatusNotFound, ""},
			{"no title", admin, valid(map[string]string{"title": ""}), http.StatusBadRequest, "Ce champ est obligatoire."},
			{"no forum", admin, valid(map[string]string{"forum": ""}), http.StatusBadRequest, "Choisissez le forum thématique de la consultation."},
			{"dates out of order", admin, valid(map[string]string{"amendments": "2026-11-30T09:00"}), http.StatusBadRequest, "Les dates des phases doivent se suivre."},
			{"a date in words", admin, valid(map[string]string{"vote": "demain"}), http.StatusBadRequest, "demain"},
			{"a drafter of no member", admin, valid(map[string]string{"drafters": "personne@avenir.test"}), http.StatusBadRequest, "Aucun adhérent n’a l’adresse"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := fetch(t, h, tc.token, "POST", "/consultations?lang=fr", tc.form)
				assert.Equal(t, tc.status, got.status)
				if tc.french != "" {
					assert.Contains(t, got.body, tc.french)
				}
				assert.Equal(t, before, listed(), "nothing opened")
			})
		}

		got := fetch(t, h, admin, "POST", "/consultations", valid(nil))
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assert.Equal(t, before+1, listed())
		page := fetch(t, h, louise, "GET", got.location, nil)
		require.Equal(t, http.StatusOK, page.status)
		assert.Contains(t, page.body, "Le projet pour 2027")
		assert.Contains(t, page.body, "/advance", "Louise, of the drafting group, may move it on")
		olympe := demoToken(t, h, "olympe@avenir.test")
		assert.NotContains(t, fetch(t, h, olympe, "GET", got.location, nil).body, "/advance", "Olympe is not of it")
	})
}

// TestChangeAConsultation: an admin changes a consultation's title, dates
// and drafting group from its form, pre-filled; the forum stays; bad input
// changes nothing; nobody else reaches the form.
func TestChangeAConsultation(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		h := consultationServer(t, db)
		admin := demoToken(t, h, "admin@avenir.test")
		louise := demoToken(t, h, "louise@avenir.test")
		list := fetch(t, h, admin, "GET", "/consultations", nil)
		id := consultationLink.FindStringSubmatch(list.body)[1]
		edit := "/admin/consultations/" + id
		assert.Contains(t, fetch(t, h, admin, "GET", "/consultations/"+id, nil).body, `href="`+edit+`"`)
		assert.NotContains(t, fetch(t, h, louise, "GET", "/consultations/"+id, nil).body, `href="`+edit+`"`)
		assert.Equal(t, http.StatusNotFound, fetch(t, h, louise, "GET", edit, nil).status)

		form := fetch(t, h, admin, "GET", edit, nil)
		require.Equal(t, http.StatusOK, form.status)
		assert.Contains(t, form.body, "louise@avenir.test", "the drafting group, by address")
		assert.NotContains(t, form.body, `id="forum"`, "the forum stays")
		values := url.Values{}
		for _, m := range regexp.MustCompile(`<input id="([a-z]+)" name="[a-z]+"(?: type="datetime-local")? (?:required maxlength="200" )?value="([^"]*)"`).FindAllStringSubmatch(form.body, -1) {
			values.Set(m[1], m[2])
		}
		require.NotEmpty(t, values.Get("title"))
		values.Set("drafters", "louise@avenir.test\npaul@avenir.test")

		bad := url.Values{}
		for k, v := range values {
			bad[k] = v
		}
		bad.Set("title", "")
		got := fetch(t, h, admin, "POST", edit+"?lang=fr", bad)
		assert.Equal(t, http.StatusBadRequest, got.status)
		assert.Contains(t, got.body, "Ce champ est obligatoire.")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, louise, "POST", edit, values).status)

		values.Set("title", "Combattre et proposer, deuxième temps")
		got = fetch(t, h, admin, "POST", edit, values)
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		page := fetch(t, h, demoToken(t, h, "paul@avenir.test"), "GET", "/consultations/"+id, nil)
		assert.Contains(t, page.body, "Combattre et proposer, deuxième temps")
		assert.Contains(t, page.body, "/advance", "Paul is of the drafting group now")
	})
}

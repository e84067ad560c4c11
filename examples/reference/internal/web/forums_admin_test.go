package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestForumsAdmin: an admin creates and changes forums through the pages
// and the API; bad input is refused with a translated message and changes
// nothing; nobody else reaches the pages or the calls.
func TestForumsAdmin(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		admin := demoToken(t, h, "admin@avenir.test")
		louise := demoToken(t, h, "louise@avenir.test")
		count := func() int { // the forums on the admin's list
			t.Helper()
			got := fetch(t, h, admin, "GET", "/admin/forums", nil)
			require.Equal(t, http.StatusOK, got.status)
			return strings.Count(got.body, `<td><a href="/admin/forums/`)
		}
		before := count()

		for _, tc := range []struct {
			name, token, method, path string
			want                      int
		}{
			{"a visitor is sent to sign in", "", "GET", "/admin/forums", http.StatusSeeOther},
			{"a member finds no page", louise, "GET", "/admin/forums", http.StatusNotFound},
			{"a member cannot create", louise, "POST", "/admin/forums", http.StatusNotFound},
			{"the admin sees the list", admin, "GET", "/admin/forums", http.StatusOK},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var form url.Values
				if tc.method == "POST" {
					form = url.Values{"title": {"Pirate"}, "audience": {"public"}}
				}
				assert.Equal(t, tc.want, fetch(t, h, tc.token, tc.method, tc.path, form).status)
			})
		}
		require.Equal(t, before, count())

		for _, tc := range []struct {
			name   string
			form   url.Values
			french string
		}{
			{"no title", url.Values{"title": {""}, "audience": {"members"}}, "Un titre est obligatoire."},
			{"an unknown committee", url.Values{"title": {"Mur"}, "audience": {"committee"}, "committee": {"nulle-part"}}, "Ce comité n’existe pas."},
			{"a committee forum without its committee", url.Values{"title": {"Mur"}, "audience": {"committee"}}, ""},
			{"a position in words", url.Values{"title": {"Mur"}, "audience": {"members"}, "position": {"trois"}}, "La position doit être un nombre entier."},
			{"an unknown moderation mode", url.Values{"title": {"Mur"}, "audience": {"members"}, "moderation": {"never"}}, ""},
		} {
			t.Run("refused: "+tc.name, func(t *testing.T) {
				got := fetch(t, h, admin, "POST", "/admin/forums?lang=fr", tc.form)
				assert.Equal(t, http.StatusBadRequest, got.status)
				assert.Contains(t, got.body, `role="alert"`)
				if tc.french != "" {
					assert.Contains(t, got.body, tc.french)
				}
				assert.Equal(t, before, count(), "nothing created")
			})
		}

		got := fetch(t, h, admin, "POST", "/admin/forums", url.Values{"title": {"Écologie populaire"}, "audience": {"members"}, "moderation": {"pre"}, "position": {"7"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		require.Equal(t, before+1, count())
		edit := got.location[:len(got.location)-len("?done=created")]
		page := fetch(t, h, admin, "GET", got.location, nil)
		require.Equal(t, http.StatusOK, page.status)
		assert.Contains(t, page.body, `value="ecologie-populaire"`)
		assert.Equal(t, http.StatusNotFound, fetch(t, h, "", "GET", "/forums/ecologie-populaire", nil).status, "members only")

		got = fetch(t, h, admin, "POST", edit, url.Values{"title": {"Écologie populaire"}, "slug": {"ecologie"}, "audience": {"committee"}, "committee": {"lyon-7e"}, "moderation": {"post"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		page = fetch(t, h, admin, "GET", edit, nil)
		assert.Contains(t, page.body, `value="lyon-7e"`)
		assert.Equal(t, http.StatusNotFound, fetch(t, h, louise, "GET", "/forums/ecologie", nil).status, "Louise is not of Lyon 7e")

		api := apiClient{t: t, h: h, token: admin}
		code, out := api.call("POST", "/api/v1/forums", map[string]any{"title": "Culture", "audience": "public"})
		require.Equal(t, http.StatusCreated, code, out)
		id := out["id"].(string)
		code, out = api.call("PATCH", "/api/v1/forums/"+id, map[string]any{"title": "Culture et éducation populaire", "audience": "public", "position": 2})
		require.Equal(t, http.StatusOK, code, out)
		assert.Equal(t, "culture-et-education-populaire", out["slug"])
		code, out = api.call("POST", "/api/v1/forums", map[string]any{"title": "Culture", "audience": "public", "slug": "culture-et-education-populaire"})
		assert.Equal(t, http.StatusBadRequest, code, out)
		assert.Equal(t, "slug", out["error"].(map[string]any)["field"], "another forum has this address")
		code, _ = apiClient{t: t, h: h, token: louise}.call("POST", "/api/v1/forums", map[string]any{"title": "Pirate", "audience": "public"})
		assert.Equal(t, http.StatusForbidden, code)
		code, _ = apiClient{t: t, h: h}.call("PATCH", "/api/v1/forums/"+id, map[string]any{"title": "Pirate"})
		assert.Equal(t, http.StatusUnauthorized, code)
		assert.Equal(t, before+2, count())
	})
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestCommitteesAdmin walks the management pages: who may open them, the
// create form (allowed and refused roles, bad input that shows the
// translated error and changes nothing), edit, move, merge with its reason
// and archive.
func TestCommitteesAdmin(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s, h := demoServer(t, db)
		admin := demoToken(t, h, demo.Accounts[0].Email)
		animator := demoToken(t, h, demo.Animator.Email)
		louise := demoToken(t, h, "louise@avenir.test")
		bySlug := func(slug string) string {
			c, err := s.committees.BySlug(ctx, slug)
			require.NoError(t, err, slug)
			return c.ID.String()
		}
		count := func() int {
			all, err := s.committees.All(ctx)
			require.NoError(t, err)
			return len(all)
		}
		rhone, paris := bySlug("federation-du-rhone"), bySlug("federation-de-paris")

		// Who may open the pages.
		got := fetch(t, h, "", http.MethodGet, "/admin/committees", nil)
		assert.Equal(t, http.StatusSeeOther, got.status)
		assert.Contains(t, got.location, "/signin")
		for _, path := range []string{"/admin/committees", "/admin/committees/lyon-3e"} {
			assert.Equal(t, http.StatusNotFound, fetch(t, h, louise, http.MethodGet, path, nil).status, "a member without a role: %s", path)
		}
		assert.Equal(t, http.StatusNotFound, fetch(t, h, animator, http.MethodGet, "/admin/committees/paris-11e", nil).status, "a committee the animator does not lead")
		got = fetch(t, h, animator, http.MethodGet, "/admin/committees", nil)
		require.Equal(t, http.StatusOK, got.status)
		assert.Contains(t, got.body, `href="/admin/committees/lyon-3e"`)
		assert.NotContains(t, got.body, "Paris 11e", "only the committees the animator leads")
		assert.Contains(t, fetch(t, h, admin, http.MethodGet, "/admin/committees", nil).body, `href="/admin/committees/paris-11e"`)

		// Create.
		before := count()
		for _, tc := range []struct {
			name, token string
			form        url.Values
			status      int
			text        string
		}{
			{"a member", louise, url.Values{"kind": {"local"}, "name": {"Lyon 9e"}, "parent": {rhone}, "communes": {"69389"}}, http.StatusNotFound, ""},
			{"an animator elsewhere", animator, url.Values{"kind": {"local"}, "name": {"Paris 5e"}, "parent": {paris}, "communes": {"75105"}}, http.StatusForbidden, ""},
			{"no name", admin, url.Values{"kind": {"local"}, "name": {" "}, "parent": {rhone}, "communes": {"69389"}}, http.StatusBadRequest, "nom"},
			{"outside the parent", animator, url.Values{"kind": {"local"}, "name": {"Paris 5e"}, "parent": {rhone}, "communes": {"75105"}}, http.StatusBadRequest, "hors du territoire"},
			{"a bad parent", admin, url.Values{"kind": {"local"}, "name": {"Lyon 9e"}, "parent": {"nope"}, "communes": {"69389"}}, http.StatusBadRequest, "Le comité parent n’existe pas."},
		} {
			got := fetch(t, h, tc.token, http.MethodPost, "/admin/committees", tc.form)
			assert.Equal(t, tc.status, got.status, tc.name)
			assert.Contains(t, got.body, tc.text, tc.name)
			assert.Equal(t, before, count(), "%s: nothing created", tc.name)
		}
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees", url.Values{"kind": {"local"}, "name": {"Lyon 9e"}, "parent": {rhone}, "communes": {"69389"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assert.Equal(t, "/admin/committees/lyon-9e?done=created", got.location)
		assert.Contains(t, fetch(t, h, animator, http.MethodGet, got.location, nil).body, "Le comité est créé.")

		// Edit: the animator renames it; an empty name changes nothing.
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees/lyon-9e/edit", url.Values{"name": {""}, "communes": {"69389"}})
		assert.Equal(t, http.StatusBadRequest, got.status)
		assert.Contains(t, got.body, `aria-invalid="true"`)
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees/lyon-9e/edit", url.Values{"name": {"Lyon 9e Vaise"}, "slug": {"lyon-9e"}, "communes": {"69389"}, "contact": {"vaise@avenir.test"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		c, err := s.committees.BySlug(ctx, "lyon-9e")
		require.NoError(t, err)
		assert.Equal(t, "Lyon 9e Vaise", c.Name)
		assert.Equal(t, "vaise@avenir.test", c.Contact)

		// Move: refused to the animator of one side only, refused when the
		// territory does not fit, done by the admin where it fits.
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees/lyon-9e/move", url.Values{"new_parent": {paris}})
		assert.Equal(t, http.StatusForbidden, got.status)
		got = fetch(t, h, admin, http.MethodPost, "/admin/committees/lyon-9e/move", url.Values{"new_parent": {paris}})
		assert.Equal(t, http.StatusBadRequest, got.status)
		assert.Contains(t, got.body, "hors du territoire")
		c, err = s.committees.BySlug(ctx, "lyon-9e")
		require.NoError(t, err)
		assert.Equal(t, rhone, c.Parent.String(), "a refused move changes nothing")
		got = fetch(t, h, admin, http.MethodPost, "/admin/committees", url.Values{"kind": {"abroad"}, "name": {"Français de Berlin"}, "parent": {bySlug("national")}, "countries": {"DE"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		germany := bySlug("francais-d-allemagne-et-d-autriche")
		got = fetch(t, h, admin, http.MethodPost, "/admin/committees/francais-de-berlin/move", url.Values{"new_parent": {germany}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		c, err = s.committees.BySlug(ctx, "francais-de-berlin")
		require.NoError(t, err)
		assert.Equal(t, germany, c.Parent.String())

		// Merge: the reason is required; then Lyon 7e goes into Lyon 3e.
		lyon3 := bySlug("lyon-3e")
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees/lyon-7e/merge", url.Values{"target": {lyon3}, "reason": {"  "}})
		assert.Equal(t, http.StatusBadRequest, got.status)
		assert.Contains(t, got.body, "Un motif est obligatoire.")
		c, err = s.committees.BySlug(ctx, "lyon-7e")
		require.NoError(t, err)
		assert.True(t, c.Active(), "a refused merge changes nothing")
		got = fetch(t, h, louise, http.MethodPost, "/admin/committees/lyon-7e/merge", url.Values{"target": {lyon3}, "reason": {"Trop peu de membres."}})
		assert.Equal(t, http.StatusNotFound, got.status)
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees/lyon-7e/merge", url.Values{"target": {lyon3}, "reason": {"Deux comités voisins, une seule équipe."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assert.Equal(t, "/admin/committees/lyon-3e?done=merged", got.location)
		assert.Contains(t, fetch(t, h, animator, http.MethodGet, got.location, nil).body, "Les comités sont fusionnés.")
		c, err = s.committees.BySlug(ctx, "lyon-7e")
		require.NoError(t, err)
		assert.False(t, c.Active())
		assert.Equal(t, lyon3, c.MergedInto.String())

		// Archive: a committee with members is refused; an empty one goes.
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees/lyon-3e/archive", url.Values{})
		assert.Equal(t, http.StatusConflict, got.status)
		assert.Contains(t, got.body, "error-box")
		assert.True(t, strings.Contains(got.body, "Lyon 3e"))
		got = fetch(t, h, animator, http.MethodPost, "/admin/committees/lyon-9e/archive", url.Values{})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		c, err = s.committees.BySlug(ctx, "lyon-9e")
		require.NoError(t, err)
		assert.False(t, c.Active())
	})
}

// TestCommitteesAdminAPI: the same calls as JSON, for the animator and
// refused to a member.
func TestCommitteesAdminAPI(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s, h := demoServer(t, db)
		animator := apiClient{t: t, h: h, token: demoToken(t, h, demo.Animator.Email)}
		louise := apiClient{t: t, h: h, token: demoToken(t, h, "louise@avenir.test")}
		rhone, err := s.committees.BySlug(ctx, "federation-du-rhone")
		require.NoError(t, err)
		lyon3, err := s.committees.BySlug(ctx, "lyon-3e")
		require.NoError(t, err)
		draft := map[string]any{"kind": "local", "name": "Lyon 9e", "parent": rhone.ID, "territory": map[string]any{"communes": []string{"69389"}}}

		status, out := louise.call(http.MethodPost, "/api/v1/committees", draft)
		assert.Equal(t, http.StatusForbidden, status)
		assert.Equal(t, "forbidden", errorCode(out))
		status, out = animator.call(http.MethodPost, "/api/v1/committees", map[string]any{"kind": "local", "name": "", "parent": rhone.ID})
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Equal(t, "invalid", errorCode(out))
		status, out = animator.call(http.MethodPost, "/api/v1/committees", draft)
		require.Equal(t, http.StatusCreated, status, out)
		assert.Equal(t, "lyon-9e", out["slug"])

		draft["description"] = "Vaise et Saint-Rambert."
		status, out = animator.call(http.MethodPut, "/api/v1/committees/lyon-9e", draft)
		require.Equal(t, http.StatusOK, status, out)
		assert.Equal(t, "Vaise et Saint-Rambert.", out["description"])

		status, out = animator.call(http.MethodPost, "/api/v1/committees/lyon-9e/move", map[string]any{"parent": lyon3.ID})
		assert.Equal(t, http.StatusBadRequest, status, "69389 is not in Lyon 3e")
		assert.Equal(t, "invalid", errorCode(out))

		status, out = animator.call(http.MethodPost, "/api/v1/committees/lyon-7e/merge", map[string]any{"target": lyon3.ID})
		assert.Equal(t, http.StatusBadRequest, status, "a merge needs its reason")
		assert.Equal(t, "invalid", errorCode(out))
		status, out = louise.call(http.MethodPost, "/api/v1/committees/lyon-7e/merge", map[string]any{"target": lyon3.ID, "reason": "Regroupement."})
		assert.Equal(t, http.StatusForbidden, status)
		status, out = animator.call(http.MethodPost, "/api/v1/committees/lyon-7e/merge", map[string]any{"target": lyon3.ID, "reason": "Regroupement."})
		require.Equal(t, http.StatusOK, status, out)
		assert.Equal(t, "lyon-3e", out["slug"], "a merge answers with the committee merged into")
		lyon7, err := s.committees.BySlug(ctx, "lyon-7e")
		require.NoError(t, err)
		assert.Equal(t, lyon3.ID, lyon7.MergedInto)

		status, out = louise.call(http.MethodPost, "/api/v1/committees/lyon-9e/archive", nil)
		assert.Equal(t, http.StatusForbidden, status)
		status, out = animator.call(http.MethodPost, "/api/v1/committees/lyon-9e/archive", nil)
		require.Equal(t, http.StatusOK, status, out)
		assert.NotEmpty(t, out["archived_at"])
	})
}

package web

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var auditRowRe = regexp.MustCompile(`<tr>\s*<td><time`)

// TestAuditLogIsForAdmins: the admins read the whole log with its filters;
// a member reads only the entries about themself, on the page and through
// the API, whatever they ask; a visitor reads nothing.
func TestAuditLogIsForAdmins(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		ctx := context.Background()
		paul, err := db.Members().MemberByEmail(ctx, "paul@avenir.test")
		require.NoError(t, err)
		louise, err := db.Members().MemberByEmail(ctx, "louise@avenir.test")
		require.NoError(t, err)
		admin := demoToken(t, h, "admin@avenir.test")
		paulToken, lucie := demoToken(t, h, paul.Email), demoToken(t, h, "lucie@avenir.test")

		// The admin's log, whole and filtered.
		r := fetch(t, h, admin, "GET", "/admin/audit", nil)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Journal d’audit", "Statut modifié", "Décision de modération", `href="/admin/members/`+paul.ID.String()+`"`)
		assertNoErrorMarked(t, r.body)
		r = fetch(t, h, admin, "GET", "/admin/audit?kind=moderation&member="+paul.ID.String(), nil)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assert.Len(t, auditRowRe.FindAllString(r.body, -1), 2)
		assertLacks(t, r.body, "Statut modifié</td>")
		r = fetch(t, h, admin, "GET", "/admin/audit?limit=2", nil)
		assert.Len(t, auditRowRe.FindAllString(r.body, -1), 2)
		next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(r.body)
		require.NotNil(t, next)
		r = fetch(t, h, admin, "GET", html.UnescapeString(next[1]), nil)
		require.Equal(t, http.StatusOK, r.status)
		assert.Len(t, auditRowRe.FindAllString(r.body, -1), 2)
		r = fetch(t, h, admin, "GET", "/admin/audit?from=2026-11-25", nil)
		assertHas(t, r.body, "Aucune entrée ne correspond à ces filtres.")
		r = fetch(t, h, admin, "GET", "/admin/audit?from=2026-11-24&to=2026-11-24&kind=moderation", nil)
		assert.Len(t, auditRowRe.FindAllString(r.body, -1), 2, "to includes its day")

		for _, tc := range []struct {
			query, field string
			controls     []string
			fieldset     bool
		}{
			{"member=paul", "member", []string{"#member"}, false},
			{"kind=gossip", "kind", nil, true},
			{"from=24/11/2026", "from", []string{"#from"}, false},
			{"from=2026-11-24&to=2026-11-23", "to", []string{"#to"}, false},
		} {
			t.Run(tc.field, func(t *testing.T) {
				r := fetch(t, h, admin, "GET", "/admin/audit?"+tc.query, nil)
				assert.Equal(t, http.StatusBadRequest, r.status)
				if tc.field == "kind" {
					tc.controls = kindBoxes(r.body)
				}
				assertErrorTied(t, r.body, tc.field, tc.controls, tc.fieldset)
				code, out := apiClient{t: t, h: h, token: admin}.call("GET", "/api/v1/audit?"+tc.query, nil)
				assert.Equal(t, http.StatusBadRequest, code)
				assert.Equal(t, tc.field, out["error"].(map[string]any)["field"])
			})
		}

		// Not for anyone else: not the page…
		assert.Equal(t, http.StatusNotFound, fetch(t, h, lucie, "GET", "/admin/audit", nil).status, "a network moderator")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, paulToken, "GET", "/admin/audit", nil).status)
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "GET", "/admin/audit", nil).status)
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, "", "GET", "/audit", nil).status)
		code, _ := apiClient{t: t, h: h}.call("GET", "/api/v1/audit", nil)
		assert.Equal(t, http.StatusUnauthorized, code)

		// …and the API gives a member their own entries, whatever they ask.
		for _, path := range []string{"/api/v1/audit", "/api/v1/audit?member=" + louise.ID.String(), "/api/v1/me/audit"} {
			code, out := apiClient{t: t, h: h, token: paulToken}.call("GET", path, nil)
			require.Equal(t, http.StatusOK, code, out)
			items := out["items"].([]any)
			require.NotEmpty(t, items, path)
			for _, it := range items {
				assert.Equal(t, paul.ID.String(), it.(map[string]any)["member"], path)
			}
		}
		code, out := apiClient{t: t, h: h, token: admin}.call("GET", "/api/v1/me/audit", nil)
		require.Equal(t, http.StatusOK, code)
		for _, it := range out["items"].([]any) {
			assert.NotEqual(t, paul.ID.String(), it.(map[string]any)["member"], "an admin's own entries are theirs")
		}

		// Paul's page: his entries, no one else's, no member filter.
		r = fetch(t, h, paulToken, "GET", "/audit?member="+louise.ID.String(), nil)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Ce qui a été fait de mes données", "Décision de modération", "Vous")
		assertLacks(t, r.body, `id="member"`, `href="/admin/members/`)
		r = fetch(t, h, paulToken, "GET", "/audit", nil)
		assertLacks(t, r.body, louise.ID.String(), "Journal d’audit")
		r = fetch(t, h, demoToken(t, h, "animatrice@avenir.test"), "GET", "/audit?kind=erasure", nil)
		assertHas(t, r.body, "Rien n’a encore été enregistré à votre sujet.")
	})
}

// kindBoxes are the keys of the kind checkboxes of the audit filters.
func kindBoxes(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<input type="checkbox" name="kind" value="([a-z_]+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, "kind="+m[1])
	}
	return out
}

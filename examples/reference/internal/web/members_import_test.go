package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestMembersImportPage: an admin checks a file, which writes nothing, then
// imports its valid lines; each line's error is shown in French; nobody
// else reaches the page.
func TestMembersImportPage(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		admin := demoToken(t, h, "admin@avenir.test")
		louise := demoToken(t, h, "louise@avenir.test")
		csv := "Courriel;Prénom;Nom;Code postal\nmarie.curie@example.org;Marie;Curie;75005\npas-un-courriel;Pierre;Curie;75005\n"
		send := func(token string, fields map[string]string, file string) fetched {
			t.Helper()
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			for k, v := range fields {
				require.NoError(t, mw.WriteField(k, v))
			}
			if file != "" {
				fw, err := mw.CreateFormFile("file", "adherents.csv")
				require.NoError(t, err)
				_, err = fw.Write([]byte(file))
				require.NoError(t, err)
			}
			require.NoError(t, mw.Close())
			req := httptest.NewRequest("POST", "/admin/members/import?lang=fr", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return fetched{status: rec.Code, body: rec.Body.String(), location: rec.Header().Get("Location")}
		}
		imported := func() bool {
			t.Helper()
			got := fetch(t, h, admin, "GET", "/api/v1/members?postal=75005", nil)
			require.Equal(t, http.StatusOK, got.status, got.body)
			return bytes.Contains([]byte(got.body), []byte("marie.curie@example.org"))
		}

		page := fetch(t, h, admin, "GET", "/admin/members", nil)
		assert.Contains(t, page.body, `href="/admin/members/import"`)
		form := fetch(t, h, admin, "GET", "/admin/members/import", nil)
		require.Equal(t, http.StatusOK, form.status)
		assert.Contains(t, form.body, `enctype="multipart/form-data"`)

		for _, tc := range []struct {
			name   string
			token  string
			fields map[string]string
			file   string
			status int
			want   []string
		}{
			{"a member finds no page", louise, map[string]string{"skip_invalid": "1"}, csv, http.StatusNotFound, nil},
			{"no file", admin, nil, "", http.StatusBadRequest, []string{"Choisissez le fichier CSV à importer."}},
			{"a dry run writes nothing", admin, map[string]string{"dry_run": "1"}, csv, http.StatusBadRequest,
				[]string{"Vérification du fichier", `<td class="num">3</td><td>email</td>`, "n’est pas valide"}},
			{"a wrong line stops the whole import", admin, nil, csv, http.StatusBadRequest, []string{"n’est pas valide"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := send(tc.token, tc.fields, tc.file)
				assert.Equal(t, tc.status, got.status)
				for _, w := range tc.want {
					assert.Contains(t, got.body, w)
				}
				assert.False(t, imported(), "nothing imported")
			})
		}

		got := send(admin, map[string]string{"skip_invalid": "1"}, csv)
		require.Equal(t, http.StatusOK, got.status, got.body)
		assert.Contains(t, got.body, `<dd id="imported">1</dd>`)
		assert.Contains(t, got.body, "Import terminé")
		assert.True(t, imported())
	})
}

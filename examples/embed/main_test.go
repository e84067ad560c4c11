package main

import (
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// do asks the server for path as the host user named by as ("" for a
// visitor) and returns the status and the body.
func do(t *testing.T, h http.Handler, method, path, as string, form url.Values) (int, string) {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if as != "" {
		r.AddCookie(&http.Cookie{Name: "user", Value: as})
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

func TestEmbed(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		h, err := newServer(ctx, db)
		require.NoError(t, err)
		_, err = newServer(ctx, db) // a second start seeds nothing twice
		require.NoError(t, err)

		_, body := do(t, h, "GET", "/forums/welcome", "", nil)
		threads := regexp.MustCompile(`/forums/t/[0-9a-f-]+`).FindAllString(body, -1)
		require.Len(t, threads, 1, body)
		thread := threads[0]

		t.Run("a signed-in user replies", func(t *testing.T) {
			code, _ := do(t, h, "POST", thread, "carol", url.Values{"body": {"Hello from *Carol*"}})
			require.Equal(t, http.StatusSeeOther, code)
			code, body := do(t, h, "GET", thread, "", nil)
			assert.Equal(t, http.StatusOK, code)
			assert.Contains(t, body, "<b>Carol</b> <p>Hello from <em>Carol</em></p>")
		})

		t.Run("a visitor may not reply", func(t *testing.T) {
			code, body := do(t, h, "POST", thread, "", url.Values{"body": {"Anonymous"}})
			assert.Equal(t, http.StatusUnauthorized, code)
			_, body = do(t, h, "GET", thread, "", nil)
			assert.NotContains(t, body, "Anonymous")
		})

		tests := []struct {
			as     string
			code   int
			listed bool
		}{
			{"", http.StatusNotFound, false},       // a visitor
			{"nobody", http.StatusNotFound, false}, // an unknown cookie is a visitor
			{"carol", http.StatusNotFound, false},  // a supporter
			{"bob", http.StatusOK, true},           // a member
			{"alice", http.StatusOK, true},         // a moderator
		}
		for _, tt := range tests {
			t.Run("members-only forum as "+cmp.Or(tt.as, "visitor"), func(t *testing.T) {
				code, _ := do(t, h, "GET", "/forums/members", tt.as, nil)
				assert.Equal(t, tt.code, code)
				_, index := do(t, h, "GET", "/forums/", tt.as, nil)
				assert.Contains(t, index, `href="/forums/welcome"`)
				assert.Equal(t, tt.listed, strings.Contains(index, `href="/forums/members"`))
			})
		}
	})
}

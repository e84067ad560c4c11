package web

import (
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestSocialDemo: the demo's follows and conversations, seeded twice (the
// second time changes nothing), read as the walk reads them.
func TestSocialDemo(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		for range 2 {
			require.NoError(t, demo.SeedSocial(context.Background(), db, s.Network(), slog.New(slog.DiscardHandler)))
		}
		louise, admin := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, demo.Accounts[0].Email)
		got := fetch(t, h, louise, "GET", "/conversations", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, `<span class="badge">1<span class="visually-hidden"> non lus`, "Paul Lafargue", "Réunion publique du 1er décembre")
		code, out := apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/conversations", nil)
		require.Equal(t, http.StatusOK, code)
		require.Len(t, out["items"], 2, "seeding again changes nothing")
		for _, c := range out["items"].([]any) {
			id := c.(map[string]any)["id"].(string)
			got := fetch(t, h, admin, "GET", "/conversations/"+id, nil)
			assert.Equal(t, http.StatusNotFound, got.status)
			assertLacks(t, got.body, "place Guichard", "table de presse")
		}
		got = fetch(t, h, louise, "GET", "/members/"+memberID(t, db, "paul@avenir.test"), nil)
		assertHas(t, got.body, "1 abonné", "1 abonnement", "Ne plus suivre")
	})
}

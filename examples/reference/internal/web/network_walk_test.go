package web

import (
	"context"
	"log/slog"
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

// TestNetworkWalk is issue 8's "Done when" on the demo, through the pages:
// Louise and Paul follow each other and talk in a conversation the admin
// cannot read; Louise's new thread reaches Paul's feed; Paul's reply in it
// reaches Louise in the app and, as she chose, by mail; she exports her
// data and erases her account; nothing personal of hers remains in the
// database while the thread and the conversation still read, signed
// "former member".
func TestNetworkWalk(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		ctx := context.Background()
		require.NoError(t, demo.SeedSocial(ctx, db, s.Network(), slog.New(slog.DiscardHandler)))
		louise, paul, admin := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test"), demoToken(t, h, "admin@avenir.test")
		louiseID, paulID := memberID(t, db, "louise@avenir.test"), memberID(t, db, "paul@avenir.test")

		// They follow each other.
		assertHas(t, fetch(t, h, louise, "GET", "/members/"+louiseID+"/following", nil).body, "Paul Lafargue")
		assertHas(t, fetch(t, h, paul, "GET", "/members/"+paulID+"/following", nil).body, "Louise Michel")

		// Their conversation: Paul reads it, the admin gets what a missing
		// one gives.
		_, inbox := apiClient{t: t, h: h, token: louise}.call("GET", "/api/v1/conversations", nil)
		var direct string
		for _, c := range inbox["items"].([]any) {
			if c.(map[string]any)["title"] == nil || c.(map[string]any)["title"] == "" {
				direct = c.(map[string]any)["id"].(string)
			}
		}
		require.NotEmpty(t, direct)
		assertHas(t, fetch(t, h, paul, "GET", "/conversations/"+direct, nil).body, "place Guichard")
		r := fetch(t, h, admin, "GET", "/conversations/"+direct, nil)
		assert.Equal(t, http.StatusNotFound, r.status)
		assertLacks(t, r.body, "place Guichard")

		// Louise's thread reaches Paul's feed; his reply reaches her.
		r = fetch(t, h, louise, "POST", "/forums/vie-du-mouvement/threads", url.Values{"title": {"Tractage au marché Guichard"}, "body": {"Qui vient samedi matin ?"}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		thread := r.location
		_, err := s.net.Relay.RunOnce(ctx) // what RunBackground does
		require.NoError(t, err)
		assertHas(t, fetch(t, h, paul, "GET", "/feed", nil).body, "Tractage au marché Guichard")
		mailsBefore := mailsTo(s, "louise@avenir.test")
		r = fetch(t, h, paul, "POST", thread+"/replies", url.Values{"body": {"Je viens, avec la table pliante."}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		for range 3 {
			_, err = s.net.Relay.RunOnce(ctx)
			require.NoError(t, err)
		}
		assertHas(t, fetch(t, h, louise, "GET", "/notifications", nil).body, `<a href="`+thread+`#post-`, "Nouvelle réponse")
		assert.Equal(t, mailsBefore+1, mailsTo(s, "louise@avenir.test"), "the reply is mailed, as she chose")

		// She exports, then erases.
		r = fetch(t, h, louise, "GET", "/me/export.json", nil)
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "louise@avenir.test", "place Guichard")
		r = fetch(t, h, louise, "POST", "/me/erase", url.Values{"confirm": {"ERASE"}})
		require.Equal(t, http.StatusOK, r.status, r.body)

		dump := storagetest.Dump(t, db)
		for _, personal := range []string{"louise@avenir.test", "louise michel", "on tracte **samedi** au marché de la place guichard",
			"parfait. j’apporte les tracts sur le logement."} {
			for _, line := range strings.Split(dump, "\n") {
				if strings.Contains(line, personal) {
					t.Errorf("%q survived the erasure in %q", personal, line)
				}
			}
		}

		// What she took part in still reads.
		r = fetch(t, h, paul, "GET", thread, nil)
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "Qui vient samedi matin ?", "Je viens, avec la table pliante.", "Ancien membre")
		r = fetch(t, h, paul, "GET", "/conversations/"+direct, nil)
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "Je prends la table pliante", "Ancien membre")
		assertLacks(t, r.body, "place Guichard")
	})
}

// mailsTo counts the mails the development mailbox holds for an address.
func mailsTo(s *Server, addr string) int {
	n := 0
	for _, m := range s.mailer.mails() {
		if m.To == addr {
			n++
		}
	}
	return n
}

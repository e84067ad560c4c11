package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var (
	consultationLink = regexp.MustCompile(`href="/consultations/([0-9a-f-]{36})"`)
	textLink         = regexp.MustCompile(`href="/consultations/texts/([0-9a-f-]{36})">([^<]*)<`)
	receiptParam     = regexp.MustCompile(`receipt=([0-9a-f]+)`)
)

// consultationServer is the demo server with its consultation, and a
// ballot key.
func consultationServer(t *testing.T, db *storage.DB) http.Handler {
	t.Helper()
	s, h := demoServer(t, db)
	s.consultations = consultation.NewService(db.Consultations(), consultation.Config{Forums: s.forums, Clock: s.opts.Clock,
		Secret: []byte("a test key of at least thirty-two bytes")})
	ctx, log := context.Background(), slog.New(slog.DiscardHandler)
	require.NoError(t, demo.SeedConsultations(ctx, db, s.Members(), s.Forums(), s.Consultations(), log))
	require.NoError(t, demo.SeedConsultations(ctx, db, s.Members(), s.Forums(), s.Consultations(), log), "seeding again changes nothing")
	return h
}

// textsOf returns the titles of the texts a page links to, by ID.
func textsOf(body string) map[string]string {
	out := map[string]string{}
	for _, m := range textLink.FindAllStringSubmatch(body, -1) {
		out[m[2]] = m[1]
	}
	return out
}

// TestConsultationAsANewUser walks the demo consultation from its supports
// phase to its published result, as its members would.
func TestConsultationAsANewUser(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		h := consultationServer(t, db)
		louise := demoToken(t, h, "louise@avenir.test")
		paul := demoToken(t, h, "paul@avenir.test")
		gisele := demoToken(t, h, "gisele@avenir.test")
		olympe := demoToken(t, h, "olympe@avenir.test")

		// Members see it; a supporter and a visitor do not know it exists.
		list := fetch(t, h, louise, "GET", "/consultations", nil)
		require.Equal(t, http.StatusOK, list.status)
		require.Contains(t, list.body, "Combattre et proposer")
		cid := consultationLink.FindStringSubmatch(list.body)[1]
		assert.NotContains(t, fetch(t, h, olympe, "GET", "/consultations", nil).body, "Combattre et proposer")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, olympe, "GET", "/consultations/"+cid, nil).status)
		assert.Equal(t, http.StatusNotFound, fetch(t, h, "", "GET", "/consultations/"+cid, nil).status)
		_, body := apiClient{t: t, h: h, token: olympe}.call("GET", "/api/v1/consultations/"+cid+"/contributions", nil)
		assert.Equal(t, "not_found", body["error"].(map[string]any)["code"])

		// The consultation page: its phase, its timeline, its contributions by supports.
		page := fetch(t, h, paul, "GET", "/consultations/"+cid+"?sort=supports&lang=en", nil)
		require.Equal(t, http.StatusOK, page.status)
		assert.Contains(t, page.body, "<strong>Supports</strong>")
		assert.Regexp(t, `(?s)Le rail, colonne vertébrale.*Des centres de santé.*Augmenter les salaires`, page.body)
		texts := textsOf(page.body)
		rail, sante, salaires := texts["Le rail, colonne vertébrale de la transition"], texts["Des centres de santé dans chaque canton"], texts["Augmenter les salaires"]
		require.NotEmpty(t, rail)

		// Paul supports; the limit and the phase are the service's.
		r := fetch(t, h, paul, "POST", "/consultations/items/"+salaires+"/support", url.Values{"back": {"/consultations/" + cid}})
		assert.Equal(t, http.StatusSeeOther, r.status)
		assert.Equal(t, "/consultations/"+cid, r.location)
		r = fetch(t, h, paul, "POST", "/consultations/items/"+salaires+"/support", url.Values{"back": {"https://evil.test/"}})
		assert.Equal(t, http.StatusConflict, r.status, "once per item")
		assert.NotContains(t, r.body, "evil.test")

		// The contribution page: sections, amendments with their diffs, versions, discussion.
		page = fetch(t, h, paul, "GET", "/consultations/texts/"+rail+"?lang=en", nil)
		require.Equal(t, http.StatusOK, page.status)
		assert.Contains(t, page.body, "<ins>et électrifier </ins>")
		assert.Contains(t, page.body, "href=\"/forums/threads/")
		assert.Contains(t, page.body, "accepted amendment")
		assert.Contains(t, page.body, "Paul Lafargue, Gisèle Halimi")

		// Only the drafting group moves the phase; Louise opens the synthesis.
		assert.Equal(t, http.StatusForbidden, fetch(t, h, paul, "POST", "/consultations/"+cid+"/advance", url.Values{}).status)
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, louise, "POST", "/consultations/"+cid+"/advance", url.Values{}).status)
		assert.Equal(t, http.StatusForbidden, fetch(t, h, paul, "GET", "/consultations/"+cid+"/motions/editor", nil).status)
		editor := fetch(t, h, louise, "GET", "/consultations/"+cid+"/motions/editor", nil)
		require.Equal(t, http.StatusOK, editor.status)
		assert.Contains(t, editor.body, "<code>"+rail+"</code>")

		// A source from elsewhere is refused, with the editor kept.
		foreign := avenir.NewID().String()
		bad := fetch(t, h, louise, "POST", "/consultations/"+cid+"/motions/editor", url.Values{"title": {"Motion"},
			"sections": {"## Transports\nSources: " + foreign + "\nNous rouvrirons les petites lignes."}})
		assert.Equal(t, http.StatusBadRequest, bad.status)
		assert.Contains(t, bad.body, foreign)

		sections := "## Transports\nSources: " + rail + "\nNous rouvrirons et électrifierons les petites lignes.\n\n## Santé\nSources: " + sante + "\nUn centre de santé public dans chaque canton."
		r = fetch(t, h, louise, "POST", "/consultations/"+cid+"/motions/editor", url.Values{"title": {"Motion Combattre et proposer"}, "sections": {sections}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		motion := strings.TrimPrefix(r.location, "/consultations/texts/")
		page = fetch(t, h, paul, "GET", r.location+"?lang=en", nil)
		require.Equal(t, http.StatusOK, page.status)
		assert.Contains(t, page.body, `Draws from: <a href="/consultations/texts/`+rail+`">Le rail, colonne vertébrale de la transition</a>`)

		// Paul previews then proposes an amendment to the motion.
		sectionID := regexp.MustCompile(`<option value="([0-9a-f-]{36})"`).FindStringSubmatch(page.body)[1]
		amend := url.Values{"section": {sectionID}, "proposed": {"Nous rouvrirons et électrifierons toutes les petites lignes."}, "reason": {"Toutes."}}
		preview := fetch(t, h, paul, "POST", "/consultations/texts/"+motion+"/amendments", withValue(amend, "preview", "1"))
		require.Equal(t, http.StatusOK, preview.status)
		assert.Contains(t, preview.body, "<ins>toutes </ins>")
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, paul, "POST", "/consultations/texts/"+motion+"/amendments", amend).status)

		// Louise publishes and opens the vote.
		assert.Equal(t, http.StatusForbidden, fetch(t, h, paul, "POST", "/consultations/texts/"+motion+"/publish", url.Values{}).status)
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, louise, "POST", "/consultations/texts/"+motion+"/publish", url.Values{}).status)
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, louise, "POST", "/consultations/"+cid+"/advance", url.Values{}).status)

		r = fetch(t, h, paul, "POST", "/consultations/texts/"+motion+"/vote", url.Values{"choice": {"for"}})
		require.Equal(t, http.StatusSeeOther, r.status)
		paulReceipt := receiptParam.FindStringSubmatch(r.location)[1]
		r = fetch(t, h, louise, "POST", "/consultations/texts/"+motion+"/vote", url.Values{"choice": {"against"}})
		require.Equal(t, http.StatusSeeOther, r.status)
		r = fetch(t, h, louise, "POST", "/consultations/texts/"+motion+"/vote", url.Values{"choice": {"for"}})
		require.Equal(t, http.StatusSeeOther, r.status, "a vote changes until the close")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, olympe, "POST", "/consultations/texts/"+motion+"/vote", url.Values{"choice": {"for"}}).status, "a supporter does not know the motion")
		assert.Contains(t, fetch(t, h, paul, "GET", "/consultations/texts/"+motion+"?lang=en", nil).body, "You have voted.")

		// Secrecy: Gisèle, a moderator, learns only about herself; no
		// result before the close.
		g := apiClient{t: t, h: h, token: gisele}
		status, body := g.call("GET", "/api/v1/texts/"+motion+"/vote", nil)
		assert.Equal(t, http.StatusOK, status)
		assert.Equal(t, false, body["voted"])
		status, _ = g.call("GET", "/api/v1/texts/"+motion+"/ballots", nil)
		assert.Equal(t, http.StatusConflict, status)
		status, _ = g.call("GET", "/api/v1/texts/"+motion+"/result", nil)
		assert.Equal(t, http.StatusConflict, status)

		// The close: results, turnout, the ballots by receipt.
		assert.Equal(t, http.StatusSeeOther, fetch(t, h, louise, "POST", "/consultations/"+cid+"/advance", url.Values{}).status)
		page = fetch(t, h, gisele, "GET", "/consultations/texts/"+motion+"?lang=en", nil)
		require.Equal(t, http.StatusOK, page.status)
		assert.Contains(t, page.body, "The motion is adopted.")
		assert.Contains(t, page.body, "<code>"+paulReceipt+"</code> for")
		status, body = g.call("GET", "/api/v1/texts/"+motion+"/result", nil)
		require.Equal(t, http.StatusOK, status)
		res := body["result"].(map[string]any)
		assert.EqualValues(t, 2, res["for"])
		assert.EqualValues(t, 2, res["voters"])

		// The motion as Markdown, with its provenance.
		md := fetch(t, h, gisele, "GET", "/api/v1/texts/"+motion+"/markdown", nil)
		require.Equal(t, http.StatusOK, md.status)
		assert.Contains(t, md.body, "# Motion Combattre et proposer")
		assert.Contains(t, md.body, "## Provenance")
		assert.Contains(t, md.body, "contribution "+rail+": Le rail, colonne vertébrale de la transition")
		assert.Equal(t, http.StatusNotFound, fetch(t, h, olympe, "GET", "/api/v1/texts/"+motion+"/markdown", nil).status)
	})
}

func withValue(v url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	out.Set(key, value)
	return out
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// committeeTree builds a small tree: the national committee, the Rhône
// with Lyon 3e, the Ain with Valserhône, Haute-Savoie, and Germany.
func committeeTree(t *testing.T, s *Server, admin avenir.Actor) map[string]committee.Committee {
	t.Helper()
	ctx := context.Background()
	out := map[string]committee.Committee{}
	add := func(key string, d committee.Draft) {
		c, err := s.committees.Create(ctx, admin, d)
		require.NoError(t, err)
		out[key] = c
	}
	add("national", committee.Draft{Kind: committee.National, Name: "Comité national", Slug: "national"})
	add("rhone", committee.Draft{Kind: committee.Federation, Name: "Fédération du Rhône", Parent: out["national"].ID,
		Territory: committee.Territory{Departments: []string{"69"}}})
	add("ain", committee.Draft{Kind: committee.Federation, Name: "Fédération de l’Ain", Parent: out["national"].ID,
		Territory: committee.Territory{Departments: []string{"01"}}})
	add("savoie", committee.Draft{Kind: committee.Federation, Name: "Fédération de Haute-Savoie", Parent: out["national"].ID,
		Territory: committee.Territory{Departments: []string{"74"}}})
	add("lyon", committee.Draft{Kind: committee.Local, Name: "Lyon 3e", Parent: out["rhone"].ID,
		Territory: committee.Territory{Communes: []string{"69383"}}})
	add("valserhone", committee.Draft{Kind: committee.Local, Name: "Valserhône", Parent: out["ain"].ID,
		Territory: committee.Territory{Communes: []string{"01033"}}})
	add("germany", committee.Draft{Kind: committee.Abroad, Name: "Français d’Allemagne", Parent: out["national"].ID,
		Territory: committee.Territory{Countries: []string{"DE"}}})
	return out
}

// activeMember registers a member through the form, makes them active and
// returns their ID.
func activeMember(t *testing.T, s *Server, c *cookieClient, admin avenir.Actor, email, name string) avenir.ID {
	t.Helper()
	id := register(t, s, c, email, name, "a long password here", true)
	_, err := s.members.RecordPayment(context.Background(), admin, id, membership.PaymentInput{Method: membership.MethodTransfer})
	require.NoError(t, err)
	return id
}

func TestCommitteesFind(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, _, newClient := adminSetup(t, db, testClock())
		tree := committeeTree(t, s, adminActor(t, s))
		visitor := newClient()

		r := visitor.get("/committees")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "Auvergne-Rhône-Alpes", `href="/committees/federation-du-rhone"`, `href="/committees/lyon-3e"`,
			"Français d’Allemagne", "Allemagne", `name="postal_code"`)

		r = visitor.get("/committees/find?postal_code=69003")
		require.Equal(t, http.StatusOK, r.status)
		lyon := strings.Index(r.body, `href="/committees/lyon-3e"`)
		rhone := strings.Index(r.body, `href="/committees/federation-du-rhone"`)
		national := strings.Index(r.body, `href="/committees/national"`)
		assert.True(t, lyon > 0 && lyon < rhone && rhone < national, "nearest first")

		// A postal code that spans two departments: the communes to choose from.
		r = visitor.get("/committees/find?postal_code=01200")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "ELOISE", "Haute-Savoie (74)", "VALSERHONE", "Ain (01)",
			`href="/committees/find?commune=74109&amp;postal_code=01200"`)
		r = visitor.get("/committees/find?postal_code=01200&commune=74109")
		assertHas(t, r.body, `href="/committees/federation-de-haute-savoie"`)
		assertLacks(t, r.body, `href="/committees/valserhone"`)
		r = visitor.get("/committees/find?postal_code=01200&commune=01033")
		assertHas(t, r.body, `href="/committees/valserhone"`)

		// Abroad.
		r = visitor.get("/committees/find?country=DE")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, `href="/committees/`+tree["germany"].Slug+`"`)

		// An unknown postal code is a clear error, tied to its field.
		r = visitor.get("/committees/find?postal_code=00000")
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, "Le code postal", `aria-invalid="true"`, `id="postal_code-error"`)

		api := apiClient{t: t, h: s.Handler()}
		code, out := api.call("GET", "/api/v1/committees/find?postal_code=6900", nil)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Equal(t, "invalid", errorCode(out))
		code, out = api.call("GET", "/api/v1/committees/find?postal_code=69003", nil)
		require.Equal(t, http.StatusOK, code)
		first := out["committees"].([]any)[0].(map[string]any)
		assert.Equal(t, "lyon-3e", first["slug"])
		code, out = api.call("GET", "/api/v1/committees/lyon-3e", nil)
		require.Equal(t, http.StatusOK, code)
		assert.NotContains(t, out, "count", "counts are for members")
	})
}

func TestCommitteeEventsJourney(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		clock := testClock()
		s, _, newClient := adminSetup(t, db, clock)
		admin := adminActor(t, s)
		tree := committeeTree(t, s, admin)
		ctx := context.Background()

		// A new member is placed in the committee of their address.
		jean := newClient()
		jeanID := register(t, s, jean, "jean@example.org", "Jean", "a long password here", true)
		a, err := s.committees.Affiliation(ctx, admin, jeanID)
		require.NoError(t, err)
		assert.Equal(t, tree["lyon"].ID, a.Committee)

		// The Rhône's animator.
		lucie := newClient()
		lucieID := activeMember(t, s, lucie, admin, "lucie@example.org", "Lucie")
		_, err = s.members.GrantRole(ctx, admin, lucieID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(tree["rhone"].ID)})
		require.NoError(t, err)
		lucie.signIn("lucie@example.org", "a long password here")
		jean.signIn("jean@example.org", "a long password here")

		// She creates an event of Lyon 3e, a committee below hers.
		r := lucie.get("/committees/lyon-3e/events/new")
		require.Equal(t, http.StatusOK, r.status, r.body)
		day := clock.Now().In(time.UTC).AddDate(0, 0, 7).Format("2006-01-02")
		form := url.Values{"kind": {"meeting"}, "title": {"Réunion publique"}, "date": {day}, "start": {"18:30"}, "end": {"17:00"},
			"time_zone": {"Europe/Paris"}, "address": {"12 rue Paul Bert"}, "commune": {"69383"}, "audience": {"public"}, "capacity": {"1"}}
		r = lucie.post("/committees/lyon-3e/events", form)
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, "L’événement doit se terminer après son début.", `id="ends_at-error"`)
		form.Set("end", "20:30")
		r = lucie.postThen("/committees/lyon-3e/events", form)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "<h1>Réunion publique</h1>", "12 rue Paul Bert, LYON 03", "18:30")
		page, err := s.committees.Events(ctx, avenir.Anonymous, committee.EventFilter{Committee: tree["lyon"].ID}, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, page.Items, 1)
		e := page.Items[0]
		eventPath := "/events/" + e.ID.String()

		// A member may not create one; a visitor is sent to sign in.
		r = jean.get("/committees/lyon-3e/events/new")
		assert.Equal(t, http.StatusNotFound, r.status)
		r = newClient().get("/committees/lyon-3e/events/new")
		assert.Equal(t, http.StatusSeeOther, r.status)

		// Jean registers; the place is taken, Olympe goes to the waitlist.
		r = jean.postThen(eventPath+"/rsvp", url.Values{"response": {"going"}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Votre réponse", "Je viens")
		olympe := newClient()
		activeMember(t, s, olympe, admin, "olympe@example.org", "Olympe")
		olympe.signIn("olympe@example.org", "a long password here")
		r = olympe.postThen(eventPath+"/rsvp", url.Values{"response": {"going"}})
		assertHas(t, r.body, "Sur liste d’attente (position 1)")

		// The calendar file and the committee's feed.
		r = newClient().get(eventPath + "/event.ics")
		require.Equal(t, http.StatusOK, r.status)
		assert.Contains(t, r.header.Get("Content-Type"), "text/calendar")
		assertHas(t, r.body, "BEGIN:VCALENDAR", "SUMMARY:Réunion publique", "UID:"+e.ID.String()+"@example.test")
		r = newClient().get("/committees/lyon-3e/events.ics")
		assertHas(t, r.body, "SUMMARY:Réunion publique")

		// The animator sees the registrations and checks Jean in on the day.
		r = lucie.get(eventPath + "/registrations")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "Jean", "Olympe", "Liste d’attente (1)")
		assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
		r = jean.get(eventPath + "/registrations")
		assert.Equal(t, http.StatusNotFound, r.status)
		clock.Set(e.StartsAt.Add(-time.Hour))
		r = lucie.postThen(eventPath+"/checkin", url.Values{"member": {jeanID.String()}, "present": {"1"}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Présents : 1")

		// Jean declines: Olympe gets the place and a mail.
		r = jean.postThen(eventPath+"/rsvp", url.Values{"response": {"declined"}})
		require.Equal(t, http.StatusOK, r.status)
		mails := s.mailer.mails()
		require.NotEmpty(t, mails)
		assert.Equal(t, "olympe@example.org", mails[0].To)

		// A committee-only event: invisible to visitors, and to the API's lists.
		d := committee.EventDraft{Kind: committee.Meeting, Committee: tree["lyon"].ID, Title: "Assemblée interne",
			StartsAt: e.StartsAt.Add(48 * time.Hour), EndsAt: e.EndsAt.Add(48 * time.Hour), TimeZone: "Europe/Paris",
			Venue: committee.Venue{Address: "Local", Commune: "69383"}, Audience: avenir.Audience{Kind: avenir.AudienceCommittee, Scope: tree["lyon"].ID}}
		internal, err := s.committees.CreateEvent(ctx, admin, d)
		require.NoError(t, err)
		r = newClient().get("/events/" + internal.ID.String())
		assert.Equal(t, http.StatusNotFound, r.status)
		r = newClient().get("/events/" + internal.ID.String() + "/event.ics")
		assert.Equal(t, http.StatusNotFound, r.status)
		r = newClient().get("/committees/lyon-3e")
		assertLacks(t, r.body, "Assemblée interne")
		r = olympe.get("/committees/lyon-3e") // a member of Lyon 3e in good standing
		assertHas(t, r.body, "Assemblée interne", "Adhérents à jour")
		r = jean.get("/committees/lyon-3e") // an applicant: not yet
		assertLacks(t, r.body, "Assemblée interne", "Adhérents à jour")
		api := apiClient{t: t, h: s.Handler()}
		code, out := api.call("GET", "/api/v1/events", nil)
		require.Equal(t, http.StatusOK, code)
		assert.Len(t, out["items"], 1)
		code, _ = api.call("GET", "/api/v1/events/"+internal.ID.String(), nil)
		assert.Equal(t, http.StatusNotFound, code)
		r = newClient().get("/committees/lyon-3e/events.ics")
		assertLacks(t, r.body, "Assemblée interne")
	})
}

package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// demoAction finds a demo action by its title, whatever its status.
func demoAction(t *testing.T, db *storage.DB, title string) solidarity.Action {
	t.Helper()
	all, err := db.Solidarity().Actions(context.Background(), solidarity.Filter{Visibility: avenir.Visibility{All: true}, Limit: 100})
	require.NoError(t, err)
	for _, a := range all {
		if a.Title == title {
			return a
		}
	}
	t.Fatalf("no demo action %q", title)
	return solidarity.Action{}
}

// withPhone gives a demo member a phone number, a contact detail to look
// for beside the address.
func withPhone(t *testing.T, db *storage.DB, email, phone string) avenir.ID {
	t.Helper()
	ctx := context.Background()
	m, err := db.Members().MemberByEmail(ctx, email)
	require.NoError(t, err)
	m.Profile.Phone = phone
	require.NoError(t, db.Members().UpdateMember(ctx, m))
	return m.ID
}

// TestSolidarityDoneWhen is the "Done when", on the demo, through
// the pages: a visitor browses and reads; Louise proposes a request, the
// animator validates it, Paul volunteers and Louise accepts him; they then
// see each other's contact details, and nobody else does, by any page or
// API call; the action is completed and its impact shows on the impact
// page.
func TestSolidarityDoneWhen(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		withPhone(t, db, "louise@avenir.test", "06 11 22 33 44")
		paulID := withPhone(t, db, "paul@avenir.test", "06 55 66 77 88")
		louise, paul := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test")
		gisele, animator := demoToken(t, h, "gisele@avenir.test"), demoToken(t, h, demo.Animator.Email)

		// A visitor browses and reads.
		got := fetch(t, h, "", "GET", "/solidarity", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, "Courses pour une voisine âgée", "Collecte alimentaire au supermarché de la Part-Dieu")
		assertLacks(t, got.body, "Hébergement solidaire", "Aide pour un déménagement", "Vente de tracts")
		courses := demoAction(t, db, "Courses pour une voisine âgée")
		got = fetch(t, h, "", "GET", "/solidarity/"+courses.ID.String(), nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, "place Guichard", "Connectez-vous pour vous proposer", "Je peux faire des courses le samedi")
		got = fetch(t, h, "", "GET", "/solidarity/impact", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertLacks(t, got.body, `<th scope="row">Visites</th>`)

		// Louise proposes a request and submits it.
		form := url.Values{"kind": {"request"}, "category": {"visits"}, "title": {"Visite à mon père, à l’hôpital"},
			"description": {"Mon père est hospitalisé à Lyon ; une visite le dimanche lui ferait du bien."}, "where": {"commune"},
			"postal_code": {"69003"}, "volunteers": {"1"}, "audience": {"public"}, "submit": {"1"}}
		got = fetch(t, h, louise, "POST", "/solidarity", form)
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		path := strings.TrimSuffix(got.location, "?done=submitted")
		require.Regexp(t, `^/solidarity/[0-9a-f-]{36}$`, path)
		assert.Equal(t, http.StatusNotFound, fetch(t, h, "", "GET", path, nil).status, "not public before validation")

		// The animator validates it from the queue.
		got = fetch(t, h, animator, "GET", "/solidarity/queue", nil)
		require.Equal(t, http.StatusOK, got.status)
		assertHas(t, got.body, "Visite à mon père", "Aide aux devoirs à Lyon 7e")
		assertLacks(t, got.body, "Cours de français pour des réfugiés") // Lille: not the Rhône's
		got = fetch(t, h, animator, "POST", path+"/validate", url.Values{"back": {"queue"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		assertHas(t, fetch(t, h, "", "GET", "/solidarity", nil).body, "Visite à mon père")

		// Paul volunteers; Louise accepts him.
		got = fetch(t, h, paul, "POST", path+"/volunteer", url.Values{})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		got = fetch(t, h, louise, "GET", path, nil)
		assertHas(t, got.body, "Accepter Paul Lafargue")
		got = fetch(t, h, louise, "POST", path+"/helpers", url.Values{"member": {paulID.String()}, "decision": {"accept"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)

		// They talk in the comments (their names, not their contacts).
		got = fetch(t, h, paul, "POST", path+"/comments", url.Values{"body": {"Dimanche prochain, 15 h ?"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)

		// Contact details: Louise's and Paul's reach each other, by the
		// action's page and the contacts call, and nobody else by any path.
		id := strings.TrimPrefix(path, "/solidarity/")
		louiseContact := []string{"louise@avenir.test", "06 11 22 33 44"}
		paulContact := []string{"paul@avenir.test", "06 55 66 77 88"}
		readers := map[string]string{"visitor": "", "another member": gisele, "the volunteer": paul, "the author": louise, "an animator": animator}
		paths := []string{
			"/solidarity", "/solidarity?postal_code=69003", "/solidarity?kind=request&category=visits", path, "/solidarity/mine",
			"/solidarity/queue", "/solidarity/impact", "/solidarity/impact.csv",
			"/api/v1/solidarity/actions", "/api/v1/solidarity/actions/" + id, "/api/v1/solidarity/actions/" + id + "/contacts",
			"/api/v1/solidarity/actions/" + id + "/helpers", "/api/v1/solidarity/actions/" + id + "/matches",
			"/api/v1/solidarity/actions/" + id + "/signup", "/api/v1/solidarity/actions/" + id + "/comments", "/api/v1/solidarity/mine", "/api/v1/solidarity/volunteering",
			"/api/v1/solidarity/queue", "/api/v1/solidarity/near?postal_code=69003", "/api/v1/solidarity/impact",
			"/api/v1/solidarity/impact.csv?by=committee",
		}
		entitled := func(reader, p string) []string {
			if p != path && p != "/api/v1/solidarity/actions/"+id+"/contacts" {
				return nil
			}
			switch reader {
			case "the author":
				return paulContact
			case "the volunteer":
				return louiseContact
			}
			return nil
		}
		for reader, token := range readers {
			for _, p := range paths {
				got := fetch(t, h, token, "GET", p, nil)
				assert.Less(t, got.status, 500, "%s: %s", reader, p)
				want := entitled(reader, p)
				for _, c := range append(append([]string{}, louiseContact...), paulContact...) {
					if slices.Contains(want, c) {
						assert.Contains(t, got.body, c, "%s sees it on %s", reader, p)
					} else {
						assert.NotContains(t, got.body, c, "%s must not see it on %s", reader, p)
					}
				}
			}
		}

		// Completed with its impact, which the impact page shows.
		got = fetch(t, h, louise, "POST", path+"/complete", url.Values{"people_helped": {"1"}, "hours": {"2"}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		got = fetch(t, h, "", "GET", "/solidarity/impact", nil)
		assertHas(t, got.body, `<th scope="row">Visites</th><td class="num">1</td><td class="num">1</td><td class="num">2</td><td class="num">1</td>`)
		_ = s
	})
}

// proposeForm is a valid propose form (a request in Lyon 3e in January
// after the demo's date), changed by change.
func proposeForm(change func(url.Values)) url.Values {
	f := url.Values{"kind": {"request"}, "category": {"transport"}, "title": {"Un trajet"}, "where": {"commune"},
		"postal_code": {"69003"}, "starts_at": {"2027-01-10T10:00"}, "ends_at": {"2027-01-10T12:00"}, "volunteers": {"1"},
		"audience": {"public"}}
	change(f)
	return f
}

// TestSolidarityBadInput: each refusal of the issue is a translated error
// that changes nothing.
func TestSolidarityBadInput(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, h := demoServer(t, db)
		ctx := context.Background()
		louise, paul := demoToken(t, h, "louise@avenir.test"), demoToken(t, h, "paul@avenir.test")
		animator := demoToken(t, h, demo.Animator.Email)
		jean := demoToken(t, h, "jean@avenir.test")
		rejected := demoAction(t, db, "Vente de tracts imprimés")
		cancelled := demoAction(t, db, "Garde d’enfants pendant la réunion publique")
		collecte := demoAction(t, db, "Collecte alimentaire au supermarché de la Part-Dieu")
		giseleRow, err := db.Members().MemberByEmail(ctx, "gisele@avenir.test")
		require.NoError(t, err)
		paulRow, err := db.Members().MemberByEmail(ctx, "paul@avenir.test")
		require.NoError(t, err)
		countAll := func() int {
			all, err := db.Solidarity().Actions(ctx, solidarity.Filter{Visibility: avenir.Visibility{All: true}, Limit: 100})
			require.NoError(t, err)
			return len(all)
		}
		signUpOf := func(action, member avenir.ID) string {
			v, err := db.Solidarity().Volunteer(ctx, action, member)
			if err != nil {
				return "none"
			}
			return string(v.Status)
		}
		tests := []struct {
			name    string
			token   string
			path    string
			form    url.Values
			status  int
			message string
			state   func() any // what must not change
		}{
			{"a place abroad without its country", louise, "/solidarity",
				proposeForm(func(f url.Values) { f.Set("where", "abroad"); f.Set("city", "Genève") }),
				http.StatusBadRequest, "Un lieu hors de France a besoin de son pays.", func() any { return countAll() }},
			{"dates that end before they start", louise, "/solidarity",
				proposeForm(func(f url.Values) { f.Set("ends_at", "2027-01-09T12:00") }),
				http.StatusBadRequest, "L’action doit se terminer après son début.", func() any { return countAll() }},
			{"a sign-up to a cancelled action", paul, "/solidarity/" + cancelled.ID.String() + "/volunteer", url.Values{},
				http.StatusConflict, "Cette action n’est pas ouverte aux bénévoles.", func() any { return signUpOf(cancelled.ID, paulRow.ID) }},
			{"a non-organiser accepting a volunteer", paul, "/solidarity/" + collecte.ID.String() + "/helpers",
				url.Values{"member": {giseleRow.ID.String()}, "decision": {"accept"}},
				http.StatusForbidden, "Seul l’organisateur de l’action peut accepter ou refuser des bénévoles.",
				func() any { return signUpOf(collecte.ID, giseleRow.ID) }},
			{"more volunteers accepted than places", animator, "/solidarity/" + collecte.ID.String() + "/helpers",
				url.Values{"member": {giseleRow.ID.String()}, "decision": {"accept"}},
				http.StatusConflict, "Toutes les places sont prises : 2 bénévoles sont déjà acceptés.",
				func() any { return signUpOf(collecte.ID, giseleRow.ID) }},
			{"a comment on a rejected action", jean, "/solidarity/" + rejected.ID.String() + "/comments", url.Values{"body": {"Pourquoi ?"}},
				http.StatusConflict, "Seule une action publiée, en cours ou terminée reçoit des commentaires.",
				func() any { return demoAction(t, db, rejected.Title).Thread }},
			{"an impact that is not a number", animator, "/solidarity/" + collecte.ID.String() + "/complete",
				url.Values{"people_helped": {"beaucoup"}, "hours": {"3"}},
				http.StatusBadRequest, avenir.Localize(language.French, "The number of people helped must be between 0 and %d.", 1_000_000),
				func() any { return demoAction(t, db, collecte.Title).Status }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := tt.state()
				got := fetch(t, h, tt.token, "POST", tt.path, tt.form)
				assert.Equal(t, tt.status, got.status, got.body[strings.Index(got.body, "<main"):])
				assertHas(t, got.body, `<div class="error-box" role="alert"><p>`+tt.message+`</p></div>`)
				assert.Equal(t, before, tt.state(), "nothing changed")
			})
		}
		_ = s
	})
}

// TestSolidarityMembersOnly: an action for members reaches no visitor and
// no supporter, by any list, page or call; members read it.
func TestSolidarityMembersOnly(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		a := demoAction(t, db, "Hébergement solidaire pour un militant de passage")
		require.Equal(t, avenir.Members, a.Audience)
		id := a.ID.String()
		olympe := demoToken(t, h, "olympe@avenir.test") // a supporter
		louise := demoToken(t, h, "louise@avenir.test")
		got := fetch(t, h, louise, "POST", "/solidarity/"+id+"/comments", url.Values{"body": {"La chambre donne sur la cour des Tanneurs."}})
		require.Equal(t, http.StatusSeeOther, got.status, got.body)
		lists := []string{"/solidarity", "/solidarity?category=housing", "/solidarity?postal_code=69003", "/api/v1/solidarity/actions",
			"/api/v1/solidarity/actions?category=housing", "/api/v1/solidarity/near?postal_code=69003"}
		for _, token := range []string{"", olympe} {
			for _, p := range lists {
				got := fetch(t, h, token, "GET", p, nil)
				require.Equal(t, http.StatusOK, got.status, p)
				assert.NotContains(t, got.body, "Hébergement solidaire", p)
				assert.NotContains(t, got.body, id, p)
			}
			for _, p := range []string{"/solidarity/" + id, "/api/v1/solidarity/actions/" + id, "/api/v1/solidarity/actions/" + id + "/contacts",
				"/api/v1/solidarity/actions/" + id + "/matches", "/api/v1/solidarity/actions/" + id + "/comments"} {
				assert.Equal(t, http.StatusNotFound, fetch(t, h, token, "GET", p, nil).status, p)
			}
			for _, p := range []string{"/forums/search?q=tanneurs", "/api/v1/search?q=tanneurs", "/forums"} {
				assert.NotContains(t, fetch(t, h, token, "GET", p, nil).body, "Tanneurs", p)
			}
		}
		assertHas(t, fetch(t, h, louise, "GET", "/solidarity?category=housing", nil).body, "Hébergement solidaire")
		assertHas(t, fetch(t, h, louise, "GET", "/forums/search?q=tanneurs", nil).body, "<mark>")
		assert.Equal(t, http.StatusOK, fetch(t, h, louise, "GET", "/solidarity/"+id, nil).status)
	})
}

// TestSolidarityExportAndErasure: a member's export holds the actions they
// wrote and their sign-ups; erasing them cancels and empties their open
// actions and frees the places they held, in the same erasure.
func TestSolidarityExportAndErasure(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		paul := apiClient{t: t, h: h, token: demoToken(t, h, "paul@avenir.test")}
		collecte := demoAction(t, db, "Collecte alimentaire au supermarché de la Part-Dieu")
		require.Equal(t, 2, collecte.Shifts[0].Accepted)
		offerID := demoAction(t, db, "Je peux faire des courses le samedi").ID

		code, out := paul.call("GET", "/api/v1/me/export", nil)
		require.Equal(t, http.StatusOK, code, out)
		sections, _ := out["sections"].(map[string]any)
		require.Contains(t, sections, "solidarity", "the export has a solidarity part")
		assertHas(t, toJSON(t, sections["solidarity"]), "Je peux faire des courses le samedi", `"action":"`+collecte.ID.String())

		code, out = paul.call("DELETE", "/api/v1/me", map[string]string{"confirm": "erase"})
		require.Equal(t, http.StatusOK, code, out)
		offer, err := db.Solidarity().Action(context.Background(), offerID)
		require.NoError(t, err)
		assert.Equal(t, solidarity.StatusCancelled, offer.Status)
		assert.Equal(t, "—", offer.Title)
		assert.Empty(t, offer.Description)
		assert.Equal(t, 1, demoAction(t, db, collecte.Title).Shifts[0].Accepted, "his place is free")
		got := fetch(t, h, "", "GET", "/solidarity", nil)
		assertLacks(t, got.body, "Je peux faire des courses le samedi")
	})
}

func toJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

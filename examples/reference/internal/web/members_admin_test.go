package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// adminSetup is a server with an admin, made as an operator makes the first
// one (directly in the store), and the admin's browser, signed in.
func adminSetup(t *testing.T, db *storage.DB, clock *avenir.ManualClock) (*Server, *cookieClient, func() *cookieClient) {
	t.Helper()
	s, srv := pageServer(t, db, clock)
	admin := newCookieClient(t, srv)
	id := register(t, s, admin, "admin@example.org", "Marianne", "admin password here", false)
	_, err := s.members.BootstrapAdmin(context.Background(), id)
	require.NoError(t, err)
	admin.signIn("admin@example.org", "admin password here")
	return s, admin, func() *cookieClient { return newCookieClient(t, srv) }
}

// adminActor is the admin as the service sees them.
func adminActor(t *testing.T, s *Server) avenir.Actor {
	t.Helper()
	m, err := s.db.Members().MemberByEmail(context.Background(), "admin@example.org")
	require.NoError(t, err)
	a, err := s.members.Actor(context.Background(), m.ID)
	require.NoError(t, err)
	return a
}

func TestMembersAdminPayment(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		clock := testClock()
		s, admin, newClient := adminSetup(t, db, clock)
		jean := register(t, s, newClient(), "jean@example.org", "Jean", "", true) // an applicant
		page := "/admin/members/" + jean.String()

		r := admin.get("/admin/members")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, `href="`+page+`"`, "jean@example.org", "Adhésion demandée (cotisation attendue)", `name="renewals" value="30"`)
		assert.Equal(t, "no-store", r.header.Get("Cache-Control"))

		r = admin.get(page)
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "<h1>Jean</h1>", `action="`+page+`/payments"`, "<option value=\"standard\">standard (30,00\u00a0€)</option>",
			`<option value="transfer">Virement</option>`, `type="date"`, "Aucun paiement pour l’instant.")

		// Refused payments come back with the error beside the field and
		// the values typed.
		tests := []struct {
			name   string
			form   url.Values
			field  string
			status int
			want   string
		}{
			{"amount not in euros", url.Values{"tier": {"standard"}, "amount": {"12,345"}, "method": {"cash"}}, "amount", 400, "Le montant &#34;12,345&#34; n’est pas une somme en euros."},
			{"amount below the tier", url.Values{"tier": {"standard"}, "amount": {"3"}, "method": {"cash"}}, "amount", 400, "Le montant est inférieur à la cotisation « standard »."},
			{"unknown method", url.Values{"tier": {"standard"}, "method": {"bitcoin"}}, "method", 400, "Le moyen de paiement &#34;bitcoin&#34; est inconnu."},
			{"bad date", url.Values{"tier": {"standard"}, "method": {"cash"}, "paid_at": {"10/03"}}, "paid_at", 400, "La date &#34;10/03&#34; n’est pas valide"},
			{"date in the future", url.Values{"tier": {"reduced"}, "method": {"cash"}, "paid_at": {clock.Now().AddDate(0, 0, 2).Format(time.DateOnly)}}, "paid_at", 400, "Un paiement ne peut pas être daté dans le futur."},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := admin.post(page+"/payments", tt.form)
				assert.Equal(t, tt.status, r.status)
				assertHas(t, r.body, tt.want, `id="`+tt.field+`-error"`, `class="error-box"`)
				for _, input := range []string{"amount", "paid_at"} { // what was typed stays
					if v := tt.form.Get(input); v != "" {
						assertHas(t, r.body, `value="`+v+`"`)
					}
				}
			})
		}

		// A payment makes the applicant an active member until the end of the year.
		r = admin.post(page+"/payments", url.Values{"tier": {"standard"}, "amount": {"30,50"}, "method": {"transfer"}, "reference": {"VIR-42"}, "paid_at": {""}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, page+"?done=payment", r.location)
		m, err := db.Members().Member(context.Background(), jean)
		require.NoError(t, err)
		require.Equal(t, avenir.StatusActive, m.Status)
		// The last day covered shows, in the network's time zone: a membership
		// until 1 January 00:00 ends on 31 December.
		end := formatDate(language.French, s.location(), m.ExpiresAt.In(s.location()).AddDate(0, 0, -1))
		r = admin.get(r.location)
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, "Le paiement est enregistré.", `<dd id="status">Adhérent à jour</dd>`, `<dd id="expires">`+end,
			"30,50\u00a0€", "VIR-42", "Virement", "Adhésion demandée (cotisation attendue) → Adhérent à jour", "Cotisation payée")

		// In December, Jean is due for renewal, and not in grace.
		clock.Set(time.Date(clock.Now().Year(), time.December, 5, 9, 0, 0, 0, time.UTC))
		r = admin.get("/admin/members?renewals=30")
		require.Equal(t, http.StatusSeeOther, r.status, "the admin's session ended in the meantime")
		assert.Equal(t, "/signin?next=%2Fadmin%2Fmembers%3Frenewals%3D30", r.location)
		r = admin.post("/signin", url.Values{"email": {"admin@example.org"}, "password": {"admin password here"}, "next": {"/admin/members?renewals=30"}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		r = admin.get(r.location)
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, `href="`+page+`"`, `name="renewals" value="30" checked`, "<td>"+end+"</td>")
		r = admin.get("/admin/members?grace=1")
		assert.False(t, strings.Contains(r.body, page), "Jean is not in grace")
		assertHas(t, r.body, "Aucun membre ne correspond à ces filtres.")
	})
}

func TestMembersAdminStatusAndRoles(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		clock := testClock()
		s, admin, newClient := adminSetup(t, db, clock)
		louise := register(t, s, newClient(), "louise@example.org", "Louise", "", true)
		_, err := s.members.RecordPayment(context.Background(), adminActor(t, s), louise, membership.PaymentInput{Method: membership.MethodCash})
		require.NoError(t, err)
		page := "/admin/members/" + louise.String()
		forum := avenir.NewID()

		steps := []struct {
			name   string
			path   string
			form   url.Values
			status int
			want   []string // on the member page that follows
		}{
			{"a suspension needs a reason", "/status", url.Values{"status": {"suspended"}, "reason": {" "}}, 400,
				[]string{"Un motif est obligatoire.", `aria-describedby="reason-note reason-error"`}},
			{"a suspension's end lies in the future", "/status", url.Values{"status": {"suspended"}, "reason": {"Insultes"}, "until": {"2000-01-01"}}, 400,
				[]string{"Une date de fin ne vaut que pour une suspension", `value="2000-01-01"`, ">Insultes</textarea>"}},
			{"a role over a forum needs the forum", "/grants", url.Values{"role": {"moderator:forum"}, "scope": {""}}, 400,
				[]string{"Le rôle &#34;moderator&#34; ne peut pas être confié sur ce périmètre.", `id="role-error"`, `<option value="moderator:forum" selected>`}},
			{"a committee is named by its ID", "/grants", url.Values{"role": {"animator:committee"}, "scope": {"Lyon 3e"}}, 400,
				[]string{"L’identifiant &#34;Lyon 3e&#34; n’est pas valide.", `id="scope-error"`, `value="Lyon 3e"`}},
			{"admin is network-wide only", "/grants", url.Values{"role": {"admin:forum"}, "scope": {forum.String()}}, 400,
				[]string{"Le rôle &#34;admin&#34; ne peut pas être confié sur ce périmètre."}},
			{"moderator of a forum", "/grants", url.Values{"role": {"moderator:forum"}, "scope": {forum.String()}}, 303,
				[]string{"Le rôle est confié.", "Modérateur", "forum " + forum.String(), "Retirer"}},
			{"referent of a department", "/grants", url.Values{"role": {"referent:department"}, "scope": {"2a"}, "expires_at": {clock.Now().AddDate(1, 0, 0).Format(time.DateOnly)}}, 303,
				[]string{"Référent départemental", "département 2A", formatDate(language.French, s.location(), clock.Now().AddDate(1, 0, 0))}},
			{"the same role twice", "/grants", url.Values{"role": {"moderator:forum"}, "scope": {forum.String()}}, 409,
				[]string{"Ce membre exerce déjà ce rôle."}},
			{"suspended with a reason", "/status", url.Values{"status": {"suspended"}, "reason": {"Insultes répétées"}}, 303,
				[]string{"Le statut est changé.", `<dd id="status">Suspendu</dd>`, "Adhérent à jour → Suspendu", "Insultes répétées"}},
			{"the suspension is lifted", "/status", url.Values{"status": {"active"}, "reason": {"Excuses"}}, 303,
				[]string{`<dd id="status">Adhérent à jour</dd>`, "Suspendu → Adhérent à jour"}},
		}
		for _, st := range steps {
			r := admin.post(page+st.path, st.form)
			require.Equal(t, st.status, r.status, st.name)
			if r.status == http.StatusSeeOther {
				require.True(t, strings.HasPrefix(r.location, page+"?done="), st.name)
				r = admin.get(r.location)
			}
			for _, w := range st.want {
				assert.True(t, strings.Contains(r.body, w), "%s: the page lacks %q", st.name, w)
			}
		}

		// Taking a role back.
		grants, err := s.members.Grants(context.Background(), adminActor(t, s), louise)
		require.NoError(t, err)
		require.Len(t, grants, 2)
		revoke := "/admin/grants/" + grants[0].ID.String() + "/revoke"
		r := admin.get(page)
		assertHas(t, r.body, `action="`+revoke+`"`)
		r = admin.post(revoke, url.Values{"member": {louise.String()}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, page+"?done=revoke", r.location)
		r = admin.get(r.location)
		assertHas(t, r.body, "Le rôle est retiré.")
		assert.False(t, strings.Contains(r.body, `action="`+revoke+`"`), "a role taken back has no button")
		r = admin.post(revoke, url.Values{"member": {louise.String()}})
		assert.Equal(t, http.StatusConflict, r.status)
		assertHas(t, r.body, "Ce rôle a déjà été retiré.", "<h1>Louise</h1>")
	})
}

func TestMembersAdminAccess(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, admin, newClient := adminSetup(t, db, testClock())
		member := newClient()
		id := register(t, s, member, "olympe@example.org", "Olympe", "droits de la femme", true)
		member.signIn("olympe@example.org", "droits de la femme")
		visitor := newClient()
		page := "/admin/members/" + id.String()
		payment := url.Values{"tier": {"standard"}, "method": {"cash"}}

		tests := []struct {
			name     string
			client   *cookieClient
			method   string
			path     string
			status   int
			location string
		}{
			{"a visitor is sent to sign in", visitor, "GET", "/admin/members", 303, "/signin?next=%2Fadmin%2Fmembers"},
			{"a visitor comes back to the filters", visitor, "GET", "/admin/members?grace=1", 303, "/signin?next=%2Fadmin%2Fmembers%3Fgrace%3D1"},
			{"a visitor's post goes nowhere", visitor, "POST", page + "/payments", 303, "/signin?next=%2Fadmin%2Fmembers"},
			{"a member does not see the list", member, "GET", "/admin/members", 404, ""},
			{"a member does not see a member page", member, "GET", page, 404, ""},
			{"a member cannot record a payment", member, "POST", page + "/payments", 404, ""},
			{"a member cannot give a role", member, "POST", page + "/grants", 404, ""},
			{"a member cannot take a role back", member, "POST", "/admin/grants/" + avenir.NewID().String() + "/revoke", 404, ""},
			{"an admin asks for a bad ID", admin, "GET", "/admin/members/nope", 404, ""},
			{"an admin asks for an unknown member", admin, "GET", "/admin/members/" + avenir.NewID().String(), 404, ""},
			{"an admin posts for an unknown member", admin, "POST", "/admin/members/" + avenir.NewID().String() + "/payments", 404, ""},
			{"a bad filter", admin, "GET", "/admin/members?status=vip", 400, ""},
			{"a tampered cursor", admin, "GET", "/admin/members?after=abc", 400, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var r clientResponse
				if tt.method == "POST" {
					r = tt.client.post(tt.path, payment)
				} else {
					r = tt.client.get(tt.path)
				}
				assert.Equal(t, tt.status, r.status)
				assert.Equal(t, tt.location, r.location)
				if tt.status == http.StatusNotFound {
					assertHas(t, r.body, "Erreur 404", "Introuvable.")
					assertLacks(t, r.body, "Enregistrer un paiement")
				}
			})
		}
		payments, err := s.members.Payments(context.Background(), adminActor(t, s), id)
		require.NoError(t, err)
		assert.Empty(t, payments)
		assertLacks(t, member.get("/").body, `href="/admin/members"`)
		assertHas(t, admin.get("/").body, `href="/admin/members"`)
	})
}

func TestMembersAdminPages(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, admin, _ := adminSetup(t, db, testClock())
		for _, name := range []string{"Albert", "Berthe", "Camille", "Denise", "Émile"} {
			_, err := s.members.Register(context.Background(), membership.Registration{
				Email: strings.ToLower(name) + "@example.org", Profile: membership.Profile{DisplayName: name, Address: membership.Address{PostalCode: "75011"}},
				Consents: []string{membership.ConsentMembership},
			})
			require.NoError(t, err)
		}
		next := regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
		path := "/admin/members?status=supporter&postal=75&limit=2"
		var names []string
		for range 5 {
			r := admin.get(path)
			require.Equal(t, http.StatusOK, r.status)
			for _, m := range regexp.MustCompile(`<a href="/admin/members/[0-9a-f-]{36}">([^<]+)</a>`).FindAllStringSubmatch(r.body, -1) {
				names = append(names, m[1])
			}
			link := next.FindStringSubmatch(r.body)
			if link == nil {
				break
			}
			path = strings.ReplaceAll(link[1], "&amp;", "&")
			u, err := url.Parse(path)
			require.NoError(t, err)
			assert.Equal(t, "supporter", u.Query().Get("status"), "the filters are kept")
			assert.Equal(t, "75", u.Query().Get("postal"))
			assert.NotEmpty(t, u.Query().Get("after"))
		}
		assert.Equal(t, []string{"Albert", "Berthe", "Camille", "Denise", "Émile"}, names, "in French order, the admin (a member) left out")
	})
}

func TestParseEuros(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true},
		{"30", 3000, true},
		{"30,50", 3050, true},
		{"30.50", 3050, true},
		{"30,5", 3050, true},
		{"0,05", 5, true},
		{" 1 200 € ", 120000, true},
		{"1\u202f200,00\u00a0€", 120000, true},
		{"30,", 0, false},
		{",50", 0, false},
		{"30,505", 0, false},
		{"30.5.0", 0, false},
		{"-30", 0, false},
		{"trente", 0, false},
		{"1e3", 0, false},
		{"9999999999", 0, false},
	}
	for _, tt := range tests {
		got, err := parseEuros(tt.in)
		if !tt.ok {
			assert.Error(t, err, "%q", tt.in)
			assert.True(t, avenir.IsCode(err, avenir.CodeInvalid), "%q", tt.in)
			continue
		}
		require.NoError(t, err, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// The tests of this file check WCAG 2.1 success criterion 3.3.1 (error
// identification) on the forms whose errors used to show only at the top
// of the page: the control at fault is marked invalid and described by a
// message beside it, the one the top alert shows.

// tiedTo returns the controls and fieldsets of a page whose
// aria-describedby names the element id, each as its opening tag.
func tiedTo(body, id string) []string {
	re := regexp.MustCompile(`<(?:input|select|textarea|fieldset)\b[^>]*\baria-describedby="(?:[^"]*\s)?` + regexp.QuoteMeta(id) + `(?:\s[^"]*)?"[^>]*>`)
	return re.FindAllString(body, -1)
}

// attr returns the value of the attribute name of an opening tag.
func attr(tag, name string) string {
	m := regexp.MustCompile(`\s` + name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// controlKey names a control: "#id", or "name=value" for a checkbox of a
// group, which has no id.
func controlKey(tag string) string {
	if id := attr(tag, "id"); id != "" {
		return "#" + id
	}
	return attr(tag, "name") + "=" + attr(tag, "value")
}

// assertErrorTied checks that the page identifies the error on field: one
// message with the id "<field>-error", the same as the top alert's, that
// describes exactly the controls wanted (each marked invalid, and no other
// control is) and, when fieldset is set, their fieldset.
func assertErrorTied(t *testing.T, body, field string, controls []string, fieldset bool) {
	t.Helper()
	id := field + "-error"
	alert := regexp.MustCompile(`<div class="error-box" role="alert"><p>([^<]*)</p></div>`).FindStringSubmatch(body)
	require.NotNil(t, alert, "the page has its alert")
	messages := regexp.MustCompile(`<p class="field-error" id="`+regexp.QuoteMeta(id)+`">([^<]*)</p>`).FindAllStringSubmatch(body, -1)
	require.Len(t, messages, 1, "one message with the id %q", id)
	assert.NotEmpty(t, messages[0][1])
	assert.Equal(t, alert[1], messages[0][1], "the message beside the field is the alert's")
	assert.Equal(t, 1, strings.Count(body, `id="`+id+`"`), "the id %q is unique", id)

	var got []string
	fieldsets := 0
	for _, tag := range tiedTo(body, id) {
		if strings.HasPrefix(tag, "<fieldset") {
			fieldsets++
			continue
		}
		got = append(got, controlKey(tag))
		assert.Contains(t, tag, `aria-invalid="true"`, "%s is marked invalid", controlKey(tag))
	}
	assert.ElementsMatch(t, controls, got, "the controls described by %q", id)
	if fieldset {
		assert.Equal(t, 1, fieldsets, "the fieldset is described by %q", id)
	} else {
		assert.Zero(t, fieldsets, "no fieldset is described by %q", id)
	}
	assert.Equal(t, len(controls), strings.Count(body, `aria-invalid="true"`), "only the controls at fault are marked invalid")
}

// assertNoErrorMarked checks that a page without error marks nothing.
func assertNoErrorMarked(t *testing.T, body string) {
	t.Helper()
	assertLacks(t, body, `aria-invalid`, `class="field-error"`, `class="error-box"`, `-error"`)
}

func TestMyAccountErrorsAreTied(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		clock := testClock()
		s, srv := pageServer(t, db, clock)
		c := newCookieClient(t, srv)
		id := register(t, s, c, "olympe@example.org", "Olympe", "droits de la femme", true)
		c.signIn("olympe@example.org", "droits de la femme")

		r := c.get("/me")
		require.Equal(t, http.StatusOK, r.status)
		assertNoErrorMarked(t, r.body)

		// Her membership consent was given to an earlier text: its box is
		// not locked, so she can untick it, which the service refuses.
		require.NoError(t, db.Members().AddConsent(context.Background(), membership.Consent{
			ID: avenir.NewID(), Member: id, Purpose: membership.ConsentMembership, Version: 0, Given: true,
			Source: membership.SourceForm, At: clock.Now().Add(time.Minute),
		}))

		profile := func(change func(url.Values)) url.Values {
			f := url.Values{
				"display_name": {"Olympe"}, "full_name": {"Olympe de Gouges"}, "phone": {""},
				"address_line": {""}, "postal_code": {"69003"}, "city": {"Lyon"}, "country": {"FR"}, "language": {"fr"},
				"visibility_full_name": {"members"}, "visibility_email": {"private"}, "visibility_phone": {"private"}, "visibility_address": {"private"},
			}
			change(f)
			return f
		}
		visibilitySelects := []string{"#visibility_full_name", "#visibility_email", "#visibility_phone", "#visibility_address"}
		tests := []struct {
			name     string
			path     string
			form     url.Values
			status   int
			field    string
			controls []string
			fieldset bool
			want     string
		}{
			{name: "an unknown audience marks every visibility select", path: "/me",
				form:   profile(func(f url.Values) { f.Set("visibility_phone", "committee:nope") }),
				status: http.StatusBadRequest, field: "visibility", controls: visibilitySelects,
				want: "L’audience &#34;committee:nope&#34; est inconnue."},
			{name: "an unknown audience for the address", path: "/me",
				form:   profile(func(f url.Values) { f.Set("visibility_address", "nobody") }),
				status: http.StatusBadRequest, field: "visibility", controls: visibilitySelects,
				want: "L’audience &#34;nobody&#34; est inconnue."},
			{name: "a profile error still marks its own field only", path: "/me",
				form:   profile(func(f url.Values) { f.Set("phone", "12") }),
				status: http.StatusBadRequest, field: "phone", controls: []string{"#phone"},
				want: "Le numéro de téléphone &#34;12&#34; n’est pas valide."},
			{name: "withdrawing the required consent", path: "/me/consents",
				form:   url.Values{"consents": {membership.ConsentNewsletter}},
				status: http.StatusConflict, field: "consents", controls: []string{"consents=" + membership.ConsentMembership}, fieldset: true,
				want: "Ce consentement fonde votre adhésion : pour le retirer, quittez le mouvement."},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := c.post(tt.path, tt.form)
				require.Equal(t, tt.status, r.status, r.body)
				assertHas(t, r.body, tt.want)
				assertErrorTied(t, r.body, tt.field, tt.controls, tt.fieldset)
			})
		}

		// The refused withdrawal changed nothing.
		given, err := s.members.Consented(context.Background(), id, membership.ConsentMembership)
		require.NoError(t, err)
		assert.True(t, given)
	})
}

func TestMemberFiltersErrorsAreTied(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, admin, _ := adminSetup(t, db, testClock())

		for _, path := range []string{"/admin/members", "/admin/members?limit=2&status=active"} {
			r := admin.get(path)
			require.Equal(t, http.StatusOK, r.status, path)
			assertNoErrorMarked(t, r.body)
		}
		r := admin.get("/admin/members?limit=2")
		assertHas(t, r.body, `<input id="limit" name="limit" type="text" inputmode="numeric" size="6" value="2">`)

		var statusBoxes []string
		for _, st := range avenir.Statuses {
			statusBoxes = append(statusBoxes, "status="+string(st))
		}
		tests := []struct {
			name     string
			query    string
			field    string
			controls []string
			fieldset bool
			want     []string
		}{
			{name: "an unknown status", query: "status=vip&status=active", field: "status", controls: statusBoxes, fieldset: true,
				want: []string{"Le statut &#34;vip&#34; est inconnu.", `name="status" value="active" checked`}},
			{name: "an unknown department", query: "department=ZZ", field: "department", controls: []string{"#department"},
				want: []string{`value="ZZ" aria-describedby="department-note department-error" aria-invalid="true"`}},
			{name: "renewals that are not days", query: "renewals=soon", field: "renewals", controls: []string{"renewals=30"},
				want: []string{"Le nombre de jours doit être compris entre 1 et 366."}},
			{name: "renewals too far", query: "renewals=400", field: "renewals", controls: []string{"renewals=30"}},
			{name: "a page size that is not a number", query: "limit=many", field: "limit", controls: []string{"#limit"},
				want: []string{`value="many"`, "La taille de page doit être comprise entre 1 et 200."}},
			{name: "a page size too large, refused by the service", query: "limit=5000", field: "limit", controls: []string{"#limit"},
				want: []string{`value="5000"`}},
			{name: "a tampered cursor", query: "after=abc&postal=69", field: "cursor", controls: []string{"#after"},
				want: []string{"Le curseur de pagination n’est pas valide.", `value="abc"`, `aria-describedby="after-note cursor-error"`}},
			{name: "a tampered cursor among the renewals", query: "renewals=30&after=abc", field: "cursor", controls: []string{"#after"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := admin.get("/admin/members?" + tt.query)
				require.Equal(t, http.StatusBadRequest, r.status, r.body)
				assertHas(t, r.body, tt.want...)
				assertErrorTied(t, r.body, tt.field, tt.controls, tt.fieldset)
			})
		}

		// Emptying the refused cursor starts again from the first page.
		r = admin.get("/admin/members?after=&postal=69")
		require.Equal(t, http.StatusOK, r.status)
		assertNoErrorMarked(t, r.body)
	})
}

func TestSolidarityErrorsAreTied(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		louise := demoToken(t, h, "louise@avenir.test")
		for _, path := range []string{"/solidarity/new", "/solidarity", "/solidarity/impact"} {
			got := fetch(t, h, louise, "GET", path, nil)
			require.Equal(t, http.StatusOK, got.status, path)
			assertNoErrorMarked(t, got.body)
		}

		var shiftInputs []string
		for i := 1; i <= formShifts; i++ {
			n := strconv.Itoa(i)
			shiftInputs = append(shiftInputs, "#shift"+n+"_start", "#shift"+n+"_end", "#shift"+n+"_capacity")
		}
		tests := []struct {
			name     string
			method   string
			path     string
			form     url.Values
			status   int
			field    string
			controls []string
			fieldset bool
			want     string
		}{
			{name: "abroad without a country", method: "POST", path: "/solidarity",
				form:   proposeForm(func(f url.Values) { f.Set("where", "abroad"); f.Set("city", "Genève") }),
				status: http.StatusBadRequest, field: "place.country", controls: []string{"#country"}},
			{name: "an end before the start", method: "POST", path: "/solidarity",
				form:   proposeForm(func(f url.Values) { f.Set("ends_at", "2027-01-09T12:00") }),
				status: http.StatusBadRequest, field: "ends_at", controls: []string{"#ends_at"}},
			{name: "a postal code of two communes", method: "POST", path: "/solidarity",
				form:   proposeForm(func(f url.Values) { f.Set("postal_code", "01200") }),
				status: http.StatusBadRequest, field: "place.commune", controls: []string{"#commune"},
				want: `<option value="01033">VALSERHONE (01033)</option>`},
			{name: "an unknown postal code", method: "POST", path: "/solidarity",
				form:   proposeForm(func(f url.Values) { f.Set("postal_code", "00000") }),
				status: http.StatusBadRequest, field: "postal_code", controls: []string{"#postal_code"}},
			{name: "a shift that ends before it starts", method: "POST", path: "/solidarity",
				form: proposeForm(func(f url.Values) {
					f.Set("kind", "collective")
					f.Set("shift1_start", "2027-01-10T10:00")
					f.Set("shift1_end", "2027-01-10T09:00")
				}),
				status: http.StatusBadRequest, field: "shifts", controls: shiftInputs, fieldset: true},
			{name: "volunteers that are not a number", method: "POST", path: "/solidarity",
				form:   proposeForm(func(f url.Values) { f.Set("volunteers", "plein") }),
				status: http.StatusBadRequest, field: "volunteers", controls: []string{"#volunteers"}},
			{name: "a list filter of an unknown department", method: "GET", path: "/solidarity?department=ZZ",
				status: http.StatusBadRequest, field: "department", controls: []string{"#department"}},
			{name: "a list period that ends before it starts", method: "GET", path: "/solidarity?from=2027-02-01&to=2027-01-01",
				status: http.StatusBadRequest, field: "to", controls: []string{"#to"}},
			{name: "a list filter day that is not a date", method: "GET", path: "/solidarity?from=bientot",
				status: http.StatusBadRequest, field: "from", controls: []string{"#from"}},
			{name: "a near-me postal code that does not exist", method: "GET", path: "/solidarity?postal_code=00000",
				status: http.StatusBadRequest, field: "postal_code", controls: []string{"#postal_code"}},
			{name: "an impact period that ends before it starts", method: "GET", path: "/solidarity/impact?from=2026-06&to=2026-03",
				status: http.StatusBadRequest, field: "to", controls: []string{"#to"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := fetch(t, h, louise, tt.method, tt.path, tt.form)
				require.Equal(t, tt.status, got.status, got.body)
				if tt.want != "" {
					assertHas(t, got.body, tt.want)
				}
				assertErrorTied(t, got.body, tt.field, tt.controls, tt.fieldset)
			})
		}
	})
}

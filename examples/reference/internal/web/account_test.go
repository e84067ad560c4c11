package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// cookieClient is a browser for tests: it keeps cookies and does not follow
// redirects, so that tests see them.
type cookieClient struct {
	t    *testing.T
	base string
	c    *http.Client
}

// clientResponse is what a cookieClient got back.
type clientResponse struct {
	status   int
	body     string
	location string
	header   http.Header
}

func newCookieClient(t *testing.T, srv *httptest.Server) *cookieClient {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &cookieClient{t: t, base: srv.URL, c: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// do sends a request; header is pairs of names and values.
func (c *cookieClient) do(method, path string, form url.Values, header ...string) clientResponse {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	require.NoError(c.t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.c.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	return clientResponse{status: resp.StatusCode, body: string(b), location: resp.Header.Get("Location"), header: resp.Header}
}

func (c *cookieClient) get(path string, header ...string) clientResponse {
	c.t.Helper()
	return c.do(http.MethodGet, path, nil, header...)
}

func (c *cookieClient) post(path string, form url.Values, header ...string) clientResponse {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	return c.do(http.MethodPost, path, form, header...)
}

// postThen posts a form that answers with a redirect after success, and
// follows it (the page a person sees next).
func (c *cookieClient) postThen(path string, form url.Values, header ...string) clientResponse {
	c.t.Helper()
	r := c.post(path, form, header...)
	if r.status != http.StatusSeeOther {
		return r
	}
	return c.get(r.location)
}

// signIn signs in with a password and expects the way to /me.
func (c *cookieClient) signIn(email, password string) {
	c.t.Helper()
	r := c.post("/signin", url.Values{"email": {email}, "password": {password}})
	require.Equal(c.t, http.StatusSeeOther, r.status, r.body)
	require.Equal(c.t, "/me", r.location)
}

// assertHas checks that body holds each of wants, without printing the
// whole page when it does not.
func assertHas(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		assert.True(t, strings.Contains(body, w), "the page lacks %q", w)
	}
}

// assertLacks checks that body holds none of wants.
func assertLacks(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		assert.False(t, strings.Contains(body, w), "the page has %q", w)
	}
}

// testClock starts in March of next year, so that the session cookies the
// server sets by its clock are not already expired for the client's jar,
// which goes by the real time.
func testClock() *avenir.ManualClock {
	return avenir.NewManualClock(time.Date(time.Now().Year()+1, time.March, 10, 9, 0, 0, 0, time.UTC))
}

// pageServer is the reference server over HTTP on db.
func pageServer(t *testing.T, db *storage.DB, clock avenir.Clock) (*Server, *httptest.Server) {
	t.Helper()
	s := testServer(t, db, network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{Dev: true, BaseURL: "http://example.test", Clock: clock})
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv
}

// joinForm is a valid sign-up form.
func joinForm(email, name, password string, join bool) url.Values {
	f := url.Values{
		"email": {email}, "display_name": {name}, "full_name": {name + " Full"}, "phone": {""},
		"postal_code": {"69003"}, "city": {"Lyon"}, "country": {"FR"}, "language": {"fr"},
		"password": {password}, "consents": {membership.ConsentMembership, membership.ConsentNewsletter},
	}
	if join {
		f.Set("join", "1")
	}
	return f
}

// register signs a person up through the form and confirms their address.
func register(t *testing.T, s *Server, c *cookieClient, email, name, password string, join bool) avenir.ID {
	t.Helper()
	r := c.postThen("/join", joinForm(email, name, password, join))
	require.Equal(t, http.StatusOK, r.status, r.body)
	r = c.post("/verify", url.Values{"token": {mailToken(t, s)}})
	require.Equal(t, http.StatusOK, r.status, r.body)
	m, err := s.db.Members().MemberByEmail(context.Background(), email)
	require.NoError(t, err)
	return m.ID
}

func TestAccountJourney(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, srv := pageServer(t, db, testClock())
		c := newCookieClient(t, srv)
		ctx := context.Background()

		// The sign-up form, in the network's language.
		r := c.get("/join")
		require.Equal(t, http.StatusOK, r.status)
		for _, want := range []string{"Rejoindre le mouvement", `name="consents" value="membership"`, `autocomplete="email"`,
			`autocomplete="new-password"`, `<option value="FR" selected>France</option>`, "Je veux devenir adhérent"} {
			assertHas(t, r.body, want)
		}

		// Rosa joins, and is told to check her inbox.
		form := joinForm("Rosa@Example.org", "Rosa", "spartacus forever", true)
		r = c.postThen("/join", form)
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Consultez votre boîte de réception")

		// The link of the mail shows a button; the GET does not spend it.
		token := mailToken(t, s)
		for range 2 {
			r = c.get("/verify?token=" + url.QueryEscape(token))
			require.Equal(t, http.StatusOK, r.status)
			assertHas(t, r.body, `action="/verify"`)
			assertHas(t, r.body, `value="`+token+`"`)
			assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
		}
		r = c.post("/verify", url.Values{"token": {token}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Votre adresse est confirmée")
		assertHas(t, r.body, `href="/signin"`)
		r = c.post("/verify", url.Values{"token": {token}})
		assert.Equal(t, http.StatusBadRequest, r.status, "a link works once")
		assertHas(t, r.body, "Ce lien n’est pas valide")

		// She signs in and sees her account.
		c.signIn("rosa@example.org", "spartacus forever")
		r = c.get("/me")
		require.Equal(t, http.StatusOK, r.status)
		for _, want := range []string{"Mon compte", `value="Rosa"`, "Adhésion demandée (cotisation attendue)", "rosa@example.org", `action="/me/leave"`} {
			assertHas(t, r.body, want)
		}
		assert.False(t, strings.Contains(r.body, `action="/me/join"`), "an applicant has already asked to join")
		assert.Equal(t, "no-store", r.header.Get("Cache-Control"))

		// She fills in her profile and shows her phone to everyone.
		profile := url.Values{
			"display_name": {"Rosa L."}, "full_name": {"Rosa Luxemburg"}, "phone": {"06 01 02 03 04"},
			"address_line": {"1 rue de la Commune"}, "postal_code": {"69003"}, "city": {"Lyon"}, "country": {"FR"}, "language": {"fr"},
			"visibility_full_name": {"members"}, "visibility_email": {"private"}, "visibility_phone": {"public"}, "visibility_address": {"private"},
		}
		r = c.post("/me", profile)
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, "/me?done=profile", r.location)
		r = c.get("/me?done=profile")
		assertHas(t, r.body, "Enregistré.")
		assertHas(t, r.body, `value="&#43;33601020304"`)
		m, err := db.Members().MemberByEmail(ctx, "rosa@example.org")
		require.NoError(t, err)
		assert.Equal(t, "Rosa L.", m.DisplayName)
		assert.Equal(t, avenir.Public, m.Visibility.Of(membership.FieldPhone))
		assert.Equal(t, membership.Private, m.Visibility.Of(membership.FieldEmail))
		assert.Equal(t, avenir.Members, m.Visibility.Of(membership.FieldFullName))

		// She stops the newsletter and shares her contact with her committee;
		// the membership consent, shown disabled, is not sent and stays.
		r = c.get("/me")
		assert.Regexp(t, `value="membership" checked disabled`, r.body)
		r = c.post("/me/consents", url.Values{"consents": {membership.ConsentShareContact}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, "/me?done=consents", r.location)
		actor, err := s.members.Actor(ctx, m.ID)
		require.NoError(t, err)
		states, err := s.members.Consents(ctx, actor, m.ID)
		require.NoError(t, err)
		given := map[string]bool{}
		for _, st := range states {
			given[st.Purpose.Key] = st.Given
		}
		assert.Equal(t, map[string]bool{membership.ConsentMembership: true, membership.ConsentNewsletter: false,
			membership.ConsentShareContact: true, network.ConsentNotifications: false}, given)

		// Her data, as a JSON attachment.
		r = c.get("/me/export.json")
		require.Equal(t, http.StatusOK, r.status)
		assert.Contains(t, r.header.Get("Content-Type"), "application/json")
		assert.Contains(t, r.header.Get("Content-Disposition"), "attachment")
		var x struct {
			Member   membership.Member    `json:"member"`
			Consents []membership.Consent `json:"consents"`
		}
		require.NoError(t, json.Unmarshal([]byte(r.body), &x))
		assert.Equal(t, "rosa@example.org", x.Member.Email)
		assert.Len(t, x.Consents, 6, "four at sign-up (the network offers mailed notifications), two changes")

		// She leaves: signed out everywhere, told her status.
		r = c.post("/me/leave", url.Values{"reason": {"Je déménage."}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Vous avez quitté le mouvement")
		assertHas(t, r.body, "A quitté le mouvement")
		assert.False(t, strings.Contains(r.body, `action="/signout"`), "the page after leaving is a visitor's")
		r = c.get("/me")
		assert.Equal(t, http.StatusSeeOther, r.status)

		// Her account stays: she signs in again, sees her status and may
		// join again; then she signs out.
		c.signIn("rosa@example.org", "spartacus forever")
		r = c.get("/me")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, `<dd id="status">A quitté le mouvement</dd>`)
		assertHas(t, r.body, `action="/me/join"`)
		assertLacks(t, r.body, `action="/me/leave"`)
		r = c.post("/signout", nil)
		require.Equal(t, http.StatusSeeOther, r.status)
		assert.Equal(t, "/", r.location)
		r = c.get("/me")
		require.Equal(t, http.StatusSeeOther, r.status)
		assert.Equal(t, "/signin?next=%2Fme", r.location)
	})
}

func TestJoinRefusals(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, srv := pageServer(t, db, testClock())
		c := newCookieClient(t, srv)
		with := func(change func(url.Values)) url.Values {
			f := joinForm("louise@example.org", "Louise", "la commune vivra", false)
			change(f)
			return f
		}
		tests := []struct {
			name       string
			form       url.Values
			header     []string
			field      string // the input the error is tied to; "" for none
			want       []string
			wantAbsent []string
		}{
			{name: "bad email, in French by default", form: with(func(f url.Values) { f.Set("email", "louise-at-example") }), field: "email",
				want:       []string{"L’adresse e-mail &#34;louise-at-example&#34; n’est pas valide.", `value="Louise"`, `value="louise-at-example"`, `class="error-box"`},
				wantAbsent: []string{"la commune vivra"}},
			{name: "bad email, in English when asked", form: with(func(f url.Values) { f.Set("email", "louise-at-example") }), header: []string{"Accept-Language", "en"},
				field: "email", want: []string{"The email address &#34;louise-at-example&#34; is not valid."}},
			{name: "no display name", form: with(func(f url.Values) { f.Set("display_name", " ") }), field: "display_name",
				want: []string{"Un nom d’affichage est obligatoire."}},
			{name: "weak password is not shown again", form: with(func(f url.Values) { f.Set("password", "password") }), field: "password",
				want: []string{`id="password-error"`, `value="louise@example.org"`}, wantAbsent: []string{`value="password"`}},
			{name: "unknown postal code", form: with(func(f url.Values) { f.Set("postal_code", "00000") }), field: "postal_code",
				want: []string{`value="00000"`}},
			{name: "bad phone", form: with(func(f url.Values) { f.Set("phone", "12") }), field: "phone",
				want: []string{"Le numéro de téléphone &#34;12&#34; n’est pas valide."}},
			{name: "the membership consent is required", form: with(func(f url.Values) { f["consents"] = []string{membership.ConsentNewsletter} }),
				field: "consents", want: []string{"Votre consentement au traitement de vos données d’adhésion est nécessaire.",
					`name="consents" value="newsletter" checked`}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := c.post("/join", tt.form, tt.header...)
				assert.Equal(t, http.StatusBadRequest, r.status)
				assertHas(t, r.body, tt.want...)
				assertLacks(t, r.body, tt.wantAbsent...)
				if tt.field != "" {
					tied := regexp.MustCompile(`aria-describedby="[^"]*\b` + tt.field + `-error"`)
					assert.True(t, tied.MatchString(r.body), "the message is tied to its field")
					assertHas(t, r.body, `aria-invalid="true"`, `id="`+tt.field+`-error"`)
				}
			})
		}
		require.Empty(t, s.mailer.mails(), "nothing registered")

		// A known address gets the very same page as a new one.
		fresh := c.postThen("/join", joinForm("louise@example.org", "Louise", "la commune vivra", false))
		require.Equal(t, http.StatusOK, fresh.status, fresh.body)
		again := c.postThen("/join", joinForm("Louise@example.org", "Someone", "another password here", true))
		require.Equal(t, http.StatusOK, again.status)
		assert.Equal(t, fresh.body, again.body, "no user enumeration")
		mails := s.mailer.mails()
		require.Len(t, mails, 2)
		assert.Contains(t, mails[0].Subject, "Quelqu’un a tenté de s’inscrire avec votre adresse")
	})
}

func TestSignInPage(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, srv := pageServer(t, db, testClock())
		c := newCookieClient(t, srv)
		register(t, s, c, "olympe@example.org", "Olympe", "droits de la femme", false)

		r := c.get("/signin?next=/admin/members")
		require.Equal(t, http.StatusOK, r.status)
		for _, want := range []string{`action="/signin"`, `action="/signin/link"`, `autocomplete="current-password"`, `name="next" value="/admin/members"`} {
			assertHas(t, r.body, want)
		}
		assert.False(t, strings.Contains(c.get("/signin?next=//evil.example").body, `name="next" value="//evil.example"`), "a foreign next is dropped")

		// Refused cross-origin, before any check of the password.
		r = c.post("/signin", url.Values{"email": {"olympe@example.org"}, "password": {"droits de la femme"}}, "Sec-Fetch-Site", "cross-site")
		assert.Equal(t, http.StatusForbidden, r.status)

		// A wrong password: 401 with the message, the email kept, the password not.
		for i := range 5 {
			r = c.post("/signin", url.Values{"email": {"olympe@example.org"}, "password": {"wrong password " + string(rune('a'+i))}},
				"Sec-Fetch-Site", "same-origin")
			require.Equal(t, http.StatusUnauthorized, r.status, "attempt %d", i+1)
			assertHas(t, r.body, "L’adresse e-mail ou le mot de passe est incorrect.")
			assertHas(t, r.body, `value="olympe@example.org"`)
			assertLacks(t, r.body, "wrong password")
			assertHas(t, r.body, `aria-describedby="signin-error"`)
		}
		// The sixth is throttled, even with the right password.
		r = c.post("/signin", url.Values{"email": {"olympe@example.org"}, "password": {"droits de la femme"}})
		assert.Equal(t, http.StatusTooManyRequests, r.status)
		assertHas(t, r.body, "Trop de tentatives de connexion échouées.")
	})
}

func TestSignInNext(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, srv := pageServer(t, db, testClock())
		register(t, s, newCookieClient(t, srv), "louise@example.org", "Louise", "la commune vivra", false)
		tests := []struct{ next, want string }{
			{"", "/me"},
			{"/me?done=join", "/me?done=join"},
			{"/admin/members?renewals=30", "/admin/members?renewals=30"},
			{"//evil.example/x", "/me"},
			{"/\\evil.example", "/me"},
			{"https://evil.example/", "/me"},
			{"javascript:alert(1)", "/me"},
		}
		for _, tt := range tests {
			t.Run(tt.next, func(t *testing.T) {
				c := newCookieClient(t, srv)
				r := c.post("/signin", url.Values{"email": {"louise@example.org"}, "password": {"la commune vivra"}, "next": {tt.next}})
				require.Equal(t, http.StatusSeeOther, r.status, r.body)
				assert.Equal(t, tt.want, r.location)
			})
		}
	})
}

func TestSignInLink(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, srv := pageServer(t, db, testClock())
		c := newCookieClient(t, srv)
		register(t, s, c, "jean@example.org", "Jean", "", false) // no password: links only
		sent := len(s.mailer.mails())

		// The same answer for a known and an unknown address; a mail for
		// the known one only.
		known := c.postThen("/signin/link", url.Values{"email": {"jean@example.org"}})
		require.Equal(t, http.StatusOK, known.status, known.body)
		assert.Contains(t, known.body, "Si un compte existe pour cette adresse")
		unknown := c.postThen("/signin/link", url.Values{"email": {"nobody@example.org"}})
		assert.Equal(t, known.body, unknown.body)
		require.Len(t, s.mailer.mails(), sent+1)
		token := mailToken(t, s)

		r := c.post("/signin/link", url.Values{"email": {"not an address"}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, `aria-describedby="link_email-error"`)

		// The link shows a button; the GET does not sign in.
		r = c.get("/signin/link?token=" + url.QueryEscape(token))
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, `action="/signin/link/use"`)
		assert.Equal(t, http.StatusSeeOther, c.get("/me").status, "not signed in by a GET")
		r = c.post("/signin/link/use", url.Values{"token": {token}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, "/me", r.location)
		r = c.get("/me")
		require.Equal(t, http.StatusOK, r.status)
		assertHas(t, r.body, `value="Jean"`)

		// Once only.
		other := newCookieClient(t, srv)
		r = other.post("/signin/link/use", url.Values{"token": {token}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		for _, path := range []string{"/signin/link", "/verify"} {
			assert.Equal(t, http.StatusBadRequest, other.get(path).status, "%s without a token", path)
		}
	})
}

func TestMyAccountForms(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		s, srv := pageServer(t, db, testClock())
		c := newCookieClient(t, srv)
		id := register(t, s, c, "olympe@example.org", "Olympe", "droits de la femme", false)
		c.signIn("olympe@example.org", "droits de la femme")

		// A visitor is sent to sign in, from a page or a form.
		visitor := newCookieClient(t, srv)
		for _, path := range []string{"/me/leave", "/me/erase", "/me/consents", "/me"} {
			r := visitor.post(path, url.Values{})
			assert.Equal(t, http.StatusSeeOther, r.status, path)
			assert.Equal(t, "/signin?next=%2Fme", r.location, path)
		}
		assert.Equal(t, "/signin?next=%2Fme%2Fexport.json", visitor.get("/me/export.json").location)

		// A refused profile keeps what was typed and ties the message to the field.
		r := c.post("/me", url.Values{"display_name": {"Olympe de G."}, "phone": {"12"}, "country": {"FR"}, "language": {"fr"},
			"visibility_full_name": {"members"}, "visibility_email": {"private"}, "visibility_phone": {"private"}, "visibility_address": {"private"}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, `value="Olympe de G."`)
		assertHas(t, r.body, `aria-describedby="phone-error"`)
		assertHas(t, r.body, "Le numéro de téléphone &#34;12&#34; n’est pas valide.")
		r = c.post("/me", url.Values{"display_name": {"Olympe"}, "visibility_phone": {"committee:nope"}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, "L’audience &#34;committee:nope&#34; est inconnue.")

		// A supporter asks to become a member.
		r = c.get("/me")
		assertHas(t, r.body, `action="/me/join"`)
		assertHas(t, r.body, "Sympathisant")
		r = c.post("/me/join", nil)
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, "/me?done=join", r.location)
		r = c.get(r.location)
		assertHas(t, r.body, "Votre demande d’adhésion est enregistrée")
		assertHas(t, r.body, "Adhésion demandée (cotisation attendue)")
		r = c.post("/me/join", nil)
		assert.Equal(t, http.StatusConflict, r.status, "an applicant cannot join twice")
		assertHas(t, r.body, `class="error-box"`)

		// Changing the password: the current one is checked, then every
		// session ends and the member signs in again.
		r = c.post("/me/password", url.Values{"current_password": {"not my password"}, "password": {"liberté égalité"}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, `aria-describedby="current_password-note current_password-error"`)
		assertHas(t, r.body, "Le mot de passe actuel est incorrect.")
		r = c.post("/me/password", url.Values{"current_password": {"droits de la femme"}, "password": {"liberté égalité"}})
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		assert.Equal(t, "/signin?done=password&next=%2Fme", r.location)
		r = c.get(r.location)
		assertHas(t, r.body, "Votre mot de passe est changé.")
		assert.Equal(t, http.StatusSeeOther, c.get("/me").status)
		c.signIn("olympe@example.org", "liberté égalité")

		// Erasing needs the word.
		r = c.post("/me/erase", url.Values{"confirm": {"oui"}})
		assert.Equal(t, http.StatusBadRequest, r.status)
		assertHas(t, r.body, "Tapez EFFACER pour confirmer.")
		assertHas(t, r.body, `aria-describedby="confirm-error"`)
		r = c.post("/me/erase", url.Values{"confirm": {"effacer"}})
		require.Equal(t, http.StatusOK, r.status, r.body)
		assertHas(t, r.body, "Votre compte est effacé")
		assertLacks(t, r.body, `action="/signout"`)
		m, err := db.Members().Member(context.Background(), id)
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusErased, m.Status)
		assert.Empty(t, m.Email)
		r = c.post("/signin", url.Values{"email": {"olympe@example.org"}, "password": {"liberté égalité"}})
		assert.Equal(t, http.StatusUnauthorized, r.status)
	})
}

func TestLocalPath(t *testing.T) {
	tests := map[string]string{
		"":                     "/me",
		"/":                    "/",
		"/admin/members?x=1":   "/admin/members?x=1",
		"//evil.example":       "/me",
		"/\\evil.example":      "/me",
		"/\\/evil.example":     "/me",
		"https://evil.example": "/me",
		"evil.example":         "/me",
		"/a\r\nSet-Cookie: x":  "/me",
	}
	for next, want := range tests {
		assert.Equal(t, want, localPath(next, "/me"), "%q", next)
	}
}

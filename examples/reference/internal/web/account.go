package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/membership"
)

// The account pages: joining, confirming one's address, signing in and out,
// and "my account" (/me). They are plain HTML forms without JavaScript. Every
// change is a POST, which the server refuses cross-origin; a link from a mail
// only shows a button, because mail scanners follow links and would spend a
// single-use token on a GET.
func (s *Server) mountAccount(mux *http.ServeMux) {
	mux.HandleFunc("GET /join", s.joinForm)
	mux.HandleFunc("POST /join", s.postJoin)
	mux.HandleFunc("GET /join/sent", s.joinSent)
	mux.HandleFunc("GET /verify", s.verifyForm)
	mux.HandleFunc("POST /verify", s.postVerify)
	mux.HandleFunc("GET /signin", s.signInForm)
	mux.HandleFunc("POST /signin", s.postSignIn)
	mux.HandleFunc("POST /signin/link", s.postSignInLink)
	mux.HandleFunc("GET /signin/link/sent", s.linkSent)
	mux.HandleFunc("GET /signin/link", s.linkForm)
	mux.HandleFunc("POST /signin/link/use", s.postUseLink)
	mux.HandleFunc("POST /signout", s.postSignOut)

	mux.HandleFunc("GET /me", s.mePage)
	mux.HandleFunc("POST /me", s.postProfile)
	mux.HandleFunc("POST /me/consents", s.postConsents)
	mux.HandleFunc("POST /me/join", s.postJoinAsMember)
	mux.HandleFunc("GET /me/export.json", s.getExport)
	mux.HandleFunc("POST /me/password", s.postPassword)
	mux.HandleFunc("POST /me/leave", s.postLeave)
	mux.HandleFunc("POST /me/erase", s.postErase)
}

// formState is what a page shows again after a refused form: the values
// typed (never a password), and the error with the form and field it is
// about, so that the message appears both at the top and beside the field.
type formState struct {
	Form   string // the form at fault: "join", "profile", "payment", …
	Field  string // the field at fault; "" when the error is about the whole form
	Error  string // the message, in the reader's language
	Values map[string]string
}

// Value returns the value to show in the input name.
func (f formState) Value(name string) string { return f.Values[name] }

// ErrorOn returns the error message when it is about field of form.
func (f formState) ErrorOn(form, field string) string {
	if f.Form == form && f.Field == field {
		return f.Error
	}
	return ""
}

// Failed reports whether form is the one at fault.
func (f formState) Failed(form string) bool { return f.Error != "" && f.Form == form }

// refused is the state of form after err. Internal errors are logged; every
// error's message is safe to show (internal details never are).
func (s *Server) refused(r *http.Request, form string, err error, values map[string]string) formState {
	s.logError(r, err)
	f := formState{Form: form, Error: avenir.Message(err, s.lang(r)), Values: values}
	var e *avenir.Error
	if errors.As(err, &e) && e.Code != avenir.CodeInternal {
		f.Field = e.Field
	}
	return f
}

// maxFormBody bounds a posted form.
const maxFormBody = 64 << 10

// readForm parses a posted form.
func readForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := r.ParseForm(); err != nil {
		if err := tooLarge(err); avenir.ErrorCode(err) == avenir.CodeInvalid {
			return err
		}
		return avenir.Wrap(avenir.CodeInvalid, err, "The form could not be read.")
	}
	return nil
}

// localize translates a text of the pages into the request's language.
func (s *Server) localize(r *http.Request, key string, args ...any) string {
	return avenir.Localize(s.lang(r), key, args...)
}

// messagePage renders a page that tells one thing, with a link onward.
// title and lines are already translated.
func (s *Server) messagePage(w http.ResponseWriter, r *http.Request, status int, title string, lines []string, href, linkText string) {
	s.render(w, r, status, "message.html", map[string]any{
		"Title": title, "Lines": lines, "Link": href, "LinkText": linkText,
	})
}

// noStore keeps pages with personal data or secrets out of caches (a shared
// computer's back button, a proxy).
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

// toSignIn sends a visitor to the sign-in page, to come back afterwards: to
// the page asked for on a GET, and to back on a POST (whose form is lost).
func toSignIn(w http.ResponseWriter, r *http.Request, back string) {
	if r.Method == http.MethodGet {
		back = r.URL.RequestURI()
	}
	http.Redirect(w, r, "/signin?next="+url.QueryEscape(back), http.StatusSeeOther)
}

// localPath returns next when it is a path on this site, and def otherwise,
// so that the sign-in page cannot be made to send people elsewhere (an open
// redirect, OWASP ASVS 5.1.5). "//host" and "/\host" are other sites to a
// browser.
func localPath(next, def string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\x00\r\n\t") {
		return def
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return def
	}
	return next
}

// asVisitor returns r as a visitor's, for the page that follows signing
// out, leaving or erasing: the header must no longer show the account.
func asVisitor(r *http.Request) *http.Request {
	ctx := context.WithValue(r.Context(), actorKey, avenir.Anonymous)
	ctx = context.WithValue(ctx, memberKey, nil)
	ctx = context.WithValue(ctx, tokenKey, "")
	return r.WithContext(ctx)
}

// statusLabels name the statuses for people.
var statusLabels = map[avenir.Status]string{
	avenir.StatusSupporter: "Supporter",
	avenir.StatusApplicant: "Membership applied for (dues awaited)",
	avenir.StatusActive:    "Member in good standing",
	avenir.StatusGrace:     "Member in the grace period",
	avenir.StatusLapsed:    "Lapsed membership",
	avenir.StatusSuspended: "Suspended",
	avenir.StatusLeft:      "Left the movement",
	avenir.StatusErased:    "Erased",
}

func (s *Server) statusLabel(r *http.Request, st avenir.Status) string {
	if key, ok := statusLabels[st]; ok {
		return s.localize(r, key)
	}
	return string(st)
}

// option is one choice of a select, or one checkbox of a group.
type option struct {
	Value    string
	Label    string // translated
	Selected bool
}

// countryOptions lists the countries by name in the reader's language.
func (s *Server) countryOptions(r *http.Request, selected string) []option {
	english := s.lang(r) == language.English
	countries := geo.Countries() // in French order
	opts := make([]option, len(countries))
	for i, c := range countries {
		name := c.NameFR
		if english {
			name = c.NameEN
		}
		opts[i] = option{Value: c.Code, Label: name, Selected: c.Code == selected}
	}
	if english {
		slices.SortStableFunc(opts, func(a, b option) int { return cmp.Compare(a.Label, b.Label) })
	}
	return opts
}

// consentRow is one purpose in a consent form.
type consentRow struct {
	Key      string
	Text     string
	Required bool
	Checked  bool
	// Locked is a required consent already given to the current text: it is
	// shown, but withdrawing it means leaving, which has its own form.
	Locked bool
}

// ---- Joining ----

func (s *Server) joinForm(w http.ResponseWriter, r *http.Request) {
	s.renderJoin(w, r, http.StatusOK, formState{Values: map[string]string{
		"country": "FR", "language": s.lang(r).String(),
	}}, nil)
}

func (s *Server) renderJoin(w http.ResponseWriter, r *http.Request, status int, f formState, given []string) {
	var consents []consentRow
	for _, p := range s.members.Purposes() {
		consents = append(consents, consentRow{Key: p.Key, Text: p.Text, Required: p.Required, Checked: slices.Contains(given, p.Key)})
	}
	s.render(w, r, status, "join.html", map[string]any{
		"Title":     s.localize(r, "Join the movement"),
		"Form":      f,
		"Consents":  consents,
		"Countries": s.countryOptions(r, f.Value("country")),
		"MinLen":    membership.MinPasswordLen,
	})
}

// joinFields are the inputs of the sign-up form that are shown again after
// an error. The password is not: it never goes back into a page.
var joinFields = []string{"email", "display_name", "full_name", "phone", "postal_code", "city", "country", "language", "join"}

func (s *Server) postJoin(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	form := r.PostForm
	values := map[string]string{}
	for _, k := range joinFields {
		values[k] = form.Get(k)
	}
	m, err := s.members.Register(r.Context(), membership.Registration{
		Email:    form.Get("email"),
		Password: form.Get("password"),
		Profile: membership.Profile{
			DisplayName: form.Get("display_name"),
			FullName:    form.Get("full_name"),
			Phone:       form.Get("phone"),
			Address:     membership.Address{PostalCode: form.Get("postal_code"), City: form.Get("city"), Country: form.Get("country")},
			Language:    form.Get("language"),
		},
		Join:     form.Get("join") != "",
		Consents: form["consents"],
	})
	if err != nil {
		s.renderJoin(w, r, httpStatus(err), s.refused(r, "join", err, values), form["consents"])
		return
	}
	s.joinSuggested(r, m) // a new member (a known address gives a zero member)
	// The same page whether the address was new or known: the mail tells
	// its owner which (no user enumeration). A redirect, so that reloading
	// the page does not post the form again.
	http.Redirect(w, r, "/join/sent", http.StatusSeeOther)
}

// joinSent tells a person who signed up to check their inbox.
func (s *Server) joinSent(w http.ResponseWriter, r *http.Request) {
	s.messagePage(w, r, http.StatusOK, s.localize(r, "Check your inbox"), []string{
		s.localize(r, "We sent an email to the address you gave. Open the link it contains to continue."),
		s.localize(r, "No email? Check your spam folder, or ask for a sign-in link."),
	}, "/signin", s.localize(r, "Go to the sign-in page"))
}

// ---- Links from mails ----

// errBadLink is the answer to a link without a token; it reads as the
// service's answer to a used or expired one.
var errBadLink = avenir.Errorf(avenir.CodeInvalid, "This link is not valid, was already used, or has expired.")

func (s *Server) verifyForm(w http.ResponseWriter, r *http.Request) {
	s.tokenForm(w, r, "verify.html", "Confirm your email address")
}

func (s *Server) linkForm(w http.ResponseWriter, r *http.Request) {
	s.tokenForm(w, r, "link.html", "Sign in with your link")
}

// tokenForm shows the page of a link from a mail: one button that posts the
// link's token, which the GET leaves unspent.
func (s *Server) tokenForm(w http.ResponseWriter, r *http.Request, name, title string) {
	token := r.URL.Query().Get("token")
	if token == "" {
		s.pageError(w, r, errBadLink)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, name, map[string]any{"Title": s.localize(r, title), "Token": token})
}

func (s *Server) postVerify(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.members.VerifyEmail(r.Context(), r.PostForm.Get("token")); err != nil {
		s.pageError(w, r, err)
		return
	}
	href, link := "/signin", s.localize(r, "Sign in")
	if !actorOf(r).IsAnonymous() {
		href, link = "/me", s.localize(r, "Go to my account")
	}
	s.messagePage(w, r, http.StatusOK, s.localize(r, "Your address is confirmed"),
		[]string{s.localize(r, "Thank you. You can now sign in.")}, href, link)
}

func (s *Server) postUseLink(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	in, err := s.members.SignInWithLink(r.Context(), r.PostForm.Get("token"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.startSession(w, r, in, "/me")
}

// ---- Signing in and out ----

// signInNotices are the notices the sign-in page shows after ?done=.
var signInNotices = map[string]string{
	"password": "Your password is changed. Please sign in again with the new one.",
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) {
	s.renderSignIn(w, r, http.StatusOK, formState{})
}

func (s *Server) renderSignIn(w http.ResponseWriter, r *http.Request, status int, f formState) {
	var notice string
	if key, ok := signInNotices[r.URL.Query().Get("done")]; ok && f.Error == "" {
		notice = s.localize(r, key)
	}
	s.render(w, r, status, "signin.html", map[string]any{
		"Title":  s.localize(r, "Sign in"),
		"Form":   f,
		"Next":   localPath(r.FormValue("next"), ""),
		"Notice": notice,
	})
}

func (s *Server) postSignIn(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	email := r.PostForm.Get("email")
	in, err := s.members.SignIn(r.Context(), email, r.PostForm.Get("password"), clientAddr(r))
	if err != nil {
		s.renderSignIn(w, r, httpStatus(err), s.refused(r, "password", err, map[string]string{"email": email}))
		return
	}
	s.startSession(w, r, in, localPath(r.PostForm.Get("next"), "/me"))
}

// startSession gives the browser its new session and sends it on. A session
// the browser held before is closed: one browser, one session.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, in membership.SignedIn, next string) {
	if old := tokenOf(r); old != "" {
		if err := s.members.SignOut(r.Context(), old); err != nil {
			s.logError(r, err)
		}
	}
	s.setSession(w, r, in)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) postSignInLink(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	email := r.PostForm.Get("email")
	if err := s.members.RequestSignInLink(r.Context(), email); err != nil {
		s.renderSignIn(w, r, httpStatus(err), s.refused(r, "link", err, map[string]string{"link_email": email}))
		return
	}
	// The same answer for every address (no user enumeration), after a
	// redirect, so that reloading does not ask for another link.
	http.Redirect(w, r, "/signin/link/sent", http.StatusSeeOther)
}

// linkSent tells a person who asked for a sign-in link to check their inbox.
func (s *Server) linkSent(w http.ResponseWriter, r *http.Request) {
	s.messagePage(w, r, http.StatusOK, s.localize(r, "Check your inbox"), []string{
		s.localize(r, "If an account exists for this address, we sent a link to sign in. It works once, for 15 minutes."),
	}, "/signin", s.localize(r, "Back to the sign-in page"))
}

func (s *Server) postSignOut(w http.ResponseWriter, r *http.Request) {
	if err := s.members.SignOut(r.Context(), tokenOf(r)); err != nil {
		s.logError(r, err) // the cookie goes anyway
	}
	s.clearSession(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// ---- My account ----

package web

// "My account" (/me): the profile and its visibility, consents, export,
// password, joining, leaving and erasing.

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// meNotices are the notices /me shows after ?done=.
var meNotices = map[string]string{
	"profile":  "Saved.",
	"consents": "Your choices are saved.",
	"join":     "Your application is recorded: your membership starts when your dues are paid.",
}

// visibilityLabels are the audiences a member offers a profile field to.
var visibilityLabels = []struct{ value, label string }{
	{"private", "Only me and the admins"},
	{"members", "Members of the movement"},
	{"public", "Everyone"},
}

// visibilityValue is the form value of an audience.
func visibilityValue(a avenir.Audience) string {
	if a == membership.Private {
		return "private"
	}
	return a.String()
}

// parseVisibility reads the form value of an audience: "private",
// "members", "public", or any audience's text form (set through the API).
func parseVisibility(v string) (avenir.Audience, error) {
	if v == "private" {
		return membership.Private, nil
	}
	a, err := avenir.ParseAudience(v)
	if err != nil {
		return membership.Private, avenir.FieldError("visibility", "The audience %q is not known.", v)
	}
	return a, nil
}

// visibilityOptions gives, for each profile field with a visibility, the
// choices of its select.
func (s *Server) visibilityOptions(r *http.Request, f formState) map[string][]option {
	out := map[string][]option{}
	for _, field := range membership.Fields {
		current := f.Value("visibility_" + string(field))
		var opts []option
		known := false
		for _, v := range visibilityLabels {
			opts = append(opts, option{Value: v.value, Label: s.localize(r, v.label), Selected: v.value == current})
			known = known || v.value == current
		}
		if !known && current != "" {
			// An audience chosen through the API stays as it is.
			opts = append(opts, option{Value: current, Label: current, Selected: true})
		}
		out[string(field)] = opts
	}
	return out
}

// profileValues are the profile form's values for a profile.
func profileValues(p membership.Profile) map[string]string {
	v := map[string]string{
		"display_name": p.DisplayName, "full_name": p.FullName, "phone": p.Phone,
		"address_line": p.Address.Line, "postal_code": p.Address.PostalCode, "city": p.Address.City,
		"country": p.Address.Country, "language": p.Language,
	}
	if v["country"] == "" {
		v["country"] = "FR"
	}
	for _, f := range membership.Fields {
		v["visibility_"+string(f)] = visibilityValue(p.Visibility.Of(f))
	}
	return v
}

// meMember returns the signed-in member; a visitor is sent to sign in.
// meForm starts a /me form handler: the signed-in member (or a redirect to
// the sign-in page) and the parsed form (or an error page).
func (s *Server) meForm(w http.ResponseWriter, r *http.Request) (membership.Member, bool) {
	m, ok := meMember(w, r)
	if !ok {
		return m, false
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return m, false
	}
	return m, true
}

func meMember(w http.ResponseWriter, r *http.Request) (membership.Member, bool) {
	m, ok := memberOf(r)
	if !ok {
		toSignIn(w, r, "/me")
	}
	return m, ok
}

func (s *Server) mePage(w http.ResponseWriter, r *http.Request) {
	m, ok := meMember(w, r)
	if !ok {
		return
	}
	s.renderMe(w, r, http.StatusOK, m, formState{})
}

// renderMe renders /me; the profile form shows the values of f over the
// member's own.
func (s *Server) renderMe(w http.ResponseWriter, r *http.Request, status int, m membership.Member, f formState) {
	actor := actorOf(r)
	states, err := s.members.Consents(r.Context(), actor, m.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	values := profileValues(m.Profile)
	for k, v := range f.Values {
		values[k] = v
	}
	f.Values = values
	consents := make([]consentRow, len(states))
	for i, c := range states {
		consents[i] = consentRow{Key: c.Purpose.Key, Text: c.Purpose.Text, Required: c.Purpose.Required,
			Checked: c.Given, Locked: c.Purpose.Required && c.Current}
	}
	var notice string
	if key, ok := meNotices[r.URL.Query().Get("done")]; ok && f.Error == "" {
		notice = s.localize(r, key)
	}
	noStore(w)
	s.render(w, r, status, "me.html", map[string]any{
		"Title":      s.localize(r, "My account"),
		"Form":       f,
		"Notice":     notice,
		"Status":     s.statusLabel(r, m.Status),
		"Consents":   consents,
		"Visibility": s.visibilityOptions(r, f),
		"Countries":  s.countryOptions(r, f.Value("country")),
		"CanJoin":    membership.CanTransition(m.Status, avenir.StatusApplicant),
		"CanLeave":   membership.CanTransition(m.Status, avenir.StatusLeft),
		"MinLen":     membership.MinPasswordLen,
		"EraseWord":  s.localize(r, "ERASE"),
	})
}

// profileFields are the text inputs of the profile form.
var profileFields = []string{"display_name", "full_name", "phone", "address_line", "postal_code", "city", "country", "language"}

func (s *Server) postProfile(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meForm(w, r)
	if !ok {
		return
	}
	form := r.PostForm
	values := map[string]string{}
	for _, k := range profileFields {
		values[k] = form.Get(k)
	}
	p := membership.Profile{
		DisplayName: values["display_name"], FullName: values["full_name"], Phone: values["phone"],
		Address: membership.Address{
			Line: values["address_line"], PostalCode: values["postal_code"], City: values["city"], Country: values["country"],
		},
		Language:   values["language"],
		Visibility: membership.Visibility{},
	}
	if strings.TrimSpace(p.Address.PostalCode) == m.Address.PostalCode {
		p.Address.Commune = m.Address.Commune // the form does not show it; a new postal code drops it
	}
	var err error
	for _, field := range membership.Fields {
		name := "visibility_" + string(field)
		a := m.Visibility.Of(field) // a field the form leaves out keeps its audience
		if v := form.Get(name); v != "" {
			values[name] = v
			var verr error
			if a, verr = parseVisibility(v); verr != nil {
				err = cmp.Or(err, verr)
			}
		}
		p.Visibility[field] = a
	}
	if err == nil {
		_, err = s.members.UpdateProfile(r.Context(), actorOf(r), m.ID, p)
	}
	if err != nil {
		s.renderMe(w, r, httpStatus(err), m, s.refused(r, "profile", err, values))
		return
	}
	http.Redirect(w, r, "/me?done=profile", http.StatusSeeOther)
}

// postConsents records the purposes whose box changed. A locked (required
// and given) purpose has a disabled box, which browsers do not send: it is
// left alone.
func (s *Server) postConsents(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meForm(w, r)
	if !ok {
		return
	}
	actor := actorOf(r)
	states, err := s.members.Consents(r.Context(), actor, m.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ticked := r.PostForm["consents"]
	for _, c := range states {
		if c.Purpose.Required && c.Current {
			continue
		}
		given := slices.Contains(ticked, c.Purpose.Key)
		if given == c.Given && (!given || c.Current) {
			continue // unchanged (a consent to an older text is given again to the current one)
		}
		if _, err := s.members.SetConsent(r.Context(), actor, c.Purpose.Key, given, membership.SourceForm); err != nil {
			f := s.refused(r, "consents", err, nil)
			if c.Purpose.Required && !given && avenir.IsCode(err, avenir.CodeConflict) {
				// A required consent cannot be withdrawn: the service says so
				// without a field, but the box unticked is the one at fault.
				f.Field = "consents"
			}
			s.renderMe(w, r, httpStatus(err), m, f)
			return
		}
	}
	http.Redirect(w, r, "/me?done=consents", http.StatusSeeOther)
}

func (s *Server) postJoinAsMember(w http.ResponseWriter, r *http.Request) {
	m, ok := meMember(w, r)
	if !ok {
		return
	}
	if _, err := s.members.Join(r.Context(), actorOf(r)); err != nil {
		s.renderMe(w, r, httpStatus(err), m, s.refused(r, "join", err, nil))
		return
	}
	s.joinSuggested(r, m)
	http.Redirect(w, r, "/me?done=join", http.StatusSeeOther)
}

// getExport sends everything the network holds about the member, every
// part of it, as a JSON attachment (GDPR art. 15 and 20); the export is
// audited.
func (s *Server) getExport(w http.ResponseWriter, r *http.Request) {
	m, ok := meMember(w, r)
	if !ok {
		return
	}
	x, err := s.net.ExportMember(r.Context(), actorOf(r), m.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="my-data.json"`)
	writeJSON(w, http.StatusOK, x)
}

// postPassword changes the password. The service closes every session, this
// one too, so the member signs in again with the new password.
func (s *Server) postPassword(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meForm(w, r)
	if !ok {
		return
	}
	err := s.members.ChangePassword(r.Context(), actorOf(r), r.PostForm.Get("current_password"), r.PostForm.Get("password"))
	if err != nil {
		s.renderMe(w, r, httpStatus(err), m, s.refused(r, "password", err, nil))
		return
	}
	s.clearSession(w, r)
	http.Redirect(w, r, "/signin?done=password&next=%2Fme", http.StatusSeeOther)
}

// postLeave records that the member resigns. The service signs them out
// everywhere; the account stays, to join again, export or erase.
func (s *Server) postLeave(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meForm(w, r)
	if !ok {
		return
	}
	reason := r.PostForm.Get("reason")
	left, err := s.members.Leave(r.Context(), actorOf(r), reason)
	if err != nil {
		s.renderMe(w, r, httpStatus(err), m, s.refused(r, "leave", err, map[string]string{"reason": reason}))
		return
	}
	s.clearSession(w, r)
	r = asVisitor(r)
	s.messagePage(w, r, http.StatusOK, s.localize(r, "You have left the movement"), []string{
		s.localize(r, "Your status is now: %s.", s.statusLabel(r, left.Status)),
		s.localize(r, "You are signed out everywhere. Your account stays: sign in again to join again, download your data or erase your account."),
	}, "/", s.localize(r, "Back to the home page"))
}

// eraseWords are the words that confirm an erasure: ERASE, and its
// translation in every language of the network.
func eraseWords() []string {
	words := []string{"ERASE"}
	for _, tag := range avenir.Languages {
		words = append(words, avenir.Localize(tag, "ERASE"))
	}
	return words
}

// postErase erases the member's personal data everywhere on the network
// (GDPR art. 17), audited, once they typed the confirmation word: a stray
// click must not erase an account.
func (s *Server) postErase(w http.ResponseWriter, r *http.Request) {
	m, ok := s.meForm(w, r)
	if !ok {
		return
	}
	typed := strings.TrimSpace(r.PostForm.Get("confirm"))
	if !slices.ContainsFunc(eraseWords(), func(word string) bool { return strings.EqualFold(word, typed) }) {
		err := avenir.FieldError("confirm", "Type %s to confirm.", s.localize(r, "ERASE"))
		s.renderMe(w, r, httpStatus(err), m, s.refused(r, "erase", err, nil))
		return
	}
	if _, err := s.net.EraseMember(r.Context(), actorOf(r), m.ID); err != nil {
		s.renderMe(w, r, httpStatus(err), m, s.refused(r, "erase", err, nil))
		return
	}
	s.clearSession(w, r)
	r = asVisitor(r)
	s.messagePage(w, r, http.StatusOK, s.localize(r, "Your account is erased"), []string{
		s.localize(r, "Your personal data was removed from the network. Payment amounts and dates stay, as accounting law requires, without your name."),
	}, "/", s.localize(r, "Back to the home page"))
}

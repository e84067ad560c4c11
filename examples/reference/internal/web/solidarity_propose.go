package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/solidarity"
)

// The propose form: kind, category, title, description, place (a commune
// by postal code or INSEE code, online, or abroad with its country and
// town), committee, dates, volunteers or shifts, audience; saved as a
// draft or submitted at once. The same form edits a draft.

// formShifts is the number of empty shift rows the form offers; a draft
// with more (made through the API) shows them all, up to
// solidarity.MaxShifts.
const formShifts = 4

// proposeFields are the inputs of the form, shown again after an error.
var proposeFields = func() []string {
	f := []string{"kind", "category", "title", "description", "where", "postal_code", "commune", "country", "city",
		"committee", "starts_at", "ends_at", "volunteers", "auto_accept", "audience"}
	for i := 1; i <= solidarity.MaxShifts; i++ {
		n := strconv.Itoa(i)
		f = append(f, "shift"+n+"_start", "shift"+n+"_end", "shift"+n+"_capacity")
	}
	return f
}()

// actionAudiences are the choices of the audience select.
var actionAudiences = []struct{ value, label string }{
	{"public", "Everyone"}, {"registered", "Registered people"}, {"members", "Members"}, {"committee", "Members of the committee"},
}

// shiftRow is one shift row of the form.
type shiftRow struct{ N, Start, End, Capacity string }

func (s *Server) proposeForm(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, "/solidarity/new")
		return
	}
	s.renderPropose(w, r, http.StatusOK, "", formState{Values: map[string]string{
		"kind": string(solidarity.Request), "where": "commune", "audience": "public", "volunteers": "1",
	}}, nil)
}

// renderPropose shows the form: a new action's, or the draft's of id
// when id is not empty.
func (s *Server) renderPropose(w http.ResponseWriter, r *http.Request, status int, id string, f formState, choices []geo.Commune) {
	d := s.solidarityData(r, s.localize(r, "Propose an action"))
	d["Target"] = "/solidarity"
	if id != "" {
		d["Title"], d["Target"] = s.localize(r, "Edit the draft"), "/solidarity/"+id+"/edit"
	}
	d["Form"], d["Kinds"], d["Categories"] = f, s.kindOptions(r, f.Value("kind")), s.categoryOptions(r, f.Value("category"))
	d["Countries"] = s.countryOptions(r, f.Value("country"))
	var communes []option
	for _, c := range choices {
		communes = append(communes, option{Value: c.INSEE, Label: c.Name + " (" + c.INSEE + ")", Selected: c.INSEE == f.Value("commune")})
	}
	d["Communes"] = communes
	d["Committees"] = s.proposeCommittees(r, f.Value("committee"))
	var audiences []option
	for _, a := range actionAudiences {
		audiences = append(audiences, option{Value: a.value, Label: s.localize(r, a.label), Selected: f.Value("audience") == a.value})
	}
	d["Audiences"] = audiences
	count := formShifts
	for i := formShifts + 1; i <= solidarity.MaxShifts; i++ {
		if n := strconv.Itoa(i); f.Value("shift"+n+"_start")+f.Value("shift"+n+"_end")+f.Value("shift"+n+"_capacity") != "" {
			count = i
		}
	}
	rows := make([]shiftRow, count)
	for i := range rows {
		n := strconv.Itoa(i + 1)
		rows[i] = shiftRow{N: n, Start: f.Value("shift" + n + "_start"), End: f.Value("shift" + n + "_end"), Capacity: f.Value("shift" + n + "_capacity")}
	}
	d["Shifts"] = rows
	s.render(w, r, status, "solidarity_propose.html", d)
}

// proposeCommittees are the committees a person may file an action under:
// theirs and those they animate; none chosen is the nearest of the place.
func (s *Server) proposeCommittees(r *http.Request, selected string) []option {
	actor := actorOf(r)
	ids := append([]avenir.ID(nil), actor.Committees...)
	for _, g := range actor.Grants {
		if g.Role == avenir.RoleAnimator && g.Scope.Kind == avenir.ScopeCommittee {
			ids = append(ids, g.Scope.ID)
		}
	}
	var out []option
	if len(ids) == 0 {
		return out
	}
	cs, err := s.committees.Committees(r.Context(), ids)
	if err != nil {
		s.logError(r, err)
	}
	for _, c := range cs {
		if c.Active() {
			out = append(out, option{Value: c.ID.String(), Label: c.Name, Selected: c.ID.String() == selected})
		}
	}
	return out
}

func (s *Server) postPropose(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/solidarity/new")
		return
	}
	if err := readForm(w, r); err != nil {
		s.renderPropose(w, r, httpStatus(err), "", s.refused(r, "propose", err, map[string]string{}), nil)
		return
	}
	s.saveDraft(w, r, "", "proposed", func(d solidarity.Draft) (solidarity.Action, error) {
		return s.solidarity.Propose(ctx, actor, d)
	})
}

// saveDraft reads the form, saves it with save, submits it when asked
// and goes to the action's page; on an error it shows the form again.
func (s *Server) saveDraft(w http.ResponseWriter, r *http.Request, id, done string, save func(solidarity.Draft) (solidarity.Action, error)) {
	ctx, actor := r.Context(), actorOf(r)
	d, choices, err := s.actionDraft(r.PostForm)
	var a solidarity.Action
	if err == nil {
		a, err = save(d)
	}
	if err != nil {
		s.renderPropose(w, r, httpStatus(err), id, s.refused(r, "propose", err, memberFormValues(r, proposeFields...)), choices)
		return
	}
	if r.PostForm.Get("submit") == "1" {
		if a, err = s.solidarity.Submit(ctx, actor, a.ID); err != nil {
			s.showAction(w, r, a.ID, httpStatus(err), s.refused(r, "workflow", err, nil))
			return
		}
		done = submitted(a)
	}
	http.Redirect(w, r, "/solidarity/"+a.ID.String()+"?done="+done, http.StatusSeeOther)
}

// draftOf reads the action of the path for its author, while it is a
// draft; it answers itself (sign-in, 404) and returns false otherwise.
func (s *Server) draftOf(w http.ResponseWriter, r *http.Request) (solidarity.Action, bool) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return solidarity.Action{}, false
	}
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/solidarity/"+id.String())
		return solidarity.Action{}, false
	}
	a, err := s.solidarity.Action(r.Context(), actor, id)
	if err == nil && (a.Author != actor.ID || a.Status != solidarity.StatusDraft) {
		err = avenir.ErrNotFound // the form is the author's, for a draft
	}
	if err != nil {
		s.pageError(w, r, err)
		return solidarity.Action{}, false
	}
	return a, true
}

func (s *Server) editForm(w http.ResponseWriter, r *http.Request) {
	if a, ok := s.draftOf(w, r); ok {
		s.renderPropose(w, r, http.StatusOK, a.ID.String(), formState{Values: s.draftValues(a)}, nil)
	}
}

func (s *Server) postEditAction(w http.ResponseWriter, r *http.Request) {
	a, ok := s.draftOf(w, r)
	if !ok {
		return
	}
	if err := readForm(w, r); err != nil {
		s.renderPropose(w, r, httpStatus(err), a.ID.String(), s.refused(r, "propose", err, s.draftValues(a)), nil)
		return
	}
	s.saveDraft(w, r, a.ID.String(), "edited", func(d solidarity.Draft) (solidarity.Action, error) {
		return s.solidarity.Edit(r.Context(), actorOf(r), a.ID, d)
	})
}

// draftValues fills the form from an action.
func (s *Server) draftValues(a solidarity.Action) map[string]string {
	loc := s.location()
	moment := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format("2006-01-02T15:04")
	}
	v := map[string]string{"kind": string(a.Kind), "category": a.Category, "title": a.Title, "description": a.Description,
		"where": "commune", "commune": a.Place.Commune, "starts_at": moment(a.StartsAt), "ends_at": moment(a.EndsAt),
		"volunteers": strconv.Itoa(a.Volunteers), "audience": string(a.Audience.Kind)}
	switch {
	case a.Place.Online:
		v["where"] = "online"
	case a.Place.Country != "":
		v["where"], v["country"], v["city"] = "abroad", a.Place.Country, a.Place.City
	}
	if !a.Committee.IsZero() {
		v["committee"] = a.Committee.String()
	}
	if a.AutoAccept {
		v["auto_accept"] = "1"
	}
	for i, sh := range a.Shifts {
		n := strconv.Itoa(i + 1)
		v["shift"+n+"_start"], v["shift"+n+"_end"], v["shift"+n+"_capacity"] = moment(sh.StartsAt), moment(sh.EndsAt), strconv.Itoa(sh.Capacity)
	}
	return v
}

// actionDraft reads the propose form. A postal code of several communes
// is an error on the commune, with the communes to choose from.
func (s *Server) actionDraft(form url.Values) (solidarity.Draft, []geo.Commune, error) {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	d := solidarity.Draft{Kind: solidarity.Kind(get("kind")), Category: get("category"), Title: form.Get("title"),
		Description: form.Get("description"), AutoAccept: form.Get("auto_accept") == "1"}
	var choices []geo.Commune
	switch get("where") {
	case "online":
		d.Place.Online = true
	case "abroad":
		d.Place.Country, d.Place.City = get("country"), get("city")
	default:
		d.Place.Commune = get("commune")
		if d.Place.Commune == "" && get("postal_code") != "" {
			communes, err := geo.CommunesByPostalCode(get("postal_code"))
			switch {
			case err != nil:
				return d, nil, err
			case len(communes) > 1:
				return d, communes, avenir.FieldError("place.commune", "Several communes have the postal code %s: choose yours.", get("postal_code"))
			}
			d.Place.Commune = communes[0].INSEE
		}
	}
	if c := get("committee"); c != "" {
		id, err := avenir.ParseID(c)
		if err != nil {
			return d, choices, avenir.FieldError("committee", "This committee does not exist.")
		}
		d.Committee = id
	}
	var err error
	if d.StartsAt, err = s.parseMoment("starts_at", get("starts_at")); err != nil {
		return d, choices, err
	}
	if d.EndsAt, err = s.parseMoment("ends_at", get("ends_at")); err != nil {
		return d, choices, err
	}
	if d.Volunteers, err = formCount(get("volunteers")); err != nil {
		return d, choices, avenir.FieldError("volunteers", "The number of volunteers must be between 0 (as many as come) and %d.", solidarity.MaxVolunteers)
	}
	for i := 1; i <= solidarity.MaxShifts; i++ {
		n := strconv.Itoa(i)
		start, end, capacity := get("shift"+n+"_start"), get("shift"+n+"_end"), get("shift"+n+"_capacity")
		if start == "" && end == "" && capacity == "" {
			continue
		}
		var sd solidarity.ShiftDraft
		if sd.StartsAt, err = s.parseMoment("shifts", start); err == nil {
			sd.EndsAt, err = s.parseMoment("shifts", end)
		}
		if err != nil {
			return d, choices, err
		}
		if sd.Capacity, err = formCount(capacity); err != nil {
			return d, choices, avenir.FieldError("shifts", "The number of volunteers must be between 0 (as many as come) and %d.", solidarity.MaxVolunteers)
		}
		d.Shifts = append(d.Shifts, sd)
	}
	aud, err := actionAudience(get("audience"), d.Committee)
	d.Audience = &aud
	return d, choices, err
}

// actionAudience reads the audience select; the committee audience is the
// chosen committee's.
func actionAudience(v string, c avenir.ID) (avenir.Audience, error) {
	switch v {
	case "", "public":
		return avenir.Public, nil
	case "registered":
		return avenir.Registered, nil
	case "members":
		return avenir.Members, nil
	case "committee":
		if c.IsZero() {
			return avenir.Public, avenir.FieldError("audience", "Choose the committee whose members may see the action.")
		}
		return avenir.CommitteeAudience(c), nil
	}
	return avenir.Public, avenir.FieldError("audience", "The audience %q is not known.", v)
}

// parseMoment reads a date and time typed in a datetime-local input
// ("2026-03-10T18:30") or by hand ("2026-03-10 18:30"), or a day alone,
// in the network's time zone; empty is the zero time.
func (s *Server) parseMoment(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, v, s.location()); err == nil {
			return t, nil
		}
	}
	return time.Time{}, avenir.FieldError(field, "The date %q is not valid (expected YYYY-MM-DD HH:MM).", v)
}

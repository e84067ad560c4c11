package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/membership"
)

// The committee pages: the directory (by region and department, and abroad
// by country), "find my committee", a committee's page and calendar feed,
// the events (list, page with RSVP and .ics), and the animators' pages to
// create and edit events and see registrations and check people in.
func (s *Server) mountCommittees(mux *http.ServeMux) {
	mux.HandleFunc("GET /committees", s.committeeDirectory)
	mux.HandleFunc("GET /committees/find", s.findCommittee)
	mux.HandleFunc("GET /committees/{slug}", s.committeePage)
	mux.HandleFunc("GET /committees/{slug}/events.ics", s.committeeFeed)
	mux.HandleFunc("POST /committees/{slug}/follow", s.postFollow)
	mux.HandleFunc("GET /committees/{slug}/events/new", s.newEventForm)
	mux.HandleFunc("POST /committees/{slug}/events", s.postNewEvent)

	mux.HandleFunc("GET /events", s.eventList)
	mux.HandleFunc("GET /events/{id}", s.eventPage)
	mux.HandleFunc("GET /events/{id}/event.ics", s.eventICS)
	mux.HandleFunc("POST /events/{id}/rsvp", s.postRSVP)
	mux.HandleFunc("GET /events/{id}/edit", s.editEventForm)
	mux.HandleFunc("POST /events/{id}/edit", s.postEditEvent)
	mux.HandleFunc("POST /events/{id}/cancel", s.postCancelEvent)
	mux.HandleFunc("GET /events/{id}/registrations", s.registrationsPage)
	mux.HandleFunc("POST /events/{id}/checkin", s.postCheckIn)
}

// joinSuggested gives a new member (an applicant) the committee their
// address suggests. A member without a place that any committee covers,
// or who already has one, is left as they are: they choose later.
func (s *Server) joinSuggested(r *http.Request, m membership.Member) {
	if m.ID.IsZero() || m.Status != avenir.StatusApplicant {
		return
	}
	found, err := s.committees.Suggest(r.Context(), m.Address)
	if err != nil {
		return // no usable address
	}
	nearest, ok := found.Nearest()
	if !ok {
		return
	}
	if _, err := s.committees.Join(r.Context(), avenir.Actor{ID: m.ID, Status: m.Status}, nearest.ID); err != nil &&
		avenir.ErrorCode(err) == avenir.CodeInternal {
		s.logError(r, err)
	}
}

// ---- The directory and "find my committee" ----

// regionGroup is a region with its federations, each with the committees
// below it.
type regionGroup struct {
	Region      geo.Region
	Federations []federationGroup
}

type federationGroup struct {
	Committee   committee.Committee
	Departments []geo.Department
	Locals      []committee.Committee
}

type abroadRow struct {
	Committee committee.Committee
	Countries []string
}

func (s *Server) committeeDirectory(w http.ResponseWriter, r *http.Request) {
	all, err := s.committees.All(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	lang := s.lang(r)
	var (
		national committee.Committee
		abroad   []abroadRow
		regions  []regionGroup
		feds     = map[avenir.ID]*federationGroup{}
		fedOrder []avenir.ID
	)
	for _, c := range all {
		switch c.Kind {
		case committee.National:
			national = c
		case committee.Federation:
			g := &federationGroup{Committee: c}
			for _, code := range c.Territory.Departments {
				if d, err := geo.DepartmentByCode(code); err == nil {
					g.Departments = append(g.Departments, d)
				}
			}
			feds[c.ID] = g
			fedOrder = append(fedOrder, c.ID)
		case committee.Abroad:
			row := abroadRow{Committee: c}
			for _, code := range c.Territory.Countries {
				row.Countries = append(row.Countries, countryName(code, lang))
			}
			abroad = append(abroad, row)
		}
	}
	// Local committees under their federation (a district under its town
	// is listed with the town's federation).
	parent := map[avenir.ID]avenir.ID{}
	for _, c := range all {
		parent[c.ID] = c.Parent
	}
	for _, c := range all {
		if c.Kind != committee.Local {
			continue
		}
		p := c.Parent
		for p != (avenir.ID{}) && feds[p] == nil {
			p = parent[p]
		}
		if g := feds[p]; g != nil {
			g.Locals = append(g.Locals, c)
		}
	}
	byRegion := map[string]*regionGroup{}
	for _, id := range fedOrder {
		g := feds[id]
		code := ""
		if len(g.Departments) > 0 {
			code = g.Departments[0].Region.Code
		}
		rg, ok := byRegion[code]
		if !ok {
			reg, _ := geo.RegionByCode(code)
			rg = &regionGroup{Region: reg}
			byRegion[code] = rg
		}
		rg.Federations = append(rg.Federations, *g)
	}
	col := collate.New(language.French)
	for _, rg := range byRegion {
		slices.SortFunc(rg.Federations, func(a, b federationGroup) int {
			return strings.Compare(firstCode(a.Departments), firstCode(b.Departments))
		})
		regions = append(regions, *rg)
	}
	slices.SortFunc(regions, func(a, b regionGroup) int { return col.CompareString(a.Region.Name, b.Region.Name) })
	s.render(w, r, http.StatusOK, "committees.html", map[string]any{
		"Title":    s.localize(r, "Committees"),
		"National": national,
		"Regions":  regions,
		"Abroad":   abroad,
		"Form":     formState{Values: map[string]string{}},
	})
}

func firstCode(ds []geo.Department) string {
	if len(ds) == 0 {
		return ""
	}
	return ds[0].Code
}

// countryName is a country's name in the reader's language.
func countryName(code string, lang language.Tag) string {
	c, err := geo.CountryByCode(code)
	if err != nil {
		return code
	}
	if base, _ := lang.Base(); base.String() == "en" {
		return c.NameEN
	}
	return c.NameFR
}

// choiceRow is a commune to pick, with the address that finds its committees.
type choiceRow struct {
	committee.Choice
	Href string
}

func (s *Server) findCommittee(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	place := committee.Place{PostalCode: q.Get("postal_code"), Commune: q.Get("commune"), Country: q.Get("country")}
	values := map[string]string{"postal_code": place.PostalCode, "country": place.Country}
	data := map[string]any{"Title": s.localize(r, "Find my committee"), "Form": formState{Values: values},
		"Countries": s.countryOptions(r, place.Country)}
	status := http.StatusOK
	found, err := s.committees.Find(r.Context(), place)
	if err != nil {
		status = httpStatus(err)
		data["Form"] = s.refused(r, "find", err, values)
	} else {
		data["Found"] = found
		var choices []choiceRow
		for _, c := range found.Choices {
			v := url.Values{"postal_code": {place.PostalCode}, "commune": {c.Commune.INSEE}}
			choices = append(choices, choiceRow{Choice: c, Href: "/committees/find?" + v.Encode()})
		}
		data["Choices"] = choices
		if found.Country != nil {
			data["CountryName"] = countryName(found.Country.Code, s.lang(r))
		}
	}
	s.render(w, r, status, "committee_find.html", data)
}

// ---- A committee's page ----

func (s *Server) committeeBySlug(w http.ResponseWriter, r *http.Request) (committee.Committee, bool) {
	c, err := s.committees.BySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.pageError(w, r, err)
		return committee.Committee{}, false
	}
	return c, true
}

func (s *Server) committeePage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.committeeBySlug(w, r)
	if !ok {
		return
	}
	if !c.Active() && !c.MergedInto.IsZero() {
		if into, err := s.committees.Committee(r.Context(), c.MergedInto); err == nil {
			http.Redirect(w, r, "/committees/"+into.Slug, http.StatusMovedPermanently)
			return
		}
	}
	ctx, actor := r.Context(), actorOf(r)
	data := map[string]any{"Title": c.Name, "Committee": c}
	up, err := s.committees.Ancestors(ctx, c.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	slices.Reverse(up)
	data["Ancestors"] = up
	if data["Children"], err = s.committees.Children(ctx, c.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	if data["Animators"], err = s.committees.Animators(ctx, c.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	events, err := s.committees.Events(ctx, actor, committee.EventFilter{Committee: c.ID}, avenir.PageRequest{Limit: 20})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	data["Events"] = events.Items
	// Members-only parts: the counts for members, the list for those who
	// may see it, the tools for animators.
	if counts, err := s.committees.Counts(ctx, actor); err == nil {
		data["Count"] = counts[c.ID]
		data["ShowCount"] = true
	}
	data["Animator"] = actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(c.ID))
	data["Mine"] = actor.BelongsTo(c.ID)
	if !actor.IsAnonymous() {
		if following, err := s.committees.Following(ctx, actor); err == nil {
			data["Following"] = slices.ContainsFunc(following, func(f committee.Committee) bool { return f.ID == c.ID })
		}
		if data["Animator"] == true || (c.MembersVisible && actor.BelongsTo(c.ID)) {
			if page, err := s.committees.Members(ctx, actor, c.ID, avenir.PageRequest{Limit: 100}); err == nil {
				noStore(w)
				data["Members"] = page.Items
			}
		}
	}
	if c.Kind == committee.Abroad {
		var names []string
		for _, code := range c.Territory.Countries {
			names = append(names, countryName(code, s.lang(r)))
		}
		data["Countries"] = names
	}
	for _, code := range c.Territory.Departments {
		if d, err := geo.DepartmentByCode(code); err == nil {
			data["Departments"] = append(asDepartments(data["Departments"]), d)
		}
	}
	var communes []geo.Commune
	for _, code := range c.Territory.Communes {
		if cm, err := geo.CommuneByINSEE(code); err == nil {
			communes = append(communes, cm)
		}
	}
	data["Communes"] = communes
	data["Done"] = r.URL.Query().Get("done")
	s.render(w, r, http.StatusOK, "committee.html", data)
}

func asDepartments(v any) []geo.Department {
	d, _ := v.([]geo.Department)
	return d
}

func (s *Server) committeeFeed(w http.ResponseWriter, r *http.Request) {
	c, ok := s.committeeBySlug(w, r)
	if !ok {
		return
	}
	b, err := s.committees.Feed(r.Context(), c.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	writeCalendar(w, c.Slug+".ics", b)
}

// writeCalendar sends an iCalendar file.
func writeCalendar(w http.ResponseWriter, name string, b []byte) {
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b)
}

func (s *Server) postFollow(w http.ResponseWriter, r *http.Request) {
	c, ok := s.committeeBySlug(w, r)
	if !ok {
		return
	}
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/committees/"+c.Slug)
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	var err error
	if r.PostForm.Get("follow") == "0" {
		err = s.committees.Unfollow(r.Context(), actor, c.ID)
	} else {
		err = s.committees.Follow(r.Context(), actor, c.ID)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/committees/"+c.Slug, http.StatusSeeOther)
}

// ---- Events ----

func (s *Server) eventList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := committee.EventFilter{Department: q.Get("department")}
	data := map[string]any{"Title": s.localize(r, "Events"), "Department": f.Department, "CommitteeSlug": q.Get("committee")}
	if slug := q.Get("committee"); slug != "" {
		c, err := s.committees.BySlug(r.Context(), slug)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f.Committee = c.ID
		data["Committee"] = c
	}
	status := http.StatusOK
	page, err := s.committees.Events(r.Context(), actorOf(r), f, avenir.PageRequest{After: q.Get("after")})
	if err != nil {
		status = httpStatus(err)
		data["Form"] = s.refused(r, "events", err, map[string]string{"department": f.Department})
	} else {
		data["Form"] = formState{}
	}
	data["Events"] = page.Items
	if page.Next != "" {
		q.Set("after", page.Next)
		data["Next"] = "/events?" + q.Encode()
	}
	s.render(w, r, status, "events.html", data)
}

func (s *Server) eventByID(w http.ResponseWriter, r *http.Request) (committee.Event, bool) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return committee.Event{}, false
	}
	e, err := s.committees.Event(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return committee.Event{}, false
	}
	return e, true
}

// eventView is an event with what its page shows around it.
type eventView struct {
	committee.Event
	Organiser    committee.Committee
	CoOrganisers []committee.Committee
	Place        string
	When         string
}

func (s *Server) viewEvent(ctx context.Context, e committee.Event) eventView {
	v := eventView{Event: e}
	if list, err := s.committees.Committees(ctx, e.Organisers()); err == nil {
		for _, c := range list {
			if c.ID == e.Committee {
				v.Organiser = c
			} else {
				v.CoOrganisers = append(v.CoOrganisers, c)
			}
		}
	}
	if e.Venue.Commune != "" {
		if c, err := geo.CommuneByINSEE(e.Venue.Commune); err == nil {
			v.Place = e.Venue.Address + ", " + c.Name
		}
	}
	loc := e.Location()
	v.When = e.StartsAt.In(loc).Format("02/01/2006 15:04") + " – " + e.EndsAt.In(loc).Format("02/01/2006 15:04") + " (" + e.TimeZone + ")"
	return v
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	e, ok := s.eventByID(w, r)
	if !ok {
		return
	}
	s.renderEvent(w, r, http.StatusOK, e, formState{})
}

func (s *Server) renderEvent(w http.ResponseWriter, r *http.Request, status int, e committee.Event, f formState) {
	ctx, actor := r.Context(), actorOf(r)
	data := map[string]any{"Title": e.Title, "Event": s.viewEvent(ctx, e), "Form": f, "Done": r.URL.Query().Get("done")}
	if !actor.IsAnonymous() {
		noStore(w)
		if mine, err := s.committees.MyRSVP(ctx, actor, e.ID); err == nil {
			data["Mine"] = mine
		}
	}
	if counts, err := s.committees.Participation(ctx, actor, e.ID); err == nil {
		data["Participation"] = counts
	}
	data["Manage"] = slices.ContainsFunc(e.Organisers(), func(c avenir.ID) bool {
		return actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(c))
	})
	data["Edit"] = actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(e.Committee))
	data["Open"] = !e.Cancelled() && !e.Over(s.opts.Clock.Now())
	s.render(w, r, status, "event.html", data)
}

func (s *Server) eventICS(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	b, err := s.committees.ICS(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !actorOf(r).IsAnonymous() {
		noStore(w)
	}
	writeCalendar(w, "event-"+id.String()+".ics", b)
}

func (s *Server) postRSVP(w http.ResponseWriter, r *http.Request) {
	e, ok := s.eventByID(w, r)
	if !ok {
		return
	}
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/events/"+e.ID.String())
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.committees.RSVP(r.Context(), actor, e.ID, committee.Response(r.PostForm.Get("response"))); err != nil {
		s.renderEvent(w, r, httpStatus(err), e, s.refused(r, "rsvp", err, nil))
		return
	}
	http.Redirect(w, r, "/events/"+e.ID.String()+"?done=rsvp", http.StatusSeeOther)
}

// ---- The animators' pages ----

// eventFields are the inputs of the event form.
var eventFields = []string{"kind", "title", "description", "date", "start", "end_date", "end", "time_zone", "address", "commune",
	"online_url", "audience", "capacity", "co_organisers"}

// eventDraft reads the event form. Dates and times are read in the event's
// time zone.
func eventDraft(form url.Values, organiser avenir.ID) (committee.EventDraft, error) {
	d := committee.EventDraft{
		Kind: committee.EventKind(form.Get("kind")), Committee: organiser, Title: form.Get("title"),
		Description: form.Get("description"), TimeZone: form.Get("time_zone"),
		Venue:     committee.Venue{Address: form.Get("address"), Commune: form.Get("commune")},
		OnlineURL: form.Get("online_url"),
	}
	if d.TimeZone == "" {
		d.TimeZone = committee.DefaultEventZone
	}
	loc, err := time.LoadLocation(d.TimeZone)
	if err != nil {
		return d, avenir.FieldError("time_zone", "The time zone %q is not known.", d.TimeZone)
	}
	start, err := time.ParseInLocation("2006-01-02 15:04", form.Get("date")+" "+form.Get("start"), loc)
	if err != nil {
		return d, avenir.FieldError("starts_at", "Give the start as a date and a time.")
	}
	endDate := form.Get("end_date")
	if endDate == "" {
		endDate = form.Get("date")
	}
	end, err := time.ParseInLocation("2006-01-02 15:04", endDate+" "+form.Get("end"), loc)
	if err != nil {
		return d, avenir.FieldError("ends_at", "Give the end as a date and a time.")
	}
	d.StartsAt, d.EndsAt = start, end
	if c := strings.TrimSpace(form.Get("capacity")); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil {
			return d, avenir.FieldError("capacity", "The capacity must be between 0 (unlimited) and %d.", committee.MaxCapacity)
		}
		d.Capacity = n
	}
	switch form.Get("audience") {
	case "", "public":
		d.Audience = avenir.Public
	case "registered":
		d.Audience = avenir.Registered
	case "members":
		d.Audience = avenir.Members
	case "committee":
		d.Audience = avenir.Audience{Kind: avenir.AudienceCommittee, Scope: organiser}
	default:
		return d, avenir.FieldError("audience", "The audience %q is not known.", form.Get("audience"))
	}
	for _, v := range form["co_organisers"] {
		if v == "" {
			continue
		}
		id, err := avenir.ParseID(v)
		if err != nil {
			return d, avenir.FieldError("co_organisers", "An organising committee does not exist or is archived.")
		}
		d.CoOrganisers = append(d.CoOrganisers, id)
	}
	return d, nil
}

// eventFormValues fills the form from an event.
func eventFormValues(e committee.Event) map[string]string {
	loc := e.Location()
	v := map[string]string{
		"kind": string(e.Kind), "title": e.Title, "description": e.Description,
		"date": e.StartsAt.In(loc).Format("2006-01-02"), "start": e.StartsAt.In(loc).Format("15:04"),
		"end_date": e.EndsAt.In(loc).Format("2006-01-02"), "end": e.EndsAt.In(loc).Format("15:04"),
		"time_zone": e.TimeZone, "address": e.Venue.Address, "commune": e.Venue.Commune, "online_url": e.OnlineURL,
		"audience": string(e.Audience.Kind), "capacity": strconv.Itoa(e.Capacity),
	}
	return v
}

func (s *Server) animatorOf(w http.ResponseWriter, r *http.Request, c avenir.ID, back string) bool {
	actor := actorOf(r)
	switch {
	case actor.IsAnonymous():
		toSignIn(w, r, back)
		return false
	case !actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(c)):
		s.pageError(w, r, avenir.ErrNotFound)
		return false
	}
	noStore(w)
	return true
}

func (s *Server) renderEventForm(w http.ResponseWriter, r *http.Request, status int, c committee.Committee, e *committee.Event, f formState) {
	kinds := make([]option, len(committee.EventKinds))
	for i, k := range committee.EventKinds {
		kinds[i] = option{Value: string(k), Label: s.localize(r, eventKindLabels[k]), Selected: f.Value("kind") == string(k)}
	}
	audiences := []option{}
	for _, a := range []struct{ v, l string }{{"public", "Everyone"}, {"registered", "Registered people"}, {"members", "Members"}, {"committee", "Members of the organising committee"}} {
		audiences = append(audiences, option{Value: a.v, Label: s.localize(r, a.l), Selected: f.Value("audience") == a.v})
	}
	data := map[string]any{"Committee": c, "Form": f, "Kinds": kinds, "Audiences": audiences}
	if e != nil {
		data["Title"] = s.localize(r, "Edit the event")
		data["Event"] = *e
		data["Action"] = "/events/" + e.ID.String() + "/edit"
	} else {
		data["Title"] = s.localize(r, "New event")
		data["Action"] = "/committees/" + c.Slug + "/events"
	}
	if children, err := s.committees.Subtree(r.Context(), c.ID); err == nil {
		var co []option
		for _, ch := range children[min(1, len(children)):] {
			co = append(co, option{Value: ch.ID.String(), Label: ch.Name, Selected: slices.Contains(strings.Split(f.Value("co_organisers"), " "), ch.ID.String())})
		}
		data["CoOrganisers"] = co
	}
	s.render(w, r, status, "event_form.html", data)
}

func (s *Server) newEventForm(w http.ResponseWriter, r *http.Request) {
	c, ok := s.committeeBySlug(w, r)
	if !ok || !s.animatorOf(w, r, c.ID, r.URL.Path) {
		return
	}
	s.renderEventForm(w, r, http.StatusOK, c, nil, formState{Values: map[string]string{
		"kind": string(committee.Meeting), "time_zone": committee.DefaultEventZone, "audience": "public", "capacity": "0",
	}})
}

func formValues(form url.Values) map[string]string {
	v := map[string]string{}
	for _, k := range eventFields {
		v[k] = strings.Join(form[k], " ")
	}
	return v
}

func (s *Server) postNewEvent(w http.ResponseWriter, r *http.Request) {
	c, ok := s.committeeBySlug(w, r)
	if !ok || !s.animatorOf(w, r, c.ID, "/committees/"+c.Slug) {
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := eventDraft(r.PostForm, c.ID)
	var e committee.Event
	if err == nil {
		e, err = s.committees.CreateEvent(r.Context(), actorOf(r), d)
	}
	if err != nil {
		s.renderEventForm(w, r, httpStatus(err), c, nil, s.refused(r, "event", err, formValues(r.PostForm)))
		return
	}
	http.Redirect(w, r, "/events/"+e.ID.String()+"?done=created", http.StatusSeeOther)
}

func (s *Server) editEventForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.eventByID(w, r)
	if !ok || !s.animatorOf(w, r, e.Committee, r.URL.Path) {
		return
	}
	c, err := s.committees.Committee(r.Context(), e.Committee)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	values := eventFormValues(e)
	var co []string
	for _, id := range e.CoOrganisers {
		co = append(co, id.String())
	}
	values["co_organisers"] = strings.Join(co, " ")
	s.renderEventForm(w, r, http.StatusOK, c, &e, formState{Values: values})
}

func (s *Server) postEditEvent(w http.ResponseWriter, r *http.Request) {
	e, ok := s.eventByID(w, r)
	if !ok || !s.animatorOf(w, r, e.Committee, "/events/"+e.ID.String()) {
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := eventDraft(r.PostForm, e.Committee)
	if err == nil {
		_, err = s.committees.UpdateEvent(r.Context(), actorOf(r), e.ID, d)
	}
	if err != nil {
		c, _ := s.committees.Committee(r.Context(), e.Committee)
		s.renderEventForm(w, r, httpStatus(err), c, &e, s.refused(r, "event", err, formValues(r.PostForm)))
		return
	}
	http.Redirect(w, r, "/events/"+e.ID.String()+"?done=updated", http.StatusSeeOther)
}

func (s *Server) postCancelEvent(w http.ResponseWriter, r *http.Request) {
	e, ok := s.eventByID(w, r)
	if !ok || !s.animatorOf(w, r, e.Committee, "/events/"+e.ID.String()) {
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.committees.CancelEvent(r.Context(), actorOf(r), e.ID, r.PostForm.Get("reason")); err != nil {
		s.renderEvent(w, r, httpStatus(err), e, s.refused(r, "cancel", err, nil))
		return
	}
	http.Redirect(w, r, "/events/"+e.ID.String()+"?done=cancelled", http.StatusSeeOther)
}

// registrationRow is one line of the registrations page.
type registrationRow struct {
	committee.Registration
	StatusLabel string
}

func (s *Server) registrationsPage(w http.ResponseWriter, r *http.Request) {
	e, ok := s.eventByID(w, r)
	if !ok {
		return
	}
	s.renderRegistrations(w, r, http.StatusOK, e, formState{})
}

func (s *Server) renderRegistrations(w http.ResponseWriter, r *http.Request, status int, e committee.Event, f formState) {
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/events/"+e.ID.String()+"/registrations")
		return
	}
	q := r.URL.Query()
	page, sum, err := s.committees.Registrations(r.Context(), actor, e.ID, nil, avenir.PageRequest{After: q.Get("after")})
	if err != nil {
		if avenir.ErrorCode(err) == avenir.CodeForbidden {
			err = avenir.ErrNotFound // the page exists for the organisers only
		}
		s.pageError(w, r, err)
		return
	}
	noStore(w)
	rows := make([]registrationRow, len(page.Items))
	for i, reg := range page.Items {
		rows[i] = registrationRow{Registration: reg, StatusLabel: s.localize(r, rsvpLabels[reg.Status])}
	}
	data := map[string]any{"Title": s.localize(r, "Registrations"), "Event": s.viewEvent(r.Context(), e), "Rows": rows,
		"Sum": sum, "Form": f}
	if page.Next != "" {
		q.Set("after", page.Next)
		data["Next"] = r.URL.Path + "?" + q.Encode()
	}
	s.render(w, r, status, "registrations.html", data)
}

func (s *Server) postCheckIn(w http.ResponseWriter, r *http.Request) {
	e, ok := s.eventByID(w, r)
	if !ok {
		return
	}
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, "/events/"+e.ID.String()+"/registrations")
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	member, err := avenir.ParseID(r.PostForm.Get("member"))
	if err == nil {
		_, err = s.committees.CheckIn(r.Context(), actorOf(r), e.ID, member, r.PostForm.Get("present") != "0")
	}
	if err != nil {
		if avenir.ErrorCode(err) == avenir.CodeForbidden {
			s.pageError(w, r, avenir.ErrNotFound)
			return
		}
		s.renderRegistrations(w, r, httpStatus(err), e, s.refused(r, "checkin", err, nil))
		return
	}
	http.Redirect(w, r, "/events/"+e.ID.String()+"/registrations", http.StatusSeeOther)
}

// Labels, for people.
var (
	eventKindLabels = map[committee.EventKind]string{
		committee.Meeting: "Meeting", committee.Canvassing: "Canvassing", committee.MarketStall: "Market stall",
		committee.Training: "Training", committee.Festival: "Festival", committee.Online: "Online",
	}
	rsvpLabels = map[committee.RSVPStatus]string{
		committee.StatusGoing: "Going", committee.StatusWaitlisted: "Waitlisted", committee.StatusMaybe: "Maybe",
		committee.StatusDeclined: "Not going",
	}
	committeeKindLabels = map[committee.Kind]string{
		committee.National: "National committee", committee.Federation: "Federation", committee.Local: "Local committee",
		committee.Abroad: "Committee abroad",
	}
)

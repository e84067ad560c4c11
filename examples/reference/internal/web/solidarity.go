package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
)

// The pages of "la Fraternité en action": the public list with its filters
// and "near me", an action's page (its volunteers, its workflow, its
// comments and, for the people entitled to them only, the contacts), the
// propose and edit forms, my actions, the validation queue and the impact
// page. What a reader may not read is the 404 page.
func (s *Server) mountSolidarity(mux *http.ServeMux) {
	mux.HandleFunc("GET /solidarity", s.solidarityList)
	mux.HandleFunc("GET /solidarity/new", s.proposeForm)
	mux.HandleFunc("POST /solidarity", s.postPropose)
	mux.HandleFunc("GET /solidarity/mine", s.myActions)
	mux.HandleFunc("GET /solidarity/queue", s.validationQueue)
	mux.HandleFunc("GET /solidarity/impact", s.impactPage)
	mux.HandleFunc("GET /solidarity/impact.csv", s.impactCSV(s.pageError))
	mux.HandleFunc("GET /solidarity/{id}", s.actionPage)
	mux.HandleFunc("POST /solidarity/{id}/submit", s.postStep("workflow", submitted, s.solidarity.Submit))
	mux.HandleFunc("POST /solidarity/{id}/validate", s.postStep("validate", always("published"), s.solidarity.Validate))
	mux.HandleFunc("POST /solidarity/{id}/revise", s.postStep("workflow", always("revised"), s.solidarity.Revise))
	mux.HandleFunc("POST /solidarity/{id}/start", s.postStep("workflow", always("started"), s.solidarity.Start))
	mux.HandleFunc("POST /solidarity/{id}/reject", s.postReasoned("reject", "rejected", s.solidarity.Reject))
	mux.HandleFunc("POST /solidarity/{id}/cancel", s.postReasoned("cancel", "cancelled", s.solidarity.Cancel))
	mux.HandleFunc("POST /solidarity/{id}/complete", s.postComplete)
	mux.HandleFunc("POST /solidarity/{id}/volunteer", s.postVolunteer)
	mux.HandleFunc("POST /solidarity/{id}/withdraw", s.postWithdraw)
	mux.HandleFunc("POST /solidarity/{id}/helpers", s.postHelper)
	mux.HandleFunc("POST /solidarity/{id}/comments", s.postComment)
	mux.HandleFunc("GET /solidarity/{id}/edit", s.editForm)
	mux.HandleFunc("POST /solidarity/{id}/edit", s.postEditAction)
}

// Solidarity returns the solidarity service (for seeding demo data).
func (s *Server) Solidarity() *solidarity.Service { return s.solidarity }

// Clock returns the server's clock (for dating demo data).
func (s *Server) Clock() avenir.Clock { return s.opts.Clock }

// Labels, for people (English keys, translated).
var (
	actionKindLabels = map[solidarity.Kind]string{
		solidarity.Offer: "Offer of help", solidarity.Request: "Request for help", solidarity.Collective: "Collective action",
	}
	actionStatusLabels = map[solidarity.Status]string{
		solidarity.StatusDraft: "Draft", solidarity.StatusSubmitted: "Waiting for validation",
		solidarity.StatusPublished: "Published", solidarity.StatusInProgress: "Under way",
		solidarity.StatusCompleted: "Completed", solidarity.StatusCancelled: "Cancelled",
		solidarity.StatusExpired: "Expired", solidarity.StatusRejected: "Rejected",
	}
	volunteerLabels = map[solidarity.VolunteerStatus]string{
		solidarity.Pending: "Waiting for the organiser", solidarity.Accepted: "Accepted",
		solidarity.Waitlisted: "On the waitlist", solidarity.Declined: "Declined", solidarity.Withdrawn: "Withdrawn",
	}
	// solidarityNotices are what an action's page tells after ?done=.
	solidarityNotices = map[string]string{
		"proposed":    "Your draft is saved. Submit it for validation when it is ready.",
		"submitted":   "Your action is sent for validation: an animator or a moderator will read it.",
		"published":   "The action is published.",
		"rejected":    "The action is rejected; its author sees the reason.",
		"revised":     "The action is a draft again: edit it, then submit it.",
		"started":     "The action is under way.",
		"completed":   "The action is completed, with its impact. Thank you!",
		"cancelled":   "The action is cancelled.",
		"volunteered": "Thank you for volunteering!",
		"withdrawn":   "You are no longer a volunteer for this action.",
		"accepted":    "The volunteer is accepted: you now see each other's contact details.",
		"declined":    "The volunteer is declined.",
		"edited":      "Your draft is saved.",
		"commented":   "Your comment is published.",
		"pending":     "Your message will be published once a moderator approves it.",
	}
)

// actionView is an action with what a page shows around it.
type actionView struct {
	solidarity.Action
	KindLabel, CategoryLabel, StatusLabel string
	Where, When                           string
	HTML                                  template.HTML // the description, sanitized by the package
	Committee                             committee.Committee
	Free                                  int  // free places, when Limited
	Limited                               bool // the places are counted
	Shifts                                []shiftView
}

// shiftView is a shift with its time and free places.
type shiftView struct {
	solidarity.Shift
	When    string
	Free    int
	Limited bool
}

// actionViews dresses actions for a page, their committees read at once.
func (s *Server) actionViews(r *http.Request, list []solidarity.Action) []actionView {
	var ids []avenir.ID
	for _, a := range list {
		if !a.Committee.IsZero() && !slices.Contains(ids, a.Committee) {
			ids = append(ids, a.Committee)
		}
	}
	byID := map[avenir.ID]committee.Committee{}
	if len(ids) > 0 {
		cs, err := s.committees.Committees(r.Context(), ids)
		if err != nil {
			s.logError(r, err) // the names are missing, the page is still right
		}
		for _, c := range cs {
			byID[c.ID] = c
		}
	}
	labels := s.categoryLabels(r)
	out := make([]actionView, len(list))
	for i, a := range list {
		v := actionView{Action: a, KindLabel: s.localize(r, actionKindLabels[a.Kind]), CategoryLabel: labels[a.Category],
			StatusLabel: s.localize(r, actionStatusLabels[a.Status]), Where: s.placeName(r, a), Committee: byID[a.Committee]}
		v.When = s.period(r, actionStart(a), a.EndsAt)
		if len(a.Shifts) > 0 {
			v.When = s.period(r, actionStart(a), a.Ends())
		}
		v.HTML = template.HTML(a.DescriptionHTML) // text.Markdown's output: sanitized
		v.Free, v.Limited = a.Places(0)
		for _, sh := range a.Shifts {
			free, limited := a.Places(sh.Number)
			v.Shifts = append(v.Shifts, shiftView{Shift: sh, When: s.period(r, sh.StartsAt, sh.EndsAt), Free: free, Limited: limited})
		}
		out[i] = v
	}
	return out
}

// actionStart is when an action begins: its start, or its first shift's.
func actionStart(a solidarity.Action) time.Time {
	if a.StartsAt.IsZero() && len(a.Shifts) > 0 {
		return a.Shifts[0].StartsAt
	}
	return a.StartsAt
}

// categoryLabels names the network's categories in the reader's language.
func (s *Server) categoryLabels(r *http.Request) map[string]string {
	out := map[string]string{}
	for _, c := range s.solidarity.Categories() {
		out[c.Code] = s.localize(r, c.Label)
	}
	return out
}

// placeName is where an action happens, for people: the commune and its
// department, the town abroad and its country, or online.
func (s *Server) placeName(r *http.Request, a solidarity.Action) string {
	p := a.Place
	switch {
	case p.Online:
		return s.localize(r, "Online")
	case p.Country != "":
		return strings.TrimPrefix(p.City+", ", ", ") + countryName(p.Country, s.lang(r))
	}
	name := p.City
	if d, err := geo.DepartmentByCode(a.Department); err == nil {
		name += " (" + d.Name + ")"
	}
	return name
}

// period shows a time or a span in the network's time zone.
func (s *Server) period(r *http.Request, from, to time.Time) string {
	const layout = "2006-01-02 15:04"
	loc := s.location()
	switch {
	case from.IsZero():
		return s.localize(r, "No fixed date")
	case to.IsZero():
		return from.In(loc).Format(layout)
	}
	return from.In(loc).Format(layout) + " – " + to.In(loc).Format(layout)
}

// solidarityData starts the data of a solidarity page: its title, the
// form state, and whether the reader validates actions (for the menu).
func (s *Server) solidarityData(r *http.Request, title string) map[string]any {
	d := map[string]any{"Title": title, "Form": formState{}}
	if actor := actorOf(r); !actor.IsAnonymous() {
		_, err := s.solidarity.Queue(r.Context(), actor, avenir.PageRequest{Limit: 1})
		d["Validator"] = err == nil
	}
	return d
}

// ---- The list ----

// listFields are the filters of the list, as typed.
var listFields = []string{"kind", "category", "region", "department", "commune", "committee", "status", "from", "to", "postal_code"}

func (s *Server) solidarityList(w http.ResponseWriter, r *http.Request) {
	ctx, actor, q := r.Context(), actorOf(r), r.URL.Query()
	values := map[string]string{}
	for _, k := range listFields {
		values[k] = strings.TrimSpace(q.Get(k))
	}
	d := s.solidarityData(r, s.localize(r, "Fraternity in action"))
	query, err := s.solidarityQuery(ctx, q)
	var items []solidarity.Action
	if err == nil {
		if pc := values["postal_code"]; pc != "" {
			items, err = s.solidarity.NearMe(ctx, actor, pc, query, 0)
			d["Near"] = true
		} else {
			var page avenir.Page[solidarity.Action]
			page, err = s.solidarity.Actions(ctx, actor, query, avenir.PageRequest{After: q.Get("after")})
			items, d["Next"] = page.Items, nextURL(r, page.Next)
		}
	}
	status := http.StatusOK
	d["Form"] = formState{Values: values}
	if err != nil {
		status = httpStatus(err)
		d["Form"] = s.refused(r, "filters", err, values)
	}
	d["Actions"] = s.actionViews(r, items)
	d["Filtered"] = slices.ContainsFunc(listFields, func(k string) bool { return values[k] != "" })
	s.filterOptions(r, d, values)
	s.render(w, r, status, "solidarity.html", d)
}

// solidarityQuery reads the list's filters (kind and status may repeat);
// an unknown place or committee is an error on its field. A committee is
// named by its slug or its ID; from and to are days, to included.
func (s *Server) solidarityQuery(ctx context.Context, q url.Values) (solidarity.Query, error) {
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	out := solidarity.Query{Category: get("category"), Commune: get("commune"), Department: get("department"), Region: get("region")}
	for _, k := range q["kind"] {
		if k != "" {
			out.Kinds = append(out.Kinds, solidarity.Kind(k))
		}
	}
	for _, st := range q["status"] {
		if st != "" {
			out.Statuses = append(out.Statuses, solidarity.Status(st))
		}
	}
	if out.Region != "" {
		if _, err := geo.RegionByCode(out.Region); err != nil {
			return out, err
		}
	}
	if out.Department != "" {
		if _, err := geo.DepartmentByCode(strings.ToUpper(out.Department)); err != nil {
			return out, err
		}
	}
	if out.Commune != "" {
		if _, err := geo.CommuneByINSEE(strings.ToUpper(out.Commune)); err != nil {
			return out, err
		}
	}
	var err error
	if out.From, err = s.parseDay("from", get("from")); err != nil {
		return out, err
	}
	if out.To, err = s.parseEndDay("to", get("to")); err != nil {
		return out, err
	}
	out.Committee, err = s.committeeParam(ctx, get("committee"))
	return out, err
}

// committeeParam reads a committee filter, by slug or ID; empty is none.
func (s *Server) committeeParam(ctx context.Context, v string) (avenir.ID, error) {
	if v == "" {
		return avenir.ID{}, nil
	}
	if id, err := avenir.ParseID(v); err == nil {
		return id, nil
	}
	c, err := s.committees.BySlug(ctx, v)
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return avenir.ID{}, avenir.FieldError("committee", "This committee does not exist.")
	}
	return c.ID, err
}

// filterOptions adds the choices of the list's selects to d.
func (s *Server) filterOptions(r *http.Request, d map[string]any, v map[string]string) {
	d["Kinds"] = s.kindOptions(r, v["kind"])
	d["Categories"] = s.categoryOptions(r, v["category"])
	var regions []option
	for _, reg := range geo.Regions() {
		regions = append(regions, option{Value: reg.Code, Label: reg.Name, Selected: reg.Code == v["region"]})
	}
	d["Regions"] = regions
	var depts []option
	for _, dep := range geo.Departments() {
		depts = append(depts, option{Value: dep.Code, Label: dep.Code + " " + dep.Name, Selected: strings.EqualFold(dep.Code, v["department"])})
	}
	d["Departments"] = depts
	var committees []option
	if all, err := s.committees.All(r.Context()); err == nil {
		for _, c := range all {
			committees = append(committees, option{Value: c.Slug, Label: c.Name, Selected: c.Slug == v["committee"]})
		}
	}
	d["Committees"] = committees
	// Every reader may list what was published; those who validate also
	// what waits for them or was rejected.
	statuses := []solidarity.Status{solidarity.StatusPublished, solidarity.StatusInProgress, solidarity.StatusCompleted,
		solidarity.StatusExpired, solidarity.StatusCancelled}
	if d["Validator"] == true {
		statuses = append(statuses, solidarity.StatusSubmitted, solidarity.StatusRejected)
	}
	var opts []option
	for _, st := range statuses {
		opts = append(opts, option{Value: string(st), Label: s.localize(r, actionStatusLabels[st]), Selected: string(st) == v["status"]})
	}
	d["Statuses"] = opts
}

func (s *Server) kindOptions(r *http.Request, selected string) []option {
	out := make([]option, len(solidarity.Kinds))
	for i, k := range solidarity.Kinds {
		out[i] = option{Value: string(k), Label: s.localize(r, actionKindLabels[k]), Selected: string(k) == selected}
	}
	return out
}

func (s *Server) categoryOptions(r *http.Request, selected string) []option {
	var out []option
	for _, c := range s.solidarity.Categories() {
		out = append(out, option{Value: c.Code, Label: s.localize(r, c.Label), Selected: c.Code == selected})
	}
	return out
}

// ---- An action's page ----

func (s *Server) actionPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	form := formState{}
	if n := solidarityNotices[r.URL.Query().Get("done")]; n != "" {
		form.Values = map[string]string{"notice": s.localize(r, n)}
	}
	s.showAction(w, r, id, http.StatusOK, form)
}

// helperRow is a volunteer as the organiser sees them.
type helperRow struct {
	solidarity.Helper
	StatusLabel string
	CanAccept   bool
	CanDecline  bool
}

func (s *Server) showAction(w http.ResponseWriter, r *http.Request, id avenir.ID, status int, form formState) {
	ctx, actor := r.Context(), actorOf(r)
	a, err := s.solidarity.Action(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.solidarityData(r, a.Title)
	d["Form"], d["Action"] = form, s.actionViews(r, []solidarity.Action{a})[0]
	organiser := solidarity.CanOrganise(actor, a)
	d["Author"] = !actor.IsAnonymous() && a.Author == actor.ID
	d["Organiser"], d["Validates"] = organiser, solidarity.CanValidate(actor, a)
	d["Open"] = a.Status.Open()
	if organiser {
		helpers, err := s.solidarity.Helpers(ctx, actor, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		rows := make([]helperRow, len(helpers))
		for i, h := range helpers {
			waiting := h.Status == solidarity.Pending || h.Status == solidarity.Waitlisted
			free, limited := a.Places(h.Shift)
			rows[i] = helperRow{Helper: h, StatusLabel: s.localize(r, volunteerLabels[h.Status]),
				CanAccept: waiting && (!limited || free > 0), CanDecline: waiting || h.Status == solidarity.Accepted}
		}
		d["Helpers"] = rows
	}
	// Contacts come only to those entitled: the author and the volunteers
	// the organiser accepted (an empty list for anyone else).
	if d["Contacts"], err = s.solidarity.Contacts(ctx, actor, id); err != nil {
		s.pageError(w, r, err)
		return
	}
	if !actor.IsAnonymous() && a.Author != actor.ID {
		if mine, err := s.solidarity.MySignUp(ctx, actor, id); err == nil {
			d["Mine"], d["MineLabel"] = mine, s.localize(r, volunteerLabels[mine.Status])
			d["SignedUp"] = mine.Status != solidarity.Withdrawn && mine.Status != solidarity.Declined
		}
	}
	d["Follow"] = s.followButton(r, network.Target{Kind: network.FollowAction, ID: a.ID})
	d["Commentable"] = a.Status == solidarity.StatusPublished || a.Status == solidarity.StatusInProgress || a.Status == solidarity.StatusCompleted
	comments, err := s.solidarity.Comments(ctx, actor, id, avenir.PageRequest{After: r.URL.Query().Get("cafter")})
	if err != nil && form.Error == "" {
		d["Form"], status = s.refused(r, "comments", err, nil), httpStatus(err)
	}
	d["Comments"], d["NextComments"] = comments.Items, nextURLAt(r, "cafter", comments.Next)
	if a.Kind != solidarity.Collective && a.Status.Open() {
		if matches, err := s.solidarity.Matches(ctx, actor, id, 5); err == nil {
			d["Matches"] = s.actionViews(r, matches)
		}
	}
	s.render(w, r, status, "solidarity_action.html", d)
}

// actionPost runs a form of an action's page for a signed-in person: on
// success it goes back to the page (or to the queue, for a validator who
// came from it) with a notice; on an error it shows the page again with
// the error beside the form, and the values typed in fields.
func (s *Server) actionPost(w http.ResponseWriter, r *http.Request, form string, fields []string,
	do func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error)) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/solidarity/"+id.String())
		return
	}
	done := ""
	if err = readForm(w, r); err == nil {
		done, err = do(r.Context(), actor, id)
	}
	if err != nil {
		s.showAction(w, r, id, httpStatus(err), s.refused(r, form, err, memberFormValues(r, fields...)))
		return
	}
	if r.PostForm.Get("back") == "queue" {
		http.Redirect(w, r, "/solidarity/queue?done="+done, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/solidarity/"+id.String()+"?done="+done, http.StatusSeeOther)
}

// postStep runs a workflow button without fields: call, then the notice
// its result earns.
func (s *Server) postStep(form string, notice func(solidarity.Action) string,
	call func(context.Context, avenir.Actor, avenir.ID) (solidarity.Action, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.actionPost(w, r, form, nil, func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error) {
			a, err := call(ctx, actor, id)
			return notice(a), err
		})
	}
}

// postReasoned runs a workflow form that gives a reason: rejecting,
// cancelling.
func (s *Server) postReasoned(form, done string,
	call func(context.Context, avenir.Actor, avenir.ID, string) (solidarity.Action, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.actionPost(w, r, form, []string{"reason"}, func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error) {
			_, err := call(ctx, actor, id, r.PostForm.Get("reason"))
			return done, err
		})
	}
}

// submitted names what a submission led to: published at once (a trusted
// author) or waiting for validation.
func submitted(a solidarity.Action) string {
	if a.Status == solidarity.StatusPublished {
		return "published"
	}
	return "submitted"
}

// always is a notice whatever the result.
func always(done string) func(solidarity.Action) string {
	return func(solidarity.Action) string { return done }
}

func (s *Server) postComplete(w http.ResponseWriter, r *http.Request) {
	fields := []string{"people_helped", "hours", "report"}
	s.actionPost(w, r, "complete", fields, func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error) {
		impact := solidarity.Impact{Report: r.PostForm.Get("report")}
		var err error
		if impact.PeopleHelped, err = formCount(r.PostForm.Get("people_helped")); err != nil {
			return "", avenir.FieldError("people_helped", "The number of people helped must be between 0 and %d.", 1_000_000)
		}
		if impact.Hours, err = formCount(r.PostForm.Get("hours")); err != nil {
			return "", avenir.FieldError("hours", "The hours given must be between 0 and %d.", 1_000_000)
		}
		_, err = s.solidarity.Complete(ctx, actor, id, impact)
		return "completed", err
	})
}

// formCount reads a whole number typed in a form; empty is 0.
func formCount(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	return strconv.Atoi(v)
}

func (s *Server) postVolunteer(w http.ResponseWriter, r *http.Request) {
	s.actionPost(w, r, "volunteer", nil, func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error) {
		shift, err := formCount(r.PostForm.Get("shift"))
		if err != nil {
			return "", avenir.FieldError("shift", "Choose a shift of this action.")
		}
		_, err = s.solidarity.SignUp(ctx, actor, id, shift)
		return "volunteered", err
	})
}

func (s *Server) postWithdraw(w http.ResponseWriter, r *http.Request) {
	s.actionPost(w, r, "volunteer", nil, func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error) {
		_, err := s.solidarity.Withdraw(ctx, actor, id)
		return "withdrawn", err
	})
}

// postComment adds a comment to the action's discussion: body.
func (s *Server) postComment(w http.ResponseWriter, r *http.Request) {
	s.actionPost(w, r, "comment", []string{"body"}, func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error) {
		p, err := s.solidarity.Comment(ctx, actor, id, r.PostForm.Get("body"))
		if p.State == forum.Pending {
			return "pending", err
		}
		return "commented", err
	})
}

// postHelper accepts or declines a volunteer: member and decision
// (accept or decline).
func (s *Server) postHelper(w http.ResponseWriter, r *http.Request) {
	s.actionPost(w, r, "helpers", nil, func(ctx context.Context, actor avenir.Actor, id avenir.ID) (string, error) {
		member, err := avenir.ParseID(r.PostForm.Get("member"))
		if err != nil {
			return "", avenir.Errorf(avenir.CodeNotFound, "This person has not volunteered for the action.")
		}
		if r.PostForm.Get("decision") == "decline" {
			_, err = s.solidarity.Decline(ctx, actor, id, member)
			return "declined", err
		}
		_, err = s.solidarity.Accept(ctx, actor, id, member)
		return "accepted", err
	})
}

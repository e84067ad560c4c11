package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/solidarity"
)

// The solidarity API, under /api/v1/solidarity: the list (the page's
// filters, kind and status repeatable, from and to days, cursor-paginated
// like every list: ?after=…&limit=…, answered with {"items": […], "next":
// "…"}), an action, proposing, editing a draft and the workflow, sign-ups
// and the organiser's decisions, the comments (the forum's posts), the
// contacts (for the people entitled to them only, an empty list for anyone
// else), my actions, my volunteering, the validation queue, matches, near
// me, the impact (JSON and CSV) and the categories. An action's author is
// shown only to those who run or validate it: an ID would tie a request
// for help to a person through their other posts.
func (s *Server) mountSolidarityAPI(mux *http.ServeMux) {
	const base = "/api/v1/solidarity"
	mux.HandleFunc("GET "+base+"/categories", s.apiCategories)
	mux.HandleFunc("GET "+base+"/actions", s.apiActions)
	mux.HandleFunc("POST "+base+"/actions", s.signedIn(s.apiPropose))
	mux.HandleFunc("GET "+base+"/actions/{id}", s.byID(s.apiAction))
	mux.HandleFunc("PUT "+base+"/actions/{id}", s.signedIn(s.byID(s.apiEditAction)))
	mux.HandleFunc("GET "+base+"/actions/{id}/comments", s.byID(s.apiComments))
	mux.HandleFunc("POST "+base+"/actions/{id}/comments", s.signedIn(s.byID(s.apiComment)))
	mux.HandleFunc("POST "+base+"/actions/{id}/submit", s.signedIn(s.apiStep(s.solidarity.Submit)))
	mux.HandleFunc("POST "+base+"/actions/{id}/validate", s.signedIn(s.apiStep(s.solidarity.Validate)))
	mux.HandleFunc("POST "+base+"/actions/{id}/revise", s.signedIn(s.apiStep(s.solidarity.Revise)))
	mux.HandleFunc("POST "+base+"/actions/{id}/start", s.signedIn(s.apiStep(s.solidarity.Start)))
	mux.HandleFunc("POST "+base+"/actions/{id}/reject", s.signedIn(s.apiReasoned(s.solidarity.Reject)))
	mux.HandleFunc("POST "+base+"/actions/{id}/cancel", s.signedIn(s.apiReasoned(s.solidarity.Cancel)))
	mux.HandleFunc("POST "+base+"/actions/{id}/complete", s.signedIn(s.byID(s.apiComplete)))
	mux.HandleFunc("GET "+base+"/actions/{id}/signup", s.signedIn(s.byID(s.apiMySignUp)))
	mux.HandleFunc("PUT "+base+"/actions/{id}/signup", s.signedIn(s.byID(s.apiSignUp)))
	mux.HandleFunc("DELETE "+base+"/actions/{id}/signup", s.signedIn(s.byID(s.apiWithdraw)))
	mux.HandleFunc("GET "+base+"/actions/{id}/helpers", s.signedIn(s.byID(s.apiHelpers)))
	mux.HandleFunc("POST "+base+"/actions/{id}/helpers/{member}/accept", s.signedIn(s.apiHelperDecision(s.solidarity.Accept)))
	mux.HandleFunc("POST "+base+"/actions/{id}/helpers/{member}/decline", s.signedIn(s.apiHelperDecision(s.solidarity.Decline)))
	mux.HandleFunc("GET "+base+"/actions/{id}/contacts", s.byID(s.apiContacts))
	mux.HandleFunc("GET "+base+"/actions/{id}/matches", s.byID(s.apiMatches))
	mux.HandleFunc("GET "+base+"/mine", s.signedIn(s.apiList(s.solidarity.Mine)))
	mux.HandleFunc("GET "+base+"/volunteering", s.signedIn(s.apiList(s.solidarity.Volunteering)))
	mux.HandleFunc("GET "+base+"/queue", s.signedIn(s.apiList(s.solidarity.Queue)))
	mux.HandleFunc("GET "+base+"/near", s.apiNear)
	mux.HandleFunc("GET "+base+"/impact", s.apiImpact)
	mux.HandleFunc("GET "+base+"/impact.csv", s.impactCSV(s.apiFail))
}

// byID gives h the {id} of the path; a malformed one is not found.
func (s *Server) byID(h func(w http.ResponseWriter, r *http.Request, id avenir.ID)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.apiFail(w, r, avenir.ErrNotFound)
			return
		}
		h(w, r, id)
	}
}

// shown is an action as the actor may read it: its author only for the
// author, its organisers and its validators.
func shown(actor avenir.Actor, a solidarity.Action) solidarity.Action {
	if actor.IsAnonymous() || a.Author != actor.ID && !solidarity.CanOrganise(actor, a) && !solidarity.CanValidate(actor, a) {
		a.Author = avenir.ID{}
	}
	return a
}

func shownAll(actor avenir.Actor, list []solidarity.Action) []solidarity.Action {
	out := make([]solidarity.Action, len(list))
	for i, a := range list {
		out[i] = shown(actor, a)
	}
	return out
}

// respondAction writes an action, or the error.
func (s *Server) respondAction(w http.ResponseWriter, r *http.Request, status int, a solidarity.Action, err error) {
	s.respond(w, r, status, shown(actorOf(r), a), err)
}

// respondPage writes a page of actions, or the error.
func (s *Server) respondPage(w http.ResponseWriter, r *http.Request, page avenir.Page[solidarity.Action], err error) {
	page.Items = shownAll(actorOf(r), page.Items)
	s.respond(w, r, http.StatusOK, page, err)
}

func (s *Server) apiCategories(w http.ResponseWriter, r *http.Request) {
	labels := s.categoryLabels(r)
	out := []solidarity.Category{}
	for _, c := range s.solidarity.Categories() {
		out = append(out, solidarity.Category{Code: c.Code, Label: labels[c.Code]})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) apiActions(w http.ResponseWriter, r *http.Request) {
	q, err := s.solidarityQuery(r.Context(), r.URL.Query())
	var p avenir.PageRequest
	if err == nil {
		p, err = pageRequest(r)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	page, err := s.solidarity.Actions(r.Context(), actorOf(r), q, p)
	s.respondPage(w, r, page, err)
}

func (s *Server) apiPropose(w http.ResponseWriter, r *http.Request) {
	var d solidarity.Draft
	if err := decode(w, r, &d); err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.solidarity.Propose(r.Context(), actorOf(r), d)
	s.respondAction(w, r, http.StatusCreated, a, err)
}

func (s *Server) apiAction(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	a, err := s.solidarity.Action(r.Context(), actorOf(r), id)
	s.respondAction(w, r, http.StatusOK, a, err)
}

// apiEditAction rewrites a draft: the whole Draft, as for proposing.
func (s *Server) apiEditAction(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	var d solidarity.Draft
	if err := decode(w, r, &d); err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.solidarity.Edit(r.Context(), actorOf(r), id, d)
	s.respondAction(w, r, http.StatusOK, a, err)
}

func (s *Server) apiComments(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	p, err := pageRequest(r)
	var page avenir.Page[forum.Post]
	if err == nil {
		page, err = s.solidarity.Comments(r.Context(), actorOf(r), id, p)
	}
	s.respond(w, r, http.StatusOK, page, err)
}

// apiComment comments an action: {"body": "…"} (Markdown).
func (s *Server) apiComment(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	p, err := s.solidarity.Comment(r.Context(), actorOf(r), id, in.Body)
	s.respond(w, r, http.StatusCreated, p, err)
}

// apiStep runs a workflow call without a body.
func (s *Server) apiStep(call func(context.Context, avenir.Actor, avenir.ID) (solidarity.Action, error)) http.HandlerFunc {
	return s.byID(func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
		a, err := call(r.Context(), actorOf(r), id)
		s.respondAction(w, r, http.StatusOK, a, err)
	})
}

// apiReasoned runs a workflow call with a reason: {"reason": "…"}.
func (s *Server) apiReasoned(call func(context.Context, avenir.Actor, avenir.ID, string) (solidarity.Action, error)) http.HandlerFunc {
	return s.byID(func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
		var in struct {
			Reason string `json:"reason"`
		}
		if err := decode(w, r, &in); err != nil {
			s.apiFail(w, r, err)
			return
		}
		a, err := call(r.Context(), actorOf(r), id, in.Reason)
		s.respondAction(w, r, http.StatusOK, a, err)
	})
}

// apiComplete closes an action with its impact: {"people_helped": n,
// "hours": n, "report": "…"}.
func (s *Server) apiComplete(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	var in solidarity.Impact
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.solidarity.Complete(r.Context(), actorOf(r), id, in)
	s.respondAction(w, r, http.StatusOK, a, err)
}

func (s *Server) apiMySignUp(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	v, err := s.solidarity.MySignUp(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, v, err)
}

// apiSignUp volunteers: {"shift": n} for a shift, no body (or {}) for the
// action itself.
func (s *Server) apiSignUp(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	var in struct {
		Shift int `json:"shift"`
	}
	if r.ContentLength != 0 {
		if err := decode(w, r, &in); err != nil {
			s.apiFail(w, r, err)
			return
		}
	}
	v, err := s.solidarity.SignUp(r.Context(), actorOf(r), id, in.Shift)
	s.respond(w, r, http.StatusOK, v, err)
}

func (s *Server) apiWithdraw(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	v, err := s.solidarity.Withdraw(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, v, err)
}

func (s *Server) apiHelpers(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	list, err := s.solidarity.Helpers(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, map[string]any{"items": list}, err)
}

// apiHelperDecision accepts or declines the volunteer {member} of the path.
func (s *Server) apiHelperDecision(call func(context.Context, avenir.Actor, avenir.ID, avenir.ID) (solidarity.Volunteer, error)) http.HandlerFunc {
	return s.byID(func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
		member, err := avenir.ParseID(r.PathValue("member"))
		if err != nil {
			s.apiFail(w, r, avenir.Errorf(avenir.CodeNotFound, "This person has not volunteered for the action."))
			return
		}
		v, err := call(r.Context(), actorOf(r), id, member)
		s.respond(w, r, http.StatusOK, v, err)
	})
}

func (s *Server) apiContacts(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	list, err := s.solidarity.Contacts(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, map[string]any{"items": list}, err)
}

// limitParam reads ?limit= for the lists that are not paginated.
func limitParam(r *http.Request) (int, error) {
	l := strings.TrimSpace(r.URL.Query().Get("limit"))
	if l == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(l)
	if err != nil || n < 0 || n > avenir.MaxPageSize {
		return 0, avenir.FieldError("limit", "The page size must be between 1 and %d.", avenir.MaxPageSize)
	}
	return n, nil
}

func (s *Server) apiMatches(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	n, err := limitParam(r)
	var list []solidarity.Action
	if err == nil {
		list, err = s.solidarity.Matches(r.Context(), actorOf(r), id, n)
	}
	s.respond(w, r, http.StatusOK, map[string]any{"items": shownAll(actorOf(r), list)}, err)
}

// apiList serves one of the actor's lists: mine, volunteering, the queue.
func (s *Server) apiList(list func(context.Context, avenir.Actor, avenir.PageRequest) (avenir.Page[solidarity.Action], error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := pageRequest(r)
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		page, err := list(r.Context(), actorOf(r), p)
		s.respondPage(w, r, page, err)
	}
}

// apiNear lists the open actions nearest to ?postal_code=, with the
// list's kind and category filters.
func (s *Server) apiNear(w http.ResponseWriter, r *http.Request) {
	q, err := s.solidarityQuery(r.Context(), r.URL.Query())
	n := 0
	if err == nil {
		n, err = limitParam(r)
	}
	var list []solidarity.Action
	if err == nil {
		list, err = s.solidarity.NearMe(r.Context(), actorOf(r), r.URL.Query().Get("postal_code"), q, n)
	}
	s.respond(w, r, http.StatusOK, map[string]any{"items": shownAll(actorOf(r), list)}, err)
}

// apiImpact sums up the completed actions: ?by=category|committee|
// department|month, from and to months (YYYY-MM, to included), category,
// department, committee.
func (s *Server) apiImpact(w http.ResponseWriter, r *http.Request) {
	iq, _, err := s.impactQuery(r.Context(), r.URL.Query())
	var rows []solidarity.ImpactRow
	if err == nil {
		rows, err = s.solidarity.Impact(r.Context(), actorOf(r), iq)
	}
	if rows == nil {
		rows = []solidarity.ImpactRow{}
	}
	s.respond(w, r, http.StatusOK, map[string]any{"items": rows}, err)
}

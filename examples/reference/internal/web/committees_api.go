package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
)

// The committee API, under /api/v1: the directory, find my committee, a
// committee and its members (for its animators), events, RSVPs, and the
// animators' calls (create, cancel, registrations, check-in). Lists are
// cursor-paginated like the member directory: ?after=…&limit=…, answered
// with {"items": […], "next": "…"}.
func (s *Server) mountCommitteesAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/committees", s.apiCommittees)
	mux.HandleFunc("GET /api/v1/committees/find", s.apiFindCommittee)
	mux.HandleFunc("GET /api/v1/committees/{slug}", s.apiCommittee)
	mux.HandleFunc("GET /api/v1/committees/{slug}/members", s.signedIn(s.apiCommitteeMembers))
	mux.HandleFunc("POST /api/v1/committees/{slug}/follow", s.signedIn(s.apiFollow))
	mux.HandleFunc("DELETE /api/v1/committees/{slug}/follow", s.signedIn(s.apiUnfollow))
	mux.HandleFunc("GET /api/v1/me/committee", s.signedIn(s.apiMyCommittee))
	mux.HandleFunc("POST /api/v1/me/committee", s.signedIn(s.apiTransfer))

	mux.HandleFunc("GET /api/v1/events", s.apiEvents)
	mux.HandleFunc("POST /api/v1/events", s.signedIn(s.apiCreateEvent))
	mux.HandleFunc("GET /api/v1/events/{id}", s.apiEvent)
	mux.HandleFunc("PUT /api/v1/events/{id}", s.signedIn(s.apiUpdateEvent))
	mux.HandleFunc("POST /api/v1/events/{id}/cancel", s.signedIn(s.apiCancelEvent))
	mux.HandleFunc("GET /api/v1/events/{id}/rsvp", s.signedIn(s.apiMyRSVP))
	mux.HandleFunc("PUT /api/v1/events/{id}/rsvp", s.signedIn(s.apiRSVP))
	mux.HandleFunc("GET /api/v1/events/{id}/registrations", s.signedIn(s.apiRegistrations))
	mux.HandleFunc("POST /api/v1/events/{id}/checkin", s.signedIn(s.apiCheckIn))
	mux.HandleFunc("GET /api/v1/events/{id}/participation", s.apiParticipation)
}

func (s *Server) apiCommittees(w http.ResponseWriter, r *http.Request) {
	all, err := s.committees.All(r.Context())
	s.respond(w, r, http.StatusOK, map[string]any{"items": all}, err)
}

func (s *Server) apiFindCommittee(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	found, err := s.committees.Find(r.Context(), committee.Place{PostalCode: q.Get("postal_code"), Commune: q.Get("commune"), Country: q.Get("country")})
	s.respond(w, r, http.StatusOK, found, err)
}

func (s *Server) apiCommitteeBySlug(w http.ResponseWriter, r *http.Request) (committee.Committee, bool) {
	c, err := s.committees.BySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.apiFail(w, r, err)
		return committee.Committee{}, false
	}
	return c, true
}

// committeeDetail is a committee with what its page shows.
type committeeDetail struct {
	committee.Committee
	DescriptionHTML string             `json:"description_html,omitempty"`
	Animators       []committee.Leader `json:"animators"`
	Children        []avenir.ID        `json:"children"`
	Count           *committee.Count   `json:"count,omitempty"` // members in good standing only
}

func (s *Server) apiCommittee(w http.ResponseWriter, r *http.Request) {
	c, ok := s.apiCommitteeBySlug(w, r)
	if !ok {
		return
	}
	out := committeeDetail{Committee: c, DescriptionHTML: string(c.DescriptionHTML()), Children: []avenir.ID{}}
	var err error
	if out.Animators, err = s.committees.Animators(r.Context(), c.ID); err != nil {
		s.apiFail(w, r, err)
		return
	}
	children, err := s.committees.Children(r.Context(), c.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	for _, ch := range children {
		out.Children = append(out.Children, ch.ID)
	}
	if counts, err := s.committees.Counts(r.Context(), actorOf(r)); err == nil {
		n := counts[c.ID]
		out.Count = &n
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiCommitteeMembers(w http.ResponseWriter, r *http.Request) {
	c, ok := s.apiCommitteeBySlug(w, r)
	if !ok {
		return
	}
	p, err := pageRequest(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	page, err := s.committees.Members(r.Context(), actorOf(r), c.ID, p)
	s.respond(w, r, http.StatusOK, page, err)
}

func (s *Server) apiFollow(w http.ResponseWriter, r *http.Request) {
	if c, ok := s.apiCommitteeBySlug(w, r); ok {
		s.respond(w, r, http.StatusNoContent, nil, s.committees.Follow(r.Context(), actorOf(r), c.ID))
	}
}

func (s *Server) apiUnfollow(w http.ResponseWriter, r *http.Request) {
	if c, ok := s.apiCommitteeBySlug(w, r); ok {
		s.respond(w, r, http.StatusNoContent, nil, s.committees.Unfollow(r.Context(), actorOf(r), c.ID))
	}
}

func (s *Server) apiMyCommittee(w http.ResponseWriter, r *http.Request) {
	a, err := s.committees.Affiliation(r.Context(), actorOf(r), actorOf(r).ID)
	s.respond(w, r, http.StatusOK, a, err)
}

// apiTransfer joins a committee, or moves to another: {"committee": id, "reason": "…"}.
func (s *Server) apiTransfer(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Committee avenir.ID `json:"committee"`
		Reason    string    `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	actor := actorOf(r)
	a, err := s.committees.Transfer(r.Context(), actor, actor.ID, in.Committee, in.Reason)
	s.respond(w, r, http.StatusOK, a, err)
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := committee.EventFilter{Department: q.Get("department")}
	if slug := q.Get("committee"); slug != "" {
		c, err := s.committees.BySlug(r.Context(), slug)
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		f.Committee = c.ID
	}
	p, err := pageRequest(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	page, err := s.committees.Events(r.Context(), actorOf(r), f, p)
	s.respond(w, r, http.StatusOK, page, err)
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	e, err := s.committees.Event(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, e, err)
}

func (s *Server) apiCreateEvent(w http.ResponseWriter, r *http.Request) {
	var d committee.EventDraft
	if err := decode(w, r, &d); err != nil {
		s.apiFail(w, r, err)
		return
	}
	e, err := s.committees.CreateEvent(r.Context(), actorOf(r), d)
	s.respond(w, r, http.StatusCreated, e, err)
}

func (s *Server) apiUpdateEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	var d committee.EventDraft
	if err := decode(w, r, &d); err != nil {
		s.apiFail(w, r, err)
		return
	}
	e, err := s.committees.UpdateEvent(r.Context(), actorOf(r), id, d)
	s.respond(w, r, http.StatusOK, e, err)
}

func (s *Server) apiCancelEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	e, err := s.committees.CancelEvent(r.Context(), actorOf(r), id, in.Reason)
	s.respond(w, r, http.StatusOK, e, err)
}

func (s *Server) apiMyRSVP(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	rsvp, err := s.committees.MyRSVP(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, rsvp, err)
}

// apiRSVP answers an event: {"response": "going" | "maybe" | "declined"}.
func (s *Server) apiRSVP(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	var in struct {
		Response committee.Response `json:"response"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	rsvp, err := s.committees.RSVP(r.Context(), actorOf(r), id, in.Response)
	s.respond(w, r, http.StatusOK, rsvp, err)
}

func (s *Server) apiRegistrations(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	p, err := pageRequest(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var statuses []committee.RSVPStatus
	for _, st := range r.URL.Query()["status"] {
		statuses = append(statuses, committee.RSVPStatus(st))
	}
	page, sum, err := s.committees.Registrations(r.Context(), actorOf(r), id, statuses, p)
	s.respond(w, r, http.StatusOK, map[string]any{"items": page.Items, "next": page.Next, "attendance": sum}, err)
}

// apiCheckIn marks a person present (or not): {"member": id, "present": true}.
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	var in struct {
		Member  avenir.ID `json:"member"`
		Present bool      `json:"present"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	rsvp, err := s.committees.CheckIn(r.Context(), actorOf(r), id, in.Member, in.Present)
	s.respond(w, r, http.StatusOK, rsvp, err)
}

func (s *Server) apiParticipation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	counts, err := s.committees.Participation(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, map[string]any{"items": counts}, err)
}

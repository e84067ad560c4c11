package web

// Opening a consultation, for admins (/consultations/new): its title and
// description, the theme forum where it takes place (one open to every
// member), the date each phase opens (empty: the drafting group opens it by
// decision) and the drafting group, named by email address.

import (
	"net/http"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
)

func (s *Server) mountConsultationsNew(mux *http.ServeMux) {
	mux.HandleFunc("GET /consultations/new", s.membersAdminOnly(s.newConsultationForm))
	mux.HandleFunc("POST /consultations", s.membersAdminOnly(s.postConsultation))
}

// phaseFields are the schedule's inputs, in the order of the phases.
var phaseFields = []struct{ name, label string }{
	{"contributions", "Contributions open"}, {"amendments", "Amendments open"}, {"supports", "Supports open"},
	{"synthesis", "Synthesis opens"}, {"vote", "Vote opens"}, {"closed", "Vote closes"},
}

func (s *Server) newConsultationForm(w http.ResponseWriter, r *http.Request) {
	s.renderNewConsultation(w, r, http.StatusOK, formState{})
}

func (s *Server) renderNewConsultation(w http.ResponseWriter, r *http.Request, status int, f formState) {
	forums, err := s.forums.Forums(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var choices []option
	for _, fo := range forums {
		switch fo.Audience.Kind {
		case avenir.AudiencePublic, avenir.AudienceRegistered, avenir.AudienceMembers:
			choices = append(choices, option{Value: fo.ID.String(), Label: fo.Title, Selected: f.Value("forum") == fo.ID.String()})
		}
	}
	type phaseInput struct{ Name, Label, Value string }
	phases := make([]phaseInput, len(phaseFields))
	for i, p := range phaseFields {
		phases[i] = phaseInput{Name: p.name, Label: s.localize(r, p.label), Value: f.Value(p.name)}
	}
	d := s.consultationData(r, s.localize(r, "Open a consultation"))
	d["Form"], d["Forums"], d["Phases"] = f, choices, phases
	s.render(w, r, status, "consultation_new.html", d)
}

func (s *Server) postConsultation(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	values := map[string]string{"title": r.PostForm.Get("title"), "description": r.PostForm.Get("description"),
		"forum": r.PostForm.Get("forum"), "drafters": r.PostForm.Get("drafters")}
	for _, p := range phaseFields {
		values[p.name] = r.PostForm.Get(p.name)
	}
	in, err := s.consultationInput(r, values)
	var c consultation.Consultation
	if err == nil {
		c, err = s.consultations.Create(r.Context(), actorOf(r), in)
	}
	if err != nil {
		s.renderNewConsultation(w, r, httpStatus(err), s.refused(r, "consultation", err, values))
		return
	}
	http.Redirect(w, r, "/consultations/"+c.ID.String(), http.StatusSeeOther)
}

// consultationInput reads the form: the dates in the network's time zone,
// the drafting group's members by their addresses.
func (s *Server) consultationInput(r *http.Request, v map[string]string) (consultation.Input, error) {
	in := consultation.Input{Title: v["title"], Description: v["description"]}
	forum, err := avenir.ParseID(v["forum"])
	if err != nil {
		return in, avenir.FieldError("forum", "Choose the theme forum of the consultation.")
	}
	in.Forum = forum
	dates := []*time.Time{&in.Schedule.Contributions, &in.Schedule.Amendments, &in.Schedule.Supports,
		&in.Schedule.Synthesis, &in.Schedule.Vote, &in.Schedule.Closed}
	for i, p := range phaseFields {
		if *dates[i], err = s.parseMoment(p.name, strings.TrimSpace(v[p.name])); err != nil {
			return in, err
		}
	}
	for _, email := range strings.Fields(strings.ReplaceAll(v["drafters"], ",", " ")) {
		m, err := s.members.FindByEmail(r.Context(), actorOf(r), email)
		if err != nil {
			if avenir.IsCode(err, avenir.CodeNotFound) {
				return in, avenir.FieldError("drafters", "No member has the address %q.", email)
			}
			return in, avenir.FieldError("drafters", "The email address %q is not valid.", email)
		}
		in.Drafters = append(in.Drafters, m.ID)
	}
	return in, nil
}

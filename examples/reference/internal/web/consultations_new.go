package web

// Opening a consultation, for admins (/consultations/new): its title and
// description, the theme forum where it takes place (one open to every
// member), the date each phase opens (empty: the drafting group opens it by
// decision) and the drafting group, named by email address. The same form
// changes one (/admin/consultations/{id}), its forum excepted.

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
	mux.HandleFunc("GET /admin/consultations/{id}", s.membersAdminOnly(s.editConsultationForm))
	mux.HandleFunc("POST /admin/consultations/{id}", s.membersAdminOnly(s.postConsultationEdit))
}

// phaseFields are the schedule's inputs, in the order of the phases.
var phaseFields = []struct{ name, label string }{
	{"contributions", "Contributions open"}, {"amendments", "Amendments open"}, {"supports", "Supports open"},
	{"synthesis", "Synthesis opens"}, {"vote", "Vote opens"}, {"closed", "Vote closes"},
}

func (s *Server) newConsultationForm(w http.ResponseWriter, r *http.Request) {
	s.renderConsultationForm(w, r, http.StatusOK, formState{}, nil)
}

// renderConsultationForm shows the form that opens a consultation, or that
// changes editing when it is set.
func (s *Server) renderConsultationForm(w http.ResponseWriter, r *http.Request, status int, f formState, editing *consultation.Consultation) {
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
	d["Form"], d["Forums"], d["Phases"], d["Action"] = f, choices, phases, "/consultations"
	if editing != nil {
		d["Title"], d["Editing"], d["Action"] = s.localize(r, "Change the consultation"), editing, "/admin/consultations/"+editing.ID.String()
	}
	s.render(w, r, status, "consultation_new.html", d)
}

// consultationForm reads the posted form.
func consultationForm(w http.ResponseWriter, r *http.Request) (map[string]string, error) {
	if err := readForm(w, r); err != nil {
		return nil, err
	}
	values := map[string]string{"title": r.PostForm.Get("title"), "description": r.PostForm.Get("description"),
		"forum": r.PostForm.Get("forum"), "drafters": r.PostForm.Get("drafters")}
	for _, p := range phaseFields {
		values[p.name] = r.PostForm.Get(p.name)
	}
	return values, nil
}

func (s *Server) postConsultation(w http.ResponseWriter, r *http.Request) {
	values, err := consultationForm(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in, err := s.consultationInput(r, values)
	var c consultation.Consultation
	if err == nil {
		c, err = s.consultations.Create(r.Context(), actorOf(r), in)
	}
	if err != nil {
		s.renderConsultationForm(w, r, httpStatus(err), s.refused(r, "consultation", err, values), nil)
		return
	}
	http.Redirect(w, r, "/consultations/"+c.ID.String(), http.StatusSeeOther)
}

// editedConsultation is the consultation of the path.
func (s *Server) editedConsultation(r *http.Request) (consultation.Consultation, error) {
	id, err := pathID(r)
	if err != nil {
		return consultation.Consultation{}, avenir.ErrNotFound
	}
	return s.consultations.Get(r.Context(), actorOf(r), id)
}

func (s *Server) editConsultationForm(w http.ResponseWriter, r *http.Request) {
	c, err := s.editedConsultation(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	values := map[string]string{"title": c.Title, "description": c.Description, "forum": c.Forum.String()}
	dates := []time.Time{c.Schedule.Contributions, c.Schedule.Amendments, c.Schedule.Supports, c.Schedule.Synthesis, c.Schedule.Vote, c.Schedule.Closed}
	for i, p := range phaseFields {
		if !dates[i].IsZero() {
			values[p.name] = dates[i].In(s.location()).Format("2006-01-02T15:04")
		}
	}
	var emails []string
	for _, id := range c.Drafters {
		if m, err := s.members.Member(r.Context(), actorOf(r), id); err == nil && m.Email != "" {
			emails = append(emails, m.Email)
		}
	}
	values["drafters"] = strings.Join(emails, "\n")
	s.renderConsultationForm(w, r, http.StatusOK, formState{Values: values}, &c)
}

func (s *Server) postConsultationEdit(w http.ResponseWriter, r *http.Request) {
	c, err := s.editedConsultation(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	values, err := consultationForm(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	values["forum"] = c.Forum.String() // the theme forum stays
	in, err := s.consultationInput(r, values)
	if err == nil {
		_, err = s.consultations.Update(r.Context(), actorOf(r), c.ID, in)
	}
	if err != nil {
		s.renderConsultationForm(w, r, httpStatus(err), s.refused(r, "consultation", err, values), &c)
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
		switch {
		case avenir.IsCode(err, avenir.CodeNotFound):
			return in, avenir.FieldError("drafters", "No member has the address %q.", email)
		case avenir.IsCode(err, avenir.CodeInvalid):
			return in, avenir.FieldError("drafters", "The email address %q is not valid.", email)
		case err != nil:
			return in, err
		}
		in.Drafters = append(in.Drafters, m.ID)
	}
	return in, nil
}

package web

// Forum management, for admins (/admin/forums): the list of every forum
// with its audience and moderation mode, the form that creates one and the
// form that changes one. The JSON API mirrors it (POST /api/v1/forums,
// PATCH /api/v1/forums/{id}). The forum service decides who may: only
// admins create and change forums.

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

func (s *Server) mountForumsAdmin(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/forums", s.membersAdminOnly(s.adminForums))
	mux.HandleFunc("POST /admin/forums", s.membersAdminOnly(s.adminCreateForum))
	mux.HandleFunc("GET /admin/forums/{id}", s.membersAdminOnly(s.adminForum))
	mux.HandleFunc("POST /admin/forums/{id}", s.membersAdminOnly(s.adminUpdateForum))
	mux.HandleFunc("POST /api/v1/forums", s.signedIn(s.apiCreateForum))
	mux.HandleFunc("PATCH /api/v1/forums/{id}", s.signedIn(s.apiUpdateForum))
}

// forumAudiences are the choices of a forum's audience select.
var forumAudiences = []struct{ value, label string }{
	{"public", "Everyone"}, {"registered", "Registered people"}, {"members", "Members"},
	{"committee", "Members of the committee"}, {"moderators", "The forum's moderators"},
}

// forumRow is one line of the forum list.
type forumRow struct {
	forum.Forum
	AudienceLabel string
}

// forumAudienceLabel names an audience for people.
func (s *Server) forumAudienceLabel(r *http.Request, a avenir.Audience) string {
	for _, c := range forumAudiences {
		if c.value == string(a.Kind) {
			return s.localize(r, c.label)
		}
	}
	return string(a.Kind)
}

// forumFields are the inputs of the forum form.
var forumFields = []string{"slug", "title", "description", "position", "audience", "committee", "moderation"}

// forumValues are a forum's values as the form shows them.
func (s *Server) forumValues(r *http.Request, f forum.Forum) map[string]string {
	v := map[string]string{"slug": f.Slug, "title": f.Title, "description": f.Description,
		"position": strconv.Itoa(f.Position), "audience": string(f.Audience.Kind), "moderation": string(f.Moderation)}
	if f.Audience.Kind == avenir.AudienceCommittee {
		if c, err := s.committees.Committee(r.Context(), f.Audience.Scope); err == nil {
			v["committee"] = c.Slug
		}
	}
	return v
}

// forumInput reads the forum form; the committee is named by its address.
func (s *Server) forumInput(r *http.Request, v map[string]string) (forum.ForumInput, error) {
	in := forum.ForumInput{Slug: v["slug"], Title: v["title"], Description: v["description"],
		Moderation: forum.Moderation(v["moderation"])}
	if p := strings.TrimSpace(v["position"]); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return in, avenir.FieldError("position", "The position must be a whole number.")
		}
		in.Position = n
	}
	var committee avenir.ID
	if slug := strings.TrimSpace(v["committee"]); slug != "" && v["audience"] == "committee" {
		c, err := s.committees.BySlug(r.Context(), slug)
		if avenir.IsCode(err, avenir.CodeNotFound) {
			return in, avenir.FieldError("committee", "This committee does not exist.")
		} else if err != nil {
			return in, err
		}
		committee = c.ID
	}
	if v["audience"] == "moderators" {
		in.Audience = avenir.Moderators
		return in, nil
	}
	var err error
	in.Audience, err = actionAudience(v["audience"], committee)
	return in, err
}

func (s *Server) adminForums(w http.ResponseWriter, r *http.Request) {
	s.renderForumsAdmin(w, r, http.StatusOK, formState{Values: map[string]string{"audience": "members", "moderation": "post"}})
}

func (s *Server) renderForumsAdmin(w http.ResponseWriter, r *http.Request, status int, f formState) {
	forums, err := s.forums.Forums(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rows := make([]forumRow, len(forums))
	for i, f := range forums {
		rows[i] = forumRow{Forum: f, AudienceLabel: s.forumAudienceLabel(r, f.Audience)}
	}
	s.render(w, r, status, "admin_forums.html", map[string]any{
		"Title":   s.localize(r, "Manage the forums"),
		"Forums":  rows,
		"Form":    f,
		"Choices": s.forumChoices(r, f),
		"Done":    r.URL.Query().Get("done") != "",
	})
}

// forumChoices are the selects of the forum form, with f's values chosen.
func (s *Server) forumChoices(r *http.Request, f formState) map[string][]option {
	var audiences, modes []option
	for _, a := range forumAudiences {
		audiences = append(audiences, option{Value: a.value, Label: s.localize(r, a.label), Selected: f.Value("audience") == a.value})
	}
	for _, m := range []struct{ value, label string }{{"post", "Published at once, moderated after"}, {"pre", "Approved by a moderator before publication"}} {
		modes = append(modes, option{Value: m.value, Label: s.localize(r, m.label), Selected: f.Value("moderation") == m.value})
	}
	return map[string][]option{"Audiences": audiences, "Modes": modes}
}

// forumForm reads the posted forum form.
func forumForm(w http.ResponseWriter, r *http.Request) (map[string]string, error) {
	if err := readForm(w, r); err != nil {
		return nil, err
	}
	v := make(map[string]string, len(forumFields))
	for _, k := range forumFields {
		v[k] = r.PostForm.Get(k)
	}
	return v, nil
}

func (s *Server) adminCreateForum(w http.ResponseWriter, r *http.Request) {
	v, err := forumForm(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in, err := s.forumInput(r, v)
	var f forum.Forum
	if err == nil {
		f, err = s.forums.CreateForum(r.Context(), actorOf(r), in)
	}
	if err != nil {
		s.renderForumsAdmin(w, r, httpStatus(err), s.refused(r, "forum", err, v))
		return
	}
	http.Redirect(w, r, "/admin/forums/"+f.ID.String()+"?done=created", http.StatusSeeOther)
}

func (s *Server) adminForum(w http.ResponseWriter, r *http.Request) {
	f, err := s.adminForumByID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderForumAdmin(w, r, http.StatusOK, f, formState{Values: s.forumValues(r, f)})
}

func (s *Server) adminForumByID(r *http.Request) (forum.Forum, error) {
	id, err := pathID(r)
	if err != nil {
		return forum.Forum{}, avenir.ErrNotFound
	}
	return s.forums.Forum(r.Context(), actorOf(r), id)
}

func (s *Server) renderForumAdmin(w http.ResponseWriter, r *http.Request, status int, f forum.Forum, form formState) {
	s.render(w, r, status, "admin_forum.html", map[string]any{
		"Title":   f.Title,
		"Forum":   f,
		"Form":    form,
		"Choices": s.forumChoices(r, form),
		"Done":    r.URL.Query().Get("done"),
	})
}

func (s *Server) adminUpdateForum(w http.ResponseWriter, r *http.Request) {
	f, err := s.adminForumByID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := forumForm(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in, err := s.forumInput(r, v)
	if err == nil {
		_, err = s.forums.UpdateForum(r.Context(), actorOf(r), f.ID, in)
	}
	if err != nil {
		s.renderForumAdmin(w, r, httpStatus(err), f, s.refused(r, "forum", err, v))
		return
	}
	http.Redirect(w, r, "/admin/forums/"+f.ID.String()+"?done=saved", http.StatusSeeOther)
}

func (s *Server) apiCreateForum(w http.ResponseWriter, r *http.Request) {
	var in forum.ForumInput
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	f, err := s.forums.CreateForum(r.Context(), actorOf(r), in)
	s.respond(w, r, http.StatusCreated, f, err)
}

func (s *Server) apiUpdateForum(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in forum.ForumInput
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return s.forums.UpdateForum(r.Context(), actorOf(r), id, in)
	})
}

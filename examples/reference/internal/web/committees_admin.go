package web

// Managing the committee tree (/admin/committees): create a committee,
// edit one, move it under another parent, merge it into another (with the
// reason, which goes into each transferred member's history) and archive
// it. Admins manage the whole tree; the animators of a committee manage
// what lies below it, as committee.Service allows (a committee's own
// animators edit it, the animators of its parent restructure it). The
// pages are for whoever animates at least one committee; anyone else gets
// a 404. The JSON API does the same under /api/v1/committees.

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
)

func (s *Server) mountCommitteesAdmin(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/committees", s.committeesAdminPage)
	mux.HandleFunc("POST /admin/committees", s.postCreateCommittee)
	mux.HandleFunc("GET /admin/committees/{slug}", s.committeeAdminPage)
	mux.HandleFunc("POST /admin/committees/{slug}/edit", s.postEditCommittee)
	mux.HandleFunc("POST /admin/committees/{slug}/move", s.postMoveCommittee)
	mux.HandleFunc("POST /admin/committees/{slug}/merge", s.postMergeCommittee)
	mux.HandleFunc("POST /admin/committees/{slug}/archive", s.postArchiveCommittee)

	mux.HandleFunc("POST /api/v1/committees", s.signedIn(s.apiCreateCommittee))
	mux.HandleFunc("PUT /api/v1/committees/{slug}", s.signedIn(s.apiUpdateCommittee))
	mux.HandleFunc("POST /api/v1/committees/{slug}/move", s.signedIn(s.apiMoveCommittee))
	mux.HandleFunc("POST /api/v1/committees/{slug}/merge", s.signedIn(s.apiMergeCommittee))
	mux.HandleFunc("POST /api/v1/committees/{slug}/archive", s.signedIn(s.apiArchiveCommittee))
}

// committeeNotices are the notices of the management pages after ?done=.
var committeeNotices = map[string]string{
	"created": "The committee is created.",
	"updated": "The committee is saved.",
	"moved":   "The committee is moved.",
	"merged":  "The committees are merged.",
}

// managed returns the active committees the actor animates (all of them
// for an admin), in the tree's order, and every committee.
func (s *Server) managed(r *http.Request) (mine, all []committee.Committee, err error) {
	all, err = s.committees.All(r.Context())
	if err != nil {
		return nil, nil, err
	}
	actor := actorOf(r)
	for _, c := range all {
		if c.Active() && actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(c.ID)) {
			mine = append(mine, c)
		}
	}
	return mine, all, nil
}

// manager lets through the actors who animate at least one committee:
// the visitor goes to sign in, anyone else gets a 404.
func (s *Server) manager(w http.ResponseWriter, r *http.Request) ([]committee.Committee, []committee.Committee, bool) {
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, r.URL.Path)
		return nil, nil, false
	}
	mine, all, err := s.managed(r)
	if err == nil && len(mine) == 0 {
		err = avenir.ErrNotFound
	}
	if err != nil {
		s.pageError(w, r, err)
		return nil, nil, false
	}
	noStore(w)
	return mine, all, true
}

// committeeOptions are the committees of list as choices, but skip.
func committeeOptions(list []committee.Committee, selected string, skip avenir.ID) []option {
	var out []option
	for _, c := range list {
		if c.ID != skip && c.Active() {
			out = append(out, option{Value: c.ID.String(), Label: c.Name, Selected: c.ID.String() == selected})
		}
	}
	return out
}

// codes splits codes typed in a form: separated by commas or spaces.
func codes(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

// committeeFields are the fields of the create and edit forms.
var committeeFields = []string{"kind", "name", "slug", "parent", "departments", "communes", "countries", "description", "contact", "members_visible"}

// committeeDraft reads the create and edit forms.
func committeeDraft(form url.Values) (committee.Draft, map[string]string, error) {
	values := map[string]string{}
	for _, k := range committeeFields {
		values[k] = form.Get(k)
	}
	d := committee.Draft{
		Kind: committee.Kind(values["kind"]), Name: values["name"], Slug: values["slug"],
		Description: values["description"], Contact: values["contact"], MembersVisible: values["members_visible"] != "",
		Territory: committee.Territory{Departments: codes(values["departments"]), Communes: codes(values["communes"]), Countries: codes(values["countries"])},
	}
	if p := values["parent"]; p != "" {
		id, err := avenir.ParseID(p)
		if err != nil {
			return d, values, avenir.FieldError("parent", "The parent committee does not exist.")
		}
		d.Parent = id
	}
	return d, values, nil
}

// committeeValues are a committee's values in the edit form.
func committeeValues(c committee.Committee) map[string]string {
	v := map[string]string{
		"kind": string(c.Kind), "name": c.Name, "slug": c.Slug, "parent": c.Parent.String(), "description": c.Description, "contact": c.Contact,
		"departments": strings.Join(c.Territory.Departments, " "), "communes": strings.Join(c.Territory.Communes, " "),
		"countries": strings.Join(c.Territory.Countries, " "),
	}
	if c.Parent.IsZero() {
		v["parent"] = ""
	}
	if c.MembersVisible {
		v["members_visible"] = "1"
	}
	return v
}

func (s *Server) committeesAdminPage(w http.ResponseWriter, r *http.Request) {
	mine, all, ok := s.manager(w, r)
	if !ok {
		return
	}
	s.renderCommitteesAdmin(w, r, http.StatusOK, mine, all, formState{Values: map[string]string{"kind": string(committee.Local)}})
}

func (s *Server) renderCommitteesAdmin(w http.ResponseWriter, r *http.Request, status int, mine, all []committee.Committee, f formState) {
	kinds := make([]option, 0, len(committee.Kinds))
	for _, k := range committee.Kinds {
		kinds = append(kinds, option{Value: string(k), Label: s.localize(r, committeeKindLabels[k]), Selected: f.Value("kind") == string(k)})
	}
	archived := 0
	for _, c := range all {
		if !c.Active() {
			archived++
		}
	}
	s.render(w, r, status, "admin_committees.html", map[string]any{
		"Title":      s.localize(r, "Manage the committees"),
		"Committees": mine,
		"Archived":   archived,
		"Kinds":      kinds,
		"Parents":    committeeOptions(mine, f.Value("parent"), avenir.ID{}),
		"Form":       f,
		"FormName":   "create",
	})
}

func (s *Server) postCreateCommittee(w http.ResponseWriter, r *http.Request) {
	mine, all, ok := s.manager(w, r)
	if !ok {
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	d, values, err := committeeDraft(r.PostForm)
	var c committee.Committee
	if err == nil {
		c, err = s.committees.Create(r.Context(), actorOf(r), d)
	}
	if err != nil {
		s.renderCommitteesAdmin(w, r, httpStatus(err), mine, all, s.refused(r, "create", err, values))
		return
	}
	http.Redirect(w, r, "/admin/committees/"+c.Slug+"?done=created", http.StatusSeeOther)
}

// managedBySlug returns the committee of the address, for one who
// animates it; anyone else gets a 404.
func (s *Server) managedBySlug(w http.ResponseWriter, r *http.Request) (committee.Committee, []committee.Committee, bool) {
	_, all, ok := s.manager(w, r)
	if !ok {
		return committee.Committee{}, nil, false
	}
	i := slices.IndexFunc(all, func(c committee.Committee) bool { return c.Slug == r.PathValue("slug") })
	if i < 0 || !actorOf(r).Has(avenir.RoleAnimator, avenir.CommitteeScope(all[i].ID)) {
		s.pageError(w, r, avenir.ErrNotFound)
		return committee.Committee{}, nil, false
	}
	return all[i], all, true
}

func (s *Server) committeeAdminPage(w http.ResponseWriter, r *http.Request) {
	c, all, ok := s.managedBySlug(w, r)
	if !ok {
		return
	}
	s.renderCommitteeAdmin(w, r, http.StatusOK, c, all, formState{Values: committeeValues(c)})
}

func (s *Server) renderCommitteeAdmin(w http.ResponseWriter, r *http.Request, status int, c committee.Committee, all []committee.Committee, f formState) {
	var notice string
	if key, ok := committeeNotices[r.URL.Query().Get("done")]; ok && f.Error == "" {
		notice = s.localize(r, key)
	}
	var parent, mergedInto committee.Committee
	for _, o := range all {
		switch o.ID {
		case c.Parent:
			parent = o
		case c.MergedInto:
			mergedInto = o
		}
	}
	s.render(w, r, status, "admin_committee.html", map[string]any{
		"Title":      c.Name,
		"Committee":  c,
		"KindLabel":  s.localize(r, committeeKindLabels[c.Kind]),
		"Parent":     parent,
		"MergedInto": mergedInto,
		"Parents":    committeeOptions(all, cmp.Or(f.Value("new_parent"), c.Parent.String()), c.ID),
		"Targets":    committeeOptions(all, f.Value("target"), c.ID),
		"Form":       f,
		"FormName":   "edit",
		"Notice":     notice,
	})
}

// committeeAction runs one of the management forms on the committee of
// the address and goes back to its page, or shows the form's error.
func (s *Server) committeeAction(w http.ResponseWriter, r *http.Request, form string, run func(c committee.Committee) (committee.Committee, error)) {
	c, all, ok := s.managedBySlug(w, r)
	if !ok {
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	out, err := run(c)
	if err != nil {
		values := committeeValues(c)
		if form == "edit" {
			_, values, _ = committeeDraft(r.PostForm)
		}
		for _, k := range []string{"new_parent", "target", "reason"} {
			values[k] = r.PostForm.Get(k)
		}
		s.renderCommitteeAdmin(w, r, httpStatus(err), c, all, s.refused(r, form, err, values))
		return
	}
	if !out.Active() {
		// Archived: its page in the directory says so.
		http.Redirect(w, r, "/committees/"+out.Slug, http.StatusSeeOther)
		return
	}
	// A merge answers with the committee merged into.
	http.Redirect(w, r, "/admin/committees/"+out.Slug+"?done="+map[string]string{"edit": "updated", "move": "moved", "merge": "merged"}[form], http.StatusSeeOther)
}

func (s *Server) postEditCommittee(w http.ResponseWriter, r *http.Request) {
	s.committeeAction(w, r, "edit", func(c committee.Committee) (committee.Committee, error) {
		d, _, err := committeeDraft(r.PostForm)
		if err != nil {
			return c, err
		}
		d.Kind, d.Parent = c.Kind, c.Parent
		return s.committees.Update(r.Context(), actorOf(r), c.ID, d)
	})
}

func (s *Server) postMoveCommittee(w http.ResponseWriter, r *http.Request) {
	s.committeeAction(w, r, "move", func(c committee.Committee) (committee.Committee, error) {
		parent, err := avenir.ParseID(r.PostForm.Get("new_parent"))
		if err != nil {
			return c, avenir.FieldError("parent", "The parent committee does not exist.")
		}
		return s.committees.Move(r.Context(), actorOf(r), c.ID, parent)
	})
}

func (s *Server) postMergeCommittee(w http.ResponseWriter, r *http.Request) {
	s.committeeAction(w, r, "merge", func(c committee.Committee) (committee.Committee, error) {
		target, err := avenir.ParseID(r.PostForm.Get("target"))
		if err != nil {
			return c, avenir.FieldError("target", "The committee to merge into does not exist.")
		}
		reason, err := mergeReason(r.PostForm.Get("reason"))
		if err != nil {
			return c, err
		}
		return s.committees.Merge(r.Context(), actorOf(r), c.ID, target, reason)
	})
}

func (s *Server) postArchiveCommittee(w http.ResponseWriter, r *http.Request) {
	s.committeeAction(w, r, "archive", func(c committee.Committee) (committee.Committee, error) {
		return s.committees.Archive(r.Context(), actorOf(r), c.ID)
	})
}

// mergeReason requires the reason of a merge: it goes into the history of
// every member the merge transfers, who should learn why.
func mergeReason(reason string) (string, error) {
	if strings.TrimSpace(reason) == "" {
		return "", avenir.FieldError("reason", "A reason is required.")
	}
	return reason, nil
}

// ---- The API ----

func (s *Server) apiCreateCommittee(w http.ResponseWriter, r *http.Request) {
	var d committee.Draft
	if err := decode(w, r, &d); err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, err := s.committees.Create(r.Context(), actorOf(r), d)
	s.respond(w, r, http.StatusCreated, c, err)
}

func (s *Server) apiUpdateCommittee(w http.ResponseWriter, r *http.Request) {
	c, ok := s.apiCommitteeBySlug(w, r)
	if !ok {
		return
	}
	var d committee.Draft
	if err := decode(w, r, &d); err != nil {
		s.apiFail(w, r, err)
		return
	}
	out, err := s.committees.Update(r.Context(), actorOf(r), c.ID, d)
	s.respond(w, r, http.StatusOK, out, err)
}

func (s *Server) apiMoveCommittee(w http.ResponseWriter, r *http.Request) {
	c, ok := s.apiCommitteeBySlug(w, r)
	if !ok {
		return
	}
	var in struct {
		Parent avenir.ID `json:"parent"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	out, err := s.committees.Move(r.Context(), actorOf(r), c.ID, in.Parent)
	s.respond(w, r, http.StatusOK, out, err)
}

func (s *Server) apiMergeCommittee(w http.ResponseWriter, r *http.Request) {
	c, ok := s.apiCommitteeBySlug(w, r)
	if !ok {
		return
	}
	var in struct {
		Target avenir.ID `json:"target"`
		Reason string    `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	reason, err := mergeReason(in.Reason)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out, err := s.committees.Merge(r.Context(), actorOf(r), c.ID, in.Target, reason)
	s.respond(w, r, http.StatusOK, out, err)
}

func (s *Server) apiArchiveCommittee(w http.ResponseWriter, r *http.Request) {
	c, ok := s.apiCommitteeBySlug(w, r)
	if !ok {
		return
	}
	out, err := s.committees.Archive(r.Context(), actorOf(r), c.ID)
	s.respond(w, r, http.StatusOK, out, err)
}

package web

// The settings page (/settings): privacy (who may follow me, the members I
// block), notifications, and my data — its download and the erasure of
// the account, which /me carries out through the network-wide export and
// erasure (getExport, postErase).

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

func (s *Server) mountSettings(mux *http.ServeMux) {
	mux.HandleFunc("GET /settings", s.settingsPage)
	mux.HandleFunc("POST /settings/privacy", s.postPrivacy)
}

// followPolicyLabels name the follow policies for people.
var followPolicyLabels = []struct {
	policy network.FollowPolicy
	label  string
}{
	{network.FollowMembers, "Members of the movement may follow me"},
	{network.FollowNobody, "Nobody may follow me"},
}

// settingsNotices are the notices /settings shows after ?done=.
var settingsNotices = map[string]string{
	"privacy": "Your choices are saved.",
}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := meMember(w, r); !ok {
		return
	}
	s.renderSettings(w, r, http.StatusOK, formState{})
}

// renderSettings renders /settings; f is the privacy form's state after a
// refusal.
func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, status int, f formState) {
	ctx, actor := r.Context(), actorOf(r)
	policy, err := s.net.Follows.Policy(ctx, actor)
	var blocks []network.Block
	if err == nil {
		blocks, err = s.net.Follows.Blocks(ctx, actor)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	current := string(policy)
	if v := f.Value("follow_policy"); v != "" {
		current = v
	}
	var policies []option
	for _, p := range followPolicyLabels {
		policies = append(policies, option{Value: string(p.policy), Label: s.localize(r, p.label), Selected: current == string(p.policy)})
	}
	var notice string
	if key, ok := settingsNotices[r.URL.Query().Get("done")]; ok && f.Error == "" {
		notice = s.localize(r, key)
	}
	noStore(w)
	s.render(w, r, status, "settings.html", map[string]any{
		"Title":    s.localize(r, "Settings"),
		"Form":     f,
		"Notice":   notice,
		"Policies": policies,
		"Blocks":   len(blocks),
	})
}

func (s *Server) postPrivacy(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.meForm(w, r); !ok {
		return
	}
	v := r.PostForm.Get("follow_policy")
	if err := s.setFollowPolicy(r, v); err != nil {
		s.renderSettings(w, r, httpStatus(err), s.refused(r, "privacy", err, map[string]string{"follow_policy": v}))
		return
	}
	http.Redirect(w, r, "/settings?done=privacy", http.StatusSeeOther)
}

// setFollowPolicy sets who may follow the signed-in member, from its
// form or JSON value.
func (s *Server) setFollowPolicy(r *http.Request, v string) error {
	for _, p := range followPolicyLabels {
		if string(p.policy) == v {
			return s.net.Follows.SetPolicy(r.Context(), actorOf(r), p.policy)
		}
	}
	return avenir.FieldError("follow_policy", "Choose who may follow you: members or nobody.")
}

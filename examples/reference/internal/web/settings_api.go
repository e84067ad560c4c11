package web

import (
	"net/http"
)

// The privacy settings under /api/v1/me/privacy. A member's data export
// and erasure are GET /api/v1/me/export and DELETE /api/v1/me.
func (s *Server) mountSettingsAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/me/privacy", s.signedIn(s.apiPrivacy))
	mux.HandleFunc("PUT /api/v1/me/privacy", s.signedIn(s.apiSetPrivacy))
}

// privacyJSON is the privacy settings' body.
type privacyJSON struct {
	FollowPolicy string `json:"follow_policy"`
}

func (s *Server) apiPrivacy(w http.ResponseWriter, r *http.Request) {
	p, err := s.net.Follows.Policy(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, privacyJSON{FollowPolicy: string(p)}, err)
}

func (s *Server) apiSetPrivacy(w http.ResponseWriter, r *http.Request) {
	var in privacyJSON
	err := decode(w, r, &in)
	if err == nil {
		err = s.setFollowPolicy(r, in.FollowPolicy)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.apiPrivacy(w, r)
}

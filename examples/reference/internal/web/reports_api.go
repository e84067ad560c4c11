package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// The reports of conversation messages under /api/v1, for the network's
// moderators.
func (s *Server) mountReportsAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/moderation/reports", s.signedIn(s.apiReports))
}

func (s *Server) apiReports(w http.ResponseWriter, r *http.Request) {
	page, err := pageRequest(r)
	var list avenir.Page[network.Report]
	if err == nil {
		list, err = s.net.Conversations.Reports(r.Context(), actorOf(r), page)
	}
	s.respond(w, r, http.StatusOK, list, err)
}

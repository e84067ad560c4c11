package web

import "net/http"

// The audit log under /api/v1: /audit is the whole log for admins (the
// same filters as the page: member, kind, from, to, after, limit) and a
// member's own entries for anyone else; /me/audit is always the reader's
// own.
func (s *Server) mountAuditAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/audit", s.signedIn(s.apiAudit))
	mux.HandleFunc("GET /api/v1/me/audit", s.signedIn(s.apiMyAudit))
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	list, err := s.auditPage(r, false)
	s.respond(w, r, http.StatusOK, list, err)
}

func (s *Server) apiMyAudit(w http.ResponseWriter, r *http.Request) {
	list, err := s.auditPage(r, true)
	s.respond(w, r, http.StatusOK, list, err)
}

package web

import (
	"context"
	"net/http"
	"time"
)

func (s *Server) mountHealth(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.health)
}

// health answers load balancers and operators: 200 when the database
// answers within two seconds, 503 otherwise. It tells nothing more.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.log.ErrorContext(r.Context(), "health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": string(s.db.Dialect())})
}

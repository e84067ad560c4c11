package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// The personal API tokens under /api/v1/me/tokens: list, create (the
// answer holds the secret, once), revoke. With a session only (tokens.go
// says why).
func (s *Server) mountTokensAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/me/tokens", s.signedIn(s.sessionOnly(s.apiTokens)))
	mux.HandleFunc("POST /api/v1/me/tokens", s.signedIn(s.sessionOnly(s.apiCreateToken)))
	mux.HandleFunc("DELETE /api/v1/me/tokens/{id}", s.signedIn(s.sessionOnly(s.apiRevokeToken)))
}

// sessionOnly refuses a request made with a personal API token: managing
// tokens, the account's security (password, sign-out, leaving, erasure,
// the export of all one's data), roles, statuses and webhooks need the
// member's own session, so that a leaked token cannot entrench itself, take
// the account over or widen anyone's rights.
func (s *Server) sessionOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if viaAPIToken(r) {
			s.apiFail(w, r, avenir.Errorf(avenir.CodeForbidden, "This call needs a signed-in session: an API token may not make it."))
			return
		}
		h(w, r)
	}
}

func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request) {
	tokens, err := s.members.APITokens(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, map[string]any{"items": tokens}, err)
}

func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name      string                  `json:"name"`
		Scopes    []membership.TokenScope `json:"scopes"`
		ExpiresAt string                  `json:"expires_at"`
	}
	err := decode(w, r, &in)
	var (
		secret string
		tok    membership.APIToken
		input  membership.NewAPIToken
	)
	if err == nil {
		input, err = s.tokenInput(in.Name, "", in.Scopes, in.ExpiresAt)
	}
	if err == nil {
		secret, tok, err = s.members.CreateAPIToken(r.Context(), actorOf(r), input)
	}
	s.respond(w, r, http.StatusCreated, map[string]any{"token": tok, "secret": secret}, err)
}

func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		err = avenir.ErrNotFound
	} else {
		err = s.members.RevokeAPIToken(r.Context(), actorOf(r), id)
	}
	s.respond(w, r, http.StatusNoContent, nil, err)
}

package web

// Personal API tokens (/settings/tokens): a member names a token, chooses
// what it may do (read, or read and write) and, if they like, when it
// expires; the secret is shown once, on the page that answers the creation,
// and never again. The list shows each token's scopes and dates, and
// revokes one. Tokens are managed with a session only: a token cannot mint
// or revoke tokens, so that a leaked one cannot entrench itself.

import (
	"net/http"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

func (s *Server) mountTokens(mux *http.ServeMux) {
	mux.HandleFunc("GET /settings/tokens", s.tokensPage)
	mux.HandleFunc("POST /settings/tokens", s.postToken)
	mux.HandleFunc("POST /settings/tokens/{id}/revoke", s.postRevokeToken)
}

// scopeChoices name the choices of scopes for people.
var scopeChoices = []struct {
	value  string
	scopes []membership.TokenScope
	label  string
}{
	{"read", []membership.TokenScope{membership.ScopeRead}, "Read only"},
	{"write", []membership.TokenScope{membership.ScopeRead, membership.ScopeWrite}, "Read and write"},
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := meMember(w, r); !ok {
		return
	}
	s.renderTokens(w, r, http.StatusOK, formState{}, "")
}

// renderTokens renders the list and the creation form; secret is that of
// the token just made, shown this once.
func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, f formState, secret string) {
	tokens, err := s.members.APITokens(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	current := f.Value("scope")
	if current == "" {
		current = "read"
	}
	var choices []option
	for _, c := range scopeChoices {
		choices = append(choices, option{Value: c.value, Label: s.localize(r, c.label), Selected: current == c.value})
	}
	var notice string
	if r.URL.Query().Get("done") == "revoked" && f.Error == "" {
		notice = s.localize(r, "The token is revoked: it no longer works.")
	}
	noStore(w)
	s.render(w, r, status, "tokens.html", map[string]any{
		"Title":   s.localize(r, "API tokens"),
		"Tokens":  tokens,
		"Scopes":  choices,
		"Form":    f,
		"Secret":  secret,
		"Notice":  notice,
		"Now":     s.opts.Clock.Now(),
		"MinDate": s.opts.Clock.Now().In(s.location()).AddDate(0, 0, 1).Format(time.DateOnly),
	})
}

// tokenInput reads a token's name, scopes and expiry from a form or a
// JSON call. An expiry given as a date (the form's) ends with that day, in
// the network's time zone.
func (s *Server) tokenInput(name, scope string, scopes []membership.TokenScope, expires string) (membership.NewAPIToken, error) {
	in := membership.NewAPIToken{Name: name, Scopes: scopes}
	if scope != "" {
		in.Scopes = nil
		for _, c := range scopeChoices {
			if c.value == scope {
				in.Scopes = c.scopes
			}
		}
		if in.Scopes == nil {
			return in, avenir.FieldError("scopes", "Choose what the token may do.")
		}
	}
	if expires = strings.TrimSpace(expires); expires != "" {
		if d, err := time.ParseInLocation(time.DateOnly, expires, s.location()); err == nil {
			in.ExpiresAt = d.AddDate(0, 0, 1)
		} else if t, err := time.Parse(time.RFC3339, expires); err == nil {
			in.ExpiresAt = t
		} else {
			return in, avenir.FieldError("expires_at", "The expiry is not a date.")
		}
	}
	return in, nil
}

func (s *Server) postToken(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.meForm(w, r); !ok {
		return
	}
	values := map[string]string{"name": r.PostForm.Get("name"), "scope": r.PostForm.Get("scope"), "expires_at": r.PostForm.Get("expires_at")}
	in, err := s.tokenInput(values["name"], values["scope"], nil, values["expires_at"])
	var secret string
	if err == nil {
		secret, _, err = s.members.CreateAPIToken(r.Context(), actorOf(r), in)
	}
	if err != nil {
		s.renderTokens(w, r, httpStatus(err), s.refused(r, "token", err, values), "")
		return
	}
	// The answer shows the secret: no redirect, so that it is in no
	// address and no history entry, and the page is not stored.
	s.renderTokens(w, r, http.StatusCreated, formState{}, secret)
}

func (s *Server) postRevokeToken(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.meForm(w, r); !ok {
		return
	}
	id, err := avenir.ParseID(r.PathValue("id"))
	if err != nil {
		err = avenir.ErrNotFound
	} else {
		err = s.members.RevokeAPIToken(r.Context(), actorOf(r), id)
	}
	if err != nil {
		s.renderTokens(w, r, httpStatus(err), s.refused(r, "revoke", err, nil), "")
		return
	}
	http.Redirect(w, r, "/settings/tokens?done=revoked", http.StatusSeeOther)
}

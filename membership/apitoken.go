package membership

import (
	"context"
	"crypto/sha256"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// TokenScope says what a personal API token may do. A token acts as its
// member and never does more than they may: its scopes only narrow that.
type TokenScope string

// The scopes of API tokens.
const (
	ScopeRead  TokenScope = "read"  // read what the member may read
	ScopeWrite TokenScope = "write" // also write (post, change, delete) as the member
)

// TokenScopes lists the scopes, narrowest first.
var TokenScopes = []TokenScope{ScopeRead, ScopeWrite}

// APITokenPrefix starts every personal API token, so that a token is
// recognised for what it is (by the server, and by secret scanners when
// one leaks into a repository).
const APITokenPrefix = "avn_"

// Limits of API tokens.
const (
	MaxAPITokens      = 20 // tokens in use a member may hold
	MaxAPITokenName   = 80 // characters of a token's name
	apiTokenTouchStep = time.Minute
)

// APIToken is a personal API token: a named, scoped, revocable secret with
// which a member's integrations call the API as the member. Only the
// SHA-256 hash of the secret is stored; the secret is shown once, when the
// token is created.
type APIToken struct {
	ID         avenir.ID    `json:"id"`
	Member     avenir.ID    `json:"-"`
	Name       string       `json:"name"`
	Scopes     []TokenScope `json:"scopes"`
	CreatedAt  time.Time    `json:"created_at"`
	LastUsedAt time.Time    `json:"last_used_at,omitzero"`
	ExpiresAt  time.Time    `json:"expires_at,omitzero"` // zero: never
	RevokedAt  time.Time    `json:"revoked_at,omitzero"`
	Hash       []byte       `json:"-"`
}

// Allows reports whether the token carries scope.
func (t APIToken) Allows(scope TokenScope) bool { return slices.Contains(t.Scopes, scope) }

// ActiveAt reports whether the token works at now: not revoked, not expired.
func (t APIToken) ActiveAt(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// NewAPIToken is what a member gives to create a token.
type NewAPIToken struct {
	Name      string
	Scopes    []TokenScope // at least one; write brings read with it
	ExpiresAt time.Time    // optional; in the future
}

// IsAPIToken reports whether s has the form of a personal API token (its
// prefix), as opposed to a session token.
func IsAPIToken(s string) bool { return strings.HasPrefix(s, APITokenPrefix) }

// hashAPIToken returns the hash under which an API token is stored, after
// checking its form.
func hashAPIToken(plain string) ([]byte, error) {
	rest, ok := strings.CutPrefix(plain, APITokenPrefix)
	if !ok {
		return nil, errBadToken()
	}
	if _, err := HashToken(rest); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(plain))
	return sum[:], nil
}

// CreateAPIToken creates a personal API token for the actor and returns its
// secret, which is shown this once and never stored.
func (s *Service) CreateAPIToken(ctx context.Context, actor avenir.Actor, in NewAPIToken) (string, APIToken, error) {
	if actor.IsAnonymous() {
		return "", APIToken{}, avenir.ErrUnauthenticated
	}
	name := strings.TrimSpace(in.Name)
	if name == "" || utf8.RuneCountInString(name) > MaxAPITokenName {
		return "", APIToken{}, avenir.FieldError("name", "A token needs a name of at most %d characters.", MaxAPITokenName)
	}
	var scopes []TokenScope
	for _, sc := range TokenScopes {
		if slices.Contains(in.Scopes, sc) || sc == ScopeRead && slices.Contains(in.Scopes, ScopeWrite) {
			scopes = append(scopes, sc)
		}
	}
	for _, sc := range in.Scopes {
		if !slices.Contains(TokenScopes, sc) {
			return "", APIToken{}, avenir.FieldError("scopes", "The scope %q is not known.", text.Truncate(string(sc), 20))
		}
	}
	if len(scopes) == 0 {
		return "", APIToken{}, avenir.FieldError("scopes", "Choose what the token may do.")
	}
	now := s.now()
	if !in.ExpiresAt.IsZero() && !in.ExpiresAt.After(now) {
		return "", APIToken{}, avenir.FieldError("expires_at", "The expiry date must be in the future.")
	}
	plain, _ := NewToken()
	plain = APITokenPrefix + plain
	hash, _ := hashAPIToken(plain)
	t := APIToken{ID: avenir.NewID(), Member: actor.ID, Name: name, Scopes: scopes, CreatedAt: now, ExpiresAt: in.ExpiresAt.UTC(), Hash: hash}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.store.MemberForUpdate(ctx, actor.ID); err != nil { // one creation at a time a member: the count holds
			return err
		}
		held, err := s.store.APITokens(ctx, actor.ID)
		if err != nil {
			return err
		}
		if n := countActive(held, now); n >= MaxAPITokens {
			return avenir.Errorf(avenir.CodeConflict, "You hold %d API tokens already: revoke one first.", n)
		}
		if err := s.store.AddAPIToken(ctx, t); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("member.api_token_created", actor.ID, actor.ID, map[string]any{"token": t.ID, "scopes": scopes}))
	})
	if err != nil {
		return "", APIToken{}, err
	}
	return plain, t, nil
}

func countActive(ts []APIToken, now time.Time) int {
	n := 0
	for _, t := range ts {
		if t.ActiveAt(now) {
			n++
		}
	}
	return n
}

// APITokens lists the actor's tokens not revoked, newest first (expired
// ones too, marked by their expiry).
func (s *Service) APITokens(ctx context.Context, actor avenir.Actor) ([]APIToken, error) {
	if actor.IsAnonymous() {
		return nil, avenir.ErrUnauthenticated
	}
	ts, err := s.store.APITokens(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(ts, func(t APIToken) bool { return !t.RevokedAt.IsZero() }), nil
}

// RevokeAPIToken revokes one of the actor's tokens. Someone else's token,
// or one already revoked, is not found.
func (s *Service) RevokeAPIToken(ctx context.Context, actor avenir.Actor, id avenir.ID) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.RevokeAPIToken(ctx, actor.ID, id, s.now()); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("member.api_token_revoked", actor.ID, actor.ID, map[string]any{"token": id}))
	})
}

// AuthenticateAPIToken returns the actor of a personal API token, its
// member and the token (for its scopes), and notes its use (at most once a
// minute). A malformed, unknown, revoked or expired token, or one whose
// member may not sign in, is unauthenticated.
func (s *Service) AuthenticateAPIToken(ctx context.Context, plain string) (avenir.Actor, Member, APIToken, error) {
	hash, err := hashAPIToken(plain)
	if err != nil {
		return avenir.Anonymous, Member{}, APIToken{}, avenir.ErrUnauthenticated
	}
	t, err := s.store.APIToken(ctx, hash)
	now := s.now()
	if err != nil || !t.ActiveAt(now) {
		if err != nil && !avenir.IsCode(err, avenir.CodeNotFound) {
			return avenir.Anonymous, Member{}, APIToken{}, err
		}
		return avenir.Anonymous, Member{}, APIToken{}, avenir.ErrUnauthenticated
	}
	m, err := s.store.Member(ctx, t.Member)
	if err != nil {
		return avenir.Anonymous, Member{}, APIToken{}, err
	}
	if !canSignIn(m.Status) {
		return avenir.Anonymous, Member{}, APIToken{}, avenir.ErrUnauthenticated
	}
	if now.Sub(t.LastUsedAt) >= apiTokenTouchStep {
		if err := s.store.TouchAPIToken(ctx, t.ID, now); err != nil {
			return avenir.Anonymous, Member{}, APIToken{}, err
		}
		t.LastUsedAt = now
	}
	actor, err := s.actorOf(ctx, m)
	return actor, m, t, err
}

package membership_test

import (
	"context"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestCreateAPITokenChecksItsInput(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		tests := []struct {
			name   string
			actor  avenir.Actor
			in     membership.NewAPIToken
			code   avenir.Code
			scopes []membership.TokenScope
		}{
			{"read", f.admin, membership.NewAPIToken{Name: "Tableau de bord", Scopes: []membership.TokenScope{"read"}}, "", []membership.TokenScope{"read"}},
			{"write brings read", f.admin, membership.NewAPIToken{Name: "Robot", Scopes: []membership.TokenScope{"write"}}, "", []membership.TokenScope{"read", "write"}},
			{"anonymous", avenir.Anonymous, membership.NewAPIToken{Name: "x", Scopes: []membership.TokenScope{"read"}}, avenir.CodeUnauthenticated, nil},
			{"no name", f.admin, membership.NewAPIToken{Name: "  ", Scopes: []membership.TokenScope{"read"}}, avenir.CodeInvalid, nil},
			{"long name", f.admin, membership.NewAPIToken{Name: strings.Repeat("é", membership.MaxAPITokenName+1), Scopes: []membership.TokenScope{"read"}}, avenir.CodeInvalid, nil},
			{"no scope", f.admin, membership.NewAPIToken{Name: "x"}, avenir.CodeInvalid, nil},
			{"unknown scope", f.admin, membership.NewAPIToken{Name: "x", Scopes: []membership.TokenScope{"read", "admin"}}, avenir.CodeInvalid, nil},
			{"past expiry", f.admin, membership.NewAPIToken{Name: "x", Scopes: []membership.TokenScope{"read"}, ExpiresAt: start.Add(-time.Hour)}, avenir.CodeInvalid, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				secret, tok, err := f.svc.CreateAPIToken(ctx, tt.actor, tt.in)
				if tt.code != "" {
					assert.Equal(t, tt.code, avenir.ErrorCode(err), "%v", err)
					assert.Empty(t, secret)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, tt.scopes, tok.Scopes)
				assert.True(t, strings.HasPrefix(secret, membership.APITokenPrefix))
				sum := sha256.Sum256([]byte(secret))
				assert.Equal(t, sum[:], tok.Hash, "only the hash is kept")
			})
		}
	})
}

func TestAPITokenLifecycle(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		camille := f.actor(t, f.register(t, "camille@example.org", false).ID)

		secret, tok, err := f.svc.CreateAPIToken(ctx, camille, membership.NewAPIToken{Name: "Agenda", Scopes: []membership.TokenScope{"read"}, ExpiresAt: start.Add(24 * time.Hour)})
		require.NoError(t, err)
		forever, _, err := f.svc.CreateAPIToken(ctx, camille, membership.NewAPIToken{Name: "Robot", Scopes: []membership.TokenScope{"write"}})
		require.NoError(t, err)

		// The token acts as its member, no more.
		actor, m, got, err := f.svc.AuthenticateAPIToken(ctx, secret)
		require.NoError(t, err)
		assert.Equal(t, camille.ID, actor.ID)
		assert.Equal(t, camille.ID, m.ID)
		assert.False(t, actor.IsAdmin())
		assert.True(t, got.Allows(membership.ScopeRead))
		assert.False(t, got.Allows(membership.ScopeWrite))

		list, err := f.svc.APITokens(ctx, camille)
		require.NoError(t, err)
		require.Len(t, list, 2)
		assert.Equal(t, start, list[1].LastUsedAt, "its use is noted")
		others, err := f.svc.APITokens(ctx, f.admin)
		require.NoError(t, err)
		assert.Empty(t, others, "a member lists their own tokens only")

		// Someone else cannot revoke it; its owner can, once.
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(f.svc.RevokeAPIToken(ctx, f.admin, tok.ID)))
		require.NoError(t, f.svc.RevokeAPIToken(ctx, camille, tok.ID))
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(f.svc.RevokeAPIToken(ctx, camille, tok.ID)))
		_, _, _, err = f.svc.AuthenticateAPIToken(ctx, secret)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "revoked")
		list, err = f.svc.APITokens(ctx, camille)
		require.NoError(t, err)
		assert.Len(t, list, 1)

		// Expiry, and malformed tokens.
		second, _, err := f.svc.CreateAPIToken(ctx, camille, membership.NewAPIToken{Name: "Court", Scopes: []membership.TokenScope{"read"}, ExpiresAt: start.Add(time.Hour)})
		require.NoError(t, err)
		f.clock.Advance(time.Hour)
		for _, bad := range []string{second, "avn_" + strings.Repeat("A", 43), "avn_short", forever[len(membership.APITokenPrefix):]} {
			_, _, _, err = f.svc.AuthenticateAPIToken(ctx, bad)
			assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), bad)
		}
		_, _, _, err = f.svc.AuthenticateAPIToken(ctx, forever)
		assert.NoError(t, err, "a token without expiry")

		// The export lists the tokens, never a secret; erasure removes them.
		x, err := f.svc.Export(ctx, camille, camille.ID)
		require.NoError(t, err)
		assert.Len(t, x.APITokens, 3)
		_, err = f.svc.Erase(ctx, f.admin, camille.ID)
		require.NoError(t, err)
		_, _, _, err = f.svc.AuthenticateAPIToken(ctx, forever)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
		n, err := db.Bun().NewSelect().Table("avenir_api_tokens").Where("member_id = ?", camille.ID).Count(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

func TestAPITokensAreCapped(t *testing.T) {
	f := newFixture(t, storagetest.SQLite(t))
	ctx := context.Background()
	for range membership.MaxAPITokens {
		_, _, err := f.svc.CreateAPIToken(ctx, f.admin, membership.NewAPIToken{Name: "x", Scopes: []membership.TokenScope{"read"}})
		require.NoError(t, err)
	}
	_, _, err := f.svc.CreateAPIToken(ctx, f.admin, membership.NewAPIToken{Name: "x", Scopes: []membership.TokenScope{"read"}})
	assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err))
}

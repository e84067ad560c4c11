package network_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestNewRefusesAnInvalidConfig(t *testing.T) {
	db := storagetest.SQLite(t)
	cfg := network.DefaultConfig()
	cfg.Branding.PrimaryColor = "red"
	n, err := network.New(db, cfg)
	assert.Nil(t, n)
	var e *avenir.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "branding.primary_color", e.Field)
}

func TestNewWiresEveryService(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db, func(c *network.Config) {
			c.Moderation.FlagThreshold = 5
			c.Consultations.SupportLimit = 4
			c.Membership.Tiers = []network.Tier{{Key: "solidaire", Amount: 100, Currency: "EUR"}}
			c.Solidarity.Categories = []solidarity.Category{{Code: "pets", Label: "Pets"}}
		})
		n := f.net
		require.NotNil(t, n.Members)
		require.NotNil(t, n.Committees)
		require.NotNil(t, n.Forums)
		require.NotNil(t, n.Consultations)
		require.NotNil(t, n.Solidarity)
		for _, svc := range []any{n.Audit, n.Follows, n.Conversations, n.Feed, n.Relay, n.Notifications, n.Webhooks} {
			require.NotNil(t, svc)
		}
		// The configuration reached each service.
		assert.Equal(t, 5, n.Forums.FlagThreshold())
		assert.Equal(t, 4, n.Consultations.SupportLimit())
		assert.Equal(t, "solidaire", n.Members.Policy().Tiers[0].Key)
		assert.Equal(t, "Europe/Paris", n.Members.Policy().Location.String())
		assert.Equal(t, "pets", n.Solidarity.Categories()[0].Code)
		// The services share the injected clock.
		national, err := n.Committees.National(context.Background())
		require.NoError(t, err)
		assert.Equal(t, start, national.CreatedAt.UTC())
	})
}

func TestActor(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.member(t, avenir.StatusActive)
		_, err := f.net.Committees.Join(ctx, avenir.Actor{ID: m.ID, Status: m.Status}, f.lyon.ID)
		require.NoError(t, err)
		_, err = f.net.Members.GrantRole(ctx, f.admin, m.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(f.rhone.ID)})
		require.NoError(t, err)

		a := f.actor(t, m.ID)
		assert.Equal(t, m.ID, a.ID)
		assert.Equal(t, avenir.StatusActive, a.Status)
		assert.Equal(t, []avenir.ID{f.lyon.ID}, a.Committees)
		// The federation's animator animates the committee below it.
		assert.True(t, a.Has(avenir.RoleAnimator, avenir.CommitteeScope(f.rhone.ID)))
		assert.True(t, a.Has(avenir.RoleAnimator, avenir.CommitteeScope(f.lyon.ID)))
		assert.False(t, a.Has(avenir.RoleAnimator, avenir.CommitteeScope(f.national.ID)))

		// Membership reaches the committee tree through the network: the
		// federation's animator may make someone animator of the committee
		// directly below it, not of one elsewhere.
		other := f.member(t, avenir.StatusActive)
		_, err = f.net.Members.GrantRole(ctx, a, other.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(f.lyon.ID)})
		require.NoError(t, err)
		_, err = f.net.Members.GrantRole(ctx, a, other.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(f.national.ID)})
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err))

		// A suspended member keeps their grants but they are inert.
		_, err = f.net.Members.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "test"})
		require.NoError(t, err)
		a = f.actor(t, m.ID)
		assert.Equal(t, avenir.StatusSuspended, a.Status)
		assert.False(t, a.Has(avenir.RoleAnimator, avenir.CommitteeScope(f.lyon.ID)))

		_, err = f.net.Actor(ctx, avenir.NewID())
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))
	})
}

package network_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// auditLog reads every entry the actor may see with the filter, a page of
// two at a time, so that the keyset is crossed.
func auditLog(t *testing.T, f *fixture, actor avenir.Actor, filter network.AuditFilter) []network.AuditEntry {
	t.Helper()
	out, err := avenir.Collect(avenir.PageRequest{Limit: 2}, func(page avenir.PageRequest) (avenir.Page[network.AuditEntry], error) {
		return f.net.Audit.List(context.Background(), actor, filter, page)
	})
	require.NoError(t, err)
	return out
}

func kinds(entries []network.AuditEntry) []network.AuditKind {
	out := make([]network.AuditKind, len(entries))
	for i, e := range entries {
		out[i] = e.Kind
	}
	return out
}

func TestAudit(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		rosa := f.member(t, avenir.StatusActive)
		other := f.member(t, avenir.StatusActive)
		tick := func() { f.clock.Advance(time.Minute) }

		// Role and status changes are audited in their transaction.
		tick()
		g, err := f.net.Members.GrantRole(ctx, f.admin, rosa.ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		require.NoError(t, err)
		tick()
		_, err = f.net.Members.RevokeRole(ctx, f.admin, g.ID)
		require.NoError(t, err)
		tick()
		supporter := f.member(t, avenir.StatusSupporter)
		_, err = f.net.Members.GrantRole(ctx, f.admin, supporter.ID, membership.GrantInput{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
		require.Error(t, err, "a supporter holds no role")
		tick()
		_, err = f.net.Members.ChangeStatus(ctx, f.admin, other.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "test"})
		require.NoError(t, err)

		// Contact details seen and exported by an admin (membership's
		// access records, merged).
		tick()
		_, err = f.net.Members.Member(ctx, f.admin, rosa.ID)
		require.NoError(t, err)
		tick()
		_, err = f.net.Members.Export(ctx, f.admin, rosa.ID)
		require.NoError(t, err)

		// A moderation decision about rosa's post, by a moderator.
		mod := f.member(t, avenir.StatusActive)
		_, err = f.net.Members.GrantRole(ctx, f.admin, mod.ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		require.NoError(t, err)
		fo, err := f.net.Forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Écologie", Audience: avenir.Public})
		require.NoError(t, err)
		_, post, err := f.net.Forums.Start(ctx, f.actor(t, rosa.ID), fo.ID, forum.Draft{Title: "Vélo", Body: "Des pistes cyclables !"})
		require.NoError(t, err)
		tick()
		d, err := f.net.Forums.Decide(ctx, f.actor(t, mod.ID), post.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonOffTopic, Text: "Hors sujet."})
		require.NoError(t, err)

		// A configuration change.
		tick()
		before := f.net.Config
		after := before
		after.Tagline, after.Moderation.FlagThreshold = "Ensemble", 4
		require.NoError(t, f.net.Audit.ConfigChanged(ctx, f.admin, before, after))
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(f.net.Audit.ConfigChanged(ctx, f.actor(t, rosa.ID), before, after)))

		// The admin reads it all, newest first, and filters.
		all := auditLog(t, f, f.admin, network.AuditFilter{})
		assert.Subset(t, kinds(all), []network.AuditKind{network.AuditRoleGranted, network.AuditRoleRevoked, network.AuditStatusChanged,
			network.AuditContactViewed, network.AuditExport, network.AuditModeration, network.AuditConfigChanged})
		for i := 1; i < len(all); i++ {
			assert.False(t, all[i].At.After(all[i-1].At), "newest first")
		}
		mine := auditLog(t, f, f.admin, network.AuditFilter{Member: rosa.ID})
		assert.Equal(t, []network.AuditKind{network.AuditModeration, network.AuditExport, network.AuditContactViewed,
			network.AuditRoleRevoked, network.AuditRoleGranted}, kinds(mine))
		assert.Equal(t, f.admin.ID, mine[1].Actor)
		assert.JSONEq(t, `{"what":"profile"}`, string(mine[2].Details))
		moderation := mine[0]
		assert.Equal(t, mod.ID, moderation.Actor, "the admin sees who moderated")
		var details map[string]any
		require.NoError(t, json.Unmarshal(moderation.Details, &details))
		assert.Equal(t, d.ID.String(), details["decision"])
		assert.Equal(t, "hide", details["action"])

		cfg := auditLog(t, f, f.admin, network.AuditFilter{Kinds: []network.AuditKind{network.AuditConfigChanged}})
		require.Len(t, cfg, 1)
		assert.JSONEq(t, `{"changed":{"tagline":"Ensemble","moderation.flag_threshold":4}}`, string(cfg[0].Details))
		assert.True(t, cfg[0].Member.IsZero())

		ranged := auditLog(t, f, f.admin, network.AuditFilter{Member: rosa.ID, From: start.Add(2 * time.Minute), To: start.Add(6 * time.Minute)})
		// From is inclusive, To exclusive: the export at the sixth minute is left out.
		assert.Equal(t, []network.AuditKind{network.AuditContactViewed, network.AuditRoleRevoked}, kinds(ranged))

		// Rosa reads the entries about her, whatever she asks, without the
		// moderator's name; the other member sees none of hers.
		asRosa := auditLog(t, f, f.actor(t, rosa.ID), network.AuditFilter{Member: other.ID})
		assert.Equal(t, kinds(mine), kinds(asRosa))
		assert.True(t, asRosa[0].Actor.IsZero(), "the moderator is not named to the author")
		asOther := auditLog(t, f, f.actor(t, other.ID), network.AuditFilter{Member: rosa.ID})
		assert.Equal(t, []network.AuditKind{network.AuditStatusChanged}, kinds(asOther))
		for _, e := range asOther {
			assert.Equal(t, other.ID, e.Member)
		}
		_, err = f.net.Audit.List(ctx, avenir.Anonymous, network.AuditFilter{}, avenir.PageRequest{})
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
		_, err = f.net.Audit.List(ctx, f.admin, network.AuditFilter{Kinds: []network.AuditKind{"gossip"}}, avenir.PageRequest{})
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))

		// Feeding the outbox again (a relay replaying it) writes nothing twice.
		count := len(all)
		events, err := db.Events(ctx, f.admin, avenir.PageRequest{Limit: 100})
		require.NoError(t, err)
		for _, e := range events.Items {
			require.NoError(t, f.net.Audit.Consume(ctx, e))
		}
		assert.Len(t, auditLog(t, f, f.admin, network.AuditFilter{}), count)
	})
}

// TestAuditAPITokens: creating and revoking a personal API token is
// audited, with the token's ID and scopes, never its secret.
func TestAuditAPITokens(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		rosa := f.actor(t, f.member(t, avenir.StatusActive).ID)
		secret, tok, err := f.net.Members.CreateAPIToken(ctx, rosa, membership.NewAPIToken{Name: "Agenda", Scopes: []membership.TokenScope{membership.ScopeRead}})
		require.NoError(t, err)
		f.clock.Advance(time.Minute)
		require.NoError(t, f.net.Members.RevokeAPIToken(ctx, rosa, tok.ID))

		entries := auditLog(t, f, rosa, network.AuditFilter{Kinds: []network.AuditKind{network.AuditAPIToken}})
		require.Len(t, entries, 2)
		var actions []string
		for _, e := range entries {
			assert.Equal(t, rosa.ID, e.Actor)
			assert.Equal(t, rosa.ID, e.Member)
			assert.NotContains(t, string(e.Details), secret[4:])
			var d struct {
				Token  avenir.ID `json:"token"`
				Action string    `json:"action"`
			}
			require.NoError(t, json.Unmarshal(e.Details, &d))
			assert.Equal(t, tok.ID, d.Token)
			actions = append(actions, d.Action)
		}
		assert.Equal(t, []string{"revoked", "created"}, actions, "newest first")
	})
}

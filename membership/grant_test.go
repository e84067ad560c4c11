package membership_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// Committees and forums of the grant tests. The tree is
//
//	P ─► C ─► G
//	Q ─► D
var (
	committeeP = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000a1")
	committeeC = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000a2")
	committeeG = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000a3")
	committeeQ = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000b1")
	committeeD = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000b2")
	forumF     = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000f1")
	forumG     = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000f2")
)

// committeeTree is a membership.CommitteeTree over a map child → parent; a
// root maps to the zero ID.
type committeeTree map[avenir.ID]avenir.ID

func (tr committeeTree) Parent(_ context.Context, c avenir.ID) (avenir.ID, error) {
	p, ok := tr[c]
	if !ok {
		return avenir.ID{}, avenir.ErrNotFound
	}
	return p, nil
}

var testTree = committeeTree{committeeP: {}, committeeC: committeeP, committeeG: committeeC, committeeQ: {}, committeeD: committeeQ}

// grantee registers a member, gives them status and grants straight in the
// store, and returns their actor.
func grantee(t *testing.T, f *fixture, email string, st avenir.Status, grants ...avenir.Grant) avenir.Actor {
	t.Helper()
	ctx := context.Background()
	m := f.register(t, email, false)
	for _, g := range grants {
		require.NoError(t, f.db.Members().AddGrant(ctx, membership.Grant{ID: avenir.NewID(), Member: m.ID, Role: g.Role, Scope: g.Scope, GrantedAt: start}))
	}
	forceStatus(t, f.db, m.ID, st)
	return f.actor(t, m.ID)
}

func TestGrantRolePermissions(t *testing.T) {
	var (
		network  = avenir.NetworkScope()
		forum    = avenir.ForumScope(forumF)
		other    = avenir.ForumScope(forumG)
		child    = avenir.CommitteeScope(committeeC)
		dept69   = avenir.DepartmentScope("69")
		admin    = avenir.RoleAdmin
		mod      = avenir.RoleModerator
		animator = avenir.RoleAnimator
		referent = avenir.RoleReferent
	)
	type granter int
	const (
		byAdmin granter = iota
		byNetworkModerator
		byForumModerator
		byAnimator
		byReferent
		byMember
		byLapsedAdmin
		byAnonymous
	)
	tests := []struct {
		name  string
		by    granter
		role  avenir.Role
		scope avenir.Scope
		want  avenir.Code // "" for success
	}{
		// An admin gives every valid role.
		{"admin gives admin", byAdmin, admin, network, ""},
		{"admin gives network moderator", byAdmin, mod, network, ""},
		{"admin gives forum moderator", byAdmin, mod, forum, ""},
		{"admin gives animator", byAdmin, animator, child, ""},
		{"admin gives referent", byAdmin, referent, dept69, ""},
		// A network moderator gives forum moderation, nothing else.
		{"network moderator gives forum moderator", byNetworkModerator, mod, forum, ""},
		{"network moderator gives moderator of another forum", byNetworkModerator, mod, other, ""},
		{"network moderator gives network moderator", byNetworkModerator, mod, network, avenir.CodeForbidden},
		{"network moderator gives admin", byNetworkModerator, admin, network, avenir.CodeForbidden},
		{"network moderator gives animator", byNetworkModerator, animator, child, avenir.CodeForbidden},
		{"network moderator gives referent", byNetworkModerator, referent, dept69, avenir.CodeForbidden},
		// A forum's moderator does not co-opt others.
		{"forum moderator gives moderator of the same forum", byForumModerator, mod, forum, avenir.CodeForbidden},
		{"forum moderator gives moderator of another forum", byForumModerator, mod, other, avenir.CodeForbidden},
		// Without a committee tree, an animator gives nothing.
		{"animator without a tree gives animator below", byAnimator, animator, child, avenir.CodeForbidden},
		{"referent gives referent", byReferent, referent, dept69, avenir.CodeForbidden},
		// A plain member, an admin out of good standing, a visitor: nothing.
		{"member gives admin", byMember, admin, network, avenir.CodeForbidden},
		{"member gives network moderator", byMember, mod, network, avenir.CodeForbidden},
		{"member gives forum moderator", byMember, mod, forum, avenir.CodeForbidden},
		{"member gives animator", byMember, animator, child, avenir.CodeForbidden},
		{"member gives referent", byMember, referent, dept69, avenir.CodeForbidden},
		{"lapsed admin gives admin", byLapsedAdmin, admin, network, avenir.CodeForbidden},
		{"lapsed admin gives forum moderator", byLapsedAdmin, mod, forum, avenir.CodeForbidden},
		{"anonymous gives forum moderator", byAnonymous, mod, forum, avenir.CodeForbidden},
		// Roles over scopes they do not apply to, whoever asks.
		{"admin over a forum", byAdmin, admin, forum, avenir.CodeInvalid},
		{"admin over a committee", byAdmin, admin, child, avenir.CodeInvalid},
		{"animator over the network", byAdmin, animator, network, avenir.CodeInvalid},
		{"animator over a forum", byAdmin, animator, forum, avenir.CodeInvalid},
		{"animator over no committee", byAdmin, animator, avenir.CommitteeScope(avenir.ID{}), avenir.CodeInvalid},
		{"referent without a code", byAdmin, referent, avenir.DepartmentScope(""), avenir.CodeInvalid},
		{"referent over the network", byAdmin, referent, network, avenir.CodeInvalid},
		{"moderator over a committee", byAdmin, mod, child, avenir.CodeInvalid},
		{"moderator over a department", byAdmin, mod, dept69, avenir.CodeInvalid},
		{"moderator over no forum", byAdmin, mod, avenir.ForumScope(avenir.ID{}), avenir.CodeInvalid},
		{"unknown role", byAdmin, "president", network, avenir.CodeInvalid},
		{"unknown scope kind", byAdmin, mod, avenir.Scope{Kind: "region"}, avenir.CodeInvalid},
		{"member asks for an invalid combination", byMember, admin, forum, avenir.CodeInvalid},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		granters := map[granter]avenir.Actor{
			byAdmin:            f.admin,
			byNetworkModerator: grantee(t, f, "g-netmod@example.org", avenir.StatusActive, avenir.Grant{Role: mod, Scope: network}),
			byForumModerator:   grantee(t, f, "g-formod@example.org", avenir.StatusActive, avenir.Grant{Role: mod, Scope: forum}),
			byAnimator:         grantee(t, f, "g-anim@example.org", avenir.StatusActive, avenir.Grant{Role: animator, Scope: avenir.CommitteeScope(committeeP)}),
			byReferent:         grantee(t, f, "g-ref@example.org", avenir.StatusActive, avenir.Grant{Role: referent, Scope: dept69}),
			byMember:           grantee(t, f, "g-member@example.org", avenir.StatusActive),
			byLapsedAdmin:      grantee(t, f, "g-lapsed@example.org", avenir.StatusLapsed, avenir.Grant{Role: admin, Scope: network}),
			byAnonymous:        avenir.Anonymous,
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				to := grantee(t, f, fmt.Sprintf("to%02d@example.org", i), avenir.StatusActive)
				by := granters[tt.by]
				grants, outbox := tableRows(t, db, "avenir_grants"), tableRows(t, db, "avenir_outbox")

				g, err := f.svc.GrantRole(ctx, by, to.ID, membership.GrantInput{Role: tt.role, Scope: tt.scope})
				if tt.want != "" {
					assert.Equal(t, tt.want, avenir.ErrorCode(err), "%v", err)
					if tt.want == avenir.CodeInvalid {
						assert.Equal(t, "role", errorField(err))
					}
					assert.Equal(t, grants, tableRows(t, db, "avenir_grants"), "no grant was recorded")
					assert.Equal(t, outbox, tableRows(t, db, "avenir_outbox"), "no event")
					assert.False(t, f.actor(t, to.ID).Has(tt.role, tt.scope))
					return
				}
				require.NoError(t, err)
				assert.False(t, g.ID.IsZero())
				assert.Equal(t, to.ID, g.Member)
				assert.Equal(t, by.ID, g.GrantedBy)
				assert.Equal(t, start, g.GrantedAt)
				assert.True(t, g.InForce(start))
				assert.Equal(t, grants+1, tableRows(t, db, "avenir_grants"))
				assert.Equal(t, outbox+1, tableRows(t, db, "avenir_outbox"))
				assert.True(t, f.actor(t, to.ID).Has(tt.role, tt.scope), "the role is in the member's actor")
				listed, err := f.svc.Grants(ctx, f.admin, to.ID)
				require.NoError(t, err)
				require.Len(t, listed, 1)
				assert.Equal(t, g, listed[0], "the grant reads back as given")
			})
		}
	})
}

// TestAnimatorGrantsBelow: with a committee tree, the animator of a committee
// gives animator of the committees directly below it, and of no other.
func TestAnimatorGrantsBelow(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		svc := membership.NewService(db.Members(), membership.Config{Clock: f.clock, Mailer: f.mail, Password: fastPasswords, Committees: testTree})
		animatorOf := func(email string, c avenir.ID) avenir.Actor {
			return grantee(t, f, email, avenir.StatusActive, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(c)})
		}
		ofP := animatorOf("a-p@example.org", committeeP)
		ofC := animatorOf("a-c@example.org", committeeC)
		inGraceOfP := grantee(t, f, "a-p-grace@example.org", avenir.StatusGrace, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeP)})
		lapsedOfP := grantee(t, f, "a-p-lapsed@example.org", avenir.StatusLapsed, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeP)})
		netMod := grantee(t, f, "a-mod@example.org", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})

		tests := []struct {
			name      string
			svc       *membership.Service
			by        avenir.Actor
			committee avenir.ID
			want      avenir.Code
		}{
			{"animator of P gives C, a child of P", svc, ofP, committeeC, ""},
			{"animator of C gives G, a child of C", svc, ofC, committeeG, ""},
			{"animator of P in grace gives C", svc, inGraceOfP, committeeC, ""},
			{"animator of P gives G, a grandchild", svc, ofP, committeeG, avenir.CodeForbidden},
			{"animator of P gives P itself", svc, ofP, committeeP, avenir.CodeForbidden},
			{"animator of P gives D, a child of Q", svc, ofP, committeeD, avenir.CodeForbidden},
			{"animator of P gives Q, another root", svc, ofP, committeeQ, avenir.CodeForbidden},
			{"animator of C gives P, its parent", svc, ofC, committeeP, avenir.CodeForbidden},
			{"lapsed animator of P gives C", svc, lapsedOfP, committeeC, avenir.CodeForbidden},
			{"network moderator gives C", svc, netMod, committeeC, avenir.CodeForbidden},
			{"animator of P gives C without a tree", f.svc, ofP, committeeC, avenir.CodeForbidden},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				to := grantee(t, f, fmt.Sprintf("an%02d@example.org", i), avenir.StatusActive)
				scope := avenir.CommitteeScope(tt.committee)
				g, err := tt.svc.GrantRole(ctx, tt.by, to.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: scope})
				if tt.want != "" {
					assert.Equal(t, tt.want, avenir.ErrorCode(err), "%v", err)
					assert.False(t, f.actor(t, to.ID).Has(avenir.RoleAnimator, scope))
					return
				}
				require.NoError(t, err)
				assert.True(t, f.actor(t, to.ID).Has(avenir.RoleAnimator, scope))

				// Whoever may give the role may take it back.
				_, err = f.svc.RevokeRole(ctx, tt.by, g.ID)
				assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err), "not without the tree")
				r, err := svc.RevokeRole(ctx, tt.by, g.ID)
				require.NoError(t, err)
				assert.Equal(t, tt.by.ID, r.RevokedBy)
				assert.False(t, f.actor(t, to.ID).Has(avenir.RoleAnimator, scope))
			})
		}
	})
}

// TestGrantNeedsGoodStanding: only a member in good standing may hold a role.
func TestGrantNeedsGoodStanding(t *testing.T) {
	tests := []struct {
		status avenir.Status
		want   avenir.Code
	}{
		{avenir.StatusSupporter, avenir.CodeConflict},
		{avenir.StatusApplicant, avenir.CodeConflict},
		{avenir.StatusActive, ""},
		{avenir.StatusGrace, ""},
		{avenir.StatusLapsed, avenir.CodeConflict},
		{avenir.StatusSuspended, avenir.CodeConflict},
		{avenir.StatusLeft, avenir.CodeConflict},
		{avenir.StatusErased, avenir.CodeConflict},
	}
	require.Len(t, tests, len(avenir.Statuses))
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for _, tt := range tests {
			t.Run(string(tt.status), func(t *testing.T) {
				to := grantee(t, f, "gs-"+string(tt.status)+"@example.org", tt.status)
				grants := tableRows(t, db, "avenir_grants")
				_, err := f.svc.GrantRole(ctx, f.admin, to.ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forumF)})
				if tt.want == "" {
					assert.NoError(t, err)
					assert.Equal(t, grants+1, tableRows(t, db, "avenir_grants"))
					return
				}
				assert.Equal(t, tt.want, avenir.ErrorCode(err), "%v", err)
				assert.Equal(t, grants, tableRows(t, db, "avenir_grants"))
			})
		}
		_, err := f.svc.GrantRole(ctx, f.admin, avenir.NewID(), membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forumF)})
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err), "no such member")
	})
}

// TestGrantInForce covers duplicates, expiry and revocation: a grant in force
// cannot be given twice; an expired or revoked one leaves the actor but stays
// on record, and the role may then be given again.
func TestGrantInForce(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		to := grantee(t, f, "held@example.org", avenir.StatusActive)
		modF := membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forumF)}

		g, err := f.svc.GrantRole(ctx, f.admin, to.ID, modF)
		require.NoError(t, err)
		_, err = f.svc.GrantRole(ctx, f.admin, to.ID, modF)
		assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err), "a duplicate of a grant in force")
		_, err = f.svc.GrantRole(ctx, f.admin, to.ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forumG)})
		require.NoError(t, err, "the same role over another scope is another grant")

		// Expiry.
		_, err = f.svc.GrantRole(ctx, f.admin, to.ID, membership.GrantInput{Role: avenir.RoleReferent, Scope: avenir.DepartmentScope("69"), ExpiresAt: start})
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "an end that is not in the future")
		assert.Equal(t, "expires_at", errorField(err))
		end := start.Add(time.Hour)
		ref, err := f.svc.GrantRole(ctx, f.admin, to.ID, membership.GrantInput{Role: avenir.RoleReferent, Scope: avenir.DepartmentScope("69"), ExpiresAt: end})
		require.NoError(t, err)
		assert.Equal(t, end, ref.ExpiresAt)
		assert.True(t, f.actor(t, to.ID).Has(avenir.RoleReferent, avenir.DepartmentScope("69")))
		f.clock.Set(end.Add(-time.Microsecond))
		assert.True(t, f.actor(t, to.ID).Has(avenir.RoleReferent, avenir.DepartmentScope("69")), "in force until its end")
		f.clock.Set(end)
		a := f.actor(t, to.ID)
		assert.False(t, a.Has(avenir.RoleReferent, avenir.DepartmentScope("69")), "expired")
		assert.NotContains(t, a.Grants, avenir.Grant{Role: avenir.RoleReferent, Scope: avenir.DepartmentScope("69")})
		assert.True(t, a.Has(avenir.RoleModerator, avenir.ForumScope(forumF)), "the grant without an end stays")
		_, err = f.svc.GrantRole(ctx, f.admin, to.ID, membership.GrantInput{Role: avenir.RoleReferent, Scope: avenir.DepartmentScope("69")})
		require.NoError(t, err, "an expired grant is no duplicate")

		// Revocation.
		f.clock.Advance(time.Hour)
		revoked, err := f.svc.RevokeRole(ctx, f.admin, g.ID)
		require.NoError(t, err)
		assert.Equal(t, f.clock.Now(), revoked.RevokedAt)
		assert.Equal(t, f.admin.ID, revoked.RevokedBy)
		_, err = f.svc.RevokeRole(ctx, f.admin, g.ID)
		assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err), "revoked twice")
		assert.False(t, f.actor(t, to.ID).Has(avenir.RoleModerator, avenir.ForumScope(forumF)))

		listed, err := f.svc.Grants(ctx, f.actor(t, to.ID), to.ID)
		require.NoError(t, err)
		require.Len(t, listed, 4, "revoked and expired grants stay on record")
		byID := map[avenir.ID]membership.Grant{}
		for _, l := range listed {
			byID[l.ID] = l
		}
		assert.Equal(t, revoked, byID[g.ID])
		assert.Equal(t, f.clock.Now(), byID[g.ID].RevokedAt)
		assert.Equal(t, end, byID[ref.ID].ExpiresAt)
		assert.True(t, byID[ref.ID].RevokedAt.IsZero())

		_, err = f.svc.GrantRole(ctx, f.admin, to.ID, modF)
		assert.NoError(t, err, "a revoked grant is no duplicate")

		// Who may see and revoke.
		stranger := grantee(t, f, "stranger@example.org", avenir.StatusActive)
		_, err = f.svc.Grants(ctx, stranger, to.ID)
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))
		_, err = f.svc.RevokeRole(ctx, stranger, ref.ID)
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err))
		_, err = f.svc.RevokeRole(ctx, f.admin, avenir.NewID())
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))
	})
}

// TestNetworkModeratorRevokesForumModerator: whoever may give a role may
// take it back; a plain member may not.
func TestNetworkModeratorRevokesForumModerator(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		netMod := grantee(t, f, "netmod@example.org", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		member := grantee(t, f, "member@example.org", avenir.StatusActive)
		to := grantee(t, f, "formod@example.org", avenir.StatusActive)
		g, err := f.svc.GrantRole(ctx, f.admin, to.ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forumF)})
		require.NoError(t, err)

		_, err = f.svc.RevokeRole(ctx, member, g.ID)
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err))
		r, err := f.svc.RevokeRole(ctx, netMod, g.ID)
		require.NoError(t, err)
		assert.Equal(t, netMod.ID, r.RevokedBy)

		// A network moderator may not take back what only an admin gives.
		adminGrant, err := f.svc.GrantRole(ctx, f.admin, to.ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		require.NoError(t, err)
		_, err = f.svc.RevokeRole(ctx, netMod, adminGrant.ID)
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err))
	})
}

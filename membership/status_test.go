package membership_test

import (
	"context"
	"fmt"
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

const fixturePassword = "correct horse battery staple" // the fixture's password

// TestRightsPerStatus builds, for each status, the actor of a member through
// Service.Actor and checks what the status gives: registered participation,
// members-only content, public content, sign-in, and whether a grant held
// counts.
func TestRightsPerStatus(t *testing.T) {
	forum := avenir.MustParseID("01936b2e-0000-7000-8000-0000000000ff")
	tests := []struct {
		status       avenir.Status
		registered   bool // takes part as a registered user
		goodStanding bool // members-only rights, and grants in force
		signIn       bool // may open a session
	}{
		{avenir.StatusSupporter, true, false, true},
		{avenir.StatusApplicant, true, false, true},
		{avenir.StatusActive, true, true, true},
		{avenir.StatusGrace, true, true, true},
		{avenir.StatusLapsed, true, false, true},
		{avenir.StatusSuspended, false, false, false},
		{avenir.StatusLeft, true, false, true},
		{avenir.StatusErased, false, false, false},
	}
	require.Len(t, tests, len(avenir.Statuses), "every status is in the table")
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for i, tt := range tests {
			t.Run(string(tt.status), func(t *testing.T) {
				email := fmt.Sprintf("r%d-%s@example.org", i, tt.status)
				m := f.register(t, email, false)
				// The grant is written in the store: GrantRole would refuse it
				// to a member out of good standing.
				require.NoError(t, db.Members().AddGrant(ctx, membership.Grant{ID: avenir.NewID(), Member: m.ID,
					Role: avenir.RoleModerator, Scope: avenir.ForumScope(forum), GrantedAt: start}))
				forceStatus(t, db, m.ID, tt.status)

				a, err := f.svc.Actor(ctx, m.ID)
				require.NoError(t, err)
				assert.Equal(t, m.ID, a.ID)
				assert.Equal(t, tt.status, a.Status)
				assert.Equal(t, tt.goodStanding, a.InGoodStanding(), "InGoodStanding")
				assert.Equal(t, tt.registered, a.Registered(), "Registered")
				assert.Equal(t, tt.registered, avenir.Registered.Allows(a), "registered audience")
				assert.Equal(t, tt.goodStanding, avenir.Members.Allows(a), "members-only audience")
				assert.True(t, avenir.Public.Allows(a), "public content is for everyone")

				// The grant is listed (it is in force) but counts only in good standing.
				assert.Contains(t, a.Grants, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(forum)})
				assert.Equal(t, tt.goodStanding, a.Has(avenir.RoleModerator, avenir.ForumScope(forum)), "the grant counts")
				assert.Equal(t, tt.goodStanding, avenir.ForumModerators(forum).Allows(a), "the forum's moderators audience")
				assert.False(t, a.IsAdmin())

				_, err = f.svc.SignIn(ctx, email, fixturePassword, "192.0.2.1")
				if tt.signIn {
					assert.NoError(t, err)
				} else {
					assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "%v", err)
				}
			})
		}
	})
}

// TestSuspension suspends a paying member for a week: a reason is required,
// their sessions end, they cannot sign in, and Sweep lifts the suspension
// once the week is over, back to the status their dues give.
func TestSuspension(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "suspended@example.org", true)
		_, err := f.svc.RecordPayment(ctx, f.admin, m.ID, membership.PaymentInput{Method: membership.MethodCard})
		require.NoError(t, err)
		in, err := f.svc.SignIn(ctx, "suspended@example.org", fixturePassword, "192.0.2.1")
		require.NoError(t, err)
		week := start.Add(7 * 24 * time.Hour)

		invalid := []struct {
			name  string
			c     membership.StatusChange
			field string
		}{
			{"no reason", membership.StatusChange{To: avenir.StatusSuspended}, "reason"},
			{"blank reason", membership.StatusChange{To: avenir.StatusSuspended, Reason: " \t\n "}, "reason"},
			{"reason too long", membership.StatusChange{To: avenir.StatusSuspended, Reason: strings.Repeat("é", 1001)}, "reason"},
			{"end in the past", membership.StatusChange{To: avenir.StatusSuspended, Reason: "spam", Until: start.Add(-time.Hour)}, "until"},
			{"end now", membership.StatusChange{To: avenir.StatusSuspended, Reason: "spam", Until: start}, "until"},
			{"end date on another status", membership.StatusChange{To: avenir.StatusLeft, Until: week}, "until"},
			{"unknown status", membership.StatusChange{To: "banned", Reason: "spam"}, "status"},
		}
		for _, tt := range invalid {
			t.Run(tt.name, func(t *testing.T) {
				before := captureState(t, db, m.ID)
				_, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, tt.c)
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%v", err)
				assert.Equal(t, tt.field, errorField(err))
				before.assertUnchanged(t, db)
			})
		}
		_, _, err = f.svc.Authenticate(ctx, in.Token)
		require.NoError(t, err, "a refused suspension leaves the sessions alone")

		got, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "  insults in the forum ", Until: week})
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusSuspended, got.Status)
		assert.Equal(t, week, got.SuspendedUntil)
		stored, err := db.Members().Member(ctx, m.ID)
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusSuspended, stored.Status)
		assert.Equal(t, week, stored.SuspendedUntil)
		history, err := f.svc.History(ctx, f.admin, m.ID)
		require.NoError(t, err)
		last := history[len(history)-1]
		assert.Equal(t, avenir.StatusActive, last.From)
		assert.Equal(t, "insults in the forum", last.Reason, "the reason is cleaned and kept")

		// Sessions end; no new ones open, by password or by link.
		_, _, err = f.svc.Authenticate(ctx, in.Token)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "the suspension revoked the session")
		_, err = f.svc.SignIn(ctx, "suspended@example.org", fixturePassword, "192.0.2.1")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
		mails := len(f.mail.All())
		require.NoError(t, f.svc.RequestSignInLink(ctx, "suspended@example.org"))
		assert.Len(t, f.mail.All(), mails, "no sign-in link for a suspended member")
		a := f.actor(t, m.ID)
		assert.False(t, a.InGoodStanding())
		assert.False(t, a.Registered())

		// Before the end, Sweep leaves the suspension alone.
		f.clock.Set(week.Add(-time.Second))
		_, err = f.svc.Sweep(ctx)
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusSuspended, f.actor(t, m.ID).Status)

		// After it, Sweep lifts it: the membership, paid until next year, is active.
		f.clock.Set(week.Add(time.Second))
		n, err := f.svc.Sweep(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		lifted, err := db.Members().Member(ctx, m.ID)
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusActive, lifted.Status)
		assert.True(t, lifted.SuspendedUntil.IsZero(), "no suspension end remains")
		history, err = f.svc.History(ctx, f.admin, m.ID)
		require.NoError(t, err)
		last = history[len(history)-1]
		assert.Equal(t, avenir.StatusSuspended, last.From)
		assert.Equal(t, avenir.StatusActive, last.To)
		assert.True(t, last.Actor.IsZero(), "the system lifted it")
		_, err = f.svc.SignIn(ctx, "suspended@example.org", fixturePassword, "192.0.2.1")
		assert.NoError(t, err, "signs in again")
	})
}

// TestSweepLiftsSuspensionToDuesStanding checks the status a lifted
// suspension gives back, for each state of the dues.
func TestSweepLiftsSuspensionToDuesStanding(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name    string
		expires time.Duration // the membership's end, from the time of the Sweep; 0: never paid
		until   time.Duration // the suspension's end, from the time of the Sweep; 0: indefinite
		want    avenir.Status
	}{
		{"never paid", 0, -day, avenir.StatusSupporter},
		{"paid until later", 30 * day, -day, avenir.StatusActive},
		{"expired, within grace", -10 * day, -day, avenir.StatusGrace},
		{"expired, past grace", -200 * day, -day, avenir.StatusLapsed},
		{"suspension not over", 30 * day, day, avenir.StatusSuspended},
		{"indefinite suspension", 30 * day, 0, avenir.StatusSuspended},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		sweepAt := start.Add(30 * day)
		ids := make([]avenir.ID, len(tests))
		for i, tt := range tests {
			m := f.register(t, fmt.Sprintf("s%d@example.org", i), false)
			m.Status = avenir.StatusSuspended
			if tt.expires != 0 {
				m.ExpiresAt = sweepAt.Add(tt.expires)
			}
			if tt.until != 0 {
				m.SuspendedUntil = sweepAt.Add(tt.until)
			}
			require.NoError(t, db.Members().UpdateMember(ctx, m))
			ids[i] = m.ID
		}
		f.clock.Set(sweepAt)
		n, err := f.svc.Sweep(ctx)
		require.NoError(t, err)
		assert.Equal(t, 4, n, "four suspensions are over")
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				assert.Equal(t, tt.want, f.actor(t, ids[i]).Status)
			})
		}
		again, err := f.svc.Sweep(ctx)
		require.NoError(t, err)
		assert.Zero(t, again, "Sweep is idempotent")
	})
}

// TestLeaveRevokesSessions checks that a member who resigns is signed out
// everywhere.
func TestLeaveRevokesSessions(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "leaving@example.org", true)
		other := f.register(t, "staying@example.org", false)
		var tokens []string
		for range 2 {
			in, err := f.svc.SignIn(ctx, "leaving@example.org", fixturePassword, "192.0.2.1")
			require.NoError(t, err)
			tokens = append(tokens, in.Token)
		}
		stay, err := f.svc.SignIn(ctx, "staying@example.org", fixturePassword, "192.0.2.1")
		require.NoError(t, err)

		_, err = f.svc.Leave(ctx, avenir.Anonymous, "")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))

		got, err := f.svc.Leave(ctx, f.actor(t, m.ID), "  moving abroad ")
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusLeft, got.Status)
		for i, tok := range tokens {
			_, _, err := f.svc.Authenticate(ctx, tok)
			assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "session %d", i)
		}
		a, _, err := f.svc.Authenticate(ctx, stay.Token)
		require.NoError(t, err, "another member's session lives on")
		assert.Equal(t, other.ID, a.ID)

		history, err := f.svc.History(ctx, f.actor(t, m.ID), m.ID)
		require.NoError(t, err)
		last := history[len(history)-1]
		assert.Equal(t, avenir.StatusApplicant, last.From)
		assert.Equal(t, avenir.StatusLeft, last.To)
		assert.Equal(t, m.ID, last.Actor)
		assert.Equal(t, "moving abroad", last.Reason)
	})
}

// TestChangeStatusNeedsAnAdmin: everyone but an admin in good standing is
// refused, and nothing changes.
func TestChangeStatusNeedsAnAdmin(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		target := f.register(t, "target@example.org", false)

		// person registers someone with a status and grants, straight in the store.
		person := func(t *testing.T, email string, st avenir.Status, grants ...avenir.Grant) avenir.Actor {
			m := f.register(t, email, false)
			for _, g := range grants {
				require.NoError(t, db.Members().AddGrant(ctx, membership.Grant{ID: avenir.NewID(), Member: m.ID, Role: g.Role, Scope: g.Scope, GrantedAt: start}))
			}
			forceStatus(t, db, m.ID, st)
			return f.actor(t, m.ID)
		}
		admin := avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}
		tests := []struct {
			name  string
			actor func(t *testing.T) avenir.Actor
		}{
			{"anonymous", func(*testing.T) avenir.Actor { return avenir.Anonymous }},
			{"the member themself", func(t *testing.T) avenir.Actor { return f.actor(t, target.ID) }},
			{"an active member", func(t *testing.T) avenir.Actor { return person(t, "n1@example.org", avenir.StatusActive) }},
			{"a network moderator", func(t *testing.T) avenir.Actor {
				return person(t, "n2@example.org", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
			}},
			{"a lapsed admin", func(t *testing.T) avenir.Actor { return person(t, "n3@example.org", avenir.StatusLapsed, admin) }},
			{"a suspended admin", func(t *testing.T) avenir.Actor { return person(t, "n4@example.org", avenir.StatusSuspended, admin) }},
			{"an actor claiming to be an admin without the grant", func(*testing.T) avenir.Actor {
				return avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive}
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				actor := tt.actor(t)
				before := captureState(t, db, target.ID)
				_, err := f.svc.ChangeStatus(ctx, actor, target.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "because"})
				assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err), "%v", err)
				_, err = f.svc.ChangeStatus(ctx, actor, target.ID, membership.StatusChange{To: avenir.StatusApplicant})
				assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err), "%v", err)
				before.assertUnchanged(t, db)
			})
		}

		// An admin in grace is still an admin.
		graceAdmin := person(t, "n5@example.org", avenir.StatusGrace, admin)
		_, err := f.svc.ChangeStatus(ctx, graceAdmin, target.ID, membership.StatusChange{To: avenir.StatusApplicant})
		assert.NoError(t, err)
	})
}

// TestChangeStatusToErased: erasure has its own workflow.
func TestChangeStatusToErased(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for _, from := range []avenir.Status{avenir.StatusSupporter, avenir.StatusActive, avenir.StatusLeft} {
			t.Run(string(from), func(t *testing.T) {
				m := f.register(t, "e-"+string(from)+"@example.org", false)
				forceStatus(t, db, m.ID, from)
				before := captureState(t, db, m.ID)
				_, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusErased, Reason: "asked for it"})
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
				assert.Equal(t, "status", errorField(err))
				before.assertUnchanged(t, db)
			})
		}
	})
}

// TestFindByEmail: only admins find a member by address, and each find is
// audited; nobody else learns whether an address is a member's.
func TestFindByEmail(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		target := f.register(t, "cible@example.org", false)
		member := f.register(t, "voisin@example.org", false)
		forceStatus(t, db, member.ID, avenir.StatusActive)
		admin := f.admin

		for _, tc := range []struct {
			name  string
			actor avenir.Actor
			email string
			code  avenir.Code
		}{
			{"an admin, any case", admin, "  CIBLE@example.org ", ""},
			{"an admin, an address of nobody", admin, "personne@example.org", avenir.CodeNotFound},
			{"an admin, not an address", admin, "cible", avenir.CodeInvalid},
			{"a member", f.actor(t, member.ID), "cible@example.org", avenir.CodeNotFound},
			{"a visitor", avenir.Anonymous, "cible@example.org", avenir.CodeNotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				m, err := f.svc.FindByEmail(ctx, tc.actor, tc.email)
				if tc.code != "" {
					assert.Equal(t, tc.code, avenir.ErrorCode(err), "%v", err)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, target.ID, m.ID)
			})
		}
		x, err := f.svc.Export(ctx, f.actor(t, target.ID), target.ID)
		require.NoError(t, err)
		var lookups int
		for _, a := range x.Accesses {
			if a.What == "lookup by email" && a.Viewer == admin.ID {
				lookups++
			}
		}
		assert.Equal(t, 1, lookups, "the admin's find is in the member's export")
	})
}

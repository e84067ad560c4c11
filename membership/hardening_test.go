package membership_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestSessionsHaveAnAbsoluteLifetime(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.register(t, "long@example.org", false)
		in, err := f.svc.SignIn(ctx, "long@example.org", "correct horse battery staple", "192.0.2.9")
		require.NoError(t, err)
		// Used every 20 days, the session slides… until 90 days after it opened.
		for day := 20; day < 90; day += 20 {
			f.clock.Set(start.Add(time.Duration(day) * 24 * time.Hour))
			_, _, err := f.svc.Authenticate(ctx, in.Token)
			require.NoError(t, err, "day %d", day)
		}
		f.clock.Set(start.Add(90*24*time.Hour + time.Minute))
		_, _, err = f.svc.Authenticate(ctx, in.Token)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
	})
}

func TestSignInLinksAreThrottled(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.register(t, "flood@example.org", false)
		count := func() int { return len(f.mail.All()) }
		before := count()
		for range 8 {
			require.NoError(t, f.svc.RequestSignInLink(ctx, "flood@example.org"), "the answer never changes")
		}
		assert.Equal(t, before+5, count(), "five links an hour at most")
		f.clock.Advance(61 * time.Minute)
		require.NoError(t, f.svc.RequestSignInLink(ctx, "flood@example.org"))
		assert.Equal(t, before+6, count(), "the next hour, links go again")
	})
}

func TestSweepRespectsASuspensionExtendedMeanwhile(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "sus@example.org", false)
		_, err := f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "spam", Until: start.Add(24 * time.Hour)})
		require.NoError(t, err)
		f.clock.Advance(48 * time.Hour)
		n, err := f.svc.Sweep(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		got, err := db.Members().Member(ctx, m.ID)
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusSupporter, got.Status, "lifted back to what the dues give")

		// An indefinite suspension is never lifted by time.
		_, err = f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "again"})
		require.NoError(t, err)
		f.clock.Advance(365 * 24 * time.Hour)
		n, err = f.svc.Sweep(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

func TestConsentSourceMustBeKnown(t *testing.T) {
	db := storagetest.SQLite(t)
	f := newFixture(t, db)
	m := f.register(t, "src@example.org", false)
	_, err := f.svc.SetConsent(context.Background(), f.actor(t, m.ID), membership.ConsentNewsletter, true, "carrier pigeon")
	assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
}

// TestParallelSignInsCannotOutrunTheThrottle: however many wrong passwords
// arrive at once, no more than the limit are judged.
func TestParallelSignInsCannotOutrunTheThrottle(t *testing.T) {
	db := storagetest.Postgres(t)
	f := newFixture(t, db)
	f.register(t, "target@example.org", false)
	const attempts = 40
	errs := make(chan error, attempts)
	startLine := make(chan struct{})
	for i := range attempts {
		go func() {
			<-startLine
			_, err := f.svc.SignIn(context.Background(), "target@example.org", "guess number "+string(rune('a'+i%26)), "203.0.113.5")
			errs <- err
		}()
	}
	close(startLine)
	judged := 0
	for range attempts {
		err := <-errs
		switch avenir.ErrorCode(err) {
		case avenir.CodeUnauthenticated:
			judged++
		case avenir.CodeRateLimited:
		default:
			t.Errorf("unexpected answer: %v", err)
		}
	}
	assert.LessOrEqual(t, judged, 5, "at most the limit of guesses were checked")

	// After the window, the owner signs in.
	f.clock.Advance(16 * time.Minute)
	_, err := f.svc.SignIn(context.Background(), "target@example.org", "correct horse battery staple", "198.51.100.1")
	assert.NoError(t, err)
}

func TestARevokedSessionStaysRevoked(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "revoked@example.org", false)
		in, err := f.svc.SignIn(ctx, "revoked@example.org", "correct horse battery staple", "192.0.2.3")
		require.NoError(t, err)
		// A request read the session, then a sign-out everywhere landed,
		// then the request renews what it read.
		store := db.Members()
		stale, err := store.Session(ctx, in.Session.Hash)
		require.NoError(t, err)
		require.NoError(t, f.svc.SignOutEverywhere(ctx, f.actor(t, m.ID)))
		require.NoError(t, store.RenewSession(ctx, stale.Hash, f.clock.Now(), f.clock.Now().Add(time.Hour)))
		_, _, err = f.svc.Authenticate(ctx, in.Token)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
	})
}

func TestVisibilityJSON(t *testing.T) {
	tests := []struct {
		name string
		in   membership.Visibility
		json string
	}{
		{"private and public", membership.Visibility{membership.FieldEmail: membership.Private, membership.FieldPhone: avenir.Public}, `{"email":"private","phone":"public"}`},
		{"members", membership.Visibility{membership.FieldFullName: avenir.Members}, `{"full_name":"members"}`},
		{"empty", membership.Visibility{}, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			require.NoError(t, err)
			assert.JSONEq(t, tt.json, string(b))
			var back membership.Visibility
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.in, back)
		})
	}
	var v membership.Visibility
	err := json.Unmarshal([]byte(`{"email":"friends"}`), &v)
	assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
	require.NoError(t, json.Unmarshal([]byte(`{"email":""}`), &v))
	assert.Equal(t, membership.Private, v[membership.FieldEmail], "an empty audience is private")
}

func TestRevokeGrantOnce(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "mod@example.org", false)
		forceStatus(t, db, m.ID, avenir.StatusActive)
		g, err := f.svc.GrantRole(ctx, f.admin, m.ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		require.NoError(t, err)
		require.NoError(t, db.Members().RevokeGrant(ctx, g.ID, f.admin.ID, f.clock.Now()))
		err = db.Members().RevokeGrant(ctx, g.ID, f.admin.ID, f.clock.Now())
		assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err), "the second of two revocations loses")
	})
}

// TestAccountPreHijacking: someone registers another person's address with
// a password of theirs. The password opens nothing until the address is
// confirmed, and the owner signing in by link removes it.
func TestAccountPreHijacking(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		const attackerPassword = "the attacker's own password"
		_, err := f.svc.Register(ctx, membership.Registration{Email: "victim@example.org", Password: attackerPassword,
			Profile: membership.Profile{DisplayName: "Victim"}, Consents: []string{membership.ConsentMembership}})
		require.NoError(t, err)
		assert.NotContains(t, f.mail.Last(t).Text, "Victim", "the mail carries no text the registrant typed")

		_, err = f.svc.SignIn(ctx, "victim@example.org", attackerPassword, "203.0.113.66")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "no password sign-in before the address is confirmed")

		// The owner signs in with a link: the address is proven, the
		// password someone else set is gone.
		require.NoError(t, f.svc.RequestSignInLink(ctx, "victim@example.org"))
		_, err = f.svc.SignInWithLink(ctx, linkToken(t, f.mail.Last(t).Text))
		require.NoError(t, err)
		_, err = f.svc.SignIn(ctx, "victim@example.org", attackerPassword, "203.0.113.66")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "the attacker's password was removed")
	})
}

// TestConfirmingKeepsTheRegistrantsPassword: the ordinary path — register
// with a password, confirm the address, sign in with it.
func TestConfirmingKeepsTheRegistrantsPassword(t *testing.T) {
	db := storagetest.SQLite(t)
	f := newFixture(t, db)
	ctx := context.Background()
	_, err := f.svc.Register(ctx, membership.Registration{Email: "owner@example.org", Password: "my very own password",
		Profile: membership.Profile{DisplayName: "Owner"}, Consents: []string{membership.ConsentMembership}})
	require.NoError(t, err)
	_, err = f.svc.VerifyEmail(ctx, linkToken(t, f.mail.Last(t).Text))
	require.NoError(t, err)
	_, err = f.svc.SignIn(ctx, "owner@example.org", "my very own password", "192.0.2.77")
	assert.NoError(t, err)
}

// TestBootstrapAdminOnlyOnce: the first admin is made once; after that, the
// way to more admins is GrantRole by an admin.
func TestBootstrapAdminOnlyOnce(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db) // the fixture bootstrapped its admin
		assert.True(t, f.admin.IsAdmin())
		history, err := f.svc.History(ctx, f.admin, f.admin.ID)
		require.NoError(t, err)
		require.NotEmpty(t, history)
		assert.Equal(t, "first admin", history[len(history)-1].Reason, "the promotion is on record")

		m := f.register(t, "usurper@example.org", false)
		_, err = f.svc.BootstrapAdmin(ctx, m.ID)
		assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err))
		assert.False(t, f.actor(t, m.ID).IsAdmin())
	})
}

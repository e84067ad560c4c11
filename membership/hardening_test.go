package membership_test

import (
	"context"
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
		count := func() int {
			f.mail.mu.Lock()
			defer f.mail.mu.Unlock()
			return len(f.mail.mails)
		}
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

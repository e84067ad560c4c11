package membership_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/membership/membershiptest"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// fixture is a Service on a fresh database with a manual clock.
type fixture struct {
	db    *storage.DB
	svc   *membership.Service
	clock *avenir.ManualClock
	mail  *membershiptest.Mailbox
	admin avenir.Actor
}

var start = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// fastPasswords keep the tests quick; the defaults are tested in password_test.go.
var fastPasswords = membership.PasswordParams{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func newFixture(t *testing.T, db *storage.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, clock: avenir.NewManualClock(start), mail: &membershiptest.Mailbox{}}
	f.svc = membership.NewService(db.Members(), membership.Config{
		Clock: f.clock, Mailer: f.mail, BaseURL: "https://example.org", Password: fastPasswords,
	})
	f.admin = f.adminActor(t)
	return f
}

// register signs up a person and returns them.
func (f *fixture) register(t *testing.T, email string, join bool) membership.Member {
	t.Helper()
	m, err := f.svc.Register(context.Background(), membership.Registration{
		Email: email, Password: "correct horse battery staple",
		Profile:  membership.Profile{DisplayName: "Camille " + email[:3], FullName: "Camille Desmoulins", Address: membership.Address{PostalCode: "69003"}},
		Join:     join,
		Consents: []string{membership.ConsentMembership, membership.ConsentNewsletter},
	})
	require.NoError(t, err)
	require.False(t, m.ID.IsZero())
	return f.verified(t, m.ID)
}

// verified marks a member's address confirmed, as their following the
// mailed link would (a password opens an account only then), without
// spending the link, which tests of links use.
func (f *fixture) verified(t *testing.T, id avenir.ID) membership.Member {
	t.Helper()
	ctx := context.Background()
	m, err := f.db.Members().Member(ctx, id)
	require.NoError(t, err)
	if m.EmailVerified.IsZero() {
		m.EmailVerified = f.clock.Now()
		require.NoError(t, f.db.Members().UpdateMember(ctx, m))
	}
	return m
}

// adminActor makes a network admin directly in the store (the first admin of
// a network is made by its operator, not through the Service).
func (f *fixture) adminActor(t *testing.T) avenir.Actor {
	t.Helper()
	ctx := context.Background()
	m := f.register(t, "admin@example.org", false)
	a, err := f.svc.BootstrapAdmin(ctx, m.ID)
	require.NoError(t, err)
	require.True(t, a.IsAdmin())
	return a
}

func (f *fixture) actor(t *testing.T, id avenir.ID) avenir.Actor {
	t.Helper()
	a, err := f.svc.Actor(context.Background(), id)
	require.NoError(t, err)
	return a
}

func TestJoinPayRenewLapse(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "camille@example.org", true)
		assert.Equal(t, avenir.StatusApplicant, m.Status)

		// An admin records a payment: the member becomes active until the end of the year.
		p, err := f.svc.RecordPayment(ctx, f.admin, m.ID, membership.PaymentInput{Method: membership.MethodCheque, Reference: "n° 1234"})
		require.NoError(t, err)
		assert.Equal(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), p.Expires)
		assert.Equal(t, int64(3000), p.Amount)
		got, err := f.svc.Member(ctx, f.admin, m.ID)
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusActive, got.Status)
		assert.True(t, f.actor(t, m.ID).InGoodStanding())

		// In December it shows in the renewals due within 30 days.
		f.clock.Set(time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC))
		due, err := f.svc.Renewals(ctx, f.admin, 30*24*time.Hour, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, due.Items, 1)
		assert.Equal(t, m.ID, due.Items[0].ID)

		// After the new year: grace, then lapsed.
		f.clock.Set(time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC))
		n, err := f.svc.Sweep(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		grace, err := f.svc.Renewals(ctx, f.admin, 0, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, grace.Items, 1)
		assert.True(t, f.actor(t, m.ID).InGoodStanding(), "grace keeps members-only access")

		f.clock.Set(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC))
		_, err = f.svc.Sweep(ctx)
		require.NoError(t, err)
		lapsed := f.actor(t, m.ID)
		assert.Equal(t, avenir.StatusLapsed, lapsed.Status)
		assert.False(t, lapsed.InGoodStanding())
		assert.True(t, avenir.Public.Allows(lapsed), "a lapsed member keeps public access")

		history, err := f.svc.History(ctx, f.admin, m.ID)
		require.NoError(t, err)
		var path []avenir.Status
		for _, tr := range history {
			path = append(path, tr.To)
		}
		assert.Equal(t, []avenir.Status{avenir.StatusApplicant, avenir.StatusActive, avenir.StatusGrace, avenir.StatusLapsed}, path)
	})
}

func TestSignInFlows(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "jean@example.org", false)

		// Email verification link, single use.
		token := linkToken(t, f.mail.Last(t).Text)
		v, err := f.svc.VerifyEmail(ctx, token)
		require.NoError(t, err)
		assert.False(t, v.EmailVerified.IsZero())
		_, err = f.svc.VerifyEmail(ctx, token)
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "a link works once")

		// Password sign-in, session, sign-out.
		in, err := f.svc.SignIn(ctx, " JEAN@example.org ", "correct horse battery staple", "192.0.2.1")
		require.NoError(t, err)
		actor, _, err := f.svc.Authenticate(ctx, in.Token)
		require.NoError(t, err)
		assert.Equal(t, m.ID, actor.ID)
		require.NoError(t, f.svc.SignOut(ctx, in.Token))
		_, _, err = f.svc.Authenticate(ctx, in.Token)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))

		// Unknown email and wrong password: the same answer.
		_, errUnknown := f.svc.SignIn(ctx, "nobody@example.org", "whatever it is", "192.0.2.1")
		_, errWrong := f.svc.SignIn(ctx, "jean@example.org", "not the password", "192.0.2.1")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(errUnknown))
		assert.Equal(t, errUnknown.Error(), errWrong.Error())

		// Passwordless link.
		require.NoError(t, f.svc.RequestSignInLink(ctx, "jean@example.org"))
		link := linkToken(t, f.mail.Last(t).Text)
		in2, err := f.svc.SignInWithLink(ctx, link)
		require.NoError(t, err)
		_, err = f.svc.SignInWithLink(ctx, link)
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))

		// Sessions slide and expire.
		f.clock.Advance(29 * 24 * time.Hour)
		_, _, err = f.svc.Authenticate(ctx, in2.Token)
		require.NoError(t, err, "used within the TTL: renewed")
		f.clock.Advance(29 * 24 * time.Hour)
		_, _, err = f.svc.Authenticate(ctx, in2.Token)
		require.NoError(t, err, "still alive thanks to the renewal")
		f.clock.Advance(31 * 24 * time.Hour)
		_, _, err = f.svc.Authenticate(ctx, in2.Token)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err), "expired")
	})
}

// linkToken extracts the token of the link in a mail.
func linkToken(t *testing.T, text string) string {
	t.Helper()
	i := strings.LastIndex(text, "token=")
	require.GreaterOrEqual(t, i, 0, "a link with a token in %q", text)
	token := text[i+len("token="):]
	if end := strings.IndexAny(token, " \n"); end >= 0 {
		token = token[:end]
	}
	return token
}

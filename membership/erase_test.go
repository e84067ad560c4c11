package membership_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// dumpDatabase returns every value of every table of the database as text.
func dumpDatabase(t *testing.T, db *storage.DB) string { return storagetest.Dump(t, db) }

func TestEraseLeavesNoPersonalData(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		personal := []string{"hélène.zeller@example.org", "Hélène Zeller", "Zézette", "+33612345678", "12 rue des Lilas", "01630", "Saint-Genis-Pouilly"}
		m, err := f.svc.Register(ctx, membership.Registration{
			Email: personal[0], Password: "correct horse battery staple", Join: true,
			Profile: membership.Profile{DisplayName: personal[2], FullName: personal[1], Phone: "06 12 34 56 78",
				Address: membership.Address{Line: personal[4], PostalCode: personal[5], City: personal[6]}},
			Consents: []string{membership.ConsentMembership, membership.ConsentNewsletter},
		})
		require.NoError(t, err)
		_, err = f.svc.VerifyEmail(ctx, linkToken(t, f.mail.Last(t).Text))
		require.NoError(t, err)
		_, err = f.svc.RecordPayment(ctx, f.admin, m.ID, membership.PaymentInput{Method: membership.MethodCheque, Reference: "chèque Hélène Zeller"})
		require.NoError(t, err)
		_, err = f.svc.SignIn(ctx, personal[0], "wrong password!!", "198.51.100.7")
		require.Error(t, err)
		in, err := f.svc.SignIn(ctx, personal[0], "correct horse battery staple", "198.51.100.7")
		require.NoError(t, err)
		require.NoError(t, f.svc.RequestSignInLink(ctx, personal[0]))
		_, err = f.svc.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusSuspended, Reason: "Hélène Zeller a insulté un militant"})
		require.NoError(t, err)

		before := dumpDatabase(t, db)
		for _, p := range personal {
			require.True(t, strings.Contains(before, strings.ToLower(p)), "the dump sees %q before erasure", p)
		}

		// The export holds it all, for the member.
		x, err := f.svc.Export(ctx, avenir.Actor{ID: m.ID, Status: avenir.StatusSuspended}, m.ID)
		require.NoError(t, err)
		doc, err := json.Marshal(x)
		require.NoError(t, err)
		for _, p := range []string{personal[0], personal[1], "+33612345678"} {
			assert.Contains(t, string(doc), p)
		}
		assert.Len(t, x.Payments, 1)
		assert.Len(t, x.History, 3)

		proof, err := f.svc.Erase(ctx, f.admin, m.ID)
		require.NoError(t, err)
		assert.Equal(t, m.ID, proof.Member)

		after := dumpDatabase(t, db)
		for _, p := range append(personal, "lilas", "insulté", "zeller") {
			for _, line := range strings.Split(after, "\n") {
				if strings.Contains(line, strings.ToLower(p)) {
					t.Errorf("%q survived erasure in %q", p, line)
				}
			}
		}

		// No sign-in counter of the account or its address remains.
		var keys []string
		require.NoError(t, db.Bun().NewSelect().TableExpr("avenir_sign_in_failures").Column("key").Scan(ctx, &keys))
		for _, k := range keys {
			assert.True(t, strings.HasPrefix(k, "client:"), "counter %q survived erasure", k)
		}

		// The tombstone keeps references valid, the proof and the payment amounts stay.
		tomb, err := db.Members().Member(ctx, m.ID)
		require.NoError(t, err)
		assert.Equal(t, avenir.StatusErased, tomb.Status)
		assert.Empty(t, tomb.Email)
		n, err := db.Bun().NewSelect().TableExpr("avenir_erasures").Where("member_id = ?", m.ID).Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 1, n)
		pays, err := db.Members().Payments(ctx, m.ID)
		require.NoError(t, err)
		require.Len(t, pays, 1)
		assert.Equal(t, int64(3000), pays[0].Amount)

		// Nothing of the account works any more, and a second erasure is refused.
		_, _, err = f.svc.Authenticate(ctx, in.Token)
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
		_, err = f.svc.SignIn(ctx, personal[0], "correct horse battery staple", "198.51.100.7")
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
		_, err = f.svc.Erase(ctx, f.admin, m.ID)
		assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err))

		// The address is free for a new registration.
		again := f.register(t, "helene.zeller@example.org", false)
		assert.NotEqual(t, m.ID, again.ID)
	})
}

func TestExportAndEraseArePrivate(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		a := f.register(t, "alice@example.org", false)
		b := f.register(t, "bob@example.org", false)
		bob := f.actor(t, b.ID)
		_, err := f.svc.Export(ctx, bob, a.ID)
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))
		_, err = f.svc.Erase(ctx, bob, a.ID)
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err))

		// An admin's export of someone else is audited.
		_, err = f.svc.Export(ctx, f.admin, a.ID)
		require.NoError(t, err)
		x, err := f.svc.Export(ctx, f.actor(t, a.ID), a.ID)
		require.NoError(t, err)
		require.Len(t, x.Accesses, 1)
		assert.Equal(t, f.admin.ID, x.Accesses[0].Viewer)
		assert.Equal(t, "export", x.Accesses[0].What)
	})
}

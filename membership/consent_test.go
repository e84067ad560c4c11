package membership_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// ledgerOf returns a member's consent entries for one purpose, oldest first.
func ledgerOf(t *testing.T, db *storage.DB, member avenir.ID, purpose string) []membership.Consent {
	t.Helper()
	all, err := db.Members().Consents(context.Background(), member)
	require.NoError(t, err)
	var out []membership.Consent
	for _, c := range all {
		if c.Purpose == purpose {
			out = append(out, c)
		}
	}
	return out
}

// stateOf returns where a member stands on one purpose.
func stateOf(t *testing.T, svc *membership.Service, actor avenir.Actor, purpose string) membership.ConsentState {
	t.Helper()
	states, err := svc.Consents(context.Background(), actor, actor.ID)
	require.NoError(t, err)
	for _, s := range states {
		if s.Purpose.Key == purpose {
			return s
		}
	}
	t.Fatalf("no state for purpose %q", purpose)
	return membership.ConsentState{}
}

// TestConsentLedgerIsAppendOnly: giving, withdrawing and giving again adds
// an entry each time and changes none.
func TestConsentLedgerIsAppendOnly(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "ledger@example.org", false) // gives the newsletter consent
		a := f.actor(t, m.ID)
		first := ledgerOf(t, db, m.ID, membership.ConsentNewsletter)
		require.Len(t, first, 1)
		assert.True(t, first[0].Given)
		assert.Equal(t, membership.SourceForm, first[0].Source)

		f.clock.Advance(time.Hour)
		w, err := f.svc.SetConsent(ctx, a, membership.ConsentNewsletter, false, membership.SourceAPI)
		require.NoError(t, err)
		assert.False(t, w.Given)
		assert.False(t, stateOf(t, f.svc, a, membership.ConsentNewsletter).Given)
		given, err := f.svc.Consented(ctx, m.ID, membership.ConsentNewsletter)
		require.NoError(t, err)
		assert.False(t, given)

		last := f.clock.Advance(time.Hour)
		g, err := f.svc.SetConsent(ctx, a, membership.ConsentNewsletter, true, membership.SourceForm)
		require.NoError(t, err)
		assert.Equal(t, last, g.At)

		ledger := ledgerOf(t, db, m.ID, membership.ConsentNewsletter)
		require.Len(t, ledger, 3, "three entries: given at registration, withdrawn, given again")
		assert.Equal(t, first[0], ledger[0], "the first entry is untouched")
		assert.Equal(t, []bool{true, false, true}, []bool{ledger[0].Given, ledger[1].Given, ledger[2].Given})
		assert.Equal(t, []membership.Source{membership.SourceForm, membership.SourceAPI, membership.SourceForm},
			[]membership.Source{ledger[0].Source, ledger[1].Source, ledger[2].Source})
		assert.Equal(t, w, ledger[1])
		assert.Equal(t, g, ledger[2])

		st := stateOf(t, f.svc, a, membership.ConsentNewsletter)
		assert.True(t, st.Given)
		assert.True(t, st.Current)
		assert.Equal(t, last, st.At, "the state's time is the latest entry's")
		given, err = f.svc.Consented(ctx, m.ID, membership.ConsentNewsletter)
		require.NoError(t, err)
		assert.True(t, given)

		// A purpose ticked at registration or not: every purpose has an entry.
		share := stateOf(t, f.svc, a, membership.ConsentShareContact)
		assert.False(t, share.Given)
		assert.Equal(t, start, share.At, "the refusal at registration is recorded")
	})
}

// TestSetConsentRefusals: the required purpose cannot be withdrawn, an
// unknown purpose is invalid, a visitor has no consents; none adds an entry.
func TestSetConsentRefusals(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "refusals@example.org", false)
		a := f.actor(t, m.ID)
		tests := []struct {
			name    string
			actor   avenir.Actor
			purpose string
			given   bool
			code    avenir.Code
			field   string
		}{
			{"withdraw the required purpose", a, membership.ConsentMembership, false, avenir.CodeConflict, ""},
			{"unknown purpose", a, "marketing", true, avenir.CodeInvalid, "purpose"},
			{"purpose in another case", a, "Newsletter", true, avenir.CodeInvalid, "purpose"},
			{"empty purpose", a, "", true, avenir.CodeInvalid, "purpose"},
			{"visitor", avenir.Anonymous, membership.ConsentNewsletter, true, avenir.CodeUnauthenticated, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rows, outbox := tableRows(t, db, "avenir_consents"), tableRows(t, db, "avenir_outbox")
				_, err := f.svc.SetConsent(ctx, tt.actor, tt.purpose, tt.given, membership.SourceForm)
				assert.Equal(t, tt.code, avenir.ErrorCode(err), "%v", err)
				assert.Equal(t, tt.field, errorField(err))
				assert.Equal(t, rows, tableRows(t, db, "avenir_consents"), "no entry")
				assert.Equal(t, outbox, tableRows(t, db, "avenir_outbox"), "no event")
			})
		}
		st := stateOf(t, f.svc, a, membership.ConsentMembership)
		assert.True(t, st.Given && st.Current, "the required consent stands")
		_, err := f.svc.SetConsent(ctx, a, membership.ConsentMembership, true, membership.SourceForm)
		assert.NoError(t, err, "giving the required consent again is fine")
	})
}

// TestConsentToAnOlderText: when a purpose's text gets a new version, an old
// consent still counts as given, but is no longer current.
func TestConsentToAnOlderText(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.register(t, "version@example.org", false)
		a := f.actor(t, m.ID)

		purposes := membership.DefaultPurposes()
		for i := range purposes {
			if purposes[i].Key == membership.ConsentNewsletter {
				purposes[i].Version = 2
				purposes[i].Text = "Je souhaite recevoir la lettre d’information et les appels à l’action du mouvement."
			}
		}
		v2 := membership.NewService(db.Members(), membership.Config{Clock: f.clock, Mailer: f.mail, Password: fastPasswords, Purposes: purposes})

		before := stateOf(t, f.svc, a, membership.ConsentNewsletter)
		assert.True(t, before.Given)
		assert.True(t, before.Current)

		st := stateOf(t, v2, a, membership.ConsentNewsletter)
		assert.True(t, st.Given, "the old consent still stands")
		assert.False(t, st.Current, "… but to an older text: ask again")
		assert.Equal(t, 2, st.Purpose.Version)
		given, err := v2.Consented(ctx, m.ID, membership.ConsentNewsletter)
		require.NoError(t, err)
		assert.True(t, given)
		assert.True(t, stateOf(t, v2, a, membership.ConsentMembership).Current, "other purposes are unaffected")

		f.clock.Advance(time.Minute)
		c, err := v2.SetConsent(ctx, a, membership.ConsentNewsletter, true, membership.SourceForm)
		require.NoError(t, err)
		assert.Equal(t, 2, c.Version)
		st = stateOf(t, v2, a, membership.ConsentNewsletter)
		assert.True(t, st.Given)
		assert.True(t, st.Current, "consented to the new text")
	})
}

// TestNewsletterRecipients lists exactly the members whose latest newsletter
// entry gives consent, page by page, for admins only.
func TestNewsletterRecipients(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db) // the fixture's admin ticked the newsletter
		verify := func(id avenir.ID) {
			m, err := db.Members().Member(ctx, id)
			require.NoError(t, err)
			m.EmailVerified = f.clock.Now()
			require.NoError(t, db.Members().UpdateMember(ctx, m))
		}
		verify(f.admin.ID)
		want := []avenir.ID{f.admin.ID}
		// Each person registers with or without the newsletter, then changes
		// their mind zero or more times.
		people := []struct {
			name    string
			ticked  bool
			then    []bool
			instant bool // the changes of mind come in the same instant as the registration
			status  avenir.Status
			wanted  bool
		}{
			{"ticked", true, nil, false, avenir.StatusSupporter, true},
			{"not ticked", false, nil, false, avenir.StatusSupporter, false},
			{"ticked then withdrew", true, []bool{false}, false, avenir.StatusSupporter, false},
			{"not ticked then gave", false, []bool{true}, false, avenir.StatusActive, true},
			{"withdrew then gave again", true, []bool{false, true}, false, avenir.StatusSupporter, true},
			{"gave twice", false, []bool{true, true}, false, avenir.StatusSupporter, true},
			{"withdrew in the same instant", true, []bool{false}, true, avenir.StatusSupporter, false},
			{"gave in the same instant", false, []bool{true}, true, avenir.StatusSupporter, true},
			{"ticked, erased", true, nil, false, avenir.StatusErased, false},
			{"ticked, left", true, nil, false, avenir.StatusLeft, true},
			// An address never confirmed may be someone else's.
			{"ticked, unconfirmed", true, nil, false, avenir.StatusSupporter, false},
		}
		var everyone []avenir.ID
		for i, p := range people {
			consents := []string{membership.ConsentMembership}
			if p.ticked {
				consents = append(consents, membership.ConsentNewsletter)
			}
			m, err := f.svc.Register(ctx, membership.Registration{Email: fmt.Sprintf("n%d@example.org", i), Profile: membership.Profile{DisplayName: p.name}, Consents: consents})
			require.NoError(t, err)
			everyone = append(everyone, m.ID)
			if p.name != "ticked, unconfirmed" {
				verify(m.ID)
			}
			for _, given := range p.then {
				if !p.instant {
					f.clock.Advance(time.Second)
				}
				_, err := f.svc.SetConsent(ctx, avenir.Actor{ID: m.ID, Status: avenir.StatusSupporter}, membership.ConsentNewsletter, given, membership.SourceForm)
				require.NoError(t, err)
			}
			forceStatus(t, db, m.ID, p.status)
			if p.wanted {
				want = append(want, m.ID)
			}
		}
		slices.SortFunc(want, func(a, b avenir.ID) int { return bytes.Compare(a[:], b[:]) })

		all, err := f.svc.NewsletterRecipients(ctx, f.admin, avenir.ID{}, 1000)
		require.NoError(t, err)
		assert.Equal(t, want, all, "in ID order")

		// The list agrees with the check on one member.
		for i, id := range everyone {
			given, err := f.svc.Consented(ctx, id, membership.ConsentNewsletter)
			require.NoError(t, err)
			st, err := db.Members().Member(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, given && st.Status != avenir.StatusErased && !st.EmailVerified.IsZero(), slices.Contains(all, id), people[i].name)
		}

		for _, limit := range []int{1, 2, 3, len(want), len(want) + 1} {
			t.Run(fmt.Sprintf("pages of %d", limit), func(t *testing.T) {
				var got []avenir.ID
				after := avenir.ID{}
				for range len(want) + 2 {
					page, err := f.svc.NewsletterRecipients(ctx, f.admin, after, limit)
					require.NoError(t, err)
					assert.LessOrEqual(t, len(page), limit)
					if len(page) == 0 {
						break
					}
					got = append(got, page...)
					after = page[len(page)-1]
				}
				assert.Equal(t, want, got)
			})
		}

		for _, limit := range []int{0, -1, 10001} {
			_, err := f.svc.NewsletterRecipients(ctx, f.admin, avenir.ID{}, limit)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "limit %d", limit)
			assert.Equal(t, "limit", errorField(err))
		}
		member := f.actor(t, want[len(want)-1])
		for _, actor := range []avenir.Actor{avenir.Anonymous, member} {
			_, err := f.svc.NewsletterRecipients(ctx, actor, avenir.ID{}, 10)
			assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err))
		}
	})
}

// TestRegisterNeedsTheRequiredConsent: without it, nobody is created.
func TestRegisterNeedsTheRequiredConsent(t *testing.T) {
	tests := []struct {
		name     string
		consents []string
	}{
		{"no consent at all", nil},
		{"only the newsletter", []string{membership.ConsentNewsletter}},
		{"an unknown purpose", []string{membership.ConsentMembership, "marketing"}},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				email := fmt.Sprintf("noconsent%d@example.org", i)
				members, consents, mails := tableRows(t, db, "avenir_members"), tableRows(t, db, "avenir_consents"), len(f.mail.All())
				m, err := f.svc.Register(ctx, membership.Registration{Email: email, Password: fixturePassword,
					Profile: membership.Profile{DisplayName: "Nobody"}, Consents: tt.consents})
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), "%v", err)
				assert.Equal(t, "consents", errorField(err))
				assert.True(t, m.ID.IsZero())
				_, err = db.Members().MemberByEmail(ctx, email)
				assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err), "no member was created")
				assert.Equal(t, members, tableRows(t, db, "avenir_members"))
				assert.Equal(t, consents, tableRows(t, db, "avenir_consents"))
				assert.Len(t, f.mail.All(), mails, "no mail")
			})
		}
	})
}

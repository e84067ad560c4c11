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

func utcTime(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
}

func TestPolicyExpiryCalendarYear(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	jan1 := func(y int) time.Time { return utcTime(y, time.January, 1, 0, 0) }
	jan1Paris := func(y int) time.Time { return time.Date(y, time.January, 1, 0, 0, 0, 0, paris).UTC() }
	tests := []struct {
		name    string
		loc     *time.Location
		current time.Time // zero: never paid
		paidAt  time.Time
		want    time.Time
	}{
		{"paid in March, never paid before", time.UTC, time.Time{}, utcTime(2026, time.March, 10, 9, 0), jan1(2027)},
		{"paid on the last day before the last quarter", time.UTC, time.Time{}, time.Date(2026, time.September, 30, 23, 59, 59, 0, time.UTC), jan1(2027)},
		{"paid on the first day of the last quarter", time.UTC, time.Time{}, utcTime(2026, time.October, 1, 0, 0), jan1(2028)},
		{"paid in November: the coming year", time.UTC, time.Time{}, utcTime(2026, time.November, 15, 14, 0), jan1(2028)},
		{"renewal in December while covered", time.UTC, jan1(2027), utcTime(2026, time.December, 10, 0, 0), jan1(2028)},
		{"renewal in March while covered", time.UTC, jan1(2027), utcTime(2026, time.March, 10, 0, 0), jan1(2028)},
		{"renewal while covered for the coming year", time.UTC, jan1(2028), utcTime(2026, time.November, 2, 0, 0), jan1(2029)},
		{"renewal at the very end", time.UTC, jan1(2027), jan1(2027), jan1(2028)},
		{"renewal in grace", time.UTC, jan1(2026), utcTime(2026, time.February, 15, 0, 0), jan1(2027)},
		{"renewal in grace, in the last quarter", time.UTC, jan1(2026), utcTime(2026, time.November, 15, 0, 0), jan1(2028)},
		{"renewal years after a lapse", time.UTC, jan1(2020), utcTime(2026, time.March, 10, 0, 0), jan1(2027)},
		{"no location is UTC", nil, time.Time{}, utcTime(2026, time.March, 10, 0, 0), jan1(2027)},
		{"Paris: New Year's Eve in UTC is New Year's Day in Paris", paris, time.Time{}, utcTime(2026, time.December, 31, 23, 30), jan1Paris(2028)},
		{"Paris: the first minutes of October", paris, time.Time{}, utcTime(2026, time.September, 30, 22, 30), jan1Paris(2028)},
		{"Paris: the last minutes of September", paris, time.Time{}, utcTime(2026, time.September, 30, 21, 30), jan1Paris(2027)},
		{"Paris: renewal while covered", paris, jan1Paris(2027), utcTime(2026, time.June, 1, 0, 0), jan1Paris(2028)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := membership.DefaultPolicy()
			p.Location = tt.loc
			got := p.Expiry(tt.current, tt.paidAt)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, time.UTC, got.Location())
		})
	}
}

func TestPolicyExpiryRollingYear(t *testing.T) {
	tests := []struct {
		name            string
		current, paidAt time.Time
		want            time.Time
	}{
		{"never paid", time.Time{}, utcTime(2026, time.March, 10, 9, 0), utcTime(2027, time.March, 10, 9, 0)},
		{"renewal while covered: from the current end", utcTime(2026, time.June, 1, 0, 0), utcTime(2026, time.March, 10, 9, 0), utcTime(2027, time.June, 1, 0, 0)},
		{"renewal at the very end", utcTime(2026, time.June, 1, 0, 0), utcTime(2026, time.June, 1, 0, 0), utcTime(2027, time.June, 1, 0, 0)},
		{"renewal in grace: from the payment", utcTime(2026, time.February, 1, 0, 0), utcTime(2026, time.March, 10, 9, 0), utcTime(2027, time.March, 10, 9, 0)},
		{"paid in November: twelve months, not the calendar", time.Time{}, utcTime(2026, time.November, 15, 0, 0), utcTime(2027, time.November, 15, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := membership.DefaultPolicy()
			p.Year = membership.RollingYear
			assert.Equal(t, tt.want, p.Expiry(tt.current, tt.paidAt))
		})
	}
}

// TestRecordPayment: a payment activates or renews, from each status.
func TestRecordPayment(t *testing.T) {
	jan1 := func(y int) time.Time { return utcTime(y, time.January, 1, 0, 0) }
	tests := []struct {
		name        string
		status      avenir.Status
		expires     time.Time // the membership's end before the payment
		in          membership.PaymentInput
		wantExpires time.Time
		wantStatus  avenir.Status
	}{
		{"supporter pays", avenir.StatusSupporter, time.Time{}, membership.PaymentInput{Method: membership.MethodCard}, jan1(2027), avenir.StatusActive},
		{"applicant pays the reduced fee", avenir.StatusApplicant, time.Time{}, membership.PaymentInput{Tier: "reduced", Method: membership.MethodCash}, jan1(2027), avenir.StatusActive},
		{"active member renews early", avenir.StatusActive, jan1(2027), membership.PaymentInput{Method: membership.MethodTransfer}, jan1(2028), avenir.StatusActive},
		{"member in grace renews", avenir.StatusGrace, jan1(2026), membership.PaymentInput{Method: membership.MethodCheque, Reference: "n° 42"}, jan1(2027), avenir.StatusActive},
		{"lapsed member pays", avenir.StatusLapsed, jan1(2025), membership.PaymentInput{Method: membership.MethodCard, Amount: 5000}, jan1(2027), avenir.StatusActive},
		{"suspended member pays: still suspended", avenir.StatusSuspended, jan1(2026), membership.PaymentInput{Method: membership.MethodCard}, jan1(2027), avenir.StatusSuspended},
		{"a payment of long ago does not activate", avenir.StatusLapsed, time.Time{},
			membership.PaymentInput{Method: membership.MethodCheque, PaidAt: utcTime(2024, time.May, 2, 0, 0)}, jan1(2025), avenir.StatusLapsed},
		{"a payment dated a few seconds ahead (clock skew)", avenir.StatusSupporter, time.Time{},
			membership.PaymentInput{Method: membership.MethodCard, PaidAt: start.Add(30 * time.Second)}, jan1(2027), avenir.StatusActive},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				m := f.register(t, fmt.Sprintf("pay%d@example.org", i), false)
				m.Status, m.ExpiresAt = tt.status, tt.expires
				require.NoError(t, db.Members().UpdateMember(ctx, m))
				before := captureState(t, db, m.ID)
				payments := tableRows(t, db, "avenir_payments")

				p, err := f.svc.RecordPayment(ctx, f.admin, m.ID, tt.in)
				require.NoError(t, err)
				wantTier, wantAmount := tt.in.Tier, tt.in.Amount
				if wantTier == "" {
					wantTier = "standard" // the first tier
				}
				tier, ok := f.svc.Policy().Tier(wantTier)
				require.True(t, ok)
				if wantAmount == 0 {
					wantAmount = tier.Amount
				}
				assert.Equal(t, m.ID, p.Member)
				assert.Equal(t, wantTier, p.Tier)
				assert.Equal(t, wantAmount, p.Amount)
				assert.Equal(t, tt.wantExpires, p.Expires)
				assert.Equal(t, "EUR", p.Currency)
				assert.Equal(t, tt.in.Method, p.Method)
				assert.Equal(t, f.admin.ID, p.RecordedBy)
				assert.Equal(t, start, p.RecordedAt)
				if tt.in.PaidAt.IsZero() {
					assert.Equal(t, start, p.PaidAt, "paid now")
				} else {
					assert.Equal(t, tt.in.PaidAt, p.PaidAt)
				}

				after := captureState(t, db, m.ID)
				assert.Equal(t, tt.wantStatus, after.member.Status)
				assert.Equal(t, tt.wantExpires, after.member.ExpiresAt)
				assert.Equal(t, p.Tier, after.member.Tier)
				assert.Equal(t, payments+1, tableRows(t, db, "avenir_payments"))
				listed, err := f.svc.Payments(ctx, f.actor(t, m.ID), m.ID)
				require.NoError(t, err)
				require.Len(t, listed, 1)
				assert.Equal(t, p, listed[0], "the payment reads back as recorded")
				if tt.wantStatus != tt.status {
					require.Len(t, after.history, len(before.history)+1)
					assert.Equal(t, "payment", after.history[len(after.history)-1].Reason)
					assert.Equal(t, before.outbox+2, after.outbox, "status_changed and paid")
				} else {
					assert.Equal(t, before.history, after.history)
					assert.Equal(t, before.outbox+1, after.outbox, "paid")
				}
			})
		}
	})
}

// TestRecordPaymentRefusals: each refusal records no payment and changes
// nothing.
func TestRecordPaymentRefusals(t *testing.T) {
	card := membership.PaymentInput{Method: membership.MethodCard}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		payer := f.register(t, "payer@example.org", true)
		left := f.register(t, "left@example.org", true)
		forceStatus(t, db, left.ID, avenir.StatusLeft)
		erased := f.register(t, "erased-payer@example.org", true)
		forceStatus(t, db, erased.ID, avenir.StatusErased)
		netMod := grantee(t, f, "treasurer-not@example.org", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		lapsedAdmin := grantee(t, f, "former-admin@example.org", avenir.StatusLapsed, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
		member := grantee(t, f, "plain@example.org", avenir.StatusActive)

		tests := []struct {
			name   string
			actor  avenir.Actor
			member avenir.ID
			in     membership.PaymentInput
			code   avenir.Code
			field  string
		}{
			{"visitor", avenir.Anonymous, payer.ID, card, avenir.CodeForbidden, ""},
			{"the member themself", f.actor(t, payer.ID), payer.ID, card, avenir.CodeForbidden, ""},
			{"another member", member, payer.ID, card, avenir.CodeForbidden, ""},
			{"a network moderator", netMod, payer.ID, card, avenir.CodeForbidden, ""},
			{"an admin out of good standing", lapsedAdmin, payer.ID, card, avenir.CodeForbidden, ""},
			{"below the standard fee", f.admin, payer.ID, membership.PaymentInput{Method: membership.MethodCard, Amount: 2999}, avenir.CodeInvalid, "amount"},
			{"below the reduced fee", f.admin, payer.ID, membership.PaymentInput{Tier: "reduced", Method: membership.MethodCard, Amount: 499}, avenir.CodeInvalid, "amount"},
			{"negative amount", f.admin, payer.ID, membership.PaymentInput{Method: membership.MethodCard, Amount: -3000}, avenir.CodeInvalid, "amount"},
			{"unknown tier", f.admin, payer.ID, membership.PaymentInput{Tier: "solidarity", Method: membership.MethodCard}, avenir.CodeInvalid, "tier"},
			{"tier in another case", f.admin, payer.ID, membership.PaymentInput{Tier: "Standard", Method: membership.MethodCard}, avenir.CodeInvalid, "tier"},
			{"no method", f.admin, payer.ID, membership.PaymentInput{}, avenir.CodeInvalid, "method"},
			{"unknown method", f.admin, payer.ID, membership.PaymentInput{Method: "bitcoin"}, avenir.CodeInvalid, "method"},
			{"dated in the future", f.admin, payer.ID, membership.PaymentInput{Method: membership.MethodCard, PaidAt: start.Add(2 * time.Hour)}, avenir.CodeInvalid, "paid_at"},
			{"reference too long", f.admin, payer.ID, membership.PaymentInput{Method: membership.MethodCheque, Reference: strings.Repeat("9", 201)}, avenir.CodeInvalid, "reference"},
			{"a member who left", f.admin, left.ID, card, avenir.CodeConflict, ""},
			{"an erased member", f.admin, erased.ID, card, avenir.CodeConflict, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := captureState(t, db, tt.member)
				payments := tableRows(t, db, "avenir_payments")
				p, err := f.svc.RecordPayment(ctx, tt.actor, tt.member, tt.in)
				assert.Equal(t, tt.code, avenir.ErrorCode(err), "%v", err)
				assert.Equal(t, tt.field, errorField(err))
				assert.Equal(t, membership.Payment{}, p)
				assert.Equal(t, payments, tableRows(t, db, "avenir_payments"), "no payment was recorded")
				before.assertUnchanged(t, db)
			})
		}

		payments := tableRows(t, db, "avenir_payments")
		_, err := f.svc.RecordPayment(ctx, f.admin, avenir.NewID(), card)
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err), "no such member")
		assert.Equal(t, payments, tableRows(t, db, "avenir_payments"))

		_, err = f.svc.Payments(ctx, member, payer.ID)
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(err), "another member's payments are not theirs to see")
	})
}

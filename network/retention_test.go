package network_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func dueIDs(t *testing.T, f *fixture) []avenir.ID {
	t.Helper()
	due, err := avenir.Collect(avenir.PageRequest{Limit: 1}, func(page avenir.PageRequest) (avenir.Page[membership.Member], error) {
		return f.net.DueForErasure(context.Background(), f.admin, page)
	})
	require.NoError(t, err)
	out := make([]avenir.ID, len(due))
	for i, m := range due {
		out[i] = m.ID
	}
	return out
}

func TestRetention(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db, func(c *network.Config) { c.Retention.EraseLapsedAfterMonths = 12 })
		leave := func(m membership.Member) {
			_, err := f.net.Members.ChangeStatus(ctx, f.admin, m.ID, membership.StatusChange{To: avenir.StatusLeft})
			require.NoError(t, err)
		}
		// Imported long lapsed: no transition, a membership that ended two years ago.
		imported := f.member(t, avenir.StatusLapsed)
		imported.ExpiresAt = start.AddDate(-2, 0, 0)
		require.NoError(t, db.Members().UpdateMember(ctx, imported))
		// Left now; left in six months; stays active; lapsed but renewed later.
		early, late, active := f.member(t, avenir.StatusActive), f.member(t, avenir.StatusActive), f.member(t, avenir.StatusActive)
		leave(early)
		assert.Equal(t, []avenir.ID{imported.ID}, dueIDs(t, f), "a lapse of now is not due")

		f.clock.Advance(6 * 30 * 24 * time.Hour)
		leave(late)
		f.clock.Advance(7 * 30 * 24 * time.Hour) // 13 months after the start
		due := dueIDs(t, f)
		assert.ElementsMatch(t, []avenir.ID{imported.ID, early.ID}, due)
		assert.NotContains(t, due, active.ID)

		_, err := f.net.DueForErasure(ctx, f.actor(t, active.ID), avenir.PageRequest{})
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err))

		// Two servers run the job at once: each member is erased once.
		var wg sync.WaitGroup
		counts := make([]int, 2)
		for i := range counts {
			wg.Go(func() {
				n, err := f.net.EraseDue(ctx)
				assert.NoError(t, err)
				counts[i] = n
			})
		}
		wg.Wait()
		assert.Equal(t, 2, counts[0]+counts[1])
		for _, id := range []avenir.ID{imported.ID, early.ID} {
			m, err := db.Members().Member(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, avenir.StatusErased, m.Status)
			assert.Empty(t, m.Email)
		}
		for _, m := range []membership.Member{late, active} {
			got, err := db.Members().Member(ctx, m.ID)
			require.NoError(t, err)
			assert.Equal(t, m.Email, got.Email, "not due: kept")
		}
		erasures := auditLog(t, f, f.admin, network.AuditFilter{Kinds: []network.AuditKind{network.AuditErasure}})
		require.Len(t, erasures, 2)
		for _, e := range erasures {
			assert.Equal(t, network.SystemID, e.Actor, "the system erased")
		}
		assert.Empty(t, dueIDs(t, f))
		n, err := f.net.EraseDue(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)

		// The audit log outlives its retention only so long.
		kept, err := f.net.ExpireAudit(ctx)
		require.NoError(t, err)
		assert.Zero(t, kept, "nothing is five years old yet")
		f.clock.Advance(5 * 366 * 24 * time.Hour)
		purged, err := f.net.ExpireAudit(ctx)
		require.NoError(t, err)
		assert.Positive(t, purged)
		assert.Empty(t, auditLog(t, f, f.admin, network.AuditFilter{}))
	})
}

func TestRetentionKeepsWhenAskedTo(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db, func(c *network.Config) { c.Retention = network.Retention{} })
		m := f.member(t, avenir.StatusLapsed)
		m.ExpiresAt = start.AddDate(-10, 0, 0)
		require.NoError(t, db.Members().UpdateMember(ctx, m))
		assert.Empty(t, dueIDs(t, f))
		n, err := f.net.EraseDue(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
		f.clock.Advance(200 * 365 * 24 * time.Hour)
		purged, err := f.net.ExpireAudit(ctx)
		require.NoError(t, err)
		assert.Zero(t, purged)
	})
}

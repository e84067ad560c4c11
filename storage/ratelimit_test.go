package storage_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestAllowCountsUsesInAWindow(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		const limit, window = 3, time.Minute
		for i := range limit {
			ok, retry, err := db.Allow(ctx, "post:member-1", limit, window, now.Add(time.Duration(i)*10*time.Second))
			require.NoError(t, err)
			assert.True(t, ok, "use %d", i+1)
			assert.Zero(t, retry)
		}
		ok, retry, err := db.Allow(ctx, "post:member-1", limit, window, now.Add(30*time.Second))
		require.NoError(t, err)
		assert.False(t, ok, "one past the limit")
		// The refused use at 30 s is not kept; the uses at 0, 10 and 20 s
		// stay: the next is allowed once the oldest has left, at 0 s + 1 min.
		assert.Equal(t, 30*time.Second, retry)

		ok, _, err = db.Allow(ctx, "post:member-2", limit, window, now.Add(30*time.Second))
		require.NoError(t, err)
		assert.True(t, ok, "another key counts apart")

		ok, _, err = db.Allow(ctx, "post:member-1", limit, window, now.Add(71*time.Second))
		require.NoError(t, err)
		assert.True(t, ok, "the window moved on")

		// Keys are stored hashed.
		n, err := db.Bun().NewSelect().Table("avenir_sign_in_failures").Where("key LIKE ?", "%member%").Count(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
		// Uses older than the window are dropped as the key is used.
		n, err = db.Bun().NewSelect().Table("avenir_sign_in_failures").Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 3, n, "member-1: the uses at 20 and 71 s (the refused one at 30 s is not kept); member-2: one")
	})
}

func TestAllowHoldsUnderConcurrency(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		const limit = 5
		var allowed atomic.Int32
		var wg sync.WaitGroup
		for range 3 * limit {
			wg.Go(func() {
				ok, _, err := db.Allow(ctx, "join:192.0.2.1", limit, time.Hour, now)
				assert.NoError(t, err)
				if ok {
					allowed.Add(1)
				}
			})
		}
		wg.Wait()
		assert.LessOrEqual(t, allowed.Load(), int32(limit), "never one more than the limit")
		assert.Positive(t, allowed.Load())
		// Parallel refusals err on the side of refusing; once they are
		// judged, the uses kept are exactly those allowed.
		n, err := db.Bun().NewSelect().Table("avenir_sign_in_failures").Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, allowed.Load(), n, "no refused use kept")
	})
}

// TestPurgeCounters: the purge drops the uses counted before its time, of
// every key, and keeps the others counting.
func TestPurgeCounters(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
		for i, at := range []time.Time{now.Add(-48 * time.Hour), now.Add(-25 * time.Hour), now.Add(-time.Hour), now} {
			_, _, err := db.Allow(ctx, "join:client-"+string(rune('a'+i)), 1, time.Hour, at)
			require.NoError(t, err)
		}
		n, err := db.PurgeCounters(ctx, now.Add(-24*time.Hour))
		require.NoError(t, err)
		assert.Equal(t, 2, n, "the two uses older than a day")
		n, err = db.PurgeCounters(ctx, now.Add(-24*time.Hour))
		require.NoError(t, err)
		assert.Zero(t, n, "nothing left to purge")
		ok, _, err := db.Allow(ctx, "join:client-d", 1, time.Hour, now.Add(time.Minute))
		require.NoError(t, err)
		assert.False(t, ok, "a recent use still counts")
	})
}

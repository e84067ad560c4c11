package network_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var relayStart = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// record writes an event of type typ at the clock's time.
func record(t testing.TB, db *storage.DB, clock avenir.Clock, typ string, aud avenir.Audience) avenir.Event {
	t.Helper()
	e, err := avenir.NewEvent(clock, typ, avenir.NewID(), avenir.NewID(), aud, map[string]string{"k": "v"})
	require.NoError(t, err)
	require.NoError(t, db.Record(context.Background(), e))
	return e
}

// tally is a consumer that counts what it got, by event.
type tally struct {
	mu   sync.Mutex
	got  map[avenir.ID]int
	fail func(e avenir.Event) error
}

func newTally() *tally { return &tally{got: map[avenir.ID]int{}} }

func (c *tally) Consume(_ context.Context, e avenir.Event) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail != nil {
		if err := c.fail(e); err != nil {
			return err
		}
	}
	c.got[e.ID]++
	return nil
}

func (c *tally) count(id avenir.ID) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.got[id]
}

func TestRelayDeliversEachEventToEachConsumer(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(relayStart)
		relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock, Batch: 3})
		a, b := newTally(), newTally()
		require.NoError(t, relay.Register("a", a))
		require.NoError(t, relay.Register("b", b))
		assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(relay.Register("a", a)))
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(relay.Register("Not valid!", a)))

		var events []avenir.Event
		for range 7 {
			events = append(events, record(t, db, clock, "thing.done", avenir.Members))
			clock.Advance(time.Second)
		}
		total := 0
		for range 5 { // batches of 3
			n, err := relay.RunOnce(ctx)
			require.NoError(t, err)
			total += n
		}
		assert.Equal(t, 14, total)
		for _, e := range events {
			assert.Equal(t, 1, a.count(e.ID))
			assert.Equal(t, 1, b.count(e.ID))
			st, err := db.Relay().DeliveryState(ctx, "a", e.ID)
			require.NoError(t, err)
			assert.Equal(t, network.DeliveryDone, st.Status)
			assert.Equal(t, 1, st.Attempts)
		}
		n, err := relay.RunOnce(ctx)
		require.NoError(t, err)
		assert.Zero(t, n, "nothing twice")

		// A relay restarted on the same database starts where the other
		// stopped.
		again := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock})
		require.NoError(t, again.Register("a", a))
		late := record(t, db, clock, "thing.done", avenir.Public)
		n, err = again.RunOnce(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, 1, a.count(late.ID))
	})
}

// TestRelayFindsLateCommits: an event whose transaction commits after a
// later event was relayed is relayed too, within the lag.
func TestRelayFindsLateCommits(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(relayStart)
		relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock, Lag: 5 * time.Minute})
		c := newTally()
		require.NoError(t, relay.Register("c", c))

		early := avenir.NewManualClock(relayStart.Add(time.Minute)) // the slow transaction's time
		clock.Advance(2 * time.Minute)
		first := record(t, db, clock, "thing.done", avenir.Public)
		clock.Advance(time.Minute)
		n, err := relay.RunOnce(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)

		slow := record(t, db, early, "thing.slow", avenir.Public) // commits now, occurred before first
		clock.Advance(time.Minute)
		n, err = relay.RunOnce(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, 1, c.count(slow.ID))
		assert.Equal(t, 1, c.count(first.ID))
	})
}

func TestRelayRetriesAfterACrash(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(relayStart)
		store := db.Relay()
		e := record(t, db, clock, "thing.done", avenir.Public)

		// A relay enqueues and claims, then dies before it answers.
		_, err := store.Enqueue(ctx, "c", clock.Now(), 5*time.Minute, 10)
		require.NoError(t, err)
		claimed, err := store.Claim(ctx, "c", clock.Now(), clock.Now().Add(time.Minute), 10)
		require.NoError(t, err)
		require.Len(t, claimed, 1)
		assert.Equal(t, e.ID, claimed[0].Event.ID)
		assert.JSONEq(t, string(e.Payload), string(claimed[0].Event.Payload))

		relay := network.NewRelay(store, network.RelayConfig{Clock: clock, Lease: time.Minute})
		c := newTally()
		require.NoError(t, relay.Register("c", c))
		n, err := relay.RunOnce(ctx)
		require.NoError(t, err)
		assert.Zero(t, n, "leased to the dead relay")

		clock.Advance(time.Minute)
		n, err = relay.RunOnce(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, 1, c.count(e.ID))
		st, err := store.DeliveryState(ctx, "c", e.ID)
		require.NoError(t, err)
		assert.Equal(t, network.DeliveryDone, st.Status)
		assert.Equal(t, 2, st.Attempts)

		// The dead relay's late answer changes nothing.
		ok, err := store.Fail(ctx, "c", e.ID, 1, clock.Now(), "late", clock.Now())
		require.NoError(t, err)
		assert.False(t, ok)
	})
}

func TestRelayBacksOffAFailingConsumer(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(relayStart)
		relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock, Backoff: time.Minute, MaxBackoff: 3 * time.Minute, MaxAttempts: 4})
		calls := 0
		c := newTally()
		c.fail = func(avenir.Event) error { calls++; return errors.New("smtp: connection refused") }
		require.NoError(t, relay.Register("c", c))
		e := record(t, db, clock, "thing.done", avenir.Public)

		// Pauses: 1, 2, 3 (capped) minutes, then dead after the 4th attempt.
		for i, pause := range []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute} {
			_, err := relay.RunOnce(ctx)
			require.NoError(t, err)
			require.Equal(t, i+1, calls)
			st, err := db.Relay().DeliveryState(ctx, "c", e.ID)
			require.NoError(t, err)
			assert.Equal(t, network.DeliveryPending, st.Status)
			assert.Equal(t, "smtp: connection refused", st.LastError)
			assert.True(t, st.NextAttemptAt.Equal(clock.Now().Add(pause)), "attempt %d due at %v", i+1, st.NextAttemptAt)

			clock.Advance(pause - time.Second)
			_, err = relay.RunOnce(ctx)
			require.NoError(t, err)
			require.Equal(t, i+1, calls, "not before the pause ends")
			clock.Advance(time.Second)
		}
		_, err := relay.RunOnce(ctx)
		require.NoError(t, err)
		assert.Equal(t, 4, calls)
		st, err := db.Relay().DeliveryState(ctx, "c", e.ID)
		require.NoError(t, err)
		assert.Equal(t, network.DeliveryDead, st.Status)
		clock.Advance(24 * time.Hour)
		_, err = relay.RunOnce(ctx)
		require.NoError(t, err)
		assert.Equal(t, 4, calls, "a dead delivery is not tried again")

		// A consumer that recovers takes the next events.
		c.fail = nil
		next := record(t, db, clock, "thing.done", avenir.Public)
		n, err := relay.RunOnce(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		assert.Equal(t, 1, c.count(next.ID))
	})
}

// TestRelaysRunConcurrently runs two relays, as on two application servers,
// over the same database: each consumer gets each event exactly once.
func TestRelaysRunConcurrently(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(relayStart)
		var events []avenir.Event
		for range 60 {
			events = append(events, record(t, db, clock, "thing.done", avenir.Public))
		}
		shared := map[string]*tally{"notifications": newTally(), "webhook:1": newTally()}
		var wg sync.WaitGroup
		for range 2 {
			relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock, Batch: 7})
			for name, c := range shared {
				require.NoError(t, relay.Register(name, c))
			}
			wg.Go(func() {
				for range 20 {
					_, err := relay.RunOnce(ctx)
					assert.NoError(t, err)
				}
			})
		}
		wg.Wait()
		for name, c := range shared {
			for _, e := range events {
				assert.Equal(t, 1, c.count(e.ID), "%s got %s", name, e.ID)
			}
		}
	})
}

func TestRelayRunStopsWithItsContext(t *testing.T) {
	db := storagetest.SQLite(t)
	clock := avenir.NewManualClock(relayStart)
	relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock, PollInterval: time.Millisecond})
	got := make(chan avenir.ID, 1)
	require.NoError(t, relay.Register("c", network.ConsumerFunc(func(_ context.Context, e avenir.Event) error {
		got <- e.ID
		return nil
	})))
	e := record(t, db, clock, "thing.done", avenir.Public)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- relay.Run(ctx) }()
	assert.Equal(t, e.ID, <-got)
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
}

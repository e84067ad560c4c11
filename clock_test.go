package avenir_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
)

// assertNormal checks that t is in UTC and has no digits below the
// microsecond, as PostgreSQL stores it.
func assertNormal(t *testing.T, tm time.Time) {
	t.Helper()
	assert.Equal(t, time.UTC, tm.Location(), "location of %v", tm)
	assert.Zero(t, tm.Nanosecond()%1000, "sub-microsecond digits in %v", tm)
}

func TestManualClock(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	start := time.Date(2025, 3, 14, 16, 9, 26, 535897932, paris)

	c := avenir.NewManualClock(start)
	now := c.Now()
	assertNormal(t, now)
	assert.Equal(t, time.Date(2025, 3, 14, 15, 9, 26, 535897000, time.UTC), now)
	assert.Equal(t, now, c.Now(), "a manual clock does not move by itself")

	got := c.Advance(time.Hour + 1500*time.Nanosecond)
	assertNormal(t, got)
	assert.Equal(t, time.Date(2025, 3, 14, 16, 9, 26, 535898000, time.UTC), got)
	assert.Equal(t, got, c.Now())

	got = c.Advance(-2 * time.Hour)
	assert.Equal(t, time.Date(2025, 3, 14, 14, 9, 26, 535898000, time.UTC), got)

	c.Set(time.Date(2030, 1, 1, 1, 0, 0, 999, paris))
	assertNormal(t, c.Now())
	assert.Equal(t, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), c.Now())

	// A normalized time survives a round trip through its text form, as it
	// would through the database.
	var back time.Time
	require.NoError(t, back.UnmarshalText([]byte(c.Now().Format(time.RFC3339Nano))))
	assert.Equal(t, c.Now(), back.UTC())
}

func TestManualClockStripsMonotonicReading(t *testing.T) {
	c := avenir.NewManualClock(time.Now())
	// A time with a monotonic reading prints it ("m=+0.001"); a normalized
	// one must not carry it, or == and reflect.DeepEqual would disagree with
	// a time read back from the database.
	assert.NotContains(t, c.Now().String(), "m=")
	c.Set(time.Now())
	assert.NotContains(t, c.Now().String(), "m=")
}

func TestManualClockConcurrent(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	c := avenir.NewManualClock(start)
	const workers, steps = 16, 100
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range steps {
				c.Advance(time.Second)
				_ = c.Now()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, start.Add(workers*steps*time.Second), c.Now())
}

func TestSystemClock(t *testing.T) {
	before := time.Now().UTC().Truncate(time.Microsecond)
	now := avenir.SystemClock.Now()
	after := time.Now().UTC()

	assertNormal(t, now)
	assert.NotContains(t, now.String(), "m=")
	assert.False(t, now.Before(before), "%v before %v", now, before)
	assert.False(t, now.After(after), "%v after %v", now, after)
}

var _ avenir.Clock = (*avenir.ManualClock)(nil)

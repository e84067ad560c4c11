package avenir

import (
	"sync"
	"time"
)

// Clock is the source of time. Services take one so that tests can stop and
// move time; every time they return is in UTC, truncated to the microsecond
// that PostgreSQL stores, so that a time read back equals the time written.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
var SystemClock Clock = systemClock{}

type systemClock struct{}

func (systemClock) Now() time.Time { return normalize(time.Now()) }

// ManualClock is a Clock that moves only when told to. It is safe for
// concurrent use. Use it in tests of code that depends on time.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a clock stopped at t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{now: normalize(t)} }

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d and returns the new time.
func (c *ManualClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = normalize(c.now.Add(d))
	return c.now
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = normalize(t)
}

func normalize(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

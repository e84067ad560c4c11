package network

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/avenirnet/avenir"
)

// Consumer receives the outbox's events from a Relay. The relay delivers at
// least once: after a crash, a lost lease or a failure an event comes again,
// so Consume must be idempotent given the event's ID (insert-if-absent keyed
// by it, say). An error makes the relay try again later with a growing pause,
// up to RelayConfig.MaxAttempts.
type Consumer interface {
	Consume(ctx context.Context, e avenir.Event) error
}

// ConsumerFunc is a function that is a Consumer.
type ConsumerFunc func(ctx context.Context, e avenir.Event) error

// Consume calls f.
func (f ConsumerFunc) Consume(ctx context.Context, e avenir.Event) error { return f(ctx, e) }

// ConsumerSource gives consumers that come and go with the data, such as one
// consumer per webhook subscription. The relay asks for them at each round.
type ConsumerSource interface {
	Consumers(ctx context.Context) (map[string]Consumer, error)
}

// Delivery is one event handed to one consumer: Attempt counts the claims,
// this one included.
type Delivery struct {
	Event   avenir.Event
	Attempt int
}

// DeliveryState is where the delivery of an event to a consumer stands.
type DeliveryState struct {
	Consumer      string
	Event         avenir.ID
	Status        DeliveryStatus
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
}

// DeliveryStatus is the state of a delivery.
type DeliveryStatus string

// The delivery statuses.
const (
	DeliveryPending DeliveryStatus = "pending" // due at NextAttemptAt (or claimed until then)
	DeliveryDone    DeliveryStatus = "done"    // the consumer took it
	DeliveryDead    DeliveryStatus = "dead"    // the consumer failed MaxAttempts times
)

// RelayStore keeps the relay's delivery state in the database, so that a
// restarted relay, or several relays on several application servers, share
// it. The storage package implements it (db.Relay()).
type RelayStore interface {
	// Enqueue adds a pending delivery, due at now, for every outbox event of
	// the consumer's horizon or later that has none, in event order, at
	// most limit. A new consumer's horizon is now minus lag. When fewer than
	// limit were added, the consumer has caught up and its horizon moves to
	// now minus lag (never back); done deliveries of events before the
	// horizon are then forgotten.
	Enqueue(ctx context.Context, consumer string, now time.Time, lag time.Duration, limit int) (int, error)
	// Claim takes up to limit pending deliveries due at now, counts an
	// attempt on each and makes them due again at until (the lease), in one
	// statement that two relays never both win for a row (PostgreSQL:
	// FOR UPDATE SKIP LOCKED; SQLite: its single writer).
	Claim(ctx context.Context, consumer string, now, until time.Time, limit int) ([]Delivery, error)
	// Complete marks a claimed delivery done, unless another claim took it
	// since (attempt is no longer the latest): then it reports false.
	Complete(ctx context.Context, consumer string, event avenir.ID, attempt int, now time.Time) (bool, error)
	// Fail records the failure of a claimed attempt: due again at retryAt,
	// or dead when retryAt is zero. It reports false as Complete does.
	Fail(ctx context.Context, consumer string, event avenir.ID, attempt int, retryAt time.Time, reason string, now time.Time) (bool, error)
	// DeliveryState returns where the delivery of an event to a consumer
	// stands, not_found when it was never enqueued.
	DeliveryState(ctx context.Context, consumer string, event avenir.ID) (DeliveryState, error)
}

// RelayConfig configures a Relay. Zero fields take the defaults shown.
type RelayConfig struct {
	Clock avenir.Clock // avenir.SystemClock
	Log   *slog.Logger // discard
	// PollInterval is the pause of Run between rounds that found nothing to
	// do: 2 seconds.
	PollInterval time.Duration
	// Batch is the number of events enqueued and claimed per consumer and
	// round: 100.
	Batch int
	// Lease is how long a claimed delivery is left to its relay before it
	// is offered again (a relay that died holding it): 2 minutes. It must
	// exceed the time a consumer takes.
	Lease time.Duration
	// Lag is how late a transaction may commit after it recorded an event
	// and the event still be relayed: 5 minutes. See RelayStore.Enqueue.
	Lag time.Duration
	// MaxAttempts is how many times an event is offered to a failing
	// consumer before its delivery is marked dead: 8.
	MaxAttempts int
	// Backoff is the pause after the first failure, doubled after each
	// other, up to MaxBackoff: 30 seconds, 6 hours.
	Backoff, MaxBackoff time.Duration
}

func (c *RelayConfig) defaults() {
	if c.Clock == nil {
		c.Clock = avenir.SystemClock
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	setDuration(&c.PollInterval, 2*time.Second)
	setDuration(&c.Lease, 2*time.Minute)
	setDuration(&c.Lag, 5*time.Minute)
	setDuration(&c.Backoff, 30*time.Second)
	setDuration(&c.MaxBackoff, 6*time.Hour)
	if c.Batch <= 0 {
		c.Batch = 100
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
}

func setDuration(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

// Relay hands the outbox's events to named consumers, at least once each,
// and keeps track event by event in the database (never by a high-water
// mark: a transaction that commits late adds an event before ones already
// relayed). Several relays may run at once on several application servers:
// a delivery is claimed by one of them at a time, so each consumer gets
// each event once unless a relay dies or overruns its lease.
type Relay struct {
	store RelayStore
	cfg   RelayConfig

	mu        sync.Mutex
	consumers map[string]Consumer
	sources   []ConsumerSource
}

// NewRelay returns a Relay keeping its state in store.
func NewRelay(store RelayStore, cfg RelayConfig) *Relay {
	cfg.defaults()
	return &Relay{store: store, cfg: cfg, consumers: map[string]Consumer{}}
}

var consumerName = regexp.MustCompile(`^[a-z0-9][a-z0-9._:-]{0,99}$`)

// Register adds a consumer under a name that stays the same across restarts
// and servers: the delivery state is kept under it. A name is lower-case
// letters, digits and . _ : -, at most 100 characters.
func (r *Relay) Register(name string, c Consumer) error {
	if !consumerName.MatchString(name) {
		return avenir.FieldError("consumer", "The consumer name %q is not valid.", name)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.consumers[name]; ok {
		return avenir.Errorf(avenir.CodeConflict, "A consumer named %q is already registered.", name)
	}
	r.consumers[name] = c
	return nil
}

// AddSource adds consumers that the relay asks for at each round.
func (r *Relay) AddSource(s ConsumerSource) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sources = append(r.sources, s)
}

// all returns the registered consumers and those of the sources, by name.
func (r *Relay) all(ctx context.Context) (map[string]Consumer, error) {
	r.mu.Lock()
	all := make(map[string]Consumer, len(r.consumers))
	for n, c := range r.consumers {
		all[n] = c
	}
	sources := append([]ConsumerSource(nil), r.sources...)
	r.mu.Unlock()
	for _, s := range sources {
		more, err := s.Consumers(ctx)
		if err != nil {
			return nil, err
		}
		for n, c := range more {
			if !consumerName.MatchString(n) {
				return nil, fmt.Errorf("network: relay source gave the invalid consumer name %q", n)
			}
			if _, dup := all[n]; dup {
				return nil, fmt.Errorf("network: relay consumer %q is given twice", n)
			}
			all[n] = c
		}
	}
	return all, nil
}

// RunOnce runs one round: for each consumer, it enqueues the new events,
// claims the due deliveries and hands them over. It returns how many
// deliveries the consumers took. A consumer's failure is logged and
// scheduled for a retry, not returned; an error of the store is.
func (r *Relay) RunOnce(ctx context.Context) (int, error) {
	consumers, err := r.all(ctx)
	if err != nil {
		return 0, err
	}
	names := make([]string, 0, len(consumers))
	for n := range consumers {
		names = append(names, n)
	}
	sort.Strings(names)
	done := 0
	var errs []error
	for _, name := range names {
		n, err := r.round(ctx, name, consumers[name])
		done += n
		if err != nil {
			errs = append(errs, fmt.Errorf("consumer %s: %w", name, err))
		}
	}
	return done, errors.Join(errs...)
}

func (r *Relay) round(ctx context.Context, name string, c Consumer) (int, error) {
	now := r.cfg.Clock.Now()
	if _, err := r.store.Enqueue(ctx, name, now, r.cfg.Lag, r.cfg.Batch); err != nil {
		return 0, err
	}
	claimed, err := r.store.Claim(ctx, name, now, now.Add(r.cfg.Lease), r.cfg.Batch)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, d := range claimed {
		if ctx.Err() != nil {
			return done, ctx.Err()
		}
		if r.deliver(ctx, name, c, d) {
			done++
		}
	}
	return done, nil
}

// deliver hands one delivery to its consumer and records the answer.
func (r *Relay) deliver(ctx context.Context, name string, c Consumer, d Delivery) bool {
	log := r.cfg.Log.With("consumer", name, "event", d.Event.ID, "type", d.Event.Type, "attempt", d.Attempt)
	cerr := consume(context.WithValue(ctx, attemptKey{}, d.Attempt), c, d.Event)
	now := r.cfg.Clock.Now()
	if cerr == nil {
		ok, err := r.store.Complete(ctx, name, d.Event.ID, d.Attempt, now)
		if err != nil {
			log.ErrorContext(ctx, "relay: cannot record a delivery", "err", err)
		} else if !ok {
			log.WarnContext(ctx, "relay: the lease ended before the consumer answered; the event was offered again")
		}
		return err == nil
	}
	var retryAt time.Time
	if d.Attempt < r.cfg.MaxAttempts {
		retryAt = now.Add(r.Backoff(d.Attempt))
	}
	if _, err := r.store.Fail(ctx, name, d.Event.ID, d.Attempt, retryAt, cerr.Error(), now); err != nil {
		log.ErrorContext(ctx, "relay: cannot record a failure", "err", err, "failure", cerr)
	}
	if retryAt.IsZero() {
		log.ErrorContext(ctx, "relay: consumer failed for the last time; delivery is dead", "err", cerr)
	} else {
		log.WarnContext(ctx, "relay: consumer failed; will retry", "err", cerr, "retry_at", retryAt)
	}
	return false
}

type attemptKey struct{}

// Attempt returns, inside a Consumer, the number of the attempt to deliver
// the event (1 the first time); 0 outside a relay.
func Attempt(ctx context.Context) int {
	n, _ := ctx.Value(attemptKey{}).(int)
	return n
}

// consume calls the consumer, turning a panic into an error so that one bad
// event does not stop the relay.
func consume(ctx context.Context, c Consumer, e avenir.Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return c.Consume(ctx, e)
}

// Backoff returns the pause after the attempt-th failure: Backoff doubled
// attempt-1 times, at most MaxBackoff.
func (r *Relay) Backoff(attempt int) time.Duration {
	d := r.cfg.Backoff
	for i := 1; i < attempt && d < r.cfg.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, r.cfg.MaxBackoff)
}

// Run runs rounds until ctx ends, pausing PollInterval after a round that
// delivered nothing. Store errors are logged and the loop goes on.
func (r *Relay) Run(ctx context.Context) error {
	for {
		n, err := r.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			r.cfg.Log.ErrorContext(ctx, "relay: round failed", "err", err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(r.cfg.PollInterval):
		}
	}
}

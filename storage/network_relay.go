package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Relay returns the store of the outbox relay's delivery state.
func (db *DB) Relay() network.RelayStore { return relayStore{db} }

type relayStore struct{ *DB }

type deliveryRow struct {
	bun.BaseModel `bun:"table:avenir_relay_deliveries"`

	Consumer      string    `bun:"consumer,pk"`
	EventID       avenir.ID `bun:"event_id,pk"`
	EventAt       time.Time `bun:"event_at"`
	Status        string    `bun:"status"`
	Attempts      int       `bun:"attempts"`
	NextAttemptAt time.Time `bun:"next_attempt_at"`
	LastError     string    `bun:"last_error"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

func (s relayStore) Enqueue(ctx context.Context, consumer string, now time.Time, lag time.Duration, limit int) (int, error) {
	now = now.UTC()
	mark := now.Add(-lag)
	var added int
	err := s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if _, err := db.NewRaw(`INSERT INTO avenir_relay_consumers (name, horizon) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
			consumer, mark).Exec(ctx); err != nil {
			return err
		}
		var horizon time.Time
		if err := db.NewRaw(`SELECT horizon FROM avenir_relay_consumers WHERE name = ?`, consumer).Scan(ctx, &horizon); err != nil {
			return err
		}
		res, err := db.NewRaw(`INSERT INTO avenir_relay_deliveries
			(consumer, event_id, event_at, status, attempts, next_attempt_at, last_error, updated_at)
			SELECT ?, o.id, o.occurred_at, 'pending', 0, ?, '', ? FROM avenir_outbox o
			WHERE o.occurred_at >= ? AND NOT EXISTS (
				SELECT 1 FROM avenir_relay_deliveries d WHERE d.consumer = ? AND d.event_id = o.id)
			ORDER BY o.occurred_at, o.id LIMIT ?
			ON CONFLICT (consumer, event_id) DO NOTHING`,
			consumer, now, now, horizon.UTC(), consumer, limit).Exec(ctx)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		added = int(n)
		if added >= limit || !mark.After(horizon) {
			return nil
		}
		if _, err := db.NewRaw(`UPDATE avenir_relay_consumers SET horizon = ? WHERE name = ? AND horizon < ?`,
			mark, consumer, mark).Exec(ctx); err != nil {
			return err
		}
		_, err = db.NewRaw(`DELETE FROM avenir_relay_deliveries WHERE consumer = ? AND status = 'done' AND event_at < ?`,
			consumer, mark).Exec(ctx)
		return err
	})
	return added, translate(err)
}

// skipLocked is the clause that lets a PostgreSQL claim pass over the rows
// another relay is claiming; SQLite's writers are serial and need none.
func (db *DB) skipLocked() string {
	switch db.dialect {
	case PostgreSQL:
		return "FOR UPDATE SKIP LOCKED"
	case SQLite:
		return ""
	default:
		panic("storage: unknown dialect " + string(db.dialect))
	}
}

func (s relayStore) Claim(ctx context.Context, consumer string, now, until time.Time, limit int) ([]network.Delivery, error) {
	var out []network.Delivery
	err := s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		var claimed []struct {
			EventID  avenir.ID `bun:"event_id"`
			Attempts int       `bun:"attempts"`
		}
		// The claim is one UPDATE: a row another relay has claimed since
		// this one looked is locked (skipped), or, once committed, no longer
		// due when PostgreSQL checks the condition again.
		err := db.NewRaw(`UPDATE avenir_relay_deliveries SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ?
			WHERE consumer = ? AND status = 'pending' AND next_attempt_at <= ? AND event_id IN (
				SELECT event_id FROM avenir_relay_deliveries
				WHERE consumer = ? AND status = 'pending' AND next_attempt_at <= ?
				ORDER BY next_attempt_at, event_id LIMIT ? `+s.skipLocked()+`)
			RETURNING event_id, attempts`,
			until.UTC(), now.UTC(), consumer, now.UTC(), consumer, now.UTC(), limit).Scan(ctx, &claimed)
		if err != nil || len(claimed) == 0 {
			return err
		}
		ids := make([]avenir.ID, len(claimed))
		attempts := make(map[avenir.ID]int, len(claimed))
		for i, c := range claimed {
			ids[i], attempts[c.EventID] = c.EventID, c.Attempts
		}
		var rows []outboxRow
		if err := db.NewSelect().Model(&rows).Where("id IN (?)", bun.List(ids)).OrderExpr("occurred_at, id").Scan(ctx); err != nil {
			return err
		}
		for _, r := range rows {
			out = append(out, network.Delivery{Event: r.event(), Attempt: attempts[r.ID]})
		}
		return nil
	})
	return out, translate(err)
}

func (s relayStore) Complete(ctx context.Context, consumer string, event avenir.ID, attempt int, now time.Time) (bool, error) {
	res, err := s.IDB(ctx).NewRaw(`UPDATE avenir_relay_deliveries SET status = 'done', last_error = '', updated_at = ?
		WHERE consumer = ? AND event_id = ? AND attempts = ? AND status = 'pending'`,
		now.UTC(), consumer, event, attempt).Exec(ctx)
	return affected(res, err)
}

func (s relayStore) Fail(ctx context.Context, consumer string, event avenir.ID, attempt int, retryAt time.Time, reason string, now time.Time) (bool, error) {
	status, next := network.DeliveryPending, retryAt.UTC()
	if retryAt.IsZero() {
		status, next = network.DeliveryDead, now.UTC()
	}
	if len(reason) > 1000 {
		reason = reason[:1000]
	}
	res, err := s.IDB(ctx).NewRaw(`UPDATE avenir_relay_deliveries SET status = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
		WHERE consumer = ? AND event_id = ? AND attempts = ? AND status = 'pending'`,
		status, next, reason, now.UTC(), consumer, event, attempt).Exec(ctx)
	return affected(res, err)
}

func affected(res interface{ RowsAffected() (int64, error) }, err error) (bool, error) {
	if err != nil {
		return false, translate(err)
	}
	n, err := res.RowsAffected()
	return n > 0, translate(err)
}

func (s relayStore) DeliveryState(ctx context.Context, consumer string, event avenir.ID) (network.DeliveryState, error) {
	var r deliveryRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("consumer = ? AND event_id = ?", consumer, event).Scan(ctx); err != nil {
		return network.DeliveryState{}, translate(err)
	}
	return network.DeliveryState{
		Consumer: r.Consumer, Event: r.EventID, Status: network.DeliveryStatus(r.Status), Attempts: r.Attempts,
		NextAttemptAt: r.NextAttemptAt.UTC(), LastError: r.LastError,
	}, nil
}

package storage

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Webhooks returns the store of webhook subscriptions and their log.
func (db *DB) Webhooks() network.WebhookStore { return webhookStore{db} }

type webhookStore struct{ *DB }

type webhookRow struct {
	bun.BaseModel `bun:"table:avenir_webhooks"`

	ID         avenir.ID `bun:"id,pk"`
	URL        string    `bun:"url"`
	Types      string    `bun:"types"`
	Scope      string    `bun:"scope"`
	Secret     string    `bun:"secret"`
	CreatedBy  avenir.ID `bun:"created_by,nullzero"`
	CreatedAt  time.Time `bun:"created_at"`
	Failures   int       `bun:"failures"`
	DisabledAt time.Time `bun:"disabled_at,nullzero"`
}

func (r webhookRow) webhook() network.Webhook {
	w := network.Webhook{ID: r.ID, URL: r.URL, Types: strings.Fields(r.Types), Scope: network.WebhookScope(r.Scope),
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), Failures: r.Failures}
	if !r.DisabledAt.IsZero() {
		w.DisabledAt = r.DisabledAt.UTC()
	}
	return w
}

type webhookDeliveryRow struct {
	bun.BaseModel `bun:"table:avenir_webhook_deliveries"`

	ID         avenir.ID `bun:"id,pk"`
	WebhookID  avenir.ID `bun:"webhook_id"`
	EventID    avenir.ID `bun:"event_id"`
	EventType  string    `bun:"event_type"`
	Attempt    int       `bun:"attempt"`
	StatusCode int       `bun:"status_code"`
	DurationMS int64     `bun:"duration_ms"`
	Error      string    `bun:"error"`
	At         time.Time `bun:"at"`
}

func (s webhookStore) CreateWebhook(ctx context.Context, w network.Webhook, secret string) error {
	r := webhookRow{ID: w.ID, URL: w.URL, Types: strings.Join(w.Types, " "), Scope: string(w.Scope), Secret: secret,
		CreatedBy: w.CreatedBy, CreatedAt: w.CreatedAt.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s webhookStore) Webhook(ctx context.Context, id avenir.ID) (network.Webhook, string, error) {
	var r webhookRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("id = ?", id).Scan(ctx); err != nil {
		return network.Webhook{}, "", translate(err)
	}
	return r.webhook(), r.Secret, nil
}

func (s webhookStore) Webhooks(ctx context.Context) ([]network.Webhook, error) {
	var rows []webhookRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).OrderExpr("id").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]network.Webhook, len(rows))
	for i, r := range rows {
		out[i] = r.webhook()
	}
	return out, nil
}

func (s webhookStore) DeleteWebhook(ctx context.Context, id avenir.ID) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if _, err := db.NewDelete().Model((*webhookDeliveryRow)(nil)).Where("webhook_id = ?", id).Exec(ctx); err != nil {
			return err
		}
		ok, err := affected(db.NewDelete().Model((*webhookRow)(nil)).Where("id = ?", id).Exec(ctx))
		if err == nil && !ok {
			return avenir.ErrNotFound
		}
		return err
	})
}

func (s webhookStore) EnableWebhook(ctx context.Context, id avenir.ID) error {
	ok, err := affected(s.IDB(ctx).NewUpdate().Model((*webhookRow)(nil)).Set("failures = 0").Set("disabled_at = NULL").
		Where("id = ?", id).Exec(ctx))
	if err == nil && !ok {
		return avenir.ErrNotFound
	}
	return err
}

func (s webhookStore) DisableWebhook(ctx context.Context, id avenir.ID, at time.Time) error {
	// A subscription disabled already keeps the time it was.
	_, err := s.IDB(ctx).NewUpdate().Model((*webhookRow)(nil)).Set("disabled_at = ?", at.UTC()).
		Where("id = ?", id).Where("disabled_at IS NULL").Exec(ctx)
	if err != nil {
		return translate(err)
	}
	return nil
}

func (s webhookStore) AddWebhookDelivery(ctx context.Context, d network.WebhookDelivery, keep, disableAfter int) (bool, error) {
	disabled := false
	err := s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		r := webhookDeliveryRow{ID: d.ID, WebhookID: d.Webhook, EventID: d.Event, EventType: d.Type, Attempt: d.Attempt,
			StatusCode: d.StatusCode, DurationMS: d.Duration.Milliseconds(), Error: d.Error, At: d.At.UTC()}
		if len(r.Error) > 500 {
			r.Error = r.Error[:500]
		}
		if _, err := db.NewInsert().Model(&r).Exec(ctx); err != nil {
			return err
		}
		// Keep the latest: delivery IDs are UUIDv7, ordered by time.
		if _, err := db.NewRaw(`DELETE FROM avenir_webhook_deliveries WHERE webhook_id = ? AND id NOT IN (
			SELECT id FROM avenir_webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?)`,
			d.Webhook, d.Webhook, keep).Exec(ctx); err != nil {
			return err
		}
		if d.OK() {
			_, err := db.NewUpdate().Model((*webhookRow)(nil)).Set("failures = 0").Where("id = ?", d.Webhook).Exec(ctx)
			return err
		}
		var failures int
		if err := db.NewRaw(`UPDATE avenir_webhooks SET failures = failures + 1 WHERE id = ? RETURNING failures`, d.Webhook).
			Scan(ctx, &failures); err != nil {
			return err
		}
		if failures < disableAfter {
			return nil
		}
		disabled = true
		_, err := db.NewUpdate().Model((*webhookRow)(nil)).Set("disabled_at = ?", d.At.UTC()).
			Where("id = ? AND disabled_at IS NULL", d.Webhook).Exec(ctx)
		return err
	})
	return disabled, translate(err)
}

func (s webhookStore) WebhookDeliveries(ctx context.Context, webhook avenir.ID) ([]network.WebhookDelivery, error) {
	var rows []webhookDeliveryRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("webhook_id = ?", webhook).OrderExpr("id DESC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]network.WebhookDelivery, len(rows))
	for i, r := range rows {
		out[i] = network.WebhookDelivery{ID: r.ID, Webhook: r.WebhookID, Event: r.EventID, Type: r.EventType, Attempt: r.Attempt,
			StatusCode: r.StatusCode, Duration: time.Duration(r.DurationMS) * time.Millisecond, Error: r.Error, At: r.At.UTC()}
	}
	return out, nil
}

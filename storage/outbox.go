package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
)

// outboxRow is an avenir.Event as stored in avenir_outbox.
type outboxRow struct {
	bun.BaseModel `bun:"table:avenir_outbox"`

	ID            avenir.ID `bun:"id,pk"`
	Type          string    `bun:"type"`
	SubjectID     avenir.ID `bun:"subject_id"`
	ActorID       avenir.ID `bun:"actor_id,nullzero"`
	AudienceKind  string    `bun:"audience_kind"`
	AudienceScope avenir.ID `bun:"audience_scope,nullzero"`
	Payload       *string   `bun:"payload"`
	OccurredAt    time.Time `bun:"occurred_at"`
}

func (r outboxRow) event() avenir.Event {
	e := avenir.Event{
		ID: r.ID, Type: r.Type, Subject: r.SubjectID, Actor: r.ActorID,
		Audience:   avenir.Audience{Kind: avenir.AudienceKind(r.AudienceKind), Scope: r.AudienceScope},
		OccurredAt: r.OccurredAt.UTC(),
	}
	if r.Payload != nil {
		e.Payload = []byte(*r.Payload)
	}
	return e
}

// Record writes events to the outbox. Called inside InTx, the events commit
// with the change they report, or not at all.
func (db *DB) Record(ctx context.Context, events ...avenir.Event) error {
	if len(events) == 0 {
		return nil
	}
	rows := make([]outboxRow, len(events))
	for i, e := range events {
		if e.ID.IsZero() || e.Type == "" || e.OccurredAt.IsZero() {
			return avenir.Errorf(avenir.CodeInvalid, "The event is incomplete.")
		}
		if err := e.Audience.Validate(); err != nil {
			return err
		}
		rows[i] = outboxRow{
			ID: e.ID, Type: e.Type, SubjectID: e.Subject, ActorID: e.Actor,
			AudienceKind: string(e.Audience.Kind), AudienceScope: e.Audience.Scope,
			OccurredAt: e.OccurredAt.UTC(),
		}
		if len(e.Payload) > 0 {
			p := string(e.Payload)
			rows[i].Payload = &p
		}
	}
	_, err := db.IDB(ctx).NewInsert().Model(&rows).Exec(ctx)
	return translate(err)
}

const eventsCursor = "storage.events"

// Events lists the outbox in ID order (the order events were created),
// keeping only those the viewer may see: for feeds and audits. It is not a
// relay's cursor: a transaction that commits late may add an event before
// the last one a reader saw, so relays (webhooks, brokers) track what they
// delivered per event instead.
func (db *DB) Events(ctx context.Context, viewer avenir.Actor, page avenir.PageRequest) (avenir.Page[avenir.Event], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[avenir.Event]{}, err
	}
	var rows []outboxRow
	q := db.IDB(ctx).NewSelect().Model(&rows).OrderExpr("id ASC").Limit(int64(size + 1))
	if page.After != "" {
		var after avenir.ID
		if err := avenir.DecodeCursor(page.After, eventsCursor, &after); err != nil {
			return avenir.Page[avenir.Event]{}, err
		}
		q = q.Where("id > ?", after)
	}
	q = whereVisible(q, viewer.Visibility(), "audience_kind", "audience_scope")
	if err := q.Scan(ctx); err != nil {
		return avenir.Page[avenir.Event]{}, translate(err)
	}
	events := make([]avenir.Event, len(rows))
	for i, r := range rows {
		events[i] = r.event()
	}
	return avenir.NewPage(events, size, eventsCursor, func(e avenir.Event) []any { return []any{e.ID} }), nil
}

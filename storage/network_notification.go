package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Notifications returns the store of notifications and preferences.
func (db *DB) Notifications() network.NotificationStore { return notificationStore{db} }

type notificationStore struct{ *DB }

type notificationRow struct {
	bun.BaseModel `bun:"table:avenir_notifications,alias:n"`

	ID            avenir.ID `bun:"id,pk"`
	MemberID      avenir.ID `bun:"member_id"`
	Kind          string    `bun:"kind"`
	EventID       avenir.ID `bun:"event_id"`
	EventType     string    `bun:"event_type"`
	SubjectID     avenir.ID `bun:"subject_id"`
	ActorID       avenir.ID `bun:"actor_id,nullzero"`
	AudienceKind  string    `bun:"audience_kind"`
	AudienceScope avenir.ID `bun:"audience_scope,nullzero"`
	Payload       *string   `bun:"payload"`
	Mail          string    `bun:"mail"`
	CreatedAt     time.Time `bun:"created_at"`
	ReadAt        time.Time `bun:"read_at,nullzero"`
}

func (r notificationRow) notification() network.Notification {
	n := network.Notification{
		ID: r.ID, Member: r.MemberID, Kind: network.Kind(r.Kind), Event: r.EventID, Type: r.EventType,
		Subject: r.SubjectID, Actor: r.ActorID,
		Audience: avenir.Audience{Kind: avenir.AudienceKind(r.AudienceKind), Scope: r.AudienceScope},
		Mail:     network.MailState(r.Mail), CreatedAt: r.CreatedAt.UTC(),
	}
	if r.Payload != nil {
		n.Payload = []byte(*r.Payload)
	}
	if !r.ReadAt.IsZero() {
		n.ReadAt = r.ReadAt.UTC()
	}
	return n
}

func notifications(rows []notificationRow) []network.Notification {
	out := make([]network.Notification, len(rows))
	for i, r := range rows {
		out[i] = r.notification()
	}
	return out
}

func (s notificationStore) AddNotification(ctx context.Context, n network.Notification) (network.Notification, error) {
	r := notificationRow{
		ID: n.ID, MemberID: n.Member, Kind: string(n.Kind), EventID: n.Event, EventType: n.Type, SubjectID: n.Subject,
		ActorID: n.Actor, AudienceKind: string(n.Audience.Kind), AudienceScope: n.Audience.Scope,
		Mail: string(n.Mail), CreatedAt: n.CreatedAt.UTC(),
	}
	if len(n.Payload) > 0 {
		p := string(n.Payload)
		r.Payload = &p
	}
	var out network.Notification
	err := s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if _, err := db.NewInsert().Model(&r).On("CONFLICT (member_id, event_id) DO NOTHING").Exec(ctx); err != nil {
			return err
		}
		var stored notificationRow
		if err := db.NewSelect().Model(&stored).Where("member_id = ? AND event_id = ?", n.Member, n.Event).Scan(ctx); err != nil {
			return err
		}
		out = stored.notification()
		return nil
	})
	return out, translate(err)
}

func (s notificationStore) SetMail(ctx context.Context, id avenir.ID, from, to network.MailState) (bool, error) {
	res, err := s.IDB(ctx).NewUpdate().Model((*notificationRow)(nil)).Set("mail = ?", to).
		Where("id = ? AND mail = ?", id, from).Exec(ctx)
	return affected(res, err)
}

func (s notificationStore) Notifications(ctx context.Context, member avenir.ID, v avenir.Visibility, unread bool, after avenir.ID, limit int) ([]network.Notification, error) {
	var rows []notificationRow
	q := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("id DESC").Limit(int64(limit))
	if !after.IsZero() {
		q = q.Where("id < ?", after)
	}
	if unread {
		q = q.Where("read_at IS NULL")
	}
	q = whereVisible(q, v, "audience_kind", "audience_scope")
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	return notifications(rows), nil
}

func (s notificationStore) UnreadCount(ctx context.Context, member avenir.ID, v avenir.Visibility) (int, error) {
	q := s.IDB(ctx).NewSelect().Model((*notificationRow)(nil)).Where("member_id = ? AND read_at IS NULL", member)
	n, err := whereVisible(q, v, "audience_kind", "audience_scope").Count(ctx)
	return int(n), translate(err)
}

func (s notificationStore) MarkRead(ctx context.Context, member, id avenir.ID, at time.Time) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		exists, err := db.NewSelect().Model((*notificationRow)(nil)).Where("id = ? AND member_id = ?", id, member).Exists(ctx)
		if err != nil {
			return err
		}
		if !exists {
			return avenir.ErrNotFound
		}
		_, err = db.NewUpdate().Model((*notificationRow)(nil)).Set("read_at = ?", at.UTC()).
			Where("id = ? AND read_at IS NULL", id).Exec(ctx)
		return err
	})
}

func (s notificationStore) MarkAllRead(ctx context.Context, member avenir.ID, at time.Time) (int, error) {
	res, err := s.IDB(ctx).NewUpdate().Model((*notificationRow)(nil)).Set("read_at = ?", at.UTC()).
		Where("member_id = ? AND read_at IS NULL", member).Exec(ctx)
	if err != nil {
		return 0, translate(err)
	}
	n, err := res.RowsAffected()
	return int(n), translate(err)
}

type preferenceRow struct {
	bun.BaseModel `bun:"table:avenir_notification_preferences"`

	MemberID avenir.ID `bun:"member_id,pk"`
	Kind     string    `bun:"kind,pk"`
	Channel  string    `bun:"channel"`
}

func (s notificationStore) Preferences(ctx context.Context, member avenir.ID) (map[network.Kind]network.Channel, error) {
	var rows []preferenceRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make(map[network.Kind]network.Channel, len(rows))
	for _, r := range rows {
		out[network.Kind(r.Kind)] = network.Channel(r.Channel)
	}
	return out, nil
}

func (s notificationStore) SetPreference(ctx context.Context, member avenir.ID, kind network.Kind, c network.Channel) error {
	r := preferenceRow{MemberID: member, Kind: string(kind), Channel: string(c)}
	_, err := s.IDB(ctx).NewInsert().Model(&r).On("CONFLICT (member_id, kind) DO UPDATE").Set("channel = EXCLUDED.channel").Exec(ctx)
	return translate(err)
}

func (s notificationStore) DigestMembers(ctx context.Context, after avenir.ID, limit int) ([]avenir.ID, error) {
	var ids []avenir.ID
	q := s.IDB(ctx).NewSelect().Model((*notificationRow)(nil)).Column("member_id").Distinct().
		Where("mail = ?", network.MailDigest).OrderExpr("member_id").Limit(int64(limit))
	if !after.IsZero() {
		q = q.Where("member_id > ?", after)
	}
	err := q.Scan(ctx, &ids)
	return ids, translate(err)
}

func (s notificationStore) TakeDigest(ctx context.Context, member avenir.ID, day string, at time.Time) ([]network.Notification, error) {
	var rows []notificationRow
	err := s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if err := db.NewSelect().Model(&rows).Where("member_id = ? AND mail = ?", member, network.MailDigest).
			OrderExpr("id").Scan(ctx); err != nil || len(rows) == 0 {
			return err
		}
		if _, err := db.NewRaw(`INSERT INTO avenir_notification_digests (member_id, day, items, sent_at) VALUES (?, ?, ?, ?)`,
			member, day, len(rows), at.UTC()).Exec(ctx); err != nil {
			return err
		}
		ids := make([]avenir.ID, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		_, err := db.NewUpdate().Model((*notificationRow)(nil)).Set("mail = ?", network.MailDigested).
			Where("id IN (?) AND mail = ?", bun.List(ids), network.MailDigest).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, translate(err)
	}
	return notifications(rows), nil
}

func (s notificationStore) MemberNotifications(ctx context.Context, member avenir.ID) ([]network.Notification, error) {
	var rows []notificationRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("id").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	return notifications(rows), nil
}

func (s notificationStore) EraseMemberNotifications(ctx context.Context, member avenir.ID) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		for _, table := range []string{"avenir_notifications", "avenir_notification_preferences", "avenir_notification_digests"} {
			if _, err := db.NewDelete().TableExpr("?", bun.Ident(table)).Where("member_id = ?", member).Exec(ctx); err != nil {
				return err
			}
		}
		_, err := db.NewUpdate().Model((*notificationRow)(nil)).Set("actor_id = NULL").Where("actor_id = ?", member).Exec(ctx)
		return err
	})
}

package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Retention returns the store the retention job reads.
func (db *DB) Retention() network.RetentionStore { return retentionStore{db} }

// retentionStore implements network.RetentionStore.
type retentionStore struct{ *DB }

func (s retentionStore) Lapsed(ctx context.Context, before time.Time, after avenir.ID, limit int) ([]avenir.ID, error) {
	before = before.UTC()
	ids := []avenir.ID{}
	q := s.IDB(ctx).NewSelect().TableExpr("avenir_members AS m").Column("m.id").
		Where("m.status IN (?)", bun.List([]avenir.Status{avenir.StatusLapsed, avenir.StatusLeft}))
	if !after.IsZero() {
		q = q.Where("m.id > ?", after) // the zero ID is NULL in SQL
	}
	err := q.Where("(m.status = ? OR m.expires_at IS NULL OR m.expires_at < ?)", avenir.StatusLeft, before).
		Where("NOT EXISTS (SELECT 1 FROM avenir_member_transitions AS t WHERE t.member_id = m.id AND t.at >= ?)", before).
		OrderExpr("m.id ASC").Limit(int64(limit)).Scan(ctx, &ids)
	return ids, translate(err)
}

package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Audit returns the audit log's store.
func (db *DB) Audit() network.AuditStore { return auditStore{db} }

// auditStore implements network.AuditStore.
type auditStore struct{ *DB }

type auditRow struct {
	bun.BaseModel `bun:"table:avenir_audit"`

	ID      avenir.ID `bun:"id,pk"`
	Kind    string    `bun:"kind"`
	Actor   avenir.ID `bun:"actor_id,nullzero"`
	Member  avenir.ID `bun:"member_id,nullzero"`
	Details *string   `bun:"details"`
	At      time.Time `bun:"at"`
}

func (r auditRow) entry() network.AuditEntry {
	e := network.AuditEntry{ID: r.ID, Kind: network.AuditKind(r.Kind), Actor: r.Actor, Member: r.Member, At: utc(r.At)}
	if r.Details != nil {
		e.Details = []byte(*r.Details)
	}
	return e
}

func (s auditStore) AddAudit(ctx context.Context, entries ...network.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		rows[i] = auditRow{ID: e.ID, Kind: string(e.Kind), Actor: e.Actor, Member: e.Member, At: e.At.UTC()}
		if len(e.Details) > 0 {
			d := string(e.Details)
			rows[i].Details = &d
		}
	}
	_, err := s.IDB(ctx).NewInsert().Model(&rows).On("CONFLICT (id) DO NOTHING").Exec(ctx)
	return translate(err)
}

// Audit reads the log and membership's access records as one list: an
// access is an "export" entry when what was seen is an export, else a
// "contact_viewed" entry whose details say what.
func (s auditStore) Audit(ctx context.Context, f network.AuditFilter) ([]network.AuditEntry, error) {
	db := s.IDB(ctx)
	log := db.NewSelect().TableExpr("avenir_audit").Column("id", "kind", "actor_id", "member_id", "details", "at")
	accesses := db.NewSelect().TableExpr("avenir_member_accesses").ColumnExpr("id").
		ColumnExpr("CASE WHEN what = 'export' THEN ? ELSE ? END AS kind", string(network.AuditExport), string(network.AuditContactViewed)).
		ColumnExpr("viewer_id AS actor_id, member_id").
		ColumnExpr(`'{"what":"' || what || '"}' AS details`).
		Column("at")
	if !f.Member.IsZero() {
		log = log.Where("member_id = ?", f.Member)
		accesses = accesses.Where("member_id = ?", f.Member)
	}
	var rows []auditRow
	q := db.NewSelect().TableExpr("(?) AS a", log.UnionAll(accesses)).ColumnExpr("a.*")
	if len(f.Kinds) > 0 {
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			kinds[i] = string(k)
		}
		q = q.Where("a.kind IN (?)", bun.List(kinds))
	}
	if !f.From.IsZero() {
		q = q.Where("a.at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("a.at < ?", f.To.UTC())
	}
	if f.Before != nil {
		at := f.Before.At.UTC()
		q = q.Where("(a.at < ? OR (a.at = ? AND a.id < ?))", at, at, f.Before.ID)
	}
	q = q.OrderExpr("a.at DESC, a.id DESC")
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, translate(err)
	}
	out := make([]network.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
	}
	return out, nil
}

func (s auditStore) PurgeAudit(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := s.InTx(ctx, func(ctx context.Context) error {
		n = 0
		for _, table := range []string{"avenir_audit", "avenir_member_accesses"} {
			res, err := s.IDB(ctx).NewDelete().TableExpr(table).Where("at < ?", before.UTC()).Exec(ctx)
			if err != nil {
				return translate(err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

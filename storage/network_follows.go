package storage

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Follows returns the store of the social layer's follows and blocks.
func (db *DB) Follows() network.FollowStore { return followStore{db} }

type followStore struct{ *DB }

var _ network.FollowStore = followStore{}

type socialFollowRow struct {
	bun.BaseModel `bun:"table:avenir_follows"`

	Follower  avenir.ID `bun:"follower_id,pk"`
	Kind      string    `bun:"target_kind,pk"`
	Target    avenir.ID `bun:"target_id,pk"`
	CreatedAt time.Time `bun:"created_at"`
}

type blockRow struct {
	bun.BaseModel `bun:"table:avenir_blocks"`

	Blocker   avenir.ID `bun:"blocker_id,pk"`
	Blocked   avenir.ID `bun:"blocked_id,pk"`
	CreatedAt time.Time `bun:"created_at"`
}

type socialSettingsRow struct {
	bun.BaseModel `bun:"table:avenir_social_settings"`

	Member       avenir.ID `bun:"member_id,pk"`
	FollowPolicy string    `bun:"follow_policy"`
	UpdatedAt    time.Time `bun:"updated_at"`
}

func (s followStore) AddFollow(ctx context.Context, follower avenir.ID, t network.Target, at time.Time) error {
	r := socialFollowRow{Follower: follower, Kind: string(t.Kind), Target: t.ID, CreatedAt: at.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).On("CONFLICT (follower_id, target_kind, target_id) DO NOTHING").Exec(ctx)
	return translate(err)
}

func (s followStore) RemoveFollow(ctx context.Context, follower avenir.ID, t network.Target) error {
	_, err := s.IDB(ctx).NewDelete().Model((*socialFollowRow)(nil)).
		Where("follower_id = ? AND target_kind = ? AND target_id = ?", follower, string(t.Kind), t.ID).Exec(ctx)
	return translate(err)
}

func (s followStore) IsFollowing(ctx context.Context, follower avenir.ID, t network.Target) (bool, error) {
	ok, err := s.IDB(ctx).NewSelect().Model((*socialFollowRow)(nil)).
		Where("follower_id = ? AND target_kind = ? AND target_id = ?", follower, string(t.Kind), t.ID).Exists(ctx)
	return ok, translate(err)
}

func (s followStore) Followed(ctx context.Context, follower avenir.ID, kind network.FollowKind) ([]network.Target, error) {
	var rows []socialFollowRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("follower_id = ? AND target_kind = ?", follower, string(kind)).
		OrderExpr("created_at DESC, target_id DESC").Scan(ctx)
	out := make([]network.Target, len(rows))
	for i, r := range rows {
		out[i] = network.Target{Kind: network.FollowKind(r.Kind), ID: r.Target}
	}
	return out, translate(err)
}

// FollowList joins the members for their names, leaves out the erased ones
// and those blocked by or blocking the viewer, and pages newest first.
func (s followStore) FollowList(ctx context.Context, f network.FollowFilter) ([]network.FollowEntry, error) {
	// The member listed is the follower in a list of followers, the target
	// in a list of followed members.
	mine, listed := "fo.target_id", "fo.follower_id"
	if !f.Followers {
		mine, listed = "fo.follower_id", "fo.target_id"
	}
	var out []network.FollowEntry
	q := s.IDB(ctx).NewSelect().TableExpr("avenir_follows AS fo").
		ColumnExpr("? AS member, m.display_name AS name, fo.created_at AS since", bun.Safe(listed)).
		Join("JOIN avenir_members AS m ON m.id = ?", bun.Safe(listed)).
		Where("fo.target_kind = ?", string(network.FollowMember)).
		Where("? = ?", bun.Safe(mine), f.Member).
		Where("m.status <> ?", avenir.StatusErased).
		Where("NOT EXISTS (SELECT 1 FROM avenir_blocks b WHERE (b.blocker_id = ? AND b.blocked_id = ?) OR (b.blocker_id = ? AND b.blocked_id = ?))",
			f.Viewer, bun.Safe(listed), bun.Safe(listed), f.Viewer).
		OrderExpr("fo.created_at DESC, ? DESC", bun.Safe(listed)).
		Limit(int64(f.Limit))
	if f.After != nil {
		q = q.Where("(fo.created_at < ? OR (fo.created_at = ? AND ? < ?))",
			f.After.Since.UTC(), f.After.Since.UTC(), bun.Safe(listed), f.After.Member)
	}
	err := q.Scan(ctx, &out)
	for i := range out {
		out[i].Since = out[i].Since.UTC()
	}
	return out, translate(err)
}

func (s followStore) FollowCounts(ctx context.Context, member avenir.ID) (network.FollowCounts, error) {
	var c network.FollowCounts
	err := s.IDB(ctx).NewSelect().
		ColumnExpr("(SELECT count(*) FROM avenir_follows WHERE target_kind = ? AND target_id = ?) AS followers", string(network.FollowMember), member).
		ColumnExpr("(SELECT count(*) FROM avenir_follows WHERE target_kind = ? AND follower_id = ?) AS following", string(network.FollowMember), member).
		Scan(ctx, &c.Followers, &c.Following)
	return c, translate(err)
}

func (s followStore) RemoveFollowers(ctx context.Context, member avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*socialFollowRow)(nil)).
		Where("target_kind = ? AND target_id = ?", string(network.FollowMember), member).Exec(ctx)
	return translate(err)
}

func (s followStore) AddBlock(ctx context.Context, blocker, blocked avenir.ID, at time.Time) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		r := blockRow{Blocker: blocker, Blocked: blocked, CreatedAt: at.UTC()}
		if _, err := s.IDB(ctx).NewInsert().Model(&r).On("CONFLICT (blocker_id, blocked_id) DO NOTHING").Exec(ctx); err != nil {
			return err
		}
		_, err := s.IDB(ctx).NewDelete().Model((*socialFollowRow)(nil)).
			Where("target_kind = ?", string(network.FollowMember)).
			Where("((follower_id = ? AND target_id = ?) OR (follower_id = ? AND target_id = ?))", blocker, blocked, blocked, blocker).
			Exec(ctx)
		return err
	})
}

func (s followStore) RemoveBlock(ctx context.Context, blocker, blocked avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*blockRow)(nil)).Where("blocker_id = ? AND blocked_id = ?", blocker, blocked).Exec(ctx)
	return translate(err)
}

func (s followStore) BlockedAmong(ctx context.Context, member avenir.ID, others []avenir.ID) ([]avenir.ID, error) {
	if len(others) == 0 {
		return nil, nil
	}
	var ids []avenir.ID
	err := s.IDB(ctx).NewRaw(`SELECT blocked_id FROM avenir_blocks WHERE blocker_id = ? AND blocked_id IN (?)
		UNION SELECT blocker_id FROM avenir_blocks WHERE blocked_id = ? AND blocker_id IN (?)`,
		member, bun.List(others), member, bun.List(others)).Scan(ctx, &ids)
	return ids, translate(err)
}

func (s followStore) Blocks(ctx context.Context, blocker avenir.ID) ([]network.Block, error) {
	var rows []blockRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("blocker_id = ?", blocker).OrderExpr("created_at DESC, blocked_id DESC").Scan(ctx)
	out := make([]network.Block, len(rows))
	for i, r := range rows {
		out[i] = network.Block{Member: r.Blocked, Since: r.CreatedAt.UTC()}
	}
	return out, translate(err)
}

func (s followStore) FollowPolicy(ctx context.Context, member avenir.ID) (network.FollowPolicy, error) {
	var rows []socialSettingsRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).Scan(ctx); err != nil {
		return "", translate(err)
	}
	if len(rows) == 0 {
		return network.FollowMembers, nil
	}
	return network.FollowPolicy(rows[0].FollowPolicy), nil
}

func (s followStore) SetFollowPolicy(ctx context.Context, member avenir.ID, p network.FollowPolicy, at time.Time) error {
	r := socialSettingsRow{Member: member, FollowPolicy: string(p), UpdatedAt: at.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).
		On("CONFLICT (member_id) DO UPDATE").Set("follow_policy = EXCLUDED.follow_policy, updated_at = EXCLUDED.updated_at").Exec(ctx)
	return translate(err)
}

func (s followStore) MemberStatuses(ctx context.Context, ids []avenir.ID) (map[avenir.ID]avenir.Status, error) {
	out := make(map[avenir.ID]avenir.Status, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []memberRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Column("id", "status").Where("id IN (?)", bun.List(ids)).Scan(ctx); err != nil {
		return nil, translate(err)
	}
	for _, r := range rows {
		out[r.ID] = avenir.Status(r.Status)
	}
	return out, nil
}

func (s followStore) EraseFollows(ctx context.Context, member avenir.ID) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		if _, err := db.NewDelete().Model((*socialFollowRow)(nil)).
			Where("follower_id = ? OR (target_kind = ? AND target_id = ?)", member, string(network.FollowMember), member).Exec(ctx); err != nil {
			return err
		}
		if _, err := db.NewDelete().Model((*blockRow)(nil)).Where("blocker_id = ? OR blocked_id = ?", member, member).Exec(ctx); err != nil {
			return err
		}
		_, err := db.NewDelete().Model((*socialSettingsRow)(nil)).Where("member_id = ?", member).Exec(ctx)
		return err
	})
}

package storage

import (
	"context"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// What the forums hold about one member, for forum.Service's export and
// erasure.

func (s forumStore) MemberSupports(ctx context.Context, member avenir.ID) ([]avenir.ID, error) {
	out := []avenir.ID{}
	err := s.IDB(ctx).NewSelect().Table("avenir_forum_supports").Column("post_id").
		Where("member_id = ?", member).OrderExpr("created_at ASC, post_id ASC").Scan(ctx, &out)
	return out, translate(err)
}

func (r flagRow) flag() forum.Flag {
	return forum.Flag{ID: r.ID, Post: r.Post, Member: r.Member, Reason: forum.Reason(r.Reason), Text: r.Text,
		CreatedAt: utc(r.CreatedAt), Decision: r.Decision}
}

func (s forumStore) MemberFlags(ctx context.Context, member avenir.ID) ([]forum.Flag, error) {
	var rows []flagRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("member_id = ?", member).OrderExpr("created_at ASC, id ASC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]forum.Flag, len(rows))
	for i, r := range rows {
		out[i] = r.flag()
	}
	return out, nil
}

func (s forumStore) Watched(ctx context.Context, member avenir.ID) ([]avenir.ID, error) {
	out := []avenir.ID{}
	err := s.IDB(ctx).NewSelect().Table("avenir_forum_watches").Column("thread_id").
		Where("member_id = ?", member).OrderExpr("created_at ASC, thread_id ASC").Scan(ctx, &out)
	return out, translate(err)
}

func (s forumStore) EraseMember(ctx context.Context, member avenir.ID) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		db := s.IDB(ctx)
		steps := []struct {
			query string
			args  []any
		}{
			{`UPDATE avenir_forum_posts SET support_count = support_count - 1
			  WHERE id IN (SELECT post_id FROM avenir_forum_supports WHERE member_id = ?)`, []any{member}},
			{"DELETE FROM avenir_forum_supports WHERE member_id = ?", []any{member}},
			{"DELETE FROM avenir_forum_watches WHERE member_id = ?", []any{member}},
			{"DELETE FROM avenir_forum_revisions WHERE post_id IN (SELECT id FROM avenir_forum_posts WHERE author_id = ?)", []any{member}},
			{"UPDATE avenir_forum_flags SET text = '' WHERE member_id = ?", []any{member}},
			{"UPDATE avenir_forum_decisions SET appeal_text = '' WHERE author_id = ? AND appeal_text IS NOT NULL", []any{member}},
		}
		for _, st := range steps {
			if _, err := db.NewRaw(st.query, st.args...).Exec(ctx); err != nil {
				return translate(err)
			}
		}
		return nil
	})
}

package storage

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Feed returns the store the activity feed reads the outbox through.
func (db *DB) Feed() network.FeedStore { return feedStore{db} }

type feedStore struct{ *DB }

var _ network.FeedStore = feedStore{}

// FeedEvents selects, newest first, the events of the query's types whose
// audience the reader is in, not caused by the reader nor by a member
// blocked by or blocking them, and tied to the reader by a follow, a watch
// or a committee (a followed member ties only their posts and field
// events). Each tie is an indexed lookup (see the feed migration);
// the follows, watches and blocks are read inside the query.
func (s feedStore) FeedEvents(ctx context.Context, q network.FeedQuery) ([]avenir.Event, error) {
	all := append(append(append(append([]string{}, q.ForumTypes...), q.EventTypes...), q.CommitteeTypes...), q.ActionTypes...)
	if len(all) == 0 {
		return []avenir.Event{}, nil
	}
	me := q.Reader
	var rows []outboxRow
	sel := s.IDB(ctx).NewSelect().Model(&rows).
		Where("type IN (?)", bun.List(all)).
		Where(`(actor_id IS NULL OR (actor_id <> ?
			AND actor_id NOT IN (SELECT blocked_id FROM avenir_blocks WHERE blocker_id = ?)
			AND actor_id NOT IN (SELECT blocker_id FROM avenir_blocks WHERE blocked_id = ?)))`, me, me, me).
		WhereGroup(" AND ", func(w *bun.SelectQuery) *bun.SelectQuery {
			// A followed member's activity is what they sign: posts and
			// field events. Their solidarity actions are not (an author's
			// request for help is theirs to share), nor committee changes.
			if byMember := append(append([]string{}, q.ForumTypes...), q.EventTypes...); len(byMember) > 0 {
				w = w.WhereOr("(type IN (?) AND actor_id IN (SELECT target_id FROM avenir_follows WHERE follower_id = ? AND target_kind = ?))",
					bun.List(byMember), me, network.FollowMember)
			}
			if len(q.ActionTypes) > 0 {
				w = w.WhereOr("(type IN (?) AND subject_id IN (SELECT target_id FROM avenir_follows WHERE follower_id = ? AND target_kind = ?))",
					bun.List(q.ActionTypes), me, network.FollowAction)
			}
			if len(q.ForumTypes) > 0 {
				w = w.WhereOr("(type IN (?) AND (payload ->> 'forum') IN (SELECT CAST(target_id AS text) FROM avenir_follows WHERE follower_id = ? AND target_kind = ?))",
					bun.List(q.ForumTypes), me, network.FollowForum).
					WhereOr("(type IN (?) AND (payload ->> 'thread') IN (SELECT CAST(thread_id AS text) FROM avenir_forum_watches WHERE member_id = ?))",
						bun.List(q.ForumTypes), me)
			}
			if len(q.CommitteeTypes) > 0 {
				w = w.WhereOr("(type IN (?) AND subject_id IN (SELECT committee_id FROM avenir_committee_follows WHERE member_id = ?))",
					bun.List(q.CommitteeTypes), me)
				if len(q.Committees) > 0 {
					w = w.WhereOr("(type IN (?) AND subject_id IN (?))", bun.List(q.CommitteeTypes), bun.List(q.Committees))
				}
			}
			if len(q.EventTypes) > 0 {
				w = w.WhereOr("(type IN (?) AND (payload ->> 'committee') IN (SELECT CAST(committee_id AS text) FROM avenir_committee_follows WHERE member_id = ?))",
					bun.List(q.EventTypes), me)
				if len(q.Committees) > 0 {
					ids := make([]string, len(q.Committees))
					for i, c := range q.Committees {
						ids[i] = c.String()
					}
					w = w.WhereOr("(type IN (?) AND (payload ->> 'committee') IN (?))", bun.List(q.EventTypes), bun.List(ids))
				}
			}
			return w
		}).
		OrderExpr("id DESC").Limit(int64(q.Limit))
	if !q.Before.IsZero() {
		sel = sel.Where("id < ?", q.Before)
	}
	sel = whereVisible(sel, q.Visibility, "audience_kind", "audience_scope")
	if err := sel.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	events := make([]avenir.Event, len(rows))
	for i, r := range rows {
		events[i] = r.event()
	}
	return events, nil
}

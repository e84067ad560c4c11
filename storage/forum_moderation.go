package storage

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

var errNoPostFilter = errors.New("storage: a post list needs a thread or an author")

type flagRow struct {
	bun.BaseModel `bun:"table:avenir_forum_flags"`

	ID        avenir.ID `bun:"id,pk"`
	Post      avenir.ID `bun:"post_id"`
	Member    avenir.ID `bun:"member_id"`
	Reason    string    `bun:"reason"`
	Text      string    `bun:"text"`
	CreatedAt time.Time `bun:"created_at"`
	Decision  avenir.ID `bun:"decision_id,nullzero"`
}

func (s forumStore) AddFlag(ctx context.Context, f forum.Flag) (int, error) {
	r := flagRow{ID: f.ID, Post: f.Post, Member: f.Member, Reason: string(f.Reason), Text: f.Text, CreatedAt: f.CreatedAt.UTC()}
	if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
		return 0, translate(err)
	}
	var open int
	err := s.IDB(ctx).NewRaw(`UPDATE avenir_forum_posts SET flag_count = flag_count + 1, queued_at = COALESCE(queued_at, ?)
WHERE id = ? RETURNING flag_count`, f.CreatedAt.UTC(), f.Post).Scan(ctx, &open)
	return open, translate(err)
}

func (s forumStore) OpenFlags(ctx context.Context, posts []avenir.ID) (map[avenir.ID][]forum.Flag, error) {
	out := make(map[avenir.ID][]forum.Flag, len(posts))
	if len(posts) == 0 {
		return out, nil
	}
	var rows []flagRow
	err := s.IDB(ctx).NewSelect().Model(&rows).Where("post_id IN (?)", bun.List(posts)).Where("decision_id IS NULL").
		OrderExpr("created_at ASC, id ASC").Scan(ctx)
	if err != nil {
		return nil, translate(err)
	}
	for _, r := range rows {
		out[r.Post] = append(out[r.Post], r.flag())
	}
	return out, nil
}

func (s forumStore) SettleFlags(ctx context.Context, post, decision avenir.ID) error {
	_, err := s.IDB(ctx).NewUpdate().Model((*flagRow)(nil)).Set("decision_id = ?", decision).
		Where("post_id = ?", post).Where("decision_id IS NULL").Exec(ctx)
	return translate(err)
}

func (s forumStore) Queue(ctx context.Context, r forum.Reader, forumID avenir.ID, after *forum.QueueKey, limit int) ([]forum.QueueItem, error) {
	if !r.ModeratesAll && len(r.Moderates) == 0 {
		return nil, nil
	}
	var rows []postRow
	q := s.selectPosts(ctx, &rows, r.Actor).ColumnExpr("t.title AS thread_title").
		Join("JOIN avenir_forum_threads AS t ON t.id = p.thread_id").
		Where("p.queued_at IS NOT NULL").
		OrderExpr("p.queued_at ASC, p.id ASC")
	if !r.ModeratesAll {
		q = q.Where("p.forum_id IN (?)", bun.List(r.Moderates))
	}
	if !forumID.IsZero() {
		q = q.Where("p.forum_id = ?", forumID)
	}
	if after != nil {
		at := after.QueuedAt.UTC()
		q = q.Where("(p.queued_at > ? OR (p.queued_at = ? AND p.id > ?))", at, at, after.ID)
	}
	if limit > 0 {
		q = q.Limit(int64(limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	ids := make([]avenir.ID, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	flags, err := s.OpenFlags(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]forum.QueueItem, len(rows))
	for i, row := range rows {
		out[i] = forum.QueueItem{Post: row.post(), ThreadTitle: row.ThreadTitle, Flags: flags[row.ID], QueuedAt: utc(row.QueuedAt)}
		if out[i].Flags == nil {
			out[i].Flags = []forum.Flag{}
		}
	}
	return out, nil
}

type decisionRow struct {
	bun.BaseModel `bun:"table:avenir_forum_decisions,alias:d"`

	ID              avenir.ID `bun:"id,pk"`
	Forum           avenir.ID `bun:"forum_id"`
	Thread          avenir.ID `bun:"thread_id"`
	Post            avenir.ID `bun:"post_id"`
	Author          avenir.ID `bun:"author_id"`
	Target          string    `bun:"target"`
	Action          string    `bun:"action"`
	Reason          string    `bun:"reason"`
	ReasonText      string    `bun:"reason_text"`
	Moderator       avenir.ID `bun:"moderator_id"`
	Role            string    `bun:"moderator_role"`
	SuspendedUntil  time.Time `bun:"suspended_until,nullzero"`
	DecidedAt       time.Time `bun:"decided_at"`
	AppealText      *string   `bun:"appeal_text"`
	AppealedAt      time.Time `bun:"appealed_at,nullzero"`
	AppealOutcome   string    `bun:"appeal_outcome"`
	AppealReason    string    `bun:"appeal_reason"`
	AppealRole      string    `bun:"appeal_role"`
	AppealDecidedBy avenir.ID `bun:"appeal_decided_by,nullzero"`
	AppealDecidedAt time.Time `bun:"appeal_decided_at,nullzero"`

	ForumTitle string `bun:"forum_title,scanonly"`
}

func toDecisionRow(d forum.Decision) decisionRow {
	r := decisionRow{ID: d.ID, Forum: d.Forum, Thread: d.Thread, Post: d.Post, Author: d.Author, Target: string(d.Target),
		Action: string(d.Action), Reason: string(d.Reason), ReasonText: d.Text, Moderator: d.Moderator, Role: string(d.Role),
		SuspendedUntil: utc(d.SuspendedUntil), DecidedAt: d.DecidedAt.UTC()}
	if a := d.Appeal; a != nil {
		r.AppealText, r.AppealedAt = &a.Text, a.At.UTC()
		r.AppealOutcome, r.AppealReason, r.AppealRole = string(a.Outcome), a.Reason, string(a.Role)
		r.AppealDecidedBy, r.AppealDecidedAt = a.DecidedBy, utc(a.DecidedAt)
	}
	return r
}

func (r decisionRow) decision() forum.Decision {
	d := forum.Decision{ID: r.ID, Forum: r.Forum, Thread: r.Thread, Post: r.Post, Author: r.Author, Target: forum.Target(r.Target),
		Action: forum.Action(r.Action), Reason: forum.Reason(r.Reason), Text: r.ReasonText, Moderator: r.Moderator,
		Role: forum.ModeratorRole(r.Role), SuspendedUntil: utc(r.SuspendedUntil), DecidedAt: utc(r.DecidedAt)}
	if r.AppealText != nil {
		d.Appeal = &forum.Appeal{Text: *r.AppealText, At: utc(r.AppealedAt), Outcome: forum.Outcome(r.AppealOutcome),
			Reason: r.AppealReason, Role: forum.ModeratorRole(r.AppealRole), DecidedBy: r.AppealDecidedBy, DecidedAt: utc(r.AppealDecidedAt)}
	}
	return d
}

func (s forumStore) CreateDecision(ctx context.Context, d forum.Decision) error {
	r := toDecisionRow(d)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s forumStore) Decision(ctx context.Context, id avenir.ID) (forum.Decision, error) {
	var r decisionRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where("d.id = ?", id).Scan(ctx); err != nil {
		return forum.Decision{}, translate(err)
	}
	return r.decision(), nil
}

func (s forumStore) UpdateAppeal(ctx context.Context, d forum.Decision) error {
	r := toDecisionRow(d)
	res, err := s.IDB(ctx).NewUpdate().Model(&r).
		Column("appeal_text", "appealed_at", "appeal_outcome", "appeal_reason", "appeal_role", "appeal_decided_by", "appeal_decided_at").
		WherePK().Exec(ctx)
	return oneRow(res, err)
}

// selectDecisions starts a query of decisions, newest first, as f selects.
func (s forumStore) selectDecisions(ctx context.Context, rows *[]decisionRow, f forum.DecisionFilter) *bun.SelectQuery {
	q := s.IDB(ctx).NewSelect().Model(rows).OrderExpr("d.decided_at DESC, d.id DESC")
	if !f.Forum.IsZero() {
		q = q.Where("d.forum_id = ?", f.Forum)
	}
	if !f.Author.IsZero() {
		q = q.Where("d.author_id = ?", f.Author)
	}
	if f.PendingAppeals {
		q = q.Where("d.appeal_text IS NOT NULL AND d.appeal_outcome = ''")
		if !f.Reader.ModeratesAll {
			q = q.Where("d.forum_id IN (?)", bun.List(f.Reader.Moderates))
		}
	}
	if b := f.Before; b != nil {
		q = q.Where("(d.decided_at < ? OR (d.decided_at = ? AND d.id < ?))", b.DecidedAt.UTC(), b.DecidedAt.UTC(), b.ID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	return q
}

func (s forumStore) Decisions(ctx context.Context, f forum.DecisionFilter) ([]forum.Decision, error) {
	if f.PendingAppeals && !f.Reader.ModeratesAll && len(f.Reader.Moderates) == 0 {
		return nil, nil
	}
	var rows []decisionRow
	if err := s.selectDecisions(ctx, &rows, f).Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]forum.Decision, len(rows))
	for i, r := range rows {
		out[i] = r.decision()
	}
	return out, nil
}

func (s forumStore) Log(ctx context.Context, f forum.DecisionFilter) ([]forum.LogEntry, error) {
	var rows []decisionRow
	q := s.selectDecisions(ctx, &rows, f).ColumnExpr("d.*").ColumnExpr("f.title AS forum_title").
		Join("JOIN avenir_forums AS f ON f.id = d.forum_id")
	if err := whereReadable(q, f.Reader).Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]forum.LogEntry, len(rows))
	for i, r := range rows {
		out[i] = r.decision().LogEntry(r.ForumTitle)
	}
	return out, nil
}

func (s forumStore) SuspendedUntil(ctx context.Context, forumID, member avenir.ID, now time.Time) (time.Time, error) {
	var rows []decisionRow
	err := s.IDB(ctx).NewSelect().Model(&rows).
		Where("d.forum_id = ? AND d.author_id = ?", forumID, member).
		Where("d.action = ?", forum.ActionSuspend).Where("d.suspended_until > ?", now.UTC()).
		Where("d.appeal_outcome <> ?", forum.Overturned).
		OrderExpr("d.suspended_until DESC").Limit(1).Scan(ctx)
	if err != nil || len(rows) == 0 {
		return time.Time{}, translate(err)
	}
	return utc(rows[0].SuspendedUntil), nil
}

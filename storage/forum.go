package storage

import (
	"context"
	"html/template"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// Forums returns the forum store.
func (db *DB) Forums() forum.Store { return forumStore{db} }

// forumStore implements forum.Store. It embeds *DB for InTx and Record.
type forumStore struct{ *DB }

type forumRow struct {
	bun.BaseModel `bun:"table:avenir_forums,alias:f"`

	ID            avenir.ID `bun:"id,pk"`
	Slug          string    `bun:"slug"`
	Title         string    `bun:"title"`
	Description   string    `bun:"description"`
	Position      int       `bun:"position"`
	AudienceKind  string    `bun:"audience_kind"`
	AudienceScope avenir.ID `bun:"audience_scope,nullzero"`
	Moderation    string    `bun:"moderation"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

func toForumRow(f forum.Forum) forumRow {
	return forumRow{ID: f.ID, Slug: f.Slug, Title: f.Title, Description: f.Description, Position: f.Position,
		AudienceKind: string(f.Audience.Kind), AudienceScope: f.Audience.Scope, Moderation: string(f.Moderation),
		CreatedAt: f.CreatedAt.UTC(), UpdatedAt: f.UpdatedAt.UTC()}
}

func (r forumRow) forum() forum.Forum {
	return forum.Forum{ID: r.ID, Slug: r.Slug, Title: r.Title, Description: r.Description, Position: r.Position,
		Audience:   avenir.Audience{Kind: avenir.AudienceKind(r.AudienceKind), Scope: r.AudienceScope},
		Moderation: forum.Moderation(r.Moderation), CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

func (s forumStore) CreateForum(ctx context.Context, f forum.Forum) error {
	r := toForumRow(f)
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

// EnsureForum inserts f unless a forum has its address, then reads the
// forum at that address. ON CONFLICT DO NOTHING waits for a concurrent
// insert of the same address and yields to it without an error, so the
// caller's transaction survives; the read that follows (a new statement,
// hence a new snapshot at READ COMMITTED) sees the winner's row.
func (s forumStore) EnsureForum(ctx context.Context, f forum.Forum) (forum.Forum, error) {
	r := toForumRow(f)
	if _, err := s.IDB(ctx).NewInsert().Model(&r).On("CONFLICT (slug) DO NOTHING").Exec(ctx); err != nil {
		return forum.Forum{}, translate(err)
	}
	return s.ForumBySlug(ctx, f.Slug)
}

func (s forumStore) UpdateForum(ctx context.Context, f forum.Forum) error {
	r := toForumRow(f)
	res, err := s.IDB(ctx).NewUpdate().Model(&r).WherePK().ExcludeColumn("created_at").Exec(ctx)
	return oneRow(res, err)
}

func (s forumStore) Forum(ctx context.Context, id avenir.ID) (forum.Forum, error) {
	return s.forum(ctx, "f.id = ?", id)
}

func (s forumStore) ForumBySlug(ctx context.Context, slug string) (forum.Forum, error) {
	return s.forum(ctx, "f.slug = ?", slug)
}

func (s forumStore) forum(ctx context.Context, where string, arg any) (forum.Forum, error) {
	var r forumRow
	if err := s.IDB(ctx).NewSelect().Model(&r).Where(where, arg).Scan(ctx); err != nil {
		return forum.Forum{}, translate(err)
	}
	return r.forum(), nil
}

func (s forumStore) Forums(ctx context.Context, reader forum.Reader) ([]forum.Forum, error) {
	var rows []forumRow
	q := s.IDB(ctx).NewSelect().Model(&rows).OrderExpr("f.position ASC, f.title ASC, f.id ASC")
	if err := whereReadable(q, reader).Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]forum.Forum, len(rows))
	for i, r := range rows {
		out[i] = r.forum()
	}
	return out, nil
}

// whereReadable restricts q, which names the forums table f, to the forums
// the reader may read: the SQL twin of forum.CanReadForum.
func whereReadable(q *bun.SelectQuery, r forum.Reader) *bun.SelectQuery {
	if r.ModeratesAll || r.Visibility.All {
		return q
	}
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = whereVisible(q, r.Visibility, "f.audience_kind", "f.audience_scope")
		if len(r.Moderates) > 0 {
			q = q.WhereOr("f.id IN (?)", bun.List(r.Moderates))
		}
		return q
	})
}

// whereStateVisible restricts q to the rows whose state (in stateCol, by
// the author in authorCol, in the forum f) the reader may read: the SQL
// twin of the state rule of forum.CanReadThread and forum.CanRead.
func whereStateVisible(q *bun.SelectQuery, r forum.Reader, stateCol, authorCol string) *bun.SelectQuery {
	if r.ModeratesAll {
		return q
	}
	state, author := bun.Ident(stateCol), bun.Ident(authorCol)
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("? = ?", state, forum.Published)
		if !r.Actor.IsZero() {
			q = q.WhereOr("(? = ? AND ? IN (?))", author, r.Actor, state, bun.List([]forum.State{forum.Pending, forum.Hidden}))
		}
		if len(r.Moderates) > 0 {
			q = q.WhereOr("f.id IN (?)", bun.List(r.Moderates))
		}
		return q
	})
}

type threadRow struct {
	bun.BaseModel `bun:"table:avenir_forum_threads,alias:t"`

	ID           avenir.ID `bun:"id,pk"`
	Forum        avenir.ID `bun:"forum_id"`
	Author       avenir.ID `bun:"author_id"`
	Title        string    `bun:"title"`
	FirstPost    avenir.ID `bun:"first_post_id"`
	State        string    `bun:"state"`
	Pinned       bool      `bun:"pinned"`
	Locked       bool      `bun:"locked"`
	PostSeq      int       `bun:"post_seq"`
	Replies      int       `bun:"reply_count"`
	LastActivity time.Time `bun:"last_activity_at"`
	CreatedAt    time.Time `bun:"created_at"`
	AuthorName   string    `bun:"author_name,scanonly"`
}

const threadColumns = "t.id, t.forum_id, t.author_id, t.title, t.first_post_id, t.state, t.pinned, t.locked, t.post_seq, " +
	"t.reply_count, t.last_activity_at, t.created_at, m.display_name AS author_name"

func (r threadRow) thread() forum.Thread {
	return forum.Thread{ID: r.ID, Forum: r.Forum, Author: r.Author, AuthorName: r.AuthorName, Title: r.Title,
		FirstPost: r.FirstPost, State: forum.State(r.State), Pinned: r.Pinned, Locked: r.Locked, Replies: r.Replies,
		LastActivity: utc(r.LastActivity), CreatedAt: utc(r.CreatedAt)}
}

func (s forumStore) CreateThread(ctx context.Context, t forum.Thread) error {
	r := threadRow{ID: t.ID, Forum: t.Forum, Author: t.Author, Title: t.Title, FirstPost: t.FirstPost, State: string(t.State),
		Pinned: t.Pinned, Locked: t.Locked, LastActivity: t.LastActivity.UTC(), CreatedAt: t.CreatedAt.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx)
	return translate(err)
}

func (s forumStore) Thread(ctx context.Context, id avenir.ID) (forum.Thread, error) {
	var r threadRow
	err := s.IDB(ctx).NewSelect().Model(&r).ColumnExpr(threadColumns).
		Join("JOIN avenir_members AS m ON m.id = t.author_id").Where("t.id = ?", id).Scan(ctx)
	if err != nil {
		return forum.Thread{}, translate(err)
	}
	return r.thread(), nil
}

func (s forumStore) UpdateThread(ctx context.Context, t forum.Thread) error {
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_forum_threads").
		Set("title = ?", t.Title).Set("pinned = ?", t.Pinned).Set("locked = ?", t.Locked).
		Where("id = ?", t.ID).Exec(ctx)
	return oneRow(res, err)
}

func (s forumStore) LockThread(ctx context.Context, id avenir.ID) error {
	// An UPDATE takes the row's write lock on PostgreSQL (SQLite's
	// transactions hold the database's from their start).
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_forum_threads").Set("post_seq = post_seq").Where("id = ?", id).Exec(ctx)
	return oneRow(res, err)
}

func (s forumStore) NextPosition(ctx context.Context, id avenir.ID) (int, error) {
	var pos int
	err := s.IDB(ctx).NewRaw("UPDATE avenir_forum_threads SET post_seq = post_seq + 1 WHERE id = ? RETURNING post_seq", id).Scan(ctx, &pos)
	return pos, translate(err)
}

func (s forumStore) Recount(ctx context.Context, id avenir.ID) error {
	res, err := s.IDB(ctx).NewRaw(`UPDATE avenir_forum_threads SET
    state = (SELECT p.state FROM avenir_forum_posts AS p WHERE p.thread_id = avenir_forum_threads.id AND p.position = 1),
    reply_count = (SELECT count(*) FROM avenir_forum_posts AS p
                   WHERE p.thread_id = avenir_forum_threads.id AND p.position > 1 AND p.state = ?),
    last_activity_at = COALESCE((SELECT max(p.created_at) FROM avenir_forum_posts AS p
                                 WHERE p.thread_id = avenir_forum_threads.id AND p.state = ?), created_at)
WHERE id = ?`, forum.Published, forum.Published, id).Exec(ctx)
	return oneRow(res, err)
}

func (s forumStore) Threads(ctx context.Context, f forum.ThreadFilter) ([]forum.Thread, error) {
	var rows []threadRow
	q := s.IDB(ctx).NewSelect().Model(&rows).ColumnExpr(threadColumns).
		Join("JOIN avenir_forums AS f ON f.id = t.forum_id").
		Join("JOIN avenir_members AS m ON m.id = t.author_id").
		Where("t.forum_id = ?", f.Forum).
		OrderExpr("t.pinned DESC, t.last_activity_at DESC, t.id DESC")
	q = whereStateVisible(whereReadable(q, f.Reader), f.Reader, "t.state", "t.author_id")
	if a := f.After; a != nil {
		at := a.LastActivity.UTC()
		// A row comparison, which both databases answer by seeking in the
		// list index: page 10,000 costs what page 1 does.
		q = q.Where("(t.pinned, t.last_activity_at, t.id) < (?, ?, ?)", a.Pinned, at, a.ID)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]forum.Thread, len(rows))
	for i, r := range rows {
		out[i] = r.thread()
	}
	return out, nil
}

type postRow struct {
	bun.BaseModel `bun:"table:avenir_forum_posts,alias:p"`

	ID        avenir.ID `bun:"id,pk"`
	Thread    avenir.ID `bun:"thread_id"`
	Forum     avenir.ID `bun:"forum_id"`
	Author    avenir.ID `bun:"author_id"`
	Position  int       `bun:"position"`
	Title     string    `bun:"title"`
	Body      string    `bun:"body"`
	HTML      string    `bun:"html"`
	State     string    `bun:"state"`
	HiddenBy  string    `bun:"hidden_by"`
	Quote     avenir.ID `bun:"quote_id,nullzero"`
	Supports  int       `bun:"support_count"`
	Flags     int       `bun:"flag_count"`
	QueuedAt  time.Time `bun:"queued_at,nullzero"`
	CreatedAt time.Time `bun:"created_at"`
	EditedAt  time.Time `bun:"edited_at,nullzero"`

	AuthorName    string `bun:"author_name,scanonly"`
	QuotePosition int    `bun:"quote_position,scanonly"`
	Supported     bool   `bun:"supported,scanonly"`
	ThreadTitle   string `bun:"thread_title,scanonly"`
}

// postColumns are a post's columns, its author's name and its quote's
// position; the query joins the members table as m and leaves-joins the
// quoted post as q.
const postColumns = "p.id, p.thread_id, p.forum_id, p.author_id, p.position, p.body, p.html, p.state, p.hidden_by, " +
	"p.quote_id, p.support_count, p.flag_count, p.queued_at, p.created_at, p.edited_at, " +
	"m.display_name AS author_name, COALESCE(q.position, 0) AS quote_position"

func (r postRow) post() forum.Post {
	return forum.Post{ID: r.ID, Thread: r.Thread, Forum: r.Forum, Author: r.Author, AuthorName: r.AuthorName,
		Position: r.Position, Body: r.Body, HTML: template.HTML(r.HTML), //nolint:gosec // rendered by text.Markdown when written
		State: forum.State(r.State), HiddenBy: forum.HiddenReason(r.HiddenBy), Quote: r.Quote, QuotePosition: r.QuotePosition,
		Supports: r.Supports, Supported: r.Supported, Flags: r.Flags, CreatedAt: utc(r.CreatedAt), EditedAt: utc(r.EditedAt),
		QueuedAt: utc(r.QueuedAt)}
}

// selectPosts starts a query of posts with their authors, quotes and
// whether viewer supports them.
func (s forumStore) selectPosts(ctx context.Context, rows any, viewer avenir.ID) *bun.SelectQuery {
	q := s.IDB(ctx).NewSelect().Model(rows).ColumnExpr(postColumns).
		Join("JOIN avenir_members AS m ON m.id = p.author_id").
		Join("LEFT JOIN avenir_forum_posts AS q ON q.id = p.quote_id")
	if viewer.IsZero() {
		return q.ColumnExpr("? AS supported", false)
	}
	return q.ColumnExpr("EXISTS (SELECT 1 FROM avenir_forum_supports AS s WHERE s.post_id = p.id AND s.member_id = ?) AS supported", viewer)
}

func (s forumStore) CreatePost(ctx context.Context, p forum.Post, threadTitle string) error {
	r := postRow{ID: p.ID, Thread: p.Thread, Forum: p.Forum, Author: p.Author, Position: p.Position, Body: p.Body,
		HTML: string(p.HTML), State: string(p.State), HiddenBy: string(p.HiddenBy), Quote: p.Quote,
		QueuedAt: p.QueuedAt.UTC(), CreatedAt: p.CreatedAt.UTC(), EditedAt: utc(p.EditedAt)}
	if p.Position == 1 {
		r.Title = threadTitle
	}
	if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
		return translate(err)
	}
	return s.index(ctx, p.ID)
}

func (s forumStore) Post(ctx context.Context, id, viewer avenir.ID) (forum.Post, error) {
	var r postRow
	if err := s.selectPosts(ctx, &r, viewer).Where("p.id = ?", id).Scan(ctx); err != nil {
		return forum.Post{}, translate(err)
	}
	return r.post(), nil
}

func (s forumStore) UpdatePost(ctx context.Context, p forum.Post) error {
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_forum_posts").
		Set("body = ?", p.Body).Set("html = ?", string(p.HTML)).Set("state = ?", p.State).Set("hidden_by = ?", p.HiddenBy).
		Set("edited_at = ?", nullTime(p.EditedAt)).Set("queued_at = ?", nullTime(p.QueuedAt)).Set("flag_count = ?", p.Flags).
		Where("id = ?", p.ID).Exec(ctx)
	if err := oneRow(res, err); err != nil {
		return err
	}
	return s.index(ctx, p.ID)
}

func (s forumStore) SetThreadTitle(ctx context.Context, thread avenir.ID, title string) error {
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_forum_threads").Set("title = ?", title).Where("id = ?", thread).Exec(ctx)
	if err := oneRow(res, err); err != nil {
		return err
	}
	var first avenir.ID
	err = s.IDB(ctx).NewRaw("UPDATE avenir_forum_posts SET title = ? WHERE thread_id = ? AND position = 1 RETURNING id", title, thread).Scan(ctx, &first)
	if err != nil {
		return translate(err)
	}
	return s.index(ctx, first)
}

// nullTime is NULL for the zero time, else the time in UTC.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func (s forumStore) Posts(ctx context.Context, f forum.PostFilter) ([]forum.Post, error) {
	var rows []postRow
	q := s.selectPosts(ctx, &rows, f.Reader.Actor).
		Join("JOIN avenir_forum_threads AS t ON t.id = p.thread_id").
		Join("JOIN avenir_forums AS f ON f.id = p.forum_id")
	q = whereReadable(q, f.Reader)
	q = whereStateVisible(q, f.Reader, "t.state", "t.author_id")
	q = whereStateVisible(q, f.Reader, "p.state", "p.author_id")
	switch {
	case !f.Thread.IsZero():
		q = q.Where("p.thread_id = ?", f.Thread).Where("p.position > ?", f.AfterPosition).OrderExpr("p.position ASC")
	case !f.Author.IsZero():
		q = q.Where("p.author_id = ?", f.Author).OrderExpr("p.created_at DESC, p.id DESC")
		if b := f.Before; b != nil {
			q = q.Where("(p.created_at < ? OR (p.created_at = ? AND p.id < ?))", b.CreatedAt.UTC(), b.CreatedAt.UTC(), b.ID)
		}
	default:
		return nil, avenir.Internal(errNoPostFilter)
	}
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]forum.Post, len(rows))
	for i, r := range rows {
		out[i] = r.post()
	}
	return out, nil
}

func (s forumStore) PublishedCount(ctx context.Context, author avenir.ID, max int) (int, error) {
	sub := s.IDB(ctx).NewSelect().Table("avenir_forum_posts").ColumnExpr("1").
		Where("author_id = ?", author).Where("state = ?", forum.Published).Limit(int64(max))
	var n int
	err := s.IDB(ctx).NewSelect().TableExpr("(?) AS x", sub).ColumnExpr("count(*)").Scan(ctx, &n)
	return n, translate(err)
}

type revisionRow struct {
	bun.BaseModel `bun:"table:avenir_forum_revisions"`

	ID       avenir.ID `bun:"id,pk"`
	Post     avenir.ID `bun:"post_id"`
	Title    string    `bun:"title"`
	Body     string    `bun:"body"`
	EditedBy avenir.ID `bun:"edited_by"`
	EditedAt time.Time `bun:"edited_at"`
}

func (s forumStore) AddRevision(ctx context.Context, r forum.Revision) error {
	row := revisionRow{ID: r.ID, Post: r.Post, Title: r.Title, Body: r.Body, EditedBy: r.EditedBy, EditedAt: r.EditedAt.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&row).Exec(ctx)
	return translate(err)
}

func (s forumStore) Revisions(ctx context.Context, post avenir.ID) ([]forum.Revision, error) {
	var rows []revisionRow
	if err := s.IDB(ctx).NewSelect().Model(&rows).Where("post_id = ?", post).OrderExpr("edited_at ASC, id ASC").Scan(ctx); err != nil {
		return nil, translate(err)
	}
	out := make([]forum.Revision, len(rows))
	for i, r := range rows {
		out[i] = forum.Revision{ID: r.ID, Post: r.Post, Title: r.Title, Body: r.Body, EditedBy: r.EditedBy, EditedAt: utc(r.EditedAt)}
	}
	return out, nil
}

type supportRow struct {
	bun.BaseModel `bun:"table:avenir_forum_supports"`

	Post      avenir.ID `bun:"post_id,pk"`
	Member    avenir.ID `bun:"member_id,pk"`
	CreatedAt time.Time `bun:"created_at"`
}

func (s forumStore) AddSupport(ctx context.Context, post, member avenir.ID, at time.Time) error {
	r := supportRow{Post: post, Member: member, CreatedAt: at.UTC()}
	if _, err := s.IDB(ctx).NewInsert().Model(&r).Exec(ctx); err != nil {
		return translate(err)
	}
	res, err := s.IDB(ctx).NewUpdate().Table("avenir_forum_posts").Set("support_count = support_count + 1").Where("id = ?", post).Exec(ctx)
	return oneRow(res, err)
}

func (s forumStore) RemoveSupport(ctx context.Context, post, member avenir.ID) (bool, error) {
	res, err := s.IDB(ctx).NewDelete().Model((*supportRow)(nil)).Where("post_id = ? AND member_id = ?", post, member).Exec(ctx)
	if err != nil {
		return false, translate(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, translate(err)
	}
	res, err = s.IDB(ctx).NewUpdate().Table("avenir_forum_posts").Set("support_count = support_count - 1").Where("id = ?", post).Exec(ctx)
	return true, oneRow(res, err)
}

type watchRow struct {
	bun.BaseModel `bun:"table:avenir_forum_watches"`

	Thread    avenir.ID `bun:"thread_id,pk"`
	Member    avenir.ID `bun:"member_id,pk"`
	CreatedAt time.Time `bun:"created_at"`
}

func (s forumStore) Watch(ctx context.Context, thread, member avenir.ID, at time.Time) error {
	r := watchRow{Thread: thread, Member: member, CreatedAt: at.UTC()}
	_, err := s.IDB(ctx).NewInsert().Model(&r).On("CONFLICT (thread_id, member_id) DO NOTHING").Exec(ctx)
	return translate(err)
}

func (s forumStore) Unwatch(ctx context.Context, thread, member avenir.ID) error {
	_, err := s.IDB(ctx).NewDelete().Model((*watchRow)(nil)).Where("thread_id = ? AND member_id = ?", thread, member).Exec(ctx)
	return translate(err)
}

func (s forumStore) Watching(ctx context.Context, thread, member avenir.ID) (bool, error) {
	ok, err := s.IDB(ctx).NewSelect().Model((*watchRow)(nil)).Where("thread_id = ? AND member_id = ?", thread, member).Exists(ctx)
	return ok, translate(err)
}

func (s forumStore) Watchers(ctx context.Context, thread avenir.ID) ([]avenir.ID, error) {
	var ids []avenir.ID
	err := s.IDB(ctx).NewSelect().Model((*watchRow)(nil)).Column("member_id").Where("thread_id = ?", thread).
		OrderExpr("member_id").Scan(ctx, &ids)
	return ids, translate(err)
}

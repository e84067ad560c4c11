package storage

import (
	"context"
	"html/template"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// Forum search. PostgreSQL keeps a generated tsvector column with the
// avenir_french configuration (french stemming, accents removed) and a GIN
// index; SQLite keeps an FTS5 table (diacritics removed), which index fills
// as posts are written. Both filter by the reader inside the query, match
// published posts of published threads only, rank best first and page by
// (rank, id).

// index brings the search index of a post up to date (SQLite; PostgreSQL's
// column is generated).
func (s forumStore) index(ctx context.Context, post avenir.ID) error {
	switch s.dialect {
	case PostgreSQL:
		return nil
	case SQLite:
		db := s.IDB(ctx)
		if _, err := db.NewRaw("INSERT INTO avenir_forum_search_rows (post_id) VALUES (?) ON CONFLICT (post_id) DO NOTHING", post).Exec(ctx); err != nil {
			return translate(err)
		}
		var row int64
		if err := db.NewRaw("SELECT rowid FROM avenir_forum_search_rows WHERE post_id = ?", post).Scan(ctx, &row); err != nil {
			return translate(err)
		}
		if _, err := db.NewRaw("DELETE FROM avenir_forum_search WHERE rowid = ?", row).Exec(ctx); err != nil {
			return translate(err)
		}
		_, err := db.NewRaw("INSERT INTO avenir_forum_search (rowid, title, body) SELECT ?, title, body FROM avenir_forum_posts WHERE id = ?", row, post).Exec(ctx)
		return translate(err)
	default:
		panic("storage: unknown dialect " + string(s.dialect))
	}
}

type hitRow struct {
	Post        avenir.ID `bun:"post"`
	Thread      avenir.ID `bun:"thread"`
	Forum       avenir.ID `bun:"forum"`
	ThreadTitle string    `bun:"thread_title"`
	Position    int       `bun:"position"`
	Author      avenir.ID `bun:"author"`
	AuthorName  string    `bun:"author_name"`
	CreatedAt   time.Time `bun:"created_at"`
	Rank        float64   `bun:"rank"`
	Excerpt     string    `bun:"excerpt"`
}

const hitColumns = "p.id AS post, p.thread_id AS thread, p.forum_id AS forum, t.title AS thread_title, p.position, " +
	"p.author_id AS author, m.display_name AS author_name, p.created_at"

// headlineOptions make ts_headline mark words as forum.Service expects.
var headlineOptions = "StartSel=" + forum.MarkStart + ", StopSel=" + forum.MarkEnd +
	`, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`

func (s forumStore) Search(ctx context.Context, f forum.SearchFilter) ([]forum.Hit, error) {
	db := s.IDB(ctx)
	var rows []hitRow
	switch s.dialect {
	case PostgreSQL:
		tsq := bun.SafeQuery("websearch_to_tsquery('avenir_french', ?)", f.Text)
		rank := bun.SafeQuery("ts_rank_cd(p.search, ?)", tsq)
		inner := s.searchFrom(db.NewSelect().TableExpr("avenir_forum_posts AS p"), f).
			ColumnExpr(hitColumns).ColumnExpr("? AS rank", rank).
			Where("p.search @@ ?", tsq)
		if a := f.After; a != nil {
			inner = inner.Where("(? < ? OR (? = ? AND p.id > ?))", rank, a.Rank, rank, a.Rank, a.ID)
		}
		inner = inner.OrderExpr("rank DESC, p.id ASC").Limit(int64(f.Limit))
		err := db.NewSelect().TableExpr("(?) AS h", inner).ColumnExpr("h.*").
			ColumnExpr("ts_headline('avenir_french', concat_ws(' — ', nullif(b.title, ''), b.body), ?, ?) AS excerpt", tsq, headlineOptions).
			Join("JOIN avenir_forum_posts AS b ON b.id = h.post").
			OrderExpr("h.rank DESC, h.post ASC").Scan(ctx, &rows)
		if err != nil {
			return nil, translate(err)
		}
	case SQLite:
		inner := s.searchFrom(db.NewSelect().TableExpr("avenir_forum_search").
			Join("JOIN avenir_forum_search_rows AS r ON r.rowid = avenir_forum_search.rowid").
			Join("JOIN avenir_forum_posts AS p ON p.id = r.post_id"), f).
			ColumnExpr(hitColumns).
			ColumnExpr("-bm25(avenir_forum_search, 4.0, 1.0) AS rank").
			ColumnExpr("snippet(avenir_forum_search, -1, ?, ?, '…', 24) AS excerpt", forum.MarkStart, forum.MarkEnd).
			Where("avenir_forum_search MATCH ?", ftsQuery(f.Words))
		q := db.NewSelect().TableExpr("(?) AS h", inner).ColumnExpr("h.*").OrderExpr("h.rank DESC, h.post ASC").Limit(int64(f.Limit))
		if a := f.After; a != nil {
			q = q.Where("(h.rank < ? OR (h.rank = ? AND h.post > ?))", a.Rank, a.Rank, a.ID)
		}
		if err := q.Scan(ctx, &rows); err != nil {
			return nil, translate(err)
		}
	default:
		panic("storage: unknown dialect " + string(s.dialect))
	}
	out := make([]forum.Hit, len(rows))
	for i, r := range rows {
		out[i] = forum.Hit{Post: r.Post, Thread: r.Thread, Forum: r.Forum, ThreadTitle: r.ThreadTitle, Position: r.Position,
			Author: r.Author, AuthorName: r.AuthorName, CreatedAt: utc(r.CreatedAt), Rank: r.Rank,
			Excerpt: template.HTML(r.Excerpt)} //nolint:gosec // raw text with markers; the Service escapes it
	}
	return out, nil
}

// searchFrom joins a search's posts (as p) to their threads, forums and
// authors, keeping what the reader may find: published posts of published
// threads in forums the reader may read.
func (s forumStore) searchFrom(q *bun.SelectQuery, f forum.SearchFilter) *bun.SelectQuery {
	q = q.Join("JOIN avenir_forum_threads AS t ON t.id = p.thread_id").
		Join("JOIN avenir_forums AS f ON f.id = p.forum_id").
		Join("JOIN avenir_members AS m ON m.id = p.author_id").
		Where("p.state = ?", forum.Published).Where("t.state = ?", forum.Published)
	if !f.Forum.IsZero() {
		q = q.Where("p.forum_id = ?", f.Forum)
	}
	return whereReadable(q, f.Reader)
}

// ftsQuery makes an FTS5 query of folded words: each a quoted string (so
// that no word is read as FTS5 syntax), all required.
func ftsQuery(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " ")
}

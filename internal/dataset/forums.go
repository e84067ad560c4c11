package dataset

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/text"
)

// Spec is the shape of a network: how many members, forums, threads and
// posts (first posts included), and the seed its text and choices come from.
type Spec struct {
	Seed    uint64
	Members int
	Forums  int
	Threads int
	Posts   int
}

// Full is the network the forum benchmarks measure: 100,000 members, 50
// forums, 100,000 threads and a million posts.
var Full = Spec{Seed: 1, Members: 100_000, Forums: 50, Threads: 100_000, Posts: 1_000_000}

// Scaled returns the spec with its members, threads and posts multiplied by
// f (at least one thread, one post a thread and 20 members), its forums kept:
// a small run of the same shape, for checking the benchmarks themselves.
func (s Spec) Scaled(f float64) Spec {
	s.Members = max(20, int(float64(s.Members)*f))
	s.Threads = max(1, int(float64(s.Threads)*f))
	s.Posts = max(s.Threads, int(float64(s.Posts)*f))
	return s
}

// Key names the spec for Cached. It changes with the spec and with the
// generator's version, so that a cached network is never one an older
// generator built.
func (s Spec) Key() string {
	const version = 3
	return fmt.Sprintf("v%d_s%d_m%d_f%d_t%d_p%d", version, s.Seed, s.Members, s.Forums, s.Threads, s.Posts)
}

// BigForum is the slug of the forum holding 60% of the threads, the one
// whose deep pages the benchmarks read.
const BigForum = "debat-general"

// Network writes a whole network of spec's shape into a PostgreSQL database:
// members (through Members), then forums, threads, posts (their Markdown
// rendered by text.Markdown, as the forum service does) and supports,
// written with COPY for speed. Thread sizes have a long tail, as real forums
// do: a few threads of thousands of posts, most of a handful. About 1% of
// posts are hidden, 1% deleted and 0.5% pending, so that permission filters
// have work to do.
func Network(ctx context.Context, db *storage.DB, spec Spec) error {
	if db.Dialect() != storage.PostgreSQL {
		return fmt.Errorf("dataset: Network writes with PostgreSQL's COPY; got %s", db.Dialect())
	}
	p := NewProse(spec.Seed)
	members, err := Members(ctx, db, spec.Members, p)
	if err != nil {
		return err
	}
	conn, err := db.Bun().DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		w := writer{pg: dc.(*stdlib.Conn).Conn(), spec: spec, p: p, members: members}
		return w.write(ctx)
	})
}

type writer struct {
	pg      *pgx.Conn
	spec    Spec
	p       *Prose
	members []avenir.ID
	forums  []avenir.ID
}

func (w *writer) write(ctx context.Context) error {
	if err := w.writeForums(ctx); err != nil {
		return err
	}
	// Each reply goes to thread n·u² for a uniform u: older threads get
	// the long tail of replies.
	replies := make([]int, w.spec.Threads)
	for range w.spec.Posts - w.spec.Threads {
		u := float64(w.p.Intn(1<<30)) / (1 << 30)
		replies[int(float64(w.spec.Threads)*u*u)]++
	}
	const chunk = 2000
	for start := 0; start < w.spec.Threads; start += chunk {
		if err := w.writeThreads(ctx, start, replies[start:min(start+chunk, w.spec.Threads)]); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) writeForums(ctx context.Context) error {
	var rows [][]any
	for i := range w.spec.Forums {
		id := avenir.NewID()
		w.forums = append(w.forums, id)
		title, slug := w.p.Title(), ""
		if i == 0 {
			title, slug = "Débat général", BigForum
		} else {
			slug = fmt.Sprintf("%s-%d", text.Slug(title), i)
		}
		kind, scope := avenir.AudiencePublic, any(nil)
		switch i % 10 {
		case 6, 7:
			kind = avenir.AudienceMembers
		case 8:
			kind = avenir.AudienceRegistered
		case 9:
			kind, scope = avenir.AudienceModerators, id.String()
		}
		rows = append(rows, []any{id.String(), slug, title, w.p.Sentence(), i, string(kind), scope, "post", Start, Start})
	}
	_, err := w.pg.CopyFrom(ctx, pgx.Identifier{"avenir_forums"},
		[]string{"id", "slug", "title", "description", "position", "audience_kind", "audience_scope", "moderation", "created_at", "updated_at"},
		pgx.CopyFromRows(rows))
	return err
}

// forumOf places thread i: 60% in the big forum, the rest spread over the
// others.
func (w *writer) forumOf() int {
	if len(w.forums) == 1 || w.p.Intn(10) < 6 {
		return 0
	}
	return 1 + w.p.Intn(len(w.forums)-1)
}

type post struct {
	id, thread, forum, author avenir.ID
	position                  int
	title, body, html         string
	state                     forum.State
	hiddenBy                  forum.HiddenReason
	supports                  int
	created                   time.Time
}

// writeThreads writes the threads start… with replies[i] replies each, and
// their posts and supports.
func (w *writer) writeThreads(ctx context.Context, start int, replies []int) error {
	var threads, posts [][]any
	var all []post
	for i, n := range replies {
		id := avenir.NewID()
		f := w.forums[w.forumOf()]
		created := Start.Add(time.Duration(start+i) * 3 * time.Minute)
		title := w.p.Title()
		ps := make([]post, 0, n+1)
		at := created
		for pos := 1; pos <= n+1; pos++ {
			pp := post{id: avenir.NewID(), thread: id, forum: f, author: w.members[w.p.Intn(len(w.members))],
				position: pos, body: w.p.Paragraphs(1 + w.p.Intn(3)), state: forum.Published, created: at}
			if pos == 1 {
				pp.title = title
			}
			switch r := w.p.Intn(1000); {
			case r < 10:
				pp.state, pp.hiddenBy = forum.Hidden, forum.HiddenByFlags
			case r < 20:
				pp.state = forum.Deleted
			case r < 25:
				pp.state = forum.Pending
			}
			if r := w.p.Intn(10); r >= 6 {
				pp.supports = 1 + w.p.Intn(4*(r-5))
			}
			ps = append(ps, pp)
			at = at.Add(time.Duration(1+w.p.Intn(180)) * time.Minute)
		}
		replyCount, last := 0, created
		for _, pp := range ps[1:] {
			if pp.state == forum.Published {
				replyCount++
				last = pp.created
			}
		}
		threads = append(threads, []any{id.String(), f.String(), ps[0].author.String(), title, ps[0].id.String(), string(ps[0].state),
			false, false, len(ps), replyCount, last, created})
		all = append(all, ps...)
	}
	render(all)
	var supports [][]any
	for _, pp := range all {
		var queued any
		if pp.state == forum.Pending {
			queued = pp.created
		}
		posts = append(posts, []any{pp.id.String(), pp.thread.String(), pp.forum.String(), pp.author.String(), pp.position,
			pp.title, pp.body, pp.html, string(pp.state), string(pp.hiddenBy), pp.supports, queued, pp.created})
		seen := map[int]bool{}
		for len(seen) < min(pp.supports, len(w.members)) {
			m := w.p.Intn(len(w.members))
			if !seen[m] {
				seen[m] = true
				supports = append(supports, []any{pp.id.String(), w.members[m].String(), pp.created})
			}
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"avenir_forum_threads", []string{"id", "forum_id", "author_id", "title", "first_post_id", "state",
			"pinned", "locked", "post_seq", "reply_count", "last_activity_at", "created_at"}, threads},
		{"avenir_forum_posts", []string{"id", "thread_id", "forum_id", "author_id", "position",
			"title", "body", "html", "state", "hidden_by", "support_count", "queued_at", "created_at"}, posts},
		{"avenir_forum_supports", []string{"post_id", "member_id", "created_at"}, supports},
	} {
		if _, err := w.pg.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copy into %s: %w", c.table, err)
		}
	}
	return nil
}

// render fills the posts' HTML as the forum service would, on every core.
func render(posts []post) {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for k := range workers {
		wg.Go(func() {
			for i := k; i < len(posts); i += workers {
				posts[i].html = string(text.Markdown(posts[i].body))
			}
		})
	}
	wg.Wait()
}

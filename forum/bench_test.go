package forum_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/internal/dataset"
	"github.com/avenirnet/avenir/storage"
)

// The forum benchmarks run on PostgreSQL against dataset.Full (a million
// posts), built once and kept in its own database (see internal/dataset).
// docs/performance.md says how to run them and records the latest figures.
// Each reports ratios measured in the same run, never a wall-clock
// assertion: absolute times depend on the machine.
const (
	envBenchDSN   = "AVENIR_BENCH_POSTGRES_DSN" // a postgres:// URL of a server where databases may be created
	envBenchScale = "AVENIR_BENCH_SCALE"        // a fraction of dataset.Full, for trying the benchmarks quickly: 0.01
)

type benchNetwork struct {
	db     *storage.DB
	dsn    string
	svc    *forum.Service
	reader avenir.Actor // an active member without any role
	big    forum.Forum  // dataset.BigForum
	thread avenir.ID    // the big forum's longest published thread
	err    error
}

var (
	benchOnce sync.Once
	bench     benchNetwork
)

// network returns the benchmarks' network, building it on first use.
func network(b *testing.B) *benchNetwork {
	b.Helper()
	dsn := os.Getenv(envBenchDSN)
	if dsn == "" {
		b.Skipf("set %s=postgres://user@host:5432/postgres?sslmode=disable to run the forum benchmarks (make bench)", envBenchDSN)
	}
	benchOnce.Do(func() {
		spec := dataset.Full
		if s := os.Getenv(envBenchScale); s != "" {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f <= 0 || f > 1 {
				bench.err = fmt.Errorf("%s=%q: want a number in (0, 1]", envBenchScale, s)
				return
			}
			spec = spec.Scaled(f)
		}
		ctx := context.Background()
		started := time.Now()
		db, err := dataset.Cached(ctx, dsn, "forum_"+spec.Key(), func(ctx context.Context, db *storage.DB) error {
			return dataset.Network(ctx, db, spec)
		})
		if err != nil {
			bench.err = err
			return
		}
		fmt.Fprintf(os.Stderr, "forum benchmarks: network of %d posts ready in %s\n", spec.Posts, time.Since(started).Round(time.Second))
		bench.db, bench.svc = db, forum.NewService(db.Forums(), forum.Config{})
		bench.dsn = dataset.CachedDSN(dsn, "forum_"+spec.Key())
		var id avenir.ID
		if err := db.Bun().NewRaw("SELECT id FROM avenir_members WHERE status = 'active' ORDER BY id LIMIT 1").Scan(ctx, &id); err != nil {
			bench.err = err
			return
		}
		bench.reader = avenir.Actor{ID: id, Status: avenir.StatusActive}
		if bench.big, err = bench.svc.ForumBySlug(ctx, bench.reader, dataset.BigForum); err != nil {
			bench.err = err
			return
		}
		bench.err = db.Bun().NewRaw(`SELECT id FROM avenir_forum_threads WHERE forum_id = ? AND state = 'published'
			ORDER BY post_seq DESC, id LIMIT 1`, bench.big.ID).Scan(ctx, &bench.thread)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return &bench
}

// interleave runs each of fns once per iteration, in turn, and reports each
// one's mean time as a metric named after it, so that ratios between them
// come from one run under the same conditions.
func interleave(b *testing.B, fns ...namedFn) []time.Duration {
	b.Helper()
	spent := make([]time.Duration, len(fns))
	ctx := context.Background()
	for _, f := range fns { // warm the caches and the connections
		if err := f.fn(ctx); err != nil {
			b.Fatalf("%s: %v", f.name, err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for i, f := range fns {
			t := time.Now()
			if err := f.fn(ctx); err != nil {
				b.Fatalf("%s: %v", f.name, err)
			}
			spent[i] += time.Since(t)
		}
	}
	means := make([]time.Duration, len(fns))
	for i, f := range fns {
		means[i] = spent[i] / time.Duration(b.N)
		b.ReportMetric(float64(means[i].Microseconds()), f.name+"-µs/op")
	}
	return means
}

type namedFn struct {
	name string
	fn   func(ctx context.Context) error
}

// threadPageSQL is the thread page written by hand: the first 50 posts of
// a thread a member reads, with their authors, quotes, support counts and
// whether the reader supports each, under the same visibility rules.
const threadPageSQL = `SELECT p.id, p.thread_id, p.forum_id, p.author_id, p.position, p.body, p.html, p.state, p.hidden_by,
	p.quote_id, p.support_count, p.flag_count, p.queued_at, p.created_at, p.edited_at,
	m.display_name AS author_name, COALESCE(q.position, 0) AS quote_position,
	EXISTS (SELECT 1 FROM avenir_forum_supports s WHERE s.post_id = p.id AND s.member_id = $2) AS supported
FROM avenir_forum_posts p
JOIN avenir_forum_threads t ON t.id = p.thread_id
JOIN avenir_forums f ON f.id = p.forum_id
JOIN avenir_members m ON m.id = p.author_id
LEFT JOIN avenir_forum_posts q ON q.id = p.quote_id
WHERE p.thread_id = $1 AND p.position > 0
  AND f.audience_kind IN ('public', 'registered', 'members')
  AND (t.state = 'published' OR (t.author_id = $2 AND t.state IN ('pending', 'hidden')))
  AND (p.state = 'published' OR (p.author_id = $2 AND p.state IN ('pending', 'hidden')))
ORDER BY p.position LIMIT 51`

// bunPlaceholders turns pgx's placeholders into bun's positional ones.
var bunPlaceholders = strings.NewReplacer("$1", "?0", "$2", "?1")

type handPost struct {
	ID            avenir.ID  `bun:"id"`
	Thread        avenir.ID  `bun:"thread_id"`
	Forum         avenir.ID  `bun:"forum_id"`
	Author        avenir.ID  `bun:"author_id"`
	Position      int        `bun:"position"`
	Body          string     `bun:"body"`
	HTML          string     `bun:"html"`
	State         string     `bun:"state"`
	Hidden        string     `bun:"hidden_by"`
	Quote         *avenir.ID `bun:"quote_id"`
	Supports      int        `bun:"support_count"`
	Flags         int        `bun:"flag_count"`
	QueuedAt      *time.Time `bun:"queued_at"`
	CreatedAt     time.Time  `bun:"created_at"`
	EditedAt      *time.Time `bun:"edited_at"`
	AuthorName    string     `bun:"author_name"`
	QuotePosition int        `bun:"quote_position"`
	Supported     bool       `bun:"supported"`
}

// BenchmarkThreadPage compares the thread page through forum.Service.Posts
// with the same rows read by hand-written SQL on the same *bun.DB, and by
// native pgx. Target: service/sql ≤ 1.15.
func BenchmarkThreadPage(b *testing.B) {
	n := network(b)
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(n.dsn)
	if err != nil {
		b.Fatal(err)
	}
	// Plan each query as bun's (whose arguments are written into the SQL)
	// are planned: with pgx's default statement cache, PostgreSQL switches
	// to a generic plan after five runs, ten times slower for this query.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	pg, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close(ctx)
	var want int
	means := interleave(b,
		namedFn{"service", func(ctx context.Context) error {
			page, err := n.svc.Posts(ctx, n.reader, n.thread, avenir.PageRequest{Limit: 50})
			want = len(page.Items)
			return err
		}},
		namedFn{"sql", func(ctx context.Context) error {
			var rows []handPost
			if err := n.db.Bun().NewRaw(bunPlaceholders.Replace(threadPageSQL), n.thread, n.reader.ID).Scan(ctx, &rows); err != nil {
				return err
			}
			return sameLength(len(rows[:min(len(rows), 50)]), want)
		}},
		namedFn{"pgx", func(ctx context.Context) error {
			rows, err := pg.Query(ctx, threadPageSQL, n.thread.String(), n.reader.ID.String())
			if err != nil {
				return err
			}
			var got int
			for rows.Next() {
				var p handPost
				var id, thread, forumID, author string
				var quote *string
				if err := rows.Scan(&id, &thread, &forumID, &author, &p.Position, &p.Body, &p.HTML, &p.State, &p.Hidden,
					&quote, &p.Supports, &p.Flags, &p.QueuedAt, &p.CreatedAt, &p.EditedAt, &p.AuthorName, &p.QuotePosition, &p.Supported); err != nil {
					return err
				}
				got++
			}
			if err := rows.Err(); err != nil {
				return err
			}
			return sameLength(min(got, 50), want)
		}},
	)
	b.ReportMetric(ratio(means[0], means[1]), "service/sql")
	b.ReportMetric(ratio(means[0], means[2]), "service/pgx")
}

func sameLength(got, want int) error {
	if got != want {
		return fmt.Errorf("%d posts, the service gave %d", got, want)
	}
	return nil
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }

// BenchmarkThreadListDepth compares page 10,000 of the big forum's thread
// list (5 threads a page, reached by following the cursors) with its first
// page. Target: deep/first ≤ 1.5: keyset pagination costs the same at any
// depth.
func BenchmarkThreadListDepth(b *testing.B) {
	n := network(b)
	ctx := context.Background()
	const size, depth = 5, 10_000
	page := avenir.PageRequest{Limit: size}
	reached := 1
	for ; reached < depth; reached++ {
		p, err := n.svc.Threads(ctx, n.reader, n.big.ID, page)
		if err != nil {
			b.Fatal(err)
		}
		if p.Next == "" {
			break // a scaled-down network has fewer pages
		}
		page.After = p.Next
	}
	b.Logf("page %d of the thread list, %d threads a page", reached, size)
	means := interleave(b,
		namedFn{"first", func(ctx context.Context) error {
			_, err := n.svc.Threads(ctx, n.reader, n.big.ID, avenir.PageRequest{Limit: size})
			return err
		}},
		namedFn{"deep", func(ctx context.Context) error {
			_, err := n.svc.Threads(ctx, n.reader, n.big.ID, page)
			return err
		}},
	)
	b.ReportMetric(float64(reached), "page")
	b.ReportMetric(ratio(means[1], means[0]), "deep/first")
}

// BenchmarkSearch runs two-word French searches over the whole network as
// a member and reports the 95th percentile. Target: p95 ≤ 50 ms.
//
// "typical" asks what people search for: two words, each in a few percent of
// posts at most (the thousands of matches most searches have). "common"
// asks for the two most frequent nouns of the network, which together are
// in half of its posts: every match must be ranked, the worst case of
// PostgreSQL's full-text search (docs/performance.md says what would
// help).
func BenchmarkSearch(b *testing.B) {
	n := network(b)
	for _, c := range []struct {
		name    string
		queries []string
	}{
		{"typical", []string{"cantine marché", "grève pétition", "vote élections", "hôpital maternité", "forêt rivière",
			"loyers locataire", "vélo tramway", "bibliothèque musée", "médecin pharmacie", "syndicat coopérative"}},
		{"common", []string{"solidarités école", "santé travail"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var spent []time.Duration
			ctx := context.Background()
			var hits int
			for i := 0; b.Loop(); i++ {
				q := c.queries[i%len(c.queries)]
				t := time.Now()
				page, err := n.svc.Search(ctx, n.reader, forum.SearchQuery{Text: q}, avenir.PageRequest{Limit: 20})
				spent = append(spent, time.Since(t))
				if err != nil {
					b.Fatal(err)
				}
				hits += len(page.Items)
			}
			if hits == 0 {
				b.Fatal("no search found anything: the benchmark measures nothing")
			}
			slices.Sort(spent)
			b.ReportMetric(float64(spent[len(spent)*95/100].Microseconds())/1000, "p95-ms")
			b.ReportMetric(float64(spent[len(spent)/2].Microseconds())/1000, "p50-ms")
		})
	}
}

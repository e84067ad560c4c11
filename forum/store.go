package forum

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
)

// Store keeps what forums own. The storage package implements it on
// PostgreSQL and SQLite; every method joins the transaction carried in ctx
// by InTx. Methods return avenir errors: not_found for a missing row,
// conflict for a duplicate. Lists filter by their Reader inside the query,
// as the pure rules of this package say.
type Store interface {
	// InTx runs fn in one transaction carried in ctx.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// Record writes domain events to the outbox.
	Record(ctx context.Context, events ...avenir.Event) error

	CreateForum(ctx context.Context, f Forum) error
	// EnsureForum writes f unless a forum already has its slug, and
	// returns the forum at that slug: f, or the one found. Concurrent calls
	// with the same slug never fail on each other, inside a transaction
	// too.
	EnsureForum(ctx context.Context, f Forum) (Forum, error)
	UpdateForum(ctx context.Context, f Forum) error
	Forum(ctx context.Context, id avenir.ID) (Forum, error)
	ForumBySlug(ctx context.Context, slug string) (Forum, error)
	// Forums lists the forums the reader may read, by position then title.
	Forums(ctx context.Context, r Reader) ([]Forum, error)

	CreateThread(ctx context.Context, t Thread) error
	Thread(ctx context.Context, id avenir.ID) (Thread, error)
	// UpdateThread writes a thread's title, pinned and locked flags.
	UpdateThread(ctx context.Context, t Thread) error
	// LockThread takes the thread's row lock until the transaction ends:
	// every change to a thread's posts takes it first, so that its counts
	// stay exact under concurrency.
	LockThread(ctx context.Context, thread avenir.ID) error
	// NextPosition takes the thread's row lock until the transaction ends
	// and returns the position of the thread's next post, so that two
	// concurrent replies never share one.
	NextPosition(ctx context.Context, thread avenir.ID) (int, error)
	// Recount sets a thread's state (its first post's), its replies and its
	// last activity from its published posts.
	Recount(ctx context.Context, thread avenir.ID) error
	// Threads lists a forum's threads the reader may read.
	Threads(ctx context.Context, f ThreadFilter) ([]Thread, error)

	// CreatePost writes a post; threadTitle is the thread's title, which
	// search indexes with the first post.
	CreatePost(ctx context.Context, p Post, threadTitle string) error
	// Post reads a post, with its author's name, its supports and whether
	// viewer supports it.
	Post(ctx context.Context, id, viewer avenir.ID) (Post, error)
	// UpdatePost writes a post's body, HTML, state, hidden reason, edit
	// time, queue time and open flags count.
	UpdatePost(ctx context.Context, p Post) error
	// SetThreadTitle changes a thread's title and what search indexes of it.
	SetThreadTitle(ctx context.Context, thread avenir.ID, title string) error
	// Posts lists a thread's or a member's posts the reader may read.
	Posts(ctx context.Context, f PostFilter) ([]Post, error)
	// PublishedCount counts the member's published posts, up to max.
	PublishedCount(ctx context.Context, author avenir.ID, max int) (int, error)
	AddRevision(ctx context.Context, r Revision) error
	Revisions(ctx context.Context, post avenir.ID) ([]Revision, error)

	// AddSupport records a member's support of a post and counts it; a
	// second support by the same member is a conflict.
	AddSupport(ctx context.Context, post, member avenir.ID, at time.Time) error
	// RemoveSupport withdraws it, reporting whether there was one.
	RemoveSupport(ctx context.Context, post, member avenir.ID) (bool, error)
	// Watch records that a member watches a thread (again is a no-op).
	Watch(ctx context.Context, thread, member avenir.ID, at time.Time) error
	Unwatch(ctx context.Context, thread, member avenir.ID) error
	Watching(ctx context.Context, thread, member avenir.ID) (bool, error)
	// Watchers lists who watches a thread, for notifications.
	Watchers(ctx context.Context, thread avenir.ID) ([]avenir.ID, error)

	// AddFlag records a flag (a second flag of a post by the same member is
	// a conflict), counts it among the post's open flags, puts the post in
	// the queue, and returns the number of open flags.
	AddFlag(ctx context.Context, f Flag) (int, error)
	// OpenFlags returns the flags no decision settled yet, by post.
	OpenFlags(ctx context.Context, posts []avenir.ID) (map[avenir.ID][]Flag, error)
	// SettleFlags marks the post's open flags settled by a decision.
	SettleFlags(ctx context.Context, post, decision avenir.ID) error
	// Queue lists the queued posts of the forums the reader moderates
	// (one forum's when forum is not zero), oldest first.
	Queue(ctx context.Context, r Reader, forum avenir.ID, after *QueueKey, limit int) ([]QueueItem, error)

	CreateDecision(ctx context.Context, d Decision) error
	Decision(ctx context.Context, id avenir.ID) (Decision, error)
	// UpdateAppeal writes a decision's appeal.
	UpdateAppeal(ctx context.Context, d Decision) error
	// Decisions lists decisions, newest first.
	Decisions(ctx context.Context, f DecisionFilter) ([]Decision, error)
	// Log lists the log entries of the forums the filter's reader may read.
	Log(ctx context.Context, f DecisionFilter) ([]LogEntry, error)
	// SuspendedUntil returns the end of the member's latest suspension from
	// the forum in force at now (not overturned), or the zero time.
	SuspendedUntil(ctx context.Context, forum, member avenir.ID, now time.Time) (time.Time, error)

	// Search finds published posts the reader may read, best first.
	Search(ctx context.Context, f SearchFilter) ([]Hit, error)
}

// QueueKey is a queued post's place in the queue.
type QueueKey struct {
	QueuedAt time.Time
	ID       avenir.ID
}

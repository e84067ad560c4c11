package forum

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Cursor kinds of the lists.
const (
	threadsCursor     = "forum.threads"
	postsCursor       = "forum.posts"
	memberPostsCursor = "forum.member_posts"
)

// Start opens a thread in a forum with its first post. The thread is
// published at once, or waits in the queue in a pre-moderated forum and for
// a new member's first posts (Config.PremoderateFirstPosts). Its author
// watches it.
func (s *Service) Start(ctx context.Context, actor avenir.Actor, forumID avenir.ID, d Draft) (Thread, Post, error) {
	f, err := s.store.Forum(ctx, forumID)
	if err != nil {
		return Thread{}, Post{}, err
	}
	if err := mayWrite(actor, f); err != nil {
		return Thread{}, Post{}, err
	}
	if err := d.normalize(true); err != nil {
		return Thread{}, Post{}, err
	}
	var t Thread
	var p Post
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkSuspension(ctx, actor, f); err != nil {
			return err
		}
		state, err := s.initialState(ctx, actor, f)
		if err != nil {
			return err
		}
		now := s.now()
		t = Thread{ID: avenir.NewID(), Forum: f.ID, Author: actor.ID, Title: d.Title, FirstPost: avenir.NewID(),
			State: state, LastActivity: now, CreatedAt: now}
		if err := s.store.CreateThread(ctx, t); err != nil {
			return err
		}
		if p, err = s.addPost(ctx, actor, f, t, d, state); err != nil {
			return err
		}
		if state == Published {
			return s.store.Record(ctx, s.published(actor.ID, f, t, p))
		}
		return nil
	})
	if err != nil {
		return Thread{}, Post{}, err
	}
	if t, err = s.store.Thread(ctx, t.ID); err != nil {
		return Thread{}, Post{}, err
	}
	return t, p, nil
}

// Reply adds a post to a thread, optionally answering (quoting) another
// post of the thread. A locked thread takes replies from moderators only.
func (s *Service) Reply(ctx context.Context, actor avenir.Actor, threadID avenir.ID, d Draft) (Post, error) {
	f, t, err := s.loadThread(ctx, actor, threadID)
	if err != nil {
		return Post{}, err
	}
	if err := mayWrite(actor, f); err != nil {
		return Post{}, err
	}
	if err := d.normalize(false); err != nil {
		return Post{}, err
	}
	if t.State != Published {
		return Post{}, avenir.Errorf(avenir.CodeConflict, "This thread is not open for replies.")
	}
	var p Post
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkSuspension(ctx, actor, f); err != nil {
			return err
		}
		if !d.Quote.IsZero() {
			q, err := s.store.Post(ctx, d.Quote, actor.ID)
			if err != nil || q.Thread != t.ID || !CanRead(actor, f, t, q) {
				return avenir.FieldError("quote", "The quoted message is not in this thread.")
			}
		}
		state, err := s.initialState(ctx, actor, f)
		if err != nil {
			return err
		}
		p, err = s.addPost(ctx, actor, f, t, d, state)
		if err != nil {
			return err
		}
		if state == Published {
			return s.store.Record(ctx, s.published(actor.ID, f, t, p))
		}
		return nil
	})
	return p, err
}

// addPost writes a post at the thread's next position, under the thread's
// row lock, then recounts the thread and makes the author watch it. A
// locked thread is refused here, under the lock, so that a reply cannot
// slip in while a moderator locks it.
func (s *Service) addPost(ctx context.Context, actor avenir.Actor, f Forum, t Thread, d Draft, state State) (Post, error) {
	pos, err := s.store.NextPosition(ctx, t.ID)
	if err != nil {
		return Post{}, err
	}
	if pos > 1 {
		locked, err := s.store.Thread(ctx, t.ID)
		if err != nil {
			return Post{}, err
		}
		if locked.Locked && !CanModerate(actor, f.ID) {
			return Post{}, avenir.Errorf(avenir.CodeConflict, "The thread is locked.")
		}
	}
	now := s.now()
	p := Post{ID: t.FirstPost, Thread: t.ID, Forum: f.ID, Author: actor.ID, Position: pos, Body: d.Body,
		HTML: text.Markdown(d.Body), State: state, Quote: d.Quote, CreatedAt: now}
	if pos > 1 {
		p.ID = avenir.NewID()
	}
	if state == Pending {
		p.QueuedAt = now
	}
	if err := s.store.CreatePost(ctx, p, t.Title); err != nil {
		return Post{}, err
	}
	if err := s.store.Recount(ctx, t.ID); err != nil {
		return Post{}, err
	}
	if err := s.store.Watch(ctx, t.ID, actor.ID, now); err != nil {
		return Post{}, err
	}
	return s.store.Post(ctx, p.ID, actor.ID)
}

// initialState is the state of a new post: pending in a pre-moderated
// forum and for a new member's first posts, unless a moderator writes.
func (s *Service) initialState(ctx context.Context, actor avenir.Actor, f Forum) (State, error) {
	if CanModerate(actor, f.ID) {
		return Published, nil
	}
	if f.Moderation == PreModeration {
		return Pending, nil
	}
	if n := s.cfg.PremoderateFirstPosts; n > 0 {
		count, err := s.store.PublishedCount(ctx, actor.ID, n)
		if err != nil {
			return "", err
		}
		if count < n {
			return Pending, nil
		}
	}
	return Published, nil
}

// checkSuspension refuses a member suspended from the forum.
func (s *Service) checkSuspension(ctx context.Context, actor avenir.Actor, f Forum) error {
	until, err := s.store.SuspendedUntil(ctx, f.ID, actor.ID, s.now())
	if err != nil {
		return err
	}
	if !until.IsZero() {
		return avenir.Errorf(avenir.CodeForbidden, "You are suspended from this forum until %s.", until.Format(time.DateOnly))
	}
	return nil
}

// published is the event of a post made visible: a thread started or a
// reply. It carries identifiers only, for the forum's audience.
func (s *Service) published(actor avenir.ID, f Forum, t Thread, p Post) avenir.Event {
	payload := map[string]any{"forum": f.ID, "thread": t.ID, "post": p.ID, "position": p.Position}
	if p.First() {
		return s.event("forum.thread_started", actor, t.ID, f.Audience, payload)
	}
	return s.event("forum.post_replied", actor, p.ID, f.Audience, payload)
}

// Edit changes a post: its author (unless the post is hidden or the thread
// locked) or a moderator. The previous version is kept as a Revision and the
// post shows "edited". Editing the first post may change the thread's title.
func (s *Service) Edit(ctx context.Context, actor avenir.Actor, postID avenir.ID, d Draft) (Post, error) {
	f, t, p, err := s.load(ctx, actor, postID)
	if err != nil {
		return Post{}, err
	}
	if actor.IsAnonymous() {
		return Post{}, avenir.ErrUnauthenticated
	}
	mod := CanModerate(actor, f.ID)
	if !mod {
		switch {
		case p.Author != actor.ID || !actor.Registered():
			return Post{}, avenir.ErrForbidden
		case p.State == Hidden:
			return Post{}, avenir.Errorf(avenir.CodeConflict, "A hidden post cannot be edited.")
		case t.Locked:
			return Post{}, avenir.Errorf(avenir.CodeConflict, "The thread is locked.")
		}
	}
	if err := d.normalize(p.First()); err != nil {
		return Post{}, err
	}
	if d.Body == p.Body && (!p.First() || d.Title == t.Title) {
		return view(actor, p), nil
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if !mod {
			if err := s.checkSuspension(ctx, actor, f); err != nil {
				return err
			}
		}
		now := s.now()
		rev := Revision{ID: avenir.NewID(), Post: p.ID, Body: p.Body, EditedBy: actor.ID, EditedAt: now}
		if p.First() {
			rev.Title = t.Title
		}
		if err := s.store.AddRevision(ctx, rev); err != nil {
			return err
		}
		if p.First() && d.Title != t.Title {
			if err := s.store.SetThreadTitle(ctx, t.ID, d.Title); err != nil {
				return err
			}
		}
		p.Body, p.HTML, p.EditedAt = d.Body, text.Markdown(d.Body), now
		return s.store.UpdatePost(ctx, p)
	})
	if err != nil {
		return Post{}, err
	}
	return view(actor, p), nil
}

// Revisions lists the earlier versions of a post, oldest first: for its
// author and the moderators.
func (s *Service) Revisions(ctx context.Context, actor avenir.Actor, postID avenir.ID) ([]Revision, error) {
	f, _, p, err := s.load(ctx, actor, postID)
	if err != nil {
		return nil, err
	}
	if actor.IsAnonymous() || (p.Author != actor.ID && !CanModerate(actor, f.ID)) {
		return nil, avenir.ErrForbidden
	}
	return s.store.Revisions(ctx, postID)
}

// Delete deletes a post at its author's request. The post is kept (for
// moderation and appeals) but no one else reads it again; deleting the
// first post deletes the thread. Moderators delete through Decide.
func (s *Service) Delete(ctx context.Context, actor avenir.Actor, postID avenir.ID) error {
	_, t, p, err := s.load(ctx, actor, postID)
	if err != nil {
		return err
	}
	if actor.IsAnonymous() || p.Author != actor.ID {
		return avenir.ErrForbidden
	}
	if p.State == Hidden {
		// Deleting would take the post out of a moderator's hands.
		return avenir.Errorf(avenir.CodeConflict, "A hidden post cannot be deleted.")
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockThread(ctx, t.ID); err != nil {
			return err
		}
		p.State, p.QueuedAt = Deleted, time.Time{}
		if err := s.store.UpdatePost(ctx, p); err != nil {
			return err
		}
		return s.store.Recount(ctx, t.ID)
	})
}

// Pin pins a thread at the top of its forum, or unpins it: moderators.
func (s *Service) Pin(ctx context.Context, actor avenir.Actor, threadID avenir.ID, pinned bool) (Thread, error) {
	return s.setThread(ctx, actor, threadID, func(t *Thread) { t.Pinned = pinned })
}

// Lock closes a thread to replies (but the moderators'), or opens it again:
// moderators. A lock in answer to a report goes through Decide, with
// reasons the author is told.
func (s *Service) Lock(ctx context.Context, actor avenir.Actor, threadID avenir.ID, locked bool) (Thread, error) {
	return s.setThread(ctx, actor, threadID, func(t *Thread) { t.Locked = locked })
}

func (s *Service) setThread(ctx context.Context, actor avenir.Actor, threadID avenir.ID, change func(*Thread)) (Thread, error) {
	f, t, err := s.loadThread(ctx, actor, threadID)
	if err != nil {
		return Thread{}, err
	}
	if !CanModerate(actor, f.ID) {
		return Thread{}, avenir.ErrForbidden
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockThread(ctx, t.ID); err != nil {
			return err
		}
		if t, err = s.store.Thread(ctx, t.ID); err != nil {
			return err
		}
		change(&t)
		return s.store.UpdateThread(ctx, t)
	})
	return t, err
}

// Thread returns a thread the actor may read; any other is not_found.
func (s *Service) Thread(ctx context.Context, actor avenir.Actor, id avenir.ID) (Thread, error) {
	_, t, err := s.loadThread(ctx, actor, id)
	return t, err
}

// Post returns a post the actor may read; any other is not_found.
func (s *Service) Post(ctx context.Context, actor avenir.Actor, id avenir.ID) (Post, error) {
	_, _, p, err := s.load(ctx, actor, id)
	return view(actor, p), err
}

// Threads lists a forum's threads the actor may read: pinned first, then by
// last activity, newest first.
func (s *Service) Threads(ctx context.Context, actor avenir.Actor, forumID avenir.ID, page avenir.PageRequest) (avenir.Page[Thread], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Thread]{}, err
	}
	f := ThreadFilter{Reader: ReaderOf(actor), Forum: forumID, Limit: size + 1}
	if page.After != "" {
		var k ThreadKey
		if err := avenir.DecodeCursor(page.After, threadsCursor, &k.Pinned, &k.LastActivity, &k.ID); err != nil {
			return avenir.Page[Thread]{}, err
		}
		f.After = &k
	}
	rows, err := s.store.Threads(ctx, f)
	if err != nil {
		return avenir.Page[Thread]{}, err
	}
	if len(rows) == 0 {
		// The query reads only readable forums: rows prove the forum
		// readable, and only an empty page needs the question asked.
		if _, err := s.Forum(ctx, actor, forumID); err != nil {
			return avenir.Page[Thread]{}, err
		}
	}
	return avenir.NewPage(rows, size, threadsCursor, func(t Thread) []any { return []any{t.Pinned, t.LastActivity, t.ID} }), nil
}

// Posts lists a thread's posts the actor may read, by position.
func (s *Service) Posts(ctx context.Context, actor avenir.Actor, threadID avenir.ID, page avenir.PageRequest) (avenir.Page[Post], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Post]{}, err
	}
	f := PostFilter{Reader: ReaderOf(actor), Thread: threadID, Limit: size + 1}
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, postsCursor, &f.AfterPosition); err != nil {
			return avenir.Page[Post]{}, err
		}
	}
	got, err := s.postPage(ctx, actor, f, size, postsCursor, func(p Post) []any { return []any{p.Position} })
	if err == nil && len(got.Items) == 0 {
		// The query reads only readable threads: an empty page is either
		// the end of a readable thread or a thread not to be known of.
		if _, _, err := s.loadThread(ctx, actor, threadID); err != nil {
			return avenir.Page[Post]{}, err
		}
	}
	return got, err
}

// MemberPosts lists a member's posts the actor may read, newest first.
func (s *Service) MemberPosts(ctx context.Context, actor avenir.Actor, member avenir.ID, page avenir.PageRequest) (avenir.Page[Post], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Post]{}, err
	}
	f := PostFilter{Reader: ReaderOf(actor), Author: member, Limit: size + 1}
	if page.After != "" {
		var k PostKey
		if err := avenir.DecodeCursor(page.After, memberPostsCursor, &k.CreatedAt, &k.ID); err != nil {
			return avenir.Page[Post]{}, err
		}
		f.Before = &k
	}
	return s.postPage(ctx, actor, f, size, memberPostsCursor, func(p Post) []any { return []any{p.CreatedAt, p.ID} })
}

func (s *Service) postPage(ctx context.Context, actor avenir.Actor, f PostFilter, size int, kind string, key func(Post) []any) (avenir.Page[Post], error) {
	rows, err := s.store.Posts(ctx, f)
	if err != nil {
		return avenir.Page[Post]{}, err
	}
	for i := range rows {
		rows[i] = view(actor, rows[i])
	}
	return avenir.NewPage(rows, size, kind, key), nil
}

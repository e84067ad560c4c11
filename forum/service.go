package forum

import (
	"context"
	"log/slog"
	"time"

	"github.com/avenirnet/avenir"
)

// Config configures a Service. Zero fields take the defaults shown.
type Config struct {
	Clock avenir.Clock // avenir.SystemClock
	// FlagThreshold is how many distinct members must flag a post for it to
	// be hidden until a moderator decides: 3.
	FlagThreshold int
	// PremoderateFirstPosts holds a member's first N posts in the
	// moderation queue until a moderator approves them, in every forum; 0
	// turns it off.
	PremoderateFirstPosts int
	// Notifier tells authors of the decisions about their posts and of the
	// answers to their appeals (by mail, say). Optional: the author also
	// finds them with Service.Decisions.
	Notifier Notifier
	// BaseURL is the network's address, for links in notices.
	BaseURL string
	// Log receives the failures to notify (default: discard).
	Log *slog.Logger
}

// Service holds the forums' rules and workflows.
type Service struct {
	store Store
	cfg   Config
}

// NewService returns a Service storing in store.
func NewService(store Store, cfg Config) *Service {
	if cfg.Clock == nil {
		cfg.Clock = avenir.SystemClock
	}
	if cfg.FlagThreshold <= 0 {
		cfg.FlagThreshold = 3
	}
	if cfg.PremoderateFirstPosts < 0 {
		cfg.PremoderateFirstPosts = 0
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, cfg: cfg}
}

// FlagThreshold returns how many flags hide a post.
func (s *Service) FlagThreshold() int { return s.cfg.FlagThreshold }

func (s *Service) now() time.Time { return s.cfg.Clock.Now() }

// event builds a domain event; payloads of ours always encode.
func (s *Service) event(typ string, actor, subject avenir.ID, audience avenir.Audience, payload any) avenir.Event {
	e, err := avenir.NewEvent(s.cfg.Clock, typ, actor, subject, audience, payload)
	if err != nil {
		panic(err)
	}
	return e
}

// load reads a post with its thread and forum, and checks that the actor
// may read it: anything else is not_found.
func (s *Service) load(ctx context.Context, actor avenir.Actor, postID avenir.ID) (Forum, Thread, Post, error) {
	p, err := s.store.Post(ctx, postID, actor.ID)
	if err != nil {
		return Forum{}, Thread{}, Post{}, err
	}
	t, err := s.store.Thread(ctx, p.Thread)
	if err != nil {
		return Forum{}, Thread{}, Post{}, err
	}
	f, err := s.store.Forum(ctx, t.Forum)
	if err != nil {
		return Forum{}, Thread{}, Post{}, err
	}
	if !CanRead(actor, f, t, p) {
		return Forum{}, Thread{}, Post{}, avenir.ErrNotFound
	}
	return f, t, p, nil
}

// loadThread reads a thread and its forum, and checks that the actor may
// read it.
func (s *Service) loadThread(ctx context.Context, actor avenir.Actor, threadID avenir.ID) (Forum, Thread, error) {
	t, err := s.store.Thread(ctx, threadID)
	if err != nil {
		return Forum{}, Thread{}, err
	}
	f, err := s.store.Forum(ctx, t.Forum)
	if err != nil {
		return Forum{}, Thread{}, err
	}
	if !CanReadThread(actor, f, t) {
		return Forum{}, Thread{}, avenir.ErrNotFound
	}
	return f, t, nil
}

// view removes from a post what the actor may not see: open flags are for
// moderators.
func view(actor avenir.Actor, p Post) Post {
	if !CanModerate(actor, p.Forum) {
		p.Flags = 0
	}
	return p
}

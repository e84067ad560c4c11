package forum

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Moderation says when a forum's posts are looked at by a moderator.
type Moderation string

// The moderation modes.
const (
	// PostModeration publishes at once; members flag what breaks the
	// charter and moderators decide afterwards (the default).
	PostModeration Moderation = "post"
	// PreModeration holds every post (but a moderator's) in the queue until
	// a moderator approves it.
	PreModeration Moderation = "pre"
)

// Valid reports whether m is a known mode.
func (m Moderation) Valid() bool { return m == PostModeration || m == PreModeration }

// Forum is a thematic forum. Its Audience says who may read it: public,
// registered, members, one committee (a committee's own wall: its members
// and the animators above it) or its moderators.
type Forum struct {
	ID          avenir.ID       `json:"id"`
	Slug        string          `json:"slug"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Position    int             `json:"position"` // forums are listed by position, then title
	Audience    avenir.Audience `json:"audience"`
	Moderation  Moderation      `json:"moderation"`
	CreatedAt   time.Time       `json:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
}

// ForumInput creates or changes a forum. For a moderators forum, give
// avenir.Moderators: the forum is then for its own moderators (and the
// network's).
type ForumInput struct {
	Slug        string          `json:"slug"` // from the title when empty
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Position    int             `json:"position"`
	Audience    avenir.Audience `json:"audience"`
	Moderation  Moderation      `json:"moderation"` // PostModeration when empty
}

func (in *ForumInput) normalize(id avenir.ID) error {
	in.Title = cleanText(text.Line(in.Title))
	in.Description = cleanText(in.Description)
	if err := checkLen("title", in.Title, 1, MaxTitle, "A title is required.", "The title must be at most %d characters."); err != nil {
		return err
	}
	if err := checkLen("description", in.Description, 0, MaxDescription, "", "The description must be at most %d characters."); err != nil {
		return err
	}
	if in.Slug == "" {
		in.Slug = in.Title
	}
	slug := text.Slug(in.Slug)
	if slug == "" {
		return avenir.FieldError("slug", "The address of the forum needs a letter or a digit.")
	}
	in.Slug = slug
	if in.Moderation == "" {
		in.Moderation = PostModeration
	}
	if !in.Moderation.Valid() {
		return avenir.FieldError("moderation", "The moderation mode %q is not known.", string(in.Moderation))
	}
	if in.Audience.Kind == avenir.AudienceModerators {
		// The moderators of this forum; network moderators are among them.
		in.Audience = avenir.ForumModerators(id)
	}
	return in.Audience.Validate()
}

// CreateForum creates a forum. Only admins create and change forums.
func (s *Service) CreateForum(ctx context.Context, actor avenir.Actor, in ForumInput) (Forum, error) {
	if !actor.IsAdmin() {
		return Forum{}, avenir.ErrForbidden
	}
	id := avenir.NewID()
	if err := in.normalize(id); err != nil {
		return Forum{}, err
	}
	now := s.now()
	f := Forum{ID: id, Slug: in.Slug, Title: in.Title, Description: in.Description, Position: in.Position,
		Audience: in.Audience, Moderation: in.Moderation, CreatedAt: now, UpdatedAt: now}
	if err := s.store.CreateForum(ctx, f); err != nil {
		if avenir.IsCode(err, avenir.CodeConflict) {
			return Forum{}, avenir.FieldError("slug", "Another forum has the address %q.", f.Slug)
		}
		return Forum{}, err
	}
	return f, nil
}

// EnsureForum returns the forum at the address in.Slug, creating it from in
// when there is none. It is for the workflows of other packages that keep
// forums of their own (the solidarity package opens one per audience for
// the comments of its actions), not for people: it takes no actor and
// checks no permission, so a handler must never hand it what a person
// typed; people create forums with CreateForum, which only admins may.
//
// The forum found at that address must have in's audience (for a
// moderators forum, its own moderators'): otherwise its threads would reach
// other readers than the caller expects, and the answer is a conflict.
// Concurrent calls with one address create one forum; EnsureForum joins the
// transaction in ctx, which survives such a race.
func (s *Service) EnsureForum(ctx context.Context, in ForumInput) (Forum, error) {
	id := avenir.NewID()
	if err := in.normalize(id); err != nil {
		return Forum{}, err
	}
	now := s.now()
	f, err := s.store.EnsureForum(ctx, Forum{ID: id, Slug: in.Slug, Title: in.Title, Description: in.Description,
		Position: in.Position, Audience: in.Audience, Moderation: in.Moderation, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return Forum{}, err
	}
	want := in.Audience
	if want.Kind == avenir.AudienceModerators {
		want = avenir.ForumModerators(f.ID)
	}
	if f.Audience != want {
		return Forum{}, avenir.Errorf(avenir.CodeConflict, "The forum %q exists with another audience.", f.Slug)
	}
	return f, nil
}

// UpdateForum changes a forum's title, description, order, audience or
// moderation mode.
func (s *Service) UpdateForum(ctx context.Context, actor avenir.Actor, id avenir.ID, in ForumInput) (Forum, error) {
	if !actor.IsAdmin() {
		return Forum{}, avenir.ErrForbidden
	}
	if err := in.normalize(id); err != nil {
		return Forum{}, err
	}
	var out Forum
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		f, err := s.store.Forum(ctx, id)
		if err != nil {
			return err
		}
		f.Slug, f.Title, f.Description, f.Position = in.Slug, in.Title, in.Description, in.Position
		f.Audience, f.Moderation, f.UpdatedAt = in.Audience, in.Moderation, s.now()
		if err := s.store.UpdateForum(ctx, f); err != nil {
			if avenir.IsCode(err, avenir.CodeConflict) {
				return avenir.FieldError("slug", "Another forum has the address %q.", f.Slug)
			}
			return err
		}
		out = f
		return nil
	})
	return out, err
}

// Forums lists the forums the actor may read, by position then title.
// Forums are few (tens), so the list is not paginated.
func (s *Service) Forums(ctx context.Context, actor avenir.Actor) ([]Forum, error) {
	return s.store.Forums(ctx, ReaderOf(actor))
}

// Forum returns a forum the actor may read; any other is not_found.
func (s *Service) Forum(ctx context.Context, actor avenir.Actor, id avenir.ID) (Forum, error) {
	f, err := s.store.Forum(ctx, id)
	return readable(actor, f, err)
}

// ForumBySlug returns a forum by its address, as Forum does.
func (s *Service) ForumBySlug(ctx context.Context, actor avenir.Actor, slug string) (Forum, error) {
	f, err := s.store.ForumBySlug(ctx, slug)
	return readable(actor, f, err)
}

func readable(actor avenir.Actor, f Forum, err error) (Forum, error) {
	if err != nil {
		return Forum{}, err
	}
	if !CanReadForum(actor, f) {
		return Forum{}, avenir.ErrNotFound
	}
	return f, nil
}

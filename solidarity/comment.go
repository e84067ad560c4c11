package solidarity

import (
	"context"
	"errors"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// Comments on an action are a thread of the forum package, so that they
// get its moderation, flags, due process and search, and nothing of them
// is decided here. The thread lives in a forum kept for the comments of
// the actions of one audience, which the first comment creates (see
// commentForum): its audience is the action's, so the forum's rules of
// reading are the action's, and its rules of writing (a signed-in person
// who may read it and is not suspended from it) say who may comment.

// commentable returns why an action takes no comment: only its audience's
// actions (published, under way or completed) do.
func commentable(a Action) error {
	switch a.Status {
	case StatusPublished, StatusInProgress, StatusCompleted:
	default:
		return avenir.Errorf(avenir.CodeConflict, "Only a published, started or completed action takes comments.")
	}
	if a.Audience.Kind == avenir.AudienceModerators {
		return avenir.Errorf(avenir.CodeConflict, "An action for moderators only takes no comments.")
	}
	return nil
}

func (s *Service) forums() (*forum.Service, error) {
	if s.cfg.Forums == nil {
		return nil, avenir.Internal(errors.New("solidarity: Config.Forums is not set"))
	}
	return s.cfg.Forums, nil
}

// Comment adds the actor's comment to an action's discussion. The action
// must be one the actor may read (not_found otherwise) and published,
// under way or completed (a conflict otherwise, and nothing is written).
// Who may comment is who may post in the action's comment forum, by the
// forum's rules; the post may wait for a moderator, as any forum post.
//
// A comment is written under the action's row lock, so that it never
// lands on an action just cancelled, and so that two first comments at
// once open one thread: the first comment opens it, titled as the action,
// in the comment forum of the action's audience (created then if need
// be), and records it on the action, in the same transaction.
func (s *Service) Comment(ctx context.Context, actor avenir.Actor, id avenir.ID, body string) (forum.Post, error) {
	forums, err := s.forums()
	if err != nil {
		return forum.Post{}, err
	}
	d := forum.Draft{Body: body}
	var out forum.Post
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		a, err := s.store.LockAction(ctx, id)
		if err != nil {
			return err
		}
		if !maySee(actor, a) {
			return avenir.ErrNotFound
		}
		if err := commentable(a); err != nil {
			return err
		}
		if !a.Thread.IsZero() {
			out, err = forums.Reply(ctx, actor, a.Thread, d)
			if avenir.IsCode(err, avenir.CodeNotFound) {
				// The actor reads the action, so the thread is out of
				// sight by the forum's rule on states: its first comment
				// waits for a moderator or was hidden by one.
				return avenir.Errorf(avenir.CodeConflict, "The discussion of this action is closed: a moderator holds or hid its first comment.")
			}
			return err
		}
		f, err := s.commentForum(ctx, a.Audience)
		if err != nil {
			return err
		}
		d.Title = a.Title
		thread, first, err := forums.Start(ctx, actor, f.ID, d)
		if err != nil {
			return err
		}
		a.Thread = thread.ID
		if err := s.store.UpdateAction(ctx, a); err != nil {
			return err
		}
		out = first
		return nil
	})
	if err != nil {
		return forum.Post{}, err
	}
	return out, nil
}

// Comments lists an action's comments the actor may read, in order, a page
// at a time: the posts of its thread through forum.Service.Posts, so that
// pending and hidden comments are shown to their authors and the
// moderators only, as in any forum. An action the actor may not read is
// not_found; one without comments, or whose whole thread is hidden from
// the actor (its first comment hidden or waiting for a moderator), gives
// an empty page.
func (s *Service) Comments(ctx context.Context, actor avenir.Actor, id avenir.ID, page avenir.PageRequest) (avenir.Page[forum.Post], error) {
	forums, err := s.forums()
	if err != nil {
		return avenir.Page[forum.Post]{}, err
	}
	a, err := s.Action(ctx, actor, id)
	if err != nil {
		return avenir.Page[forum.Post]{}, err
	}
	if _, err := page.Size(); err != nil {
		return avenir.Page[forum.Post]{}, err
	}
	if a.Thread.IsZero() {
		return avenir.Page[forum.Post]{Items: []forum.Post{}}, nil
	}
	p, err := forums.Posts(ctx, actor, a.Thread, page)
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return avenir.Page[forum.Post]{Items: []forum.Post{}}, nil
	}
	return p, err
}

// The comment forums, one per audience: their addresses and titles, in
// the network's language (French). A committee's is addressed by the
// committee's ID, which never changes nor passes to another committee.
const (
	commentSlug     = "fraternite"
	commentTitle    = "Fraternité en action"
	commentPosition = 100 // after the thematic forums
)

// commentForum returns the comment forum of an audience, creating it when
// it does not exist yet (forum.Service.EnsureForum: the solidarity package
// is the system workflow that opens it, no person's permission is used).
func (s *Service) commentForum(ctx context.Context, aud avenir.Audience) (forum.Forum, error) {
	in := forum.ForumInput{Slug: commentSlug, Title: commentTitle, Audience: aud, Position: commentPosition}
	switch aud.Kind {
	case avenir.AudiencePublic:
		in.Description = "Les discussions des actions de solidarité ouvertes à tous."
	case avenir.AudienceRegistered:
		in.Slug += "-inscrits"
		in.Title += " — personnes inscrites"
		in.Description = "Les discussions des actions de solidarité réservées aux personnes inscrites."
	case avenir.AudienceMembers:
		in.Slug += "-membres"
		in.Title += " — adhérents"
		in.Description = "Les discussions des actions de solidarité réservées aux adhérents."
	case avenir.AudienceCommittee:
		name := "un comité"
		if s.cfg.Committees != nil {
			c, err := s.cfg.Committees.Committee(ctx, aud.Scope)
			if err != nil {
				return forum.Forum{}, err
			}
			name = c.Name
		}
		in.Slug += "-comite-" + aud.Scope.String()
		in.Title += " — " + name
		in.Description = "Les discussions des actions de solidarité du comité " + name + ", réservées à ses membres et à ses animateurs."
	default:
		return forum.Forum{}, avenir.Errorf(avenir.CodeConflict, "An action for moderators only takes no comments.")
	}
	return s.cfg.Forums.EnsureForum(ctx, in)
}

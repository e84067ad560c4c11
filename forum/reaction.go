package forum

import (
	"context"

	"github.com/avenirnet/avenir"
)

// Support records that a member supports a post ("je soutiens") and returns
// the post with its new count. Supporting is for members in good standing,
// once a post, not of their own posts, and only of published ones; a second
// support is a conflict.
func (s *Service) Support(ctx context.Context, actor avenir.Actor, postID avenir.ID) (Post, error) {
	_, _, p, err := s.supportable(ctx, actor, postID)
	if err != nil {
		return Post{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.AddSupport(ctx, p.ID, actor.ID, s.now()); err != nil {
			if avenir.IsCode(err, avenir.CodeConflict) {
				return avenir.Errorf(avenir.CodeConflict, "You already support this post.")
			}
			return err
		}
		return nil
	})
	if err != nil {
		return Post{}, err
	}
	return s.Post(ctx, actor, postID)
}

// Unsupport withdraws a member's support of a post; withdrawing a support
// that was not given changes nothing.
func (s *Service) Unsupport(ctx context.Context, actor avenir.Actor, postID avenir.ID) (Post, error) {
	if _, _, _, err := s.load(ctx, actor, postID); err != nil {
		return Post{}, err
	}
	if actor.IsAnonymous() {
		return Post{}, avenir.ErrUnauthenticated
	}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		_, err := s.store.RemoveSupport(ctx, postID, actor.ID)
		return err
	})
	if err != nil {
		return Post{}, err
	}
	return s.Post(ctx, actor, postID)
}

func (s *Service) supportable(ctx context.Context, actor avenir.Actor, postID avenir.ID) (Forum, Thread, Post, error) {
	f, t, p, err := s.load(ctx, actor, postID)
	switch {
	case err != nil:
		return Forum{}, Thread{}, Post{}, err
	case actor.IsAnonymous():
		return Forum{}, Thread{}, Post{}, avenir.ErrUnauthenticated
	case !actor.InGoodStanding():
		return Forum{}, Thread{}, Post{}, avenir.Errorf(avenir.CodeForbidden, "Only members in good standing may support a post.")
	case p.Author == actor.ID:
		return Forum{}, Thread{}, Post{}, avenir.Errorf(avenir.CodeForbidden, "You cannot support your own post.")
	case p.State != Published:
		return Forum{}, Thread{}, Post{}, avenir.Errorf(avenir.CodeConflict, "This post is not published.")
	}
	return f, t, p, nil
}

// Watch records that the actor watches a thread, to be told of its replies
// (notifications come with the network package). Starting or replying to a
// thread watches it too. Watching again changes nothing.
func (s *Service) Watch(ctx context.Context, actor avenir.Actor, threadID avenir.ID) error {
	if _, _, err := s.loadThread(ctx, actor, threadID); err != nil {
		return err
	}
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	return s.store.Watch(ctx, threadID, actor.ID, s.now())
}

// Unwatch stops watching a thread.
func (s *Service) Unwatch(ctx context.Context, actor avenir.Actor, threadID avenir.ID) error {
	if _, _, err := s.loadThread(ctx, actor, threadID); err != nil {
		return err
	}
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	return s.store.Unwatch(ctx, threadID, actor.ID)
}

// Watching reports whether the actor watches a thread.
func (s *Service) Watching(ctx context.Context, actor avenir.Actor, threadID avenir.ID) (bool, error) {
	if _, _, err := s.loadThread(ctx, actor, threadID); err != nil {
		return false, err
	}
	if actor.IsAnonymous() {
		return false, nil
	}
	return s.store.Watching(ctx, threadID, actor.ID)
}

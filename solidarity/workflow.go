package solidarity

import (
	"context"
	"strings"

	"github.com/avenirnet/avenir"
)

// transit applies a transition to an action under its row lock, in one
// transaction with its event: check says whether the actor may, change
// sets what the transition writes besides the status (reading through the
// transaction's ctx it is given).
func (s *Service) transit(ctx context.Context, actor avenir.Actor, id avenir.ID, t Transition,
	check func(Action) bool, change func(context.Context, *Action) error) (Action, error) {
	var out Action
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		a, err := s.store.LockAction(ctx, id)
		if err != nil {
			return err
		}
		if !maySee(actor, a) {
			return avenir.ErrNotFound
		}
		if !check(a) {
			return avenir.ErrForbidden
		}
		to, err := Next(a.Status, t)
		if err != nil {
			return err
		}
		now := s.now()
		a.Status, a.UpdatedAt = to, now
		if to == StatusPublished && a.PublishedAt.IsZero() {
			a.PublishedAt = now
		}
		if change != nil {
			if err := change(ctx, &a); err != nil {
				return err
			}
		}
		if err := s.store.UpdateAction(ctx, a); err != nil {
			return err
		}
		out = a
		return s.store.Record(ctx, s.event("solidarity.action_"+string(to), actor.ID, a, nil))
	})
	if err != nil {
		return Action{}, err
	}
	return out, nil
}

func (s *Service) isAuthor(actor avenir.Actor) func(Action) bool {
	return func(a Action) bool { return actor.Registered() && a.Author == actor.ID }
}

// Submit sends the author's draft for validation. When the network lets
// trusted authors publish directly (Config.TrustedPublishDirectly), an
// author who could validate the action (an animator of its committee, a
// moderator) publishes it at once.
func (s *Service) Submit(ctx context.Context, actor avenir.Actor, id avenir.ID) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	a, err := s.transit(ctx, actor, id, Submit, s.isAuthor(actor), nil)
	if err != nil || !s.cfg.TrustedPublishDirectly || !mayValidate(actor, a) {
		return a, err
	}
	return s.transit(ctx, actor, id, Publish, func(a Action) bool { return mayValidate(actor, a) }, nil)
}

// Validate publishes a submitted action: an animator of its committee or a
// moderator.
func (s *Service) Validate(ctx context.Context, actor avenir.Actor, id avenir.ID) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	return s.transit(ctx, actor, id, Publish, func(a Action) bool { return mayValidate(actor, a) }, func(_ context.Context, a *Action) error {
		a.Reason = ""
		return nil
	})
}

// Reject refuses a submitted action with a reason its author sees.
func (s *Service) Reject(ctx context.Context, actor avenir.Actor, id avenir.ID, reason string) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	reason, err := checkReason(reason)
	if err != nil {
		return Action{}, err
	}
	return s.transit(ctx, actor, id, Reject, func(a Action) bool { return mayValidate(actor, a) }, func(_ context.Context, a *Action) error {
		a.Reason = reason
		return nil
	})
}

// Revise takes a rejected action back to a draft, for its author to edit
// and submit again.
func (s *Service) Revise(ctx context.Context, actor avenir.Actor, id avenir.ID) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	return s.transit(ctx, actor, id, Revise, s.isAuthor(actor), nil)
}

// Start says a published action is under way: its organiser.
func (s *Service) Start(ctx context.Context, actor avenir.Actor, id avenir.ID) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	return s.transit(ctx, actor, id, Start, func(a Action) bool { return mayOrganise(actor, a) }, nil)
}

// Complete closes an action with its impact: its organiser. The number of
// volunteers involved is counted from the accepted sign-ups.
func (s *Service) Complete(ctx context.Context, actor avenir.Actor, id avenir.ID, impact Impact) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	impact.Report = strings.TrimSpace(impact.Report)
	switch {
	case impact.PeopleHelped < 0 || impact.PeopleHelped > 1_000_000:
		return Action{}, avenir.FieldError("people_helped", "The number of people helped must be between 0 and %d.", 1_000_000)
	case impact.Hours < 0 || impact.Hours > 1_000_000:
		return Action{}, avenir.FieldError("hours", "The hours given must be between 0 and %d.", 1_000_000)
	case len([]rune(impact.Report)) > MaxDescription:
		return Action{}, avenir.FieldError("report", "The report must be at most %d characters.", MaxDescription)
	}
	return s.transit(ctx, actor, id, Complete, func(a Action) bool { return mayOrganise(actor, a) }, func(ctx context.Context, a *Action) error {
		accepted, err := s.store.Volunteers(ctx, a.ID, Accepted)
		if err != nil {
			return err
		}
		impact.Volunteers = distinctMembers(accepted)
		a.Impact = &impact
		return nil
	})
}

// Cancel calls an action off, with a reason: its organiser, or a validator
// (an animator of its committee, a moderator).
func (s *Service) Cancel(ctx context.Context, actor avenir.Actor, id avenir.ID, reason string) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	reason, err := checkReason(reason)
	if err != nil {
		return Action{}, err
	}
	return s.transit(ctx, actor, id, Cancel, func(a Action) bool { return mayOrganise(actor, a) || mayValidate(actor, a) },
		func(_ context.Context, a *Action) error {
			a.Reason = reason
			return nil
		})
}

func checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", avenir.FieldError("reason", "A reason is required.")
	case len([]rune(reason)) > MaxReason:
		return "", avenir.FieldError("reason", "The reason must be at most %d characters.", MaxReason)
	}
	return reason, nil
}

// ExpireDue expires the published actions whose end passed, a batch at a
// time, and returns how many it expired. It is the periodic job a server
// runs (the reference server does, in RunBackground); an action under way
// stays in progress until its organiser completes it.
func (s *Service) ExpireDue(ctx context.Context) (int, error) {
	system := avenir.Actor{}
	n := 0
	for {
		ids, err := s.store.Due(ctx, []Status{StatusPublished}, s.now(), 100)
		if err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			err := s.store.InTx(ctx, func(ctx context.Context) error {
				a, err := s.store.LockAction(ctx, id)
				if err != nil {
					return err
				}
				to, err := Next(a.Status, Expire)
				if err != nil {
					return nil // moved on since it was listed
				}
				a.Status, a.UpdatedAt = to, s.now()
				if err := s.store.UpdateAction(ctx, a); err != nil {
					return err
				}
				return s.store.Record(ctx, s.event("solidarity.action_expired", system.ID, a, nil))
			})
			if err != nil {
				return n, err
			}
			n++
		}
		if len(ids) < 100 {
			return n, nil
		}
	}
}

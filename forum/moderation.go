package forum

import (
	"context"
	"slices"
	"time"

	"github.com/avenirnet/avenir"
)

const queueCursor = "forum.queue"

// Flag reports a post to the moderators, with a reason and an optional
// text. Signed-in people who may take part flag, once a post, not their
// own. When Config.FlagThreshold distinct members have flagged a post, it
// is hidden until a moderator decides.
func (s *Service) Flag(ctx context.Context, actor avenir.Actor, postID avenir.ID, in FlagInput) error {
	f, t, p, err := s.load(ctx, actor, postID)
	switch {
	case err != nil:
		return err
	case actor.IsAnonymous():
		return avenir.ErrUnauthenticated
	case !actor.Registered():
		return avenir.ErrForbidden
	case p.Author == actor.ID:
		return avenir.Errorf(avenir.CodeForbidden, "You cannot flag your own post.")
	}
	if !slices.Contains(FlagReasons, in.Reason) {
		return avenir.FieldError("reason", "The reason %q is not known.", string(in.Reason))
	}
	in.Text = cleanText(in.Text)
	if err := checkLen("text", in.Text, 0, MaxFlagText, "", "The text must be at most %d characters."); err != nil {
		return err
	}
	if p.State != Published {
		return avenir.Errorf(avenir.CodeConflict, "This post is already in the moderators' hands.")
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockThread(ctx, t.ID); err != nil {
			return err
		}
		open, err := s.store.AddFlag(ctx, Flag{ID: avenir.NewID(), Post: p.ID, Member: actor.ID, Reason: in.Reason, Text: in.Text, CreatedAt: s.now()})
		if avenir.IsCode(err, avenir.CodeConflict) {
			return avenir.Errorf(avenir.CodeConflict, "You already flagged this post.")
		}
		if err != nil || open < s.cfg.FlagThreshold {
			return err
		}
		if p, err = s.store.Post(ctx, p.ID, avenir.ID{}); err != nil {
			return err
		}
		if p.State != Published {
			return nil
		}
		p.State, p.HiddenBy = Hidden, HiddenByFlags
		if err := s.store.UpdatePost(ctx, p); err != nil {
			return err
		}
		if err := s.store.Recount(ctx, t.ID); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("forum.post_hidden", avenir.ID{}, p.ID, avenir.ForumModerators(f.ID),
			map[string]any{"forum": f.ID, "thread": t.ID, "post": p.ID, "by": HiddenByFlags, "flags": open}))
	})
}

// Queue lists the posts waiting for a moderator, oldest first: pending
// approval, or flagged. With a zero Forum it is the network-wide queue of
// every forum the actor moderates.
func (s *Service) Queue(ctx context.Context, actor avenir.Actor, qf QueueFilter, page avenir.PageRequest) (avenir.Page[QueueItem], error) {
	r, err := s.moderatorReader(ctx, actor, qf.Forum)
	if err != nil {
		return avenir.Page[QueueItem]{}, err
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[QueueItem]{}, err
	}
	var after *QueueKey
	if page.After != "" {
		var k QueueKey
		if err := avenir.DecodeCursor(page.After, queueCursor, &k.QueuedAt, &k.ID); err != nil {
			return avenir.Page[QueueItem]{}, err
		}
		after = &k
	}
	items, err := s.store.Queue(ctx, r, qf.Forum, after, size+1)
	if err != nil {
		return avenir.Page[QueueItem]{}, err
	}
	return avenir.NewPage(items, size, queueCursor, func(q QueueItem) []any { return []any{q.QueuedAt, q.Post.ID} }), nil
}

// moderatorReader checks that the actor moderates forum (any forum when it
// is zero) and returns their Reader.
func (s *Service) moderatorReader(ctx context.Context, actor avenir.Actor, forum avenir.ID) (Reader, error) {
	r := ReaderOf(actor)
	if forum.IsZero() {
		if !r.ModeratesAll && len(r.Moderates) == 0 {
			return Reader{}, avenir.ErrForbidden
		}
		return r, nil
	}
	f, err := s.Forum(ctx, actor, forum)
	if err != nil {
		return Reader{}, err
	}
	if !CanModerate(actor, f.ID) {
		return Reader{}, avenir.ErrForbidden
	}
	return r, nil
}

// Approve publishes a post waiting in the pre-moderation queue. Approving is
// not a sanction: it needs no statement of reasons and is not logged.
// Refusing a post is a decision (Decide, hide or delete).
func (s *Service) Approve(ctx context.Context, actor avenir.Actor, postID avenir.ID) (Post, error) {
	f, t, p, err := s.moderate(ctx, actor, postID)
	if err != nil {
		return Post{}, err
	}
	if p.State != Pending {
		return Post{}, avenir.Errorf(avenir.CodeConflict, "This post is not awaiting approval.")
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockThread(ctx, t.ID); err != nil {
			return err
		}
		if p, err = s.store.Post(ctx, postID, actor.ID); err != nil {
			return err
		}
		if p.State != Pending {
			return avenir.Errorf(avenir.CodeConflict, "This post is not awaiting approval.")
		}
		p.State = Published
		if p.Flags == 0 {
			p.QueuedAt = time.Time{}
		}
		if err := s.store.UpdatePost(ctx, p); err != nil {
			return err
		}
		if err := s.store.Recount(ctx, t.ID); err != nil {
			return err
		}
		return s.store.Record(ctx, s.published(p.Author, f, t, p))
	})
	return p, err
}

// moderate reads a post for a moderator of its forum: not_found for what
// the actor may not read, forbidden for a reader who does not moderate, and
// forbidden for a moderator's own post (no one judges their own case).
func (s *Service) moderate(ctx context.Context, actor avenir.Actor, postID avenir.ID) (Forum, Thread, Post, error) {
	f, t, p, err := s.load(ctx, actor, postID)
	switch {
	case err != nil:
		return Forum{}, Thread{}, Post{}, err
	case !CanModerate(actor, f.ID):
		return Forum{}, Thread{}, Post{}, avenir.ErrForbidden
	case p.Author == actor.ID:
		return Forum{}, Thread{}, Post{}, avenir.Errorf(avenir.CodeForbidden, "You cannot moderate your own post.")
	}
	return f, t, p, nil
}

func (in *DecisionInput) check(now time.Time) error {
	if !slices.Contains(Actions, in.Action) {
		return avenir.FieldError("action", "The action %q is not known.", string(in.Action))
	}
	if !slices.Contains(DecisionReasons, in.Reason) {
		return avenir.FieldError("reason", "The reason %q is not known.", string(in.Reason))
	}
	if (in.Action == ActionKeep) != (in.Reason == ReasonNone) {
		return avenir.FieldError("reason", "Keeping a post cites no breach; any other decision cites one.")
	}
	in.Text = cleanText(in.Text)
	if err := checkLen("text", in.Text, MinReasonText, MaxReasonText,
		"The statement of reasons must be at least %d characters.", "The statement of reasons must be at most %d characters."); err != nil {
		return err
	}
	switch {
	case in.Action != ActionSuspend && !in.Until.IsZero():
		return avenir.FieldError("until", "An end date is for a suspension only.")
	case in.Action == ActionSuspend && (!in.Until.After(now) || in.Until.Sub(now) > MaxSuspension):
		return avenir.FieldError("until", "A suspension ends in the future, within %d days.", int(MaxSuspension.Hours()/24))
	}
	in.Until = in.Until.UTC().Truncate(time.Microsecond)
	return nil
}

// Decide takes a moderation decision on a post, with its statement of
// reasons: keep it (publishing it if it was pending or hidden by flags),
// hide it, delete it, lock its thread (the post stays), or hide it and
// suspend its author from the forum until a date. The post's open flags are
// settled, the decision enters the moderation log, and the author is told.
func (s *Service) Decide(ctx context.Context, actor avenir.Actor, postID avenir.ID, in DecisionInput) (Decision, error) {
	f, t, p, err := s.moderate(ctx, actor, postID)
	if err != nil {
		return Decision{}, err
	}
	if err := in.check(s.now()); err != nil {
		return Decision{}, err
	}
	var d Decision
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockThread(ctx, t.ID); err != nil {
			return err
		}
		if p, err = s.store.Post(ctx, postID, avenir.ID{}); err != nil {
			return err
		}
		if p.State == Deleted {
			return avenir.Errorf(avenir.CodeConflict, "This post was deleted.")
		}
		wasPending := p.State == Pending
		d = Decision{ID: avenir.NewID(), Forum: f.ID, Thread: t.ID, Post: p.ID, Author: p.Author, Target: TargetPost,
			Action: in.Action, Reason: in.Reason, Text: in.Text, Moderator: actor.ID, Role: roleOf(actor), DecidedAt: s.now()}
		if p.First() || in.Action == ActionLock {
			d.Target = TargetThread
		}
		switch in.Action {
		case ActionKeep, ActionLock:
			p.State, p.HiddenBy = Published, ""
		case ActionHide:
			p.State, p.HiddenBy = Hidden, HiddenByDecision
		case ActionDelete:
			p.State, p.HiddenBy = Deleted, ""
		case ActionSuspend:
			p.State, p.HiddenBy = Hidden, HiddenByDecision
			d.SuspendedUntil = in.Until
		}
		p.Flags, p.QueuedAt = 0, time.Time{}
		if err := s.store.CreateDecision(ctx, d); err != nil {
			return err
		}
		if err := s.store.SettleFlags(ctx, p.ID, d.ID); err != nil {
			return err
		}
		if err := s.store.UpdatePost(ctx, p); err != nil {
			return err
		}
		if err := s.store.Recount(ctx, t.ID); err != nil {
			return err
		}
		if in.Action == ActionLock {
			if t, err = s.store.Thread(ctx, t.ID); err != nil {
				return err
			}
			t.Locked = true
			if err := s.store.UpdateThread(ctx, t); err != nil {
				return err
			}
		}
		events := []avenir.Event{s.decisionEvent("forum.decision_taken", f, d)}
		if p.State == Published && wasPending {
			events = append(events, s.published(p.Author, f, t, p))
		}
		return s.store.Record(ctx, events...)
	})
	if err != nil {
		return Decision{}, err
	}
	s.notify(ctx, d, false)
	return d, nil
}

// decisionEvent is the event of a decision or of an appeal's answer: for
// the forum's readers, as the log shows it (no content, no author, and no
// actor: moderators are shown by role, never by name).
func (s *Service) decisionEvent(typ string, f Forum, d Decision) avenir.Event {
	payload := map[string]any{"forum": f.ID, "decision": d.ID, "target": d.Target, "action": d.Action, "reason": d.Reason, "role": d.Role}
	if d.Appeal != nil {
		payload["outcome"] = d.Appeal.Outcome
	}
	return s.event(typ, avenir.ID{}, d.ID, f.Audience, payload)
}

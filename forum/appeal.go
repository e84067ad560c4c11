package forum

import (
	"context"
	"slices"

	"github.com/avenirnet/avenir"
)

// Cursor kinds of the decision lists.
const (
	decisionsCursor = "forum.decisions"
	appealsCursor   = "forum.appeals"
	logCursor       = "forum.log"
)

// Appeal contests a decision: the author of the post, once per decision,
// with a text. A moderator other than the one who decided answers it.
func (s *Service) Appeal(ctx context.Context, actor avenir.Actor, decisionID avenir.ID, text string) (Decision, error) {
	f, d, err := s.decision(ctx, actor, decisionID)
	if avenir.IsCode(err, avenir.CodeForbidden) || (err == nil && actor.ID != d.Author) {
		return Decision{}, avenir.Errorf(avenir.CodeForbidden, "Only the author of the post may appeal.")
	}
	if err != nil {
		return Decision{}, err
	}
	if err := appealable(d); err != nil {
		return Decision{}, err
	}
	text = cleanText(text)
	if err := checkLen("text", text, MinAppealText, MaxAppealText,
		"An appeal must be at least %d characters.", "An appeal must be at most %d characters."); err != nil {
		return Decision{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockThread(ctx, d.Thread); err != nil {
			return err
		}
		if d, err = s.store.Decision(ctx, decisionID); err != nil {
			return err
		}
		if err := appealable(d); err != nil {
			return err
		}
		d.Appeal = &Appeal{Text: text, At: s.now()}
		if err := s.store.UpdateAppeal(ctx, d); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("forum.decision_appealed", actor.ID, d.ID, avenir.ForumModerators(f.ID),
			map[string]any{"forum": f.ID, "decision": d.ID}))
	})
	return d, err
}

func appealable(d Decision) error {
	switch {
	case d.Action == ActionKeep:
		return avenir.Errorf(avenir.CodeConflict, "A decision that kept the post cannot be appealed.")
	case d.Appeal != nil:
		return avenir.Errorf(avenir.CodeConflict, "This decision was already appealed.")
	}
	return nil
}

// Outcomes lists the answers to an appeal.
var Outcomes = []Outcome{Upheld, Overturned}

// DecideAppeal answers an appeal, with reasons: a moderator of the forum
// who did not take the decision. Overturning it undoes the decision: the
// post is published again, the thread unlocked, the suspension lifted. The
// author is told.
func (s *Service) DecideAppeal(ctx context.Context, actor avenir.Actor, decisionID avenir.ID, in AppealAnswer) (Decision, error) {
	f, d, err := s.decision(ctx, actor, decisionID)
	if err != nil {
		return Decision{}, err
	}
	if !CanModerate(actor, f.ID) {
		return Decision{}, avenir.ErrForbidden
	}
	if actor.ID == d.Moderator || actor.ID == d.Author {
		return Decision{}, avenir.Errorf(avenir.CodeForbidden, "A moderator other than the one who decided must answer the appeal.")
	}
	if !slices.Contains(Outcomes, in.Outcome) {
		return Decision{}, avenir.FieldError("outcome", "The outcome %q is not known.", string(in.Outcome))
	}
	in.Text = cleanText(in.Text)
	if err := checkLen("text", in.Text, MinReasonText, MaxReasonText,
		"The statement of reasons must be at least %d characters.", "The statement of reasons must be at most %d characters."); err != nil {
		return Decision{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockThread(ctx, d.Thread); err != nil {
			return err
		}
		if d, err = s.store.Decision(ctx, decisionID); err != nil {
			return err
		}
		switch {
		case d.Appeal == nil:
			return avenir.Errorf(avenir.CodeConflict, "This decision was not appealed.")
		case d.Appeal.Outcome != "":
			return avenir.Errorf(avenir.CodeConflict, "This appeal was already answered.")
		}
		d.Appeal.Outcome, d.Appeal.Reason, d.Appeal.Role = in.Outcome, in.Text, roleOf(actor)
		d.Appeal.DecidedBy, d.Appeal.DecidedAt = actor.ID, s.now()
		if err := s.store.UpdateAppeal(ctx, d); err != nil {
			return err
		}
		if in.Outcome == Overturned {
			if err := s.undo(ctx, d); err != nil {
				return err
			}
		}
		return s.store.Record(ctx, s.decisionEvent("forum.appeal_decided", f, d))
	})
	if err != nil {
		return Decision{}, err
	}
	s.notify(ctx, d, true)
	return d, nil
}

// undo restores what an overturned decision changed. A suspension ends by
// itself: SuspendedUntil skips overturned decisions.
func (s *Service) undo(ctx context.Context, d Decision) error {
	if d.Action == ActionLock {
		t, err := s.store.Thread(ctx, d.Thread)
		if err != nil {
			return err
		}
		t.Locked = false
		return s.store.UpdateThread(ctx, t)
	}
	p, err := s.store.Post(ctx, d.Post, avenir.ID{})
	if err != nil {
		return err
	}
	if p.State == Published {
		return nil
	}
	p.State, p.HiddenBy = Published, ""
	if err := s.store.UpdatePost(ctx, p); err != nil {
		return err
	}
	return s.store.Recount(ctx, d.Thread)
}

// decision reads a decision and its forum for someone who may know it
// exists: the author of the post and the forum's moderators. Anyone else
// gets not_found (the log shows them what they may know).
func (s *Service) decision(ctx context.Context, actor avenir.Actor, id avenir.ID) (Forum, Decision, error) {
	d, err := s.store.Decision(ctx, id)
	if err != nil {
		return Forum{}, Decision{}, err
	}
	f, err := s.store.Forum(ctx, d.Forum)
	if err != nil {
		return Forum{}, Decision{}, err
	}
	own := !actor.IsAnonymous() && actor.ID == d.Author
	if !CanModerate(actor, f.ID) && !(own && CanReadForum(actor, f)) {
		if CanReadForum(actor, f) && !actor.IsAnonymous() {
			// The decision is in the log the actor reads: its existence is
			// no secret, its details are.
			return Forum{}, Decision{}, avenir.ErrForbidden
		}
		return Forum{}, Decision{}, avenir.ErrNotFound
	}
	return f, d, nil
}

// Decision returns a decision with its reasons and its appeal, for the
// author of the post and the forum's moderators.
func (s *Service) Decision(ctx context.Context, actor avenir.Actor, id avenir.ID) (Decision, error) {
	_, d, err := s.decision(ctx, actor, id)
	return d, err
}

// Decisions lists the decisions about the actor's own posts, newest first,
// with their reasons and appeals: what the author is told.
func (s *Service) Decisions(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[Decision], error) {
	if actor.IsAnonymous() {
		return avenir.Page[Decision]{}, avenir.ErrUnauthenticated
	}
	return s.decisions(ctx, DecisionFilter{Author: actor.ID}, page, decisionsCursor)
}

// Appeals lists the appeals waiting for an answer in the forums the actor
// moderates (one forum's when the filter names one), newest first.
func (s *Service) Appeals(ctx context.Context, actor avenir.Actor, qf QueueFilter, page avenir.PageRequest) (avenir.Page[Decision], error) {
	r, err := s.moderatorReader(ctx, actor, qf.Forum)
	if err != nil {
		return avenir.Page[Decision]{}, err
	}
	return s.decisions(ctx, DecisionFilter{Reader: r, Forum: qf.Forum, PendingAppeals: true}, page, appealsCursor)
}

func (s *Service) decisions(ctx context.Context, f DecisionFilter, page avenir.PageRequest, kind string) (avenir.Page[Decision], error) {
	size, err := decisionPage(&f, page, kind)
	if err != nil {
		return avenir.Page[Decision]{}, err
	}
	rows, err := s.store.Decisions(ctx, f)
	if err != nil {
		return avenir.Page[Decision]{}, err
	}
	return avenir.NewPage(rows, size, kind, func(d Decision) []any { return []any{d.DecidedAt, d.ID} }), nil
}

// decisionPage sets the filter's limit and keyset from a page request.
func decisionPage(f *DecisionFilter, page avenir.PageRequest, kind string) (int, error) {
	size, err := page.Size()
	if err != nil {
		return 0, err
	}
	f.Limit = size + 1
	if page.After != "" {
		var k DecisionKey
		if err := avenir.DecodeCursor(page.After, kind, &k.DecidedAt, &k.ID); err != nil {
			return 0, err
		}
		f.Before = &k
	}
	return size, nil
}

// LogFilter selects the moderation log of one forum, or (zero Forum) of
// every forum the reader may read.
type LogFilter struct {
	Forum avenir.ID `json:"forum,omitzero"`
}

// Log lists the moderation log, newest first: every decision in the
// forums the actor may read — what was decided, on which kind of content,
// why, when and by which role, and the answer to its appeal — never the
// content, its author, nor a moderator's name.
func (s *Service) Log(ctx context.Context, actor avenir.Actor, lf LogFilter, page avenir.PageRequest) (avenir.Page[LogEntry], error) {
	if !lf.Forum.IsZero() {
		if _, err := s.Forum(ctx, actor, lf.Forum); err != nil {
			return avenir.Page[LogEntry]{}, err
		}
	}
	f := DecisionFilter{Reader: ReaderOf(actor), Forum: lf.Forum}
	size, err := decisionPage(&f, page, logCursor)
	if err != nil {
		return avenir.Page[LogEntry]{}, err
	}
	rows, err := s.store.Log(ctx, f)
	if err != nil {
		return avenir.Page[LogEntry]{}, err
	}
	return avenir.NewPage(rows, size, logCursor, func(e LogEntry) []any { return []any{e.DecidedAt, e.ID} }), nil
}

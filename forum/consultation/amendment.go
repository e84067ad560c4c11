package consultation

import (
	"context"
	"slices"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// AmendmentState is where an amendment stands.
type AmendmentState string

// The amendment states.
const (
	AmendmentProposed AmendmentState = "proposed"
	AmendmentAccepted AmendmentState = "accepted" // applied: it made a new version of the target
	AmendmentRejected AmendmentState = "rejected" // with a reason
	AmendmentMerged   AmendmentState = "merged"   // taken in by hand into a later version
)

// Amendment proposes a new text for one section of a contribution or of a
// draft motion.
type Amendment struct {
	ID           avenir.ID      `json:"id"`
	Consultation avenir.ID      `json:"consultation"`
	Text         avenir.ID      `json:"text"`
	Section      avenir.ID      `json:"section"`
	BaseVersion  int            `json:"base_version"` // the target's version it was written against
	Original     string         `json:"original"`     // the section's text then
	Proposed     string         `json:"proposed"`
	Reason       string         `json:"reason"`
	Author       avenir.ID      `json:"author"`
	AuthorName   string         `json:"author_name"`
	State        AmendmentState `json:"state"`
	Answer       string         `json:"answer,omitempty"` // the reason of a rejection
	AnsweredBy   avenir.ID      `json:"answered_by,omitzero"`
	AnsweredAt   time.Time      `json:"answered_at,omitzero"`
	Version      int            `json:"version,omitempty"` // the version an acceptance made
	Supports     int            `json:"supports"`
	CreatedAt    time.Time      `json:"created_at"`
}

// Diff is the amendment shown against the section it changes.
func (a Amendment) Diff() []Chunk { return Diff(a.Original, a.Proposed) }

// AmendmentInput proposes an amendment.
type AmendmentInput struct {
	Section  avenir.ID `json:"section"`
	Proposed string    `json:"proposed"`
	Reason   string    `json:"reason"`
}

// Amend proposes an amendment to one section of a contribution (in the
// amendments phase) or of a draft motion (in the synthesis phase).
func (s *Service) Amend(ctx context.Context, actor avenir.Actor, textID avenir.ID, in AmendmentInput) (Amendment, error) {
	c, t, err := s.loadText(ctx, actor, textID)
	if err != nil {
		return Amendment{}, err
	}
	act := ActAmendText
	if t.Kind == KindMotion {
		act = ActAmendMotion
	}
	if err := mayAct(actor, c, act); err != nil {
		return Amendment{}, err
	}
	if t.Published > 0 {
		return Amendment{}, avenir.Errorf(avenir.CodeConflict, "This motion is published and can no longer change.")
	}
	i := slices.IndexFunc(t.Sections, func(sec Section) bool { return sec.ID == in.Section })
	if i < 0 {
		return Amendment{}, avenir.FieldError("section", "Choose a section of the text.")
	}
	in.Proposed, in.Reason = text.Clean(in.Proposed), text.Clean(in.Reason)
	if err := checkLen("proposed", in.Proposed, MaxSection, true); err != nil {
		return Amendment{}, err
	}
	if err := checkLen("reason", in.Reason, MaxReason, true); err != nil {
		return Amendment{}, err
	}
	if in.Proposed == t.Sections[i].Body {
		return Amendment{}, avenir.FieldError("proposed", "The amendment changes nothing.")
	}
	a := Amendment{ID: avenir.NewID(), Consultation: c.ID, Text: t.ID, Section: in.Section, BaseVersion: t.Version,
		Original: t.Sections[i].Body, Proposed: in.Proposed, Reason: in.Reason, Author: actor.ID,
		State: AmendmentProposed, CreatedAt: s.now()}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateAmendment(ctx, a); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("consultation.amendment_proposed", actor.ID, a.ID, c.Audience,
			map[string]any{"text": t.ID, "section": a.Section}))
	})
	if err != nil {
		return Amendment{}, err
	}
	return s.store.Amendment(ctx, a.ID)
}

// Amendment returns an amendment the actor may read.
func (s *Service) Amendment(ctx context.Context, actor avenir.Actor, id avenir.ID) (Amendment, error) {
	a, err := s.store.Amendment(ctx, id)
	if err != nil {
		return Amendment{}, err
	}
	if _, err := s.Get(ctx, actor, a.Consultation); err != nil {
		return Amendment{}, err
	}
	return a, nil
}

// Amendments lists a text's amendments, oldest first.
func (s *Service) Amendments(ctx context.Context, actor avenir.Actor, textID avenir.ID) ([]Amendment, error) {
	if _, _, err := s.loadText(ctx, actor, textID); err != nil {
		return nil, err
	}
	return s.store.Amendments(ctx, textID)
}

// Answer is the answer to an amendment.
type Answer struct {
	State  AmendmentState `json:"state"`  // accepted, rejected or merged
	Reason string         `json:"reason"` // required to reject
}

// AnswerAmendment accepts (a new version of the target, with the section
// replaced), rejects with a reason, or marks merged by hand an amendment.
// The target's authors answer for a contribution, the drafting group for a
// motion.
func (s *Service) AnswerAmendment(ctx context.Context, actor avenir.Actor, id avenir.ID, ans Answer) (Amendment, error) {
	a, err := s.Amendment(ctx, actor, id)
	if err != nil {
		return Amendment{}, err
	}
	c, t, err := s.loadText(ctx, actor, a.Text)
	if err != nil {
		return Amendment{}, err
	}
	if err := mayAct(actor, c, ActAnswerAmendment); err != nil {
		return Amendment{}, err
	}
	ans.Reason = text.Clean(ans.Reason)
	switch ans.State {
	case AmendmentAccepted, AmendmentMerged:
	case AmendmentRejected:
		if err := checkLen("reason", ans.Reason, MaxReason, true); err != nil {
			return Amendment{}, err
		}
	default:
		return Amendment{}, avenir.FieldError("state", "The answer %q is not known.", string(ans.State))
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if t.Kind == KindMotion {
			if !CanDraft(actor, c) {
				return avenir.ErrForbidden
			}
		} else if ok, err := s.isAuthor(ctx, t.ID, actor.ID); err != nil || !ok {
			return orForbidden(err)
		}
		a.State, a.Answer, a.AnsweredBy, a.AnsweredAt = ans.State, ans.Reason, actor.ID, s.now()
		if ans.State == AmendmentAccepted {
			cur, err := s.store.Text(ctx, t.ID)
			if err != nil {
				return err
			}
			secs := slices.Clone(cur.Sections)
			i := slices.IndexFunc(secs, func(sec Section) bool { return sec.ID == a.Section })
			if i < 0 {
				return avenir.Errorf(avenir.CodeConflict, "The section this amendment changes no longer exists.")
			}
			secs[i].Body, secs[i].HTML = a.Proposed, text.Markdown(a.Proposed)
			if a.Version, err = s.newVersion(ctx, actor, t.ID, cur.Title, cur.Summary, secs, a.ID, ""); err != nil {
				return err
			}
		}
		ok, err := s.store.AnswerAmendment(ctx, a)
		if err != nil {
			return err
		}
		if !ok {
			return avenir.Errorf(avenir.CodeConflict, "This amendment was already answered.")
		}
		return s.store.Record(ctx, s.event("consultation.amendment_answered", actor.ID, a.ID, c.Audience,
			map[string]any{"state": a.State, "text": t.ID}))
	})
	if err != nil {
		return Amendment{}, err
	}
	return s.store.Amendment(ctx, id)
}

package consultation

import (
	"context"

	"github.com/avenirnet/avenir"
)

// Compose starts a motion: the drafting group writes its sections, each
// citing the contributions and amendments of this consultation it draws
// from.
func (s *Service) Compose(ctx context.Context, actor avenir.Actor, consultationID avenir.ID, d Draft) (Text, error) {
	c, err := s.Get(ctx, actor, consultationID)
	if err != nil {
		return Text{}, err
	}
	secs, err := s.motionSections(ctx, actor, c, &d)
	if err != nil {
		return Text{}, err
	}
	return s.createText(ctx, actor, c, KindMotion, d, secs)
}

// Redraft writes a new version of a draft motion.
func (s *Service) Redraft(ctx context.Context, actor avenir.Actor, motionID avenir.ID, d Draft) (Text, error) {
	c, t, err := s.loadText(ctx, actor, motionID)
	if err != nil {
		return Text{}, err
	}
	if t.Kind != KindMotion {
		return Text{}, avenir.ErrNotFound
	}
	secs, err := s.motionSections(ctx, actor, c, &d)
	if err != nil {
		return Text{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		_, err := s.newVersion(ctx, actor, t.ID, d.Title, d.Summary, secs, avenir.ID{}, d.Note)
		return err
	})
	if err != nil {
		return Text{}, err
	}
	return s.store.Text(ctx, t.ID)
}

// Publish freezes a motion's latest version: it is what members vote on.
func (s *Service) Publish(ctx context.Context, actor avenir.Actor, motionID avenir.ID) (Text, error) {
	c, t, err := s.loadText(ctx, actor, motionID)
	if err != nil {
		return Text{}, err
	}
	if t.Kind != KindMotion {
		return Text{}, avenir.ErrNotFound
	}
	if !CanDraft(actor, c) {
		return Text{}, avenir.ErrForbidden
	}
	if !Allowed(c.Phase, ActPublish) {
		return Text{}, errPhase
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.LockText(ctx, t.ID)
		if err != nil {
			return err
		}
		if cur.Published > 0 {
			return avenir.Errorf(avenir.CodeConflict, "This motion is published and can no longer change.")
		}
		if err := s.store.Publish(ctx, t.ID, cur.Version); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("consultation.motion_published", actor.ID, t.ID, c.Audience,
			map[string]any{"consultation": c.ID, "version": cur.Version}))
	})
	if err != nil {
		return Text{}, err
	}
	return s.store.Text(ctx, t.ID)
}

// motionSections checks that the actor may write c's motion now and
// returns the draft's sections, their sources checked.
func (s *Service) motionSections(ctx context.Context, actor avenir.Actor, c Consultation, d *Draft) ([]Section, error) {
	if err := s.mayCompose(actor, c); err != nil {
		return nil, err
	}
	secs, err := d.sections(true)
	if err != nil {
		return nil, err
	}
	return secs, s.checkSources(ctx, c, secs)
}

func (s *Service) mayCompose(actor avenir.Actor, c Consultation) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !CanDraft(actor, c) {
		return avenir.ErrForbidden
	}
	if !Allowed(c.Phase, ActCompose) {
		return errPhase
	}
	return nil
}

// checkSources checks that every source is a contribution or an amendment
// of the consultation; the schema holds the same rule.
func (s *Service) checkSources(ctx context.Context, c Consultation, secs []Section) error {
	for _, sec := range secs {
		for _, src := range sec.Sources {
			var owner avenir.ID
			switch src.Kind {
			case SourceContribution:
				t, err := s.store.Text(ctx, src.ID)
				if err != nil || t.Kind != KindContribution {
					return avenir.FieldError("sources", "A source is not a contribution or an amendment of this consultation.")
				}
				owner = t.Consultation
			case SourceAmendment:
				a, err := s.store.Amendment(ctx, src.ID)
				if err != nil {
					return avenir.FieldError("sources", "A source is not a contribution or an amendment of this consultation.")
				}
				owner = a.Consultation
			}
			if owner != c.ID {
				return avenir.FieldError("sources", "A source is not a contribution or an amendment of this consultation.")
			}
		}
	}
	return nil
}

package consultation

import (
	"context"

	"github.com/avenirnet/avenir"
)

// ErrSupportLimit is the conflict of a member who already supports as many
// items as the limit allows.
var ErrSupportLimit = avenir.Errorf(avenir.CodeConflict, "You already support as many proposals as allowed (%d).")

// Support records the actor's support of a contribution or an amendment,
// during the supports phase, within the per-member limit.
func (s *Service) Support(ctx context.Context, actor avenir.Actor, item avenir.ID) error {
	c, err := s.item(ctx, actor, item)
	if err != nil {
		return err
	}
	if err := mayAct(actor, c, ActSupport); err != nil {
		return err
	}
	err = s.store.AddSupport(ctx, c.ID, item, actor.ID, s.cfg.SupportLimit, s.now())
	switch {
	case avenir.IsCode(err, avenir.CodeConflict) && errorKey(err) == ErrSupportLimit.Key:
		return avenir.Errorf(avenir.CodeConflict, ErrSupportLimit.Key, s.cfg.SupportLimit)
	case avenir.IsCode(err, avenir.CodeConflict):
		return avenir.Errorf(avenir.CodeConflict, "You already support this.")
	}
	return err
}

// Withdraw withdraws the actor's support, until the supports phase ends.
func (s *Service) Withdraw(ctx context.Context, actor avenir.Actor, item avenir.ID) error {
	c, err := s.item(ctx, actor, item)
	if err != nil {
		return err
	}
	if err := mayAct(actor, c, ActSupport); err != nil {
		return err
	}
	ok, err := s.store.RemoveSupport(ctx, c.ID, item, actor.ID)
	if err == nil && !ok {
		return avenir.Errorf(avenir.CodeConflict, "You do not support this.")
	}
	return err
}

// Supported lists the items the actor supports in a consultation.
func (s *Service) Supported(ctx context.Context, actor avenir.Actor, consultationID avenir.ID) ([]avenir.ID, error) {
	if _, err := s.Get(ctx, actor, consultationID); err != nil {
		return nil, err
	}
	return s.store.Supported(ctx, consultationID, actor.ID)
}

// item returns the consultation of a contribution or an amendment the
// actor may read. Motions are voted on, not supported.
func (s *Service) item(ctx context.Context, actor avenir.Actor, id avenir.ID) (Consultation, error) {
	if t, err := s.store.Text(ctx, id); err == nil {
		if t.Kind != KindContribution {
			return Consultation{}, avenir.ErrNotFound
		}
		return s.Get(ctx, actor, t.Consultation)
	} else if !avenir.IsCode(err, avenir.CodeNotFound) {
		return Consultation{}, err
	}
	a, err := s.store.Amendment(ctx, id)
	if err != nil {
		return Consultation{}, err
	}
	return s.Get(ctx, actor, a.Consultation)
}

func errorKey(err error) string {
	var e *avenir.Error
	for err != nil {
		if x, ok := err.(*avenir.Error); ok {
			e = x
			break
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			break
		}
		err = u.Unwrap()
	}
	if e == nil {
		return ""
	}
	return e.Key
}

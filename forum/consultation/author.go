package consultation

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
)

// Author is an author of a contribution: the one who submitted it, or a
// co-author who accepted the invitation (Accepted false: invited only).
type Author struct {
	Text     avenir.ID `json:"text"`
	Member   avenir.ID `json:"member"`
	Name     string    `json:"name"`
	Accepted bool      `json:"accepted"`
	At       time.Time `json:"at"`
}

// Invite invites a member as co-author of a contribution; an author of it
// may. The invited member accepts with Accept.
func (s *Service) Invite(ctx context.Context, actor avenir.Actor, textID, member avenir.ID) error {
	c, t, err := s.loadText(ctx, actor, textID)
	if err != nil {
		return err
	}
	if t.Kind != KindContribution {
		return avenir.ErrNotFound
	}
	if err := mayAct(actor, c, ActInviteCoauthor); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if ok, err := s.isAuthor(ctx, t.ID, actor.ID); err != nil || !ok {
			return orForbidden(err)
		}
		err := s.store.AddAuthor(ctx, Author{Text: t.ID, Member: member, At: s.now()})
		if avenir.IsCode(err, avenir.CodeConflict) {
			return avenir.FieldError("member", "This member is already an author or invited.")
		}
		if err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("consultation.coauthor_invited", actor.ID, t.ID, c.Audience,
			map[string]any{"member": member}))
	})
}

// Accept accepts the actor's invitation to co-author a contribution.
func (s *Service) Accept(ctx context.Context, actor avenir.Actor, textID avenir.ID) error {
	c, t, err := s.loadText(ctx, actor, textID)
	if err != nil {
		return err
	}
	if err := mayAct(actor, c, ActInviteCoauthor); err != nil {
		return err
	}
	ok, err := s.store.AcceptAuthor(ctx, t.ID, actor.ID, s.now())
	if err != nil {
		return err
	}
	if !ok {
		return avenir.Errorf(avenir.CodeConflict, "You have no invitation to accept.")
	}
	return nil
}

// Authors lists a contribution's authors and pending invitations.
func (s *Service) Authors(ctx context.Context, actor avenir.Actor, textID avenir.ID) ([]Author, error) {
	if _, _, err := s.loadText(ctx, actor, textID); err != nil {
		return nil, err
	}
	return s.store.Authors(ctx, textID)
}

func (s *Service) isAuthor(ctx context.Context, textID, member avenir.ID) (bool, error) {
	as, err := s.store.Authors(ctx, textID)
	if err != nil {
		return false, err
	}
	for _, a := range as {
		if a.Member == member && a.Accepted {
			return true, nil
		}
	}
	return false, nil
}

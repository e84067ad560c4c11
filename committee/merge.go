package committee

import (
	"context"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Merge folds a committee into another and archives it, in one
// transaction: its members are transferred (each move recorded in their
// history with the reason), its followers follow the target, its events
// and the committees below it move to the target, and the source is
// archived with MergedInto set, so that its page can point to the target.
//
// Two committees of the same kind merge their territories (two local
// committees become one covering the communes of both), which must then lie
// within the target's parent. A committee merged into one of another kind
// (a local committee into its federation) must lie within the target's
// territory. The actor must be able to restructure the source (an animator
// of its parent) and lead the target.
func (s *Service) Merge(ctx context.Context, actor avenir.Actor, source, target avenir.ID, reason string) (Committee, error) {
	if actor.IsAnonymous() {
		return Committee{}, avenir.ErrUnauthenticated
	}
	reason = text.Clean(reason)
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return Committee{}, avenir.FieldError("reason", "The reason must be at most %d characters.", MaxReasonLen)
	}
	if source == target {
		return Committee{}, avenir.FieldError("target", "A committee cannot be merged into itself.")
	}
	var out Committee
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		src, err := s.store.CommitteeForUpdate(ctx, source)
		if err != nil {
			return err
		}
		dst, err := s.store.CommitteeForUpdate(ctx, target)
		if err != nil {
			return notFoundAs(err, avenir.FieldError("target", "The committee to merge into does not exist."))
		}
		if !CanRestructure(actor, src.Kind, src.Parent) || !CanAnimate(actor, dst.ID) {
			return avenir.ErrForbidden
		}
		if src.Kind == National {
			return avenir.Errorf(avenir.CodeConflict, "The national committee cannot be merged.")
		}
		for _, c := range []Committee{src, dst} {
			if !c.Active() {
				return avenir.Errorf(avenir.CodeConflict, "The committee %q is archived.", c.Name)
			}
		}
		if err := s.checkNotBelow(ctx, src, dst.ID); err != nil {
			return avenir.FieldError("target", "A committee cannot be merged into a committee below it.")
		}
		now := s.now()
		if src.Kind == dst.Kind {
			dst.Territory = dst.Territory.union(src.Territory)
			if err := dst.Territory.validate(dst.Kind); err != nil {
				return err
			}
			if dst.Kind != National {
				parent, err := s.store.Committee(ctx, dst.Parent)
				if err != nil {
					return err
				}
				if err := checkPlace(dst.Kind, dst.Territory, parent); err != nil {
					return err
				}
			}
		} else if err := checkPlace(src.Kind, src.Territory, dst); err != nil {
			return err
		}
		dst.UpdatedAt = now
		if err := s.store.UpdateCommittee(ctx, dst); err != nil {
			return err
		}

		// The committees below move to the target, and must fit in it.
		children, err := s.store.Committees(ctx, Filter{Parent: src.ID})
		if err != nil {
			return err
		}
		for _, child := range children {
			if err := checkPlace(child.Kind, child.Territory, dst); err != nil {
				return childError(child, err)
			}
			child.Parent, child.UpdatedAt = dst.ID, now
			if err := s.store.UpdateCommittee(ctx, child); err != nil {
				return err
			}
		}

		// Members: each open affiliation ends and a new one starts in the
		// target, as a transfer with the reason.
		if reason == "" {
			reason = "merge"
		}
		open, err := s.store.CommitteeAffiliations(ctx, src.ID)
		if err != nil {
			return err
		}
		ended := make([]avenir.ID, len(open))
		moved := make([]Affiliation, len(open))
		events := make([]avenir.Event, 0, len(open)+1)
		for i, a := range open {
			ended[i] = a.ID
			moved[i] = Affiliation{ID: avenir.NewID(), Member: a.Member, Committee: dst.ID, From: src.ID, StartedAt: now, By: actor.ID, Reason: reason}
			events = append(events, s.affiliationEvent(moved[i]))
		}
		if err := s.store.EndAffiliations(ctx, now, ended...); err != nil {
			return err
		}
		if err := s.store.AddAffiliation(ctx, moved...); err != nil {
			return err
		}
		if err := s.store.MoveFollows(ctx, src.ID, dst.ID); err != nil {
			return err
		}
		if err := s.store.MoveEvents(ctx, src.ID, dst.ID); err != nil {
			return err
		}

		src.ArchivedAt, src.MergedInto, src.UpdatedAt = now, dst.ID, now
		if err := s.store.UpdateCommittee(ctx, src); err != nil {
			return err
		}
		out = dst
		events = append(events, s.committeeEvent("committee.merged", actor, src, map[string]any{"into": dst.ID, "members": len(open)}))
		return s.store.Record(ctx, events...)
	})
	return out, err
}

// checkEmpty refuses to archive a committee that members still belong to.
func (s *Service) checkEmpty(ctx context.Context, c Committee) error {
	open, err := s.store.CommitteeAffiliations(ctx, c.ID)
	if err != nil {
		return err
	}
	if len(open) > 0 {
		return avenir.Errorf(avenir.CodeConflict, "Members still belong to the committee %q: transfer them, or merge it.", c.Name)
	}
	return nil
}

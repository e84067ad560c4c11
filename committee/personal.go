package committee

import (
	"context"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// The committee package holds personal data: a member's committees (party
// membership is special-category data, GDPR art. 9), the committees they
// follow, their answers to events. Service implements
// membership.PersonalData, so that a member's export and erasure include
// them.
var _ membership.PersonalData = (*Service)(nil)

// Section names the package's part of an export.
func (s *Service) Section() string { return "committee" }

// MemberData is what the package holds about a member.
type MemberData struct {
	Affiliations []Affiliation `json:"affiliations"`
	Following    []avenir.ID   `json:"following"`
	RSVPs        []RSVP        `json:"rsvps"`
}

// ExportMember returns what the package holds about a member.
func (s *Service) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	var (
		d   MemberData
		err error
	)
	if d.Affiliations, err = s.store.Affiliations(ctx, member); err != nil {
		return nil, err
	}
	if d.Following, err = s.store.Followed(ctx, member); err != nil {
		return nil, err
	}
	if d.RSVPs, err = s.store.MemberRSVPs(ctx, member); err != nil {
		return nil, err
	}
	return d, nil
}

// EraseMember removes what the package holds about a member, inside the
// erasure's transaction: a place they held at an event to come goes to the
// next in line, their answers and follows are deleted, and
// their affiliations end and lose their reasons (the periods stay, naming
// only the tombstone's ID, so that committee counts of the past hold).
func (s *Service) EraseMember(ctx context.Context, member avenir.ID) error {
	rsvps, err := s.store.MemberRSVPs(ctx, member)
	if err != nil {
		return err
	}
	now := s.now()
	for _, r := range rsvps {
		if r.Status != StatusGoing {
			continue
		}
		e, err := s.store.LockEvent(ctx, r.Event)
		if err != nil {
			return err
		}
		if e.Over(now) || e.Cancelled() {
			continue
		}
		e.Going--
		r.Status, r.UpdatedAt = StatusDeclined, now
		if err := s.store.PutRSVP(ctx, r); err != nil {
			return err
		}
		if err := s.store.UpdateEvent(ctx, e); err != nil {
			return err
		}
		// The erasure's transaction may yet roll back: no mail is sent
		// from inside it; the promoted person sees their place on the
		// event's page and in the outbox's event.
		if _, err := s.promote(ctx, &e); err != nil {
			return err
		}
	}
	return s.store.EraseMember(ctx, member, now)
}

package solidarity

import (
	"context"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// The solidarity package holds personal data: the actions a member wrote
// (a request for help may tell much about a person) and the actions they
// volunteered for. Service implements membership.PersonalData, so that a
// member's export and erasure include them.
var _ membership.PersonalData = (*Service)(nil)

// Section names the package's part of an export.
func (s *Service) Section() string { return "solidarity" }

// MemberData is what the package holds about a member.
type MemberData struct {
	Actions    []Action    `json:"actions"`
	Volunteers []Volunteer `json:"volunteering"`
}

// ExportMember returns what the package holds about a member.
func (s *Service) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	var d MemberData
	var err error
	if d.Actions, err = s.authored(ctx, member); err != nil {
		return nil, err
	}
	if d.Volunteers, err = s.store.MemberVolunteering(ctx, member); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Service) authored(ctx context.Context, member avenir.ID) ([]Action, error) {
	out := []Action{}
	f := Filter{Author: member, Visibility: avenir.Visibility{All: true}, Limit: 500}
	for {
		rows, err := s.store.Actions(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
		if len(rows) < f.Limit {
			return out, nil
		}
		f.AfterID = rows[len(rows)-1].ID
	}
}

// EraseMember removes a member's personal data from the package, inside
// the erasure's transaction: their sign-ups go (an accepted one frees its
// place, without promoting anyone: the organiser decides), and the actions
// they wrote that are not over are cancelled and emptied of what they
// wrote; completed actions keep their impact figures, with their text
// emptied, so that the aggregates stay true.
func (s *Service) EraseMember(ctx context.Context, member avenir.ID) error {
	mine, err := s.store.MemberVolunteering(ctx, member)
	if err != nil {
		return err
	}
	for _, v := range mine {
		if v.Status != Accepted {
			continue
		}
		a, err := s.store.LockAction(ctx, v.Action)
		if err != nil {
			return err
		}
		a.accept(v.Shift, -1)
		if err := s.store.UpdateAction(ctx, a); err != nil {
			return err
		}
	}
	if err := s.store.DeleteMemberVolunteering(ctx, member); err != nil {
		return err
	}
	authored, err := s.authored(ctx, member)
	if err != nil {
		return err
	}
	for _, a := range authored {
		if !a.Status.Final() && a.Status != StatusRejected {
			a.Status = StatusCancelled
		}
		a.Title, a.Description, a.DescriptionHTML, a.Reason = "—", "", "", ""
		if a.Impact != nil {
			a.Impact.Report = ""
		}
		a.UpdatedAt = s.now()
		if err := s.store.UpdateAction(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

package web

import (
	"context"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
)

// newSolidarity builds the solidarity service: acceptances are mailed
// through the server's mailer, and the submissions of animators and
// moderators publish at once.
func (s *Server) newSolidarity() *solidarity.Service {
	return solidarity.NewService(s.db.Solidarity(), solidarity.Config{
		Members: s.members, Committees: s.committees, Clock: s.opts.Clock, Mailer: s.mailer,
		TrustedPublishDirectly: true,
	})
}

// Solidarity returns the solidarity service (for seeding demo data).
func (s *Server) Solidarity() *solidarity.Service { return s.solidarity }

// latePart lets the membership service, built first, reach a part of the
// network built after it that holds personal data (export, erasure).
type latePart struct {
	get func() membership.PersonalData
}

func (l latePart) Section() string { return l.get().Section() }
func (l latePart) ExportMember(ctx context.Context, id avenir.ID) (any, error) {
	return l.get().ExportMember(ctx, id)
}
func (l latePart) EraseMember(ctx context.Context, id avenir.ID) error {
	return l.get().EraseMember(ctx, id)
}

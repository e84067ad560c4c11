package consultation

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Consultations hold personal data: the texts and amendments a member
// wrote, their co-authorships and invitations, and what they support (an
// opinion). How they voted is not theirs to export nor anyone's to read:
// ballots name no one (see vote.go). Service implements
// membership.PersonalData, so that a member's export and erasure include
// them.
var _ membership.PersonalData = (*Service)(nil)

// Section names the package's part of an export.
func (s *Service) Section() string { return "consultation" }

// MemberData is what consultations hold about a member.
type MemberData struct {
	Texts      []Text      `json:"texts"`      // the contributions and motions they submitted, in their latest version
	Authorship []Author    `json:"authorship"` // the texts they co-author or are invited to
	Amendments []Amendment `json:"amendments"`
	Supports   []Support   `json:"supports"`
}

// Support is a member's support of a contribution or an amendment.
type Support struct {
	Consultation avenir.ID `json:"consultation"`
	Item         avenir.ID `json:"item"`
	At           time.Time `json:"at"`
}

// MemberRecords are the rows that name a member, as the store lists them.
type MemberRecords struct {
	Texts      []avenir.ID // submitted by them, oldest first
	Authorship []Author
	Amendments []avenir.ID // written by them, oldest first
	Supports   []Support
}

// ExportMember returns what consultations hold about a member.
func (s *Service) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	r, err := s.store.MemberRecords(ctx, member)
	if err != nil {
		return nil, err
	}
	d := MemberData{Texts: []Text{}, Authorship: r.Authorship, Amendments: []Amendment{}, Supports: r.Supports}
	for _, id := range r.Texts {
		t, err := s.store.Text(ctx, id)
		if err != nil {
			return nil, err
		}
		d.Texts = append(d.Texts, t)
	}
	for _, id := range r.Amendments {
		a, err := s.store.Amendment(ctx, id)
		if err != nil {
			return nil, err
		}
		d.Amendments = append(d.Amendments, a)
	}
	return d, nil
}

// EraseMember removes a member's personal data from consultations, inside
// the erasure's transaction. Their texts and amendments are contributions
// to a public deliberation, and a motion cites them as its sources: they
// stay, shown as a former member's. Their invitations not yet accepted go.
// Their supports go while the consultation has not passed its supports
// phase (the counts follow, as if they had withdrawn them); once it has,
// the supports stay, naming only the tombstone, so that the figures the
// drafting group worked from and the published statistics stay true.
// Ballots never named them; the list of voters keeps the tombstone, so that
// turnout stays true.
func (s *Service) EraseMember(ctx context.Context, member avenir.ID) error {
	r, err := s.store.MemberRecords(ctx, member)
	if err != nil {
		return err
	}
	now := s.now()
	phases := map[avenir.ID]Phase{}
	for _, sup := range r.Supports {
		phase, ok := phases[sup.Consultation]
		if !ok {
			c, err := s.store.Consultation(ctx, sup.Consultation)
			if err != nil {
				return err
			}
			phase = c.Schedule.PhaseAt(now, c.Floor)
			phases[sup.Consultation] = phase
		}
		if phase.After(PhaseSupports) {
			continue
		}
		if _, err := s.store.RemoveSupport(ctx, sup.Consultation, sup.Item, member); err != nil {
			return err
		}
	}
	return s.store.RemoveInvitations(ctx, member)
}

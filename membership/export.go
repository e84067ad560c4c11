package membership

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
)

// PersonalData is implemented by every part of a network that holds personal
// data about members (forums, committees, solidarity, …), so that one call
// exports or erases a member everywhere (GDPR art. 15, 20 and 17). The
// network package gives a Service the others in Config.PersonalData.
type PersonalData interface {
	// Section names the part in an export: "forum", "committee".
	Section() string
	// ExportMember returns what the part holds about the member, as a value
	// that encodes to JSON.
	ExportMember(ctx context.Context, member avenir.ID) (any, error)
	// EraseMember removes the member's personal data from the part. It runs
	// inside the erasure's transaction (carried in ctx): if any part fails,
	// nothing is erased anywhere.
	EraseMember(ctx context.Context, member avenir.ID) error
}

// Export is everything a network holds about one member, as one JSON document
// (GDPR art. 15 right of access and art. 20 portability).
type Export struct {
	GeneratedAt time.Time      `json:"generated_at"`
	Member      Member         `json:"member"`
	History     []Transition   `json:"status_history"`
	Payments    []Payment      `json:"payments"`
	Grants      []Grant        `json:"roles"`
	Consents    []Consent      `json:"consents"`
	Accesses    []Access       `json:"accesses"`   // who looked at the member's data
	APITokens   []APIToken     `json:"api_tokens"` // names, scopes and dates; never a secret
	Sections    map[string]any `json:"sections,omitempty"`
}

// Export returns everything held about a member, for the member themself or
// an admin. An admin's export of someone else's data is audited.
func (s *Service) Export(ctx context.Context, actor avenir.Actor, id avenir.ID) (Export, error) {
	if actor.ID != id && !actor.IsAdmin() {
		return Export{}, avenir.ErrNotFound
	}
	var x Export
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.store.Member(ctx, id)
		if err != nil {
			return err
		}
		x = Export{GeneratedAt: s.now(), Member: m}
		if x.History, err = s.store.Transitions(ctx, id); err != nil {
			return err
		}
		if x.Payments, err = s.store.Payments(ctx, id); err != nil {
			return err
		}
		if x.Grants, err = s.store.Grants(ctx, id); err != nil {
			return err
		}
		if x.Consents, err = s.store.Consents(ctx, id); err != nil {
			return err
		}
		if x.Accesses, err = s.store.Accesses(ctx, id); err != nil {
			return err
		}
		if x.APITokens, err = s.store.APITokens(ctx, id); err != nil {
			return err
		}
		for _, part := range s.cfg.PersonalData {
			data, err := part.ExportMember(ctx, id)
			if err != nil {
				return err
			}
			if x.Sections == nil {
				x.Sections = map[string]any{}
			}
			x.Sections[part.Section()] = data
		}
		if actor.ID != id {
			return s.audit(ctx, actor, "export", id)
		}
		return nil
	})
	return x, err
}

// RecordAccess records, in one write, that viewer saw the personal data of
// the members, for what ("committee": a committee's member list). The other
// parts of a network that show members' contact details call it, so that a
// member's export lists every access (GDPR art. 5(2), accountability).
func (s *Service) RecordAccess(ctx context.Context, viewer avenir.Actor, what string, members ...avenir.ID) error {
	return s.audit(ctx, viewer, what, members...)
}

// audit records that viewer looked at members' personal data, in one write.
func (s *Service) audit(ctx context.Context, viewer avenir.Actor, what string, members ...avenir.ID) error {
	if len(members) == 0 {
		return nil
	}
	now := s.now()
	accesses := make([]Access, len(members))
	for i, m := range members {
		accesses[i] = Access{ID: avenir.NewID(), Viewer: viewer.ID, Member: m, What: what, At: now}
	}
	return s.store.AddAccess(ctx, accesses...)
}

// Erasure is the proof that a member's personal data was erased: who asked,
// when. It names the member only by ID.
type Erasure struct {
	ID          avenir.ID `json:"id"`
	Member      avenir.ID `json:"member"`
	RequestedBy avenir.ID `json:"requested_by"`
	At          time.Time `json:"at"`
}

// Erase removes every personal field of a member, in membership and in every
// part of Config.PersonalData, in one transaction (GDPR art. 17). The member
// row stays as a tombstone with no personal data, so that what they wrote
// keeps a valid author ("former member"); payments keep their amounts and
// dates (accounting law requires them) but lose their free-text reference;
// sessions, links and the password go; a proof of erasure is kept. The member
// themself or an admin may erase; it cannot be undone.
func (s *Service) Erase(ctx context.Context, actor avenir.Actor, id avenir.ID) (Erasure, error) {
	if actor.ID != id && !actor.IsAdmin() {
		return Erasure{}, avenir.ErrNotFound
	}
	proof := Erasure{ID: avenir.NewID(), Member: id, RequestedBy: actor.ID, At: s.now()}
	_, err := s.update(ctx, id, func(ctx context.Context, m *Member) error {
		email := m.Email
		if err := s.move(ctx, m, avenir.StatusErased, actor.ID, ""); err != nil {
			return err
		}
		*m = Member{
			ID: m.ID, Status: avenir.StatusErased, Tier: m.Tier, JoinedAt: m.JoinedAt, ExpiresAt: m.ExpiresAt,
			CreatedAt: m.CreatedAt, UpdatedAt: s.now(),
			Profile: Profile{Visibility: Visibility{}},
		}
		if err := s.store.UpdateMember(ctx, *m); err != nil {
			return err
		}
		if err := s.store.ErasePersonalData(ctx, id, throttleKey("account", email), throttleKey("link", email), throttleKey("notice", email)); err != nil {
			return err
		}
		for _, part := range s.cfg.PersonalData {
			if err := part.EraseMember(ctx, id); err != nil {
				return err
			}
		}
		return s.store.AddErasure(ctx, proof)
	})
	if err != nil {
		return Erasure{}, err
	}
	return proof, nil
}

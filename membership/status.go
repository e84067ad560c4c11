package membership

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// move changes the status of m, which the caller read for update inside a
// transaction, and records the transition and its event.
func (s *Service) move(ctx context.Context, m *Member, to avenir.Status, actor avenir.ID, reason string) error {
	if err := checkTransition(m.Status, to); err != nil {
		return err
	}
	now := s.now()
	t := Transition{ID: avenir.NewID(), Member: m.ID, From: m.Status, To: to, Actor: actor, Reason: reason, At: now}
	m.Status, m.UpdatedAt = to, now
	if m.JoinedAt.IsZero() && (to == avenir.StatusApplicant || to == avenir.StatusActive) {
		m.JoinedAt = now
	}
	if to != avenir.StatusSuspended {
		m.SuspendedUntil = time.Time{}
	}
	if err := s.store.UpdateMember(ctx, *m); err != nil {
		return err
	}
	if err := s.store.AddTransition(ctx, t); err != nil {
		return err
	}
	return s.store.Record(ctx, s.event("member.status_changed", actor, m.ID, map[string]avenir.Status{"from": t.From, "to": to}))
}

// update reads member id for update in a transaction, runs fn on it, and
// returns the member as fn left it.
func (s *Service) update(ctx context.Context, id avenir.ID, fn func(ctx context.Context, m *Member) error) (Member, error) {
	var out Member
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.store.MemberForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(ctx, &m); err != nil {
			return err
		}
		out = m
		return nil
	})
	return out, err
}

// Join makes a supporter (or a former member) an applicant: they asked to
// become a member and await payment or approval.
func (s *Service) Join(ctx context.Context, actor avenir.Actor) (Member, error) {
	if actor.IsAnonymous() {
		return Member{}, avenir.ErrUnauthenticated
	}
	return s.update(ctx, actor.ID, func(ctx context.Context, m *Member) error {
		return s.move(ctx, m, avenir.StatusApplicant, actor.ID, "")
	})
}

// Leave records that a member resigns. Their data stays until they, or the
// retention policy, ask for erasure.
func (s *Service) Leave(ctx context.Context, actor avenir.Actor, reason string) (Member, error) {
	if actor.IsAnonymous() {
		return Member{}, avenir.ErrUnauthenticated
	}
	reason, err := checkReason(reason, false)
	if err != nil {
		return Member{}, err
	}
	return s.update(ctx, actor.ID, func(ctx context.Context, m *Member) error {
		if err := s.move(ctx, m, avenir.StatusLeft, actor.ID, reason); err != nil {
			return err
		}
		return s.store.RevokeSessions(ctx, m.ID, s.now())
	})
}

// StatusChange is an admin's decision about a member's status.
type StatusChange struct {
	To     avenir.Status
	Reason string    // required for a suspension
	Until  time.Time // the end of a suspension; zero for none
}

// ChangeStatus applies an admin's decision. Suspending takes a reason;
// lifting a suspension returns the member to the status their dues give
// them. Erasure has its own workflow and is refused here.
func (s *Service) ChangeStatus(ctx context.Context, actor avenir.Actor, id avenir.ID, c StatusChange) (Member, error) {
	if !actor.IsAdmin() {
		return Member{}, avenir.ErrForbidden
	}
	if c.To == avenir.StatusErased {
		return Member{}, avenir.FieldError("status", "Erasure has its own workflow.")
	}
	reason, err := checkReason(c.Reason, c.To == avenir.StatusSuspended)
	if err != nil {
		return Member{}, err
	}
	if !c.Until.IsZero() && (c.To != avenir.StatusSuspended || !c.Until.After(s.now())) {
		return Member{}, avenir.FieldError("until", "An end date is for a suspension, and lies in the future.")
	}
	return s.update(ctx, id, func(ctx context.Context, m *Member) error {
		to := c.To
		if m.Status == avenir.StatusSuspended && isStanding(to) {
			// Lifting a suspension returns the member to what their dues
			// give, whatever standing the admin picked.
			to = s.standing(*m, s.now())
		}
		if err := s.move(ctx, m, to, actor.ID, reason); err != nil {
			return err
		}
		if to == avenir.StatusSuspended {
			m.SuspendedUntil = c.Until.UTC()
			if err := s.store.UpdateMember(ctx, *m); err != nil {
				return err
			}
			return s.store.RevokeSessions(ctx, m.ID, s.now())
		}
		return nil
	})
}

// isStanding reports whether a status is one the dues decide.
func isStanding(st avenir.Status) bool {
	return st == avenir.StatusSupporter || st == avenir.StatusActive || st == avenir.StatusGrace || st == avenir.StatusLapsed
}

func checkReason(reason string, required bool) (string, error) {
	reason = text.Line(reason)
	if required && reason == "" {
		return "", avenir.FieldError("reason", "A reason is required.")
	}
	if utf8.RuneCountInString(reason) > 1000 {
		return "", avenir.FieldError("reason", "The reason must be at most %d characters.", 1000)
	}
	return reason, nil
}

// RecordPayment records a membership payment and activates or renews the
// membership: the member becomes active and their membership's end moves by
// one membership year. Only admins record payments.
func (s *Service) RecordPayment(ctx context.Context, actor avenir.Actor, id avenir.ID, in PaymentInput) (Payment, error) {
	if !actor.IsAdmin() {
		return Payment{}, avenir.ErrForbidden
	}
	now := s.now()
	tier, err := in.normalize(s.cfg.Policy, now)
	if err != nil {
		return Payment{}, err
	}
	var p Payment
	_, err = s.update(ctx, id, func(ctx context.Context, m *Member) error {
		switch m.Status {
		case avenir.StatusLeft, avenir.StatusErased:
			return avenir.Errorf(avenir.CodeConflict, "A member who left must join again before paying.")
		}
		p = Payment{
			ID: avenir.NewID(), Member: m.ID, Tier: tier.Key, Amount: in.Amount, Currency: tier.Currency,
			Method: in.Method, Reference: in.Reference, PaidAt: in.PaidAt,
			Expires: s.cfg.Policy.Expiry(m.ExpiresAt, in.PaidAt), RecordedBy: actor.ID, RecordedAt: now,
		}
		if err := s.store.AddPayment(ctx, p); err != nil {
			return err
		}
		m.ExpiresAt, m.Tier = p.Expires, tier.Key
		if m.Status != avenir.StatusActive && m.Status != avenir.StatusSuspended && p.Expires.After(now) {
			if err := s.move(ctx, m, avenir.StatusActive, actor.ID, "payment"); err != nil {
				return err
			}
		} else {
			m.UpdatedAt = now
			if err := s.store.UpdateMember(ctx, *m); err != nil {
				return err
			}
		}
		return s.store.Record(ctx, s.event("member.paid", actor.ID, m.ID, map[string]any{"tier": tier.Key, "expires": p.Expires}))
	})
	return p, err
}

// Payments lists a member's payments, for the member and admins.
func (s *Service) Payments(ctx context.Context, actor avenir.Actor, id avenir.ID) ([]Payment, error) {
	if actor.ID != id && !actor.IsAdmin() {
		return nil, avenir.ErrNotFound
	}
	return s.store.Payments(ctx, id)
}

// History lists a member's status transitions, for the member and admins.
func (s *Service) History(ctx context.Context, actor avenir.Actor, id avenir.ID) ([]Transition, error) {
	if actor.ID != id && !actor.IsAdmin() {
		return nil, avenir.ErrNotFound
	}
	return s.store.Transitions(ctx, id)
}

// Sweep applies time to every membership: active members whose membership
// ended enter grace, members whose grace ended lapse, and suspensions whose
// end passed are lifted. Run it periodically (the reference server does it
// hourly); it is idempotent and safe to run on several servers at once. It
// returns how many members changed.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	now := s.now()
	steps := []struct {
		filter MemberFilter
		next   func(m Member) avenir.Status
	}{
		{MemberFilter{Statuses: []avenir.Status{avenir.StatusActive}, ExpiresBefore: now},
			func(Member) avenir.Status { return avenir.StatusGrace }},
		{MemberFilter{Statuses: []avenir.Status{avenir.StatusGrace}, ExpiresBefore: now.Add(-s.cfg.Policy.Grace)},
			func(Member) avenir.Status { return avenir.StatusLapsed }},
		{MemberFilter{Statuses: []avenir.Status{avenir.StatusSuspended}},
			func(m Member) avenir.Status { return s.standing(m, now) }},
	}
	changed := 0
	for _, step := range steps {
		f := step.filter
		f.Limit = 500
		for {
			batch, err := s.store.ListMembers(ctx, f)
			if err != nil {
				return changed, err
			}
			for _, m := range batch {
				moved := false
				_, err := s.update(ctx, m.ID, func(ctx context.Context, cur *Member) error {
					// Decide on the locked row: another server, or an admin,
					// may have changed it since the list was read.
					if cur.Status != m.Status || !due(*cur, now, s.cfg.Policy.Grace) {
						return nil
					}
					moved = true
					return s.move(ctx, cur, step.next(*cur), avenir.ID{}, "")
				})
				if err != nil {
					return changed, err
				}
				if moved {
					changed++
				}
			}
			if len(batch) < f.Limit {
				break
			}
			last := batch[len(batch)-1]
			f.AfterSortKey, f.AfterID = SortKey(last), last.ID
		}
	}
	return changed, nil
}

// due reports whether time has come for a member's status to change: the
// membership ended (active), the grace ended (grace), the suspension ended.
func due(m Member, now time.Time, grace time.Duration) bool {
	switch m.Status {
	case avenir.StatusActive:
		return !m.ExpiresAt.IsZero() && m.ExpiresAt.Before(now)
	case avenir.StatusGrace:
		return !m.ExpiresAt.IsZero() && m.ExpiresAt.Add(grace).Before(now)
	case avenir.StatusSuspended:
		return !m.SuspendedUntil.IsZero() && !m.SuspendedUntil.After(now)
	}
	return false
}

// standing is the status a member's dues give them at now.
func (s *Service) standing(m Member, now time.Time) avenir.Status {
	switch {
	case m.ExpiresAt.IsZero():
		return avenir.StatusSupporter
	case now.Before(m.ExpiresAt):
		return avenir.StatusActive
	case now.Before(m.ExpiresAt.Add(s.cfg.Policy.Grace)):
		return avenir.StatusGrace
	default:
		return avenir.StatusLapsed
	}
}

// Renewals lists, for admins, the members whose membership ends within the
// given time (for reminder mailings), or — with within zero — the members in
// grace. The list is ordered by name in French order and keyset-paginated.
func (s *Service) Renewals(ctx context.Context, actor avenir.Actor, within time.Duration, page avenir.PageRequest) (avenir.Page[Member], error) {
	now := s.now()
	f := MemberFilter{Statuses: []avenir.Status{avenir.StatusGrace}}
	if within > 0 {
		f = MemberFilter{Statuses: []avenir.Status{avenir.StatusActive}, ExpiresAfter: now, ExpiresBefore: now.Add(within)}
	}
	return s.Directory(ctx, actor, f, page)
}

const directoryCursor = "membership.directory"

// Directory lists members, filtered, in French name order, keyset-paginated:
// every member for admins; the members of their department for a
// department's referents, who see of each what members may see. Each listing
// of contact details is audited.
func (s *Service) Directory(ctx context.Context, actor avenir.Actor, f MemberFilter, page avenir.PageRequest) (avenir.Page[Member], error) {
	f.Department = strings.ToUpper(strings.TrimSpace(f.Department))
	admin := actor.IsAdmin()
	if !admin && (f.Department == "" || !actor.Has(avenir.RoleReferent, avenir.DepartmentScope(f.Department))) {
		return avenir.Page[Member]{}, avenir.ErrForbidden
	}
	if f.Department != "" {
		if s.cfg.Geography == nil {
			return avenir.Page[Member]{}, avenir.FieldError("department", "Filtering by department needs the geography.")
		}
		codes, err := s.cfg.Geography.DepartmentPostalCodes(f.Department)
		if err != nil {
			return avenir.Page[Member]{}, err
		}
		f.DepartmentPostalCodes = codes
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Member]{}, err
	}
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, directoryCursor, &f.AfterSortKey, &f.AfterID); err != nil {
			return avenir.Page[Member]{}, err
		}
	}
	f.PostalPrefix = strings.TrimSpace(f.PostalPrefix)
	f.Limit = size + 1
	var page0 avenir.Page[Member]
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		rows, err := s.store.ListMembers(ctx, f)
		if err != nil {
			return err
		}
		page0 = avenir.NewPage(rows, size, directoryCursor, func(m Member) []any { return []any{SortKey(m), m.ID} })
		var seen []avenir.ID
		for i, m := range page0.Items {
			v := m.View(actor)
			page0.Items[i] = v
			if v.Email != "" || v.Phone != "" || v.Address != (Address{}) {
				seen = append(seen, m.ID)
			}
		}
		// Contact details listed: each member's are audited, in one write.
		return s.audit(ctx, actor, "directory", seen...)
	})
	return page0, err
}

// FindByEmail returns the member with this email address, for the admins'
// forms that name a member by address (a consultation's drafting group,
// say). Anyone else, and an address of no member, get not_found: the
// answer never tells a non-admin whether an address belongs to a member.
// Each lookup that finds someone is audited as an access to their data.
func (s *Service) FindByEmail(ctx context.Context, actor avenir.Actor, email string) (Member, error) {
	if !actor.IsAdmin() {
		return Member{}, avenir.ErrNotFound
	}
	e, err := NormalizeEmail(email)
	if err != nil {
		return Member{}, err
	}
	m, err := s.store.MemberByEmail(ctx, e)
	if err != nil {
		return Member{}, err
	}
	if err := s.audit(ctx, actor, "lookup by email", m.ID); err != nil {
		return Member{}, err
	}
	return m, nil
}

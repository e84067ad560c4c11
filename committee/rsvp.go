package committee

import (
	"context"
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/text"
)

// Response is what a person answers to an event.
type Response string

// The responses.
const (
	Going    Response = "going"
	Maybe    Response = "maybe"
	Declined Response = "declined"
)

// RSVPStatus is where a person stands for an event.
type RSVPStatus string

// The RSVP statuses. Going beyond the capacity puts a person on the
// waitlist.
const (
	StatusGoing      RSVPStatus = "going"
	StatusWaitlisted RSVPStatus = "waitlisted"
	StatusMaybe      RSVPStatus = "maybe"
	StatusDeclined   RSVPStatus = "declined"
)

// RSVP is a person's answer to an event.
type RSVP struct {
	Event    avenir.ID  `json:"event"`
	Member   avenir.ID  `json:"member"`
	Status   RSVPStatus `json:"status"`
	Position int        `json:"position,omitempty"` // place in the waitlist: strictly increasing in order of arrival
	// CheckedInAt is when an animator saw the person there.
	CheckedInAt time.Time `json:"checked_in_at,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Registration is an RSVP with the person, as the registrations list shows
// them.
type Registration struct {
	RSVP
	Member membership.Member `json:"person"`
}

// RegistrationFilter selects an event's RSVPs, by the person's name in the
// directory's order (SortKey, ID), after the keyset.
type RegistrationFilter struct {
	Event        avenir.ID
	Statuses     []RSVPStatus // none: every status
	AfterSortKey string
	AfterID      avenir.ID
	Limit        int // 0: all
}

// EventStore is the part of Store about events and RSVPs.
type EventStore interface {
	// CreateEvent writes an event with its co-organisers.
	CreateEvent(ctx context.Context, e Event) error
	// UpdateEvent writes every field of an event, its co-organisers and
	// counters included.
	UpdateEvent(ctx context.Context, e Event) error
	Event(ctx context.Context, id avenir.ID) (Event, error)
	// LockEvent reads an event and holds its row lock until the
	// transaction ends, so that RSVPs to one event are applied one at a
	// time (PostgreSQL: SELECT … FOR UPDATE; SQLite's transactions take
	// the write lock when they begin).
	LockEvent(ctx context.Context, id avenir.ID) (Event, error)
	// Events lists events by the filter, visible by f.Visibility, soonest
	// first (StartsAt, ID).
	Events(ctx context.Context, f EventFilter) ([]Event, error)
	// MoveEvents makes the events organised or co-organised by a
	// committee those of another (for a merge).
	MoveEvents(ctx context.Context, from, to avenir.ID) error

	// RSVP returns a person's RSVP to an event, not_found when none.
	RSVP(ctx context.Context, event, member avenir.ID) (RSVP, error)
	// PutRSVP writes an RSVP, new or changed. Two waitlist positions of
	// one event never compare equal (a unique index).
	PutRSVP(ctx context.Context, r RSVP) error
	// Waitlist returns the first n waitlisted RSVPs of an event, in order.
	Waitlist(ctx context.Context, event avenir.ID, n int) ([]RSVP, error)
	// Registrations lists RSVPs with their people.
	Registrations(ctx context.Context, f RegistrationFilter) ([]Registration, error)
	// CountRSVPs counts an event's RSVPs by status.
	CountRSVPs(ctx context.Context, event avenir.ID) (map[RSVPStatus]int, error)
	// GoingByCommittee counts the people going to an event by their
	// primary committee; people without one are counted under the zero ID.
	GoingByCommittee(ctx context.Context, event avenir.ID) (map[avenir.ID]int, error)
	// MemberRSVPs returns a member's RSVPs, for export and erasure.
	MemberRSVPs(ctx context.Context, member avenir.ID) ([]RSVP, error)
	// MembersByID reads members, for notices.
	MembersByID(ctx context.Context, ids ...avenir.ID) ([]membership.Member, error)
}

// RSVP records the actor's answer to an event. Going takes a place while
// there is one, and otherwise a place in the waitlist, after everyone
// already in it. Leaving a place (maybe, declined) gives it to the first in
// the waitlist, who is told. Everything happens in one transaction, under
// the event's row lock, so that the capacity holds whatever the number of
// concurrent answers. An event that is over or cancelled is a conflict.
func (s *Service) RSVP(ctx context.Context, actor avenir.Actor, event avenir.ID, resp Response) (RSVP, error) {
	if !actor.Registered() {
		return RSVP{}, avenir.ErrUnauthenticated
	}
	if resp != Going && resp != Maybe && resp != Declined {
		return RSVP{}, avenir.FieldError("response", "The answer %q is not known: going, maybe or declined.", text.Truncate(string(resp), 20))
	}
	var (
		out     RSVP
		notices []notice
	)
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		notices = nil
		e, err := s.store.LockEvent(ctx, event)
		if err != nil {
			return err
		}
		if !CanSeeEvent(actor, e) {
			return avenir.ErrNotFound
		}
		now := s.now()
		if e.Cancelled() {
			return avenir.Errorf(avenir.CodeConflict, "The event was cancelled.")
		}
		if e.Over(now) {
			return avenir.Errorf(avenir.CodeConflict, "The event is over.")
		}
		r, err := s.store.RSVP(ctx, e.ID, actor.ID)
		switch {
		case avenir.IsCode(err, avenir.CodeNotFound):
			r = RSVP{Event: e.ID, Member: actor.ID, CreatedAt: now}
		case err != nil:
			return err
		}
		was := r.Status
		switch {
		case resp == Going && (was == StatusGoing || was == StatusWaitlisted):
			out = r // already in, or in line
			return nil
		case resp == Going && !e.Full():
			r.Status, r.Position = StatusGoing, 0
			e.Going++
		case resp == Going:
			e.waitlistNext++
			r.Status, r.Position = StatusWaitlisted, e.waitlistNext
		default:
			r.Status, r.Position = RSVPStatus(resp), 0
			if was == StatusGoing {
				e.Going--
			}
		}
		r.UpdatedAt = now
		if err := s.store.PutRSVP(ctx, r); err != nil {
			return err
		}
		if err := s.store.UpdateEvent(ctx, e); err != nil {
			return err
		}
		if notices, err = s.promote(ctx, &e); err != nil {
			return err
		}
		out = r
		return nil
	})
	if err != nil {
		return RSVP{}, err
	}
	s.send(ctx, notices)
	return out, nil
}

// promote gives the free places of a locked event to the first people of
// its waitlist, in order, and returns the notices to send once the
// transaction commits.
func (s *Service) promote(ctx context.Context, e *Event) ([]notice, error) {
	free := e.Capacity - e.Going
	if e.Capacity == 0 {
		free = MaxCapacity
	}
	if free <= 0 {
		return nil, nil
	}
	line, err := s.store.Waitlist(ctx, e.ID, free)
	if err != nil || len(line) == 0 {
		return nil, err
	}
	now := s.now()
	ids := make([]avenir.ID, len(line))
	events := make([]avenir.Event, len(line))
	for i, r := range line {
		r.Status, r.Position, r.UpdatedAt = StatusGoing, 0, now
		if err := s.store.PutRSVP(ctx, r); err != nil {
			return nil, err
		}
		e.Going++
		ids[i] = r.Member
		// The event's audience may learn that a place was given, not to
		// whom: who goes where is the person's to tell.
		events[i] = s.eventEvent("event.rsvp_promoted", avenir.ID{}, *e, map[string]any{"going": e.Going})
	}
	if err := s.store.UpdateEvent(ctx, *e); err != nil {
		return nil, err
	}
	if err := s.store.Record(ctx, events...); err != nil {
		return nil, err
	}
	people, err := s.store.MembersByID(ctx, ids...)
	if err != nil {
		return nil, err
	}
	notices := make([]notice, 0, len(people))
	for _, m := range people {
		notices = append(notices, s.promotedNotice(*e, m))
	}
	return notices, nil
}

// MyRSVP returns the actor's RSVP to an event, not_found when none.
func (s *Service) MyRSVP(ctx context.Context, actor avenir.Actor, event avenir.ID) (RSVP, error) {
	if actor.IsAnonymous() {
		return RSVP{}, avenir.ErrNotFound
	}
	if _, err := s.Event(ctx, actor, event); err != nil {
		return RSVP{}, err
	}
	return s.store.RSVP(ctx, event, actor.ID)
}

// Attendance sums up an event's RSVPs.
type Attendance struct {
	Going      int `json:"going"`
	Waitlisted int `json:"waitlisted"`
	Maybe      int `json:"maybe"`
	Declined   int `json:"declined"`
	CheckedIn  int `json:"checked_in"`
}

const registrationsCursor = "committee.registrations"

// Registrations lists an event's RSVPs with the people's names (and the
// waitlist positions), for the animators of its organisers, by name,
// keyset-paginated, with the totals.
func (s *Service) Registrations(ctx context.Context, actor avenir.Actor, event avenir.ID, statuses []RSVPStatus, page avenir.PageRequest) (avenir.Page[Registration], Attendance, error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Registration]{}, Attendance{}, err
	}
	f := RegistrationFilter{Event: event, Statuses: statuses, Limit: size + 1}
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, registrationsCursor, &f.AfterSortKey, &f.AfterID); err != nil {
			return avenir.Page[Registration]{}, Attendance{}, err
		}
	}
	var (
		out avenir.Page[Registration]
		sum Attendance
	)
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		e, err := s.Event(ctx, actor, event)
		if err != nil {
			return err
		}
		if !CanManageAttendance(actor, e) {
			return avenir.ErrForbidden
		}
		rows, err := s.store.Registrations(ctx, f)
		if err != nil {
			return err
		}
		out = avenir.NewPage(rows, size, registrationsCursor, func(r Registration) []any {
			return []any{membership.SortKey(r.Member), r.Member.ID}
		})
		for i, r := range out.Items {
			// Names only: contact details go through the audited member list.
			v := r.Member.View(actor)
			out.Items[i].Member = membership.Member{ID: r.Member.ID, Profile: membership.Profile{DisplayName: v.DisplayName, FullName: v.FullName}}
		}
		counts, err := s.store.CountRSVPs(ctx, e.ID)
		if err != nil {
			return err
		}
		sum = Attendance{Going: counts[StatusGoing], Waitlisted: counts[StatusWaitlisted], Maybe: counts[StatusMaybe],
			Declined: counts[StatusDeclined], CheckedIn: counts["checked_in"]}
		return nil
	})
	return out, sum, err
}

// CheckIn records that a person registered as going is there (present
// true), or takes it back. The animators of the organisers check people in,
// from midnight of the event's first day (in its time zone) until a day
// after it ends.
func (s *Service) CheckIn(ctx context.Context, actor avenir.Actor, event, member avenir.ID, present bool) (RSVP, error) {
	var out RSVP
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		e, err := s.store.LockEvent(ctx, event)
		if err != nil {
			return err
		}
		if !CanSeeEvent(actor, e) {
			return avenir.ErrNotFound
		}
		if !CanManageAttendance(actor, e) {
			return avenir.ErrForbidden
		}
		now := s.now()
		start := e.StartsAt.In(e.Location())
		opens := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, start.Location())
		switch {
		case e.Cancelled():
			return avenir.Errorf(avenir.CodeConflict, "The event was cancelled.")
		case now.Before(opens) || now.After(e.EndsAt.Add(24*time.Hour)):
			return avenir.Errorf(avenir.CodeConflict, "Check-in is open on the day of the event.")
		}
		r, err := s.store.RSVP(ctx, e.ID, member)
		if err != nil {
			return notFoundAs(err, avenir.Errorf(avenir.CodeConflict, "This person is not registered as going."))
		}
		if r.Status != StatusGoing {
			return avenir.Errorf(avenir.CodeConflict, "This person is not registered as going.")
		}
		if present == !r.CheckedInAt.IsZero() {
			out = r
			return nil
		}
		r.CheckedInAt = time.Time{}
		if present {
			r.CheckedInAt = now
		}
		r.UpdatedAt = now
		out = r
		return s.store.PutRSVP(ctx, r)
	})
	return out, err
}

// CommitteeCount is how many people go to an event from one committee.
type CommitteeCount struct {
	Committee Committee `json:"committee"` // zero for people with no committee
	Going     int       `json:"going"`
}

// Participation counts the people going to an event by their primary
// committee, largest first: how a national event shows the committees
// taking part. It is for members in good standing who may see the event.
func (s *Service) Participation(ctx context.Context, actor avenir.Actor, event avenir.ID) ([]CommitteeCount, error) {
	e, err := s.Event(ctx, actor, event)
	if err != nil {
		return nil, err
	}
	if !CanSeeCounts(actor) {
		return nil, avenir.ErrForbidden
	}
	counts, err := s.store.GoingByCommittee(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	var ids []avenir.ID
	for id := range counts {
		if !id.IsZero() {
			ids = append(ids, id)
		}
	}
	list, err := s.store.Committees(ctx, Filter{IDs: ids, Archived: true})
	if err != nil {
		return nil, err
	}
	out := make([]CommitteeCount, 0, len(counts))
	for _, c := range list {
		out = append(out, CommitteeCount{Committee: c, Going: counts[c.ID]})
	}
	if n := counts[avenir.ID{}]; n > 0 {
		out = append(out, CommitteeCount{Going: n})
	}
	slices.SortStableFunc(out, func(a, b CommitteeCount) int { return b.Going - a.Going })
	return out, nil
}

// notice is a mail to send once a transaction has committed: a retried
// transaction must not mail twice.
type notice = membership.Mail

func (s *Service) send(ctx context.Context, notices []notice) {
	for _, n := range notices {
		if n.To == "" {
			continue // an erased member
		}
		// A mail that cannot be queued does not undo the change; the
		// event page shows the same.
		_ = s.cfg.Mailer.Send(ctx, n)
	}
}

func (s *Service) eventLink(e Event) string { return s.cfg.BaseURL + "/events/" + e.ID.String() }

func (s *Service) promotedNotice(e Event, m membership.Member) notice {
	tag := language.Make(m.Language)
	when := e.StartsAt.In(e.Location()).Format("02/01/2006 15:04")
	return notice{To: m.Email,
		Subject: avenir.Localize(tag, "You have a place at %s", e.Title),
		Text: avenir.Localize(tag, "A place was freed at %s (%s) and it is yours: you are registered as going.\n\nIf you cannot come, say so on the event's page so that the next person in line gets the place:\n\n%s",
			e.Title, when, s.eventLink(e))}
}

func (s *Service) cancelNotice(e Event, m membership.Member, reason string) notice {
	tag := language.Make(m.Language)
	when := e.StartsAt.In(e.Location()).Format("02/01/2006 15:04")
	text := avenir.Localize(tag, "The event %s (%s) is cancelled.", e.Title, when)
	if reason != "" {
		text += "\n\n" + reason
	}
	return notice{To: m.Email, Subject: avenir.Localize(tag, "Cancelled: %s", e.Title), Text: text + "\n\n" + s.eventLink(e)}
}

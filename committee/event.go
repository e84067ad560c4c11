package committee

import (
	"context"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/text"
)

// EventKind says what an event is.
type EventKind string

// The event kinds.
const (
	Meeting     EventKind = "meeting"      // a committee meeting, a public meeting
	Canvassing  EventKind = "canvassing"   // door-to-door, leafleting
	MarketStall EventKind = "market_stall" // a stall at a market
	Training    EventKind = "training"
	Festival    EventKind = "festival" // a large gathering, such as the yearly festival of fraternity
	Online      EventKind = "online"   // a video meeting: OnlineURL, no place
)

// EventKinds lists the kinds.
var EventKinds = []EventKind{Meeting, Canvassing, MarketStall, Training, Festival, Online}

// Valid reports whether k is a known kind.
func (k EventKind) Valid() bool { return slices.Contains(EventKinds, k) }

// Venue is where an event takes place in France: an address and its
// commune.
type Venue struct {
	Address string `json:"address,omitempty"`
	Commune string `json:"commune,omitempty"` // INSEE code
}

// Event is something committees organise: its organiser, the committees
// taking part, when (stored in UTC, shown in its time zone), where (a venue
// or an online link), who may see it, and how many may come.
type Event struct {
	ID           avenir.ID       `json:"id"`
	Kind         EventKind       `json:"kind"`
	Committee    avenir.ID       `json:"committee"`               // the organiser: the national committee for national events
	CoOrganisers []avenir.ID     `json:"co_organisers,omitempty"` // the other committees taking part
	Title        string          `json:"title"`
	Description  string          `json:"description,omitempty"` // Markdown
	StartsAt     time.Time       `json:"starts_at"`
	EndsAt       time.Time       `json:"ends_at"`
	TimeZone     string          `json:"time_zone"` // IANA name: "Europe/Paris"
	Venue        Venue           `json:"venue,omitzero"`
	Department   string          `json:"department,omitempty"` // the venue's, from its commune
	OnlineURL    string          `json:"online_url,omitempty"`
	Audience     avenir.Audience `json:"audience"`
	Capacity     int             `json:"capacity"` // 0: unlimited
	Going        int             `json:"going"`    // confirmed participants
	Sequence     int             `json:"sequence"` // revision, for calendars (iCalendar SEQUENCE)
	CancelledAt  time.Time       `json:"cancelled_at,omitzero"`
	CreatedBy    avenir.ID       `json:"created_by,omitzero"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`

	// waitlistNext is the last waitlist position given: positions only
	// grow, so that the order of the line is the order of arrival.
	waitlistNext int
}

// WaitlistNext is the last waitlist position given; for stores.
func (e Event) WaitlistNext() int { return e.waitlistNext }

// WithWaitlistNext returns e with its last waitlist position; for stores.
func (e Event) WithWaitlistNext(n int) Event { e.waitlistNext = n; return e }

// Cancelled reports whether the event was cancelled.
func (e Event) Cancelled() bool { return !e.CancelledAt.IsZero() }

// Over reports whether the event has ended at now.
func (e Event) Over(now time.Time) bool { return !now.Before(e.EndsAt) }

// Full reports whether every place is taken.
func (e Event) Full() bool { return e.Capacity > 0 && e.Going >= e.Capacity }

// DescriptionHTML is the description rendered as safe HTML.
func (e Event) DescriptionHTML() template.HTML { return text.Markdown(e.Description) }

// Location returns the event's time zone (UTC if it cannot be loaded, which
// validation prevents).
func (e Event) Location() *time.Location {
	loc, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Organisers returns the organiser and the co-organisers.
func (e Event) Organisers() []avenir.ID { return append([]avenir.ID{e.Committee}, e.CoOrganisers...) }

// EventDraft is what an event is created or edited from. The organiser
// (Committee) is set on creation.
type EventDraft struct {
	Kind         EventKind       `json:"kind"`
	Committee    avenir.ID       `json:"committee"`
	CoOrganisers []avenir.ID     `json:"co_organisers,omitempty"`
	Title        string          `json:"title"`
	Description  string          `json:"description,omitempty"`
	StartsAt     time.Time       `json:"starts_at"`
	EndsAt       time.Time       `json:"ends_at"`
	TimeZone     string          `json:"time_zone"`
	Venue        Venue           `json:"venue,omitzero"`
	OnlineURL    string          `json:"online_url,omitempty"`
	Audience     avenir.Audience `json:"audience"`
	Capacity     int             `json:"capacity"`
}

// Limits of an event.
const (
	MaxTitleLen      = 200
	MaxAddressLen    = 300
	MaxURLLen        = 2000
	MaxCapacity      = 1_000_000
	MaxCoOrganisers  = 500
	MaxEventDuration = 31 * 24 * time.Hour
	DefaultEventZone = "Europe/Paris"
)

// normalize cleans a draft and checks it, alone: the organisers' existence
// and the actor's rights are the Service's.
func (d *EventDraft) normalize() (department string, err error) {
	d.Title = text.Line(d.Title)
	d.Description = text.Clean(d.Description)
	d.Venue.Address = text.Line(d.Venue.Address)
	d.Venue.Commune = strings.ToUpper(strings.TrimSpace(d.Venue.Commune))
	d.OnlineURL = strings.TrimSpace(d.OnlineURL)
	d.TimeZone = strings.TrimSpace(d.TimeZone)
	if d.TimeZone == "" {
		d.TimeZone = DefaultEventZone
	}
	d.StartsAt, d.EndsAt = d.StartsAt.UTC().Truncate(time.Second), d.EndsAt.UTC().Truncate(time.Second)
	seen := map[avenir.ID]bool{d.Committee: true}
	co := d.CoOrganisers[:0:0]
	for _, c := range d.CoOrganisers {
		if !c.IsZero() && !seen[c] {
			seen[c] = true
			co = append(co, c)
		}
	}
	d.CoOrganisers = co
	switch {
	case !d.Kind.Valid():
		return "", avenir.FieldError("kind", "The event kind %q is not known.", text.Truncate(string(d.Kind), 20))
	case d.Committee.IsZero():
		return "", avenir.FieldError("committee", "An event is organised by a committee.")
	case d.Title == "":
		return "", avenir.FieldError("title", "A title is required.")
	case utf8.RuneCountInString(d.Title) > MaxTitleLen:
		return "", avenir.FieldError("title", "The title must be at most %d characters.", MaxTitleLen)
	case utf8.RuneCountInString(d.Description) > MaxDescriptionLen:
		return "", avenir.FieldError("description", "The description must be at most %d characters.", MaxDescriptionLen)
	case d.StartsAt.IsZero():
		return "", avenir.FieldError("starts_at", "A start is required.")
	case !d.EndsAt.After(d.StartsAt):
		return "", avenir.FieldError("ends_at", "The event must end after it starts.")
	case d.EndsAt.Sub(d.StartsAt) > MaxEventDuration:
		return "", avenir.FieldError("ends_at", "An event lasts at most %d days.", int(MaxEventDuration.Hours()/24))
	case d.Capacity < 0 || d.Capacity > MaxCapacity:
		return "", avenir.FieldError("capacity", "The capacity must be between 0 (unlimited) and %d.", MaxCapacity)
	case len(d.CoOrganisers) > MaxCoOrganisers:
		return "", avenir.FieldError("co_organisers", "An event has at most %d co-organisers.", MaxCoOrganisers)
	}
	if _, err := time.LoadLocation(d.TimeZone); err != nil || d.TimeZone == "Local" {
		return "", avenir.FieldError("time_zone", "The time zone %q is not known.", text.Truncate(d.TimeZone, 60))
	}
	if err := d.Audience.Validate(); err != nil || d.Audience.Kind == avenir.AudienceModerators {
		return "", avenir.FieldError("audience", "The audience %q is not known.", text.Truncate(d.Audience.String(), 60))
	}
	if d.Audience.Kind == avenir.AudienceCommittee && !seen[d.Audience.Scope] {
		return "", avenir.FieldError("audience", "An event open to one committee is open to one of its organisers.")
	}
	if d.OnlineURL != "" {
		if err := checkOnlineURL(d.OnlineURL); err != nil {
			return "", err
		}
	}
	if d.Kind == Online {
		if d.OnlineURL == "" {
			return "", avenir.FieldError("online_url", "An online event needs its link.")
		}
		if d.Venue != (Venue{}) {
			return "", avenir.FieldError("venue", "An online event has no venue.")
		}
		return "", nil
	}
	if d.Venue == (Venue{}) && d.OnlineURL != "" {
		return "", nil // a training or a meeting held online
	}
	if d.Venue.Address == "" {
		return "", avenir.FieldError("address", "An address is required.")
	}
	if utf8.RuneCountInString(d.Venue.Address) > MaxAddressLen {
		return "", avenir.FieldError("address", "The address must be at most %d characters.", MaxAddressLen)
	}
	c, err := geo.CommuneByINSEE(d.Venue.Commune)
	if err != nil {
		return "", err
	}
	d.Venue.Commune = c.INSEE
	return c.Department, nil
}

// checkOnlineURL accepts an https link to a host, and nothing else: no
// javascript:, no plain http for a meeting's credentials.
func checkOnlineURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || len(raw) > MaxURLLen ||
		strings.ContainsAny(raw, " \t\r\n") {
		return avenir.FieldError("online_url", "The link must be an https:// address.")
	}
	return nil
}

// The permission rules of events, pure functions.

// CanSeeEvent is the event's audience rule.
func CanSeeEvent(actor avenir.Actor, e Event) bool { return e.Audience.Allows(actor) }

// CanEditEvent reports whether the actor may edit or cancel the event: the
// animators of its organiser (and those above).
func CanEditEvent(actor avenir.Actor, e Event) bool { return CanAnimate(actor, e.Committee) }

// CanManageAttendance reports whether the actor may see the registrations
// and check people in: the animators of the organiser or of a co-organiser.
func CanManageAttendance(actor avenir.Actor, e Event) bool {
	return slices.ContainsFunc(e.Organisers(), func(c avenir.ID) bool { return CanAnimate(actor, c) })
}

// eventEvent is an outbox event about an event, for its own audience: the
// payload holds nothing its audience may not see.
func (s *Service) eventEvent(typ string, actor avenir.ID, e Event, extra map[string]any) avenir.Event {
	payload := map[string]any{"title": e.Title, "committee": e.Committee, "starts_at": e.StartsAt}
	for k, v := range extra {
		payload[k] = v
	}
	return s.event(typ, actor, e.ID, e.Audience, payload)
}

// CreateEvent publishes an event. The actor leads the organiser and every
// co-organising committee (an animator of the national committee leads
// them all, for a national event).
func (s *Service) CreateEvent(ctx context.Context, actor avenir.Actor, d EventDraft) (Event, error) {
	if actor.IsAnonymous() {
		return Event{}, avenir.ErrUnauthenticated
	}
	dept, err := d.normalize()
	if err != nil {
		return Event{}, err
	}
	now := s.now()
	if !d.StartsAt.After(now) {
		return Event{}, avenir.FieldError("starts_at", "An event starts in the future.")
	}
	e := Event{
		ID: avenir.NewID(), Kind: d.Kind, Committee: d.Committee, CoOrganisers: d.CoOrganisers, Title: d.Title,
		Description: d.Description, StartsAt: d.StartsAt, EndsAt: d.EndsAt, TimeZone: d.TimeZone, Venue: d.Venue,
		Department: dept, OnlineURL: d.OnlineURL, Audience: d.Audience, Capacity: d.Capacity, CreatedBy: actor.ID,
		CreatedAt: now, UpdatedAt: now,
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkOrganisers(ctx, actor, e.Organisers()); err != nil {
			return err
		}
		if err := s.store.CreateEvent(ctx, e); err != nil {
			return err
		}
		return s.store.Record(ctx, s.eventEvent("event.published", actor.ID, e, nil))
	})
	if err != nil {
		return Event{}, err
	}
	return e, nil
}

// checkOrganisers checks that the committees exist, are active, and that
// the actor leads each.
func (s *Service) checkOrganisers(ctx context.Context, actor avenir.Actor, organisers []avenir.ID) error {
	list, err := s.store.Committees(ctx, Filter{IDs: organisers})
	if err != nil {
		return err
	}
	if len(list) != len(organisers) {
		return avenir.FieldError("committee", "An organising committee does not exist or is archived.")
	}
	for _, c := range list {
		if !CanAnimate(actor, c.ID) {
			return avenir.ErrForbidden
		}
	}
	return nil
}

// UpdateEvent changes an event, for the animators of its organiser; the
// organiser stays. Calendars see a new revision. The capacity may not go
// below the number of people confirmed; raising it promotes people from
// the waitlist, in order, and tells them.
func (s *Service) UpdateEvent(ctx context.Context, actor avenir.Actor, id avenir.ID, d EventDraft) (Event, error) {
	if actor.IsAnonymous() {
		return Event{}, avenir.ErrUnauthenticated
	}
	var (
		out     Event
		notices []notice
	)
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		notices = nil
		e, err := s.store.LockEvent(ctx, id)
		if err != nil {
			return err
		}
		if !CanSeeEvent(actor, e) {
			return avenir.ErrNotFound
		}
		if !CanEditEvent(actor, e) {
			return avenir.ErrForbidden
		}
		d.Committee = e.Committee
		dept, err := d.normalize()
		if err != nil {
			return err
		}
		now := s.now()
		switch {
		case e.Cancelled():
			return avenir.Errorf(avenir.CodeConflict, "The event was cancelled.")
		case e.Over(now):
			return avenir.Errorf(avenir.CodeConflict, "The event is over.")
		case d.Capacity > 0 && d.Capacity < e.Going:
			return &avenir.Error{Code: avenir.CodeConflict, Key: "The capacity cannot be lower than the %d people already confirmed.", Args: []any{e.Going}, Field: "capacity"}
		}
		if err := s.checkOrganisers(ctx, actor, append([]avenir.ID{e.Committee}, d.CoOrganisers...)); err != nil {
			return err
		}
		e.Kind, e.CoOrganisers, e.Title, e.Description = d.Kind, d.CoOrganisers, d.Title, d.Description
		e.StartsAt, e.EndsAt, e.TimeZone, e.Venue, e.Department = d.StartsAt, d.EndsAt, d.TimeZone, d.Venue, dept
		e.OnlineURL, e.Audience, e.Capacity = d.OnlineURL, d.Audience, d.Capacity
		e.Sequence++
		e.UpdatedAt = now
		if err := s.store.UpdateEvent(ctx, e); err != nil {
			return err
		}
		if notices, err = s.promote(ctx, &e); err != nil {
			return err
		}
		out = e
		return s.store.Record(ctx, s.eventEvent("event.updated", actor.ID, e, nil))
	})
	if err != nil {
		return Event{}, err
	}
	s.send(ctx, notices)
	return out, nil
}

// CancelEvent cancels an event and tells everyone registered (going,
// waitlisted or maybe). It stays listed, marked cancelled, so that
// calendars learn of it.
func (s *Service) CancelEvent(ctx context.Context, actor avenir.Actor, id avenir.ID, reason string) (Event, error) {
	if actor.IsAnonymous() {
		return Event{}, avenir.ErrUnauthenticated
	}
	reason = text.Clean(reason)
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return Event{}, avenir.FieldError("reason", "The reason must be at most %d characters.", MaxReasonLen)
	}
	var (
		out     Event
		notices []notice
	)
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		notices = nil
		e, err := s.store.LockEvent(ctx, id)
		if err != nil {
			return err
		}
		if !CanSeeEvent(actor, e) {
			return avenir.ErrNotFound
		}
		if !CanEditEvent(actor, e) {
			return avenir.ErrForbidden
		}
		now := s.now()
		if e.Cancelled() {
			return avenir.Errorf(avenir.CodeConflict, "The event was cancelled.")
		}
		if e.Over(now) {
			return avenir.Errorf(avenir.CodeConflict, "The event is over.")
		}
		e.CancelledAt, e.UpdatedAt = now, now
		e.Sequence++
		if err := s.store.UpdateEvent(ctx, e); err != nil {
			return err
		}
		registered, err := s.store.Registrations(ctx, RegistrationFilter{Event: e.ID, Statuses: []RSVPStatus{StatusGoing, StatusWaitlisted, StatusMaybe}})
		if err != nil {
			return err
		}
		for _, r := range registered {
			notices = append(notices, s.cancelNotice(e, r.Member, reason))
		}
		out = e
		return s.store.Record(ctx, s.eventEvent("event.cancelled", actor.ID, e, map[string]any{"registered": len(registered)}))
	})
	if err != nil {
		return Event{}, err
	}
	s.send(ctx, notices)
	return out, nil
}

// Event returns an event the actor may see; not_found otherwise.
func (s *Service) Event(ctx context.Context, actor avenir.Actor, id avenir.ID) (Event, error) {
	e, err := s.store.Event(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if !CanSeeEvent(actor, e) {
		return Event{}, avenir.ErrNotFound
	}
	return e, nil
}

// EventFilter selects events for a list. Zero fields do not filter.
type EventFilter struct {
	Committee  avenir.ID // organised or co-organised by this committee
	Department string    // taking place in this department
	From       time.Time // ending after; the zero time is now
	Until      time.Time // starting before
	Cancelled  bool      // include cancelled events
	// Set by the Service:
	Visibility   avenir.Visibility
	AfterStarts  time.Time
	AfterID      avenir.ID
	Limit        int
	PublicOnly   bool
	StartsBefore time.Time
}

const eventsCursor = "committee.events"

// Events lists the events the actor may see, soonest first,
// keyset-paginated. The audience filter runs inside the query.
func (s *Service) Events(ctx context.Context, actor avenir.Actor, f EventFilter, page avenir.PageRequest) (avenir.Page[Event], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Event]{}, err
	}
	if f.Department != "" {
		d, err := geo.DepartmentByCode(strings.TrimSpace(f.Department))
		if err != nil {
			return avenir.Page[Event]{}, err
		}
		f.Department = d.Code
	}
	if f.From.IsZero() {
		f.From = s.now()
	}
	f.Visibility, f.Limit, f.PublicOnly = actor.Visibility(), size+1, false
	f.StartsBefore = f.Until
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, eventsCursor, &f.AfterStarts, &f.AfterID); err != nil {
			return avenir.Page[Event]{}, err
		}
	}
	rows, err := s.store.Events(ctx, f)
	if err != nil {
		return avenir.Page[Event]{}, err
	}
	return avenir.NewPage(rows, size, eventsCursor, func(e Event) []any { return []any{e.StartsAt, e.ID} }), nil
}

package solidarity

import (
	"context"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// VolunteerStatus is where a volunteer stands for an action.
type VolunteerStatus string

// The statuses of a sign-up.
const (
	Pending    VolunteerStatus = "pending"    // waiting for the organiser
	Accepted   VolunteerStatus = "accepted"   // has a place: sees the author's contact, and the reverse
	Waitlisted VolunteerStatus = "waitlisted" // every place was taken: in line
	Declined   VolunteerStatus = "declined"   // the organiser said no
	Withdrawn  VolunteerStatus = "withdrawn"  // the volunteer left
)

// Volunteer is a person's sign-up to an action, or to one of its shifts.
type Volunteer struct {
	Action    avenir.ID       `json:"action"`
	Member    avenir.ID       `json:"member"`
	Shift     int             `json:"shift,omitempty"` // 0: the action itself
	Status    VolunteerStatus `json:"status"`
	Position  int             `json:"position,omitempty"` // place in the waitlist, strictly increasing
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// Helper is a volunteer as the organiser sees them: their name, no contact
// details unless they were accepted (see Contacts).
type Helper struct {
	Volunteer
	Name string `json:"name"`
}

// Contact is what an accepted volunteer and an action's author learn of
// each other.
type Contact struct {
	Member avenir.ID `json:"member"`
	Role   string    `json:"role"` // "author" or "volunteer"
	Name   string    `json:"name"`
	Email  string    `json:"email"`
	Phone  string    `json:"phone,omitempty"`
}

func distinctMembers(list []Volunteer) int {
	seen := map[avenir.ID]bool{}
	for _, v := range list {
		seen[v.Member] = true
	}
	return len(seen)
}

// SignUp puts the actor forward as a volunteer for an action (shift 0) or
// one of its shifts. While places remain, an action that accepts
// automatically gives one at once, and otherwise the sign-up waits for the
// organiser; when every place is taken the volunteer joins the waitlist.
// Everything happens under the action's row lock, so that the capacity
// holds whatever the number of concurrent sign-ups. A sign-up to an action
// that is not open (cancelled, completed, …) is a conflict.
func (s *Service) SignUp(ctx context.Context, actor avenir.Actor, id avenir.ID, shift int) (Volunteer, error) {
	if actor.IsAnonymous() {
		return Volunteer{}, avenir.ErrUnauthenticated
	}
	var out Volunteer
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		a, err := s.store.LockAction(ctx, id)
		if err != nil {
			return err
		}
		if !maySee(actor, a) {
			return avenir.ErrNotFound
		}
		if !mayVolunteer(actor, a, s.cfg.SupportersMayVolunteer) {
			if a.Author == actor.ID {
				return avenir.Errorf(avenir.CodeConflict, "You cannot volunteer for your own action.")
			}
			return avenir.Errorf(avenir.CodeForbidden, "Only members may volunteer.")
		}
		if !a.Status.Open() {
			return avenir.Errorf(avenir.CodeConflict, "This action is not open to volunteers.")
		}
		if err := checkShift(a, shift); err != nil {
			return err
		}
		now := s.now()
		v, err := s.store.Volunteer(ctx, a.ID, actor.ID)
		switch {
		case err == nil && v.Status != Withdrawn && v.Status != Declined:
			out = v // already signed up
			return nil
		case err == nil && v.Status == Declined:
			return avenir.Errorf(avenir.CodeConflict, "The organiser declined your offer to help with this action.")
		case err == nil:
		case avenir.IsCode(err, avenir.CodeNotFound):
			v = Volunteer{Action: a.ID, Member: actor.ID, CreatedAt: now}
		default:
			return err
		}
		v.Shift, v.UpdatedAt, v.Position = shift, now, 0
		free, limited := a.Places(shift)
		switch {
		case limited && free <= 0:
			v.Status, v.Position = Waitlisted, a.nextPosition(shift)
		case a.AutoAccept:
			v.Status = Accepted
			a.accept(shift, 1)
		default:
			v.Status = Pending
		}
		if err := s.store.PutVolunteer(ctx, v); err != nil {
			return err
		}
		if err := s.store.UpdateAction(ctx, a); err != nil {
			return err
		}
		out = v
		return s.store.Record(ctx, s.event("solidarity.volunteer_signed_up", avenir.ID{}, a, map[string]any{"accepted": a.Accepted}))
	})
	if err != nil {
		return Volunteer{}, err
	}
	return out, nil
}

func checkShift(a Action, shift int) error {
	if len(a.Shifts) == 0 && shift == 0 {
		return nil
	}
	for _, s := range a.Shifts {
		if s.Number == shift {
			return nil
		}
	}
	if len(a.Shifts) > 0 && shift == 0 {
		return avenir.FieldError("shift", "Choose a shift of this action.")
	}
	return avenir.FieldError("shift", "The shift %d does not exist.", shift)
}

// accept counts n more (or fewer) accepted volunteers on a slot.
func (a *Action) accept(shift, n int) {
	if shift == 0 {
		a.Accepted += n
		return
	}
	for i := range a.Shifts {
		if a.Shifts[i].Number == shift {
			a.Shifts[i].Accepted += n
		}
	}
}

// nextPosition takes the next waitlist position of a slot.
func (a *Action) nextPosition(shift int) int {
	if shift == 0 {
		a.waitNext++
		return a.waitNext
	}
	for i := range a.Shifts {
		if a.Shifts[i].Number == shift {
			a.Shifts[i].waitNext++
			return a.Shifts[i].waitNext
		}
	}
	return 0
}

// Accept gives a place to a pending or waitlisted volunteer: the
// organiser. When every place is taken it is a conflict, and nothing
// changes.
func (s *Service) Accept(ctx context.Context, actor avenir.Actor, id, member avenir.ID) (Volunteer, error) {
	return s.decide(ctx, actor, id, member, Accepted)
}

// Decline says no to a volunteer: the organiser. A volunteer who had a
// place frees it for the next in line.
func (s *Service) Decline(ctx context.Context, actor avenir.Actor, id, member avenir.ID) (Volunteer, error) {
	return s.decide(ctx, actor, id, member, Declined)
}

// Withdraw takes the actor's sign-up back; a place they had goes to the
// next in line.
func (s *Service) Withdraw(ctx context.Context, actor avenir.Actor, id avenir.ID) (Volunteer, error) {
	if actor.IsAnonymous() {
		return Volunteer{}, avenir.ErrUnauthenticated
	}
	return s.change(ctx, actor, id, actor.ID, Withdrawn, func(Action) bool { return true })
}

func (s *Service) decide(ctx context.Context, actor avenir.Actor, id, member avenir.ID, to VolunteerStatus) (Volunteer, error) {
	if actor.IsAnonymous() {
		return Volunteer{}, avenir.ErrUnauthenticated
	}
	return s.change(ctx, actor, id, member, to, func(a Action) bool { return mayOrganise(actor, a) })
}

// change moves a sign-up to status to under the action's row lock, and
// promotes the waitlist when a place was freed.
func (s *Service) change(ctx context.Context, actor avenir.Actor, id, member avenir.ID, to VolunteerStatus, may func(Action) bool) (Volunteer, error) {
	var (
		out     Volunteer
		notices []membership.Mail
	)
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		notices = nil
		a, err := s.store.LockAction(ctx, id)
		if err != nil {
			return err
		}
		if !maySee(actor, a) {
			return avenir.ErrNotFound
		}
		if !may(a) {
			return avenir.Errorf(avenir.CodeForbidden, "Only the organiser of the action may accept or decline volunteers.")
		}
		if !a.Status.Open() {
			return avenir.Errorf(avenir.CodeConflict, "This action is not open to volunteers.")
		}
		v, err := s.store.Volunteer(ctx, a.ID, member)
		if err != nil {
			return notFoundAs(err, avenir.Errorf(avenir.CodeNotFound, "This person has not volunteered for the action."))
		}
		was := v.Status
		switch {
		case was == to:
			out = v
			return nil
		case was == Withdrawn || was == Declined:
			return avenir.Errorf(avenir.CodeConflict, "This person is no longer a volunteer for the action.")
		case to == Accepted:
			if free, limited := a.Places(v.Shift); limited && free <= 0 {
				return avenir.Errorf(avenir.CodeConflict, "Every place is taken: %d volunteers are already accepted.", accepted(a, v.Shift))
			}
			a.accept(v.Shift, 1)
		case was == Accepted:
			a.accept(v.Shift, -1)
		}
		now := s.now()
		v.Status, v.Position, v.UpdatedAt = to, 0, now
		if err := s.store.PutVolunteer(ctx, v); err != nil {
			return err
		}
		if was == Accepted {
			if err := s.promote(ctx, &a, v.Shift); err != nil {
				return err
			}
		}
		if err := s.store.UpdateAction(ctx, a); err != nil {
			return err
		}
		if to == Accepted {
			notices = append(notices, s.acceptedMail(ctx, a, member)...)
		}
		out = v
		return s.store.Record(ctx, s.event("solidarity.volunteer_"+string(to), avenir.ID{}, a, map[string]any{"accepted": a.Accepted}))
	})
	if err != nil {
		return Volunteer{}, err
	}
	for _, m := range notices {
		_ = s.cfg.Mailer.Send(ctx, m) // best effort: the page tells the same
	}
	return out, nil
}

func accepted(a Action, shift int) int {
	if shift == 0 {
		return a.Accepted
	}
	for _, s := range a.Shifts {
		if s.Number == shift {
			return s.Accepted
		}
	}
	return 0
}

// promote moves the first of a slot's waitlist up when a place is free:
// to accepted when the action accepts automatically, otherwise to pending,
// for the organiser to decide.
func (s *Service) promote(ctx context.Context, a *Action, shift int) error {
	free, limited := a.Places(shift)
	if limited && free <= 0 {
		return nil
	}
	line, err := s.store.Waitlist(ctx, a.ID, shift, 1)
	if err != nil || len(line) == 0 {
		return err
	}
	v := line[0]
	v.Status, v.Position, v.UpdatedAt = Pending, 0, s.now()
	if a.AutoAccept {
		v.Status = Accepted
		a.accept(shift, 1)
	}
	return s.store.PutVolunteer(ctx, v)
}

func (s *Service) acceptedMail(ctx context.Context, a Action, member avenir.ID) []membership.Mail {
	people, err := s.store.MembersByID(ctx, member)
	if err != nil || len(people) == 0 || people[0].Email == "" {
		return nil
	}
	return []membership.Mail{{
		To:      people[0].Email,
		Subject: avenir.Localize(language.Make(people[0].Language), "You were accepted as a volunteer: %s", a.Title),
		Text:    avenir.Localize(language.Make(people[0].Language), "The organiser of %q accepted your help. Their contact details are now on the action's page.", a.Title),
	}}
}

func notFoundAs(err, instead error) error {
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return instead
	}
	return err
}

// Helpers lists an action's volunteers with their names, for its
// organiser; nobody else sees who volunteered.
func (s *Service) Helpers(ctx context.Context, actor avenir.Actor, id avenir.ID) ([]Helper, error) {
	a, err := s.Action(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !mayOrganise(actor, a) {
		return nil, avenir.ErrForbidden
	}
	list, err := s.store.Volunteers(ctx, id)
	if err != nil {
		return nil, err
	}
	names, err := s.names(ctx, list)
	if err != nil {
		return nil, err
	}
	out := make([]Helper, len(list))
	for i, v := range list {
		out[i] = Helper{Volunteer: v, Name: names[v.Member].Profile.DisplayName}
	}
	return out, nil
}

func (s *Service) names(ctx context.Context, list []Volunteer) (map[avenir.ID]membership.Member, error) {
	ids := make([]avenir.ID, len(list))
	for i, v := range list {
		ids[i] = v.Member
	}
	people, err := s.store.MembersByID(ctx, ids...)
	if err != nil {
		return nil, err
	}
	out := make(map[avenir.ID]membership.Member, len(people))
	for _, m := range people {
		out[m.ID] = m
	}
	return out, nil
}

// MySignUp returns the actor's sign-up to an action, not_found when none.
func (s *Service) MySignUp(ctx context.Context, actor avenir.Actor, id avenir.ID) (Volunteer, error) {
	if actor.IsAnonymous() {
		return Volunteer{}, avenir.ErrNotFound
	}
	if _, err := s.Action(ctx, actor, id); err != nil {
		return Volunteer{}, err
	}
	return s.store.Volunteer(ctx, id, actor.ID)
}

// Contacts returns the contact details the actor is entitled to for an
// action: to its author, those of the volunteers they accepted; to an
// accepted volunteer, the author's. Anyone else gets none (an empty list,
// not an error, so that a page asks without knowing). Contacts come from
// the membership records at the time of asking.
func (s *Service) Contacts(ctx context.Context, actor avenir.Actor, id avenir.ID) ([]Contact, error) {
	a, err := s.Action(ctx, actor, id)
	if err != nil || actor.IsAnonymous() {
		return []Contact{}, err
	}
	accepted, err := s.store.Volunteers(ctx, id, Accepted)
	if err != nil {
		return nil, err
	}
	var ids []avenir.ID
	role := "volunteer"
	switch {
	case a.Author == actor.ID:
		for _, v := range accepted {
			ids = append(ids, v.Member)
		}
	case isIn(accepted, actor.ID):
		ids, role = []avenir.ID{a.Author}, "author"
	}
	out := []Contact{}
	if len(ids) == 0 {
		return out, nil
	}
	people, err := s.store.MembersByID(ctx, ids...)
	if err != nil {
		return nil, err
	}
	for _, m := range people {
		if m.Status == avenir.StatusErased {
			continue
		}
		out = append(out, Contact{Member: m.ID, Role: role, Name: m.Profile.DisplayName, Email: m.Email, Phone: m.Profile.Phone})
	}
	return out, nil
}

func isIn(list []Volunteer, member avenir.ID) bool {
	for _, v := range list {
		if v.Member == member {
			return true
		}
	}
	return false
}

package solidarity

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/text"
)

// Config configures a Service. Zero fields take the defaults shown.
type Config struct {
	// Members is the membership service. Committees finds an action's
	// committee from its place. Both are required.
	Members    *membership.Service
	Committees *committee.Service
	// Forums holds the actions' comment threads (Comment, Comments); it
	// must store in the same database, since a first comment opens its
	// thread in the transaction that records it on the action.
	Forums *forum.Service
	Clock  avenir.Clock // avenir.SystemClock
	// Categories are the kinds of help the network lists (DefaultCategories).
	Categories []Category
	// TrustedPublishDirectly publishes the submissions of trusted authors
	// (animators and moderators) without validation.
	TrustedPublishDirectly bool
	// SupportersMayVolunteer lets supporters, not only members, sign up.
	SupportersMayVolunteer bool
	Mailer                 membership.Mailer // tells volunteers they were accepted; discards by default
}

// Service holds the solidarity package's rules and workflows.
type Service struct {
	store Store
	cfg   Config
}

// NewService returns a Service storing in store.
func NewService(store Store, cfg Config) *Service {
	if cfg.Clock == nil {
		cfg.Clock = avenir.SystemClock
	}
	if len(cfg.Categories) == 0 {
		cfg.Categories = DefaultCategories
	}
	if cfg.Mailer == nil {
		cfg.Mailer = discardMailer{}
	}
	return &Service{store: store, cfg: cfg}
}

type discardMailer struct{}

func (discardMailer) Send(context.Context, membership.Mail) error { return nil }

// Categories returns the network's categories.
func (s *Service) Categories() []Category { return s.cfg.Categories }

func (s *Service) now() time.Time { return s.cfg.Clock.Now() }

// event returns a domain event about an action, for the action's audience
// once it is published and for nobody but moderators before.
func (s *Service) event(typ string, actor avenir.ID, a Action, extra map[string]any) avenir.Event {
	aud := avenir.Moderators
	if !a.PublishedAt.IsZero() {
		aud = a.Audience
	}
	payload := map[string]any{"title": a.Title, "kind": a.Kind, "status": a.Status}
	for k, v := range extra {
		payload[k] = v
	}
	e, err := avenir.NewEvent(s.cfg.Clock, typ, actor, a.ID, aud, payload)
	if err != nil {
		panic(err) // a payload of ours that does not encode is a bug
	}
	return e
}

// Propose writes a draft action by the actor. Its committee defaults to the
// nearest committee of its place (for an online action, the actor's own).
func (s *Service) Propose(ctx context.Context, actor avenir.Actor, d Draft) (Action, error) {
	a, err := s.prepare(ctx, actor, d)
	if err != nil {
		return Action{}, err
	}
	now := s.now()
	a.ID, a.Status, a.Author, a.CreatedAt, a.UpdatedAt = avenir.NewID(), StatusDraft, actor.ID, now, now
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateAction(ctx, a); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("solidarity.action_proposed", actor.ID, a, nil))
	})
	if err != nil {
		return Action{}, err
	}
	return a, nil
}

// Edit rewrites the author's draft (a new one, or a rejected action taken
// back by Revise) from d, checked as Propose checks it; the reason of a
// rejection stays for the author to read until the action is validated.
// Only a draft is edited: a submitted action waits for its validators
// unchanged, a published one is its audience's; anything else is a
// conflict that changes nothing.
func (s *Service) Edit(ctx context.Context, actor avenir.Actor, id avenir.ID, d Draft) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	var out Action
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.LockAction(ctx, id)
		if err != nil {
			return err
		}
		switch {
		case !maySee(actor, cur):
			return avenir.ErrNotFound
		case cur.Author != actor.ID:
			return avenir.ErrForbidden
		case cur.Status != StatusDraft:
			return avenir.Errorf(avenir.CodeConflict, "Only a draft can be edited.")
		}
		a, err := s.prepare(ctx, actor, d)
		if err != nil {
			return err
		}
		a.ID, a.Status, a.Author, a.Reason, a.CreatedAt, a.UpdatedAt = cur.ID, cur.Status, cur.Author, cur.Reason, cur.CreatedAt, s.now()
		if err := s.store.SetShifts(ctx, a.ID, a.Shifts); err != nil {
			return err
		}
		if err := s.store.UpdateAction(ctx, a); err != nil {
			return err
		}
		out = a
		return s.store.Record(ctx, s.event("solidarity.action_edited", actor.ID, a, nil))
	})
	if err != nil {
		return Action{}, err
	}
	return out, nil
}

// prepare checks a draft for Propose and Edit and returns the action it
// describes, without its identity, status, author or times.
func (s *Service) prepare(ctx context.Context, actor avenir.Actor, d Draft) (Action, error) {
	if actor.IsAnonymous() {
		return Action{}, avenir.ErrUnauthenticated
	}
	dept, region, err := d.normalize(s.cfg.Categories, s.now())
	if err != nil {
		return Action{}, err
	}
	if d.Committee.IsZero() {
		if d.Committee, err = s.defaultCommittee(ctx, actor, d.Place); err != nil {
			return Action{}, err
		}
	}
	if !mayPropose(actor, d.Kind, d.Committee) {
		return Action{}, avenir.ErrForbidden
	}
	aud := avenir.Public
	if d.Audience != nil {
		aud = *d.Audience
	}
	a := Action{
		Kind: d.Kind, Category: d.Category, Title: d.Title, Description: d.Description,
		DescriptionHTML: string(text.Markdown(d.Description)), Place: d.Place, Department: dept, Region: region,
		Committee: d.Committee, StartsAt: d.StartsAt.UTC(), EndsAt: d.EndsAt.UTC(), Volunteers: d.Volunteers,
		AutoAccept: d.AutoAccept, Audience: aud,
	}
	for i, sd := range sortedShifts(d.Shifts) {
		a.Shifts = append(a.Shifts, Shift{Number: i + 1, StartsAt: sd.StartsAt.UTC(), EndsAt: sd.EndsAt.UTC(), Capacity: sd.Capacity})
	}
	if len(a.Shifts) > 0 {
		a.Volunteers = 0
	}
	return a, nil
}

// defaultCommittee finds the nearest committee of a place; for an online
// action, the actor's primary committee.
func (s *Service) defaultCommittee(ctx context.Context, actor avenir.Actor, p Place) (avenir.ID, error) {
	if p.Online {
		if len(actor.Committees) > 0 {
			return actor.Committees[0], nil
		}
		return avenir.ID{}, nil
	}
	if s.cfg.Committees == nil {
		return avenir.ID{}, nil
	}
	found, err := s.cfg.Committees.Find(ctx, committee.Place{Commune: p.Commune, Country: p.Country})
	if err != nil {
		return avenir.ID{}, err
	}
	if c, ok := found.Nearest(); ok {
		return c.ID, nil
	}
	return avenir.ID{}, nil
}

func sortedShifts(list []ShiftDraft) []ShiftDraft {
	out := append([]ShiftDraft(nil), list...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].StartsAt.Before(out[j-1].StartsAt); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Action returns an action the actor may read; not_found otherwise.
func (s *Service) Action(ctx context.Context, actor avenir.Actor, id avenir.ID) (Action, error) {
	a, err := s.store.Action(ctx, id)
	if err != nil {
		return Action{}, err
	}
	if !maySee(actor, a) {
		return Action{}, avenir.ErrNotFound
	}
	return a, nil
}

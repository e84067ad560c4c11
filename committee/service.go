package committee

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Config configures a Service. Zero fields take the defaults shown.
type Config struct {
	// Members is the membership service: member lookups, the consent to
	// share contact details, and the audit of who saw them. Required for
	// the member lists.
	Members *membership.Service
	Clock   avenir.Clock      // avenir.SystemClock
	Mailer  membership.Mailer // tells the waitlisted they got a place, and the registered that an event is cancelled; discards by default
	BaseURL string            // the network's address, for links in mails and UIDs in calendars: "https://example.org"
}

// Service holds the committee package's rules and workflows. It implements
// membership.CommitteeTree, so that the animator of a committee may give
// the animator role on the committees directly below it.
type Service struct {
	store Store
	cfg   Config
}

var _ membership.CommitteeTree = (*Service)(nil)

// NewService returns a Service storing in store.
func NewService(store Store, cfg Config) *Service {
	if cfg.Clock == nil {
		cfg.Clock = avenir.SystemClock
	}
	if cfg.Mailer == nil {
		cfg.Mailer = discardMailer{}
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	return &Service{store: store, cfg: cfg}
}

type discardMailer struct{}

func (discardMailer) Send(context.Context, membership.Mail) error { return nil }

func (s *Service) now() time.Time { return s.cfg.Clock.Now() }

// event returns a domain event; a payload of ours that does not encode is a
// bug.
func (s *Service) event(typ string, actor, subject avenir.ID, audience avenir.Audience, payload any) avenir.Event {
	e, err := avenir.NewEvent(s.cfg.Clock, typ, actor, subject, audience, payload)
	if err != nil {
		panic(err)
	}
	return e
}

// committeeEvent is an event about the tree, which is public.
func (s *Service) committeeEvent(typ string, actor avenir.Actor, c Committee, extra map[string]any) avenir.Event {
	payload := map[string]any{"name": c.Name, "slug": c.Slug, "kind": c.Kind}
	if !c.Parent.IsZero() {
		payload["parent"] = c.Parent
	}
	for k, v := range extra {
		payload[k] = v
	}
	return s.event(typ, actor.ID, c.ID, avenir.Public, payload)
}

// Create adds a committee to the tree. The national committee (one per
// network) is created by an admin; any other by an animator of the
// committee it sits under, within that committee's territory.
func (s *Service) Create(ctx context.Context, actor avenir.Actor, d Draft) (Committee, error) {
	if actor.IsAnonymous() {
		return Committee{}, avenir.ErrUnauthenticated
	}
	if err := d.normalize(); err != nil {
		return Committee{}, err
	}
	if err := d.Territory.validate(d.Kind); err != nil {
		return Committee{}, err
	}
	if d.Kind == National && !d.Parent.IsZero() {
		return Committee{}, avenir.FieldError("parent", "The national committee has no parent.")
	}
	if d.Kind != National && d.Parent.IsZero() {
		return Committee{}, avenir.FieldError("parent", "A committee other than the national one sits under a parent.")
	}
	if !CanRestructure(actor, d.Kind, d.Parent) {
		return Committee{}, avenir.ErrForbidden
	}
	now := s.now()
	c := Committee{
		ID: avenir.NewID(), Kind: d.Kind, Name: d.Name, Slug: d.Slug, Description: d.Description, Contact: d.Contact,
		Parent: d.Parent, Territory: d.Territory, MembersVisible: d.MembersVisible, CreatedAt: now, UpdatedAt: now,
	}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if d.Kind != National {
			parent, err := s.store.CommitteeForUpdate(ctx, d.Parent)
			if err != nil {
				return notFoundAs(err, avenir.FieldError("parent", "The parent committee does not exist."))
			}
			if err := checkPlace(c.Kind, c.Territory, parent); err != nil {
				return err
			}
		}
		if err := s.checkSlugFree(ctx, c.Slug, c.ID); err != nil {
			return err
		}
		if err := s.store.CreateCommittee(ctx, c); err != nil {
			if avenir.IsCode(err, avenir.CodeConflict) && c.Kind == National {
				return avenir.Errorf(avenir.CodeConflict, "The network already has a national committee.")
			}
			return err
		}
		return s.store.Record(ctx, s.committeeEvent("committee.created", actor, c, nil))
	})
	if err != nil {
		return Committee{}, err
	}
	return c, nil
}

// checkSlugFree returns a conflict when another committee has the slug.
func (s *Service) checkSlugFree(ctx context.Context, slug string, self avenir.ID) error {
	other, err := s.store.CommitteeBySlug(ctx, slug)
	switch {
	case err == nil && other.ID != self:
		return &avenir.Error{Code: avenir.CodeConflict, Key: "The slug %q is taken by another committee.", Args: []any{slug}, Field: "slug"}
	case err != nil && !avenir.IsCode(err, avenir.CodeNotFound):
		return err
	}
	return nil
}

// notFoundAs replaces a not_found error with instead; other errors pass.
func notFoundAs(err error, instead error) error {
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return instead
	}
	return err
}

// Update changes a committee's name, slug, description, contact, whether
// its members see each other, and its territory. Its animators (and those
// above) edit it; the territory is changed only by the animators of its
// parent, and must stay within the parent's and keep every committee below
// within it. The kind does not change; Move changes the parent.
func (s *Service) Update(ctx context.Context, actor avenir.Actor, id avenir.ID, d Draft) (Committee, error) {
	if actor.IsAnonymous() {
		return Committee{}, avenir.ErrUnauthenticated
	}
	var out Committee
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.CommitteeForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if d.Kind == "" {
			d.Kind = c.Kind
		}
		if err := d.normalize(); err != nil {
			return err
		}
		if !CanAnimate(actor, c.ID) {
			return avenir.ErrForbidden
		}
		if !c.Active() {
			return avenir.Errorf(avenir.CodeConflict, "The committee %q is archived.", c.Name)
		}
		if d.Kind != c.Kind {
			return avenir.FieldError("kind", "A committee's kind does not change.")
		}
		if !slices.Equal(d.Territory.Departments, c.Territory.Departments) || !slices.Equal(d.Territory.Communes, c.Territory.Communes) ||
			!slices.Equal(d.Territory.Countries, c.Territory.Countries) {
			if !CanRestructure(actor, c.Kind, c.Parent) {
				return avenir.ErrForbidden
			}
			if err := d.Territory.validate(c.Kind); err != nil {
				return err
			}
			c.Territory = d.Territory
			if err := s.checkInTree(ctx, c); err != nil {
				return err
			}
		}
		if err := s.checkSlugFree(ctx, d.Slug, c.ID); err != nil {
			return err
		}
		c.Name, c.Slug, c.Description, c.Contact, c.MembersVisible = d.Name, d.Slug, d.Description, d.Contact, d.MembersVisible
		c.UpdatedAt = s.now()
		if err := s.store.UpdateCommittee(ctx, c); err != nil {
			return err
		}
		out = c
		return s.store.Record(ctx, s.committeeEvent("committee.updated", actor, c, nil))
	})
	return out, err
}

// checkInTree checks that c fits under its parent and that its children
// fit under it.
func (s *Service) checkInTree(ctx context.Context, c Committee) error {
	if c.Kind != National {
		parent, err := s.store.Committee(ctx, c.Parent)
		if err != nil {
			return err
		}
		if err := checkPlace(c.Kind, c.Territory, parent); err != nil {
			return err
		}
	}
	children, err := s.store.Committees(ctx, Filter{Parent: c.ID})
	if err != nil {
		return err
	}
	for _, child := range children {
		if err := checkPlace(child.Kind, child.Territory, c); err != nil {
			return childError(child, err)
		}
	}
	return nil
}

// childError says which committee below would no longer fit; the cause
// stays in the chain for logs.
func childError(child Committee, err error) error {
	return &avenir.Error{Code: avenir.CodeInvalid, Key: "The committee %q below would no longer fit in its parent's territory.", Args: []any{child.Name}, Field: "territory", Err: err}
}

// Move places a committee under another parent. The animators of both the
// old and the new parent may (admins always); the committee's territory
// must lie within the new parent's, and the whole subtree is checked again.
// Affiliations, events and history stay with the committee.
func (s *Service) Move(ctx context.Context, actor avenir.Actor, id, parent avenir.ID) (Committee, error) {
	if actor.IsAnonymous() {
		return Committee{}, avenir.ErrUnauthenticated
	}
	var out Committee
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.CommitteeForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if !CanRestructure(actor, c.Kind, c.Parent) || !CanRestructure(actor, c.Kind, parent) {
			return avenir.ErrForbidden
		}
		if c.Kind == National {
			return avenir.FieldError("parent", "The national committee has no parent.")
		}
		if !c.Active() {
			return avenir.Errorf(avenir.CodeConflict, "The committee %q is archived.", c.Name)
		}
		if parent == c.Parent {
			out = c
			return nil
		}
		if err := s.checkNotBelow(ctx, c, parent); err != nil {
			return err
		}
		p, err := s.store.CommitteeForUpdate(ctx, parent)
		if err != nil {
			return notFoundAs(err, avenir.FieldError("parent", "The parent committee does not exist."))
		}
		if err := checkPlace(c.Kind, c.Territory, p); err != nil {
			return err
		}
		if err := s.checkSubtree(ctx, c); err != nil {
			return err
		}
		from := c.Parent
		c.Parent, c.UpdatedAt = parent, s.now()
		if err := s.store.UpdateCommittee(ctx, c); err != nil {
			return err
		}
		out = c
		return s.store.Record(ctx, s.committeeEvent("committee.moved", actor, c, map[string]any{"from": from}))
	})
	return out, err
}

// checkNotBelow refuses to place c under one of its own descendants (or
// itself), which would cut the subtree from the root.
func (s *Service) checkNotBelow(ctx context.Context, c Committee, parent avenir.ID) error {
	sub, err := s.store.Subtree(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, d := range sub {
		if d.ID == parent {
			return avenir.FieldError("parent", "A committee cannot sit under itself or a committee below it.")
		}
	}
	return nil
}

// checkSubtree checks every committee below c against its parent.
func (s *Service) checkSubtree(ctx context.Context, c Committee) error {
	sub, err := s.store.Subtree(ctx, c.ID)
	if err != nil {
		return err
	}
	byID := map[avenir.ID]Committee{c.ID: c}
	for _, d := range sub {
		if d.ID != c.ID {
			byID[d.ID] = d
		}
	}
	for _, d := range sub {
		if d.ID == c.ID {
			continue
		}
		if err := checkPlace(d.Kind, d.Territory, byID[d.Parent]); err != nil {
			return childError(d, err)
		}
	}
	return nil
}

// Archive retires a committee that has no committee below it and no
// members (move them, or merge the committee, first). An archived committee
// keeps its page, history and past events.
func (s *Service) Archive(ctx context.Context, actor avenir.Actor, id avenir.ID) (Committee, error) {
	if actor.IsAnonymous() {
		return Committee{}, avenir.ErrUnauthenticated
	}
	var out Committee
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.CommitteeForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if !CanRestructure(actor, c.Kind, c.Parent) {
			return avenir.ErrForbidden
		}
		if !c.Active() {
			return avenir.Errorf(avenir.CodeConflict, "The committee %q is archived.", c.Name)
		}
		if c.Kind == National {
			return avenir.Errorf(avenir.CodeConflict, "The national committee cannot be archived.")
		}
		children, err := s.store.Committees(ctx, Filter{Parent: c.ID})
		if err != nil {
			return err
		}
		if len(children) > 0 {
			return avenir.Errorf(avenir.CodeConflict, "The committee %q has committees below it: move them or merge it.", c.Name)
		}
		if err := s.checkEmpty(ctx, c); err != nil {
			return err
		}
		c.ArchivedAt = s.now()
		c.UpdatedAt = c.ArchivedAt
		if err := s.store.UpdateCommittee(ctx, c); err != nil {
			return err
		}
		out = c
		return s.store.Record(ctx, s.committeeEvent("committee.archived", actor, c, nil))
	})
	return out, err
}

// Committee returns a committee by ID. The tree is public: anyone may read
// it. An archived committee is returned too, with its ArchivedAt and, after
// a merge, MergedInto.
func (s *Service) Committee(ctx context.Context, id avenir.ID) (Committee, error) {
	return s.store.Committee(ctx, id)
}

// BySlug returns a committee by its slug.
func (s *Service) BySlug(ctx context.Context, slug string) (Committee, error) {
	if slug == "" || slug != strings.ToLower(slug) || len(slug) > 200 {
		return Committee{}, avenir.ErrNotFound
	}
	return s.store.CommitteeBySlug(ctx, slug)
}

// National returns the national committee.
func (s *Service) National(ctx context.Context) (Committee, error) {
	list, err := s.store.Committees(ctx, Filter{Kinds: []Kind{National}})
	if err != nil {
		return Committee{}, err
	}
	if len(list) == 0 {
		return Committee{}, avenir.Errorf(avenir.CodeNotFound, "The network has no national committee yet.")
	}
	return list[0], nil
}

// All returns every active committee, the national one first, then the
// federations, local committees and committees abroad, each by name: the
// directory. A network has at most a few thousand committees.
func (s *Service) All(ctx context.Context) ([]Committee, error) {
	return s.store.Committees(ctx, Filter{})
}

// Committees returns the committees with the IDs, archived ones included.
func (s *Service) Committees(ctx context.Context, ids []avenir.ID) ([]Committee, error) {
	return s.store.Committees(ctx, Filter{IDs: ids, Archived: true})
}

// Children returns the active committees directly below a committee.
func (s *Service) Children(ctx context.Context, id avenir.ID) ([]Committee, error) {
	return s.store.Committees(ctx, Filter{Parent: id})
}

// Subtree returns a committee and every active committee below it, level
// by level.
func (s *Service) Subtree(ctx context.Context, id avenir.ID) ([]Committee, error) {
	return s.store.Subtree(ctx, id)
}

// Ancestors returns the committees above a committee, its parent first.
func (s *Service) Ancestors(ctx context.Context, id avenir.ID) ([]Committee, error) {
	return s.store.Ancestors(ctx, id)
}

// Parent returns the parent of a committee, zero for the national one. It
// implements membership.CommitteeTree.
func (s *Service) Parent(ctx context.Context, id avenir.ID) (avenir.ID, error) {
	c, err := s.store.Committee(ctx, id)
	if err != nil {
		return avenir.ID{}, err
	}
	return c.Parent, nil
}

// Leader is an animator as a committee's page names them.
type Leader struct {
	ID          avenir.ID `json:"id"`
	DisplayName string    `json:"display_name"`
}

// Animators names the people who lead a committee (those given the role on
// it, not those above): a committee's public face. Only their display name
// is shown.
func (s *Service) Animators(ctx context.Context, committee avenir.ID) ([]Leader, error) {
	list, err := s.store.Animators(ctx, committee, s.now())
	if err != nil {
		return nil, err
	}
	out := make([]Leader, len(list))
	for i, m := range list {
		out[i] = Leader{ID: m.ID, DisplayName: m.DisplayName}
	}
	return out, nil
}

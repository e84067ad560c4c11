package solidarity

import (
	"context"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
)

// Query selects actions for a list. Zero fields do not filter.
type Query struct {
	Kinds      []Kind    `json:"kinds,omitempty"`
	Category   string    `json:"category,omitempty"`
	Commune    string    `json:"commune,omitempty"` // INSEE code
	Department string    `json:"department,omitempty"`
	Region     string    `json:"region,omitempty"`
	Committee  avenir.ID `json:"committee,omitzero"`
	Statuses   []Status  `json:"statuses,omitempty"` // none: published and in progress
	// Active keeps the actions not over at that time (open-ended ones too).
	Active time.Time `json:"active,omitzero"`
	// From and To keep the actions whose dates meet the period [From, To):
	// not over before From, not begun by To. An action without dates (an
	// open-ended offer, say) meets every period. Either may be zero (no
	// bound); when both are given, To comes after From.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

const actionsCursor = "solidarity.actions"

func (q Query) checkPeriod() error {
	if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
		return avenir.FieldError("to", "The period must end after it starts.")
	}
	return nil
}

// Actions lists the actions the actor may read that the query selects,
// newest first, a page at a time. Nothing the actor may not read is
// listed or counted, whatever the query.
func (s *Service) Actions(ctx context.Context, actor avenir.Actor, q Query, page avenir.PageRequest) (avenir.Page[Action], error) {
	f := s.viewerFilter(actor)
	f.Kinds, f.Category, f.Committee, f.Active = q.Kinds, strings.TrimSpace(q.Category), q.Committee, q.Active
	f.Commune = strings.ToUpper(strings.TrimSpace(q.Commune))
	f.Department = strings.ToUpper(strings.TrimSpace(q.Department))
	f.Region = strings.TrimSpace(q.Region)
	f.Statuses = q.Statuses
	if err := q.checkPeriod(); err != nil {
		return avenir.Page[Action]{}, err
	}
	f.From, f.To = q.From, q.To
	if len(f.Statuses) == 0 {
		f.Statuses = []Status{StatusPublished, StatusInProgress}
	}
	for _, st := range f.Statuses {
		if !st.Valid() {
			return avenir.Page[Action]{}, avenir.FieldError("status", "The status %q is not known.", string(st))
		}
	}
	for _, k := range f.Kinds {
		if k != Offer && k != Request && k != Collective {
			return avenir.Page[Action]{}, avenir.FieldError("kind", "The kind %q is not known: offer, request or collective.", string(k))
		}
	}
	return s.page(ctx, f, page)
}

// Mine lists the actions the actor wrote, every status, newest first.
func (s *Service) Mine(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[Action], error) {
	if actor.IsAnonymous() {
		return avenir.Page[Action]{}, avenir.ErrUnauthenticated
	}
	f := s.viewerFilter(actor)
	f.Author = actor.ID
	return s.page(ctx, f, page)
}

// Volunteering lists the actions the actor signed up to (and may still
// read), newest first.
func (s *Service) Volunteering(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[Action], error) {
	if actor.IsAnonymous() {
		return avenir.Page[Action]{}, avenir.ErrUnauthenticated
	}
	f := s.viewerFilter(actor)
	f.Volunteer = actor.ID
	return s.page(ctx, f, page)
}

// Queue lists the submitted actions the actor may validate, oldest first
// would starve no one, but the newest first keeps one order everywhere.
func (s *Service) Queue(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[Action], error) {
	if actor.IsAnonymous() {
		return avenir.Page[Action]{}, avenir.ErrUnauthenticated
	}
	f := s.viewerFilter(actor)
	if !f.AllValidation && !f.AnyCommittee && len(f.Validates) == 0 {
		return avenir.Page[Action]{}, avenir.ErrForbidden
	}
	// Only what the actor validates: not their own submissions, which the
	// viewer filter also lets through.
	f.Viewer = avenir.ID{}
	f.Visibility = avenir.Visibility{}
	f.Statuses = []Status{StatusSubmitted}
	return s.page(ctx, f, page)
}

// viewerFilter is the SQL twin of maySee: what the actor may read.
func (s *Service) viewerFilter(actor avenir.Actor) Filter {
	f := Filter{Visibility: actor.Visibility()}
	if actor.IsAnonymous() {
		return f
	}
	f.Viewer = actor.ID
	if !actor.InGoodStanding() {
		return f
	}
	f.AllValidation = actor.Has(avenir.RoleModerator, avenir.NetworkScope())
	f.AnyCommittee = actor.Has(avenir.RoleAnimator, avenir.NetworkScope())
	for _, g := range actor.Grants {
		if g.Role == avenir.RoleAnimator && g.Scope.Kind == avenir.ScopeCommittee {
			f.Validates = append(f.Validates, g.Scope.ID)
		}
	}
	return f
}

func (s *Service) page(ctx context.Context, f Filter, page avenir.PageRequest) (avenir.Page[Action], error) {
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Action]{}, err
	}
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, actionsCursor, &f.AfterID); err != nil {
			return avenir.Page[Action]{}, err
		}
	}
	f.Limit = size + 1
	rows, err := s.store.Actions(ctx, f)
	if err != nil {
		return avenir.Page[Action]{}, err
	}
	return avenir.NewPage(rows, size, actionsCursor, func(a Action) []any { return []any{a.ID} }), nil
}

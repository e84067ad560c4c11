package solidarity

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Store keeps what the solidarity package owns. The storage package
// implements it on PostgreSQL and SQLite (db.Solidarity()); every method
// joins the transaction carried in ctx by InTx. Methods return avenir
// errors: not_found for a missing row, conflict for a duplicate.
type Store interface {
	// InTx runs fn in one transaction carried in ctx.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// Record writes domain events to the outbox.
	Record(ctx context.Context, events ...avenir.Event) error

	// CreateAction writes an action with its shifts.
	CreateAction(ctx context.Context, a Action) error
	// UpdateAction writes every field of an action, its counters and its
	// shifts' counters included (shifts are not added or removed).
	UpdateAction(ctx context.Context, a Action) error
	// SetShifts replaces an action's shifts by these: a draft's, to which
	// no sign-up refers yet.
	SetShifts(ctx context.Context, action avenir.ID, shifts []Shift) error
	Action(ctx context.Context, id avenir.ID) (Action, error)
	// LockAction reads an action and holds its row lock until the
	// transaction ends, so that sign-ups and acceptances are applied one at
	// a time (PostgreSQL: SELECT … FOR UPDATE; SQLite's transactions take
	// the write lock when they begin).
	LockAction(ctx context.Context, id avenir.ID) (Action, error)
	// Actions lists actions by the filter, newest first (ID descending:
	// IDs are UUIDv7, ordered by creation).
	Actions(ctx context.Context, f Filter) ([]Action, error)
	// Due returns up to n actions in one of the statuses whose end passed
	// before t, for the expiry job.
	Due(ctx context.Context, statuses []Status, t time.Time, n int) ([]avenir.ID, error)

	// Volunteer returns a person's sign-up to an action, not_found when none.
	Volunteer(ctx context.Context, action, member avenir.ID) (Volunteer, error)
	// PutVolunteer writes a sign-up, new or changed. Two waitlist positions
	// of one slot (action and shift) never compare equal (a unique index).
	PutVolunteer(ctx context.Context, v Volunteer) error
	// Volunteers lists an action's sign-ups in order of arrival; statuses
	// empty: every status.
	Volunteers(ctx context.Context, action avenir.ID, statuses ...VolunteerStatus) ([]Volunteer, error)
	// Waitlist returns the first n waitlisted sign-ups of a slot, in order.
	Waitlist(ctx context.Context, action avenir.ID, shift, n int) ([]Volunteer, error)
	// MemberVolunteering returns a member's sign-ups, for "my actions",
	// export and erasure.
	MemberVolunteering(ctx context.Context, member avenir.ID) ([]Volunteer, error)
	// DeleteMemberVolunteering removes a member's sign-ups (erasure).
	DeleteMemberVolunteering(ctx context.Context, member avenir.ID) error
	// Impact sums up the completed actions the filter selects (within
	// its viewer's reach, as Actions), grouped by the dimension.
	Impact(ctx context.Context, f Filter, by Dimension) ([]ImpactRow, error)
	// MembersByID reads members, for names and contact details.
	MembersByID(ctx context.Context, ids ...avenir.ID) ([]membership.Member, error)
}

// Filter selects actions. Zero fields do not filter.
type Filter struct {
	Kinds       []Kind
	Category    string
	Commune     string
	Department  string
	Region      string
	Communes    []string // any of them (near me)
	Departments []string // any of them (near me)
	Online      *bool
	// CompletedFrom and CompletedTo select actions completed in [from, to).
	CompletedFrom, CompletedTo time.Time
	Committee                  avenir.ID
	Statuses                   []Status
	Author                     avenir.ID
	Volunteer                  avenir.ID // actions the member signed up to
	// Active selects actions whose end is not before it (open-ended ones
	// included); zero: any date.
	Active time.Time
	// From and To select actions whose dates, from Starts to Ends, meet
	// the period [From, To): those not over before From and not begun by
	// To, an open-ended side meeting every date. Either may be zero.
	From, To time.Time
	// Viewer restricts the list to what maySee lets the viewer read: the
	// listed statuses within the viewer's Visibility, the viewer's own
	// actions, and those waiting in Validates.
	Viewer     avenir.ID
	Visibility avenir.Visibility
	// Validates lists the committees whose submitted or rejected actions
	// the viewer may read; AllValidation: every committee's (a network
	// moderator or an admin).
	Validates     []avenir.ID
	AnyCommittee  bool // every committee's (an animator at network scope)
	AllValidation bool
	AfterID       avenir.ID
	Limit         int
}

package committee

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Store keeps what the committee package owns. The storage package
// implements it on PostgreSQL and SQLite (db.Committees()); every method
// joins the transaction carried in ctx by InTx. Methods return avenir
// errors: not_found for a missing row, conflict for a duplicate.
type Store interface {
	// InTx runs fn in one transaction carried in ctx.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// Record writes domain events to the outbox.
	Record(ctx context.Context, events ...avenir.Event) error
	AffiliationStore
	EventStore

	// CreateCommittee writes a committee and its territory. A second
	// active national committee, or a slug in use, is a conflict.
	CreateCommittee(ctx context.Context, c Committee) error
	// UpdateCommittee writes every field of a committee, its territory
	// included.
	UpdateCommittee(ctx context.Context, c Committee) error
	Committee(ctx context.Context, id avenir.ID) (Committee, error)
	CommitteeBySlug(ctx context.Context, slug string) (Committee, error)
	// CommitteeForUpdate reads a committee and locks its row until the
	// transaction ends (a no-op lock on SQLite, whose writers are serial).
	CommitteeForUpdate(ctx context.Context, id avenir.ID) (Committee, error)
	// Committees lists the committees the filter selects, in tree order
	// of kinds (national, federation, local, abroad), then by name.
	Committees(ctx context.Context, f Filter) ([]Committee, error)
	// Subtree returns the active committee id and every active committee
	// below it, the committee first, then level by level.
	Subtree(ctx context.Context, id avenir.ID) ([]Committee, error)
	// Ancestors returns the committees above id, its parent first and the
	// root last.
	Ancestors(ctx context.Context, id avenir.ID) ([]Committee, error)
	// Animators returns the members in good standing who hold the animator
	// role over the committee itself (not above it) at now, by name.
	Animators(ctx context.Context, committee avenir.ID, now time.Time) ([]membership.Member, error)
	// Covering returns the active national committee and the active
	// committees whose territory lists one of the communes, departments or
	// countries.
	Covering(ctx context.Context, communes, departments, countries []string) ([]Committee, error)
}

// Filter selects committees. Zero fields do not filter.
type Filter struct {
	IDs      []avenir.ID
	Parent   avenir.ID // the children of this committee
	Kinds    []Kind
	Archived bool // include archived committees
}

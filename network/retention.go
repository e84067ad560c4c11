package network

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// RetentionStore finds the members whose data the retention period says to
// erase.
type RetentionStore interface {
	// Lapsed lists, by ID after after, at most limit members whose status
	// is lapsed or left and has not changed since before; a lapsed
	// member's membership (if any) must also have ended before it (a
	// member imported as lapsed has no status change to go by).
	Lapsed(ctx context.Context, before time.Time, after avenir.ID, limit int) ([]avenir.ID, error)
}

// retentionBatch is how many members EraseDue erases per read of the list.
const retentionBatch = 100

// SystemID is the ID the network's own jobs act under (the retention job):
// it is no member's. An erasure the job made names it as its requester,
// and the audit entry as its actor.
var SystemID = avenir.ID{15: 1}

// system is the actor of the network's jobs: an admin that is no member.
var system = avenir.Actor{ID: SystemID, Status: avenir.StatusActive, Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}

// lapsedCutoff is the date before which a lapse makes a member due for
// erasure; ok is false when the network keeps lapsed members.
func (n *Network) lapsedCutoff() (time.Time, bool) {
	months := n.Config.Retention.EraseLapsedAfterMonths
	if months == 0 {
		return time.Time{}, false
	}
	return n.opts.clock.Now().AddDate(0, -months, 0), true
}

// DueForErasure lists, for an admin, the members whose membership lapsed
// (or who left) longer ago than Config.Retention.EraseLapsedAfterMonths:
// those EraseDue will erase. Empty when the network keeps them.
func (n *Network) DueForErasure(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[membership.Member], error) {
	if !actor.IsAdmin() {
		return avenir.Page[membership.Member]{}, avenir.ErrForbidden
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[membership.Member]{}, err
	}
	cutoff, ok := n.lapsedCutoff()
	if !ok {
		return avenir.Page[membership.Member]{}, nil
	}
	var after avenir.ID
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, dueCursor, &after); err != nil {
			return avenir.Page[membership.Member]{}, err
		}
	}
	ids, err := n.backend.Retention().Lapsed(ctx, cutoff, after, size+1)
	if err != nil {
		return avenir.Page[membership.Member]{}, err
	}
	members := make([]membership.Member, 0, len(ids))
	for _, id := range ids {
		m, err := n.backend.Members().Member(ctx, id)
		if err != nil {
			return avenir.Page[membership.Member]{}, err
		}
		members = append(members, m)
	}
	return avenir.NewPage(members, size, dueCursor, func(m membership.Member) []any { return []any{m.ID} }), nil
}

const dueCursor = "network.due"

// EraseDue erases the members due for erasure, one transaction each, and
// returns how many it erased. It is a job to run periodically, safe on
// several servers at once: each erasure locks its member and checks again
// that they are still due (a member who renewed meanwhile is left alone; one
// another server erased is skipped). Each erasure is audited with SystemID
// as its actor.
func (n *Network) EraseDue(ctx context.Context) (int, error) {
	cutoff, ok := n.lapsedCutoff()
	if !ok {
		return 0, nil
	}
	erased := 0
	var after avenir.ID
	for {
		ids, err := n.backend.Retention().Lapsed(ctx, cutoff, after, retentionBatch)
		if err != nil {
			return erased, err
		}
		for _, id := range ids {
			done, err := n.eraseIfDue(ctx, id, cutoff)
			if err != nil {
				return erased, err
			}
			if done {
				erased++
			}
		}
		if len(ids) < retentionBatch {
			return erased, nil
		}
		after = ids[len(ids)-1]
	}
}

// eraseIfDue erases a member if, under the lock of their row, they are still
// due.
func (n *Network) eraseIfDue(ctx context.Context, id avenir.ID, cutoff time.Time) (bool, error) {
	erased := false
	err := n.Audit.store.InTx(ctx, func(ctx context.Context) error {
		if _, err := n.backend.Members().MemberForUpdate(ctx, id); err != nil {
			return err
		}
		still, err := n.backend.Retention().Lapsed(ctx, cutoff, before(id), 1)
		if err != nil || len(still) == 0 || still[0] != id {
			return err // renewed, or erased by another server meanwhile
		}
		if _, err := n.erase(ctx, system, id); err != nil {
			return err
		}
		erased = true
		return nil
	})
	return erased, err
}

// before returns the ID just below id, so that a list "after" it starts at
// id.
func before(id avenir.ID) avenir.ID {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] > 0 {
			id[i]--
			return id
		}
		id[i] = 0xff
	}
	return id
}

// ExpireAudit removes the audit entries older than
// Config.Retention.AuditYears and returns how many; nothing when the
// network keeps them. A job to run periodically, safe on several servers.
func (n *Network) ExpireAudit(ctx context.Context) (int, error) {
	years := n.Config.Retention.AuditYears
	if years == 0 {
		return 0, nil
	}
	return n.Audit.store.PurgeAudit(ctx, n.opts.clock.Now().AddDate(-years, 0, 0))
}

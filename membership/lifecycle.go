package membership

import (
	"slices"
	"time"

	"github.com/avenirnet/avenir"
)

// transitions is the lifecycle: for each status, the statuses it may move to.
// It is the one table of the state machine; every change of status goes
// through CanTransition.
//
//	supporter ─join─► applicant ─pay/approve─► active ─expiry─► grace ─► lapsed
//	    ▲                                        ▲  └────────renew────────┘  │
//	    └──────────────── rejoin/renew ──────────┴────────────────────────────┘
//	any living status ─► suspended (admin, reason, optional end) ─► back
//	any living status ─► left (resigned) ─► erased (terminal)
var transitions = map[avenir.Status][]avenir.Status{
	avenir.StatusSupporter: {avenir.StatusApplicant, avenir.StatusActive, avenir.StatusSuspended, avenir.StatusLeft, avenir.StatusErased},
	avenir.StatusApplicant: {avenir.StatusSupporter, avenir.StatusActive, avenir.StatusSuspended, avenir.StatusLeft, avenir.StatusErased},
	avenir.StatusActive:    {avenir.StatusGrace, avenir.StatusSuspended, avenir.StatusLeft, avenir.StatusErased},
	avenir.StatusGrace:     {avenir.StatusActive, avenir.StatusLapsed, avenir.StatusSuspended, avenir.StatusLeft, avenir.StatusErased},
	avenir.StatusLapsed:    {avenir.StatusSupporter, avenir.StatusApplicant, avenir.StatusActive, avenir.StatusSuspended, avenir.StatusLeft, avenir.StatusErased},
	avenir.StatusSuspended: {avenir.StatusSupporter, avenir.StatusActive, avenir.StatusGrace, avenir.StatusLapsed, avenir.StatusLeft, avenir.StatusErased},
	avenir.StatusLeft:      {avenir.StatusSupporter, avenir.StatusApplicant, avenir.StatusErased},
	avenir.StatusErased:    {},
}

// CanTransition reports whether a member may move from one status to another.
// Staying in the same status is not a transition.
func CanTransition(from, to avenir.Status) bool { return slices.Contains(transitions[from], to) }

// Transition is one recorded change of status: who moved whom, when and why.
type Transition struct {
	ID     avenir.ID     `json:"id"`
	Member avenir.ID     `json:"member"`
	From   avenir.Status `json:"from"`
	To     avenir.Status `json:"to"`
	Actor  avenir.ID     `json:"actor,omitzero"` // zero for the system (expiry, end of a suspension)
	Reason string        `json:"reason,omitempty"`
	At     time.Time     `json:"at"`
}

// checkTransition returns a conflict error, with a message for people, when
// the move is not allowed.
func checkTransition(from, to avenir.Status) error {
	if !to.Valid() {
		return avenir.FieldError("status", "The status %q is not known.", string(to))
	}
	if !CanTransition(from, to) {
		return avenir.Errorf(avenir.CodeConflict, "A member cannot go from %s to %s.", string(from), string(to))
	}
	return nil
}

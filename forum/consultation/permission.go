package consultation

import (
	"slices"

	"github.com/avenirnet/avenir"
)

// CanRead reports whether the actor may see the consultation and all it
// holds: its audience says so.
func CanRead(a avenir.Actor, c Consultation) bool { return c.Audience.Allows(a) }

// CanTakePart reports whether the actor may contribute, amend, support and
// vote: a member in good standing who may read the consultation.
func CanTakePart(a avenir.Actor, c Consultation) bool { return a.InGoodStanding() && CanRead(a, c) }

// CanDraft reports whether the actor speaks for the drafting group: one of
// its members, or an admin, in good standing.
func CanDraft(a avenir.Actor, c Consultation) bool {
	return a.IsAdmin() || (a.InGoodStanding() && slices.Contains(c.Drafters, a.ID))
}

// mayAct checks that the actor may take part and that the phase at hand
// allows the action; acting outside the phase is a conflict.
func mayAct(a avenir.Actor, c Consultation, act Action) error {
	if a.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !CanRead(a, c) {
		return avenir.ErrNotFound
	}
	if !a.InGoodStanding() {
		return avenir.Errorf(avenir.CodeForbidden, "Only members in good standing may take part in a consultation.")
	}
	if !Allowed(c.Phase, act) {
		return errPhase
	}
	return nil
}

// errPhase is the answer to an action the phase does not allow.
var errPhase = avenir.Errorf(avenir.CodeConflict, "The consultation's current phase does not allow this.")

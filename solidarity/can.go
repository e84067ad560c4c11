package solidarity

import "github.com/avenirnet/avenir"

// CanValidate reports whether the actor validates or rejects the action
// when it is submitted, and may cancel it: an animator of its committee
// (or above it), a network moderator, an admin. A page uses it to show the
// buttons; the Service checks again.
func CanValidate(actor avenir.Actor, a Action) bool { return mayValidate(actor, a) }

// CanOrganise reports whether the actor runs the action: accepts and
// declines its volunteers, starts, completes and cancels it. Its author
// does, and for a collective action the animators of its committee.
func CanOrganise(actor avenir.Actor, a Action) bool { return mayOrganise(actor, a) }

package solidarity

import "github.com/avenirnet/avenir"

// The permission rules of the package, pure functions of an actor and an
// action. They expect an actor built by committee.Service.Actor, in which an
// animator grant held at a node of the tree is listed for every committee
// below it.

// mayValidate reports whether the actor validates the action: an animator
// of its committee (or above it), or a moderator of the network (the
// solidarity moderators: avenir.RoleModerator at network scope), or an admin.
func mayValidate(actor avenir.Actor, a Action) bool {
	if actor.Has(avenir.RoleModerator, avenir.NetworkScope()) {
		return true
	}
	return !a.Committee.IsZero() && actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(a.Committee))
}

// maySee reports whether the actor may read the action. Once published, an
// action is its audience's; before that (and when rejected, or cancelled
// before it was published) only its author and its validators see it, and
// a draft only its author.
func maySee(actor avenir.Actor, a Action) bool {
	if !actor.IsAnonymous() && a.Author == actor.ID {
		return true
	}
	switch {
	case a.Status.listed() || a.Status == StatusCancelled && !a.PublishedAt.IsZero():
		return a.Audience.Allows(actor)
	case a.Status == StatusDraft:
		return false
	default:
		return mayValidate(actor, a)
	}
}

// mayOrganise reports whether the actor runs the action: its author, and
// for a collective action the animators of its committee too.
func mayOrganise(actor avenir.Actor, a Action) bool {
	if actor.IsAnonymous() || !actor.Registered() {
		return false
	}
	if a.Author == actor.ID {
		return true
	}
	return a.Kind == Collective && !a.Committee.IsZero() && actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(a.Committee))
}

// mayPropose reports whether the actor may propose an action of the kind
// for the committee: anyone signed in offers or asks for help; a collective
// action is a committee's, proposed by one of its animators.
func mayPropose(actor avenir.Actor, kind Kind, committee avenir.ID) bool {
	if !actor.Registered() {
		return false
	}
	if kind != Collective {
		return true
	}
	return !committee.IsZero() && actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(committee))
}

// mayVolunteer reports whether the actor may sign up to the action:
// members in good standing, and supporters when the network allows it;
// never its author.
func mayVolunteer(actor avenir.Actor, a Action, supporters bool) bool {
	if actor.IsAnonymous() || a.Author == actor.ID || !maySee(actor, a) {
		return false
	}
	if actor.InGoodStanding() {
		return true
	}
	return supporters && actor.Registered() && actor.Status == avenir.StatusSupporter
}

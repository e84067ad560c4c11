package committee

import "github.com/avenirnet/avenir"

// The permission rules of the package, pure functions of an actor and what
// they act on. They expect an actor built by Service.Actor, in which a grant
// held at a node of the tree is listed for every committee below it.

// CanAnimate reports whether the actor leads the committee: an animator of
// it or of a committee above it, or an admin.
func CanAnimate(actor avenir.Actor, committee avenir.ID) bool {
	return actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(committee))
}

// CanRestructure reports whether the actor may change where a committee
// sits and what it covers (create it, move it, change its territory, merge
// or archive it): the animators of its parent, since a committee's own
// animators must not widen their own ground; admins for the national one.
func CanRestructure(actor avenir.Actor, kind Kind, parent avenir.ID) bool {
	if kind == National || parent.IsZero() {
		return actor.IsAdmin()
	}
	return CanAnimate(actor, parent)
}

// CanListMembers reports whether the actor may list the members of a
// committee with their contact details (where each consented): its
// animators and those above.
func CanListMembers(actor avenir.Actor, c Committee) bool { return CanAnimate(actor, c.ID) }

// CanListFellows reports whether the actor may see the names of the
// members of a committee as a fellow member: the committee shows its list to
// its members, and the actor is one, in good standing.
func CanListFellows(actor avenir.Actor, c Committee) bool {
	return c.MembersVisible && actor.InGoodStanding() && actor.BelongsTo(c.ID)
}

// CanSeeCounts reports whether the actor may see how many members the
// committees have: members in good standing. The size of a small
// committee is not for visitors: with a commune it narrows who may be a
// member (party membership is special-category data, GDPR art. 9).
func CanSeeCounts(actor avenir.Actor) bool { return actor.InGoodStanding() || actor.IsAdmin() }

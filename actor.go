package avenir

import "slices"

// Status is where a person stands in the membership lifecycle. The
// membership package owns the transitions between statuses; the status itself
// is shared vocabulary because every permission rule depends on it.
type Status string

// The membership statuses.
const (
	StatusSupporter Status = "supporter" // registered, not a member (sympathisant)
	StatusApplicant Status = "applicant" // joined, awaiting payment or approval
	StatusActive    Status = "active"    // member in good standing (adhérent à jour)
	StatusGrace     Status = "grace"     // membership expired, still in the grace period
	StatusLapsed    Status = "lapsed"    // membership expired past the grace period
	StatusSuspended Status = "suspended" // suspended by an admin
	StatusLeft      Status = "left"      // resigned
	StatusErased    Status = "erased"    // personal data removed; a tombstone remains
)

// Statuses lists every status, in lifecycle order.
var Statuses = []Status{StatusSupporter, StatusApplicant, StatusActive, StatusGrace, StatusLapsed, StatusSuspended, StatusLeft, StatusErased}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// InGoodStanding reports whether the status gives members-only rights:
// reading members-only content, supporting, voting and holding a role.
func (s Status) InGoodStanding() bool { return s == StatusActive || s == StatusGrace }

// Role is what a grant lets a person do.
type Role string

// The roles.
const (
	RoleAdmin     Role = "admin"     // runs the network; network-wide only
	RoleModerator Role = "moderator" // moderates the network's or one forum's content
	RoleAnimator  Role = "animator"  // leads a committee (and the committees below it)
	RoleReferent  Role = "referent"  // refers for a department
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RoleModerator, RoleAnimator, RoleReferent}

// ScopeKind says over what a grant applies.
type ScopeKind string

// The scope kinds.
const (
	ScopeNetwork    ScopeKind = "network"
	ScopeCommittee  ScopeKind = "committee"
	ScopeForum      ScopeKind = "forum"
	ScopeDepartment ScopeKind = "department"
)

// Scope is where a grant applies: the whole network, one committee, one forum
// or one department (by its code, such as "69" or "2A").
type Scope struct {
	Kind ScopeKind `json:"kind"`
	ID   ID        `json:"id,omitzero"`    // the committee or forum, for those kinds
	Code string    `json:"code,omitempty"` // the department code, for ScopeDepartment
}

// NetworkScope is the whole network.
func NetworkScope() Scope { return Scope{Kind: ScopeNetwork} }

// CommitteeScope is one committee.
func CommitteeScope(id ID) Scope { return Scope{Kind: ScopeCommittee, ID: id} }

// ForumScope is one forum.
func ForumScope(id ID) Scope { return Scope{Kind: ScopeForum, ID: id} }

// DepartmentScope is one department, by code.
func DepartmentScope(code string) Scope { return Scope{Kind: ScopeDepartment, Code: code} }

// Covers reports whether a grant over s applies to o: the network covers
// everything; any other scope covers only itself.
func (s Scope) Covers(o Scope) bool {
	if s.Kind == ScopeNetwork {
		return true
	}
	return s == o
}

// Grant is a role over a scope.
type Grant struct {
	Role  Role
	Scope Scope
}

// Actor is the person on whose behalf a read or a write happens. The zero
// Actor is an anonymous visitor.
//
// An Actor is built by whoever authenticates the request (network.New gives
// one builder); it is a snapshot of facts, not a live view:
//   - Grants are the grants in force. A committee grant is listed for the
//     committee it was given on and for every committee below it, since a
//     role held at a node of the committee tree applies below it.
//   - Committees are the committees the person belongs to.
//
// Grants give powers only while the status is in good standing, so that a
// suspension or a lapse makes them inert without deleting them.
type Actor struct {
	ID         ID
	Status     Status
	Grants     []Grant
	Committees []ID
}

// Anonymous is the actor of a visitor who has not signed in.
var Anonymous = Actor{}

// IsAnonymous reports whether the actor has not signed in.
func (a Actor) IsAnonymous() bool { return a.ID.IsZero() }

// Registered reports whether the actor is a signed-in person who may take
// part as a registered user: neither anonymous, suspended, nor erased.
func (a Actor) Registered() bool {
	return !a.IsAnonymous() && a.Status.Valid() && a.Status != StatusSuspended && a.Status != StatusErased
}

// InGoodStanding reports whether the actor is a member in good standing.
func (a Actor) InGoodStanding() bool { return !a.IsAnonymous() && a.Status.InGoodStanding() }

// Has reports whether the actor holds role over scope. A network admin holds
// every role everywhere. Grants count only in good standing.
func (a Actor) Has(role Role, scope Scope) bool {
	if !a.InGoodStanding() {
		return false
	}
	for _, g := range a.Grants {
		if g.Role == RoleAdmin && g.Scope.Kind == ScopeNetwork {
			return true
		}
		if g.Role == role && g.Scope.Covers(scope) {
			return true
		}
	}
	return false
}

// IsAdmin reports whether the actor is a network admin in good standing.
func (a Actor) IsAdmin() bool { return a.Has(RoleAdmin, NetworkScope()) }

// BelongsTo reports whether the actor is affiliated to the committee.
func (a Actor) BelongsTo(committee ID) bool { return slices.Contains(a.Committees, committee) }

package forum

import (
	"github.com/avenirnet/avenir"
)

// The permission rules of forums are pure functions of an actor and the
// content, so that they can be tested as tables; lists and search apply
// their SQL twin, built from a Reader, inside the query. The tests hold the
// two to the same answers for every role and every audience.
//
//   - A forum is readable by its audience (avenir.Audience.Allows) and by
//     whoever moderates it: its forum moderators, the network's moderators
//     and the admins.
//   - In a readable forum, a published thread or post is readable by all;
//     a pending or hidden one by its author and the moderators; a deleted
//     one by the moderators only (they decide appeals on it). A post is
//     readable only in a readable thread.

// CanModerate reports whether the actor moderates the forum: a moderator of
// that forum or of the network, or an admin, in good standing.
func CanModerate(a avenir.Actor, forum avenir.ID) bool {
	return a.Has(avenir.RoleModerator, avenir.ForumScope(forum))
}

// CanReadForum reports whether the actor may read the forum.
func CanReadForum(a avenir.Actor, f Forum) bool {
	return f.Audience.Allows(a) || CanModerate(a, f.ID)
}

// CanReadThread reports whether the actor may read the thread of forum f.
func CanReadThread(a avenir.Actor, f Forum, t Thread) bool {
	return CanReadForum(a, f) && stateVisible(a, f.ID, t.State, t.Author)
}

// CanRead reports whether the actor may read post p of thread t in forum f.
// It allocates nothing: a thread page calls it once a post.
func CanRead(a avenir.Actor, f Forum, t Thread, p Post) bool {
	return CanReadThread(a, f, t) && stateVisible(a, f.ID, p.State, p.Author)
}

// stateVisible is the rule on states inside a readable forum.
func stateVisible(a avenir.Actor, forum avenir.ID, state State, author avenir.ID) bool {
	switch state {
	case Published:
		return true
	case Pending, Hidden:
		if !a.IsAnonymous() && a.ID == author {
			return true
		}
	}
	return CanModerate(a, forum)
}

// Reader is what an actor may read, in the form a query filter needs. The
// store turns it into a WHERE clause; [ReaderOf] builds it.
type Reader struct {
	Actor      avenir.ID         // the reader (zero for a visitor): sees their own pending and hidden posts
	Visibility avenir.Visibility // the audiences the reader is in
	// ModeratesAll: a network moderator or an admin, who reads and
	// moderates every forum and every state.
	ModeratesAll bool
	Moderates    []avenir.ID // the forums the reader moderates
}

// ReaderOf returns what the actor may read: the SQL twin of CanReadForum,
// CanReadThread and CanRead.
func ReaderOf(a avenir.Actor) Reader {
	r := Reader{Actor: a.ID, Visibility: a.Visibility(), ModeratesAll: a.Has(avenir.RoleModerator, avenir.NetworkScope())}
	if r.ModeratesAll || !a.InGoodStanding() {
		return r
	}
	for _, g := range a.Grants {
		if g.Role == avenir.RoleModerator && g.Scope.Kind == avenir.ScopeForum {
			r.Moderates = append(r.Moderates, g.Scope.ID)
		}
	}
	return r
}

// ModeratorRole is how a decision's author is shown: by role, never by name.
type ModeratorRole string

// The roles shown in the moderation log.
const (
	RoleForumModerator   ModeratorRole = "forum_moderator"
	RoleNetworkModerator ModeratorRole = "network_moderator"
	RoleAdmin            ModeratorRole = "admin"
)

// roleOf names the role under which a moderator of the forum acts.
func roleOf(a avenir.Actor) ModeratorRole {
	if a.IsAdmin() {
		return RoleAdmin
	}
	for _, g := range a.Grants {
		if g.Role == avenir.RoleModerator && g.Scope.Kind == avenir.ScopeNetwork {
			return RoleNetworkModerator
		}
	}
	return RoleForumModerator
}

// mayWrite returns why the actor may not write in forum f: unauthenticated
// for a visitor, not_found for a forum they may not read, forbidden for a
// person who may not take part (suspended, erased).
func mayWrite(a avenir.Actor, f Forum) error {
	if a.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !CanReadForum(a, f) {
		return avenir.ErrNotFound
	}
	if !a.Registered() {
		return avenir.ErrForbidden
	}
	return nil
}

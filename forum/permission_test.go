package forum_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// Fixed identifiers, so that failures read the same from one run to the next.
var (
	forumF     = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000ff")
	forumG     = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000ee")
	committeeC = avenir.MustParseID("01936b2e-0000-7000-8000-00000000000c")
	committeeD = avenir.MustParseID("01936b2e-0000-7000-8000-00000000000d")
	personID   = avenir.MustParseID("01936b2e-0000-7000-8000-000000000001")
	otherID    = avenir.MustParseID("01936b2e-0000-7000-8000-000000000002")
)

func roleActor(status avenir.Status, committees []avenir.ID, grants ...avenir.Grant) avenir.Actor {
	return avenir.Actor{ID: personID, Status: status, Committees: committees, Grants: grants}
}

func moderatorOf(scope avenir.Scope) avenir.Grant {
	return avenir.Grant{Role: avenir.RoleModerator, Scope: scope}
}

// role is one row of the permission table: an actor, the audiences of a
// forum they may read (by kind), and whether they moderate forum F.
type role struct {
	name      string
	actor     avenir.Actor
	reads     string // audience kinds of forum F the actor reads, space-separated
	moderates bool
}

// roles covers every role of the issue, with grants made inert by a status
// and grants over another forum or committee. The expectations are written
// by hand: they are the specification.
func roles() []role {
	return []role{
		{"anonymous", avenir.Anonymous, "public", false},
		{"applicant", roleActor(avenir.StatusApplicant, nil), "public registered", false},
		{"supporter", roleActor(avenir.StatusSupporter, nil), "public registered", false},
		{"active member", roleActor(avenir.StatusActive, nil), "public registered members", false},
		{"grace member", roleActor(avenir.StatusGrace, nil), "public registered members", false},
		{"lapsed member", roleActor(avenir.StatusLapsed, nil), "public registered", false},
		{"suspended member", roleActor(avenir.StatusSuspended, []avenir.ID{committeeC}), "public", false},
		{"committee member", roleActor(avenir.StatusActive, []avenir.ID{committeeC}), "public registered members committee", false},
		{"lapsed committee member", roleActor(avenir.StatusLapsed, []avenir.ID{committeeC}), "public registered", false},
		{"member of another committee", roleActor(avenir.StatusActive, []avenir.ID{committeeD}), "public registered members", false},
		// The actor lists an animator's grant on every committee below
		// theirs: the animator above C holds it on C.
		{"animator above", roleActor(avenir.StatusActive, []avenir.ID{committeeD},
			avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeD)},
			avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeC)}), "public registered members committee", false},
		{"forum moderator", roleActor(avenir.StatusActive, nil, moderatorOf(avenir.ForumScope(forumF))), "public registered members committee moderators", true},
		{"moderator of another forum", roleActor(avenir.StatusActive, nil, moderatorOf(avenir.ForumScope(forumG))), "public registered members", false},
		{"suspended forum moderator", roleActor(avenir.StatusSuspended, nil, moderatorOf(avenir.ForumScope(forumF))), "public", false},
		{"network moderator", roleActor(avenir.StatusActive, nil, moderatorOf(avenir.NetworkScope())), "public registered members committee moderators", true},
		{"admin", roleActor(avenir.StatusActive, nil, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}), "public registered members committee moderators", true},
		{"lapsed admin", roleActor(avenir.StatusLapsed, nil, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}), "public registered", false},
	}
}

// audiences are the audiences a forum F may have.
func audiences() []avenir.Audience {
	return []avenir.Audience{avenir.Public, avenir.Registered, avenir.Members, avenir.CommitteeAudience(committeeC), avenir.ForumModerators(forumF)}
}

var states = []forum.State{forum.Published, forum.Pending, forum.Hidden, forum.Deleted}

// want is the rule of the issue for one post: readable forum, then
// published to all, pending and hidden to the author and the moderators,
// deleted to the moderators.
func want(r role, aud avenir.Audience, state forum.State, own bool) bool {
	if !strings.Contains(" "+r.reads+" ", " "+string(aud.Kind)+" ") {
		return false
	}
	switch state {
	case forum.Published:
		return true
	case forum.Pending, forum.Hidden:
		return r.moderates || own
	default:
		return r.moderates
	}
}

func TestPermissionTable(t *testing.T) {
	for _, r := range roles() {
		t.Run(r.name, func(t *testing.T) {
			assert.Equal(t, r.moderates, forum.CanModerate(r.actor, forumF), "moderates F")
			for _, aud := range audiences() {
				f := forum.Forum{ID: forumF, Audience: aud}
				assert.Equal(t, want(r, aud, forum.Published, false), forum.CanReadForum(r.actor, f), "forum %s", aud)
				for _, state := range states {
					for _, own := range []bool{false, true} {
						if own && r.actor.IsAnonymous() {
							continue // a visitor owns nothing
						}
						author := otherID
						if own {
							author = r.actor.ID
						}
						th := forum.Thread{ID: avenir.NewID(), Forum: forumF, Author: otherID, State: forum.Published}
						p := forum.Post{Forum: forumF, Author: author, State: state}
						assert.Equal(t, want(r, aud, state, own), forum.CanRead(r.actor, f, th, p), "%s post, own=%v, audience %s", state, own, aud)
						// A post is readable only in a readable thread.
						th.State, th.Author = state, author
						p.State = forum.Published
						assert.Equal(t, want(r, aud, state, own), forum.CanReadThread(r.actor, f, th), "%s thread, own=%v, audience %s", state, own, aud)
						assert.Equal(t, want(r, aud, state, own), forum.CanRead(r.actor, f, th, p), "post of a %s thread, own=%v, audience %s", state, own, aud)
					}
				}
			}
		})
	}
}

func TestZeroAudienceReadsNobodyButModerators(t *testing.T) {
	f := forum.Forum{ID: forumF}
	for _, r := range roles() {
		assert.Equal(t, r.moderates, forum.CanReadForum(r.actor, f), r.name)
	}
}

// TestCanReadAllocatesNothing: the check runs once a post on every thread
// page.
func TestCanReadAllocatesNothing(t *testing.T) {
	a := roleActor(avenir.StatusActive, []avenir.ID{committeeD},
		avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeD)},
		moderatorOf(avenir.ForumScope(forumG)))
	f := forum.Forum{ID: forumF, Audience: avenir.CommitteeAudience(committeeC)}
	th := forum.Thread{Forum: forumF, Author: otherID, State: forum.Published}
	p := forum.Post{Forum: forumF, Author: otherID, State: forum.Hidden}
	allocs := testing.AllocsPerRun(100, func() { forum.CanRead(a, f, th, p) })
	assert.Zero(t, allocs)
}

// BenchmarkCanRead measures the permission check of one post, for the
// slowest path: a member with several grants and committees, whose check
// goes through every rule and fails.
func BenchmarkCanRead(b *testing.B) {
	a := roleActor(avenir.StatusActive, []avenir.ID{committeeD, avenir.NewID(), avenir.NewID()},
		avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(committeeD)},
		moderatorOf(avenir.ForumScope(forumG)))
	f := forum.Forum{ID: forumF, Audience: avenir.CommitteeAudience(committeeC)}
	th := forum.Thread{Forum: forumF, Author: otherID, State: forum.Published}
	p := forum.Post{Forum: forumF, Author: otherID, State: forum.Hidden}
	b.ReportAllocs()
	for b.Loop() {
		forum.CanRead(a, f, th, p)
	}
}

package solidarity

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir"
)

// roles are the actors of the permission tables. committee is the action's
// committee, other another one.
var (
	committeeID = avenir.MustParseID("00000000-0000-7000-8000-00000000000c")
	otherID     = avenir.MustParseID("00000000-0000-7000-8000-00000000000d")
	authorID    = avenir.MustParseID("00000000-0000-7000-8000-0000000000a1")
)

func roleActors() map[string]avenir.Actor {
	id := func(n byte) avenir.ID { var i avenir.ID; i[15] = n; i[6] = 0x70; return i }
	grant := func(r avenir.Role, s avenir.Scope) []avenir.Grant { return []avenir.Grant{{Role: r, Scope: s}} }
	return map[string]avenir.Actor{
		"anonymous":       avenir.Anonymous,
		"supporter":       {ID: id(1), Status: avenir.StatusSupporter},
		"member":          {ID: id(2), Status: avenir.StatusActive, Committees: []avenir.ID{otherID}},
		"committee":       {ID: id(3), Status: avenir.StatusActive, Committees: []avenir.ID{committeeID}},
		"lapsed":          {ID: id(4), Status: avenir.StatusLapsed, Committees: []avenir.ID{committeeID}},
		"animator":        {ID: id(5), Status: avenir.StatusActive, Grants: grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeID))},
		"other animator":  {ID: id(6), Status: avenir.StatusActive, Grants: grant(avenir.RoleAnimator, avenir.CommitteeScope(otherID))},
		"moderator":       {ID: id(7), Status: avenir.StatusActive, Grants: grant(avenir.RoleModerator, avenir.NetworkScope())},
		"forum moderator": {ID: id(8), Status: avenir.StatusActive, Grants: grant(avenir.RoleModerator, avenir.ForumScope(otherID))},
		"admin":           {ID: id(9), Status: avenir.StatusActive, Grants: grant(avenir.RoleAdmin, avenir.NetworkScope())},
		"author":          {ID: authorID, Status: avenir.StatusActive},
	}
}

// audienceOK says, for each role, which audiences of an action it may read
// once the action is published.
var audienceOK = map[string][5]bool{ // public, registered, members, committee, moderators
	"anonymous":       {true, false, false, false, false},
	"supporter":       {true, true, false, false, false},
	"member":          {true, true, true, false, false},
	"committee":       {true, true, true, true, false},
	"lapsed":          {true, true, false, false, false},
	"animator":        {true, true, true, true, false},
	"other animator":  {true, true, true, false, false},
	"moderator":       {true, true, true, false, true},
	"forum moderator": {true, true, true, false, false},
	"admin":           {true, true, true, true, true},
	"author":          {true, true, true, false, false},
}

var audiences = [5]avenir.Audience{avenir.Public, avenir.Registered, avenir.Members, avenir.CommitteeAudience(committeeID), avenir.Moderators}

// validators validate the actions of the committee.
var validators = map[string]bool{"animator": true, "moderator": true, "admin": true}

func TestMaySeeEveryRoleAudienceStatus(t *testing.T) {
	for name, actor := range roleActors() {
		for i, aud := range audiences {
			for _, st := range Statuses {
				for _, wasPublished := range []bool{false, true} {
					if wasPublished && st != StatusCancelled {
						continue
					}
					a := Action{ID: avenir.NewID(), Author: authorID, Committee: committeeID, Audience: aud, Status: st, Kind: Request}
					if wasPublished {
						a.PublishedAt = time.Now()
					}
					var want bool
					switch {
					case name == "author":
						want = true
					case st == StatusPublished || st == StatusInProgress || st == StatusCompleted || st == StatusExpired || wasPublished:
						want = audienceOK[name][i]
					case st == StatusDraft:
						want = false
					default:
						want = validators[name]
					}
					assert.Equal(t, want, maySee(actor, a), "%s, audience %s, %s (published before: %v)", name, aud, st, wasPublished)
				}
			}
		}
	}
}

func TestMayValidateOrganiseProposeVolunteer(t *testing.T) {
	type want struct{ validate, organiseRequest, organiseCollective, proposeRequest, proposeCollective, volunteer, volunteerSupporters bool }
	table := map[string]want{
		"anonymous":       {},
		"supporter":       {proposeRequest: true, volunteerSupporters: true},
		"member":          {proposeRequest: true, volunteer: true, volunteerSupporters: true},
		"committee":       {proposeRequest: true, volunteer: true, volunteerSupporters: true},
		"lapsed":          {proposeRequest: true},
		"animator":        {validate: true, organiseCollective: true, proposeRequest: true, proposeCollective: true, volunteer: true, volunteerSupporters: true},
		"other animator":  {proposeRequest: true, volunteer: true, volunteerSupporters: true},
		"moderator":       {validate: true, proposeRequest: true, volunteer: true, volunteerSupporters: true},
		"forum moderator": {proposeRequest: true, volunteer: true, volunteerSupporters: true},
		"admin":           {validate: true, organiseCollective: true, proposeRequest: true, proposeCollective: true, volunteer: true, volunteerSupporters: true},
		"author":          {organiseRequest: true, organiseCollective: true, proposeRequest: true},
	}
	actors := roleActors()
	assert.Len(t, table, len(actors))
	for name, w := range table {
		actor := actors[name]
		req := Action{Author: authorID, Committee: committeeID, Audience: avenir.Public, Status: StatusPublished, Kind: Request}
		col := req
		col.Kind = Collective
		assert.Equal(t, w.validate, mayValidate(actor, req), "%s validate", name)
		assert.Equal(t, w.organiseRequest, mayOrganise(actor, req), "%s organise a request", name)
		assert.Equal(t, w.organiseCollective, mayOrganise(actor, col), "%s organise a collective action", name)
		assert.Equal(t, w.proposeRequest, mayPropose(actor, Request, committeeID), "%s propose a request", name)
		assert.Equal(t, w.proposeCollective, mayPropose(actor, Collective, committeeID), "%s propose a collective action", name)
		assert.Equal(t, w.volunteer, mayVolunteer(actor, req, false), "%s volunteer", name)
		assert.Equal(t, w.volunteerSupporters, mayVolunteer(actor, req, true), "%s volunteer (supporters allowed)", name)
	}
}

package avenir_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
)

// Fixed identifiers, so that failures read the same from one run to the next.
var (
	committeeA = avenir.MustParseID("01936b2e-0000-7000-8000-00000000000a")
	committeeB = avenir.MustParseID("01936b2e-0000-7000-8000-00000000000b")
	forumF     = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000ff")
	forumG     = avenir.MustParseID("01936b2e-0000-7000-8000-0000000000ee")
	personID   = avenir.MustParseID("01936b2e-0000-7000-8000-000000000001")
)

func person(status avenir.Status, grants ...avenir.Grant) avenir.Actor {
	return avenir.Actor{ID: personID, Status: status, Grants: grants}
}

func grant(role avenir.Role, scope avenir.Scope) avenir.Grant {
	return avenir.Grant{Role: role, Scope: scope}
}

func memberOf(status avenir.Status, committees ...avenir.ID) avenir.Actor {
	a := person(status)
	a.Committees = committees
	return a
}

type namedActor struct {
	name  string
	actor avenir.Actor
}

// testActors covers every status and every kind of grant, including grants
// made inert by the status and grants held by someone who is not signed in.
func testActors() []namedActor {
	animatorOfB := person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeB)))
	animatorOfB.Committees = []avenir.ID{committeeA, committeeA}
	return []namedActor{
		{"anonymous", avenir.Anonymous},
		{"supporter", person(avenir.StatusSupporter)},
		{"applicant", person(avenir.StatusApplicant)},
		{"active member", person(avenir.StatusActive)},
		{"grace member", person(avenir.StatusGrace)},
		{"lapsed", person(avenir.StatusLapsed)},
		{"suspended", person(avenir.StatusSuspended)},
		{"left", person(avenir.StatusLeft)},
		{"erased", person(avenir.StatusErased)},
		{"unknown status", person("member")},
		{"active member of A", memberOf(avenir.StatusActive, committeeA)},
		{"grace member of A", memberOf(avenir.StatusGrace, committeeA)},
		{"lapsed member of A", memberOf(avenir.StatusLapsed, committeeA)},
		{"supporter in A", memberOf(avenir.StatusSupporter, committeeA)},
		{"member of A animating B", animatorOfB},
		{"animator of A", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA)))},
		{"animator of A in grace", person(avenir.StatusGrace, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA)))},
		{"animator of A suspended", person(avenir.StatusSuspended, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA)))},
		{"animator of A applicant", person(avenir.StatusApplicant, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA)))},
		{"network animator", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.NetworkScope()))},
		{"moderator of A", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.CommitteeScope(committeeA)))},
		{"forum F moderator", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.ForumScope(forumF)))},
		{"forum F moderator lapsed", person(avenir.StatusLapsed, grant(avenir.RoleModerator, avenir.ForumScope(forumF)))},
		{"network moderator", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope()))},
		{"referent of 69", person(avenir.StatusActive, grant(avenir.RoleReferent, avenir.DepartmentScope("69")))},
		{"network admin", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope()))},
		{"admin in grace", person(avenir.StatusGrace, grant(avenir.RoleAdmin, avenir.NetworkScope()))},
		{"admin lapsed", person(avenir.StatusLapsed, grant(avenir.RoleAdmin, avenir.NetworkScope()))},
		{"admin suspended", person(avenir.StatusSuspended, grant(avenir.RoleAdmin, avenir.NetworkScope()))},
		{"admin of committee A only", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.CommitteeScope(committeeA)))},
		{"anonymous holding admin grant", avenir.Actor{
			Status:     avenir.StatusActive,
			Grants:     []avenir.Grant{grant(avenir.RoleAdmin, avenir.NetworkScope())},
			Committees: []avenir.ID{committeeA},
		}},
	}
}

// Audience names used in the expectation table.
const (
	audPublic      = "public"
	audRegistered  = "registered"
	audMembers     = "members"
	audCommitteeA  = "committee A"
	audCommitteeB  = "committee B"
	audModerators  = "moderators"
	audForumModsF  = "forum moderators F"
	audForumModsG  = "forum moderators G"
	audZero        = "zero"
	audPublicX     = "public with scope"
	audRegisteredX = "registered with scope"
	audMembersX    = "members with scope"
	audCommittee0  = "committee without scope"
	audUnknown     = "unknown kind"
	audUnknownX    = "unknown kind with scope"
	audNoKindX     = "no kind with scope"
	audUpperPublic = "Public"
)

type namedAudience struct {
	name string
	aud  avenir.Audience
}

func testAudiences() []namedAudience {
	return []namedAudience{
		{audPublic, avenir.Public},
		{audRegistered, avenir.Registered},
		{audMembers, avenir.Members},
		{audCommitteeA, avenir.CommitteeAudience(committeeA)},
		{audCommitteeB, avenir.CommitteeAudience(committeeB)},
		{audModerators, avenir.Moderators},
		{audForumModsF, avenir.ForumModerators(forumF)},
		{audForumModsG, avenir.ForumModerators(forumG)},
		{audZero, avenir.Audience{}},
		{audPublicX, avenir.Audience{Kind: avenir.AudiencePublic, Scope: committeeA}},
		{audRegisteredX, avenir.Audience{Kind: avenir.AudienceRegistered, Scope: committeeA}},
		{audMembersX, avenir.Audience{Kind: avenir.AudienceMembers, Scope: committeeA}},
		{audCommittee0, avenir.Audience{Kind: avenir.AudienceCommittee}},
		{audUnknown, avenir.Audience{Kind: "friends"}},
		{audUnknownX, avenir.Audience{Kind: "friends", Scope: committeeA}},
		{audNoKindX, avenir.Audience{Scope: committeeA}},
		{audUpperPublic, avenir.Audience{Kind: "Public"}},
	}
}

// Every audience an actor may see is listed; every other audience of
// testAudiences must be refused. The invalid audiences are never listed: they
// allow nobody, not even an admin.
var wantAllowed = map[string][]string{
	"anonymous":                     {audPublic},
	"supporter":                     {audPublic, audRegistered},
	"applicant":                     {audPublic, audRegistered},
	"active member":                 {audPublic, audRegistered, audMembers},
	"grace member":                  {audPublic, audRegistered, audMembers},
	"lapsed":                        {audPublic, audRegistered},
	"suspended":                     {audPublic},
	"left":                          {audPublic, audRegistered},
	"erased":                        {audPublic},
	"unknown status":                {audPublic},
	"active member of A":            {audPublic, audRegistered, audMembers, audCommitteeA},
	"grace member of A":             {audPublic, audRegistered, audMembers, audCommitteeA},
	"lapsed member of A":            {audPublic, audRegistered},
	"supporter in A":                {audPublic, audRegistered},
	"member of A animating B":       {audPublic, audRegistered, audMembers, audCommitteeA, audCommitteeB},
	"animator of A":                 {audPublic, audRegistered, audMembers, audCommitteeA},
	"animator of A in grace":        {audPublic, audRegistered, audMembers, audCommitteeA},
	"animator of A suspended":       {audPublic},
	"animator of A applicant":       {audPublic, audRegistered},
	"network animator":              {audPublic, audRegistered, audMembers, audCommitteeA, audCommitteeB},
	"moderator of A":                {audPublic, audRegistered, audMembers},
	"forum F moderator":             {audPublic, audRegistered, audMembers, audForumModsF},
	"forum F moderator lapsed":      {audPublic, audRegistered},
	"network moderator":             {audPublic, audRegistered, audMembers, audModerators, audForumModsF, audForumModsG},
	"referent of 69":                {audPublic, audRegistered, audMembers},
	"network admin":                 {audPublic, audRegistered, audMembers, audCommitteeA, audCommitteeB, audModerators, audForumModsF, audForumModsG},
	"admin in grace":                {audPublic, audRegistered, audMembers, audCommitteeA, audCommitteeB, audModerators, audForumModsF, audForumModsG},
	"admin lapsed":                  {audPublic, audRegistered},
	"admin suspended":               {audPublic},
	"admin of committee A only":     {audPublic, audRegistered, audMembers},
	"anonymous holding admin grant": {audPublic},
}

func TestAudienceAllows(t *testing.T) {
	audiences := testAudiences()
	names := make([]string, len(audiences))
	for i, a := range audiences {
		names[i] = a.name
	}
	actors := testActors()
	require.Len(t, wantAllowed, len(actors), "every actor has an expectation row, and no row is left over")

	for _, act := range actors {
		allowed, ok := wantAllowed[act.name]
		require.True(t, ok, "no expectation row for actor %q", act.name)
		for _, name := range allowed {
			require.Contains(t, names, name, "row %q names an unknown audience", act.name)
		}
		t.Run(act.name, func(t *testing.T) {
			for _, aud := range audiences {
				want := slices.Contains(allowed, aud.name)
				assert.Equal(t, want, aud.aud.Allows(act.actor), "audience %s (%q)", aud.name, aud.aud)
			}
		})
	}
}

// The check on one piece of content and the filter on a list must agree.
func TestVisibilityAgreesWithAllows(t *testing.T) {
	audiences := testAudiences()
	// Scopes nobody holds anything on, to catch a filter that is too wide.
	other := avenir.MustParseID("01936b2e-0000-7000-8000-000000000099")
	audiences = append(audiences,
		namedAudience{"committee other", avenir.CommitteeAudience(other)},
		namedAudience{"forum moderators other", avenir.ForumModerators(other)},
		namedAudience{"committee F", avenir.CommitteeAudience(forumF)},
		namedAudience{"forum moderators A", avenir.ForumModerators(committeeA)},
	)
	for _, act := range testActors() {
		v := act.actor.Visibility()
		for _, aud := range audiences {
			assert.Equal(t, aud.aud.Allows(act.actor), v.Allows(aud.aud),
				"actor %q, audience %s (%q): Audience.Allows and Visibility.Allows disagree", act.name, aud.name, aud.aud)
		}
	}
}

func TestVisibilityShape(t *testing.T) {
	admin := person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope()))
	assert.Equal(t, avenir.Visibility{All: true}, admin.Visibility())

	assert.Equal(t, avenir.Visibility{Kinds: []avenir.AudienceKind{avenir.AudiencePublic}}, avenir.Anonymous.Visibility())

	// Committees are listed once, whether from affiliation or from a grant.
	a := person(avenir.StatusActive,
		grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA)),
		grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeB)),
		grant(avenir.RoleModerator, avenir.ForumScope(forumF)),
	)
	a.Committees = []avenir.ID{committeeA, committeeA}
	v := a.Visibility()
	assert.False(t, v.All)
	assert.Equal(t, []avenir.AudienceKind{avenir.AudiencePublic, avenir.AudienceRegistered, avenir.AudienceMembers}, v.Kinds)
	assert.Equal(t, []avenir.ID{committeeA, committeeB}, v.Committees)
	assert.Equal(t, []avenir.ID{forumF}, v.Forums)

	// Network grants make a kind visible whatever its scope.
	netAnimator := person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.NetworkScope()))
	assert.Equal(t, []avenir.AudienceKind{avenir.AudiencePublic, avenir.AudienceRegistered, avenir.AudienceMembers, avenir.AudienceCommittee},
		netAnimator.Visibility().Kinds)
	netModerator := person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope()))
	assert.Equal(t, []avenir.AudienceKind{avenir.AudiencePublic, avenir.AudienceRegistered, avenir.AudienceMembers, avenir.AudienceModerators},
		netModerator.Visibility().Kinds)

	// Outside good standing, affiliations and grants give nothing.
	lapsed := a
	lapsed.Status = avenir.StatusLapsed
	v = lapsed.Visibility()
	assert.Empty(t, v.Committees)
	assert.Empty(t, v.Forums)
}

func TestActorHas(t *testing.T) {
	dept69 := avenir.DepartmentScope("69")
	tests := []struct {
		name  string
		actor avenir.Actor
		role  avenir.Role
		scope avenir.Scope
		want  bool
	}{
		// A network admin holds every role everywhere.
		{"admin is admin", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleAdmin, avenir.NetworkScope(), true},
		{"admin moderates network", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleModerator, avenir.NetworkScope(), true},
		{"admin moderates forum", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleModerator, avenir.ForumScope(forumF), true},
		{"admin animates committee", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleAnimator, avenir.CommitteeScope(committeeB), true},
		{"admin refers department", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleReferent, dept69, true},
		{"admin in grace", person(avenir.StatusGrace, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleModerator, avenir.ForumScope(forumF), true},
		{"admin lapsed", person(avenir.StatusLapsed, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleAdmin, avenir.NetworkScope(), false},
		{"admin lapsed moderates", person(avenir.StatusLapsed, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleModerator, avenir.ForumScope(forumF), false},
		{"admin suspended", person(avenir.StatusSuspended, grant(avenir.RoleAdmin, avenir.NetworkScope())), avenir.RoleAdmin, avenir.NetworkScope(), false},
		{"admin of a committee is not network admin", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.CommitteeScope(committeeA))), avenir.RoleAdmin, avenir.NetworkScope(), false},
		{"admin of a committee does not animate it", person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},

		// A network grant covers every forum and committee.
		{"network moderator on network", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope())), avenir.RoleModerator, avenir.NetworkScope(), true},
		{"network moderator on forum F", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope())), avenir.RoleModerator, avenir.ForumScope(forumF), true},
		{"network moderator on forum G", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope())), avenir.RoleModerator, avenir.ForumScope(forumG), true},
		{"network moderator on committee", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope())), avenir.RoleModerator, avenir.CommitteeScope(committeeA), true},
		{"network moderator is not animator", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope())), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},
		{"network moderator is not admin", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope())), avenir.RoleAdmin, avenir.NetworkScope(), false},
		{"network animator on committee A", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.NetworkScope())), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), true},
		{"network animator on committee B", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.NetworkScope())), avenir.RoleAnimator, avenir.CommitteeScope(committeeB), true},

		// A scoped grant covers only its scope.
		{"forum F moderator on F", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.ForumScope(forumF))), avenir.RoleModerator, avenir.ForumScope(forumF), true},
		{"forum F moderator on G", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.ForumScope(forumF))), avenir.RoleModerator, avenir.ForumScope(forumG), false},
		{"forum F moderator on network", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.ForumScope(forumF))), avenir.RoleModerator, avenir.NetworkScope(), false},
		{"forum F moderator on committee with F's id", person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.ForumScope(forumF))), avenir.RoleModerator, avenir.CommitteeScope(forumF), false},
		{"animator of A on A", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), true},
		{"animator of A on B", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeB), false},
		{"animator of A on network", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.NetworkScope(), false},
		{"animator of A does not moderate A", person(avenir.StatusActive, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleModerator, avenir.CommitteeScope(committeeA), false},
		{"referent of 69 on 69", person(avenir.StatusActive, grant(avenir.RoleReferent, dept69)), avenir.RoleReferent, dept69, true},
		{"referent of 69 on 2A", person(avenir.StatusActive, grant(avenir.RoleReferent, dept69)), avenir.RoleReferent, avenir.DepartmentScope("2A"), false},
		{"referent of 69 on no department", person(avenir.StatusActive, grant(avenir.RoleReferent, dept69)), avenir.RoleReferent, avenir.DepartmentScope(""), false},

		// Grants are inert outside good standing.
		{"animator in grace", person(avenir.StatusGrace, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), true},
		{"animator supporter", person(avenir.StatusSupporter, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},
		{"animator applicant", person(avenir.StatusApplicant, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},
		{"animator lapsed", person(avenir.StatusLapsed, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},
		{"animator suspended", person(avenir.StatusSuspended, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},
		{"animator left", person(avenir.StatusLeft, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},
		{"animator erased", person(avenir.StatusErased, grant(avenir.RoleAnimator, avenir.CommitteeScope(committeeA))), avenir.RoleAnimator, avenir.CommitteeScope(committeeA), false},
		{"moderator with unknown status", person("member", grant(avenir.RoleModerator, avenir.NetworkScope())), avenir.RoleModerator, avenir.NetworkScope(), false},
		{"anonymous with admin grant", avenir.Actor{Status: avenir.StatusActive, Grants: []avenir.Grant{grant(avenir.RoleAdmin, avenir.NetworkScope())}}, avenir.RoleAdmin, avenir.NetworkScope(), false},
		{"no grants", person(avenir.StatusActive), avenir.RoleModerator, avenir.ForumScope(forumF), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.actor.Has(tt.role, tt.scope))
		})
	}
}

func TestActorIsAdmin(t *testing.T) {
	assert.True(t, person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.NetworkScope())).IsAdmin())
	assert.True(t, person(avenir.StatusGrace, grant(avenir.RoleAdmin, avenir.NetworkScope())).IsAdmin())
	assert.False(t, person(avenir.StatusLapsed, grant(avenir.RoleAdmin, avenir.NetworkScope())).IsAdmin())
	assert.False(t, person(avenir.StatusActive, grant(avenir.RoleModerator, avenir.NetworkScope())).IsAdmin())
	assert.False(t, person(avenir.StatusActive, grant(avenir.RoleAdmin, avenir.ForumScope(forumF))).IsAdmin())
	assert.False(t, avenir.Anonymous.IsAdmin())
}

func TestActorStanding(t *testing.T) {
	tests := []struct {
		status                     avenir.Status
		registered, inGoodStanding bool
	}{
		{avenir.StatusSupporter, true, false},
		{avenir.StatusApplicant, true, false},
		{avenir.StatusActive, true, true},
		{avenir.StatusGrace, true, true},
		{avenir.StatusLapsed, true, false},
		{avenir.StatusSuspended, false, false},
		{avenir.StatusLeft, true, false},
		{avenir.StatusErased, false, false},
		{"", false, false},
		{"Active", false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			a := person(tt.status)
			assert.False(t, a.IsAnonymous())
			assert.Equal(t, tt.registered, a.Registered(), "Registered")
			assert.Equal(t, tt.inGoodStanding, a.InGoodStanding(), "InGoodStanding")

			anon := avenir.Actor{Status: tt.status}
			assert.True(t, anon.IsAnonymous())
			assert.False(t, anon.Registered(), "an anonymous actor is never registered")
			assert.False(t, anon.InGoodStanding(), "an anonymous actor is never in good standing")
		})
	}
}

func TestActorBelongsTo(t *testing.T) {
	a := memberOf(avenir.StatusActive, committeeA)
	assert.True(t, a.BelongsTo(committeeA))
	assert.False(t, a.BelongsTo(committeeB))
	assert.False(t, a.BelongsTo(avenir.ID{}))
	assert.False(t, avenir.Anonymous.BelongsTo(committeeA))
}

func TestStatus(t *testing.T) {
	tests := []struct {
		status                avenir.Status
		valid, inGoodStanding bool
	}{
		{avenir.StatusSupporter, true, false},
		{avenir.StatusApplicant, true, false},
		{avenir.StatusActive, true, true},
		{avenir.StatusGrace, true, true},
		{avenir.StatusLapsed, true, false},
		{avenir.StatusSuspended, true, false},
		{avenir.StatusLeft, true, false},
		{avenir.StatusErased, true, false},
		{"", false, false},
		{"member", false, false},
		{"ACTIVE", false, false},
		{"active ", false, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.status), func(t *testing.T) {
			assert.Equal(t, tt.valid, tt.status.Valid(), "Valid")
			assert.Equal(t, tt.inGoodStanding, tt.status.InGoodStanding(), "InGoodStanding")
		})
	}
	// The table covers every declared status.
	tested := map[avenir.Status]bool{}
	for _, tt := range tests {
		tested[tt.status] = true
	}
	for _, s := range avenir.Statuses {
		assert.True(t, tested[s], "status %q is missing from the table", s)
	}
}

func TestScopeCovers(t *testing.T) {
	tests := []struct {
		name string
		s, o avenir.Scope
		want bool
	}{
		{"network covers network", avenir.NetworkScope(), avenir.NetworkScope(), true},
		{"network covers committee", avenir.NetworkScope(), avenir.CommitteeScope(committeeA), true},
		{"network covers forum", avenir.NetworkScope(), avenir.ForumScope(forumF), true},
		{"network covers department", avenir.NetworkScope(), avenir.DepartmentScope("69"), true},
		{"committee covers itself", avenir.CommitteeScope(committeeA), avenir.CommitteeScope(committeeA), true},
		{"committee does not cover another", avenir.CommitteeScope(committeeA), avenir.CommitteeScope(committeeB), false},
		{"committee does not cover network", avenir.CommitteeScope(committeeA), avenir.NetworkScope(), false},
		{"committee does not cover forum of same id", avenir.CommitteeScope(committeeA), avenir.ForumScope(committeeA), false},
		{"forum covers itself", avenir.ForumScope(forumF), avenir.ForumScope(forumF), true},
		{"forum does not cover another", avenir.ForumScope(forumF), avenir.ForumScope(forumG), false},
		{"department covers itself", avenir.DepartmentScope("2A"), avenir.DepartmentScope("2A"), true},
		{"department does not cover another", avenir.DepartmentScope("2A"), avenir.DepartmentScope("2B"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.s.Covers(tt.o))
		})
	}
}

func TestAudienceTextRoundTrip(t *testing.T) {
	tests := []struct {
		aud  avenir.Audience
		text string
	}{
		{avenir.Public, "public"},
		{avenir.Registered, "registered"},
		{avenir.Members, "members"},
		{avenir.CommitteeAudience(committeeA), "committee:01936b2e-0000-7000-8000-00000000000a"},
		{avenir.Moderators, "moderators"},
		{avenir.ForumModerators(forumF), "moderators:01936b2e-0000-7000-8000-0000000000ff"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			require.NoError(t, tt.aud.Validate())
			assert.Equal(t, tt.text, tt.aud.String())

			b, err := tt.aud.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.text, string(b))

			got, err := avenir.ParseAudience(tt.text)
			require.NoError(t, err)
			assert.Equal(t, tt.aud, got)

			var u avenir.Audience
			require.NoError(t, u.UnmarshalText(b))
			assert.Equal(t, tt.aud, u)

			type doc struct {
				Audience avenir.Audience `json:"audience"`
			}
			j, err := json.Marshal(doc{tt.aud})
			require.NoError(t, err)
			assert.JSONEq(t, `{"audience":"`+tt.text+`"}`, string(j))
			var d doc
			require.NoError(t, json.Unmarshal(j, &d))
			assert.Equal(t, tt.aud, d.Audience)
		})
	}
}

func TestParseAudienceInvalid(t *testing.T) {
	a := committeeA.String()
	bad := []string{
		"",
		"Public",
		"MEMBERS",
		" public",
		"public ",
		"everyone",
		"friends:" + a,
		":" + a,
		"public:" + a,
		"registered:" + a,
		"members:" + a,
		"committee",
		"committee:",
		"committee:not-an-id",
		"committee:00000000-0000-0000-0000-000000000000",
		"committee:{" + a + "}",
		"committee:urn:uuid:" + a,
		"committee:" + a + ":extra",
		"committee:" + a[:35],
		"moderators:",
		"moderators:xyz",
		"moderators:00000000-0000-0000-0000-000000000000",
		"members:00000000-0000-0000-0000-000000000000",
	}
	for _, s := range bad {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) {
			got, err := avenir.ParseAudience(s)
			require.Error(t, err)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
			assert.Equal(t, avenir.Audience{}, got)
			var e *avenir.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "audience", e.Field)

			// UnmarshalText refuses it and leaves the value as it was.
			u := avenir.Members
			err = u.UnmarshalText([]byte(s))
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
			assert.Equal(t, avenir.Members, u)
		})
	}
}

func TestAudienceValidate(t *testing.T) {
	for _, aud := range testAudiences() {
		t.Run(aud.name, func(t *testing.T) {
			err := aud.aud.Validate()
			switch aud.name {
			case audPublic, audRegistered, audMembers, audCommitteeA, audCommitteeB, audModerators, audForumModsF, audForumModsG:
				assert.NoError(t, err)
			default:
				require.Error(t, err)
				assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
			}
		})
	}
}

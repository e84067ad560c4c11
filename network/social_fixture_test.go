package network_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
)

var socialStart = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// social is the social layer on a fresh database: the domain services it
// re-checks permissions through, a national committee and a local one, and
// an admin. Names are prefixed so as not to meet other test files of the
// package.
type social struct {
	db         *storage.DB
	clock      *avenir.ManualClock
	members    *membership.Service
	committees *committee.Service
	forums     *forum.Service
	solidarity *solidarity.Service
	follows    *network.Follows
	cfg        network.SocialConfig
	admin      avenir.Actor
	national   committee.Committee
	lyon       committee.Committee
	n          int
}

func newSocial(t *testing.T, db *storage.DB, opts ...func(*network.SocialConfig)) *social {
	t.Helper()
	ctx := context.Background()
	s := &social{db: db, clock: avenir.NewManualClock(socialStart)}
	s.members = membership.NewService(db.Members(), membership.Config{Clock: s.clock, Geography: geo.Addresses{}})
	s.committees = committee.NewService(db.Committees(), committee.Config{Members: s.members, Clock: s.clock})
	s.forums = forum.NewService(db.Forums(), forum.Config{Clock: s.clock})
	s.solidarity = solidarity.NewService(db.Solidarity(), solidarity.Config{Members: s.members, Committees: s.committees, Clock: s.clock})
	s.cfg = network.SocialConfig{Clock: s.clock, Forums: s.forums, Committees: s.committees, Solidarity: s.solidarity}
	for _, o := range opts {
		o(&s.cfg)
	}
	s.follows = network.NewFollows(db.Follows(), s.cfg)
	s.admin = s.person(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
	var err error
	s.national, err = s.committees.Create(ctx, s.admin, committee.Draft{Kind: committee.National, Name: "Avenir national"})
	require.NoError(t, err)
	rhone, err := s.committees.Create(ctx, s.admin, committee.Draft{Kind: committee.Federation, Name: "Fédération du Rhône",
		Parent: s.national.ID, Territory: committee.Territory{Departments: []string{"69"}}})
	require.NoError(t, err)
	s.lyon, err = s.committees.Create(ctx, s.admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e",
		Parent: rhone.ID, Territory: committee.Territory{Communes: []string{"69383"}}})
	require.NoError(t, err)
	return s
}

// person stores a member of the status and returns their actor, with the
// grants given and the committees they belong to.
func (s *social) person(t testing.TB, status avenir.Status, grants ...avenir.Grant) avenir.Actor {
	t.Helper()
	s.n++
	now := s.clock.Now()
	m := membership.Member{
		ID: avenir.NewID(), Email: fmt.Sprintf("social%03d@example.org", s.n), Status: status, CreatedAt: now, UpdatedAt: now,
		Profile: membership.Profile{DisplayName: fmt.Sprintf("Membre %03d", s.n), FullName: fmt.Sprintf("Camille Social%03d", s.n),
			Address: membership.Address{PostalCode: "69003", Country: "FR"}, Language: "fr"},
	}
	require.NoError(t, s.db.Members().CreateMember(context.Background(), m))
	return avenir.Actor{ID: m.ID, Status: status, Grants: grants}
}

// member is an active member with no grant.
func (s *social) member(t testing.TB) avenir.Actor { return s.person(t, avenir.StatusActive) }

// moderator is a network moderator.
func (s *social) moderator(t testing.TB) avenir.Actor {
	return s.person(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
}

func (s *social) forum(t testing.TB, title string, aud avenir.Audience) forum.Forum {
	t.Helper()
	f, err := s.forums.CreateForum(context.Background(), s.admin, forum.ForumInput{Title: title, Audience: aud})
	require.NoError(t, err)
	return f
}

// action is a published solidarity action by author, in Lyon, for aud (nil:
// public).
func (s *social) action(t testing.TB, author avenir.Actor, title string, aud *avenir.Audience) solidarity.Action {
	t.Helper()
	ctx := context.Background()
	a, err := s.solidarity.Propose(ctx, author, solidarity.Draft{
		Kind: solidarity.Request, Category: "transport", Title: title, Description: "Un trajet.",
		Place: solidarity.Place{Commune: "69383"}, Committee: s.lyon.ID, StartsAt: socialStart.Add(72 * time.Hour),
		Volunteers: 1, Audience: aud,
	})
	require.NoError(t, err)
	_, err = s.solidarity.Submit(ctx, author, a.ID)
	require.NoError(t, err)
	a, err = s.solidarity.Validate(ctx, s.admin, a.ID)
	require.NoError(t, err)
	return a
}

// tick moves the clock on, so that rows written next sort after.
func (s *social) tick() { s.clock.Advance(time.Second) }

// requireSocialCode checks an error's code and that its message is
// translated.
func requireSocialCode(t testing.TB, err error, code avenir.Code) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, avenir.ErrorCode(err), "%v", err)
	var e *avenir.Error
	require.ErrorAs(t, err, &e)
	assert.NotEqual(t, e.Localize(language.English), e.Localize(language.French), "no French for %q", e.Key)
}

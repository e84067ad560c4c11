package solidarity_test

import (
	"context"
	"encoding/json"
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
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
)

var start = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// fixture is a solidarity Service on a fresh database, with a small tree:
// the national committee, the federation of the Rhône and a local committee
// for Lyon 3e and 7e.
type fixture struct {
	db         *storage.DB
	clock      *avenir.ManualClock
	members    *membership.Service
	committees *committee.Service
	forums     *forum.Service
	svc        *solidarity.Service
	admin      avenir.Actor
	n          int

	national, rhone, lyon committee.Committee
}

func newFixture(t *testing.T, db *storage.DB, opts ...func(*solidarity.Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, clock: avenir.NewManualClock(start)}
	f.members = membership.NewService(db.Members(), membership.Config{Clock: f.clock, Geography: geo.Addresses{}})
	f.committees = committee.NewService(db.Committees(), committee.Config{Members: f.members, Clock: f.clock})
	f.forums = forum.NewService(db.Forums(), forum.Config{Clock: f.clock})
	cfg := solidarity.Config{Members: f.members, Committees: f.committees, Forums: f.forums, Clock: f.clock}
	for _, o := range opts {
		o(&cfg)
	}
	f.svc = solidarity.NewService(db.Solidarity(), cfg)
	admin := f.member(t, avenir.StatusActive)
	f.admin = avenir.Actor{ID: admin.ID, Status: avenir.StatusActive, Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}
	var err error
	f.national, err = f.committees.Create(ctx, f.admin, committee.Draft{Kind: committee.National, Name: "Avenir national"})
	require.NoError(t, err)
	f.rhone, err = f.committees.Create(ctx, f.admin, committee.Draft{Kind: committee.Federation, Name: "Fédération du Rhône",
		Parent: f.national.ID, Territory: committee.Territory{Departments: []string{"69"}}})
	require.NoError(t, err)
	f.lyon, err = f.committees.Create(ctx, f.admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e et 7e",
		Parent: f.rhone.ID, Territory: committee.Territory{Communes: []string{"69383", "69387"}}})
	require.NoError(t, err)
	return f
}

// member writes a member of the status straight to the store.
func (f *fixture) member(t testing.TB, status avenir.Status) membership.Member {
	t.Helper()
	f.n++
	now := f.clock.Now()
	m := membership.Member{
		ID: avenir.NewID(), Email: fmt.Sprintf("m%03d@example.org", f.n), Status: status, CreatedAt: now, UpdatedAt: now,
		Profile: membership.Profile{
			DisplayName: fmt.Sprintf("Membre %03d", f.n), FullName: fmt.Sprintf("Camille %03d", f.n), Phone: fmt.Sprintf("+336%08d", f.n),
			Address: membership.Address{PostalCode: "69003", Country: "FR"}, Language: "fr",
		},
	}
	require.NoError(t, f.db.Members().CreateMember(context.Background(), m))
	return m
}

// actor is the actor of a member with grants, expanded by the committee
// service as a real request's would be.
func (f *fixture) actor(t testing.TB, m membership.Member, grants ...avenir.Grant) avenir.Actor {
	t.Helper()
	a, err := f.committees.Actor(context.Background(), avenir.Actor{ID: m.ID, Status: m.Status, Grants: grants})
	require.NoError(t, err)
	return a
}

// newActor makes a member of the status and returns their actor.
func (f *fixture) newActor(t testing.TB, status avenir.Status, grants ...avenir.Grant) avenir.Actor {
	t.Helper()
	return f.actor(t, f.member(t, status), grants...)
}

func animatorOf(c committee.Committee) avenir.Grant {
	return avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(c.ID)}
}

// request is a request for help in Lyon 3e.
func request(title string) solidarity.Draft {
	return solidarity.Draft{
		Kind: solidarity.Request, Category: "transport", Title: title,
		Description: "Rendez-vous **médical** à l’hôpital Édouard-Herriot.", Place: solidarity.Place{Commune: "69383"},
		StartsAt: start.Add(72 * time.Hour), Volunteers: 1,
	}
}

// published proposes, submits and validates an action.
func (f *fixture) published(t testing.TB, author avenir.Actor, d solidarity.Draft) solidarity.Action {
	t.Helper()
	ctx := context.Background()
	a, err := f.svc.Propose(ctx, author, d)
	require.NoError(t, err)
	_, err = f.svc.Submit(ctx, author, a.ID)
	require.NoError(t, err)
	a, err = f.svc.Validate(ctx, f.admin, a.ID)
	require.NoError(t, err)
	return a
}

// requireCode checks an error's code and, for invalid input, its field,
// and that its message is translated.
func requireCode(t testing.TB, err error, code avenir.Code, field ...string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, avenir.ErrorCode(err), "%v", err)
	var e *avenir.Error
	require.ErrorAs(t, err, &e)
	if len(field) > 0 {
		assert.Equal(t, field[0], e.Field, "%v", err)
	}
	if code != avenir.CodeInternal {
		assert.NotEqual(t, e.Localize(language.English), e.Localize(language.French), "no French for %q", e.Key)
	}
}

// assertNoSecret encodes v as the JSON API would and checks that none of
// the secrets appears in it.
func assertNoSecret(t testing.TB, v any, secrets []string, who string) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	for _, s := range secrets {
		assert.NotContains(t, string(b), s, "%s sees %q", who, s)
	}
}

package committee_test

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
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/membership/membershiptest"
	"github.com/avenirnet/avenir/storage"
)

var start = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// fixture is a committee Service on a fresh database, with a small tree:
// the national committee, the federations of the Rhône (69) and of the Ain
// (01), a local committee for Lyon 3e and 7e under the Rhône, and a
// committee in Germany and Austria.
type fixture struct {
	db      *storage.DB
	clock   *avenir.ManualClock
	mail    *membershiptest.Mailbox
	members *membership.Service
	svc     *committee.Service
	admin   avenir.Actor
	n       int

	national, rhone, ain, lyon, abroad committee.Committee
}

func newFixture(t *testing.T, db *storage.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, clock: avenir.NewManualClock(start), mail: &membershiptest.Mailbox{}}
	f.members = membership.NewService(db.Members(), membership.Config{Clock: f.clock, Geography: geo.Addresses{}})
	f.svc = committee.NewService(db.Committees(), committee.Config{
		Members: f.members, Clock: f.clock, Mailer: f.mail, BaseURL: "https://reseau.example.org",
	})
	admin := f.member(t, avenir.StatusActive)
	f.admin = avenir.Actor{ID: admin.ID, Status: avenir.StatusActive, Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}
	f.national = f.create(t, f.admin, committee.Draft{Kind: committee.National, Name: "Avenir national"})
	f.rhone = f.create(t, f.admin, committee.Draft{Kind: committee.Federation, Name: "Fédération du Rhône", Parent: f.national.ID,
		Territory: committee.Territory{Departments: []string{"69"}}})
	f.ain = f.create(t, f.admin, committee.Draft{Kind: committee.Federation, Name: "Fédération de l’Ain", Parent: f.national.ID,
		Territory: committee.Territory{Departments: []string{"01"}}})
	f.lyon = f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e et 7e", Parent: f.rhone.ID,
		Territory: committee.Territory{Communes: []string{"69383", "69387"}}})
	f.abroad = f.create(t, f.admin, committee.Draft{Kind: committee.Abroad, Name: "Allemagne et Autriche", Parent: f.national.ID,
		Territory: committee.Territory{Countries: []string{"DE", "AT"}}})
	return f
}

func (f *fixture) create(t *testing.T, actor avenir.Actor, d committee.Draft) committee.Committee {
	t.Helper()
	c, err := f.svc.Create(context.Background(), actor, d)
	require.NoError(t, err)
	return c
}

// member writes a member of the status straight to the store.
func (f *fixture) member(t *testing.T, status avenir.Status) membership.Member {
	t.Helper()
	f.n++
	now := f.clock.Now()
	m := membership.Member{
		ID: avenir.NewID(), Email: fmt.Sprintf("m%03d@example.org", f.n), Status: status, CreatedAt: now, UpdatedAt: now,
		Profile: membership.Profile{
			DisplayName: fmt.Sprintf("Membre %03d", f.n), FullName: fmt.Sprintf("Camille %03d", f.n), Phone: "+33612345678",
			Address: membership.Address{PostalCode: "69003", Country: "FR"}, Language: "fr",
		},
	}
	require.NoError(t, f.db.Members().CreateMember(context.Background(), m))
	return m
}

// actor is the actor of a member with grants, expanded by the committee
// service as a real request's would be.
func (f *fixture) actor(t *testing.T, m membership.Member, grants ...avenir.Grant) avenir.Actor {
	t.Helper()
	a, err := f.svc.Actor(context.Background(), avenir.Actor{ID: m.ID, Status: m.Status, Grants: grants})
	require.NoError(t, err)
	return a
}

func animatorOf(c committee.Committee) avenir.Grant {
	return avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(c.ID)}
}

// joined makes a member of the status whose primary committee is c.
func (f *fixture) joined(t *testing.T, c committee.Committee, status avenir.Status) membership.Member {
	t.Helper()
	m := f.member(t, avenir.StatusActive)
	_, err := f.svc.Join(context.Background(), avenir.Actor{ID: m.ID, Status: m.Status}, c.ID)
	require.NoError(t, err)
	if status != avenir.StatusActive {
		m.Status = status
		require.NoError(t, f.db.Members().UpdateMember(context.Background(), m))
	}
	return m
}

// requireCode checks an error's code and, for invalid input, its field,
// and that its message is translated.
func requireCode(t *testing.T, err error, code avenir.Code, field ...string) {
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

func ids(list []committee.Committee) []avenir.ID {
	out := make([]avenir.ID, len(list))
	for i, c := range list {
		out[i] = c.ID
	}
	return out
}

// outbox returns the types of the events recorded about subject.
func (f *fixture) outbox(t *testing.T, subject avenir.ID) []string {
	t.Helper()
	var types []string
	page := avenir.PageRequest{Limit: avenir.MaxPageSize}
	for {
		p, err := f.db.Events(context.Background(), f.admin, page)
		require.NoError(t, err)
		for _, e := range p.Items {
			if e.Subject == subject {
				types = append(types, e.Type)
			}
		}
		if p.Next == "" {
			return types
		}
		page.After = p.Next
	}
}

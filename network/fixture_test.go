package network_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/membership/membershiptest"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
)

// *storage.DB is the Backend programs give network.New.
var _ network.Backend = (*storage.DB)(nil)

var start = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// fixture is a network on a fresh database with an admin and a small
// committee tree: the national committee, the federation of the Rhône and
// a local committee in Lyon under it.
type fixture struct {
	db    *storage.DB
	clock *avenir.ManualClock
	mail  *membershiptest.Mailbox
	net   *network.Network
	admin avenir.Actor
	n     int

	national, rhone, lyon committee.Committee
}

func newFixture(t *testing.T, db *storage.DB, change ...func(*network.Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, clock: avenir.NewManualClock(start), mail: &membershiptest.Mailbox{}}
	cfg := network.DefaultConfig()
	for _, c := range change {
		c(&cfg)
	}
	var err error
	f.net, err = network.New(db, cfg, network.WithClock(f.clock), network.WithMailer(f.mail),
		network.WithBaseURL("https://reseau.example.org/"), network.WithBallotSecret([]byte("0123456789abcdef0123456789abcdef")))
	require.NoError(t, err)
	admin := f.member(t, avenir.StatusSupporter)
	f.admin, err = f.net.Members.BootstrapAdmin(ctx, admin.ID)
	require.NoError(t, err)
	f.national = f.committee(t, committee.Draft{Kind: committee.National, Name: "Avenir national"})
	f.rhone = f.committee(t, committee.Draft{Kind: committee.Federation, Name: "Fédération du Rhône", Parent: f.national.ID,
		Territory: committee.Territory{Departments: []string{"69"}}})
	f.lyon = f.committee(t, committee.Draft{Kind: committee.Local, Name: "Lyon 3e et 7e", Parent: f.rhone.ID,
		Territory: committee.Territory{Communes: []string{"69383", "69387"}}})
	return f
}

func (f *fixture) committee(t *testing.T, d committee.Draft) committee.Committee {
	t.Helper()
	c, err := f.net.Committees.Create(context.Background(), f.admin, d)
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
	if status == avenir.StatusActive {
		m.JoinedAt, m.ExpiresAt = now, now.AddDate(1, 0, 0)
	}
	require.NoError(t, f.db.Members().CreateMember(context.Background(), m))
	return m
}

// actor is the actor network.Actor builds for a member.
func (f *fixture) actor(t *testing.T, id avenir.ID) avenir.Actor {
	t.Helper()
	a, err := f.net.Actor(context.Background(), id)
	require.NoError(t, err)
	return a
}

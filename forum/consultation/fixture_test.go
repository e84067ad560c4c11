package consultation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

var start = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

var secret = []byte("0123456789abcdef0123456789abcdef")

// fixture is a Service on a fresh database with a manual clock, a theme
// forum for members, an admin and a drafter.
type fixture struct {
	db      *storage.DB
	forums  *forum.Service
	svc     *consultation.Service
	clock   *avenir.ManualClock
	admin   avenir.Actor
	drafter avenir.Actor
	theme   forum.Forum
}

func newFixture(t *testing.T, db *storage.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, clock: avenir.NewManualClock(start)}
	f.forums = forum.NewService(db.Forums(), forum.Config{Clock: f.clock})
	f.svc = consultation.NewService(db.Consultations(), consultation.Config{Forums: f.forums, Clock: f.clock, SupportLimit: 3, Secret: secret})
	f.admin = f.person(t, "Admin", avenir.StatusActive, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
	f.drafter = f.person(t, "Rédactrice", avenir.StatusActive)
	var err error
	f.theme, err = f.forums.CreateForum(context.Background(), f.admin, forum.ForumInput{Title: "Écologie", Audience: avenir.Members})
	require.NoError(t, err)
	return f
}

func (f *fixture) person(t testing.TB, name string, status avenir.Status, grants ...avenir.Grant) avenir.Actor {
	t.Helper()
	now := f.clock.Now()
	m := membership.Member{ID: avenir.NewID(), Status: status, Profile: membership.Profile{DisplayName: name, Language: "fr"},
		CreatedAt: now, UpdatedAt: now}
	require.NoError(t, f.db.Members().CreateMember(context.Background(), m))
	return avenir.Actor{ID: m.ID, Status: status, Grants: grants}
}

// consultation opens a consultation in its contributions phase, with no
// dates: phases advance by decision.
func (f *fixture) consultation(t testing.TB) consultation.Consultation {
	t.Helper()
	c, err := f.svc.Create(context.Background(), f.admin, consultation.Input{Title: "Combattre et proposer", Forum: f.theme.ID,
		Drafters: []avenir.ID{f.drafter.ID}})
	require.NoError(t, err)
	c, err = f.svc.Advance(context.Background(), f.drafter, c.ID)
	require.NoError(t, err)
	require.Equal(t, consultation.PhaseContributions, c.Phase)
	return c
}

func (f *fixture) advanceTo(t testing.TB, c consultation.Consultation, p consultation.Phase) consultation.Consultation {
	t.Helper()
	for c.Phase != p {
		var err error
		c, err = f.svc.Advance(context.Background(), f.drafter, c.ID)
		require.NoError(t, err)
	}
	return c
}

func (f *fixture) contribute(t testing.TB, actor avenir.Actor, c consultation.Consultation, title string, bodies ...string) consultation.Text {
	t.Helper()
	d := consultation.Draft{Title: title, Summary: "En bref : " + title}
	for _, b := range bodies {
		d.Sections = append(d.Sections, consultation.SectionInput{Heading: "Partie", Body: b})
	}
	x, err := f.svc.Contribute(context.Background(), actor, c.ID, d)
	require.NoError(t, err)
	return x
}

func code(err error) avenir.Code { return avenir.ErrorCode(err) }

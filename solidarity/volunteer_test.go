package solidarity_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestVolunteersCapacityWaitlistPromotion(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		d := request("Déménagement")
		d.Volunteers = 2
		a := f.published(t, author, d)
		v := make([]avenir.Actor, 4)
		for i := range v {
			v[i] = f.newActor(t, avenir.StatusActive)
		}

		// The organiser accepts: sign-ups wait for them while places remain.
		s, err := f.svc.SignUp(ctx, v[0], a.ID, 0)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Pending, s.Status)
		_, err = f.svc.SignUp(ctx, v[1], a.ID, 0)
		require.NoError(t, err)
		_, err = f.svc.SignUp(ctx, v[2], a.ID, 0)
		require.NoError(t, err)

		// A non-organiser may not accept.
		_, err = f.svc.Accept(ctx, v[3], a.ID, v[0].ID)
		requireCode(t, err, avenir.CodeForbidden)
		for _, who := range v[:2] {
			s, err = f.svc.Accept(ctx, author, a.ID, who.ID)
			require.NoError(t, err)
			assert.Equal(t, solidarity.Accepted, s.Status)
		}
		// More accepted than places: a conflict that changes nothing.
		_, err = f.svc.Accept(ctx, author, a.ID, v[2].ID)
		requireCode(t, err, avenir.CodeConflict)
		mine, err := f.svc.MySignUp(ctx, v[2], a.ID)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Pending, mine.Status)

		// Full: the next one waits in line.
		s, err = f.svc.SignUp(ctx, v[3], a.ID, 0)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Waitlisted, s.Status)
		assert.Equal(t, 1, s.Position)

		// An accepted volunteer withdraws: the first in line moves up, to
		// the organiser's decision.
		_, err = f.svc.Withdraw(ctx, v[0], a.ID)
		require.NoError(t, err)
		mine, err = f.svc.MySignUp(ctx, v[3], a.ID)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Pending, mine.Status)
		a, err = f.svc.Action(ctx, author, a.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, a.Accepted)

		// Declined stays declined.
		_, err = f.svc.Decline(ctx, author, a.ID, v[2].ID)
		require.NoError(t, err)
		_, err = f.svc.SignUp(ctx, v[2], a.ID, 0)
		requireCode(t, err, avenir.CodeConflict)

		// The organiser sees the names, in order of arrival.
		helpers, err := f.svc.Helpers(ctx, author, a.ID)
		require.NoError(t, err)
		require.Len(t, helpers, 4)
		assert.Equal(t, "Membre 003", helpers[0].Name)
		_, err = f.svc.Helpers(ctx, v[1], a.ID)
		requireCode(t, err, avenir.CodeForbidden)

		// The author may not volunteer; nor may anyone once it is cancelled.
		_, err = f.svc.SignUp(ctx, author, a.ID, 0)
		requireCode(t, err, avenir.CodeConflict)
		_, err = f.svc.Cancel(ctx, author, a.ID, "La date a changé.")
		require.NoError(t, err)
		late := f.newActor(t, avenir.StatusActive)
		_, err = f.svc.SignUp(ctx, late, a.ID, 0)
		requireCode(t, err, avenir.CodeConflict)
		_, err = f.svc.MySignUp(ctx, late, a.ID)
		requireCode(t, err, avenir.CodeNotFound)

		// Completing counts the volunteers involved.
		b := f.published(t, author, request("Courses"))
		_, err = f.svc.SignUp(ctx, v[1], b.ID, 0)
		require.NoError(t, err)
		_, err = f.svc.Accept(ctx, author, b.ID, v[1].ID)
		require.NoError(t, err)
		b, err = f.svc.Complete(ctx, author, b.ID, solidarity.Impact{PeopleHelped: 1, Hours: 2})
		require.NoError(t, err)
		assert.Equal(t, 1, b.Impact.Volunteers)
	})
}

func TestSupportersAndShifts(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		animator := f.newActor(t, avenir.StatusActive, animatorOf(f.lyon))
		supporter := f.newActor(t, avenir.StatusSupporter)
		d := request("Collecte alimentaire")
		d.Kind, d.Category, d.AutoAccept = solidarity.Collective, "food_aid", true
		d.Shifts = []solidarity.ShiftDraft{
			{StartsAt: start.Add(48 * time.Hour), EndsAt: start.Add(52 * time.Hour), Capacity: 1},
			{StartsAt: start.Add(24 * time.Hour), EndsAt: start.Add(28 * time.Hour), Capacity: 2},
		}
		a := f.published(t, animator, d)
		require.Len(t, a.Shifts, 2)
		assert.Equal(t, start.Add(24*time.Hour), a.Shifts[0].StartsAt, "shifts in order of start")

		_, err := f.svc.SignUp(ctx, supporter, a.ID, 1)
		requireCode(t, err, avenir.CodeForbidden)

		m := f.newActor(t, avenir.StatusActive)
		_, err = f.svc.SignUp(ctx, m, a.ID, 0)
		requireCode(t, err, avenir.CodeInvalid, "shift")
		_, err = f.svc.SignUp(ctx, m, a.ID, 3)
		requireCode(t, err, avenir.CodeInvalid, "shift")
		s, err := f.svc.SignUp(ctx, m, a.ID, 2)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Accepted, s.Status)
		other := f.newActor(t, avenir.StatusActive)
		s, err = f.svc.SignUp(ctx, other, a.ID, 2)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Waitlisted, s.Status, "shift 2 has one place")
		s, err = f.svc.SignUp(ctx, f.newActor(t, avenir.StatusActive), a.ID, 1)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Accepted, s.Status, "shift 1 has its own places")

		// Auto-accept promotes the line at once.
		_, err = f.svc.Withdraw(ctx, m, a.ID)
		require.NoError(t, err)
		s, err = f.svc.MySignUp(ctx, other, a.ID)
		require.NoError(t, err)
		assert.Equal(t, solidarity.Accepted, s.Status)
		a, err = f.svc.Action(ctx, animator, a.ID)
		require.NoError(t, err)
		assert.Equal(t, []int{1, 1}, []int{a.Shifts[0].Accepted, a.Shifts[1].Accepted})
	})

	t.Run("supporters allowed", func(t *testing.T) {
		storagetest.Run(t, func(t *testing.T, db *storage.DB) {
			f := newFixture(t, db, func(c *solidarity.Config) { c.SupportersMayVolunteer = true })
			a := f.published(t, f.newActor(t, avenir.StatusActive), request("Aide"))
			s, err := f.svc.SignUp(context.Background(), f.newActor(t, avenir.StatusSupporter), a.ID, 0)
			require.NoError(t, err)
			assert.Equal(t, solidarity.Pending, s.Status)
		})
	})
}

// TestConcurrentSignUpsPostgres sends 300 concurrent sign-ups to an action
// with 10 places that accepts automatically: exactly 10 are accepted, the
// others are in line at positions 1 to 290. Then, on an action where the
// organiser accepts, 300 concurrent acceptances of 300 pending volunteers:
// exactly 10 succeed, the others are conflicts.
func TestConcurrentSignUpsPostgres(t *testing.T) {
	raceSignUps(t, storagetest.Postgres(t), 300, 10)
}

// TestConcurrentSignUpsSQLite runs a smaller race on SQLite.
func TestConcurrentSignUpsSQLite(t *testing.T) {
	raceSignUps(t, storagetest.SQLite(t), 40, 5)
}

func raceSignUps(t *testing.T, db *storage.DB, people, places int) {
	ctx := context.Background()
	f := newFixture(t, db)
	author := f.newActor(t, avenir.StatusActive)
	auto := request("Distribution")
	auto.Volunteers, auto.AutoAccept = places, true
	a := f.published(t, author, auto)
	manual := request("Maraude")
	manual.Volunteers = places
	b := f.published(t, author, manual)
	actors := make([]avenir.Actor, people)
	for i := range actors {
		actors[i] = f.newActor(t, avenir.StatusActive)
	}

	var wg sync.WaitGroup
	got := make([]solidarity.Volunteer, people)
	errs := make([]error, people)
	for i, who := range actors {
		wg.Go(func() { got[i], errs[i] = f.svc.SignUp(ctx, who, a.ID, 0) })
	}
	wg.Wait()
	accepted, positions := 0, map[int]bool{}
	for i, err := range errs {
		require.NoError(t, err)
		switch got[i].Status {
		case solidarity.Accepted:
			accepted++
		case solidarity.Waitlisted:
			assert.False(t, positions[got[i].Position], "position %d twice", got[i].Position)
			positions[got[i].Position] = true
		default:
			t.Fatalf("unexpected status %s", got[i].Status)
		}
	}
	assert.Equal(t, places, accepted)
	assert.Len(t, positions, people-places)
	for p := 1; p <= people-places; p++ {
		assert.True(t, positions[p], "position %d missing", p)
	}
	a, err := f.svc.Action(ctx, author, a.ID)
	require.NoError(t, err)
	assert.Equal(t, places, a.Accepted)

	// The organiser's acceptances, all at once.
	for _, who := range actors {
		_, err := f.svc.SignUp(ctx, who, b.ID, 0)
		require.NoError(t, err)
	}
	for i, who := range actors {
		wg.Go(func() { _, errs[i] = f.svc.Accept(ctx, author, b.ID, who.ID) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		requireCode(t, err, avenir.CodeConflict)
	}
	assert.Equal(t, places, ok)
	helpers, err := f.svc.Helpers(ctx, author, b.ID)
	require.NoError(t, err)
	n := 0
	for _, h := range helpers {
		if h.Status == solidarity.Accepted {
			n++
		}
	}
	assert.Equal(t, places, n)
}

// TestContactsRevealedOnlyBetweenAuthorAndAccepted checks every way an
// author's or a volunteer's contact details might reach someone.
func TestContactsRevealedOnlyBetweenAuthorAndAccepted(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		authorM := f.member(t, avenir.StatusActive)
		author := f.actor(t, authorM)
		acceptedM := f.member(t, avenir.StatusActive)
		accepted := f.actor(t, acceptedM)
		pendingM := f.member(t, avenir.StatusActive)
		pending := f.actor(t, pendingM)
		animator := f.newActor(t, avenir.StatusActive, animatorOf(f.lyon))
		a := f.published(t, author, request("Accompagnement"))
		_, err := f.svc.SignUp(ctx, accepted, a.ID, 0)
		require.NoError(t, err)
		_, err = f.svc.SignUp(ctx, pending, a.ID, 0)
		require.NoError(t, err)
		_, err = f.svc.Accept(ctx, author, a.ID, accepted.ID)
		require.NoError(t, err)

		contacts, err := f.svc.Contacts(ctx, author, a.ID)
		require.NoError(t, err)
		require.Len(t, contacts, 1)
		assert.Equal(t, solidarity.Contact{Member: acceptedM.ID, Role: "volunteer", Name: acceptedM.Profile.DisplayName,
			Email: acceptedM.Email, Phone: acceptedM.Profile.Phone}, contacts[0])
		contacts, err = f.svc.Contacts(ctx, accepted, a.ID)
		require.NoError(t, err)
		require.Len(t, contacts, 1)
		assert.Equal(t, authorM.Email, contacts[0].Email)
		assert.Equal(t, "author", contacts[0].Role)

		_, err = f.svc.Comment(ctx, accepted, a.ID, "Je passe vous prendre à 8 h.")
		require.NoError(t, err)
		_, err = f.svc.Complete(ctx, author, f.published(t, author, request("Terminée")).ID, solidarity.Impact{PeopleHelped: 1})
		require.NoError(t, err)
		offer := request("Je conduis")
		offer.Kind = solidarity.Offer
		f.published(t, accepted, offer)

		secrets := []string{authorM.Email, authorM.Profile.Phone, acceptedM.Email, acceptedM.Profile.Phone, pendingM.Email}
		for name, who := range map[string]avenir.Actor{
			"anonymous": avenir.Anonymous, "pending volunteer": pending, "animator": animator, "admin": f.admin,
			"stranger": f.newActor(t, avenir.StatusActive),
		} {
			contacts, err := f.svc.Contacts(ctx, who, a.ID)
			require.NoError(t, err, name)
			assert.Empty(t, contacts, name)
			// Every other read path: the action, the lists, the matches,
			// the comments, the impact, the helpers, the sign-up.
			var seen []any
			keep := func(v any, err error) {
				if err == nil {
					seen = append(seen, v)
				}
			}
			keep(f.svc.Action(ctx, who, a.ID))
			keep(f.svc.Actions(ctx, who, solidarity.Query{Statuses: solidarity.Statuses}, avenir.PageRequest{}))
			keep(f.svc.Mine(ctx, who, avenir.PageRequest{}))
			keep(f.svc.Volunteering(ctx, who, avenir.PageRequest{}))
			keep(f.svc.Queue(ctx, who, avenir.PageRequest{}))
			keep(f.svc.Matches(ctx, who, a.ID, 0))
			keep(f.svc.NearMe(ctx, who, "69003", solidarity.Query{}, 0))
			keep(f.svc.Comments(ctx, who, a.ID, avenir.PageRequest{}))
			keep(f.svc.Impact(ctx, who, solidarity.ImpactQuery{By: solidarity.ByCommittee}))
			keep(f.svc.Helpers(ctx, who, a.ID))
			keep(f.svc.MySignUp(ctx, who, a.ID))
			assert.GreaterOrEqual(t, len(seen), 4, name)
			for _, v := range seen {
				assertNoSecret(t, v, secrets, name)
			}
		}
		// Not even the organiser's list of helpers carries contacts.
		h, err := f.svc.Helpers(ctx, author, a.ID)
		require.NoError(t, err)
		assertNoSecret(t, h, secrets, "helpers")
	})
}

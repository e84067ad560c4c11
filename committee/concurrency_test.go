package committee_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestConcurrentRSVPsPostgres sends 500 concurrent "going" answers to an
// event with 50 places on PostgreSQL: exactly 50 are confirmed, the 450
// others are waitlisted at positions 1 to 450, none missing, none twice;
// then cancellations promote the line in order.
func TestConcurrentRSVPsPostgres(t *testing.T) {
	raceRSVPs(t, storagetest.Postgres(t), 500, 50)
}

// TestConcurrentRSVPsSQLite runs a smaller race on SQLite, whose
// transactions take the write lock when they begin.
func TestConcurrentRSVPsSQLite(t *testing.T) {
	raceRSVPs(t, storagetest.SQLite(t), 60, 10)
}

func raceRSVPs(t *testing.T, db *storage.DB, people, capacity int) {
	ctx := context.Background()
	f := newFixture(t, db)
	e := f.createEvent(t, f.admin, f.meeting(capacity))
	members := make([]membership.Member, people)
	for i := range members {
		members[i] = f.member(t, avenir.StatusActive)
	}

	var wg sync.WaitGroup
	answers := make([]committee.RSVP, people)
	errs := make([]error, people)
	for i, m := range members {
		wg.Go(func() {
			answers[i], errs[i] = f.svc.RSVP(ctx, avenir.Actor{ID: m.ID, Status: m.Status}, e.ID, committee.Going)
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "answer %d", i)
	}

	going, positions := 0, []int{}
	byPosition := map[int]avenir.ID{}
	for _, r := range answers {
		switch r.Status {
		case committee.StatusGoing:
			going++
		case committee.StatusWaitlisted:
			positions = append(positions, r.Position)
			byPosition[r.Position] = r.Member
		default:
			t.Fatalf("unexpected status %s", r.Status)
		}
	}
	assert.Equal(t, capacity, going)
	slices.Sort(positions)
	want := make([]int, people-capacity)
	for i := range want {
		want[i] = i + 1
	}
	assert.Equal(t, want, positions, "positions 1..%d, no gap, no duplicate", people-capacity)

	// What the database holds agrees with the answers.
	_, sum, err := f.svc.Registrations(ctx, f.admin, e.ID, nil, avenir.PageRequest{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, committee.Attendance{Going: capacity, Waitlisted: people - capacity}, sum)
	stored, err := f.svc.Event(ctx, f.admin, e.ID)
	require.NoError(t, err)
	assert.Equal(t, capacity, stored.Going)

	// Five confirmed people cancel at once: the first five in line, and
	// only they, are promoted.
	var confirmed []avenir.ID
	for _, r := range answers {
		if r.Status == committee.StatusGoing && len(confirmed) < 5 {
			confirmed = append(confirmed, r.Member)
		}
	}
	for _, id := range confirmed {
		wg.Go(func() {
			_, err := f.svc.RSVP(ctx, avenir.Actor{ID: id, Status: avenir.StatusActive}, e.ID, committee.Declined)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	for p := 1; p <= 6; p++ {
		r, err := f.svc.MyRSVP(ctx, avenir.Actor{ID: byPosition[p], Status: avenir.StatusActive}, e.ID)
		require.NoError(t, err)
		if p <= 5 {
			assert.Equal(t, committee.StatusGoing, r.Status, fmt.Sprintf("position %d promoted", p))
		} else {
			assert.Equal(t, committee.StatusWaitlisted, r.Status, "position 6 still waits")
			assert.Equal(t, 6, r.Position)
		}
	}
	_, sum, err = f.svc.Registrations(ctx, f.admin, e.ID, nil, avenir.PageRequest{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, committee.Attendance{Going: capacity, Waitlisted: people - capacity - 5, Declined: 5}, sum)
}

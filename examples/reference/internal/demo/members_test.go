package demo

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/examples/reference/internal/web"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// seedAll seeds the whole demo, as main does.
func seedAll(t *testing.T, ctx context.Context, db *storage.DB, s *web.Server, clock avenir.Clock) {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	require.NoError(t, Seed(ctx, db, s.Members(), log))
	require.NoError(t, SeedCommittees(ctx, db, s.Members(), s.Committees(), log))
	require.NoError(t, SeedForums(ctx, db, s.Members(), s.Committees(), s.Forums(), log))
	require.NoError(t, SeedConsultations(ctx, db, s.Members(), s.Forums(), s.Consultations(), log))
	require.NoError(t, SeedSolidarity(ctx, db, clock, s.Members(), s.Committees(), s.Solidarity(), log))
	require.NoError(t, SeedSocial(ctx, db, s.Network(), log))
	require.NoError(t, SeedMembers(ctx, db, clock, s.Network(), log))
}

func TestSeedMembers(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
		s, err := web.New(db, network.DefaultConfig(), slog.New(slog.DiscardHandler), web.Options{Dev: true, BaseURL: "http://example.test", Clock: clock})
		require.NoError(t, err)
		seedAll(t, ctx, db, s, clock)

		got := map[avenir.Status]int{}
		affiliated := 0
		for i := range MemberCount {
			m, err := db.Members().MemberByEmail(ctx, memberEmail(i))
			require.NoError(t, err, memberEmail(i))
			got[m.Status]++
			if _, err := s.Committees().Affiliation(ctx, avenir.Actor{ID: m.ID, Status: m.Status}, m.ID); err == nil {
				affiliated++
			}
		}
		assert.Equal(t, MemberStatuses, got, "members per status")
		assert.Equal(t, MemberCount-MemberStatuses[avenir.StatusSupporter], affiliated, "every member belongs to the committee of their address")

		before := storagetest.Dump(t, db)
		seedAll(t, ctx, db, s, clock)
		assert.Equal(t, before, storagetest.Dump(t, db), "a second seed adds nothing")
	})
}

package dataset

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestMembers(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		ids, err := Members(ctx, db, 300, NewProse(1))
		require.NoError(t, err)
		require.Len(t, ids, 300)
		seen := map[avenir.Status]int{}
		for _, id := range ids {
			m, err := db.Members().Member(ctx, id)
			require.NoError(t, err)
			seen[m.Status]++
			assert.NotEmpty(t, m.Address.PostalCode)
			assert.Equal(t, m.Status != avenir.StatusSupporter, !m.JoinedAt.IsZero())
		}
		assert.Greater(t, seen[avenir.StatusActive], seen[avenir.StatusSupporter])
		assert.Greater(t, seen[avenir.StatusSupporter], 0)
		all, err := db.Members().ListMembers(ctx, membership.MemberFilter{Limit: 1000})
		require.NoError(t, err)
		assert.Len(t, all, 300)
	})
}

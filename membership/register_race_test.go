package membership_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestConcurrentRegistrationsOfOneAddress: however many requests register
// the same address at once, one member exists and every request gets the
// same answer (no error that would tell the address is taken).
func TestConcurrentRegistrationsOfOneAddress(t *testing.T) {
	db := storagetest.Postgres(t)
	f := newFixture(t, db)
	const n = 12
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = f.svc.Register(context.Background(), membership.Registration{
				Email: "same@example.org", Profile: membership.Profile{DisplayName: "Same"},
				Consents: []string{membership.ConsentMembership},
			})
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
	count, err := db.Bun().NewSelect().TableExpr("avenir_members").Where("email = ?", "same@example.org").Count(context.Background())
	require.NoError(t, err)
	assert.EqualValues(t, 1, count)
}

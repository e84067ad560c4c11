package solidarity_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/solidarity"
)

// TestWorkflowEveryStateEveryTransition walks the whole table: every status
// against every transition, each either leading where the issue says or a
// translated conflict.
func TestWorkflowEveryStateEveryTransition(t *testing.T) {
	const (
		draft, submitted, published, inProgress = solidarity.StatusDraft, solidarity.StatusSubmitted, solidarity.StatusPublished, solidarity.StatusInProgress
		completed, cancelled, expired, rejected = solidarity.StatusCompleted, solidarity.StatusCancelled, solidarity.StatusExpired, solidarity.StatusRejected
	)
	allowed := map[solidarity.Status]map[solidarity.Transition]solidarity.Status{
		draft:      {solidarity.Submit: submitted, solidarity.Cancel: cancelled},
		submitted:  {solidarity.Publish: published, solidarity.Reject: rejected, solidarity.Cancel: cancelled},
		published:  {solidarity.Start: inProgress, solidarity.Complete: completed, solidarity.Cancel: cancelled, solidarity.Expire: expired},
		inProgress: {solidarity.Complete: completed, solidarity.Cancel: cancelled},
		rejected:   {solidarity.Revise: draft},
	}
	require.Len(t, solidarity.Statuses, 8)
	require.Len(t, solidarity.Transitions, 8)
	pairs := 0
	for _, from := range solidarity.Statuses {
		for _, tr := range solidarity.Transitions {
			pairs++
			t.Run(string(from)+"/"+string(tr), func(t *testing.T) {
				got, err := solidarity.Next(from, tr)
				want, ok := allowed[from][tr]
				if ok {
					require.NoError(t, err)
					assert.Equal(t, want, got)
					return
				}
				require.Error(t, err)
				assert.Equal(t, avenir.CodeConflict, avenir.ErrorCode(err))
				assert.Empty(t, got)
				var e *avenir.Error
				require.ErrorAs(t, err, &e)
				assert.NotEqual(t, e.Localize(language.English), e.Localize(language.French), "no French for %q", e.Key)
			})
		}
	}
	assert.Equal(t, 64, pairs)
	for _, s := range []solidarity.Status{completed, cancelled, expired} {
		assert.True(t, s.Final(), s)
	}
	for _, s := range []solidarity.Status{draft, submitted, published, inProgress, rejected} {
		assert.False(t, s.Final(), s)
	}
}

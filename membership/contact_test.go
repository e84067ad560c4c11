package membership_test

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

func TestContactVisible(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		lyon, paris := avenir.NewID(), avenir.NewID()
		member := f.register(t, "membre@example.org", false)
		animator := func(c avenir.ID, status avenir.Status) avenir.Actor {
			return avenir.Actor{ID: avenir.NewID(), Status: status, Grants: []avenir.Grant{{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(c)}}}
		}
		tests := []struct {
			name    string
			viewer  avenir.Actor
			consent bool
			want    bool
		}{
			{"animator of the member's committee, with consent", animator(lyon, avenir.StatusActive), true, true},
			{"animator of the member's committee, without consent", animator(lyon, avenir.StatusActive), false, false},
			{"animator of another committee", animator(paris, avenir.StatusActive), true, false},
			{"suspended animator", animator(lyon, avenir.StatusSuspended), true, false},
			{"plain member", avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive}, true, false},
			{"the member themself", avenir.Actor{ID: member.ID, Status: avenir.StatusSupporter}, false, true},
			{"admin", f.admin, false, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.svc.SetConsent(ctx, avenir.Actor{ID: member.ID, Status: avenir.StatusSupporter}, membership.ConsentShareContact, tt.consent, membership.SourceForm)
				require.NoError(t, err)
				got, err := f.svc.ContactVisible(ctx, tt.viewer, member.ID, []avenir.ID{lyon})
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
			})
		}
	})
}

package avenir_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
)

func TestNewEvent(t *testing.T) {
	clock := avenir.NewManualClock(time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC))
	actor, subject := avenir.NewID(), avenir.NewID()
	tests := []struct {
		name        string
		audience    avenir.Audience
		payload     any
		wantPayload string
		wantCode    avenir.Code
	}{
		{"with a payload", avenir.Members, map[string]string{"committee": "Lyon 3e"}, `{"committee":"Lyon 3e"}`, ""},
		{"without a payload", avenir.Public, nil, "", ""},
		{"no audience", avenir.Audience{}, nil, "", avenir.CodeInvalid},
		{"payload that is not JSON", avenir.Public, func() {}, "", avenir.CodeInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := avenir.NewEvent(clock, "member.joined", actor, subject, tt.audience, tt.payload)
			if tt.wantCode != "" {
				assert.Equal(t, tt.wantCode, avenir.ErrorCode(err))
				assert.Zero(t, e)
				return
			}
			require.NoError(t, err)
			assert.False(t, e.ID.IsZero())
			assert.Equal(t, "member.joined", e.Type)
			assert.Equal(t, actor, e.Actor)
			assert.Equal(t, subject, e.Subject)
			assert.Equal(t, tt.audience, e.Audience)
			assert.Equal(t, clock.Now(), e.OccurredAt)
			if tt.wantPayload == "" {
				assert.Empty(t, e.Payload)
			} else {
				assert.JSONEq(t, tt.wantPayload, string(e.Payload))
			}
			b, err := json.Marshal(e)
			require.NoError(t, err)
			var back avenir.Event
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, e.ID, back.ID)
			assert.Equal(t, e.Audience, back.Audience)
		})
	}
}

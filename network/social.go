package network

import (
	"context"
	"log/slog"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/solidarity"
)

// The social layer — follows and blocks ([Follows]), private conversations
// ([Conversations]) and the activity feed ([Feed]) — is reserved to
// members: a visitor gets unauthenticated, anyone else who is not a member
// in good standing gets forbidden. The one exception is reading: a member who
// lapses keeps reading the conversations they took part in.

// SocialConfig is what the social services share. The domain services are
// those the social layer re-checks permissions through: a member follows
// only what they may read, and the feed shows only what its reader may see
// when they read it.
type SocialConfig struct {
	Clock      avenir.Clock // default avenir.SystemClock
	Forums     *forum.Service
	Committees *committee.Service
	Solidarity *solidarity.Service
	Log        *slog.Logger // default: discard

	// MaxParticipants caps a conversation's participants (default 50).
	MaxParticipants int
	// MaxMessageLen caps a message's length in characters (default 5,000).
	MaxMessageLen int
	// ReportContext is how many messages before a reported one are copied
	// into the report for the moderators (default 5).
	ReportContext int
	// OnMessage, when set, is called after a message is committed, with no
	// body: the hook for notifications. Conversations record no outbox
	// event (see [MessageNotice]).
	OnMessage func(ctx context.Context, n MessageNotice)
}

func (c SocialConfig) withDefaults() SocialConfig {
	if c.Clock == nil {
		c.Clock = avenir.SystemClock
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.MaxParticipants <= 1 {
		c.MaxParticipants = 50
	}
	if c.MaxMessageLen <= 0 {
		c.MaxMessageLen = 5000
	}
	if c.ReportContext <= 0 {
		c.ReportContext = 5
	}
	return c
}

// socialMember returns why the actor may not use the social layer:
// unauthenticated for a visitor, forbidden for anyone not a member in good
// standing.
func socialMember(actor avenir.Actor) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !actor.InGoodStanding() {
		return avenir.Errorf(avenir.CodeForbidden, "Only members in good standing may use the social network.")
	}
	return nil
}

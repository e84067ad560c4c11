package avenir

import (
	"encoding/json"
	"time"
)

// Event is a domain event: something that happened (a member joined, a post
// was hidden, an action was completed). Workflows record events in the outbox
// in the same transaction as the change they report, so that an event exists
// if and only if the change does. The activity feed, notifications and relays
// (webhooks, a message broker) read them from there.
type Event struct {
	ID         ID              `json:"id"`
	Type       string          `json:"type"`              // dotted, past tense: "member.joined"
	Subject    ID              `json:"subject"`           // the thing the event is about
	Actor      ID              `json:"actor,omitempty"`   // who caused it; zero for the system
	Audience   Audience        `json:"audience"`          // who may learn of it
	Payload    json.RawMessage `json:"payload,omitempty"` // event-specific data
	OccurredAt time.Time       `json:"occurred_at"`
}

// NewEvent returns an event of type typ about subject, caused by actor,
// visible to audience, at the clock's time, with payload encoded as JSON (nil
// for none). Payloads must not carry more than the audience may see.
func NewEvent(clock Clock, typ string, actor, subject ID, audience Audience, payload any) (Event, error) {
	e := Event{ID: NewID(), Type: typ, Subject: subject, Actor: actor, Audience: audience, OccurredAt: clock.Now()}
	if err := audience.Validate(); err != nil {
		return Event{}, err
	}
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return Event{}, Internal(err)
		}
		e.Payload = b
	}
	return e, nil
}

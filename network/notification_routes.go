package network

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
)

// RecipientsFunc returns who should be told of an event. It may return the
// event's actor or members who may no longer see it: the consumer drops
// them.
type RecipientsFunc func(ctx context.Context, e avenir.Event) ([]avenir.ID, error)

// Route says what an event type becomes: a notification of a kind for the
// recipients. Mailed marks the events whose services already send the
// transactional mail themselves: their notifications stay in the app.
type Route struct {
	Kind       Kind
	Recipients RecipientsFunc
	Mailed     bool
}

// Routes maps an event type ("forum.post_replied") to its route. To notify
// of a new event type, add a route:
//
//	routes := network.DefaultRoutes(sources)
//	routes["network.followed"] = network.Route{Kind: "follow", Recipients: func(ctx context.Context, e avenir.Event) ([]avenir.ID, error) {
//		return []avenir.ID{e.Subject}, nil // the member followed
//	}}
type Routes map[string]Route

// Sources are the stores the default routes read recipients from; db.Forums()
// and db.Solidarity() satisfy them.
type Sources struct {
	Forums interface {
		Watchers(ctx context.Context, thread avenir.ID) ([]avenir.ID, error)
		Decision(ctx context.Context, id avenir.ID) (forum.Decision, error)
	}
	Solidarity interface {
		Action(ctx context.Context, id avenir.ID) (solidarity.Action, error)
	}
}

// DefaultRoutes are the routes of what the domain packages record today:
//
//   - forum.post_replied: the thread's watchers (KindReply);
//   - forum.decision_taken, forum.appeal_decided: the post's author
//     (KindModeration);
//   - solidarity.volunteer_signed_up: the action's organiser (KindVolunteer).
//
// solidarity.volunteer_accepted/declined and event.rsvp_promoted do not name
// the person (their audience must not learn who volunteered or got a place),
// so they cannot be routed from the outbox; their services mail the person
// directly.
func DefaultRoutes(src Sources) Routes {
	return Routes{
		"forum.post_replied": {Kind: KindReply, Recipients: func(ctx context.Context, e avenir.Event) ([]avenir.ID, error) {
			var p struct {
				Thread avenir.ID `json:"thread"`
			}
			if err := json.Unmarshal(e.Payload, &p); err != nil {
				return nil, fmt.Errorf("network: forum.post_replied payload: %w", err)
			}
			return src.Forums.Watchers(ctx, p.Thread)
		}},
		"forum.decision_taken": {Kind: KindModeration, Recipients: decisionAuthor(src)},
		"forum.appeal_decided": {Kind: KindModeration, Recipients: decisionAuthor(src)},
		"solidarity.volunteer_signed_up": {Kind: KindVolunteer, Recipients: func(ctx context.Context, e avenir.Event) ([]avenir.ID, error) {
			a, err := src.Solidarity.Action(ctx, e.Subject)
			if err != nil {
				return nil, err
			}
			return []avenir.ID{a.Author}, nil
		}},
	}
}

func decisionAuthor(src Sources) RecipientsFunc {
	return func(ctx context.Context, e avenir.Event) ([]avenir.ID, error) {
		d, err := src.Forums.Decision(ctx, e.Subject)
		if err != nil {
			return nil, err
		}
		return []avenir.ID{d.Author}, nil
	}
}

// ConsumerName is the name of the notifications consumer in the relay.
const ConsumerName = "notifications"

// Consume turns an event into notifications: for each recipient of its
// route but the event's actor, who may still see the event and has not
// turned the kind off, it adds a notification (once: the relay may offer
// an event again) and sends the email the member chose and consented to.
// Register it with relay.Register(network.ConsumerName, notifications).
func (s *Notifications) Consume(ctx context.Context, e avenir.Event) error {
	route, ok := s.cfg.Routes[e.Type]
	if !ok {
		return nil
	}
	recipients, err := route.Recipients(ctx, e)
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return nil // the subject is gone: nobody to tell
	}
	if err != nil {
		return err
	}
	slices.SortFunc(recipients, func(a, b avenir.ID) int { return strings.Compare(a.String(), b.String()) })
	for _, member := range slices.Compact(recipients) {
		if member.IsZero() || member == e.Actor {
			continue
		}
		if err := s.notify(ctx, route, e, member); err != nil {
			return err
		}
	}
	return nil
}

func (s *Notifications) notify(ctx context.Context, route Route, e avenir.Event, member avenir.ID) error {
	actor, err := s.cfg.People.Actor(ctx, member)
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !e.Audience.Allows(actor) {
		return nil
	}
	prefs, err := s.store.Preferences(ctx, member)
	if err != nil {
		return err
	}
	mail := MailNone
	switch ch := s.channel(prefs, route.Kind); {
	case ch == ChannelOff:
		return nil
	case route.Mailed || ch == ChannelInApp:
	default:
		consented, err := s.cfg.People.Consented(ctx, member, ConsentNotifications)
		if err != nil {
			return err
		}
		if consented && ch == ChannelEmail {
			mail = MailImmediate
		} else if consented {
			mail = MailDigest
		}
	}
	n, err := s.store.AddNotification(ctx, Notification{
		ID: avenir.NewID(), Member: member, Kind: route.Kind, Event: e.ID, Type: e.Type, Subject: e.Subject,
		Actor: e.Actor, Audience: e.Audience, Payload: e.Payload, Mail: mail, CreatedAt: s.cfg.Clock.Now(),
	})
	if err != nil || n.Mail != MailImmediate {
		return err
	}
	// At least once: a crash between the send and the mark sends again.
	email, tag, err := s.cfg.People.Address(ctx, member)
	if err != nil {
		return err
	}
	if email != "" {
		subject, text := s.message(tag, n)
		if err := s.cfg.Mailer.Send(ctx, membership.Mail{To: email, Subject: subject, Text: text}); err != nil {
			return err
		}
	}
	_, err = s.store.SetMail(ctx, n.ID, MailImmediate, MailSent)
	return err
}

// Headline returns a notification's one line in the language of tag.
func (n Notification) Headline(tag language.Tag) string {
	p := avenir.Printer(tag)
	var title struct {
		Title string `json:"title"`
	}
	_ = json.Unmarshal(n.Payload, &title)
	switch n.Kind {
	case KindReply:
		return p.Sprintf("New reply in a thread you follow.")
	case KindModeration:
		if n.Type == "forum.appeal_decided" {
			return p.Sprintf("Your appeal was answered.")
		}
		return p.Sprintf("A moderator took a decision about your post.")
	case KindVolunteer:
		return p.Sprintf("Someone offered to help with %q.", title.Title)
	default:
		return p.Sprintf("Something new concerns you (%s).", n.Type)
	}
}

// message is the email of one notification.
func (s *Notifications) message(tag language.Tag, n Notification) (subject, text string) {
	p := avenir.Printer(tag)
	return n.Headline(tag), n.Headline(tag) + "\n\n" + p.Sprintf("See your notifications: %s", s.link())
}

func (s *Notifications) link() string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + "/notifications"
}

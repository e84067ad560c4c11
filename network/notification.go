package network

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// Kind is a kind of notification, the unit of a member's preferences.
type Kind string

// The kinds of notification the default routes produce.
const (
	KindReply        Kind = "reply"        // a reply in a thread the member watches
	KindModeration   Kind = "moderation"   // a decision about the member's post, or the answer to their appeal
	KindVolunteer    Kind = "volunteer"    // someone offered to help with the member's action
	KindVolunteering Kind = "volunteering" // the organiser answered the member's offer of help
	KindPlace        Kind = "place"        // the member got a place at an event from the waiting list
)

// Channel is how a member wants a kind of notification.
type Channel string

// The channels. Every one but ChannelOff shows the notification in the
// app; the email ones need the member's consent to ConsentNotifications.
const (
	ChannelInApp  Channel = "in_app" // in the app only
	ChannelEmail  Channel = "email"  // in the app, and an email at once
	ChannelDigest Channel = "digest" // in the app, and in the daily digest email
	ChannelOff    Channel = "off"    // not at all
)

// Channels lists the channels.
var Channels = []Channel{ChannelInApp, ChannelEmail, ChannelDigest, ChannelOff}

// ConsentNotifications is the consent purpose that lets the network email a
// member their notifications (one by one or in a digest). Transactional
// mails — sign-in links, a place given at an event, an accepted offer of
// help — are sent by their services whatever it says; every other mail
// needs it (GDPR art. 6(1)(a), and the ePrivacy rules on unsolicited mail).
// Add NotificationsPurpose to membership.Config.Purposes to offer it.
const ConsentNotifications = "notifications"

// NotificationsPurpose is the consent purpose of ConsentNotifications.
var NotificationsPurpose = membership.Purpose{
	Key: ConsentNotifications, Version: 1,
	Text: "J’accepte de recevoir par e-mail les notifications que je choisis (réponses, décisions, actions).",
}

// MailState is where the email of a notification stands.
type MailState string

// The mail states.
const (
	MailNone      MailState = "none"      // no email
	MailImmediate MailState = "immediate" // to be sent now
	MailSent      MailState = "sent"
	MailDigest    MailState = "digest" // waits for the daily digest
	MailDigested  MailState = "digested"
)

// Notification is what a member is told in the app: an event of the outbox
// that concerns them. It carries the event's identifiers and payload (no
// more than the event's audience may see).
type Notification struct {
	ID        avenir.ID       `json:"id"`
	Member    avenir.ID       `json:"member"`
	Kind      Kind            `json:"kind"`
	Event     avenir.ID       `json:"event"`
	Type      string          `json:"type"` // the event's type: "forum.post_replied"
	Subject   avenir.ID       `json:"subject"`
	Actor     avenir.ID       `json:"actor,omitzero"`
	Audience  avenir.Audience `json:"audience"`
	Payload   json.RawMessage `json:"payload,omitempty"`
	Mail      MailState       `json:"mail"`
	CreatedAt time.Time       `json:"created_at"`
	ReadAt    time.Time       `json:"read_at,omitzero"`
}

// Read reports whether the member has read the notification.
func (n Notification) Read() bool { return !n.ReadAt.IsZero() }

// NotificationStore keeps notifications and preferences. The storage package
// implements it (db.Notifications()); methods join the transaction in ctx.
type NotificationStore interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// AddNotification writes n unless the member already has the event's
	// notification, and returns the one stored (the existing one, then).
	AddNotification(ctx context.Context, n Notification) (Notification, error)
	// SetMail moves a notification's mail state from one state to another;
	// it reports false when the notification was not in from.
	SetMail(ctx context.Context, id avenir.ID, from, to MailState) (bool, error)
	// Notifications lists a member's notifications that the visibility
	// allows, newest first, after the ID after (keyset), at most limit.
	Notifications(ctx context.Context, member avenir.ID, v avenir.Visibility, unread bool, after avenir.ID, limit int) ([]Notification, error)
	// UnreadCount counts the unread notifications the visibility allows.
	UnreadCount(ctx context.Context, member avenir.ID, v avenir.Visibility) (int, error)
	// MarkRead marks a member's notification read (not_found if not
	// theirs); MarkAllRead every unread one, and returns how many.
	MarkRead(ctx context.Context, member, id avenir.ID, at time.Time) error
	MarkAllRead(ctx context.Context, member avenir.ID, at time.Time) (int, error)

	Preferences(ctx context.Context, member avenir.ID) (map[Kind]Channel, error)
	SetPreference(ctx context.Context, member avenir.ID, kind Kind, c Channel) error

	// DigestMembers lists members with notifications waiting for a digest,
	// after the member after (keyset), at most limit.
	DigestMembers(ctx context.Context, after avenir.ID, limit int) ([]avenir.ID, error)
	// TakeDigest claims the member's digest of the day (conflict when
	// another server took it), marks the waiting notifications digested and
	// returns them, oldest first.
	TakeDigest(ctx context.Context, member avenir.ID, day string, at time.Time) ([]Notification, error)

	// MemberNotifications returns every notification of a member, for
	// export; EraseMemberNotifications removes a member's notifications,
	// preferences and digests, and forgets them as the actor of others'.
	MemberNotifications(ctx context.Context, member avenir.ID) ([]Notification, error)
	EraseMemberNotifications(ctx context.Context, member avenir.ID) error
}

// People is what notifications need to know about members: the Actor that
// says what they may see, their consent, and where and in which language to
// write to them. MembershipPeople makes one from the membership service.
type People interface {
	Actor(ctx context.Context, member avenir.ID) (avenir.Actor, error)
	Consented(ctx context.Context, member avenir.ID, purpose string) (bool, error)
	// Address returns the member's email address and language; an empty
	// address for a member who has none (erased).
	Address(ctx context.Context, member avenir.ID) (string, language.Tag, error)
}

// MembershipPeople is People from the membership service (actors, consents)
// and its store (addresses). A network with committees builds actors with
// their affiliations instead: wrap it and replace Actor.
func MembershipPeople(svc *membership.Service, store membership.Store) People {
	return membershipPeople{svc, store}
}

type membershipPeople struct {
	*membership.Service
	store membership.Store
}

func (p membershipPeople) Address(ctx context.Context, member avenir.ID) (string, language.Tag, error) {
	m, err := p.store.Member(ctx, member)
	if err != nil {
		return "", language.Und, err
	}
	return m.Email, language.Make(m.Language), nil
}

// NotificationsConfig configures Notifications. Zero fields take the
// defaults shown.
type NotificationsConfig struct {
	Clock   avenir.Clock      // avenir.SystemClock
	Log     *slog.Logger      // discard
	Mailer  membership.Mailer // discards
	People  People            // required
	BaseURL string            // for links in mails: "https://example.org"
	// Routes turn events into notifications: DefaultRoutes, plus a
	// program's own (see Routes).
	Routes Routes
	// Defaults is the channel of a kind for a member who did not choose:
	// ChannelInApp for every kind not listed.
	Defaults map[Kind]Channel
	// Location is the time zone whose days the digest follows: UTC.
	Location *time.Location
}

// Notifications holds in-app notifications, members' preferences, the
// relay's consumer that creates them and the daily digest job.
type Notifications struct {
	store NotificationStore
	cfg   NotificationsConfig
}

// NewNotifications returns the notification service storing in store.
func NewNotifications(store NotificationStore, cfg NotificationsConfig) *Notifications {
	if cfg.Clock == nil {
		cfg.Clock = avenir.SystemClock
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Mailer == nil {
		cfg.Mailer = discardMailer{}
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	return &Notifications{store: store, cfg: cfg}
}

type discardMailer struct{}

func (discardMailer) Send(context.Context, membership.Mail) error { return nil }

const notificationsCursor = "network.notifications"

// List returns the actor's notifications, newest first, keyset-paginated;
// with unread, only those not read. A notification whose event the actor
// may no longer see (they left a committee, their membership lapsed) is not
// listed.
func (s *Notifications) List(ctx context.Context, actor avenir.Actor, unread bool, page avenir.PageRequest) (avenir.Page[Notification], error) {
	if actor.IsAnonymous() {
		return avenir.Page[Notification]{}, avenir.ErrUnauthenticated
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Notification]{}, err
	}
	var after avenir.ID
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, notificationsCursor, &after); err != nil {
			return avenir.Page[Notification]{}, err
		}
	}
	rows, err := s.store.Notifications(ctx, actor.ID, actor.Visibility(), unread, after, size+1)
	if err != nil {
		return avenir.Page[Notification]{}, err
	}
	return avenir.NewPage(rows, size, notificationsCursor, func(n Notification) []any { return []any{n.ID} }), nil
}

// UnreadCount counts the actor's unread notifications, as List shows them.
func (s *Notifications) UnreadCount(ctx context.Context, actor avenir.Actor) (int, error) {
	if actor.IsAnonymous() {
		return 0, avenir.ErrUnauthenticated
	}
	return s.store.UnreadCount(ctx, actor.ID, actor.Visibility())
}

// MarkRead marks one of the actor's notifications read; someone else's is
// not_found. Marking again changes nothing.
func (s *Notifications) MarkRead(ctx context.Context, actor avenir.Actor, id avenir.ID) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	return s.store.MarkRead(ctx, actor.ID, id, s.cfg.Clock.Now())
}

// MarkAllRead marks every notification of the actor read and returns how
// many were unread.
func (s *Notifications) MarkAllRead(ctx context.Context, actor avenir.Actor) (int, error) {
	if actor.IsAnonymous() {
		return 0, avenir.ErrUnauthenticated
	}
	return s.store.MarkAllRead(ctx, actor.ID, s.cfg.Clock.Now())
}

// Kinds lists the kinds the routes produce, in a stable order.
func (s *Notifications) Kinds() []Kind {
	var kinds []Kind
	for _, r := range s.cfg.Routes {
		if !slices.Contains(kinds, r.Kind) {
			kinds = append(kinds, r.Kind)
		}
	}
	slices.Sort(kinds)
	return kinds
}

// Preferences returns the actor's channel for every kind, their choice or
// the default.
func (s *Notifications) Preferences(ctx context.Context, actor avenir.Actor) (map[Kind]Channel, error) {
	if actor.IsAnonymous() {
		return nil, avenir.ErrUnauthenticated
	}
	chosen, err := s.store.Preferences(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	out := map[Kind]Channel{}
	for _, k := range s.Kinds() {
		out[k] = s.channel(chosen, k)
	}
	return out, nil
}

func (s *Notifications) channel(chosen map[Kind]Channel, k Kind) Channel {
	if c, ok := chosen[k]; ok {
		return c
	}
	if c, ok := s.cfg.Defaults[k]; ok {
		return c
	}
	return ChannelInApp
}

// SetPreference sets the actor's channel for a kind. Choosing email or the
// digest does not give consent: without ConsentNotifications, the
// notifications stay in the app.
func (s *Notifications) SetPreference(ctx context.Context, actor avenir.Actor, kind Kind, c Channel) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !slices.Contains(s.Kinds(), kind) {
		return avenir.FieldError("kind", "The notification kind %q is not known.", string(kind))
	}
	if !slices.Contains(Channels, c) {
		return avenir.FieldError("channel", "The channel %q is not known: in_app, email, digest or off.", string(c))
	}
	return s.store.SetPreference(ctx, actor.ID, kind, c)
}

// Section, ExportMember and EraseMember make notifications part of a
// member's export and erasure (membership.PersonalData).
func (s *Notifications) Section() string { return "notifications" }

// NotificationsExport is the notifications part of a member's export.
type NotificationsExport struct {
	Notifications []Notification   `json:"notifications"`
	Preferences   map[Kind]Channel `json:"preferences"`
}

// ExportMember returns the member's notifications and preferences.
func (s *Notifications) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	x := NotificationsExport{}
	var err error
	if x.Notifications, err = s.store.MemberNotifications(ctx, member); err != nil {
		return nil, err
	}
	if x.Preferences, err = s.store.Preferences(ctx, member); err != nil {
		return nil, err
	}
	return x, nil
}

// EraseMember removes the member's notifications, preferences and digests,
// and their name as the actor of other members' notifications.
func (s *Notifications) EraseMember(ctx context.Context, member avenir.ID) error {
	return s.store.EraseMemberNotifications(ctx, member)
}

var _ membership.PersonalData = (*Notifications)(nil)

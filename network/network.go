package network

import (
	"context"
	"log/slog"
	"strings"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
)

// Backend is where a network keeps its data: one Store per domain, sharing
// one database and its transactions. *storage.DB is a Backend; network does
// not import storage, so that a program may bring another implementation.
type Backend interface {
	Members() membership.Store
	Committees() committee.Store
	Forums() forum.Store
	Consultations() consultation.Store
	Solidarity() solidarity.Store
	Audit() AuditStore
	Retention() RetentionStore
	Follows() FollowStore
	Conversations() ConversationStore
	Feed() FeedStore
	Relay() RelayStore
	Notifications() NotificationStore
	Webhooks() WebhookStore
	// Clock is the clock the stores use; New's services use it too unless
	// WithClock says otherwise.
	Clock() avenir.Clock
}

// Network is one network with every service ready: what a program (the
// reference server, or an embedder's service) needs from Avenir.
type Network struct {
	Config        Config
	Members       *membership.Service
	Committees    *committee.Service
	Forums        *forum.Service
	Consultations *consultation.Service
	Solidarity    *solidarity.Service
	Audit         *Audit
	// The social fabric: follows and blocks, private conversations, the
	// activity feed.
	Follows       *Follows
	Conversations *Conversations
	Feed          *Feed
	// Relay hands the outbox's events to Notifications and to Webhooks (one
	// consumer per subscription); a program runs it with Relay.Run, on as
	// many servers as it likes.
	Relay         *Relay
	Notifications *Notifications
	Webhooks      *Webhooks

	backend Backend
	opts    options
}

// Option configures New.
type Option func(*options)

type options struct {
	clock        avenir.Clock
	mailer       membership.Mailer
	baseURL      string
	ballotSecret []byte
	geography    membership.Geography
	log          *slog.Logger
	webhooks     WebhooksConfig
}

// WithClock sets the services' clock (default: the backend's).
func WithClock(c avenir.Clock) Option { return func(o *options) { o.clock = c } }

// WithMailer sets how mails leave: sign-in links, event and volunteer
// notices, moderation decisions. Without one, mails are discarded.
func WithMailer(m membership.Mailer) Option { return func(o *options) { o.mailer = m } }

// WithBaseURL sets the network's public address, for links in mails and
// calendars: "https://example.org".
func WithBaseURL(u string) Option { return func(o *options) { o.baseURL = strings.TrimRight(u, "/") } }

// WithBallotSecret sets the key of the consultations' secret ballots (at
// least 32 random bytes, the same on every server, kept out of the
// database). Without it votes are refused.
func WithBallotSecret(secret []byte) Option { return func(o *options) { o.ballotSecret = secret } }

// WithGeography sets how members' addresses are checked (default
// geo.Addresses, the French postal-code base).
func WithGeography(g membership.Geography) Option { return func(o *options) { o.geography = g } }

// WithLogger sets where the services log what they cannot return (a
// notice that could not be mailed, say). Default: discard.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithWebhooks sets how webhooks are delivered (timeouts, private
// addresses for development: see WebhooksConfig). Its Clock and Log are
// New's.
func WithWebhooks(c WebhooksConfig) Option { return func(o *options) { o.webhooks = c } }

// New validates cfg and wires every service of the network on backend:
// membership with the configured policy, committees, forums with the
// moderation defaults, consultations, solidarity; each part that holds
// personal data is registered with membership, so that one export or one
// erasure covers them all.
func New(backend Backend, cfg Config, opts ...Option) (*Network, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	o := options{clock: backend.Clock(), geography: geo.Addresses{}, log: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(&o)
	}
	if o.clock == nil {
		o.clock = avenir.SystemClock
	}
	policy, err := cfg.MembershipPolicy()
	if err != nil {
		return nil, err
	}
	n := &Network{Config: cfg, backend: backend, opts: o}
	n.Audit = NewAudit(backend.Audit(), backend.Forums(), o.clock)

	// Membership and committees need each other: membership asks the tree
	// who animates above whom, and exports and erases the committees'
	// part; committees ask membership about members. Membership is built
	// first and reaches the others through n once they exist.
	n.Members = membership.NewService(auditedMembers{backend.Members(), n.Audit}, membership.Config{
		Policy: policy, Clock: o.clock, Mailer: o.mailer, BaseURL: o.baseURL, Geography: o.geography,
		Committees: committeeTree{n}, PersonalData: n.personalData(),
		// Members may agree to have their notifications mailed.
		Purposes: append(membership.DefaultPurposes(), NotificationsPurpose),
	})
	n.Committees = committee.NewService(backend.Committees(), committee.Config{
		Members: n.Members, Clock: o.clock, Mailer: o.mailer, BaseURL: o.baseURL,
	})
	fc := cfg.forumConfig()
	fc.Clock, fc.BaseURL, fc.Log = o.clock, o.baseURL, o.log
	if o.mailer != nil {
		fc.Notifier = mailNotifier{members: backend.Members(), mailer: o.mailer}
	}
	n.Forums = forum.NewService(auditedForums{backend.Forums(), n.Audit}, fc)
	cc := cfg.consultationConfig()
	cc.Forums, cc.Clock, cc.Secret = n.Forums, o.clock, o.ballotSecret
	n.Consultations = consultation.NewService(backend.Consultations(), cc)
	sc := cfg.solidarityConfig()
	sc.Members, sc.Committees, sc.Forums, sc.Clock, sc.Mailer = n.Members, n.Committees, n.Forums, o.clock, o.mailer
	n.Solidarity = solidarity.NewService(backend.Solidarity(), sc)
	if err := n.wireSocial(backend); err != nil {
		return nil, err
	}
	return n, nil
}

// wireSocial builds the social fabric and the relay that feeds
// notifications and webhooks.
func (n *Network) wireSocial(backend Backend) error {
	o := n.opts
	social := SocialConfig{Clock: o.clock, Forums: n.Forums, Committees: n.Committees, Solidarity: n.Solidarity, Log: o.log}
	n.Follows = NewFollows(backend.Follows(), social)
	n.Conversations = NewConversations(backend.Conversations(), social)
	n.Feed = NewFeed(backend.Feed(), social)
	loc, err := n.Config.Location()
	if err != nil {
		return err
	}
	n.Notifications = NewNotifications(backend.Notifications(), NotificationsConfig{
		Clock: o.clock, Log: o.log, Mailer: o.mailer, People: networkPeople{n}, BaseURL: o.baseURL, Location: loc,
		Routes: DefaultRoutes(Sources{Forums: backend.Forums(), Solidarity: backend.Solidarity()}),
	})
	wc := o.webhooks
	wc.Clock, wc.Log, wc.Audit = o.clock, o.log, n.Audit
	n.Webhooks = NewWebhooks(backend.Webhooks(), wc)
	n.Relay = NewRelay(backend.Relay(), RelayConfig{Clock: o.clock, Log: o.log})
	if err := n.Relay.Register("notifications", n.Notifications); err != nil {
		return err
	}
	n.Relay.AddSource(n.Webhooks)
	return nil
}

// networkPeople is People with actors built by the network: their
// committees included, so that committee-audience events reach them.
type networkPeople struct{ n *Network }

func (p networkPeople) Actor(ctx context.Context, member avenir.ID) (avenir.Actor, error) {
	return p.n.Actor(ctx, member)
}

func (p networkPeople) Consented(ctx context.Context, member avenir.ID, purpose string) (bool, error) {
	return p.n.Members.Consented(ctx, member, purpose)
}

func (p networkPeople) Address(ctx context.Context, member avenir.ID) (string, language.Tag, error) {
	return MembershipPeople(p.n.Members, p.n.backend.Members()).Address(ctx, member)
}

// Actor builds the avenir.Actor of a member: their status, the grants in
// force (a committee grant expanded to every committee below), and their
// committee. A program calls it once it knows who signs in.
func (n *Network) Actor(ctx context.Context, member avenir.ID) (avenir.Actor, error) {
	a, err := n.Members.Actor(ctx, member)
	if err != nil {
		return avenir.Anonymous, err
	}
	return n.Committees.Actor(ctx, a)
}

// committeeTree is the committee tree as membership sees it, reached
// through the network once the committee service exists.
type committeeTree struct{ n *Network }

func (t committeeTree) Parent(ctx context.Context, id avenir.ID) (avenir.ID, error) {
	return t.n.Committees.Parent(ctx, id)
}

// personalData lists the parts of the network that hold personal data
// besides membership, each reached through n once it exists.
func (n *Network) personalData() []membership.PersonalData {
	parts := []func() membership.PersonalData{
		func() membership.PersonalData { return n.Committees },
		func() membership.PersonalData { return n.Forums },
		func() membership.PersonalData { return n.Consultations },
		func() membership.PersonalData { return n.Solidarity },
		func() membership.PersonalData { return n.Audit },
		func() membership.PersonalData { return n.Follows },
		func() membership.PersonalData { return n.Conversations },
		func() membership.PersonalData { return n.Notifications },
	}
	out := make([]membership.PersonalData, len(parts))
	for i, p := range parts {
		out[i] = deferredPart(p)
	}
	return out
}

// deferredPart is a PersonalData part built after membership.
type deferredPart func() membership.PersonalData

func (p deferredPart) Section() string { return p().Section() }
func (p deferredPart) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	return p().ExportMember(ctx, member)
}
func (p deferredPart) EraseMember(ctx context.Context, member avenir.ID) error {
	return p().EraseMember(ctx, member)
}

// mailNotifier mails a forum notice (a decision about a post, the answer to
// an appeal) to its member, in their language.
type mailNotifier struct {
	members membership.Store
	mailer  membership.Mailer
}

func (m mailNotifier) Notify(ctx context.Context, no forum.Notice) error {
	member, err := m.members.Member(ctx, no.Member)
	if err != nil || member.Email == "" {
		return err // an erased member has no address left
	}
	subject, text := no.Message(avenir.MatchLanguage(member.Language))
	return m.mailer.Send(ctx, membership.Mail{To: member.Email, Subject: subject, Text: text})
}

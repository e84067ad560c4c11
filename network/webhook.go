package network

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
)

// WebhookScope is what a subscription is entitled to: the events whose
// audience an actor of that level may see.
type WebhookScope string

// The scopes. Membership events ("member.*", audience moderators: they
// reveal a person's political affiliation) and moderators' events reach
// only ScopeAdmin; events of one committee reach none but ScopeAdmin either.
const (
	ScopePublic  WebhookScope = "public"  // public events only: the default
	ScopeMembers WebhookScope = "members" // public, registered and members-only events
	ScopeAdmin   WebhookScope = "admin"   // every event
)

// entitled is the actor whose view of the outbox a scope has.
func (s WebhookScope) entitled() avenir.Actor {
	switch s {
	case ScopeMembers:
		return avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive}
	case ScopeAdmin:
		return avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive,
			Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}
	default:
		return avenir.Anonymous
	}
}

// Allows reports whether a subscription of this scope may receive an event
// of the audience.
func (s WebhookScope) Allows(a avenir.Audience) bool { return a.Allows(s.entitled()) }

// Redact returns the event as a subscription of this scope receives it:
// below ScopeAdmin, a solidarity event does not say who caused it (who
// proposed, runs or validated an action is not public: a request for help
// is its author's to share).
func (s WebhookScope) Redact(e avenir.Event) avenir.Event {
	if s != ScopeAdmin && strings.HasPrefix(e.Type, "solidarity.") {
		e.Actor = avenir.ID{}
	}
	return e
}

// Webhook is a subscription: the events of Types within Scope are POSTed to
// URL, signed with the subscription's secret.
type Webhook struct {
	ID         avenir.ID    `json:"id"`
	URL        string       `json:"url"`
	Types      []string     `json:"types"` // "forum.post_replied", "forum.*", "*"
	Scope      WebhookScope `json:"scope"`
	CreatedBy  avenir.ID    `json:"created_by,omitzero"`
	CreatedAt  time.Time    `json:"created_at"`
	Failures   int          `json:"failures"` // failed attempts since the last success
	DisabledAt time.Time    `json:"disabled_at,omitzero"`
}

// Wants reports whether the subscription takes an event: its type matches
// one of Types, its audience is within Scope, and it happened after the
// subscription was made.
func (w Webhook) Wants(e avenir.Event) bool {
	if e.OccurredAt.Before(w.CreatedAt) || !w.Scope.Allows(e.Audience) {
		return false
	}
	return slices.ContainsFunc(w.Types, func(p string) bool { return matchType(p, e.Type) })
}

func matchType(pattern, typ string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(typ, prefix)
	}
	return pattern == typ
}

// WebhookInput is what an admin gives to subscribe.
type WebhookInput struct {
	URL   string       `json:"url"`
	Types []string     `json:"types"`
	Scope WebhookScope `json:"scope"` // ScopePublic when empty
}

// WebhookDelivery is one attempt in a subscription's delivery log.
type WebhookDelivery struct {
	ID         avenir.ID     `json:"id"`
	Webhook    avenir.ID     `json:"webhook"`
	Event      avenir.ID     `json:"event"`
	Type       string        `json:"type"`
	Attempt    int           `json:"attempt"`
	StatusCode int           `json:"status_code"` // 0 when no answer came
	Duration   time.Duration `json:"duration"`
	Error      string        `json:"error,omitempty"`
	At         time.Time     `json:"at"`
}

// OK reports whether the attempt succeeded.
func (d WebhookDelivery) OK() bool { return d.Error == "" }

// WebhookStore keeps subscriptions and their delivery log. The storage
// package implements it (db.Webhooks()).
type WebhookStore interface {
	CreateWebhook(ctx context.Context, w Webhook, secret string) error
	// Webhook returns a subscription and its secret.
	Webhook(ctx context.Context, id avenir.ID) (Webhook, string, error)
	// Webhooks lists every subscription, oldest first.
	Webhooks(ctx context.Context) ([]Webhook, error)
	DeleteWebhook(ctx context.Context, id avenir.ID) error
	// EnableWebhook clears the failures and the disabled mark.
	EnableWebhook(ctx context.Context, id avenir.ID) error
	// DisableWebhook marks a subscription disabled at at (its failures
	// kept); one disabled already keeps the time it was.
	DisableWebhook(ctx context.Context, id avenir.ID, at time.Time) error
	// InTx runs fn in one transaction (joining the one in ctx).
	InTx(ctx context.Context, fn func(context.Context) error) error
	// AddWebhookDelivery logs an attempt and keeps the latest keep of the
	// subscription. A success resets the failures; a failure counts one,
	// and disables the subscription when they reach disableAfter. It
	// reports whether the subscription is now disabled.
	AddWebhookDelivery(ctx context.Context, d WebhookDelivery, keep, disableAfter int) (bool, error)
	// WebhookDeliveries returns a subscription's log, newest first.
	WebhookDeliveries(ctx context.Context, webhook avenir.ID) ([]WebhookDelivery, error)
}

// WebhooksConfig configures Webhooks. Zero fields take the defaults shown.
type WebhooksConfig struct {
	Clock avenir.Clock // avenir.SystemClock
	Log   *slog.Logger // discard
	// Timeout bounds one delivery: 10 seconds.
	Timeout time.Duration
	// AllowPrivate lets subscriptions point at loopback, private,
	// link-local and other non-public addresses, and over plain http: for
	// tests and development only. Without it such a URL is refused when
	// subscribing, and a host that resolves to such an address is refused
	// when delivering (a DNS answer may change after the subscription), so
	// that a webhook cannot be used to reach the network's own servers
	// (server-side request forgery, OWASP ASVS 12.6.1).
	AllowPrivate bool
	// Keep is the number of attempts kept in each delivery log: 50.
	Keep int
	// DisableAfter is the number of failed attempts in a row that disables
	// a subscription: 20.
	DisableAfter int
	// Transport sends the requests; nil: a transport of its own whose
	// dialer refuses non-public addresses unless AllowPrivate.
	Transport http.RoundTripper
	// Audit, when set, records each subscription made, deleted, enabled or
	// disabled as a configuration change, in the change's transaction
	// (network.New sets it).
	Audit *Audit
}

// Webhooks manages subscriptions and delivers events to them. It is a
// ConsumerSource: relay.AddSource(webhooks) gives each enabled subscription
// its own consumer ("webhook:<id>"), so that a failing endpoint is retried
// with backoff by the relay without holding back the others.
type Webhooks struct {
	store  WebhookStore
	cfg    WebhooksConfig
	client *http.Client
}

// NewWebhooks returns the webhook service storing in store.
func NewWebhooks(store WebhookStore, cfg WebhooksConfig) *Webhooks {
	if cfg.Clock == nil {
		cfg.Clock = avenir.SystemClock
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	setDuration(&cfg.Timeout, 10*time.Second)
	if cfg.Keep <= 0 {
		cfg.Keep = 50
	}
	if cfg.DisableAfter <= 0 {
		cfg.DisableAfter = 20
	}
	transport := cfg.Transport
	if transport == nil {
		dialer := &net.Dialer{Timeout: cfg.Timeout, Control: dialControl(cfg.AllowPrivate)}
		transport = &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: cfg.Timeout,
			ResponseHeaderTimeout: cfg.Timeout, MaxIdleConnsPerHost: 2, Proxy: nil}
	}
	client := &http.Client{Transport: transport, Timeout: cfg.Timeout,
		// A redirect could lead to a private address: not followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &Webhooks{store: store, cfg: cfg, client: client}
}

var typePattern = regexp.MustCompile(`^(\*|[a-z][a-z0-9_]*\.(\*|[a-z][a-z0-9_]*))$`)

// Create subscribes a URL to event types, for an admin. It returns the
// subscription and its secret, which is shown this once.
func (s *Webhooks) Create(ctx context.Context, actor avenir.Actor, in WebhookInput) (Webhook, string, error) {
	if err := s.admin(actor); err != nil {
		return Webhook{}, "", err
	}
	if in.Scope == "" {
		in.Scope = ScopePublic
	}
	if !slices.Contains([]WebhookScope{ScopePublic, ScopeMembers, ScopeAdmin}, in.Scope) {
		return Webhook{}, "", avenir.FieldError("scope", "The scope %q is not known: public, members or admin.", string(in.Scope))
	}
	if err := s.checkURL(in.URL); err != nil {
		return Webhook{}, "", err
	}
	if len(in.Types) == 0 || len(in.Types) > 50 {
		return Webhook{}, "", avenir.FieldError("types", "Choose between 1 and %d event types.", 50)
	}
	types := make([]string, 0, len(in.Types))
	for _, t := range in.Types {
		t = strings.TrimSpace(t)
		if !typePattern.MatchString(t) {
			return Webhook{}, "", avenir.FieldError("types", "The event type %q is not valid: write forum.post_replied, forum.* or *.", t)
		}
		if !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	w := Webhook{ID: avenir.NewID(), URL: in.URL, Types: types, Scope: in.Scope, CreatedBy: actor.ID, CreatedAt: s.cfg.Clock.Now()}
	key := "whsec_" + hex.EncodeToString(secret)
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateWebhook(ctx, w, key); err != nil {
			return err
		}
		return s.audit(ctx, actor, "created", w)
	})
	if err != nil {
		return Webhook{}, "", err
	}
	return w, key, nil
}

// audit records a change of a subscription: its address (without query),
// types and scope; never its secret.
func (s *Webhooks) audit(ctx context.Context, actor avenir.Actor, change string, w Webhook) error {
	if s.cfg.Audit == nil {
		return nil
	}
	// The address without its query, which may carry a credential
	// (addresses with user information are refused when subscribing).
	addr := w.URL
	if u, err := url.Parse(w.URL); err == nil {
		u.User, u.RawQuery, u.ForceQuery, u.Fragment = nil, "", false, ""
		addr = u.String()
	}
	return s.cfg.Audit.record(ctx, AuditConfigChanged, actor.ID, avenir.ID{}, map[string]any{
		"webhook": map[string]any{"id": w.ID, "change": change, "url": addr, "types": w.Types, "scope": w.Scope},
	})
}

// change runs fn on the subscription id and audits it, in one transaction.
func (s *Webhooks) change(ctx context.Context, actor avenir.Actor, id avenir.ID, change string, fn func(context.Context) error) error {
	if err := s.admin(actor); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		w, _, err := s.store.Webhook(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(ctx); err != nil {
			return err
		}
		return s.audit(ctx, actor, change, w)
	})
}

func (s *Webhooks) admin(actor avenir.Actor) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !actor.IsAdmin() {
		return avenir.ErrForbidden
	}
	return nil
}

// checkURL accepts https URLs with a host, and http ones or non-public
// addresses only with AllowPrivate.
func (s *Webhooks) checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || len(raw) > 2000 {
		return avenir.FieldError("url", "The address must be a full https:// URL.")
	}
	if s.cfg.AllowPrivate {
		if u.Scheme != "https" && u.Scheme != "http" {
			return avenir.FieldError("url", "The address must be a full https:// URL.")
		}
		return nil
	}
	if u.Scheme != "https" {
		return avenir.FieldError("url", "The address must be a full https:// URL.")
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); (ip != nil && !publicIP(ip)) || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return avenir.FieldError("url", "The address %q is not a public one.", host)
	}
	return nil
}

// List returns every subscription, for admins.
func (s *Webhooks) List(ctx context.Context, actor avenir.Actor) ([]Webhook, error) {
	if err := s.admin(actor); err != nil {
		return nil, err
	}
	return s.store.Webhooks(ctx)
}

// Deliveries returns a subscription's delivery log, newest first, for
// admins.
func (s *Webhooks) Deliveries(ctx context.Context, actor avenir.Actor, id avenir.ID) ([]WebhookDelivery, error) {
	if err := s.admin(actor); err != nil {
		return nil, err
	}
	if _, _, err := s.store.Webhook(ctx, id); err != nil {
		return nil, err
	}
	return s.store.WebhookDeliveries(ctx, id)
}

// Delete removes a subscription and its log, for admins.
func (s *Webhooks) Delete(ctx context.Context, actor avenir.Actor, id avenir.ID) error {
	return s.change(ctx, actor, id, "deleted", func(ctx context.Context) error { return s.store.DeleteWebhook(ctx, id) })
}

// Enable enables a subscription disabled after failures, for admins. The
// events it missed meanwhile are delivered when their retries come due
// (those that ran out of attempts are not).
func (s *Webhooks) Enable(ctx context.Context, actor avenir.Actor, id avenir.ID) error {
	return s.change(ctx, actor, id, "enabled", func(ctx context.Context) error { return s.store.EnableWebhook(ctx, id) })
}

// Disable pauses a subscription, for admins: nothing is delivered to it
// until Enable (the events of the pause are delivered then, as long as
// their retries have not run out).
func (s *Webhooks) Disable(ctx context.Context, actor avenir.Actor, id avenir.ID) error {
	return s.change(ctx, actor, id, "disabled", func(ctx context.Context) error {
		return s.store.DisableWebhook(ctx, id, s.cfg.Clock.Now())
	})
}

// Consumers returns one relay consumer per enabled subscription.
func (s *Webhooks) Consumers(ctx context.Context) (map[string]Consumer, error) {
	all, err := s.store.Webhooks(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Consumer, len(all))
	for _, w := range all {
		if w.DisabledAt.IsZero() {
			out["webhook:"+w.ID.String()] = ConsumerFunc(func(ctx context.Context, e avenir.Event) error {
				return s.deliver(ctx, w.ID, e)
			})
		}
	}
	return out, nil
}

var _ ConsumerSource = (*Webhooks)(nil)

package network_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var admin = avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive,
	Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}

// receiver is a webhook endpoint that checks signatures on its own, as a
// receiver in another language would: HMAC-SHA256 of "t.body", hex.
type receiver struct {
	*httptest.Server
	secret string
	mu     sync.Mutex
	got    map[avenir.ID]int // event ID → deliveries
	types  map[string]int
	fail   int // answer 500 to this many requests first
	bad    int // requests whose signature did not verify
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{got: map[avenir.ID]int{}, types: map[string]int{}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	var ts, sig string
	for _, part := range strings.Split(req.Header.Get("Avenir-Signature"), ",") {
		if v, ok := strings.CutPrefix(part, "t="); ok {
			ts = v
		}
		if v, ok := strings.CutPrefix(part, "v1="); ok {
			sig = v
		}
	}
	mac := hmac.New(sha256.New, []byte(r.secret))
	mac.Write([]byte(ts + "." + string(body)))
	if _, err := strconv.ParseInt(ts, 10, 64); err != nil || hex.EncodeToString(mac.Sum(nil)) != sig {
		r.bad++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if r.fail > 0 {
		r.fail--
		http.Error(w, "down", http.StatusInternalServerError)
		return
	}
	var e avenir.Event
	if err := json.Unmarshal(body, &e); err != nil || e.ID.String() != req.Header.Get("Avenir-Delivery") || e.Type != req.Header.Get("Avenir-Event") {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	r.got[e.ID]++
	r.types[e.Type]++
}

func (r *receiver) count(id avenir.ID) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.got[id]
}

func webhooks(db *storage.DB, clock avenir.Clock, change ...func(*network.WebhooksConfig)) *network.Webhooks {
	cfg := network.WebhooksConfig{Clock: clock, AllowPrivate: true}
	for _, c := range change {
		c(&cfg)
	}
	return network.NewWebhooks(db.Webhooks(), cfg)
}

func subscribe(t *testing.T, s *network.Webhooks, r *receiver, scope network.WebhookScope, types ...string) network.Webhook {
	t.Helper()
	w, secret, err := s.Create(context.Background(), admin, network.WebhookInput{URL: r.URL + "/hook", Types: types, Scope: scope})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(secret, "whsec_"))
	r.secret = secret
	return w
}

func TestWebhookCreateChecks(t *testing.T) {
	db := storagetest.SQLite(t)
	strict := webhooks(db, avenir.SystemClock, func(c *network.WebhooksConfig) { c.AllowPrivate = false })
	member := avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive}
	ok := network.WebhookInput{URL: "https://hooks.example.org/avenir", Types: []string{"forum.*"}}
	tests := []struct {
		name  string
		actor avenir.Actor
		in    func(in *network.WebhookInput)
		want  avenir.Code
	}{
		{"admin", admin, func(*network.WebhookInput) {}, ""},
		{"anonymous", avenir.Anonymous, func(*network.WebhookInput) {}, avenir.CodeUnauthenticated},
		{"member", member, func(*network.WebhookInput) {}, avenir.CodeForbidden},
		{"plain http", admin, func(in *network.WebhookInput) { in.URL = "http://hooks.example.org/" }, avenir.CodeInvalid},
		{"no host", admin, func(in *network.WebhookInput) { in.URL = "https:///x" }, avenir.CodeInvalid},
		{"loopback", admin, func(in *network.WebhookInput) { in.URL = "https://127.0.0.1:8443/" }, avenir.CodeInvalid},
		{"private", admin, func(in *network.WebhookInput) { in.URL = "https://10.1.2.3/" }, avenir.CodeInvalid},
		{"metadata", admin, func(in *network.WebhookInput) { in.URL = "https://169.254.169.254/latest" }, avenir.CodeInvalid},
		{"ipv6 loopback", admin, func(in *network.WebhookInput) { in.URL = "https://[::1]/" }, avenir.CodeInvalid},
		{"localhost", admin, func(in *network.WebhookInput) { in.URL = "https://localhost/" }, avenir.CodeInvalid},
		{"credentials", admin, func(in *network.WebhookInput) { in.URL = "https://u:p@hooks.example.org/" }, avenir.CodeInvalid},
		{"no types", admin, func(in *network.WebhookInput) { in.Types = nil }, avenir.CodeInvalid},
		{"bad type", admin, func(in *network.WebhookInput) { in.Types = []string{"forum.*.x"} }, avenir.CodeInvalid},
		{"bad scope", admin, func(in *network.WebhookInput) { in.Scope = "everyone" }, avenir.CodeInvalid},
		{"admin scope", admin, func(in *network.WebhookInput) { in.Scope = network.ScopeAdmin; in.Types = []string{"*"} }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.in(&in)
			w, secret, err := strict.Create(context.Background(), tt.actor, in)
			if tt.want != "" {
				assert.Equal(t, tt.want, avenir.ErrorCode(err), "%v", err)
				return
			}
			require.NoError(t, err)
			assert.Len(t, secret, len("whsec_")+64)
			if in.Scope == "" {
				assert.Equal(t, network.ScopePublic, w.Scope, "public by default")
			}
		})
	}
}

// TestWebhooksGetOnlyWhatTheyAreEntitledTo: each scope receives the events
// its audience allows — members-only events never reach a public
// subscription, membership events only an admin one — exactly once, with
// two relays running at once.
func TestWebhooksGetOnlyWhatTheyAreEntitledTo(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(relayStart)
		hooks := webhooks(db, clock)
		public, members, admins := newReceiver(t), newReceiver(t), newReceiver(t)
		subscribe(t, hooks, public, network.ScopePublic, "forum.*", "member.*")
		subscribe(t, hooks, members, network.ScopeMembers, "*")
		subscribe(t, hooks, admins, network.ScopeAdmin, "*")

		events := map[string]avenir.Event{
			"public post":      record(t, db, clock, "forum.post_replied", avenir.Public),
			"members post":     record(t, db, clock, "forum.thread_started", avenir.Members),
			"registered":       record(t, db, clock, "forum.post_replied", avenir.Registered),
			"committee event":  record(t, db, clock, "event.published", avenir.CommitteeAudience(avenir.NewID())),
			"membership":       record(t, db, clock, "member.status_changed", avenir.Moderators),
			"forum moderators": record(t, db, clock, "forum.post_hidden", avenir.ForumModerators(avenir.NewID())),
			"public other":     record(t, db, clock, "committee.created", avenir.Public),
		}
		want := map[*receiver][]string{
			public:  {"public post"},
			members: {"public post", "members post", "registered", "public other"},
			admins:  {"public post", "members post", "registered", "committee event", "membership", "forum moderators", "public other"},
		}

		var wg sync.WaitGroup
		for range 2 {
			relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock, Batch: 3})
			relay.AddSource(hooks)
			wg.Go(func() {
				for range 6 {
					_, err := relay.RunOnce(ctx)
					assert.NoError(t, err)
				}
			})
		}
		wg.Wait()
		for r, names := range want {
			for name, e := range events {
				n := 0
				for _, w := range names {
					if w == name {
						n = 1
					}
				}
				assert.Equal(t, n, r.count(e.ID), "%s: %s", r.URL, name)
			}
			assert.Zero(t, r.bad, "every signature verifies")
		}
	})
}

func TestWebhookRetriesLogsAndDisables(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := avenir.NewManualClock(relayStart)
		hooks := webhooks(db, clock, func(c *network.WebhooksConfig) { c.Keep = 3; c.DisableAfter = 4 })
		flaky, down := newReceiver(t), newReceiver(t)
		flaky.fail, down.fail = 2, 1000
		wf := subscribe(t, hooks, flaky, network.ScopePublic, "*")
		wd := subscribe(t, hooks, down, network.ScopePublic, "*")
		relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock, Backoff: time.Minute, MaxBackoff: time.Hour})
		relay.AddSource(hooks)
		e := record(t, db, clock, "committee.created", avenir.Public)

		for range 3 {
			_, err := relay.RunOnce(ctx)
			require.NoError(t, err)
			clock.Advance(time.Hour)
		}
		assert.Equal(t, 1, flaky.count(e.ID), "delivered on the third attempt")
		log, err := hooks.Deliveries(ctx, admin, wf.ID)
		require.NoError(t, err)
		require.Len(t, log, 3)
		assert.Equal(t, 3, log[0].Attempt)
		assert.Equal(t, http.StatusOK, log[0].StatusCode)
		assert.True(t, log[0].OK())
		assert.Equal(t, http.StatusInternalServerError, log[2].StatusCode)
		assert.Equal(t, 1, log[2].Attempt)
		assert.Contains(t, log[2].Error, "500")

		// The endpoint that stays down is disabled after four failures in a
		// row; its log keeps the latest three.
		for range 3 {
			record(t, db, clock, "committee.updated", avenir.Public)
			_, err := relay.RunOnce(ctx)
			require.NoError(t, err)
			clock.Advance(time.Hour)
		}
		all, err := hooks.List(ctx, admin)
		require.NoError(t, err)
		for _, w := range all {
			switch w.ID {
			case wd.ID:
				assert.False(t, w.DisabledAt.IsZero(), "disabled")
			case wf.ID:
				assert.True(t, w.DisabledAt.IsZero())
				assert.Zero(t, w.Failures)
			}
		}
		log, err = hooks.Deliveries(ctx, admin, wd.ID)
		require.NoError(t, err)
		assert.Len(t, log, 3)
		consumers, err := hooks.Consumers(ctx)
		require.NoError(t, err)
		assert.NotContains(t, consumers, "webhook:"+wd.ID.String())
		assert.Contains(t, consumers, "webhook:"+wf.ID.String())

		require.NoError(t, hooks.Enable(ctx, admin, wd.ID))
		consumers, err = hooks.Consumers(ctx)
		require.NoError(t, err)
		assert.Contains(t, consumers, "webhook:"+wd.ID.String())
		_, err = hooks.Deliveries(ctx, avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive}, wd.ID)
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err))
		require.NoError(t, hooks.Delete(ctx, admin, wd.ID))
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(hooks.Delete(ctx, admin, wd.ID)))
	})
}

// TestWebhookRefusesPrivateAddressesWhenDelivering: a host that resolves to
// a private address (here the test server's loopback) is refused at
// delivery time unless AllowPrivate.
func TestWebhookRefusesPrivateAddressesWhenDelivering(t *testing.T) {
	db := storagetest.SQLite(t)
	ctx := context.Background()
	clock := avenir.NewManualClock(relayStart)
	r := newReceiver(t)
	w := subscribe(t, webhooks(db, clock), r, network.ScopePublic, "*")
	strict := webhooks(db, clock, func(c *network.WebhooksConfig) { c.AllowPrivate = false })
	relay := network.NewRelay(db.Relay(), network.RelayConfig{Clock: clock})
	relay.AddSource(strict)
	e := record(t, db, clock, "committee.created", avenir.Public)
	_, err := relay.RunOnce(ctx)
	require.NoError(t, err)
	assert.Zero(t, r.count(e.ID))
	log, err := strict.Deliveries(ctx, admin, w.ID)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assert.Contains(t, log[0].Error, "not a public address")
}

func TestVerifyWebhook(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"id":"x","type":"forum.post_replied"}`)
	header := network.SignWebhook("whsec_k", now, body)
	tests := []struct {
		name, secret, header string
		body                 []byte
		at                   time.Time
		ok                   bool
	}{
		{"genuine", "whsec_k", header, body, now, true},
		{"a little later", "whsec_k", header, body, now.Add(4 * time.Minute), true},
		{"replayed later", "whsec_k", header, body, now.Add(6 * time.Minute), false},
		{"other secret", "whsec_j", header, body, now, false},
		{"altered body", "whsec_k", header, []byte(`{"id":"y"}`), now, false},
		{"no signature", "whsec_k", "t=" + strconv.FormatInt(now.Unix(), 10), body, now, false},
		{"garbage", "whsec_k", "nonsense", body, now, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := network.VerifyWebhook(tt.secret, tt.header, tt.body, tt.at, 5*time.Minute)
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, network.ErrSignature)
			}
		})
	}
}

// TestWebhookScopeRedact: below the admin scope, solidarity events go
// without who caused them; other events keep their actor.
func TestWebhookScopeRedact(t *testing.T) {
	who := avenir.NewID()
	for _, tc := range []struct {
		scope     network.WebhookScope
		typ       string
		keepActor bool
	}{
		{network.ScopePublic, "solidarity.action_published", false},
		{network.ScopeMembers, "solidarity.action_completed", false},
		{network.ScopeAdmin, "solidarity.action_published", true},
		{network.ScopePublic, "forum.post_replied", true},
		{network.ScopeMembers, "event.published", true},
	} {
		got := tc.scope.Redact(avenir.Event{ID: avenir.NewID(), Type: tc.typ, Actor: who})
		assert.Equal(t, tc.keepActor, got.Actor == who, "%s %s", tc.scope, tc.typ)
	}
}

// TestWebhookPauseAndAudit: an admin pauses a subscription, which then
// gets no consumer, and enables it again; every change of a subscription
// (made, disabled, enabled, deleted) is in the audit log as a
// configuration change, its secret never.
func TestWebhookPauseAndAudit(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		hooks := f.net.Webhooks
		w, secret, err := hooks.Create(ctx, f.admin, network.WebhookInput{URL: "https://hooks.example.org/avenir?key=s3cr3t-in-the-query", Types: []string{"forum.*"}})
		require.NoError(t, err)
		member := avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive}
		assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(hooks.Disable(ctx, member, w.ID)))
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(hooks.Disable(ctx, f.admin, avenir.NewID())))

		require.NoError(t, hooks.Disable(ctx, f.admin, w.ID))
		require.NoError(t, hooks.Disable(ctx, f.admin, w.ID), "pausing twice is harmless")
		consumers, err := hooks.Consumers(ctx)
		require.NoError(t, err)
		assert.NotContains(t, consumers, "webhook:"+w.ID.String(), "paused")
		require.NoError(t, hooks.Enable(ctx, f.admin, w.ID))
		consumers, err = hooks.Consumers(ctx)
		require.NoError(t, err)
		assert.Contains(t, consumers, "webhook:"+w.ID.String())
		require.NoError(t, hooks.Delete(ctx, f.admin, w.ID))

		page, err := f.net.Audit.List(ctx, f.admin, network.AuditFilter{Kinds: []network.AuditKind{network.AuditConfigChanged}}, avenir.PageRequest{})
		require.NoError(t, err)
		var changes []string
		for _, e := range page.Items {
			assert.NotContains(t, string(e.Details), secret)
			assert.NotContains(t, string(e.Details), "s3cr3t-in-the-query", "the address's query may be a credential")
			assert.Contains(t, string(e.Details), "https://hooks.example.org/avenir")
			var d struct {
				Webhook struct {
					ID     avenir.ID `json:"id"`
					Change string    `json:"change"`
				} `json:"webhook"`
			}
			require.NoError(t, json.Unmarshal(e.Details, &d))
			assert.Equal(t, w.ID, d.Webhook.ID)
			assert.Equal(t, f.admin.ID, e.Actor)
			changes = append(changes, d.Webhook.Change)
		}
		assert.Equal(t, []string{"deleted", "enabled", "disabled", "disabled", "created"}, changes, "newest first")
	})
}

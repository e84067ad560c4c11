package web

// Webhook subscriptions, for admins (/admin/webhooks): subscribe an
// address to event types within a scope — the secret that signs the
// deliveries is shown once, on the page that answers the creation, and
// never again —, re-enable a subscription disabled after failures, delete
// one, and read its delivery log.

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

func (s *Server) mountWebhooks(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/webhooks", s.membersAdminOnly(s.webhooksPage))
	mux.HandleFunc("POST /admin/webhooks", s.membersAdminOnly(s.postWebhook))
	mux.HandleFunc("GET /admin/webhooks/{id}", s.membersAdminOnly(s.webhookPage))
	mux.HandleFunc("POST /admin/webhooks/{id}/enable", s.membersAdminOnly(s.switchWebhook(s.net.Webhooks.Enable, "enabled")))
	mux.HandleFunc("POST /admin/webhooks/{id}/disable", s.membersAdminOnly(s.switchWebhook(s.net.Webhooks.Disable, "disabled")))
	mux.HandleFunc("POST /admin/webhooks/{id}/delete", s.membersAdminOnly(s.postDeleteWebhook))
}

// scopeLabels name the webhook scopes for people.
var scopeLabels = []struct {
	scope network.WebhookScope
	label string
}{
	{network.ScopePublic, "Public events only"},
	{network.ScopeMembers, "Public, registered and members-only events"},
	{network.ScopeAdmin, "Every event, membership and moderation included"},
}

// webhookNotices are the notices the webhook pages show after ?done=.
var webhookNotices = map[string]string{
	"enabled":  "The subscription is enabled again.",
	"disabled": "The subscription is paused: nothing is delivered to it until it is enabled again.",
	"deleted":  "The subscription and its log are deleted.",
}

// webhookTypes splits the event types typed in the form: one per line,
// or separated by commas or spaces.
func webhookTypes(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request) {
	s.renderWebhooks(w, r, http.StatusOK, formState{}, "")
}

// renderWebhooks renders the list and the creation form; secret is the
// secret of the subscription just made, shown this once.
func (s *Server) renderWebhooks(w http.ResponseWriter, r *http.Request, status int, f formState, secret string) {
	hooks, err := s.net.Webhooks.List(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	current := cmp.Or(f.Value("scope"), string(network.ScopePublic))
	var scopes []option
	for _, sc := range scopeLabels {
		scopes = append(scopes, option{Value: string(sc.scope), Label: s.localize(r, sc.label), Selected: current == string(sc.scope)})
	}
	var notice string
	if key, ok := webhookNotices[r.URL.Query().Get("done")]; ok && f.Error == "" {
		notice = s.localize(r, key)
	}
	noStore(w)
	s.render(w, r, status, "admin_webhooks.html", map[string]any{
		"Title":    s.localize(r, "Webhooks"),
		"Webhooks": hooks,
		"Scopes":   scopes,
		"Form":     f,
		"Secret":   secret,
		"Notice":   notice,
	})
}

func (s *Server) postWebhook(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	values := map[string]string{"url": r.PostForm.Get("url"), "types": r.PostForm.Get("types"), "scope": r.PostForm.Get("scope")}
	_, secret, err := s.net.Webhooks.Create(r.Context(), actorOf(r), network.WebhookInput{
		URL: strings.TrimSpace(values["url"]), Types: webhookTypes(values["types"]), Scope: network.WebhookScope(values["scope"]),
	})
	if err != nil {
		s.renderWebhooks(w, r, httpStatus(err), s.refused(r, "webhook", err, values), "")
		return
	}
	// The answer shows the secret: no redirect, so that it is in no
	// address and no history entry, and the page is not stored.
	s.renderWebhooks(w, r, http.StatusCreated, formState{}, secret)
}

// webhookByID returns a subscription, not_found when there is none.
func (s *Server) webhookByID(r *http.Request) (network.Webhook, error) {
	id, err := avenir.ParseID(r.PathValue("id"))
	if err != nil {
		return network.Webhook{}, avenir.ErrNotFound
	}
	hooks, err := s.net.Webhooks.List(r.Context(), actorOf(r))
	if err != nil {
		return network.Webhook{}, err
	}
	i := slices.IndexFunc(hooks, func(h network.Webhook) bool { return h.ID == id })
	if i < 0 {
		return network.Webhook{}, avenir.ErrNotFound
	}
	return hooks[i], nil
}

func (s *Server) webhookPage(w http.ResponseWriter, r *http.Request) {
	hook, err := s.webhookByID(r)
	var log []network.WebhookDelivery
	if err == nil {
		log, err = s.net.Webhooks.Deliveries(r.Context(), actorOf(r), hook.ID)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var notice string
	if key, ok := webhookNotices[r.URL.Query().Get("done")]; ok {
		notice = s.localize(r, key)
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "admin_webhook.html", map[string]any{
		"Title":      s.localize(r, "Webhook"),
		"Webhook":    hook,
		"ScopeLabel": s.webhookScopeLabel(r, hook.Scope),
		"Deliveries": log,
		"Notice":     notice,
	})
}

// webhookScopeLabel names a webhook scope for people.
func (s *Server) webhookScopeLabel(r *http.Request, sc network.WebhookScope) string {
	for _, l := range scopeLabels {
		if l.scope == sc {
			return s.localize(r, l.label)
		}
	}
	return string(sc)
}

// switchWebhook enables or pauses the subscription of the path with
// change, then shows it with the notice done.
func (s *Server) switchWebhook(change func(context.Context, avenir.Actor, avenir.ID) error, done string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hook, err := s.webhookByID(r)
		if err == nil {
			err = change(r.Context(), actorOf(r), hook.ID)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/admin/webhooks/"+hook.ID.String()+"?done="+done, http.StatusSeeOther)
	}
}

func (s *Server) postDeleteWebhook(w http.ResponseWriter, r *http.Request) {
	hook, err := s.webhookByID(r)
	if err == nil {
		err = s.net.Webhooks.Delete(r.Context(), actorOf(r), hook.ID)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/webhooks?done=deleted", http.StatusSeeOther)
}

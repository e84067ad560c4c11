package web

import (
	"context"
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Webhook subscriptions under /api/v1/webhooks, for admins. The secret is
// in the answer to the creation only.
func (s *Server) mountWebhooksAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/webhooks", s.signedIn(s.sessionOnly(s.apiWebhooks)))
	mux.HandleFunc("POST /api/v1/webhooks", s.signedIn(s.sessionOnly(s.apiCreateWebhook)))
	mux.HandleFunc("GET /api/v1/webhooks/{id}", s.signedIn(s.sessionOnly(s.apiWebhook)))
	mux.HandleFunc("GET /api/v1/webhooks/{id}/deliveries", s.signedIn(s.sessionOnly(s.apiWebhookDeliveries)))
	mux.HandleFunc("POST /api/v1/webhooks/{id}/enable", s.signedIn(s.sessionOnly(s.apiSwitchWebhook(s.net.Webhooks.Enable))))
	mux.HandleFunc("POST /api/v1/webhooks/{id}/disable", s.signedIn(s.sessionOnly(s.apiSwitchWebhook(s.net.Webhooks.Disable))))
	mux.HandleFunc("DELETE /api/v1/webhooks/{id}", s.signedIn(s.sessionOnly(s.apiDeleteWebhook)))
}

func (s *Server) apiWebhooks(w http.ResponseWriter, r *http.Request) {
	hooks, err := s.net.Webhooks.List(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, map[string]any{"items": hooks}, err)
}

func (s *Server) apiCreateWebhook(w http.ResponseWriter, r *http.Request) {
	var in network.WebhookInput
	err := decode(w, r, &in)
	var hook network.Webhook
	var secret string
	if err == nil {
		hook, secret, err = s.net.Webhooks.Create(r.Context(), actorOf(r), in)
	}
	s.respond(w, r, http.StatusCreated, map[string]any{"webhook": hook, "secret": secret}, err)
}

func (s *Server) apiWebhook(w http.ResponseWriter, r *http.Request) {
	hook, err := s.webhookByID(r)
	s.respond(w, r, http.StatusOK, hook, err)
}

func (s *Server) apiWebhookDeliveries(w http.ResponseWriter, r *http.Request) {
	hook, err := s.webhookByID(r)
	var log []network.WebhookDelivery
	if err == nil {
		log, err = s.net.Webhooks.Deliveries(r.Context(), actorOf(r), hook.ID)
	}
	s.respond(w, r, http.StatusOK, map[string]any{"items": log}, err)
}

// apiSwitchWebhook enables or pauses the subscription of the path.
func (s *Server) apiSwitchWebhook(change func(context.Context, avenir.Actor, avenir.ID) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hook, err := s.webhookByID(r)
		if err == nil {
			err = change(r.Context(), actorOf(r), hook.ID)
		}
		s.respond(w, r, http.StatusNoContent, nil, err)
	}
}

func (s *Server) apiDeleteWebhook(w http.ResponseWriter, r *http.Request) {
	hook, err := s.webhookByID(r)
	if err == nil {
		err = s.net.Webhooks.Delete(r.Context(), actorOf(r), hook.ID)
	}
	s.respond(w, r, http.StatusNoContent, nil, err)
}

package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// The notifications under /api/v1/notifications: the signed-in member's
// own, and their preferences.
func (s *Server) mountNotificationsAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/notifications", s.signedIn(s.apiNotifications))
	mux.HandleFunc("POST /api/v1/notifications/read", s.signedIn(s.apiNotificationsRead))
	mux.HandleFunc("POST /api/v1/notifications/{id}/read", s.signedIn(s.apiNotificationRead))
	mux.HandleFunc("GET /api/v1/notifications/preferences", s.signedIn(s.apiPreferences))
	mux.HandleFunc("PUT /api/v1/notifications/preferences", s.signedIn(s.apiSetPreferences))
}

// notificationJSON is a notification with its line in the reader's language.
type notificationJSON struct {
	network.Notification
	Headline string `json:"headline"`
}

// apiNotifications lists the member's notifications (?unread=1: only the
// unread), with the unread count.
func (s *Server) apiNotifications(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	page, err := pageRequest(r)
	var list avenir.Page[network.Notification]
	var unread int
	if err == nil {
		list, err = s.net.Notifications.List(ctx, actor, r.URL.Query().Get("unread") == "1", page)
	}
	if err == nil {
		unread, err = s.net.Notifications.UnreadCount(ctx, actor)
	}
	items := make([]notificationJSON, len(list.Items))
	for i, n := range list.Items {
		items[i] = notificationJSON{Notification: n, Headline: n.Headline(s.lang(r))}
	}
	s.respond(w, r, http.StatusOK, map[string]any{"items": items, "next": list.Next, "unread": unread}, err)
}

func (s *Server) apiNotificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := avenir.ParseID(r.PathValue("id"))
	if err == nil {
		err = s.net.Notifications.MarkRead(r.Context(), actorOf(r), id)
	}
	s.respond(w, r, http.StatusNoContent, nil, err)
}

func (s *Server) apiNotificationsRead(w http.ResponseWriter, r *http.Request) {
	n, err := s.net.Notifications.MarkAllRead(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, map[string]int{"marked": n}, err)
}

// apiPreferences returns the channel of every kind, and the channels.
func (s *Server) apiPreferences(w http.ResponseWriter, r *http.Request) {
	prefs, err := s.net.Notifications.Preferences(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, map[string]any{"preferences": prefs, "channels": network.Channels}, err)
}

// apiSetPreferences sets the channels of the kinds the body names
// ({"reply": "digest"}), all or none.
func (s *Server) apiSetPreferences(w http.ResponseWriter, r *http.Request) {
	var in map[network.Kind]network.Channel
	err := decode(w, r, &in)
	if err == nil {
		err = s.savePreferences(r.Context(), actorOf(r), in)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.apiPreferences(w, r)
}

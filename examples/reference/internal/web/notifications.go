package web

// The notifications page (/notifications): the member's notifications,
// newest first or only the unread, marked read one by one or all at once,
// and the channel they choose for each kind.

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
)

func (s *Server) mountNotifications(mux *http.ServeMux) {
	mux.HandleFunc("GET /notifications", s.notificationsPage)
	mux.HandleFunc("POST /notifications/{id}/read", s.postNotificationRead)
	mux.HandleFunc("POST /notifications/read", s.postNotificationsRead)
	mux.HandleFunc("POST /notifications/preferences", s.postNotificationPreferences)
}

// kindLabels name the kinds of notification for people.
var kindLabels = map[network.Kind]string{
	network.KindReply:        "Replies in the threads I follow",
	network.KindModeration:   "Moderation decisions about my posts",
	network.KindVolunteer:    "Volunteers for my actions",
	network.KindVolunteering: "Answers to my offers of help",
	network.KindPlace:        "Places given at events",
}

// channelLabels name the channels for people.
var channelLabels = map[network.Channel]string{
	network.ChannelInApp:  "In the app",
	network.ChannelEmail:  "In the app and by email at once",
	network.ChannelDigest: "In the app and in the daily email digest",
	network.ChannelOff:    "Not at all",
}

// notificationNotices are the notices /notifications shows after ?done=.
var notificationNotices = map[string]string{
	"read":        "Marked as read.",
	"preferences": "Your choices are saved.",
}

// notificationRow is a notification as the page shows it.
type notificationRow struct {
	network.Notification
	Headline string
	Link     string
}

// notificationLink is where a notification leads: its thread or its
// action, or nowhere for a kind the page does not know.
func notificationLink(n network.Notification) string {
	var p struct {
		Thread avenir.ID `json:"thread"`
		Post   avenir.ID `json:"post"`
	}
	switch {
	case json.Unmarshal(n.Payload, &p) == nil && !p.Thread.IsZero():
		if !p.Post.IsZero() {
			return "/forums/threads/" + p.Thread.String() + "#post-" + p.Post.String()
		}
		return "/forums/threads/" + p.Thread.String()
	case n.Kind == network.KindVolunteer || n.Kind == network.KindVolunteering:
		return "/solidarity/" + n.Subject.String()
	}
	return ""
}

// preferenceRow is one kind's line of the preferences form.
type preferenceRow struct {
	Kind    network.Kind
	Label   string
	Options []option
}

// preferenceRows are the rows of the preferences form for prefs.
func (s *Server) preferenceRows(r *http.Request, prefs map[network.Kind]network.Channel) []preferenceRow {
	var rows []preferenceRow
	for _, k := range s.net.Notifications.Kinds() {
		// A kind a program added has no label: its code stands in.
		row := preferenceRow{Kind: k, Label: s.localize(r, cmp.Or(kindLabels[k], string(k)))}
		for _, c := range network.Channels {
			row.Options = append(row.Options, option{Value: string(c), Label: s.localize(r, channelLabels[c]), Selected: prefs[k] == c})
		}
		rows = append(rows, row)
	}
	return rows
}

// mailConsented reports whether the member agreed to be emailed their
// notifications; without it, email and digest stay in the app.
func (s *Server) mailConsented(r *http.Request) (bool, error) {
	states, err := s.members.Consents(r.Context(), actorOf(r), actorOf(r).ID)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(states, func(c membership.ConsentState) bool {
		return c.Purpose.Key == network.ConsentNotifications && c.Given && c.Current
	}), nil
}

func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := meMember(w, r); !ok {
		return
	}
	s.renderNotifications(w, r, http.StatusOK, formState{})
}

// renderNotifications renders /notifications; f is the preferences form's
// state after a refusal.
func (s *Server) renderNotifications(w http.ResponseWriter, r *http.Request, status int, f formState) {
	ctx, actor, q := r.Context(), actorOf(r), r.URL.Query()
	unread := q.Get("unread") == "1"
	page, err := pageRequest(r)
	var list avenir.Page[network.Notification]
	var prefs map[network.Kind]network.Channel
	var count int
	var consented bool
	if err == nil {
		list, err = s.net.Notifications.List(ctx, actor, unread, page)
	}
	if err == nil {
		count, err = s.net.Notifications.UnreadCount(ctx, actor)
	}
	if err == nil {
		prefs, err = s.net.Notifications.Preferences(ctx, actor)
	}
	if err == nil {
		consented, err = s.mailConsented(r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for k, v := range f.Values {
		prefs[network.Kind(k)] = network.Channel(v)
	}
	rows := make([]notificationRow, len(list.Items))
	for i, n := range list.Items {
		rows[i] = notificationRow{Notification: n, Headline: n.Headline(s.lang(r)), Link: notificationLink(n)}
	}
	var notice string
	if key, ok := notificationNotices[q.Get("done")]; ok && f.Error == "" {
		notice = s.localize(r, key)
	}
	noStore(w)
	s.render(w, r, status, "notifications.html", map[string]any{
		"Title":         s.localize(r, "Notifications"),
		"Notifications": rows,
		"Unread":        unread,
		"UnreadCount":   count,
		"Next":          nextURL(r, list.Next),
		"Preferences":   s.preferenceRows(r, prefs),
		"Consented":     consented,
		"Notice":        notice,
		"Form":          f,
	})
}

func (s *Server) postNotificationRead(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.meForm(w, r); !ok {
		return
	}
	id, err := avenir.ParseID(r.PathValue("id"))
	if err == nil {
		err = s.net.Notifications.MarkRead(r.Context(), actorOf(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications?done=read", http.StatusSeeOther)
}

func (s *Server) postNotificationsRead(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.meForm(w, r); !ok {
		return
	}
	if _, err := s.net.Notifications.MarkAllRead(r.Context(), actorOf(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications?done=read", http.StatusSeeOther)
}

// postNotificationPreferences saves the channel of each kind the form
// names, in one transaction, so that a refused form changes nothing.
func (s *Server) postNotificationPreferences(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.meForm(w, r); !ok {
		return
	}
	chosen := map[network.Kind]network.Channel{}
	values := map[string]string{}
	for _, k := range s.net.Notifications.Kinds() {
		if v := r.PostForm.Get(string(k)); v != "" {
			chosen[k], values[string(k)] = network.Channel(v), v
		}
	}
	if err := s.savePreferences(r.Context(), actorOf(r), chosen); err != nil {
		s.renderNotifications(w, r, httpStatus(err), s.refused(r, "preferences", err, values))
		return
	}
	http.Redirect(w, r, "/notifications?done=preferences", http.StatusSeeOther)
}

// savePreferences sets every chosen channel in one transaction. A refused
// channel's error names its kind as the field at fault.
func (s *Server) savePreferences(ctx context.Context, actor avenir.Actor, chosen map[network.Kind]network.Channel) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		for _, k := range slices.Sorted(maps.Keys(chosen)) {
			c := chosen[k]
			if err := s.net.Notifications.SetPreference(ctx, actor, k, c); err != nil {
				var e *avenir.Error
				if errors.As(err, &e) && e.Field == "channel" {
					at := *e
					at.Field = string(k)
					return &at
				}
				return err
			}
		}
		return nil
	})
}

package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// unreadCounts are the header's badges: the unread messages of the
// reader's conversations and their unread notifications.
type unreadCounts struct {
	Conversations int
	Notifications int
}

// unread counts what the header's badges show; a visitor has none, and a
// reader the social layer refuses (a supporter) has zeros. Only an
// internal error is logged: the page still renders without its badges.
func (s *Server) unread(r *http.Request) unreadCounts {
	var u unreadCounts
	actor := actorOf(r)
	if actor.IsAnonymous() {
		return u
	}
	var err error
	if u.Conversations, err = s.net.Conversations.Unread(r.Context(), actor); err != nil && avenir.ErrorCode(err) == avenir.CodeInternal {
		s.logError(r, err)
	}
	if u.Notifications, err = s.net.Notifications.UnreadCount(r.Context(), actor); err != nil && avenir.ErrorCode(err) == avenir.CodeInternal {
		s.logError(r, err)
	}
	return u
}

// Network returns the network, every service wired (for seeding demo
// data).
func (s *Server) Network() *network.Network { return s.net }

package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// The conversations API, under /api/v1/conversations: the inbox (keyset
// pages, {"items": […], "next": "…"}, each conversation with the reader's
// unread count), the total unread, starting a conversation, one
// conversation, its messages (newest first), sending, marking read,
// adding members to a group, leaving, and reporting a message. As on the
// pages, only the participants read a conversation: anyone else gets the
// not_found of a conversation that does not exist.
func (s *Server) mountConversationsAPI(mux *http.ServeMux) {
	const base = "/api/v1/conversations"
	mux.HandleFunc("GET "+base, s.signedIn(s.apiInbox))
	mux.HandleFunc("POST "+base, s.signedIn(s.apiStartConversation))
	mux.HandleFunc("GET "+base+"/unread", s.signedIn(s.apiUnread))
	mux.HandleFunc("GET "+base+"/{id}", s.signedIn(s.byID(s.apiConversation)))
	mux.HandleFunc("GET "+base+"/{id}/messages", s.signedIn(s.byID(s.apiMessages)))
	mux.HandleFunc("POST "+base+"/{id}/messages", s.signedIn(s.byID(s.apiSend)))
	mux.HandleFunc("POST "+base+"/{id}/read", s.signedIn(s.byID(s.apiMarkRead)))
	mux.HandleFunc("POST "+base+"/{id}/members", s.signedIn(s.byID(s.apiAddMembers)))
	mux.HandleFunc("POST "+base+"/{id}/leave", s.signedIn(s.byID(s.apiLeaveConversation)))
	mux.HandleFunc("POST /api/v1/messages/{id}/report", s.signedIn(s.byID(s.apiReportMessage)))
}

func (s *Server) apiInbox(w http.ResponseWriter, r *http.Request) {
	p, err := pageRequest(r)
	var page avenir.Page[network.Conversation]
	if err == nil {
		page, err = s.net.Conversations.Inbox(r.Context(), actorOf(r), p)
	}
	s.respond(w, r, http.StatusOK, page, err)
}

func (s *Server) apiUnread(w http.ResponseWriter, r *http.Request) {
	n, err := s.net.Conversations.Unread(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, map[string]int{"unread": n}, err)
}

func (s *Server) apiStartConversation(w http.ResponseWriter, r *http.Request) {
	var d network.ConversationDraft
	var out struct {
		Conversation network.Conversation `json:"conversation"`
		Message      network.Message      `json:"message"`
	}
	err := decode(w, r, &d)
	if err == nil {
		out.Conversation, out.Message, err = s.net.Conversations.Start(r.Context(), actorOf(r), d)
	}
	s.respond(w, r, http.StatusCreated, out, err)
}

func (s *Server) apiConversation(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	c, err := s.net.Conversations.Conversation(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, c, err)
}

func (s *Server) apiMessages(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	p, err := pageRequest(r)
	var page avenir.Page[network.Message]
	if err == nil {
		page, err = s.net.Conversations.Messages(r.Context(), actorOf(r), id, p)
	}
	s.respond(w, r, http.StatusOK, page, err)
}

func (s *Server) apiSend(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	var in struct {
		Body string `json:"body"`
	}
	var m network.Message
	err := decode(w, r, &in)
	if err == nil {
		m, err = s.net.Conversations.Send(r.Context(), actorOf(r), id, in.Body)
	}
	s.respond(w, r, http.StatusCreated, m, err)
}

func (s *Server) apiMarkRead(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	s.respond(w, r, http.StatusNoContent, nil, s.net.Conversations.MarkRead(r.Context(), actorOf(r), id))
}

func (s *Server) apiAddMembers(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	var in struct {
		Members []avenir.ID `json:"members"`
	}
	var c network.Conversation
	err := decode(w, r, &in)
	if err == nil {
		c, err = s.net.Conversations.Add(r.Context(), actorOf(r), id, in.Members)
	}
	s.respond(w, r, http.StatusOK, c, err)
}

func (s *Server) apiLeaveConversation(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	s.respond(w, r, http.StatusNoContent, nil, s.net.Conversations.Leave(r.Context(), actorOf(r), id))
}

func (s *Server) apiReportMessage(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	var in struct {
		Reason string `json:"reason"`
	}
	var rep network.Report
	err := decode(w, r, &in)
	if err == nil {
		rep, err = s.net.Conversations.Report(r.Context(), actorOf(r), id, in.Reason)
	}
	s.respond(w, r, http.StatusCreated, rep, err)
}

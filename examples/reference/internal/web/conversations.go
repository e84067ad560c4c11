package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Private conversations: the inbox with unread counts, a conversation
// (reading it marks it read), a new conversation, leaving one and
// reporting a message. Only the participants read a conversation: anyone
// else, an admin or a moderator too, gets the same 404 as for one that
// does not exist (the network package decides; these pages add no bypass).
func (s *Server) mountConversations(mux *http.ServeMux) {
	mux.HandleFunc("GET /conversations", s.inbox)
	mux.HandleFunc("GET /conversations/new", s.newConversation)
	mux.HandleFunc("POST /conversations", s.postConversation)
	mux.HandleFunc("GET /conversations/{id}", s.conversationPage)
	mux.HandleFunc("POST /conversations/{id}", s.conversationPost("send", []string{"body"}, s.sendMessage))
	mux.HandleFunc("POST /conversations/{id}/leave", s.postLeaveConversation)
	mux.HandleFunc("POST /conversations/{id}/report", s.conversationPost("report", []string{"message", "reason"}, s.reportMessage))
}

// conversationNotices are the notices a conversation's page shows after a
// form, by the ?done= code.
var conversationNotices = map[string]string{
	"sent":     "Your message is sent.",
	"reported": "The message is reported: the network's moderators will read it, with the messages before it.",
	"left":     "You left the conversation.",
}

// conversationView is a conversation as its page and the inbox show it.
type conversationView struct {
	network.Conversation
	Name   string // the title of a group; the other participants' names for a one-to-one
	Others []network.Participant
}

// conversationViews names each conversation for the reader.
func conversationViews(actor avenir.Actor, list []network.Conversation) []conversationView {
	out := make([]conversationView, len(list))
	for i, c := range list {
		v := conversationView{Conversation: c}
		var names []string
		for _, p := range c.Participants {
			if p.Member != actor.ID && p.Active() {
				v.Others = append(v.Others, p)
				names = append(names, p.Name)
			}
		}
		v.Name = c.Title
		if v.Name == "" {
			v.Name = strings.Join(names, ", ")
		}
		out[i] = v
	}
	return out
}

func (s *Server) inbox(w http.ResponseWriter, r *http.Request) {
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/conversations")
		return
	}
	p, err := pageRequest(r)
	var list avenir.Page[network.Conversation]
	if err == nil {
		list, err = s.net.Conversations.Inbox(r.Context(), actor, p)
	}
	// The inbox's rows carry no participants: a one-to-one is named by
	// them, so each row is read once more (a page is short).
	for i := range list.Items {
		if err != nil {
			break
		}
		unread := list.Items[i].Unread
		list.Items[i], err = s.net.Conversations.Conversation(r.Context(), actor, list.Items[i].ID)
		list.Items[i].Unread = unread
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := map[string]any{"Title": s.localize(r, "Conversations"), "Conversations": conversationViews(actor, list.Items),
		"Next": nextURL(r, list.Next)}
	if n := conversationNotices[r.URL.Query().Get("done")]; n != "" {
		d["Notice"] = s.localize(r, n)
	}
	s.render(w, r, http.StatusOK, "conversations.html", d)
}

// newConversation shows the form: the members to write to are those the
// reader follows, and the one of ?with= (from a member's page).
func (s *Server) newConversation(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, "/conversations/new")
		return
	}
	s.showNewConversation(w, r, http.StatusOK, formState{Values: map[string]string{}}, r.URL.Query()["with"])
}

// recipient is a member the new conversation form offers.
type recipient struct {
	ID      avenir.ID
	Name    string
	Checked bool
}

func (s *Server) showNewConversation(w http.ResponseWriter, r *http.Request, status int, form formState, with []string) {
	ctx, actor := r.Context(), actorOf(r)
	following, err := s.net.Follows.Following(ctx, actor, actor.ID, avenir.PageRequest{Limit: avenir.MaxPageSize})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var choices []recipient
	seen := map[avenir.ID]bool{}
	for _, v := range with {
		id, err := avenir.ParseID(v)
		if err != nil || seen[id] || id == actor.ID {
			continue
		}
		m, err := s.members.Member(ctx, actor, id)
		if err != nil {
			continue // not someone the reader may see: not offered
		}
		seen[id] = true
		choices = append(choices, recipient{ID: id, Name: m.DisplayName, Checked: true})
	}
	for _, f := range following.Items {
		if !seen[f.Member] {
			seen[f.Member] = true
			choices = append(choices, recipient{ID: f.Member, Name: f.Name})
		}
	}
	s.render(w, r, status, "conversation_new.html", map[string]any{
		"Title": s.localize(r, "New conversation"), "Form": form, "Recipients": choices,
	})
}

func (s *Server) postConversation(w http.ResponseWriter, r *http.Request) {
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/conversations/new")
		return
	}
	var c network.Conversation
	err := readForm(w, r)
	if err == nil {
		var d network.ConversationDraft
		if d.With, err = formIDs(r.PostForm["with"]); err == nil {
			d.Title, d.Body = r.PostForm.Get("title"), r.PostForm.Get("body")
			c, _, err = s.net.Conversations.Start(r.Context(), actor, d)
		}
	}
	if err != nil {
		s.showNewConversation(w, r, httpStatus(err), s.refused(r, "start", err, memberFormValues(r, "title", "body")), r.PostForm["with"])
		return
	}
	http.Redirect(w, r, "/conversations/"+c.ID.String()+"?done=sent", http.StatusSeeOther)
}

// formIDs reads the members chosen in a form: none is invalid.
func formIDs(values []string) ([]avenir.ID, error) {
	ids := make([]avenir.ID, 0, len(values))
	for _, v := range values {
		id, err := avenir.ParseID(v)
		if err != nil {
			return nil, avenir.FieldError("with", "Choose the members to write to.")
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, avenir.FieldError("with", "Choose the members to write to.")
	}
	return ids, nil
}

func (s *Server) conversationPage(w http.ResponseWriter, r *http.Request) {
	id, ok := s.signedInID(w, r, "/conversations/")
	if !ok {
		return
	}
	form := formState{}
	if n := conversationNotices[r.URL.Query().Get("done")]; n != "" {
		form.Values = map[string]string{"notice": s.localize(r, n)}
	}
	s.showConversation(w, r, id, http.StatusOK, form)
}

// showConversation shows a page of messages, oldest first on the page,
// with a link to the older ones; showing the newest marks them read.
func (s *Server) showConversation(w http.ResponseWriter, r *http.Request, id avenir.ID, status int, form formState) {
	ctx, actor := r.Context(), actorOf(r)
	c, err := s.net.Conversations.Conversation(ctx, actor, id)
	var msgs avenir.Page[network.Message]
	if err == nil {
		msgs, err = s.net.Conversations.Messages(ctx, actor, id, avenir.PageRequest{After: r.URL.Query().Get("after")})
	}
	if err == nil && r.URL.Query().Get("after") == "" && c.Unread > 0 {
		err = s.net.Conversations.MarkRead(ctx, actor, id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	slices.Reverse(msgs.Items)
	v := conversationViews(actor, []network.Conversation{c})[0]
	s.render(w, r, status, "conversation.html", map[string]any{
		"Title": v.Name, "Conversation": v, "Messages": msgs.Items, "Older": nextURL(r, msgs.Next),
		"Form": form, "CanWrite": actor.InGoodStanding(),
	})
}

// conversationPost runs a form of a conversation's page: on success back to
// the page with a notice, on an error the page again with the error.
func (s *Server) conversationPost(form string, fields []string,
	do func(ctx context.Context, actor avenir.Actor, id avenir.ID, f map[string]string) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := s.signedInID(w, r, "/conversations/")
		if !ok {
			return
		}
		actor := actorOf(r)
		done := ""
		err := readForm(w, r)
		if err == nil {
			done, err = do(r.Context(), actor, id, memberFormValues(r, fields...))
		}
		if err != nil {
			if avenir.IsCode(err, avenir.CodeNotFound) {
				s.pageError(w, r, err) // not a participant: nothing of it to show
				return
			}
			s.showConversation(w, r, id, httpStatus(err), s.refused(r, form, err, memberFormValues(r, fields...)))
			return
		}
		http.Redirect(w, r, "/conversations/"+id.String()+"?done="+done+"#last", http.StatusSeeOther)
	}
}

func (s *Server) sendMessage(ctx context.Context, actor avenir.Actor, id avenir.ID, f map[string]string) (string, error) {
	_, err := s.net.Conversations.Send(ctx, actor, id, f["body"])
	return "sent", err
}

func (s *Server) reportMessage(ctx context.Context, actor avenir.Actor, id avenir.ID, f map[string]string) (string, error) {
	msg, err := avenir.ParseID(f["message"])
	if err != nil {
		return "", avenir.ErrNotFound
	}
	_, err = s.net.Conversations.Report(ctx, actor, msg, f["reason"])
	return "reported", err
}

// signedInID reads the {id} of a page's path for a signed-in reader: a
// visitor is sent to sign in (to come back to prefix+id after a form), a
// malformed ID is not found.
func (s *Server) signedInID(w http.ResponseWriter, r *http.Request, prefix string) (avenir.ID, bool) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return id, false
	}
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, prefix+id.String())
		return id, false
	}
	return id, true
}

func (s *Server) postLeaveConversation(w http.ResponseWriter, r *http.Request) {
	id, ok := s.signedInID(w, r, "/conversations/")
	if !ok {
		return
	}
	if err := s.net.Conversations.Leave(r.Context(), actorOf(r), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/conversations?done=left", http.StatusSeeOther)
}

package network

import (
	"context"
	"html/template"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Private conversations: "an internal social network reserved to members,
// who can talk there away from prying eyes". Only the participants read a
// conversation — not admins, not moderators: no role opens one. A message a
// participant reports reaches the network's moderators as a copy, with the
// messages before it (see Report); the rest stays private.
//
// The rules:
//   - Starting a conversation, writing in one and adding participants are
//     for members in good standing. A member who lapses keeps reading the
//     conversations they take part in (and may leave them or report a
//     message) but no longer writes: the members-only space is for members,
//     and a reply is as much taking part as a first message.
//   - A one-to-one conversation between two members is one: starting it
//     again writes in it. A group has a title and at most
//     SocialConfig.MaxParticipants participants; any participant may add
//     members to it.
//   - A block forbids starting a conversation with, or adding, a member who
//     blocks or is blocked by the actor, and writing in a one-to-one between
//     them.
//   - A participant added to a group reads from their arrival on, not what
//     was said before them. One who leaves reads nothing more of it.
//   - No outbox event is recorded: every audience an event may have is open
//     to admins, and webhooks and feeds read the outbox. SocialConfig.
//     OnMessage is the hook for notifications; it receives no body.

// ConversationKind tells a one-to-one conversation from a group.
type ConversationKind string

// The kinds of conversation.
const (
	Direct ConversationKind = "direct"
	Group  ConversationKind = "group"
)

// Conversation is a private conversation, as one participant sees it.
type Conversation struct {
	ID            avenir.ID        `json:"id"`
	Kind          ConversationKind `json:"kind"`
	Title         string           `json:"title,omitempty"`
	CreatedBy     avenir.ID        `json:"created_by"`
	CreatedAt     time.Time        `json:"created_at"`
	LastMessageAt time.Time        `json:"last_message_at"`
	Messages      int              `json:"messages"` // the last message's sequence number
	Participants  []Participant    `json:"participants,omitempty"`
	Unread        int              `json:"unread"` // for the reader
	// DirectKey names a one-to-one's two members, so that there is one.
	DirectKey string `json:"-"`
}

// Participant is a member of a conversation.
type Participant struct {
	Member   avenir.ID `json:"member"`
	Name     string    `json:"name"`
	JoinedAt time.Time `json:"joined_at"`
	LeftAt   time.Time `json:"left_at,omitzero"`
	SinceSeq int       `json:"-"` // the first message they may read
	LastRead int       `json:"-"`
}

// Active reports whether the participant is still in the conversation.
func (p Participant) Active() bool { return p.LeftAt.IsZero() }

func (c Conversation) participant(member avenir.ID) (Participant, bool) {
	for _, p := range c.Participants {
		if p.Member == member && p.Active() {
			return p, true
		}
	}
	return Participant{}, false
}

func (c Conversation) active() []avenir.ID {
	var ids []avenir.ID
	for _, p := range c.Participants {
		if p.Active() {
			ids = append(ids, p.Member)
		}
	}
	return ids
}

// Message is a message in a conversation. An erased author's messages keep
// their place with an empty body and Erased set.
type Message struct {
	ID           avenir.ID     `json:"id"`
	Conversation avenir.ID     `json:"conversation"`
	Seq          int           `json:"seq"`
	Author       avenir.ID     `json:"author"`
	AuthorName   string        `json:"author_name"`
	Body         string        `json:"body"` // Markdown
	HTML         template.HTML `json:"html"` // sanitized
	Erased       bool          `json:"erased,omitempty"`
	CreatedAt    time.Time     `json:"created_at"`
}

// ConversationDraft starts a conversation: with one member and no title, a
// one-to-one; otherwise a group, which needs a title.
type ConversationDraft struct {
	With  []avenir.ID `json:"with"`
	Title string      `json:"title,omitempty"`
	Body  string      `json:"body"` // the first message, Markdown
}

// MessageNotice tells the notifications hook that a message was sent. It
// carries no body: a notification says who wrote, never what.
type MessageNotice struct {
	Conversation avenir.ID
	Message      avenir.ID
	Author       avenir.ID
	Recipients   []avenir.ID // the other active participants
	At           time.Time
}

// InboxKey is a conversation's place in an inbox.
type InboxKey struct {
	LastMessageAt time.Time
	ID            avenir.ID
}

// MessageFilter selects a page of a conversation's messages, newest first:
// from SinceSeq on, before Before (0: the newest).
type MessageFilter struct {
	Conversation avenir.ID
	SinceSeq     int
	Before       int
	Limit        int
}

// ConversationStore keeps conversations, their messages and the reports
// of messages. The storage package implements it (db.Conversations()).
type ConversationStore interface {
	Directory
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// CreateConversation writes a conversation and its participants; a
	// second one-to-one with the same DirectKey is a conflict.
	CreateConversation(ctx context.Context, c Conversation) error
	// DirectConversation returns the one-to-one of the key, not_found when
	// there is none.
	DirectConversation(ctx context.Context, key string) (Conversation, error)
	// Conversation returns a conversation with every participant, those
	// who left included; lock takes its row lock until the transaction
	// ends.
	Conversation(ctx context.Context, id avenir.ID, lock bool) (Conversation, error)
	// AddParticipants adds members, or brings back those who had left.
	AddParticipants(ctx context.Context, conversation avenir.ID, ps []Participant) error
	LeaveConversation(ctx context.Context, conversation, member avenir.ID, at time.Time) error
	// AddMessage writes a message whose Seq follows the conversation's
	// last, moves the conversation's last message, and marks it read by
	// its author.
	AddMessage(ctx context.Context, m Message) error
	Message(ctx context.Context, id avenir.ID) (Message, error)
	Messages(ctx context.Context, f MessageFilter) ([]Message, error)
	// Inbox lists the conversations a member is in, last message first,
	// each with the member's unread count.
	Inbox(ctx context.Context, member avenir.ID, after *InboxKey, limit int) ([]Conversation, error)
	// MarkRead marks every message of the conversation read by the member.
	MarkRead(ctx context.Context, conversation, member avenir.ID) error
	// Unread counts the unread messages of a member's conversations.
	Unread(ctx context.Context, member avenir.ID) (int, error)

	CreateReport(ctx context.Context, r Report) error
	// Reports lists reports, newest first, with their context.
	Reports(ctx context.Context, after *ReportKey, limit int) ([]Report, error)

	// MemberConversations lists the conversations a member took part in,
	// with their own messages only (for an export).
	MemberConversations(ctx context.Context, member avenir.ID) ([]ConversationExport, error)
	// EraseMessages empties the bodies of the member's messages, and of
	// their copies in reports, and marks them erased.
	EraseMessages(ctx context.Context, member avenir.ID) error
}

// Conversations is the service of private conversations.
type Conversations struct {
	store ConversationStore
	cfg   SocialConfig
}

// NewConversations returns the service of private conversations.
func NewConversations(store ConversationStore, cfg SocialConfig) *Conversations {
	return &Conversations{store: store, cfg: cfg.withDefaults()}
}

func (s *Conversations) now() time.Time { return s.cfg.Clock.Now() }

// reader returns why the actor may not read conversations at all: a
// visitor, or someone suspended or erased. A lapsed member still reads.
func reader(actor avenir.Actor) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !actor.Registered() {
		return avenir.ErrForbidden
	}
	return nil
}

// message checks and renders a message's body.
func (s *Conversations) message(body string) (string, template.HTML, error) {
	body = text.Clean(body)
	if body == "" {
		return "", "", avenir.FieldError("body", "The message is empty.")
	}
	if utf8.RuneCountInString(body) > s.cfg.MaxMessageLen {
		return "", "", avenir.FieldError("body", "The message must be at most %d characters.", s.cfg.MaxMessageLen)
	}
	return body, text.Markdown(body), nil
}

// invitable checks that every member may be added by the actor: a member in
// good standing, with no block between them.
func (s *Conversations) invitable(ctx context.Context, actor avenir.Actor, members []avenir.ID) error {
	statuses, err := s.store.MemberStatuses(ctx, members)
	if err != nil {
		return err
	}
	for _, m := range members {
		if st, ok := statuses[m]; !ok || !st.InGoodStanding() {
			return avenir.FieldError("with", "Conversations are between members in good standing.")
		}
	}
	blocked, err := s.store.BlockedAmong(ctx, actor.ID, members)
	if err != nil {
		return err
	}
	if len(blocked) > 0 {
		return avenir.FieldError("with", "You cannot start a conversation with a member you block or who blocks you.")
	}
	return nil
}

// others returns the distinct members of with, but the actor.
func others(actor avenir.ID, with []avenir.ID) []avenir.ID {
	var out []avenir.ID
	for _, m := range with {
		if m != actor && !m.IsZero() && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

func directKey(a, b avenir.ID) string {
	x, y := a.String(), b.String()
	if x > y {
		x, y = y, x
	}
	return x + ":" + y
}

// Start starts a conversation with its first message, from a member in good
// standing. Starting a one-to-one that exists writes in it (and brings the
// actor back if they had left it).
func (s *Conversations) Start(ctx context.Context, actor avenir.Actor, d ConversationDraft) (Conversation, Message, error) {
	if err := socialMember(actor); err != nil {
		return Conversation{}, Message{}, err
	}
	with := others(actor.ID, d.With)
	title := text.Line(d.Title)
	body, html, err := s.message(d.Body)
	switch {
	case err != nil:
		return Conversation{}, Message{}, err
	case len(with) == 0:
		return Conversation{}, Message{}, avenir.FieldError("with", "A conversation needs someone to talk to.")
	case len(with)+1 > s.cfg.MaxParticipants:
		return Conversation{}, Message{}, avenir.FieldError("with", "A conversation has at most %d participants.", s.cfg.MaxParticipants)
	case len(with) > 1 && title == "":
		return Conversation{}, Message{}, avenir.FieldError("title", "A group conversation needs a title.")
	case utf8.RuneCountInString(title) > 100:
		return Conversation{}, Message{}, avenir.FieldError("title", "The title must be at most %d characters.", 100)
	}
	var c Conversation
	var m Message
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.invitable(ctx, actor, with); err != nil {
			return err
		}
		now := s.now()
		if len(with) == 1 && title == "" {
			found, err := s.store.DirectConversation(ctx, directKey(actor.ID, with[0]))
			switch {
			case err == nil:
				// Either may have left it: both are back.
				for _, member := range []avenir.ID{actor.ID, with[0]} {
					if _, in := found.participant(member); in {
						continue
					}
					if err := s.store.AddParticipants(ctx, found.ID, []Participant{{Member: member, JoinedAt: now, SinceSeq: 1}}); err != nil {
						return err
					}
				}
				c, m, err = s.send(ctx, actor, found.ID, body, html)
				return err
			case !avenir.IsCode(err, avenir.CodeNotFound):
				return err
			}
		}
		c = Conversation{ID: avenir.NewID(), Kind: Group, Title: title, CreatedBy: actor.ID, CreatedAt: now, LastMessageAt: now}
		if len(with) == 1 && title == "" {
			c.Kind, c.DirectKey = Direct, directKey(actor.ID, with[0])
		}
		for _, member := range append([]avenir.ID{actor.ID}, with...) {
			c.Participants = append(c.Participants, Participant{Member: member, JoinedAt: now, SinceSeq: 1})
		}
		if err := s.store.CreateConversation(ctx, c); err != nil {
			return err
		}
		c, m, err = s.send(ctx, actor, c.ID, body, html)
		return err
	})
	if err != nil {
		return Conversation{}, Message{}, err
	}
	s.notify(ctx, c, m)
	return c, m, nil
}

// send writes a message in a conversation whose row it locks, and returns
// the conversation as the author now sees it.
func (s *Conversations) send(ctx context.Context, actor avenir.Actor, id avenir.ID, body string, html template.HTML) (Conversation, Message, error) {
	c, err := s.store.Conversation(ctx, id, true)
	if err != nil {
		return Conversation{}, Message{}, err
	}
	if _, in := c.participant(actor.ID); !in {
		return Conversation{}, Message{}, avenir.ErrNotFound
	}
	if c.Kind == Direct {
		blocked, err := s.store.BlockedAmong(ctx, actor.ID, c.active())
		if err != nil {
			return Conversation{}, Message{}, err
		}
		if len(blocked) > 0 {
			return Conversation{}, Message{}, avenir.Errorf(avenir.CodeForbidden, "You cannot write to a member you block or who blocks you.")
		}
	}
	now := s.now()
	m := Message{ID: avenir.NewID(), Conversation: c.ID, Seq: c.Messages + 1, Author: actor.ID, Body: body, HTML: html, CreatedAt: now}
	if err := s.store.AddMessage(ctx, m); err != nil {
		return Conversation{}, Message{}, err
	}
	c.Messages, c.LastMessageAt, c.Unread = m.Seq, now, 0
	return c, m, nil
}

// notify calls the hook after the commit; a message is never sent twice
// because of it, so it runs outside the transaction.
func (s *Conversations) notify(ctx context.Context, c Conversation, m Message) {
	if s.cfg.OnMessage == nil {
		return
	}
	var to []avenir.ID
	for _, p := range c.Participants {
		if p.Active() && p.Member != m.Author {
			to = append(to, p.Member)
		}
	}
	s.cfg.OnMessage(ctx, MessageNotice{Conversation: c.ID, Message: m.ID, Author: m.Author, Recipients: to, At: m.CreatedAt})
}

// Send writes a message in a conversation the actor takes part in. A
// lapsed member reads but no longer writes (forbidden).
func (s *Conversations) Send(ctx context.Context, actor avenir.Actor, conversation avenir.ID, body string) (Message, error) {
	if err := reader(actor); err != nil {
		return Message{}, err
	}
	if _, err := s.Conversation(ctx, actor, conversation); err != nil {
		return Message{}, err
	}
	if err := socialMember(actor); err != nil {
		return Message{}, err
	}
	b, html, err := s.message(body)
	if err != nil {
		return Message{}, err
	}
	var c Conversation
	var m Message
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		c, m, err = s.send(ctx, actor, conversation, b, html)
		return err
	})
	if err != nil {
		return Message{}, err
	}
	s.notify(ctx, c, m)
	return m, nil
}

// Conversation returns a conversation the actor takes part in, with its
// participants and the actor's unread count. Anyone else — an admin or a
// moderator too — gets not_found.
func (s *Conversations) Conversation(ctx context.Context, actor avenir.Actor, id avenir.ID) (Conversation, error) {
	if err := reader(actor); err != nil {
		return Conversation{}, err
	}
	c, err := s.store.Conversation(ctx, id, false)
	if err != nil {
		return Conversation{}, err
	}
	p, in := c.participant(actor.ID)
	if !in {
		return Conversation{}, avenir.ErrNotFound
	}
	c.Unread = max(0, c.Messages-max(p.LastRead, p.SinceSeq-1))
	return c, nil
}

const (
	inboxCursor    = "network.inbox"
	messagesCursor = "network.messages"
)

// Inbox lists the conversations the actor takes part in, last message
// first, each with the actor's unread count.
func (s *Conversations) Inbox(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[Conversation], error) {
	if err := reader(actor); err != nil {
		return avenir.Page[Conversation]{}, err
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Conversation]{}, err
	}
	var after *InboxKey
	if page.After != "" {
		var k InboxKey
		if err := avenir.DecodeCursor(page.After, inboxCursor, &k.LastMessageAt, &k.ID); err != nil {
			return avenir.Page[Conversation]{}, err
		}
		after = &k
	}
	rows, err := s.store.Inbox(ctx, actor.ID, after, size+1)
	if err != nil {
		return avenir.Page[Conversation]{}, err
	}
	return avenir.NewPage(rows, size, inboxCursor, func(c Conversation) []any { return []any{c.LastMessageAt, c.ID} }), nil
}

// Messages lists a conversation's messages, newest first, from the actor's
// arrival in it. Reading does not mark read: MarkRead does.
func (s *Conversations) Messages(ctx context.Context, actor avenir.Actor, conversation avenir.ID, page avenir.PageRequest) (avenir.Page[Message], error) {
	c, err := s.Conversation(ctx, actor, conversation)
	if err != nil {
		return avenir.Page[Message]{}, err
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Message]{}, err
	}
	p, _ := c.participant(actor.ID)
	f := MessageFilter{Conversation: c.ID, SinceSeq: p.SinceSeq, Limit: size + 1}
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, messagesCursor, &f.Before); err != nil {
			return avenir.Page[Message]{}, err
		}
	}
	rows, err := s.store.Messages(ctx, f)
	if err != nil {
		return avenir.Page[Message]{}, err
	}
	return avenir.NewPage(rows, size, messagesCursor, func(m Message) []any { return []any{m.Seq} }), nil
}

// MarkRead marks a conversation read by the actor.
func (s *Conversations) MarkRead(ctx context.Context, actor avenir.Actor, conversation avenir.ID) error {
	if _, err := s.Conversation(ctx, actor, conversation); err != nil {
		return err
	}
	return s.store.MarkRead(ctx, conversation, actor.ID)
}

// Unread counts the actor's unread messages, in every conversation.
func (s *Conversations) Unread(ctx context.Context, actor avenir.Actor) (int, error) {
	if err := reader(actor); err != nil {
		return 0, err
	}
	return s.store.Unread(ctx, actor.ID)
}

// Leave takes the actor out of a conversation: they read nothing more of
// it, and it leaves their inbox.
func (s *Conversations) Leave(ctx context.Context, actor avenir.Actor, conversation avenir.ID) error {
	if _, err := s.Conversation(ctx, actor, conversation); err != nil {
		return err
	}
	return s.store.LeaveConversation(ctx, conversation, actor.ID, s.now())
}

// Add adds members to a group, by a participant in good standing. The new
// participants read from their arrival on.
func (s *Conversations) Add(ctx context.Context, actor avenir.Actor, conversation avenir.ID, members []avenir.ID) (Conversation, error) {
	if _, err := s.Conversation(ctx, actor, conversation); err != nil {
		return Conversation{}, err
	}
	if err := socialMember(actor); err != nil {
		return Conversation{}, err
	}
	var c Conversation
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if c, err = s.store.Conversation(ctx, conversation, true); err != nil {
			return err
		}
		if c.Kind != Group {
			return avenir.Errorf(avenir.CodeConflict, "Members can be added to a group conversation only.")
		}
		var add []avenir.ID
		for _, m := range others(actor.ID, members) {
			if _, in := c.participant(m); !in {
				add = append(add, m)
			}
		}
		if len(add) == 0 {
			return nil
		}
		if len(c.active())+len(add) > s.cfg.MaxParticipants {
			return avenir.FieldError("with", "A conversation has at most %d participants.", s.cfg.MaxParticipants)
		}
		if err := s.invitable(ctx, actor, add); err != nil {
			return err
		}
		now := s.now()
		ps := make([]Participant, len(add))
		for i, m := range add {
			ps[i] = Participant{Member: m, JoinedAt: now, SinceSeq: c.Messages + 1, LastRead: c.Messages}
		}
		if err := s.store.AddParticipants(ctx, c.ID, ps); err != nil {
			return err
		}
		c, err = s.store.Conversation(ctx, c.ID, false)
		return err
	})
	if err != nil {
		return Conversation{}, err
	}
	return s.Conversation(ctx, actor, c.ID)
}

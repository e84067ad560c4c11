package network

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/text"
)

// Report is a message a participant reported, for the network's moderators:
// a copy of the message and of the messages before it (SocialConfig.
// ReportContext of them, among those the reporter could read), so that
// moderators judge it in context without the conversation being opened to
// them.
type Report struct {
	ID           avenir.ID `json:"id"`
	Conversation avenir.ID `json:"conversation"`
	Message      avenir.ID `json:"message"`
	Reporter     avenir.ID `json:"reporter"`
	Reason       string    `json:"reason"`
	CreatedAt    time.Time `json:"created_at"`
	Context      []Message `json:"context"` // oldest first; the reported message last
}

// ReportKey is a report's place in the list, newest first.
type ReportKey struct {
	CreatedAt time.Time
	ID        avenir.ID
}

// Report reports a message of a conversation the actor takes part in (a
// lapsed member too: they may still be harassed in it). Reporting the same
// message twice is a conflict.
func (s *Conversations) Report(ctx context.Context, actor avenir.Actor, message avenir.ID, reason string) (Report, error) {
	if err := reader(actor); err != nil {
		return Report{}, err
	}
	reason = text.Line(reason)
	if reason == "" {
		return Report{}, avenir.FieldError("reason", "Say why you report this message.")
	}
	if len([]rune(reason)) > 500 {
		return Report{}, avenir.FieldError("reason", "The reason must be at most %d characters.", 500)
	}
	m, err := s.store.Message(ctx, message)
	if err != nil {
		return Report{}, err
	}
	c, err := s.Conversation(ctx, actor, m.Conversation)
	if err != nil {
		return Report{}, err
	}
	p, _ := c.participant(actor.ID)
	if m.Seq < p.SinceSeq {
		return Report{}, avenir.ErrNotFound
	}
	// The message and those before it the reporter could read, oldest first.
	before, err := s.store.Messages(ctx, MessageFilter{Conversation: c.ID, SinceSeq: p.SinceSeq, Before: m.Seq + 1, Limit: s.cfg.ReportContext + 1})
	if err != nil {
		return Report{}, err
	}
	for i, j := 0, len(before)-1; i < j; i, j = i+1, j-1 {
		before[i], before[j] = before[j], before[i]
	}
	r := Report{ID: avenir.NewID(), Conversation: c.ID, Message: m.ID, Reporter: actor.ID, Reason: reason, CreatedAt: s.now(), Context: before}
	if err := s.store.CreateReport(ctx, r); err != nil {
		if avenir.IsCode(err, avenir.CodeConflict) {
			return Report{}, avenir.Errorf(avenir.CodeConflict, "You already reported this message.")
		}
		return Report{}, err
	}
	return r, nil
}

const reportsCursor = "network.reports"

// Reports lists the reported messages, newest first, for the network's
// moderators (and admins, who hold every role). It is the only way a
// message of a conversation reaches anyone outside it.
func (s *Conversations) Reports(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[Report], error) {
	if actor.IsAnonymous() {
		return avenir.Page[Report]{}, avenir.ErrUnauthenticated
	}
	if !actor.Has(avenir.RoleModerator, avenir.NetworkScope()) {
		return avenir.Page[Report]{}, avenir.ErrForbidden
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[Report]{}, err
	}
	var after *ReportKey
	if page.After != "" {
		var k ReportKey
		if err := avenir.DecodeCursor(page.After, reportsCursor, &k.CreatedAt, &k.ID); err != nil {
			return avenir.Page[Report]{}, err
		}
		after = &k
	}
	rows, err := s.store.Reports(ctx, after, size+1)
	if err != nil {
		return avenir.Page[Report]{}, err
	}
	return avenir.NewPage(rows, size, reportsCursor, func(r Report) []any { return []any{r.CreatedAt, r.ID} }), nil
}

// The conversations hold personal data: whom a member talks with and what
// they write. Conversations implements membership.PersonalData.
var _ membership.PersonalData = (*Conversations)(nil)

// ConversationExport is one conversation in a member's export: who took
// part, and the member's own messages (the others' are theirs).
type ConversationExport struct {
	ID           avenir.ID        `json:"id"`
	Kind         ConversationKind `json:"kind"`
	Title        string           `json:"title,omitempty"`
	Participants []avenir.ID      `json:"participants"`
	JoinedAt     time.Time        `json:"joined_at"`
	LeftAt       time.Time        `json:"left_at,omitzero"`
	Messages     []Message        `json:"messages"`
}

// Section names the conversations' part of an export.
func (s *Conversations) Section() string { return "conversations" }

// ExportMember returns the conversations the member took part in, with
// their own messages.
func (s *Conversations) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	return s.store.MemberConversations(ctx, member)
}

// EraseMember replaces the member's messages, and their copies in reports,
// by an erased marker: the conversations keep their shape for the others,
// and nothing the member wrote remains.
func (s *Conversations) EraseMember(ctx context.Context, member avenir.ID) error {
	return s.store.EraseMessages(ctx, member)
}

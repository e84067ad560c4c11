package network_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// hook keeps the notices the conversations give.
type hook struct {
	mu      sync.Mutex
	notices []network.MessageNotice
}

func (h *hook) on(_ context.Context, n network.MessageNotice) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.notices = append(h.notices, n)
}

func (h *hook) all() []network.MessageNotice {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]network.MessageNotice(nil), h.notices...)
}

func TestConversationStart(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db, func(c *network.SocialConfig) { c.MaxParticipants = 3; c.MaxMessageLen = 100 })
		conv := network.NewConversations(db.Conversations(), s.cfg)
		me, you, them, more := s.member(t), s.member(t), s.member(t), s.member(t)
		supporter := s.person(t, avenir.StatusSupporter)
		lapsed := s.person(t, avenir.StatusLapsed)
		blocker := s.member(t)
		require.NoError(t, s.follows.Block(ctx, blocker, me.ID))

		with := func(list ...avenir.Actor) []avenir.ID {
			var ids []avenir.ID
			for _, a := range list {
				ids = append(ids, a.ID)
			}
			return ids
		}
		tests := []struct {
			name  string
			actor avenir.Actor
			draft network.ConversationDraft
			want  avenir.Code
		}{
			{"a visitor", avenir.Anonymous, network.ConversationDraft{With: with(you), Body: "Bonjour"}, avenir.CodeUnauthenticated},
			{"a supporter", supporter, network.ConversationDraft{With: with(you), Body: "Bonjour"}, avenir.CodeForbidden},
			{"a lapsed member", lapsed, network.ConversationDraft{With: with(you), Body: "Bonjour"}, avenir.CodeForbidden},
			{"no one", me, network.ConversationDraft{With: with(me), Body: "Bonjour"}, avenir.CodeInvalid},
			{"with a supporter", me, network.ConversationDraft{With: with(supporter), Body: "Bonjour"}, avenir.CodeInvalid},
			{"with a lapsed member", me, network.ConversationDraft{With: with(lapsed), Body: "Bonjour"}, avenir.CodeInvalid},
			{"with nobody known", me, network.ConversationDraft{With: []avenir.ID{avenir.NewID()}, Body: "Bonjour"}, avenir.CodeInvalid},
			{"with who blocks me", me, network.ConversationDraft{With: with(blocker), Body: "Bonjour"}, avenir.CodeInvalid},
			{"a group over the cap", me, network.ConversationDraft{With: with(you, them, more), Title: "Trop", Body: "Bonjour"}, avenir.CodeInvalid},
			{"a group with no title", me, network.ConversationDraft{With: with(you, them), Body: "Bonjour"}, avenir.CodeInvalid},
			{"an empty message", me, network.ConversationDraft{With: with(you), Body: "  \n "}, avenir.CodeInvalid},
			{"a long message", me, network.ConversationDraft{With: with(you), Body: strings.Repeat("a", 101)}, avenir.CodeInvalid},
			{"a long title", me, network.ConversationDraft{With: with(you, them), Title: strings.Repeat("t", 101), Body: "Bonjour"}, avenir.CodeInvalid},
			{"one-to-one", me, network.ConversationDraft{With: with(you), Body: "Bonjour"}, ""},
			{"a group", me, network.ConversationDraft{With: with(you, them, you), Title: "Tractage", Body: "Samedi ?"}, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := db.Bun().NewSelect().TableExpr("avenir_conversation_messages").Count(ctx)
				c, m, err := conv.Start(ctx, tt.actor, tt.draft)
				if tt.want != "" {
					requireSocialCode(t, err, tt.want)
					after, _ := db.Bun().NewSelect().TableExpr("avenir_conversation_messages").Count(ctx)
					assert.Equal(t, before, after, "nothing written")
					return
				}
				require.NoError(t, err)
				assert.Equal(t, 1, m.Seq)
				assert.Equal(t, c.ID, m.Conversation)
			})
		}
		// A one-to-one is one: starting it again writes in it.
		s.tick()
		first, _, err := conv.Start(ctx, you, network.ConversationDraft{With: with(me), Body: "Re-bonjour"})
		require.NoError(t, err)
		inbox, err := conv.Inbox(ctx, me, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, inbox.Items, 2)
		assert.Equal(t, first.ID, inbox.Items[0].ID, "last message first")
		assert.Equal(t, network.Direct, inbox.Items[0].Kind)
		assert.Equal(t, 2, inbox.Items[0].Messages)
		assert.Equal(t, 1, inbox.Items[0].Unread)
		assert.Equal(t, network.Group, inbox.Items[1].Kind)
		assert.Len(t, inbox.Items[1].Participants, 0, "the inbox does not load participants")
	})
}

// TestConversationPrivacy: only participants read a conversation — every
// other role, admins and moderators included, gets the same answer as for a
// conversation that does not exist, on every read path.
func TestConversationPrivacy(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		conv := network.NewConversations(db.Conversations(), s.cfg)
		a, b := s.member(t), s.member(t)
		const secret = "Le code du local est 4821"
		c, m, err := conv.Start(ctx, a, network.ConversationDraft{With: []avenir.ID{b.ID}, Body: secret})
		require.NoError(t, err)

		outsiders := []struct {
			name  string
			actor avenir.Actor
			want  avenir.Code
		}{
			{"a visitor", avenir.Anonymous, avenir.CodeUnauthenticated},
			{"a supporter", s.person(t, avenir.StatusSupporter), avenir.CodeNotFound},
			{"a member", s.member(t), avenir.CodeNotFound},
			{"a network moderator", s.moderator(t), avenir.CodeNotFound},
			{"a forum moderator", s.person(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(avenir.NewID())}), avenir.CodeNotFound},
			{"an animator", s.person(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.NetworkScope()}), avenir.CodeNotFound},
			{"an admin", s.admin, avenir.CodeNotFound},
			{"a suspended member", s.person(t, avenir.StatusSuspended), avenir.CodeForbidden},
		}
		for _, o := range outsiders {
			t.Run(o.name, func(t *testing.T) {
				_, err := conv.Conversation(ctx, o.actor, c.ID)
				requireSocialCode(t, err, o.want)
				_, err = conv.Messages(ctx, o.actor, c.ID, avenir.PageRequest{})
				requireSocialCode(t, err, o.want)
				_, err = conv.Send(ctx, o.actor, c.ID, "Je lis ?")
				requireSocialCode(t, err, o.want)
				requireSocialCode(t, conv.MarkRead(ctx, o.actor, c.ID), o.want)
				requireSocialCode(t, conv.Leave(ctx, o.actor, c.ID), o.want)
				_, err = conv.Add(ctx, o.actor, c.ID, []avenir.ID{o.actor.ID})
				requireSocialCode(t, err, o.want)
				_, err = conv.Report(ctx, o.actor, m.ID, "Pour voir")
				requireSocialCode(t, err, o.want)
				inbox, err := conv.Inbox(ctx, o.actor, avenir.PageRequest{})
				if o.want == avenir.CodeNotFound {
					require.NoError(t, err)
					assert.Empty(t, inbox.Items)
					b, _ := json.Marshal(inbox)
					assert.NotContains(t, string(b), secret)
					n, err := conv.Unread(ctx, o.actor)
					require.NoError(t, err)
					assert.Zero(t, n)
				} else {
					requireSocialCode(t, err, o.want)
				}
				// The answer is the same as for no conversation at all.
				_, err = conv.Conversation(ctx, o.actor, avenir.NewID())
				requireSocialCode(t, err, o.want)
			})
		}
		// An admin who takes part reads like any participant, no more.
		_, _, err = conv.Start(ctx, s.admin, network.ConversationDraft{With: []avenir.ID{a.ID}, Body: "Bonjour"})
		require.NoError(t, err)
		inbox, err := conv.Inbox(ctx, s.admin, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Len(t, inbox.Items, 1)
		// Nothing went to the outbox.
		events, err := db.Events(ctx, s.admin, avenir.PageRequest{Limit: avenir.MaxPageSize})
		require.NoError(t, err)
		for _, e := range events.Items {
			assert.NotContains(t, string(e.Payload), secret)
			assert.False(t, strings.HasPrefix(e.Type, "conversation"), e.Type)
		}
	})
}

func TestConversationFlow(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		h := &hook{}
		s := newSocial(t, db, func(c *network.SocialConfig) { c.OnMessage = h.on })
		conv := network.NewConversations(db.Conversations(), s.cfg)
		a, b, c := s.member(t), s.member(t), s.member(t)
		g, _, err := conv.Start(ctx, a, network.ConversationDraft{With: []avenir.ID{b.ID}, Title: "Tractage", Body: "Qui vient **samedi** ? <script>alert(1)</script>"})
		require.NoError(t, err)
		for i := range 4 {
			s.tick()
			_, err := conv.Send(ctx, b, g.ID, fmt.Sprintf("Message %d", i))
			require.NoError(t, err)
		}
		// The hook hears of each message, with no body.
		notices := h.all()
		require.Len(t, notices, 5)
		assert.Equal(t, []avenir.ID{a.ID}, notices[4].Recipients)
		assert.Equal(t, b.ID, notices[4].Author)

		n, err := conv.Unread(ctx, a)
		require.NoError(t, err)
		assert.Equal(t, 4, n)
		n, err = conv.Unread(ctx, b)
		require.NoError(t, err)
		assert.Zero(t, n, "one's own messages are read")

		// Messages, newest first, by keyset pages.
		var seqs []int
		page := avenir.PageRequest{Limit: 2}
		for {
			p, err := conv.Messages(ctx, a, g.ID, page)
			require.NoError(t, err)
			for _, m := range p.Items {
				seqs = append(seqs, m.Seq)
			}
			if p.Next == "" {
				break
			}
			page.After = p.Next
		}
		assert.Equal(t, []int{5, 4, 3, 2, 1}, seqs)
		first, err := conv.Messages(ctx, a, g.ID, avenir.PageRequest{After: avenir.EncodeCursor("network.messages", 2)})
		require.NoError(t, err)
		require.Len(t, first.Items, 1)
		assert.Contains(t, string(first.Items[0].HTML), "<strong>samedi</strong>")
		assert.NotContains(t, string(first.Items[0].HTML), "<script")
		assert.NotEmpty(t, first.Items[0].AuthorName)

		require.NoError(t, conv.MarkRead(ctx, a, g.ID))
		n, err = conv.Unread(ctx, a)
		require.NoError(t, err)
		assert.Zero(t, n)

		// A newcomer reads from their arrival on.
		_, err = conv.Add(ctx, b, g.ID, []avenir.ID{c.ID})
		require.NoError(t, err)
		msgs, err := conv.Messages(ctx, c, g.ID, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Empty(t, msgs.Items)
		_, err = conv.Send(ctx, a, g.ID, "Bienvenue")
		require.NoError(t, err)
		msgs, err = conv.Messages(ctx, c, g.ID, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, msgs.Items, 1)
		assert.Equal(t, "Bienvenue", msgs.Items[0].Body)
		n, err = conv.Unread(ctx, c)
		require.NoError(t, err)
		assert.Equal(t, 1, n)

		// Adding a blocked member, or to a one-to-one, is refused.
		d := s.member(t)
		require.NoError(t, s.follows.Block(ctx, d, b.ID))
		_, err = conv.Add(ctx, b, g.ID, []avenir.ID{d.ID})
		requireSocialCode(t, err, avenir.CodeInvalid)
		direct, _, err := conv.Start(ctx, a, network.ConversationDraft{With: []avenir.ID{b.ID}, Body: "En privé"})
		require.NoError(t, err)
		_, err = conv.Add(ctx, a, direct.ID, []avenir.ID{c.ID})
		requireSocialCode(t, err, avenir.CodeConflict)

		// A block stops a one-to-one.
		require.NoError(t, s.follows.Block(ctx, b, a.ID))
		_, err = conv.Send(ctx, a, direct.ID, "Tu es là ?")
		requireSocialCode(t, err, avenir.CodeForbidden)

		// Leaving: the conversation leaves the inbox and reads no more.
		require.NoError(t, conv.Leave(ctx, c, g.ID))
		_, err = conv.Messages(ctx, c, g.ID, avenir.PageRequest{})
		requireSocialCode(t, err, avenir.CodeNotFound)
		inbox, err := conv.Inbox(ctx, c, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Empty(t, inbox.Items)
	})
}

// TestConversationLapsed: a member who lapses keeps reading their
// conversations but no longer writes nor starts one.
func TestConversationLapsed(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		conv := network.NewConversations(db.Conversations(), s.cfg)
		a, b := s.member(t), s.member(t)
		c, _, err := conv.Start(ctx, a, network.ConversationDraft{With: []avenir.ID{b.ID}, Body: "Bonjour"})
		require.NoError(t, err)
		lapsed := b
		lapsed.Status = avenir.StatusLapsed

		inbox, err := conv.Inbox(ctx, lapsed, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Len(t, inbox.Items, 1)
		msgs, err := conv.Messages(ctx, lapsed, c.ID, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Len(t, msgs.Items, 1)
		_, err = conv.Send(ctx, lapsed, c.ID, "Je réponds")
		requireSocialCode(t, err, avenir.CodeForbidden)
		_, _, err = conv.Start(ctx, lapsed, network.ConversationDraft{With: []avenir.ID{a.ID}, Body: "Bonjour"})
		requireSocialCode(t, err, avenir.CodeForbidden)
	})
}

func TestConversationReport(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db, func(c *network.SocialConfig) { c.ReportContext = 2 })
		conv := network.NewConversations(db.Conversations(), s.cfg)
		a, b := s.member(t), s.member(t)
		c, _, err := conv.Start(ctx, a, network.ConversationDraft{With: []avenir.ID{b.ID}, Body: "Un"})
		require.NoError(t, err)
		var last network.Message
		for _, body := range []string{"Deux", "Trois", "Insulte"} {
			s.tick()
			last, err = conv.Send(ctx, b, c.ID, body)
			require.NoError(t, err)
		}
		s.tick()
		_, err = conv.Send(ctx, a, c.ID, "Après")
		require.NoError(t, err)

		_, err = conv.Report(ctx, a, last.ID, " ")
		requireSocialCode(t, err, avenir.CodeInvalid)
		_, err = conv.Report(ctx, a, avenir.NewID(), "Insultant")
		requireSocialCode(t, err, avenir.CodeNotFound)
		r, err := conv.Report(ctx, a, last.ID, "Insultant")
		require.NoError(t, err)
		_, err = conv.Report(ctx, a, last.ID, "Encore")
		requireSocialCode(t, err, avenir.CodeConflict)

		mod := s.moderator(t)
		for _, who := range []avenir.Actor{mod, s.admin} {
			page, err := conv.Reports(ctx, who, avenir.PageRequest{})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			got := page.Items[0]
			assert.Equal(t, r.ID, got.ID)
			var bodies []string
			for _, m := range got.Context {
				bodies = append(bodies, m.Body)
			}
			assert.Equal(t, []string{"Deux", "Trois", "Insulte"}, bodies, "the message and the two before it, and nothing after")
			// The conversation itself stays closed to them.
			_, err = conv.Messages(ctx, who, c.ID, avenir.PageRequest{})
			requireSocialCode(t, err, avenir.CodeNotFound)
		}
		_, err = conv.Reports(ctx, a, avenir.PageRequest{})
		requireSocialCode(t, err, avenir.CodeForbidden)
		_, err = conv.Reports(ctx, avenir.Anonymous, avenir.PageRequest{})
		requireSocialCode(t, err, avenir.CodeUnauthenticated)
	})
}

func TestConversationsPersonalData(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		conv := network.NewConversations(db.Conversations(), s.cfg)
		a, b := s.member(t), s.member(t)
		const secret = "Mon adresse est 12 rue Secrète"
		c, _, err := conv.Start(ctx, a, network.ConversationDraft{With: []avenir.ID{b.ID}, Body: secret})
		require.NoError(t, err)
		reply, err := conv.Send(ctx, b, c.ID, "Merci")
		require.NoError(t, err)
		_, err = conv.Report(ctx, b, reply.ID, "Pour tester")
		require.NoError(t, err)

		data, err := conv.ExportMember(ctx, a.ID)
		require.NoError(t, err)
		x := data.([]network.ConversationExport)
		require.Len(t, x, 1)
		require.Len(t, x[0].Messages, 1, "their own messages only")
		assert.Equal(t, secret, x[0].Messages[0].Body)
		assert.ElementsMatch(t, []avenir.ID{a.ID, b.ID}, x[0].Participants)
		assert.Equal(t, "conversations", conv.Section())

		require.NoError(t, db.InTx(ctx, func(ctx context.Context) error { return conv.EraseMember(ctx, a.ID) }))
		for _, table := range []string{"avenir_conversation_messages", "avenir_conversation_report_messages"} {
			var bodies []string
			require.NoError(t, db.Bun().NewSelect().TableExpr(table).ColumnExpr("body || html").Scan(ctx, &bodies))
			assert.NotContains(t, strings.Join(bodies, "\n"), "Secrète", table)
		}
		msgs, err := conv.Messages(ctx, b, c.ID, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, msgs.Items, 2, "the conversation keeps its shape")
		assert.True(t, msgs.Items[1].Erased)
		assert.Empty(t, msgs.Items[1].Body)
		assert.Equal(t, "Merci", msgs.Items[0].Body)
	})
}

// TestConversationConcurrentSends: messages sent at once each get their own
// sequence number, and the unread count is exact.
func TestConversationConcurrentSends(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		conv := network.NewConversations(db.Conversations(), s.cfg)
		a, b := s.member(t), s.member(t)
		c, _, err := conv.Start(ctx, a, network.ConversationDraft{With: []avenir.ID{b.ID}, Body: "Top départ"})
		require.NoError(t, err)
		const n = 8
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := conv.Send(ctx, b, c.ID, fmt.Sprintf("Message %d", i))
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		page, err := conv.Messages(ctx, a, c.ID, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, page.Items, n+1)
		for i, m := range page.Items {
			assert.Equal(t, n+1-i, m.Seq)
		}
		unread, err := conv.Unread(ctx, a)
		require.NoError(t, err)
		assert.Equal(t, n, unread)
	})
}

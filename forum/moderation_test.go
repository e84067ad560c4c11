package forum_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

const reasons = "Propos injurieux envers un autre membre."

// TestDueProcess is the story of the issue: three members flag a post and it
// disappears pending review; the moderator's decision and reasons reach the
// author, who appeals and gets a second moderator's answer; the log shows it
// all, without the content.
func TestDueProcess(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		pub := f.forum(t, "Écologie", avenir.Public)
		modGrant := avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(pub.ID)}
		author := f.person(t, "Auteur", avenir.StatusActive)
		other := f.person(t, "Autre", avenir.StatusActive)
		first := f.person(t, "Première modératrice", avenir.StatusActive, modGrant)
		second := f.person(t, "Second modérateur", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		th, _ := f.start(t, other, pub, "Le nucléaire", "Parlons-en calmement.")
		bad := f.reply(t, author, th, "Un propos injurieux.")

		// Flags: signed-in members, one each, not one's own.
		assert.Equal(t, avenir.CodeUnauthenticated, code(f.svc.Flag(ctx, avenir.Anonymous, bad.ID, forum.FlagInput{Reason: forum.ReasonHarassment})))
		assert.Equal(t, avenir.CodeForbidden, code(f.svc.Flag(ctx, author, bad.ID, forum.FlagInput{Reason: forum.ReasonSpam})))
		assert.Equal(t, avenir.CodeInvalid, code(f.svc.Flag(ctx, other, bad.ID, forum.FlagInput{Reason: "rude"})))
		assert.Equal(t, avenir.CodeInvalid, code(f.svc.Flag(ctx, other, bad.ID, forum.FlagInput{Reason: forum.ReasonSpam, Text: strings.Repeat("x", forum.MaxFlagText+1)})))
		assert.Zero(t, f.count(t, "avenir_forum_flags"), "bad flags change nothing")

		flaggers := []avenir.Actor{other, f.person(t, "F2", avenir.StatusSupporter), f.person(t, "F3", avenir.StatusActive)}
		for i, who := range flaggers {
			require.NoError(t, f.svc.Flag(ctx, who, bad.ID, forum.FlagInput{Reason: forum.ReasonHarassment, Text: "Insulte"}))
			if i == 0 {
				err := f.svc.Flag(ctx, who, bad.ID, forum.FlagInput{Reason: forum.ReasonSpam})
				assert.Equal(t, avenir.CodeConflict, code(err), "a second flag by the same member")
				assert.Equal(t, "Vous avez déjà signalé ce message.", avenir.Message(err, language.French))
			}
			_, err := f.svc.Post(ctx, avenir.Anonymous, bad.ID)
			if i < 2 {
				assert.NoError(t, err, "still visible after %d flags", i+1)
			} else {
				assert.Equal(t, avenir.CodeNotFound, code(err), "hidden after three flags")
			}
		}
		mine, err := f.svc.Post(ctx, author, bad.ID)
		require.NoError(t, err, "the author still sees their hidden post")
		assert.Equal(t, forum.Hidden, mine.State)
		assert.Equal(t, forum.HiddenByFlags, mine.HiddenBy)
		assert.Zero(t, mine.Flags, "flag counts are for moderators")
		got, err := f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.Zero(t, got.Replies, "a hidden reply is not counted")

		// The queue: per forum and network-wide, flags without their authors.
		_, err = f.svc.Queue(ctx, other, forum.QueueFilter{}, avenir.PageRequest{})
		assert.Equal(t, avenir.CodeForbidden, code(err))
		for _, qf := range []forum.QueueFilter{{Forum: pub.ID}, {}} {
			q, err := f.svc.Queue(ctx, first, qf, avenir.PageRequest{})
			require.NoError(t, err)
			require.Len(t, q.Items, 1)
			assert.Equal(t, bad.ID, q.Items[0].Post.ID)
			assert.Equal(t, 3, q.Items[0].Post.Flags)
			assert.Equal(t, "Le nucléaire", q.Items[0].ThreadTitle)
			require.Len(t, q.Items[0].Flags, 3)
			b, _ := json.Marshal(q.Items[0].Flags)
			for _, who := range flaggers {
				assert.NotContains(t, string(b), who.ID.String(), "who flagged is not shown")
			}
		}

		// The decision: reasons required, not on one's own post.
		for _, in := range []forum.DecisionInput{
			{Action: forum.ActionHide, Reason: forum.ReasonHarassment, Text: "Court"},
			{Action: forum.ActionHide, Reason: forum.ReasonNone, Text: reasons},
			{Action: forum.ActionKeep, Reason: forum.ReasonSpam, Text: reasons},
			{Action: "ban", Reason: forum.ReasonSpam, Text: reasons},
			{Action: forum.ActionSuspend, Reason: forum.ReasonHarassment, Text: reasons},
			{Action: forum.ActionSuspend, Reason: forum.ReasonHarassment, Text: reasons, Until: start.Add(400 * 24 * time.Hour)},
			{Action: forum.ActionHide, Reason: forum.ReasonHarassment, Text: reasons, Until: start.Add(time.Hour)},
		} {
			_, err := f.svc.Decide(ctx, first, bad.ID, in)
			assert.Equal(t, avenir.CodeInvalid, code(err), "%+v", in)
		}
		_, err = f.svc.Decide(ctx, other, bad.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonHarassment, Text: reasons})
		assert.Equal(t, avenir.CodeNotFound, code(err), "a member who is not a moderator does not see the hidden post")
		assert.Zero(t, f.count(t, "avenir_forum_decisions"), "bad decisions change nothing")

		f.clock.Advance(time.Hour)
		d, err := f.svc.Decide(ctx, first, bad.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonHarassment, Text: reasons})
		require.NoError(t, err)
		assert.Equal(t, forum.TargetPost, d.Target)
		assert.Equal(t, forum.RoleForumModerator, d.Role)
		q, err := f.svc.Queue(ctx, first, forum.QueueFilter{}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Empty(t, q.Items, "the decision settles the flags")

		// The author is told, by notice and in their decisions.
		sent := f.notices.all()
		require.Len(t, sent, 1)
		assert.Equal(t, author.ID, sent[0].Member)
		subject, text := sent[0].Message(language.French)
		assert.Equal(t, "Une décision de modération sur votre message", subject)
		assert.Contains(t, text, "modérateur du forum")
		assert.Contains(t, text, "harcèlement ou propos injurieux")
		assert.Contains(t, text, reasons)
		assert.Contains(t, text, "https://example.org/forums/decisions/"+d.ID.String())
		assert.NotContains(t, text, "Première modératrice", "moderators are shown by role")
		mineList, err := f.svc.Decisions(ctx, author, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, mineList.Items, 1)
		assert.Equal(t, reasons, mineList.Items[0].Text)
		assert.True(t, mineList.Items[0].Appealable())

		// The appeal: the author only, once.
		_, err = f.svc.Appeal(ctx, other, d.ID, "Je fais appel pour lui.")
		assert.Equal(t, avenir.CodeForbidden, code(err))
		assert.Equal(t, "Seul l’auteur du message peut faire appel.", avenir.Message(err, language.French))
		_, err = f.svc.Appeal(ctx, avenir.Anonymous, d.ID, "Je fais appel pour lui.")
		assert.Equal(t, avenir.CodeNotFound, code(err))
		_, err = f.svc.Appeal(ctx, author, d.ID, "Court")
		assert.Equal(t, avenir.CodeInvalid, code(err))
		_, err = f.svc.Appeal(ctx, author, d.ID, "C’était de l’ironie, relisez le fil.")
		require.NoError(t, err)
		_, err = f.svc.Appeal(ctx, author, d.ID, "Et j’insiste lourdement.")
		assert.Equal(t, avenir.CodeConflict, code(err), "once per decision")

		pending, err := f.svc.Appeals(ctx, second, forum.QueueFilter{}, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, pending.Items, 1)

		// A different moderator answers.
		answer := forum.AppealAnswer{Outcome: forum.Overturned, Text: "L’ironie est manifeste dans le contexte."}
		_, err = f.svc.DecideAppeal(ctx, first, d.ID, answer)
		assert.Equal(t, avenir.CodeForbidden, code(err), "not the moderator who decided")
		_, err = f.svc.DecideAppeal(ctx, other, d.ID, answer)
		assert.Equal(t, avenir.CodeForbidden, code(err))
		f.clock.Advance(time.Hour)
		d, err = f.svc.DecideAppeal(ctx, second, d.ID, answer)
		require.NoError(t, err)
		assert.Equal(t, forum.Overturned, d.Appeal.Outcome)
		assert.Equal(t, forum.RoleNetworkModerator, d.Appeal.Role)
		_, err = f.svc.DecideAppeal(ctx, second, d.ID, answer)
		assert.Equal(t, avenir.CodeConflict, code(err), "answered once")

		restored, err := f.svc.Post(ctx, avenir.Anonymous, bad.ID)
		require.NoError(t, err, "overturning restores the post")
		assert.Equal(t, forum.Published, restored.State)
		got, err = f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, got.Replies)
		sent = f.notices.all()
		require.Len(t, sent, 2)
		subject, text = sent[1].Message(language.French)
		assert.Equal(t, "La réponse à votre appel", subject)
		assert.Contains(t, text, "décision annulée")
		assert.Contains(t, text, answer.Text)

		// The log, for anyone who reads the forum: no content, no names.
		log, err := f.svc.Log(ctx, avenir.Anonymous, forum.LogFilter{}, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, log.Items, 1)
		e := log.Items[0]
		assert.Equal(t, forum.ActionHide, e.Action)
		assert.Equal(t, forum.TargetPost, e.Target)
		assert.Equal(t, forum.ReasonHarassment, e.Reason)
		assert.Equal(t, reasons, e.Text)
		assert.Equal(t, forum.RoleForumModerator, e.Role)
		assert.Equal(t, forum.Overturned, e.Outcome)
		assert.Equal(t, forum.RoleNetworkModerator, e.OutcomeRole)
		assert.Equal(t, "Écologie", e.ForumTitle)
		b, err := json.Marshal(log)
		require.NoError(t, err)
		for _, secret := range []string{"Un propos injurieux", "ironie, relisez", author.ID.String(), first.ID.String(), second.ID.String(), bad.ID.String()} {
			assert.NotContains(t, string(b), secret)
		}

		// The outbox carries the decisions for the forum's audience, with no
		// actor and no content.
		events, err := db.Events(ctx, avenir.Anonymous, avenir.PageRequest{Limit: avenir.MaxPageSize})
		require.NoError(t, err)
		var types []string
		for _, ev := range events.Items {
			types = append(types, ev.Type)
			assert.NotContains(t, string(ev.Payload), "propos injurieux")
			if strings.HasPrefix(ev.Type, "forum.decision") || ev.Type == "forum.appeal_decided" {
				assert.True(t, ev.Actor.IsZero(), "%s names no moderator", ev.Type)
			}
		}
		assert.Contains(t, types, "forum.decision_taken")
		assert.Contains(t, types, "forum.appeal_decided")
		assert.NotContains(t, types, "forum.post_hidden", "the moderators' events are theirs")
	})
}

func TestSuspensionAndLock(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		pub := f.forum(t, "Écologie", avenir.Public)
		elsewhere := f.forum(t, "Culture", avenir.Public)
		author := f.person(t, "Auteur", avenir.StatusActive)
		mod := f.person(t, "Modératrice", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.ForumScope(pub.ID)})
		th, first := f.start(t, author, pub, "Sujet", "Corps")

		_, err := f.svc.Decide(ctx, mod, first.ID, forum.DecisionInput{Action: forum.ActionLock, Reason: forum.ReasonOffTopic, Text: "Le débat a dérivé, on ferme."})
		require.NoError(t, err)
		got, err := f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.True(t, got.Locked)
		_, err = f.svc.Reply(ctx, author, th.ID, forum.Draft{Body: "Encore"})
		assert.Equal(t, avenir.CodeConflict, code(err))

		until := start.Add(7 * 24 * time.Hour)
		other, p := f.start(t, author, pub, "Autre", "Encore un propos déplacé.")
		d, err := f.svc.Decide(ctx, mod, p.ID, forum.DecisionInput{Action: forum.ActionSuspend, Reason: forum.ReasonHarassment, Text: reasons, Until: until})
		require.NoError(t, err)
		assert.Equal(t, forum.TargetThread, d.Target, "the first post stands for its thread")
		_, err = f.svc.Thread(ctx, avenir.Anonymous, other.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err), "the suspended author's thread is hidden")
		_, _, err = f.svc.Start(ctx, author, pub.ID, forum.Draft{Title: "Retour", Body: "Me revoilà"})
		assert.Equal(t, avenir.CodeForbidden, code(err))
		assert.Equal(t, "Vous êtes suspendu de ce forum jusqu’au 2026-12-01.", avenir.Message(err, language.French))
		_, _, err = f.svc.Start(ctx, author, elsewhere.ID, forum.Draft{Title: "Ailleurs", Body: "Ici je peux"})
		assert.NoError(t, err, "a suspension is from one forum")

		f.clock.Set(until.Add(time.Second))
		_, _, err = f.svc.Start(ctx, author, pub.ID, forum.Draft{Title: "Retour", Body: "Me revoilà"})
		assert.NoError(t, err, "the suspension has ended")
	})
}

func TestPremoderation(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db, func(c *forum.Config) { c.PremoderateFirstPosts = 1 })
		open := f.forum(t, "Écologie", avenir.Public)
		held := f.forum(t, "Propositions", avenir.Public, forum.PreModeration)
		mod := f.person(t, "Modératrice", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		newcomer := f.person(t, "Nouveau", avenir.StatusActive)

		// A new member's first post waits, then the next ones do not.
		th, p := f.start(t, newcomer, open, "Bonjour", "Premier message.")
		assert.Equal(t, forum.Pending, p.State)
		_, err := f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err), "a pending thread is not shown")
		mine, err := f.svc.Thread(ctx, newcomer, th.ID)
		require.NoError(t, err, "its author sees it")
		assert.Equal(t, forum.Pending, mine.State)
		_, err = f.svc.Reply(ctx, mod, th.ID, forum.Draft{Body: "Bienvenue"})
		assert.Equal(t, avenir.CodeConflict, code(err), "no replies before it is approved")
		list, err := f.svc.Threads(ctx, avenir.Anonymous, open.ID, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Empty(t, list.Items)

		q, err := f.svc.Queue(ctx, mod, forum.QueueFilter{Forum: open.ID}, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, q.Items, 1)
		_, err = f.svc.Approve(ctx, newcomer, p.ID)
		assert.Equal(t, avenir.CodeForbidden, code(err))
		approved, err := f.svc.Approve(ctx, mod, p.ID)
		require.NoError(t, err)
		assert.Equal(t, forum.Published, approved.State)
		_, err = f.svc.Approve(ctx, mod, p.ID)
		assert.Equal(t, avenir.CodeConflict, code(err))
		_, err = f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.Equal(t, forum.Published, f.reply(t, newcomer, th, "Merci !").State)

		// In a pre-moderated forum every post waits, but a moderator's.
		_, p2 := f.start(t, newcomer, held, "Idée", "Une proposition.")
		assert.Equal(t, forum.Pending, p2.State)
		_, p3 := f.start(t, mod, held, "Règles", "Lisez la charte.")
		assert.Equal(t, forum.Published, p3.State)
		d, err := f.svc.Decide(ctx, mod, p2.ID, forum.DecisionInput{Action: forum.ActionDelete, Reason: forum.ReasonOffTopic, Text: "Hors du champ de ce forum."})
		require.NoError(t, err, "refusing a post is a decision")
		assert.Equal(t, forum.ActionDelete, d.Action)
		q, err = f.svc.Queue(ctx, mod, forum.QueueFilter{}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Empty(t, q.Items)
	})
}

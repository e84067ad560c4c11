package network_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/membership/membershiptest"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// notifyFixture is a forum, the membership service, the notifications and
// a relay on a fresh database.
type notifyFixture struct {
	db      *storage.DB
	clock   *avenir.ManualClock
	members *membership.Service
	forums  *forum.Service
	notes   *network.Notifications
	relay   *network.Relay
	mail    *membershiptest.Mailbox
	admin   avenir.Actor
}

func newNotifyFixture(t *testing.T, db *storage.DB) *notifyFixture {
	t.Helper()
	f := &notifyFixture{db: db, clock: avenir.NewManualClock(relayStart), mail: &membershiptest.Mailbox{}}
	f.members = membership.NewService(db.Members(), membership.Config{Clock: f.clock,
		Purposes: append(membership.DefaultPurposes(), network.NotificationsPurpose)})
	f.forums = forum.NewService(db.Forums(), forum.Config{Clock: f.clock})
	f.notes = network.NewNotifications(db.Notifications(), network.NotificationsConfig{
		Clock: f.clock, Mailer: f.mail, BaseURL: "https://example.org", Location: time.UTC,
		People: network.MembershipPeople(f.members, db.Members()),
		Routes: network.DefaultRoutes(network.Sources{Forums: db.Forums(), Solidarity: db.Solidarity()}),
	})
	f.relay = network.NewRelay(db.Relay(), network.RelayConfig{Clock: f.clock})
	require.NoError(t, f.relay.Register(network.ConsumerName, f.notes))
	f.admin = f.person(t, "admin", avenir.StatusActive)
	_, err := f.members.BootstrapAdmin(context.Background(), f.admin.ID)
	require.NoError(t, err)
	f.admin.Grants = []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}
	return f
}

// person stores a member with the address name@example.org.
func (f *notifyFixture) person(t *testing.T, name string, status avenir.Status) avenir.Actor {
	t.Helper()
	now := f.clock.Now()
	m := membership.Member{ID: avenir.NewID(), Email: name + "@example.org", Status: status,
		Profile: membership.Profile{DisplayName: name, Language: "en"}, CreatedAt: now, UpdatedAt: now}
	require.NoError(t, f.db.Members().CreateMember(context.Background(), m))
	return avenir.Actor{ID: m.ID, Status: status}
}

func (f *notifyFixture) consent(t *testing.T, a avenir.Actor) {
	t.Helper()
	_, err := f.members.SetConsent(context.Background(), a, network.ConsentNotifications, true, membership.SourceForm)
	require.NoError(t, err)
}

func (f *notifyFixture) run(t *testing.T) {
	t.Helper()
	_, err := f.relay.RunOnce(context.Background())
	require.NoError(t, err)
}

func (f *notifyFixture) list(t *testing.T, a avenir.Actor) []network.Notification {
	t.Helper()
	p, err := f.notes.List(context.Background(), a, false, avenir.PageRequest{Limit: avenir.MaxPageSize})
	require.NoError(t, err)
	return p.Items
}

func TestNotificationsOfAReply(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newNotifyFixture(t, db)
		author := f.person(t, "author", avenir.StatusActive)   // starts the thread: watches it; email, consented
		watcher := f.person(t, "watcher", avenir.StatusActive) // email chosen, no consent: in the app only
		quiet := f.person(t, "quiet", avenir.StatusActive)     // turned replies off
		later := f.person(t, "later", avenir.StatusActive)     // suspended before the reply
		replier := f.person(t, "replier", avenir.StatusActive) // watches, but wrote the reply
		fo, err := f.forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Écologie", Audience: avenir.Members})
		require.NoError(t, err)
		th, _, err := f.forums.Start(ctx, author, fo.ID, forum.Draft{Title: "Le rail", Body: "Rouvrons les petites lignes."})
		require.NoError(t, err)
		for _, a := range []avenir.Actor{watcher, quiet, later, replier} {
			require.NoError(t, f.forums.Watch(ctx, a, th.ID))
		}
		f.consent(t, author)
		require.NoError(t, f.notes.SetPreference(ctx, author, network.KindReply, network.ChannelEmail))
		require.NoError(t, f.notes.SetPreference(ctx, watcher, network.KindReply, network.ChannelEmail))
		require.NoError(t, f.notes.SetPreference(ctx, quiet, network.KindReply, network.ChannelOff))
		m, err := db.Members().Member(ctx, later.ID)
		require.NoError(t, err)
		m.Status = avenir.StatusSuspended
		require.NoError(t, db.Members().UpdateMember(ctx, m))
		f.run(t) // the thread's start concerns nobody

		reply, err := f.forums.Reply(ctx, replier, th.ID, forum.Draft{Body: "Et les trains de nuit."})
		require.NoError(t, err)
		f.run(t)
		f.run(t)

		got := f.list(t, author)
		require.Len(t, got, 1)
		assert.Equal(t, network.KindReply, got[0].Kind)
		assert.Equal(t, reply.ID, got[0].Subject)
		assert.Equal(t, network.MailSent, got[0].Mail)
		mails := f.mail.To("author@example.org")
		require.Len(t, mails, 1, "one mail, though the relay ran twice")
		assert.Contains(t, mails[0].Text, "https://example.org/notifications")

		require.Len(t, f.list(t, watcher), 1)
		assert.Empty(t, f.mail.To("watcher@example.org"), "no consent, no mail")
		assert.Empty(t, f.list(t, quiet))
		assert.Empty(t, f.list(t, replier), "not for one's own reply")
		laterNow := later
		laterNow.Status = avenir.StatusSuspended
		assert.Empty(t, f.list(t, laterNow), "not for what one may no longer see")

		// The same event offered again (the relay is at least once) adds
		// nothing.
		e := avenir.Event{ID: got[0].Event, Type: "forum.post_replied", Subject: reply.ID, Actor: replier.ID,
			Audience: avenir.Members, Payload: got[0].Payload, OccurredAt: f.clock.Now()}
		require.NoError(t, f.notes.Consume(ctx, e))
		assert.Len(t, f.list(t, author), 1)
		assert.Len(t, f.mail.To("author@example.org"), 1)

		// Read at the time of reading: once the author is no longer in good
		// standing, the members-only notification is not shown.
		lapsed := author
		lapsed.Status = avenir.StatusLapsed
		assert.Empty(t, f.list(t, lapsed))
		n, err := f.notes.UnreadCount(ctx, lapsed)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

func TestNotificationsReadAndPages(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newNotifyFixture(t, db)
		author := f.person(t, "author", avenir.StatusActive)
		other := f.person(t, "other", avenir.StatusActive)
		fo, err := f.forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Santé", Audience: avenir.Public})
		require.NoError(t, err)
		th, _, err := f.forums.Start(ctx, author, fo.ID, forum.Draft{Title: "Hôpitaux", Body: "Des lits."})
		require.NoError(t, err)
		for i := range 5 {
			f.clock.Advance(time.Minute)
			_, err := f.forums.Reply(ctx, other, th.ID, forum.Draft{Body: "Réponse " + strings.Repeat("!", i+1)})
			require.NoError(t, err)
		}
		f.run(t)

		var all []network.Notification
		page := avenir.PageRequest{Limit: 2}
		for range 3 {
			p, err := f.notes.List(ctx, author, false, page)
			require.NoError(t, err)
			all = append(all, p.Items...)
			page.After = p.Next
		}
		require.Len(t, all, 5)
		assert.Empty(t, page.After)
		for i := 1; i < len(all); i++ {
			assert.Greater(t, all[i-1].ID.String(), all[i].ID.String(), "newest first")
		}
		n, err := f.notes.UnreadCount(ctx, author)
		require.NoError(t, err)
		assert.Equal(t, 5, n)

		require.NoError(t, f.notes.MarkRead(ctx, author, all[0].ID))
		require.NoError(t, f.notes.MarkRead(ctx, author, all[0].ID), "again: no change")
		assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(f.notes.MarkRead(ctx, other, all[1].ID)), "someone else's")
		unread, err := f.notes.List(ctx, author, true, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Len(t, unread.Items, 4)
		marked, err := f.notes.MarkAllRead(ctx, author)
		require.NoError(t, err)
		assert.Equal(t, 4, marked)
		n, err = f.notes.UnreadCount(ctx, author)
		require.NoError(t, err)
		assert.Zero(t, n)

		_, err = f.notes.List(ctx, avenir.Anonymous, false, avenir.PageRequest{})
		assert.Equal(t, avenir.CodeUnauthenticated, avenir.ErrorCode(err))
		_, err = f.notes.List(ctx, author, false, avenir.PageRequest{After: "garbage"})
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
		for _, bad := range []struct {
			kind network.Kind
			ch   network.Channel
		}{{"nonsense", network.ChannelEmail}, {network.KindReply, "pigeon"}} {
			err := f.notes.SetPreference(ctx, author, bad.kind, bad.ch)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
		}
		prefs, err := f.notes.Preferences(ctx, author)
		require.NoError(t, err)
		assert.Equal(t, network.ChannelInApp, prefs[network.KindReply], "the default")
	})
}

func TestNotificationOfAModerationDecision(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newNotifyFixture(t, db)
		author := f.person(t, "author", avenir.StatusActive)
		fo, err := f.forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Culture", Audience: avenir.Public})
		require.NoError(t, err)
		_, post, err := f.forums.Start(ctx, author, fo.ID, forum.Draft{Title: "Cinéma", Body: "Achetez ma montre."})
		require.NoError(t, err)
		d, err := f.forums.Decide(ctx, f.admin, post.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonSpam, Text: "Publicité."})
		require.NoError(t, err)
		f.run(t)
		got := f.list(t, author)
		require.Len(t, got, 1)
		assert.Equal(t, network.KindModeration, got[0].Kind)
		assert.Equal(t, d.ID, got[0].Subject)
		assert.Empty(t, f.list(t, f.admin), "the moderator is not told of their own decision")
	})
}

func TestDigest(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newNotifyFixture(t, db)
		author := f.person(t, "author", avenir.StatusActive)
		other := f.person(t, "other", avenir.StatusActive)
		unconsented := f.person(t, "unconsented", avenir.StatusActive)
		f.consent(t, author)
		for _, a := range []avenir.Actor{author, unconsented} {
			require.NoError(t, f.notes.SetPreference(ctx, a, network.KindReply, network.ChannelDigest))
		}
		fo, err := f.forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Travail", Audience: avenir.Public})
		require.NoError(t, err)
		th, _, err := f.forums.Start(ctx, author, fo.ID, forum.Draft{Title: "32 heures", Body: "Pour."})
		require.NoError(t, err)
		require.NoError(t, f.forums.Watch(ctx, unconsented, th.ID))
		for range 3 {
			_, err := f.forums.Reply(ctx, other, th.ID, forum.Draft{Body: "Contre."})
			require.NoError(t, err)
		}
		f.run(t)
		assert.Empty(t, f.mail.To("author@example.org"), "nothing at once")

		// Two servers run the job at once: one mail.
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				_, err := f.notes.Digest(ctx)
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		mails := f.mail.To("author@example.org")
		require.Len(t, mails, 1)
		assert.Contains(t, mails[0].Subject, "3")
		assert.Equal(t, 3, strings.Count(mails[0].Text, "- "))
		assert.Empty(t, f.mail.To("unconsented@example.org"))

		// A reply later the same day waits for tomorrow's digest.
		_, err = f.forums.Reply(ctx, other, th.ID, forum.Draft{Body: "Encore."})
		require.NoError(t, err)
		f.run(t)
		sent, err := f.notes.Digest(ctx)
		require.NoError(t, err)
		assert.Zero(t, sent)
		f.clock.Advance(24 * time.Hour)
		sent, err = f.notes.Digest(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, sent)
		assert.Len(t, f.mail.To("author@example.org"), 2)
	})
}

func TestNotificationsExportAndErase(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newNotifyFixture(t, db)
		author := f.person(t, "author", avenir.StatusActive)
		other := f.person(t, "other", avenir.StatusActive)
		fo, err := f.forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Logement", Audience: avenir.Public})
		require.NoError(t, err)
		th, _, err := f.forums.Start(ctx, author, fo.ID, forum.Draft{Title: "Loyers", Body: "Encadrement."})
		require.NoError(t, err)
		require.NoError(t, f.forums.Watch(ctx, other, th.ID))
		_, err = f.forums.Reply(ctx, other, th.ID, forum.Draft{Body: "Oui."})
		require.NoError(t, err)
		_, err = f.forums.Reply(ctx, author, th.ID, forum.Draft{Body: "Merci."})
		require.NoError(t, err)
		require.NoError(t, f.notes.SetPreference(ctx, author, network.KindReply, network.ChannelDigest))
		f.run(t)

		x, err := f.notes.ExportMember(ctx, author.ID)
		require.NoError(t, err)
		export := x.(network.NotificationsExport)
		assert.Len(t, export.Notifications, 1)
		assert.Equal(t, network.ChannelDigest, export.Preferences[network.KindReply])

		require.NoError(t, db.InTx(ctx, func(ctx context.Context) error { return f.notes.EraseMember(ctx, author.ID) }))
		x, err = f.notes.ExportMember(ctx, author.ID)
		require.NoError(t, err)
		assert.Empty(t, x.(network.NotificationsExport).Notifications)
		assert.Empty(t, x.(network.NotificationsExport).Preferences)
		others := f.list(t, other)
		require.Len(t, others, 1)
		assert.True(t, others[0].Actor.IsZero(), "the erased member is no longer named as the actor")
	})
}

// actions is a solidarity source with one action.
type actions struct{ a solidarity.Action }

func (s actions) Action(_ context.Context, id avenir.ID) (solidarity.Action, error) {
	if id != s.a.ID {
		return solidarity.Action{}, avenir.ErrNotFound
	}
	return s.a, nil
}

func TestNotificationOfAVolunteerSignUp(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newNotifyFixture(t, db)
		organiser := f.person(t, "organiser", avenir.StatusActive)
		action := solidarity.Action{ID: avenir.NewID(), Author: organiser.ID, Title: "Maraude"}
		notes := network.NewNotifications(db.Notifications(), network.NotificationsConfig{Clock: f.clock,
			People: network.MembershipPeople(f.members, db.Members()),
			Routes: network.DefaultRoutes(network.Sources{Forums: db.Forums(), Solidarity: actions{action}})})
		signUp, err := avenir.NewEvent(f.clock, "solidarity.volunteer_signed_up", avenir.ID{}, action.ID, avenir.Members,
			map[string]any{"title": action.Title})
		require.NoError(t, err)
		require.NoError(t, notes.Consume(ctx, signUp))
		gone, err := avenir.NewEvent(f.clock, "solidarity.volunteer_signed_up", avenir.ID{}, avenir.NewID(), avenir.Members, nil)
		require.NoError(t, err)
		require.NoError(t, notes.Consume(ctx, gone), "an action since deleted: nobody to tell")

		p, err := notes.List(ctx, organiser, false, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, p.Items, 1)
		assert.Equal(t, network.KindVolunteer, p.Items[0].Kind)
		assert.Equal(t, `Quelqu’un propose son aide pour « Maraude ».`, p.Items[0].Headline(language.French))
	})
}

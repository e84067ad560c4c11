package network_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// feedOf reads a whole feed, page by page, and returns its events' types
// and subjects as "type subject" strings.
func feedOf(t *testing.T, feed *network.Feed, actor avenir.Actor, limit int) []avenir.Event {
	t.Helper()
	all, err := avenir.Collect(avenir.PageRequest{Limit: limit}, func(page avenir.PageRequest) (avenir.Page[avenir.Event], error) {
		return feed.Page(context.Background(), actor, page)
	})
	require.NoError(t, err)
	return all
}

func subjects(events []avenir.Event) []avenir.ID {
	out := make([]avenir.ID, len(events))
	for i, e := range events {
		out[i] = e.Subject
	}
	return out
}

func TestFeedSources(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		feed := network.NewFeed(db.Feed(), s.cfg)
		reader := s.member(t)
		reader.Committees = []avenir.ID{s.lyon.ID}
		friend, stranger := s.member(t), s.member(t)
		animator := s.person(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(s.lyon.ID)})
		follow := func(kind network.FollowKind, id avenir.ID) {
			require.NoError(t, s.follows.Follow(ctx, reader, network.Target{Kind: kind, ID: id}))
		}
		open := s.forum(t, "Écologie", avenir.Public)
		other := s.forum(t, "Culture", avenir.Public)
		followedForum := s.forum(t, "Logement", avenir.Members)
		follow(network.FollowMember, friend.ID)
		follow(network.FollowForum, followedForum.ID)

		// A followed member's thread; a stranger's thread in a followed
		// forum; a stranger's reply in a watched thread; a stranger's
		// thread elsewhere (absent).
		byFriend, _, err := s.forums.Start(ctx, friend, open.ID, forum.Draft{Title: "Le rail", Body: "Des trains."})
		require.NoError(t, err)
		inForum, _, err := s.forums.Start(ctx, stranger, followedForum.ID, forum.Draft{Title: "Loyers", Body: "Encadrer."})
		require.NoError(t, err)
		watched, _, err := s.forums.Start(ctx, stranger, other.ID, forum.Draft{Title: "Cinéma", Body: "Le festival."})
		require.NoError(t, err)
		follow(network.FollowThread, watched.ID)
		reply, err := s.forums.Reply(ctx, stranger, watched.ID, forum.Draft{Body: "J’y serai."})
		require.NoError(t, err)
		// The reader's own reply stays out of their feed.
		_, err = s.forums.Reply(ctx, reader, watched.ID, forum.Draft{Body: "Moi aussi."})
		require.NoError(t, err)

		// A field event of the reader's committee.
		meeting, err := s.committees.CreateEvent(ctx, animator, committee.EventDraft{
			Kind: committee.Meeting, Committee: s.lyon.ID, Title: "Réunion publique",
			StartsAt: socialStart.Add(48 * time.Hour), EndsAt: socialStart.Add(50 * time.Hour), TimeZone: "Europe/Paris",
			Venue: committee.Venue{Address: "12 rue Paul Bert", Commune: "69383"}, Audience: avenir.Public,
		})
		require.NoError(t, err)

		// A followed action, published by an admin, started by its author.
		act := s.action(t, stranger, "Déménagement", nil)
		follow(network.FollowAction, act.ID)
		_, err = s.solidarity.Start(ctx, stranger, act.ID)
		require.NoError(t, err)

		// The followed member's own request for help, published and under
		// way: not in the feed of someone who follows them but not the
		// action (asking for help is theirs to share).
		own := s.action(t, friend, "Courses pour ma mère", nil)
		_, err = s.solidarity.Start(ctx, friend, own.ID)
		require.NoError(t, err)

		// A membership event about the followed member, recorded as the
		// membership package does (moderators' audience): never in a feed,
		// an admin's included.
		e, err := avenir.NewEvent(s.clock, "member.status_changed", friend.ID, friend.ID, avenir.Moderators, map[string]string{"to": "lapsed"})
		require.NoError(t, err)
		require.NoError(t, db.Record(ctx, e))

		got := feedOf(t, feed, reader, 3)
		var types []string
		for _, e := range got {
			types = append(types, e.Type)
		}
		assert.Equal(t, []string{
			"solidarity.action_in_progress", "solidarity.action_published", "event.published",
			"forum.post_replied", "forum.thread_started", "forum.thread_started", "forum.thread_started",
			"committee.created",
		}, types, "newest first, each once")
		assert.Equal(t, []avenir.ID{act.ID, act.ID, meeting.ID, reply.ID, watched.ID, inForum.ID, byFriend.ID, s.lyon.ID}, subjects(got))
		for _, e := range got[:2] {
			assert.True(t, e.Actor.IsZero(), "an action's events do not say who runs or validated it")
		}

		// An admin who follows the same member sees their thread, never
		// their membership events.
		require.NoError(t, s.follows.Follow(ctx, s.admin, network.Target{Kind: network.FollowMember, ID: friend.ID}))
		for _, e := range feedOf(t, feed, s.admin, 50) {
			assert.NotEqual(t, "member.status_changed", e.Type)
		}

		// Only members in good standing have a feed.
		for _, who := range []struct {
			actor avenir.Actor
			want  avenir.Code
		}{
			{avenir.Anonymous, avenir.CodeUnauthenticated},
			{s.person(t, avenir.StatusSupporter), avenir.CodeForbidden},
			{s.person(t, avenir.StatusLapsed), avenir.CodeForbidden},
		} {
			_, err := feed.Page(ctx, who.actor, avenir.PageRequest{})
			requireSocialCode(t, err, who.want)
		}
		_, err = feed.Page(ctx, reader, avenir.PageRequest{After: "garbage"})
		requireSocialCode(t, err, avenir.CodeInvalid)
	})
}

// TestFeedReadTime: the feed shows what the reader may see when they read
// it, not when the event was recorded.
func TestFeedReadTime(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		feed := network.NewFeed(db.Feed(), s.cfg)
		reader, author := s.member(t), s.member(t)
		require.NoError(t, s.follows.Follow(ctx, reader, network.Target{Kind: network.FollowMember, ID: author.ID}))
		open := s.forum(t, "Écologie", avenir.Public)
		moved := s.forum(t, "Stratégie", avenir.Public)
		mods := s.forum(t, "Modération", avenir.Moderators)

		th, _, err := s.forums.Start(ctx, author, open.ID, forum.Draft{Title: "Le rail", Body: "Des trains."})
		require.NoError(t, err)
		reply, err := s.forums.Reply(ctx, author, th.ID, forum.Draft{Body: "Et des vélos."})
		require.NoError(t, err)
		secret, _, err := s.forums.Start(ctx, author, moved.ID, forum.Draft{Title: "Le plan", Body: "Pour plus tard."})
		require.NoError(t, err)
		modAuthor := author
		modAuthor.Grants = []avenir.Grant{{Role: avenir.RoleModerator, Scope: avenir.ForumScope(mods.ID)}}
		_, _, err = s.forums.Start(ctx, modAuthor, mods.ID, forum.Draft{Title: "Entre nous", Body: "Modération."})
		require.NoError(t, err)

		assert.ElementsMatch(t, []avenir.ID{th.ID, reply.ID, secret.ID}, subjects(feedOf(t, feed, reader, 10)),
			"the moderators' forum is not the reader's")

		// The reply is hidden; the forum of the second thread becomes a
		// committee's the reader is not in.
		_, err = s.forums.Decide(ctx, s.admin, reply.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonSpam, Text: "Publicité."})
		require.NoError(t, err)
		_, err = s.forums.UpdateForum(ctx, s.admin, moved.ID, forum.ForumInput{Title: moved.Title, Slug: moved.Slug, Audience: avenir.CommitteeAudience(s.lyon.ID)})
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{th.ID}, subjects(feedOf(t, feed, reader, 10)))
		// A member of that committee still sees it.
		insider := s.member(t)
		insider.Committees = []avenir.ID{s.lyon.ID}
		require.NoError(t, s.follows.Follow(ctx, insider, network.Target{Kind: network.FollowMember, ID: author.ID}))
		assert.ElementsMatch(t, []avenir.ID{th.ID, secret.ID, s.lyon.ID}, subjects(feedOf(t, feed, insider, 10)),
			"with the creation of their committee")

		// A block removes the member's activity from the feed, both ways.
		require.NoError(t, s.follows.Block(ctx, author, insider.ID))
		assert.Equal(t, []avenir.ID{s.lyon.ID}, subjects(feedOf(t, feed, insider, 10)))
	})
}

// TestFeedMembersOnly: what only members may read reaches no one else, and
// what a committee's members may read reaches no other member.
func TestFeedMembersOnly(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		feed := network.NewFeed(db.Feed(), s.cfg)
		author := s.member(t)
		author.Committees = []avenir.ID{s.lyon.ID}
		lyonForum := s.forum(t, "Lyon", avenir.CommitteeAudience(s.lyon.ID))
		membersForum := s.forum(t, "Adhérents", avenir.Members)
		_, _, err := s.forums.Start(ctx, author, lyonForum.ID, forum.Draft{Title: "Local", Body: "Réunion."})
		require.NoError(t, err)
		all, _, err := s.forums.Start(ctx, author, membersForum.ID, forum.Draft{Title: "National", Body: "Congrès."})
		require.NoError(t, err)

		outsider := s.member(t)
		require.NoError(t, s.follows.Follow(ctx, outsider, network.Target{Kind: network.FollowMember, ID: author.ID}))
		assert.Equal(t, []avenir.ID{all.ID}, subjects(feedOf(t, feed, outsider, 10)))

		// The same member, lapsed: no feed at all.
		lapsed := outsider
		lapsed.Status = avenir.StatusLapsed
		_, err = feed.Page(ctx, lapsed, avenir.PageRequest{})
		requireSocialCode(t, err, avenir.CodeForbidden)
	})
}

// TestFeedPagination: pages follow each other without a gap or a repeat,
// while new events arrive and while the re-check drops some.
func TestFeedPagination(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		feed := network.NewFeed(db.Feed(), s.cfg)
		reader, author := s.member(t), s.member(t)
		require.NoError(t, s.follows.Follow(ctx, reader, network.Target{Kind: network.FollowMember, ID: author.ID}))
		fo := s.forum(t, "Écologie", avenir.Public)
		th, _, err := s.forums.Start(ctx, author, fo.ID, forum.Draft{Title: "Le rail", Body: "Des trains."})
		require.NoError(t, err)
		want := []avenir.ID{th.ID}
		for i := range 12 {
			s.tick()
			p, err := s.forums.Reply(ctx, author, th.ID, forum.Draft{Body: "Réponse"})
			require.NoError(t, err)
			if i%3 == 0 {
				_, err = s.forums.Decide(ctx, s.admin, p.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonSpam, Text: "Publicité déguisée."})
				require.NoError(t, err)
				continue
			}
			want = append([]avenir.ID{p.ID}, want...)
		}

		var got []avenir.ID
		page := avenir.PageRequest{Limit: 2}
		for i := 0; ; i++ {
			require.Less(t, i, 30)
			p, err := feed.Page(ctx, reader, page)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(p.Items), 2)
			got = append(got, subjects(p.Items)...)
			if i == 1 {
				// New activity between two pages shows on a fresh first
				// page, not in the middle of this reading.
				_, err := s.forums.Reply(ctx, author, th.ID, forum.Draft{Body: "Nouvelle"})
				require.NoError(t, err)
			}
			if p.Next == "" {
				break
			}
			page.After = p.Next
		}
		assert.Equal(t, want, got)
	})
}

package network_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestFollow(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		me := s.member(t)
		other := s.member(t)
		supporter := s.person(t, avenir.StatusSupporter)
		lapsed := s.person(t, avenir.StatusLapsed)
		blocker := s.member(t)
		blocked := s.member(t)
		private := s.member(t)
		require.NoError(t, s.follows.Block(ctx, blocker, me.ID))
		require.NoError(t, s.follows.Block(ctx, me, blocked.ID))
		require.NoError(t, s.follows.SetPolicy(ctx, private, network.FollowNobody))

		open := s.forum(t, "Écologie", avenir.Members)
		mods := s.forum(t, "Modération", avenir.Moderators)
		th, _, err := s.forums.Start(ctx, other, open.ID, forum.Draft{Title: "Le rail", Body: "Des trains."})
		require.NoError(t, err)
		act := s.action(t, other, "Courses", nil)
		hidden := s.action(t, other, "Entre adhérents", &avenir.Audience{Kind: avenir.AudienceCommittee, Scope: s.national.ID})

		member := func(a avenir.Actor) network.Target { return network.Target{Kind: network.FollowMember, ID: a.ID} }
		tests := []struct {
			name   string
			actor  avenir.Actor
			target network.Target
			want   avenir.Code
		}{
			{"a member follows a member", me, member(other), ""},
			{"again changes nothing", me, member(other), ""},
			{"a visitor", avenir.Anonymous, member(other), avenir.CodeUnauthenticated},
			{"a supporter", supporter, member(other), avenir.CodeForbidden},
			{"a lapsed member", lapsed, member(other), avenir.CodeForbidden},
			{"oneself", me, member(me), avenir.CodeInvalid},
			{"a supporter is not followable", me, member(supporter), avenir.CodeNotFound},
			{"nobody", me, network.Target{Kind: network.FollowMember, ID: avenir.NewID()}, avenir.CodeNotFound},
			{"who blocks me", me, member(blocker), avenir.CodeNotFound},
			{"whom I block", me, member(blocked), avenir.CodeNotFound},
			{"who refuses followers", me, member(private), avenir.CodeForbidden},
			{"a members' forum", me, network.Target{Kind: network.FollowForum, ID: open.ID}, ""},
			{"a moderators' forum", me, network.Target{Kind: network.FollowForum, ID: mods.ID}, avenir.CodeNotFound},
			{"a thread", me, network.Target{Kind: network.FollowThread, ID: th.ID}, ""},
			{"a committee", me, network.Target{Kind: network.FollowCommittee, ID: s.lyon.ID}, ""},
			{"an action", me, network.Target{Kind: network.FollowAction, ID: act.ID}, ""},
			{"an action of a committee not mine", me, network.Target{Kind: network.FollowAction, ID: hidden.ID}, avenir.CodeNotFound},
			{"an unknown kind", me, network.Target{Kind: "party", ID: other.ID}, avenir.CodeInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := s.follows.Follow(ctx, tt.actor, tt.target)
				if tt.want != "" {
					requireSocialCode(t, err, tt.want)
					if !tt.actor.IsAnonymous() && tt.target.Kind != "party" {
						ok, err := s.follows.IsFollowing(ctx, tt.actor, tt.target)
						if err == nil {
							assert.False(t, ok, "nothing changed")
						}
					}
					return
				}
				require.NoError(t, err)
				ok, err := s.follows.IsFollowing(ctx, tt.actor, tt.target)
				require.NoError(t, err)
				assert.True(t, ok)
			})
		}
		watching, err := s.forums.Watching(ctx, me, th.ID)
		require.NoError(t, err)
		assert.True(t, watching, "a thread follow is the forum's watch")
		followed, err := s.committees.Following(ctx, me)
		require.NoError(t, err)
		require.Len(t, followed, 1, "a committee follow is the committee's")
		assert.Equal(t, s.lyon.ID, followed[0].ID)

		forums, err := s.follows.Followed(ctx, me, network.FollowForum)
		require.NoError(t, err)
		assert.Equal(t, []network.Target{{Kind: network.FollowForum, ID: open.ID}}, forums)

		for _, target := range []network.Target{member(other), {Kind: network.FollowThread, ID: th.ID}, {Kind: network.FollowCommittee, ID: s.lyon.ID}, {Kind: network.FollowAction, ID: act.ID}} {
			require.NoError(t, s.follows.Unfollow(ctx, me, target))
			ok, err := s.follows.IsFollowing(ctx, me, target)
			require.NoError(t, err)
			assert.False(t, ok, "unfollowed %s", target.Kind)
		}
	})
}

func TestBlock(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		a, b, c := s.member(t), s.member(t), s.member(t)
		for _, pair := range [][2]avenir.Actor{{a, b}, {b, a}, {c, a}, {c, b}} {
			require.NoError(t, s.follows.Follow(ctx, pair[0], network.Target{Kind: network.FollowMember, ID: pair[1].ID}))
		}
		counts, err := s.follows.Counts(ctx, c, a.ID)
		require.NoError(t, err)
		assert.Equal(t, network.FollowCounts{Followers: 2, Following: 1}, counts)

		requireSocialCode(t, s.follows.Block(ctx, a, a.ID), avenir.CodeInvalid)
		requireSocialCode(t, s.follows.Block(ctx, a, avenir.NewID()), avenir.CodeNotFound)
		requireSocialCode(t, s.follows.Block(ctx, avenir.Anonymous, b.ID), avenir.CodeUnauthenticated)
		require.NoError(t, s.follows.Block(ctx, a, b.ID))
		require.NoError(t, s.follows.Block(ctx, a, b.ID), "again changes nothing")

		counts, err = s.follows.Counts(ctx, c, a.ID)
		require.NoError(t, err)
		assert.Equal(t, network.FollowCounts{Followers: 1, Following: 0}, counts, "the follows both ways are gone")

		// Each is hidden from the other: lists, counts, follows.
		_, err = s.follows.Followers(ctx, b, a.ID, avenir.PageRequest{})
		requireSocialCode(t, err, avenir.CodeNotFound)
		_, err = s.follows.Counts(ctx, a, b.ID)
		requireSocialCode(t, err, avenir.CodeNotFound)
		requireSocialCode(t, s.follows.Follow(ctx, b, network.Target{Kind: network.FollowMember, ID: a.ID}), avenir.CodeNotFound)

		// A third sees c among b's followers; a, who blocks b, sees b's
		// followers but not b among c's follows.
		page, err := s.follows.Following(ctx, a, c.ID, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{a.ID}, entryIDs(page.Items), "b, whom a blocks, is left out")
		page, err = s.follows.Following(ctx, s.member(t), c.ID, avenir.PageRequest{})
		require.NoError(t, err)
		assert.ElementsMatch(t, []avenir.ID{a.ID, b.ID}, entryIDs(page.Items))

		blocks, err := s.follows.Blocks(ctx, a)
		require.NoError(t, err)
		require.Len(t, blocks, 1)
		assert.Equal(t, b.ID, blocks[0].Member)
		require.NoError(t, s.follows.Unblock(ctx, a, b.ID))
		require.NoError(t, s.follows.Follow(ctx, b, network.Target{Kind: network.FollowMember, ID: a.ID}), "unblocked")
	})
}

func entryIDs(list []network.FollowEntry) []avenir.ID {
	ids := make([]avenir.ID, len(list))
	for i, e := range list {
		ids[i] = e.Member
	}
	return ids
}

func TestFollowLists(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		star := s.member(t)
		var fans []avenir.ID
		for range 5 {
			fan := s.member(t)
			require.NoError(t, s.follows.Follow(ctx, fan, network.Target{Kind: network.FollowMember, ID: star.ID}))
			fans = append([]avenir.ID{fan.ID}, fans...) // newest first
			s.tick()
		}
		reader := s.member(t)
		var got []avenir.ID
		page := avenir.PageRequest{Limit: 2}
		for i := 0; ; i++ {
			require.Less(t, i, 5, "the pages end")
			p, err := s.follows.Followers(ctx, reader, star.ID, page)
			require.NoError(t, err)
			got = append(got, entryIDs(p.Items)...)
			if p.Next == "" {
				break
			}
			page.After = p.Next
		}
		assert.Equal(t, fans, got, "newest first, each once")
		first, err := s.follows.Followers(ctx, reader, star.ID, avenir.PageRequest{Limit: 1})
		require.NoError(t, err)
		assert.Equal(t, "Membre", first.Items[0].Name[:6], "names shown")

		tests := []struct {
			name   string
			actor  avenir.Actor
			member avenir.ID
			after  string
			want   avenir.Code
		}{
			{"a visitor", avenir.Anonymous, star.ID, "", avenir.CodeUnauthenticated},
			{"a supporter", s.person(t, avenir.StatusSupporter), star.ID, "", avenir.CodeForbidden},
			{"an admin who is not a member in good standing", s.person(t, avenir.StatusLapsed, avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}), star.ID, "", avenir.CodeForbidden},
			{"nobody", reader, avenir.NewID(), "", avenir.CodeNotFound},
			{"a bad cursor", reader, star.ID, "garbage", avenir.CodeInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.follows.Followers(ctx, tt.actor, tt.member, avenir.PageRequest{After: tt.after})
				requireSocialCode(t, err, tt.want)
			})
		}

		// Refusing followers removes them.
		require.NoError(t, s.follows.SetPolicy(ctx, star, network.FollowNobody))
		p, err := s.follows.Policy(ctx, star)
		require.NoError(t, err)
		assert.Equal(t, network.FollowNobody, p)
		counts, err := s.follows.Counts(ctx, reader, star.ID)
		require.NoError(t, err)
		assert.Zero(t, counts.Followers)
		requireSocialCode(t, s.follows.SetPolicy(ctx, star, "friends"), avenir.CodeInvalid)
	})
}

func TestFollowsPersonalData(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := newSocial(t, db)
		a, b := s.member(t), s.member(t)
		f := s.forum(t, "Culture", avenir.Public)
		require.NoError(t, s.follows.Follow(ctx, a, network.Target{Kind: network.FollowMember, ID: b.ID}))
		require.NoError(t, s.follows.Follow(ctx, b, network.Target{Kind: network.FollowMember, ID: a.ID}))
		require.NoError(t, s.follows.Follow(ctx, a, network.Target{Kind: network.FollowForum, ID: f.ID}))
		c := s.member(t)
		require.NoError(t, s.follows.Block(ctx, a, c.ID))
		require.NoError(t, s.follows.SetPolicy(ctx, a, network.FollowNobody))

		data, err := s.follows.ExportMember(ctx, a.ID)
		require.NoError(t, err)
		d := data.(network.FollowData)
		assert.Equal(t, network.FollowNobody, d.Policy)
		assert.ElementsMatch(t, []network.Target{{Kind: network.FollowMember, ID: b.ID}, {Kind: network.FollowForum, ID: f.ID}}, d.Following)
		require.Len(t, d.Blocks, 1)
		assert.Equal(t, "follows", s.follows.Section())

		require.NoError(t, db.InTx(ctx, func(ctx context.Context) error { return s.follows.EraseMember(ctx, a.ID) }))
		for _, table := range []string{"avenir_follows", "avenir_blocks", "avenir_social_settings"} {
			n, err := db.Bun().NewSelect().TableExpr(table).Count(ctx)
			require.NoError(t, err)
			assert.Zero(t, n, "%s emptied of a", table)
		}
	})
}

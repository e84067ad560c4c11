package forum_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestForums(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		member := f.person(t, "Camille", avenir.StatusActive)

		pub := f.forum(t, "Écologie & Énergie", avenir.Public)
		assert.Equal(t, "ecologie-energie", pub.Slug)
		assert.Equal(t, forum.PostModeration, pub.Moderation)
		mods := f.forum(t, "Modération", avenir.Moderators)
		assert.Equal(t, avenir.ForumModerators(mods.ID), mods.Audience, "a moderators forum is its own moderators'")
		members := f.forum(t, "Vie interne", avenir.Members, forum.PreModeration)

		_, err := f.svc.CreateForum(ctx, member, forum.ForumInput{Title: "Hors cadre", Audience: avenir.Public})
		assert.Equal(t, avenir.CodeForbidden, code(err), "only admins create forums")
		_, err = f.svc.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Écologie, énergie", Audience: avenir.Public})
		assert.Equal(t, avenir.CodeInvalid, code(err), "a second forum at the same address")
		for _, bad := range []forum.ForumInput{
			{Title: "  ", Audience: avenir.Public},
			{Title: strings.Repeat("é", forum.MaxTitle+1), Audience: avenir.Public},
			{Title: "Sans audience"},
			{Title: "!!!", Audience: avenir.Public},
			{Title: "Mode", Audience: avenir.Public, Moderation: "later"},
		} {
			_, err := f.svc.CreateForum(ctx, f.admin, bad)
			assert.Equal(t, avenir.CodeInvalid, code(err), "%+v", bad)
		}
		assert.Equal(t, 3, f.count(t, "avenir_forums"), "bad input changes nothing")

		list, err := f.svc.Forums(ctx, avenir.Anonymous)
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.Equal(t, pub.ID, list[0].ID)
		list, err = f.svc.Forums(ctx, member)
		require.NoError(t, err)
		assert.Len(t, list, 2)
		list, err = f.svc.Forums(ctx, f.admin)
		require.NoError(t, err)
		assert.Len(t, list, 3)

		_, err = f.svc.ForumBySlug(ctx, avenir.Anonymous, members.Slug)
		assert.Equal(t, avenir.CodeNotFound, code(err), "a members-only forum is not found by a visitor")
		got, err := f.svc.ForumBySlug(ctx, member, members.Slug)
		require.NoError(t, err)
		assert.Equal(t, forum.PreModeration, got.Moderation)

		up, err := f.svc.UpdateForum(ctx, f.admin, pub.ID, forum.ForumInput{Title: "Écologie", Slug: "ecologie", Position: 2, Audience: avenir.Registered})
		require.NoError(t, err)
		assert.Equal(t, "ecologie", up.Slug)
		_, err = f.svc.Forum(ctx, avenir.Anonymous, pub.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err), "now for registered people only")
	})
}

func TestThreadsAndPosts(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		camille := f.person(t, "Camille", avenir.StatusActive)
		jean := f.person(t, "Jean", avenir.StatusSupporter)
		mod := f.person(t, "Modératrice", avenir.StatusActive)
		pub := f.forum(t, "Écologie", avenir.Public)
		mod.Grants = []avenir.Grant{{Role: avenir.RoleModerator, Scope: avenir.ForumScope(pub.ID)}}

		th, first := f.start(t, camille, pub, "  Le train de nuit  ", "Il faut **rouvrir** les lignes.")
		assert.Equal(t, "Le train de nuit", th.Title)
		assert.Equal(t, "Camille", th.AuthorName)
		assert.Equal(t, forum.Published, th.State)
		assert.Equal(t, 0, th.Replies)
		assert.Equal(t, 1, first.Position)
		assert.Equal(t, first.ID, th.FirstPost)
		assert.Contains(t, string(first.HTML), "<strong>rouvrir</strong>")

		f.clock.Advance(time.Minute)
		r1 := f.reply(t, jean, th, "D'accord !")
		f.clock.Advance(time.Minute)
		r2, err := f.svc.Reply(ctx, camille, th.ID, forum.Draft{Body: "Merci Jean.", Quote: r1.ID})
		require.NoError(t, err)
		assert.Equal(t, 2, r1.Position)
		assert.Equal(t, 3, r2.Position)
		assert.Equal(t, r1.ID, r2.Quote)
		assert.Equal(t, 2, r2.QuotePosition)

		th, err = f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.Equal(t, 2, th.Replies)
		assert.True(t, th.LastActivity.Equal(r2.CreatedAt))

		// A quote from another thread is refused.
		other, otherFirst := f.start(t, jean, pub, "Autre sujet", "Autre chose.")
		_, err = f.svc.Reply(ctx, camille, th.ID, forum.Draft{Body: "Hors fil", Quote: otherFirst.ID})
		assert.Equal(t, avenir.CodeInvalid, code(err))

		// Edits keep revisions; the post shows "edited".
		f.clock.Advance(time.Minute)
		edited, err := f.svc.Edit(ctx, jean, r1.ID, forum.Draft{Body: "D'accord, **vraiment** !"})
		require.NoError(t, err)
		assert.True(t, edited.Edited())
		assert.Contains(t, string(edited.HTML), "<strong>vraiment</strong>")
		_, err = f.svc.Edit(ctx, camille, r1.ID, forum.Draft{Body: "Pas à moi"})
		assert.Equal(t, avenir.CodeForbidden, code(err), "only the author edits")
		_, err = f.svc.Edit(ctx, camille, first.ID, forum.Draft{Title: "Le train de nuit, vite", Body: first.Body})
		require.NoError(t, err)
		revs, err := f.svc.Revisions(ctx, mod, r1.ID)
		require.NoError(t, err)
		require.Len(t, revs, 1)
		assert.Equal(t, "D'accord !", revs[0].Body)
		revs, err = f.svc.Revisions(ctx, mod, first.ID)
		require.NoError(t, err)
		require.Len(t, revs, 1)
		assert.Equal(t, "Le train de nuit", revs[0].Title)
		_, err = f.svc.Revisions(ctx, avenir.Anonymous, r1.ID)
		assert.Equal(t, avenir.CodeForbidden, code(err))
		th, err = f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.Equal(t, "Le train de nuit, vite", th.Title)

		// Pages by position, with a cursor.
		for i := range 4 {
			f.reply(t, camille, th, fmt.Sprintf("Message %d", i))
		}
		var positions []int
		page := avenir.PageRequest{Limit: 3}
		for {
			p, err := f.svc.Posts(ctx, avenir.Anonymous, th.ID, page)
			require.NoError(t, err)
			for _, x := range p.Items {
				positions = append(positions, x.Position)
			}
			if p.Next == "" {
				break
			}
			page.After = p.Next
		}
		assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7}, positions)
		_, err = f.svc.Posts(ctx, avenir.Anonymous, th.ID, avenir.PageRequest{After: page.After + "x"})
		assert.Equal(t, avenir.CodeInvalid, code(err), "a tampered cursor")

		// The author deletes a reply: the count follows, no one reads it.
		require.NoError(t, f.svc.Delete(ctx, jean, r1.ID))
		assert.Equal(t, avenir.CodeForbidden, code(f.svc.Delete(ctx, jean, r2.ID)), "only the author deletes")
		_, err = f.svc.Post(ctx, camille, r1.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err))
		_, err = f.svc.Post(ctx, mod, r1.ID)
		assert.NoError(t, err, "moderators still read it")
		th, err = f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.Equal(t, 5, th.Replies)

		// Locked threads take replies from moderators only.
		_, err = f.svc.Lock(ctx, camille, th.ID, true)
		assert.Equal(t, avenir.CodeForbidden, code(err))
		_, err = f.svc.Lock(ctx, mod, th.ID, true)
		require.NoError(t, err)
		_, err = f.svc.Reply(ctx, jean, th.ID, forum.Draft{Body: "Encore un mot"})
		assert.Equal(t, avenir.CodeConflict, code(err))
		_, err = f.svc.Edit(ctx, camille, r2.ID, forum.Draft{Body: "Changé"})
		assert.Equal(t, avenir.CodeConflict, code(err), "no edits in a locked thread")
		f.reply(t, mod, th, "Fil verrouillé, merci à tous.")

		// Pinned threads come first, then by last activity.
		f.clock.Advance(time.Hour)
		f.reply(t, camille, other, "Relance")
		list, err := f.svc.Threads(ctx, avenir.Anonymous, pub.ID, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, list.Items, 2)
		assert.Equal(t, other.ID, list.Items[0].ID, "latest activity first")
		_, err = f.svc.Pin(ctx, mod, th.ID, true)
		require.NoError(t, err)
		list, err = f.svc.Threads(ctx, avenir.Anonymous, pub.ID, avenir.PageRequest{Limit: 1})
		require.NoError(t, err)
		require.Len(t, list.Items, 1)
		assert.Equal(t, th.ID, list.Items[0].ID, "pinned first")
		assert.True(t, list.Items[0].Pinned && list.Items[0].Locked)
		next, err := f.svc.Threads(ctx, avenir.Anonymous, pub.ID, avenir.PageRequest{Limit: 1, After: list.Next})
		require.NoError(t, err)
		require.Len(t, next.Items, 1)
		assert.Equal(t, other.ID, next.Items[0].ID)
		assert.Empty(t, next.Next)

		// A member's posts, newest first.
		posts, err := f.svc.MemberPosts(ctx, avenir.Anonymous, jean.ID, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, posts.Items, 1, "the deleted reply is not listed")
		assert.Equal(t, otherFirst.ID, posts.Items[0].ID)
	})
}

func TestBadInputChangesNothing(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		camille := f.person(t, "Camille", avenir.StatusActive)
		pub := f.forum(t, "Écologie", avenir.Public)
		th, first := f.start(t, camille, pub, "Sujet", "Corps")
		threads, posts := f.count(t, "avenir_forum_threads"), f.count(t, "avenir_forum_posts")

		long := strings.Repeat("é", forum.MaxBody+1)
		for _, d := range []forum.Draft{
			{Title: "", Body: "Corps"},
			{Title: "Titre", Body: " \n\t "},
			{Title: strings.Repeat("a", forum.MaxTitle+1), Body: "Corps"},
			{Title: "Titre", Body: long},
		} {
			_, _, err := f.svc.Start(ctx, camille, pub.ID, d)
			assert.Equal(t, avenir.CodeInvalid, code(err), "%.40q", d.Body)
		}
		_, err := f.svc.Reply(ctx, camille, th.ID, forum.Draft{Body: ""})
		assert.Equal(t, avenir.CodeInvalid, code(err))
		_, err = f.svc.Reply(ctx, camille, th.ID, forum.Draft{Body: long})
		assert.Equal(t, avenir.CodeInvalid, code(err))
		_, err = f.svc.Edit(ctx, camille, first.ID, forum.Draft{Title: "Sujet", Body: ""})
		assert.Equal(t, avenir.CodeInvalid, code(err))
		_, err = f.svc.Reply(ctx, avenir.Anonymous, th.ID, forum.Draft{Body: "Bonjour"})
		assert.Equal(t, avenir.CodeUnauthenticated, code(err))
		suspended := f.person(t, "Suspendu", avenir.StatusSuspended)
		_, err = f.svc.Reply(ctx, suspended, th.ID, forum.Draft{Body: "Bonjour"})
		assert.Equal(t, avenir.CodeForbidden, code(err))
		_, err = f.svc.Reply(ctx, camille, avenir.NewID(), forum.Draft{Body: "Bonjour"})
		assert.Equal(t, avenir.CodeNotFound, code(err))
		ok := strings.Repeat("é", forum.MaxBody)
		_, err = f.svc.Reply(ctx, camille, th.ID, forum.Draft{Body: "  " + ok + "\n"})
		require.NoError(t, err, "exactly the limit, after trimming")

		assert.Equal(t, threads, f.count(t, "avenir_forum_threads"))
		assert.Equal(t, posts+1, f.count(t, "avenir_forum_posts"))
		assert.Zero(t, f.count(t, "avenir_forum_revisions"))

		// Messages are translated.
		_, _, err = f.svc.Start(ctx, camille, pub.ID, forum.Draft{Title: "Titre"})
		assert.Equal(t, "Le message est vide.", avenir.Message(err, avenirFrench))
	})
}

// TestMarkupIsInert posts an XSS evasion corpus through the service: what
// is stored and shown holds no script, handler nor javascript: link.
func TestMarkupIsInert(t *testing.T) {
	corpus := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`[clic](javascript:alert(1))`,
		`[clic](JaVaScRiPt:alert(1))`,
		`[clic](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))`,
		`[clic](&#x6A;avascript&#x3A;alert(1))`,
		`[clic](java&#x09;script:alert(1))`,
		`<a href="javascript:alert(1)">clic</a>`,
		`<svg onload=alert(1)>`,
		`<iframe src="javascript:alert(1)"></iframe>`,
		"![x](javascript:alert(1))",
		`<details open ontoggle=alert(1)>`,
		`[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		camille := f.person(t, "Camille", avenir.StatusActive)
		pub := f.forum(t, "Écologie", avenir.Public)
		th, _ := f.start(t, camille, pub, "<script>alert(1)</script>", "Corps")
		for _, src := range corpus {
			p := f.reply(t, camille, th, "Voir "+src)
			got, err := f.svc.Post(ctx, avenir.Anonymous, p.ID)
			require.NoError(t, err)
			html := strings.ToLower(string(got.HTML))
			for _, bad := range []string{"<script", "onerror", "onload", "ontoggle", "javascript:", "<iframe", "<svg", "data:text"} {
				assert.NotContains(t, html, bad, "%s rendered as %s", src, got.HTML)
			}
			assert.Equal(t, "Voir "+src, got.Body, "the source is kept as typed")
		}
	})
}

// TestConcurrentReplies: replies written at once get distinct positions and
// an exact count.
func TestConcurrentReplies(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		camille := f.person(t, "Camille", avenir.StatusActive)
		pub := f.forum(t, "Écologie", avenir.Public)
		th, _ := f.start(t, camille, pub, "Sujet", "Corps")
		const n = 12
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := f.svc.Reply(ctx, camille, th.ID, forum.Draft{Body: fmt.Sprintf("Réponse %d", i)})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		got, err := f.svc.Thread(ctx, avenir.Anonymous, th.ID)
		require.NoError(t, err)
		assert.Equal(t, n, got.Replies)
		page, err := f.svc.Posts(ctx, avenir.Anonymous, th.ID, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, page.Items, n+1)
		for i, p := range page.Items {
			assert.Equal(t, i+1, p.Position)
		}
	})
}

func TestSupportAndWatch(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		camille := f.person(t, "Camille", avenir.StatusActive)
		jean := f.person(t, "Jean", avenir.StatusActive)
		supporter := f.person(t, "Sympathisant", avenir.StatusSupporter)
		pub := f.forum(t, "Écologie", avenir.Public)
		th, first := f.start(t, camille, pub, "Sujet", "Corps")

		p, err := f.svc.Support(ctx, jean, first.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, p.Supports)
		assert.True(t, p.Supported)
		_, err = f.svc.Support(ctx, jean, first.ID)
		assert.Equal(t, avenir.CodeConflict, code(err), "one support per member")
		_, err = f.svc.Support(ctx, camille, first.ID)
		assert.Equal(t, avenir.CodeForbidden, code(err), "not one's own post")
		_, err = f.svc.Support(ctx, supporter, first.ID)
		assert.Equal(t, avenir.CodeForbidden, code(err), "members in good standing")
		_, err = f.svc.Support(ctx, avenir.Anonymous, first.ID)
		assert.Equal(t, avenir.CodeUnauthenticated, code(err))
		seen, err := f.svc.Post(ctx, avenir.Anonymous, first.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, seen.Supports)
		assert.False(t, seen.Supported)

		p, err = f.svc.Unsupport(ctx, jean, first.ID)
		require.NoError(t, err)
		assert.Equal(t, 0, p.Supports)
		p, err = f.svc.Unsupport(ctx, jean, first.ID)
		require.NoError(t, err, "withdrawing twice changes nothing")
		assert.Equal(t, 0, p.Supports)

		watching, err := f.svc.Watching(ctx, camille, th.ID)
		require.NoError(t, err)
		assert.True(t, watching, "the author watches their thread")
		require.NoError(t, f.svc.Watch(ctx, jean, th.ID))
		require.NoError(t, f.svc.Watch(ctx, jean, th.ID), "watching again changes nothing")
		watchers, err := db.Forums().Watchers(ctx, th.ID)
		require.NoError(t, err)
		assert.ElementsMatch(t, []avenir.ID{camille.ID, jean.ID}, watchers)
		require.NoError(t, f.svc.Unwatch(ctx, jean, th.ID))
		watching, err = f.svc.Watching(ctx, jean, th.ID)
		require.NoError(t, err)
		assert.False(t, watching)
		assert.Equal(t, avenir.CodeUnauthenticated, code(f.svc.Watch(ctx, avenir.Anonymous, th.ID)))
	})
}

func TestPrivateForumLeavesNoTrace(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		camille := f.person(t, "Camille", avenir.StatusActive)
		internal := f.forum(t, "Vie interne", avenir.Members)
		th, p := f.start(t, camille, internal, "Stratégie", "Entre nous.")

		for name, actor := range map[string]avenir.Actor{"anonymous": avenir.Anonymous, "supporter": f.person(t, "S", avenir.StatusSupporter)} {
			t.Run(name, func(t *testing.T) {
				_, err := f.svc.Thread(ctx, actor, th.ID)
				assert.Equal(t, avenir.CodeNotFound, code(err))
				_, err = f.svc.Post(ctx, actor, p.ID)
				assert.Equal(t, avenir.CodeNotFound, code(err))
				_, err = f.svc.Threads(ctx, actor, internal.ID, avenir.PageRequest{})
				assert.Equal(t, avenir.CodeNotFound, code(err))
				_, err = f.svc.Posts(ctx, actor, th.ID, avenir.PageRequest{})
				assert.Equal(t, avenir.CodeNotFound, code(err))
				posts, err := f.svc.MemberPosts(ctx, actor, camille.ID, avenir.PageRequest{})
				require.NoError(t, err)
				assert.Empty(t, posts.Items)
				_, err = f.svc.Support(ctx, actor, p.ID)
				assert.Contains(t, []avenir.Code{avenir.CodeNotFound}, code(err))
				_, err = f.svc.Reply(ctx, actor, th.ID, forum.Draft{Body: "?"})
				assert.Equal(t, avenir.CodeNotFound, code(err))
			})
		}
	})
}

// TestEnsureForum: a workflow's forum is created once, whoever asks first
// and however many ask at once, inside their transactions; an address
// taken with another audience is a conflict that changes nothing.
func TestEnsureForum(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		in := forum.ForumInput{Slug: "fraternite-membres", Title: "Fraternité en action — adhérents", Audience: avenir.Members, Position: 100}
		first, err := f.svc.EnsureForum(ctx, in)
		require.NoError(t, err)
		assert.Equal(t, "fraternite-membres", first.Slug)
		assert.Equal(t, avenir.Members, first.Audience)
		assert.Equal(t, forum.PostModeration, first.Moderation)
		again, err := f.svc.EnsureForum(ctx, in)
		require.NoError(t, err)
		assert.Equal(t, first.ID, again.ID)

		_, err = f.svc.EnsureForum(ctx, forum.ForumInput{Slug: "fraternite-membres", Title: "Autre", Audience: avenir.Public})
		assert.Equal(t, avenir.CodeConflict, code(err), "the address is taken with another audience")
		_, err = f.svc.EnsureForum(ctx, forum.ForumInput{Slug: "vide", Title: " "})
		assert.Equal(t, avenir.CodeInvalid, code(err))
		mods, err := f.svc.EnsureForum(ctx, forum.ForumInput{Slug: "salle", Title: "Salle", Audience: avenir.Moderators})
		require.NoError(t, err)
		mods2, err := f.svc.EnsureForum(ctx, forum.ForumInput{Slug: "salle", Title: "Salle", Audience: avenir.Moderators})
		require.NoError(t, err, "a moderators forum is its own moderators'")
		assert.Equal(t, mods.ID, mods2.ID)
		assert.Equal(t, 2, f.count(t, "avenir_forums"))

		// Concurrent first calls, each in its own transaction that writes
		// after it: one forum, and every transaction commits.
		const n = 8
		var wg sync.WaitGroup
		ids := make([]avenir.ID, n)
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				errs[i] = db.InTx(ctx, func(ctx context.Context) error {
					fo, err := f.svc.EnsureForum(ctx, forum.ForumInput{Slug: "fraternite", Title: "Fraternité en action", Audience: avenir.Public})
					if err != nil {
						return err
					}
					ids[i] = fo.ID
					_, _, err = f.svc.Start(ctx, f.admin, fo.ID, forum.Draft{Title: fmt.Sprintf("Sujet %d", i), Body: "Corps"})
					return err
				})
			})
		}
		wg.Wait()
		for i := range n {
			require.NoError(t, errs[i])
			assert.Equal(t, ids[0], ids[i])
		}
		assert.Equal(t, 3, f.count(t, "avenir_forums"))
		threads, err := f.svc.Threads(ctx, avenir.Anonymous, ids[0], avenir.PageRequest{})
		require.NoError(t, err)
		assert.Len(t, threads.Items, n)
	})
}

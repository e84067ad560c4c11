package solidarity_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// bodies returns the bodies of a page of comments, in order.
func bodies(p avenir.Page[forum.Post]) []string {
	out := []string{}
	for _, c := range p.Items {
		out = append(out, c.Body)
	}
	return out
}

func (f *fixture) comments(t testing.TB, actor avenir.Actor, id avenir.ID) []string {
	t.Helper()
	p, err := f.svc.Comments(context.Background(), actor, id, avenir.PageRequest{})
	require.NoError(t, err)
	return bodies(p)
}

func (f *fixture) count(t testing.TB, table string) int {
	t.Helper()
	n, err := f.db.Bun().NewSelect().TableExpr(table).Count(context.Background())
	require.NoError(t, err)
	return int(n)
}

func TestCommentByStatus(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		proposed := func(title string) solidarity.Action {
			a, err := f.svc.Propose(ctx, author, request(title))
			require.NoError(t, err)
			return a
		}
		submitted := func(title string) solidarity.Action {
			a, err := f.svc.Submit(ctx, author, proposed(title).ID)
			require.NoError(t, err)
			return a
		}
		// The one that expires ends in an hour; the others in three days.
		soon := request("Bientôt passée")
		soon.StartsAt = start.Add(time.Hour)
		expiring := f.published(t, author, soon)
		f.clock.Advance(2 * time.Hour)
		_, err := f.svc.ExpireDue(ctx)
		require.NoError(t, err)

		cases := []struct {
			status solidarity.Status
			action func() solidarity.Action
			code   avenir.Code // "": the comment is written
		}{
			{solidarity.StatusDraft, func() solidarity.Action { return proposed("Brouillon") }, avenir.CodeConflict},
			{solidarity.StatusSubmitted, func() solidarity.Action { return submitted("Soumise") }, avenir.CodeConflict},
			{solidarity.StatusRejected, func() solidarity.Action {
				a, err := f.svc.Reject(ctx, f.admin, submitted("Refusée").ID, "Trop vague.")
				require.NoError(t, err)
				return a
			}, avenir.CodeConflict},
			{solidarity.StatusCancelled, func() solidarity.Action {
				a, err := f.svc.Cancel(ctx, author, f.published(t, author, request("Annulée")).ID, "Plus besoin.")
				require.NoError(t, err)
				return a
			}, avenir.CodeConflict},
			{solidarity.StatusExpired, func() solidarity.Action { return expiring }, avenir.CodeConflict},
			{solidarity.StatusPublished, func() solidarity.Action { return f.published(t, author, request("Publiée")) }, ""},
			{solidarity.StatusInProgress, func() solidarity.Action {
				a, err := f.svc.Start(ctx, author, f.published(t, author, request("En cours")).ID)
				require.NoError(t, err)
				return a
			}, ""},
			{solidarity.StatusCompleted, func() solidarity.Action {
				a, err := f.svc.Complete(ctx, author, f.published(t, author, request("Terminée")).ID, solidarity.Impact{PeopleHelped: 1})
				require.NoError(t, err)
				return a
			}, ""},
		}
		written := 0
		for _, c := range cases {
			t.Run(string(c.status), func(t *testing.T) {
				a := c.action()
				got, err := f.svc.Action(ctx, author, a.ID)
				require.NoError(t, err)
				require.Equal(t, c.status, got.Status)

				p, err := f.svc.Comment(ctx, author, a.ID, "Je peux aider mardi.")
				after, aerr := f.svc.Action(ctx, author, a.ID)
				require.NoError(t, aerr)
				if c.code != "" {
					requireCode(t, err, c.code)
					assert.True(t, after.Thread.IsZero(), "no thread was opened")
					assert.Empty(t, f.comments(t, author, a.ID))
					assert.Equal(t, written, f.count(t, "avenir_forum_posts"), "nothing was written")
					return
				}
				require.NoError(t, err)
				written++
				assert.Equal(t, forum.Published, p.State)
				assert.Equal(t, after.Thread, p.Thread, "the action records its thread")
				assert.Equal(t, []string{"Je peux aider mardi."}, f.comments(t, avenir.Anonymous, a.ID))
				th, err := f.forums.Thread(ctx, avenir.Anonymous, p.Thread)
				require.NoError(t, err)
				assert.Equal(t, a.Title, th.Title)
			})
		}
		assert.Equal(t, 1, f.count(t, "avenir_forums"), "one comment forum for the public actions")
	})
}

func TestCommentAudience(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		member := f.newActor(t, avenir.StatusActive)
		supporter := f.newActor(t, avenir.StatusSupporter)
		lyonMember := f.member(t, avenir.StatusActive)
		inLyon := avenir.Actor{ID: lyonMember.ID, Status: avenir.StatusActive, Committees: []avenir.ID{f.lyon.ID}}

		members, wall := avenir.Members, avenir.CommitteeAudience(f.lyon.ID)
		d := request("Covoiturage interne")
		d.Audience = &members
		internal := f.published(t, author, d)
		d = request("Visite du comité")
		d.Audience = &wall
		local := f.published(t, author, d)
		open := f.published(t, author, request("Courses pour tous"))

		// Members-only: a member comments; a visitor and a supporter neither
		// read nor write, and search finds nothing for them.
		_, err := f.svc.Comment(ctx, member, internal.ID, "Rendez-vous au local pour le covoiturage.")
		require.NoError(t, err)
		for who, actor := range map[string]avenir.Actor{"visitor": avenir.Anonymous, "supporter": supporter} {
			_, err := f.svc.Comments(ctx, actor, internal.ID, avenir.PageRequest{})
			requireCode(t, err, avenir.CodeNotFound)
			_, err = f.svc.Comment(ctx, actor, internal.ID, "Et moi ?")
			requireCode(t, err, avenir.CodeNotFound)
			hits, err := f.forums.Search(ctx, actor, forum.SearchQuery{Text: "covoiturage"}, avenir.PageRequest{})
			require.NoError(t, err)
			assert.Empty(t, hits.Items, "%s finds a members-only comment", who)
		}
		assert.Equal(t, []string{"Rendez-vous au local pour le covoiturage."}, f.comments(t, member, internal.ID))
		hits, err := f.forums.Search(ctx, member, forum.SearchQuery{Text: "covoiturage"}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Len(t, hits.Items, 1)

		// One committee's: its members, not the other members.
		_, err = f.svc.Comment(ctx, member, local.ID, "Je viens aussi.")
		requireCode(t, err, avenir.CodeNotFound)
		_, err = f.svc.Comment(ctx, inLyon, local.ID, "J’apporte le goûter.")
		require.NoError(t, err)
		_, err = f.svc.Comments(ctx, member, local.ID, avenir.PageRequest{})
		requireCode(t, err, avenir.CodeNotFound)
		assert.Equal(t, []string{"J’apporte le goûter."}, f.comments(t, inLyon, local.ID))

		// Public: anyone reads; a visitor must sign in to write; a
		// supporter writes (the forum's rule: any registered person).
		_, err = f.svc.Comment(ctx, avenir.Anonymous, open.ID, "Bonjour")
		requireCode(t, err, avenir.CodeUnauthenticated)
		assert.Empty(t, f.comments(t, avenir.Anonymous, open.ID), "no thread yet: an empty page")
		_, err = f.svc.Comment(ctx, supporter, open.ID, "Je peux porter les sacs.")
		require.NoError(t, err)
		_, err = f.svc.Comment(ctx, member, open.ID, "  ")
		requireCode(t, err, avenir.CodeInvalid, "body")
		assert.Equal(t, []string{"Je peux porter les sacs."}, f.comments(t, avenir.Anonymous, open.ID))

		// One forum per audience, with the action's audience.
		list, err := f.forums.Forums(ctx, f.admin)
		require.NoError(t, err)
		got := map[string]avenir.Audience{}
		for _, fo := range list {
			got[fo.Slug] = fo.Audience
		}
		assert.Equal(t, map[string]avenir.Audience{
			"fraternite": avenir.Public, "fraternite-membres": avenir.Members,
			"fraternite-comite-" + f.lyon.ID.String(): wall,
		}, got)
		visible, err := f.forums.Forums(ctx, avenir.Anonymous)
		require.NoError(t, err)
		require.Len(t, visible, 1)
		assert.Equal(t, "fraternite", visible[0].Slug)

		// An action for moderators takes no comments.
		mods := avenir.Moderators
		d = request("Réservée")
		d.Audience = &mods
		hidden := f.published(t, author, d)
		_, err = f.svc.Comment(ctx, author, hidden.ID, "Bonjour")
		requireCode(t, err, avenir.CodeConflict)
	})
}

func TestHiddenComment(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		first := f.newActor(t, avenir.StatusActive)
		rude := f.newActor(t, avenir.StatusActive)
		moderator := f.newActor(t, avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		a := f.published(t, author, request("Déménagement"))

		_, err := f.svc.Comment(ctx, first, a.ID, "Je viens avec une camionnette.")
		require.NoError(t, err)
		bad, err := f.svc.Comment(ctx, rude, a.ID, "Propos injurieux.")
		require.NoError(t, err)
		_, err = f.forums.Decide(ctx, moderator, bad.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonHarassment,
			Text: "Les attaques personnelles n’ont pas leur place ici."})
		require.NoError(t, err)

		assert.Equal(t, []string{"Je viens avec une camionnette."}, f.comments(t, avenir.Anonymous, a.ID))
		assert.Equal(t, []string{"Je viens avec une camionnette."}, f.comments(t, author, a.ID))
		assert.Equal(t, []string{"Je viens avec une camionnette.", "Propos injurieux."}, f.comments(t, rude, a.ID),
			"its author still sees the hidden comment, as in any forum")
		assert.Len(t, f.comments(t, moderator, a.ID), 2)

		// Paging goes through the forum's cursor.
		p, err := f.svc.Comments(ctx, moderator, a.ID, avenir.PageRequest{Limit: 1})
		require.NoError(t, err)
		require.NotEmpty(t, p.Next)
		p, err = f.svc.Comments(ctx, moderator, a.ID, avenir.PageRequest{Limit: 1, After: p.Next})
		require.NoError(t, err)
		assert.Equal(t, []string{"Propos injurieux."}, bodies(p))

		// Hiding the first comment hides the thread, as in any forum: the
		// discussion is gone for its readers and closed to new comments
		// until a moderator or an appeal restores it.
		p, err = f.svc.Comments(ctx, moderator, a.ID, avenir.PageRequest{})
		require.NoError(t, err)
		_, err = f.forums.Decide(ctx, moderator, p.Items[0].ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonPersonalData,
			Text: "Le message donne l’adresse d’une personne."})
		require.NoError(t, err)
		assert.Empty(t, f.comments(t, avenir.Anonymous, a.ID))
		assert.Len(t, f.comments(t, moderator, a.ID), 2)
		_, err = f.svc.Comment(ctx, author, a.ID, "Merci à tous.")
		requireCode(t, err, avenir.CodeConflict)
	})
}

// TestConcurrentFirstCommentsPostgres sends first comments at once to two
// actions of one audience: each action gets one thread holding every
// comment, and the audience one forum.
func TestConcurrentFirstCommentsPostgres(t *testing.T) {
	raceFirstComments(t, storagetest.Postgres(t), 12)
}

func TestConcurrentFirstCommentsSQLite(t *testing.T) {
	raceFirstComments(t, storagetest.SQLite(t), 6)
}

func raceFirstComments(t *testing.T, db *storage.DB, people int) {
	ctx := context.Background()
	f := newFixture(t, db)
	author := f.newActor(t, avenir.StatusActive)
	actions := []solidarity.Action{f.published(t, author, request("Aide 1")), f.published(t, author, request("Aide 2"))}
	actors := make([]avenir.Actor, people)
	for i := range actors {
		actors[i] = f.newActor(t, avenir.StatusActive)
	}
	var wg sync.WaitGroup
	errs := make([]error, people*len(actions))
	for i, who := range actors {
		for j, a := range actions {
			wg.Go(func() {
				_, errs[i*len(actions)+j] = f.svc.Comment(ctx, who, a.ID, fmt.Sprintf("Commentaire %d", i))
			})
		}
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	for _, a := range actions {
		got, err := f.svc.Action(ctx, avenir.Anonymous, a.ID)
		require.NoError(t, err)
		require.False(t, got.Thread.IsZero())
		p, err := f.svc.Comments(ctx, avenir.Anonymous, a.ID, avenir.PageRequest{Limit: avenir.MaxPageSize})
		require.NoError(t, err)
		require.Len(t, p.Items, people)
		for i, c := range p.Items {
			assert.Equal(t, i+1, c.Position)
			assert.Equal(t, got.Thread, c.Thread)
		}
	}
	assert.Equal(t, 1, f.count(t, "avenir_forums"))
	assert.Equal(t, len(actions), f.count(t, "avenir_forum_threads"), "one thread per action")
}

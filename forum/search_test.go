package forum_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func searchAll(t *testing.T, f *fixture, actor avenir.Actor, q string) []forum.Hit {
	t.Helper()
	var hits []forum.Hit
	page := avenir.PageRequest{Limit: 2}
	for range 50 {
		got, err := f.svc.Search(context.Background(), actor, forum.SearchQuery{Text: q}, page)
		require.NoError(t, err)
		hits = append(hits, got.Items...)
		if got.Next == "" {
			return hits
		}
		page.After = got.Next
	}
	t.Fatal("too many pages")
	return nil
}

func postsOf(hits []forum.Hit) []avenir.ID {
	ids := make([]avenir.ID, len(hits))
	for i, h := range hits {
		ids[i] = h.Post
	}
	return ids
}

// TestSearchContract: the same contract on both databases — accents and
// case ignored, ranked (the title counts more), highlighted excerpts in
// which only <mark> is HTML, keyset pages, nothing hidden, pending,
// deleted or private.
func TestSearchContract(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		camille := f.person(t, "Camille", avenir.StatusActive)
		mod := f.person(t, "Modo", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		pub := f.forum(t, "Éducation", avenir.Public)
		internal := f.forum(t, "Vie interne", avenir.Members)

		titled, _ := f.start(t, camille, pub, "L’École de la République", "Un texte sur l’instruction publique.")
		body := f.reply(t, camille, titled, "Il faut des moyens pour l'ÉCOLE <b>publique</b> & laïque > tout.")
		f.reply(t, camille, titled, "La solidarité entre générations.")
		f.reply(t, camille, titled, "Sans rapport : les transports.")
		hidden := f.reply(t, camille, titled, "Une école cachée.")
		deleted := f.reply(t, camille, titled, "Une école effacée.")
		private, _ := f.start(t, camille, internal, "École interne", "Entre nous, l'école.")
		for _, who := range []string{"A", "B", "C"} {
			require.NoError(t, f.svc.Flag(ctx, f.person(t, who, avenir.StatusActive), hidden.ID, forum.FlagInput{Reason: forum.ReasonSpam}))
		}
		require.NoError(t, f.svc.Delete(ctx, camille, deleted.ID))

		hits := searchAll(t, f, avenir.Anonymous, "ecole")
		require.Len(t, hits, 2, "accents and case ignored; hidden, deleted and members-only left out")
		assert.Equal(t, titled.FirstPost, hits[0].Post, "the title weighs more")
		assert.Equal(t, body.ID, hits[1].Post)
		assert.GreaterOrEqual(t, hits[0].Rank, hits[1].Rank)
		assert.Equal(t, "L’École de la République", hits[0].ThreadTitle)
		assert.Equal(t, "Camille", hits[1].AuthorName)
		excerpt := string(hits[1].Excerpt)
		assert.Contains(t, excerpt, "<mark>ÉCOLE</mark>")
		assert.Contains(t, excerpt, "&amp; laïque &gt; tout", "the excerpt's text is escaped")
		assert.NotContains(t, excerpt, "<b>")
		assert.Equal(t, 1, strings.Count(excerpt, "<mark>"))
		assert.Equal(t, strings.Count(excerpt, "<mark>"), strings.Count(excerpt, "</mark>"))

		// Moderators find no hidden or deleted post either; members find
		// the members-only one.
		want := []avenir.ID{titled.FirstPost, body.ID, private.FirstPost}
		assert.ElementsMatch(t, want, postsOf(searchAll(t, f, mod, "Ecole")))
		assert.ElementsMatch(t, want, postsOf(searchAll(t, f, camille, "école")))

		// One forum only.
		got, err := f.svc.Search(ctx, camille, forum.SearchQuery{Text: "école", Forum: internal.ID}, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, got.Items, 1)
		_, err = f.svc.Search(ctx, avenir.Anonymous, forum.SearchQuery{Text: "école", Forum: internal.ID}, avenir.PageRequest{})
		assert.Equal(t, avenir.CodeNotFound, code(err))

		// Stemming on PostgreSQL: a plural finds the singular.
		if db.Dialect() == storage.PostgreSQL {
			assert.Len(t, searchAll(t, f, avenir.Anonymous, "solidarités"), 1)
		}
		assert.Len(t, searchAll(t, f, avenir.Anonymous, "SOLIDARITE"), 1)
		assert.Len(t, searchAll(t, f, avenir.Anonymous, "école transports"), 0, "every word is required")

		// Search syntax cannot break the query.
		for _, q := range []string{`"ecole`, `ecole OR NEAR(`, `ecole*`, `title:ecole`, `-ecole`, `ecole AND (`, `'; DROP TABLE x; --`} {
			_, err := f.svc.Search(ctx, avenir.Anonymous, forum.SearchQuery{Text: q}, avenir.PageRequest{})
			assert.NoError(t, err, q)
		}
		for _, q := range []string{"", "   ", "!!! ?", strings.Repeat("a", forum.MaxQuery+1)} {
			_, err := f.svc.Search(ctx, avenir.Anonymous, forum.SearchQuery{Text: q}, avenir.PageRequest{})
			assert.Equal(t, avenir.CodeInvalid, code(err), "%.20q", q)
		}
		page, err := f.svc.Search(ctx, avenir.Anonymous, forum.SearchQuery{Text: "ecole"}, avenir.PageRequest{Limit: 1})
		require.NoError(t, err)
		require.NotEmpty(t, page.Next)
		_, err = f.svc.Search(ctx, avenir.Anonymous, forum.SearchQuery{Text: "ecole"}, avenir.PageRequest{After: page.Next[1:]})
		assert.Equal(t, avenir.CodeInvalid, code(err), "a tampered cursor")

		// An edit is searched at once; its old words are gone.
		_, err = f.svc.Edit(ctx, camille, body.ID, forum.Draft{Body: "Des moyens pour le collège."})
		require.NoError(t, err)
		assert.Len(t, searchAll(t, f, avenir.Anonymous, "ecole"), 1)
		assert.Equal(t, []avenir.ID{body.ID}, postsOf(searchAll(t, f, avenir.Anonymous, "college")))
	})
}

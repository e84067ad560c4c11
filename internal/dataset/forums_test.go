package dataset

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestNetwork builds a small network and reads it back through the forum
// service: what COPY wrote must be what the service would have written.
func TestNetwork(t *testing.T) {
	db := storagetest.Postgres(t)
	ctx := context.Background()
	spec := Full.Scaled(0.001)
	require.NoError(t, Network(ctx, db, spec))

	counts := map[string]int{}
	for _, table := range []string{"avenir_members", "avenir_forums", "avenir_forum_threads", "avenir_forum_posts"} {
		var n int
		require.NoError(t, db.Bun().QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n))
		counts[table] = n
	}
	assert.Equal(t, map[string]int{"avenir_members": spec.Members, "avenir_forums": spec.Forums,
		"avenir_forum_threads": spec.Threads, "avenir_forum_posts": spec.Posts}, counts)

}

func TestNetworkReadsBack(t *testing.T) {
	db := storagetest.Postgres(t)
	ctx := context.Background()
	require.NoError(t, Network(ctx, db, Full.Scaled(0.001)))
	svc := forum.NewService(db.Forums(), forum.Config{})
	anonymous := avenir.Anonymous
	admin := avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive,
		Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}

	forums, err := svc.Forums(ctx, anonymous)
	require.NoError(t, err)
	assert.Less(t, len(forums), Full.Forums, "members-only and moderators' forums are not public")
	all, err := svc.Forums(ctx, admin)
	require.NoError(t, err)
	assert.Len(t, all, Full.Forums)

	big, err := svc.ForumBySlug(ctx, anonymous, BigForum)
	require.NoError(t, err)
	threads, err := svc.Threads(ctx, anonymous, big.ID, avenir.PageRequest{Limit: 100})
	require.NoError(t, err)
	require.NotEmpty(t, threads.Items)

	// Each thread's reply count is its published replies, as the service
	// keeps it; supports counted on posts are rows in the supports table.
	for _, th := range threads.Items {
		posts, err := svc.Posts(ctx, admin, th.ID, avenir.PageRequest{Limit: avenir.MaxPageSize})
		require.NoError(t, err)
		published := 0
		for _, p := range posts.Items {
			if p.State == forum.Published && p.Position > 1 {
				published++
			}
		}
		if posts.Next == "" {
			assert.Equal(t, published, th.Replies, "thread %s", th.ID)
		}
	}
	var mismatched int
	require.NoError(t, db.Bun().QueryRowContext(ctx, `SELECT count(*) FROM avenir_forum_posts p
		WHERE p.support_count <> (SELECT count(*) FROM avenir_forum_supports s WHERE s.post_id = p.id)`).Scan(&mismatched))
	assert.Zero(t, mismatched)

	hits, err := svc.Search(ctx, anonymous, forum.SearchQuery{Text: "solidarite"}, avenir.PageRequest{})
	require.NoError(t, err)
	assert.NotEmpty(t, hits.Items, "the prose speaks of solidarité; search finds it without the accent")
}

func TestNetworkNeedsPostgres(t *testing.T) {
	db := storagetest.SQLite(t)
	assert.Error(t, Network(context.Background(), db, Full.Scaled(0.001)))
}

package dataset

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestCached(t *testing.T) {
	dsn := storagetest.PostgresDSN(t) // a server to build on; Cached makes its own database
	ctx := context.Background()
	key := "test_" + randomKey(t)
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", dsn)
		require.NoError(t, err)
		defer admin.Close()
		_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS avenir_dataset_"+key+" WITH (FORCE)")
		assert.NoError(t, err)
	})

	builds := 0
	build := func(ctx context.Context, db *storage.DB) error {
		builds++
		_, err := Members(ctx, db, 20, NewProse(7))
		return err
	}
	tests := []struct {
		name   string
		before func(db *storage.DB)
		builds int
	}{
		{name: "first use builds", builds: 1},
		{name: "second use reuses", builds: 1},
		{name: "an unfinished build is rebuilt", before: func(db *storage.DB) {
			_, err := db.Bun().ExecContext(ctx, "DELETE FROM avenir_dataset")
			require.NoError(t, err)
		}, builds: 2},
		{name: "a missing migration rebuilds", before: func(db *storage.DB) {
			_, err := db.Bun().ExecContext(ctx, "DELETE FROM avenir_migrations WHERE id = (SELECT max(id) FROM avenir_migrations)")
			require.NoError(t, err)
		}, builds: 3},
	}
	var last *storage.DB
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != nil {
				tt.before(last)
			}
			if last != nil {
				last.Close()
			}
			db, err := Cached(ctx, dsn, key, build)
			require.NoError(t, err)
			last = db
			assert.Equal(t, tt.builds, builds)
			var n int
			require.NoError(t, db.Bun().QueryRowContext(ctx, "SELECT count(*) FROM avenir_members").Scan(&n))
			assert.Equal(t, 20, n, "a rebuild starts from an empty database")
		})
	}
	last.Close()

	_, err := Cached(ctx, dsn, "Bad-Key; DROP", build)
	assert.Error(t, err)
	_, err = Cached(ctx, "sqlite:x.db", key, build)
	assert.Error(t, err)
}

func randomKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 6)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return hex.EncodeToString(b)
}

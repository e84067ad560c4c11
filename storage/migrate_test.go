package storage_test

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestMigrate(t *testing.T) {
	storagetest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := storage.Open(ctx, dsn)
		require.NoError(t, err)
		defer db.Close()

		before, err := db.Migrations(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, before)
		for _, m := range before {
			assert.Len(t, m.Name, 14, "14-digit timestamped name")
			assert.True(t, m.AppliedAt.IsZero(), "%s pending before Migrate", m.Name)
		}

		require.NoError(t, db.Migrate(ctx))
		require.NoError(t, db.Migrate(ctx), "migrating twice is a no-op")

		after, err := db.Migrations(ctx)
		require.NoError(t, err)
		require.Len(t, after, len(before))
		for _, m := range after {
			assert.False(t, m.AppliedAt.IsZero(), "%s applied", m.Name)
		}
		var n int
		require.NoError(t, db.Bun().NewSelect().TableExpr("avenir_outbox").ColumnExpr("count(*)").Scan(ctx, &n))
		assert.Zero(t, n)
	})
}

func TestFailingMigrationIsReportedAndNotApplied(t *testing.T) {
	good := &fstest.MapFile{Data: []byte("CREATE TABLE t_good (id INTEGER PRIMARY KEY)")}
	bad := &fstest.MapFile{Data: []byte("CREATE TABLE t_half (id INTEGER PRIMARY KEY);\n--bun:split\nINSERT INTO no_such_table VALUES (1)")}
	fixed := &fstest.MapFile{Data: []byte("CREATE TABLE t_half (id INTEGER PRIMARY KEY)")}

	storagetest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := storage.Open(ctx, dsn)
		require.NoError(t, err)
		defer db.Close()

		err = db.RunMigrationsFS(ctx, fstest.MapFS{
			"20260101000000_good.tx.up.sql": good,
			"20260101000001_bad.tx.up.sql":  bad,
		})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "20260101000001", "the error names the failing migration")

		applied := appliedNames(t, db)
		assert.Contains(t, applied, "20260101000000")
		assert.NotContains(t, applied, "20260101000001", "a failed migration is not marked applied")
		assert.True(t, tableExists(t, db, "t_good"))
		assert.False(t, tableExists(t, db, "t_half"), "the failed migration was rolled back whole")

		// The lock was released: the fixed migration runs.
		require.NoError(t, db.RunMigrationsFS(ctx, fstest.MapFS{
			"20260101000000_good.tx.up.sql": good,
			"20260101000001_bad.tx.up.sql":  fixed,
		}))
		assert.Contains(t, appliedNames(t, db), "20260101000001")
		assert.True(t, tableExists(t, db, "t_half"))
	})
}

func appliedNames(t *testing.T, db *storage.DB) []string {
	t.Helper()
	var names []string
	require.NoError(t, db.Bun().NewSelect().TableExpr("avenir_migrations").Column("name").Scan(context.Background(), &names))
	return names
}

func tableExists(t *testing.T, db *storage.DB, name string) bool {
	t.Helper()
	var n int
	q := "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()"
	if db.Dialect() == storage.SQLite {
		q = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	}
	require.NoError(t, db.Bun().NewRaw(q, name).Scan(context.Background(), &n))
	return n == 1
}

// TestDialectTwins: a file in a dialect's folder replaces the common one of
// the same name on that database only.
func TestDialectTwins(t *testing.T) {
	fsys := fstest.MapFS{
		"common/20260101000000_t.tx.up.sql":   {Data: []byte("CREATE TABLE t_common (id INTEGER PRIMARY KEY)")},
		"sqlite/20260101000000_t.tx.up.sql":   {Data: []byte("CREATE TABLE t_sqlite (id INTEGER PRIMARY KEY)")},
		"common/20260101000001_u.tx.up.sql":   {Data: []byte("CREATE TABLE u_common (id INTEGER PRIMARY KEY)")},
		"postgres/20260101000001_u.tx.up.sql": {Data: []byte("CREATE TABLE u_postgres (id INTEGER PRIMARY KEY)")},
		// A migration of one dialect with no common twin (each dialect
		// gives its own, as the forum search does).
		"sqlite/20260101000002_v.tx.up.sql":   {Data: []byte("CREATE TABLE v_sqlite (id INTEGER PRIMARY KEY)")},
		"postgres/20260101000002_v.tx.up.sql": {Data: []byte("CREATE TABLE v_postgres (id INTEGER PRIMARY KEY)")},
	}
	storagetest.EachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := storage.Open(ctx, dsn)
		require.NoError(t, err)
		defer db.Close()
		require.NoError(t, db.RunMigrationsFor(ctx, fsys))
		want := map[storage.Dialect][]string{
			storage.SQLite:     {"t_sqlite", "u_common", "v_sqlite"},
			storage.PostgreSQL: {"t_common", "u_postgres", "v_postgres"},
		}[db.Dialect()]
		for _, table := range []string{"t_common", "t_sqlite", "u_common", "u_postgres", "v_sqlite", "v_postgres"} {
			assert.Equal(t, slices.Contains(want, table), tableExists(t, db, table), table)
		}
	})
}

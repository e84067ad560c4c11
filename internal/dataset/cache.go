package dataset

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
	"time"

	"github.com/avenirnet/avenir/storage"
)

// validKey is what a dataset's key may hold: it becomes part of a database
// name.
var validKey = regexp.MustCompile(`^[a-z0-9_]{1,40}$`)

// Cached returns a PostgreSQL database holding the dataset that build writes,
// on the server serverDSN points at. The database, avenir_dataset_<key>, is
// kept between runs so that a benchmark pays for a million posts once; it is
// dropped and built again when a build did not finish, or when the code has
// a migration the database lacks (the dataset would miss its columns). key
// names the dataset's shape and seed: change it when build changes.
func Cached(ctx context.Context, serverDSN, key string, build func(ctx context.Context, db *storage.DB) error) (*storage.DB, error) {
	if !validKey.MatchString(key) {
		return nil, fmt.Errorf("dataset: key %q: want 1 to 40 of a-z, 0-9 and _", key)
	}
	u, err := url.Parse(serverDSN)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("dataset: %q is not a postgres:// URL", serverDSN)
	}
	admin, err := sql.Open("pgx", serverDSN)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	name := "avenir_dataset_" + key
	target := CachedDSN(serverDSN, key)

	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	if exists {
		db, err := storage.Open(ctx, target)
		if err != nil {
			return nil, err
		}
		if complete(ctx, db) {
			return db, nil
		}
		db.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			return nil, fmt.Errorf("dataset: drop the stale %s: %w", name, err)
		}
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("dataset: create %s: %w", name, err)
	}
	db, err := storage.Open(ctx, target, storage.WithMigrate())
	if err != nil {
		return nil, err
	}
	if err := build(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("dataset: build %s: %w", name, err)
	}
	// ANALYZE gives the planner the statistics a long-lived database has.
	for _, q := range []string{
		"ANALYZE",
		"CREATE TABLE avenir_dataset (built_at timestamptz NOT NULL)",
	} {
		if _, err := db.Bun().ExecContext(ctx, q); err != nil {
			db.Close()
			return nil, fmt.Errorf("dataset: %w", err)
		}
	}
	if _, err := db.Bun().ExecContext(ctx, "INSERT INTO avenir_dataset (built_at) VALUES (?)", time.Now().UTC()); err != nil {
		db.Close()
		return nil, fmt.Errorf("dataset: %w", err)
	}
	return db, nil
}

// complete reports whether db holds a finished build and every migration the
// code has.
func complete(ctx context.Context, db *storage.DB) bool {
	var n int
	if err := db.Bun().QueryRowContext(ctx, "SELECT count(*) FROM avenir_dataset").Scan(&n); err != nil || n != 1 {
		return false
	}
	ms, err := db.Migrations(ctx)
	if err != nil {
		return false
	}
	for _, m := range ms {
		if m.AppliedAt.IsZero() {
			return false
		}
	}
	return true
}

// CachedDSN is the DSN of the database Cached keeps for key on the server
// serverDSN points at.
func CachedDSN(serverDSN, key string) string {
	u, err := url.Parse(serverDSN)
	if err != nil {
		return ""
	}
	u.Path = "/avenir_dataset_" + key
	return u.String()
}

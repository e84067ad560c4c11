package storage

import (
	"context"
	"io/fs"

	"github.com/uptrace/bun/migrate"
)

// Translate exposes translate to the tests.
var Translate = translate

// MaxTxAttempts exposes the retry bound to the tests.
const MaxTxAttempts = maxTxAttempts

// RunMigrationsFS runs the migrations found in fsys as Migrate runs the
// embedded ones, so that tests can make one fail.
func (db *DB) RunMigrationsFS(ctx context.Context, fsys fs.FS) error {
	ms := migrate.NewMigrations()
	if err := ms.Discover(fsys); err != nil {
		return err
	}
	return db.runMigrations(ctx, ms)
}

// RunMigrationsFor runs the migrations of fsys (common/ and dialect twins)
// for the database's dialect.
func (db *DB) RunMigrationsFor(ctx context.Context, fsys fs.FS) error {
	ms, err := migrationsFor(fsys, db.dialect)
	if err != nil {
		return err
	}
	return db.runMigrations(ctx, ms)
}

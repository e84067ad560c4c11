package storage

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/uptrace/bun/migrate"

	"github.com/avenirnet/avenir"
)

// The migrations, embedded in the binary. A migration in common/ runs on both
// databases; one in postgres/ or sqlite/ with the same name is its
// dialect-specific twin and replaces it there. Names are 14-digit timestamps
// (YYYYMMDDhhmmss) and a comment; ".tx.up.sql" runs in one transaction, so a
// failing migration leaves nothing half-done and is not marked applied.
//
//go:embed migrations
var migrationFiles embed.FS

const (
	migrationsTable = "avenir_migrations"
	locksTable      = "avenir_migration_locks"
	lockWait        = 30 * time.Second
)

// migrations returns the embedded migrations for the database's dialect.
func (db *DB) migrations() (*migrate.Migrations, error) {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	return migrationsFor(sub, db.dialect)
}

// migrationsFor reads the migrations of fsys for a dialect: those of
// common/, each replaced by its twin of the same name in the dialect's
// folder when there is one.
func migrationsFor(fsys fs.FS, dialect Dialect) (*migrate.Migrations, error) {
	ms := migrate.NewMigrations()
	for _, dir := range []string{"common", string(dialect)} {
		if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
			continue // no dialect-specific twin
		}
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			return nil, err
		}
		if err := ms.Discover(sub); err != nil {
			return nil, err
		}
	}
	return ms, nil
}

// Migrate applies the pending migrations, holding the migrator's lock so that
// two servers starting at once do not both migrate. It waits up to 30 seconds
// for a lock another process holds. A migration that fails is rolled back,
// reported, and not marked applied.
func (db *DB) Migrate(ctx context.Context) error {
	ms, err := db.migrations()
	if err != nil {
		return avenir.Internal(fmt.Errorf("storage: read migrations: %w", err))
	}
	return db.runMigrations(ctx, ms)
}

func (db *DB) runMigrations(ctx context.Context, ms *migrate.Migrations) error {
	m := migrate.NewMigrator(db.bun, ms,
		migrate.WithTableName(migrationsTable),
		migrate.WithLocksTableName(locksTable),
		migrate.WithMarkAppliedOnSuccess(true),
	)
	if err := initMigrator(ctx, m); err != nil {
		return avenir.Internal(fmt.Errorf("storage: init migrations: %w", err))
	}
	if err := lock(ctx, m); err != nil {
		return err
	}
	defer func() {
		if err := m.Unlock(context.WithoutCancel(ctx)); err != nil {
			db.log.Error("cannot release the migration lock", "err", err)
		}
	}()
	group, err := m.Migrate(ctx)
	if err != nil {
		return avenir.Internal(fmt.Errorf("storage: migrate %s: %w", db.dialect, err))
	}
	if !group.IsZero() {
		db.log.InfoContext(ctx, "database migrated", "dialect", db.dialect, "migrations", group.Migrations.String())
	}
	return nil
}

// initMigrator creates the migrator's tables; two processes doing it at once
// may collide on PostgreSQL's catalog, so a failure is tried once more.
func initMigrator(ctx context.Context, m *migrate.Migrator) error {
	if err := m.Init(ctx); err != nil {
		time.Sleep(100 * time.Millisecond)
		return m.Init(ctx)
	}
	return nil
}

func lock(ctx context.Context, m *migrate.Migrator) error {
	deadline := time.Now().Add(lockWait)
	for {
		err := m.Lock(ctx)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return avenir.Wrap(avenir.CodeConflict,
				fmt.Errorf("storage: %w (if no other process is migrating, delete the row of %s)", err, locksTable),
				"The migrations are locked by another process.")
		}
		select {
		case <-time.After(250 * time.Millisecond):
		case <-ctx.Done():
		}
	}
}

// Migration is the state of one migration.
type Migration struct {
	Name      string    // the 14-digit timestamp
	Comment   string    // what it does
	AppliedAt time.Time // zero while pending
}

// Migrations lists every migration, applied or pending, oldest first.
func (db *DB) Migrations(ctx context.Context) ([]Migration, error) {
	ms, err := db.migrations()
	if err != nil {
		return nil, avenir.Internal(err)
	}
	m := migrate.NewMigrator(db.bun, ms, migrate.WithTableName(migrationsTable), migrate.WithLocksTableName(locksTable))
	if err := initMigrator(ctx, m); err != nil {
		return nil, translate(err)
	}
	list, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return nil, translate(err)
	}
	out := make([]Migration, 0, len(list))
	for _, x := range list {
		mig := Migration{Name: x.Name, Comment: x.Comment}
		if x.IsApplied() {
			mig.AppliedAt = x.MigratedAt.UTC()
		}
		out = append(out, mig)
	}
	return out, nil
}

// Package storagetest hands tests a fresh, migrated database, and runs the
// same test code on SQLite and on PostgreSQL.
//
//	func TestThreads(t *testing.T) {
//		storagetest.Run(t, func(t *testing.T, db *storage.DB) {
//			// … the same assertions on both databases
//		})
//	}
//
// SQLite is always there: each test gets its own database file in a
// temporary folder. PostgreSQL comes from, in order:
//
//  1. AVENIR_TEST_POSTGRES_DSN, a postgres:// URL of a role that may create
//     databases: each test gets a database of its own, dropped after it;
//  2. otherwise a postgres:16 container started through dockertest when a
//     Docker daemon answers (one per test process, removed within 10 minutes);
//  3. otherwise the PostgreSQL half is skipped with a message that says how to
//     enable it — except when CI=true, where a missing PostgreSQL fails.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/avenirnet/avenir/storage"
)

// EnvPostgresDSN names the variable that points the tests at a PostgreSQL server.
const EnvPostgresDSN = "AVENIR_TEST_POSTGRES_DSN"

// Run runs fn as two subtests, "sqlite" and "postgres", each on a fresh
// migrated database. opts are passed to storage.Open (a clock, say).
func Run(t *testing.T, fn func(t *testing.T, db *storage.DB), opts ...storage.Option) {
	t.Helper()
	EachDSN(t, func(t *testing.T, dsn string) {
		fn(t, open(t, dsn, opts))
	})
}

// EachDSN runs fn as two subtests, "sqlite" and "postgres", each with the DSN
// of a fresh, empty database (not migrated): for tests of Open and migrations.
func EachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLiteDSN(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresDSN(t)) })
}

// SQLite returns a fresh migrated SQLite database, closed after the test.
func SQLite(t testing.TB, opts ...storage.Option) *storage.DB {
	t.Helper()
	return open(t, SQLiteDSN(t), opts)
}

// Postgres returns a fresh migrated PostgreSQL database, dropped after the
// test; it skips the test (or fails it, with CI=true) when no PostgreSQL is
// available.
func Postgres(t testing.TB, opts ...storage.Option) *storage.DB {
	t.Helper()
	return open(t, PostgresDSN(t), opts)
}

func open(t testing.TB, dsn string, opts []storage.Option) *storage.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := storage.Open(ctx, dsn, append([]storage.Option{storage.WithMigrate()}, opts...)...)
	if err != nil {
		t.Fatalf("storagetest: open %s: %v", redact(dsn), err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// SQLiteDSN returns the DSN of a new SQLite database file in the test's
// temporary folder.
func SQLiteDSN(t testing.TB) string {
	t.Helper()
	return "sqlite:" + filepath.Join(t.TempDir(), "avenir.db")
}

// PostgresDSN creates an empty PostgreSQL database for the test, drops it
// after the test, and returns its DSN.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	srv := postgresServer()
	if srv.err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("storagetest: PostgreSQL is required when CI=true: %v", srv.err)
		}
		t.Skipf("storagetest: PostgreSQL half skipped (%v). Set %s=postgres://user@host:5432/db?sslmode=disable, or start Docker, to run it.", srv.err, EnvPostgresDSN)
	}
	name := "avenir_test_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := srv.admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("storagetest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := srv.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("storagetest: drop database %s: %v", name, err)
		}
	})
	u := *srv.url
	u.Path = "/" + name
	return u.String()
}

type server struct {
	url   *url.URL
	admin *sql.DB
	err   error
}

var (
	serverOnce sync.Once
	srv        server
)

// postgresServer finds a PostgreSQL server once per test process.
func postgresServer() *server {
	serverOnce.Do(func() {
		dsn := os.Getenv(EnvPostgresDSN)
		if dsn == "" {
			dsn, srv.err = startDocker()
			if srv.err != nil {
				return
			}
		}
		u, err := url.Parse(dsn)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			srv.err = fmt.Errorf("%s must be a postgres:// URL", EnvPostgresDSN)
			return
		}
		admin, err := sql.Open("pgx", dsn)
		if err != nil {
			srv.err = err
			return
		}
		admin.SetMaxOpenConns(4)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := admin.PingContext(ctx); err != nil {
			srv.err = fmt.Errorf("PostgreSQL at %s does not answer: %w", redact(dsn), err)
			admin.Close()
			return
		}
		srv.url, srv.admin = u, admin
	})
	return &srv
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return strings.TrimSpace(dsn)
}

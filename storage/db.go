package storage

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go

	"github.com/avenirnet/avenir"
)

// Dialect names the database behind a DB.
type Dialect string

// The supported dialects.
const (
	PostgreSQL Dialect = "postgres"
	SQLite     Dialect = "sqlite"
)

// DB is Avenir's database: a bun.DB on PostgreSQL or SQLite, with the
// transaction handling, error translation and migrations every store shares.
// It is safe for concurrent use and holds no state that two application
// servers on the same database would disagree on.
type DB struct {
	bun     *bun.DB
	dialect Dialect
	clock   avenir.Clock
	log     *slog.Logger
}

// Option configures Open.
type Option func(*options)

type options struct {
	migrate  bool
	clock    avenir.Clock
	log      *slog.Logger
	maxConns int
}

// WithMigrate applies pending migrations before Open returns.
func WithMigrate() Option { return func(o *options) { o.migrate = true } }

// WithClock sets the clock of the stores (default avenir.SystemClock).
func WithClock(c avenir.Clock) Option { return func(o *options) { o.clock = c } }

// WithLogger sets the logger for migrations and retried transactions
// (default: discard).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithMaxOpenConns limits the connection pool (default: 25 on PostgreSQL, 8
// on a SQLite file, 1 for an in-memory SQLite database).
func WithMaxOpenConns(n int) Option { return func(o *options) { o.maxConns = n } }

// Open connects to the database named by dsn:
//
//   - postgres://… or postgresql://… : PostgreSQL, through pgx;
//   - sqlite:PATH, file:PATH, or a bare file path: SQLite in WAL mode with a
//     busy timeout and foreign keys on; the file's folder is created if
//     missing. sqlite::memory: is a private in-memory database on a single
//     connection.
//
// Any other scheme is an invalid error. Open pings the database before it
// returns.
func Open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	o := options{clock: avenir.SystemClock, log: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(&o)
	}
	dialect, driverDSN, memory, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	var db *bun.DB
	switch dialect {
	case PostgreSQL:
		sqldb, err := sql.Open("pgx", driverDSN)
		if err != nil {
			return nil, avenir.Wrap(avenir.CodeInvalid, err, "The database address is not valid.")
		}
		sqldb.SetMaxOpenConns(orDefault(o.maxConns, 25))
		sqldb.SetMaxIdleConns(orDefault(o.maxConns, 25))
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		db = bun.NewDB(sqldb, pgdialect.New())
	case SQLite:
		sqldb, err := sql.Open("sqlite", driverDSN)
		if err != nil {
			return nil, avenir.Wrap(avenir.CodeInvalid, err, "The database address is not valid.")
		}
		max := orDefault(o.maxConns, 8)
		if memory {
			// Each connection to :memory: is a database of its own; one
			// connection keeps them one.
			max = 1
		}
		sqldb.SetMaxOpenConns(max)
		sqldb.SetMaxIdleConns(max)
		sqldb.SetConnMaxLifetime(0)
		db = bun.NewDB(sqldb, sqlitedialect.New())
	}
	d := &DB{bun: db, dialect: dialect, clock: o.clock, log: o.log}
	if err := d.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if o.migrate {
		if err := d.Migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return d, nil
}

func orDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

// parseDSN tells the dialect of dsn and returns the DSN its driver takes.
func parseDSN(dsn string) (dialect Dialect, driverDSN string, memory bool, err error) {
	scheme, rest, hasScheme := strings.Cut(dsn, ":")
	if !hasScheme || len(scheme) == 1 || strings.ContainsAny(scheme, `/\.`) {
		// A bare path (or a Windows drive letter).
		scheme, rest = "sqlite", dsn
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		if _, err := url.Parse(dsn); err != nil {
			return "", "", false, avenir.Wrap(avenir.CodeInvalid, err, "The database address is not valid.")
		}
		return PostgreSQL, dsn, false, nil
	case "sqlite", "sqlite3", "file":
		path, query, _ := strings.Cut(strings.TrimPrefix(rest, "//"), "?")
		if path == "" {
			return "", "", false, avenir.Errorf(avenir.CodeInvalid, "The database address %q names no file.", dsn)
		}
		memory = path == ":memory:"
		params := url.Values{}
		if query != "" {
			if params, err = url.ParseQuery(query); err != nil {
				return "", "", false, avenir.Wrap(avenir.CodeInvalid, err, "The database address is not valid.")
			}
		}
		// foreign keys on; a writer waits for another instead of failing at
		// once; transactions take the write lock when they begin, so that
		// two of them never deadlock upgrading a read lock.
		params.Add("_pragma", "foreign_keys(1)")
		params.Add("_pragma", "busy_timeout(10000)")
		if !memory {
			params.Add("_pragma", "journal_mode(WAL)")
			params.Add("_pragma", "synchronous(NORMAL)")
			if dir := filepath.Dir(path); dir != "." {
				if err := os.MkdirAll(dir, 0o750); err != nil {
					return "", "", false, avenir.Wrap(avenir.CodeInvalid, err, "The database folder cannot be created.")
				}
			}
		}
		if !params.Has("_txlock") {
			params.Set("_txlock", "immediate")
		}
		return SQLite, "file:" + path + "?" + params.Encode(), memory, nil
	default:
		return "", "", false, avenir.Errorf(avenir.CodeInvalid,
			"The database address %q has an unknown scheme %q: use postgres://… or a SQLite file path.", redactDSN(dsn), scheme)
	}
}

// redactDSN hides a password in a DSN that goes into a message.
func redactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	if len(dsn) > 80 {
		return dsn[:80] + "…"
	}
	return dsn
}

// Dialect returns the database's dialect.
func (db *DB) Dialect() Dialect { return db.dialect }

// Bun returns the underlying bun.DB, for programs that add tables of their
// own and for benchmarks that compare hand-written SQL.
func (db *DB) Bun() *bun.DB { return db.bun }

// Clock returns the clock the stores use.
func (db *DB) Clock() avenir.Clock { return db.clock }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.bun.PingContext(ctx); err != nil {
		return avenir.Wrap(avenir.CodeInternal, fmt.Errorf("storage: ping %s: %w", db.dialect, err), "")
	}
	return nil
}

// Close closes the connection pool.
func (db *DB) Close() error { return db.bun.Close() }

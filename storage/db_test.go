package storage_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestOpenRejectsBadDSN(t *testing.T) {
	tests := []struct {
		name, dsn, want string
	}{
		{"unknown scheme", "mysql://root@localhost/avenir", `unknown scheme "mysql"`},
		{"unknown scheme hides password", "redis://u:secret@localhost/0", "xxxxx"},
		{"sqlite without a file", "sqlite:", "names no file"},
		{"file without a file", "file:", "names no file"},
		{"bad sqlite parameters", "sqlite:x.db?%zz", "not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := storage.Open(context.Background(), tt.dsn)
			require.Error(t, err)
			assert.Nil(t, db)
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))
			msg := avenir.Message(err, language.English)
			assert.Contains(t, msg, tt.want)
			assert.NotContains(t, msg, "secret")
		})
	}
}

func TestOpenUnknownSchemeInFrench(t *testing.T) {
	_, err := storage.Open(context.Background(), "mongodb://localhost")
	require.Error(t, err)
	assert.Contains(t, avenir.Message(err, language.French), "schéma inconnu")
}

func TestOpenSQLiteForms(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, dsn string }{
		{"bare path in a new folder", filepath.Join(dir, "new", "folder", "a.db")},
		{"sqlite scheme", "sqlite:" + filepath.Join(dir, "b.db")},
		{"file scheme", "file:" + filepath.Join(dir, "c.db")},
		{"in memory", "sqlite::memory:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := storage.Open(ctx, tt.dsn, storage.WithMigrate())
			require.NoError(t, err)
			defer db.Close()
			assert.Equal(t, storage.SQLite, db.Dialect())
			require.NoError(t, db.Ping(ctx))

			var fk, timeout int
			require.NoError(t, db.Bun().QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk))
			require.NoError(t, db.Bun().QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&timeout))
			assert.Equal(t, 1, fk, "foreign keys on")
			assert.Positive(t, timeout, "busy timeout set")
			if tt.name != "in memory" {
				var mode string
				require.NoError(t, db.Bun().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode))
				assert.Equal(t, "wal", mode)
			}
		})
	}
	_, err := os.Stat(filepath.Join(dir, "new", "folder", "a.db"))
	assert.NoError(t, err, "the file and its folders were created")
}

func TestOpenPostgres(t *testing.T) {
	dsn := storagetest.PostgresDSN(t)
	db, err := storage.Open(context.Background(), dsn)
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, storage.PostgreSQL, db.Dialect())
}

package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestDriverErrorsTranslated provokes each kind of constraint failure on the
// real databases and checks that both give the same avenir code.
func TestDriverErrorsTranslated(t *testing.T) {
	tests := []struct {
		name     string
		sql      string
		wantCode avenir.Code
		wantMsg  string
	}{
		{"unique violation", "INSERT INTO t_parent (id, name) VALUES (1, 'same')", avenir.CodeConflict, "Cela existe déjà."},
		{"primary key violation", "INSERT INTO t_parent (id, name) VALUES (1, 'other')", avenir.CodeConflict, "Cela existe déjà."},
		{"foreign key violation", "INSERT INTO t_child (id, parent_id) VALUES (1, 999)", avenir.CodeConflict, "Un élément référencé n’existe pas."},
		{"not null violation", "INSERT INTO t_parent (id, name) VALUES (3, NULL)", avenir.CodeInvalid, "Une valeur obligatoire est manquante."},
		{"check violation", "INSERT INTO t_parent (id, name) VALUES (4, '')", avenir.CodeInvalid, "Une valeur enfreint une règle."},
		{"syntax error is internal", "INSERT INTO nowhere", avenir.CodeInternal, "Une erreur s’est produite de notre côté."},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		for _, q := range []string{
			"CREATE TABLE t_parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE CHECK (name <> ''))",
			"CREATE TABLE t_child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES t_parent (id))",
			"INSERT INTO t_parent (id, name) VALUES (1, 'same')",
		} {
			_, err := db.Bun().ExecContext(ctx, q)
			require.NoError(t, err)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, raw := db.Bun().ExecContext(ctx, tt.sql)
				require.Error(t, raw)
				err := storage.Translate(raw)
				assert.Equal(t, tt.wantCode, avenir.ErrorCode(err), "raw error: %v", raw)
				assert.Equal(t, tt.wantMsg, avenir.Message(err, language.French))
				assert.ErrorIs(t, err, raw, "the driver error stays in the chain for logs")
			})
		}
	})
}

func TestTranslateKeepsAvenirErrorsAndNoRows(t *testing.T) {
	assert.Nil(t, storage.Translate(nil))
	own := avenir.Errorf(avenir.CodeForbidden, "Not yours.")
	assert.Same(t, own, storage.Translate(own))
	assert.Equal(t, avenir.CodeNotFound, avenir.ErrorCode(storage.Translate(sql.ErrNoRows)))
	assert.Equal(t, avenir.CodeInternal, avenir.ErrorCode(storage.Translate(errors.New("disk on fire"))))
	assert.Equal(t, avenir.CodeInternal, avenir.ErrorCode(storage.Translate(context.Canceled)))
	assert.ErrorIs(t, storage.Translate(context.Canceled), context.Canceled)
}

func TestDuplicateEventIsConflictOnBothDatabases(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		e := newEvent(t, "member.joined")
		require.NoError(t, db.Record(context.Background(), e))
		err := db.Record(context.Background(), e)
		require.ErrorIs(t, err, avenir.ErrConflict)
		assert.Equal(t, "This already exists.", avenir.Message(err, language.English))
	})
}

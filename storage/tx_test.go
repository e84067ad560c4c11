package storage_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func newEvent(t testing.TB, typ string) avenir.Event {
	t.Helper()
	e, err := avenir.NewEvent(avenir.SystemClock, typ, avenir.NewID(), avenir.NewID(), avenir.Members, map[string]int{"n": 1})
	require.NoError(t, err)
	return e
}

func countEvents(t testing.TB, db *storage.DB) int {
	t.Helper()
	n, err := db.Bun().NewSelect().TableExpr("avenir_outbox").Count(context.Background())
	require.NoError(t, err)
	return int(n)
}

func TestInTx(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name      string
		fn        func(ctx context.Context, db *storage.DB) error
		wantErr   error
		wantCount int
	}{
		{
			name: "commits every write",
			fn: func(ctx context.Context, db *storage.DB) error {
				return db.Record(ctx, newEvent(t, "a.done"), newEvent(t, "b.done"))
			},
			wantCount: 2,
		},
		{
			name: "an error rolls back every write",
			fn: func(ctx context.Context, db *storage.DB) error {
				if err := db.Record(ctx, newEvent(t, "a.done")); err != nil {
					return err
				}
				return boom
			},
			wantErr: boom,
		},
		{
			name: "a nested call joins the outer transaction",
			fn: func(ctx context.Context, db *storage.DB) error {
				if err := db.Record(ctx, newEvent(t, "outer.done")); err != nil {
					return err
				}
				err := db.InTx(ctx, func(ctx context.Context) error {
					if !db.InTransaction(ctx) {
						return errors.New("nested call is outside the transaction")
					}
					return db.Record(ctx, newEvent(t, "inner.done"))
				})
				if err != nil {
					return err
				}
				return boom // the outer failure undoes the inner write too
			},
			wantErr: boom,
		},
		{
			name: "a failed statement aborts the whole transaction",
			fn: func(ctx context.Context, db *storage.DB) error {
				e := newEvent(t, "a.done")
				if err := db.Record(ctx, e); err != nil {
					return err
				}
				return db.Record(ctx, e) // duplicate key
			},
			wantErr: avenir.ErrConflict,
		},
	}
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := db.Bun().NewDelete().TableExpr("avenir_outbox").Where("1 = 1").Exec(context.Background())
				require.NoError(t, err)
				err = db.InTx(context.Background(), func(ctx context.Context) error { return tt.fn(ctx, db) })
				if tt.wantErr != nil {
					require.ErrorIs(t, err, tt.wantErr)
				} else {
					require.NoError(t, err)
				}
				assert.Equal(t, tt.wantCount, countEvents(t, db))
			})
		}
	})
}

func TestInTxRetriesSerializationFailures(t *testing.T) {
	serialization := &pgconn.PgError{Code: "40001", Message: "could not serialize access"}
	deadlock := &pgconn.PgError{Code: "40P01", Message: "deadlock detected"}
	unique := &pgconn.PgError{Code: "23505", Message: "duplicate key"}
	tests := []struct {
		name         string
		failures     int // how many attempts fail before one succeeds
		err          error
		wantAttempts int
		wantCode     avenir.Code
	}{
		{"serialization failure then success", 2, serialization, 3, ""},
		{"deadlock then success", 1, deadlock, 2, ""},
		{"gives up after the bound", 100, serialization, storage.MaxTxAttempts, avenir.CodeConflict},
		{"other errors are not retried", 100, unique, 1, avenir.CodeConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storagetest.SQLite(t)
			var attempts int
			err := db.InTx(context.Background(), func(ctx context.Context) error {
				attempts++
				if err := db.Record(ctx, newEvent(t, "try.done")); err != nil {
					return err
				}
				if attempts <= tt.failures {
					return tt.err
				}
				return nil
			})
			assert.Equal(t, tt.wantAttempts, attempts)
			assert.Equal(t, tt.wantCode, avenir.ErrorCode(err))
			want := 0
			if tt.wantCode == "" {
				want = 1
			}
			assert.Equal(t, want, countEvents(t, db), "only the successful attempt's write remains")
		})
	}
}

// TestConcurrentWritesSQLite: writers on a SQLite file wait for each other
// instead of failing with "database is locked".
func TestConcurrentWritesSQLite(t *testing.T) {
	db := storagetest.SQLite(t)
	const writers, each = 16, 20
	var wg sync.WaitGroup
	var failures atomic.Int32
	errs := make(chan error, writers*each)
	start := make(chan struct{})
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range each {
				err := db.InTx(context.Background(), func(ctx context.Context) error {
					// Read then write in one transaction: the pattern that
					// deadlocks with deferred SQLite transactions.
					if _, err := db.IDB(ctx).NewSelect().TableExpr("avenir_outbox").Count(ctx); err != nil {
						return err
					}
					return db.Record(ctx, newEvent(t, "concurrent.write"))
				})
				if err != nil {
					failures.Add(1)
					errs <- err
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NotContains(t, strings.ToLower(err.Error()), "locked")
		t.Error(err)
	}
	assert.Zero(t, failures.Load())
	assert.Equal(t, writers*each, countEvents(t, db))
}

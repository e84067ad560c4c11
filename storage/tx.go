package storage

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/uptrace/bun"
)

// maxTxAttempts bounds the retries of a transaction that failed on a
// serialization failure, a deadlock or a busy SQLite database.
const maxTxAttempts = 5

type txKey struct{}

type txState struct {
	db *DB
	tx bun.Tx
}

// InTx runs fn in one transaction, carried in the context fn receives: every
// store method called with that context joins it, so a workflow that writes
// several rows commits them all or none. A call to InTx inside fn joins the
// outer transaction instead of starting another.
//
// When the database reports a serialization failure or a deadlock
// (PostgreSQL 40001, 40P01) or stays busy (SQLite), the whole transaction is
// retried a few times with a short random pause; fn must therefore have no
// effect outside the database that cannot be repeated. Any other error rolls
// back and is returned, translated into an avenir error.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if st, ok := ctx.Value(txKey{}).(*txState); ok && st.db == db {
		return fn(ctx)
	}
	for attempt := 1; ; attempt++ {
		err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return fn(context.WithValue(ctx, txKey{}, &txState{db: db, tx: tx}))
		})
		if err == nil {
			return nil
		}
		if attempt == maxTxAttempts || !retryable(err) || ctx.Err() != nil {
			return translate(err)
		}
		db.log.DebugContext(ctx, "retrying transaction", "attempt", attempt, "err", err)
		pause := time.Duration(attempt) * time.Duration(5+rand.IntN(20)) * time.Millisecond
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return translate(ctx.Err())
		}
	}
}

// InTransaction reports whether ctx carries a transaction of db.
func (db *DB) InTransaction(ctx context.Context) bool {
	st, ok := ctx.Value(txKey{}).(*txState)
	return ok && st.db == db
}

// IDB returns what a store method runs its queries on: the transaction in
// ctx, or the database itself.
func (db *DB) IDB(ctx context.Context) bun.IDB {
	if st, ok := ctx.Value(txKey{}).(*txState); ok && st.db == db {
		return st.tx
	}
	return db.bun
}

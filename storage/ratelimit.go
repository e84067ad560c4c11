package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"
)

// Allow counts one use of key at now and reports whether at most limit uses
// fell within the window that ends at now (a use
// exactly one window old has left it); when not, retry is how long
// until a new use would be allowed. It is a rate limiter kept in the
// database, so that every application server counts alike.
//
// It shares membership's sign-in throttle table (one row a use, under a
// key): the key is stored hashed, so that no email or address sits there
// in clear, and the uses of key older than the window are dropped as it
// goes. A use is recorded before it is judged, so that of parallel
// requests at the limit none slips past; a refused use is then removed, so
// that hammering adds no rows (the client is allowed again once its
// allowed uses have left the window).
func (db *DB) Allow(ctx context.Context, key string, limit int, window time.Duration, now time.Time) (ok bool, retry time.Duration, err error) {
	key = rateKey(key)
	now = now.UTC()
	since := now.Add(-window)
	idb := db.IDB(ctx)
	if _, err := idb.NewDelete().Model((*failureRow)(nil)).Where("key = ?", key).Where("at <= ?", since).Exec(ctx); err != nil {
		return false, 0, translate(err)
	}
	use, err := db.Members().AddAttempt(ctx, key, now)
	if err != nil {
		return false, 0, err
	}
	count, err := idb.NewSelect().Model((*failureRow)(nil)).Where("key = ?", key).Where("at > ?", since).Count(ctx)
	if err != nil {
		return false, 0, translate(err)
	}
	n := int(count)
	if n <= limit {
		return true, 0, nil
	}
	// A refused use is not kept: a client that hammers adds no rows, and
	// parallel refusals only err on the side of refusing.
	if err := db.Members().RemoveAttempt(ctx, use); err != nil {
		return false, 0, err
	}
	// The n-1 other uses counted stay; a use is allowed again once enough
	// of them have left the window that at most limit-1 remain: the
	// (n-limit)th oldest, at index n-1-limit. Parallel requests may have
	// removed theirs meanwhile: with no such row, try again in a second.
	retry = time.Second
	var oldest failureRow
	err = idb.NewSelect().Model(&oldest).Column("at").Where("key = ?", key).Where("at > ?", since).
		OrderExpr("at ASC").Offset(int64(n - 1 - limit)).Limit(1).Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, 0, translate(err)
	case oldest.At.Add(window).Sub(now) > retry:
		retry = oldest.At.Add(window).Sub(now)
	}
	return false, retry, nil
}

// rateKey names a rate counter by a hash of key.
func rateKey(key string) string {
	sum := sha256.Sum256([]byte("rate\x00" + key))
	return "rate:" + hex.EncodeToString(sum[:16])
}

// PurgeCounters deletes the uses and failed sign-ins counted before
// before, of every key: Allow drops a key's old uses only when that key
// comes back, so the keys that go idle are left to this periodic purge.
// Give it a time older than the longest window in use (a day, say).
func (db *DB) PurgeCounters(ctx context.Context, before time.Time) (int, error) {
	res, err := db.IDB(ctx).NewDelete().Model((*failureRow)(nil)).Where("at < ?", before.UTC()).Exec(ctx)
	if err != nil {
		return 0, translate(err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

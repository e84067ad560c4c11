// Package demo seeds the reference server with a believable network for
// trying it out. Seeding is deterministic and idempotent: running it on a
// database that already holds the demo changes nothing.
//
// Each domain adds its demo data here as it lands (members, committees,
// forums, solidarity actions); the foundation has none of its own yet, so
// Seed only reports what it did.
package demo

import (
	"context"
	"log/slog"

	"github.com/avenirnet/avenir/storage"
)

// Seed writes the demo data into db.
func Seed(ctx context.Context, db *storage.DB, log *slog.Logger) error {
	return db.InTx(ctx, func(ctx context.Context) error {
		log.InfoContext(ctx, "demo data seeded", "members", 0, "committees", 0, "forums", 0)
		return nil
	})
}

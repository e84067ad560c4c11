// Package storage implements Avenir's stores with bun, on PostgreSQL (the
// production database) and on SQLite (pure Go, no cgo: the embedded default,
// so that the examples run on a fresh machine with nothing installed).
//
// [Open] connects from a DSN and optionally migrates; [DB.Migrate] applies the
// embedded migrations; [DB.InTx] runs a workflow in one transaction carried in
// the context, which every store method joins; driver errors are translated
// once, here, into avenir error codes. [DB.Record] writes domain events to the
// outbox in the caller's transaction.
//
// The domain packages never import storage: they define their Store
// interfaces, and a program hands a *DB to the network package, which wires
// the services.
//
// Tests use the harness in storage/storagetest, which runs the same test on a
// fresh SQLite database and a fresh PostgreSQL database.
package storage

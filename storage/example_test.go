package storage_test

import (
	"context"
	"fmt"
	"log"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/storage"
)

// Open a database, migrate it, and record a domain event in the same
// transaction as the change it reports.
func ExampleOpen() {
	ctx := context.Background()
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	err = db.InTx(ctx, func(ctx context.Context) error {
		// … the workflow's writes, all joining this transaction …
		e, err := avenir.NewEvent(db.Clock(), "member.joined", avenir.ID{}, avenir.NewID(), avenir.Members, nil)
		if err != nil {
			return err
		}
		return db.Record(ctx, e)
	})
	if err != nil {
		log.Fatal(err)
	}

	forMembers, _ := db.Events(ctx, avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive}, avenir.PageRequest{})
	forVisitors, _ := db.Events(ctx, avenir.Anonymous, avenir.PageRequest{})
	fmt.Println(db.Dialect(), len(forMembers.Items), len(forVisitors.Items))
	// Output: sqlite 1 0
}

// An unknown scheme is an invalid error with a message for people.
func ExampleOpen_unknownScheme() {
	_, err := storage.Open(context.Background(), "mysql://localhost/avenir")
	fmt.Println(avenir.ErrorCode(err))
	fmt.Println(err)
	// Output:
	// invalid
	// The database address "mysql://localhost/avenir" has an unknown scheme "mysql": use postgres://… or a SQLite file path.
}

package network_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
)

// A relay hands each outbox event to each consumer once; a second round
// finds nothing new.
func ExampleRelay() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "avenir-example")
	defer os.RemoveAll(dir)
	db, err := storage.Open(ctx, filepath.Join(dir, "avenir.db"), storage.WithMigrate())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	relay := network.NewRelay(db.Relay(), network.RelayConfig{})
	_ = relay.Register("printer", network.ConsumerFunc(func(ctx context.Context, e avenir.Event) error {
		fmt.Println("got", e.Type)
		return nil
	}))
	e, _ := avenir.NewEvent(avenir.SystemClock, "committee.created", avenir.ID{}, avenir.NewID(), avenir.Public, nil)
	_ = db.Record(ctx, e)

	n, _ := relay.RunOnce(ctx)
	fmt.Println(n, "delivered")
	n, _ = relay.RunOnce(ctx)
	fmt.Println(n, "delivered")
	// Output:
	// got committee.created
	// 1 delivered
	// 0 delivered
}

// A receiver checks a delivery's signature with the subscription's secret.
func ExampleVerifyWebhook() {
	body := []byte(`{"id":"01968a2e-0000-7000-8000-000000000000","type":"forum.post_replied"}`)
	sent := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	header := network.SignWebhook("whsec_secret", sent, body) // what Avenir sends in Avenir-Signature

	fmt.Println(network.VerifyWebhook("whsec_secret", header, body, sent.Add(time.Minute), 5*time.Minute))
	fmt.Println(network.VerifyWebhook("whsec_secret", header, []byte(`{"forged":true}`), sent, 5*time.Minute))
	// Output:
	// <nil>
	// network: webhook signature does not verify
}

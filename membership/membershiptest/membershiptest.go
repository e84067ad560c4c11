// Package membershiptest helps test programs that send Avenir's mails:
// Mailbox is a membership.Mailer that keeps what it is given, so that a
// test reads the sign-in link of the last mail, or counts what went to one
// address.
package membershiptest

import (
	"context"
	"sync"
	"testing"

	"github.com/avenirnet/avenir/membership"
)

// Mailbox is a membership.Mailer that keeps every mail it is given, in
// order. It is safe for concurrent use; its zero value is ready.
type Mailbox struct {
	mu   sync.Mutex
	sent []membership.Mail
}

// Send keeps m.
func (b *Mailbox) Send(_ context.Context, m membership.Mail) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sent = append(b.sent, m)
	return nil
}

// All returns the mails sent so far.
func (b *Mailbox) All() []membership.Mail {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]membership.Mail(nil), b.sent...)
}

// To returns the mails sent to addr.
func (b *Mailbox) To(addr string) []membership.Mail {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []membership.Mail
	for _, m := range b.sent {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

// Last returns the last mail sent, failing t when there is none.
func (b *Mailbox) Last(t testing.TB) membership.Mail {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.sent) == 0 {
		t.Fatal("no mail was sent")
	}
	return b.sent[len(b.sent)-1]
}

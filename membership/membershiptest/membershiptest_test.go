package membershiptest_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/membership/membershiptest"
)

func TestMailbox(t *testing.T) {
	var box membershiptest.Mailbox
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			_ = box.Send(context.Background(), membership.Mail{To: fmt.Sprintf("m%d@example.org", i%2), Subject: fmt.Sprint(i)})
		})
	}
	wg.Wait()
	tests := []struct {
		addr string
		want int
	}{{"m0@example.org", 10}, {"m1@example.org", 10}, {"nobody@example.org", 0}}
	for _, tt := range tests {
		assert.Len(t, box.To(tt.addr), tt.want, tt.addr)
	}
	assert.Len(t, box.All(), 20)
	_ = box.Send(context.Background(), membership.Mail{To: "last@example.org"})
	assert.Equal(t, "last@example.org", box.Last(t).To)
}

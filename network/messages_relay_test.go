package network_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/internal/messagestest"
)

// TestRelayMessagesAreTranslated reads the relay's, notifications' and
// webhooks' sources and checks that every message key (given to
// avenir.Errorf, FieldError, Localize or a printer's Sprintf) has a French
// translation.
func TestRelayMessagesAreTranslated(t *testing.T) {
	keys := messagestest.Source{Patterns: []string{"relay*.go", "notification*.go", "webhook*.go", "digest*.go"},
		Args: messagestest.Args{"Errorf": {1}, "FieldError": {1}, "Sprintf": {0}, "Localize": {1}}}.Keys(t)
	assert.GreaterOrEqual(t, len(keys), 2, "the messages were found")
	messagestest.RequireFrench(t, keys, nil)
}

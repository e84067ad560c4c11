package network_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/internal/messagestest"
)

// TestSocialMessagesAreTranslated reads the social layer's sources (follows,
// conversations, feed) and checks that every message key given to
// avenir.Errorf or FieldError has a French translation.
func TestSocialMessagesAreTranslated(t *testing.T) {
	keys := messagestest.Source{Patterns: []string{"social*.go", "follow*.go", "conversation*.go", "feed*.go"},
		Args: messagestest.Args{"Errorf": {1}, "FieldError": {1}}}.Keys(t)
	assert.GreaterOrEqual(t, len(keys), 5, "the messages were found")
	messagestest.RequireFrench(t, keys, nil)
}

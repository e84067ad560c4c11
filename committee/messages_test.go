package committee_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/internal/messagestest"
)

// TestEveryMessageIsTranslated reads the package's source and checks that
// every message key (given to avenir.Errorf, FieldError or Wrap, set as an
// Error's Key, listed in a map of messages by kind, or given to a
// translating helper t) has a French translation.
func TestEveryMessageIsTranslated(t *testing.T) {
	keys := messagestest.Source{Skip: []string{"messages.go"}, Args: messagestest.Common.With(messagestest.Args{"t": {1}}),
		Fields: []string{"Key", "Federation", "Local", "Abroad"}}.Keys(t)
	assert.Greater(t, len(keys), 40, "the package's messages were found")
	messagestest.RequireFrench(t, keys, nil)
}

package membership_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/internal/messagestest"
)

// TestEveryMessageIsTranslated reads the package's source and checks that
// every message key given to avenir.Errorf, FieldError or Wrap, and every
// mail text given to s.t, has a French translation.
func TestEveryMessageIsTranslated(t *testing.T) {
	keys := messagestest.Source{Args: messagestest.Args{"Errorf": {1}, "FieldError": {1}, "Wrap": {2}, "t": {1}}}.Keys(t)
	assert.Greater(t, len(keys), 60, "the package's messages were found")
	messagestest.RequireFrench(t, keys, nil)
}

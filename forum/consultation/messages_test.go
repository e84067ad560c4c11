package consultation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/internal/messagestest"
)

// TestEveryMessageIsTranslated checks that every key given to
// avenir.Errorf and avenir.FieldError in the package has a French
// translation.
func TestEveryMessageIsTranslated(t *testing.T) {
	keys := messagestest.Source{Args: messagestest.Args{"Errorf": {1}, "FieldError": {1}}}.Keys(t)
	assert.Greater(t, len(keys), 25, "the package's messages were found")
	messagestest.RequireFrench(t, keys, nil)
}

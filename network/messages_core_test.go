package network_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/internal/messagestest"
)

// TestEveryCoreMessageIsTranslated reads the package's source (but the
// catalogs) and checks that every message key (given to avenir.Errorf,
// FieldError or Wrap, set as an Error's Key, or given to a translating
// helper t) has a French translation.
func TestEveryCoreMessageIsTranslated(t *testing.T) {
	keys := messagestest.Source{Skip: catalogs(t), Args: messagestest.Common.With(messagestest.Args{"t": {1}}), Fields: []string{"Key"}}.Keys(t)
	assert.Greater(t, len(keys), 25, "the package's messages were found")
	messagestest.RequireFrench(t, keys, nil)
}

// catalogs are the package's files of messages, messages*.go.
func catalogs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("messages*.go")
	require.NoError(t, err)
	return files
}

package main

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite docs/permissions.md")

const page = "../../../docs/permissions.md"

// TestPermissionsDoc fails when the committed page says something else than
// the permission rules: the page cannot drift from the code.
func TestPermissionsDoc(t *testing.T) {
	want := Render()
	if *update {
		require.NoError(t, os.WriteFile(page, want, 0o644))
	}
	got, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "docs/permissions.md is stale: run go generate ./internal/cmd/permdoc")
}

// The tables must show the rules biting: a page of all ✓ or all – would
// mean the personas are wrongly built.
func TestPersonasDiffer(t *testing.T) {
	out := string(Render())
	assert.Contains(t, out, "| visitor (not signed in) | ✓ | – | – | – | – | – |")
	assert.Contains(t, out, "| admin | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |")
	assert.Contains(t, out, "| suspended admin (grants inert) | ✓ | – | – | – | – | – |")
}

package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLocalURL(t *testing.T) {
	tests := map[string]bool{
		"http://localhost:8080":      true,
		"http://127.0.0.1:8080":      true,
		"http://[::1]:8080":          true,
		"https://reseau.example.org": false,
		"http://192.168.1.10:8080":   false,
		"::not a url":                false,
	}
	for raw, want := range tests {
		assert.Equal(t, want, localURL(raw), raw)
	}
}

func TestDemoRefusesAPublicAddress(t *testing.T) {
	err := run(context.Background(), []string{"-demo", "-addr", "127.0.0.1:0", "-db", t.TempDir() + "/a.db", "-url", "https://reseau.example.org"})
	assert.ErrorContains(t, err, "only on this machine")
}

func TestFirstAdminFlag(t *testing.T) {
	db := t.TempDir() + "/a.db"
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, []string{"-addr", "127.0.0.1:0", "-db", db, "-admin", "nobody@example.org"})
	assert.ErrorContains(t, err, "join first")
}

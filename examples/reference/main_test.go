package main

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/network"
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

// TestExampleConfig: the documented example is valid, names every field
// (a field added to network.Config must be documented there), and brands
// the demo.
func TestExampleConfig(t *testing.T) {
	cfg, err := network.ReadConfig(bytes.NewReader(exampleConfig))
	require.NoError(t, err)
	assert.Equal(t, "Avenir", cfg.Name)
	assert.NotEqual(t, network.DefaultConfig().Branding, cfg.Branding, "the demo has its own colours")
	assert.NotEmpty(t, cfg.Branding.Logo)

	var fields map[string]any
	require.NoError(t, json.Unmarshal(exampleConfig, &fields))
	assertEveryField(t, "", reflect.TypeOf(network.Config{}), fields)
}

// assertEveryField checks that the JSON object has every field of the
// struct type, recursively.
func assertEveryField(t *testing.T, prefix string, typ reflect.Type, obj map[string]any) {
	t.Helper()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		v, ok := obj[name]
		if !assert.True(t, ok, "network.example.json lacks %s%s", prefix, name) {
			continue
		}
		if f.Type.Kind() == reflect.Struct {
			sub, ok := v.(map[string]any)
			require.True(t, ok, "%s%s is an object", prefix, name)
			assertEveryField(t, prefix+name+".", f.Type, sub)
		}
	}
}

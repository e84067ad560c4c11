package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// settingsPages are the templates and Go files of the notifications,
// settings and network administration pages.
var settingsPages = struct{ templates, sources []string }{
	templates: []string{"templates/notifications.html", "templates/settings*.html", "templates/admin_audit*.html",
		"templates/admin_webhook*.html", "templates/admin_reports*.html"},
	sources: []string{"notifications*.go", "settings*.go", "audit*.go", "webhooks*.go", "reports*.go"},
}

// TestSettingsPagesAreTranslated checks that every text of these pages,
// in their templates and in Go, has a French translation.
func TestSettingsPagesAreTranslated(t *testing.T) {
	var keys []string
	inTemplate := regexp.MustCompile(`\.T "((?:[^"\\]|\\.)*)"`)
	for _, pattern := range settingsPages.templates {
		names, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, name := range names {
			b, err := templateFiles.ReadFile(filepath.ToSlash(name))
			require.NoError(t, err)
			for _, m := range inTemplate.FindAllStringSubmatch(string(b), -1) {
				keys = append(keys, m[1])
			}
		}
	}
	inGo := []*regexp.Regexp{
		regexp.MustCompile(`localize\(r, "((?:[^"\\]|\\.)*)"`),
		regexp.MustCompile(`FieldError\("[^"]*", "((?:[^"\\]|\\.)*)"`),
		regexp.MustCompile(`Errorf\([^,]+, "((?:[^"\\]|\\.)*)"`),
	}
	for _, pattern := range settingsPages.sources {
		names, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			b, err := os.ReadFile(name)
			require.NoError(t, err)
			for _, re := range inGo {
				for _, m := range re.FindAllStringSubmatch(string(b), -1) {
					keys = append(keys, m[1])
				}
			}
		}
	}
	for _, m := range []map[string]string{settingsLabels()} {
		for _, k := range m {
			keys = append(keys, k)
		}
	}
	require.Greater(t, len(keys), 25)
	same := map[string]bool{"Notifications": true, "Pages": true}
	for _, k := range keys {
		key := strings.ReplaceAll(k, `\"`, `"`)
		if !same[key] {
			assert.NotEqual(t, key, avenir.Localize(language.French, key), "no French for %q", key)
		}
	}
}

// settingsLabels gathers the label tables of these pages.
func settingsLabels() map[string]string {
	out := map[string]string{}
	for k, v := range kindLabels {
		out["kind "+string(k)] = v
	}
	for k, v := range channelLabels {
		out["channel "+string(k)] = v
	}
	for k, v := range notificationNotices {
		out["notice "+k] = v
	}
	return out
}

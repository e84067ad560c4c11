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

// TestSocialPagesAreTranslated checks that every text of the social pages
// (conversations, the feed, follows), in their templates and in Go, has a
// French translation.
func TestSocialPagesAreTranslated(t *testing.T) {
	var keys []string
	inTemplate := regexp.MustCompile(`\.T "((?:[^"\\]|\\.)*)"`)
	for _, pattern := range socialTemplates {
		names, err := filepath.Glob("templates/" + pattern)
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
	for _, pattern := range socialSources {
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
	for _, k := range conversationNotices {
		keys = append(keys, k)
	}
	for _, k := range followNotices {
		keys = append(keys, k)
	}
	for _, k := range feedLines {
		keys = append(keys, k)
	}
	require.Greater(t, len(keys), 30)
	same := map[string]bool{"Social": true, "Conversations": true, "Conversation": true, "Messages": true, "Pages": true, "Forums": true, "Action": true}
	for _, k := range keys {
		key := strings.ReplaceAll(k, `\"`, `"`)
		if !same[key] {
			assert.NotEqual(t, key, avenir.Localize(language.French, key), "no French for %q", key)
		}
	}
}

// The social pages' files.
var (
	socialTemplates = []string{"conversation*.html", "feed.html", "member.html", "follows.html", "blocks.html"}
	socialSources   = []string{"conversations*.go", "feed.go", "follows*.go"}
)

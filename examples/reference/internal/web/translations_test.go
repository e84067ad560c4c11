package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// sameInFrench are the UI texts that French writes as English does.
var sameInFrench = map[string]bool{
	"Communes": true, "Contact": true, "Description": true, "Description (Markdown)": true, "Forums": true,
	"Consultations": true, "Notifications": true, "Conversations": true, "Webhooks": true, "Position": true,
	"Code": true, "Total": true, "Actions": true, "Type": true, "Article": true, "Date": true, "Message": true,
	"Messages": true, "Participation": true, "Modération": true, "Source": true, "Sources": true, "Options": true,
	"Version": true, "Versions": true, "Contributions": true, "Amendements": true, "Email": true, "E-mail": true,
	"Transport": true, "Impact": true, "Signature": true, "%s · %s": true, "Action": true, "Motions": true,
	"Participants": true, "Contribution": true, "Discussion": true, "Motion": true, "Section": true, "Phase": true,
	"Conversation": true, "Social": true, "Forum": true, "Places": true, "Commune": true, "Pages": true, "Webhook": true,
}

// TestEveryUITextIsTranslated reads every template and every Go file of
// the package for the texts they show — .T "…" in templates, localize(r,
// "…") and field errors in Go — and requires a French translation of each,
// so that a page added without its messages fails here.
func TestEveryUITextIsTranslated(t *testing.T) {
	inTemplate := regexp.MustCompile(`\.T "((?:[^"\\]|\\.)*)"`)
	inGo := regexp.MustCompile(`(?:localize\(r, |FieldError\("[^"]*", )"((?:[^"\\]|\\.)*)"`)
	keys := map[string]string{}
	require.NoError(t, fs.WalkDir(templateFiles, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFiles.ReadFile(path)
		for _, m := range inTemplate.FindAllStringSubmatch(string(b), -1) {
			keys[unquote(t, m[1])] = path
		}
		return err
	}))
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range inGo.FindAllStringSubmatch(string(b), -1) {
			keys[unquote(t, m[1])] = f
		}
	}
	require.Greater(t, len(keys), 300, "the texts were found")
	var missing []string
	for k, where := range keys {
		if !sameInFrench[k] && avenir.Localize(language.French, k) == k {
			missing = append(missing, where+": "+k)
		}
	}
	slices.Sort(missing)
	assert.Empty(t, missing, "texts without French")
}

// unquote reads a text as Go or a template wrote it between quotes.
func unquote(t *testing.T, s string) string {
	t.Helper()
	u, err := strconv.Unquote(`"` + s + `"`)
	require.NoError(t, err, s)
	return u
}

package web

import (
	"io/fs"
	"maps"
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
	"github.com/avenirnet/avenir/forum/consultation"
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
	"forum %s": true, "version %d": true, "%d contributions": true, "%d participants": true, "position %d": true,
	"Address (https://…)": true,
}

// TestEveryUITextIsTranslated reads every template and every Go file of
// the package for the texts they show — .T "…" in templates, localize(r,
// "…"), field errors, Errorf and Wrap messages in Go — and requires a
// French translation of each, so that a page added without its messages
// fails here. TestEveryLabelIsTranslated does the same for the label
// tables, whose texts are not literals at the call.
func TestEveryUITextIsTranslated(t *testing.T) {
	inTemplate := regexp.MustCompile(`\.T "((?:[^"\\]|\\.)*)"`)
	inGo := regexp.MustCompile(`(?:localize\(r, |FieldError\("[^"]*", |avenir\.Errorf\([^,]+, |avenir\.Wrap\([^,]+, [^,]+, )"((?:[^"\\]|\\.)*)"`)
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
	requireFrench(t, keys)
}

// TestEveryLabelIsTranslated requires a French translation of every text of
// the pages' label tables and notices.
func TestEveryLabelIsTranslated(t *testing.T) {
	keys := map[string]string{}
	add := func(table string, texts ...string) {
		for _, k := range texts {
			keys[k] = table
		}
	}
	add("statusLabels", slices.Collect(maps.Values(statusLabels))...)
	add("roleLabels", slices.Collect(maps.Values(roleLabels))...)
	add("methodLabels", slices.Collect(maps.Values(methodLabels))...)
	add("phaseLabels", slices.Collect(maps.Values(phaseLabels))...)
	add("amendmentStateLabels", slices.Collect(maps.Values(amendmentStateLabels))...)
	add("auditKindLabels", slices.Collect(maps.Values(auditKindLabels))...)
	add("kindLabels", slices.Collect(maps.Values(kindLabels))...)
	add("channelLabels", slices.Collect(maps.Values(channelLabels))...)
	add("actionKindLabels", slices.Collect(maps.Values(actionKindLabels))...)
	add("actionStatusLabels", slices.Collect(maps.Values(actionStatusLabels))...)
	add("volunteerLabels", slices.Collect(maps.Values(volunteerLabels))...)
	add("dimensionLabels", slices.Collect(maps.Values(dimensionLabels))...)
	add("dimensionNames", slices.Collect(maps.Values(dimensionNames))...)
	add("errorHeadings", slices.Collect(maps.Values(errorHeadings))...)
	for name, m := range map[string]map[string]string{"meNotices": meNotices, "signInNotices": signInNotices,
		"adminNotices": adminNotices, "serviceReasons": serviceReasons, "committeeNotices": committeeNotices,
		"forumNotices": forumNotices, "audienceLabels": audienceLabels, "conversationNotices": conversationNotices,
		"followNotices": followNotices, "feedLines": feedLines, "notificationNotices": notificationNotices,
		"settingsNotices": settingsNotices, "webhookNotices": webhookNotices, "solidarityNotices": solidarityNotices} {
		add(name, slices.Collect(maps.Values(m))...)
	}
	for _, c := range []consultation.Choice{consultation.For, consultation.Against, consultation.Abstain} {
		add("consultation choices", string(c))
	}
	for _, v := range visibilityLabels {
		add("visibilityLabels", v.label)
	}
	for _, g := range grantChoices {
		add("grantChoices", g.label)
	}
	for _, a := range actionAudiences {
		add("actionAudiences", a.label)
	}
	for _, a := range forumAudiences {
		add("forumAudiences", a.label)
	}
	for _, p := range phaseFields {
		add("phaseFields", p.label)
	}
	for _, sc := range scopeLabels {
		add("scopeLabels", sc.label)
	}
	for _, p := range followPolicyLabels {
		add("followPolicyLabels", p.label)
	}
	for _, c := range scopeChoices {
		add("scopeChoices", c.label)
	}
	require.Greater(t, len(keys), 150, "the labels were found")
	requireFrench(t, keys)
}

// requireFrench fails for each text (by where it stands) that has no French.
func requireFrench(t *testing.T, keys map[string]string) {
	t.Helper()
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

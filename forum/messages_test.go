package forum_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/internal/messagestest"
)

// TestEveryMessageIsTranslated reads the package's source and checks that
// every message key (given to avenir.Errorf, FieldError, checkLen or a
// printer's Sprintf) and every label has a French translation.
func TestEveryMessageIsTranslated(t *testing.T) {
	keys := messagestest.Source{Args: messagestest.Args{"Errorf": {1}, "FieldError": {1}, "Sprintf": {0}, "checkLen": {4, 5}}}.Keys(t)
	var labels []string
	for _, a := range forum.Actions {
		labels = append(labels, a.Label())
	}
	for _, r := range forum.DecisionReasons {
		labels = append(labels, r.Label())
	}
	for _, o := range forum.Outcomes {
		labels = append(labels, o.Label())
	}
	for _, r := range []forum.ModeratorRole{forum.RoleForumModerator, forum.RoleNetworkModerator, forum.RoleAdmin} {
		labels = append(labels, r.Label())
	}
	for _, s := range []forum.State{forum.Published, forum.Pending, forum.Hidden, forum.Deleted} {
		labels = append(labels, s.Label())
	}
	labels = append(labels, forum.TargetPost.Label(), forum.TargetThread.Label())
	keys = append(keys, messagestest.Texts("labels", labels...)...)
	assert.Greater(t, len(keys), 70, "the package's messages were found")
	messagestest.RequireFrench(t, keys, map[string]bool{"spam": true}) // the same in French
}

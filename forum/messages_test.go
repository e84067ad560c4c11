package forum_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// sameInFrench are the keys whose French is the English.
var sameInFrench = map[string]bool{"spam": true}

// TestEveryMessageIsTranslated reads the package's source and checks that
// every message key (given to avenir.Errorf, FieldError, checkLen or a
// printer's Sprintf) and every label has a French translation.
func TestEveryMessageIsTranslated(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var keys []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch x := call.Fun.(type) {
			case *ast.SelectorExpr:
				fn = x.Sel.Name
			case *ast.Ident:
				fn = x.Name
			}
			for _, i := range map[string][]int{"Errorf": {1}, "FieldError": {1}, "Sprintf": {0}, "checkLen": {4, 5}}[fn] {
				if len(call.Args) <= i {
					continue
				}
				if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					key, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					if key != "" {
						keys = append(keys, key)
					}
				}
			}
			return true
		})
	}
	for _, a := range forum.Actions {
		keys = append(keys, a.Label())
	}
	for _, r := range forum.DecisionReasons {
		keys = append(keys, r.Label())
	}
	for _, o := range forum.Outcomes {
		keys = append(keys, o.Label())
	}
	for _, r := range []forum.ModeratorRole{forum.RoleForumModerator, forum.RoleNetworkModerator, forum.RoleAdmin} {
		keys = append(keys, r.Label())
	}
	for _, s := range []forum.State{forum.Published, forum.Pending, forum.Hidden, forum.Deleted} {
		keys = append(keys, s.Label())
	}
	keys = append(keys, forum.TargetPost.Label(), forum.TargetThread.Label())
	for _, key := range keys {
		if sameInFrench[key] {
			continue
		}
		assert.NotEqual(t, avenir.Localize(language.English, key), avenir.Localize(language.French, key), "%q has no French translation", key)
	}
	assert.Greater(t, len(keys), 70, "the package's messages were found")
}

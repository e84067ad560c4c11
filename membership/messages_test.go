package membership_test

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
)

// TestEveryMessageIsTranslated reads the package's source and checks that
// every message key given to avenir.Errorf, FieldError or Wrap, and every
// mail text given to s.t, has a French translation.
func TestEveryMessageIsTranslated(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	keys := 0
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
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			i := map[string]int{"Errorf": 1, "FieldError": 1, "Wrap": 2, "t": 1}[sel.Sel.Name]
			if i == 0 || len(call.Args) <= i {
				return true
			}
			lit, ok := call.Args[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, err := strconv.Unquote(lit.Value)
			require.NoError(t, err)
			if key == "" {
				return true // Wrap's generic message
			}
			keys++
			assert.NotEqual(t, avenir.Localize(language.English, key), avenir.Localize(language.French, key), "%s: %q has no French translation", name, key)
			return true
		})
	}
	assert.Greater(t, keys, 60, "the package's messages were found")
}

package consultation_test

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

// TestEveryMessageIsTranslated checks that every key given to
// avenir.Errorf and avenir.FieldError in the package has a French
// translation.
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
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Errorf" || sel.Sel.Name == "FieldError") && len(call.Args) > 1 {
					if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						key, err := strconv.Unquote(lit.Value)
						require.NoError(t, err)
						keys = append(keys, key)
					}
				}
			}
			return true
		})
	}
	for _, key := range keys {
		assert.NotEqual(t, avenir.Localize(language.English, key), avenir.Localize(language.French, key), "%q has no French translation", key)
	}
	assert.Greater(t, len(keys), 25, "the package's messages were found")
}

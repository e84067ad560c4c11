package network_test

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

// TestEveryCoreMessageIsTranslated reads the package's source and checks that
// every message key (given to avenir.Errorf, FieldError or Wrap, set as an
// Error's Key, listed in a map of messages, or given to a translating
// helper t) has a French translation.
func TestEveryCoreMessageIsTranslated(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	keys := 0
	check := func(name string, lit ast.Expr) {
		bl, ok := lit.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return
		}
		key, err := strconv.Unquote(bl.Value)
		require.NoError(t, err)
		if key == "" {
			return
		}
		keys++
		assert.NotEqual(t, avenir.Localize(language.English, key), avenir.Localize(language.French, key), "%s: %q has no French translation", name, key)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "messages") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var fn string
				switch f := n.Fun.(type) {
				case *ast.SelectorExpr:
					fn = f.Sel.Name
				case *ast.Ident:
					fn = f.Name
				}
				if i := map[string]int{"Errorf": 1, "FieldError": 1, "Wrap": 2, "t": 1, "Localize": 1}[fn]; i > 0 && len(n.Args) > i {
					check(name, n.Args[i])
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Key" {
					check(name, n.Value)
				}
			}
			return true
		})
	}
	assert.Greater(t, keys, 25, "the package's messages were found")
}

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

// TestSocialMessagesAreTranslated reads the social layer's sources (follows,
// conversations, feed) and checks that every message key given to
// avenir.Errorf or FieldError has a French translation.
func TestSocialMessagesAreTranslated(t *testing.T) {
	var files []string
	for _, pattern := range []string{"social*.go", "follow*.go", "conversation*.go", "feed*.go"} {
		found, err := filepath.Glob(pattern)
		require.NoError(t, err)
		files = append(files, found...)
	}
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
			for _, i := range map[string][]int{"Errorf": {1}, "FieldError": {1}}[fn] {
				if len(call.Args) <= i {
					continue
				}
				if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					key, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					keys = append(keys, key)
				}
			}
			return true
		})
	}
	for _, key := range keys {
		assert.NotEqual(t, avenir.Localize(language.English, key), avenir.Localize(language.French, key), "%q has no French translation", key)
	}
	assert.GreaterOrEqual(t, len(keys), 5, "the messages were found")
}

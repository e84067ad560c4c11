// Package messagestest reads a package's Go sources for the message keys
// they hand to Avenir's message functions, so that the package's test can
// require a French translation of every one (avenir.SetMessages): a message
// added without its translation then fails that test, not a reader.
//
//	keys := messagestest.Source{Args: messagestest.Common}.Keys(t)
//	messagestest.RequireFrench(t, keys, nil)
package messagestest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// Args names the functions whose argument at an index is a message key, by
// the function's name alone (avenir.Errorf and a method Errorf alike).
type Args map[string][]int

// Common are avenir's own: Errorf, FieldError, Wrap and Localize.
var Common = Args{"Errorf": {1}, "FieldError": {1}, "Wrap": {2}, "Localize": {1}}

// With returns a copy of a with more functions.
func (a Args) With(more Args) Args {
	out := make(Args, len(a)+len(more))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// Source says where to look.
type Source struct {
	// Patterns are the files to read, as filepath.Glob patterns in the
	// package's folder; none reads "*.go". Test files are never read.
	Patterns []string
	// Skip names files not to read (the catalog itself, say).
	Skip []string
	// Args are the calls whose string arguments are keys.
	Args Args
	// Fields name composite-literal fields whose string value is a key
	// (avenir.Error{Key: …}, a table of labels).
	Fields []string
}

// Key is a message key and the file it stands in.
type Key struct {
	File, Text string
}

// Keys returns every key of the sources, as often as it is written (empty
// strings, a Wrap's "keep the cause's message", left out).
func (s Source) Keys(t testing.TB) []Key {
	t.Helper()
	patterns := s.Patterns
	if len(patterns) == 0 {
		patterns = []string{"*.go"}
	}
	var keys []Key
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") || slices.Contains(s.Skip, name) {
				continue
			}
			keys = append(keys, s.keysOf(t, name)...)
		}
	}
	return keys
}

func (s Source) keysOf(t testing.TB, name string) []Key {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
	require.NoError(t, err)
	var keys []Key
	add := func(e ast.Expr) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		text, err := strconv.Unquote(lit.Value)
		require.NoError(t, err)
		if text != "" {
			keys = append(keys, Key{File: name, Text: text})
		}
	}
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
			for _, i := range s.Args[fn] {
				if i < len(n.Args) {
					add(n.Args[i])
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && slices.Contains(s.Fields, id.Name) {
				add(n.Value)
			}
		}
		return true
	})
	return keys
}

// RequireFrench fails t for each key whose French is its English, but for
// those same marks as written alike in both languages.
func RequireFrench(t testing.TB, keys []Key, same map[string]bool) {
	t.Helper()
	for _, k := range keys {
		if same[k.Text] {
			continue
		}
		assert.NotEqual(t, avenir.Localize(language.English, k.Text), avenir.Localize(language.French, k.Text), "%s: %q has no French translation", k.File, k.Text)
	}
}

// Texts wraps texts that come from elsewhere than the sources (labels
// returned by methods, say) as keys of file.
func Texts(file string, texts ...string) []Key {
	keys := make([]Key, len(texts))
	for i, text := range texts {
		keys[i] = Key{File: file, Text: text}
	}
	return keys
}

package avenir_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func TestLanguages(t *testing.T) {
	assert.Equal(t, []language.Tag{language.French, language.English}, avenir.Languages, "French first: it is the default")
}

func TestLocalize(t *testing.T) {
	tests := []struct {
		key  string
		args []any
		tag  language.Tag
		want string
	}{
		{"Not found.", nil, language.French, "Introuvable."},
		{"Not found.", nil, language.English, "Not found."},
		{"You are not allowed to do this.", nil, language.French, "Vous n’êtes pas autorisé à faire cela."},
		{"You are not allowed to do this.", nil, language.English, "You are not allowed to do this."},
		{"Please sign in to continue.", nil, language.French, "Veuillez vous connecter pour continuer."},
		{"The page cursor is not valid.", nil, language.French, "Le curseur de pagination n’est pas valide."},
		{"The identifier %q is not valid.", []any{"abc"}, language.French, "L’identifiant \"abc\" n’est pas valide."},
		{"The identifier %q is not valid.", []any{"abc"}, language.English, "The identifier \"abc\" is not valid."},
		{"The page size must be between 1 and %d.", []any{200}, language.French, "La taille de page doit être comprise entre 1 et 200."},
		{"The page size must be between 1 and %d.", []any{200}, language.English, "The page size must be between 1 and 200."},
		{"The audience %q is not known.", []any{"friends"}, language.French, "L’audience \"friends\" est inconnue."},
		{"The audience %q is not known.", []any{"friends"}, language.English, "The audience \"friends\" is not known."},
		// Regional variants and unspoken languages.
		{"Not found.", nil, language.CanadianFrench, "Introuvable."},
		{"Not found.", nil, language.MustParse("fr-BE"), "Introuvable."},
		{"Not found.", nil, language.AmericanEnglish, "Not found."},
		{"Not found.", nil, language.German, "Introuvable."},
		{"Not found.", nil, language.Und, "Introuvable."},
		// A key with no translation reads as its English text.
		{"Nobody translated this (%d).", []any{7}, language.French, "Nobody translated this (7)."},
	}
	for _, tt := range tests {
		t.Run(tt.tag.String()+" "+tt.key, func(t *testing.T) {
			assert.Equal(t, tt.want, avenir.Localize(tt.tag, tt.key, tt.args...))
			assert.Equal(t, tt.want, avenir.Errorf(avenir.CodeInvalid, tt.key, tt.args...).Localize(tt.tag))
		})
	}
}

func TestParseIDErrorInFrench(t *testing.T) {
	_, err := avenir.ParseID("pas-un-id")
	require.Error(t, err)
	msg := avenir.Message(err, language.French)
	assert.Contains(t, msg, "L’identifiant")
	assert.Equal(t, "L’identifiant \"pas-un-id\" n’est pas valide.", msg)
}

func TestMatchLanguage(t *testing.T) {
	tests := []struct {
		prefs []string
		want  language.Tag
	}{
		{[]string{"fr-FR,fr;q=0.9"}, language.French},
		{[]string{"fr-CA"}, language.French},
		{[]string{"en-GB"}, language.English},
		{[]string{"en-US,en;q=0.9"}, language.English},
		{[]string{"de"}, language.French},
		{[]string{""}, language.French},
		{nil, language.French},
		{[]string{"es, en;q=0.5"}, language.English},
		{[]string{"en;q=0.2, fr;q=0.8"}, language.French},
		{[]string{"fr;q=0.2, en;q=0.8"}, language.English},
		{[]string{"*"}, language.French},
		{[]string{"garbage!!;;"}, language.French},
		{[]string{"en;q=nope"}, language.French},
		{[]string{"garbage!!;;", "en"}, language.English},
		{[]string{"de", "en-AU"}, language.English},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.prefs, "|"), func(t *testing.T) {
			assert.Equal(t, tt.want, avenir.MatchLanguage(tt.prefs...))
		})
	}
}

func TestSetMessages(t *testing.T) {
	const key = "Test only: %d items were moved."
	// A printer made before the translation is registered still sees it.
	assert.Equal(t, "Test only: 2 items were moved.", avenir.Localize(language.French, key, 2))
	avenir.SetMessages(language.French, map[string]string{key: "Test seulement : %d éléments déplacés."})
	assert.Equal(t, "Test seulement : 2 éléments déplacés.", avenir.Localize(language.French, key, 2))
	assert.Equal(t, "Test only: 2 items were moved.", avenir.Localize(language.English, key, 2))
}

func TestLocalizeConcurrently(t *testing.T) {
	tags := []language.Tag{language.French, language.English, language.German, language.CanadianFrench, language.BritishEnglish}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tag := tags[i%len(tags)]
			for range 50 {
				got := avenir.Localize(tag, "Not found.")
				if got != "Introuvable." && got != "Not found." {
					t.Errorf("Localize(%s) = %q", tag, got)
				}
			}
		}()
	}
	wg.Wait()
}

// fmtVerbs lists the formatting directives of a fmt format, in order, with
// their flags, width, precision and argument index ("%q", "%5.2f", "%[1]s");
// "%%" is not a directive.
func fmtVerbs(format string) []string {
	var verbs []string
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0", format[j]) >= 0 {
			j++
		}
		for j < len(format) && strings.IndexByte("0123456789*.[]", format[j]) >= 0 {
			j++
		}
		if j == len(format) {
			verbs = append(verbs, format[i:]) // a dangling %
			break
		}
		_, size := utf8.DecodeRuneInString(format[j:])
		if format[j] != '%' {
			verbs = append(verbs, format[i:j+size])
		}
		i = j + size - 1
	}
	return verbs
}

func TestFmtVerbs(t *testing.T) {
	assert.Equal(t, []string{"%q", "%d", "%5.2f", "%[1]s", "%-3v", "%+v"}, fmtVerbs("a %q b %d %% %5.2f %[1]s %-3v %+v"))
	assert.Empty(t, fmtVerbs("L’audience n’est pas 100 %% connue."))
	assert.Equal(t, []string{"%"}, fmtVerbs("trailing %"))
	assert.Equal(t, []string{"%é"}, fmtVerbs("%é"))
}

// catalogSource is what the package's own source says about messages: the
// French translations it registers and the keys its errors use.
type catalogSource struct {
	french map[string]string   // key → French text, from SetMessages(language.French, …)
	used   map[string][]string // key → where it is used (Errorf, FieldError, Wrap, Key:)
}

// readCatalogSource parses the non-test files of the package. Reading the
// source rather than a copy of the list means a translation added to
// messages.go is checked without anyone touching this test.
func readCatalogSource(t *testing.T) catalogSource {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	src := catalogSource{french: map[string]string{}, used: map[string][]string{}}
	fset := token.NewFileSet()
	str := func(e ast.Expr) (string, bool) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		require.NoError(t, err)
		return s, true
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				fn, ok := n.Fun.(*ast.Ident)
				if !ok {
					return true
				}
				switch fn.Name {
				case "SetMessages":
					require.Len(t, n.Args, 2, "%s", fset.Position(n.Pos()))
					if sel, ok := n.Args[0].(*ast.SelectorExpr); !ok || sel.Sel.Name != "French" {
						return true
					}
					lit, ok := n.Args[1].(*ast.CompositeLit)
					require.True(t, ok, "%s: French messages must be a map literal for this test to read them", fset.Position(n.Pos()))
					for _, elt := range lit.Elts {
						kv := elt.(*ast.KeyValueExpr)
						k, ok1 := str(kv.Key)
						v, ok2 := str(kv.Value)
						require.True(t, ok1 && ok2, "%s: messages must be string literals", fset.Position(kv.Pos()))
						src.french[k] = v
					}
				case "Errorf", "FieldError", "Wrap":
					i := map[string]int{"Errorf": 1, "FieldError": 1, "Wrap": 2}[fn.Name]
					if len(n.Args) > i {
						if k, ok := str(n.Args[i]); ok && k != "" {
							src.used[k] = append(src.used[k], fset.Position(n.Pos()).String())
						}
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Key" {
					if k, ok := str(n.Value); ok {
						src.used[k] = append(src.used[k], fset.Position(n.Pos()).String())
					}
				}
			}
			return true
		})
	}
	return src
}

// sampleArgs returns one argument per directive, of a type the verb takes.
func sampleArgs(t *testing.T, verbs []string) []any {
	t.Helper()
	args := make([]any, len(verbs))
	for i, v := range verbs {
		switch v[len(v)-1] {
		case 'd':
			args[i] = 7
		case 'q', 's', 'v':
			args[i] = "x"
		default:
			t.Fatalf("no sample argument for verb %s", v)
		}
	}
	return args
}

func TestFrenchCatalog(t *testing.T) {
	src := readCatalogSource(t)
	require.GreaterOrEqual(t, len(src.french), 16, "the French messages of messages.go were not found")
	require.GreaterOrEqual(t, len(src.used), 11, "the keys used by the package were not found")

	for key, fr := range src.french {
		t.Run(key, func(t *testing.T) {
			verbs := fmtVerbs(key)
			assert.Equal(t, verbs, fmtVerbs(fr), "the French text must use the verbs of its key")
			assert.NotEqual(t, key, fr, "a French translation identical to the English key")

			// And the catalog really serves it.
			args := sampleArgs(t, verbs)
			assert.Equal(t, fmt.Sprintf(fr, args...), avenir.Localize(language.French, key, args...))
			assert.Equal(t, fmt.Sprintf(key, args...), avenir.Localize(language.English, key, args...))
		})
	}
	for key, where := range src.used {
		_, ok := src.french[key]
		assert.True(t, ok, "key %q (used at %v) has no French translation", key, where)
	}
}

// TestSetMessagesRefusesAConflict: a key translated twice differently fails
// loudly; the same translation twice is fine.
func TestSetMessagesRefusesAConflict(t *testing.T) {
	key := "A key only this test uses: %d."
	avenir.SetMessages(language.French, map[string]string{key: "Une clé de test : %d."})
	assert.NotPanics(t, func() { avenir.SetMessages(language.French, map[string]string{key: "Une clé de test : %d."}) })
	assert.PanicsWithValue(t, `avenir: fr message "A key only this test uses: %d." translated twice: "Une clé de test : %d." and "Une autre : %d."`,
		func() { avenir.SetMessages(language.French, map[string]string{key: "Une autre : %d."}) })
}

func TestSetPlural(t *testing.T) {
	avenir.SetPlural(language.French, "%d test apples", 1, "one", "%d pomme d’essai", "other", "%d pommes d’essai")
	avenir.SetPlural(language.English, "%d test apples", 1, "one", "%d test apple", "other", "%d test apples")
	avenir.SetPlural(language.French, "%d test pears, %d eaten", 1, "one", "%d poire d’essai, dont %d mangée", "other", "%d poires d’essai, dont %d mangées")
	tests := []struct {
		lang language.Tag
		n    int
		want string
	}{
		{language.French, 0, "0 pomme d’essai"},
		{language.French, 1, "1 pomme d’essai"},
		{language.French, 2, "2 pommes d’essai"},
		{language.French, 1234, "1 234 pommes d’essai"},
		{language.English, 0, "0 test apples"},
		{language.English, 1, "1 test apple"},
		{language.English, 2, "2 test apples"},
		{language.English, 1234, "1,234 test apples"},
	}
	for _, tt := range tests {
		t.Run(tt.lang.String()+"/"+strconv.Itoa(tt.n), func(t *testing.T) {
			got := strings.ReplaceAll(avenir.Localize(tt.lang, "%d test apples", tt.n), "\u00a0", " ")
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Equal(t, "1 poire d’essai, dont 1 mangée", avenir.Localize(language.French, "%d test pears, %d eaten", 1, 1))
	assert.Equal(t, "1 test pears, 1 eaten", avenir.Localize(language.English, "%d test pears, %d eaten", 1, 1), "no English entry: the key")

	assert.Panics(t, func() {
		avenir.SetPlural(language.French, "%d test apples", 1, "one", "%d pomme", "other", "%d pommes")
	}, "a second, different translation")
	assert.NotPanics(t, func() {
		avenir.SetPlural(language.French, "%d test apples", 1, "one", "%d pomme d’essai", "other", "%d pommes d’essai")
	}, "the same translation again")
	assert.Panics(t, func() { avenir.SetPlural(language.French, "%d odd", 1, "one") })
}

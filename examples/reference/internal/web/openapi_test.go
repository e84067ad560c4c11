package web

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/docs"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// loadOpenAPI loads and checks docs/openapi.yaml.
func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(docs.OpenAPI)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()), "docs/openapi.yaml is not a valid OpenAPI document")
	return doc
}

// TestOpenAPIJSON: the JSON the server serves is the same document.
func TestOpenAPIJSON(t *testing.T) {
	js, err := openAPIJSON()
	require.NoError(t, err)
	fromJSON, err := openapi3.NewLoader().LoadFromData(js)
	require.NoError(t, err)
	fromYAML := loadOpenAPI(t)
	want, err := json.Marshal(fromYAML)
	require.NoError(t, err)
	got, err := json.Marshal(fromJSON)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
}

// apiRoutes lists the "METHOD /api/v1/…" patterns the package's sources
// register (mux.HandleFunc and mux.Handle calls), reading the string
// constants and concatenations of their first argument. A pattern it cannot
// read fails the test rather than go unchecked.
func apiRoutes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	var routes []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		consts := map[string]string{}
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == len(vs.Values) {
				for i, id := range vs.Names {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						consts[id.Name], _ = strconv.Unquote(lit.Value)
					}
				}
			}
			return true
		})
		var eval func(e ast.Expr) (string, bool)
		eval = func(e ast.Expr) (string, bool) {
			switch e := e.(type) {
			case *ast.BasicLit:
				s, err := strconv.Unquote(e.Value)
				return s, err == nil
			case *ast.Ident:
				s, ok := consts[e.Name]
				return s, ok
			case *ast.BinaryExpr:
				l, ok1 := eval(e.X)
				r, ok2 := eval(e.Y)
				return l + r, ok1 && ok2 && e.Op == token.ADD
			}
			return "", false
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "HandleFunc" && sel.Sel.Name != "Handle" {
				return true
			}
			pattern, ok := eval(call.Args[0])
			require.True(t, ok, "%s: a route pattern the test cannot read", fset.Position(call.Pos()))
			if strings.Contains(pattern, " /api/v1/") {
				routes = append(routes, pattern)
			}
			return true
		})
	}
	return routes
}

// TestOpenAPICoversEveryRoute: every API route the server registers is in
// docs/openapi.yaml with its method, and every operation of the document is
// served by that very route (not by the API's catch-all not-found).
func TestOpenAPICoversEveryRoute(t *testing.T) {
	doc := loadOpenAPI(t)
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	var registered []string
	for _, p := range apiRoutes(t) {
		registered = append(registered, strings.TrimSuffix(p, "{$}"))
	}
	slices.Sort(documented)
	slices.Sort(registered)
	require.Greater(t, len(registered), 100, "the route reader found too few routes")
	assert.Equal(t, registered, documented, "the routes registered and those of docs/openapi.yaml differ")

	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		mux := http.NewServeMux()
		testServer(t, db, network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{}).routes(mux)
		param := regexp.MustCompile(`\{[a-z]+\}`)
		for _, op := range documented {
			method, path, _ := strings.Cut(op, " ")
			req := httptest.NewRequest(method, param.ReplaceAllString(path, "x"), nil)
			_, pattern := mux.Handler(req)
			assert.Equal(t, op, strings.TrimSuffix(pattern, "{$}"), "%s is not served by its own route", op)
		}
	})
}

// TestEmptyListsAreArrays: a list with nothing in it is [], never null, so
// that a client can range over it without a check.
func TestEmptyListsAreArrays(t *testing.T) {
	for _, v := range []any{
		map[string]any{"items": []string(nil)},
		map[string]any{"items": []int{}, "next": ""},
	} {
		rec := httptest.NewRecorder()
		writeJSON(rec, http.StatusOK, v)
		assert.Contains(t, rec.Body.String(), `"items":[]`)
	}
	h := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{}).Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/forums", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"items":[]}`, rec.Body.String(), "a network without forums")
}

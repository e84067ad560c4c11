package web

import (
	"encoding/json"
	"net/http"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/avenirnet/avenir/docs"
)

// The API describes itself: docs/openapi.yaml, served as it is and as JSON.
// The tests check that it names every route and that real answers match it.
func (s *Server) mountOpenAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/openapi.yaml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
		_, _ = w.Write(docs.OpenAPI)
	})
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		doc, err := openAPIJSON()
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(doc)
	})
}

// openAPIJSON is the OpenAPI document converted once to JSON.
var openAPIJSON = sync.OnceValues(func() ([]byte, error) {
	var doc any
	if err := yaml.Unmarshal(docs.OpenAPI, &doc); err != nil {
		return nil, err
	}
	return json.Marshal(doc)
})

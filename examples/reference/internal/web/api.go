package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"

	"github.com/avenirnet/avenir"
)

// The JSON API lives under /api/v1. Every error has one shape:
//
//	{"error": {"code": "not_found", "message": "Introuvable.", "field": "…"}}
//
// with the message in the language of the request.

type apiError struct {
	Code    avenir.Code `json:"code"`
	Message string      `json:"message"`
	Field   string      `json:"field,omitempty"`
}

// writeJSON writes v as the JSON body of a response with status. A list
// answered as {"items": …} is [] when empty, never null.
func writeJSON(w http.ResponseWriter, status int, v any) {
	if m, ok := v.(map[string]any); ok {
		if items := reflect.ValueOf(m["items"]); items.Kind() == reflect.Slice && items.IsNil() {
			m["items"] = reflect.MakeSlice(items.Type(), 0, 0).Interface()
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// apiFail writes err in the API's error format.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	s.logError(r, err)
	body := apiError{Code: avenir.ErrorCode(err), Message: avenir.Message(err, s.lang(r))}
	if !body.Code.Valid() {
		body.Code = avenir.CodeInternal
	}
	var e *avenir.Error
	if errors.As(err, &e) && body.Code != avenir.CodeInternal {
		body.Field = e.Field
	}
	writeJSON(w, httpStatus(err), map[string]apiError{"error": body})
}

func (s *Server) mountAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/{$}", s.apiIndex)
	// Anything else under /api/ is an API error, in the API's format.
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiFail(w, r, avenir.ErrNotFound)
	})
}

// apiIndex describes the network and the API.
func (s *Server) apiIndex(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"name":     s.cfg.Name,
		"tagline":  s.cfg.Tagline,
		"api":      "v1",
		"language": s.lang(r).String(),
		"openapi":  "/api/v1/openapi.yaml",
	})
}

// pageRequest reads ?after= and ?limit=.
func pageRequest(r *http.Request) (avenir.PageRequest, error) {
	q := r.URL.Query()
	p := avenir.PageRequest{After: q.Get("after")}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil {
			return p, avenir.FieldError("limit", "The page size must be between 1 and %d.", avenir.MaxPageSize)
		}
		p.Limit = n
	}
	return p, nil
}

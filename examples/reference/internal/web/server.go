// Package web is the reference server's HTTP layer: HTML pages, the JSON API
// under /api/v1, and the middleware around them.
//
// Each feature lives in a file of its own (home.go, health.go, …) with a
// mount method that registers its pages and API routes; routes lists the
// mounts, one line a feature.
package web

import (
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Server serves one network.
type Server struct {
	db    *storage.DB
	cfg   network.Config
	log   *slog.Logger
	pages *template.Template
}

// New returns the server of the network cfg stored in db.
func New(db *storage.DB, cfg network.Config, log *slog.Logger) *Server {
	pages := template.Must(template.New("").ParseFS(templateFiles, "templates/*.html"))
	return &Server{db: db, cfg: cfg, log: log, pages: pages}
}

// Handler returns the server's routes wrapped in its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	return s.recoverPanics(s.logRequests(securityHeaders(mux)))
}

// routes mounts every feature: one line a feature.
func (s *Server) routes(mux *http.ServeMux) {
	s.mountStatic(mux)
	s.mountHealth(mux)
	s.mountHome(mux)
	s.mountAPI(mux)
}

func (s *Server) mountStatic(mux *http.ServeMux) {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(sub)))
}

// lang returns the language of the request: the ?lang= parameter, then the
// Accept-Language header, then the network's default.
func (s *Server) lang(r *http.Request) language.Tag {
	if l := r.URL.Query().Get("lang"); l != "" {
		return avenir.MatchLanguage(l)
	}
	if h := r.Header.Get("Accept-Language"); h != "" {
		return avenir.MatchLanguage(h)
	}
	tag, _ := s.cfg.LanguageTag()
	return tag
}

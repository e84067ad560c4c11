package web

import (
	"bytes"
	"net/http"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// page is what every template receives.
type page struct {
	Network network.Config
	Lang    language.Tag
	Path    string
	Data    map[string]any
}

// T translates a UI text into the page's language.
func (p page) T(key string, args ...any) string { return avenir.Localize(p.Lang, key, args...) }

// render writes the template name with data and status. The page is rendered to a buffer first, so that a template error becomes a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data map[string]any) {
	var buf bytes.Buffer
	p := page{Network: s.cfg, Lang: s.lang(r), Path: r.URL.Path, Data: data}
	if err := s.pages.ExecuteTemplate(&buf, name, p); err != nil {
		s.log.ErrorContext(r.Context(), "template failed", "template", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", p.Lang.String())
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

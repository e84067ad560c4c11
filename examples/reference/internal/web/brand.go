package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/avenirnet/avenir/network"
)

// brandCSS is the stylesheet of the network's colours: CSS custom
// properties that static/style.css uses. It is a file of its own, not an
// inline style, because the Content-Security-Policy forbids inline styles.
func brandCSS(b network.Branding) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "/* The network's colours, from its configuration (branding). */\n")
	fmt.Fprintf(&buf, ":root { --primary: %s; --on-primary: %s; --accent: %s; }\n",
		strings.ToLower(b.PrimaryColor), b.TextOnPrimary(), strings.ToLower(b.AccentColor))
	return buf.Bytes()
}

// mountBrand serves /brand.css. Browsers keep it and ask again with its
// ETag, so that a new configuration shows after a restart without a
// download on every page.
func (s *Server) mountBrand(mux *http.ServeMux) {
	css := brandCSS(s.cfg.Branding)
	sum := sha256.Sum256(css)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	mux.HandleFunc("GET /brand.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, no-cache")
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, "brand.css", time.Time{}, bytes.NewReader(css))
	})
}

// contentSecurityPolicy is the policy of every response: nothing from
// elsewhere, no inline script or style; images also from the logo's site
// when the logo is hosted elsewhere.
func contentSecurityPolicy(b network.Branding) string {
	img := "'self' data:"
	if u, err := url.Parse(b.Logo); err == nil && u.Host != "" && (u.Scheme == "https" || u.Scheme == "http") {
		img += " " + u.Scheme + "://" + u.Host
	}
	return "default-src 'self'; img-src " + img + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
}

// Current marks a header link as the current page (aria-current) on its own
// address and on the addresses under it.
func (p page) Current(prefix string) template.HTMLAttr {
	if p.Path == prefix || (prefix != "/" && strings.HasPrefix(p.Path, prefix+"/")) {
		return ` aria-current="page"`
	}
	return ""
}

// langLink is one language of the switcher.
type langLink struct {
	Code, Name string // "fr", "Français": the name in its own language
	Current    bool
}

// languageNames name each language Avenir speaks in itself.
var languageNames = map[string]string{"fr": "Français", "en": "English"}

// Languages lists the switcher's languages: those the network offers, none
// when it offers one.
func (p page) Languages() []langLink {
	tags, err := p.Network.LanguageTags()
	if err != nil || len(tags) < 2 {
		return nil
	}
	out := make([]langLink, 0, len(tags))
	for _, t := range tags {
		out = append(out, langLink{Code: t.String(), Name: languageNames[t.String()], Current: t == p.Lang})
	}
	return out
}

package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// get serves one request on h, with the headers given as name, value pairs.
func get(h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestBrandStylesheet(t *testing.T) {
	tests := []struct {
		name             string
		primary, accent  string
		wantOnPrimary    string
		wantPrimaryInCSS string
	}{
		{"the default red carries white text", "#b3262e", "#1d3557", "--on-primary: #ffffff", "--primary: #b3262e"},
		{"a light yellow carries near-black text", "#FFD23F", "#1d3557", "--on-primary: #111111", "--primary: #ffd23f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := network.DefaultConfig()
			cfg.Branding.PrimaryColor, cfg.Branding.AccentColor = tt.primary, tt.accent
			require.NoError(t, cfg.Validate())
			h := testServer(t, storagetest.SQLite(t), cfg, slog.New(slog.DiscardHandler), Options{}).Handler()

			rec := get(h, "/brand.css")
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Contains(t, rec.Header().Get("Content-Type"), "text/css")
			assert.Contains(t, rec.Body.String(), tt.wantPrimaryInCSS)
			assert.Contains(t, rec.Body.String(), tt.wantOnPrimary)
			assert.Contains(t, rec.Body.String(), "--accent: "+tt.accent)
			etag := rec.Header().Get("ETag")
			require.NotEmpty(t, etag)

			again := get(h, "/brand.css", "If-None-Match", etag)
			assert.Equal(t, http.StatusNotModified, again.Code, "the browser's copy is still good")
			assert.Empty(t, again.Body.String())

			page := get(h, "/").Body.String()
			assertHas(t, page, `<link rel="stylesheet" href="/brand.css">`)
			assertLacks(t, page, "<style", " style=", "<script")
		})
	}

	// Two brandings, two stylesheets: a new configuration is not hidden
	// by the browser's copy of the old one.
	a := get(testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{}).Handler(), "/brand.css")
	cfg := network.DefaultConfig()
	cfg.Branding.AccentColor = "#0b5d1e"
	b := get(testServer(t, storagetest.SQLite(t), cfg, slog.New(slog.DiscardHandler), Options{}).Handler(), "/brand.css")
	assert.NotEqual(t, a.Header().Get("ETag"), b.Header().Get("ETag"))
}

func TestHeaderShowsTheBranding(t *testing.T) {
	tests := []struct {
		name     string
		logo     string
		langs    []string
		wantHas  []string
		wantNot  []string
		imgSrc   string
		switcher bool
	}{
		{name: "no logo: the name alone", wantHas: []string{`<a href="/" aria-current="page">Les Jardins du Commun</a>`},
			wantNot: []string{"<img"}, imgSrc: "img-src 'self' data:;", switcher: true},
		{name: "a logo on the server, named for screen readers", logo: "/static/logo.svg",
			wantHas: []string{`<img class="logo" src="/static/logo.svg" alt="Les Jardins du Commun"><span aria-hidden="true">Les Jardins du Commun</span>`},
			imgSrc:  "img-src 'self' data:;", switcher: true},
		{name: "a logo elsewhere, allowed by the policy", logo: "https://cdn.example.org/jardins/logo.png",
			wantHas: []string{`src="https://cdn.example.org/jardins/logo.png" alt="Les Jardins du Commun"`},
			imgSrc:  "img-src 'self' data: https://cdn.example.org;", switcher: true},
		{name: "one language: no switcher", langs: []string{"fr"}, imgSrc: "img-src 'self' data:;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := network.DefaultConfig()
			cfg.Name, cfg.Tagline, cfg.Branding.Logo = "Les Jardins du Commun", "Cultiver l’entraide", tt.logo
			if tt.langs != nil {
				cfg.Languages = tt.langs
			}
			require.NoError(t, cfg.Validate())
			h := testServer(t, storagetest.SQLite(t), cfg, slog.New(slog.DiscardHandler), Options{}).Handler()
			rec := get(h, "/", "Accept-Language", "en")
			body := rec.Body.String()
			assertHas(t, body, tt.wantHas...)
			assertLacks(t, body, tt.wantNot...)
			assertHas(t, body, `<p class="tagline">Cultiver l’entraide</p>`, "<title>Les Jardins du Commun</title>")
			assertLacks(t, body, `class="brand-tagline"`) // the home page says it once, under its title
			forums := get(h, "/forums", "Accept-Language", "en").Body.String()
			assertHas(t, forums, `<span class="brand-tagline">Cultiver l’entraide</span>`, "<title>Forums · Les Jardins du Commun</title>")
			assert.Contains(t, rec.Header().Get("Content-Security-Policy"), tt.imgSrc)
			if tt.switcher {
				assertHas(t, body, `lang="en" hreflang="en" aria-current="true">English</a>`, `lang="fr" hreflang="fr">Français</a>`)
				assert.Contains(t, body, `lang="en"`)
			} else {
				assertLacks(t, body, "Français</a>", `hreflang=`)
				assert.Contains(t, body, `<html lang="fr">`, "a French-only network answers in French")
			}
		})
	}
}

func TestLanguageOfThePage(t *testing.T) {
	english := network.DefaultConfig()
	english.Language = "en"
	french := network.DefaultConfig()
	french.Languages = []string{"fr"}
	tests := []struct {
		name   string
		cfg    network.Config
		path   string
		header []string
		want   string
	}{
		{"the browser's language", network.DefaultConfig(), "/", []string{"Accept-Language", "en-GB,en;q=0.9"}, "en"},
		{"the browser's second choice", network.DefaultConfig(), "/", []string{"Accept-Language", "de, en;q=0.5"}, "en"},
		{"a language Avenir does not speak: the network's default", english, "/", []string{"Accept-Language", "de"}, "en"},
		{"no preference: the network's default", english, "/", nil, "en"},
		{"the switcher wins", english, "/?lang=fr", []string{"Accept-Language", "en"}, "fr"},
		{"the cookie of an earlier choice", english, "/", []string{"Cookie", langCookie + "=fr", "Accept-Language", "en"}, "fr"},
		{"a language the network does not offer", french, "/?lang=en", []string{"Accept-Language", "en"}, "fr"},
		{"garbage", english, "/?lang=%3B%3B", nil, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.cfg.Validate())
			h := testServer(t, storagetest.SQLite(t), tt.cfg, slog.New(slog.DiscardHandler), Options{}).Handler()
			rec := get(h, tt.path, tt.header...)
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, tt.want, rec.Header().Get("Content-Language"))
			assert.Contains(t, rec.Body.String(), `<html lang="`+tt.want+`">`)
		})
	}
}

// TestDefaultPaletteContrast checks the text colours of static/style.css on
// their backgrounds (WCAG 2.1 success criterion 1.4.3: 4.5:1), reading the
// stylesheet so that a colour changed there is checked again.
func TestDefaultPaletteContrast(t *testing.T) {
	css, err := staticFiles.ReadFile("static/style.css")
	require.NoError(t, err)
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+): (#[0-9a-f]{6});`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	background := func(selector string) string {
		m := regexp.MustCompile(regexp.QuoteMeta(selector) + ` \{[^}]*background: (#[0-9a-f]{6})`).FindStringSubmatch(string(css))
		require.NotNil(t, m, "the background of %s", selector)
		return m[1]
	}
	def := network.DefaultConfig().Branding
	assert.Equal(t, def.PrimaryColor, vars["primary"], "the stylesheet's defaults are the default configuration's")
	assert.Equal(t, def.AccentColor, vars["accent"])
	assert.Equal(t, def.TextOnPrimary(), vars["on-primary"])
	pairs := []struct{ name, text, on string }{
		{"text on the page", vars["ink"], vars["paper"]},
		{"notes and meta on the page", vars["muted"], vars["paper"]},
		{"links on the page", vars["accent"], vars["paper"]},
		{"field errors on the page", vars["danger"], vars["paper"]},
		{"the header and buttons", vars["on-primary"], vars["primary"]},
		{"text in an error box", vars["ink"], background(".error-box")},
		{"text in a notice", vars["ink"], background(".notice")},
		{"highlighted search words", vars["ink"], background("mark")},
		{"text in quoted sources", vars["ink"], background("pre.source")},
		{"badges", "#ffffff", vars["accent"]},
	}
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			require.NotEmpty(t, p.text)
			require.NotEmpty(t, p.on)
			assert.GreaterOrEqual(t, network.Contrast(p.text, p.on), network.MinContrast, "%s on %s", p.text, p.on)
		})
	}
}

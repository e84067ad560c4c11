package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
)

// page is what every template receives.
type page struct {
	Network network.Config
	Lang    language.Tag
	Path    string
	URL     *url.URL
	Actor   avenir.Actor
	Member  membership.Member // the signed-in member; zero when anonymous
	Dev     bool
	Unread  unreadCounts // the header's badges
	Data    map[string]any
}

// LangURL is the address of this page in another language: the same path
// and query, with lang set (a link's token or a list's filters stay).
func (p page) LangURL(lang string) string {
	q := p.URL.Query()
	q.Set("lang", lang)
	return p.URL.Path + "?" + q.Encode()
}

// SignedIn reports whether a member is signed in.
func (p page) SignedIn() bool { return !p.Actor.IsAnonymous() }

// funcs are the template functions shared by every page, for pages in the
// language lang. Times are shown in the network's time zone; dates, numbers
// and money as lang writes them (format.go).
func funcs(loc *time.Location, lang language.Tag) template.FuncMap {
	return template.FuncMap{
		"date": func(t time.Time) string { return formatDate(lang, loc, t) },
		// lastday shows an end stored as the start of the day after (a
		// membership until 1 January covers 31 December) as its last day.
		"lastday": func(t time.Time) string {
			if t.IsZero() {
				return formatDate(lang, loc, t)
			}
			return formatDate(lang, loc, t.Add(-time.Nanosecond))
		},
		"datetime": func(t time.Time) string { return formatDateTime(lang, loc, t) },
		"euros":    func(cents int64) string { return formatMoney(lang, cents, "EUR") },
		"number":   func(n any) string { return avenir.Localize(lang, "%d", n) },
		// The committee pages' labels (English keys, translated with .T).
		"committeeKind": func(k committee.Kind) string { return committeeKindLabels[k] },
		"eventKind":     func(k committee.EventKind) string { return eventKindLabels[k] },
	}
}

// T translates a UI text into the page's language.
func (p page) T(key string, args ...any) string { return avenir.Localize(p.Lang, key, args...) }

// render writes the template name with data and status. The page is rendered to a buffer first, so that a template error becomes a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data map[string]any) {
	var buf bytes.Buffer
	p := page{Network: s.cfg, Lang: s.lang(r), Path: r.URL.Path, URL: r.URL, Actor: actorOf(r), Dev: s.opts.Dev, Data: data}
	p.Member, _ = memberOf(r)
	p.Unread = s.unread(r)
	pages, ok := s.pages[p.Lang]
	if !ok { // a configuration that New did not validate
		p.Lang = avenir.Languages[0]
		pages = s.pages[p.Lang]
	}
	if err := pages.ExecuteTemplate(&buf, name, p); err != nil {
		s.log.ErrorContext(r.Context(), "template failed", "template", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if p.SignedIn() || status >= 400 || name != "home.html" {
		// Pages that name the signed-in person, echo a refused form or
		// carry a token stay out of caches (OWASP ASVS 8.2.1).
		w.Header().Set("Cache-Control", "no-store")
	}
	w.Header().Set("Content-Language", p.Lang.String())
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

package web

import (
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// The tests of this file walk every page a visitor, a member and an admin
// of the demo can reach by links, and check on each what WCAG 2.1 asks of
// every page: a language (3.1.1), a title (2.4.2), a way to skip to the
// content and landmarks (2.4.1, 1.3.1), headings in order (1.3.1), a label
// for every field (1.3.1, 3.3.2, 4.1.2), a text for every image (1.1.1),
// the current page marked in the navigation, and no inline style or script
// (which the CSP would refuse anyway).

var (
	hrefPattern    = regexp.MustCompile(`<a\b[^>]*\bhref="(/[^"#]*)"`)
	headingPattern = regexp.MustCompile(`<h([1-6])\b`)
	controlPattern = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	imgPattern     = regexp.MustCompile(`<img\b[^>]*>`)
	idPattern      = regexp.MustCompile(`\sid="([^"]+)"`)
	navLinkPattern = regexp.MustCompile(`<nav aria-label="[^"]*" class="(?:sections|account)">(?s:.*?)</nav>`)
)

// crawl follows the internal links from start, as the bearer of token, and
// returns the HTML pages found, by address (at most limit).
func crawl(t *testing.T, h http.Handler, token string, start []string, limit int) map[string]fetched {
	t.Helper()
	seen := map[string]bool{}
	pages := map[string]fetched{}
	queue := append([]string{}, start...)
	for len(queue) > 0 && len(pages) < limit {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		got := fetch(t, h, token, "GET", path, nil)
		if got.status != http.StatusOK || !strings.HasPrefix(got.body, "<!doctype html>") {
			continue
		}
		pages[path] = got
		for _, m := range hrefPattern.FindAllStringSubmatch(got.body, -1) {
			next := html.UnescapeString(m[1])
			if strings.HasPrefix(next, "/api/") || strings.HasPrefix(next, "/static/") || strings.Contains(next, "lang=") ||
				strings.HasSuffix(next, ".csv") || strings.Contains(next, "/export") {
				continue
			}
			queue = append(queue, next)
		}
	}
	return pages
}

// labelled reports whether the control at index i of body has a label:
// its own aria-label(ledby), a <label for> its id, or a <label> around it.
func labelled(body, tag string, i int) bool {
	if attr(tag, "aria-label") != "" || attr(tag, "aria-labelledby") != "" || attr(tag, "title") != "" {
		return true
	}
	if id := attr(tag, "id"); id != "" && strings.Contains(body, `for="`+id+`"`) {
		return true
	}
	open := strings.LastIndex(body[:i], "<label")
	return open >= 0 && !strings.Contains(body[open:i], "</label>")
}

// pageProblems lists what the page at path lacks.
func pageProblems(path, body string) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, path+": "+fmt.Sprintf(format, args...))
	}
	if !regexp.MustCompile(`<html lang="(fr|en)">`).MatchString(body) {
		add("no language")
	}
	if m := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(body); m == nil || strings.TrimSpace(m[1]) == "" {
		add("no title")
	}
	if !strings.Contains(body, `<a class="skip" href="#main">`) {
		add("no skip link")
	}
	for _, landmark := range []string{`<header class="site">`, `<main id="main"`, `<footer class="site">`} {
		if n := strings.Count(body, landmark); n != 1 {
			add("%d times %s", n, landmark)
		}
	}
	levels := headingPattern.FindAllStringSubmatch(body, -1)
	if len(levels) == 0 || levels[0][1] != "1" {
		add("the first heading is not an h1")
	}
	h1 := 0
	prev := 0
	for _, l := range levels {
		n, _ := strconv.Atoi(l[1])
		if n == 1 {
			h1++
		}
		if prev > 0 && n > prev+1 {
			add("heading h%d after h%d", n, prev)
		}
		prev = n
	}
	if h1 != 1 {
		add("%d h1", h1)
	}
	for _, loc := range controlPattern.FindAllStringIndex(body, -1) {
		tag := body[loc[0]:loc[1]]
		switch attr(tag, "type") {
		case "hidden", "submit", "button", "reset", "image":
			continue
		}
		if regexp.MustCompile(`\shidden[\s>]`).MatchString(tag) {
			continue // not shown (a username for password managers)
		}
		if !labelled(body, tag, loc[0]) {
			add("no label for %s", tag)
		}
	}
	for _, img := range imgPattern.FindAllString(body, -1) {
		if !strings.Contains(img, ` alt="`) {
			add("no alt text: %s", img)
		}
	}
	ids := map[string]int{}
	for _, m := range idPattern.FindAllStringSubmatch(body, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			add("the id %q %d times", id, n)
		}
	}
	for _, nav := range navLinkPattern.FindAllString(body, -1) {
		for _, m := range regexp.MustCompile(`<a href="(/[^"]*)"([^>]*)>`).FindAllStringSubmatch(nav, -1) {
			if m[1] == strings.SplitN(path, "?", 2)[0] && !strings.Contains(m[2], `aria-current="page"`) {
				add("the navigation does not mark %s as the current page", m[1])
			}
		}
	}
	for _, inline := range []string{"<style", " style=", "<script", " onclick=", " onload="} {
		if strings.Contains(body, inline) {
			add("inline %s", strings.TrimSpace(inline))
		}
	}
	return problems
}

func TestEveryPageIsAccessible(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		_, h := demoServer(t, db)
		start := []string{"/", "/forums", "/committees", "/events", "/consultations", "/solidarity", "/signin", "/join"}
		visitors := []struct {
			name  string
			token string
			extra []string
		}{
			{"a visitor", "", nil},
			{"a member", demoToken(t, h, "louise@avenir.test"), []string{"/me", "/feed", "/conversations", "/notifications", "/settings", "/solidarity/mine", "/solidarity/new"}},
			{"an admin", demoToken(t, h, "admin@avenir.test"), []string{"/admin/members", "/admin/audit", "/admin/webhooks", "/moderation/reports"}},
		}
		for _, v := range visitors {
			t.Run(v.name, func(t *testing.T) {
				pages := crawl(t, h, v.token, append(start, v.extra...), 120)
				require.Greater(t, len(pages), 15, "the walk reaches the pages")
				var problems []string
				for path, p := range pages {
					problems = append(problems, pageProblems(path, p.body)...)
				}
				sort.Strings(problems)
				assert.Empty(t, problems, "%d pages walked", len(pages))
			})
		}
	})
}

func TestErrorPages(t *testing.T) {
	h := newTestServer(t, storagetest.SQLite(t))
	tests := []struct {
		name, path, lang string
		status           int
		want             []string
	}{
		{"not found, in French", "/nowhere", "fr", http.StatusNotFound,
			[]string{"<title>Page introuvable · Réseau d’essai</title>", `<h1 id="error-title">Page introuvable</h1>`, "Erreur 404", `<a href="/">Retour à l’accueil</a>`}},
		{"not found, in English", "/nowhere", "en", http.StatusNotFound,
			[]string{`<h1 id="error-title">Page not found</h1>`, "Error 404", "Not found.", `<a href="/">Back to the home page</a>`}},
		{"a members' page asks a visitor to sign in", "/admin/members", "en", http.StatusSeeOther, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.path, "Accept-Language", tt.lang)
			require.Equal(t, tt.status, rec.Code)
			body := rec.Body.String()
			assertHas(t, body, tt.want...)
			if tt.status >= 400 {
				assert.Empty(t, pageProblems(tt.path, body))
			}
		})
	}
}

func TestForbiddenPage(t *testing.T) {
	_, h := demoServer(t, storagetest.SQLite(t))
	louise := demoToken(t, h, "louise@avenir.test")
	got := fetch(t, h, louise, "GET", "/solidarity/queue", nil)
	require.Equal(t, http.StatusForbidden, got.status)
	assertHas(t, got.body, `<h1 id="error-title">Cette page ne vous est pas ouverte</h1>`, "Erreur 403", `<a href="/">Retour à l’accueil</a>`)
	assertLacks(t, got.body, `href="/signin?next=`) // she is signed in already
	assert.Empty(t, pageProblems("/solidarity/queue", got.body))
}

// TestPageProblemsFindsProblems: the checker above is not blind.
func TestPageProblemsFindsProblems(t *testing.T) {
	good := `<!doctype html><html lang="fr"><head><title>T</title></head><body><a class="skip" href="#main">x</a>` +
		`<header class="site"><nav aria-label="S" class="sections"><a href="/forums" aria-current="page">F</a></nav></header>` +
		`<main id="main"><h1>T</h1><h2>S</h2><label for="q">Q</label><input id="q" name="q"><label>R <select name="r"></select></label>` +
		`<img src="/l.svg" alt=""></main><footer class="site"></footer></body></html>`
	require.Empty(t, pageProblems("/forums", good))
	tests := []struct{ name, from, to, want string }{
		{"no language", `<html lang="fr">`, `<html>`, "no language"},
		{"no title", `<title>T</title>`, `<title> </title>`, "no title"},
		{"no skip link", `<a class="skip" href="#main">x</a>`, ``, "no skip link"},
		{"two mains", `<footer class="site">`, `<main id="main"></main><footer class="site">`, `2 times <main id="main"`},
		{"a skipped heading level", `<h2>S</h2>`, `<h3>S</h3>`, "heading h3 after h1"},
		{"two h1", `<h2>S</h2>`, `<h1>S</h1>`, "2 h1"},
		{"an unlabelled field", `<label for="q">Q</label>`, ``, "no label for <input"},
		{"an image without text", ` alt=""`, ``, "no alt text"},
		{"an id twice", `name="r"`, `name="r" id="q"`, `the id "q" 2 times`},
		{"the current page unmarked", ` aria-current="page"`, ``, "does not mark /forums"},
		{"an inline style", `<h1>T</h1>`, `<h1 style="color:red">T</h1>`, "inline style"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := strings.Replace(good, tt.from, tt.to, 1)
			require.NotEqual(t, good, body)
			assert.Contains(t, strings.Join(pageProblems("/forums", body), "\n"), tt.want)
		})
	}
}

func TestPanicShowsTheErrorPage(t *testing.T) {
	s := testServer(t, storagetest.SQLite(t), network.DefaultConfig(), slog.New(slog.DiscardHandler), Options{})
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := get(h, "/forums/x", "Accept-Language", "fr")
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	assertHas(t, rec.Body.String(), `<h1 id="error-title">Une erreur s’est produite</h1>`, "Erreur 500", `<a href="/">Retour à l’accueil</a>`)
	assertLacks(t, rec.Body.String(), "boom")

	rec = get(h, "/api/v1/x")
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.NotContains(t, rec.Body.String(), "<html")
	assert.Contains(t, rec.Body.String(), `"code":"internal"`, "the API's error format")
	assertLacks(t, rec.Body.String(), "boom")
}

package browser

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/examples/reference/internal/demo"
	"github.com/avenirnet/avenir/examples/reference/internal/web"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// stepTimeout bounds each step of a journey (a page to load, a field to
// fill), so that a page that never comes fails the test in seconds, not at
// go test's ten minutes.
const stepTimeout = 20 * time.Second

// site is the reference server with the demo data, served on a local
// address, and the one Chromium process the journeys share.
type site struct {
	url     string
	browser context.Context
}

// chromium returns the path of the browser: $AVENIR_CHROMIUM, or the first
// of the usual names on the PATH.
func chromium() string {
	if p := os.Getenv("AVENIR_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newSite starts the server on SQLite with the demo data and a headless
// Chromium. Without Chromium it skips the test, or fails it when CI=true:
// CI installs Chromium, so a missing one there is a broken CI.
func newSite(t *testing.T) *site {
	t.Helper()
	path := chromium()
	if path == "" {
		msg := "Chromium is not installed: apt-get install -y chromium (or set AVENIR_CHROMIUM to a Chrome or Chromium binary)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}

	db := storagetest.SQLite(t)
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	log := slog.New(slog.DiscardHandler)
	s, err := web.New(db, network.DefaultConfig(), log, web.Options{Dev: true, BaseURL: base})
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, demo.Seed(ctx, db, s.Members(), log))
	require.NoError(t, demo.SeedCommittees(ctx, db, s.Members(), s.Committees(), log))
	require.NoError(t, demo.SeedForums(ctx, db, s.Members(), s.Committees(), s.Forums(), log))
	require.NoError(t, demo.SeedSolidarity(ctx, db, s.Clock(), s.Members(), s.Committees(), s.Solidarity(), log))
	ts.Config.Handler = s.Handler()
	ts.Start()
	t.Cleanup(ts.Close)

	// The machine may have no network: nothing in the browser may try to
	// reach one (updates, sync, field trials).
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	// The first run starts the browser, tied to the context it runs in: the
	// browser's own, not a step's with a timeout; a browser that does not
	// answer in a minute is stopped instead.
	stuck := time.AfterFunc(time.Minute, cancelBrowser)
	require.NoError(t, chromedp.Do(browser), "starting %s", path)
	stuck.Stop()
	return &site{url: base, browser: browser}
}

// person is someone using the site in a browser context of their own: their
// own cookies, so their own session.
type person struct {
	t      *testing.T
	name   string
	base   string
	ctx    context.Context
	status int64 // of the last page loaded
}

// person opens a fresh browser context for name, in English. When the test
// fails, what the person last saw is saved (see saveArtifacts).
func (s *site) person(t *testing.T, name string) *person {
	t.Helper()
	ctx, cancel := chromedp.NewContext(s.browser, chromedp.WithNewBrowserContext())
	p := &person{t: t, name: name, base: s.url, ctx: ctx}
	stuck := time.AfterFunc(stepTimeout, cancel) // tied to ctx, as above
	require.NoError(t, chromedp.Do(ctx), "opening a browser context for %s", name)
	stuck.Stop()
	t.Cleanup(func() {
		if t.Failed() {
			p.saveArtifacts()
		}
		cancel()
	})
	p.open("/")
	p.follow("English")
	return p
}

// run runs actions with the step timeout, failing the test on an error.
func (p *person) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	require.NoError(p.t, chromedp.Do(ctx, actions...), "%s: %s (on %s)", p.name, what, p.location())
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](p *person, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(p.t, err, "%s: evaluating %.80s", p.name, js)
	return v
}

// load runs actions that load a new page, then checks the page (see
// checkPage).
func (p *person) load(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	require.NoError(p.t, err, "%s: %s (from %s)", p.name, what, p.location())
	p.status = 0
	if resp != nil {
		p.status = resp.Status
	}
	p.checkPage()
}

// open goes to a path of the site, as one types an address.
func (p *person) open(path string) {
	p.t.Helper()
	p.load("opening "+path, chromedp.Navigate(p.base+path))
}

// location returns the path (and query) of the page shown.
func (p *person) location() string {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return strings.TrimPrefix(loc, p.base)
}

// js quotes a Go string as a JavaScript string literal.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// finders are the page-side helpers: each marks the element it finds with
// a data-found attribute and returns its selector, or an error to report.
const finders = `
const norm = s => (s || '').replace(/\s+/g, ' ').trim();
const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
const found = el => {
  document.querySelectorAll('[data-found]').forEach(o => o.removeAttribute('data-found'));
  const id = String(window.avenirFound = (window.avenirFound || 0) + 1);
  el.setAttribute('data-found', id);
  return {sel: '[data-found="' + id + '"]'};
};
// within narrows the search to the first innermost box of the kinds that
// hold one thing each (a mail, a card, a row, a section) whose text has
// scope.
const within = scope => {
  if (!scope) return document;
  const boxes = [...document.querySelectorAll('article, li, tr, section')].filter(b => norm(b.innerText).includes(scope));
  return boxes.find(b => !boxes.some(o => o !== b && b.contains(o))) || null;
};
`

// find runs a finder script and returns the selector of what it found.
func (p *person) find(script, what string) chromedp.CSS {
	p.t.Helper()
	type result struct {
		Sel   string `json:"sel"`
		Error string `json:"error"`
	}
	r := eval[result](p, "(() => {"+finders+script+"})()")
	if r.Error != "" || r.Sel == "" {
		p.t.Fatalf("%s on %s: %s: %s", p.name, p.location(), what, r.Error)
	}
	return chromedp.CSS(r.Sel)
}

// field finds the form control a label names: its words, whole, or its
// first words (a consent's label goes on for a sentence).
func (p *person) field(label string) chromedp.CSS {
	p.t.Helper()
	return p.find(`
const want = `+js(label)+`;
const labels = [...document.querySelectorAll('label')].filter(visible);
const l = labels.find(l => norm(l.innerText) === want) || labels.find(l => norm(l.innerText).startsWith(want));
if (!l) return {error: 'no label "' + want + '"'};
if (!l.control) return {error: 'the label "' + want + '" labels no control'};
return found(l.control);`, "finding the field "+label)
}

// clickable finds a button or link by its words (or its accessible name),
// inside the box that says scope when scope is set.
func (p *person) clickable(kind, scope, words string) chromedp.CSS {
	p.t.Helper()
	return p.find(`
const kind = `+js(kind)+`, scope = `+js(scope)+`, want = `+js(words)+`;
const box = within(scope);
if (!box) return {error: 'nothing on the page says "' + scope + '"'};
const sel = kind === 'button' ? 'button, input[type=submit]' : 'a[href]';
const all = [...box.querySelectorAll(sel)].filter(visible);
const name = el => norm(el.getAttribute('aria-label')) || norm(el.innerText || el.value);
const el = all.find(el => norm(el.innerText || el.value) === want) || all.find(el => name(el) === want) ||
  (want.endsWith('…') ? all.find(el => norm(el.innerText).startsWith(want.slice(0, -1))) : null);
if (!el) return {error: 'no ' + kind + ' "' + want + '"' + (scope ? ' near "' + scope + '"' : '') + '; there are: ' + all.map(name).join(' | ')};
return found(el);`, "finding the "+kind+" "+words)
}

// follow clicks the link that says words (a trailing "…" matches the
// start of the words) and waits for the page it leads to.
func (p *person) follow(words string) { p.t.Helper(); p.followIn("", words) }

// followIn follows a link inside the box (a mail, a card, a row) that says
// scope.
func (p *person) followIn(scope, words string) {
	p.t.Helper()
	p.load("following "+words, chromedp.Click(p.clickable("link", scope, words)))
}

// press presses the button that says words and waits for the next page.
func (p *person) press(words string) { p.t.Helper(); p.pressIn("", words) }

// pressIn presses a button inside the box that says scope.
func (p *person) pressIn(scope, words string) {
	p.t.Helper()
	p.load("pressing "+words, chromedp.Click(p.clickable("button", scope, words)))
}

// fill types value into the field labelled label, after emptying it.
func (p *person) fill(label, value string) {
	p.t.Helper()
	f := p.field(label)
	eval[chromedp.Void](p, `document.querySelector(`+js(string(f))+`).value = ''`)
	p.run("filling "+label, chromedp.SendKeys(f, value))
}

// choose picks, in the list labelled label, the option that says option.
func (p *person) choose(label, option string) {
	p.t.Helper()
	f := p.field(label)
	value := eval[*string](p, `(() => { const o = [...document.querySelector(`+js(string(f))+`).options].find(o => o.text.replace(/\s+/g, ' ').trim() === `+js(option)+`); return o ? o.value : null; })()`)
	if value == nil {
		p.t.Fatalf("%s on %s: the list %q has no option %q", p.name, p.location(), label, option)
	}
	p.run("choosing "+option+" in "+label, chromedp.SetValue(f, *value))
}

// check ticks the box (or radio button) labelled label.
func (p *person) check(label string) {
	p.t.Helper()
	f := p.field(label)
	if !eval[bool](p, `document.querySelector(`+js(string(f))+`).checked`) {
		p.run("ticking "+label, chromedp.Click(f))
	}
}

// text returns the words of the page, as shown.
func (p *person) text() string {
	p.t.Helper()
	return eval[string](p, `document.body.innerText`)
}

// sees checks that the page shows each of the words.
func (p *person) sees(words ...string) {
	p.t.Helper()
	text := p.text()
	for _, w := range words {
		if !strings.Contains(text, w) {
			p.t.Errorf("%s does not see %q on %s", p.name, w, p.location())
		}
	}
}

// seesNot checks that the page shows none of the words.
func (p *person) seesNot(words ...string) {
	p.t.Helper()
	text := p.text()
	for _, w := range words {
		if strings.Contains(text, w) {
			p.t.Errorf("%s sees %q on %s", p.name, w, p.location())
		}
	}
}

// checkPage checks what every page must hold: each control a person can
// fill has a name a screen reader reads (a label, or aria-label for a lone
// control), WCAG 2.1 success criterion 1.3.1 and 4.1.2. A control the page
// does not show (the hidden username a password manager reads) is not one
// a person fills.
func (p *person) checkPage() {
	p.t.Helper()
	unlabelled := eval[[]string](p, `[...document.querySelectorAll('input, select, textarea')]
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type) && el.getClientRects().length > 0)
  .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML.slice(0, 120))`)
	for _, c := range unlabelled {
		p.t.Errorf("%s: a control without a label on %s: %s", p.name, p.location(), c)
	}
}

// artifactsDir is where failing tests leave their screenshots:
// $AVENIR_BROWSER_ARTIFACTS, or testdata/screenshots (ignored by git).
func artifactsDir() string {
	if d := os.Getenv("AVENIR_BROWSER_ARTIFACTS"); d != "" {
		return d
	}
	return filepath.Join("testdata", "screenshots")
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// saveArtifacts saves what the person sees, a full-page PNG and the page's
// HTML, and logs where.
func (p *person) saveArtifacts() {
	dir, err := filepath.Abs(artifactsDir())
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		p.t.Logf("no screenshot: %v", err)
		return
	}
	name := filepath.Join(dir, unsafeName.ReplaceAllString(p.t.Name()+"-"+p.name, "_"))
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		p.t.Logf("no screenshot of %s: %v", p.name, err)
	} else if err := os.WriteFile(name+".png", png, 0o644); err != nil {
		p.t.Logf("no screenshot of %s: %v", p.name, err)
	}
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html"))); err != nil {
		p.t.Logf("no page of %s: %v", p.name, err)
	} else if err := os.WriteFile(name+".html", []byte(html), 0o644); err != nil {
		p.t.Logf("no page of %s: %v", p.name, err)
	}
	p.t.Logf("what %s saw at %s: %s.png and %s.html", p.name, p.location(), name, name)
}

// signIn signs in with a password from the sign-in page.
func (p *person) signIn(email, password string) {
	p.t.Helper()
	p.follow("Sign in")
	p.fill("Email address", email)
	p.fill("Password", password)
	p.press("Sign in")
	p.sees("Sign out")
}

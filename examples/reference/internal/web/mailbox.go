package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"golang.org/x/text/language"
)

// devMailer is the reference server's Mailer for development: it writes each
// mail to the log and keeps the last ones for the development mailbox page
// (/dev/mailbox). The mails carry sign-in links, so the page is served only
// with -dev (or -demo): never run it so on a public address. A production
// network plugs in its own membership.Mailer (SMTP, a provider's API).
type devMailer struct {
	log  *slog.Logger
	dev  bool
	mu   sync.Mutex
	box  []sentMail
	keep int
}

type sentMail struct {
	membership.Mail
	At time.Time
}

// mailPart is a piece of a mail's text: words, or an address the
// mailbox shows as a link, so that a developer follows a mailed link with a
// click as its recipient would.
type mailPart struct {
	Text string
	Link bool
}

// mailLink is a web address in a mail's text; only http and https, so the
// page never links a javascript: or data: address.
var mailLink = regexp.MustCompile(`https?://[^\s<>"]+`)

// Parts cuts the mail's text into words and links.
func (m sentMail) Parts() []mailPart {
	var parts []mailPart
	prev := 0
	for _, loc := range mailLink.FindAllStringIndex(m.Text, -1) {
		if loc[0] > prev {
			parts = append(parts, mailPart{Text: m.Text[prev:loc[0]]})
		}
		parts = append(parts, mailPart{Text: m.Text[loc[0]:loc[1]], Link: true})
		prev = loc[1]
	}
	if prev < len(m.Text) {
		parts = append(parts, mailPart{Text: m.Text[prev:]})
	}
	return parts
}

func newDevMailer(log *slog.Logger, dev bool) *devMailer {
	return &devMailer{log: log, dev: dev, keep: 50}
}

func (d *devMailer) Send(ctx context.Context, m membership.Mail) error {
	if d.dev {
		// Development only: the whole mail, link included, in the log.
		d.log.InfoContext(ctx, "mail", "to", m.To, "subject", m.Subject, "text", m.Text)
	} else {
		// Without a mail relay the mail goes nowhere; the log line names no
		// recipient, since logs carry no personal data.
		d.log.WarnContext(ctx, "mail not delivered: no mail relay is configured (start with -dev to read mails)", "subject", m.Subject)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.box = append([]sentMail{{Mail: m, At: time.Now().UTC()}}, d.box...)
	if len(d.box) > d.keep {
		d.box = d.box[:d.keep]
	}
	return nil
}

func (d *devMailer) mails() []sentMail {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]sentMail(nil), d.box...)
}

// fromLoopback reports whether the request comes from this machine.
func fromLoopback(r *http.Request) bool {
	ip := net.ParseIP(clientAddr(r))
	return ip != nil && ip.IsLoopback()
}

func (s *Server) mountMailbox(mux *http.ServeMux) {
	if !s.opts.Dev {
		return
	}
	mux.HandleFunc("GET /dev/mailbox", func(w http.ResponseWriter, r *http.Request) {
		if !fromLoopback(r) {
			// The mails hold sign-in links: only the developer's own machine
			// may read them.
			s.pageError(w, r, avenir.ErrNotFound)
			return
		}
		s.render(w, r, http.StatusOK, "mailbox.html", map[string]any{"Title": s.localize(r, "Development mailbox"), "Mails": s.mailer.mails()})
	})
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"Mailbox":             "Boîte aux lettres",
		"Development mailbox": "Boîte aux lettres de développement",
		"The mails the server sent, newest first. This page exists only in development mode.": "Les courriels envoyés par le serveur, du plus récent au plus ancien. Cette page n’existe qu’en mode développement.",
		"To":           "À",
		"No mail yet.": "Aucun courriel pour l’instant.",
		// API messages.
		"The request is too large.":                             "La requête est trop volumineuse.",
		"The request body is not valid JSON for this call.":     "Le corps de la requête n’est pas un JSON valide pour cet appel.",
		"To erase your account, send {\"confirm\": \"erase\"}.": "Pour effacer votre compte, envoyez {\"confirm\": \"erase\"}.",
		"The number of days must be between 1 and %d.":          "Le nombre de jours doit être compris entre 1 et %d.",
	})
}

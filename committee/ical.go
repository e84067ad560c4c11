package committee

import (
	"bytes"
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
)

// iCalendar export (RFC 5545). The writer is small and written here rather
// than taken from a library: it emits one fixed shape (a VCALENDAR of
// VEVENTs with UTC times, so no VTIMEZONE is needed, RFC 5545 §3.3.5 form
// #2), escapes TEXT values (§3.3.11) and folds lines at 75 octets without
// splitting a UTF-8 sequence (§3.1). The tests parse its output with an
// independent parser.

// FeedWindow is how far back a committee's feed goes: events that ended
// within it stay, so that a calendar learns of late changes.
const FeedWindow = 30 * 24 * time.Hour

// maxFeedEvents bounds a feed.
const maxFeedEvents = 500

// ICS returns one event the actor may see as an iCalendar file.
func (s *Service) ICS(ctx context.Context, actor avenir.Actor, event avenir.ID) ([]byte, error) {
	e, err := s.Event(ctx, actor, event)
	if err != nil {
		return nil, err
	}
	return s.calendar(e.Title, []Event{e}), nil
}

// Feed returns the public events a committee organises or co-organises, as
// an iCalendar feed that calendar applications subscribe to: those to come
// and those that ended within FeedWindow, cancelled ones included (marked
// so). Nothing but public events is ever in it, whoever asks: a feed's
// address travels.
func (s *Service) Feed(ctx context.Context, committee avenir.ID) ([]byte, error) {
	c, err := s.store.Committee(ctx, committee)
	if err != nil {
		return nil, err
	}
	events, err := s.store.Events(ctx, EventFilter{
		Committee: c.ID, From: s.now().Add(-FeedWindow), Cancelled: true, PublicOnly: true,
		Visibility: avenir.Anonymous.Visibility(), Limit: maxFeedEvents,
	})
	if err != nil {
		return nil, err
	}
	return s.calendar(c.Name, events), nil
}

// calendar writes the events as a VCALENDAR.
func (s *Service) calendar(name string, events []Event) []byte {
	var b bytes.Buffer
	w := icalWriter{&b}
	w.line("BEGIN", "VCALENDAR")
	w.line("VERSION", "2.0")
	w.line("PRODID", "-//Avenir//Committee events//FR")
	w.line("CALSCALE", "GREGORIAN")
	w.text("X-WR-CALNAME", name)
	host := "avenir.invalid"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	places := map[string]string{}
	for _, e := range events {
		w.line("BEGIN", "VEVENT")
		// The UID is the event's ID at the network's host: stable across
		// exports, unique across networks (RFC 5545 §3.8.4.7).
		w.line("UID", e.ID.String()+"@"+host)
		// Without a METHOD, DTSTAMP is when the information was last
		// revised (§3.8.7.2).
		w.line("DTSTAMP", icalTime(e.UpdatedAt))
		w.line("CREATED", icalTime(e.CreatedAt))
		w.line("LAST-MODIFIED", icalTime(e.UpdatedAt))
		w.line("DTSTART", icalTime(e.StartsAt))
		w.line("DTEND", icalTime(e.EndsAt))
		w.line("SEQUENCE", strconv.Itoa(e.Sequence))
		w.text("SUMMARY", e.Title)
		if e.Description != "" {
			w.text("DESCRIPTION", e.Description)
		}
		if loc := location(e, places); loc != "" {
			w.text("LOCATION", loc)
		}
		if s.cfg.BaseURL != "" {
			w.line("URL", s.eventLink(e))
		}
		w.text("CATEGORIES", string(e.Kind))
		if e.Cancelled() {
			w.line("STATUS", "CANCELLED")
		} else {
			w.line("STATUS", "CONFIRMED")
		}
		w.line("END", "VEVENT")
	}
	w.line("END", "VCALENDAR")
	return b.Bytes()
}

// location is the address and commune of a venue, or the online link.
func location(e Event, names map[string]string) string {
	if e.Venue.Commune == "" {
		return e.OnlineURL
	}
	name, ok := names[e.Venue.Commune]
	if !ok {
		if c, err := geo.CommuneByINSEE(e.Venue.Commune); err == nil {
			name = c.Name
		}
		names[e.Venue.Commune] = name
	}
	if name == "" {
		return e.Venue.Address
	}
	return e.Venue.Address + ", " + name
}

func icalTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

type icalWriter struct{ b *bytes.Buffer }

// text writes a property whose value is TEXT, escaped.
func (w icalWriter) text(name, value string) { w.line(name, escapeText(value)) }

// line writes "NAME:value" folded at 75 octets, ending with CRLF.
func (w icalWriter) line(name, value string) {
	l := name + ":" + value
	const max = 75
	first := true
	for len(l) > 0 {
		limit := max
		if !first {
			limit = max - 1 // the leading space counts
			w.b.WriteByte(' ')
		}
		n := min(limit, len(l))
		for n < len(l) && n > 0 && !utf8.RuneStart(l[n]) {
			n-- // never cut a character in two
		}
		w.b.WriteString(l[:n])
		w.b.WriteString("\r\n")
		l = l[n:]
		first = false
	}
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string { return textEscaper.Replace(s) }

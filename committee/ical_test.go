package committee_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// unescape undoes RFC 5545 TEXT escaping, which the parser leaves in
// property values.
var unescape = strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n")

// TestICSParsesWithAnotherLibrary parses the export with an independent
// iCalendar parser (github.com/arran4/golang-ical) and compares its fields
// with the events'.
func TestICSParsesWithAnotherLibrary(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		d := f.meeting(0)
		d.Title = "Réunion ; débat, vote"
		d.Description = strings.Repeat("Logement, santé ; école — ", 10) + "\nFin."
		public := f.createEvent(t, f.admin, d)
		d.Audience = avenir.Members
		d.Title = "Réunion interne"
		members := f.createEvent(t, f.admin, d)
		d.Audience = avenir.Public
		d.Title = "Porte-à-porte"
		d.Kind = committee.Canvassing
		cancelled := f.createEvent(t, f.admin, d)
		_, err := f.svc.CancelEvent(ctx, f.admin, cancelled.ID, "")
		require.NoError(t, err)
		cancelled, err = f.svc.Event(ctx, f.admin, cancelled.ID)
		require.NoError(t, err)

		b, err := f.svc.ICS(ctx, avenir.Anonymous, public.ID)
		require.NoError(t, err)
		cal, err := ics.ParseCalendar(bytes.NewReader(b))
		require.NoError(t, err)
		events := cal.Events()
		require.Len(t, events, 1)
		ev := events[0]
		assert.Equal(t, public.ID.String()+"@reseau.example.org", ev.Id())
		startAt, err := ev.GetStartAt()
		require.NoError(t, err)
		assert.True(t, public.StartsAt.Equal(startAt))
		endAt, err := ev.GetEndAt()
		require.NoError(t, err)
		assert.True(t, public.EndsAt.Equal(endAt))
		stamp, err := ev.GetDtStampTime()
		require.NoError(t, err)
		assert.True(t, public.UpdatedAt.Truncate(time.Second).Equal(stamp))
		assert.Equal(t, public.Title, unescape.Replace(ev.GetProperty(ics.ComponentPropertySummary).Value))
		assert.Equal(t, public.Description, unescape.Replace(ev.GetProperty(ics.ComponentPropertyDescription).Value))
		assert.Equal(t, "12 rue Paul Bert, LYON 03", unescape.Replace(ev.GetProperty(ics.ComponentPropertyLocation).Value))
		assert.Equal(t, "https://reseau.example.org/events/"+public.ID.String(), ev.GetProperty(ics.ComponentPropertyUrl).Value)
		assert.Equal(t, "CONFIRMED", ev.GetProperty(ics.ComponentPropertyStatus).Value)
		assert.Equal(t, "0", ev.GetProperty(ics.ComponentPropertySequence).Value)

		// The members-only event is not found by a visitor.
		_, err = f.svc.ICS(ctx, avenir.Anonymous, members.ID)
		requireCode(t, err, avenir.CodeNotFound)

		// The committee's feed: public events only, the cancelled one marked.
		b, err = f.svc.Feed(ctx, f.lyon.ID)
		require.NoError(t, err)
		cal, err = ics.ParseCalendar(bytes.NewReader(b))
		require.NoError(t, err)
		got := map[string]*ics.VEvent{}
		for _, ev := range cal.Events() {
			got[ev.Id()] = ev
		}
		require.Len(t, got, 2)
		assert.NotContains(t, got, members.ID.String()+"@reseau.example.org")
		assert.NotContains(t, string(b), "Réunion interne")
		c := got[cancelled.ID.String()+"@reseau.example.org"]
		require.NotNil(t, c)
		assert.Equal(t, "CANCELLED", c.GetProperty(ics.ComponentPropertyStatus).Value)
		assert.Equal(t, "1", c.GetProperty(ics.ComponentPropertySequence).Value)
		assert.Equal(t, "canvassing", c.GetProperty(ics.ComponentPropertyCategories).Value)

		// The feed is the same whatever the time it is asked (a stable UID
		// and DTSTAMP), until something changes.
		f.clock.Advance(time.Hour)
		again, err := f.svc.Feed(ctx, f.lyon.ID)
		require.NoError(t, err)
		assert.Equal(t, b, again)
	})
}

package committee_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}()

// meeting is a public meeting of Lyon's committee on 1 April 2026 at 18:30
// in Paris time, with capacity places.
func (f *fixture) meeting(capacity int) committee.EventDraft {
	return committee.EventDraft{
		Kind: committee.Meeting, Committee: f.lyon.ID, Title: "Réunion publique : logement", Description: "Ordre du jour : *logement*.",
		StartsAt: time.Date(2026, 4, 1, 18, 30, 0, 0, paris), EndsAt: time.Date(2026, 4, 1, 20, 30, 0, 0, paris),
		TimeZone: "Europe/Paris", Venue: committee.Venue{Address: "12 rue Paul Bert", Commune: "69383"},
		Audience: avenir.Public, Capacity: capacity,
	}
}

func (f *fixture) createEvent(t *testing.T, actor avenir.Actor, d committee.EventDraft) committee.Event {
	t.Helper()
	e, err := f.svc.CreateEvent(context.Background(), actor, d)
	require.NoError(t, err)
	return e
}

func TestCreateEventValidation(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		animator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.lyon))
		e := f.createEvent(t, animator, f.meeting(30))
		assert.Equal(t, "69", e.Department)
		assert.Equal(t, time.Date(2026, 4, 1, 16, 30, 0, 0, time.UTC), e.StartsAt, "stored in UTC")
		assert.Contains(t, string(e.DescriptionHTML()), "<em>logement</em>")
		assert.Equal(t, []string{"event.published"}, f.outbox(t, e.ID))

		edit := func(fn func(d *committee.EventDraft)) committee.EventDraft {
			d := f.meeting(30)
			fn(&d)
			return d
		}
		bad := []struct {
			name  string
			actor avenir.Actor
			draft committee.EventDraft
			code  avenir.Code
			field string
		}{
			{"ends before it starts", animator, edit(func(d *committee.EventDraft) { d.EndsAt = d.StartsAt.Add(-time.Hour) }), avenir.CodeInvalid, "ends_at"},
			{"ends when it starts", animator, edit(func(d *committee.EventDraft) { d.EndsAt = d.StartsAt }), avenir.CodeInvalid, "ends_at"},
			{"in the past", animator, edit(func(d *committee.EventDraft) {
				d.StartsAt, d.EndsAt = start.Add(-2*time.Hour), start.Add(-time.Hour)
			}), avenir.CodeInvalid, "starts_at"},
			{"negative capacity", animator, edit(func(d *committee.EventDraft) { d.Capacity = -1 }), avenir.CodeInvalid, "capacity"},
			{"unknown time zone", animator, edit(func(d *committee.EventDraft) { d.TimeZone = "Europe/Lyon" }), avenir.CodeInvalid, "time_zone"},
			{"no title", animator, edit(func(d *committee.EventDraft) { d.Title = " " }), avenir.CodeInvalid, "title"},
			{"unknown kind", animator, edit(func(d *committee.EventDraft) { d.Kind = "party" }), avenir.CodeInvalid, "kind"},
			{"no address", animator, edit(func(d *committee.EventDraft) { d.Venue.Address = "" }), avenir.CodeInvalid, "address"},
			{"unknown commune", animator, edit(func(d *committee.EventDraft) { d.Venue.Commune = "69999" }), avenir.CodeInvalid, "commune"},
			{"online without a link", animator, edit(func(d *committee.EventDraft) { d.Kind, d.Venue = committee.Online, committee.Venue{} }), avenir.CodeInvalid, "online_url"},
			{"a javascript link", animator, edit(func(d *committee.EventDraft) {
				d.Kind, d.Venue, d.OnlineURL = committee.Online, committee.Venue{}, "javascript:alert(1)"
			}), avenir.CodeInvalid, "online_url"},
			{"a plain http link", animator, edit(func(d *committee.EventDraft) {
				d.Kind, d.Venue, d.OnlineURL = committee.Online, committee.Venue{}, "http://visio.example.org/r"
			}), avenir.CodeInvalid, "online_url"},
			{"moderators' audience", animator, edit(func(d *committee.EventDraft) { d.Audience = avenir.Moderators }), avenir.CodeInvalid, "audience"},
			{"another committee's audience", animator, edit(func(d *committee.EventDraft) {
				d.Audience = avenir.Audience{Kind: avenir.AudienceCommittee, Scope: f.ain.ID}
			}), avenir.CodeInvalid, "audience"},
			{"a co-organiser it does not lead", animator, edit(func(d *committee.EventDraft) { d.CoOrganisers = []avenir.ID{f.ain.ID} }), avenir.CodeForbidden, ""},
			{"a committee it does not lead", animator, edit(func(d *committee.EventDraft) { d.Committee = f.ain.ID }), avenir.CodeForbidden, ""},
			{"an unknown co-organiser", f.admin, edit(func(d *committee.EventDraft) { d.CoOrganisers = []avenir.ID{avenir.NewID()} }), avenir.CodeInvalid, "committee"},
			{"a member", f.actor(t, f.member(t, avenir.StatusActive)), f.meeting(30), avenir.CodeForbidden, ""},
			{"anonymous", avenir.Anonymous, f.meeting(30), avenir.CodeUnauthenticated, ""},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.svc.CreateEvent(ctx, tt.actor, tt.draft)
				requireCode(t, err, tt.code, tt.field)
			})
		}
		page, err := f.svc.Events(ctx, f.admin, committee.EventFilter{}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{e.ID}, eventIDs(page.Items), "refused events are not created")

		online := f.createEvent(t, animator, edit(func(d *committee.EventDraft) {
			d.Kind, d.Venue, d.OnlineURL = committee.Online, committee.Venue{}, "https://visio.example.org/r/42"
		}))
		assert.Empty(t, online.Department)
	})
}

func eventIDs(list []committee.Event) []avenir.ID {
	out := make([]avenir.ID, len(list))
	for i, e := range list {
		out[i] = e.ID
	}
	return out
}

// TestEventVisibility holds the single-event check and the list filter to
// the same answers, for every kind of actor and every audience.
func TestEventVisibility(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		audiences := []avenir.Audience{avenir.Public, avenir.Registered, avenir.Members,
			{Kind: avenir.AudienceCommittee, Scope: f.lyon.ID}}
		var events []committee.Event
		for i, a := range audiences {
			d := f.meeting(0)
			d.Audience = a
			d.StartsAt = d.StartsAt.Add(time.Duration(i) * time.Hour)
			d.EndsAt = d.EndsAt.Add(time.Duration(i) * time.Hour)
			events = append(events, f.createEvent(t, f.admin, d))
		}
		supporter := f.member(t, avenir.StatusSupporter)
		suspended := f.member(t, avenir.StatusSuspended)
		actors := map[string]avenir.Actor{
			"anonymous":               avenir.Anonymous,
			"supporter":               {ID: supporter.ID, Status: supporter.Status},
			"suspended":               {ID: suspended.ID, Status: suspended.Status},
			"member elsewhere":        f.actor(t, f.joined(t, f.ain, avenir.StatusActive)),
			"member of the committee": f.actor(t, f.joined(t, f.lyon, avenir.StatusActive)),
			"lapsed member of it":     f.actor(t, f.joined(t, f.lyon, avenir.StatusLapsed)),
			"federation animator":     f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.rhone)),
			"admin":                   f.admin,
		}
		for name, actor := range actors {
			t.Run(name, func(t *testing.T) {
				page, err := f.svc.Events(ctx, actor, committee.EventFilter{}, avenir.PageRequest{})
				require.NoError(t, err)
				listed := eventIDs(page.Items)
				for _, e := range events {
					_, err := f.svc.Event(ctx, actor, e.ID)
					visible := err == nil
					if !visible {
						requireCode(t, err, avenir.CodeNotFound)
					}
					assert.Equal(t, e.Audience.Allows(actor), visible, "%s", e.Audience)
					assert.Equal(t, visible, slices.Contains(listed, e.ID), "list and check disagree on %s", e.Audience)
				}
			})
		}
	})
}

func TestRSVPWaitlistAndPromotion(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		animator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.lyon))
		e := f.createEvent(t, animator, f.meeting(2))
		people := make([]avenir.Actor, 5)
		emails := make([]string, 5)
		for i := range people {
			m := f.member(t, avenir.StatusActive)
			people[i], emails[i] = avenir.Actor{ID: m.ID, Status: m.Status}, m.Email
		}
		want := []struct {
			status   committee.RSVPStatus
			position int
		}{{committee.StatusGoing, 0}, {committee.StatusGoing, 0}, {committee.StatusWaitlisted, 1}, {committee.StatusWaitlisted, 2}, {committee.StatusWaitlisted, 3}}
		for i, p := range people {
			r, err := f.svc.RSVP(ctx, p, e.ID, committee.Going)
			require.NoError(t, err)
			assert.Equal(t, want[i].status, r.Status, "person %d", i)
			assert.Equal(t, want[i].position, r.Position, "person %d", i)
		}
		again, err := f.svc.RSVP(ctx, people[3], e.ID, committee.Going)
		require.NoError(t, err)
		assert.Equal(t, 2, again.Position, "answering going again keeps one's place in line")

		// The capacity may not go below those confirmed.
		d := f.meeting(1)
		_, err = f.svc.UpdateEvent(ctx, animator, e.ID, d)
		requireCode(t, err, avenir.CodeConflict, "capacity")

		// A confirmed person declines: the first in line gets the place and is told.
		_, err = f.svc.RSVP(ctx, people[0], e.ID, committee.Declined)
		require.NoError(t, err)
		r, err := f.svc.MyRSVP(ctx, people[2], e.ID)
		require.NoError(t, err)
		assert.Equal(t, committee.StatusGoing, r.Status)
		require.Len(t, f.mail.To(emails[2]), 1)
		assert.Contains(t, f.mail.To(emails[2])[0].Subject, "Réunion publique")
		assert.Contains(t, f.mail.To(emails[2])[0].Text, "https://reseau.example.org/events/"+e.ID.String())
		assert.Empty(t, f.mail.To(emails[3]))
		r, err = f.svc.MyRSVP(ctx, people[3], e.ID)
		require.NoError(t, err)
		assert.Equal(t, 2, r.Position, "positions only grow")

		// Someone in line leaves it; a maybe frees nothing.
		_, err = f.svc.RSVP(ctx, people[3], e.ID, committee.Maybe)
		require.NoError(t, err)
		// Raising the capacity promotes the rest of the line.
		d = f.meeting(5)
		up, err := f.svc.UpdateEvent(ctx, animator, e.ID, d)
		require.NoError(t, err)
		assert.Equal(t, 3, up.Going)
		assert.Equal(t, 1, up.Sequence)
		r, err = f.svc.MyRSVP(ctx, people[4], e.ID)
		require.NoError(t, err)
		assert.Equal(t, committee.StatusGoing, r.Status)
		assert.Len(t, f.mail.To(emails[4]), 1)

		page, sum, err := f.svc.Registrations(ctx, animator, e.ID, nil, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Len(t, page.Items, 5)
		assert.Equal(t, committee.Attendance{Going: 3, Maybe: 1, Declined: 1}, sum)
		for _, reg := range page.Items {
			assert.NotEmpty(t, reg.Member.DisplayName)
			assert.Empty(t, reg.Member.Email, "registrations show names only")
		}
		_, _, err = f.svc.Registrations(ctx, people[1], e.ID, nil, avenir.PageRequest{})
		requireCode(t, err, avenir.CodeForbidden)

		// Bad answers change nothing.
		_, err = f.svc.RSVP(ctx, people[1], e.ID, "yes")
		requireCode(t, err, avenir.CodeInvalid, "response")
		_, err = f.svc.RSVP(ctx, avenir.Anonymous, e.ID, committee.Going)
		requireCode(t, err, avenir.CodeUnauthenticated)

		// Cancelling tells everyone registered, not those who declined.
		_, err = f.svc.CancelEvent(ctx, people[1], e.ID, "")
		requireCode(t, err, avenir.CodeForbidden)
		cancelled, err := f.svc.CancelEvent(ctx, animator, e.ID, "Salle indisponible.")
		require.NoError(t, err)
		assert.True(t, cancelled.Cancelled())
		assert.Equal(t, 2, cancelled.Sequence)
		for i, n := range []int{0, 1, 2, 1, 2} { // declined; going; promoted+cancel; maybe; promoted+cancel
			assert.Len(t, f.mail.To(emails[i]), n, "person %d", i)
		}
		last := f.mail.To(emails[1])[0]
		assert.Contains(t, last.Subject, "Annulé")
		assert.Contains(t, last.Text, "Salle indisponible.")
		_, err = f.svc.RSVP(ctx, people[0], e.ID, committee.Going)
		requireCode(t, err, avenir.CodeConflict)
		_, err = f.svc.CancelEvent(ctx, animator, e.ID, "")
		requireCode(t, err, avenir.CodeConflict)
		assert.Equal(t, []string{"event.published", "event.rsvp_promoted", "event.rsvp_promoted", "event.updated", "event.cancelled"}, f.outbox(t, e.ID))

		// An event that is over takes no answer.
		other := f.createEvent(t, animator, f.meeting(0))
		f.clock.Set(other.EndsAt)
		_, err = f.svc.RSVP(ctx, people[0], other.ID, committee.Going)
		requireCode(t, err, avenir.CodeConflict)
	})
}

func TestCheckInAndParticipation(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		national := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.national))
		d := f.meeting(0)
		d.Kind, d.Committee, d.Title = committee.Festival, f.national.ID, "Fête de la fraternité"
		d.CoOrganisers = []avenir.ID{f.rhone.ID, f.lyon.ID, f.ain.ID}
		e := f.createEvent(t, national, d)
		assert.ElementsMatch(t, []avenir.ID{f.rhone.ID, f.lyon.ID, f.ain.ID}, e.CoOrganisers)

		var lyonPeople []membership.Member
		for range 3 {
			lyonPeople = append(lyonPeople, f.joined(t, f.lyon, avenir.StatusActive))
		}
		ainPerson := f.joined(t, f.ain, avenir.StatusActive)
		loner := f.member(t, avenir.StatusActive)
		for _, m := range append(lyonPeople, ainPerson, loner) {
			_, err := f.svc.RSVP(ctx, avenir.Actor{ID: m.ID, Status: m.Status}, e.ID, committee.Going)
			require.NoError(t, err)
		}
		counts, err := f.svc.Participation(ctx, f.actor(t, ainPerson), e.ID)
		require.NoError(t, err)
		require.Len(t, counts, 3)
		assert.Equal(t, f.lyon.ID, counts[0].Committee.ID)
		assert.Equal(t, 3, counts[0].Going)
		_, err = f.svc.Participation(ctx, avenir.Anonymous, e.ID)
		requireCode(t, err, avenir.CodeForbidden)

		// A co-organiser's animator checks people in, on the day only.
		ainAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.ain))
		_, err = f.svc.CheckIn(ctx, ainAnimator, e.ID, lyonPeople[0].ID, true)
		requireCode(t, err, avenir.CodeConflict)
		f.clock.Set(time.Date(2026, 4, 1, 8, 0, 0, 0, paris))
		r, err := f.svc.CheckIn(ctx, ainAnimator, e.ID, lyonPeople[0].ID, true)
		require.NoError(t, err)
		assert.False(t, r.CheckedInAt.IsZero())
		_, err = f.svc.CheckIn(ctx, ainAnimator, e.ID, f.admin.ID, true)
		requireCode(t, err, avenir.CodeConflict)
		_, err = f.svc.CheckIn(ctx, f.actor(t, ainPerson), e.ID, lyonPeople[1].ID, true)
		requireCode(t, err, avenir.CodeForbidden)
		_, sum, err := f.svc.Registrations(ctx, ainAnimator, e.ID, nil, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Equal(t, committee.Attendance{Going: 5, CheckedIn: 1}, sum)
		r, err = f.svc.CheckIn(ctx, ainAnimator, e.ID, lyonPeople[0].ID, false)
		require.NoError(t, err)
		assert.True(t, r.CheckedInAt.IsZero())

		// Listing by committee and by department.
		page, err := f.svc.Events(ctx, avenir.Anonymous, committee.EventFilter{Committee: f.ain.ID}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{e.ID}, eventIDs(page.Items), "co-organised events are the committee's")
		page, err = f.svc.Events(ctx, avenir.Anonymous, committee.EventFilter{Department: "01"}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Empty(t, page.Items)
		_, err = f.svc.Events(ctx, avenir.Anonymous, committee.EventFilter{Department: "20"}, avenir.PageRequest{})
		requireCode(t, err, avenir.CodeInvalid, "department")

		// A merge moves the events of the source.
		_, err = f.svc.Merge(ctx, f.admin, f.ain.ID, f.rhone.ID, "")
		require.NoError(t, err)
		moved, err := f.svc.Event(ctx, avenir.Anonymous, e.ID)
		require.NoError(t, err)
		assert.ElementsMatch(t, []avenir.ID{f.rhone.ID, f.lyon.ID}, moved.CoOrganisers)
	})
}

func TestEventsPagination(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		var want []avenir.ID
		for i := range 5 {
			d := f.meeting(0)
			d.StartsAt = d.StartsAt.Add(time.Duration(i%2) * 24 * time.Hour) // ties on the start
			d.EndsAt = d.StartsAt.Add(time.Hour)
			want = append(want, f.createEvent(t, f.admin, d).ID)
		}
		var got []avenir.ID
		page := avenir.PageRequest{Limit: 2}
		for {
			p, err := f.svc.Events(ctx, avenir.Anonymous, committee.EventFilter{}, page)
			require.NoError(t, err)
			got = append(got, eventIDs(p.Items)...)
			if p.Next == "" {
				break
			}
			page.After = p.Next
		}
		assert.Equal(t, []avenir.ID{want[0], want[2], want[4], want[1], want[3]}, got)
	})
}

func TestPersonalData(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		members := membership.NewService(db.Members(), membership.Config{Clock: f.clock, PersonalData: []membership.PersonalData{f.svc}})
		e := f.createEvent(t, f.admin, f.meeting(1))
		m := f.joined(t, f.lyon, avenir.StatusActive)
		me := avenir.Actor{ID: m.ID, Status: m.Status}
		next := f.member(t, avenir.StatusActive)
		require.NoError(t, f.svc.Follow(ctx, me, f.ain.ID))
		_, err := f.svc.RSVP(ctx, me, e.ID, committee.Going)
		require.NoError(t, err)
		_, err = f.svc.RSVP(ctx, avenir.Actor{ID: next.ID, Status: next.Status}, e.ID, committee.Going)
		require.NoError(t, err)

		x, err := members.Export(ctx, me, m.ID)
		require.NoError(t, err)
		data := x.Sections["committee"].(committee.MemberData)
		assert.Len(t, data.Affiliations, 1)
		assert.Equal(t, []avenir.ID{f.ain.ID}, data.Following)
		assert.Len(t, data.RSVPs, 1)

		_, err = members.Erase(ctx, me, m.ID)
		require.NoError(t, err)
		data2, err := f.svc.ExportMember(ctx, m.ID)
		require.NoError(t, err)
		d2 := data2.(committee.MemberData)
		assert.Empty(t, d2.Following)
		assert.Empty(t, d2.RSVPs)
		require.Len(t, d2.Affiliations, 1)
		assert.False(t, d2.Affiliations[0].Open())
		r, err := f.svc.MyRSVP(ctx, avenir.Actor{ID: next.ID, Status: next.Status}, e.ID)
		require.NoError(t, err)
		assert.Equal(t, committee.StatusGoing, r.Status, "the erased member's place went to the next in line")
	})
}

func TestICSIsEscapedAndFolded(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		f := newFixture(t, db)
		d := f.meeting(0)
		d.Title = "Réunion ; débat, vote \\ fin"
		d.Description = strings.Repeat("Une très longue description accentuée — éàü. ", 8) + "\nDeuxième ligne"
		e := f.createEvent(t, f.admin, d)
		b, err := f.svc.ICS(context.Background(), avenir.Anonymous, e.ID)
		require.NoError(t, err)
		for _, line := range strings.SplitAfter(string(b), "\r\n") {
			if line == "" {
				continue
			}
			assert.True(t, strings.HasSuffix(line, "\r\n"), "CRLF: %q", line)
			assert.LessOrEqual(t, len(line)-2, 75, "folded at 75 octets: %q", line)
			assert.True(t, utf8Valid(line), "no character cut in two: %q", line)
		}
		assert.Contains(t, string(b), `SUMMARY:Réunion \; débat\, vote \\ fin`)
	})
}

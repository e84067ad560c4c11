package solidarity_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestWorkflow(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		animator := f.newActor(t, avenir.StatusActive, animatorOf(f.lyon))
		outsider := f.newActor(t, avenir.StatusActive, animatorOf(f.rhone)) // above Lyon: validates it too
		stranger := f.newActor(t, avenir.StatusActive)

		a, err := f.svc.Propose(ctx, author, request("Accompagner Mme D. à l’hôpital"))
		require.NoError(t, err)
		assert.Equal(t, solidarity.StatusDraft, a.Status)
		assert.Equal(t, f.lyon.ID, a.Committee, "the committee defaults from the place, nearest first")
		assert.Equal(t, "69", a.Department)
		assert.Equal(t, "84", a.Region)
		assert.Equal(t, avenir.Public, a.Audience)
		assert.Contains(t, a.DescriptionHTML, "<strong>médical</strong>")

		// A draft is its author's alone.
		_, err = f.svc.Action(ctx, animator, a.ID)
		requireCode(t, err, avenir.CodeNotFound)
		_, err = f.svc.Validate(ctx, animator, a.ID)
		requireCode(t, err, avenir.CodeNotFound)

		_, err = f.svc.Submit(ctx, stranger, a.ID)
		requireCode(t, err, avenir.CodeNotFound)
		a, err = f.svc.Submit(ctx, author, a.ID)
		require.NoError(t, err)
		assert.Equal(t, solidarity.StatusSubmitted, a.Status)
		_, err = f.svc.Submit(ctx, author, a.ID)
		requireCode(t, err, avenir.CodeConflict)

		// Waiting: its validators see it, nobody else.
		_, err = f.svc.Action(ctx, stranger, a.ID)
		requireCode(t, err, avenir.CodeNotFound)
		_, err = f.svc.Action(ctx, avenir.Anonymous, a.ID)
		requireCode(t, err, avenir.CodeNotFound)
		q, err := f.svc.Queue(ctx, animator, avenir.PageRequest{})
		require.NoError(t, err)
		require.Len(t, q.Items, 1)
		_, err = f.svc.Queue(ctx, stranger, avenir.PageRequest{})
		requireCode(t, err, avenir.CodeForbidden)
		_, err = f.svc.Validate(ctx, author, a.ID)
		requireCode(t, err, avenir.CodeForbidden)

		// Rejected, revised, submitted again, validated.
		_, err = f.svc.Reject(ctx, animator, a.ID, " ")
		requireCode(t, err, avenir.CodeInvalid, "reason")
		a, err = f.svc.Reject(ctx, outsider, a.ID, "Précisez l’heure du rendez-vous.")
		require.NoError(t, err)
		assert.Equal(t, solidarity.StatusRejected, a.Status)
		seen, err := f.svc.Action(ctx, author, a.ID)
		require.NoError(t, err)
		assert.Equal(t, "Précisez l’heure du rendez-vous.", seen.Reason, "the author sees why")
		_, err = f.svc.Action(ctx, stranger, a.ID)
		requireCode(t, err, avenir.CodeNotFound)
		_, err = f.svc.Revise(ctx, author, a.ID)
		require.NoError(t, err)
		_, err = f.svc.Submit(ctx, author, a.ID)
		require.NoError(t, err)
		a, err = f.svc.Validate(ctx, animator, a.ID)
		require.NoError(t, err)
		assert.Equal(t, solidarity.StatusPublished, a.Status)
		assert.Equal(t, start, a.PublishedAt)
		assert.Empty(t, a.Reason)

		// Published: anyone reads it.
		_, err = f.svc.Action(ctx, avenir.Anonymous, a.ID)
		require.NoError(t, err)

		// Only its organiser starts and completes it.
		_, err = f.svc.Start(ctx, stranger, a.ID)
		requireCode(t, err, avenir.CodeForbidden)
		a, err = f.svc.Start(ctx, author, a.ID)
		require.NoError(t, err)
		assert.Equal(t, solidarity.StatusInProgress, a.Status)
		_, err = f.svc.Complete(ctx, author, a.ID, solidarity.Impact{PeopleHelped: -1})
		requireCode(t, err, avenir.CodeInvalid, "people_helped")
		a, err = f.svc.Complete(ctx, author, a.ID, solidarity.Impact{PeopleHelped: 1, Hours: 3, Report: "Tout s’est bien passé."})
		require.NoError(t, err)
		assert.Equal(t, solidarity.StatusCompleted, a.Status)
		require.NotNil(t, a.Impact)
		again, err := f.svc.Action(ctx, avenir.Anonymous, a.ID)
		require.NoError(t, err)
		assert.Equal(t, &solidarity.Impact{PeopleHelped: 1, Hours: 3, Report: "Tout s’est bien passé."}, again.Impact)

		// Nothing moves a completed action.
		_, err = f.svc.Cancel(ctx, author, a.ID, "Finalement non.")
		requireCode(t, err, avenir.CodeConflict)

		var types []string
		p, err := db.Events(ctx, f.admin, avenir.PageRequest{Limit: avenir.MaxPageSize})
		require.NoError(t, err)
		for _, e := range p.Items {
			if e.Subject == a.ID {
				types = append(types, e.Type)
			}
		}
		assert.Equal(t, []string{"solidarity.action_proposed", "solidarity.action_submitted", "solidarity.action_rejected",
			"solidarity.action_draft", "solidarity.action_submitted", "solidarity.action_published",
			"solidarity.action_in_progress", "solidarity.action_completed"}, types)
	})
}

func TestTrustedAuthorsPublishDirectly(t *testing.T) {
	for _, trusted := range []bool{false, true} {
		t.Run(map[bool]string{false: "validated", true: "trusted"}[trusted], func(t *testing.T) {
			storagetest.Run(t, func(t *testing.T, db *storage.DB) {
				ctx := context.Background()
				f := newFixture(t, db, func(c *solidarity.Config) { c.TrustedPublishDirectly = trusted })
				animator := f.newActor(t, avenir.StatusActive, animatorOf(f.lyon))
				member := f.newActor(t, avenir.StatusActive)
				d := request("Collecte")
				d.Kind, d.Category, d.Volunteers = solidarity.Collective, "food_aid", 10
				a, err := f.svc.Propose(ctx, animator, d)
				require.NoError(t, err)
				a, err = f.svc.Submit(ctx, animator, a.ID)
				require.NoError(t, err)
				want := solidarity.StatusSubmitted
				if trusted {
					want = solidarity.StatusPublished
				}
				assert.Equal(t, want, a.Status, "trusted %v", trusted)

				// A member's submission waits whatever the setting.
				b, err := f.svc.Propose(ctx, member, request("Courses"))
				require.NoError(t, err)
				b, err = f.svc.Submit(ctx, member, b.ID)
				require.NoError(t, err)
				assert.Equal(t, solidarity.StatusSubmitted, b.Status)

				// A collective action is a committee's: a member may not propose one.
				_, err = f.svc.Propose(ctx, member, d)
				requireCode(t, err, avenir.CodeForbidden)
			})
		})
	}
}

func TestProposeBadInput(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		cases := map[string]struct {
			change func(*solidarity.Draft)
			field  string
		}{
			"unknown kind":           {func(d *solidarity.Draft) { d.Kind = "gift" }, "kind"},
			"unknown category":       {func(d *solidarity.Draft) { d.Category = "gardening" }, "category"},
			"no title":               {func(d *solidarity.Draft) { d.Title = "  " }, "title"},
			"abroad with no country": {func(d *solidarity.Draft) { d.Place = solidarity.Place{City: "Berlin"} }, "place.country"},
			"unknown country":        {func(d *solidarity.Draft) { d.Place = solidarity.Place{Country: "XX", City: "Nowhere"} }, "place.country"},
			"unknown commune":        {func(d *solidarity.Draft) { d.Place = solidarity.Place{Commune: "99999"} }, "place.commune"},
			"no place":               {func(d *solidarity.Draft) { d.Place = solidarity.Place{} }, "place.commune"},
			"online with a commune":  {func(d *solidarity.Draft) { d.Place = solidarity.Place{Online: true, Commune: "69383"} }, "place"},
			"ends before it starts":  {func(d *solidarity.Draft) { d.EndsAt = d.StartsAt.Add(-time.Hour) }, "ends_at"},
			"in the past":            {func(d *solidarity.Draft) { d.StartsAt = start.Add(-time.Hour) }, "starts_at"},
			"negative volunteers":    {func(d *solidarity.Draft) { d.Volunteers = -1 }, "volunteers"},
			"shifts on a request": {func(d *solidarity.Draft) {
				d.Shifts = []solidarity.ShiftDraft{{StartsAt: d.StartsAt, EndsAt: d.StartsAt.Add(time.Hour)}}
			}, "shifts"},
			"unknown audience": {func(d *solidarity.Draft) { d.Audience = &avenir.Audience{Kind: "friends"} }, "audience"},
			"title too long":   {func(d *solidarity.Draft) { d.Title = string(make([]rune, solidarity.MaxTitle+1)) }, "title"},
		}
		for name, c := range cases {
			d := request("Aide")
			c.change(&d)
			_, err := f.svc.Propose(ctx, author, d)
			requireCode(t, err, avenir.CodeInvalid, c.field)
			_ = name
		}
		_, err := f.svc.Propose(ctx, avenir.Anonymous, request("Aide"))
		requireCode(t, err, avenir.CodeUnauthenticated)
		mine, err := f.svc.Mine(ctx, author, avenir.PageRequest{})
		require.NoError(t, err)
		assert.Empty(t, mine.Items, "nothing was written")

		// Abroad with its country, and online, are fine.
		d := request("Aide à Berlin")
		d.Place = solidarity.Place{Country: "de", City: "Berlin"}
		a, err := f.svc.Propose(ctx, author, d)
		require.NoError(t, err)
		assert.Equal(t, "DE", a.Place.Country)
		d.Place = solidarity.Place{Online: true}
		_, err = f.svc.Propose(ctx, author, d)
		require.NoError(t, err)
	})
}

func TestExpireDue(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		soon := f.published(t, author, request("Demain")) // one-off, in 72 hours
		later := request("Plus tard")
		later.StartsAt, later.EndsAt = start.Add(24*time.Hour), start.Add(30*24*time.Hour)
		long := f.published(t, author, later)
		open := request("Sans date")
		open.StartsAt = time.Time{}
		forever := f.published(t, author, open)
		started := f.published(t, author, request("En cours"))
		_, err := f.svc.Start(ctx, author, started.ID)
		require.NoError(t, err)

		n, err := f.svc.ExpireDue(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
		f.clock.Advance(4 * 24 * time.Hour)
		n, err = f.svc.ExpireDue(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
		for id, want := range map[avenir.ID]solidarity.Status{
			soon.ID: solidarity.StatusExpired, long.ID: solidarity.StatusPublished,
			forever.ID: solidarity.StatusPublished, started.ID: solidarity.StatusInProgress,
		} {
			a, err := f.svc.Action(ctx, author, id)
			require.NoError(t, err)
			assert.Equal(t, want, a.Status, a.Title)
		}
	})
}

func TestEditDraft(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		stranger := f.newActor(t, avenir.StatusActive)
		animator := f.newActor(t, avenir.StatusActive, animatorOf(f.lyon))
		a, err := f.svc.Propose(ctx, author, request("Accompagnement"))
		require.NoError(t, err)

		members := avenir.Members
		d := request("Accompagnement à Paris")
		d.Category, d.Place, d.Audience, d.Volunteers = "visits", solidarity.Place{Commune: "75101"}, &members, 3
		f.clock.Advance(time.Minute)
		edited, err := f.svc.Edit(ctx, author, a.ID, d)
		require.NoError(t, err)
		assert.Equal(t, a.ID, edited.ID)
		assert.Equal(t, a.CreatedAt, edited.CreatedAt)
		assert.Equal(t, start.Add(time.Minute), edited.UpdatedAt)
		got, err := f.svc.Action(ctx, author, a.ID)
		require.NoError(t, err)
		assert.Equal(t, edited, got)
		assert.Equal(t, "Accompagnement à Paris", got.Title)
		assert.Equal(t, "visits", got.Category)
		assert.Equal(t, "75", got.Department)
		assert.Equal(t, "11", got.Region)
		assert.Equal(t, avenir.Members, got.Audience)
		assert.Equal(t, 3, got.Volunteers)
		assert.Equal(t, solidarity.StatusDraft, got.Status)

		// Bad input, someone else, nobody: errors that change nothing.
		bad := d
		bad.EndsAt = bad.StartsAt.Add(-time.Hour)
		_, err = f.svc.Edit(ctx, author, a.ID, bad)
		requireCode(t, err, avenir.CodeInvalid, "ends_at")
		_, err = f.svc.Edit(ctx, stranger, a.ID, request("Détourné"))
		requireCode(t, err, avenir.CodeNotFound)
		_, err = f.svc.Edit(ctx, avenir.Anonymous, a.ID, request("Détourné"))
		requireCode(t, err, avenir.CodeUnauthenticated)
		_, err = f.svc.Edit(ctx, author, avenir.NewID(), request("Aucune"))
		requireCode(t, err, avenir.CodeNotFound)
		collective := request("Collecte")
		collective.Kind, collective.Category = solidarity.Collective, "food_aid"
		_, err = f.svc.Edit(ctx, author, a.ID, collective)
		requireCode(t, err, avenir.CodeForbidden)
		again, err := f.svc.Action(ctx, author, a.ID)
		require.NoError(t, err)
		assert.Equal(t, got, again)

		// Submitted: no longer a draft, for its author or its validators.
		_, err = f.svc.Submit(ctx, author, a.ID)
		require.NoError(t, err)
		_, err = f.svc.Edit(ctx, author, a.ID, d)
		requireCode(t, err, avenir.CodeConflict)
		_, err = f.svc.Edit(ctx, f.admin, a.ID, d)
		requireCode(t, err, avenir.CodeForbidden)

		// Rejected, revised: a draft again, edited with the reason in view.
		_, err = f.svc.Reject(ctx, f.admin, a.ID, "Précisez l’heure.")
		require.NoError(t, err)
		_, err = f.svc.Edit(ctx, author, a.ID, d)
		requireCode(t, err, avenir.CodeConflict)
		_, err = f.svc.Revise(ctx, author, a.ID)
		require.NoError(t, err)
		d.Description = "Rendez-vous à 14 h."
		edited, err = f.svc.Edit(ctx, author, a.ID, d)
		require.NoError(t, err)
		assert.Equal(t, "Précisez l’heure.", edited.Reason)
		assert.Contains(t, edited.DescriptionHTML, "14 h")
		_, err = f.svc.Submit(ctx, author, a.ID)
		require.NoError(t, err)
		published, err := f.svc.Validate(ctx, f.admin, a.ID)
		require.NoError(t, err)
		_, err = f.svc.Edit(ctx, author, published.ID, d)
		requireCode(t, err, avenir.CodeConflict)

		// A collective draft's shifts are replaced.
		collective.Shifts = []solidarity.ShiftDraft{
			{StartsAt: start.Add(24 * time.Hour), EndsAt: start.Add(26 * time.Hour), Capacity: 4},
			{StartsAt: start.Add(48 * time.Hour), EndsAt: start.Add(50 * time.Hour), Capacity: 4},
		}
		c, err := f.svc.Propose(ctx, animator, collective)
		require.NoError(t, err)
		require.Len(t, c.Shifts, 2)
		collective.Shifts = []solidarity.ShiftDraft{{StartsAt: start.Add(72 * time.Hour), EndsAt: start.Add(75 * time.Hour), Capacity: 6}}
		_, err = f.svc.Edit(ctx, animator, c.ID, collective)
		require.NoError(t, err)
		c, err = f.svc.Action(ctx, animator, c.ID)
		require.NoError(t, err)
		assert.Equal(t, []solidarity.Shift{{Number: 1, StartsAt: start.Add(72 * time.Hour), EndsAt: start.Add(75 * time.Hour), Capacity: 6}}, c.Shifts)
	})
}

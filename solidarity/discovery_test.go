package solidarity_test

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func titles(list []solidarity.Action) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Title)
	}
	return out
}

func TestFiltersMatchingAndNearMe(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		at := func(kind solidarity.Kind, category, commune, title string) solidarity.Action {
			d := request(title)
			d.Kind, d.Category, d.Place = kind, category, solidarity.Place{Commune: commune}
			return f.published(t, author, d)
		}
		req := at(solidarity.Request, "transport", "69383", "Besoin Lyon 3e")
		at(solidarity.Offer, "transport", "69387", "Offre Lyon")             // another commune, same department
		at(solidarity.Offer, "transport", "69383", "Offre Lyon 3e")          // same commune
		at(solidarity.Offer, "transport", "38185", "Offre Grenoble")         // same region (84)
		at(solidarity.Offer, "transport", "75101", "Offre Paris")            // elsewhere
		at(solidarity.Offer, "tutoring", "69383", "Soutien scolaire 3e")     // another category
		at(solidarity.Request, "transport", "69383", "Autre besoin Lyon 3e") // not an offer
		draft, err := f.svc.Propose(ctx, author, solidarity.Draft{Kind: solidarity.Offer, Category: "transport", Title: "Brouillon",
			Place: solidarity.Place{Commune: "69383"}})
		require.NoError(t, err)
		_ = draft

		m, err := f.svc.Matches(ctx, avenir.Anonymous, req.ID, 0)
		require.NoError(t, err)
		assert.Equal(t, []string{"Offre Lyon 3e", "Offre Lyon", "Offre Grenoble"}, titles(m))
		m, err = f.svc.Matches(ctx, avenir.Anonymous, req.ID, 2)
		require.NoError(t, err)
		assert.Equal(t, []string{"Offre Lyon 3e", "Offre Lyon"}, titles(m))

		near, err := f.svc.NearMe(ctx, avenir.Anonymous, "69003", solidarity.Query{Kinds: []solidarity.Kind{solidarity.Offer}}, 0)
		require.NoError(t, err)
		assert.Equal(t, []string{"Soutien scolaire 3e", "Offre Lyon 3e", "Offre Lyon", "Offre Grenoble"}, titles(near))
		_, err = f.svc.NearMe(ctx, avenir.Anonymous, "ABCDE", solidarity.Query{}, 0)
		requireCode(t, err, avenir.CodeInvalid)

		p, err := f.svc.Actions(ctx, avenir.Anonymous, solidarity.Query{Department: "69", Category: "transport",
			Kinds: []solidarity.Kind{solidarity.Offer}}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"Offre Lyon 3e", "Offre Lyon"}, titles(p.Items))
		p, err = f.svc.Actions(ctx, avenir.Anonymous, solidarity.Query{Region: "84", Committee: f.lyon.ID}, avenir.PageRequest{})
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"Besoin Lyon 3e", "Offre Lyon", "Offre Lyon 3e", "Soutien scolaire 3e", "Autre besoin Lyon 3e"}, titles(p.Items))
		_, err = f.svc.Actions(ctx, avenir.Anonymous, solidarity.Query{Statuses: []solidarity.Status{"lost"}}, avenir.PageRequest{})
		requireCode(t, err, avenir.CodeInvalid, "status")
		_, err = f.svc.Actions(ctx, avenir.Anonymous, solidarity.Query{}, avenir.PageRequest{After: "forged"})
		requireCode(t, err, avenir.CodeInvalid, "cursor")
	})
}

func TestImpact(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		helper := f.newActor(t, avenir.StatusActive)
		done := func(title, category string, aud *avenir.Audience, people, hours int) {
			d := request(title)
			d.Category, d.Audience = category, aud
			a := f.published(t, author, d)
			_, err := f.svc.SignUp(ctx, helper, a.ID, 0)
			require.NoError(t, err)
			_, err = f.svc.Accept(ctx, author, a.ID, helper.ID)
			require.NoError(t, err)
			_, err = f.svc.Complete(ctx, author, a.ID, solidarity.Impact{PeopleHelped: people, Hours: hours})
			require.NoError(t, err)
		}
		done("Courses 1", "food_aid", nil, 3, 2)
		done("Courses 2", "food_aid", nil, 5, 4)
		members := avenir.Members
		done("Réservé", "transport", &members, 1, 1)
		f.published(t, author, request("Pas terminé"))

		rows, err := f.svc.Impact(ctx, avenir.Anonymous, solidarity.ImpactQuery{})
		require.NoError(t, err)
		assert.Equal(t, []solidarity.ImpactRow{{Key: "food_aid", Actions: 2, PeopleHelped: 8, Hours: 6, Volunteers: 2}}, rows,
			"a visitor's figures count only what a visitor may read")
		rows, err = f.svc.Impact(ctx, helper, solidarity.ImpactQuery{By: solidarity.ByDepartment})
		require.NoError(t, err)
		assert.Equal(t, []solidarity.ImpactRow{{Key: "69", Actions: 3, PeopleHelped: 9, Hours: 7, Volunteers: 3}}, rows)
		rows, err = f.svc.Impact(ctx, helper, solidarity.ImpactQuery{By: solidarity.ByCommittee})
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, f.lyon.ID.String(), rows[0].Key)
		rows, err = f.svc.Impact(ctx, helper, solidarity.ImpactQuery{By: solidarity.ByMonth})
		require.NoError(t, err)
		assert.Equal(t, []solidarity.ImpactRow{{Key: "2026-03", Actions: 3, PeopleHelped: 9, Hours: 7, Volunteers: 3}}, rows)
		rows, err = f.svc.Impact(ctx, helper, solidarity.ImpactQuery{From: start.Add(time.Hour), To: start.Add(2 * time.Hour)})
		require.NoError(t, err)
		assert.Empty(t, rows)
		_, err = f.svc.Impact(ctx, helper, solidarity.ImpactQuery{By: "colour"})
		requireCode(t, err, avenir.CodeInvalid, "by")

		var buf bytes.Buffer
		require.NoError(t, f.svc.ImpactCSV(ctx, avenir.Anonymous, solidarity.ImpactQuery{}, &buf))
		assert.Equal(t, "category,category_label,actions,people_helped,hours,volunteers\nfood_aid,Aide alimentaire,2,8,6,2\n", buf.String())
	})
}

func TestImpactCSV(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		done := func(d solidarity.Draft, people, hours int) {
			a := f.published(t, author, d)
			_, err := f.svc.Complete(ctx, author, a.ID, solidarity.Impact{PeopleHelped: people, Hours: hours})
			require.NoError(t, err)
		}
		done(request("Lyon"), 3, 2)
		online := request("En ligne")
		online.Category, online.Place = "administrative", solidarity.Place{Online: true}
		done(online, 1, 1)
		f.clock.Advance(30 * 24 * time.Hour)
		paris := request("Paris")
		paris.Category, paris.Place, paris.StartsAt = "custom", solidarity.Place{Commune: "75101"}, f.clock.Now().Add(time.Hour)
		f.svc = solidarity.NewService(db.Solidarity(), solidarity.Config{Members: f.members, Committees: f.committees, Forums: f.forums, Clock: f.clock,
			Categories: append([]solidarity.Category{{Code: "custom", Label: "Jardinage"}}, solidarity.DefaultCategories...)})
		done(paris, 5, 4)
		// The network drops the category: its code stands for its label.
		f.svc = solidarity.NewService(db.Solidarity(), solidarity.Config{Members: f.members, Committees: f.committees, Forums: f.forums, Clock: f.clock})

		csvOf := func(q solidarity.ImpactQuery) string {
			var buf bytes.Buffer
			require.NoError(t, f.svc.ImpactCSV(ctx, avenir.Anonymous, q, &buf))
			return buf.String()
		}
		assert.Equal(t, "committee_id,committee_name,actions,people_helped,hours,volunteers\n"+
			",,1,1,1,0\n"+
			f.national.ID.String()+",Avenir national,1,5,4,0\n"+ // created first: its ID sorts first
			f.lyon.ID.String()+",Lyon 3e et 7e,1,3,2,0\n",
			sortedLines(csvOf(solidarity.ImpactQuery{By: solidarity.ByCommittee})))
		assert.Equal(t, "department,department_name,actions,people_helped,hours,volunteers\n"+
			",,1,1,1,0\n69,Rhône,1,3,2,0\n75,Paris,1,5,4,0\n",
			sortedLines(csvOf(solidarity.ImpactQuery{By: solidarity.ByDepartment})))
		assert.Equal(t, "category,category_label,actions,people_helped,hours,volunteers\n"+
			"administrative,Administrative help,1,1,1,0\ncustom,custom,1,5,4,0\ntransport,Transport,1,3,2,0\n",
			sortedLines(csvOf(solidarity.ImpactQuery{Language: language.English})))
		assert.Equal(t, "month,actions,people_helped,hours,volunteers\n2026-03,2,4,3,0\n2026-04,1,5,4,0\n",
			sortedLines(csvOf(solidarity.ImpactQuery{By: solidarity.ByMonth})))
		var buf bytes.Buffer
		err := f.svc.ImpactCSV(ctx, avenir.Anonymous, solidarity.ImpactQuery{By: "colour"}, &buf)
		requireCode(t, err, avenir.CodeInvalid, "by")
		assert.Empty(t, buf.String(), "nothing is written on bad input")
	})
}

// sortedLines sorts the lines of a CSV after its header, whose row order
// among equal counts is the database's.
func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	sort.Strings(lines[1:])
	return strings.Join(lines, "\n") + "\n"
}

func TestDateFilter(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		author := f.newActor(t, avenir.StatusActive)
		animator := f.newActor(t, avenir.StatusActive, animatorOf(f.lyon))
		day := func(n int) time.Time { return start.Add(time.Duration(n) * 24 * time.Hour) }
		dated := func(title string, from, to time.Time) {
			d := request(title)
			d.StartsAt, d.EndsAt = from, to
			f.published(t, author, d)
		}
		dated("Le 3", day(3), time.Time{})           // one-off
		dated("Du 1 au 10", day(1), day(10))         // a period
		dated("Sans date", time.Time{}, time.Time{}) // open-ended
		dated("Le 30", day(30), time.Time{})
		shifts := request("Créneaux du 20")
		shifts.Kind, shifts.Category, shifts.StartsAt = solidarity.Collective, "food_aid", time.Time{}
		shifts.Shifts = []solidarity.ShiftDraft{
			{StartsAt: day(21), EndsAt: day(21).Add(3 * time.Hour)},
			{StartsAt: day(20), EndsAt: day(20).Add(3 * time.Hour)},
		}
		c := f.published(t, animator, shifts)
		assert.Equal(t, day(20), c.Starts())
		assert.Equal(t, day(21).Add(3*time.Hour), c.Ends())

		for _, tc := range []struct {
			name     string
			from, to time.Time
			want     []string
		}{
			{"a few days", day(2), day(4), []string{"Le 3", "Du 1 au 10", "Sans date"}},
			{"ends where a one-off starts", day(2), day(3), []string{"Du 1 au 10", "Sans date"}},
			{"starts where a one-off is", day(3), day(4), []string{"Le 3", "Du 1 au 10", "Sans date"}},
			{"between shifts and a period", day(11), day(20), []string{"Sans date"}},
			{"the shifts", day(11), day(25), []string{"Créneaux du 20", "Sans date"}},
			{"from only", day(25), time.Time{}, []string{"Le 30", "Sans date"}},
			{"to only", time.Time{}, day(2), []string{"Du 1 au 10", "Sans date"}},
			{"no bound", time.Time{}, time.Time{}, []string{"Le 3", "Du 1 au 10", "Sans date", "Le 30", "Créneaux du 20"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p, err := f.svc.Actions(ctx, avenir.Anonymous, solidarity.Query{From: tc.from, To: tc.to}, avenir.PageRequest{})
				require.NoError(t, err)
				assert.ElementsMatch(t, tc.want, titles(p.Items))
			})
		}
		for _, to := range []time.Time{day(2), day(1)} {
			_, err := f.svc.Actions(ctx, avenir.Anonymous, solidarity.Query{From: day(2), To: to}, avenir.PageRequest{})
			requireCode(t, err, avenir.CodeInvalid, "to")
			_, err = f.svc.NearMe(ctx, avenir.Anonymous, "69003", solidarity.Query{From: day(2), To: to}, 0)
			requireCode(t, err, avenir.CodeInvalid, "to")
		}
		near, err := f.svc.NearMe(ctx, avenir.Anonymous, "69003", solidarity.Query{From: day(25)}, 0)
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"Le 30", "Sans date"}, titles(near))
	})
}

package committee_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestCreate(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		assert.Equal(t, "federation-du-rhone", f.rhone.Slug)
		assert.Equal(t, []string{"69383", "69387"}, f.lyon.Territory.Communes)
		assert.Equal(t, []string{"AT", "DE"}, f.abroad.Territory.Countries, "codes are sorted")
		got, err := f.svc.BySlug(ctx, "lyon-3e-et-7e")
		require.NoError(t, err)
		assert.Equal(t, f.lyon, got)
		assert.Equal(t, []string{"committee.created"}, f.outbox(t, f.lyon.ID))

		animator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.rhone))
		local := f.member(t, avenir.StatusActive)
		localAnimator := f.actor(t, local, animatorOf(f.lyon))
		villeurbanne := committee.Draft{Kind: committee.Local, Name: "Villeurbanne", Parent: f.rhone.ID,
			Territory: committee.Territory{Communes: []string{"69266"}}}

		bad := []struct {
			name  string
			actor avenir.Actor
			draft committee.Draft
			code  avenir.Code
			field string
		}{
			{"anonymous", avenir.Anonymous, villeurbanne, avenir.CodeUnauthenticated, ""},
			{"a local animator creates a sibling", localAnimator, villeurbanne, avenir.CodeForbidden, ""},
			{"a second national committee", f.admin, committee.Draft{Kind: committee.National, Name: "Autre"}, avenir.CodeConflict, ""},
			{"a commune outside the parent's departments", animator, committee.Draft{Kind: committee.Local, Name: "Paris 1er", Parent: f.rhone.ID,
				Territory: committee.Territory{Communes: []string{"75101"}}}, avenir.CodeInvalid, "territory"},
			{"an unknown commune", animator, committee.Draft{Kind: committee.Local, Name: "Nulle part", Parent: f.rhone.ID,
				Territory: committee.Territory{Communes: []string{"69999"}}}, avenir.CodeInvalid, "territory"},
			{"a local committee with departments", animator, committee.Draft{Kind: committee.Local, Name: "Rhône bis", Parent: f.rhone.ID,
				Territory: committee.Territory{Departments: []string{"69"}}}, avenir.CodeInvalid, "territory"},
			{"a local committee under the national one", f.admin, committee.Draft{Kind: committee.Local, Name: "Lyon", Parent: f.national.ID,
				Territory: committee.Territory{Communes: []string{"69381"}}}, avenir.CodeInvalid, "parent"},
			{"a federation of an unknown department", f.admin, committee.Draft{Kind: committee.Federation, Name: "Vingt", Parent: f.national.ID,
				Territory: committee.Territory{Departments: []string{"20"}}}, avenir.CodeInvalid, "territory"},
			{"abroad in France", f.admin, committee.Draft{Kind: committee.Abroad, Name: "France", Parent: f.national.ID,
				Territory: committee.Territory{Countries: []string{"FR"}}}, avenir.CodeInvalid, "territory"},
			{"abroad outside its parent", f.admin, committee.Draft{Kind: committee.Abroad, Name: "Berlin et Rome", Parent: f.abroad.ID,
				Territory: committee.Territory{Countries: []string{"DE", "IT"}}}, avenir.CodeInvalid, "territory"},
			{"no parent", f.admin, committee.Draft{Kind: committee.Federation, Name: "Isère", Territory: committee.Territory{Departments: []string{"38"}}}, avenir.CodeInvalid, "parent"},
			{"an unknown parent", f.admin, committee.Draft{Kind: committee.Federation, Name: "Isère", Parent: avenir.NewID(), Territory: committee.Territory{Departments: []string{"38"}}}, avenir.CodeInvalid, "parent"},
			{"a taken slug", animator, committee.Draft{Kind: committee.Local, Name: "Lyon 3e et 7e", Parent: f.rhone.ID,
				Territory: committee.Territory{Communes: []string{"69381"}}}, avenir.CodeConflict, "slug"},
			{"a bad slug", animator, committee.Draft{Kind: committee.Local, Name: "Lyon", Slug: "Lyon Centre", Parent: f.rhone.ID,
				Territory: committee.Territory{Communes: []string{"69381"}}}, avenir.CodeInvalid, "slug"},
			{"no name", animator, committee.Draft{Kind: committee.Local, Name: "  ", Parent: f.rhone.ID,
				Territory: committee.Territory{Communes: []string{"69381"}}}, avenir.CodeInvalid, "name"},
			{"an unknown kind", f.admin, committee.Draft{Kind: "region", Name: "Auvergne", Parent: f.national.ID}, avenir.CodeInvalid, "kind"},
		}
		before, err := f.svc.All(ctx)
		require.NoError(t, err)
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.svc.Create(ctx, tt.actor, tt.draft)
				requireCode(t, err, tt.code, tt.field)
			})
		}
		after, err := f.svc.All(ctx)
		require.NoError(t, err)
		assert.Equal(t, before, after, "refused creations change nothing")

		// The federation's animator creates a local committee under it.
		v, err := f.svc.Create(ctx, animator, villeurbanne)
		require.NoError(t, err)
		assert.Equal(t, f.rhone.ID, v.Parent)
	})
}

func TestTreeQueries(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		district := f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e", Parent: f.lyon.ID,
			Territory: committee.Territory{Communes: []string{"69383"}}})

		sub, err := f.svc.Subtree(ctx, f.rhone.ID)
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{f.rhone.ID, f.lyon.ID, district.ID}, ids(sub))
		up, err := f.svc.Ancestors(ctx, district.ID)
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{f.lyon.ID, f.rhone.ID, f.national.ID}, ids(up))
		children, err := f.svc.Children(ctx, f.national.ID)
		require.NoError(t, err)
		assert.ElementsMatch(t, []avenir.ID{f.rhone.ID, f.ain.ID, f.abroad.ID}, ids(children))
		all, err := f.svc.All(ctx)
		require.NoError(t, err)
		assert.Equal(t, committee.National, all[0].Kind)
		assert.Len(t, all, 6)
		parent, err := f.svc.Parent(ctx, f.lyon.ID)
		require.NoError(t, err)
		assert.Equal(t, f.rhone.ID, parent)
		parent, err = f.svc.Parent(ctx, f.national.ID)
		require.NoError(t, err)
		assert.True(t, parent.IsZero())
		_, err = f.svc.Parent(ctx, avenir.NewID())
		requireCode(t, err, avenir.CodeNotFound)
		national, err := f.svc.National(ctx)
		require.NoError(t, err)
		assert.Equal(t, f.national.ID, national.ID)
	})
}

func TestUpdate(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		lyonAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.lyon))
		rhoneAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.rhone))

		d := committee.Draft{Name: "Lyon rive gauche", Description: "**Bienvenue**", Contact: "lyon@example.org", MembersVisible: true,
			Territory: f.lyon.Territory}
		c, err := f.svc.Update(ctx, lyonAnimator, f.lyon.ID, d)
		require.NoError(t, err)
		assert.Equal(t, "lyon-rive-gauche", c.Slug)
		assert.True(t, c.MembersVisible)
		assert.Contains(t, string(c.DescriptionHTML()), "<strong>Bienvenue</strong>")

		// Its own animators may not widen their ground; the federation's may.
		d = committee.Draft{Name: c.Name, Territory: committee.Territory{Communes: []string{"69383", "69387", "69381"}}}
		_, err = f.svc.Update(ctx, lyonAnimator, f.lyon.ID, d)
		requireCode(t, err, avenir.CodeForbidden)
		c, err = f.svc.Update(ctx, rhoneAnimator, f.lyon.ID, d)
		require.NoError(t, err)
		assert.Equal(t, []string{"69381", "69383", "69387"}, c.Territory.Communes)

		// A federation narrowed so that a committee below falls outside.
		_, err = f.svc.Update(ctx, f.admin, f.rhone.ID, committee.Draft{Name: f.rhone.Name, Territory: committee.Territory{Departments: []string{"42"}}})
		requireCode(t, err, avenir.CodeInvalid, "territory")
		_, err = f.svc.Update(ctx, lyonAnimator, f.ain.ID, committee.Draft{Name: "Ain"})
		requireCode(t, err, avenir.CodeForbidden)
		_, err = f.svc.Update(ctx, f.admin, f.ain.ID, committee.Draft{Kind: committee.Local, Name: "Ain", Territory: f.ain.Territory})
		requireCode(t, err, avenir.CodeInvalid, "kind")
		got, err := f.svc.Committee(ctx, f.rhone.ID)
		require.NoError(t, err)
		assert.Equal(t, f.rhone, got, "refused updates change nothing")
	})
}

func TestMove(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		rhoneAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.rhone))
		both := f.create(t, f.admin, committee.Draft{Kind: committee.Federation, Name: "Rhône et Ain", Parent: f.national.ID,
			Territory: committee.Territory{Departments: []string{"01", "69"}}})
		district := f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Lyon 7e", Parent: f.lyon.ID,
			Territory: committee.Territory{Communes: []string{"69387"}}})

		// Lyon's communes are not in the Ain.
		_, err := f.svc.Move(ctx, f.admin, f.lyon.ID, f.ain.ID)
		requireCode(t, err, avenir.CodeInvalid, "territory")
		// The animator of the old parent alone may not move it.
		_, err = f.svc.Move(ctx, rhoneAnimator, f.lyon.ID, both.ID)
		requireCode(t, err, avenir.CodeForbidden)
		// Under its own descendant.
		_, err = f.svc.Move(ctx, f.admin, f.lyon.ID, district.ID)
		requireCode(t, err, avenir.CodeInvalid, "parent")

		moved, err := f.svc.Move(ctx, f.admin, f.lyon.ID, both.ID)
		require.NoError(t, err)
		assert.Equal(t, both.ID, moved.Parent)
		up, err := f.svc.Ancestors(ctx, district.ID)
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{f.lyon.ID, both.ID, f.national.ID}, ids(up), "the subtree moved with it")
		assert.Equal(t, []string{"committee.created", "committee.moved"}, f.outbox(t, f.lyon.ID))
	})
}

func TestMergeAndArchive(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		villeurbanne := f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Villeurbanne", Parent: f.rhone.ID,
			Territory: committee.Territory{Communes: []string{"69266"}}})
		quarter := f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Gratte-Ciel", Parent: villeurbanne.ID,
			Territory: committee.Territory{Communes: []string{"69266"}}})
		a := f.joined(t, villeurbanne, avenir.StatusActive)
		b := f.joined(t, villeurbanne, avenir.StatusLapsed)
		follower := f.member(t, avenir.StatusSupporter)
		require.NoError(t, f.svc.Follow(ctx, avenir.Actor{ID: follower.ID, Status: follower.Status}, villeurbanne.ID))

		// Archiving a committee with members or committees below is refused.
		_, err := f.svc.Archive(ctx, f.admin, villeurbanne.ID)
		requireCode(t, err, avenir.CodeConflict)
		lyonAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.lyon))
		_, err = f.svc.Merge(ctx, lyonAnimator, villeurbanne.ID, f.lyon.ID, "")
		requireCode(t, err, avenir.CodeForbidden)
		_, err = f.svc.Merge(ctx, f.admin, f.lyon.ID, f.ain.ID, "")
		requireCode(t, err, avenir.CodeInvalid, "territory")
		_, err = f.svc.Merge(ctx, f.admin, f.lyon.ID, f.lyon.ID, "")
		requireCode(t, err, avenir.CodeInvalid, "target")

		rhoneAnimator := f.actor(t, f.member(t, avenir.StatusActive), animatorOf(f.rhone))
		merged, err := f.svc.Merge(ctx, rhoneAnimator, villeurbanne.ID, f.lyon.ID, "Regroupement des comités")
		require.NoError(t, err)
		assert.Equal(t, []string{"69266", "69383", "69387"}, merged.Territory.Communes)

		src, err := f.svc.Committee(ctx, villeurbanne.ID)
		require.NoError(t, err)
		assert.False(t, src.Active())
		assert.Equal(t, f.lyon.ID, src.MergedInto)
		q, err := f.svc.Committee(ctx, quarter.ID)
		require.NoError(t, err)
		assert.Equal(t, f.lyon.ID, q.Parent, "the committees below moved to the target")
		for _, m := range []membership.Member{a, b} {
			hist, err := f.svc.History(ctx, f.admin, m.ID)
			require.NoError(t, err)
			require.Len(t, hist, 2)
			assert.Equal(t, villeurbanne.ID, hist[0].Committee)
			assert.False(t, hist[0].Open())
			assert.Equal(t, f.lyon.ID, hist[1].Committee)
			assert.Equal(t, villeurbanne.ID, hist[1].From)
			assert.Equal(t, "Regroupement des comités", hist[1].Reason)
			assert.Equal(t, rhoneAnimator.ID, hist[1].By)
		}
		following, err := f.svc.Following(ctx, avenir.Actor{ID: follower.ID, Status: follower.Status})
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{f.lyon.ID}, ids(following))
		assert.Equal(t, []string{"committee.created", "committee.merged"}, f.outbox(t, villeurbanne.ID))
		assert.Equal(t, []string{"affiliation.joined", "affiliation.transferred"}, f.outbox(t, a.ID))

		_, err = f.svc.Merge(ctx, f.admin, villeurbanne.ID, f.lyon.ID, "")
		requireCode(t, err, avenir.CodeConflict)

		// An empty committee with nothing below is archived.
		empty := f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Bron", Parent: f.rhone.ID,
			Territory: committee.Territory{Communes: []string{"69029"}}})
		archived, err := f.svc.Archive(ctx, rhoneAnimator, empty.ID)
		require.NoError(t, err)
		assert.False(t, archived.Active())
		_, err = f.svc.Archive(ctx, f.admin, f.national.ID)
		requireCode(t, err, avenir.CodeConflict)
		children, err := f.svc.Children(ctx, f.rhone.ID)
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{f.lyon.ID}, ids(children))
	})
}

func TestActorExpandsGrantsDownTheTree(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		m := f.joined(t, f.lyon, avenir.StatusActive)
		a := f.actor(t, m, animatorOf(f.rhone))
		assert.Equal(t, []avenir.ID{f.lyon.ID}, a.Committees)
		for _, c := range []committee.Committee{f.rhone, f.lyon} {
			assert.True(t, a.Has(avenir.RoleAnimator, avenir.CommitteeScope(c.ID)), c.Name)
			assert.True(t, avenir.Audience{Kind: avenir.AudienceCommittee, Scope: c.ID}.Allows(a), c.Name)
		}
		for _, c := range []committee.Committee{f.national, f.ain, f.abroad} {
			assert.False(t, a.Has(avenir.RoleAnimator, avenir.CommitteeScope(c.ID)), c.Name)
		}
		assert.ElementsMatch(t, []avenir.ID{f.lyon.ID, f.rhone.ID}, a.Visibility().Committees)

		anon, err := f.svc.Actor(ctx, avenir.Anonymous)
		require.NoError(t, err)
		assert.Equal(t, avenir.Anonymous, anon)

		// The animator of a federation gives the animator role on a
		// committee directly below it, through the tree.
		members := membership.NewService(db.Members(), membership.Config{Clock: f.clock, Committees: f.svc})
		_, err = members.GrantRole(ctx, a, m.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(f.lyon.ID)})
		require.NoError(t, err)
		_, err = members.GrantRole(ctx, a, m.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(f.ain.ID)})
		requireCode(t, err, avenir.CodeForbidden)
		leaders, err := f.svc.Animators(ctx, f.lyon.ID)
		require.NoError(t, err)
		assert.Equal(t, []committee.Leader{{ID: m.ID, DisplayName: m.DisplayName}}, leaders)
		leaders, err = f.svc.Animators(ctx, f.rhone.ID)
		require.NoError(t, err)
		assert.Empty(t, leaders, "a grant above is not listed below")
	})
}

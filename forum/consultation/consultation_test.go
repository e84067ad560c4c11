package consultation_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestCreateAndRead(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		member := f.person(t, "Léa", avenir.StatusActive)
		supporter := f.person(t, "Sam", avenir.StatusSupporter)

		_, err := f.svc.Create(ctx, member, consultation.Input{Title: "X", Forum: f.theme.ID})
		assert.Equal(t, avenir.CodeForbidden, code(err))
		_, err = f.svc.Create(ctx, f.admin, consultation.Input{Title: " ", Forum: f.theme.ID})
		assert.Equal(t, avenir.CodeInvalid, code(err))
		_, err = f.svc.Create(ctx, f.admin, consultation.Input{Title: "X", Forum: avenir.NewID()})
		assert.Equal(t, avenir.CodeInvalid, code(err))
		_, err = f.svc.Create(ctx, f.admin, consultation.Input{Title: "X", Forum: f.theme.ID,
			Schedule: consultation.Schedule{Contributions: start.AddDate(0, 0, 2), Amendments: start}})
		assert.Equal(t, avenir.CodeInvalid, code(err))

		for _, aud := range []avenir.Audience{avenir.Moderators, avenir.CommitteeAudience(avenir.NewID())} {
			narrow, err := f.forums.CreateForum(ctx, f.admin, forum.ForumInput{Title: "Étroit " + string(aud.Kind), Audience: aud})
			require.NoError(t, err)
			_, err = f.svc.Create(ctx, f.admin, consultation.Input{Title: "X", Forum: narrow.ID})
			assert.Equal(t, avenir.CodeInvalid, code(err), "%v", aud)
		}

		c := f.consultation(t)
		assert.Equal(t, avenir.Members, c.Audience, "the theme forum's audience")

		got, err := f.svc.Get(ctx, member, c.ID)
		require.NoError(t, err)
		assert.Equal(t, []avenir.ID{f.drafter.ID}, got.Drafters)
		assert.Equal(t, consultation.PhaseContributions, got.Phase)
		_, err = f.svc.Get(ctx, supporter, c.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err), "members only: a supporter may not know it exists")
		_, err = f.svc.Get(ctx, avenir.Anonymous, c.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err))

		// The list filter agrees with the single check, for every actor.
		for _, a := range []avenir.Actor{member, supporter, avenir.Anonymous, f.admin, f.drafter} {
			list, err := f.svc.List(ctx, a)
			require.NoError(t, err)
			_, one := f.svc.Get(ctx, a, c.ID)
			assert.Equal(t, one == nil, len(list) == 1, "actor %v", a.ID)
			if len(list) == 1 {
				assert.Equal(t, []avenir.ID{f.drafter.ID}, list[0].Drafters)
				assert.Equal(t, consultation.PhaseContributions, list[0].Phase)
			}
		}

		// Only the drafting group (or an admin) advances the phase.
		_, err = f.svc.Advance(ctx, member, c.ID)
		assert.Equal(t, avenir.CodeForbidden, code(err))
		_, err = f.svc.Advance(ctx, supporter, c.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err))
	})
}

func TestContributionsAndCoauthors(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		lea := f.person(t, "Léa", avenir.StatusActive)
		max := f.person(t, "Max", avenir.StatusActive)
		lapsed := f.person(t, "Lou", avenir.StatusLapsed)
		c := f.consultation(t)

		x := f.contribute(t, lea, c, "Le rail partout", "Rouvrir les petites lignes.", "Un billet unique.")
		assert.Equal(t, 1, x.Version)
		require.Len(t, x.Sections, 2)
		assert.Contains(t, string(x.Sections[0].HTML), "<p>Rouvrir les petites lignes.</p>")
		assert.Equal(t, "Léa", x.AuthorName)

		// Its discussion is a thread of the theme forum.
		th, err := f.forums.Thread(ctx, max, x.Thread)
		require.NoError(t, err)
		assert.Equal(t, f.theme.ID, th.Forum)
		assert.Equal(t, "Le rail partout", th.Title)

		_, err = f.svc.Contribute(ctx, lapsed, c.ID, consultation.Draft{Title: "T", Sections: []consultation.SectionInput{{Body: "b"}}})
		assert.Equal(t, avenir.CodeNotFound, code(err), "a lapsed member does not read members' content")
		_, err = f.svc.Contribute(ctx, lea, c.ID, consultation.Draft{Title: "T"})
		assert.Equal(t, avenir.CodeInvalid, code(err))

		// Co-authors: invited, then accepted; only authors revise.
		d := consultation.Draft{Title: "Le rail partout", Sections: []consultation.SectionInput{
			{ID: x.Sections[0].ID, Heading: "Lignes", Body: "Rouvrir toutes les petites lignes."},
			{ID: x.Sections[1].ID, Body: "Un billet unique."}}}
		_, err = f.svc.Revise(ctx, max, x.ID, d)
		assert.Equal(t, avenir.CodeForbidden, code(err))
		require.NoError(t, f.svc.Invite(ctx, lea, x.ID, max.ID))
		assert.Equal(t, avenir.CodeInvalid, code(f.svc.Invite(ctx, lea, x.ID, max.ID)))
		assert.Equal(t, avenir.CodeForbidden, code(f.svc.Invite(ctx, max, x.ID, lapsed.ID)), "an invitation is not authorship")
		_, err = f.svc.Revise(ctx, max, x.ID, d)
		assert.Equal(t, avenir.CodeForbidden, code(err))
		require.NoError(t, f.svc.Accept(ctx, max, x.ID))
		assert.Equal(t, avenir.CodeConflict, code(f.svc.Accept(ctx, max, x.ID)))
		authors, err := f.svc.Authors(ctx, lea, x.ID)
		require.NoError(t, err)
		require.Len(t, authors, 2)
		assert.True(t, authors[1].Accepted)

		x2, err := f.svc.Revise(ctx, max, x.ID, d)
		require.NoError(t, err)
		assert.Equal(t, 2, x2.Version)
		assert.Equal(t, x.Sections[0].ID, x2.Sections[0].ID, "a section keeps its identity")
		vs, err := f.svc.Versions(ctx, lea, x.ID)
		require.NoError(t, err)
		require.Len(t, vs, 2)
		assert.Equal(t, "Rouvrir les petites lignes.", vs[0].Sections[0].Body, "versions are kept")
		assert.Equal(t, "Rouvrir toutes les petites lignes.", vs[1].Sections[0].Body)

		// Outside its phase, contributing is a conflict.
		c = f.advanceTo(t, c, consultation.PhaseAmendments)
		_, err = f.svc.Contribute(ctx, lea, c.ID, consultation.Draft{Title: "T", Sections: []consultation.SectionInput{{Body: "b"}}})
		assert.Equal(t, avenir.CodeConflict, code(err))
		_, err = f.svc.Revise(ctx, lea, x.ID, d)
		assert.Equal(t, avenir.CodeConflict, code(err))

		list, err := f.svc.Texts(ctx, max, c.ID, consultation.KindContribution, consultation.SortNewest)
		require.NoError(t, err)
		require.Len(t, list, 1)
	})
}

func TestAmendments(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		lea := f.person(t, "Léa", avenir.StatusActive)
		max := f.person(t, "Max", avenir.StatusActive)
		c := f.consultation(t)
		x := f.contribute(t, lea, c, "Le rail partout", "Rouvrir les petites lignes.", "Un billet unique.")
		in := consultation.AmendmentInput{Section: x.Sections[0].ID, Proposed: "Rouvrir et électrifier les petites lignes.", Reason: "Le diesel pollue."}

		_, err := f.svc.Amend(ctx, max, x.ID, in)
		assert.Equal(t, avenir.CodeConflict, code(err), "not yet the amendments phase")
		c = f.advanceTo(t, c, consultation.PhaseAmendments)

		_, err = f.svc.Amend(ctx, max, x.ID, consultation.AmendmentInput{Section: avenir.NewID(), Proposed: "x", Reason: "y"})
		assert.Equal(t, avenir.CodeInvalid, code(err))
		_, err = f.svc.Amend(ctx, max, x.ID, consultation.AmendmentInput{Section: in.Section, Proposed: x.Sections[0].Body, Reason: "y"})
		assert.Equal(t, avenir.CodeInvalid, code(err), "an amendment that changes nothing")

		a, err := f.svc.Amend(ctx, max, x.ID, in)
		require.NoError(t, err)
		assert.Equal(t, consultation.AmendmentProposed, a.State)
		assert.Equal(t, []consultation.Chunk{{Op: consultation.OpEqual, Text: "Rouvrir "}, {Op: consultation.OpInsert, Text: "et électrifier "},
			{Op: consultation.OpEqual, Text: "les petites lignes."}}, a.Diff())

		b, err := f.svc.Amend(ctx, max, x.ID, consultation.AmendmentInput{Section: x.Sections[1].ID, Proposed: "Un billet unique et gratuit.", Reason: "Justice."})
		require.NoError(t, err)

		// Only the target's authors answer.
		_, err = f.svc.AnswerAmendment(ctx, max, a.ID, consultation.Answer{State: consultation.AmendmentAccepted})
		assert.Equal(t, avenir.CodeForbidden, code(err))
		_, err = f.svc.AnswerAmendment(ctx, lea, b.ID, consultation.Answer{State: consultation.AmendmentRejected})
		assert.Equal(t, avenir.CodeInvalid, code(err), "a rejection needs its reason")
		_, err = f.svc.AnswerAmendment(ctx, lea, b.ID, consultation.Answer{State: "maybe"})
		assert.Equal(t, avenir.CodeInvalid, code(err))

		a, err = f.svc.AnswerAmendment(ctx, lea, a.ID, consultation.Answer{State: consultation.AmendmentAccepted})
		require.NoError(t, err)
		assert.Equal(t, consultation.AmendmentAccepted, a.State)
		assert.Equal(t, 2, a.Version)
		got, err := f.svc.Text(ctx, max, x.ID)
		require.NoError(t, err)
		assert.Equal(t, 2, got.Version)
		assert.Equal(t, in.Proposed, got.Sections[0].Body)
		assert.Equal(t, "Un billet unique.", got.Sections[1].Body, "the other section is unchanged")
		vs, err := f.svc.Versions(ctx, lea, x.ID)
		require.NoError(t, err)
		require.Len(t, vs, 2)
		assert.Equal(t, a.ID, vs[1].Amendment)

		_, err = f.svc.AnswerAmendment(ctx, lea, a.ID, consultation.Answer{State: consultation.AmendmentRejected, Reason: "non"})
		assert.Equal(t, avenir.CodeConflict, code(err), "answered once")

		b, err = f.svc.AnswerAmendment(ctx, lea, b.ID, consultation.Answer{State: consultation.AmendmentRejected, Reason: "Trop coûteux."})
		require.NoError(t, err)
		assert.Equal(t, "Trop coûteux.", b.Answer)
		got, err = f.svc.Text(ctx, max, x.ID)
		require.NoError(t, err)
		assert.Equal(t, 2, got.Version, "a rejection makes no version")

		list, err := f.svc.Amendments(ctx, max, x.ID)
		require.NoError(t, err)
		require.Len(t, list, 2)
		assert.Equal(t, a.ID, list[0].ID)
	})
}

func TestSupports(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		lea := f.person(t, "Léa", avenir.StatusActive)
		max := f.person(t, "Max", avenir.StatusActive)
		sam := f.person(t, "Sam", avenir.StatusSupporter)
		c := f.consultation(t)
		var xs []consultation.Text
		for _, title := range []string{"Un", "Deux", "Trois", "Quatre"} {
			xs = append(xs, f.contribute(t, lea, c, title, "Texte "+title))
		}
		assert.Equal(t, avenir.CodeConflict, code(f.svc.Support(ctx, max, xs[0].ID)), "not yet the supports phase")
		c = f.advanceTo(t, c, consultation.PhaseAmendments)
		a, err := f.svc.Amend(ctx, max, xs[0].ID, consultation.AmendmentInput{Section: xs[0].Sections[0].ID, Proposed: "Autre", Reason: "Mieux"})
		require.NoError(t, err)
		c = f.advanceTo(t, c, consultation.PhaseSupports)

		assert.Equal(t, avenir.CodeNotFound, code(f.svc.Support(ctx, sam, xs[0].ID)))
		assert.Equal(t, avenir.CodeNotFound, code(f.svc.Support(ctx, max, avenir.NewID())))
		require.NoError(t, f.svc.Support(ctx, max, xs[1].ID))
		assert.Equal(t, avenir.CodeConflict, code(f.svc.Support(ctx, max, xs[1].ID)), "once per item")
		require.NoError(t, f.svc.Support(ctx, max, a.ID), "an amendment is supported too")
		require.NoError(t, f.svc.Support(ctx, max, xs[2].ID))
		err = f.svc.Support(ctx, max, xs[3].ID)
		assert.Equal(t, avenir.CodeConflict, code(err), "the limit is 3")
		assert.Contains(t, err.Error(), "(3)")

		require.NoError(t, f.svc.Withdraw(ctx, max, xs[1].ID))
		assert.Equal(t, avenir.CodeConflict, code(f.svc.Withdraw(ctx, max, xs[1].ID)))
		require.NoError(t, f.svc.Support(ctx, max, xs[3].ID), "a withdrawn support frees a place")
		require.NoError(t, f.svc.Support(ctx, lea, xs[3].ID))

		list, err := f.svc.Texts(ctx, max, c.ID, consultation.KindContribution, consultation.SortSupports)
		require.NoError(t, err)
		assert.Equal(t, xs[3].ID, list[0].ID)
		assert.Equal(t, 2, list[0].Supports)
		got, err := f.svc.Amendment(ctx, max, a.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, got.Supports)
		mine, err := f.svc.Supported(ctx, max, c.ID)
		require.NoError(t, err)
		assert.ElementsMatch(t, []avenir.ID{a.ID, xs[2].ID, xs[3].ID}, mine)

		// Once the phase ends, supports stand: no more, no withdrawal.
		c = f.advanceTo(t, c, consultation.PhaseSynthesis)
		assert.Equal(t, avenir.CodeConflict, code(f.svc.Withdraw(ctx, max, xs[3].ID)))
	})
}

// TestSupportLimitUnderConcurrency sends 200 concurrent supports of one
// member, over 40 items, on PostgreSQL: exactly the limit pass.
func TestSupportLimitUnderConcurrency(t *testing.T) {
	db := storagetest.Postgres(t)
	ctx := context.Background()
	f := newFixture(t, db)
	lea := f.person(t, "Léa", avenir.StatusActive)
	max := f.person(t, "Max", avenir.StatusActive)
	svc := consultation.NewService(db.Consultations(), consultation.Config{Forums: f.forums, Clock: f.clock, SupportLimit: 10, Secret: secret})
	c := f.consultation(t)
	var items []avenir.ID
	for i := range 40 {
		items = append(items, f.contribute(t, lea, c, "Contribution "+string(rune('A'+i)), "Texte").ID)
	}
	f.advanceTo(t, c, consultation.PhaseSupports)
	errs := make(chan error, 200)
	for i := range 200 {
		go func() { errs <- svc.Support(ctx, max, items[i%len(items)]) }()
	}
	ok := 0
	for range 200 {
		err := <-errs
		if err == nil {
			ok++
		} else {
			require.Equal(t, avenir.CodeConflict, code(err), "%v", err)
		}
	}
	assert.Equal(t, 10, ok)
	mine, err := svc.Supported(ctx, max, c.ID)
	require.NoError(t, err)
	assert.Len(t, mine, 10)
	var n int
	require.NoError(t, db.Bun().NewSelect().Table("avenir_consultation_support_counts").Column("n").
		Where("member_id = ?", max.ID).Scan(ctx, &n))
	assert.Equal(t, 10, n, "the counter equals the supports")
}

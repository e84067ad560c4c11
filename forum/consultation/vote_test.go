package consultation_test

import (
	"time"

	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestSynthesisProvenance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		lea := f.person(t, "Léa", avenir.StatusActive)
		max := f.person(t, "Max", avenir.StatusActive)
		c := f.consultation(t)
		other := f.consultation(t)
		x := f.contribute(t, lea, c, "Le rail partout", "Rouvrir les petites lignes.")
		foreign := f.contribute(t, lea, other, "Ailleurs", "Un autre texte.")
		c = f.advanceTo(t, c, consultation.PhaseAmendments)
		a, err := f.svc.Amend(ctx, max, x.ID, consultation.AmendmentInput{Section: x.Sections[0].ID, Proposed: "Rouvrir et électrifier.", Reason: "Climat."})
		require.NoError(t, err)

		d := consultation.Draft{Title: "Motion", Sections: []consultation.SectionInput{
			{Heading: "Transports", Body: "Nous rouvrirons les petites lignes.", Sources: []consultation.Source{
				{Kind: consultation.SourceContribution, ID: x.ID}, {Kind: consultation.SourceAmendment, ID: a.ID}}}}}
		_, err = f.svc.Compose(ctx, f.drafter, c.ID, d)
		assert.Equal(t, avenir.CodeConflict, code(err), "the motion is written in the synthesis phase")
		c = f.advanceTo(t, c, consultation.PhaseSynthesis)
		_, err = f.svc.Compose(ctx, lea, c.ID, d)
		assert.Equal(t, avenir.CodeForbidden, code(err), "the drafting group writes the motion")

		// A section cannot cite a contribution of another consultation, nor
		// a motion, nor something that does not exist.
		for _, src := range []consultation.Source{{Kind: consultation.SourceContribution, ID: foreign.ID},
			{Kind: consultation.SourceContribution, ID: avenir.NewID()}, {Kind: consultation.SourceAmendment, ID: x.ID}, {Kind: "post", ID: x.ID}} {
			bad := d
			bad.Sections = []consultation.SectionInput{{Body: "b", Sources: []consultation.Source{src}}}
			_, err = f.svc.Compose(ctx, f.drafter, c.ID, bad)
			assert.Equal(t, avenir.CodeInvalid, code(err), "%v", src)
		}

		m, err := f.svc.Compose(ctx, f.drafter, c.ID, d)
		require.NoError(t, err)
		assert.Equal(t, consultation.KindMotion, m.Kind)
		require.Len(t, m.Sections[0].Sources, 2)
		assert.ElementsMatch(t, []consultation.Source{{Kind: consultation.SourceContribution, ID: x.ID, Title: "Le rail partout"},
			{Kind: consultation.SourceAmendment, ID: a.ID, Title: "Rouvrir et électrifier.", Text: x.ID}}, m.Sections[0].Sources)

		// The schema holds the rule too: a version written straight to the
		// store with a foreign source is refused.
		bad := consultation.Version{Text: m.ID, Number: 2, Title: "Motion", By: f.drafter.ID, At: f.clock.Now(),
			Sections: []consultation.Section{{ID: avenir.NewID(), Body: "b", Sources: []consultation.Source{{Kind: consultation.SourceContribution, ID: foreign.ID}}}}}
		err = db.InTx(ctx, func(ctx context.Context) error { return db.Consultations().AddVersion(ctx, bad) })
		assert.Equal(t, avenir.CodeInvalid, code(err))
		bad.Sections[0].Sources = []consultation.Source{{Kind: consultation.SourceContribution, ID: m.ID}}
		err = db.InTx(ctx, func(ctx context.Context) error { return db.Consultations().AddVersion(ctx, bad) })
		assert.Equal(t, avenir.CodeInvalid, code(err), "a motion is no contribution")

		// A member amends the draft motion; the drafting group accepts.
		ma, err := f.svc.Amend(ctx, max, m.ID, consultation.AmendmentInput{Section: m.Sections[0].ID, Proposed: "Nous rouvrirons et électrifierons les petites lignes.", Reason: "Précision."})
		require.NoError(t, err)
		_, err = f.svc.AnswerAmendment(ctx, lea, ma.ID, consultation.Answer{State: consultation.AmendmentAccepted})
		assert.Equal(t, avenir.CodeForbidden, code(err))
		ma, err = f.svc.AnswerAmendment(ctx, f.drafter, ma.ID, consultation.Answer{State: consultation.AmendmentAccepted})
		require.NoError(t, err)
		m, err = f.svc.Text(ctx, max, m.ID)
		require.NoError(t, err)
		assert.Equal(t, 2, m.Version)
		assert.Len(t, m.Sections[0].Sources, 2, "provenance follows the section into the new version")

		m, err = f.svc.Publish(ctx, f.drafter, m.ID)
		require.NoError(t, err)
		assert.Equal(t, 2, m.Published)
		_, err = f.svc.Redraft(ctx, f.drafter, m.ID, d)
		assert.Equal(t, avenir.CodeConflict, code(err), "publishing freezes")
		_, err = f.svc.Amend(ctx, max, m.ID, consultation.AmendmentInput{Section: m.Sections[0].ID, Proposed: "x", Reason: "y"})
		assert.Equal(t, avenir.CodeConflict, code(err))
		_, err = f.svc.Publish(ctx, f.drafter, m.ID)
		assert.Equal(t, avenir.CodeConflict, code(err))
	})
}

// voting is a consultation with a published motion, ready for its vote.
func voting(t *testing.T, f *fixture) (consultation.Consultation, consultation.Text) {
	t.Helper()
	ctx := context.Background()
	c := f.consultation(t)
	c = f.advanceTo(t, c, consultation.PhaseSynthesis)
	m, err := f.svc.Compose(ctx, f.drafter, c.ID, consultation.Draft{Title: "Motion", Sections: []consultation.SectionInput{{Body: "Texte."}}})
	require.NoError(t, err)
	_, err = f.svc.Publish(ctx, f.drafter, m.ID)
	require.NoError(t, err)
	return c, m
}

func TestVote(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		var members []avenir.Actor
		for _, name := range []string{"A", "B", "C", "D", "E"} {
			members = append(members, f.person(t, name, avenir.StatusActive))
		}
		lapsed := f.person(t, "Lapsed", avenir.StatusLapsed)
		c, m := voting(t, f)
		_, err := f.svc.Vote(ctx, members[0], m.ID, consultation.For)
		assert.Equal(t, avenir.CodeConflict, code(err), "the vote is not open")

		c = f.advanceTo(t, c, consultation.PhaseVote)
		assert.Equal(t, 7, c.Electorate, "five members, the admin and the drafter")
		late := f.person(t, "Late", avenir.StatusActive)

		_, err = f.svc.Vote(ctx, late, m.ID, consultation.For)
		assert.Equal(t, avenir.CodeForbidden, code(err), "eligibility was snapshotted at the opening")
		_, err = f.svc.Vote(ctx, lapsed, m.ID, consultation.For)
		assert.Equal(t, avenir.CodeNotFound, code(err))
		_, err = f.svc.Vote(ctx, members[0], m.ID, "maybe")
		assert.Equal(t, avenir.CodeInvalid, code(err))

		choices := []consultation.Choice{consultation.For, consultation.For, consultation.Against, consultation.Abstain}
		receipts := map[string]consultation.Choice{}
		for i, ch := range choices {
			r, err := f.svc.Vote(ctx, members[i], m.ID, ch)
			require.NoError(t, err)
			receipts[r] = ch
		}
		// A changed vote replaces the ballot: counted once, with its last choice.
		r0, err := f.svc.Vote(ctx, members[0], m.ID, consultation.Against)
		require.NoError(t, err)
		receipts[r0] = consultation.Against
		voted, err := f.svc.HasVoted(ctx, members[0], m.ID)
		require.NoError(t, err)
		assert.True(t, voted)

		_, err = f.svc.Result(ctx, members[0], m.ID)
		assert.Equal(t, avenir.CodeConflict, code(err), "no result before the close")
		_, err = f.svc.Receipts(ctx, members[0], m.ID, avenir.PageRequest{})
		assert.Equal(t, avenir.CodeConflict, code(err))

		f.advanceTo(t, c, consultation.PhaseClosed)
		_, err = f.svc.Vote(ctx, members[4], m.ID, consultation.For)
		assert.Equal(t, avenir.CodeConflict, code(err), "closed")
		res, err := f.svc.Result(ctx, members[4], m.ID)
		require.NoError(t, err)
		assert.Equal(t, consultation.Result{Motion: m.ID, Electorate: 7, Voters: 4, For: 1, Against: 2, Abstain: 1, ClosedAt: res.ClosedAt}, res)
		assert.InDelta(t, 4.0/7, res.Turnout(), 1e-9)
		assert.False(t, res.Adopted())

		// The published result equals a recount of the ballots.
		recount, err := db.Consultations().Tally(ctx, m.ID)
		require.NoError(t, err)
		assert.Equal(t, [4]int{res.Voters, res.For, res.Against, res.Abstain}, [4]int{recount.Voters, recount.For, recount.Against, recount.Abstain})
		// Every ballot, by pages of three: each voter finds their receipt
		// and their last choice, once.
		list, err := avenir.Collect(avenir.PageRequest{Limit: 3}, func(page avenir.PageRequest) (avenir.Page[consultation.Receipt], error) {
			return f.svc.Receipts(ctx, members[4], m.ID, page)
		})
		require.NoError(t, err)
		require.Len(t, list, 4)
		for i, r := range list {
			assert.Equal(t, receipts[r.Receipt], r.Choice, "each voter finds their receipt and their last choice")
			if i > 0 {
				assert.Less(t, list[i-1].Receipt, r.Receipt, "by receipt, none twice")
			}
		}
		first, err := f.svc.Receipts(ctx, members[4], m.ID, avenir.PageRequest{Limit: 3})
		require.NoError(t, err)
		require.NotEmpty(t, first.Next, "four ballots make two pages of three")
		_, err = f.svc.Receipts(ctx, members[4], m.ID, avenir.PageRequest{After: "x" + first.Next})
		assert.Equal(t, avenir.CodeInvalid, code(err), "a tampered cursor")
	})
}

// TestBallotSecrecy checks that nothing stored or returned ties a member to
// a choice: the ballots hold no member and no time, a receipt is not a
// member's ID, and no API answers "what did X vote" for anyone, a
// moderator or an admin included.
func TestBallotSecrecy(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		voter := f.person(t, "Voter", avenir.StatusActive)
		other := f.person(t, "Other", avenir.StatusActive)
		mod := f.person(t, "Mod", avenir.StatusActive, avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
		c, m := voting(t, f)
		f.advanceTo(t, c, consultation.PhaseVote)
		receipt, err := f.svc.Vote(ctx, voter, m.ID, consultation.Against)
		require.NoError(t, err)

		rows, err := db.Bun().QueryContext(ctx, "SELECT * FROM avenir_consultation_ballots")
		require.NoError(t, err)
		cols, err := rows.Columns()
		require.NoError(t, err)
		var key, rc, choice string
		var motion avenir.ID
		require.True(t, rows.Next())
		require.NoError(t, rows.Scan(&motion, &key, &rc, &choice))
		require.NoError(t, rows.Close())
		assert.ElementsMatch(t, []string{"motion_id", "ballot_key", "receipt", "choice"}, cols, "no member, no time")
		assert.NotContains(t, key, voter.ID.String())
		assert.NotContains(t, rc, voter.ID.String())
		assert.Equal(t, receipt, rc)

		// Another member, a moderator and an admin learn only whether
		// they themselves voted.
		for _, a := range []avenir.Actor{other, mod, f.admin} {
			voted, err := f.svc.HasVoted(ctx, a, m.ID)
			require.NoError(t, err)
			assert.False(t, voted)
		}
		// A second service with another secret cannot find the ballot.
		thief := consultation.NewService(db.Consultations(), consultation.Config{Forums: f.forums, Clock: f.clock, Secret: []byte("another secret of thirty-two bytes!")})
		_, err = thief.Vote(ctx, voter, m.ID, consultation.For)
		require.NoError(t, err)
		n, err := db.Bun().NewSelect().Table("avenir_consultation_ballots").Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 2, n, "the key depends on the secret")

		// Without a secret, no vote.
		nosecret := consultation.NewService(db.Consultations(), consultation.Config{Forums: f.forums, Clock: f.clock})
		_, err = nosecret.Vote(ctx, voter, m.ID, consultation.For)
		assert.Equal(t, avenir.CodeInternal, code(err))
	})
}

// TestVoteByDate closes a vote by its date: the first reader counts.
func TestVoteByDate(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		voter := f.person(t, "Voter", avenir.StatusActive)
		c, m := voting(t, f)
		c, err := f.svc.Update(ctx, f.admin, c.ID, consultation.Input{Title: c.Title, Drafters: c.Drafters,
			Schedule: consultation.Schedule{Vote: start.Add(time.Hour), Closed: start.Add(2 * time.Hour)}})
		require.NoError(t, err)
		assert.Equal(t, consultation.PhaseSynthesis, c.Phase)
		f.clock.Advance(time.Hour)
		_, err = f.svc.Vote(ctx, voter, m.ID, consultation.For)
		require.NoError(t, err, "the first vote takes the electorate")
		f.clock.Advance(time.Hour)
		res, err := f.svc.Result(ctx, voter, m.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, res.For)
		assert.Equal(t, 3, res.Electorate, "the admin, the drafter and the voter")
	})
}

// TestConcurrentVotes has 60 members vote at once on PostgreSQL, each
// twice (votes share the consultation's lock): each is counted once, with
// its last choice.
func TestConcurrentVotes(t *testing.T) {
	db := storagetest.Postgres(t)
	ctx := context.Background()
	f := newFixture(t, db)
	var voters []avenir.Actor
	for i := range 60 {
		voters = append(voters, f.person(t, fmt.Sprintf("Électeur %d", i), avenir.StatusActive))
	}
	c, m := voting(t, f)
	c = f.advanceTo(t, c, consultation.PhaseVote)
	errs := make(chan error, 2*len(voters))
	for _, v := range voters {
		go func() {
			_, err := f.svc.Vote(ctx, v, m.ID, consultation.Against)
			if err == nil {
				_, err = f.svc.Vote(ctx, v, m.ID, consultation.For)
			}
			errs <- err
		}()
	}
	for range voters {
		require.NoError(t, <-errs)
	}
	f.advanceTo(t, c, consultation.PhaseClosed)
	res, err := f.svc.Result(ctx, voters[0], m.ID)
	require.NoError(t, err)
	assert.Equal(t, 60, res.Voters)
	assert.Equal(t, 60, res.For)
	assert.Equal(t, 0, res.Against)
	assert.Equal(t, 62, res.Electorate)
}

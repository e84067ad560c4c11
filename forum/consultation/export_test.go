package consultation_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestExports(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		lea := f.person(t, "Léa", avenir.StatusActive)
		max := f.person(t, "Max", avenir.StatusActive)
		supporter := f.person(t, "Sam", avenir.StatusSupporter)
		lyon := committee.Committee{ID: avenir.NewID(), Kind: committee.National, Name: "Lyon 3e", Slug: "lyon-3e", CreatedAt: start, UpdatedAt: start}
		require.NoError(t, db.Committees().CreateCommittee(ctx, lyon))
		require.NoError(t, db.Committees().AddAffiliation(ctx, committee.Affiliation{ID: avenir.NewID(), Member: lea.ID, Committee: lyon.ID, StartedAt: start}))
		// Max joins Lyon only after he acted: he counts under no committee.
		require.NoError(t, db.Committees().AddAffiliation(ctx, committee.Affiliation{ID: avenir.NewID(), Member: max.ID, Committee: lyon.ID, StartedAt: start.Add(24 * time.Hour)}))

		c := f.consultation(t)
		x := f.contribute(t, lea, c, "Le rail partout", "Rouvrir les petites lignes.")
		f.clock.Advance(time.Minute)
		c = f.advanceTo(t, c, consultation.PhaseAmendments)
		a, err := f.svc.Amend(ctx, max, x.ID, consultation.AmendmentInput{Section: x.Sections[0].ID, Proposed: "Rouvrir et électrifier.", Reason: "Climat."})
		require.NoError(t, err)
		c = f.advanceTo(t, c, consultation.PhaseSupports)
		require.NoError(t, f.svc.Support(ctx, max, x.ID))
		require.NoError(t, f.svc.Support(ctx, lea, a.ID))
		c = f.advanceTo(t, c, consultation.PhaseSynthesis)
		m, err := f.svc.Compose(ctx, f.drafter, c.ID, consultation.Draft{Title: "Motion finale", Sections: []consultation.SectionInput{
			{Heading: "Transports", Body: "Nous rouvrirons les petites lignes.", Sources: []consultation.Source{{Kind: consultation.SourceContribution, ID: x.ID}}},
			{Heading: "Climat", Body: "Et nous les électrifierons.", Sources: []consultation.Source{{Kind: consultation.SourceAmendment, ID: a.ID}}},
			{Body: "Vive la République."}}})
		require.NoError(t, err)
		_, err = f.svc.Publish(ctx, f.drafter, m.ID)
		require.NoError(t, err)

		md, err := f.svc.Markdown(ctx, max, m.ID)
		require.NoError(t, err)
		assert.Equal(t, "# Motion finale\n\n_Combattre et proposer — version 1_\n\n"+
			"## 1. Transports\n\nNous rouvrirons les petites lignes.\n\n"+
			"## 2. Climat\n\nEt nous les électrifierons.\n\n"+
			"## 3. §3\n\nVive la République.\n\n"+
			"---\n\n## Provenance\n\n"+
			"- §1:\n  - contribution "+x.ID.String()+": Le rail partout\n"+
			"- §2:\n  - amendment "+a.ID.String()+": Rouvrir et électrifier.\n", md)
		_, err = f.svc.Markdown(ctx, supporter, m.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err))
		_, err = f.svc.Markdown(ctx, max, x.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err), "a contribution is no motion")

		st, err := f.svc.Stats(ctx, max, c.ID)
		require.NoError(t, err)
		assert.Equal(t, consultation.Stats{Contributions: 1, Amendments: 1, Supports: 2, Participants: 2,
			ByCommittee: []consultation.CommitteeCount{{Name: "", Participants: 1}, {Committee: lyon.ID, Name: "Lyon 3e", Participants: 1}}}, st)
		_, err = f.svc.Stats(ctx, supporter, c.ID)
		assert.Equal(t, avenir.CodeNotFound, code(err))
	})
}

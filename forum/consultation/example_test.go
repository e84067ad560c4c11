package consultation_test

import (
	"context"
	"fmt"
	"log"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// exampleMember stores a member and returns their actor; a real program
// gets actors from membership.Service.Authenticate.
func exampleMember(ctx context.Context, db *storage.DB, name string, grants ...avenir.Grant) avenir.Actor {
	m := membership.Member{ID: avenir.NewID(), Status: avenir.StatusActive, Profile: membership.Profile{DisplayName: name}}
	if err := db.Members().CreateMember(ctx, m); err != nil {
		log.Fatal(err)
	}
	return avenir.Actor{ID: m.ID, Status: m.Status, Grants: grants}
}

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

// A consultation from a member's contribution to an adopted motion: Camille
// contributes, Jean amends and supports, the drafting group composes a
// motion that cites both, members vote, the results are published.
func Example() {
	ctx := context.Background()
	db := must(storage.Open(ctx, "sqlite::memory:", storage.WithMigrate()))
	defer db.Close()
	forums := forum.NewService(db.Forums(), forum.Config{})
	svc := consultation.NewService(db.Consultations(), consultation.Config{Forums: forums,
		Secret: []byte("a secret of at least thirty-two bytes, kept out of the database")})
	admin := exampleMember(ctx, db, "Admin", avenir.Grant{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()})
	camille, jean := exampleMember(ctx, db, "Camille"), exampleMember(ctx, db, "Jean")

	theme := must(forums.CreateForum(ctx, admin, forum.ForumInput{Title: "Transports", Audience: avenir.Members}))
	c := must(svc.Create(ctx, admin, consultation.Input{Title: "Combattre et proposer", Forum: theme.ID, Drafters: []avenir.ID{camille.ID}}))
	next := func() { c = must(svc.Advance(ctx, camille, c.ID)) } // by decision; dates work too

	next() // contributions
	x := must(svc.Contribute(ctx, camille, c.ID, consultation.Draft{Title: "Le rail partout",
		Sections: []consultation.SectionInput{{Body: "Rouvrir les petites lignes."}}}))
	next() // amendments
	a := must(svc.Amend(ctx, jean, x.ID, consultation.AmendmentInput{Section: x.Sections[0].ID,
		Proposed: "Rouvrir et électrifier les petites lignes.", Reason: "Le climat."}))
	fmt.Printf("%s %q\n", a.Diff()[1].Op, a.Diff()[1].Text)
	must(svc.AnswerAmendment(ctx, camille, a.ID, consultation.Answer{State: consultation.AmendmentAccepted}))
	next() // supports
	if err := svc.Support(ctx, jean, x.ID); err != nil {
		log.Fatal(err)
	}
	next() // synthesis
	m := must(svc.Compose(ctx, camille, c.ID, consultation.Draft{Title: "Motion", Sections: []consultation.SectionInput{
		{Body: "Nous rouvrirons et électrifierons les petites lignes.", Sources: []consultation.Source{
			{Kind: consultation.SourceContribution, ID: x.ID}, {Kind: consultation.SourceAmendment, ID: a.ID}}}}}))
	must(svc.Publish(ctx, camille, m.ID))
	next() // vote: the electorate is listed now
	must(svc.Vote(ctx, jean, m.ID, consultation.For))
	must(svc.Vote(ctx, camille, m.ID, consultation.Against))
	must(svc.Vote(ctx, camille, m.ID, consultation.For)) // changed her mind: counted once
	next()                                               // closed: the votes are counted

	r := must(svc.Result(ctx, jean, m.ID))
	fmt.Printf("%d voters of %d: %d for, %d against, adopted: %v\n", r.Voters, r.Electorate, r.For, r.Against, r.Adopted())
	st := must(svc.Stats(ctx, admin, c.ID))
	fmt.Printf("%d contribution, %d amendment, %d support, %d participants\n", st.Contributions, st.Amendments, st.Supports, st.Participants)
	// Output:
	// insert "et électrifier "
	// 2 voters of 3: 2 for, 0 against, adopted: true
	// 1 contribution, 1 amendment, 1 support, 2 participants
}

package network_test

import (
	"context"
	"fmt"
	"log"
	"maps"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/network"
	"github.com/avenirnet/avenir/storage"
)

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

// A program opens its database, reads its configuration and wires the
// network; once it knows who signs in, Actor gives what they may do.
func ExampleNew() {
	ctx := context.Background()
	db := must(storage.Open(ctx, "sqlite::memory:", storage.WithMigrate()))
	defer db.Close()
	cfg := must(network.ReadConfig(strings.NewReader(`{"name": "Avenir en commun", "leader": "Jeanne Martin"}`)))
	net := must(network.New(db, cfg, network.WithBaseURL("https://reseau.example.org")))

	// The first admin, a committee tree, and a member who animates a federation.
	first := must(net.Members.Register(ctx, membership.Registration{Email: "admin@example.org",
		Profile: membership.Profile{DisplayName: "Admin"}, Consents: []string{membership.ConsentMembership}}))
	admin := must(net.Members.BootstrapAdmin(ctx, first.ID))
	national := must(net.Committees.Create(ctx, admin, committee.Draft{Kind: committee.National, Name: "National"}))
	rhone := must(net.Committees.Create(ctx, admin, committee.Draft{Kind: committee.Federation, Name: "Rhône",
		Parent: national.ID, Territory: committee.Territory{Departments: []string{"69"}}}))
	lyon := must(net.Committees.Create(ctx, admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e",
		Parent: rhone.ID, Territory: committee.Territory{Communes: []string{"69383"}}}))
	rosa := must(net.Members.Register(ctx, membership.Registration{Email: "rosa@example.org",
		Profile: membership.Profile{DisplayName: "Rosa"}, Consents: []string{membership.ConsentMembership}}))
	must(net.Members.ChangeStatus(ctx, admin, rosa.ID, membership.StatusChange{To: avenir.StatusActive}))
	must(net.Members.GrantRole(ctx, admin, rosa.ID, membership.GrantInput{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(rhone.ID)}))

	actor := must(net.Actor(ctx, rosa.ID))
	fmt.Println(cfg.Name, "·", cfg.Leader)
	fmt.Println(actor.Status, "animates Lyon:", actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(lyon.ID)))
	// Output:
	// Avenir en commun · Jeanne Martin
	// active animates Lyon: true
}

// A member exports everything the network holds about them, then deletes
// their account: what they published stays, a former member's.
func ExampleNetwork_EraseMember() {
	ctx := context.Background()
	db := must(storage.Open(ctx, "sqlite::memory:", storage.WithMigrate()))
	defer db.Close()
	net := must(network.New(db, network.DefaultConfig()))
	first := must(net.Members.Register(ctx, membership.Registration{Email: "admin@example.org",
		Profile: membership.Profile{DisplayName: "Admin"}, Consents: []string{membership.ConsentMembership}}))
	admin := must(net.Members.BootstrapAdmin(ctx, first.ID))
	m := must(net.Members.Register(ctx, membership.Registration{Email: "rosa@example.org",
		Profile: membership.Profile{DisplayName: "Rosa"}, Consents: []string{membership.ConsentMembership}}))
	must(net.Members.ChangeStatus(ctx, admin, m.ID, membership.StatusChange{To: avenir.StatusActive}))
	rosa := must(net.Actor(ctx, m.ID))
	f := must(net.Forums.CreateForum(ctx, admin, forum.ForumInput{Title: "Transports", Audience: avenir.Public}))
	thread, _ := must2(net.Forums.Start(ctx, rosa, f.ID, forum.Draft{Title: "Vélo", Body: "Des pistes cyclables partout."}))

	x := must(net.ExportMember(ctx, rosa, m.ID))
	fmt.Println(x.Member.Email, slices.Sorted(maps.Keys(x.Sections)))

	must(net.EraseMember(ctx, rosa, m.ID))
	posts := must(net.Forums.Posts(ctx, admin, thread.ID, avenir.PageRequest{}))
	fmt.Printf("%q by %q\n", strings.TrimSpace(posts.Items[0].Body), posts.Items[0].AuthorName)
	// Output:
	// rosa@example.org [audit committee consultation conversations follows forum notifications solidarity]
	// "Des pistes cyclables partout." by ""
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		log.Fatal(err)
	}
	return a, b
}

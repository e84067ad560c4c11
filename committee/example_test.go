package committee_test

import (
	"context"
	"fmt"
	"log"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// A network builds its tree, then a visitor finds their committee from
// their postal code.
func ExampleService_Find() {
	ctx := context.Background()
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	members := membership.NewService(db.Members(), membership.Config{Geography: geo.Addresses{}})
	svc := committee.NewService(db.Committees(), committee.Config{Members: members})
	admin := avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive,
		Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}

	national, err := svc.Create(ctx, admin, committee.Draft{Kind: committee.National, Name: "Avenir"})
	if err != nil {
		log.Fatal(err)
	}
	ain, err := svc.Create(ctx, admin, committee.Draft{Kind: committee.Federation, Name: "Fédération de l’Ain",
		Parent: national.ID, Territory: committee.Territory{Departments: []string{"01"}}})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := svc.Create(ctx, admin, committee.Draft{Kind: committee.Local, Name: "Valserhône",
		Parent: ain.ID, Territory: committee.Territory{Communes: []string{"01033"}}}); err != nil {
		log.Fatal(err)
	}

	// 01200 covers communes of the Ain and of Haute-Savoie: the answer
	// says so, and the person picks their commune.
	found, err := svc.Find(ctx, committee.Place{PostalCode: "01200"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(found.Choices), "communes to choose from; covering them all:", found.Committees[0].Name)
	found, err = svc.Find(ctx, committee.Place{PostalCode: "01200", Commune: "01033"})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range found.Committees {
		fmt.Println(c.Kind, c.Name)
	}
	// Output:
	// 9 communes to choose from; covering them all: Avenir
	// local Valserhône
	// federation Fédération de l’Ain
	// national Avenir
}

// The animator of a federation leads the committees below it.
func ExampleService_Actor() {
	ctx := context.Background()
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	svc := committee.NewService(db.Committees(), committee.Config{})
	admin := avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive,
		Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}
	national, _ := svc.Create(ctx, admin, committee.Draft{Kind: committee.National, Name: "Avenir"})
	rhone, _ := svc.Create(ctx, admin, committee.Draft{Kind: committee.Federation, Name: "Rhône",
		Parent: national.ID, Territory: committee.Territory{Departments: []string{"69"}}})
	lyon, _ := svc.Create(ctx, admin, committee.Draft{Kind: committee.Local, Name: "Lyon 1er",
		Parent: rhone.ID, Territory: committee.Territory{Communes: []string{"69381"}}})

	animator, err := svc.Actor(ctx, avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive,
		Grants: []avenir.Grant{{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(rhone.ID)}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("leads Lyon 1er:", animator.Has(avenir.RoleAnimator, avenir.CommitteeScope(lyon.ID)))
	fmt.Println("leads the national committee:", animator.Has(avenir.RoleAnimator, avenir.CommitteeScope(national.ID)))
	// Output:
	// leads Lyon 1er: true
	// leads the national committee: false
}

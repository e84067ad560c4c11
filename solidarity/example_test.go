package solidarity_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
)

// network is what the examples share: a database, the services a
// solidarity Service needs, and a committee in Lyon with its animator.
type network struct {
	db         *storage.DB
	committees *committee.Service
	svc        *solidarity.Service
	clock      *avenir.ManualClock
	lyon       committee.Committee
	animator   avenir.Actor // of Lyon 3e
	moderator  avenir.Actor // of the network: validates every committee's actions
}

func newNetwork(ctx context.Context) *network {
	db, err := storage.Open(ctx, "sqlite::memory:", storage.WithMigrate())
	if err != nil {
		log.Fatal(err)
	}
	n := &network{db: db, clock: avenir.NewManualClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))}
	members := membership.NewService(db.Members(), membership.Config{Clock: n.clock})
	n.committees = committee.NewService(db.Committees(), committee.Config{Members: members, Clock: n.clock})
	n.svc = solidarity.NewService(db.Solidarity(), solidarity.Config{
		Members: members, Committees: n.committees, Clock: n.clock,
		Forums: forum.NewService(db.Forums(), forum.Config{Clock: n.clock}),
	})
	admin := avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive,
		Grants: []avenir.Grant{{Role: avenir.RoleAdmin, Scope: avenir.NetworkScope()}}}
	national, err := n.committees.Create(ctx, admin, committee.Draft{Kind: committee.National, Name: "Avenir"})
	if err != nil {
		log.Fatal(err)
	}
	rhone, err := n.committees.Create(ctx, admin, committee.Draft{Kind: committee.Federation, Name: "Rhône",
		Parent: national.ID, Territory: committee.Territory{Departments: []string{"69"}}})
	if err != nil {
		log.Fatal(err)
	}
	n.lyon, err = n.committees.Create(ctx, admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e",
		Parent: rhone.ID, Territory: committee.Territory{Communes: []string{"69383"}}})
	if err != nil {
		log.Fatal(err)
	}
	n.animator = n.person(ctx, "Ana", "ana@example.org", avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(n.lyon.ID)})
	n.moderator = n.person(ctx, "Marc", "marc@example.org", avenir.Grant{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()})
	return n
}

// person writes a member in good standing straight to the store (a real
// network registers them through membership.Service) and returns their
// actor.
func (n *network) person(ctx context.Context, name, email string, grants ...avenir.Grant) avenir.Actor {
	now := n.clock.Now()
	m := membership.Member{ID: avenir.NewID(), Email: email, Status: avenir.StatusActive, CreatedAt: now, UpdatedAt: now,
		Profile: membership.Profile{DisplayName: name, Phone: "+33 6 12 34 56 78", Language: "fr"}}
	if err := n.db.Members().CreateMember(ctx, m); err != nil {
		log.Fatal(err)
	}
	return avenir.Actor{ID: m.ID, Status: m.Status, Grants: grants}
}

// A member asks for help, the committee's animator validates the request,
// another member volunteers and is accepted: then, and only then, each
// sees the other's contact. The action is completed with its impact, which
// the public impact figures count.
func Example() {
	ctx := context.Background()
	n := newNetwork(ctx)
	defer n.db.Close()
	rosa := n.person(ctx, "Rosa", "rosa@example.org")
	louis := n.person(ctx, "Louis", "louis@example.org")

	a, err := n.svc.Propose(ctx, rosa, solidarity.Draft{
		Kind: solidarity.Request, Category: "transport", Title: "Aller à l’hôpital jeudi",
		Description: "Un rendez-vous à **Édouard-Herriot**, aller et retour.",
		Place:       solidarity.Place{Commune: "69383"}, StartsAt: n.clock.Now().Add(72 * time.Hour), Volunteers: 1,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Status, "in the committee", a.Committee == n.lyon.ID)
	if a, err = n.svc.Submit(ctx, rosa, a.ID); err != nil {
		log.Fatal(err)
	}
	if a, err = n.svc.Validate(ctx, n.animator, a.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Status)

	v, err := n.svc.SignUp(ctx, louis, a.ID, 0)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Louis:", v.Status)
	contacts, _ := n.svc.Contacts(ctx, louis, a.ID)
	fmt.Println("contacts Louis sees before:", len(contacts))
	if _, err := n.svc.Accept(ctx, rosa, a.ID, louis.ID); err != nil {
		log.Fatal(err)
	}
	for _, who := range []avenir.Actor{louis, rosa, n.animator} {
		contacts, _ := n.svc.Contacts(ctx, who, a.ID)
		for _, c := range contacts {
			fmt.Println("sees", c.Role, c.Name, c.Email)
		}
		if len(contacts) == 0 {
			fmt.Println("the animator sees no contact")
		}
	}

	if _, err := n.svc.Complete(ctx, rosa, a.ID, solidarity.Impact{PeopleHelped: 1, Hours: 3}); err != nil {
		log.Fatal(err)
	}
	rows, err := n.svc.Impact(ctx, avenir.Anonymous, solidarity.ImpactQuery{By: solidarity.ByCategory})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Printf("%s: %d action, %d person helped, %d hours, %d volunteer\n", r.Key, r.Actions, r.PeopleHelped, r.Hours, r.Volunteers)
	}
	if err := n.svc.ImpactCSV(ctx, avenir.Anonymous, solidarity.ImpactQuery{By: solidarity.ByMonth}, os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// draft in the committee true
	// published
	// Louis: pending
	// contacts Louis sees before: 0
	// sees author Rosa rosa@example.org
	// sees volunteer Louis louis@example.org
	// the animator sees no contact
	// transport: 1 action, 1 person helped, 3 hours, 1 volunteer
	// month,actions,people_helped,hours,volunteers
	// 2026-03,1,1,3,1
}

// A request is matched with the open offers of its category, nearest
// first: the same commune, then the same department, then the region.
func ExampleService_Matches() {
	ctx := context.Background()
	n := newNetwork(ctx)
	defer n.db.Close()
	rosa := n.person(ctx, "Rosa", "rosa@example.org")
	louis := n.person(ctx, "Louis", "louis@example.org")
	publish := func(who avenir.Actor, kind solidarity.Kind, category, commune, title string) solidarity.Action {
		a, err := n.svc.Propose(ctx, who, solidarity.Draft{Kind: kind, Category: category, Title: title,
			Place: solidarity.Place{Commune: commune}})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := n.svc.Submit(ctx, who, a.ID); err != nil {
			log.Fatal(err)
		}
		if a, err = n.svc.Validate(ctx, n.moderator, a.ID); err != nil {
			log.Fatal(err)
		}
		return a
	}
	need := publish(rosa, solidarity.Request, "repairs", "69383", "Réparer un vélo")
	publish(louis, solidarity.Offer, "repairs", "38185", "Petites réparations à Grenoble") // the same region
	publish(louis, solidarity.Offer, "repairs", "69387", "Bricolage à Lyon 7e")            // the same department
	publish(louis, solidarity.Offer, "repairs", "69383", "Atelier vélo du 3e")             // the same commune
	publish(louis, solidarity.Offer, "tutoring", "69383", "Aide aux devoirs")              // another category
	publish(louis, solidarity.Offer, "repairs", "75101", "Réparations à Paris")            // too far

	matches, err := n.svc.Matches(ctx, avenir.Anonymous, need.ID, 0)
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range matches {
		fmt.Println(m.Title)
	}
	// Output:
	// Atelier vélo du 3e
	// Bricolage à Lyon 7e
	// Petites réparations à Grenoble
}

// Comments are a forum thread: the first one opens it, in the comment
// forum of the action's audience, and the forum's moderation applies.
func ExampleService_Comment() {
	ctx := context.Background()
	n := newNetwork(ctx)
	defer n.db.Close()
	louis := n.person(ctx, "Louis", "louis@example.org")
	d := solidarity.Draft{Kind: solidarity.Collective, Category: "food_aid", Title: "Collecte au marché",
		Place: solidarity.Place{Commune: "69383"}, StartsAt: n.clock.Now().Add(48 * time.Hour), Volunteers: 6}
	a, err := n.svc.Propose(ctx, n.animator, d)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := n.svc.Comment(ctx, louis, a.ID, "Bonjour"); err != nil {
		fmt.Println(avenir.ErrorCode(err), "(the draft is its author's alone)")
	}
	if _, err := n.svc.Submit(ctx, n.animator, a.ID); err != nil {
		log.Fatal(err)
	}
	if _, err := n.svc.Validate(ctx, n.animator, a.ID); err != nil {
		log.Fatal(err)
	}
	if _, err := n.svc.Comment(ctx, louis, a.ID, "J’apporte des cagettes."); err != nil {
		log.Fatal(err)
	}
	if _, err := n.svc.Comment(ctx, n.animator, a.ID, "Merci ! Rendez-vous à 8 h."); err != nil {
		log.Fatal(err)
	}
	page, err := n.svc.Comments(ctx, avenir.Anonymous, a.ID, avenir.PageRequest{})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range page.Items {
		fmt.Printf("%d. %s: %s\n", c.Position, c.AuthorName, c.Body)
	}
	// Output:
	// not_found (the draft is its author's alone)
	// 1. Louis: J’apporte des cagettes.
	// 2. Ana: Merci ! Rendez-vous à 8 h.
}

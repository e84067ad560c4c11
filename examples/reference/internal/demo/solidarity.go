package demo

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/solidarity"
	"github.com/avenirnet/avenir/storage"
)

// SeedSolidarity writes the demo of "la Fraternité en action": offers and
// requests that match in Lyon, with a few comments, a collective food collection with two
// shifts (one full, with a waitlist), a visit round under way, actions
// completed with their impact in Lyon, Paris and Marseille, an offer
// abroad, a members-only one, and one action in each of the other states:
// a draft, two waiting for validation, one rejected with its reason, one
// cancelled, one expired. Dates follow clock, the server's. It changes
// nothing when Louise Michel has written an action already. Run it after
// SeedForums (comments open forums of their own).
//
// Left to try by hand (the walk): Louise proposes a request in
// Lyon, the animator validates it, Paul volunteers and Louise accepts
// him; both then see each other's contact, nobody else does; Louise
// completes it with its impact, which /solidarity/impact counts.
func SeedSolidarity(ctx context.Context, db *storage.DB, clock avenir.Clock, members *membership.Service,
	committees *committee.Service, svc *solidarity.Service, log *slog.Logger) error {
	who := map[string]avenir.Actor{}
	for _, acc := range append(Accounts, Animator) {
		a, err := actorOf(ctx, db, members, acc.Email)
		if err != nil {
			return err
		}
		if who[acc.Email], err = committees.Actor(ctx, a); err != nil {
			return err
		}
	}
	louise, paul, gisele := who["louise@avenir.test"], who["paul@avenir.test"], who["gisele@avenir.test"]
	lucie, jean, olympe, animator := who["lucie@avenir.test"], who["jean@avenir.test"], who["olympe@avenir.test"], who[Animator.Email]
	if mine, err := svc.Mine(ctx, louise, avenir.PageRequest{Limit: 1}); err != nil || len(mine.Items) > 0 {
		return err
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return err
	}
	day := func(days, hour int) time.Time {
		t := clock.Now().In(paris).AddDate(0, 0, days)
		return time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, paris)
	}
	seed := seeder{ctx: ctx, svc: svc}
	membersOnly := avenir.Members

	// Open offers and requests; the first two match (food aid, Lyon 3e).
	courses := seed.publish(louise, animator, solidarity.Draft{Kind: solidarity.Request, Category: "food_aid",
		Title:       "Courses pour une voisine âgée",
		Description: "Ma voisine de 87 ans ne peut plus porter ses courses. Une heure le samedi matin suffirait, au marché de la place Guichard.",
		Place:       solidarity.Place{Commune: "69383"}, Volunteers: 2})
	offer := seed.publish(paul, animator, solidarity.Draft{Kind: solidarity.Offer, Category: "food_aid",
		Title:       "Je peux faire des courses le samedi",
		Description: "J’ai une voiture et mes samedis matin de libres : courses, pharmacie, marché.",
		Place:       solidarity.Place{Commune: "69383"}, Volunteers: 1})
	seed.comment(courses, paul, "Je fais déjà les courses le samedi : je peux passer prendre la liste de votre voisine.")
	seed.comment(courses, louise, "Merci ! Le marché de la place Guichard, vers 10 h, ce serait parfait.")
	seed.comment(offer, gisele, "Belle initiative. Pensez aussi à la pharmacie de garde le dimanche.")
	seed.publish(gisele, lucie, solidarity.Draft{Kind: solidarity.Offer, Category: "tutoring",
		Title:       "Soutien scolaire en mathématiques (collège)",
		Description: "Professeure retraitée, j’aide en **mathématiques** de la 6e à la 3e, en visio, deux soirs par semaine.",
		Place:       solidarity.Place{Online: true}, Volunteers: 3, AutoAccept: true})
	seed.publish(olympe, animator, solidarity.Draft{Kind: solidarity.Request, Category: "transport",
		Title:       "Covoiturage pour un rendez-vous médical",
		Description: "Un rendez-vous à l’hôpital Édouard-Herriot, un aller-retour en début d’après-midi.",
		Place:       solidarity.Place{Commune: "69266"}, StartsAt: day(6, 13), EndsAt: day(6, 17), Volunteers: 1})
	seed.publish(lucie, lucie, solidarity.Draft{Kind: solidarity.Offer, Category: "administrative",
		Title:       "Accompagnement pour les démarches consulaires",
		Description: "À Berlin, j’aide à préparer les dossiers de passeport et d’inscription consulaire.",
		Place:       solidarity.Place{Country: "DE", City: "Berlin"}, Volunteers: 2})
	seed.publish(gisele, lucie, solidarity.Draft{Kind: solidarity.Offer, Category: "housing",
		Title:       "Hébergement solidaire pour un militant de passage",
		Description: "Une chambre libre à Lyon pour les adhérents qui viennent aider une campagne : réservé aux adhérents.",
		Place:       solidarity.Place{Commune: "69383"}, Volunteers: 1, Audience: &membersOnly})

	// A collective action with two shifts: the first full, with a waitlist.
	collecte := seed.publish(animator, animator, solidarity.Draft{Kind: solidarity.Collective, Category: "food_aid",
		Title:       "Collecte alimentaire au supermarché de la Part-Dieu",
		Description: "Avec la banque alimentaire du Rhône : accueillir les clients, trier et porter les dons.\n\n- gilets fournis\n- café offert",
		Place:       solidarity.Place{Commune: "69383"},
		Shifts: []solidarity.ShiftDraft{{StartsAt: day(9, 9), EndsAt: day(9, 13), Capacity: 2},
			{StartsAt: day(9, 13), EndsAt: day(9, 18), Capacity: 3}}})
	seed.signUp(collecte, louise, 1, animator)
	seed.signUp(collecte, paul, 1, animator)
	seed.signUp(collecte, gisele, 1, avenir.Actor{}) // the shift is full: waitlisted
	seed.signUp(collecte, lucie, 2, animator)

	// Under way: a visit round, volunteers accepted automatically.
	visites := seed.publish(animator, animator, solidarity.Draft{Kind: solidarity.Collective, Category: "visits",
		Title:       "Visites aux personnes isolées de Villeurbanne",
		Description: "Chaque semaine, une heure de conversation avec des aînés isolés, en binôme.",
		Place:       solidarity.Place{Commune: "69266"}, StartsAt: day(1, 14), EndsAt: day(60, 18), Volunteers: 6, AutoAccept: true})
	seed.signUp(visites, paul, 0, avenir.Actor{})
	seed.signUp(visites, louise, 0, avenir.Actor{})
	seed.step(func() (solidarity.Action, error) { return svc.Start(ctx, animator, visites.ID) })

	// Completed, with their impact.
	for _, c := range []struct {
		author, validator avenir.Actor
		helpers           []avenir.Actor
		d                 solidarity.Draft
		impact            solidarity.Impact
	}{
		{animator, animator, []avenir.Actor{louise, paul}, solidarity.Draft{Kind: solidarity.Collective, Category: "food_aid",
			Title: "Distribution de colis alimentaires", Description: "Distribution mensuelle avec le Secours populaire, salle Paul Bert.",
			Place: solidarity.Place{Commune: "69383"}, Volunteers: 4},
			solidarity.Impact{PeopleHelped: 42, Hours: 18, Report: "42 familles servies, un stock reconstitué pour le mois."}},
		{lucie, lucie, []avenir.Actor{gisele}, solidarity.Draft{Kind: solidarity.Offer, Category: "administrative",
			Title: "Permanence d’aide aux dossiers de retraite", Description: "Deux heures par semaine à la maison des associations.",
			Place: solidarity.Place{Commune: "75118"}, Volunteers: 2},
			solidarity.Impact{PeopleHelped: 12, Hours: 6, Report: "Douze dossiers complétés et déposés."}},
		{paul, lucie, []avenir.Actor{louise}, solidarity.Draft{Kind: solidarity.Offer, Category: "repairs",
			Title: "Atelier de réparation de vélos", Description: "Réparer les vélos des étudiants du quartier, pièces fournies.",
			Place: solidarity.Place{Commune: "13201"}, Volunteers: 2},
			solidarity.Impact{PeopleHelped: 15, Hours: 10, Report: "Quinze vélos remis en état."}},
	} {
		a := seed.publish(c.author, c.validator, c.d)
		for _, h := range c.helpers {
			seed.signUp(a, h, 0, c.author)
		}
		seed.step(func() (solidarity.Action, error) { return svc.Complete(ctx, c.author, a.ID, c.impact) })
	}

	// One action in each of the other states.
	seed.propose(louise, solidarity.Draft{Kind: solidarity.Request, Category: "housing", Title: "Aide pour un déménagement",
		Description: "Brouillon : des bras pour porter des cartons, un samedi.", Place: solidarity.Place{Commune: "69383"}, Volunteers: 3})
	seed.submit(paul, solidarity.Draft{Kind: solidarity.Offer, Category: "tutoring",
		Title: "Aide aux devoirs à Lyon 7e", Description: "Le mercredi après-midi, pour des élèves de primaire.",
		Place: solidarity.Place{Commune: "69387"}, Volunteers: 2})
	seed.submit(louise, solidarity.Draft{Kind: solidarity.Offer, Category: "tutoring",
		Title: "Cours de français pour des réfugiés", Description: "Deux soirs par semaine, au local de l’association.",
		Place: solidarity.Place{Commune: "59350"}, Volunteers: 2})
	rejected := seed.submit(jean, solidarity.Draft{Kind: solidarity.Offer, Category: "other", Title: "Vente de tracts imprimés",
		Description: "Je vends des tracts imprimés à prix coûtant.", Place: solidarity.Place{Commune: "69383"}})
	seed.step(func() (solidarity.Action, error) {
		return svc.Reject(ctx, animator, rejected.ID,
			"Une vente n’est pas une action de solidarité : proposez plutôt une aide gratuite, par exemple une distribution de tracts à plusieurs.")
	})
	cancelled := seed.publish(louise, animator, solidarity.Draft{Kind: solidarity.Request, Category: "other",
		Title: "Garde d’enfants pendant la réunion publique", Description: "Pour permettre aux parents de venir à la réunion.",
		Place: solidarity.Place{Commune: "69383"}, StartsAt: day(7, 18), EndsAt: day(7, 21), Volunteers: 2})
	seed.step(func() (solidarity.Action, error) {
		return svc.Cancel(ctx, louise, cancelled.ID, "La réunion publique est reportée.")
	})
	expired := seed.publish(paul, animator, solidarity.Draft{Kind: solidarity.Offer, Category: "repairs",
		Title: "Aide au jardin partagé", Description: "Bêcher et planter au jardin de la rue Garibaldi.",
		Place: solidarity.Place{Commune: "69387"}, StartsAt: day(2, 9), EndsAt: day(2, 12)})
	if seed.err == nil {
		// Its dates have passed: the demo moves them back, as if time had
		// gone by, and runs the expiry job.
		seed.err = expire(ctx, db, svc, expired.ID, day(-20, 9), day(-20, 12))
	}
	if seed.err != nil {
		return fmt.Errorf("demo solidarity: %w", seed.err)
	}
	log.InfoContext(ctx, "demo solidarity", "actions", seed.n, "match", courses.Title)
	return nil
}

// seeder writes demo actions, keeping the first error.
type seeder struct {
	ctx context.Context
	svc *solidarity.Service
	err error
	n   int
}

// propose writes a draft.
func (s *seeder) propose(author avenir.Actor, d solidarity.Draft) solidarity.Action {
	if s.err != nil {
		return solidarity.Action{}
	}
	a, err := s.svc.Propose(s.ctx, author, d)
	if err != nil {
		s.err = fmt.Errorf("%s: %w", d.Title, err)
	}
	s.n++
	return a
}

// submit writes an action and submits it (an animator's or a moderator's
// own action publishes at once).
func (s *seeder) submit(author avenir.Actor, d solidarity.Draft) solidarity.Action {
	a := s.propose(author, d)
	if s.err == nil {
		a, s.err = s.svc.Submit(s.ctx, author, a.ID)
	}
	return a
}

// publish writes an action, submits it and has it validated.
func (s *seeder) publish(author, validator avenir.Actor, d solidarity.Draft) solidarity.Action {
	a := s.submit(author, d)
	if s.err == nil && a.Status == solidarity.StatusSubmitted {
		a, s.err = s.svc.Validate(s.ctx, validator, a.ID)
	}
	return a
}

// signUp puts a volunteer forward; accepter, when not anonymous, accepts
// them.
func (s *seeder) signUp(a solidarity.Action, volunteer avenir.Actor, shift int, accepter avenir.Actor) {
	if s.err != nil {
		return
	}
	if _, s.err = s.svc.SignUp(s.ctx, volunteer, a.ID, shift); s.err == nil && !accepter.IsAnonymous() {
		_, s.err = s.svc.Accept(s.ctx, accepter, a.ID, volunteer.ID)
	}
}

// comment adds a comment to an action's discussion.
func (s *seeder) comment(a solidarity.Action, author avenir.Actor, body string) {
	if s.err == nil {
		_, s.err = s.svc.Comment(s.ctx, author, a.ID, body)
	}
}

// step runs a workflow call, unless an error came before.
func (s *seeder) step(call func() (solidarity.Action, error)) {
	if s.err == nil {
		_, s.err = call()
	}
}

// expire moves an action's dates to the past and runs the expiry job.
func expire(ctx context.Context, db *storage.DB, svc *solidarity.Service, id avenir.ID, start, end time.Time) error {
	store := db.Solidarity()
	a, err := store.Action(ctx, id)
	if err != nil {
		return err
	}
	a.StartsAt, a.EndsAt = start.UTC(), end.UTC()
	if err := store.UpdateAction(ctx, a); err != nil {
		return err
	}
	_, err = svc.ExpireDue(ctx)
	return err
}

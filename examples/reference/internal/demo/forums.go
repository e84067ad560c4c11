package demo

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// SeedForums writes the demo forums: a public forum, one for signed-in
// people, a members-only one and the moderators' room, with threads in
// French; a moderation case decided, appealed and answered by a second
// moderator; a post hidden by three flags, waiting in the queue; and the
// wall of the Lyon 3e committee, which its members and the Rhône
// federation's animator read and nobody else. It changes nothing when the
// forums exist. Run it after SeedCommittees.
func SeedForums(ctx context.Context, db *storage.DB, members *membership.Service, committees *committee.Service, forums *forum.Service, log *slog.Logger) error {
	admin, err := actorOf(ctx, db, members, Accounts[0].Email)
	if err != nil {
		return err
	}
	if existing, err := forums.Forums(ctx, admin); err != nil || len(existing) > 0 {
		return err
	}
	a := map[string]avenir.Actor{}
	for _, acc := range Accounts {
		if a[acc.Email], err = actorOf(ctx, db, members, acc.Email); err != nil {
			return err
		}
	}
	louise, jean, olympe, paul := a["louise@avenir.test"], a["jean@avenir.test"], a["olympe@avenir.test"], a["paul@avenir.test"]

	mk := func(title, desc string, aud avenir.Audience, pos int) (forum.Forum, error) {
		return forums.CreateForum(ctx, admin, forum.ForumInput{Title: title, Description: desc, Audience: aud, Position: pos})
	}
	ecologie, err := mk("Écologie et transition", "Climat, énergie, transports : nos propositions pour la transition.", avenir.Public, 1)
	if err != nil {
		return err
	}
	economie, err := mk("Économie et travail", "Salaires, services publics, fiscalité. Ouvert aux personnes inscrites.", avenir.Registered, 2)
	if err != nil {
		return err
	}
	interne, err := mk("Vie du mouvement", "Entre adhérents : organisation, campagnes, stratégie.", avenir.Members, 3)
	if err != nil {
		return err
	}
	salle, err := mk("Salle des modérateurs", "Pour se concerter sur les cas difficiles.", avenir.Moderators, 4)
	if err != nil {
		return err
	}

	// Gisèle moderates the public forums; Lucie the whole network.
	for _, f := range []forum.Forum{ecologie, economie} {
		if _, err := members.GrantRole(ctx, admin, a["gisele@avenir.test"].ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.ForumScope(f.ID)}); err != nil {
			return err
		}
	}
	if _, err := members.GrantRole(ctx, admin, a["lucie@avenir.test"].ID, membership.GrantInput{Role: avenir.RoleModerator, Scope: avenir.NetworkScope()}); err != nil {
		return err
	}
	gisele, err := members.Actor(ctx, a["gisele@avenir.test"].ID)
	if err != nil {
		return err
	}
	lucie, err := members.Actor(ctx, a["lucie@avenir.test"].ID)
	if err != nil {
		return err
	}

	charte, _, err := forums.Start(ctx, admin, ecologie.ID, forum.Draft{Title: "Charte des forums",
		Body: "Bienvenue ! Quelques règles simples :\n\n- on débat des **idées**, pas des personnes ;\n- pas de données personnelles ;\n- restez dans le sujet du forum.\n\nChaque décision de modération est motivée et publiée dans le [journal de modération](/forums/log)."})
	if err != nil {
		return err
	}
	if _, err := forums.Pin(ctx, gisele, charte.ID, true); err != nil {
		return err
	}
	trains, first, err := forums.Start(ctx, louise, ecologie.ID, forum.Draft{Title: "Rouvrir les lignes de trains de nuit",
		Body: "Les trains de nuit relient les territoires sans avion. Proposons un plan de **réouverture** de dix lignes d’ici 2030."})
	if err != nil {
		return err
	}
	reply, err := forums.Reply(ctx, olympe, trains.ID, forum.Draft{Body: "D’accord, et avec des tarifs solidaires pour les jeunes.", Quote: first.ID})
	if err != nil {
		return err
	}
	for _, who := range []avenir.Actor{paul, a["gisele@avenir.test"]} {
		if _, err := forums.Support(ctx, who, first.ID); err != nil {
			return err
		}
	}
	if _, err := forums.Reply(ctx, paul, trains.ID, forum.Draft{Body: "La solidarité entre les régions passe aussi par le rail."}); err != nil {
		return err
	}
	if _, _, err := forums.Start(ctx, jean, economie.ID, forum.Draft{Title: "Quelle place pour les services publics ?",
		Body: "L’école, l’hôpital, la poste : comment les garder proches de chacun ?"}); err != nil {
		return err
	}
	if _, _, err := forums.Start(ctx, louise, interne.ID, forum.Draft{Title: "Stratégie pour les municipales",
		Body: "Entre nous : nos priorités de campagne et les villes où nous présenterons des listes."}); err != nil {
		return err
	}
	if _, _, err := forums.Start(ctx, lucie, salle.ID, forum.Draft{Title: "Harmoniser nos motifs",
		Body: "Citons toujours la règle de la charte en cause, sans reprendre le message."}); err != nil {
		return err
	}

	// A moderation case, from flags to the appeal's answer.
	rude, err := forums.Reply(ctx, paul, trains.ID, forum.Draft{Body: "Ceux qui prennent l’avion sont des imbéciles, point.", Quote: reply.ID})
	if err != nil {
		return err
	}
	for _, who := range []avenir.Actor{louise, jean, olympe} {
		if err := forums.Flag(ctx, who, rude.ID, forum.FlagInput{Reason: forum.ReasonHarassment, Text: "Insulte envers d’autres membres."}); err != nil {
			return err
		}
	}
	d, err := forums.Decide(ctx, gisele, rude.ID, forum.DecisionInput{Action: forum.ActionHide, Reason: forum.ReasonHarassment,
		Text: "Le message insulte une partie des lecteurs ; la charte demande de débattre des idées, pas des personnes."})
	if err != nil {
		return err
	}
	if _, err := forums.Appeal(ctx, paul, d.ID, "Je visais un comportement, pas des personnes. Je peux reformuler."); err != nil {
		return err
	}
	if _, err := forums.DecideAppeal(ctx, lucie, d.ID, forum.AppealAnswer{Outcome: forum.Upheld,
		Text: "Le terme « imbéciles » vise des personnes. Reformulez dans un nouveau message : il sera bienvenu."}); err != nil {
		return err
	}

	// A post hidden by three flags, waiting for a moderator.
	spam, err := forums.Reply(ctx, paul, trains.ID, forum.Draft{Body: "Achetez mes billets pas chers sur https://example.com !"})
	if err != nil {
		return err
	}
	for _, who := range []avenir.Actor{louise, jean, olympe} {
		if err := forums.Flag(ctx, who, spam.ID, forum.FlagInput{Reason: forum.ReasonSpam}); err != nil {
			return err
		}
	}

	// The wall of Lyon 3e, started by the animator of the federation above.
	lyon, err := committees.BySlug(ctx, "lyon-3e")
	if err != nil {
		return err
	}
	wall, err := mk("Mur du comité Lyon 3e", "L'espace du comité : réservé à ses membres et aux animateurs de la fédération.", avenir.CommitteeAudience(lyon.ID), 5)
	if err != nil {
		return err
	}
	animator, err := actorOf(ctx, db, members, Animator.Email)
	if err != nil {
		return err
	}
	if animator, err = committees.Actor(ctx, animator); err != nil {
		return err
	}
	if _, _, err := forums.Start(ctx, animator, wall.ID, forum.Draft{Title: "Tractage au marché de la Guillotière",
		Body: "Qui est disponible samedi matin ? Rendez-vous à 9 h devant la bibliothèque. Pensez aux **tracts sur le logement**."}); err != nil {
		return err
	}
	log.InfoContext(ctx, "demo forums", "forums", 5, "moderation", "a decision appealed and answered; a post hidden by flags in the queue")
	return nil
}

// actorOf returns the actor of a demo account.
func actorOf(ctx context.Context, db *storage.DB, members *membership.Service, email string) (avenir.Actor, error) {
	m, err := db.Members().MemberByEmail(ctx, email)
	if err != nil {
		return avenir.Actor{}, fmt.Errorf("%s: %w", email, err)
	}
	return members.Actor(ctx, m.ID)
}

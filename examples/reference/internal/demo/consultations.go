package demo

import (
	"context"
	"log/slog"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/forum/consultation"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
)

// SeedConsultations writes the demo consultation, « Combattre et proposer »,
// in the members' forum, in its supports phase: three contributions (one
// co-authored), amendments accepted, rejected and still open, and a few
// supports. Louise Michel is its drafting group: signed in as her, move it
// to the synthesis, write the motion citing the contributions, publish it,
// open the vote, vote, close it. It changes nothing when a consultation
// exists. Run it after SeedForums.
func SeedConsultations(ctx context.Context, db *storage.DB, members *membership.Service, forums *forum.Service, svc *consultation.Service, log *slog.Logger) error {
	admin, err := actorOf(ctx, db, members, Accounts[0].Email)
	if err != nil {
		return err
	}
	if existing, err := svc.List(ctx, admin); err != nil || len(existing) > 0 {
		return err
	}
	a := map[string]avenir.Actor{}
	for _, acc := range Accounts {
		if a[acc.Email], err = actorOf(ctx, db, members, acc.Email); err != nil {
			return err
		}
	}
	louise, paul, gisele, lucie := a["louise@avenir.test"], a["paul@avenir.test"], a["gisele@avenir.test"], a["lucie@avenir.test"]
	theme, err := forums.ForumBySlug(ctx, admin, "vie-du-mouvement")
	if err != nil {
		return err
	}
	c, err := svc.Create(ctx, admin, consultation.Input{Title: "Combattre et proposer",
		Description: "Notre texte collectif pour le congrès : chacun contribue, amende, soutient ; le groupe de rédaction en tire une motion que les adhérents votent.",
		Forum:       theme.ID, Drafters: []avenir.ID{louise.ID}})
	if err != nil {
		return err
	}
	advance := func() error { c, err = svc.Advance(ctx, louise, c.ID); return err }
	if err := advance(); err != nil { // contributions
		return err
	}
	sec := func(heading, body string) consultation.SectionInput {
		return consultation.SectionInput{Heading: heading, Body: body}
	}
	rail, err := svc.Contribute(ctx, paul, c.ID, consultation.Draft{Title: "Le rail, colonne vertébrale de la transition",
		Summary: "Rouvrir les petites lignes et les trains de nuit, un billet unique.",
		Sections: []consultation.SectionInput{
			sec("Constat", "Depuis trente ans, des milliers de kilomètres de petites lignes ont fermé."),
			sec("Proposition", "Rouvrir les petites lignes et relancer les trains de nuit."),
			sec("Financement", "Une contribution des poids lourds sur les autoroutes.")}})
	if err != nil {
		return err
	}
	if err := svc.Invite(ctx, paul, rail.ID, gisele.ID); err != nil {
		return err
	}
	if err := svc.Accept(ctx, gisele, rail.ID); err != nil {
		return err
	}
	sante, err := svc.Contribute(ctx, gisele, c.ID, consultation.Draft{Title: "Des centres de santé dans chaque canton",
		Sections: []consultation.SectionInput{
			sec("Constat", "Six millions de personnes n’ont pas de médecin traitant."),
			sec("Proposition", "Ouvrir un centre de santé public, avec des médecins salariés, dans chaque canton.")}})
	if err != nil {
		return err
	}
	salaires, err := svc.Contribute(ctx, lucie, c.ID, consultation.Draft{Title: "Augmenter les salaires",
		Sections: []consultation.SectionInput{sec("Proposition", "Porter le SMIC à 1 600 euros nets et indexer les salaires sur les prix.")}})
	if err != nil {
		return err
	}
	if err := advance(); err != nil { // amendments
		return err
	}
	accepted, err := svc.Amend(ctx, lucie, rail.ID, consultation.AmendmentInput{Section: rail.Sections[1].ID,
		Proposed: "Rouvrir et électrifier les petites lignes, et relancer les trains de nuit.", Reason: "Le diesel n’a pas sa place dans la transition."})
	if err != nil {
		return err
	}
	if _, err := svc.AnswerAmendment(ctx, paul, accepted.ID, consultation.Answer{State: consultation.AmendmentAccepted}); err != nil {
		return err
	}
	rejected, err := svc.Amend(ctx, paul, sante.ID, consultation.AmendmentInput{Section: sante.Sections[1].ID,
		Proposed: "Ouvrir un centre de santé public dans chaque commune.", Reason: "Au plus près des habitants."})
	if err != nil {
		return err
	}
	if _, err := svc.AnswerAmendment(ctx, gisele, rejected.ID, consultation.Answer{State: consultation.AmendmentRejected,
		Reason: "Trop de petites communes : le canton permet une équipe complète."}); err != nil {
		return err
	}
	open, err := svc.Amend(ctx, louise, salaires.ID, consultation.AmendmentInput{Section: salaires.Sections[0].ID,
		Proposed: "Porter le SMIC à 1 600 euros nets, indexer les salaires sur les prix et garantir l’égalité salariale entre femmes et hommes.",
		Reason:   "L’égalité salariale doit figurer dans la motion."})
	if err != nil {
		return err
	}
	if err := advance(); err != nil { // supports
		return err
	}
	for _, s := range []struct {
		who  avenir.Actor
		item avenir.ID
	}{{louise, rail.ID}, {lucie, rail.ID}, {admin, rail.ID}, {paul, sante.ID}, {louise, sante.ID}, {paul, open.ID}, {gisele, salaires.ID}} {
		if err := svc.Support(ctx, s.who, s.item); err != nil {
			return err
		}
	}
	log.InfoContext(ctx, "demo consultation", "title", c.Title, "phase", c.Phase, "drafting group", Accounts[1].Email)
	return nil
}

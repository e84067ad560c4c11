package solidarity

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Categories.
		"Food aid": "Aide alimentaire", "Tutoring": "Soutien scolaire", "Transport": "Transport", "Visits": "Visites",
		"Administrative help": "Aide administrative", "Housing": "Logement", "Repairs": "Réparations", "Other": "Autre",

		// Actions.
		"A commune (INSEE code) is in France; abroad, give the town.":                "Une commune (code INSEE) est en France ; à l’étranger, indiquez la ville.",
		"A place is required: a commune, a town abroad with its country, or online.": "Un lieu est obligatoire : une commune, une ville à l’étranger avec son pays, ou en ligne.",
		"A place outside France needs its country.":                                  "Un lieu hors de France a besoin de son pays.",
		"A reason is required.":                                                "Un motif est obligatoire.",
		"A shift must end after it starts.":                                    "Un créneau doit se terminer après son début.",
		"A shift starts in the future.":                                        "Un créneau commence dans le futur.",
		"A title is required.":                                                 "Un titre est obligatoire.",
		"An action has at most %d shifts.":                                     "Une action compte au plus %d créneaux.",
		"An action with an end needs a start.":                                 "Une action qui a une fin a besoin d’un début.",
		"An online action has no commune or country.":                          "Une action en ligne n’a ni commune ni pays.",
		"Only a collective action has shifts.":                                 "Seule une action collective a des créneaux.",
		"The action must end after it starts.":                                 "L’action doit se terminer après son début.",
		"The action's dates are already past.":                                 "Les dates de l’action sont déjà passées.",
		"The category %q is not known.":                                        "La catégorie %q est inconnue.",
		"The commune %q does not exist.":                                       "La commune %q n’existe pas.",
		"The country %q is not known.":                                         "Le pays %q est inconnu.",
		"The description must be at most %d characters.":                       "La description doit compter au plus %d caractères.",
		"The kind %q is not known: offer, request or collective.":              "Le type %q est inconnu : offer (offre), request (demande) ou collective (action collective).",
		"The number of volunteers must be between 0 (as many as come) and %d.": "Le nombre de bénévoles est compris entre 0 (autant qu’il en vient) et %d.",
		"The reason must be at most %d characters.":                            "Le motif doit compter au plus %d caractères.",
		"The status %q is not known.":                                          "Le statut %q est inconnu.",
		"The title must be at most %d characters.":                             "Le titre doit compter au plus %d caractères.",
		"The town must be at most %d characters.":                              "La ville doit compter au plus %d caractères.",

		// The workflow.
		"Only a draft can be edited.":                                             "Seul un brouillon peut être modifié.",
		"Only a draft can be submitted.":                                          "Seul un brouillon peut être soumis.",
		"Only a published action can be started.":                                 "Seule une action publiée peut être démarrée.",
		"Only a published action can expire.":                                     "Seule une action publiée peut expirer.",
		"Only a published or started action can be completed.":                    "Seule une action publiée ou en cours peut être terminée.",
		"Only a rejected action can be revised.":                                  "Seule une action refusée peut être reprise.",
		"Only an action not yet completed, expired or rejected can be cancelled.": "Seule une action qui n’est ni terminée, ni expirée, ni refusée peut être annulée.",
		"Only an action waiting for validation can be published.":                 "Seule une action en attente de validation peut être publiée.",
		"Only an action waiting for validation can be rejected.":                  "Seule une action en attente de validation peut être refusée.",
		"This cannot be done to the action now.":                                  "Cela ne peut pas être fait sur l’action maintenant.",
		"The hours given must be between 0 and %d.":                               "Les heures données sont comprises entre 0 et %d.",
		"The number of people helped must be between 0 and %d.":                   "Le nombre de personnes aidées est compris entre 0 et %d.",
		"The report must be at most %d characters.":                               "Le compte rendu doit compter au plus %d caractères.",

		// Comments.
		"Only a published, started or completed action takes comments.":                        "Seule une action publiée, en cours ou terminée reçoit des commentaires.",
		"An action for moderators only takes no comments.":                                     "Une action réservée aux modérateurs ne reçoit pas de commentaires.",
		"The discussion of this action is closed: a moderator holds or hid its first comment.": "La discussion de cette action est fermée : un modérateur a retenu ou masqué son premier commentaire.",

		// Impact.
		"The impact cannot be grouped by %q: committee, department, category or month.": "L’impact ne peut pas être regroupé par %q : committee (comité), department (département), category (catégorie) ou month (mois).",
		"The period must end after it starts.":                                          "La période doit se terminer après son début.",

		// Volunteers.
		"Choose a shift of this action.":                                                              "Choisissez un créneau de cette action.",
		"Only members may volunteer.":                                                                 "Seuls les adhérents peuvent se proposer comme bénévoles.",
		"Only the organiser of the action may accept or decline volunteers.":                          "Seul l’organisateur de l’action peut accepter ou refuser des bénévoles.",
		"The organiser declined your offer to help with this action.":                                 "L’organisateur a décliné votre proposition d’aide pour cette action.",
		"The shift %d does not exist.":                                                                "Le créneau %d n’existe pas.",
		"This action is not open to volunteers.":                                                      "Cette action n’est pas ouverte aux bénévoles.",
		"This person has not volunteered for the action.":                                             "Cette personne ne s’est pas proposée pour cette action.",
		"This person is no longer a volunteer for the action.":                                        "Cette personne n’est plus bénévole pour cette action.",
		"You cannot volunteer for your own action.":                                                   "Vous ne pouvez pas vous proposer pour votre propre action.",
		"You were accepted as a volunteer: %s":                                                        "Vous êtes accepté·e comme bénévole : %s",
		"The organiser of %q accepted your help. Their contact details are now on the action's page.": "L’organisateur de %q a accepté votre aide. Ses coordonnées sont désormais sur la page de l’action.",
	})
}

// The counted texts (the full action"s) agree with their number: "1 … " is singular.
func init() {
	avenir.SetPlural(language.English, "Every place is taken: %d volunteers are already accepted.", 1, "one", "Every place is taken: %d volunteer is already accepted.", "other", "Every place is taken: %d volunteers are already accepted.")
	avenir.SetPlural(language.French, "Every place is taken: %d volunteers are already accepted.", 1, "one", "Toutes les places sont prises : %d bénévole est déjà accepté.", "other", "Toutes les places sont prises : %d bénévoles sont déjà acceptés.")
}

package consultation

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"This field is required.":                                              "Ce champ est obligatoire.",
		"This field must be at most %d characters.":                            "Ce champ doit compter au plus %d caractères.",
		"The phases' dates must follow one another.":                           "Les dates des phases doivent se suivre.",
		"Choose the theme forum of the consultation.":                          "Choisissez le forum thématique de la consultation.",
		"A consultation takes place in a forum open to every member.":          "Une consultation se tient dans un forum ouvert à tous les adhérents.",
		"The consultation is closed.":                                          "La consultation est close.",
		"Publish a motion before opening the vote.":                            "Publiez une motion avant d’ouvrir le vote.",
		"Only members in good standing may take part in a consultation.":       "Seuls les adhérents à jour peuvent participer à une consultation.",
		"The consultation's current phase does not allow this.":                "La phase actuelle de la consultation ne le permet pas.",
		"A text needs at least one section.":                                   "Un texte doit compter au moins une section.",
		"A text has at most %d sections.":                                      "Un texte compte au plus %d sections.",
		"A section appears twice.":                                             "Une section apparaît deux fois.",
		"The source kind %q is not known.":                                     "Le type de source %q est inconnu.",
		"A source is not a contribution or an amendment of this consultation.": "Une source n’est ni une contribution ni un amendement de cette consultation.",
		"This motion is published and can no longer change.":                   "Cette motion est publiée et ne peut plus changer.",
		"This member is already an author or invited.":                         "Ce membre est déjà auteur ou invité.",
		"You have no invitation to accept.":                                    "Vous n’avez pas d’invitation à accepter.",
		"Choose a section of the text.":                                        "Choisissez une section du texte.",
		"The amendment changes nothing.":                                       "L’amendement ne change rien.",
		"The answer %q is not known.":                                          "La réponse %q est inconnue.",
		"The section this amendment changes no longer exists.":                 "La section que modifie cet amendement n’existe plus.",
		"This amendment was already answered.":                                 "Cet amendement a déjà reçu une réponse.",
		"You already support as many proposals as allowed (%d).":               "Vous soutenez déjà autant de propositions que permis (%d).",
		"You already support this.":                                            "Vous soutenez déjà cette proposition.",
		"You do not support this.":                                             "Vous ne soutenez pas cette proposition.",
		"The choice %q is not known.":                                          "Le choix %q est inconnu.",
		"This motion is not put to the vote.":                                  "Cette motion n’est pas soumise au vote.",
		"Only members in good standing when the vote opened may vote.":         "Seuls les adhérents à jour à l’ouverture du vote peuvent voter.",
		"The results are published when the vote closes.":                      "Les résultats sont publiés à la clôture du vote.",
	})
}

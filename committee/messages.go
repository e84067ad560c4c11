package committee

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func init() {
	avenir.SetMessages(language.French, map[string]string{
		// The tree.
		"A committee abroad cannot cover France.":                                        "Un comité à l’étranger ne peut pas couvrir la France.",
		"A committee abroad covers one or more countries, and nothing else.":             "Un comité à l’étranger couvre un ou plusieurs pays, et rien d’autre.",
		"A committee cannot be merged into a committee below it.":                        "Un comité ne peut pas être fusionné dans un comité qui lui est rattaché.",
		"A committee cannot be merged into itself.":                                      "Un comité ne peut pas être fusionné avec lui-même.",
		"A committee cannot sit under itself or a committee below it.":                   "Un comité ne peut pas être rattaché à lui-même ni à un comité qui en dépend.",
		"A committee of kind %q cannot sit under one of kind %q.":                        "Un comité de type %q ne peut pas être rattaché à un comité de type %q.",
		"A committee other than the national one sits under a parent.":                   "Tout comité autre que le comité national est rattaché à un comité parent.",
		"A committee's kind does not change.":                                            "Le type d’un comité ne change pas.",
		"A federation covers one or more departments, and nothing else.":                 "Une fédération couvre un ou plusieurs départements, et rien d’autre.",
		"A local committee covers one or more communes (INSEE codes), and nothing else.": "Un comité local couvre une ou plusieurs communes (codes INSEE), et rien d’autre.",
		"A name is required.":                 "Un nom est obligatoire.",
		"A postal code is required.":          "Un code postal est obligatoire.",
		"A territory lists at most %d codes.": "Un territoire compte au plus %d codes.",
		"Members still belong to the committee %q: transfer them, or merge it.":  "Des adhérents appartiennent encore au comité %q : transférez-les, ou fusionnez-le.",
		"The committee %q below would no longer fit in its parent's territory.":  "Le comité %q, rattaché, ne tiendrait plus dans le territoire de son parent.",
		"The committee %q has committees below it: move them or merge it.":       "Des comités sont rattachés au comité %q : déplacez-les ou fusionnez-le.",
		"The committee %q is archived.":                                          "Le comité %q est archivé.",
		"The committee does not exist.":                                          "Ce comité n’existe pas.",
		"The committee kind %q is not known.":                                    "Le type de comité %q est inconnu.",
		"The committee to merge into does not exist.":                            "Le comité dans lequel fusionner n’existe pas.",
		"The commune %s (%s) lies outside the territory of %q.":                  "La commune %s (%s) est en dehors du territoire de %q.",
		"The commune %s lies outside the territory of %q.":                       "La commune %s est en dehors du territoire de %q.",
		"The contact must be at most %d characters.":                             "Le contact doit compter au plus %d caractères.",
		"The country %s lies outside the territory of %q.":                       "Le pays %s est en dehors du territoire de %q.",
		"The description must be at most %d characters.":                         "La description doit compter au plus %d caractères.",
		"The name must be at most %d characters.":                                "Le nom doit compter au plus %d caractères.",
		"The national committee cannot be archived.":                             "Le comité national ne peut pas être archivé.",
		"The national committee cannot be merged.":                               "Le comité national ne peut pas être fusionné.",
		"The national committee covers everything: its territory lists nothing.": "Le comité national couvre tout : son territoire ne liste rien.",
		"The national committee has no parent.":                                  "Le comité national n’a pas de parent.",
		"The network already has a national committee.":                          "Le réseau a déjà un comité national.",
		"The network has no national committee yet.":                             "Le réseau n’a pas encore de comité national.",
		"The parent committee does not exist.":                                   "Le comité parent n’existe pas.",
		"The reason must be at most %d characters.":                              "Le motif doit compter au plus %d caractères.",
		"The slug %q is not valid: use lower-case letters, digits and hyphens.":  "L’identifiant d’URL %q n’est pas valide : utilisez des minuscules, des chiffres et des tirets.",
		"The slug %q is taken by another committee.":                             "L’identifiant d’URL %q est déjà pris par un autre comité.",
		"You already belong to a committee: ask for a transfer.":                 "Vous appartenez déjà à un comité : demandez un transfert.",
		"Only members belong to a committee; supporters may follow committees.":  "Seuls les adhérents appartiennent à un comité ; les sympathisants peuvent suivre des comités.",
		"The commune %q does not exist.":                                         "La commune %q n’existe pas.",

		// Events and RSVPs.
		"A start is required.":                                             "Un début est obligatoire.",
		"A title is required.":                                             "Un titre est obligatoire.",
		"An address is required.":                                          "Une adresse est obligatoire.",
		"An event has at most %d co-organisers.":                           "Un événement compte au plus %d co-organisateurs.",
		"An event is organised by a committee.":                            "Un événement est organisé par un comité.",
		"An event lasts at most %d days.":                                  "Un événement dure au plus %d jours.",
		"An event open to one committee is open to one of its organisers.": "Un événement réservé à un comité l’est à l’un de ses organisateurs.",
		"An event starts in the future.":                                   "Un événement commence dans le futur.",
		"An online event has no venue.":                                    "Un événement en ligne n’a pas de lieu.",
		"An online event needs its link.":                                  "Un événement en ligne a besoin de son lien.",
		"An organising committee does not exist or is archived.":           "Un comité organisateur n’existe pas ou est archivé.",
		"Cancelled: %s":                                                    "Annulé : %s",
		"Check-in is open on the day of the event.":                        "Le pointage est ouvert le jour de l’événement.",
		"The answer %q is not known: going, maybe or declined.":            "La réponse %q est inconnue : going (je viens), maybe (peut-être) ou declined (je ne viens pas).",
		"The capacity must be between 0 (unlimited) and %d.":               "La capacité est comprise entre 0 (illimitée) et %d.",
		"The event %s (%s) is cancelled.":                                  "L’événement %s (%s) est annulé.",
		"The event is over.":                                               "L’événement est terminé.",
		"The event kind %q is not known.":                                  "Le type d’événement %q est inconnu.",
		"The event must end after it starts.":                              "L’événement doit se terminer après son début.",
		"The event was cancelled.":                                         "L’événement a été annulé.",
		"The link must be an https:// address.":                            "Le lien doit être une adresse https://.",
		"The time zone %q is not known.":                                   "Le fuseau horaire %q est inconnu.",
		"The title must be at most %d characters.":                         "Le titre doit compter au plus %d caractères.",
		"This person is not registered as going.":                          "Cette personne n’est pas inscrite comme participante.",
		"You have a place at %s":                                           "Une place vous attend : %s",
		"A place was freed at %s (%s) and it is yours: you are registered as going.\n\nIf you cannot come, say so on the event's page so that the next person in line gets the place:\n\n%s": "Une place s’est libérée pour %s (%s) et elle est à vous : vous êtes inscrit·e comme participant·e.\n\nSi vous ne pouvez pas venir, dites-le sur la page de l’événement pour que la personne suivante sur la liste d’attente ait la place :\n\n%s",
	})
	avenir.SetPlural(language.English, "The capacity cannot be lower than the %d people already confirmed.", 1,
		"one", "The capacity cannot be lower than the %d person already confirmed.", "other", "The capacity cannot be lower than the %d people already confirmed.")
	avenir.SetPlural(language.French, "The capacity cannot be lower than the %d people already confirmed.", 1,
		"one", "La capacité ne peut pas être inférieure à la personne déjà confirmée.", "other", "La capacité ne peut pas être inférieure aux %d personnes déjà confirmées.")
}

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
		"The contact must be at most %d characters.":                             "Le contact compte au plus %d caractères.",
		"The country %s lies outside the territory of %q.":                       "Le pays %s est en dehors du territoire de %q.",
		"The description must be at most %d characters.":                         "La description compte au plus %d caractères.",
		"The name must be at most %d characters.":                                "Le nom compte au plus %d caractères.",
		"The national committee cannot be archived.":                             "Le comité national ne peut pas être archivé.",
		"The national committee cannot be merged.":                               "Le comité national ne peut pas être fusionné.",
		"The national committee covers everything: its territory lists nothing.": "Le comité national couvre tout : son territoire ne liste rien.",
		"The national committee has no parent.":                                  "Le comité national n’a pas de parent.",
		"The network already has a national committee.":                          "Le réseau a déjà un comité national.",
		"The network has no national committee yet.":                             "Le réseau n’a pas encore de comité national.",
		"The parent committee does not exist.":                                   "Le comité parent n’existe pas.",
		"The reason must be at most %d characters.":                              "Le motif compte au plus %d caractères.",
		"The slug %q is not valid: use lower-case letters, digits and hyphens.":  "L’identifiant d’URL %q n’est pas valide : utilisez des minuscules, des chiffres et des tirets.",
		"The slug %q is taken by another committee.":                             "L’identifiant d’URL %q est déjà pris par un autre comité.",
		"You already belong to a committee: ask for a transfer.":                 "Vous appartenez déjà à un comité : demandez un transfert.",
		"Only members belong to a committee; supporters may follow committees.":  "Seuls les adhérents appartiennent à un comité ; les sympathisants peuvent suivre des comités.",
		"The commune %q does not exist.":                                         "La commune %q n’existe pas.",
	})
}

package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the committee management pages.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"%d archived committees keep their page in the directory.":                             "%d comités archivés gardent leur page dans l’annuaire.",
		"Address of its page (optional: made from the name)":                                   "Adresse de sa page (facultative : tirée du nom)",
		"Admins manage the whole tree; the animators of a committee, the committees below it.": "Les administrateurs gèrent tout l’arbre ; les animateurs d’un comité, les comités rattachés.",
		"Archive": "Archiver",
		"Codes separated by spaces: departments for a federation (69), INSEE codes of communes for a local committee (69383), countries for a committee abroad (DE).": "Codes séparés par des espaces : départements pour une fédération (69), codes INSEE des communes pour un comité local (69383), pays pour un comité à l’étranger (DE).",
		"Committees you manage": "Les comités que vous gérez",
		"Countries":             "Pays",
		"Create":                "Créer",
		"Create a committee":    "Créer un comité",
		"Into":                  "Dans",
		"Its members see the list of its members":                                                                     "Ses membres voient la liste de ses membres",
		"Its members, events and history stay with it.":                                                               "Ses membres, ses événements et son historique le suivent.",
		"Its members, followers, events and the committees below it go to the other committee; this one is archived.": "Ses membres, ses abonnés, ses événements et les comités rattachés passent à l’autre comité ; celui-ci est archivé.",
		"Its page":                      "Sa page",
		"Manage this committee":         "Gérer ce comité",
		"Manage the committees":         "Gérer les comités",
		"Merge":                         "Fusionner",
		"Merge into another committee":  "Fusionner dans un autre comité",
		"Move":                          "Déplacer",
		"None (the national committee)": "Aucun (le comité national)",
		"Only a committee without members and without committees below it is archived; it keeps its page, its history and its past events.": "Seul un comité sans membres ni comités rattachés peut être archivé ; il garde sa page, son historique et ses événements passés.",
		"Reason (kept in the history of each member transferred)":                                                                           "Motif (gardé dans l’historique de chaque membre transféré)",
		"Territory":                  "Territoire",
		"The committees are merged.": "Les comités sont fusionnés.",
		"The committee is created.":  "Le comité est créé.",
		"The committee is moved.":    "Le comité est déplacé.",
		"The committee is saved.":    "Le comité est enregistré.",
		"Under":                      "Sous",
	})
}

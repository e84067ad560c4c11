package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the forum management pages.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"Manage the forums":  "Gérer les forums",
		"Every forum":        "Tous les forums",
		"Position":           "Position",
		"Title":              "Titre",
		"Audience":           "Public",
		"Moderation":         "Modération",
		"Before publication": "Avant publication",
		"After publication":  "Après publication",
		"No forum yet: create the first one below.": "Aucun forum pour l’instant : créez le premier ci-dessous.",
		"Create a forum":                           "Créer un forum",
		"Create the forum":                         "Créer le forum",
		"The forum is created.":                    "Le forum est créé.",
		"Changes saved.":                           "Modifications enregistrées.",
		"Open the forum":                           "Ouvrir le forum",
		"Address (made from the title when empty)": "Adresse (tirée du titre si vide)",
		"Description":                              "Description",
		"Position in the list":                     "Position dans la liste",
		"Who may read it":                          "Qui peut le lire",
		"Committee (its address, for a committee's forum)": "Comité (son adresse, pour le forum d’un comité)",
		"Published at once, moderated after":               "Publié aussitôt, modéré ensuite",
		"Approved by a moderator before publication":       "Validé par un modérateur avant publication",
		"The forum's moderators":                           "Les modérateurs du forum",
		"The position must be a whole number.":             "La position doit être un nombre entier.",
	})
}

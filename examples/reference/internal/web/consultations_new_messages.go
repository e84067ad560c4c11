package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the page that opens a consultation.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"Open a consultation":     "Ouvrir une consultation",
		"Contributions open":      "Ouverture des contributions",
		"Amendments open":         "Ouverture des amendements",
		"Supports open":           "Ouverture des soutiens",
		"Synthesis opens":         "Ouverture de la synthèse",
		"Vote opens":              "Ouverture du vote",
		"Vote closes":             "Clôture du vote",
		"Theme forum":             "Forum thématique",
		"Open the consultation":   "Ouvrir la consultation",
		"Change the consultation": "Modifier la consultation",
		"Every member in good standing when the vote opens may vote: the forum must be open to every member.": "Tout adhérent à jour de cotisation à l’ouverture du vote peut voter : le forum doit être ouvert à tous les adhérents.",
		"Leave a date empty to open that phase by decision of the drafting group.":                            "Laissez une date vide pour que le groupe de rédaction ouvre cette phase par décision.",
		"Drafting group (members' email addresses, one per line)":                                             "Groupe de rédaction (adresses e-mail des adhérents, une par ligne)",
		"No member has the address %q.":                                                                       "Aucun adhérent n’a l’adresse %q.",
	})
}

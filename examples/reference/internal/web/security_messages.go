package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the server's security: rate limits and API tokens.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"API token created or revoked":                       "Jeton d’API créé ou révoqué",
		"Too many requests. Please try again in %d minutes.": "Trop de demandes. Veuillez réessayer dans %d minutes.",
		// API tokens.
		"API tokens": "Jetons d’API",
		"A personal API token lets a program of yours (a calendar, a script) call the network's API in your name, with no more rights than you have. Send it in the header Authorization: Bearer followed by the token.": "Un jeton d’API personnel permet à un programme à vous (un agenda, un script) d’appeler l’API du réseau en votre nom, sans plus de droits que vous. Envoyez-le dans l’en-tête Authorization: Bearer suivi du jeton.",
		"The token is made. Here it is: copy it now, it will not be shown again.": "Le jeton est créé. Le voici : copiez-le maintenant, il ne sera plus affiché.",
		"My tokens":                "Mes jetons",
		"Name":                     "Nom",
		"May":                      "Peut",
		"Last used":                "Dernier usage",
		"Expires":                  "Expire",
		"Revoke":                   "Révoquer",
		"Revoke the token %s":      "Révoquer le jeton %s",
		"Read only":                "Lire seulement",
		"Read and write":           "Lire et écrire",
		"Never":                    "Jamais",
		"No longer valid":          "N’est plus valide",
		"No token yet.":            "Aucun jeton pour l’instant.",
		"Create a token":           "Créer un jeton",
		"The token may":            "Le jeton peut",
		"Expires after (optional)": "Expire après le (facultatif)",
		"Create the token":         "Créer le jeton",
		"The token is revoked: it no longer works.":                          "Le jeton est révoqué : il ne fonctionne plus.",
		"The expiry is not a date.":                                          "L’expiration n’est pas une date.",
		"This API token may only read.":                                      "Ce jeton d’API ne peut que lire.",
		"This call needs a signed-in session: an API token may not make it.": "Cet appel demande une session ouverte : un jeton d’API ne peut pas le faire.",
	})
}

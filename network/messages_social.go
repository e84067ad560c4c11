package network

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French of the social layer's messages: follows, conversations, feed.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"Only members in good standing may use the social network.": "Seuls les adhérents à jour peuvent utiliser le réseau social.",
		// Follows and blocks.
		"The kind %q cannot be followed.":        "Le type %q ne peut pas être suivi.",
		"You cannot follow yourself.":            "Vous ne pouvez pas vous suivre vous-même.",
		"This member does not accept followers.": "Ce membre n’accepte pas d’abonnés.",
		"The follow policy %q is not known.":     "La règle d’abonnement %q est inconnue.",
		"You cannot block yourself.":             "Vous ne pouvez pas vous bloquer vous-même.",
	})
}

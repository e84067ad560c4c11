package network

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French of the relay's, notifications' and webhooks' messages.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Relay.
		"The consumer name %q is not valid.":         "Le nom de consommateur %q n’est pas valide.",
		"A consumer named %q is already registered.": "Un consommateur nommé %q est déjà inscrit.",
		// Notifications.
		"The notification kind %q is not known.":                     "Le type de notification %q est inconnu.",
		"The channel %q is not known: in_app, email, digest or off.": "Le canal %q est inconnu : in_app, email, digest ou off.",
		"New reply in a thread you follow.":                          "Nouvelle réponse dans un fil que vous suivez.",
		"Your appeal was answered.":                                  "Votre recours a reçu une réponse.",
		"A moderator took a decision about your post.":               "Un modérateur a pris une décision sur votre message.",
		"Someone offered to help with %q.":                           "Quelqu’un propose son aide pour « %s ».",
		"Something new concerns you (%s).":                           "Du nouveau vous concerne (%s).",
		"See your notifications: %s":                                 "Voir vos notifications : %s",
		// Webhooks.
		"The scope %q is not known: public, members or admin.":                    "La portée %q est inconnue : public, members ou admin.",
		"Choose between 1 and %d event types.":                                    "Choisissez entre 1 et %d types d’événements.",
		"The event type %q is not valid: write forum.post_replied, forum.* or *.": "Le type d’événement %q n’est pas valide : écrivez forum.post_replied, forum.* ou *.",
		"The address must be a full https:// URL.":                                "L’adresse doit être une URL https:// complète.",
		"The address %q is not a public one.":                                     "L’adresse %q n’est pas une adresse publique.",
	})
}

// The counted texts (the digest"s) agree with their number: "1 … " is singular.
func init() {
	avenir.SetPlural(language.English, "Your day on the network: %d notifications", 1, "one", "Your day on the network: %d notification", "other", "Your day on the network: %d notifications")
	avenir.SetPlural(language.French, "Your day on the network: %d notifications", 1, "one", "Votre journée sur le réseau : %d notification", "other", "Votre journée sur le réseau : %d notifications")
}

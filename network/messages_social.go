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
		// Conversations.
		"The message is empty.":                                                      "Le message est vide.",
		"The message must be at most %d characters.":                                 "Le message doit compter au plus %d caractères.",
		"The title must be at most %d characters.":                                   "Le titre doit compter au plus %d caractères.",
		"Conversations are between members in good standing.":                        "Les conversations réunissent des adhérents à jour.",
		"You cannot start a conversation with a member you block or who blocks you.": "Vous ne pouvez pas ouvrir de conversation avec un membre que vous bloquez ou qui vous bloque.",
		"A conversation needs someone to talk to.":                                   "Une conversation demande au moins un interlocuteur.",
		"A conversation has at most %d participants.":                                "Une conversation compte au plus %d participants.",
		"A group conversation needs a title.":                                        "Une conversation de groupe doit avoir un titre.",
		"You cannot write to a member you block or who blocks you.":                  "Vous ne pouvez pas écrire à un membre que vous bloquez ou qui vous bloque.",
		"Members can be added to a group conversation only.":                         "On ne peut ajouter des membres qu’à une conversation de groupe.",
		"Say why you report this message.":                                           "Dites pourquoi vous signalez ce message.",
		"The reason must be at most %d characters.":                                  "Le motif doit compter au plus %d caractères.",
		"You already reported this message.":                                         "Vous avez déjà signalé ce message.",
	})
}

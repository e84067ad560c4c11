package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the social pages: conversations, the feed, follows
// and blocks.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Navigation.
		"Social":                  "Social",
		"My feed":                 "Mon fil",
		"Conversations":           "Conversations",
		"New conversation":        "Nouvelle conversation",
		"Followers and following": "Abonnés et abonnements",
		"%d unread conversations": "%d messages non lus",
		"%d unread notifications": "%d notifications non lues",

		// Conversations.
		"Only the participants read a conversation: not the moderators, not the admins.": "Seuls les participants lisent une conversation : ni les modérateurs, ni les administrateurs.",
		"Inbox":                "Boîte de réception",
		"Conversation":         "Conversation",
		"Unread":               "Non lus",
		"unread":               "non lus",
		"Last message":         "Dernier message",
		"group":                "groupe",
		"No conversation yet.": "Aucune conversation pour l’instant.",
		"Write to a member":    "Écrire à un membre",
		"Participants:":        "Participants :",
		"Messages":             "Messages",
		"Older messages":       "Messages plus anciens",
		"Former member":        "Ancien membre",
		"Message deleted.":     "Message supprimé.",
		"Report this message":  "Signaler ce message",
		"Why? (the moderators read it, with the messages before this one)": "Pourquoi ? (les modérateurs le liront, avec les messages qui précèdent celui-ci)",
		"Report":              "Signaler",
		"No message to read.": "Aucun message à lire.",
		"Reply":               "Répondre",
		"Your message":        "Votre message",
		"Markdown: **bold**, *italics*, [link](https://…), lists.": "Markdown : **gras**, *italique*, [lien](https://…), listes.",
		"Send": "Envoyer",
		"Your membership has lapsed: you read your conversations but no longer write in them.": "Votre adhésion a expiré : vous lisez vos conversations mais n’y écrivez plus.",
		"Leave the conversation": "Quitter la conversation",
		"With":                   "Avec",
		"Follow members, or open a member's page, to write to them.": "Suivez des membres, ou ouvrez la page d’un membre, pour leur écrire.",
		"Title (for a group)":             "Titre (pour un groupe)",
		"Choose the members to write to.": "Choisissez les membres à qui écrire.",
		"Your message is sent.":           "Votre message est envoyé.",
		"The message is reported: the network's moderators will read it, with the messages before it.": "Le message est signalé : les modérateurs du réseau le liront, avec les messages qui le précèdent.",
		"You left the conversation.": "Vous avez quitté la conversation.",
		// The feed.
		"%s started a thread:":              "%s a ouvert un fil :",
		"%s replied in":                     "%s a répondu dans",
		"A field event is announced:":       "Un événement de terrain est annoncé :",
		"A field event changed:":            "Un événement de terrain a changé :",
		"A field event is cancelled:":       "Un événement de terrain est annulé :",
		"A committee is created:":           "Un comité est créé :",
		"A committee changed:":              "Un comité a changé :",
		"A committee moved in the tree:":    "Un comité a changé de place dans l’arbre :",
		"A committee is archived:":          "Un comité est archivé :",
		"A committee was merged:":           "Un comité a été fusionné :",
		"A solidarity action is published:": "Une action solidaire est publiée :",
		"A solidarity action is under way:": "Une action solidaire est en cours :",
		"A solidarity action is completed:": "Une action solidaire est terminée :",
		"A solidarity action is cancelled:": "Une action solidaire est annulée :",
		"A solidarity action expired:":      "Une action solidaire a expiré :",
		"A former member":                   "Un ancien membre",
		"What happens in your committees, the forums and threads you follow, and around the members and actions you follow.": "Ce qui se passe dans vos comités, les forums et fils que vous suivez, et autour des membres et des actions que vous suivez.",
		"Nothing in your feed yet: follow members, forums, threads or solidarity actions to see what happens there.":         "Rien dans votre fil pour l’instant : suivez des membres, des forums, des fils ou des actions solidaires pour voir ce qui s’y passe.",
	})
}

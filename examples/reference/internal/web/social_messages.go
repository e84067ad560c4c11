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
		// Follows and blocks.
		"Follow": "Suivre",
		"You follow it now: it comes to your feed.":                                         "Vous suivez désormais : cela arrive dans votre fil.",
		"You no longer follow it.":                                                          "Vous ne suivez plus.",
		"The member is blocked: neither of you sees the other any more. They are not told.": "Le membre est bloqué : aucun de vous deux ne voit plus l’autre. Il n’en est pas averti.",
		"The member is no longer blocked.":                                                  "Le membre n’est plus bloqué.",
		"Blocked members":                                                                   "Membres bloqués",
		"Write to %s":                                                                       "Écrire à %s",
		"Block %s":                                                                          "Bloquer %s",
		"Unblock %s":                                                                        "Débloquer %s",
		"Unblock":                                                                           "Débloquer",
		"Blocking hides you from each other: no follow either way, no conversation, each other's activity out of your feeds. The member is not told.": "Bloquer vous cache l’un de l’autre : aucun abonnement dans un sens ni dans l’autre, aucune conversation, l’activité de chacun hors du fil de l’autre. Le membre n’en est pas averti.",
		"Lists":                  "Listes",
		"Followers":              "Abonnés",
		"Following":              "Abonnements",
		"since %s":               "depuis le %s",
		"No follower yet.":       "Aucun abonné pour l’instant.",
		"Follows no member yet.": "Ne suit encore aucun membre.",
		"Member":                 "Membre",
		"Since":                  "Depuis",
		"You block nobody.":      "Vous ne bloquez personne.",
	})
}

package forum

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Forums.
		"A title is required.":                                "Un titre est obligatoire.",
		"The title must be at most %d characters.":            "Le titre doit compter au plus %d caractères.",
		"The description must be at most %d characters.":      "La description doit compter au plus %d caractères.",
		"The address of the forum needs a letter or a digit.": "L’adresse du forum doit contenir une lettre ou un chiffre.",
		"The moderation mode %q is not known.":                "Le mode de modération %q est inconnu.",
		"Another forum has the address %q.":                   "Un autre forum a déjà l’adresse %q.",
		"The forum %q exists with another audience.":          "Le forum %q existe déjà avec un autre public.",
		// Threads and posts.
		"The message is empty.":                             "Le message est vide.",
		"The message must be at most %d characters.":        "Le message doit compter au plus %d caractères.",
		"This thread is not open for replies.":              "Ce fil n’est pas ouvert aux réponses.",
		"The quoted message is not in this thread.":         "Le message cité n’appartient pas à ce fil.",
		"The thread is locked.":                             "Le fil est verrouillé.",
		"A hidden post cannot be edited.":                   "Un message masqué ne peut pas être modifié.",
		"A hidden post cannot be deleted.":                  "Un message masqué ne peut pas être supprimé.",
		"You are suspended from this forum until %s.":       "Vous êtes suspendu de ce forum jusqu’au %s.",
		"Only members in good standing may support a post.": "Seuls les adhérents à jour peuvent soutenir un message.",
		"You cannot support your own post.":                 "Vous ne pouvez pas soutenir votre propre message.",
		"You already support this post.":                    "Vous soutenez déjà ce message.",
		"This post is not published.":                       "Ce message n’est pas publié.",
		// Moderation.
		"You cannot flag your own post.":                                     "Vous ne pouvez pas signaler votre propre message.",
		"The reason %q is not known.":                                        "Le motif %q est inconnu.",
		"The text must be at most %d characters.":                            "Le texte doit compter au plus %d caractères.",
		"This post is already in the moderators' hands.":                     "Ce message est déjà entre les mains des modérateurs.",
		"You already flagged this post.":                                     "Vous avez déjà signalé ce message.",
		"This post is not awaiting approval.":                                "Ce message n’est pas en attente de validation.",
		"You cannot moderate your own post.":                                 "Vous ne pouvez pas modérer votre propre message.",
		"The action %q is not known.":                                        "L’action %q est inconnue.",
		"Keeping a post cites no breach; any other decision cites one.":      "Maintenir un message ne retient aucun manquement ; toute autre décision en retient un.",
		"The statement of reasons must be at least %d characters.":           "La motivation doit compter au moins %d caractères.",
		"The statement of reasons must be at most %d characters.":            "La motivation doit compter au plus %d caractères.",
		"An end date is for a suspension only.":                              "Une date de fin ne vaut que pour une suspension.",
		"A suspension ends in the future, within %d days.":                   "Une suspension prend fin dans le futur, dans les %d jours.",
		"This post was deleted.":                                             "Ce message a été supprimé.",
		"Only the author of the post may appeal.":                            "Seul l’auteur du message peut faire appel.",
		"An appeal must be at least %d characters.":                          "Un appel doit compter au moins %d caractères.",
		"An appeal must be at most %d characters.":                           "Un appel doit compter au plus %d caractères.",
		"A decision that kept the post cannot be appealed.":                  "Une décision qui maintient le message ne peut pas faire l’objet d’un appel.",
		"This decision was already appealed.":                                "Cette décision a déjà fait l’objet d’un appel.",
		"A moderator other than the one who decided must answer the appeal.": "Un autre modérateur que celui qui a décidé doit répondre à l’appel.",
		"The outcome %q is not known.":                                       "L’issue %q est inconnue.",
		"This decision was not appealed.":                                    "Cette décision n’a pas fait l’objet d’un appel.",
		"This appeal was already answered.":                                  "Cet appel a déjà reçu une réponse.",
		// Search.
		"A search must be at most %d characters.": "Une recherche doit compter au plus %d caractères.",
		"Type at least one word to search.":       "Saisissez au moins un mot à rechercher.",
		// Notices.
		"A moderation decision about your post":                                    "Une décision de modération sur votre message",
		"A moderator (%s) decided: %s.":                                            "Un modérateur (%s) a décidé : %s.",
		"Reason: %s. %s":                                                           "Motif : %s. %s",
		"You may not write in this forum until %s.":                                "Vous ne pourrez pas écrire dans ce forum avant le %s.",
		"You may appeal this decision once; a different moderator will answer.":    "Vous pouvez faire appel de cette décision une fois ; un autre modérateur y répondra.",
		"The answer to your appeal":                                                "La réponse à votre appel",
		"A moderator other than the one who decided has answered your appeal: %s.": "Un modérateur autre que celui qui avait décidé a répondu à votre appel : %s.",
		"Reasons: %s": "Motifs : %s",
		// Labels.
		"post kept":                       "message maintenu",
		"post hidden":                     "message masqué",
		"post deleted":                    "message supprimé",
		"thread locked":                   "fil verrouillé",
		"author suspended from the forum": "auteur suspendu du forum",
		"spam":                            "spam",
		"harassment or abuse":             "harcèlement ou propos injurieux",
		"off-topic":                       "hors sujet",
		"personal data exposed":           "données personnelles exposées",
		"illegal content":                 "contenu illicite",
		"another breach of the charter":   "autre manquement à la charte",
		"no breach of the charter":        "aucun manquement à la charte",
		"forum moderator":                 "modérateur du forum",
		"network moderator":               "modérateur du réseau",
		"admin":                           "administrateur",
		"decision upheld":                 "décision confirmée",
		"decision overturned":             "décision annulée",
		"a post":                          "un message",
		"a thread":                        "un fil",
		"published":                       "publié",
		"awaiting approval":               "en attente de validation",
		"hidden":                          "masqué",
		"deleted":                         "supprimé",
	})
}

package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the notifications, settings and network
// administration pages (audit log, webhooks, reports of conversations).
func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Notifications.
		"Settings":                                 "Réglages",
		"Replies in the threads I follow":          "Réponses dans les fils que je suis",
		"Moderation decisions about my posts":      "Décisions de modération sur mes messages",
		"Volunteers for my actions":                "Bénévoles pour mes actions",
		"Answers to my offers of help":             "Réponses à mes offres d’aide",
		"Places given at events":                   "Places obtenues aux événements",
		"In the app":                               "Dans l’application",
		"In the app and by email at once":          "Dans l’application et par e-mail aussitôt",
		"In the app and in the daily email digest": "Dans l’application et dans le résumé quotidien par e-mail",
		"Not at all":                               "Pas du tout",
		"Marked as read.":                          "Marqué comme lu.",
		"Unread notifications":                     "Notifications non lues",
		"All my notifications":                     "Toutes mes notifications",
		"Unread: %d":                               "Non lues : %d",
		"Show all":                                 "Tout afficher",
		"Show only the unread":                     "N’afficher que les non lues",
		"Mark all as read":                         "Tout marquer comme lu",
		"New":                                      "Nouveau",
		"Mark as read: %s":                         "Marquer comme lu : %s",
		"Mark as read":                             "Marquer comme lu",
		"Nothing unread.":                          "Rien de non lu.",
		"You have no notifications yet. Follow a thread or propose an action: replies and answers will come here.": "Vous n’avez pas encore de notification. Suivez un fil ou proposez une action : les réponses arriveront ici.",
		"How I am told": "Comment je suis prévenu·e",
		"Emails need your consent to receive notifications by email: without it, everything stays in the app.": "Les e-mails demandent votre consentement à recevoir les notifications par e-mail : sans lui, tout reste dans l’application.",
	})
}

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

		// Settings.
		"Members of the movement may follow me": "Les membres du mouvement peuvent me suivre",
		"Nobody may follow me":                  "Personne ne peut me suivre",
		"Privacy":                               "Confidentialité",
		"Who may follow me":                     "Qui peut me suivre",
		"Refusing followers also removes those you have.": "Refuser d’être suivi·e retire aussi les personnes qui vous suivent.",
		"You block %d members.":                           "Vous bloquez %d membres.",
		"You block nobody.":                               "Vous ne bloquez personne.",
		"The members I block":                             "Les membres que je bloque",
		"Choose how I am told, kind by kind":              "Choisir comment je suis prévenu·e, sorte par sorte",
		"Everything the network holds about you — profile, committees, forums, consultations, solidarity, follows, conversations, notifications and the audit entries about you — as one JSON file.": "Tout ce que le réseau détient sur vous — profil, comités, forums, consultations, solidarité, abonnements, conversations, notifications et les entrées du journal d’audit qui vous concernent — en un seul fichier JSON.",
		"Who did what with my data": "Qui a fait quoi de mes données",
		"To erase your account everywhere on the network, with a confirmation:": "Pour effacer votre compte partout sur le réseau, avec une confirmation :",
		"Choose who may follow you: members or nobody.":                         "Choisissez qui peut vous suivre : les membres ou personne.",

		// Audit log.
		"Role given":                          "Rôle attribué",
		"Role withdrawn":                      "Rôle retiré",
		"Status changed":                      "Statut modifié",
		"Contact details seen":                "Coordonnées consultées",
		"Data exported":                       "Données exportées",
		"Data erased":                         "Données effacées",
		"Configuration changed":               "Configuration modifiée",
		"You":                                 "Vous",
		"The system":                          "Le système",
		"Someone else":                        "Quelqu’un d’autre",
		"Audit log":                           "Journal d’audit",
		"What was done with my data":          "Ce qui a été fait de mes données",
		"The member %q is not a member's ID.": "« %s » n’est pas l’identifiant d’un membre.",
		"The end date comes before the start date.": "La date de fin précède la date de début.",
		"Who changed your standing or your roles, saw or exported your data, and the moderation decisions about your posts.": "Qui a changé votre statut ou vos rôles, vu ou exporté vos données, et les décisions de modération sur vos messages.",
		"Member (ID)":                         "Membre (identifiant)",
		"From (included)":                     "Du (inclus)",
		"To (included)":                       "Au (inclus)",
		"Entries":                             "Entrées",
		"By":                                  "Par",
		"About":                               "Concerne",
		"Details":                             "Détails",
		"Nothing was recorded about you yet.": "Rien n’a encore été enregistré à votre sujet.",
		"No entry matches these filters.":     "Aucune entrée ne correspond à ces filtres.",
	})
}

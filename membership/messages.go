package membership

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Personal API tokens.
		"A token needs a name of at most %d characters.":    "Un jeton doit porter un nom d’au plus %d caractères.",
		"The scope %q is not known.":                        "La portée %q est inconnue.",
		"Choose what the token may do.":                     "Choisissez ce que le jeton peut faire.",
		"The expiry date must be in the future.":            "La date d’expiration doit être dans le futur.",
		"You hold %d API tokens already: revoke one first.": "Vous détenez déjà %d jetons d’API : révoquez-en un d’abord.",
		// Profile and validation.
		"A display name is required.":                     "Un nom d’affichage est obligatoire.",
		"An email address is required.":                   "Une adresse e-mail est obligatoire.",
		"The address must be at most %d characters.":      "L’adresse doit compter au plus %d caractères.",
		"The city must be at most %d characters.":         "La ville doit compter au plus %d caractères.",
		"The commune code %q is not valid.":               "Le code commune %q n’est pas valide.",
		"The country %q is not valid.":                    "Le pays %q n’est pas valide.",
		"The display name must be at most %d characters.": "Le nom d’affichage doit compter au plus %d caractères.",
		"The email address %q is not valid.":              "L’adresse e-mail %q n’est pas valide.",
		"The email address is too long.":                  "L’adresse e-mail est trop longue.",
		"The field %q is not known.":                      "Le champ %q est inconnu.",
		"The visibility of the profile is not valid.":     "La visibilité du profil n’est pas valide.",
		"The full name must be at most %d characters.":    "Le nom complet doit compter au plus %d caractères.",
		"The language %q is not offered.":                 "La langue %q n’est pas proposée.",
		"The phone number %q is not valid.":               "Le numéro de téléphone %q n’est pas valide.",
		"The postal code %q is not valid.":                "Le code postal %q n’est pas valide.",
		"Filtering by department needs the geography.":    "Le filtre par département demande la géographie.",
		"This member's data was erased.":                  "Les données de ce membre ont été effacées.",
		// Lifecycle.
		"A member cannot go from %s to %s.":                        "Un membre ne peut pas passer de « %s » à « %s ».",
		"The status %q is not known.":                              "Le statut %q est inconnu.",
		"A reason is required.":                                    "Un motif est obligatoire.",
		"The reason must be at most %d characters.":                "Le motif doit compter au plus %d caractères.",
		"An end date is for a suspension, and lies in the future.": "Une date de fin ne vaut que pour une suspension, et doit être dans le futur.",
		"Erasure has its own workflow.":                            "L’effacement passe par une procédure dédiée.",
		// Dues.
		"A member who left must join again before paying.": "Un membre qui a quitté le mouvement doit réadhérer avant de payer.",
		"A payment cannot be dated in the future.":         "Un paiement ne peut pas être daté dans le futur.",
		"The amount is below the %s fee.":                  "Le montant est inférieur à la cotisation « %s ».",
		"The fee tier %q is not known.":                    "Le barème %q est inconnu.",
		"The payment method %q is not known.":              "Le moyen de paiement %q est inconnu.",
		"The reference must be at most %d characters.":     "La référence doit compter au plus %d caractères.",
		// Roles.
		"Only a member in good standing may hold a role.": "Seul un adhérent à jour peut exercer un rôle.",
		"The end of a role lies in the future.":           "La fin d’un rôle doit être dans le futur.",
		"The network already has an admin.":               "Le réseau a déjà un administrateur.",
		"The member already holds this role.":             "Ce membre exerce déjà ce rôle.",
		"The role %q cannot be given over that scope.":    "Le rôle %q ne peut pas être confié sur ce périmètre.",
		"This role was already taken back.":               "Ce rôle a déjà été retiré.",
		// Consent.
		"The purpose %q is not known.":                                                     "La finalité %q est inconnue.",
		"The consent source %q is not known.":                                              "L’origine de consentement %q est inconnue.",
		"This consent is the basis of your membership: to withdraw it, leave the network.": "Ce consentement fonde votre adhésion : pour le retirer, quittez le mouvement.",
		"Your consent to the processing of your membership data is required.":              "Votre consentement au traitement de vos données d’adhésion est nécessaire.",
		// Sign-in.
		"The email address or the password is not correct.":         "L’adresse e-mail ou le mot de passe est incorrect.",
		"The current password is not correct.":                      "Le mot de passe actuel est incorrect.",
		"This link is not valid, was already used, or has expired.": "Ce lien n’est pas valide, a déjà servi ou a expiré.",
		"Too many failed sign-ins. Please try again in %d minutes.": "Trop de tentatives de connexion échouées. Réessayez dans %d minutes.",
		// Mails.
		"Confirm your email address":                                       "Confirmez votre adresse e-mail",
		"Your sign-in link":                                                "Votre lien de connexion",
		"Someone tried to register with your address":                      "Quelqu’un a tenté de s’inscrire avec votre adresse",
		"Open this link to sign in (it works once, for %d minutes):\n\n%s": "Ouvrez ce lien pour vous connecter (il ne sert qu’une fois, pendant %d minutes) :\n\n%s",
		"Welcome. Open this link to confirm your email address (it works for %d hours):\n\n%s\n\nIf you did not sign up, ignore this message: nothing is done in your name until the address is confirmed.": "Bienvenue. Ouvrez ce lien pour confirmer votre adresse e-mail (il reste valable %d heures) :\n\n%s\n\nSi vous ne vous êtes pas inscrit, ignorez ce message : rien n’est fait en votre nom tant que l’adresse n’est pas confirmée.",
		"Please confirm your email address first, with the link we sent you.":                                                                                             "Confirmez d’abord votre adresse e-mail, avec le lien que nous vous avons envoyé.",
		"Someone, perhaps you, tried to register with this address, which already has an account. To sign in, use: %s\n\nIf it was not you, you can ignore this message.": "Quelqu’un, peut-être vous, a tenté de s’inscrire avec cette adresse, qui a déjà un compte. Pour vous connecter : %s\n\nSi ce n’était pas vous, ignorez ce message.",
	})
}

package network

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French messages of the network's core: configuration, wiring, audit,
// export, erasure and retention.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Configuration.
		"The network needs a name.":                                                     "Le réseau doit avoir un nom.",
		"The network's name must be at most %d characters.":                             "Le nom du réseau doit compter au plus %d caractères.",
		"The slug must be at most %d characters.":                                       "L’identifiant court doit compter au plus %d caractères.",
		"The slug %q may hold only lowercase letters, digits and single hyphens.":       "L’identifiant court %q ne peut contenir que des minuscules, des chiffres et des tirets simples.",
		"The tagline must be at most %d characters.":                                    "Le slogan doit compter au plus %d caractères.",
		"The leader's name must be at most %d characters.":                              "Le nom de la figure du mouvement doit compter au plus %d caractères.",
		"The colour %q is not of the form #rrggbb.":                                     "La couleur %q n’est pas de la forme #rrvvbb.",
		"The logo's address must be at most %d characters.":                             "L’adresse du logo doit compter au plus %d caractères.",
		"The logo %q is neither an http(s) address nor a path starting with /.":         "Le logo %q n’est ni une adresse http(s) ni un chemin commençant par /.",
		"The language %q is not one Avenir speaks (fr, en).":                            "La langue %q n’est pas proposée par Avenir (fr, en).",
		"The network offers at least one language.":                                     "Le réseau propose au moins une langue.",
		"The language %q is offered twice.":                                             "La langue %q est proposée deux fois.",
		"The default language %q must be among the languages offered.":                  "La langue par défaut %q doit faire partie des langues proposées.",
		"The time zone %q is not known.":                                                "Le fuseau horaire %q est inconnu.",
		"The membership year %q is neither %q nor %q.":                                  "L’année d’adhésion %q n’est ni %q ni %q.",
		"The grace period must be between 0 and %d days.":                               "Le délai de grâce doit être compris entre 0 et %d jours.",
		"The fee schedule needs at least one tier.":                                     "Le barème des cotisations doit compter au moins un tarif.",
		"The tier key %q may hold only lowercase letters, digits and underscores.":      "La clé de tarif %q ne peut contenir que des minuscules, des chiffres et des soulignés.",
		"The tier key %q appears twice.":                                                "La clé de tarif %q apparaît deux fois.",
		"The tier %q has a negative amount.":                                            "Le tarif %q a un montant négatif.",
		"The currency %q of the tier %q is not an ISO 4217 code (EUR).":                 "La devise %q du tarif %q n’est pas un code ISO 4217 (EUR).",
		"The flag threshold must be between 1 and %d.":                                  "Le seuil de signalements doit être compris entre 1 et %d.",
		"The number of first posts held for approval must be between 0 and %d.":         "Le nombre de premiers messages soumis à validation doit être compris entre 0 et %d.",
		"The support limit must be between 1 and %d.":                                   "La limite de soutiens doit être comprise entre 1 et %d.",
		"The category code %q may hold only lowercase letters, digits and underscores.": "Le code de catégorie %q ne peut contenir que des minuscules, des chiffres et des soulignés.",
		"The category code %q appears twice.":                                           "Le code de catégorie %q apparaît deux fois.",
		"The category %q needs a label.":                                                "La catégorie %q doit avoir un libellé.",
		"The retention of lapsed members must be between 0 (keep) and %d months.":       "La durée de conservation des anciens adhérents doit être comprise entre 0 (conserver) et %d mois.",
		"The retention of the audit log must be between 0 (keep) and %d years.":         "La durée de conservation du journal d’audit doit être comprise entre 0 (conserver) et %d ans.",
		"The configuration cannot be read: %v":                                          "La configuration ne peut pas être lue : %v",

		// Audit.
		"The audit kind %q is not known.": "Le type d’entrée d’audit %q est inconnu.",
	})
}

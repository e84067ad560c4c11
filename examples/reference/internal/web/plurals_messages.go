package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// countedTexts are the pages' texts that count, in both languages: their
// words agree with the number (CLDR plural rules: in French 0 and 1 are
// singular, in English only 1). Each is the key, the argument that counts,
// and the singular ("one") and plural ("other") forms.
var countedTexts = []struct {
	key            string
	arg            int
	enOne, enOther string
	frOne, frOther string
}{
	{"%d replies", 1, "%d reply", "%d replies", "%d réponse", "%d réponses"},
	{"%d followers", 1, "%d follower", "%d followers", "%d abonné", "%d abonnés"},
	{"%d followed", 1, "%d followed", "%d followed", "%d abonnement", "%d abonnements"},
	{"%d supports", 1, "%d support", "%d supports", "%d soutien", "%d soutiens"},
	{"%d contributions", 1, "%d contribution", "%d contributions", "%d contribution", "%d contributions"},
	{"%d participants", 1, "%d participant", "%d participants", "%d participant", "%d participants"},
	{"%d amendments, %d taken in", 1, "%d amendment, %d taken in", "%d amendments, %d taken in", "%d amendement, dont %d repris", "%d amendements, dont %d repris"},
	{"%d members may vote", 1, "%d member may vote", "%d members may vote", "%d adhérent peut voter", "%d adhérents peuvent voter"},
	{"%d shifts", 1, "%d shift", "%d shifts", "%d créneau", "%d créneaux"},
	{"%d unread notifications", 1, "%d unread notification", "%d unread notifications", "%d notification non lue", "%d notifications non lues"},
	{"You block %d members.", 1, "You block %d member.", "You block %d members.", "Vous bloquez %d membre.", "Vous bloquez %d membres."},
	{"Enabled, %d failures in a row", 1, "Enabled, %d failure", "Enabled, %d failures in a row", "Actif, %d échec", "Actif, %d échecs d’affilée"},
	{"Unlimited (%d going)", 1, "Unlimited (%d going)", "Unlimited (%d going)", "Illimitées (%d inscrit)", "Illimitées (%d inscrits)"},
	{"As many as come (%d accepted)", 1, "As many as come (%d accepted)", "As many as come (%d accepted)", "Autant qu’il en vient (%d accepté·e)", "Autant qu’il en vient (%d accepté·es)"},
	{"Renewals due within %d days", 1, "Renewals due within %d day", "Renewals due within %d days", "Renouvellements sous %d jour", "Renouvellements dans les %d jours"},
}

func init() {
	for _, c := range countedTexts {
		avenir.SetPlural(language.English, c.key, c.arg, "one", c.enOne, "other", c.enOther)
		avenir.SetPlural(language.French, c.key, c.arg, "one", c.frOne, "other", c.frOther)
	}
}

package web

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// nbsp makes no-break spaces visible to the eye in expectations.
func nbsp(s string) string { return strings.NewReplacer("\u00a0", "_", "\u202f", "_").Replace(s) }

func TestCountedTexts(t *testing.T) {
	tests := []struct {
		lang language.Tag
		key  string
		n    int
		want string
	}{
		{language.French, "%d replies", 0, "0 réponse"},
		{language.French, "%d replies", 1, "1 réponse"},
		{language.French, "%d replies", 2, "2 réponses"},
		{language.French, "%d replies", 1500, "1_500 réponses"},
		{language.English, "%d replies", 0, "0 replies"},
		{language.English, "%d replies", 1, "1 reply"},
		{language.English, "%d replies", 2, "2 replies"},
		{language.English, "%d replies", 1500, "1,500 replies"},
		{language.French, "%d followers", 1, "1 abonné"},
		{language.French, "%d followers", 3, "3 abonnés"},
		{language.English, "%d followers", 1, "1 follower"},
		{language.French, "%d supports", 1, "1 soutien"},
		{language.English, "%d supports", 1, "1 support"},
		{language.French, "%d members may vote", 1, "1 adhérent peut voter"},
		{language.French, "%d members may vote", 12, "12 adhérents peuvent voter"},
		{language.English, "%d members may vote", 1, "1 member may vote"},
		{language.French, "%d shifts", 1, "1 créneau"},
		{language.French, "%d shifts", 2, "2 créneaux"},
		{language.French, "%d unread notifications", 1, "1 notification non lue"},
		{language.English, "%d unread notifications", 1, "1 unread notification"},
		{language.French, "You block %d members.", 1, "Vous bloquez 1 membre."},
		{language.English, "You block %d members.", 2, "You block 2 members."},
		{language.French, "Unlimited (%d going)", 1, "Illimitées (1 inscrit)"},
		{language.French, "As many as come (%d accepted)", 1, "Autant qu’il en vient (1 accepté·e)"},
		{language.French, "Renewals due within %d days", 30, "Renouvellements dans les 30 jours"},
		{language.English, "Renewals due within %d days", 1, "Renewals due within 1 day"},
	}
	for _, tt := range tests {
		t.Run(tt.lang.String()+"/"+tt.key+"/"+strconv.Itoa(tt.n), func(t *testing.T) {
			assert.Equal(t, tt.want, nbsp(avenir.Localize(tt.lang, tt.key, tt.n)))
		})
	}
	// The domain packages' counted texts, as the pages and mails show them.
	domain := []struct {
		lang language.Tag
		key  string
		n    int
		want string
	}{
		{language.French, "Every place is taken: %d volunteers are already accepted.", 1, "Toutes les places sont prises : 1 bénévole est déjà accepté."},
		{language.French, "Every place is taken: %d volunteers are already accepted.", 2, "Toutes les places sont prises : 2 bénévoles sont déjà acceptés."},
		{language.English, "Every place is taken: %d volunteers are already accepted.", 1, "Every place is taken: 1 volunteer is already accepted."},
		{language.French, "The file has %d invalid lines; nothing was imported.", 1, "Le fichier compte 1 ligne non valide ; rien n’a été importé."},
		{language.English, "The file has %d invalid lines; nothing was imported.", 1, "The file has 1 invalid line; nothing was imported."},
		{language.French, "Your day on the network: %d notifications", 1, "Votre journée sur le réseau : 1 notification"},
		{language.English, "Your day on the network: %d notifications", 3, "Your day on the network: 3 notifications"},
	}
	for _, tt := range domain {
		assert.Equal(t, tt.want, avenir.Localize(tt.lang, tt.key, tt.n))
	}
	// Two numbers: the first one counts.
	assert.Equal(t, "1 amendement, dont 1 repris", avenir.Localize(language.French, "%d amendments, %d taken in", 1, 1))
	assert.Equal(t, "3 amendements, dont 1 repris", avenir.Localize(language.French, "%d amendments, %d taken in", 3, 1))
	assert.Equal(t, "1 amendment, 0 taken in", avenir.Localize(language.English, "%d amendments, %d taken in", 1, 0))
}

func TestFormatting(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	evening := time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC) // 18:30 in Paris
	first := time.Date(2026, 11, 30, 23, 5, 0, 0, time.UTC)    // 1 December in Paris
	tests := []struct {
		name string
		lang language.Tag
		got  string
		want string
	}{
		{"date", language.French, formatDate(language.French, paris, evening), "24 novembre 2026"},
		{"date", language.English, formatDate(language.English, paris, evening), "24 November 2026"},
		{"first of the month, in the network's zone", language.French, formatDate(language.French, paris, first), "1er décembre 2026"},
		{"first of the month", language.English, formatDate(language.English, paris, first), "1 December 2026"},
		{"no date", language.French, formatDate(language.French, paris, time.Time{}), "—"},
		{"date and time", language.French, formatDateTime(language.French, paris, evening), "24 novembre 2026 à 18:30"},
		{"date and time", language.English, formatDateTime(language.English, paris, evening), "24 November 2026, 18:30"},
		{"no time", language.English, formatDateTime(language.English, paris, time.Time{}), "—"},
		{"money", language.French, formatMoney(language.French, 123450, "EUR"), "1_234,50_€"},
		{"money", language.English, formatMoney(language.English, 123450, "EUR"), "€1,234.50"},
		{"cents", language.French, formatMoney(language.French, 5, "EUR"), "0,05_€"},
		{"negative", language.English, formatMoney(language.English, -1999, "EUR"), "-€19.99"},
		{"another currency", language.English, formatMoney(language.English, 1000, "SEK"), "SEK_10.00"},
		{"number", language.French, avenir.Localize(language.French, "%d", 1234567), "1_234_567"},
		{"number", language.English, avenir.Localize(language.English, "%d", 1234567), "1,234,567"},
	}
	for _, tt := range tests {
		t.Run(tt.lang.String()+"/"+tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, nbsp(tt.got))
		})
	}
}

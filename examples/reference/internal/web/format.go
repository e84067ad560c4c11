package web

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The months, as each language writes them in a date.
var monthNames = map[string][12]string{
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// base returns the language's two-letter code, "fr" for anything Avenir
// does not speak.
func base(lang language.Tag) string {
	b, _ := lang.Base()
	if _, ok := monthNames[b.String()]; ok {
		return b.String()
	}
	return "fr"
}

// formatDate writes a day as lang does: "1er décembre 2026", "24 November
// 2026"; "—" for no date.
func formatDate(lang language.Tag, loc *time.Location, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(loc)
	l := base(lang)
	day := strconv.Itoa(t.Day())
	if l == "fr" && t.Day() == 1 {
		day = "1er"
	}
	return day + " " + monthNames[l][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// formatDateTime writes a day and its time, on a 24-hour clock in both
// languages: "24 novembre 2026 à 18:30", "24 November 2026, 18:30".
func formatDateTime(lang language.Tag, loc *time.Location, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	sep := ", "
	if base(lang) == "fr" {
		sep = " à "
	}
	return formatDate(lang, loc, t) + sep + t.In(loc).Format("15:04")
}

// formatMoney writes an amount in cents of an ISO 4217 currency as lang
// does: "1 234,50 €", "€1,234.50". Currencies without a sign here show
// their code.
func formatMoney(lang language.Tag, cents int64, currency string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	units := avenir.Localize(lang, "%d", cents/100) // grouped as lang groups digits
	symbol, ok := map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}[currency]
	if !ok {
		symbol = currency
	}
	if base(lang) == "fr" {
		return sign + units + "," + twoDigits(cents%100) + "\u00a0" + symbol
	}
	if len(symbol) > 1 && !strings.ContainsAny(symbol, "€$£") {
		symbol += "\u00a0"
	}
	return sign + symbol + units + "." + twoDigits(cents%100)
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

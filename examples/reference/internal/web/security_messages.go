package web

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French texts of the server's security: rate limits and API tokens.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"Too many requests. Please try again in %d minutes.": "Trop de demandes. Veuillez réessayer dans %d minutes.",
	})
}

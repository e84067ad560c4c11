package network

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// The French of the relay's, notifications' and webhooks' messages.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		// Relay.
		"The consumer name %q is not valid.":         "Le nom de consommateur %q n’est pas valide.",
		"A consumer named %q is already registered.": "Un consommateur nommé %q est déjà inscrit.",
	})
}
